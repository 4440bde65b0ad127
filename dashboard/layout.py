"""Component tree of the dashboard: filters on the left; timeline; map beside evidence; table.

The initial figures are built here from the unfiltered data, so a plain page load needs no
callback round trip before it shows something.
"""
from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.data import NO_ACTOR, Dataset
from dashboard.dates import ms_iso
from dashboard.evidence import build_evidence
from dashboard.export import RECORD_SUFFIXES
from dashboard.figures import dense_span
from dashboard.figures import TYPE_COLORS
from dashboard.filters import DEFAULT_MODES
from dashboard.views import PLAY_INTERVAL_MS, Views

IMAGE_CHOICES = ("png", "svg", "pdf")
DOC_OPTIONS = 100
MODEBAR_FORMATS = ("png", "svg")  # plotly's own image button knows no pdf
DOWNLOAD_LABEL, RENDERING_LABEL = "Download view", "Rendering image…"
PAGE_SIZES = [25, 50, 100]  # AG Grid warns (#94/#95) and shows a blank size when the page size is not among them
TABLE_COLUMNS = [  # wide enough for the floating filter's input next to its button
    dict(field="date_start", headerName="From", width=115),
    dict(field="date_end", headerName="To", width=115),
    dict(field="date_precision", headerName="Precision", width=125),
    dict(field="event_type", headerName="Type", width=130),
    dict(field="mode", headerName="Mode", width=125),
    dict(field="actors", headerName="Actors", width=200),
    dict(field="place_name", headerName="Place", width=140),
    dict(field="country_code", headerName="Country", width=120),
    dict(field="doc_title", headerName="Document", width=200),
    dict(field="sentence", headerName="Sentence", flex=1, minWidth=320, tooltipField="sentence"),
    dict(field="confidence", headerName="Conf.", width=115, type="numericColumn"),
]


def graph_config(name: str, image_format: str, topojson_url: str | None = None) -> dict:
    """dcc.Graph config: modebar download in the chosen format; local map outlines for geo."""
    config = {
        "displaylogo": False, "scrollZoom": True,
        "toImageButtonOptions": {"format": image_format if image_format in MODEBAR_FORMATS else "png",
                                 "filename": f"dala-{name}", "scale": 2},
    }
    if topojson_url:
        config["topojsonURL"] = topojson_url
    return config


def _review_panel() -> html.Details:
    """Confirm, reject or correct the selected event; decisions go to the review file beside the data."""
    def text_input(component: str, placeholder: str) -> dcc.Input:
        return dcc.Input(id=component, type="text", value="", placeholder=placeholder, className="text-input")

    return html.Details(className="review", children=[
        html.Summary("Review this event"),
        dcc.Input(id=ids.REVIEWER, type="text", value="", placeholder="your name", className="text-input",
                  persistence=True, persistence_type="local"),
        html.Div(className="review-buttons", children=[
            html.Button("Confirm", id=ids.REVIEW_CONFIRM, className="button secondary"),
            html.Button("Reject", id=ids.REVIEW_REJECT, className="button secondary")]),
        html.Div(className="review-fields", children=[
            text_input(ids.REVIEW_DATE_START, "from YYYY-MM-DD"), text_input(ids.REVIEW_DATE_END, "to YYYY-MM-DD"),
            text_input(ids.REVIEW_PLACE, "place"), text_input(ids.REVIEW_COUNTRY, "country (ISO, e.g. KZ)"),
            text_input(ids.REVIEW_ACTORS, "actors, comma-separated"),
            dcc.Dropdown(id=ids.REVIEW_TYPE, options=sorted(TYPE_COLORS), placeholder="event type")]),
        html.Button("Save correction", id=ids.REVIEW_CORRECT, className="button secondary"),
        html.P(id=ids.REVIEW_MESSAGE, className="note", **{"aria-live": "polite"}),
    ])


