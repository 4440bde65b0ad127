"""Pure view logic behind the callbacks: what every view shows for a set of filters, and how
user gestures (zoom, selection, clicks, play ticks) turn into filter values.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.data import Dataset
from dashboard.dates import DAY_MS, END_MS, FIRST_MS, day_ms, ms_date, ms_iso, plotly_ms
from dashboard.figures import axis_span, build_map, build_timeline, padded_range
from dashboard.filters import DEFAULT_MODES, Filters, Polygon, count_text, event_mask, filter_events, filter_sites
from dashboard.typed_dates import typed_range

TABLE_LIMIT = 500  # rows sent to the grid: at 1,000 the table was a third of a filter response
SENTENCE_PREVIEW = 200  # characters of the sentence in the table (the evidence panel shows it whole)
TABLE_COLUMNS = ("date_start", "date_end", "date_precision", "event_type", "mode", "actors", "place_name",
                 "country_code", "doc_title", "doc_author", "sentence", "confidence", "id")
PLAY_INTERVAL_MS = 900


@dataclass(frozen=True)
class Views:
    """Everything the linked views display for one filter state."""

    timeline: go.Figure
    map: go.Figure
    table_rows: list[dict]
    count: str
    table_note: str
    empty: bool


def controls_to_filters(start: str | None, end: str | None, actors: list[str] | None, types: list[str] | None,
                       docs: list[str] | None, text: str | None, modes: list[str] | None = None, *,
                       window: dict | None = None, area: list | None = None) -> Filters:
    """Filters from the sidebar controls plus the window and area stores (no mode chosen: all modes)."""
    return Filters(
        date_from=start[:10] if start else None, date_to=end[:10] if end else None,
        actors=tuple(actors or ()), types=tuple(types or ()), docs=tuple(docs or ()), text=(text or "").strip(),
        modes=DEFAULT_MODES if modes is None else tuple(modes),
        window=tuple(window["range"]) if window and window.get("range") else None,
        area=tuple(tuple(point) for point in area) if area else None,
    )


@dataclass(frozen=True)
class Shown:
    """Which events (boolean masks over data.events) one filter state puts in each view: the
    timeline ignores its own window, the map its own area (for events and sites alike); the table
    obeys every filter. Masks, not frames: a memory of recent ones stays small."""

    table: np.ndarray
    timeline: np.ndarray
    map: np.ndarray


def shown_events(data: Dataset, filters: Filters, *, play: bool = False) -> Shown:
    """`play`: the window is a play frame, which filters the timeline as well (a zoom does not)."""
    table = event_mask(data, filters)
    return Shown(table=table,
                 timeline=table if filters.window is None or play else event_mask(data, filters.without_window()),
                 map=table if filters.area is None else event_mask(data, filters.without_area()))


def views_key(data: Dataset, shown: Shown, filters: Filters, *, lanes: str, selected: str | None,
              shade_window: bool, show_all: bool = False) -> str:
    """A digest of everything compute_views reads, so two filter states with one key show the same
    views: the rows in each view, the time span the timeline's axis shows (from the rows, the window,
    play and show_all), the window, the lanes and the highlighted event. Different filters often select the same events (every narrowing
    that leaves nothing, a date range wider than the events in it), and then share one answer.
    """
    digest = hashlib.blake2b(digest_size=16)
    for mask in (shown.table, shown.timeline, shown.map):
        digest.update(np.packbits(mask).tobytes())
        digest.update(b"|")
    starts, ends = data.events["start_ms"].to_numpy(), data.events["end_ms"].to_numpy()
    dated = shown.timeline & ~np.isnan(starts)
    span = axis_span(starts[dated], ends[dated], filters.date_range_ms()) if dated.any() else None
    axis = play_axis(data, filters) if shade_window else None
    digest.update(repr((span, axis, filters.window, shade_window, show_all, lanes, selected)).encode())
    return digest.hexdigest()


def compute_views(data: Dataset, filters: Filters, *, lanes: str, colors: dict[str, str],
                  selected: str | None = None, shade_window: bool = False, show_all: bool = False,
                  shown: Shown | None = None) -> Views:
    """What every view shows; pass `shown` when it is already shown_events(data, filters, play=shade_window).

    A zoom window is the timeline's axis range, so a redraw keeps the zoom; a play window (shaded)
    filters the timeline too, on an axis over the whole filtered range that stays put while it
    plays; `show_all` (the user's autorange or "all") shows every event, else the dense span.
    """
    shown = shown or shown_events(data, filters, play=shade_window)
    table, map_events = data.events[shown.table], data.events[shown.map]
    timeline = build_timeline(data.events[shown.timeline], lanes=lanes, colors=colors, view=filters.window,
                              date_range=filters.date_range_ms(),
                              x_range=play_axis(data, filters) if shade_window else filters.window,
                              full_range=show_all,
                              window=filters.window if shade_window else None, highlight_id=selected, actor_lanes=data.actor_lanes)
    return Views(
        timeline=timeline,
        map=build_map(map_events, filter_sites(data, filters.without_area(), map_events), colors=colors,
                      highlight_id=selected),
        table_rows=table_rows(table),
        count=count_text(len(table)),
        table_note=(f"Table shows the first {TABLE_LIMIT} of {len(table)} events; narrow the filters to see the rest."
                    if len(table) > TABLE_LIMIT else ""),
        empty=table.empty,
    )


def play_axis(data: Dataset, filters: Filters) -> tuple[float, float] | None:
    """The timeline's axis while a window plays: the padded span of every event the play moves
    across (the filters without the window), so the axis stays put while the frames change."""
    bounds = time_bounds(data, filters)
    return None if bounds is None else tuple(padded_range(*bounds))


class CachedViews:
    """compute_views over one data set with two small memories: the masks of the `size` most recent
    filter states (the answer cache's key needs them, then the views do, in the same request) and
    the views of the `size` most recent keys (going back to a view costs only the filtering)."""

    def __init__(self, data: Dataset, *, colors: dict[str, str], size: int = 16) -> None:
        self._data, self._colors, self._size = data, colors, size
        self.shown: Callable[[Filters], Shown] = lru_cache(maxsize=size)(partial(shown_events, data))
        self._recent: OrderedDict[str, Views] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, filters: Filters, *, lanes: str, selected: str | None, shade_window: bool,
            show_all: bool = False) -> str:
        return views_key(self._data, self.shown(filters, play=shade_window), filters, lanes=lanes, selected=selected,
                         shade_window=shade_window, show_all=show_all)

    def __call__(self, filters: Filters, *, lanes: str, selected: str | None, shade_window: bool,
                 show_all: bool = False) -> Views:
        key = self.key(filters, lanes=lanes, selected=selected, shade_window=shade_window, show_all=show_all)
        with self._lock:
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key]
        views = compute_views(self._data, filters, lanes=lanes, colors=self._colors, selected=selected,
                              shade_window=shade_window, show_all=show_all,
                              shown=self.shown(filters, play=shade_window))
        with self._lock:
            self._recent[key] = views
            while len(self._recent) > self._size:
                self._recent.popitem(last=False)
        return views


def table_rows(events: pd.DataFrame) -> list[dict]:
    """Rows for the AG Grid (capped: a browser grid is no place for 100k rows)."""
    head = events.head(TABLE_LIMIT)
    frame = head[list(TABLE_COLUMNS)].assign(actors=head["actors"].map(", ".join),
                                             sentence=head["sentence"].str.slice(0, SENTENCE_PREVIEW),
                                             doc_title=head["doc_title"].fillna(head["doc_id"]))  # untitled: its id
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def event_record(data: Dataset, event_id: str | None) -> dict | None:
    """The full record of one event, or None when the id is unknown."""
    positions = data.ids.get_indexer_for([event_id]) if event_id is not None else []
    if len(positions) == 0 or positions[0] < 0:
        return None
    row = data.events.iloc[positions[0]]
    return {key: (None if _is_missing(value) else value) for key, value in row.items()}


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def clicked_event_id(data: Dataset, click: dict | None) -> str | None:
    """The id of the event a plotly clickData points at (figures send the row label as
    customdata); None for counts, sites or gaps."""
    points = (click or {}).get("points") or []
    row = points[0].get("customdata") if points else None
    if isinstance(row, list):
        row = row[0] if row else None
    if not isinstance(row, (int, float)) or row != row or not 0 <= row < len(data.events):
        return None
    return str(data.events["id"].iat[int(row)])


def window_from_relayout(relayout: dict | None) -> tuple[bool, tuple[float, float] | None]:
    """(changed, window) from timeline relayoutData: a zoomed x range, or None when reset."""
    relayout = relayout or {}
    if relayout.get("xaxis.autorange"):
        return True, None
    if "xaxis.range[0]" in relayout and "xaxis.range[1]" in relayout:
        bounds = (relayout["xaxis.range[0]"], relayout["xaxis.range[1]"])
    elif isinstance(relayout.get("xaxis.range"), list):
        bounds = tuple(relayout["xaxis.range"])
    else:
        return False, None
    start, end = (plotly_ms(value) for value in bounds)
    return True, (min(start, end), max(start, end))


def zoom_store(window: tuple[float, float] | None) -> dict:
    """The window store after a zoom: its range, or (autorange, "all") every event with no window."""
    return {"range": list(window), "source": "zoom"} if window else {"range": None, "source": "all"}


def zoom_range(store: dict | None) -> tuple[float, float] | None:
    """The zoomed range a window store holds (what the URL keeps); None for a play frame or no zoom."""
    if not store or store.get("source") != "zoom" or not store.get("range"):
        return None
    return tuple(store["range"])


def area_from_selection(selected: dict | None) -> Polygon | None:
    """A (lon, lat) ring from map selectedData: the box ("range") or the lasso ("lassoPoints")."""
    selected = selected or {}
    if "range" in selected and selected["range"].get("geo"):
        (lon0, lat0), (lon1, lat1) = selected["range"]["geo"]
        return ((lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1))
    if "lassoPoints" in selected and selected["lassoPoints"].get("geo"):
        return tuple((float(lon), float(lat)) for lon, lat in selected["lassoPoints"]["geo"])
    return None


def typed_dates(data: Dataset, text: str | None) -> tuple[str, str] | None:
    """The date range a typed phrase names, relative to the data's latest publication (or event)
    date, so "last month" means the month before the newest material, whatever today is."""
    published = pd.to_datetime(data.events["doc_published"], errors="coerce").max()
    latest = published if not pd.isna(published) else pd.to_datetime(data.events["date_end"], errors="coerce").max()
    if pd.isna(latest) or not text:
        return None
    return typed_range(text, anchor=latest.date())


def time_bounds(data: Dataset, filters: Filters) -> tuple[float, float] | None:
    """First start and last end (epoch ms) of the events the play button moves across, cut to the
    date filter: a play stops at the filter's end even when a long interval reaches beyond it."""
    events = filter_events(data, filters.without_window())
    if events["start_ms"].notna().sum() == 0:
        return None
    date_from, date_to = filters.date_range_ms()
    first, last = float(events["start_ms"].min()), float(events["end_ms"].max())
    return (first if date_from is None else max(first, date_from), last if date_to is None else min(last, date_to))


# Play steps through calendar periods: the finest of these giving at most PLAY_FRAMES periods over
# the range (days of a week, months of a year, years of decades), each a frame unless it is empty.
PLAY_FRAMES = 60
PLAY_UNITS = (("day", 1), ("month", 30.44), ("year", 365.25), ("decade", 3_652.5), ("century", 36_525.0))


def play_frames(starts: np.ndarray, ends: np.ndarray, bounds: tuple[float, float]) -> list[tuple[float, float]]:
    """The frames a play shows: the calendar periods (epoch ms [start, end), cut to `bounds`) that
    some event [start, end) overlaps, in order; empty periods are skipped."""
    low, high = bounds
    unit = next((name for name, days in PLAY_UNITS if (high - low) / DAY_MS / days <= PLAY_FRAMES), "century")
    edges = _period_edges(ms_date(low), ms_date(max(high - 1, low)), unit)
    frames = []
    for first, last in zip(edges, edges[1:]):
        first, last = max(first, low), min(last, high)
        if last > first and np.any((ends > first) & (starts < last)):
            frames.append((first, last))
    return frames


def _period_edges(first: date, last: date, unit: str) -> list[float]:
    """Epoch ms of the period starts from the one holding `first` to the end of the one holding `last`."""
    if unit == "day":
        return [day_ms(first) + i * DAY_MS for i in range((last - first).days + 2)]
    if unit == "month":
        months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month + 1)
        return [_start_ms(index // 12, index % 12 + 1) for index in months]
    years = {"year": 1, "decade": 10, "century": 100}[unit]
    return [_start_ms(year, 1) for year in range(first.year // years * years, last.year + years + 1, years)]


def _start_ms(year: int, month: int) -> float:
    """The first day of a month as epoch ms, past either end of years 1-9999 clamped to them."""
    return FIRST_MS if year < 1 else END_MS if year > 9999 else day_ms(date(year, month, 1))


def play_frames_for(data: Dataset, filters: Filters) -> list[tuple[float, float]]:
    """play_frames over the events the filters (without the window) leave."""
    bounds = time_bounds(data, filters)
    if bounds is None:
        return []
    events = filter_events(data, filters.without_window())
    dated = events[events["start_ms"].notna()]
    return play_frames(dated["start_ms"].to_numpy(), dated["end_ms"].to_numpy(), bounds)


def advance_play(state: dict | None, frames: list[tuple[float, float]] | None, *,
                 cumulative: bool) -> tuple[dict | None, dict]:
    """(window store, play state) for the next frame; state {"frame", "frames", "running"}.

    Starts at the first of `frames` when not running; stops after the last one, keeping its window
    on screen. Cumulative windows grow from the first frame's start instead of sliding.
    """
    if not state or not state.get("running"):
        if not frames:
            return None, {"running": False}
        state = {"frame": -1, "frames": [list(frame) for frame in frames], "running": True}
    frame = state["frame"] + 1
    frames = state["frames"]
    first, last = frames[min(frame, len(frames) - 1)]
    window = (frames[0][0] if cumulative else first, last)
    return {"range": list(window), "source": "play"}, {**state, "frame": frame, "running": frame < len(frames) - 1}


def view_note(window: dict | None, area: list | None) -> str:
    """Which view links currently narrow the map and table."""
    parts = []
    if window and window.get("range"):
        start, end = (ms_iso(value) for value in window["range"])
        parts.append(f"time window {start} – {end}")
    if area:
        parts.append("map selection")
    return f"Showing {' and '.join(parts)} · Reset filters to clear" if parts else ""
