"""Personal names written in another transliteration than the dictionary's.

News about Central Asia spells one name many ways: "Tokayev", "Toqaev", "Tokajew", "Qasym-Zhomart
Toqaev", "Mirziyaev", "Mirsijojew". Listing every spelling is endless, so both the dictionary's forms
and the text's capitalised tokens are reduced to a *skeleton* by the language's ordered
`name_skeleton` rules (actors.yaml: "sch" -> "s", "q" -> "k", doubled letters -> one, ...), and a token
whose skeleton equals or is very close to (rapidfuzz ratio) a dictionary surname's is that person.

Guards against ordinary words, measured on 10kGNAD (German news, every noun capitalised): only
capitalised tokens of at least `_MIN_SKELETON` characters that are no stopword; a fuzzy match needs
the same first `_PREFIX` letters, the same last letter and the same consonants (transliterations
differ in vowels: "Mirziyaev"), and a rapidfuzz ratio of `_MIN_SCORE`. Without the consonant and
last-letter conditions "Blinden", "Massimo" and "Maccarone" matched Blinken, Massimov and Macron. A given name right
before the surname joins the span when it is close to one of the person's given names.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

_NOBODY_LIMIT = 500_000  # tokens remembered as naming nobody (a few tens of MB at most)
_MIN_TOKEN = 4        # shorter names ("Xi") are matched by their dictionary aliases only
_MIN_SKELETON = 5     # shorter skeletons ("Xi", "Alijew" -> "aliev" is the shortest real one) are exact-only
_PREFIX = 2           # skeleton letters that must agree before any fuzzy comparison
_MIN_SCORE = 85.0     # rapidfuzz ratio; "Mirziyaev" ~ "Mirziyoyev" scores 87.5
_MIN_GIVEN_SCORE = 70.0  # given names are only checked next to a surname that already matched


_VOWELS_RE = re.compile(r"[aeiouy]")
# Tokens are joined by this to rewrite them all at once; the token pattern never matches it.
_SEPARATOR = "\n"
# Escapes a token-local rule may use: word characters, digits, group references, escaped symbols.
_LOCAL_ESCAPE = re.compile(r"[wd1-9]|[^0-9A-Za-z]")
_REPLACEMENT_ESCAPE = re.compile(r"[1-9g]")   # \1, \g<name>: a replacement's group references


@dataclass(frozen=True, slots=True)
class NameHit:
    """A span of the text naming the dictionary person `key` (an opaque actor key of the caller)."""

    start: int
    end: int
    key: str


class NameMatcher:
    """Skeleton index of dictionary surnames for one language; `find` scans a text once."""

    def __init__(self, rules: list[list[str]], persons: Iterable[tuple[str, Iterable[str]]],
                 token_pattern: str, stopwords: Iterable[str], noun_endings: Iterable[str] = ()) -> None:
        # literal rewrites run as str.replace, several times faster than re.sub on short tokens
        self._rules = [(pattern, replacement) if re.escape(pattern) == pattern
                       else (re.compile(pattern), replacement) for pattern, replacement in rules]
        # the same rules over many tokens joined by line breaks, `^` and `$` at each token
        self._joined_rules = [(pattern, replacement) if re.escape(pattern) == pattern
                              else (re.compile(pattern, re.MULTILINE), replacement)
                              for pattern, replacement in rules] if all(map(_token_local, rules)) else None
        self._token_re = re.compile(token_pattern)
        self._stopwords = frozenset(stopwords)
        self._noun_endings = tuple(noun_endings)
        self._surnames: dict[str, str] = {}
        self._given: dict[str, set[str]] = {}
        for key, forms in persons:
            for form in forms:
                parts = form.split()
                if len(parts) == 1:  # only a surname the dictionary lists alone names the person alone
                    self._surnames.setdefault(self.skeleton(form), key)
                self._given.setdefault(key, set()).update(self.skeleton(part) for part in parts[:-1])
        self._by_prefix: dict[str, list[str]] = {}
        for skeleton in self._surnames:
            if len(skeleton) >= _MIN_SKELETON:
                self._by_prefix.setdefault(skeleton[:_PREFIX], []).append(skeleton)
        # Tokens known to name nobody. Most texts name none of the persons, so one set difference
        # (in C) usually shows there is nothing to do, instead of a Python step per capitalised word:
        # that loop alone ran at 2 M characters/s on 10kGNAD, the set test keeps the stage in budget.
        self._nobody: set[str] = set()

    def skeleton(self, word: str) -> str:
        """Lower case without diacritics, then the language's rewrite rules in order."""
        return _rewrite(word, self._rules)

    def skeletons(self, words: list[str]) -> list[str]:
        """``skeleton`` of each word. When every rule is token-local (`_token_local`), the words are
        rewritten joined, each rule once over all of them: the rules per token were most of the
        actor stage's time on 10kGNAD."""
        if self._joined_rules is None or any(_SEPARATOR in word for word in words):
            return [self.skeleton(word) for word in words]
        return _rewrite(_SEPARATOR.join(words), self._joined_rules).split(_SEPARATOR) if words else []

    def _person_of(self, skeleton: str) -> str | None:
        """The person whose surname has this skeleton, or one close enough to it."""
        if skeleton in self._surnames:
            return self._surnames[skeleton]
        if len(skeleton) < _MIN_SKELETON:
            return None
        choices = self._by_prefix.get(skeleton[:_PREFIX])
        if not choices:
            return None
        frame = _consonants(skeleton)
        choices = [c for c in choices if c[-1] == skeleton[-1] and _consonants(c) == frame]
        best = process.extractOne(skeleton, choices, scorer=fuzz.ratio, score_cutoff=_MIN_SCORE) if choices else None
        return self._surnames[best[0]] if best else None

    def find(self, text: str, taken: list[tuple[int, int]]) -> list[NameHit]:
        """Surname tokens (with their given names) outside the `taken` spans, left to right."""
        tokens = set(self._token_re.findall(text))
        tokens -= self._nobody
        if not tokens:
            return []
        candidates = [token for token in tokens if self._may_name(token)]
        named: dict[str, str] = {}   # token -> person, for this text's tokens outside `_nobody`
        for token, skeleton in zip(candidates, self.skeletons(candidates)):
            key = self._person_of(skeleton)
            if key is not None:
                named[token] = key
        self._nobody |= tokens - named.keys()
        if len(self._nobody) > _NOBODY_LIMIT:
            self._nobody.clear()
        if not named:
            return []
        hits: list[NameHit] = []
        previous: list[tuple[int, int]] = []  # capitalised tokens right before the current one
        taken = sorted(taken)
        next_taken = 0
        for match in self._token_re.finditer(text):
            start, end = match.span()
            token = match.group()
            if previous and text[previous[-1][1]:start].strip():
                previous = []  # only tokens separated by spaces form one name
            while next_taken < len(taken) and taken[next_taken][1] <= start:
                next_taken += 1
            if not self._may_name(token) or (next_taken < len(taken) and taken[next_taken][0] < end):
                previous = []
                continue
            key = named.get(token)
            if key is None:
                previous = (previous + [(start, end)])[-2:]
                continue
            first = start
            for given_start, given_end in reversed(previous):
                if not self._is_given_name(text[given_start:given_end], key):
                    break
                first = given_start
            hits.append(NameHit(first, end, key))
            previous = []
        return hits

    def _may_name(self, token: str) -> bool:
        """Whether a token may be a surname at all: long enough, no stopword, no common noun's ending.
        Checked before the skeleton (17 rewrites per token), which skips an eighth of its calls on 10kGNAD."""
        return len(token) >= _MIN_TOKEN and token not in self._stopwords and not token.endswith(self._noun_endings)

    def given_name_start(self, text: str, start: int, key: str) -> int:
        """Start of a name found by its dictionary form, moved left over close given names
        ("Emomali Rachmon" when the dictionary has "Emomalij Rachmon" and "Rachmon")."""
        for _ in range(2):
            before = re.search(r"(\S+) $", text[max(0, start - 40):start])
            if not before or not self._token_re.fullmatch(before.group(1)) or before.group(1) in self._stopwords:
                break
            if not self._is_given_name(before.group(1), key):
                break
            start -= len(before.group(1)) + 1
        return start

    def _is_given_name(self, token: str, key: str) -> bool:
        skeleton = self.skeleton(token)
        return any(fuzz.ratio(skeleton, given) >= _MIN_GIVEN_SCORE for given in self._given.get(key, ()))


