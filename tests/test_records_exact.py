"""Records files read back exactly what was written, CSV cells never run as formulas, and loading
checks every row against the model (issue 7, items 2, 6 and 7)."""
from __future__ import annotations

import csv
import io
import json
import string
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.data import load_records
from events.model import EventRecord, SiteRecord, Span, field_specs
from events.records import FORMULA_STARTS, invalid_rows, iter_records, read_valid_records, write_records

SUFFIXES = (".csv", ".jsonl", ".geojson", ".parquet")
EVENT = {
    "kind": "event", "id": "ev-1", "doc_id": "d1", "event_type": "mobilize", "date_start": "2022-01-06",
    "date_end": "2022-01-06", "date_precision": "day", "date_text": "gestern", "date_source": "relative",
    "actors": ["Russia", "CSTO"], "place_name": "Windhoek", "place_text": "Windhoek", "country_code": "NA",
    "lat": -22.55941, "lon": 17.08323, "geo_precision": "city", "geonames_id": 3352136,
    "sentence": "Russland entsandte gestern Truppen.", "char_start": 0, "char_end": 35,
    "date_span": [19, 26], "place_span": None, "actor_spans": [[0, 8], None],
    "confidence": 0.85, "doc_title": "T", "doc_author": "A", "doc_published": "2022-01-07",
    "mode": "asserted", "actor": "Russia", "targets": ["CSTO"], "place_source": "text", "review": "corrected",
}
SITE = {"kind": "site", "id": "si-1", "doc_id": "d1", "name": "Baikonur Cosmodrome", "category": "cosmodrome",
        "lat": 45.965, "lon": -63.305, "country_code": "KZ", "geonames_id": None, "place_text": "Baikonur",
        "sentence": "Das Kosmodrom Baikonur liegt in Kasachstan.", "char_start": 48, "char_end": 91,
        "place_span": [62, 70]}


def csv_cells(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------- CSV formula injection (item 2)

@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_text_cells_never_start_a_formula_and_read_back(tmp_path: Path, text: str) -> None:
    record = {**EVENT, "sentence": text, "doc_title": text, "doc_author": text, "doc_id": text,
              "actors": [text], "actor_spans": [None], "place_text": text}
    path = tmp_path / "r.csv"
    write_records(path, [record])
    row = csv_cells(path)[0]
    for column in ("sentence", "doc_title", "doc_author", "doc_id", "place_text", "actors"):
        assert not row[column].startswith(FORMULA_STARTS), (column, row[column])
    assert row["sentence"] == "'" + text
    assert list(iter_records(path)) == [record]


def test_csv_numbers_stay_bare_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    write_records(path, [EVENT, SITE])
    rows = csv_cells(path)
    assert rows[0]["lat"] == "-22.55941" and rows[1]["lon"] == "-63.305"
    assert rows[0]["char_end"] == "35" and rows[0]["geonames_id"] == "3352136"


def test_csv_text_starting_with_a_quote_or_empty_reads_back(tmp_path: Path) -> None:
    records = [{**EVENT, "id": "a", "sentence": "'=1", "doc_title": ""},
               {**EVENT, "id": "b", "sentence": "'", "doc_title": None}]
    path = tmp_path / "r.csv"
    write_records(path, records)
    assert [row["sentence"] for row in csv_cells(path)] == ["''=1", "''"]
    assert list(iter_records(path)) == records


def test_downloaded_records_csv_is_neutralised(tmp_path: Path) -> None:
    from dashboard.data import prepare
    from dashboard.export import records_bytes
    from dashboard.filters import Filters

    source = tmp_path / "r.jsonl"
    write_records(source, [{**EVENT, "sentence": "=1+1", "doc_author": "@me"}])
    content = records_bytes(prepare(load_records(source)), Filters(), ".csv").decode()
    row = next(csv.DictReader(io.StringIO(content)))
    assert row["sentence"] == "'=1+1" and row["doc_author"] == "'@me"


# ---------------------------------------------------------------- exact round trip (item 7)

@pytest.mark.parametrize("suffix", SUFFIXES)
def test_lossy_values_survive_every_format(tmp_path: Path, suffix: str) -> None:
    records = [{**EVENT, "id": f"e{i}", "date_text": text, "place_name": text, "doc_author": text}
               for i, text in enumerate(["NA", "None", "null", "", "nan", "N/A", "#N/A", "  "])]
    records.append({**EVENT, "id": "smith", "actors": ["Smith; John", "Doe, Jane", '"Q"'],
                    "actor_spans": [None, None, None]})
    records.append(SITE)
    path = tmp_path / f"r{suffix}"
    write_records(path, records)
    assert list(iter_records(path)) == records


def test_parquet_lists_are_arrow_lists(tmp_path: Path) -> None:
    path = tmp_path / "r.parquet"
    write_records(path, [EVENT, SITE])
    schema = pq.read_schema(path)
    assert str(schema.field("actors").type) == "list<element: string>"
    assert str(schema.field("date_span").type) == "list<element: int64>"
    assert str(schema.field("actor_spans").type) == "list<element: list<element: int64>>"
    assert str(schema.field("geonames_id").type) == "int64"


# Text built from the pieces that broke readers: formula starts, quotes, line breaks, separators,
# strings pandas reads as null, and any Unicode.
TEXT = st.lists(st.sampled_from(list("=+-@'\"\t\r\n,;: aZ[]{}\\ßÖ«»Усть\u00a0\u2028😀") + [
    "NA", "None", "null", "nan", "Smith; John", "[1, 2]", "#N/A", ""]), max_size=6).map("".join) | st.text(max_size=8)
NAME = TEXT.filter(bool)
DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
OFFSET = st.integers(min_value=0, max_value=2**31)
SPAN = st.tuples(OFFSET, OFFSET).map(lambda pair: Span(*sorted(pair)))
COUNTRY = st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=2)


