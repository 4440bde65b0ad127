"""The timeline's axis, colours, hover and play, without a server: zoom kept across redraws and in
the URL, the default view on where the events are, range buttons that show something, hover along
a bar's whole length, one colour per event type in every data set, play over non-empty periods."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import events.lang
from dashboard.data import BUILTIN_RECORDS, Dataset, load_records, prepare
from dashboard.dates import DAY_MS, iso_ms
from dashboard.figures import (HOVER_STEPS, HOVER_SUFFIX, TYPE_COLORS, bar_hover_points, build_timeline, dense_span,
                               padded_range, range_buttons, type_color, type_colors)
from dashboard.export import view_figure
from dashboard.filters import Filters, filters_from_query, filters_to_query
from dashboard.views import (advance_play, compute_views, play_frames, play_frames_for, shown_events, time_bounds,
                             views_key, zoom_range, zoom_store)

RECORDS = Path(__file__).with_name("test_dashboard_records.jsonl")
LANGUAGES = ("de", "en")


@pytest.fixture(scope="module")
def data() -> Dataset:
    return prepare(load_records(RECORDS))


@pytest.fixture(scope="module")
def builtin() -> Dataset:
    return prepare(load_records(BUILTIN_RECORDS))


def ms(day: str) -> float:
    return iso_ms(day)


# ------------------------------------------------------------------ colours

def test_every_type_the_extractor_emits_has_its_own_fixed_colour() -> None:
    emitted = {kind for lang in LANGUAGES for kind in events.lang.load(lang, "event_types")["types"]}
    emitted |= {"other", "publication"}
    assert emitted <= set(TYPE_COLORS), emitted - set(TYPE_COLORS)
    assert len(set(TYPE_COLORS.values())) == len(TYPE_COLORS), "two types share a colour"


def test_protest_has_one_colour_on_two_data_sets(data: Dataset, builtin: Dataset) -> None:
    def protest_colour(dataset: Dataset) -> set[str]:
        colors = type_colors(dataset.events["event_type"])
        figure = build_timeline(dataset.events, lanes="event_type", colors=colors, full_range=True)
        return {trace.marker.color for trace in figure.data if trace.legendgroup == "protest"}

    assert set(data.events["event_type"]) != set(builtin.events["event_type"])  # two different type sets
    assert protest_colour(data) == protest_colour(builtin) == {TYPE_COLORS["protest"]}


def test_an_unknown_type_gets_a_colour_from_its_name() -> None:
    colour = type_color("blockade")
    assert re.fullmatch(r"#[0-9a-f]{6}", colour)
    assert type_colors(["blockade", "protest"])["blockade"] == type_colors(["zzz", "blockade"])["blockade"] == colour
    assert type_color("blockade") != type_color("embargo")


# ------------------------------------------------------------------ default view and buttons

def test_dense_span_leaves_outliers_out() -> None:
    days = [ms("2022-01-01") + i * DAY_MS for i in range(20)]
    starts = np.array([ms("1966-01-01"), ms("2014-01-01")] + days)
    ends = starts + DAY_MS
    assert dense_span(starts, ends, (starts.min(), ends.max())) == (ms("2022-01-01"), ms("2022-01-21"))


@pytest.mark.parametrize("starts", [
    [ms("2000-01-01") + i * 365 * DAY_MS for i in range(20)],                     # evenly spread
    [ms("1990-01-01") + i * DAY_MS for i in range(10)] + [ms("2020-01-01") + i * DAY_MS for i in range(10)],  # two clusters
    [ms("1966-01-01"), ms("2022-01-01"), ms("2022-01-02")],                        # too few to call any an outlier
])
def test_dense_span_keeps_every_event_when_none_is_an_outlier(starts) -> None:
    starts = np.array(starts)
    span = (starts.min(), starts.max() + DAY_MS)
    assert dense_span(starts, starts + DAY_MS, span) == span


def test_the_default_axis_opens_on_the_dense_span_and_all_shows_the_outliers(builtin: Dataset) -> None:
    default = compute_views(builtin, Filters(), lanes="actor", colors={}).timeline.layout.xaxis.range
    everything = compute_views(builtin, Filters(), lanes="actor", colors={}, show_all=True).timeline.layout.xaxis.range
    dated = builtin.events[builtin.events["start_ms"].notna() & (builtin.events["mode"] == "asserted")]
    assert everything[0] <= dated["start_ms"].min() and everything[1] >= dated["end_ms"].max()
    assert default[1] - default[0] < 0.05 * (everything[1] - everything[0])
    cluster = dated[(dated["start_ms"] >= ms("2021-12-01")) & (dated["end_ms"] <= ms("2022-02-01"))]
    assert len(cluster) >= 0.6 * len(dated)  # the built-in records: most are about the first week of 2022
    assert (cluster["start_ms"] >= default[0]).all() and (cluster["end_ms"] <= default[1]).all()


def test_range_buttons_that_would_show_nothing_are_left_out() -> None:
    starts = np.array([ms("2022-01-05"), ms("2014-06-01")])
    ends = starts + DAY_MS
    labels = lambda end: [button["label"] for button in range_buttons(starts, ends, end)]  # noqa: E731
    assert labels(ms("2022-01-20")) == ["1m", "1y", "10y", "all"]
    assert labels(ms("2022-06-01")) == ["1y", "10y", "all"]
    assert labels(ms("2023-06-01")) == ["10y", "all"]
    assert labels(ms("2040-01-01")) == ["all"]


def test_the_figure_offers_only_buttons_with_events(builtin: Dataset) -> None:
    figure = compute_views(builtin, Filters(), lanes="actor", colors={}).timeline
    shown_end = figure.layout.xaxis.range[1]
    dated = builtin.events[builtin.events["start_ms"].notna()]
    for button in figure.layout.xaxis.rangeselector.buttons:
        if button.step != "all":
            length = {"month": 31, "year": 366}[button.step] * button.count * DAY_MS
            assert ((dated["end_ms"] > shown_end - length) & (dated["start_ms"] < shown_end)).any(), button.label


# ------------------------------------------------------------------ zoom kept across redraws and in the URL

def test_a_zoom_window_is_the_axis_range_of_the_redrawn_timeline(data: Dataset) -> None:
    window = (ms("2022-01-04"), ms("2022-01-08"))
    store = zoom_store(window)
    views = compute_views(data, Filters(window=zoom_range(store)), lanes="actor", colors={})
    assert tuple(views.timeline.layout.xaxis.range) == window
    assert views.count == "5 events"  # e1, e2, e3, e8 and the January bar e4: the window filters the table


def test_autorange_shows_all_and_keeps_no_window() -> None:
    store = zoom_store(None)
    assert store == {"range": None, "source": "all"} and zoom_range(store) is None
    assert zoom_range({"range": [1.0, 2.0], "source": "play"}) is None


def test_views_key_tells_the_default_axis_from_all(data: Dataset) -> None:
    filters = Filters()
    shown = shown_events(data, filters)
    keys = {views_key(data, shown, filters, lanes="actor", selected=None, shade_window=False, show_all=show_all)
            for show_all in (False, True)}
    assert len(keys) == 2


@pytest.mark.parametrize(("window", "text"), [
    ((ms("2022-01-03") + 6 * 3_600_000, ms("2022-01-20")), "2022-01-03T06:00/2022-01-20"),
    ((ms("0500-03-01"), ms("0500-03-02") + 90_000), "0500-03-01/0500-03-02T00:02"),
])
def test_the_zoom_window_round_trips_through_the_url(window, text) -> None:
    query = filters_to_query(Filters(actors=("Russia",), window=window))
    assert query == f"?actor=Russia&window={text}"
    back = filters_from_query(query).window
    assert back is not None and np.allclose(back, window, atol=60_000)


@pytest.mark.parametrize("value", ["2022-01-20/2022-01-03", "2022-01-03", "soon/later", "2022-01-03/"])
def test_a_malformed_window_in_a_pasted_url_is_ignored(value) -> None:
    assert filters_from_query(f"?window={value}&actor=Russia") == Filters(actors=("Russia",))


# ------------------------------------------------------------------ hover along bars

def test_hover_points_run_along_the_visible_part_of_each_bar() -> None:
    shown = [0.0, 1200.0]
    which, x = bar_hover_points(np.array([100.0, -500.0, 5000.0]), np.array([700.0, 300.0, 6000.0]), shown)
    first, second = x[which == 0], x[which == 1]
    assert first.min() == 100.0 and first.max() == 700.0 and second.min() == 0.0 and second.max() == 300.0
    assert np.diff(first).max() <= (shown[1] - shown[0]) / HOVER_STEPS + 1e-9
    assert not (which == 2).any()  # out of view: no points
    which, _ = bar_hover_points(np.array([0.0]), np.array([1200.0]), shown, limit=5)
    assert len(which) == 5


def test_the_middle_of_a_bar_answers_hover_with_its_event(data: Dataset) -> None:
    figure = build_timeline(data.events[data.events["id"] == "e4"], lanes="event_type")
    (hover,) = [trace for trace in figure.data if trace.name.endswith(HOVER_SUFFIX)]
    middle = (ms("2022-01-01") + ms("2022-02-01")) / 2
    nearest = int(np.argmin(np.abs(np.asarray(hover.x) - middle)))
    width = figure.layout.xaxis.range[1] - figure.layout.xaxis.range[0]
    assert abs(hover.x[nearest] - middle) <= width / HOVER_STEPS
    assert data.events["id"].iat[hover.customdata[nearest]] == "e4"
    assert "consult" in hover.hovertext[nearest] and hover.marker.opacity == 0


# ------------------------------------------------------------------ play

def test_play_frames_are_the_years_that_hold_events() -> None:
    starts = np.array([ms("1985-05-01"), ms("2014-01-01"), ms("2022-01-05"), ms("2022-03-01")])
    ends = starts + DAY_MS
    frames = play_frames(starts, ends, (starts.min(), ends.max()))
    assert frames == [(ms("1985-05-01"), ms("1986-01-01")), (ms("2014-01-01"), ms("2015-01-01")),
                      (ms("2022-01-01"), ms("2022-03-02"))]


def test_a_short_range_plays_by_month_or_day() -> None:
    starts = np.array([ms("2022-01-05"), ms("2022-01-06"), ms("2022-01-09")])
    frames = play_frames(starts, starts + DAY_MS, (starts.min(), starts.max() + DAY_MS))
    assert frames == [(ms(day), ms(day) + DAY_MS) for day in ("2022-01-05", "2022-01-06", "2022-01-09")]
    starts = np.array([ms("2022-01-05"), ms("2022-04-06")])
    frames = play_frames(starts, starts + DAY_MS, (starts.min(), starts.max() + DAY_MS))
    assert frames == [(ms("2022-01-05"), ms("2022-02-01")), (ms("2022-04-01"), ms("2022-04-07"))]


def test_play_stops_at_the_date_filters_end(data: Dataset) -> None:
    filters = Filters(date_from="2022-01-01", date_to="2022-01-10")
    assert time_bounds(data, filters) == (ms("2022-01-01"), ms("2022-01-11"))  # e4 runs to the 31st
    frames = play_frames_for(data, filters)
    assert frames[-1][1] == ms("2022-01-11") and all(low < high for low, high in frames)


@pytest.mark.parametrize("cumulative", [False, True])
def test_advance_play_runs_through_the_frames_and_stops_on_the_last(cumulative: bool) -> None:
    frames = [(0.0, 10.0), (30.0, 40.0), (90.0, 100.0)]
    window, state = advance_play(None, frames, cumulative=cumulative)
    shown = [tuple(window["range"])]
    while state["running"]:
        window, state = advance_play(state, None, cumulative=cumulative)
        shown.append(tuple(window["range"]))
    assert shown == ([(0.0, 10.0), (0.0, 40.0), (0.0, 100.0)] if cumulative else frames)
    assert window["source"] == "play"
    assert advance_play(None, [], cumulative=False) == (None, {"running": False})


def test_play_filters_the_timeline_on_an_axis_that_stays_put(data: Dataset) -> None:
    frames = play_frames_for(data, Filters())
    axes, drawn = [], []
    for frame in frames:
        views = compute_views(data, Filters(window=frame), lanes="event_type", colors={}, shade_window=True)
        axes.append(tuple(views.timeline.layout.xaxis.range))
        drawn.append({data.events["id"].iat[row] for trace in views.timeline.data
                      for row in (trace.customdata or []) if row is not None})
        overlapping = data.events[(data.events["end_ms"] > frame[0]) & (data.events["start_ms"] < frame[1])]
        assert drawn[-1] == set(overlapping["id"]), frame
    assert len(set(axes)) == 1 and axes[0] == tuple(padded_range(*time_bounds(data, Filters())))
    assert {"e7"} in drawn and {"e5"} in drawn  # the 1980s, 1991: each frame with its own events only


def test_the_exported_image_leaves_the_hover_points_out(data: Dataset) -> None:
    figure = view_figure(data, Filters())
    names = [trace.name for trace in figure.data]
    assert any(name.endswith("(interval)") for name in names)
    assert not any(name.endswith(HOVER_SUFFIX) for name in names)
