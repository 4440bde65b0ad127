"""Exports of the current view: one image (timeline + map + caption) and the filtered records.

Images go through kaleido, which drives the system Chromium and loads plotly.js from the
installed plotly package; the map outlines come from geodata/shapes as a file:// URL, so an
export needs no network.
"""
from __future__ import annotations

import html
import tempfile
import textwrap
from pathlib import Path

import kaleido
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.data import Dataset
from dashboard.figures import FONT, HOVER_SUFFIX, build_map, build_timeline, type_colors
from dashboard.filters import Filters, count_text, describe, filter_events, filter_sites
from events.model import EventRecord, Record, SiteRecord, field_names, non_null_fields, required_fields
from events.records import INTEGER_FIELDS, write_records

SHAPES_DIR = Path(__file__).resolve().parents[1] / "geodata" / "shapes"
IMAGE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
RECORD_SUFFIXES = (".csv", ".geojson", ".jsonl")
IMAGE_SIZE = dict(width=1400, height=1400)
MAX_SOURCES = 8
CAPTION_WIDTH = 150


def caption_text(events: pd.DataFrame, filters: Filters, *, data: Dataset | None = None, link: str | None = None) -> str:
    """Plain-text caption: filters, number of events and their sources (title — author), and with
    `data` and `link` what a citation needs to reproduce the figure: the data's name and digest and
    the address of the view."""
    sources = (events.assign(title=events["doc_title"].fillna(events["doc_id"]),
                             author=events["doc_author"].fillna("unknown author"))
               .groupby(["title", "author"], sort=False).size().sort_values(ascending=False))
    named = [f"{title} — {author}" for title, author in sources.index[:MAX_SOURCES]]
    if len(sources) > MAX_SOURCES:
        named.append(f"and {len(sources) - MAX_SOURCES} more")
    return "\n".join([
        f"{count_text(len(events))} · Filters: {describe(filters)}",
        "Sources: " + ("; ".join(named) if named else "none"),
        *([f"Data: {data.source}, {len(data.events)} events, digest {data.digest}"] if data is not None else []),
        *([f"View: {link}"] if link else []),
    ])


def view_figure(data: Dataset, filters: Filters, *, lanes: str = "actor",
                colors: dict[str, str] | None = None, link: str | None = None) -> go.Figure:
    """Timeline above map, with the caption below: what `download-view` and `dala export` write.
    `link` is the view's address for the caption (filters.view_link)."""
    events = filter_events(data, filters)
    colors = colors or type_colors(data.events["event_type"])
    timeline = build_timeline(events, lanes=lanes, colors=colors, actor_lanes=data.actor_lanes, webgl=False,
                              date_range=filters.date_range_ms(), full_range=True)
    geo = build_map(events, filter_sites(data, filters, events), colors=colors)
    figure = make_subplots(rows=2, cols=1, specs=[[{"type": "xy"}], [{"type": "geo"}]],
                           row_heights=[0.42, 0.58], vertical_spacing=0.07,
                           subplot_titles=("Timeline", "Map"))
    for trace in timeline.data:
        if not trace.name.endswith(HOVER_SUFFIX):  # an image has no mouse
            figure.add_trace(trace, row=1, col=1)
    in_legend = {trace.legendgroup for trace in timeline.data}
    for trace in geo.data:  # one legend entry per type: the timeline's already names it
        if trace.legendgroup in in_legend and not trace.name.endswith("(country-level)"):
            trace.showlegend = False
        figure.add_trace(trace, row=2, col=1)
    figure.update_xaxes(timeline.layout.xaxis, row=1, col=1)
    figure.update_xaxes(rangeslider_visible=False, rangeselector_visible=False, row=1, col=1,
                        **({"range": list(filters.window)} if filters.window else {}))
    figure.update_yaxes(timeline.layout.yaxis, row=1, col=1)
    figure.update_geos(geo.layout.geo, resolution=50)  # print: finer outlines than the app's fast 1:110m
    for annotation in timeline.layout.annotations:  # the empty-state message, if any
        figure.add_annotation(annotation.update(xref="x domain", yref="y domain"))
    caption = "<br>".join(
        "<br>".join(textwrap.wrap(html.escape(line), CAPTION_WIDTH)) for line in caption_text(events, filters, data=data, link=link).split("\n"))
    figure.add_annotation(text=caption, showarrow=False, xref="paper", yref="paper", x=0, y=-0.02,
                          xanchor="left", yanchor="top", align="left", font=dict(size=12, color="#374151"))
    figure.update_layout(template="plotly_white", font=FONT, showlegend=True,
                         title=dict(text="<b>Dala</b> — events in Kazakhstan and its neighbours", x=0.01),
                         legend=dict(orientation="v", x=1.01, y=1, font=dict(size=11)),
                         margin=dict(l=40, r=40, t=80, b=190), **IMAGE_SIZE)
    return figure


def image_bytes(figure: go.Figure, fmt: str) -> bytes:
    """Render with kaleido (system Chromium), map outlines from the local shapes folder."""
    if fmt not in IMAGE_FORMATS.values():
        raise ValueError(f"unsupported image format {fmt!r} (use png, svg or pdf)")
    return kaleido.calc_fig_sync(
        figure.to_dict(), opts=dict(format=fmt, **IMAGE_SIZE),
        topojson=SHAPES_DIR.as_uri() + "/", kopts={"mathjax": False})


def export_records(data: Dataset, filters: Filters, path: Path) -> int:
    """Write the filtered events and their sites (`filter_sites`) by suffix; returns the count."""
    if path.suffix.lower() not in RECORD_SUFFIXES:
        raise ValueError(f"{path}: unsupported records type {path.suffix!r} (use {', '.join(RECORD_SUFFIXES)})")
    events = filter_events(data, filters)
    rows = _plain_rows(events, EventRecord) + _plain_rows(filter_sites(data, filters, events), SiteRecord)
    return write_records(path, rows)


def records_bytes(data: Dataset, filters: Filters, suffix: str) -> bytes:
    """The filtered records as file content, for the browser download."""
    with tempfile.TemporaryDirectory(prefix="dala-export-") as folder:
        path = Path(folder) / f"records{suffix}"
        export_records(data, filters, path)
        return path.read_bytes()


def _plain_rows(frame: pd.DataFrame, kind: type[Record]) -> list[dict]:
    """The model's fields only, with JSON-ready values (None for missing, plain ints and lists).

    An optional field that is missing (spans in a file from before spans) is left out rather than
    written as null, so the export still follows the schema."""
    if frame.empty:
        return []
    present = frame[[field for field in field_names(kind) if field in frame.columns]]
    omit_if_null = [name for name in non_null_fields(kind) if name not in required_fields(kind)]
    rows = present.astype(object).where(present.notna(), None).to_dict("records")
    for row in rows:
        for key, value in row.items():
            if isinstance(value, np.generic):
                row[key] = value.item()
            elif isinstance(value, np.ndarray):
                row[key] = value.tolist()
        for key in INTEGER_FIELDS:
            if isinstance(row.get(key), float):
                row[key] = int(row[key])
        for key in omit_if_null:
            if key in row and row[key] is None:
                del row[key]
    return rows
