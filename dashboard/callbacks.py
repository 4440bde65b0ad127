"""All callbacks, registered in one place; each is a thin adapter over pure functions in
dashboard.views / dashboard.filters / dashboard.export (which the unit tests exercise).

Per-user state lives in the URL (filters) and dcc.Store (time window, map area, selected
event, play state); the Dataset is shared read-only.
"""
from __future__ import annotations


from dataclasses import replace

from dash import Dash, Input, Output, State, ctx, dcc, no_update

from dashboard import ids
from dashboard.answers import ResponseCache, cache_answers
from dashboard.live import LiveData, Snapshot
from dashboard.evidence import build_evidence
from dashboard.export import image_bytes, records_bytes, view_figure
from dashboard.filters import DEFAULT_MODES, Filters, filters_from_query, filters_to_query, view_link
from dashboard.layout import DOWNLOAD_LABEL, RENDERING_LABEL, document_options, graph_config
from dashboard.views import (advance_play, area_from_selection, clicked_event_id,
                             controls_to_filters, event_record, play_frames_for, typed_dates, view_note,
                             window_from_relayout, zoom_range, zoom_store)

CONTROLS = ((ids.DATE_RANGE, "start_date"), (ids.DATE_RANGE, "end_date"), (ids.ACTOR_FILTER, "value"),
            (ids.TYPE_FILTER, "value"), (ids.DOC_FILTER, "value"), (ids.TEXT_FILTER, "value"),
            (ids.MODE_FILTER, "value"))
CLEARED = (None, None, [], [], [], "", list(DEFAULT_MODES))
UNCHANGED = (no_update,) * len(CONTROLS)
PLAY_LABEL, STOP_LABEL = "▶ Play", "■ Stop"
REVIEW_FIELDS = {"date_start": ids.REVIEW_DATE_START, "date_end": ids.REVIEW_DATE_END, "place_name": ids.REVIEW_PLACE,
                 "country_code": ids.REVIEW_COUNTRY, "actors": ids.REVIEW_ACTORS, "event_type": ids.REVIEW_TYPE}


def _inputs(kind: type = Input) -> list:
    return [kind(component, prop) for component, prop in CONTROLS]


VIEWS_OUTPUTS = (Output(ids.TIMELINE, "figure"), Output(ids.MAP, "figure"), Output(ids.EVENT_TABLE, "rowData"),
                 Output(ids.EVENT_COUNT, "children"), Output(ids.TABLE_NOTE, "children"),
                 Output(ids.EMPTY_STATE, "style"))
VIEWS_INPUTS = (*_inputs(), Input(ids.WINDOW_STORE, "data"), Input(ids.AREA_STORE, "data"), Input(ids.LANES, "value"),
                Input(ids.SELECTED_STORE, "data"), Input(ids.SHOW_REJECTED, "value"), Input(ids.REVIEW_VERSION, "data"))
VIEWS_INPUT_NAMES = tuple(f"{item.component_id}.{item.component_property}" for item in VIEWS_INPUTS)


def _views_arguments(state: list | tuple) -> tuple[Filters, dict]:
    """(filters, views_for keywords) from the views callback's input values, in VIEWS_INPUTS order
    (the last, the review version, only makes the views redraw after a decision)."""
    window, area, lanes, selected, show_rejected, _version = state[-6:]
    filters = replace(controls_to_filters(*state[:-6], window=window, area=area), rejected=bool(show_rejected))
    source = (window or {}).get("source")
    return filters, dict(lanes=lanes, selected=selected, shade_window=source == "play", show_all=source == "all")


def corrections_from_form(values: dict[str, str | None]) -> dict:
    """The fields an analyst filled in (blank ones are left as they are); actors comma-separated."""
    corrections: dict = {}
    for name, value in values.items():
        text = (value or "").strip()
        if text:
            corrections[name] = [part.strip() for part in text.split(",") if part.strip()] if name == "actors" else \
                (text.upper() if name == "country_code" else text)
    return corrections


def review_outcome(live: LiveData, event_id: str | None, action: str, reviewer: str | None,
                   corrections: dict | None) -> tuple[str, Snapshot | None]:
    """(one line for the page, the new snapshot or None when nothing was recorded)."""
    if not event_id:
        return "Select an event first.", None
    try:
        snapshot = live.review(event_id, action, reviewer=reviewer or "", corrections=corrections)
    except ValueError as err:
        return f"Not recorded: {err}", None
    done = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}[action]
    return f"{event_id} {done} by {(reviewer or '').strip()}; saved to {live.review_file.name}.", snapshot


