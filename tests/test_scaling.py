"""Extraction work grows linearly with the text: deterministic proxies, no clocks.

A 2 MB text once took more than 300 s because steps compared every mention with every other one of
a long sentence or re-read the text before each expression. Wall time is too noisy to assert on a
shared machine (benchmarks/scaling.py carries the timing), so these tests count work instead: the
Python lines executed, and the characters of the document that slicing, ``find``/``rfind`` and the
tagger's clause regexes read. Both must grow about 4x when the text grows 4x; the quadratic steps
made them grow 8-50x.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

import events.timex
from events.pipeline import extract
from events.timex.anchoring import GENERIC_LOOKBACK_CHARS, generic_window
from events.timex.grammar import grammar

SMALL, LARGE = 3_000, 12_000
LINEAR = 4.6  # growth allowed for 4x the text: 4 plus slack for the fixed per-document work
PUBLISHED = date(2022, 1, 7)

SHAPES = {  # (language, piece repeated to length): each one made a step quadratic
    "one giant sentence": ("de", "am 5. Januar 2022 entsandte Russland Truppen nach Almaty und "),
    "many actors and places": ("de", "Russland, Kasachstan, China und die USA trafen sich in Almaty, Astana und Moskau, "),
    "quotations with speech verbs": ("de", "„Heute kommen wir“, sagte er am 3. März 2022 „und morgen“, "),
    "dense dates": ("de", "am 5. Januar 2022 bis 7. März 2023, gestern und vor 3 Jahren, im Mai, "),
    "tabs instead of spaces": ("de", "Russland\tAlmaty\t5.\tJanuar\t2022.\t"),
    "appositions": ("en", "John Smith, a spokesman for the CSTO, and Russian troops, said the founder of NED, "
                          "Carl Gershman, "),
}
NAMES = [a + b for a in ("Ka", "Ro", "Mi", "Lan", "Ber", "To", "Wal", "Den") for b in ("ran", "lik", "mov", "tek")]
PERSONS = "".join(f"der Aktivist {a} {b} sagte in Almaty am 5. Januar 2022, " for a in NAMES for b in NAMES)


def text_of(piece: str, size: int) -> str:
    """About `size` characters of whole repetitions of `piece`: a text cut mid-piece ends differently at
    each size ("... trafen s" against "... China "), and a different last clause is different work,
    not growth."""
    return piece * max(1, round(size / len(piece)))


def lines_run(text: str, lang: str) -> int:
    """Python lines executed while extracting ``text`` (a deterministic count of interpreted work)."""
    extract(text[:500], doc_id="warm", lang=lang, published=PUBLISHED)  # rules compile once, untraced
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        extract(text, doc_id="d", lang=lang, published=PUBLISHED)
    finally:
        sys.settrace(previous)
    return count


class ReadCount:
    chars = 0


class CountingText(str):
    """A document text that counts the characters each slice or find of it reads."""

    def __getitem__(self, key: Any) -> str:
        piece = str.__getitem__(self, key)
        ReadCount.chars += len(piece)
        return piece

    def _read(self, start: int | None, end: int | None) -> None:
        lo, hi = max(start or 0, 0), len(self) if end is None else min(end, len(self))
        ReadCount.chars += max(0, hi - lo)

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:
        self._read(start, end)
        return str.find(self, sub, start, end)

    def rfind(self, sub: str, start: int | None = None, end: int | None = None) -> int:
        self._read(start, end)
        return str.rfind(self, sub, start, end)


class CountingPattern:
    """A compiled regex whose ``search`` counts the characters it is asked to look at."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        ReadCount.chars += max(0, min(endpos, len(string)) - pos)
        return self.pattern.search(string, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


def chars_read(text: str, lang: str) -> int:
    extract(text[:500], doc_id="warm", lang=lang, published=PUBLISHED)
    ReadCount.chars = 0
    extract(CountingText(text), doc_id="d", lang=lang, published=PUBLISHED)
    return ReadCount.chars


@pytest.fixture
def counted_clause_regexes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the tagger's clause regexes (recurrence markers, speech verbs) count what they read."""
    counted = {lang: replace(grammar(lang), generic_markers=CountingPattern(grammar(lang).generic_markers),
                             speech_verbs=CountingPattern(grammar(lang).speech_verbs)) for lang in ("de", "en")}
    monkeypatch.setattr(events.timex, "grammar", counted.__getitem__)


@pytest.mark.parametrize("shape", [*SHAPES, "distinct persons"])
def test_python_work_grows_linearly(shape: str) -> None:
    lang, piece = SHAPES.get(shape, ("de", PERSONS))
    small, large = (lines_run(text_of(piece, size), lang) for size in (SMALL, LARGE))
    assert large <= LINEAR * small, f"{shape}: {small:,} lines for {SMALL:,} chars, {large:,} for {LARGE:,}"


@pytest.mark.parametrize("shape", SHAPES)
def test_text_read_grows_linearly(shape: str, counted_clause_regexes: None) -> None:
    lang, piece = SHAPES[shape]
    small, large = (chars_read(text_of(piece, size), lang) for size in (SMALL, LARGE))
    assert large <= LINEAR * small, f"{shape}: {small:,} chars read for {SMALL:,}, {large:,} for {LARGE:,}"


def test_recurrence_markers_are_looked_for_in_a_bounded_window() -> None:
    text = text_of("am 5. Januar 2022 entsandte Russland Truppen nach Almaty und ", 50_000)
    lo, hi = generic_window(text, len(text) - 10, 0, grammar("de"))
    assert hi - lo <= GENERIC_LOOKBACK_CHARS


def test_a_recurrence_marker_in_the_clause_still_makes_a_date_generic() -> None:
    """The bound does not lose the rule: "jedes Jahr am 16. Dezember" is still generic."""
    filler = "und das ist ein langer Satz " * 20
    dated = events.timex.tag(f"{filler}. Die Kasachen feiern jedes Jahr am 16. Dezember.", lang="de", dct=PUBLISHED)
    assert [t.generic for t in dated if t.text.endswith("Dezember")] == [True]


def test_trigger_overlaps_are_checked_against_neighbours_only() -> None:
    """find_triggers once compared each trigger with every one kept before it: quadratic in a run-on
    sentence with hundreds of event words (the extract-level sizes above are too small to show it)."""
    from events.event_types import find_triggers

    def lines(text: str) -> int:
        count = 0

        def tracer(frame: Any, event: str, arg: Any) -> Any:
            nonlocal count
            count += event == "line"
            return tracer

        previous = sys.gettrace()
        sys.settrace(tracer)
        try:
            find_triggers(text, lang="de")
        finally:
            sys.settrace(previous)
        return count

    piece = SHAPES["one giant sentence"][1]
    find_triggers(piece, lang="de")  # the lexicon compiles once, untraced
    small, large = lines(text_of(piece, 20_000)), lines(text_of(piece, 80_000))
    assert large <= LINEAR * small, f"{small:,} lines for 20,000 chars, {large:,} for 80,000"
