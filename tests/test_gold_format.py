"""The held-out gold set (benchmarks/gold) is well-formed, and its scorer rewards exactly agreement.

Why: a typo in a gold record silently lowers every benchmark figure; these checks make such a
record fail loudly instead. The checks read the gold files only for consistency; they must never
be used to tune extractor rules (see benchmarks/gold/README.md).
"""
from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
GOLD_DIR = BENCHMARKS / "gold"
GOLD_DIRS = (GOLD_DIR, BENCHMARKS / "gold-v2")  # the second set follows the first's format
PRECISIONS = {"day", "week", "month", "season", "year", "decade", "century"}
REQUIRED = {"doc_id": str, "sentence_contains": str, "date_start": str, "date_end": str,
            "date_precision": str, "actors": list}


def _manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return [row | {"folder": str(folder)} for row in csv.DictReader(handle)]


def _gold(folder: Path) -> list[dict]:
    lines = (folder / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


MANIFESTS = {folder: _manifest(folder) for folder in GOLD_DIRS}
MANIFEST = [row for rows in MANIFESTS.values() for row in rows]
GOLD = [event for folder in GOLD_DIRS for event in _gold(folder)]
TEXTS = {row["doc_id"]: (Path(row["folder"]) / row["file"]).read_text(encoding="utf-8") for row in MANIFEST}
PUBLISHED = {row["doc_id"]: date.fromisoformat(row["published"]) for row in MANIFEST}


def _event_id(event: dict) -> str:
    return f"{event['doc_id'][:3]}:{event['sentence_contains'][:30]}"


# ---------------------------------------------------------------- manifest and articles

@pytest.mark.parametrize("folder", GOLD_DIRS, ids=lambda folder: folder.name)
def test_manifest_header_matches_seed_format(folder: Path) -> None:
    header = (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "file,doc_id,language,published,author,title,note"


@pytest.mark.parametrize("folder", GOLD_DIRS, ids=lambda folder: folder.name)
def test_manifest_rows_match_article_files(folder: Path) -> None:
    rows = MANIFESTS[folder]
    assert {row["file"] for row in rows} == {path.name for path in folder.glob("*.txt")}
    assert 4 <= len(rows) <= 10


def test_doc_ids_are_unique_across_the_sets() -> None:
    assert len({row["doc_id"] for row in MANIFEST}) == len(MANIFEST), "doc_id must be unique"


@pytest.mark.parametrize("folder", GOLD_DIRS, ids=lambda folder: folder.name)
def test_both_languages_are_covered(folder: Path) -> None:
    rows = MANIFESTS[folder]
    counts = {lang: sum(row["language"] == lang for row in rows) for lang in ("de", "en")}
    assert counts["de"] >= 2 and counts["en"] >= 2
    assert sum(counts.values()) == len(rows), "only de and en articles"


@pytest.mark.parametrize("row", MANIFEST, ids=lambda row: row["doc_id"])
def test_article_starts_with_byline_naming_author(row: dict[str, str]) -> None:
    first_line = TEXTS[row["doc_id"]].splitlines()[0]
    assert row["author"] in first_line
    assert re.match(r"^(Von .+ – \d{1,2}\. \w+ \d{4}|By .+, \w+ \d{1,2}, \d{4})$", first_line), first_line
    assert str(PUBLISHED[row["doc_id"]].year) in first_line


@pytest.mark.parametrize("row", MANIFEST, ids=lambda row: row["doc_id"])
def test_article_length_is_news_sized(row: dict[str, str]) -> None:
    words = len(TEXTS[row["doc_id"]].split())
    assert 150 <= words <= 400, f"{row['file']} has {words} words"


# ---------------------------------------------------------------- gold events

@pytest.mark.parametrize("event", GOLD, ids=_event_id)
def test_gold_event_fields_are_typed(event: dict) -> None:
    for key, kind in REQUIRED.items():
        assert isinstance(event.get(key), kind), f"{key} must be {kind.__name__}"
    assert event["doc_id"] in TEXTS, f"unknown doc_id {event['doc_id']!r}"
    assert event["date_precision"] in PRECISIONS
    assert all(isinstance(a, str) and a.strip() for a in event["actors"])
    assert len(set(event["actors"])) == len(event["actors"]), "duplicate actor"


@pytest.mark.parametrize("event", GOLD, ids=_event_id)
def test_sentence_contains_occurs_exactly_once_within_one_line(event: dict) -> None:
    needle = event["sentence_contains"]
    assert TEXTS[event["doc_id"]].count(needle) == 1
    assert "\n" not in needle and needle == needle.strip()


@pytest.mark.parametrize("event", GOLD, ids=_event_id)
def test_dates_are_iso_ordered_and_not_after_publication(event: dict) -> None:
    start, end = date.fromisoformat(event["date_start"]), date.fromisoformat(event["date_end"])
    assert start <= end
    assert end <= PUBLISHED[event["doc_id"]], "gold events are past events"


@pytest.mark.parametrize("event", GOLD, ids=_event_id)
def test_interval_fits_its_precision(event: dict) -> None:
    """E.g. a 'month' interval lies inside one month; a 'week' is one Monday-Sunday week. A
    since-interval (ending on the publication date) has the precision of its start only."""
    start, end = date.fromisoformat(event["date_start"]), date.fromisoformat(event["date_end"])
    precision = event["date_precision"]
    if end == PUBLISHED[event["doc_id"]] and precision != "day":
        end = start
    if precision == "week":
        assert start.weekday() == 0 and (end - start).days in (0, 6)
    elif precision == "month":
        assert (start.year, start.month) == (end.year, end.month)
    elif precision == "year":
        assert start.year == end.year
    elif precision == "season":
        assert 58 <= (end - start).days <= 92
    elif precision == "day":
        assert (end - start).days <= 31, "a day range, not a longer period"


@pytest.mark.parametrize("event", GOLD, ids=_event_id)
def test_place_and_country_go_together(event: dict) -> None:
    place, country = event.get("place_name", "missing"), event.get("country_code", "missing")
    assert (place is None) == (country is None)
    if country is not None:
        assert isinstance(place, str) and place.strip()
        assert re.fullmatch(r"[A-Z]{2}", country)


def test_gold_events_are_unique_per_sentence_and_every_article_has_some() -> None:
    keys = [(e["doc_id"], e["sentence_contains"]) for e in GOLD]
    assert len(keys) == len(set(keys))
    assert {e["doc_id"] for e in GOLD} == set(TEXTS)


# ---------------------------------------------------------------- the scorer on this gold set

def _scorer():
    path = GOLD_DIR.parent / "eval_events.py"
    spec = importlib.util.spec_from_file_location("eval_events", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def _oracle(gold: list, changes: dict | None = None):
    """An extractor that returns the gold answers (optionally altered) as event records."""
    def extract(text: str, *, doc_id: str, **_: object) -> list[dict]:
        return [{"kind": "event", "event_type": "other", "sentence": f"… {g.sentence_contains} …",
                 "date_start": g.date_start, "date_end": g.date_end, "date_precision": g.date_precision,
                 "place_name": g.place_name, "country_code": g.country_code, "actors": list(g.actors)}
                | (changes or {}) for g in gold if g.doc_id == doc_id]
    return extract


def _figures(extract) -> dict:
    scorer = _scorer()
    results = scorer.run(scorer.load_articles(GOLD_DIR), scorer.load_gold(GOLD_DIR), extract)
    return {name: count.prf() for name, count in scorer.score(results).items()}


def test_scorer_gives_gold_answers_full_marks() -> None:
    gold = _scorer().load_gold(GOLD_DIR)
    assert all(prf == (1.0, 1.0, 1.0) for prf in _figures(_oracle(gold)).values())


def test_scorer_counts_a_shifted_date_wrong_but_overlapping_when_it_overlaps() -> None:
    gold = _scorer().load_gold(GOLD_DIR)
    figures = _figures(_oracle(gold, {"date_start": "1900-01-01"}))
    assert figures["event"] == (1.0, 1.0, 1.0)
    assert figures["date exact"][1] == 0.0
    assert figures["date overlap"][1] == 1.0


@pytest.mark.parametrize("broken", [
    {"date_end": None}, {"date_end": "not a date"}, {"actors": "Russia"}, {"place_name": 7},
    {"sentence": None},
], ids=str)
def test_scorer_survives_malformed_fields(broken: dict) -> None:
    gold = _scorer().load_gold(GOLD_DIR)
    figures = _figures(_oracle(gold, broken))
    assert any(prf != (1.0, 1.0, 1.0) for prf in figures.values())


def test_scorer_reports_a_crashing_extractor_as_zero_recall() -> None:
    def crash(text: str, **_: object) -> list[dict]:
        raise RuntimeError("stage not ready")
    assert _figures(crash)["event"] == (0.0, 0.0, 0.0)


def test_scorer_scores_only_asserted_events_unless_told_otherwise() -> None:
    scorer = _scorer()
    gold = scorer.load_gold(GOLD_DIR)
    planned = _oracle(gold, {"mode": "future"})
    articles = scorer.load_articles(GOLD_DIR)
    default = scorer.score(scorer.run(articles, gold, planned))["event"].prf()
    with_plans = scorer.score(scorer.run(articles, gold, planned, ("asserted", "future")))["event"].prf()
    assert default == (0.0, 0.0, 0.0) and with_plans == (1.0, 1.0, 1.0)
