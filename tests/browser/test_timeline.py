"""The timeline in headless Chromium: a zoom survives the redraw it causes and lands in the URL, a
pasted URL restores it, an interval bar answers the mouse in its middle, and at 1440x900 the
timeline, the map and the evidence share the first screen (with an unclipped date picker)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard.browser import open_page, read_count, wait_ready

pytestmark = pytest.mark.browser

SCREEN = {"width": 1440, "height": 900}
X_RANGE = "() => document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis.range.map(String)"
X_RANGE_MS = """() => { const axis = document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis;
                       return axis.range.map(value => axis.r2l(value)); }"""
# Page coordinates of a point of a trace of `mode` on screen (for bars: the middle of the visible part
# of the longest one), with what a hover on it should say and how far that spot is from the bar's ends.
TARGET = """(mode) => {
    const graph = document.querySelector('#timeline .js-plotly-plot');
    const {xaxis, yaxis} = graph._fullLayout;
    const box = graph.querySelector('.main-svg').getBoundingClientRect();
    const [low, high] = xaxis.range.map(value => xaxis.r2l(value));
    const px = x => box.left + xaxis._offset + xaxis.l2p(x), py = y => box.top + yaxis._offset + yaxis.l2p(y);
    let best = null;
    for (const trace of graph._fullData) {
        if (trace.mode !== mode || !trace.hovertext) continue;
        const step = mode === 'markers' ? 1 : 3;
        for (let i = 0; i + step - 1 < trace.x.length; i += step) {
            const [start, end] = mode === 'markers' ? [trace.x[i], trace.x[i]]
                : [Math.max(trace.x[i], low), Math.min(trace.x[i + 1], high)];
            const x = (start + end) / 2;
            if (x < low || x > high) continue;
            const fromEnds = mode === 'markers' ? 0 : Math.min(px(x) - px(trace.x[i]), px(trace.x[i + 1]) - px(x));
            if (best === null || fromEnds > best.fromEnds)
                best = {x: px(x), y: py(trace.y[i]), label: trace.hovertext[i].split('<br>')[0], fromEnds};
        }
    }
    return best;
}"""


def load(page, app_url: str, query: str = "") -> None:
    """Open the page and wait until it is drawn and its graphs have their final size: a responsive
    graph's resize after the first draw ({"autosize": true}) would otherwise replace the gesture
    that follows it in relayoutData before Dash reads it."""
    page.goto(app_url + "/" + query)
    wait_ready(page)
    page.wait_for_function("""() => new Promise(done => {
        const size = () => document.getElementById('timeline').getBoundingClientRect().width;
        const first = size();
        setTimeout(() => done(size() === first), 400);
    })""", timeout=10_000)


@pytest.fixture()
def screen(browser) -> Iterator:
    """A guarded 1440x900 page (the size the layout is made for), failing on network or console errors."""
    with open_page(browser, viewport=SCREEN) as (page, watch):
        yield page
    if watch.blocked or watch.console_errors:
        pytest.fail(f"network requests: {watch.blocked}; console errors: {watch.console_errors}")


def drag_zoom(page, left: float, right: float) -> None:
    """Drag across the timeline's plot area from `left` to `right` (fractions of its width)."""
    box = page.locator("#timeline .nsewdrag").first.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * left, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * right, y, steps=6)
    page.mouse.up()


def test_a_zoom_sticks_across_the_redraw_and_lands_in_the_url(page, app_url, fixture_events) -> None:
    load(page, app_url)
    before = page.evaluate(X_RANGE_MS)
    drag_zoom(page, 0.3, 0.6)
    zoomed = page.evaluate(X_RANGE_MS)
    assert zoomed[1] - zoomed[0] < 0.5 * (before[1] - before[0])
    page.wait_for_function("() => location.search.includes('window=')", timeout=10_000)
    page.wait_for_function(f"() => !document.getElementById('event-count').innerText.startsWith('{len(fixture_events)} ')",
                           timeout=10_000)  # the window filtered the other views: they were redrawn
    wait_ready(page)
    page.wait_for_timeout(1_000)
    after = page.evaluate(X_RANGE_MS)
    assert after == pytest.approx(zoomed, abs=1), "the redraw reset the zoom"
    count, url = read_count(page), page.url

    page.goto(url)
    wait_ready(page)
    page.wait_for_function(f"() => document.getElementById('event-count').innerText.startsWith('{count} ')",
                           timeout=10_000)
    wait_ready(page)
    assert page.evaluate(X_RANGE_MS) == pytest.approx(zoomed, abs=60_000)  # the URL keeps minutes
    assert "window=" in page.url


