"""End-to-end user paths in headless Chromium on the hand-written fixture records (events.jsonl).

Expected counts come from pandas over the same file, with the dashboard's documented meaning:
actors and types match any of the chosen values, a date range keeps events whose interval
overlaps it, free text needs every word somewhere in the sentence, place or actors.
"""
from __future__ import annotations

import base64
from urllib.parse import urlencode

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.browser import TABLE_ROWS, read_count, set_date_range, toggle_options, wait_count, wait_ready

pytestmark = pytest.mark.browser


def expected_count(events: pd.DataFrame, *, actors=(), types=(), date_from=None, date_to=None, text="") -> int:
    """The oracle: how many fixture events a filter should leave."""
    keep = pd.Series(True, index=events.index)
    if actors:
        keep &= events["actors"].map(lambda names: bool(set(actors) & set(names)))
    if types:
        keep &= events["event_type"].isin(types)
    if date_from:
        keep &= events["date_end"] >= date_from
    if date_to:
        keep &= events["date_start"] <= date_to
    haystack = (events["sentence"] + " " + events["place_name"].fillna("") + " "
                + events["actors"].map(" ".join)).str.lower()
    for word in text.lower().split():
        keep &= haystack.str.contains(word, regex=False)
    return int(keep.sum())


def load(page, app_url: str, query: str = "") -> None:
    page.goto(app_url + "/" + query)
    wait_ready(page)


def test_loads_without_console_errors_or_network_requests(page, watch, app_url, fixture_events) -> None:
    load(page, app_url)
    toggle_options(page, "actor-filter", ["Russia"])
    wait_count(page, expected_count(fixture_events, actors=["Russia"]))
    wait_ready(page)
    assert watch.blocked == [], f"the app tried to reach the network: {watch.blocked}"
    assert watch.console_errors == []


def test_initial_count_is_every_event(page, app_url, fixture_events) -> None:
    load(page, app_url)
    assert read_count(page) == len(fixture_events)


def test_map_draws_country_shapes(page, watch, app_url) -> None:
    """Plotly geo draws each base layer as one (clipped) path; an offline app without local topojson
    draws none. Borders must have several pieces and span most of the map's width."""
    load(page, app_url)
    try:
        page.wait_for_selector("#map .geo .layer.countries path", state="attached", timeout=15_000)
    except PlaywrightTimeout:
        pass  # the assertions below say what is missing
    layers = page.evaluate("""() => Object.fromEntries(['countries', 'land'].map(name => {
        const paths = Array.from(document.querySelectorAll(`#map .geo .layer.${name} path`));
        const pieces = paths.map(p => (p.getAttribute('d') || '').split('M').length - 1).reduce((a, b) => a + b, 0);
        const width = Math.max(0, ...paths.map(p => p.getBBox().width));
        return [name, {pieces, width}];
    }).concat([['frame', document.querySelector('#map .geo .bglayer rect, #map .geo .layer.frame path')
                          ?.getBBox().width || 0]]))""")
    assert watch.blocked == [], f"map assets fetched from the network: {watch.blocked}"
    assert layers["countries"]["pieces"] >= 5, f"country borders not drawn: {layers}"
    assert layers["land"]["pieces"] >= 1, f"land not drawn: {layers}"
    assert layers["countries"]["width"] >= 0.5 * layers["frame"] > 0, f"borders cover too little of the map: {layers}"


@pytest.mark.parametrize("labels", [["Russia"], ["NATO", "CSTO"], ["Karim Massimov"]])
def test_actor_filter_changes_count(page, app_url, fixture_events, labels) -> None:
    load(page, app_url)
    toggle_options(page, "actor-filter", labels)
    expected = expected_count(fixture_events, actors=labels)
    assert wait_count(page, expected) == expected


@pytest.mark.parametrize("labels", [["protest"], ["coerce", "agree"]])
def test_type_filter_changes_count(page, app_url, fixture_events, labels) -> None:
    load(page, app_url)
    toggle_options(page, "type-filter", labels)
    expected = expected_count(fixture_events, types=labels)
    assert wait_count(page, expected) == expected


@pytest.mark.parametrize(("start", "end"), [("2022-01-01", "2022-01-31"), ("1991-12-01", "1991-12-31"),
                                            ("2014-04-01", "2014-12-31")])
def test_date_range_changes_count(page, app_url, fixture_events, start, end) -> None:
    load(page, app_url)
    set_date_range(page, "date-range", start, end)
    expected = expected_count(fixture_events, date_from=start, date_to=end)
    assert wait_count(page, expected) == expected


@pytest.mark.parametrize("text", ["treason", "Almaty", "russian troops"])
def test_free_text_changes_count(page, app_url, fixture_events, text) -> None:
    load(page, app_url)
    box = page.locator("#text-filter")
    box.fill(text)
    box.press("Enter")
    expected = expected_count(fixture_events, text=text)
    assert wait_count(page, expected) == expected


