"""Smoke test on the records shipped with the dashboard (dashboard/builtin/records.jsonl), if any."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.browser import read_count, serve, wait_ready
from dashboard.data import BUILTIN_RECORDS

pytestmark = pytest.mark.browser


def test_builtin_records_load_offline_without_errors(page, watch) -> None:
    if not BUILTIN_RECORDS.is_file():
        pytest.skip(f"no built-in records at {BUILTIN_RECORDS}")
    from dashboard.app import create_app

    records = pd.read_json(BUILTIN_RECORDS, lines=True, dtype=False)
    with serve(create_app(BUILTIN_RECORDS)) as url:
        page.goto(url + "/")
        wait_ready(page)
        asserted = records["mode"].fillna("asserted") == "asserted" if "mode" in records else True
        assert read_count(page) == int(((records["kind"] == "event") & asserted).sum())  # the default view
        page.wait_for_selector("#map .geo .layer.countries path", state="attached", timeout=15_000)
        page.wait_for_load_state("networkidle")
        page.goto("about:blank")  # leave before the server stops, so no callback is cut off mid-flight
    assert watch.blocked == [], f"the app tried to reach the network: {watch.blocked}"
    assert watch.console_errors == []
    assert [warning for warning in watch.console_warnings if "AG Grid" in warning] == []  # e.g. #94/#95: page sizes
