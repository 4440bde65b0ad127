"""The one filter used by the map, the timeline, the table and every export.

Filters are data (a frozen dataclass); the URL query string is their durable form, so a pasted
link restores the view. `window` (the timeline's zoom) is in the URL too, as an ISO interval to
the minute (`window=2022-01-03T06:00/2022-01-20`); `area` (the map selection) is a transient view
link and stays out.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, quote, urlencode

import numpy as np
import pandas as pd
import shapely
from rapidfuzz import process, utils

from dashboard.data import Dataset
from dashboard.dates import DAY_MS, iso_ms, ms_iso, ms_minute_iso, parse_iso, plotly_ms

Polygon = tuple[tuple[float, float], ...]
# What the text says happened, by default: an event it only imagines, plans, denies or reports as a
# claim (its PLOVER mode) is shown only when asked for.
DEFAULT_MODES: tuple[str, ...] = ("asserted",)
ALL_MODES = "all"   # the URL's word for "no mode restriction" (an empty choice)


@dataclass(frozen=True)
class Filters:
    """What the user asked to see. Empty tuples / None mean "no restriction"."""

    date_from: str | None = None          # ISO date, inclusive
    date_to: str | None = None            # ISO date, inclusive
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    text: str = ""
    modes: tuple[str, ...] = DEFAULT_MODES      # PLOVER modes shown (records without one are asserted)
    window: tuple[float, float] | None = None   # epoch ms [start, end) from timeline zoom or play
    area: Polygon | None = None                 # (lon, lat) ring from a map box/lasso selection
    rejected: bool = False                      # also show records an analyst rejected (dashboard.review)

    def date_range_ms(self) -> tuple[float | None, float | None]:
        """The date filter as epoch ms [start, end) for axes; None where unbounded."""
        return (iso_ms(self.date_from) if self.date_from else None,
                iso_ms(self.date_to) + DAY_MS if self.date_to else None)

    def without_window(self) -> Filters:
        """The timeline's own zoom must not filter the timeline."""
        return replace(self, window=None)

    def without_area(self) -> Filters:
        """The map's own selection must not filter the map."""
        return replace(self, area=None)


