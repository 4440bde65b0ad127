"""Events in any year 1-9999 (history texts, far-future typos) load, filter, draw and export.

pandas Timestamps stop at 1677 and 2262; the dashboard keeps dates as epoch milliseconds computed
from the calendar, which covers every year the record model allows.
"""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from dala.cli import main
from dashboard.app import create_app
from dashboard.data import DAY_MS, Dataset, load_records, prepare
from dashboard.export import caption_text, export_records, view_figure
from dashboard.figures import build_timeline
from dashboard.filters import Filters, describe, filter_events, filters_from_query, filters_to_query
from dashboard.views import compute_views, time_bounds, view_note, window_from_relayout

RECORDS = Path(__file__).with_name("test_dashboard_records.jsonl")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EPOCH = date(1970, 1, 1).toordinal()
# id -> (date_start, date_end): day points in four centuries far outside pandas' range, one bar
DATES = {"e1": ("1000-03-01", "1000-03-01"), "e2": ("1500-06-15", "1500-06-15"),
         "e3": ("3000-01-01", "3000-01-01"), "e4": ("9999-12-01", "9999-12-31"),
         "e5": ("0001-01-01", "0001-01-01")}


def ms(day: str) -> float:
    return (date.fromisoformat(day).toordinal() - EPOCH) * DAY_MS


@pytest.fixture(scope="module")
def records_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [json.loads(line) for line in RECORDS.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row.get("id") in DATES:
            row["date_start"], row["date_end"] = DATES[row["id"]]
            row["date_precision"] = "month" if row["id"] == "e4" else "day"
    path = tmp_path_factory.mktemp("far") / "far.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def data(records_file: Path) -> Dataset:
    return prepare(load_records(records_file))


def test_prepare_gives_every_year_its_epoch_ms(data: Dataset) -> None:
    events = data.events.set_index("id")
    for event_id, (start, end) in DATES.items():
        assert events.loc[event_id, "start_ms"] == ms(start)
        assert events.loc[event_id, "end_ms"] == ms(end) + DAY_MS
    assert list(data.events["id"][:3]) == ["e5", "e1", "e2"]  # sorted by date across the centuries


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(date_from="1400-01-01", date_to="3500-12-31"), {"e2", "e3"}),
    (Filters(date_to="0999-12-31"), {"e5"}),
    (Filters(date_from="9999-12-31"), {"e4"}),
    (Filters(window=(ms("0900-01-01"), ms("1600-01-01"))), {"e1", "e2"}),
])
def test_filters_accept_every_year(data: Dataset, filters: Filters, expected: set[str]) -> None:
    assert set(filter_events(data, filters)["id"]) & set(DATES) == expected


def test_url_and_caption_keep_far_dates() -> None:
    filters = filters_from_query("?from=0001-01-01&to=9999-12-31")
    assert (filters.date_from, filters.date_to) == ("0001-01-01", "9999-12-31")
    assert filters_from_query(filters_to_query(filters)) == filters
    assert filters.date_range_ms() == (ms("0001-01-01"), ms("9999-12-31") + DAY_MS)
    window = Filters(window=(ms("1000-03-01"), ms("3000-01-02")))
    assert describe(window) == "time window 1000-03-01 to 3000-01-02"
    assert view_note({"range": list(window.window)}, None).startswith("Showing time window 1000-03-01 – 3000-01-02")


@pytest.mark.parametrize(("relayout", "window"), [
    ({"xaxis.range[0]": "0999-12-31 12:00", "xaxis.range[1]": "1500-06-15"}, (ms("0999-12-31") + DAY_MS / 2, ms("1500-06-15"))),
    ({"xaxis.range": ["9999-12-31 23:59:59.999", "3000-01-01 06:00:00"]}, (ms("3000-01-01") + DAY_MS / 4, ms("9999-12-31") + DAY_MS - 1)),
    ({"xaxis.range[0]": "-0500-01-01", "xaxis.range[1]": "10500-01-01"}, (ms("0001-01-01"), ms("9999-12-31") + DAY_MS)),
])
def test_a_zoom_to_far_years_becomes_a_window(relayout: dict, window: tuple[float, float]) -> None:
    assert window_from_relayout(relayout) == (True, window)


def test_timeline_draws_events_in_every_year(data: Dataset) -> None:
    figure = build_timeline(data.events, lanes="event_type", full_range=True)  # "all": outliers too
    drawn = [x for trace in figure.data if trace.mode == "markers" for x in trace.x]
    assert {ms(DATES[e][0]) + DAY_MS / 2 for e in ("e1", "e2", "e3", "e5")} <= set(drawn)
    low, high = figure.layout.xaxis.range
    # plotly.js shows no range that ends on the calendar's last day, nor any x past it
    assert (low, high) == (ms("0001-01-01"), ms("9999-12-30") + DAY_MS - 60_000)
    assert tuple(figure.layout.xaxis.rangeslider.range) == (low, high)
    assert max(x for trace in figure.data for x in trace.x if x == x) <= high
    views = compute_views(data, Filters(date_from="0500-01-01"), lanes="actor", colors={})
    assert not views.empty and time_bounds(data, Filters()) == (ms("0001-01-01"), ms("9999-12-31") + DAY_MS)


def test_the_date_picker_offers_the_whole_range(records_file: Path) -> None:
    pickers = [c for c in _walk(create_app(records_file).layout()) if getattr(c, "id", None) == "date-range"]
    assert (pickers[0].min_date_allowed, pickers[0].max_date_allowed) == ("0001-01-01", "9999-12-31")


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        yield from _walk(child)


def test_records_export_keeps_far_dates(data: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "far.jsonl"
    assert export_records(data, Filters(date_to="1600-01-01"), out) >= 3
    dated = {row["id"]: (row["date_start"], row["date_end"]) for row in map(json.loads, out.read_text().splitlines())
             if row["kind"] == "event"}
    assert dated == {e: DATES[e] for e in ("e1", "e2", "e5")}
    assert "dates … to 1600-01-01" in caption_text(filter_events(data, Filters(date_to="1600-01-01")),
                                                   Filters(date_to="1600-01-01"))
    assert view_figure(data, Filters(date_from="2500-01-01")).layout.annotations


@pytest.mark.skipif(CHROMIUM is None, reason="kaleido needs the system Chromium")
def test_cli_exports_an_image_of_far_years(records_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "far.svg"
    assert main(["export", "--data", str(records_file), "--to", "3000-12-31", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert "Filters: dates … to 3000-12-31" in svg
    timeline = svg.split('class="cartesianlayer"', 1)[1].split('class="geolayer"', 1)[0]
    assert timeline.count('class="point') >= 4   # the events of years 1, 1000, 1500 and 3000 are drawn
    assert ">1000<" in svg or ">1500<" in svg or ">2000<" in svg   # a year tick on the axis
