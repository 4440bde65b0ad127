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
from events.lexicon_regex import trie_alternation
from events.timex import Timex

_WORDS = re.compile(r"[\w']+")
NEGATION_WINDOW = 3  # words either side of the event word ("wird nicht unterstützt")


@dataclass(frozen=True, slots=True)
class _Markers:
    conditional: re.Pattern[str]
    hypothetical: re.Pattern[str]
    report: re.Pattern[str]
    negation: frozenset[str]
    negation_cancellers: frozenset[str]
    future: re.Pattern[str]
    claim: re.Pattern[str]
    action: re.Pattern[str]
    action_vetoes: frozenset[str]
    action_exceptions: frozenset[str]
    present: re.Pattern[str]
    past: re.Pattern[str]
    verbs_lowercase: bool


@lru_cache(maxsize=None)
def _markers(lang: str) -> _Markers:
    data = lang_data.load(lang, "events")

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key) or ())

    def pattern(*keys: str) -> re.Pattern[str]:
        """One whole-word, case-insensitive regex for the words of ``keys`` (a scan, not a word set)."""
        forms = sorted(set().union(*(words(key) for key in keys)))
        return re.compile(rf"(?<![\w']){trie_alternation(forms)}(?![\w'])" if forms else "(?!)", re.IGNORECASE)
    return _Markers(pattern("conditional_markers"), pattern("hypothetical_markers"), pattern("report_markers"),
                    words("negation_markers"), words("negation_cancellers"),
                    pattern("future_markers"), pattern("claim_markers"), re.compile(data["action_verb_pattern"]),
                    words("action_verb_vetoes"), words("action_verb_exceptions"), pattern("present_auxiliaries"),
                    pattern("past_auxiliaries"), bool(lang_data.load(lang, "actors")["nouns_capitalised"]))


def _found(marker: re.Pattern[str], text: str, offset: int, timexes: list[Timex] | tuple[Timex, ...]) -> bool:
    """``marker`` occurs in ``text`` (at document offset ``offset``) outside every time expression."""
    return any(not any(t.start <= offset + m.start() < t.end for t in timexes) for m in marker.finditer(text))


def is_question(sentence: str) -> bool:
    return sentence.rstrip("“”\"»« )").endswith("?")


def is_conditional(sentence: str, offset: int, timexes: list[Timex], *, lang: str) -> bool:
    """A sentence under a condition ("Wenn X passiert, könnte ...") reports nothing yet."""
    markers = _markers(lang)
    return _found(markers.conditional, sentence, offset, timexes) and not markers.report.search(sentence)


def is_negated(text: str, trigger: EventTypeMatch, *, lang: str) -> bool:
    """A negation within a few words either side of the event word (document offsets); "nicht nur",
    "not only" deny nothing."""
    markers = _markers(lang)
    before = [w.lower() for w in _WORDS.findall(text[max(0, trigger.start - 80):trigger.start])][-NEGATION_WINDOW:]
    after = [w.lower() for w in _WORDS.findall(text[trigger.end:trigger.end + 80])][:NEGATION_WINDOW + 1]
    words = before + [""] + after  # "" stands for the event word itself
    window = range(len(before) + 1 + min(len(after), NEGATION_WINDOW))
    return any(words[i] in markers.negation
               and not (i + 1 < len(words) and words[i + 1] in markers.negation_cancellers) for i in window)


def is_present_statement(clause: str, *, lang: str) -> bool:
    """A present or present-perfect clause ("has sent", "hat entsandt") with no past-tense form:
    news about now, which the narrative time of a story told in the past does not date."""
    markers = _markers(lang)
    return bool(markers.present.search(clause)) and not markers.past.search(clause)