def register_callbacks(app: Dash, live: LiveData, *, colors: dict[str, str], topojson_url: str,
                       answers: ResponseCache) -> None:
    """Wire every view of `app` to the data of `live` (each callback reads one read-only snapshot);
    `answers` keeps the views callback's answers (dashboard.answers)."""

    @app.callback(Output(ids.URL, "search"), *[Output(c, p) for c, p in CONTROLS], Output(ids.WINDOW_STORE, "data"),
                  Input(ids.URL, "search"), *_inputs(), Input(ids.RESET, "n_clicks"), Input(ids.DATE_TEXT, "value"),
                  Input(ids.WINDOW_STORE, "data"))
    def sync_url(search, *state):
        """URL -> controls and zoom window on load/paste, those -> URL on change (one callback: no
        cycle); a typed date phrase sets the date range."""
        window = state[-1]
        controls = controls_to_filters(*state[:-3])
        if ctx.triggered_id == ids.RESET:
            return "", *CLEARED, None
        if ctx.triggered_id == ids.DATE_TEXT:
            typed = typed_dates(live.current().data, state[-2])
            return (no_update, *UNCHANGED, no_update) if typed is None else (no_update, *typed, *UNCHANGED[2:], no_update)
        if ctx.triggered_id in (None, ids.URL):
            wanted = filters_from_query(search or "")
            zoom = no_update if wanted.window == zoom_range(window) else zoom_store(wanted.window)
            if wanted.without_window() == controls:
                return (no_update, *UNCHANGED, zoom)
            return (no_update, wanted.date_from, wanted.date_to, list(wanted.actors), list(wanted.types),
                    list(wanted.docs), wanted.text, list(wanted.modes), zoom)
        query = filters_to_query(replace(controls, window=zoom_range(window)))
        return (query if query != (search or "") else no_update), *UNCHANGED, no_update

    @app.callback(*VIEWS_OUTPUTS, *VIEWS_INPUTS, prevent_initial_call=True)
    def update_views(*state):
        filters, options = _views_arguments(state)
        views = live.current().views(filters, **options)
        rows = no_update if ctx.triggered_id == ids.SELECTED_STORE else views.table_rows
        return (views.timeline, views.map, rows, views.count, views.table_note,
                {} if views.empty else {"display": "none"})

    def answer_key(body: dict) -> str | None:
        """The key of update_views' answer to a Dash request body (None for other callbacks):
        views_key, and whether the table rows are sent (not when only the selection changed)."""
        if body.get("output") != views_output:
            return None
        values = {f"{item['id']}.{item['property']}": item.get("value") for item in body["inputs"]}
        filters, options = _views_arguments([values[name] for name in VIEWS_INPUT_NAMES])
        changed = body.get("changedPropIds") or [""]
        rows_sent = not changed[0].startswith(f"{ids.SELECTED_STORE}.")
        snapshot = live.current()
        return f"{snapshot.version}-{snapshot.views.key(filters, **options)}-{rows_sent:d}"

    (views_output,) = [output for output in app.callback_map if f"..{ids.TIMELINE}.figure..." in output]
    cache_answers(app.server, answers, answer_key)

    @app.callback(Output(ids.WINDOW_STORE, "data", allow_duplicate=True), Output(ids.PLAY_STATE, "data"),
                  Output(ids.PLAY_INTERVAL, "disabled"), Output(ids.PLAY, "children"),
                  Input(ids.TIMELINE, "relayoutData"), Input(ids.PLAY, "n_clicks"),
                  Input(ids.PLAY_INTERVAL, "n_intervals"), Input(ids.RESET, "n_clicks"),
                  State(ids.PLAY_STATE, "data"), State(ids.PLAY_CUMULATIVE, "value"), *_inputs(State),
                  prevent_initial_call=True)
    def move_window(relayout, _play, _tick, _reset, play_state, cumulative, *controls):
        """Timeline zoom, play ticks and reset all set the one time window."""
        running, trigger = bool(play_state and play_state.get("running")), ctx.triggered_id
        if trigger == ids.TIMELINE:
            changed, window = window_from_relayout(relayout)
            return (zoom_store(window) if changed else no_update), no_update, no_update, no_update
        if trigger == ids.RESET or (trigger == ids.PLAY and running):
            return (None if trigger == ids.RESET else no_update), {"running": False}, True, PLAY_LABEL
        if trigger == ids.PLAY_INTERVAL and not running:
            return (no_update,) * 4
        frames = None if running else play_frames_for(live.current().data, controls_to_filters(*controls))
        window, state = advance_play(play_state if running else None, frames, cumulative=bool(cumulative))
        return window, state, not state["running"], STOP_LABEL if state["running"] else PLAY_LABEL

    @app.callback(Output(ids.AREA_STORE, "data"), Input(ids.MAP, "selectedData"), Input(ids.RESET, "n_clicks"),
                  prevent_initial_call=True)
    def select_area(selected, _reset):
        area = None if ctx.triggered_id == ids.RESET else area_from_selection(selected)
        return [list(point) for point in area] if area else None

    @app.callback(Output(ids.SELECTED_STORE, "data"), Output(ids.EVIDENCE, "children"),
                  Output(ids.EVENT_TABLE, "selectedRows"),
                  Input(ids.TIMELINE, "clickData"), Input(ids.MAP, "clickData"), Input(ids.EVENT_TABLE, "cellClicked"),
                  prevent_initial_call=True)
    def select_event(timeline_click, map_click, cell):
        """A click in any view picks one event; every view then highlights it."""
        if ctx.triggered_id == ids.EVENT_TABLE:
            event_id = (cell or {}).get("rowId")
        else:
            event_id = clicked_event_id(live.current().data, timeline_click if ctx.triggered_id == ids.TIMELINE else map_click)
        if event_id is None:
            return no_update, no_update, no_update
        return event_id, build_evidence(event_record(live.current().data, event_id)), {"ids": [event_id]}

    @app.callback(Output(ids.REVIEW_MESSAGE, "children"), Output(ids.REVIEW_VERSION, "data"),
                  Output(ids.EVIDENCE, "children", allow_duplicate=True),
                  Input(ids.REVIEW_CONFIRM, "n_clicks"), Input(ids.REVIEW_REJECT, "n_clicks"),
                  Input(ids.REVIEW_CORRECT, "n_clicks"), State(ids.SELECTED_STORE, "data"),
                  State(ids.REVIEWER, "value"), *[State(component, "value") for component in REVIEW_FIELDS.values()],
                  prevent_initial_call=True)
    def review_event(_confirm, _reject, _correct, event_id, reviewer, *values):
        """Confirm, reject or correct the selected event; the views redraw from the new snapshot."""
        action = {ids.REVIEW_CONFIRM: "confirm", ids.REVIEW_REJECT: "reject", ids.REVIEW_CORRECT: "correct"}[ctx.triggered_id]
        message, snapshot = review_outcome(live, event_id, action, reviewer,
                                           corrections_from_form(dict(zip(REVIEW_FIELDS, values))) if action == "correct" else None)
        if snapshot is None:
            return message, no_update, no_update
        return message, snapshot.version, build_evidence(event_record(snapshot.data, event_id))

    @app.callback(Output(ids.VIEW_NOTE, "children"), Input(ids.WINDOW_STORE, "data"), Input(ids.AREA_STORE, "data"),
                  prevent_initial_call=True)
    def describe_links(window, area):
        return view_note(window, area)

    @app.callback(Output(ids.DOC_FILTER, "options"), Input(ids.DOC_FILTER, "search_value"),
                  Input(ids.DOC_FILTER, "value"), prevent_initial_call=True)
    def find_documents(search, selected):
        return document_options(live.current().data, search or "", selected or [])

    @app.callback(Output(ids.TIMELINE, "config"), Output(ids.MAP, "config"), Input(ids.IMAGE_FORMAT, "value"),
                  prevent_initial_call=True)
    def set_image_format(image_format):
        return graph_config("timeline", image_format), graph_config("map", image_format, topojson_url)

    @app.callback(Output(ids.DOWNLOAD_VIEW_FILE, "data"), Input(ids.DOWNLOAD_VIEW, "n_clicks"),
                  State(ids.IMAGE_FORMAT, "value"), State(ids.LANES, "value"), State(ids.WINDOW_STORE, "data"),
                  State(ids.AREA_STORE, "data"), State(ids.URL, "href"), State(ids.SHOW_REJECTED, "value"),
                  *_inputs(State), prevent_initial_call=True,
                  running=[(Output(ids.DOWNLOAD_VIEW, "disabled"), True, False),  # rendering takes seconds: say so
                           (Output(ids.DOWNLOAD_VIEW, "children"), RENDERING_LABEL, DOWNLOAD_LABEL)])
    def download_view(_clicks, image_format, lanes, window, area, href, show_rejected, *controls):
        filters = replace(controls_to_filters(*controls, window=window, area=area), rejected=bool(show_rejected))
        figure = view_figure(live.current().data, filters, lanes=lanes, colors=colors, link=view_link(href or "", filters) if href else None)
        content = image_bytes(figure, image_format)
        return dcc.send_bytes(content, f"dala-view.{image_format}")

    @app.callback(Output(ids.DOWNLOAD_RECORDS_FILE, "data"), Input(ids.DOWNLOAD_RECORDS, "n_clicks"),
                  State(ids.RECORDS_FORMAT, "value"), State(ids.WINDOW_STORE, "data"), State(ids.AREA_STORE, "data"),
                  State(ids.SHOW_REJECTED, "value"), *_inputs(State), prevent_initial_call=True)
    def download_records(_clicks, suffix, window, area, show_rejected, *controls):
        filters = replace(controls_to_filters(*controls, window=window, area=area), rejected=bool(show_rejected))
        return dcc.send_bytes(records_bytes(live.current().data, filters, suffix), f"dala-records{suffix}")
