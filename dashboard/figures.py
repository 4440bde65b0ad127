"""Figures as pure functions of a DataFrame: the timeline and the map.

Scale rules (docs DASH-PERFORMANCE.md): one trace per category (never per-point colour
arrays), dates as epoch ms, go.Figure objects, and counts instead of points once more points
are in view than a browser can draw.
"""
from __future__ import annotations

import colorsys
import hashlib
from copy import deepcopy
from functools import cache, partial

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.data import DAY_MS, explode_actors
from dashboard.dates import AXIS_LAST_MS, FIRST_MS, on_axis

# One fixed colour per type the extractor emits (the PLOVER types of events/lang/*/event_types.yaml,
# `other` and `publication`), so a type has the same colour in every data set, export and legend.
# Hues spread like Sasha Trubetskoy's 20 distinct colours, darkened where they were too light to read on white.
TYPE_COLORS = {
    "protest": "#e6194b", "assault": "#800000", "mobilize": "#f58231", "threaten": "#9a6324",
    "coerce": "#911eb4", "sanction": "#f032e6", "accuse": "#808000", "reject": "#000075",
    "request": "#4363d8", "consult": "#1ba8c9", "agree": "#3cb44b", "cooperate": "#469990",
    "support": "#1b5e20", "aid": "#e377c2", "concede": "#c9a100", "retreat": "#7f7f7f",
    "other": "#b4b4b4", "publication": "#1f2933",
}
FONT = dict(family="Inter, 'Segoe UI', Helvetica, Arial, sans-serif", size=13, color="#1f2933")
MAX_LANES = 30
HOVER_LABEL_LIMIT = 3_000  # more points than this get a hover template instead of per-point labels
OTHER_LANE = "(other actors)"
REGION_VIEW = dict(lonaxis_range=[22, 100], lataxis_range=[33, 62])   # Kazakhstan, its neighbours, Moscow
WORLD_VIEW = dict(lonaxis_range=[-180, 180], lataxis_range=[-58, 84])
TEMPLATE = "plotly_white"


@cache
def _template() -> dict:
    """The TEMPLATE resolved once per process: plotly resolves a template name by deep-copying
    and validating the whole template (~7 kB), and go.Figure() first does the same for its
    default template; that was about 30 ms of every figure, more than the rest of a filter change."""
    return pio.templates[TEMPLATE].to_plotly_json()


def new_figure(layout: dict | None = None) -> go.Figure:
    """An empty figure with a copy of `layout` (nested dicts, no magic underscores) and the resolved
    template, built without plotly's validation. Giving the whole layout here, not through
    update_layout, also skips plotly's update machinery (a few ms per call).

    Every property the builders below set is then stored as given, with no per-call validation
    (most of a small figure's cost); they pass only typed, known properties, and
    tests/test_dashboard_figures.py checks that validating a figure changes none of its JSON.
    Never set `template` by name on such a figure: unvalidated, the name would be sent as is.
    """
    return go.Figure(layout=deepcopy({**(layout or {}), "template": _template()}), _validate=False)


def type_colors(types: list[str] | pd.Series) -> dict[str, str]:
    """The colour of each event type present, so the timeline, map and legend agree: the fixed
    TYPE_COLORS, and for a type outside it one derived from its name (the same in every data set)."""
    return {kind: type_color(kind) for kind in sorted(pd.unique(pd.Series(types).dropna()))}


def type_color(kind: str) -> str:
    """TYPE_COLORS[kind], else a mid-dark colour whose hue is a hash of the name (never random, never
    the order of the types present, which changes with the data set)."""
    if kind in TYPE_COLORS:
        return TYPE_COLORS[kind]
    hue = int.from_bytes(hashlib.blake2b(str(kind).encode(), digest_size=2).digest(), "big") / 65536
    red, green, blue = colorsys.hls_to_rgb(hue, 0.42, 0.65)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def empty_figure(message: str) -> go.Figure:
    """The empty state: a blank figure saying why, never an error."""
    return new_figure(dict(
        annotations=[dict(text=message, showarrow=False, font=dict(size=16, color="#6b7280"),
                          xref="paper", yref="paper", x=0.5, y=0.5)],
        xaxis=dict(visible=False), yaxis=dict(visible=False), font=FONT, margin=dict(l=10, r=10, t=10, b=10)))