def is_verbal_trigger(text: str, trigger: EventTypeMatch, *, lang: str) -> bool:
    """The event word is a verb ("entsendet", "kritisierte", "troops ... entered"), not a noun
    ("Rücktritt", "cooperation"): a clause with one reports a news event, which the publication
    window may date when nothing else does, while talk about a noun ("emphasised the importance of
    cooperation", "mit seinem Rücktritt habe er ...") is commentary.

    In a language that capitalises nouns a lower-case event word is a verb, in any tense (German
    news leads are told in the present: "Russland entsendet Fallschirmjäger"); elsewhere only a
    past form among the words of the event phrase, or an auxiliary right before it ("did not
    support", negations aside), tells a verb from a noun. ``text`` is the
    document the trigger's offsets point into: a trigger that is the tail of a compound
    ("Massen|protesten") is a noun.
    """
    markers = _markers(lang)
    words = _WORDS.findall(trigger.text)
    word_start = trigger.start == 0 or not text[trigger.start - 1].isalnum()
    if markers.verbs_lowercase and words and words[0][:1].islower() and word_start:
        return True
    if any(markers.action.fullmatch(w) and w.lower() not in markers.action_exceptions for w in words):
        return True
    before = [w for w in _WORDS.findall(text[max(0, trigger.start - 40):trigger.start])
              if w.lower() not in markers.negation][-1:]
    return bool(before) and bool(markers.past.fullmatch(before[0]) or markers.present.fullmatch(before[0]))


def reports_action(clause: str, *, lang: str) -> bool:
    """The clause has a verb form that reports a completed action (not one after an article)."""
    markers = _markers(lang)
    for match in markers.action.finditer(clause):
        if match.group().lower() in markers.action_exceptions:
            continue
        previous = _WORDS.findall(clause[max(0, match.start() - 30):match.start()])
        if not previous or previous[-1].lower() not in markers.action_vetoes:
            return True
    return False


def stretch(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """The part of ``text[start:end]`` between punctuation marks that holds ``anchor``: where the
    modal verb of that event stands ("..., claiming it would reduce ..." is not the event's)."""
    start, end = max(start, anchor - STRETCH_REACH_CHARS), min(end, anchor + STRETCH_REACH_CHARS)
    left = max(text.rfind(mark, start, anchor) for mark in _STRETCH_MARKS)
    rights = [i for i in (text.find(mark, anchor, end) for mark in _STRETCH_MARKS) if i != -1]
    return (left + 1 if left >= start else start), (min(rights) if rights else end)


_STRETCH_MARKS = (",", ";", ":", "(", ")", " – ", " — ")
# A modal verb this far from its event word is not in the event's stretch; bounding the search keeps a
# run-on clause from being read end to end for each of its events.
STRETCH_REACH_CHARS = 200


def clause_mode(text: str, span: tuple[int, int], anchor: int, trigger: EventTypeMatch | None,
                timexes: tuple[Timex, ...], event_start: date | None, event_end: date | None,
                published: date | None, *,
                conditional: bool, lang: str, historical: bool = False) -> str:
    """The mode of the event anchored at ``anchor`` (its event word or date) in the clause ``span``.

    Future needs a future marker and no date of its own that ends before publication: a chronicle's
    present tense ("1917 wird Kasachstan Teil ...") is history, not a plan, while "expected to
    start this year" is one. ``historical`` says the clause is told in a chronicle's historical
    present, so the date it takes from its entry counts as its own.
    """
    markers = _markers(lang)
    if trigger is not None and is_negated(text, trigger, lang=lang):
        return "negated"
    if conditional:
        return "hypothetical"
    low, high = stretch(text, span[0], span[1], anchor)
    piece = text[low:high]
    reported = bool(markers.report.search(piece))
    if not reported and _found(markers.hypothetical, piece, low, timexes):
        return "hypothetical"
    if _found(markers.claim, piece, low, timexes):
        return "claimed"
    dated = bool(timexes) or historical
    if _found(markers.future, piece, low, timexes) and (not dated or event_end is None or published is None
                                                       or event_end >= published):
        return "future"
    if timexes and published is not None and event_start is not None and event_start > published \
            and not reported and not markers.past.search(piece) and not reports_action(piece, lang=lang):
        return "future"  # dated after publication and told in no past tense: planned, not happened
    return "asserted"
