"""Regenerate docs/screenshots/: the whole dashboard and a filtered view with the evidence panel open.

    python -m tests.browser.screenshots        (or: python tests/browser/screenshots.py)

Uses the built-in records when the dashboard ships them, else the browser-test fixture records.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if __package__ in (None, ""):  # run as a plain path: make the repository importable
    sys.path.insert(0, str(REPO))

from playwright.sync_api import Page, sync_playwright

from dashboard.browser import TABLE_ROWS, launch_chromium, open_page, serve, wait_ready
from dashboard.data import BUILTIN_RECORDS

FIXTURE_RECORDS = Path(__file__).with_name("events.jsonl")

OUT_DIR = REPO / "docs" / "screenshots"
FILTERED_QUERY = "?actor=Russia&from=2022-01-01&to=2022-01-31"
VIEWPORT = {"width": 1440, "height": 900}  # the screen the layout is made for: timeline, map and evidence on it

def settle(page: Page) -> None:
    """Ready, scrolled to the top (sticky header and sidebar otherwise land mid-picture in a full-page
    shot), plus a moment for plotly transitions and fonts so the picture is final."""
    wait_ready(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(800)


def take_screenshots(records: Path, out_dir: Path = OUT_DIR) -> list[Path]:
    from dashboard.app import create_app

    out_dir.mkdir(parents=True, exist_ok=True)
    whole, filtered = out_dir / "dashboard.png", out_dir / "filtered.png"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with serve(create_app(records)) as url, open_page(browser, viewport=VIEWPORT) as (page, watch):
            page.goto(url + "/")
            settle(page)
            page.screenshot(path=whole, full_page=True)
            page.goto(url + "/" + FILTERED_QUERY)
            settle(page)
            page.locator(TABLE_ROWS).first.click()
            page.wait_for_function("() => document.getElementById('evidence').innerText.trim().length > 20",
                                   timeout=10_000)
            settle(page)
            page.screenshot(path=filtered, full_page=True)
            if watch.blocked or watch.console_errors:
                print(f"warning: blocked {watch.blocked}, console errors {watch.console_errors}", file=sys.stderr)
        browser.close()
    return [whole, filtered]


def main() -> int:
    records = BUILTIN_RECORDS if BUILTIN_RECORDS.is_file() else FIXTURE_RECORDS
    for path in take_screenshots(records):
        print(f"wrote {path.relative_to(REPO)} ({records.relative_to(REPO)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