def build_layout(data: Dataset, initial: Views, *, topojson_url: str) -> html.Div:
    """The whole page for one data set; `initial` is the unfiltered view."""
    return html.Div(className="app", children=[
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.WINDOW_STORE), dcc.Store(id=ids.AREA_STORE), dcc.Store(id=ids.SELECTED_STORE),
        dcc.Store(id=ids.PLAY_STATE), dcc.Store(id=ids.REVIEW_VERSION),
        dcc.Interval(id=ids.PLAY_INTERVAL, interval=PLAY_INTERVAL_MS, disabled=True),
        dcc.Download(id=ids.DOWNLOAD_VIEW_FILE), dcc.Download(id=ids.DOWNLOAD_RECORDS_FILE),
        html.Header(className="topbar", children=[
            html.H1("Dala"),
            html.Span("Dated, located, attributed events in Kazakhstan and its neighbours", className="subtitle"),
            html.Div(initial.count, id=ids.EVENT_COUNT, className="event-count", **{"aria-live": "polite"}),
        ]),
        html.Div(className="page", children=[
            _sidebar(data),
            html.Main(className="content", children=[
                html.Div("No events match these filters. Widen the dates or press “Reset filters”.",
                         id=ids.EMPTY_STATE, className="empty-state", style=_shown(initial.empty)),
                _timeline_card(initial),
                html.Div(className="middle", children=[
                    _map_card(initial, topojson_url),
                    html.Section(className="card evidence-card", children=[
                        html.H2("Evidence"), html.Div(build_evidence(None), id=ids.EVIDENCE), _review_panel()]),
                ]),
                html.Section(className="card table-card", children=[
                    html.Div(className="card-head", children=[
                        html.H2("Events"), html.Span(initial.table_note, id=ids.TABLE_NOTE, className="note")]),
                    _table(initial)]),
            ]),
        ]),
    ])


def _shown(visible: bool) -> dict:
    return {} if visible else {"display": "none"}


def _sidebar(data: Dataset) -> html.Aside:
    events = data.events
    first, last = events["date_start"].dropna().min(), events["date_end"].dropna().max()
    return html.Aside(className="sidebar", children=[
        html.H2("Filters"),
        _field("Dates", dcc.DatePickerRange(
            id=ids.DATE_RANGE, display_format="YYYY-MM-DD", clearable=True, start_date_placeholder_text="from",
            end_date_placeholder_text="to", min_date_allowed=_or_none(first), max_date_allowed=_or_none(last),
            initial_visible_month=_dense_month(data), with_portal=True)),  # a portal: never clipped by the sidebar
        dcc.Input(id=ids.DATE_TEXT, type="text", debounce=True, value="", className="text-input",
                  placeholder="or type: last month, März 2022, 2021"),
        _field("Actors", dcc.Dropdown(id=ids.ACTOR_FILTER, multi=True, placeholder="All actors",
                                      options=_counted_options(data.actor_lanes["lane"], exclude=NO_ACTOR))),
        _field("Event types", dcc.Dropdown(id=ids.TYPE_FILTER, multi=True, placeholder="All types",
                                           options=_counted_options(events["event_type"]))),
        _field("Modes", dcc.Dropdown(id=ids.MODE_FILTER, multi=True, value=list(DEFAULT_MODES),
                                     placeholder="All modes", options=_counted_options(events["mode"]))),
        dcc.Checklist(id=ids.SHOW_REJECTED, options=[{"label": " show rejected records", "value": "rejected"}],
                      value=[], className="checklist"),
        _field("Documents", dcc.Dropdown(id=ids.DOC_FILTER, multi=True, placeholder="All documents",
                                         options=document_options(data, "", []))),
        _field("Search text", dcc.Input(id=ids.TEXT_FILTER, type="search", debounce=True, value="",
                                        placeholder="words in sentence, place, actors", className="text-input")),
        html.Button("Reset filters", id=ids.RESET, className="button secondary"),
        html.H2("Export"),
        _field("Image format", dcc.RadioItems(id=ids.IMAGE_FORMAT, options=list(IMAGE_CHOICES), value="png",
                                              inline=True, className="radio")),
        html.Button(DOWNLOAD_LABEL, id=ids.DOWNLOAD_VIEW, className="button primary"),
        _field("Records format", dcc.RadioItems(id=ids.RECORDS_FORMAT, options=[
            {"label": suffix.lstrip("."), "value": suffix} for suffix in RECORD_SUFFIXES],
            value=".csv", inline=True, className="radio")),
        html.Button("Download records", id=ids.DOWNLOAD_RECORDS, className="button secondary"),
        html.P(f"Data: {data.source}", className="source-note"),
    ])


