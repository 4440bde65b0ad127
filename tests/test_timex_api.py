"""Timex API contract: records, ordering, span integrity, bad input, and the seed articles."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from events.timex import Timex, tag, timex_record

# What dateparser.search_dates reported as dates in the seeds: none of these may come back.
KNOWN_FALSE_POSITIVES = {"die", "Die", "mit", "Mit", "rund um die Uhr", "Uhr", "3.000", "3", "19", "19 Millionen",
                         "15", "15 Prozent", "S-550", "550", "1 Million", "Sie", "am", "ist", "in", "um"}


def test_record_has_the_cli_fields_with_iso_dates():
    t = tag("Am 31. Januar 2024 kam es zu Protesten.", lang="de", dct=date(2024, 2, 1))[0]
    assert timex_record("doc1", t) == {
        "doc_id": "doc1", "start": 3, "end": 18, "text": "31. Januar 2024", "value": "2024-01-31",
        "date_start": "2024-01-31", "date_end": "2024-01-31", "precision": "day"}


def test_record_of_undated_expression_has_nulls():
    t = tag("Die Kämpfe dauerten drei Tage.", lang="de", dct=None)[0]
    record = timex_record("d", t)
    assert (record["value"], record["date_start"], record["date_end"], record["precision"]) == (
        "P3D", None, None, None)


@pytest.mark.parametrize("lang,text", [
    ("de", "Gestern, am 6. Januar 2022, und heute sowie 1991 und im März."),
    ("en", "Yesterday, on 6 January 2022, and today as well as 1991 and in March."),
])
def test_sorted_by_start_and_spans_match_text(lang, text):
    found = tag(text, lang=lang, dct=date(2022, 1, 7))
    assert len(found) >= 5
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(text[t.start:t.end] == t.text for t in found)
    assert all(isinstance(t, Timex) for t in found)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="xx"):
        tag("heute", lang="xx", dct=None)


@pytest.mark.parametrize("bad", ["2022-01-07", 20220107])
def test_dct_must_be_a_date(bad):
    with pytest.raises(ValueError, match="dct"):
        tag("heute", lang="de", dct=bad)


def test_text_must_be_str():
    with pytest.raises(ValueError, match="text"):
        tag(b"heute", lang="de", dct=None)


def test_empty_text_has_no_expressions():
    assert tag("", lang="de", dct=date(2022, 1, 7)) == []


def test_seeds_have_no_known_false_dates_and_exact_spans(seeds_dir: Path):
    with (seeds_dir / "manifest.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        text = (seeds_dir / row["file"]).read_text(encoding="utf-8")
        found = tag(text, lang=row["language"], dct=date.fromisoformat(row["published"]))
        assert found, f"no temporal expression in {row['file']}"
        for t in found:
            assert text[t.start:t.end] == t.text
            assert t.text not in KNOWN_FALSE_POSITIVES, f"false date {t.text!r} in {row['file']}"
            if t.date_start is not None:
                assert t.date_start <= t.date_end