@pytest.mark.parametrize("params", [
    {"actor": "Russia", "from": "2022-01-01", "to": "2022-01-31"},
    {"type": "coerce", "q": "january"},
    {"actor": ["NATO", "Belarus"], "to": "2014-12-31"},
])
def test_pasted_url_restores_filters(page, app_url, fixture_events, params) -> None:
    load(page, app_url, "?" + urlencode(params, doseq=True))
    actors = [params["actor"]] if isinstance(params.get("actor"), str) else params.get("actor", [])
    expected = expected_count(fixture_events, actors=actors, types=[params["type"]] if "type" in params else [],
                              date_from=params.get("from"), date_to=params.get("to"), text=params.get("q", ""))
    assert wait_count(page, expected) == expected
    for actor in actors:
        assert actor in page.inner_text("#actor-filter")
    if "from" in params:
        assert page.input_value("#date-range") == params["from"]
    if "type" in params:
        assert params["type"] in page.inner_text("#type-filter")
    if "q" in params:
        assert page.input_value("#text-filter") == params["q"]


def _sentence(events: pd.DataFrame, word: str) -> str:
    (sentence,) = events.loc[events["sentence"].str.contains(word), "sentence"]
    return sentence


def test_clicking_a_table_row_shows_its_sentence(page, app_url, fixture_events) -> None:
    load(page, app_url, "?q=treason")
    assert wait_count(page, 1) == 1
    page.locator(TABLE_ROWS).first.click()
    page.wait_for_function("() => document.getElementById('evidence').innerText.includes('treason')",
                           timeout=10_000)
    assert _sentence(fixture_events, "treason") in page.inner_text("#evidence")


def test_clicking_a_map_marker_shows_its_sentence(page, app_url, fixture_events) -> None:
    """Plotly geo picks points on hover, so move onto each marker and click it."""
    load(page, app_url, "?q=treason")
    assert wait_count(page, 1) == 1
    sentence = _sentence(fixture_events, "treason")
    points = page.locator("#map .scattergeo .point")
    assert points.count() >= 1, "no markers on the map"
    for index in range(points.count()):
        points.nth(index).scroll_into_view_if_needed()
        box = points.nth(index).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(400)
        if sentence in page.inner_text("#evidence"):
            return
    pytest.fail(f"no marker click put the sentence into #evidence: {page.inner_text('#evidence')!r}")


def test_html_in_a_sentence_is_shown_as_text(page, app_url, fixture_events) -> None:
    load(page, app_url, "?q=bold")
    assert wait_count(page, 1) == 1
    page.locator(TABLE_ROWS).first.click()
    page.wait_for_function("() => document.getElementById('evidence').innerText.includes('Bold')", timeout=10_000)
    evidence = page.inner_text("#evidence")
    assert "<b>Bold</b>" in evidence and "<script>" in evidence
    assert page.evaluate("() => document.querySelector('#evidence b, #evidence script') === null")
    assert page.evaluate("() => window.__dalaInjected === undefined")


def test_download_view_delivers_a_png_that_is_not_blank(page, app_url, tmp_path) -> None:
    load(page, app_url)
    with page.expect_download(timeout=30_000) as download_info:
        page.click("#download-view")
        # while the image renders, the button says so and cannot be clicked twice
        page.wait_for_function("() => document.getElementById('download-view').disabled", timeout=5_000)
        assert page.inner_text("#download-view") == "Rendering image…"
    page.wait_for_function("() => !document.getElementById('download-view').disabled", timeout=10_000)
    assert page.inner_text("#download-view") == "Download view"
    path = tmp_path / "view.png"
    download_info.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), f"not a PNG: {data[:16]!r}"
    stats = image_stats(page, data)
    assert stats["width"] >= 300 and stats["height"] >= 200, stats
    assert stats["non_background_share"] > 0.02, f"PNG is (almost) blank: {stats}"
    assert stats["colours"] > 16, f"PNG has too few colours to hold a chart: {stats}"


def image_stats(page, png: bytes) -> dict:
    """Decode the PNG in the browser (no imaging library needed): size, colour count, non-background share."""
    return page.evaluate("""async (b64) => {
        const image = new Image();
        image.src = 'data:image/png;base64,' + b64;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set(); let different = 0;
        const [r0, g0, b0] = [pixels[0], pixels[1], pixels[2]];
        for (let i = 0; i < pixels.length; i += 4) {
            if (colours.size < 5000) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
            const distance = Math.abs(pixels[i] - r0) + Math.abs(pixels[i + 1] - g0) + Math.abs(pixels[i + 2] - b0);
            if (distance > 30) different++;
        }
        return {width: canvas.width, height: canvas.height, colours: colours.size,
                non_background_share: different / (pixels.length / 4)};
    }""", base64.b64encode(png).decode("ascii"))
