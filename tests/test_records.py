"""Records round-trip through every format, are written atomically and read back with clear errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from events.records import read_records, schema, write_records

EVENT = {
    "kind": "event", "id": "ev-1", "doc_id": "d1", "event_type": "mobilize", "date_start": "2022-01-06",
    "date_end": "2022-01-06", "date_precision": "day", "date_text": "gestern", "date_source": "relative",
    "actors": ["Russia", "CSTO"], "place_name": "Almaty", "place_text": "Almaty", "country_code": "KZ",
    "lat": 43.25, "lon": 76.92, "geo_precision": "city", "geonames_id": 1526384,
    "sentence": "Russland entsandte gestern Truppen nach Almaty.", "char_start": 0, "char_end": 47,
    "date_span": [19, 26], "place_span": [40, 46], "actor_spans": [[0, 8], None],
    "confidence": 0.85, "doc_title": "T", "doc_author": "A", "doc_published": "2022-01-07",
}
UNPLACED = {**EVENT, "id": "ev-2", "actors": [], "place_name": None, "place_text": None, "country_code": None,
            "lat": None, "lon": None, "geo_precision": None, "geonames_id": None, "place_span": None,
            "actor_spans": []}
SITE = {"kind": "site", "id": "si-1", "doc_id": "d1", "name": "Baikonur Cosmodrome", "category": "cosmodrome",
        "lat": 45.965, "lon": 63.305, "country_code": "KZ", "geonames_id": None, "place_text": "Baikonur",
        "sentence": "Das Kosmodrom Baikonur liegt in Kasachstan.", "char_start": 48, "char_end": 91,
        "place_span": [62, 70]}
RECORDS = [EVENT, UNPLACED, SITE]


@pytest.mark.parametrize("record", RECORDS)
def test_examples_follow_the_schema(record: dict) -> None:
    jsonschema.validate(record, schema())


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".geojson", ".parquet"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"records{suffix}"
    assert write_records(path, RECORDS) == 3
    frame = read_records(path)
    assert list(frame["id"]) == ["ev-1", "ev-2", "si-1"]
    assert frame.loc[0, "actors"] == ["Russia", "CSTO"]
    assert frame.loc[1, "actors"] == []
    assert frame.loc[0, "lat"] == pytest.approx(43.25)
    assert frame.loc[2, "name"] == "Baikonur Cosmodrome"


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".geojson", ".parquet"])
def test_spans_read_back_exactly(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"records{suffix}"
    write_records(path, RECORDS)
    frame = read_records(path)
    assert frame.loc[0, "date_span"] == [19, 26] and frame.loc[0, "actor_spans"] == [[0, 8], None]
    assert frame.loc[1, "place_span"] is None and frame.loc[1, "actor_spans"] == []
    assert frame.loc[2, "place_span"] == [62, 70]
    assert all(type(v) is int for v in frame.loc[0, "place_span"])


def test_records_without_spans_read_as_missing_spans(tmp_path: Path) -> None:
    old = {k: v for k, v in EVENT.items() if not k.endswith("_span") and k != "actor_spans"}
    for suffix in (".jsonl", ".csv"):
        write_records(tmp_path / f"old{suffix}", [old])
        frame = read_records(tmp_path / f"old{suffix}")
        assert frame.loc[0, "date_span"] is None and frame.loc[0, "actor_spans"] is None


def test_jsonl_is_one_unescaped_object_per_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    write_records(path, [{**EVENT, "place_text": "Öskemen «Усть-Каменогорск»"}, SITE])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "Öskemen «Усть-Каменогорск»" in lines[0]
    assert [json.loads(line)["id"] for line in lines] == ["ev-1", "si-1"]
    assert json.loads(lines[0]) == {**EVENT, "place_text": "Öskemen «Усть-Каменогорск»"}


def test_writing_jsonl_does_not_import_pandas(tmp_path: Path) -> None:
    script = ("import sys; from events.records import write_records; "
              f"write_records({str(tmp_path / 'r.jsonl')!r}, [{{'kind': 'site', 'id': 'x', 'doc_id': 'd'}}]); "
              "print('pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == "False"


def test_geojson_has_point_geometry_only_where_placed(tmp_path: Path) -> None:
    path = tmp_path / "r.geojson"
    write_records(path, RECORDS)
    features = json.loads(path.read_text())["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [76.92, 43.25]}
    assert features[1]["geometry"] is None


def test_failed_write_keeps_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    write_records(path, [EVENT])
    before = path.read_bytes()
    with pytest.raises(TypeError):
        write_records(path, [EVENT, {**EVENT, "id": object()}])
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.jsonl"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.jsonl", '{"kind": "event", "id": "x", "doc_id": "d"}\n{not json\n', "line 2 is not JSON"),
    ("list.jsonl", "[1, 2]\n", "line 1 is not a JSON object"),
    ("other.jsonl", '{"name": "x"}\n', "not Dala records (missing column kind, id, doc_id)"),
    ("kind.jsonl", '{"kind": "tweet", "id": "x", "doc_id": "d"}\n', "unknown record kind 'tweet'"),
    ("bad.geojson", '{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
    ("bad.parquet", "this is not parquet", "cannot read as parquet"),
    ("data.xlsx", "x", "unsupported records format"),
])
def test_bad_record_files_name_the_file(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ValueError) as error:
        read_records(path)
    assert message in str(error.value) and str(path) in str(error.value)


def test_missing_file_and_folder_reading(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        read_records(tmp_path / "none.jsonl")
    write_records(tmp_path / "a.jsonl", [EVENT])
    write_records(tmp_path / "b.csv", [SITE])
    assert sorted(read_records(tmp_path)["id"]) == ["ev-1", "si-1"]


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        path = tmp_path / "r.jsonl"
        write_records(path, [EVENT])
        assert path.stat().st_mode & 0o777 == 0o644
        path.chmod(0o640)
        write_records(path, [EVENT])
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)
