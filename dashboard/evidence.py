"""The evidence panel: why an event exists — its sentence, with the date, place and actor mentions
marked, and where the sentence came from.

Marks come from the record's mention spans, so the mention the extractor used is the one marked,
even when the same words occur twice. Records from files written before spans existed fall back to
marking the first occurrence of `date_text` and `place_text`.

Everything is built from Dash components whose children are plain strings, so text that
contains HTML or script is displayed, never run.
"""
from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from numbers import Real

from dash import html

MARK_CLASSES = {"date": "mark-date", "place": "mark-place", "actor": "mark-actor"}
Mark = tuple[int, int, str]  # (start, end, label): offsets into the sentence, end exclusive


def record_marks(record: Mapping[str, object]) -> list[Mark]:
    """The marks of one record's mentions, relative to its sentence (span - char_start)."""
    sentence = str(record.get("sentence") or "")
    offset = record.get("char_start")
    offset = int(offset) if isinstance(offset, Real) and not math.isnan(offset) else None
    marks: list[Mark] = []
    for label in ("date", "place"):
        span = _span(record.get(f"{label}_span"))
        if span is not None and offset is not None:
            marks.append((span[0] - offset, span[1] - offset, label))
        else:
            marks += search_marks(sentence, {label: _text(record, f"{label}_text")})
    spans = record.get("actor_spans")
    if offset is not None and isinstance(spans, (list, tuple)):
        marks += [(span[0] - offset, span[1] - offset, "actor") for span in map(_span, spans) if span]
    return [(max(start, 0), min(end, len(sentence)), label) for start, end, label in marks
            if max(start, 0) < min(end, len(sentence))]


def search_marks(sentence: str, expressions: Mapping[str, str | None]) -> list[Mark]:
    """The fallback for records without spans: each expression at its first occurrence (case-insensitive)."""
    lowered = sentence.lower()
    found = []
    for label, expression in expressions.items():
        start = lowered.find(expression.lower()) if expression else -1
        if start >= 0:
            found.append((start, start + len(expression), label))
    return found


def highlight_segments(sentence: str, marks: Iterable[Mark]) -> list[tuple[str, str | None]]:
    """Split `sentence` into (text, label) pieces; label names the mark ("date", "place", "actor") or None.

    Of overlapping marks the one that starts first (then the longer one) wins.
    """
    segments: list[tuple[str, str | None]] = []
    cursor = 0
    for start, end, label in sorted(marks, key=lambda mark: (mark[0], -mark[1])):
        if start < cursor:
            continue
        if start > cursor:
            segments.append((sentence[cursor:start], None))
        segments.append((sentence[start:end], label))
        cursor = end
    if cursor < len(sentence):
        segments.append((sentence[cursor:], None))
    return segments


def build_evidence(record: Mapping[str, object] | None) -> list:
    """Children of the evidence panel for one event record (or a hint when none is chosen)."""
    if record is None:
        return [html.P("Click an event on the timeline, the map or in the table to see its evidence.",
                       className="hint")]
    sentence = str(record.get("sentence") or "")
    pieces = [html.Mark(text, className=MARK_CLASSES[label]) if label else text
              for text, label in highlight_segments(sentence, record_marks(record))]
    confidence = record.get("confidence")
    facts = [
        ("Event", f"{_text(record, 'event_type')} · {', '.join(record.get('actors') or []) or 'no actor'}"),
        ("When", describe_when(record)),
        ("Where", f"{_text(record, 'place_name')} ({_text(record, 'geo_precision')})"
                  if _text(record, "place_name") else "not placed: the sentence names no place"),
        ("Document", f"{_text(record, 'doc_title') or _text(record, 'doc_id')} [{_text(record, 'doc_id')}]"),
        ("Author", _text(record, "doc_author") or "unknown"),
        ("Published", _text(record, "doc_published") or "unknown"),
        ("Confidence", f"{float(confidence):.2f}" if isinstance(confidence, (int, float)) else "unknown"),
        ("Review", _text(record, "review") or "not reviewed"),
    ]
    return [
        html.Blockquote(pieces, className="evidence-sentence"),
        html.Dl([part for name, value in facts for part in (html.Dt(name), html.Dd(value))],
                className="evidence-facts"),
    ]


SOURCE_WORDS = {
    "explicit": "as the sentence writes it",
    "relative": "counted from the publication date",
    "narrative": "the time of the story the paragraph tells (the sentence gives no date)",
    "document": "around publication (the sentence gives no date)",
}


def describe_when(record: Mapping[str, object]) -> str:
    """The date in words that say what the interval is: "the month of January 2022", or "2022-01-01
    – 2022-04-30 (120 days, part of the year 2022)" for "Anfang 2022", then the words it came from and why."""
    start, end = _date(record.get("date_start")), _date(record.get("date_end"))
    if start is None:
        return "undated"
    end = end or start
    what = _whole_unit(start, end) or (f"{start.isoformat()} – {end.isoformat()} ({(end - start).days + 1} days"
                                       + (f", part of the {_unit_name(record, start)}" if _unit_name(record, start) else "")
                                       + ")")
    if _text(record, "date_precision") in ("season", "decade", "century"):
        what += f", a {_text(record, 'date_precision')}"
    written = _text(record, "date_text")
    source = SOURCE_WORDS.get(_text(record, "date_source"), "")
    return "; ".join(part for part in (what, f"from “{written}”" if written else "", source) if part)


def _whole_unit(start: date, end: date) -> str | None:
    """"on 2022-01-05", "the week of 2022-01-03", "the month of January 2022", "the year 2022", or None."""
    if start == end:
        return f"on {start.isoformat()}"
    if start.weekday() == 0 and end - start == timedelta(days=6):
        return f"the week of {start.isoformat()} (Monday to Sunday)"
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) \
            and end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"the month of {calendar.month_name[start.month]} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"the year {start.year}" if start.year == end.year else f"the years {start.year}–{end.year}"
    return None


def _unit_name(record: Mapping[str, object], start: date) -> str:
    """The unit its precision names, for an interval that is only part of it ("year 2022")."""
    precision = _text(record, "date_precision")
    if precision == "year":
        return f"year {start.year}"
    if precision == "month":
        return f"month of {calendar.month_name[start.month]} {start.year}"
    if precision in ("decade", "century"):
        return precision
    return ""


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value is not None and value == value else None
    except ValueError:
        return None


def _span(value: object) -> tuple[int, int] | None:
    """A [start, end] pair as ints, or None for a missing span (None, NaN, malformed)."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, Real) for v in value):
        return int(value[0]), int(value[1])
    return None


def _text(record: Mapping[str, object], key: str) -> str:
    value = record.get(key)
    return "" if value is None or value != value else str(value)  # value != value: NaN
