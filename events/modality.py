"""Mode of an event clause (PLOVER): asserted, hypothetical, future, negated or claimed.

A sentence that only imagines, plans, denies or hears of an event is kept with its mode rather than
dropped, so the views can show it on request (they show asserted events by default). The marker
words are data (events/lang/<lang>/events.yaml). A word inside a time expression is never a
marker: "May" in "on May 19" is a month, not a modal verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from events import lang as lang_data
from events.event_types import EventTypeMatch
from events.timex import Timex

_WORDS = re.compile(r"[\w']+")
NEGATION_WINDOW = 3  # words either side of the event word ("wird nicht unterstützt")


@dataclass(frozen=True, slots=True)
class _Markers:
    hypothetical: frozenset[str]
    report: frozenset[str]
    negation: frozenset[str]
    future: frozenset[str]
    claim: frozenset[str]
    action: re.Pattern[str]
    action_vetoes: frozenset[str]
    present: frozenset[str]
    past: frozenset[str]


@lru_cache(maxsize=None)
def _markers(lang: str) -> _Markers:
    data = lang_data.load(lang, "events")

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key) or ())
    return _Markers(words("hypothetical_markers"), words("report_markers"), words("negation_markers"),
                    words("future_markers"), words("claim_markers"), re.compile(data["action_verb_pattern"]),
                    words("action_verb_vetoes"), words("present_auxiliaries"), words("past_auxiliaries"))


def _words_outside(text: str, offset: int, timexes: list[Timex] | tuple[Timex, ...]) -> set[str]:
    """Lower-cased words of ``text`` (at document offset ``offset``) outside every time expression."""
    spans = [(t.start - offset, t.end - offset) for t in timexes]
    return {m.group().lower() for m in _WORDS.finditer(text)
            if not any(a <= m.start() < b for a, b in spans)}


def is_question(sentence: str) -> bool:
    return sentence.rstrip("“”\"»« )").endswith("?")


def is_hypothetical(sentence: str, offset: int, timexes: list[Timex], *, lang: str) -> bool:
    """Conditional or speculative sentences ("Wenn X passiert, könnte ...") report nothing yet."""
    markers = _markers(lang)
    words = _words_outside(sentence, offset, timexes)
    return bool(words & markers.hypothetical) and not (words & markers.report)


def is_negated(text: str, trigger: EventTypeMatch, *, lang: str) -> bool:
    """A negation within a few words either side of the event word (document offsets)."""
    negations = _markers(lang).negation
    before = _WORDS.findall(text[max(0, trigger.start - 80):trigger.start])[-NEGATION_WINDOW:]
    after = _WORDS.findall(text[trigger.end:trigger.end + 80])[:NEGATION_WINDOW]
    return any(w.lower() in negations for w in before + after)


def is_present_statement(clause: str, *, lang: str) -> bool:
    """A present or present-perfect clause ("has sent", "hat entsandt") with no past-tense form:
    news about now, which the narrative time of a story told in the past does not date."""
    markers = _markers(lang)
    words = {w.lower() for w in _WORDS.findall(clause)}
    return bool(words & markers.present) and not (words & markers.past)


def reports_action(clause: str, *, lang: str) -> bool:
    """The clause has a verb form that reports a completed action (not one after an article)."""
    markers = _markers(lang)
    for match in markers.action.finditer(clause):
        previous = _WORDS.findall(clause[max(0, match.start() - 30):match.start()])
        if not previous or previous[-1].lower() not in markers.action_vetoes:
            return True
    return False


def clause_mode(text: str, start: int, end: int, trigger: EventTypeMatch | None, timexes: tuple[Timex, ...],
                event_start: date | None, published: date | None, *, hypothetical: bool, lang: str) -> str:
    """The mode of the event in ``text[start:end]`` (document offsets).

    Future needs a future marker and no date before publication: a chronicle's present tense
    ("1917 wird Kasachstan Teil ...") is history, not a plan.
    """
    markers = _markers(lang)
    if trigger is not None and is_negated(text, trigger, lang=lang):
        return "negated"
    if hypothetical:
        return "hypothetical"
    words = _words_outside(text[start:end], start, timexes)
    if words & markers.claim:
        return "claimed"
    if words & markers.future and not (words & markers.report):
        if event_start is None or published is None or event_start > published or not timexes:
            return "future"
    return "asserted"
