"""The record model is the one contract: the JSON Schema is generated from it, every extracted record
validates against both, and `from_dict` refuses values outside the contract, naming the field."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import jsonschema
import pytest

from events.documents import DocumentError, assign_ids, expand_paths, load_document, read_manifest
from events.model import (
    EVENT_FIELDS, SCHEMA_PATH, SITE_FIELDS, EventRecord, SiteRecord, Span, json_schema, mandatory_fields,
    record_from_dict, required_fields, schema_text,
)
from events.pipeline import extract_document
from events.records import ALL_FIELDS, INTEGER_FIELDS, SPAN_FIELDS, schema

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"

EVENT = {
    "kind": "event", "id": "ev-1", "doc_id": "d1", "event_type": "mobilize", "date_start": "2022-01-06",
    "date_end": "2022-01-06", "date_precision": "day", "date_text": "gestern", "date_source": "relative",
    "actors": ["Russia"], "place_name": "Almaty", "place_text": "Almaty", "country_code": "KZ",
    "lat": 43.25, "lon": 76.92, "geo_precision": "city", "geonames_id": 1526384,
    "sentence": "Russland entsandte gestern Truppen nach Almaty.", "char_start": 10, "char_end": 57,
    "date_span": [29, 36], "place_span": [50, 56], "actor_spans": [[10, 18]],
    "confidence": 0.85, "doc_title": "T", "doc_author": "A", "doc_published": "2022-01-07",
    "mode": "asserted", "actor": "Russia", "targets": [], "place_source": "text", "review": "corrected",
}
SITE = {"kind": "site", "id": "si-1", "doc_id": "d1", "name": "Baikonur Cosmodrome", "category": "cosmodrome",
        "lat": 45.965, "lon": 63.305, "country_code": "KZ", "geonames_id": None, "place_text": "Baikonur",
        "sentence": "Das Kosmodrom Baikonur liegt in Kasachstan.", "char_start": 0, "char_end": 43,
        "place_span": [14, 22]}


def test_committed_schema_is_generated_from_the_model() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "rebuild it: python -m events.model"
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize(("kind", "cls"), [("event", EventRecord), ("site", SiteRecord)])
def test_model_and_schema_name_the_same_fields(kind: str, cls: type) -> None:
    definition = schema()["$defs"][kind]
    assert tuple(definition["properties"]) == {"event": EVENT_FIELDS, "site": SITE_FIELDS}[kind]
    assert definition["required"] == list(required_fields(cls))
    assert set(mandatory_fields(cls)) <= set(definition["required"])


def test_field_lists_come_from_the_model() -> None:
    assert ALL_FIELDS[:len(EVENT_FIELDS)] == EVENT_FIELDS and set(SITE_FIELDS) <= set(ALL_FIELDS)
    assert INTEGER_FIELDS == {"geonames_id", "char_start", "char_end"}
    assert SPAN_FIELDS == ("date_span", "place_span", "actor_spans")
    assert mandatory_fields(SiteRecord) == ("id", "doc_id", "name", "category", "lat", "lon", "sentence",
                                            "char_start", "char_end")


def test_event_from_before_mode_and_actor_loads_as_asserted_without_a_doer() -> None:
    older = {k: v for k, v in EVENT.items() if k not in ("mode", "actor", "targets")}
    record = record_from_dict(older)
    assert (record.mode, record.actor, record.targets) == ("asserted", None, ())
    with pytest.raises(ValueError, match="'mode'"):
        record_from_dict(EVENT | {"mode": "rumoured"})


@pytest.mark.parametrize("data", [EVENT, SITE])
def test_from_dict_and_to_dict_round_trip(data: dict) -> None:
    record = record_from_dict(data)
    assert record.to_dict() == data
    jsonschema.validate(data, schema())


def test_from_dict_gives_typed_values_and_defaults() -> None:
    record = EventRecord.from_dict({k: v for k, v in EVENT.items() if k not in SPAN_FIELDS + ("doc_title",)})
    assert record.date_start == date(2022, 1, 6) and record.actors == ("Russia",)
    assert record.date_span is None and record.actor_spans == () and record.doc_title is None
    assert EventRecord.from_dict(EVENT).place_span == Span(50, 56)


@pytest.mark.parametrize(("change", "message"), [
    ({"lat": 95.0}, "field 'lat': 95.0 is outside -90..90"),
    ({"lon": float("nan")}, "field 'lon': nan is not a finite number"),
    ({"confidence": 1.2}, "field 'confidence': 1.2 is outside 0..1"),
    ({"date_precision": "hour"}, "field 'date_precision': 'hour' is not one of"),
    ({"date_source": "guess"}, "field 'date_source': 'guess' is not one of"),
    ({"geo_precision": "street"}, "field 'geo_precision': 'street' is not one of"),
    ({"date_start": "07.01.2022"}, "field 'date_start': '07.01.2022' is not an ISO date"),
    ({"date_end": "2022-02-30"}, "field 'date_end': '2022-02-30' is not a calendar date"),
    ({"date_start": "2022-01-08"}, "field 'date_start': '2022-01-08' is after date_end '2022-01-06'"),
    ({"char_start": 60}, "field 'char_start': 60 is after char_end 57"),
    ({"char_end": "57"}, "field 'char_end': '57' is not an integer"),
    ({"geonames_id": True}, "field 'geonames_id': True is not an integer"),
    ({"actors": "Russia"}, "field 'actors': 'Russia' is not a list"),
    ({"actors": ["Russia", 3]}, "field 'actors[1]': 3 is not a string"),
    ({"country_code": "kz"}, "field 'country_code': 'kz' does not match"),
    ({"id": ""}, "field 'id': must not be empty"),
    ({"event_type": None}, "field 'event_type': must not be null"),
    ({"date_span": [36, 29]}, "field 'date_span': [36, 29] is not a span"),
    ({"actor_spans": [[10, 18], [20, 25]]}, "field 'actor_spans': 2 spans for 1 actors"),
    ({"kind": "tweet"}, "field 'kind': 'tweet' is not one of"),
])
def test_from_dict_refuses_values_outside_the_contract_naming_them(change: dict, message: str) -> None:
    with pytest.raises(ValueError) as error:
        record_from_dict({**EVENT, **change})
    assert message in str(error.value)


def test_from_dict_names_a_missing_required_field() -> None:
    with pytest.raises(ValueError, match="field 'confidence': missing from a event record"):
        record_from_dict({k: v for k, v in EVENT.items() if k != "confidence"})
    with pytest.raises(ValueError, match="field 'lat': must not be null"):
        SiteRecord.from_dict({**SITE, "lat": None})


@pytest.fixture(scope="module", params=["seeds", "gold"])
def corpus_records(request: pytest.FixtureRequest) -> tuple[list[dict], dict[str, str]]:
    folder = request.getfixturevalue("seeds_dir") if request.param == "seeds" else GOLD
    manifest = read_manifest(folder / "manifest.csv")
    documents = []
    for item in assign_ids(expand_paths([folder]), manifest):
        try:
            documents.append(load_document(item.path, manifest=manifest, doc_id=item.doc_id))
        except DocumentError:  # e.g. a README without a language: not part of the corpus
            continue
    return ([r for d in documents for r in extract_document(d)], {d.doc_id: d.text for d in documents})


def test_every_extracted_record_follows_schema_and_model(corpus_records) -> None:
    records, _ = corpus_records
    validator = jsonschema.Draft202012Validator(schema())
    assert records
    for record in records:
        assert list(validator.iter_errors(record)) == []
        assert record_from_dict(record).to_dict() == record


def test_extracted_spans_point_at_their_mentions(corpus_records) -> None:
    records, texts = corpus_records
    events = [r for r in records if r["kind"] == "event" and r["event_type"] != "publication"]
    assert any(r["actor_spans"] for r in events) and any(r["place_span"] for r in events)
    for record in events:
        text = texts[record["doc_id"]]
        if record["date_text"] is not None:
            assert text[slice(*record["date_span"])] == record["date_text"]
        if record["place_text"] is not None:
            assert text[slice(*record["place_span"])] == record["place_text"]
        assert len(record["actor_spans"]) == len(record["actors"])
        for start, end in record["actor_spans"]:
            assert record["char_start"] <= start < end <= record["char_end"]
    for site in (r for r in records if r["kind"] == "site"):
        assert texts[site["doc_id"]][slice(*site["place_span"])] == site["place_text"]


def test_integers_beyond_64_bits_are_refused() -> None:
    """Parquet and the views store int64: a larger id would load here and break there."""
    with pytest.raises(ValueError, match="64 bits"):
        record_from_dict(EVENT | {"geonames_id": 2**70})
