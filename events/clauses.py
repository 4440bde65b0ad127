"""Clauses: where one sentence reports more than one event.

A sentence such as "Zwei Tage später rückten Soldaten ein, am 9. Mai erklärte der Gouverneur ..."
tells two things with two dates. The split points are few and conservative, because a wrong split
turns one event into two: a comma or semicolon before a clause-opening conjunction
(`clause_conjunctions` in events.yaml) or before a time expression a few words on, a semicolon,
and a bare conjunction ("und am 6. Januar") right before a time expression. No split falls inside
a mention (a time expression, place or actor), so "vom 2. und 5. Januar" stays whole. Which of
the pieces then become events is decided by the pipeline (a piece with no event word and no date
of its own joins its neighbour).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from events import lang as lang_data
from events.actors import ActorMention
from events.event_types import EventTypeMatch, best_trigger
from events.lexicon_regex import trie_alternation
from events.places import PlaceMention
from events.sentences import Sentence
from events.timex import Timex

# "now", "currently": a date for a reported event, but not by itself a sign that something happened.
VAGUE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})

# Words between a comma and the time expression that still opens the next clause: one preposition
# (", am 9. Mai erklärte", ", on 5 May"). With three, a relative clause that merely mentions a date
# (", die Geschehnisse vom Januar ...") was split off as an event of its own.
DATE_LEAD_WORDS = 1


@dataclass(frozen=True, slots=True)
class _Rules:
    after_comma: frozenset[str]   # open a clause after a comma
    before_date: frozenset[str]   # open one without a comma, right before a date
    candidates: re.Pattern[str]   # every place a split may fall: punctuation, or a space before a conjunction


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    data = lang_data.load(lang, "events")
    after_comma = frozenset(w.lower() for w in data["clause_conjunctions"])
    before_date = frozenset(w.lower() for w in data["date_conjunctions"])
    words = trie_alternation(sorted(after_comma | before_date))
    return _Rules(after_comma, before_date,
                  re.compile(rf"[,;]\s+|\s+(?={words}(?!\w))", re.IGNORECASE))


_FIRST_WORD = re.compile(r"[„“\"'»«(]*([^\s„“\"'»«(]+)")


def clause_spans(sentence: str, offset: int, *, lang: str, dates: list[tuple[int, int]],
                 protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Document spans of the clauses of one sentence (starting at document offset ``offset``).

    ``dates`` are the document spans of its dated expressions; ``protected`` are document spans no
    split may fall in (mentions).
    """
    rules = _rules(lang)
    starts = sorted(a for a, _ in dates)
    date_ends = sorted(end - offset for _, end in dates)
    inside_mention = _Cover(protected)
    cuts: list[int] = []
    for match in rules.candidates.finditer(sentence):
        cut = offset + match.end()
        if inside_mention.strictly_inside(cut):
            continue
        word = _FIRST_WORD.match(sentence, match.end())
        first = word.group(1).lower() if word else ""
        after_first = offset + word.end() if word else cut
        if match.group()[0] == ";":
            cuts.append(cut)
        elif match.group()[0] == ",":
            if first in rules.after_comma or _date_ahead(sentence, match.end(), offset, starts):
                cuts.append(cut)
        elif _after_date(sentence, match.start(), date_ends):
            continue  # "2. und 5. Januar", "in 2015 and 2016": one interval, not two clauses
        elif first in rules.before_date and _date_ahead(sentence, after_first - offset, offset, starts):
            cuts.append(cut)
        elif first in rules.after_comma and _any_in(starts, cuts[-1] if cuts else offset, cut - 1) \
                and _any_in(starts, after_first, offset + _reach(sentence, after_first - offset)):
            cuts.append(cut)  # "... in the mid-1970s but it came to a halt ... in 1991": two dated clauses
    spans, start = [], offset
    for cut in cuts:
        spans.append((start, cut))
        start = cut
    spans.append((start, offset + len(sentence)))
    return spans


# Words after a bare conjunction in which the second clause's own date must stand for a split.
BARE_REACH_WORDS = 12
_REACH = re.compile(r"\s*(?:\S+\s+){0,%d}" % BARE_REACH_WORDS)
_LEAD = re.compile(r"\s*(?:\S+\s+){0,%d}" % DATE_LEAD_WORDS)


def _reach(sentence: str, position: int) -> int:
    """Sentence offset BARE_REACH_WORDS words after ``position``."""
    return _REACH.match(sentence, position).end()


def _after_date(sentence: str, position: int, date_ends: list[int]) -> bool:
    """A date ends right before ``position`` (sentence offsets, ``date_ends`` sorted), with only spaces
    between: the date ending last before it decides, since an earlier one has that date's text between."""
    index = bisect_right(date_ends, position)
    return index > 0 and sentence[date_ends[index - 1]:position].strip() == ""


def _any_in(sorted_values: list[int], low: int, high: int) -> bool:
    """Whether some value lies in [low, high] (a bisect: a sentence's dates are not scanned per cut)."""
    index = bisect_left(sorted_values, low)
    return index < len(sorted_values) and sorted_values[index] <= high


