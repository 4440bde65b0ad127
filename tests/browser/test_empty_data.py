"""The dashboard on records with no events (an empty file, or the sites an export with no match writes)."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.browser import read_count, serve, wait_ready

pytestmark = pytest.mark.browser

SITE = ('{"kind": "site", "id": "s1", "doc_id": "d", "name": "Almaty", "category": "city", "lat": 43.25, '
        '"lon": 76.92, "country_code": "KZ", "geonames_id": 1526384, "place_text": "Almaty", '
        '"sentence": "In Almaty.", "char_start": 0, "char_end": 10}\n')


@pytest.mark.parametrize("content", ["", SITE], ids=["empty", "sites-only"])
def test_records_without_events_are_served_as_an_empty_view(page, tmp_path: Path, content: str) -> None:
    from dashboard.app import create_app

    records = tmp_path / "records.jsonl"
    records.write_text(content, encoding="utf-8")
    with serve(create_app(records)) as url:
        page.goto(url)
        wait_ready(page)
        assert read_count(page) == 0