def filter_events(data: Dataset | pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Events matching every filter (date ranges overlap inclusively), in start-date order."""
    events = data.events if isinstance(data, Dataset) else data
    return events[event_mask(data, filters)]


def event_mask(data: Dataset | pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which events (rows, in order) match every filter: what filter_events selects."""
    events = data.events if isinstance(data, Dataset) else data
    keep = np.ones(len(events), dtype=bool)
    start = events["start_ms"].to_numpy()
    end = events["end_ms"].to_numpy()
    if filters.date_from:
        keep &= end > iso_ms(filters.date_from)
    if filters.date_to:
        keep &= start < iso_ms(filters.date_to) + DAY_MS
    if filters.window:
        keep &= (end > filters.window[0]) & (start < filters.window[1])
    if filters.types:
        keep &= events["event_type"].isin(filters.types).to_numpy()
    if filters.modes:
        keep &= events["mode"].isin(filters.modes).to_numpy()
    if not filters.rejected and "review" in events:
        keep &= (events["review"] != "rejected").to_numpy()
    if filters.docs:
        keep &= events["doc_id"].isin(filters.docs).to_numpy()
    if filters.actors:
        keep &= _actor_mask(data, events, filters.actors)
    if filters.text.strip():
        keep &= _text_mask(events, filters.text)
    if filters.area:
        keep &= _area_mask(events, filters.area, keep)
    return keep


def filter_sites(data: Dataset, filters: Filters, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The located sites a view shows with `filters`: those of the documents that have events in the
    view (so a document, date or any other filter narrows them with the events), and inside the map
    selection when there is one. Pass `events` when they are already filter_events(data, filters).

    The map, the image export and the records export all call this, so they show one site set.
    """
    sites = data.sites
    if sites.empty:
        return sites
    if events is None:
        events = filter_events(data, filters)
    keep = sites["doc_id"].isin(events["doc_id"].unique()).to_numpy(dtype=bool, copy=True)
    if filters.area:
        keep &= _area_mask(sites, filters.area, keep)
    return sites[keep]


def _actor_mask(data: Dataset | pd.DataFrame, events: pd.DataFrame, actors: tuple[str, ...]) -> np.ndarray:
    """Use the pre-computed actor index when there is one; explode only for bare frames."""
    mask = np.zeros(len(events), dtype=bool)
    if isinstance(data, Dataset):
        for actor in actors:
            mask[data.actor_rows.get(actor, np.empty(0, dtype=int))] = True
        return mask
    wanted = set(actors)
    return events["actors"].map(lambda names: bool(wanted.intersection(names))).to_numpy(dtype=bool)


def _text_mask(events: pd.DataFrame, text: str) -> np.ndarray:
    """Every whitespace-separated word must occur (case-insensitive, literal)."""
    haystack = events["haystack"]
    mask = np.ones(len(events), dtype=bool)
    for word in text.lower().split():
        mask &= haystack.str.contains(word, regex=False).to_numpy(dtype=bool)
    return mask


def _area_mask(events: pd.DataFrame, ring: Polygon, candidates: np.ndarray) -> np.ndarray:
    """Inside the selected polygon; only rows still in play are tested (the costly part)."""
    mask = np.zeros(len(events), dtype=bool)
    rows = np.flatnonzero(candidates)
    lon = events["lon"].to_numpy(dtype=float)[rows]
    lat = events["lat"].to_numpy(dtype=float)[rows]
    mask[rows] = shapely.contains_xy(shapely.Polygon(ring), lon, lat) if len(ring) >= 3 else False
    return mask


def filters_from_query(query: str) -> Filters:
    """Parse `?from=..&to=..&actor=..&type=..&doc=..&q=..&mode=..` (repeatable actor/type/doc/mode;
    no mode: asserted events only)."""
    params = parse_qs(query.lstrip("?"), keep_blank_values=False)
    first = lambda key: params.get(key, [None])[0]  # noqa: E731 - a local one-liner reads best here
    return Filters(
        date_from=_valid_date(first("from")),
        date_to=_valid_date(first("to")),
        actors=tuple(params.get("actor", ())),
        types=tuple(params.get("type", ())),
        docs=tuple(params.get("doc", ())),
        text=first("q") or "",
        modes=_modes(params.get("mode", [])),
        rejected=first("rejected") == "1",
        window=_valid_window(first("window")),
    )


def _valid_window(value: str | None) -> tuple[float, float] | None:
    """`START/END` (ISO dates or date-times, as window_text writes them) as epoch ms; a malformed
    or empty interval in a pasted URL is ignored."""
    parts = (value or "").split("/")
    if len(parts) != 2:
        return None
    try:
        start, end = (plotly_ms(part) for part in parts)
    except ValueError:
        return None
    return (start, end) if start < end else None


def window_text(window: tuple[float, float]) -> str:
    """The URL form of a time window: `START/END`, each to the minute (a date alone at midnight)."""
    return "/".join(ms_minute_iso(value) for value in window)


def _modes(values: list[str]) -> tuple[str, ...]:
    """Modes from the URL: none given means the default, ``mode=all`` every mode."""
    if ALL_MODES in values:
        return ()
    return tuple(values) or DEFAULT_MODES


def _valid_date(value: str | None) -> str | None:
    """A malformed date in a pasted URL is ignored rather than breaking the page."""
    if not value:
        return None
    try:
        return parse_iso(value).isoformat()
    except ValueError:
        return None


def filters_to_query(filters: Filters) -> str:
    """The URL form of the durable filters ('' when nothing is set, else starting with '?')."""
    pairs: list[tuple[str, str]] = []
    if filters.date_from:
        pairs.append(("from", filters.date_from))
    if filters.date_to:
        pairs.append(("to", filters.date_to))
    pairs += [("actor", actor) for actor in filters.actors]
    pairs += [("type", kind) for kind in filters.types]
    pairs += [("doc", doc) for doc in filters.docs]
    if filters.text:
        pairs.append(("q", filters.text))
    if filters.modes != DEFAULT_MODES:
        pairs += [("mode", mode) for mode in filters.modes or (ALL_MODES,)]
    if filters.rejected:
        pairs.append(("rejected", "1"))
    query = urlencode(pairs)
    if filters.window:  # "/" and ":" are legal in a query and keep the interval readable
        query += ("&" if query else "") + "window=" + quote(window_text(filters.window), safe="/:")
    return "?" + query if query else ""


def view_link(base: str, filters: Filters) -> str:
    """The address of this view: the dashboard at `base` (any query it has is replaced) with the filters."""
    return base.split("?", 1)[0].split("#", 1)[0] + filters_to_query(filters)


def describe(filters: Filters) -> str:
    """Human-readable summary of the filters, for captions."""
    parts = []
    if filters.date_from or filters.date_to:
        parts.append(f"dates {filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.actors:
        parts.append("actors: " + ", ".join(filters.actors))
    if filters.types:
        parts.append("types: " + ", ".join(filters.types))
    if filters.docs:
        parts.append("documents: " + ", ".join(filters.docs))
    if filters.text:
        parts.append(f'text: "{filters.text}"')
    if filters.modes != DEFAULT_MODES:
        parts.append("modes: " + (", ".join(filters.modes) or "all"))
    if filters.rejected:
        parts.append("rejected records shown")
    if filters.window:
        start, end = (ms_iso(value) for value in filters.window)
        parts.append(f"time window {start} to {end}")
    if filters.area:
        parts.append("map selection")
    return "; ".join(parts) if parts else "no filters"


def count_text(count: int) -> str:
    """'1 event' / '17 events' / '100,000 events' (the event-count contract)."""
    return f"{count:,} event" if count == 1 else f"{count:,} events"


def resolve_actors(requested: Iterable[str], known: Iterable[str], forms: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The actor names of the data that `requested` mean: as written, in any case, or by another
    name the extractor knows for the same actor (`forms`: lower-cased name -> canonical, e.g.
    events.actor_forms(): "russland" -> "Russia").

    Raises ValueError for a name that is none of these, with the closest known actor as a
    suggestion, so a typo never gives an empty view that looks like "no events".
    """
    known = list(dict.fromkeys(known))
    by_folded = {name.casefold(): name for name in known}
    resolved = []
    for name in requested:
        folded = name.strip().casefold()
        match = by_folded.get(folded) or by_folded.get((forms or {}).get(folded, "").casefold())
        if match is None:
            suggestion = process.extractOne(name, known, processor=utils.default_process) if known else None
            hint = f"; did you mean {suggestion[0]}?" if suggestion and suggestion[1] >= 60 else ""
            raise ValueError(f"unknown actor {name!r}{hint} (the data has {len(known)} actors)")
        resolved.append(match)
    return tuple(dict.fromkeys(resolved))