def literal(name: str, cls: type) -> st.SearchStrategy:
    from typing import get_args

    spec = next(spec for spec in field_specs(cls) if spec.name == name)
    return st.sampled_from(get_args(spec.base))


@st.composite
def events(draw: st.DrawFn) -> dict:
    start, end = sorted([draw(DATES), draw(DATES)])
    actors = draw(st.lists(NAME, max_size=3))
    char_start, char_end = sorted([draw(OFFSET), draw(OFFSET)])
    placed = draw(st.booleans())
    record = EventRecord(
        id=draw(NAME), doc_id=draw(NAME), event_type=draw(NAME),
        date_start=draw(st.none() | st.just(start)), date_end=draw(st.none() | st.just(end)),
        date_precision=draw(st.none() | literal("date_precision", EventRecord)), date_text=draw(st.none() | TEXT),
        date_source=draw(st.none() | literal("date_source", EventRecord)), actors=tuple(actors),
        place_name=draw(st.none() | TEXT), place_text=draw(st.none() | TEXT),
        country_code=draw(st.none() | COUNTRY),
        lat=draw(st.floats(-90, 90)) if placed else None, lon=draw(st.floats(-180, 180)) if placed else None,
        geo_precision=draw(st.none() | literal("geo_precision", EventRecord)),
        geonames_id=draw(st.none() | st.integers(min_value=-2**63, max_value=2**63 - 1)),
        sentence=draw(TEXT), char_start=char_start, char_end=char_end,
        date_span=draw(st.none() | SPAN), place_span=draw(st.none() | SPAN),
        actor_spans=tuple(draw(st.none() | SPAN) for _ in actors) if draw(st.booleans()) else (),
        confidence=draw(st.floats(0, 1)), doc_title=draw(st.none() | TEXT), doc_author=draw(st.none() | TEXT),
        doc_published=draw(st.none() | DATES))
    return record.to_dict()