class _Cover:
    """Spans sorted by start with a running maximum of their ends, so "is this offset strictly inside
    some span" is a bisect rather than a scan of every mention for every candidate cut."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def strictly_inside(self, position: int) -> bool:
        index = bisect_left(self.starts, position)  # spans starting before position
        return index > 0 and self.reach[index - 1] > position


def _date_ahead(sentence: str, position: int, offset: int, timex_starts: list[int]) -> bool:
    """A time expression begins within the next DATE_LEAD_WORDS words after ``position`` (a
    sentence offset)."""
    limit = offset + _LEAD.match(sentence, position).end()
    return _any_in(timex_starts, offset + position, limit)


@dataclass(frozen=True, slots=True)
class Unit:
    """A clause (or clauses joined because only together they report something) and its mentions."""

    start: int
    end: int
    triggers: tuple[EventTypeMatch, ...]
    dated: tuple[Timex, ...]
    places: tuple[PlaceMention, ...]
    actors: tuple[ActorMention, ...]
    lead: bool = False  # an undated first clause split off before a dated one: dated by the narrative

    @property
    def has_date(self) -> bool:
        return any(t.value not in VAGUE_VALUES for t in self.dated)


@dataclass(frozen=True, slots=True)
class Predicate:
    """One event of a clause: its event word (None for a dated report without one) and its dates."""

    start: int
    trigger: EventTypeMatch | None
    dated: tuple[Timex, ...]


def event_units(sentence: Sentence, triggers: list[EventTypeMatch], dated: list[Timex],
                mentions: tuple[list[Timex], list[PlaceMention], list[ActorMention]], *, lang: str,
                reports_action: Callable[[str], bool], text: str) -> list[Unit]:
    """The clauses of a sentence that may each report an event.

    Only a clause with a date of its own reports a separate event: one without (a list's ", and the
    United Kingdom", a trailing ", und erteilte ...") joins the clause before it, or the next one
    when it comes first, and the narrative time dates it with its neighbour anyway. A dated clause that reports no action ("Am 5. Januar, nach ...") and a neighbour with
    an event word but no date make one unit.
    """
    timexes, places, actors = mentions
    protected = [(m.start, m.end) for group in mentions for m in group]
    specific = [(t.start, t.end) for t in dated if t.value not in VAGUE_VALUES]
    if not specific:  # no clause has a date of its own: the sentence is one unit
        return [_unit(sentence.start, sentence.end, triggers, dated, places, actors)]
    spans = clause_spans(sentence.text, sentence.start, lang=lang, dates=specific, protected=protected)
    units = [_unit(a, b, triggers, dated, places, actors) for a, b in spans]
    merged: list[Unit] = []
    pending: Unit | None = None
    for unit in units:
        if pending is not None:
            unit, pending = _join(pending, unit), None
        if not unit.has_date:
            if merged:
                merged[-1] = _join(merged[-1], unit)
            else:
                pending = unit
            continue
        merged.append(unit)
    if pending is not None:
        merged.append(pending)
    if len(units) > 1:
        merged = _lead_apart(units, merged, text, reports_action)
    i = 0
    while i < len(merged) - 1:
        a, b = merged[i], merged[i + 1]
        if _complementary(a, b, text, reports_action) or _complementary(b, a, text, reports_action):
            merged[i:i + 2] = [_join(a, b)]
        else:
            i += 1
    return merged


def unit_predicates(unit: Unit, *, lang: str) -> list[Predicate]:
    """The events of one clause: one, unless it has two event words and two dates, each date nearer
    one of them ("Die am 3. März entsandten Einheiten wurden am 21. März abgezogen": two events)."""
    specific = [t for t in unit.dated if t.value not in VAGUE_VALUES]
    if len(unit.triggers) < 2 or len(specific) < 2:
        return [Predicate(unit.start, best_trigger(list(unit.triggers), lang=lang), unit.dated)]
    owned: dict[int, list[Timex]] = {}
    for timex in specific:
        nearest = min(range(len(unit.triggers)), key=lambda i: abs(unit.triggers[i].start - timex.start))
        owned.setdefault(nearest, []).append(timex)
    if len(owned) < 2:
        return [Predicate(unit.start, best_trigger(list(unit.triggers), lang=lang), unit.dated)]
    return [Predicate(unit.triggers[i].start if n else unit.start, unit.triggers[i], tuple(owned[i]))
            for n, i in enumerate(sorted(owned))]


def _lead_apart(units: list[Unit], merged: list[Unit], text: str,
                reports_action: Callable[[str], bool]) -> list[Unit]:
    """An undated first clause that reports an action of its own before a dated one ("Er brach ein,
    und erst 2005 wurde ... gebaut") is an event apart, dated by the narrative."""
    first = units[0]
    if first.has_date or len(units) < 2 or not (first.triggers or reports_action(text[first.start:first.end])):
        return merged
    head = merged[0]
    rest = _unit(first.end, head.end, list(head.triggers), list(head.dated), list(head.places),
                 list(head.actors))
    if not rest.has_date:
        return merged
    return [replace(first, lead=True), rest] + merged[1:]


def _unit(start: int, end: int, triggers: list[EventTypeMatch], dated: list[Timex],
          places: list[PlaceMention], actors: list[ActorMention]) -> Unit:
    def inside(items: list) -> tuple:  # mentions come in text order: a slice found by bisection
        return tuple(items[bisect_left(items, start, key=_start):bisect_left(items, end, key=_start)])
    return Unit(start, end, inside(triggers), inside(dated), inside(places), inside(actors))


def _start(mention: EventTypeMatch | Timex | PlaceMention | ActorMention) -> int:
    return mention.start


def _join(a: Unit, b: Unit) -> Unit:
    return Unit(a.start, b.end, a.triggers + b.triggers, a.dated + b.dated, a.places + b.places,
                a.actors + b.actors)


def _complementary(dated: Unit, worded: Unit, text: str, reports_action: Callable[[str], bool]) -> bool:
    """A date that reports no action of its own belongs to the neighbouring undated event word."""
    return (not dated.triggers and dated.has_date and not reports_action(text[dated.start:dated.end])
            and bool(worded.triggers) and not worded.has_date)
