"""Views answers are kept by what they depend on: filter states that select the same events share
one answer, and an answer from the cache is the answer the callback would have built."""
from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask
from plotly.io.json import to_json_plotly

from dashboard.answers import ResponseCache, cache_answers
from dashboard.app import create_app
from dashboard.data import BUILTIN_RECORDS, Dataset, load_records, prepare
from dashboard.dates import DAY_MS, iso_ms
from dashboard.figures import type_colors
from dashboard.filters import Filters
from dashboard.views import compute_views, shown_events, views_key

WORDS = ("kasachstan", "protest", "präsident", "zzzz", "armee", "wahl")


@pytest.fixture(scope="module")
def builtin() -> Dataset:
    return prepare(load_records(BUILTIN_RECORDS))


def random_state(data: Dataset, rng: random.Random) -> tuple[Filters, dict]:
    actors = sorted(data.actor_rows)
    types = sorted(data.events["event_type"].unique())
    year = rng.randint(1960, 2030)
    dates = rng.choice([(None, None), (f"{year}-01-01", f"{year}-12-31"), (f"{year}-03-01", None), (None, f"{year}-06-30")])
    filters = Filters(date_from=dates[0], date_to=dates[1],
                      actors=tuple(rng.sample(actors, rng.choice([0, 0, 1, 2]))),
                      types=tuple(rng.sample(types, rng.choice([0, 0, 1]))),
                      text=rng.choice(("",) * 4 + WORDS))
    selected = rng.choice([None, None, str(data.events["id"].iat[rng.randrange(len(data.events))])])
    # the timeline's window: none, "all" (autorange), a zoom (the axis range) or a play frame
    role = rng.choice(["none", "none", "all", "zoom", "play"])
    if role in ("zoom", "play"):
        start = iso_ms(f"{rng.choice([1966, 2014, 2021, 2022, 2022, 2030])}-{rng.randint(1, 12):02d}-01")
        filters = replace(filters, window=(start, start + rng.choice([7, 40, 400]) * DAY_MS))
    return filters, dict(lanes=rng.choice(["actor", "event_type"]), selected=selected, shade_window=role == "play",
                         show_all=role == "all")


def views_json(data: Dataset, filters: Filters, options: dict) -> tuple:
    views = compute_views(data, filters, colors=type_colors(data.events["event_type"]), **options)
    return to_json_plotly(views.timeline), to_json_plotly(views.map), json.dumps(views.table_rows, default=str), \
        views.count, views.table_note, views.empty


def test_filter_states_with_one_key_show_the_same_views(builtin: Dataset) -> None:
    rng = random.Random(11)
    groups: dict[str, list[tuple[Filters, dict]]] = defaultdict(list)
    for _ in range(300):
        filters, options = random_state(builtin, rng)
        shown = shown_events(builtin, filters, play=options["shade_window"])
        groups[views_key(builtin, shown, filters, **options)].append((filters, options))
    shared = [states for states in groups.values() if len({(f, tuple(o.items())) for f, o in states}) > 1]
    assert len(shared) >= 5, "the states drawn should include different filters with the same views"
    for states in shared:
        first = views_json(builtin, *states[0])
        for other in states[1:4]:
            assert views_json(builtin, *other) == first, (states[0], other)


def test_different_events_or_lanes_give_different_keys(builtin: Dataset) -> None:
    everything = Filters()
    one_actor = Filters(actors=(max(builtin.actor_rows, key=lambda name: len(builtin.actor_rows[name])),))
    keys = {views_key(builtin, shown_events(builtin, filters), filters, lanes=lanes, selected=selected, shade_window=False)
            for filters in (everything, one_actor) for lanes in ("actor", "event_type") for selected in (None, "x")}
    assert len(keys) == 8


def test_a_date_filter_changes_the_key_only_where_the_axis_shows_it(builtin: Dataset) -> None:
    def key(filters: Filters) -> str:
        return views_key(builtin, shown_events(builtin, filters), filters, lanes="actor", selected=None, shade_window=False)

    assert key(Filters(date_from="0100-01-01", date_to="9000-12-31")) == key(Filters())  # wider than the events
    first = builtin.events["date_start"].dropna().min()
    later = f"{int(first[:4]) + 1}{first[4:10]}"
    assert key(Filters(date_from=later)) != key(Filters())


def test_the_app_answers_an_equal_view_from_the_kept_answer(builtin: Dataset) -> None:
    cache = ResponseCache()
    app = create_app(BUILTIN_RECORDS, answers=cache)
    client = app.server.test_client()
    (callback,) = [dep for dep in client.get("/_dash-dependencies").get_json() if "timeline.figure" in dep["output"]]

    def body(text: str) -> dict:
        values = {"text-filter.value": text, "timeline-lanes.value": "actor", "mode-filter.value": ["asserted"]}
        inputs = [{**item, "value": values.get(f"{item['id']}.{item['property']}")} for item in callback["inputs"]]
        outputs = [dict(zip(("id", "property"), part.split("."))) for part in callback["output"].strip(".").split("...")]
        return {"output": callback["output"], "outputs": outputs, "inputs": inputs,
                "changedPropIds": ["text-filter.value"], "state": []}

    first = client.post("/_dash-update-component", json=body("no-such-word-1"))
    assert first.status_code == 200 and len(cache._items) == 1
    second = client.post("/_dash-update-component", json=body("no-such-word-2"))
    assert second.data == first.data and len(cache._items) == 1  # answered from the one kept answer
    fresh = create_app(BUILTIN_RECORDS, answers=ResponseCache()).server.test_client()
    assert fresh.post("/_dash-update-component", json=body("no-such-word-2")).data == first.data
    assert client.post("/_dash-update-component", json=body("")).data != first.data
    assert len(cache._items) == 2


def test_a_request_the_key_cannot_read_passes_through(tmp_path: Path) -> None:
    server = Flask(__name__)
    cache = ResponseCache()

    @server.post("/_dash-update-component")
    def answer():
        return {"answer": 1}

    def unreadable(body: dict) -> str:
        return body["inputs"][0]["value"]

    cache_answers(server, cache, unreadable)
    response = server.test_client().post("/_dash-update-component", json={"inputs": []})
    assert response.status_code == 200 and response.get_json() == {"answer": 1} and not cache._items