def test_the_range_buttons_never_open_on_an_empty_axis(page, app_url) -> None:
    load(page, app_url)
    labels = page.evaluate("() => Array.from(document.querySelectorAll('#timeline .rangeselector .button'))"
                           ".map(button => button.textContent)")
    assert labels and labels[-1] == "all"
    for label in labels[:-1]:
        load(page, app_url)
        page.locator("#timeline .rangeselector .button").nth(labels.index(label)).click()
        page.wait_for_function("() => location.search.includes('window=')", timeout=10_000)
        wait_ready(page)
        assert (read_count(page) or 0) > 0, f"{label} showed no event"


def test_hovering_the_middle_of_an_interval_bar_shows_its_tooltip(page, app_url) -> None:
    load(page, app_url, "?window=2013-07-01/2015-07-01")  # 2014 as a year-long bar across half the axis
    target = page.evaluate(TARGET, "lines+markers")
    assert target is not None, "no interval bar on screen"
    assert target["fromEnds"] > 60, f"the bar's middle should be far from its ends: {target}"
    page.mouse.move(target["x"], target["y"])
    page.wait_for_function("(label) => Array.from(document.querySelectorAll('#timeline .hoverlayer .hovertext'))"
                           ".some(node => node.textContent.includes(label))", arg=target["label"], timeout=5_000)
    page.mouse.click(target["x"], target["y"])
    page.wait_for_function("() => document.getElementById('evidence').innerText.includes('Confidence')",
                           timeout=10_000)


def test_timeline_map_and_evidence_share_the_first_screen(screen, app_url) -> None:
    load(screen, app_url)
    target = screen.evaluate(TARGET, "markers")
    screen.mouse.move(target["x"], target["y"])
    screen.mouse.click(target["x"], target["y"])
    screen.wait_for_function("() => document.getElementById('evidence').innerText.includes('Confidence')",
                             timeout=10_000)
    assert screen.evaluate("() => window.scrollY") == 0
    for selector in ("#timeline", "#map", ".evidence-card"):
        box = screen.locator(selector).bounding_box()
        assert box["height"] > 150, (selector, box)
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= SCREEN["width"] \
            and box["y"] + box["height"] <= SCREEN["height"], (selector, box)


def test_the_date_picker_opens_unclipped_on_the_events_month(screen, app_url) -> None:
    load(screen, app_url)
    screen.click("#date-range")
    calendar = screen.locator(".dash-datepicker-calendar-container").first
    calendar.wait_for(timeout=5_000)
    headers = " ".join(screen.locator(".dash-datepicker-calendar-month-header").all_inner_texts())
    assert "2022" in headers or "2022" in screen.locator(".dash-datepicker-controls").first.inner_text() \
        or "2022" in str(screen.evaluate("() => Array.from(document.querySelectorAll('.dash-datepicker-controls input'))"
                                         ".map(input => input.value)")), headers
    box = calendar.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= SCREEN["width"] \
        and box["y"] + box["height"] <= SCREEN["height"], box
    covered = screen.evaluate("""(points) => points.filter(([x, y]) =>
        !document.elementFromPoint(x, y)?.closest('.dash-datepicker-content'))""",
        [[box["x"] + box["width"] * fx, box["y"] + box["height"] * fy] for fx in (0.1, 0.5, 0.9) for fy in (0.1, 0.5, 0.9)])
    assert covered == [], f"something covers the calendar at {covered}"
