"""The evidence panel: why an event exists — its sentence, with the date and place expressions
marked, and where the sentence came from.

Everything is built from Dash components whose children are plain strings, so text that
contains HTML or script is displayed, never run.
"""
from __future__ import annotations

from collections.abc import Mapping

from dash import html

MARK_CLASSES = {"date": "mark-date", "place": "mark-place"}


def highlight_segments(sentence: str, marks: Mapping[str, str | None]) -> list[tuple[str, str | None]]:
    """Split `sentence` into (text, label) pieces; label names the mark ("date", "place") or None.

    Each expression is marked at its first occurrence (case-insensitive); of overlapping marks
    the one that starts first (then the longer one) wins.
    """
    found: list[tuple[int, int, str]] = []
    lowered = sentence.lower()
    for label, expression in marks.items():
        if expression:
            start = lowered.find(expression.lower())
            if start >= 0:
                found.append((start, start + len(expression), label))
    segments: list[tuple[str, str | None]] = []
    cursor = 0
    for start, end, label in sorted(found, key=lambda mark: (mark[0], -mark[1])):
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
              for text, label in highlight_segments(sentence, {"date": _text(record, "date_text"),
                                                               "place": _text(record, "place_text")})]
    confidence = record.get("confidence")
    facts = [
        ("Event", f"{_text(record, 'event_type')} · {', '.join(record.get('actors') or []) or 'no actor'}"),
        ("When", f"{_text(record, 'date_start')} – {_text(record, 'date_end')} "
                 f"(precision: {_text(record, 'date_precision')}, {_text(record, 'date_source')})"),
        ("Where", f"{_text(record, 'place_name')} ({_text(record, 'geo_precision')})"
                  if _text(record, "place_name") else "not placed: the sentence names no place"),
        ("Document", f"{_text(record, 'doc_title') or _text(record, 'doc_id')} [{_text(record, 'doc_id')}]"),
        ("Author", _text(record, "doc_author") or "unknown"),
        ("Published", _text(record, "doc_published") or "unknown"),
        ("Confidence", f"{float(confidence):.2f}" if isinstance(confidence, (int, float)) else "unknown"),
    ]
    return [
        html.Blockquote(pieces, className="evidence-sentence"),
        html.Dl([part for name, value in facts for part in (html.Dt(name), html.Dd(value))],
                className="evidence-facts"),
    ]


def _text(record: Mapping[str, object], key: str) -> str:
    value = record.get(key)
    return "" if value is None or value != value else str(value)  # value != value: NaN
