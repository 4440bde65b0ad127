"""Reviewing in the browser: confirm, correct and reject an event from the evidence panel; the
decisions survive a reload (they are in the review file beside the data) and reach the CSV export."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from dashboard.browser import TABLE_ROWS, read_count, serve, wait_count, wait_ready
from dashboard.review import read_reviews, review_path

pytestmark = pytest.mark.browser
FIXTURE_RECORDS = Path(__file__).with_name("events.jsonl")


def select_row(page, number: int) -> str:
    """Click the table's row `number`; returns the event id the evidence panel then shows."""
    row = page.locator(TABLE_ROWS).nth(number)
    event_id = row.get_attribute("row-id")
    row.click()
    page.wait_for_selector(f"#event-table .ag-row-selected[row-id='{event_id}']", timeout=10_000)  # the app chose it
    page.wait_for_timeout(300)  # and the evidence callback, which answers with the selection, has landed
    return event_id


def decide(page, button: str, expected: str) -> None:
    page.click(f"#{button}")
    page.wait_for_function(f"() => document.getElementById('review-message').innerText.includes({expected!r})",
                           timeout=15_000)


def test_confirm_correct_reject_survive_a_reload_and_reach_the_csv(page, tmp_path: Path) -> None:
    from dashboard.app import create_app

    data = tmp_path / "events.jsonl"
    shutil.copy(FIXTURE_RECORDS, data)
    with serve(create_app(data)) as url:
        page.goto(url + "/")
        wait_ready(page)
        total = read_count(page)
        page.click("details.review summary")
        page.fill("#reviewer", "tester")
        confirmed = select_row(page, 0)
        decide(page, "review-confirm", f"{confirmed} confirmed by tester")
        corrected = select_row(page, 1)
        page.fill("#review-place", "Zhanaozen")
        decide(page, "review-correct", f"{corrected} corrected by tester")
        assert "Zhanaozen" in page.inner_text("#evidence")
        rejected = select_row(page, 2)
        decide(page, "review-reject", f"{rejected} rejected by tester")
        assert wait_count(page, total - 1) == total - 1  # a rejected record is hidden by default

        page.reload()
        wait_ready(page)
        assert wait_count(page, total - 1) == total - 1  # the decisions are in the file, not the page
        page.check("#show-rejected input")
        assert wait_count(page, total) == total
        assert page.locator("#records-format input[value='.csv']").is_checked()  # the default format
        with page.expect_download(timeout=30_000) as download_info:
            page.click("#download-records")
        content = Path(download_info.value.path()).read_text(encoding="utf-8")
        page.goto("about:blank")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(content))}
    assert (rows[confirmed]["review"], rows[corrected]["review"], rows[rejected]["review"]) == (
        "confirmed", "corrected", "rejected")
    assert rows[corrected]["place_name"] == "Zhanaozen"
    reviews = read_reviews(review_path(data))
    assert [decision.reviewer for _, decision in reviews.decisions] == ["tester"] * 3 and reviews.problems == ()
