"""The document model above the sentence: paragraphs, and the narrative time carried through them.

An undated event clause happened when its story happened, not in the week before publication: a
2020 article that tells what happened in December 2011 keeps its undated follow-up sentences in
December 2011. As HeidelTime does for time expressions, the reference time of a paragraph is the
time of its last dated event; an undated event in the same paragraph inherits it
(``date_source: "narrative"``). A paragraph break starts a new segment: a text's next paragraph
often turns to the present, so only news without a narrative time falls back to the publication
window (``date_source: "document"``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from events.model import Span

_LINE_BREAK = re.compile(r"\n")


class Dating(NamedTuple):
    """When an event happened, and the expression (with its document span) that says so."""

    start: date | None
    end: date | None
    precision: str | None
    text: str | None
    source: str | None
    span: Span | None


UNDATED = Dating(None, None, None, None, None, None)


def paragraph_index(text: str, sentence_starts: list[int], sentence_ends: list[int]) -> list[int]:
    """The paragraph number of each sentence: a line break between two sentences starts a new one.

    A line break inside a sentence (hard-wrapped prose) is no paragraph break: the sentence splitter
    already joined such lines, so only breaks in the gap between sentences count.
    """
    numbers, current = [], 0
    for i, start in enumerate(sentence_starts):
        if i and _LINE_BREAK.search(text, sentence_ends[i - 1], start):
            current += 1
        numbers.append(current)
    return numbers


@dataclass(slots=True)
class NarrativeTime:
    """The reference time of the paragraph being read: the dating of its last dated event."""

    paragraph: int = -1
    reference: Dating | None = None

    def enter(self, paragraph: int) -> None:
        """Move to a sentence of ``paragraph``; a new paragraph starts without a reference time."""
        if paragraph != self.paragraph:
            self.paragraph, self.reference = paragraph, None

    def note(self, dating: Dating) -> None:
        """A dated event was read: it becomes the reference for the undated ones that follow."""
        if dating.source in ("explicit", "relative") and dating.start is not None:
            self.reference = dating

    def inherited(self) -> Dating | None:
        """The dating an undated event of this paragraph takes, or None when the paragraph has none yet."""
        if self.reference is None:
            return None
        ref = self.reference
        return Dating(ref.start, ref.end, ref.precision, None, "narrative", None)


def index_of(starts: list[int], position: int) -> int:
    """Index of the span (by sorted starts) that ``position`` falls in, or -1 before the first."""
    return bisect_right(starts, position) - 1