# ----------------------------------------------------------------------------- timeline

def build_timeline(events: pd.DataFrame, *, lanes: str = "actor", colors: dict[str, str] | None = None,
                   max_points: int = 30_000, view: tuple[float, float] | None = None,
                   window: tuple[float, float] | None = None, highlight_id: str | None = None,
                   actor_lanes: pd.DataFrame | None = None, webgl: bool = True,
                   date_range: tuple[float | None, float | None] = (None, None),
                   x_range: tuple[float, float] | None = None, full_range: bool = False) -> go.Figure:
    """Events in lanes (by actor or event type): a point per day-precise event, a bar over the
    whole interval for coarser dates; daily/monthly/yearly counts once too many are in view.

    `events` needs the columns added by dashboard.data.prepare (`start_ms`, `end_ms`, `jitter`).
    All events are drawn as points/bars up to `max_points`; past it, those inside `view` (the
    visible x range) if they are few enough, else counts. `window` is shaded (the play window).
    `actor_lanes` is the pre-computed `explode_actors` of the whole data set (saves time at scale).
    `date_range` (epoch ms, either side optional) is the date filter: the axis shows that span, so a
    long interval overlapping it does not stretch a January view into May. The axis opens on
    `x_range` (the user's zoom, kept across redraws), else on the whole span when `full_range`, else
    on dense_span: where most events are (the range slider and "all" still reach the rest).
    """
    if lanes not in ("actor", "event_type"):
        raise ValueError(f"lanes must be 'actor' or 'event_type', not {lanes!r}")
    dated = events[events["start_ms"].notna()]
    if dated.empty:
        return empty_figure("No dated events match these filters")
    colors = colors or type_colors(dated["event_type"])
    rows, lane_names = _lane_rows(dated, lanes, actor_lanes)
    in_view = rows if view is None or len(rows) <= max_points else \
        rows[(rows["end_ms"] > view[0]) & (rows["start_ms"] < view[1])]
    scatter = go.Scattergl if webgl else go.Scatter
    span = axis_span(dated["start_ms"], dated["end_ms"], date_range)
    if x_range is not None:
        shown = [float(on_axis(x_range[0])), float(on_axis(x_range[1]))]
    else:
        shown = padded_range(*(span if full_range else dense_span(dated["start_ms"], dated["end_ms"], span)))
    buttons = range_buttons(dated["start_ms"].to_numpy(), dated["end_ms"].to_numpy(), shown[1])
    figure = new_figure(_timeline_layout(lane_names, shown, padded_range(rows["start_ms"].min(), rows["end_ms"].max()),
                                         buttons))
    if len(in_view) <= max_points:
        _add_raw_traces(figure, in_view, colors, scatter, shown)
    else:
        _add_count_traces(figure, in_view, colors, scatter)
    if highlight_id is not None:
        _add_timeline_highlight(figure, rows[rows["id"] == highlight_id], scatter)
    if window is not None:
        figure.add_shape(type="rect", xref="x", yref="y domain", x0=float(on_axis(window[0])),
                         x1=float(on_axis(window[1])), y0=0, y1=1, fillcolor="#fbbf24", opacity=0.15,
                         line_width=0)  # add_vrect's shape, without its checks
    return figure


def axis_span(starts: np.ndarray, ends: np.ndarray, date_range: tuple[float | None, float | None]) -> tuple[float, float]:
    """The span (epoch ms) the timeline's axis shows for dated events (their starts and ends): the
    date filter's, cut to where the events are (each side of the filter optional)."""
    first, last = float(np.min(starts)), float(np.max(ends))
    return (first if date_range[0] is None else max(date_range[0], first),
            last if date_range[1] is None else min(date_range[1], last))


