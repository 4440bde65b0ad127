"""Loading records and the one filter function, on the hand-written test_dashboard_records.jsonl.

Fixture events: e1 protest Almaty 2022-01-05; e2 assault Almaty 2022-01-06 (2 actors); e3 mobilize
Russia+CSTO country-level 2022-01-06; e4 consult Moscow January 2022 (month); e5 agree Almaty
1991-12-21; e6 cooperate 2014 (year, no place); e7 reject 1980s (decade, HTML in sentence);
e8 protest Zhanaozen 2022-01-07 (no actor). One site (Baikonur).
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import NO_ACTOR, Dataset, load_records, prepare
from dashboard.filters import Filters, count_text, filter_events, filters_from_query, filters_to_query

RECORDS = Path(__file__).with_name("test_dashboard_records.jsonl")
ALMATY_BOX = ((76.0, 43.0), (77.5, 43.0), (77.5, 44.0), (76.0, 44.0))


@pytest.fixture(scope="module")
def data() -> Dataset:
    return prepare(load_records(RECORDS))


def ids_of(frame: pd.DataFrame) -> set[str]:
    return set(frame["id"])


# ------------------------------------------------------------------ loading

def test_prepare_splits_kinds_and_sorts_by_date(data: Dataset) -> None:
    assert len(data.events) == 8 and list(data.sites["name"]) == ["Baikonur Cosmodrome"]
    assert list(data.events["id"])[:2] == ["e7", "e5"]  # 1980s, then 1991
    assert data.events["start_ms"].is_monotonic_increasing


def test_intervals_cover_whole_days(data: Dataset) -> None:
    january = data.events.set_index("id").loc["e4"]
    assert january["start_ms"] == pd.Timestamp("2022-01-01").value / 1e6
    assert january["end_ms"] == pd.Timestamp("2022-02-01").value / 1e6  # exclusive end of 31 January


def test_actor_index_holds_every_actor_including_none(data: Dataset) -> None:
    rows = {name: set(data.events["id"].iloc[positions]) for name, positions in data.actor_rows.items()}
    assert rows["Russia"] == {"e3", "e4", "e5"}
    assert rows[NO_ACTOR] == {"e8"}


@pytest.mark.parametrize(("name", "content", "message"), [
    ("absent.jsonl", None, "no such file"),
    ("corrupt.jsonl", '{"kind": "event", "id": \n', "line 1 is not JSON"),
    ("plain.csv", "a,b\n1,2\n", "missing column"),
    ("strange.jsonl", '{"kind": "meeting", "id": "x", "doc_id": "d"}\n', "line 1: field 'kind': 'meeting' is not one of"),
    ("thin.jsonl", '{"kind": "event", "id": "x", "doc_id": "d"}\n', "field 'event_type': missing"),
    ("notes.txt", "hello", "unsupported records format"),
])
def test_bad_records_files_raise_value_error_naming_the_file(tmp_path: Path, name: str, content: str | None,
                                                             message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as caught:
        load_records(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_folder_of_records_files_is_read_whole(tmp_path: Path) -> None:
    lines = RECORDS.read_text(encoding="utf-8").splitlines()
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(lines[4:]) + "\n", encoding="utf-8")
    assert len(load_records(tmp_path)) == len(lines)


# ------------------------------------------------------------------ filter_events

@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), {"e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"}),
    (Filters(actors=("Russia",)), {"e3", "e4", "e5"}),
    (Filters(actors=("CSTO", "China")), {"e3", "e6"}),
    (Filters(actors=("Nobody",)), set()),
    (Filters(types=("protest",)), {"e1", "e8"}),
    (Filters(types=("protest", "consult")), {"e1", "e4", "e8"}),
    (Filters(docs=("d2",)), {"e4"}),
    (Filters(date_from="2022-01-06", date_to="2022-01-06"), {"e2", "e3", "e4"}),  # the month overlaps
    (Filters(date_from="2022-01-07"), {"e4", "e8"}),
    (Filters(date_to="1991-12-31"), {"e5", "e7"}),
    (Filters(date_from="1985-06-01", date_to="1985-06-30"), {"e7"}),              # inside the decade
    (Filters(text="almaty"), {"e1", "e2", "e5"}),                                 # place name counts
    (Filters(text="RUSSIA moskau"), {"e4"}),                                      # every word, any case
    (Filters(text="<script>"), {"e7"}),                                           # literal, not a regex
    (Filters(window=(pd.Timestamp("2022-01-06").value / 1e6, pd.Timestamp("2022-01-07").value / 1e6)),
     {"e2", "e3", "e4"}),
    (Filters(area=ALMATY_BOX), {"e1", "e2", "e5"}),
    (Filters(actors=("Russia",), types=("consult",)), {"e4"}),
    (Filters(actors=("Protesters",), date_from="2022-01-06", text="fired"), {"e2"}),
])
def test_filter_events(data: Dataset, filters: Filters, expected: set[str]) -> None:
    assert ids_of(filter_events(data, filters)) == expected


def test_empty_result_is_an_empty_frame_with_the_columns(data: Dataset) -> None:
    empty = filter_events(data, Filters(types=("protest",), docs=("d3",)))
    assert empty.empty and {"id", "start_ms", "actors"} <= set(empty.columns)


def test_bare_events_frame_filters_like_the_dataset(data: Dataset) -> None:
    filters = Filters(actors=("Kazakhstan",), date_from="2000-01-01")
    assert ids_of(filter_events(data.events, filters)) == ids_of(filter_events(data, filters)) == {"e4", "e6"}


def test_area_and_window_are_dropped_by_their_own_views() -> None:
    filters = Filters(actors=("Russia",), window=(0.0, 1.0), area=ALMATY_BOX)
    assert filters.without_window() == Filters(actors=("Russia",), area=ALMATY_BOX)
    assert filters.without_area() == Filters(actors=("Russia",), window=(0.0, 1.0))


def test_bad_date_raises_value_error_naming_it(data: Dataset) -> None:
    with pytest.raises(ValueError, match="'someday'"):
        filter_events(data, Filters(date_from="someday"))


# ------------------------------------------------------------------ URL query

@pytest.mark.parametrize("filters", [
    Filters(),
    Filters(date_from="2022-01-01", date_to="2022-01-31"),
    Filters(actors=("Russia", "CSTO"), types=("protest",)),
    Filters(docs=("d1", "d 2&x"), text="troops & tanks"),
    Filters(actors=("Kassym-Jomart Tokayev",), text="Ümit Ä"),
])
def test_query_round_trip(filters: Filters) -> None:
    assert filters_from_query(filters_to_query(filters)) == filters


def test_query_parsing_names() -> None:
    filters = filters_from_query("?from=2022-01-01&to=2022-02-01&actor=Russia&actor=CSTO&type=protest&doc=d1&q=a+b")
    assert filters == Filters(date_from="2022-01-01", date_to="2022-02-01", actors=("Russia", "CSTO"),
                              types=("protest",), docs=("d1",), text="a b")


def test_empty_and_malformed_queries_mean_no_filter() -> None:
    assert filters_to_query(Filters()) == ""
    assert filters_from_query("") == Filters()
    assert filters_from_query("?from=yesterday&to=") == Filters()


@pytest.mark.parametrize(("count", "text"), [(0, "0 events"), (1, "1 event"), (17, "17 events")])
def test_count_text(count: int, text: str) -> None:
    assert count_text(count) == text


def test_fixture_file_is_valid_json_lines() -> None:
    assert all(json.loads(line)["kind"] in ("event", "site") for line in RECORDS.read_text().splitlines())


def _moded(modes: list[str | None]) -> Dataset:
    rows = [{"kind": "event", "id": f"e{i}", "doc_id": "d", "event_type": "protest", "date_start": "2022-01-05",
             "date_end": "2022-01-05", "actors": [], "sentence": "s", "char_start": 0, "char_end": 1,
             "confidence": 0.5, **({"mode": mode} if mode else {})} for i, mode in enumerate(modes)]
    return prepare(pd.DataFrame(rows))


def test_views_show_asserted_events_unless_other_modes_are_asked_for() -> None:
    data = _moded(["asserted", "hypothetical", "negated", None])  # None: an older record, asserted
    assert set(filter_events(data, Filters())["id"]) == {"e0", "e3"}
    assert set(filter_events(data, Filters(modes=("hypothetical",)))["id"]) == {"e1"}
    assert set(filter_events(data, Filters(modes=()))["id"]) == {"e0", "e1", "e2", "e3"}


@pytest.mark.parametrize(("modes", "query"), [
    (("asserted",), ""), (("asserted", "claimed"), "?mode=asserted&mode=claimed"), ((), "?mode=all"),
])
def test_modes_in_the_url(modes: tuple[str, ...], query: str) -> None:
    assert filters_to_query(Filters(modes=modes)) == query
    assert filters_from_query(query).modes == modes
