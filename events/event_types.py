"""PLOVER event types from per-language trigger lexicons (events/lang/<lang>/event_types.yaml).

Triggers are matched on the lower-cased sentence. One anchor regex (a trie of every
trigger's first word) finds candidate positions in a single scan; only the triggers that
start with that word are tried there. The trigger syntax (stems,
compound tails, alternatives, gaps for separable verbs) and the ranking rule are
documented in the German lexicon file.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from events import lang as lang_data
from events.lexicon_regex import trie_alternation

PLOVER_TYPES = frozenset({
    "agree", "consult", "support", "concede", "cooperate", "aid", "retreat", "request",
    "accuse", "reject", "threaten", "protest", "sanction", "mobilize", "coerce", "assault",
})
# "...": up to six words (numbers like "1.5", "3.000" or the ordinal "5." count as one), not across a
# clause end
_GAP = r"(?:,?\s+(?:\d+(?:[.,]\d+)*\.?|[^\s.;:!?]+)){0,6}?,?\s+"
CANDIDATE_CACHE_SIZE = 1 << 14   # distinct anchor words remembered per language (10kGNAD has a few thousand)


@dataclass(frozen=True, slots=True)
class EventTypeMatch:
    event_type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Trigger:
    event_type: str
    rank: int
    pattern: re.Pattern


def _split_forms(token: str) -> tuple[bool, list[str], list[str]]:
    """(compound tail allowed, exact words, stems) of one trigger token like '*protest*' or 'bat|baten'."""
    forms = token.lower().split("|")
    open_left = all(form.startswith("*") for form in forms)
    forms = [form.lstrip("*") for form in forms]
    return open_left, [f for f in forms if not f.endswith("*")], [f[:-1] for f in forms if f.endswith("*")]


def _token_regex(token: str) -> str:
    open_left, words, stems = _split_forms(token)
    parts = []
    if words:
        parts.append(f"(?:{trie_alternation(words)})(?!\\w)")
    if stems:
        parts.append(f"(?:{trie_alternation(stems)})\\w*")
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return body if open_left else f"(?<!\\w){body}"


def _trigger_regex(trigger: str) -> str:
    tokens = trigger.split()
    if not tokens or tokens[0] == "..." or tokens[-1] == "...":
        raise ValueError(f"trigger {trigger!r} must start and end with a word")
    pieces = []
    for previous, token in zip([None] + tokens, tokens):
        if token == "...":
            continue
        if previous is not None:
            pieces.append(_GAP if previous == "..." else r"\s+")
        pieces.append(_token_regex(token))
    return "".join(pieces)


class _Lexicon:
    """Trigger patterns of one language, indexed by the forms of their first word.

    One anchor regex finds candidate first words in a single scan; only the triggers
    registered for that word are then tried, which keeps gap patterns off the hot path.
    """

    def __init__(self, lang: str) -> None:
        types = lang_data.load(lang, "event_types")["types"]
        unknown = set(types) - PLOVER_TYPES
        if unknown:
            raise ValueError(f"{lang} event_types.yaml: not PLOVER types: {sorted(unknown)}")
        # (open_left, is_stem) -> form -> triggers starting with that form
        self.ranks: dict[str, int] = {name: int(spec["rank"]) for name, spec in types.items()}
        self.index: dict[tuple[bool, bool], dict[str, list[_Trigger]]] = {
            key: {} for key in ((False, False), (False, True), (True, False), (True, True))
        }
        for name, spec in types.items():
            bad = [trigger for trigger in spec["triggers"] if not isinstance(trigger, str)]
            if bad:
                raise ValueError(f"{lang} event_types.yaml {name}: non-text triggers {bad!r} (quote them)")
            for trigger in spec["triggers"]:
                compiled = _Trigger(name, int(spec["rank"]), re.compile(_trigger_regex(trigger)))
                open_left, words, stems = _split_forms(trigger.split()[0])
                for form in words:
                    self.index[(open_left, False)].setdefault(form, []).append(compiled)
                for form in stems:
                    self.index[(open_left, True)].setdefault(form, []).append(compiled)
        closed = set(self.index[(False, False)]) | set(self.index[(False, True)])
        open_forms = set(self.index[(True, False)]) | set(self.index[(True, True)])
        branches = [rf"(?<!\w)(?P<closed>{trie_alternation(closed)})\w*"]
        if open_forms:
            branches.append(rf"(?P<open>{trie_alternation(open_forms)})\w*")
        self.anchor = re.compile("|".join(branches))
        # the index is fixed once built, and anchor words repeat across sentences ("angriff", "protest")
        self.candidates = lru_cache(maxsize=CANDIDATE_CACHE_SIZE)(self._candidates)

    def _candidates(self, open_left: bool, word: str) -> tuple[_Trigger, ...]:
        """Triggers whose first token can be `word` (an exact form or any stem that prefixes it)."""
        found = list(self.index[(open_left, False)].get(word, ()))
        stems = self.index[(open_left, True)]
        for cut in range(1, len(word) + 1):
            found.extend(stems.get(word[:cut], ()))
        return tuple(found)


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon:
    try:
        return _Lexicon(lang)
    except FileNotFoundError as error:
        raise ValueError(f"no event type lexicon for language {lang!r}") from error


def classify(sentence: str, *, lang: str) -> EventTypeMatch | None:
    """The most specific PLOVER type triggered in `sentence`, or None when nothing triggers."""
    return best_trigger(find_triggers(sentence, lang=lang), lang=lang)


def best_trigger(matches: list[EventTypeMatch], *, lang: str) -> EventTypeMatch | None:
    """The most specific of several triggers: highest rank, then the earliest, then the longest."""
    if not matches:
        return None
    ranks = _lexicon(lang).ranks
    return min(matches, key=lambda m: (-ranks[m.event_type], m.start, -m.end))


def find_triggers(sentence: str, *, lang: str) -> list[EventTypeMatch]:
    """Every trigger in `sentence`, in text order, none overlapping another.

    Where triggers overlap, the higher-ranked (then the earlier, then the longer) one is kept, so a
    clause with two event words ("entsandten ... abgezogen") yields both and the pipeline can make
    one event of each.
    """
    if not isinstance(sentence, str):
        raise ValueError(f"sentence must be a string, got {type(sentence).__name__}")
    lexicon = _lexicon(lang)
    lowered = sentence.lower()
    if len(lowered) != len(sentence):  # a few characters change length when lowered ("İ")
        lowered = "".join(char.lower()[0] for char in sentence)
    found: list[tuple[int, int, int, str]] = []  # (-rank, start, -end, type)
    for anchor in lexicon.anchor.finditer(lowered):
        open_left = anchor.lastgroup == "open"
        best: tuple[int, int, int, str] | None = None
        for trigger in lexicon.candidates(open_left, anchor.group()):
            match = trigger.pattern.match(lowered, anchor.start())
            if match is None:
                continue
            key = (-trigger.rank, match.start(), -match.end(), trigger.event_type)
            if best is None or key < best:
                best = key
        if best is not None:
            found.append(best)
    kept: list[tuple[int, int, int, str]] = []
    taken_starts: list[int] = []   # the kept triggers are disjoint: sorted starts and their ends
    taken_ends: list[int] = []
    for key in sorted(found):
        start, end = key[1], -key[2]
        index = bisect_left(taken_starts, end)  # the kept trigger starting last before this one ends
        if index and taken_ends[index - 1] > start:
            continue
        taken_starts.insert(index, start)
        taken_ends.insert(index, end)
        kept.append(key)
    matches = []
    for _, start, negative_end, event_type in sorted(kept, key=lambda k: k[1]):
        end = -negative_end
        while start > 0 and (sentence[start - 1].isalnum() or sentence[start - 1] == "_"):
            start -= 1  # a compound-tail trigger ("Massenproteste") spans the whole word
        matches.append(EventTypeMatch(event_type, start, end, sentence[start:end]))
    return matches