# Iglewicz and Hoaglin's outlier rule: a modified z-score 0.6745 * |x - median| / MAD over 3.5. The
# median and its absolute deviation (MAD) stand even when a third of the events are far away, where
# the quartiles (Tukey's fences) do not: 13 events of January 2022 among 19 from 1966 to 2024.
OUTLIER_Z = 3.5
MAD_TO_SIGMA = 0.6745
DENSE_MIN_EVENTS = 8  # fewer events than this say too little about where "most" are: all are shown


def dense_span(starts: pd.Series | np.ndarray, ends: pd.Series | np.ndarray,
               span: tuple[float, float]) -> tuple[float, float]:
    """Where the events (epoch ms [start, end)) are, inside `span`: the whole of the events whose
    middles are no outliers by the modified z-score (at least a day of MAD, so events on one day do
    not make every other day an outlier). That is the default view, so the events of January 2022
    are not squeezed into one column by one event of 1966; evenly spread data, or two clusters of
    similar size, have no outliers and keep their whole span."""
    starts, ends = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    middles = (starts + ends) / 2
    inside = (middles >= span[0]) & (middles <= span[1])
    if inside.sum() < DENSE_MIN_EVENTS:
        return span
    median = float(np.median(middles[inside]))
    deviation = max(float(np.median(np.abs(middles[inside] - median))), DAY_MS)
    kept = inside & (np.abs(middles - median) <= OUTLIER_Z * deviation / MAD_TO_SIGMA)
    return max(span[0], float(starts[kept].min())), min(span[1], float(ends[kept].max()))


RANGE_BUTTONS = ((1, "month", "1m", 31 * DAY_MS), (1, "year", "1y", 366 * DAY_MS), (10, "year", "10y", 3_653 * DAY_MS))


def range_buttons(starts: np.ndarray, ends: np.ndarray, axis_end: float) -> list[dict]:
    """The range selector's buttons that show some event: plotly counts a button's month or year
    back from the axis' right end, so a button whose stretch before `axis_end` holds no event would
    open on an empty axis; it is left out. "all" is always there."""
    buttons = [dict(count=count, label=label, step=step, stepmode="backward")
               for count, step, label, length in RANGE_BUTTONS
               if np.any((ends > axis_end - length) & (starts < axis_end))]
    return buttons + [dict(step="all", label="all")]


def padded_range(first: float, last: float) -> list[float]:
    """The initial x range, at least a few weeks wide (plotly would zoom one event to milliseconds),
    inside years 1-9999."""
    pad = max((last - first) * 0.03, 7 * DAY_MS)
    return [float(on_axis(first - pad)), float(on_axis(last + pad))]


def _lane_rows(events: pd.DataFrame, lanes: str, actor_lanes: pd.DataFrame | None) -> tuple[pd.DataFrame, list[str]]:
    """One row per (event, lane): an event with several actors appears in each actor's lane.

    `row` keeps the event's index label (what clicks send back). The busiest MAX_LANES lanes are kept, the rest merged into one, so the axis stays readable.
    """
    columns = ["id", "event_type", "start_ms", "end_ms", "date_precision", "date_text", "doc_title", "jitter"]
    if lanes == "actor":
        table = explode_actors(events) if actor_lanes is None else actor_lanes
        present = np.zeros(max(len(table) and int(table["row"].max()), int(events.index.max())) + 1, dtype=bool)
        present[events.index.to_numpy()] = True
        table = table[present[table["row"].to_numpy()]]
        rows = events[columns].loc[table["row"].to_numpy()]
        lane = pd.Categorical(table["lane"])
    else:
        rows = events[columns].copy()
        lane = pd.Categorical(rows["event_type"])
    counts = np.bincount(lane.codes, minlength=len(lane.categories))
    ranked = np.argsort(-counts, kind="stable")[:MAX_LANES]
    names = [str(lane.categories[i]) for i in ranked if counts[i] > 0]
    rank = np.full(len(lane.categories), len(names))
    rank[ranked[:len(names)]] = np.arange(len(names))
    if (rank[lane.codes] == len(names)).any():
        names.append(OTHER_LANE)
    lane_rank = rank[lane.codes]
    rows = rows.rename_axis("row").reset_index()
    rows["lane"] = pd.Categorical.from_codes(lane_rank, names)
    rows["y"] = lane_rank + rows["jitter"].to_numpy()
    return rows, names


