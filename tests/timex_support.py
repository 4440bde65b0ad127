"""Helpers shared by the temporal-tagging tests (not a test module)."""
from __future__ import annotations

from datetime import date

from events.timex import Timex, tag

D = date.fromisoformat
DCT = date(2022, 1, 7)


def only(lang: str, sentence: str, dct: date | None, text: str) -> Timex:
    """The single expression whose text is ``text``; fails listing what was found instead."""
    found = tag(sentence, lang=lang, dct=dct)
    hits = [t for t in found if t.text == text]
    assert len(hits) == 1, f"{text!r} not tagged once in {sentence!r}: {[(t.text, t.value) for t in found]}"
    return hits[0]


def check(lang: str, sentence: str, dct: date | None, text: str, value: str, start: str | None,
          end: str | None, precision: str | None) -> Timex:
    """Tag ``sentence`` and compare the expression ``text`` with the expected value and interval."""
    t = only(lang, sentence, dct, text)
    assert (t.value, t.date_start, t.date_end, t.precision) == (
        value, D(start) if start else None, D(end) if end else None, precision)
    return t
