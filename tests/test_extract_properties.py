"""Property: extraction never raises on arbitrary text, and every record points at its own evidence
(its sentence and the spans of its date and place mentions)."""
from __future__ import annotations

from datetime import date

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.pipeline import extract
from events.records import schema

# Text made of pieces the rules react to, mixed with arbitrary unicode, so the rules are exercised.
FRAGMENTS = st.sampled_from([
    "Russland", "Kasachstan", "Moskaus", "am 7. Januar", "1991", "gestern", "heute", "vor 25 Jahren", "„", "“",
    "\"", ". ", "? ", "\n", "\n\n", "Tokajew", "OVKS", "entsandte Truppen", "protestierten", "Anfang 2022",
    "last week", "January 7th, 2022", "the CSTO", "Almaty", "3.000", "Mitte der 1990er", " ", "-", "(", ")",
])
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, lang=st.sampled_from(["de", "en"]),
       published=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))))
def test_extract_never_raises_and_records_are_valid(text: str, lang: str, published: date | None) -> None:
    records = extract(text, doc_id="doc", lang=lang, published=published)
    for record in records:
        jsonschema.validate(record, schema())
        if record["kind"] == "event" and record["event_type"] != "publication":
            assert text[record["char_start"]:record["char_end"]] == record["sentence"]
            if record["date_start"] is not None:
                assert record["date_start"] <= record["date_end"]
            if record["date_span"] is not None:
                assert text[slice(*record["date_span"])] == record["date_text"]
            if record["place_span"] is not None:
                assert text[slice(*record["place_span"])] == record["place_text"]
            assert len(record["actor_spans"]) == len(record["actors"])
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