def _add_raw_traces(figure: go.Figure, rows: pd.DataFrame, colors: dict[str, str], scatter: type,
                    shown: list[float]) -> None:
    """Per type: day-precise events as points, coarser ones as bars spanning their interval, with
    invisible points along each bar's visible part (bar_hover_points), since a line reacts to the
    mouse only at its vertices.

    customdata is the event's row label, as a plain list: dcc.Graph cannot read a point's
    customdata out of plotly's base64 arrays. Per-point hover labels are sent only for few
    points, as text arrays are what makes large figures heavy.
    """
    is_point = ((rows["end_ms"] - rows["start_ms"]) <= DAY_MS).to_numpy()
    labelled = len(rows) <= HOVER_LABEL_LIMIT
    # Plotly's per-element validation of these arrays costs more than the rest of a filter change;
    # the arrays are built right here from typed columns, so skip it for these traces only.
    scatter = partial(scatter, _validate=False)
    for kind, positions in rows.groupby("event_type", sort=True).indices.items():
        color = colors.get(kind, "#555")
        group = rows.iloc[positions]
        label = _hover_labels(group) if labelled else None
        points = is_point[positions]
        hover = dict(hovertext=label[points], hoverinfo="text") if labelled else \
            dict(hovertemplate=f"{kind}<br>%{{x|%Y-%m-%d}}<extra></extra>")
        if points.any():
            figure.add_trace(scatter(
                x=on_axis(group["start_ms"].to_numpy()[points] + DAY_MS / 2), y=group["y"].to_numpy()[points],
                mode="markers", name=kind, legendgroup=kind, marker=dict(color=color, size=8, opacity=0.85),
                customdata=group["row"].to_numpy()[points].tolist(), **hover))
        if not points.all():
            bars = group[~points]
            if labelled:
                hover = dict(hovertext=_segments(label[~points], label[~points]), hoverinfo="text")
            figure.add_trace(scatter(
                x=_segments(on_axis(bars["start_ms"].to_numpy()), on_axis(bars["end_ms"].to_numpy())),
                y=_segments(bars["y"].to_numpy(), bars["y"].to_numpy()),
                mode="lines+markers", name=f"{kind} (interval)", legendgroup=kind, showlegend=not points.any(),
                line=dict(color=color, width=6), opacity=0.45, marker=dict(color=color, size=4),
                customdata=_segments(bars["row"].to_numpy(), bars["row"].to_numpy()).tolist(), **hover))
            along, x = bar_hover_points(bars["start_ms"].to_numpy(), bars["end_ms"].to_numpy(), shown,
                                        limit=max(HOVER_POINT_LIMIT // len(rows), 2))
            if labelled:
                hover = dict(hovertext=label[~points][along], hoverinfo="text")
            figure.add_trace(scatter(
                x=x, y=bars["y"].to_numpy()[along], mode="markers", name=f"{kind} {HOVER_SUFFIX}", legendgroup=kind,
                showlegend=False, marker=dict(color=color, size=10, opacity=0),
                customdata=bars["row"].to_numpy()[along].tolist(), **hover))


HOVER_SUFFIX = "(interval hover)"  # the name of a type's invisible points along its bars
HOVER_STEPS = 120  # hover points per axis width along a bar: ~8 px apart at 1,000 px, under plotly's 20 px hover distance
HOVER_POINT_LIMIT = 20_000  # all bars together: more points would cost more than the bars themselves


def bar_hover_points(starts: np.ndarray, ends: np.ndarray, shown: list[float], *,
                     limit: int = HOVER_STEPS) -> tuple[np.ndarray, np.ndarray]:
    """(which bar, x) of points spaced 1/HOVER_STEPS of the axis width along the part of each bar
    [start, end) inside the axis range `shown`, at most `limit` per bar; bars out of view get none."""
    step = (shown[1] - shown[0]) / HOVER_STEPS
    low, high = np.maximum(starts, shown[0]), np.minimum(ends, shown[1])
    counts = np.where(high > low, np.minimum(np.ceil((high - low) / step).astype(int) + 1, limit), 0)
    which = np.repeat(np.arange(len(starts)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    fraction = offsets / np.maximum(np.repeat(counts, counts) - 1, 1)
    return which, on_axis(low[which] + fraction * (high[which] - low[which]))


def _segments(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Interleave [start, end, gap] so one line trace draws many separate bars."""
    gap = np.nan if starts.dtype.kind == "f" else None
    out = np.empty(len(starts) * 3, dtype=starts.dtype if gap is not None else object)
    out[0::3], out[1::3], out[2::3] = starts, ends, gap
    return out


def _hover_labels(rows: pd.DataFrame) -> np.ndarray:
    when = rows["date_text"].fillna("").astype(str) + " (" + rows["date_precision"].fillna("?").astype(str) + ")"
    return (rows["event_type"].astype(str) + " · " + rows["lane"].astype(str) + "<br>" + when
            + "<br>" + rows["doc_title"].fillna("").astype(str).str.slice(0, 80)).to_numpy()


def _count_bin(span_ms: float) -> tuple[str, str]:
    """(numpy unit, name) giving at most a few hundred bins: days for January 2022, years for decades."""
    days = span_ms / DAY_MS
    for unit, name, limit in (("D", "day", 300), ("W", "week", 2_100), ("M", "month", 9_000)):
        if days <= limit:
            return unit, name
    return "Y", "year"


def _add_count_traces(figure: go.Figure, rows: pd.DataFrame, colors: dict[str, str], scatter: type) -> None:
    """Counts per (lane, time bin), sized by count and drawn in the colour of the commonest type
    there (one trace per type): past the point threshold."""
    unit, unit_name = _count_bin(rows["end_ms"].max() - rows["start_ms"].min())
    middle = ((rows["start_ms"] + rows["end_ms"]) / 2).to_numpy().astype("datetime64[ms]")
    bins = middle.astype(f"datetime64[{unit}]").astype("datetime64[ms]").astype("int64").astype(float)
    binned = pd.DataFrame({"event_type": rows["event_type"].to_numpy(), "lane_y": np.round(rows["y"].to_numpy()),
                           "bin": bins})
    by_type = binned.groupby(["lane_y", "bin", "event_type"], observed=True).size().reset_index(name="n")
    totals = by_type.groupby(["lane_y", "bin"])["n"].transform("sum")
    cells = by_type.assign(total=totals).sort_values("n", kind="stable").drop_duplicates(["lane_y", "bin"], keep="last")
    largest = cells["total"].max()
    for kind, group in cells.groupby("event_type", sort=True):
        figure.add_trace(scatter(
            x=group["bin"].to_numpy(), y=group["lane_y"].to_numpy(), mode="markers", name=kind, legendgroup=kind,
            marker=dict(color=colors.get(kind, "#555"), opacity=0.75,
                        size=4 + 16 * np.log1p(group["total"].to_numpy()) / np.log1p(largest)),
            text=group["total"].to_numpy(),
            hovertemplate=f"%{{text}} events per {unit_name} (mostly {kind})<br>%{{x|%Y-%m-%d}}<extra></extra>"))


def _add_timeline_highlight(figure: go.Figure, rows: pd.DataFrame, scatter: type) -> None:
    if rows.empty:
        return
    figure.add_trace(scatter(
        x=((rows["start_ms"] + rows["end_ms"]) / 2).to_numpy(), y=rows["y"].to_numpy(), mode="markers",
        name="selected", showlegend=False, hoverinfo="skip", customdata=rows["row"].tolist(),
        marker=dict(size=18, color="rgba(0,0,0,0)", line=dict(color="#111827", width=3))))


def _timeline_layout(lane_names: list[str], x_range: list[float], extent: list[float], buttons: list[dict]) -> dict:
    """``extent`` is the range slider's span: set, not autoranged, since plotly's own padding of an
    event in year 9999 passes the end of its date axis and the slider draws nothing."""
    return dict(
        font=FONT, uirevision="timeline", hovermode="closest",
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="v", x=1.01, y=1, font=dict(size=11), title=dict(text="event type")),
        dragmode="zoom",
        xaxis=dict(
            type="date", range=x_range, showgrid=True,
            rangeslider=dict(visible=True, thickness=0.06, autorange=False, range=extent),
            autorangeoptions=dict(minallowed=FIRST_MS, maxallowed=AXIS_LAST_MS),  # the "all" button, too
            rangeselector=dict(buttons=buttons, y=1.01, yanchor="bottom", x=0, xanchor="left")),
        yaxis=dict(tickmode="array", tickvals=list(range(len(lane_names))), ticktext=lane_names,
                   range=[len(lane_names) - 0.5, -0.5], fixedrange=True, showgrid=False, zeroline=False),
    )


# ----------------------------------------------------------------------------- map

def build_map(events: pd.DataFrame, sites: pd.DataFrame | None = None, *, colors: dict[str, str] | None = None,
              max_points: int = 3_000, highlight_id: str | None = None) -> go.Figure:
    """Events on a map of Kazakhstan and its neighbours (zoomable to the world).

    One trace per event type; exactly placed events are filled dots, country-level ones larger
    hollow rings; located sites are their own labelled layer. Past `max_points` events are
    drawn as a grid of counts instead (scattergeo draws slowly: a few thousand markers at most).
    customdata of event markers is the event's index label (a plain list, see _add_raw_traces).
    """
    placed = events[events["lat"].notna() & events["lon"].notna()]
    colors = colors or type_colors(placed["event_type"])
    figure = new_figure(MAP_LAYOUT)
    if len(placed) > max_points:
        _add_density_trace(figure, placed, max_points)
    else:
        _add_event_markers(figure, placed, colors)
    if sites is not None and not sites.empty:
        _add_sites(figure, sites)
    if highlight_id is not None:
        chosen = placed[placed["id"] == highlight_id]
        if not chosen.empty:
            figure.add_trace(go.Scattergeo(
                lon=chosen["lon"], lat=chosen["lat"], mode="markers", name="selected", showlegend=False,
                hoverinfo="skip", marker=dict(size=22, color="rgba(0,0,0,0)", line=dict(color="#111827", width=3))))
    if placed.empty:
        figure.add_annotation(text="No placed events match these filters", showarrow=False,
                              xref="paper", yref="paper", x=0.5, y=0.5, font=dict(size=15, color="#6b7280"))
    return figure


def _add_event_markers(figure: go.Figure, placed: pd.DataFrame, colors: dict[str, str]) -> None:
    country_level = (placed["geo_precision"] == "country").to_numpy()
    labels = (placed["event_type"].astype(str) + " · " + placed["place_name"].fillna("").astype(str)
              + "<br>" + placed["date_text"].fillna("").astype(str)).to_numpy()
    for kind, group in placed.groupby("event_type", sort=True):
        positions = placed.index.get_indexer(group.index)
        for broad in (False, True):
            chosen = positions[country_level[positions] == broad]
            if len(chosen) == 0:
                continue
            marker = (dict(symbol="circle-open", size=16, color=colors.get(kind, "#555"), opacity=0.6,
                           line=dict(width=2)) if broad else
                      dict(symbol="circle", size=8, color=colors.get(kind, "#555"), opacity=0.85,
                           line=dict(width=0.5, color="white")))
            rows = placed.iloc[chosen]
            figure.add_trace(go.Scattergeo(
                lon=rows["lon"].to_numpy(), lat=rows["lat"].to_numpy(), mode="markers",
                name=f"{kind} (country-level)" if broad else kind, legendgroup=kind, marker=marker,
                showlegend=not broad, customdata=rows.index.tolist(), hovertext=labels[chosen], hoverinfo="text"))
    if country_level.any():  # a key for the hollow rings, whose per-type traces stay out of the legend
        figure.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name="country-level place",
                                       hoverinfo="skip", marker=dict(symbol="circle-open", size=14, color="#6b7280")))


def _add_density_trace(figure: go.Figure, placed: pd.DataFrame, max_cells: int) -> None:
    """A grid of counts: the cell size doubles until the cells fit under the threshold."""
    cell = 0.5
    while True:
        lon_bin = np.floor(placed["lon"].to_numpy() / cell)
        lat_bin = np.floor(placed["lat"].to_numpy() / cell)
        grid = pd.DataFrame({"lon": lon_bin, "lat": lat_bin}).value_counts().reset_index(name="n")
        if len(grid) <= max_cells:
            break
        cell *= 2
    counts = grid["n"].to_numpy()
    figure.add_trace(go.Scattergeo(
        lon=(grid["lon"].to_numpy() + 0.5) * cell, lat=(grid["lat"].to_numpy() + 0.5) * cell, mode="markers",
        name=f"events per {cell:g}° cell",
        marker=dict(size=np.clip(3 + 3 * np.log2(counts), 3, 30), color=np.log10(counts), colorscale="YlOrRd",
                    opacity=0.8, colorbar=dict(title="events", tickvals=[0, 1, 2, 3, 4, 5],
                                               ticktext=["1", "10", "100", "1k", "10k", "100k"], len=0.6)),
        text=counts, hovertemplate="%{text} events<extra></extra>"))


def _add_sites(figure: go.Figure, sites: pd.DataFrame) -> None:
    sites = sites.drop_duplicates("name")
    figure.add_trace(go.Scattergeo(
        lon=sites["lon"].to_numpy(), lat=sites["lat"].to_numpy(), mode="markers+text", name="sites",
        text=site_labels(sites), textposition="top center", textfont=dict(size=11, color="#374151"),
        marker=dict(symbol="diamond", size=9, color="#111827", line=dict(color="white", width=1)),
        hovertext=(sites["name"].astype(str) + " (" + sites["category"].fillna("").astype(str) + ")").to_numpy(),
        hoverinfo="text"))


def site_labels(sites: pd.DataFrame, *, cell_degrees: float = 1.0) -> list[str]:
    """One label per cluster of nearby sites ("Moscow +2"), so Moscow, Red Square and the Kremlin
    do not print on top of each other; every site keeps its marker and hover text."""
    cells = list(zip((sites["lat"] // cell_degrees).tolist(), (sites["lon"] // cell_degrees).tolist()))
    sizes: dict[tuple[float, float], int] = {}
    for cell in cells:
        sizes[cell] = sizes.get(cell, 0) + 1
    labels, seen = [], set()
    for name, cell in zip(sites["name"].astype(str), cells):
        labels.append("" if cell in seen else name + (f" +{sizes[cell] - 1}" if sizes[cell] > 1 else ""))
        seen.add(cell)
    return labels


def _geo_args(view: dict) -> dict:
    """relayout arguments that show `view` and undo any zoom (projection scale back to 1)."""
    return {"geo.lonaxis.range": view["lonaxis_range"], "geo.lataxis.range": view["lataxis_range"],
            "geo.projection.scale": 1}



MAP_LAYOUT = dict(  # 1:110m outlines: a browser redraws them on every update, 1:50m costs ~150 ms more each time
    geo=dict(projection=dict(type="mercator"), resolution=110, showcountries=True, countrycolor="#9ca3af",
             showland=True, landcolor="#f5f3ee", showocean=True, oceancolor="#e3ecf5", showlakes=True,
             lakecolor="#e3ecf5", showcoastlines=True, coastlinecolor="#9ca3af",
             lonaxis=dict(range=REGION_VIEW["lonaxis_range"]), lataxis=dict(range=REGION_VIEW["lataxis_range"])),
    font=FONT, uirevision="map", margin=dict(l=0, r=0, t=0, b=0),
    legend=dict(orientation="h", x=0, y=0, yanchor="top", font=dict(size=11)),
    updatemenus=[dict(type="buttons", direction="left", x=0.01, y=0.99, xanchor="left", yanchor="top",
                      showactive=False, pad=dict(r=4, t=4), buttons=[
                          dict(label="Region", method="relayout", args=[_geo_args(REGION_VIEW)]),
                          dict(label="World", method="relayout", args=[_geo_args(WORLD_VIEW)])])])