@st.composite
def sites(draw: st.DrawFn) -> dict:
    char_start, char_end = sorted([draw(OFFSET), draw(OFFSET)])
    return SiteRecord(
        id=draw(NAME), doc_id=draw(NAME), name=draw(TEXT), category=draw(TEXT),
        lat=draw(st.floats(-90, 90)), lon=draw(st.floats(-180, 180)), country_code=draw(st.none() | COUNTRY),
        geonames_id=draw(st.none() | st.integers(min_value=0, max_value=2**40)), place_text=draw(st.none() | TEXT),
        sentence=draw(TEXT), char_start=char_start, char_end=char_end, place_span=draw(st.none() | SPAN),
    ).to_dict()


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(events() | sites(), min_size=1, max_size=6))
def test_every_record_round_trips_exactly(tmp_path: Path, suffix: str, records: list[dict]) -> None:
    path = tmp_path / f"r{suffix}"
    write_records(path, records)
    assert list(iter_records(path)) == records
    assert len(read_valid_records(path).frame) == len(records)


# ---------------------------------------------------------------- validation on load (item 6)

BAD = [
    ({"lat": 999}, "field 'lat': 999.0 is outside -90..90"),
    ({"date_start": "not a date"}, "field 'date_start': 'not a date' is not an ISO date"),
    ({"date_start": "2022-02-30"}, "is not a calendar date"),
    ({"date_start": "2022-03-01", "date_end": "2022-01-01"}, "field 'date_start': '2022-03-01' is after date_end"),
    ({"confidence": "high"}, "field 'confidence': 'high' is not a finite number"),
    ({"confidence": True}, "field 'confidence': True is not a finite number"),
    ({"geonames_id": 1.5}, "field 'geonames_id': 1.5 is not an integer"),
    ({"char_start": 50, "char_end": 10}, "field 'char_start': 50 is after char_end 10"),
    ({"country_code": "kz"}, "does not match"),
    ({"id": ""}, "field 'id': must not be empty"),
    ({"date_precision": "fortnight"}, "field 'date_precision': 'fortnight' is not one of"),
    ({"actors": "Russia"}, "field 'actors': 'Russia' is not a list"),
    ({"actor_spans": [[0, 8]]}, "field 'actor_spans': 1 spans for 2 actors"),
    ({"date_span": [5, 2]}, "field 'date_span': [5, 2] is not a span"),
    ({"sentence": None}, "field 'sentence': must not be null"),
    ({"kind": "tweet"}, "field 'kind': 'tweet' is not one of"),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_loading_reports_invalid_rows_with_line_numbers_and_keeps_the_rest(
        tmp_path: Path, change: dict, message: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in [EVENT, {**EVENT, "id": "bad", **change}, SITE]) + "\n")
    report = io.StringIO()
    frame = load_records(path, report=report)
    assert list(frame["id"]) == ["ev-1", "si-1"]
    lines = report.getvalue().splitlines()
    assert lines[0] == f"dala: {path}: 1 invalid record(s) skipped, 2 loaded:"
    assert lines[1].startswith("  line 2: ") and message in lines[1], lines


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_loading_names_the_row_in_tables(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"r{suffix}"
    write_records(path, [EVENT, {**EVENT, "id": "bad", "lat": 999.0}])
    loaded = read_valid_records(path)
    assert loaded.invalid == 1 and list(loaded.frame["id"]) == ["ev-1"]
    where = {".csv": "row 3", ".parquet": "row 2"}[suffix]  # CSV counts the header as row 1
    assert loaded.problems[0].where == where and "999.0 is outside" in loaded.problems[0].message


def test_csv_cell_that_is_not_a_number_is_invalid(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    write_records(path, [EVENT])
    path.write_text(path.read_text().replace("-22.55941", "abc").replace("0.85", "nan"))
    with pytest.raises(ValueError, match=r"no valid records \(1 invalid; row 2: field 'lat': 'abc' is not"):
        read_valid_records(path)


@pytest.mark.parametrize(("geometry", "message"), [
    ({"type": "Point", "coordinates": [999, "abc"]}, "geometry coordinates [999, 'abc'] are not [lon, lat] numbers"),
    ({"type": "Point", "coordinates": [10.0, 20.0]}, "geometry coordinates [10.0, 20.0] disagree with lon/lat"),
    ({"type": "Polygon", "coordinates": []}, "geometry is not a Point"),
    (None, "geometry is null but lat/lon are set"),
])
def test_geojson_geometry_must_agree_with_the_properties(tmp_path: Path, geometry: dict | None, message: str) -> None:
    path = tmp_path / "r.geojson"
    write_records(path, [EVENT, {**EVENT, "id": "bad"}])
    data = json.loads(path.read_text())
    data["features"][1]["geometry"] = geometry
    path.write_text(json.dumps(data))
    loaded = read_valid_records(path)
    assert list(loaded.frame["id"]) == ["ev-1"]
    assert loaded.problems[0].where == "features[1]" and message in loaded.problems[0].message


def test_a_folder_names_the_file_and_counts_all(tmp_path: Path) -> None:
    write_records(tmp_path / "a.jsonl", [EVENT, {**EVENT, "id": "x", "lat": 999}])
    write_records(tmp_path / "b.csv", [SITE, {**SITE, "id": "y", "lon": -999}])
    loaded = read_valid_records(tmp_path)
    assert loaded.invalid == 2 and sorted(loaded.frame["id"]) == ["ev-1", "si-1"]
    assert [p.where for p in loaded.problems] == ["a.jsonl, line 2", "b.csv, row 3"]


def test_report_shows_the_first_few_then_a_count(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    write_records(path, [EVENT] + [{**EVENT, "id": f"b{i}", "lat": 999} for i in range(8)])
    report = read_valid_records(path).report()
    assert report.splitlines()[0] == "8 invalid record(s) skipped, 1 loaded:"
    assert report.splitlines()[-1] == "  ... and 3 more" and len(report.splitlines()) == 7


def test_nothing_valid_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    write_records(path, [{**EVENT, "lat": 999}, {**EVENT, "id": "b", "confidence": "high"}])
    with pytest.raises(ValueError) as caught:
        load_records(path)
    assert "\n" not in str(caught.value)
    assert str(caught.value) == (f"{path}: no valid records (2 invalid; line 1: field 'lat': 999.0 is outside -90..90)")


def test_cli_export_skips_invalid_rows_and_says_so(tmp_path: Path) -> None:
    import subprocess
    import sys

    data, out = tmp_path / "r.jsonl", tmp_path / "out.jsonl"
    write_records(data, [EVENT, {**EVENT, "id": "bad", "date_start": "not a date"}])
    result = subprocess.run([sys.executable, "-m", "dala.cli", "export", "--data", str(data), "-o", str(out)],
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    assert "1 invalid record(s) skipped, 1 loaded:" in result.stderr and "line 2: field 'date_start'" in result.stderr
    assert [row["id"] for row in iter_records(out)] == ["ev-1"]


# The vectorised check must refuse exactly what from_dict refuses: mutate valid rows at random.
WRONG_VALUES = st.sampled_from([None, "", "x", "NA", "2022-13-01", "2022-01-01\n", "KZ\n", -1, 0, 1, 2**70, 1.5,
                                -0.5, 999, True, False, [], [1], [1, 2], [2, 1], [[0, 1]], [None], ["a"], {"a": 1}])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.sampled_from([EVENT, SITE]), changes=st.lists(st.tuples(st.integers(0, 30), WRONG_VALUES), max_size=3))
def test_vectorised_check_agrees_with_from_dict(tmp_path: Path, base: dict, changes: list) -> None:
    from events.model import record_from_dict
    from events.records import _ABSENT_IF_NULL

    row = dict(base)
    names = list(row)
    for position, value in changes:
        row[names[position % len(names)]] = value
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(row) + "\n" + json.dumps(EVENT) + "\n")
    try:
        # a null in an optional field that is never null (actor_spans, mode, targets) reads as absent
        record_from_dict({k: v for k, v in row.items() if not (k in _ABSENT_IF_NULL and v is None)})
        expected = False
    except ValueError:
        expected = True
    from events.records import _read

    read = _read(path)
    assert list(invalid_rows(read.frame, read.present)) == [expected, False]
