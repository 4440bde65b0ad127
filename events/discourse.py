"""The document model above the sentence: paragraphs, and the narrative time carried through them.

An undated event clause happened when its story happened, not in the week before publication: a
2020 article that tells what happened in December 2011 keeps its undated follow-up sentences in
December 2011. As HeidelTime does for time expressions, the reference time is the time of the last
dated event of the discourse segment (``date_source: "narrative"``); only a segment with no dated
event yet (or an English present-perfect statement, events/modality.py) falls back to the
publication window (``date_source: "document"``). A segment ends with a paragraph of several
sentences; a one-sentence paragraph (wire copy sets each sentence apart) does not end it: on
news-dev, ending segments at every paragraph moved 9 English wire-copy events to the publication
week and cost 0.09 exact-date F1. Only a paragraph with a dated event of its own lets a sentence
that names no time, place or actor report an event on the strength of its event word alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from events.model import Span
from events.timex import Timex

_LINE_BREAK = re.compile(r"\n")


class Dating(NamedTuple):
    """When an event happened, and the expression (with its document span) that says so."""

    start: date | None
    end: date | None
    precision: str | None
    text: str | None
    source: str | None
    span: Span | None
    since: bool = False  # an interval from a "since" date up to publication ("seit dem 5. Januar")


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

    published: date | None = None
    paragraph: int = -1
    sentences: int = 0  # sentences read in the current paragraph
    reference: Dating | None = None
    in_paragraph: bool = False  # the reference was set in the paragraph being read
    chronicle: bool = False  # the paragraph is a chronicle entry ("1917: ..."), see is_chronicle_entry

    def enter(self, paragraph: int, *, chronicle: bool = False) -> None:
        """Move to a sentence of ``paragraph``. A paragraph of several sentences ends the segment
        (its reference time); one of a single sentence does not: wire copy sets every sentence
        apart, and the story goes on. ``chronicle`` tells whether a new paragraph opens with a
        chronicle entry's date (read only at its first sentence)."""
        if paragraph != self.paragraph:
            if self.sentences > 1:
                self.reference = None
            self.paragraph, self.sentences, self.in_paragraph = paragraph, 0, False
            self.chronicle = chronicle
        self.sentences += 1

    def note(self, dating: Dating) -> None:
        """A dated event was read: it becomes the reference for the undated ones that follow,
        unless it lies after publication (a plan does not move the story's time)."""
        if dating.source not in ("explicit", "relative") or dating.start is None:
            return
        if self.published is not None and dating.start > self.published:
            return
        self.reference, self.in_paragraph = dating, True

    def inherited(self) -> Dating | None:
        """The dating an undated event of this paragraph takes, or None when the paragraph has none yet."""
        if self.reference is None:
            return None
        ref = self.reference
        return Dating(ref.start, ref.end, ref.precision, None, "narrative", None)


_CLOSING = ".!?…:;\"'“”»«’)]"


def is_heading(text: str, start: int, end: int) -> bool:
    """A sentence that is a line of its own without closing punctuation: a headline or subheading.
    An undated headline announces what the body reports; it is no event of its own."""
    own_line = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    return own_line and text[end - 1] not in _CLOSING


# A chronicle entry's sentence starts at most this far after its line break (indent and bullet);
# the bound keeps a text without line breaks from being read back to its start for every sentence.
ENTRY_LEAD_MAX_CHARS = 16
# Bullets and dashes that may open a chronicle line ("• 1917: ...", "- 1989/90: ...").
_ENTRY_LEAD = re.compile(r"[ \t•*·◦▪–—-]*")
# Between the two dates of an entry's range ("1989/90", "1920 – 1939") and before its colon.
_ENTRY_JOIN = re.compile(r"\s*[/–-]\s*")
_ENTRY_COLON = re.compile(r"\s*:")


def is_chronicle_entry(text: str, start: int, timexes: list[Timex]) -> bool:
    """The sentence at ``start`` opens a line with a date and a colon: a chronicle or timeline
    entry ("1917: Nach der Revolution bricht ein Bürgerkrieg aus. Kasachstan wird ..."). Such an
    entry tells history in the present tense, and its date dates every sentence of it.

    ``timexes`` are the sentence's time expressions in text order; a range of two ("1989/90")
    may open the entry.
    """
    low = max(0, start - ENTRY_LEAD_MAX_CHARS)
    line_start = text.rfind("\n", low, start) + 1
    if line_start == 0 and low > 0:
        return False  # no line break just before: the sentence does not open its line
    position = _ENTRY_LEAD.match(text, line_start, start + ENTRY_LEAD_MAX_CHARS).end()
    if position < start and text[position:start].strip():
        return False  # the sentence does not open its line
    position, end = max(position, start), None
    for timex in timexes:
        if timex.start != position or timex.date_start is None:
            break
        end = timex.end
        join = _ENTRY_JOIN.match(text, end)
        position = join.end() if join else end
    return end is not None and _ENTRY_COLON.match(text, end) is not None


# A state held since a date more than a year back ("Präsident war er seit 1990", "has served as
# prime minister since 2003", "der seit 2016 herrschende ...") is background, not an event; a
# "since" of days or months ("rallies have been held since December 3") reports what is going on.
STATE_SINCE_DAYS = 366


def is_background_state(dating: Dating, has_trigger: bool) -> bool:
    """A "since" interval of more than a year in a clause with no event word: a role or a state."""
    return (dating.since and not has_trigger and dating.start is not None and dating.end is not None
            and (dating.end - dating.start).days > STATE_SINCE_DAYS)
