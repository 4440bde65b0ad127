"""Dala's rule-based temporal tagger (HeidelTime-style rules as YAML data per language).

    tag(text, lang="de", dct=date(2022, 1, 7)) -> [Timex(...), ...]

Pipeline: grammar.py finds candidate spans (one combined regex, run only around cheap trigger
words), anchoring.py decides each expression's anchor (document date, a quotation's own date or
the story's reference time; the heuristic is documented there), normalize.py turns the rule's
groups into a TimeML value and calendar.py into an inclusive date interval.

Conventions: 'Anfang/Mitte/Ende X' keeps X's value and precision ("Anfang 2022" -> value 2022,
precision year) with the interval narrowed to X's first/middle/last third (2022-01-01..2022-04-30);
a month's are days 1-10, 11-20 and 21 to its end; a decade or century stays whole ("mid-1970s" =
1970-1979). A day, month or season without a year is its occurrence nearest the reference time
that the clause's tense allows (normalize._occurrence_year). "In der Nacht auf Mittwoch" is the
Wednesday, its interval starting on the Tuesday.
Ranges ("vom 2. bis 5. Januar 2022") are two expressions; the first borrows month and year from
the second. Durations get a P-value and no dates. Weeks are ISO weeks (Monday-Sunday). Seasons:
SP = Mar-May, SU = Jun-Aug, FA = Sep-Nov, WI = Dec-Feb of the next year.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from events.timex.anchoring import resolve
from events.timex.calendar import interval
from events.timex.grammar import grammar, scan

__all__ = ["Timex", "tag", "timex_record"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression; dates are an inclusive interval or None when not datable."""
    start: int
    end: int
    text: str
    value: str                 # TimeML-style: 2022-01-07, 2021-W52, 2022-01, 2022-SU, 2022, 199, 19, PRESENT_REF, P3Y
    date_start: date | None
    date_end: date | None
    precision: str | None      # day|week|month|season|year|decade|century
    source: str                # "explicit" | "relative"
    generic: bool              # recurring/generic mention ("feiern es am 7. Januar"): no dated event


def tag(text: str, *, lang: str, dct: date | None) -> list[Timex]:
    """Every temporal expression in ``text``, sorted by start offset."""
    if not isinstance(text, str):
        raise ValueError(f"timex.tag needs text as str, got {type(text).__name__}")
    if dct is not None and not isinstance(dct, date):
        raise ValueError(f"timex.tag needs dct as datetime.date or None, got {dct!r}")
    g = grammar(lang)
    found = []
    for r in resolve(text, dct, g, scan(text, g)):
        start, end = (None, None) if r.point is None or r.generic else interval(r.point, r.part)
        found.append(Timex(r.start, r.end, text[r.start:r.end], r.value, start, end,
                           r.precision if start is not None or r.kind != "duration" else None,
                           "explicit" if r.explicit else "relative", r.generic))
    return sorted(found, key=lambda t: t.start)


def timex_record(doc_id: str, t: Timex) -> dict:
    """The JSON-lines record `dala timex` writes for one expression."""
    return {
        "doc_id": doc_id, "start": t.start, "end": t.end, "text": t.text, "value": t.value,
        "date_start": t.date_start.isoformat() if t.date_start else None,
        "date_end": t.date_end.isoformat() if t.date_end else None,
        "precision": t.precision,
    }