def _dense_month(data: Dataset) -> str | None:
    """The calendar opens on the last month of the timeline's default view, where the events are."""
    dated = data.events[data.events["start_ms"].notna()]
    if dated.empty:
        return None
    span = (float(dated["start_ms"].min()), float(dated["end_ms"].max()))
    return ms_iso(dense_span(dated["start_ms"], dated["end_ms"], span)[1] - 1)


def _or_none(value: object) -> str | None:
    return None if pd.isna(value) else str(value)


def _field(label: str, control) -> html.Div:
    return html.Div(className="field", children=[html.Label(label, className="field-label"), control])


def _option(label: str, value: str, count: int) -> dict:
    """'Russia (12)' on screen; the count is aria-hidden so the option's accessible name is 'Russia'."""
    return {"label": html.Span([label, html.Span(f" ({count})", className="option-count", **{"aria-hidden": "true"})]),
            "value": value, "search": label}


def _counted_options(values: pd.Series, *, exclude: str | None = None) -> list[dict]:
    counts = values.value_counts()
    return [_option(str(name), str(name), int(n)) for name, n in counts.items() if n > 0 and name != exclude]


def document_options(data: Dataset, search: str, selected: list[str]) -> list[dict]:
    """The busiest documents whose title contains `search`, plus the selected ones: a data set can
    hold tens of thousands of documents, more than a dropdown should carry."""
    docs = data.documents
    if search:
        docs = docs[docs["title"].str.contains(search, case=False, regex=False)]
    docs = pd.concat([docs.head(DOC_OPTIONS), data.documents[data.documents["doc_id"].isin(selected)]])
    return [_option(str(row.title), str(row.doc_id), int(row.events))
            for row in docs.drop_duplicates("doc_id").itertuples()]


def _timeline_card(initial: Views) -> html.Section:
    return html.Section(className="card timeline-card", children=[
        html.Div(className="card-head", children=[
            html.H2("Timeline"),
            dcc.RadioItems(id=ids.LANES, value="actor", inline=True, className="radio", options=[
                {"label": "lanes by actor", "value": "actor"}, {"label": "by event type", "value": "event_type"}]),
            html.Button("▶ Play", id=ids.PLAY, className="button small"),
            dcc.Checklist(id=ids.PLAY_CUMULATIVE, options=[{"label": "cumulative", "value": "yes"}], value=[],
                          inline=True, className="radio"),
            html.Span(id=ids.VIEW_NOTE, className="note view-note"),
        ]),
        html.Div(dcc.Graph(id=ids.TIMELINE, figure=initial.timeline, config=graph_config("timeline", "png"),
                           responsive=True, className="graph"), className="graph-box"),
    ])


def _map_card(initial: Views, topojson_url: str) -> html.Section:
    return html.Section(className="card map-card", children=[
        html.Div(className="card-head", children=[
            html.H2("Map"), html.Span("box/lasso select filters the other views", className="note")]),
        html.Div(dcc.Graph(id=ids.MAP, figure=initial.map, config=graph_config("map", "png", topojson_url),
                           responsive=True, className="graph"), className="graph-box"),
    ])


def _table(initial: Views) -> dag.AgGrid:
    return dag.AgGrid(
        id=ids.EVENT_TABLE, rowData=initial.table_rows, columnDefs=TABLE_COLUMNS,
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "floatingFilter": True},
        getRowId="params.data.id",
        dashGridOptions={"pagination": True, "paginationPageSize": 25, "paginationPageSizeSelector": PAGE_SIZES, "animateRows": False,
                         "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                         "tooltipShowDelay": 300},
        style={"height": "460px"}, className="ag-theme-quartz",
    )
