"""Timeline and map figures, and the view logic behind the callbacks, without a server."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.io.json import to_json_plotly

from dashboard.data import Dataset, load_records, prepare
from dashboard.figures import HOVER_SUFFIX, TEMPLATE, build_map, build_timeline
from dashboard.filters import Filters
from dashboard.views import (area_from_selection, clicked_event_id, compute_views, controls_to_filters,
                             event_record, table_rows, view_note, window_from_relayout)

RECORDS = Path(__file__).with_name("test_dashboard_records.jsonl")
DAY_EVENTS = {"e1", "e2", "e3", "e5", "e8"}
INTERVAL_EVENTS = {"e4", "e6", "e7"}


@pytest.fixture(scope="module")
def data() -> Dataset:
    return prepare(load_records(RECORDS))


@pytest.fixture(scope="module")
def ids_in(data: Dataset):
    """Event ids behind the customdata (row labels) of some traces, gaps skipped."""
    def lookup(traces) -> list[str]:
        rows = [value for trace in traces for value in (trace.customdata if trace.customdata is not None else [])]
        return [data.events["id"].iat[int(row)] for row in rows if row is not None]
    return lookup


# ------------------------------------------------------------------ timeline

def drawn(figure: go.Figure) -> list:
    """The traces that draw events: not the invisible hover points along the bars."""
    return [trace for trace in figure.data if not trace.name.endswith(HOVER_SUFFIX)]


def test_day_events_are_points_and_coarser_ones_bars(data: Dataset, ids_in) -> None:
    figure = build_timeline(data.events, lanes="event_type")
    points = [trace for trace in drawn(figure) if trace.mode == "markers"]
    bars = [trace for trace in drawn(figure) if trace.mode == "lines+markers"]
    assert set(ids_in(points)) == DAY_EVENTS
    assert set(ids_in(bars)) == INTERVAL_EVENTS
    # dcc.Graph reads a clicked point's customdata only from a plain list, not plotly's base64 arrays
    assert all(isinstance(trace["customdata"], (list, tuple)) for trace in figure.to_plotly_json()["data"])


def test_a_bar_spans_the_whole_interval(data: Dataset) -> None:
    figure = build_timeline(data.events[data.events["id"] == "e4"], lanes="event_type")
    (bar,) = drawn(figure)
    assert list(bar.x[:2]) == [pd.Timestamp("2022-01-01").value / 1e6, pd.Timestamp("2022-02-01").value / 1e6]


def test_actor_lanes_repeat_events_with_several_actors(data: Dataset, ids_in) -> None:
    for actor_lanes in (None, data.actor_lanes):  # computed on the fly or pre-computed: same result
        figure = build_timeline(data.events, lanes="actor", actor_lanes=actor_lanes)
        lanes = list(figure.layout.yaxis.ticktext)
        assert {"Russia", "CSTO", "Protesters", "Kazakhstan", "(no actor)"} <= set(lanes)
        assert ids_in(drawn(figure)).count("e3") == 2      # Russia and CSTO
        assert ids_in(drawn(figure)).count("e4") == 2 * 2  # a bar has two ends, in two lanes
        assert lanes[0] in ("Russia", "Kazakhstan")      # the busiest lanes come first


def test_event_type_lanes_and_one_trace_per_type(data: Dataset) -> None:
    figure = build_timeline(data.events, lanes="event_type")
    assert set(figure.layout.yaxis.ticktext) == set(data.events["event_type"])
    names = [trace.name for trace in figure.data]
    assert len(names) == len(set(names))
    assert all(isinstance(trace.marker.color, str) for trace in figure.data)  # no per-point colour arrays
    assert all(trace.type == "scattergl" for trace in figure.data)
    assert figure.layout.xaxis.type == "date" and figure.layout.xaxis.rangeslider.visible


def test_counts_replace_points_over_the_threshold(data: Dataset, ids_in) -> None:
    figure = build_timeline(data.events, lanes="event_type", max_points=3)
    assert ids_in(figure.data) == []
    assert all("events per year" in trace.hovertemplate for trace in figure.data)  # decades: yearly counts
    counted = sum(int(count) for trace in figure.data for count in trace.text)
    assert counted == len(data.events)


def test_january_counts_are_daily(data: Dataset) -> None:
    january = data.events[data.events["date_start"].str.startswith("2022-01-0")]
    figure = build_timeline(january, lanes="event_type", max_points=1)
    assert all("events per day" in trace.hovertemplate for trace in figure.data)


def test_raw_points_return_when_the_view_holds_few(data: Dataset, ids_in) -> None:
    january = (pd.Timestamp("2022-01-05").value / 1e6, pd.Timestamp("2022-01-08").value / 1e6)
    figure = build_timeline(data.events, lanes="event_type", max_points=5, view=january)
    assert set(ids_in(figure.data)) == {"e1", "e2", "e3", "e4", "e8"}


def test_highlight_and_window(data: Dataset, ids_in) -> None:
    figure = build_timeline(data.events, lanes="actor", highlight_id="e3", window=(0.0, 1.0))
    (selected,) = [trace for trace in figure.data if trace.name == "selected"]
    assert ids_in([selected]) == ["e3", "e3"]
    assert figure.layout.shapes[0].x0 == 0.0


def test_timeline_without_dated_events_is_an_empty_state(data: Dataset) -> None:
    figure = build_timeline(data.events.iloc[:0])
    assert len(figure.data) == 0 and "No dated events" in figure.layout.annotations[0].text


def test_unknown_lanes_raise(data: Dataset) -> None:
    with pytest.raises(ValueError, match="'place'"):
        build_timeline(data.events, lanes="place")


# ------------------------------------------------------------------ map

def test_map_types_precision_and_sites(data: Dataset, ids_in) -> None:
    figure = build_map(data.events, data.sites)
    by_name = {trace.name: trace for trace in figure.data}
    assert ids_in([by_name["mobilize (country-level)"]]) == ["e3"]
    assert by_name["mobilize (country-level)"].marker.symbol == "circle-open"
    assert set(ids_in([by_name["protest"]])) == {"e1", "e8"} and by_name["protest"].marker.symbol == "circle"
    assert list(by_name["sites"].text) == ["Baikonur Cosmodrome"] and by_name["sites"].mode == "markers+text"
    assert "e6" not in ids_in(figure.data)  # no coordinates, not on the map
    assert isinstance(by_name["protest"].to_plotly_json()["customdata"], (list, tuple))
    assert all(isinstance(trace.marker.color, str) for trace in figure.data)


def test_map_opens_on_the_region_and_can_show_the_world(data: Dataset) -> None:
    figure = build_map(data.events, data.sites)
    west, east = figure.layout.geo.lonaxis.range
    south, north = figure.layout.geo.lataxis.range
    assert west < 37.6 < 46.5 < 87.3 < east and south < 40.5 < 55.8 < north   # Kazakhstan and Moscow
    assert figure.layout.geo.showcountries
    world = figure.layout.updatemenus[0].buttons[1]
    assert world.label == "World" and world.args[0]["geo.lonaxis.range"] == [-180, 180]


def test_map_counts_on_a_grid_over_the_threshold(data: Dataset, ids_in) -> None:
    figure = build_map(data.events, None, max_points=2)
    (grid,) = figure.data
    assert grid.name.startswith("events per") and ids_in(figure.data) == []
    assert sum(grid.text) == data.events["lat"].notna().sum() and len(grid.text) <= 2


def test_map_of_nothing_says_so(data: Dataset) -> None:
    figure = build_map(data.events.iloc[:0], data.sites)
    assert "No placed events" in figure.layout.annotations[0].text


# ------------------------------------------------------------------ view logic

def test_compute_views_links_window_and_area(data: Dataset, ids_in) -> None:
    window = (pd.Timestamp("2022-01-06").value / 1e6, pd.Timestamp("2022-01-07").value / 1e6)
    views = compute_views(data, Filters(window=window), lanes="actor", colors={})
    assert views.count == "3 events" and {row["id"] for row in views.table_rows} == {"e2", "e3", "e4"}
    assert len(set(ids_in(views.timeline.data))) == 8  # the timeline ignores its own window
    assert set(ids_in(views.map.data)) == {"e2", "e3", "e4"}
    empty = compute_views(data, Filters(types=("none",)), lanes="actor", colors={})
    assert empty.empty and empty.count == "0 events" and empty.table_rows == []


def test_table_rows_are_plain_values(data: Dataset) -> None:
    rows = table_rows(data.events)
    row = next(row for row in rows if row["id"] == "e2")
    assert row["actors"] == "Kazakh security forces, Protesters" and row["confidence"] == pytest.approx(0.9)
    assert next(row for row in rows if row["id"] == "e6")["place_name"] is None


def test_table_names_an_untitled_document_by_its_id(data: Dataset) -> None:
    events = data.events.assign(doc_title=None)
    assert {row["doc_title"] for row in table_rows(events)} == set(events["doc_id"])


def test_event_record_by_id(data: Dataset) -> None:
    assert event_record(data, "e4")["place_text"] == "Moskau"
    assert event_record(data, "nope") is None and event_record(data, None) is None


def test_controls_to_filters() -> None:
    filters = controls_to_filters("2022-01-01T00:00:00", None, ["Russia"], None, [], " tanks ",
                                  window={"range": [1.0, 2.0], "source": "zoom"}, area=[[0, 0], [1, 0], [1, 1]])
    assert filters == Filters(date_from="2022-01-01", actors=("Russia",), text="tanks", window=(1.0, 2.0),
                              area=((0, 0), (1, 0), (1, 1)))


@pytest.mark.parametrize(("relayout", "expected"), [
    ({"xaxis.range[0]": "2022-01-01", "xaxis.range[1]": "2022-01-02 12:00:00.5"},
     (True, (pd.Timestamp("2022-01-01").value / 1e6, pd.Timestamp("2022-01-02 12:00:00.5").value / 1e6))),
    ({"xaxis.range": [2000.0, 1000.0]}, (True, (1000.0, 2000.0))),
    ({"xaxis.autorange": True}, (True, None)),
    ({"autosize": True}, (False, None)),
    (None, (False, None)),
])
def test_window_from_relayout(relayout, expected) -> None:
    assert window_from_relayout(relayout) == expected


def test_area_from_box_and_lasso() -> None:
    box = area_from_selection({"points": [], "range": {"geo": [[60, 50], [70, 40]]}})
    assert box == ((60, 50), (70, 50), (70, 40), (60, 40))
    lasso = area_from_selection({"lassoPoints": {"geo": [[1, 2], [3, 4], [5, 0]]}})
    assert lasso == ((1.0, 2.0), (3.0, 4.0), (5.0, 0.0))
    assert area_from_selection(None) is None and area_from_selection({"points": []}) is None


@pytest.mark.parametrize(("click", "expected"), [
    ({"points": [{"customdata": 0}]}, "e7"),        # rows are in date order: e7 (1980s) first
    ({"points": [{"customdata": [1.0]}]}, "e5"),
    ({"points": [{"customdata": 99}]}, None),
    ({"points": [{"customdata": "e3"}]}, None),
    ({"points": [{"x": 1}]}, None),
    (None, None),
])
def test_clicked_event_id(data: Dataset, click, expected) -> None:
    assert clicked_event_id(data, click) == expected


def test_view_note_names_active_links() -> None:
    window = {"range": [pd.Timestamp("2022-01-01").value / 1e6, pd.Timestamp("2022-01-10").value / 1e6]}
    assert view_note(window, [[0, 0], [1, 0], [1, 1]]) == (
        "Showing time window 2022-01-01 – 2022-01-10 and map selection · Reset filters to clear")
    assert view_note(None, None) == ""


def test_one_event_opens_weeks_wide_not_milliseconds(data: Dataset) -> None:
    figure = build_timeline(data.events[data.events["id"] == "e1"])
    low, high = figure.layout.xaxis.range
    assert high - low >= 14 * 86_400_000


def test_timeline_axis_follows_the_date_filter() -> None:
    events = prepare(load_records(RECORDS)).events

    def ms(day: str) -> float:
        return pd.Timestamp(day, tz="UTC").timestamp() * 1000

    wide = build_timeline(events, full_range=True)  # every event, not only where most are
    narrow = build_timeline(events, date_range=(ms("2022-01-01"), ms("2022-02-01")), full_range=True)
    low, high = narrow.layout.xaxis.range
    assert ms("2021-12-01") < low < ms("2022-01-02") and ms("2022-01-31") < high < ms("2022-03-01")
    assert wide.layout.xaxis.range[1] - wide.layout.xaxis.range[0] > high - low


def test_nearby_sites_share_one_label() -> None:
    from dashboard.figures import site_labels

    sites = pd.DataFrame({"name": ["Moscow", "Red Square", "Almaty", "Moscow Kremlin"],
                          "lat": [55.75, 55.754, 43.25, 55.752], "lon": [37.62, 37.621, 76.91, 37.6175]})
    assert site_labels(sites) == ["Moscow +2", "", "Almaty", ""]


def test_timeline_layout_is_fully_resolved(data: Dataset) -> None:
    """The lane labels need the template's automargin: the template must arrive as an object."""
    figure = build_timeline(data.events)
    assert figure.to_dict()["layout"]["template"]["layout"]["yaxis"]["automargin"] is True