def _consonants(skeleton: str) -> str:
    """The skeleton without vowels: transliterations disagree on vowels, rarely on consonants."""
    return _VOWELS_RE.sub("", skeleton)


def _rewrite(text: str, rules: list[tuple[str | re.Pattern[str], str]]) -> str:
    """Casefold, strip diacritics, then apply the rewrite rules in order (literals as str.replace,
    several times faster than re.sub on short tokens)."""
    text = text.casefold()
    if not text.isascii():   # drop diacritics: the combining marks among the text's distinct characters
        text = unicodedata.normalize("NFKD", text)
        text = text.translate({ord(char): None for char in set(text) if unicodedata.combining(char)})
    for pattern, replacement in rules:
        text = text.replace(pattern, replacement) if isinstance(pattern, str) else pattern.sub(replacement, text)
    return text


def _token_local(rule: list[str]) -> bool:
    r"""Whether a rewrite rule sees and changes one token alone when tokens are joined by line breaks:
    nothing in it can match a line break (no negated class, no \s \S \W \D, no inline flag such as
    DOTALL, no line break written out or made by the replacement) and no anchor but `^`/`$` (made per
    line) is used (no \A \Z \b \B). Conservative: a rule it rejects is applied token by token."""
    pattern, replacement = rule
    if not pattern or _SEPARATOR in pattern or _SEPARATOR in replacement or "[^" in pattern:
        return False
    if re.search(r"\(\?[a-zA-OQ-Z]", pattern):   # inline flags; (?P<name>...) groups are fine
        return False
    if not all(_REPLACEMENT_ESCAPE.fullmatch(escaped) for escaped in re.findall(r"\\(.)", replacement, re.DOTALL)):
        return False
    return all(_LOCAL_ESCAPE.fullmatch(escaped) for escaped in re.findall(r"\\(.)", pattern, re.DOTALL))
