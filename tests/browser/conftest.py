"""Browser fixtures: one Chromium per session, the dashboard served on the fixture records, a guarded page.

Test modules here carry `pytestmark = pytest.mark.browser`; the only reason to skip is a missing
/usr/bin/chromium.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard.browser import CHROMIUM, PageWatch, launch_chromium, open_page, serve

FIXTURE_RECORDS = Path(__file__).with_name("events.jsonl")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def fixture_events() -> pd.DataFrame:
    """The hand-written records as pandas sees them: the oracle for expected counts."""
    records = pd.read_json(FIXTURE_RECORDS, lines=True, dtype=False)
    return records[records["kind"] == "event"].reset_index(drop=True)


@pytest.fixture(scope="session")
def app_url(browser) -> Iterator[str]:
    """The dashboard on the fixture records, served once for the whole session."""
    from dashboard.app import create_app

    with serve(create_app(FIXTURE_RECORDS)) as url:
        yield url


@pytest.fixture()
def guarded(browser) -> Iterator[tuple]:
    """(page, watch): a fresh 1400x1000 page whose off-loopback requests are aborted and recorded.

    Any test whose page tried to leave the machine or logged a console error fails at teardown,
    whatever it asserted itself.
    """
    with open_page(browser) as (page, watch):
        yield page, watch
    if watch.blocked or watch.console_errors:
        pytest.fail(f"network requests: {watch.blocked}; console errors: {watch.console_errors}")


@pytest.fixture()
def page(guarded):
    return guarded[0]


@pytest.fixture()
def watch(guarded) -> PageWatch:
    return guarded[1]
