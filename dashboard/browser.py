"""Drive the dashboard in Debian's headless Chromium: serve the app, cut the network, read the page.

Shared by the browser tests, the screenshot script and the scale benchmark, so all three load the
page the same way; it lives in the product so that neither the benchmark nor the script imports
``tests``. Playwright (a test dependency) is imported only by whoever passes one in.
Chromium is the system one (/usr/bin/chromium); Playwright's own browser download is never used,
and every request that leaves the loopback interface is aborted and recorded, because the dashboard
must work offline.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from werkzeug.serving import make_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
VIEWPORT = {"width": 1400, "height": 1000}
GRAPH_IDS = ("timeline", "map")
TABLE_ROWS = "#event-table .ag-center-cols-container .ag-row, #event-table tbody tr:has(td)"
COUNT_PATTERN = re.compile(r"\d[\d,.\u202f\u00a0 ]*")


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium with the project's fixed flags (no sandbox/GPU/QUIC/background traffic)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"Chromium not found at {CHROMIUM}")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(LAUNCH_ARGS))


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve a Dash app's Flask server on a free loopback port in a thread; yields its base URL."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="dash-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@dataclass
class PageWatch:
    """What a page did that it should not: requests beyond loopback, console errors, JS exceptions;
    and its console warnings (some come from Chromium's software rendering, so tests pick theirs)."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    console_warnings: list[str] = field(default_factory=list)

    def guard(self, context: BrowserContext) -> None:
        """Abort (and record) every request whose host is not loopback, for all pages and workers."""
        context.route("**/*", self._route)

    def listen(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)
        elif message.type == "warning":
            self.console_warnings.append(message.text)

    def _route(self, route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.hostname in LOOPBACK_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@contextmanager
def open_page(browser: Browser, *, viewport: dict | None = None) -> Iterator[tuple[Page, PageWatch]]:
    """A fresh context + page with the network guard and console listener attached."""
    context = browser.new_context(viewport=viewport or VIEWPORT, accept_downloads=True)
    watch = PageWatch()
    watch.guard(context)
    page = context.new_page()
    watch.listen(page)
    try:
        yield page, watch
    finally:
        context.close()


def graphs_rendered_js(graph_ids: tuple[str, ...] = GRAPH_IDS) -> str:
    """JS predicate: every graph has drawn its plotly SVG and Dash has no callback in flight."""
    ids = ", ".join(f"'{graph_id}'" for graph_id in graph_ids)
    return f"""() => {{
        const drawn = [{ids}].every(id => {{
            const graph = document.getElementById(id);
            return graph && graph.querySelector('.js-plotly-plot .main-svg');
        }});
        const count = document.getElementById('event-count');
        const busy = document.querySelector('[data-dash-is-loading="true"]');
        return Boolean(drawn && count && /\\d/.test(count.innerText) && !busy);
    }}"""


def wait_ready(page: Page, *, timeout_ms: float = 30_000) -> None:
    """Until the timeline and map are drawn and #event-count shows a number."""
    page.wait_for_function(graphs_rendered_js(), timeout=timeout_ms, polling=50)


def read_count(page: Page) -> int | None:
    """The first number in #event-count ('1,234 events' -> 1234); None if there is none yet."""
    text = page.inner_text("#event-count")
    match = COUNT_PATTERN.search(text)
    return int(re.sub(r"\D", "", match.group())) if match else None


def wait_count(page: Page, expected: int, *, timeout_s: float = 15.0) -> int | None:
    """Poll #event-count until it shows `expected` (returns the last value seen, for the assert)."""
    deadline = time.monotonic() + timeout_s
    value = read_count(page)
    while value != expected and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        value = read_count(page)
    return value


def toggle_options(page: Page, component_id: str, labels: list[str]) -> None:
    """Click options of a Dash 4 dcc.Dropdown (multi: each click toggles), then close it."""
    page.click(f"#{component_id}")
    for label in labels:
        page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")


def set_date_range(page: Page, component_id: str, start: str, end: str) -> None:
    """Type ISO dates into a dcc.DatePickerRange's two inputs (start input carries the component id)."""
    for selector, value in ((f"#{component_id}", start), (f"#{component_id}-end-date", end)):
        page.fill(selector, value)
        page.press(selector, "Enter")
    page.keyboard.press("Escape")