def _figures(data: Dataset) -> dict[str, object]:
    """One figure of every kind the builders make (they skip plotly's validation)."""
    day = data.events[data.events["id"] == "e1"]
    return {
        "points and bars": build_timeline(data.events, lanes="event_type"),
        "actor lanes, highlight, window": build_timeline(data.events, highlight_id="e3", actor_lanes=data.actor_lanes,
                                                         window=(day["start_ms"].iat[0], day["end_ms"].iat[0])),
        "counts": build_timeline(data.events, lanes="event_type", max_points=3),
        "empty timeline": build_timeline(data.events.iloc[:0]),
        "map with sites and highlight": build_map(data.events, data.sites, highlight_id="e1"),
        "map grid": build_map(data.events, max_points=2),
        "empty map": build_map(data.events.iloc[:0]),
    }


@pytest.mark.parametrize("kind", list(_figures(prepare(load_records(RECORDS)))))
def test_validating_a_figure_changes_none_of_its_json(data: Dataset, kind: str) -> None:
    """The builders store properties unvalidated (figures.new_figure): what they send must be
    exactly what plotly's validation would make of it, template included."""
    figure = _figures(data)[kind]
    validated = go.Figure(figure.to_dict())
    assert json.loads(to_json_plotly(validated)) == json.loads(to_json_plotly(figure))
    assert figure.to_dict()["layout"]["template"] == pio.templates[TEMPLATE].to_plotly_json()
