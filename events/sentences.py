"""Sentences and quotations: the one segmentation of a text that every stage shares.

Sentence spans are the unit of evidence a record points back to, and the tagger anchors relative
dates on them (same or previous sentence, a quotation's lead-in). A single regex finds candidate
boundaries; language data (abbreviations, words that follow an ordinal number such as "7. Januar")
vetoes the false ones. Quotations are found with the language's quote pairs. Both live in
``events/lang/<code>/sentences.yaml``; the code knows no alphabet (letter case comes from Unicode),
so a language in another script is a data file, not a code change. Offsets are kept so every
record can cite exactly where its sentence stands in the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from events import lang as lang_data

# Terminal punctuation, optional closing quotes/brackets, then whitespace (group 1); or a blank line;
# or a line break (group 2) that ends a sentence only when the line does not read on (hard-wrapped
# text). The leading lookahead lets the regex engine skip to candidate characters (a third faster).
_BOUNDARY = re.compile(r"""(?=[.!?…\n])(?:([.!?…]+["'“”»«’)\]]*)(?=\s)|\n\s*\n|(\n))""")
_READS_ON_PUNCTUATION = frozenset(",;:(-–")  # a line ending in a lower-case letter or these reads on
_WRAPPED_LINE = 40  # characters; shorter lines without a full stop are headings, not wrapped prose
_WORD_OPENERS = "([„“\"'«»"  # stripped from the word before a dot before it is looked up
# Characters read back from a full stop for the word it ends: longer than any abbreviation, and
# bounded so that a text without spaces is not read back to its start at every stop.
_WORD_LOOKBACK = 64
_FIRST_WORD = re.compile(r"\s*([\w.-]+)")
QUOTATION_MAX_CHARS = 1500  # a longer "quotation" is an unmatched quote mark, not a statement


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Rules:
    abbreviations: frozenset[str]
    ordinal_followers: frozenset[str]
    quotation: re.Pattern[str]


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    data = lang_data.load(lang, "sentences")
    words = {key: _strings(data.get(key) or [], f"{lang}/sentences.yaml {key}")
             for key in ("abbreviations", "ordinal_followers")}
    pairs = data.get("quotes") or []
    for pair in pairs:
        if len(_strings(pair, f"{lang}/sentences.yaml quotes")) != 2:
            raise ValueError(f"{lang}/sentences.yaml quotes: {pair!r} is not an (opening, closing) pair")
    return _Rules(frozenset(words["abbreviations"]), frozenset(words["ordinal_followers"]),
                  _quotation_pattern(pairs))


def _strings(values: list, where: str) -> list[str]:
    """The list's words; YAML reads unquoted No/yes/on as booleans, which must not pass as words."""
    for value in values:
        if not isinstance(value, str) or not value:
            raise ValueError(f"{where}: entry {value!r} is not a word (quote it in the YAML)")
    return values


def split_sentences(text: str, *, lang: str) -> list[Sentence]:
    """Split ``text`` into trimmed sentence spans (end exclusive), skipping empty stretches."""
    return [Sentence(start, end, text[start:end]) for start, end in sentence_spans(text, lang=lang)]


def sentence_spans(text: str, *, lang: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of :func:`split_sentences`, without building the strings.

    The tagger calls this on every text, so the loop is kept lean (it costs about a tenth of the
    tagger's time on news text)."""
    return list(_spans(text, lang))


# The pipeline splits a text and its tagger splits it again: the last few texts' spans are kept
# (a str caches its hash, so the key costs one comparison with the same object).
@lru_cache(maxsize=4)
def _spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    rules = _rules(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        begin, finish = match.span()
        kind = match.lastindex  # 1: punctuation, 2: a single line break, None: a blank line
        if kind == 1:
            if text[begin] == "." and _is_false_stop(text, begin, finish, rules):
                continue
            end = finish
        elif kind == 2 and _reads_on(text, begin):
            continue
        else:
            end = begin
        _append(spans, text, start, end)
        start = finish
    _append(spans, text, start, len(text))
    return tuple(spans)


def quotations(text: str, *, lang: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted passage, quote marks included, for the language's quote pairs."""
    return [match.span() for match in _rules(lang).quotation.finditer(text)]


def _quotation_pattern(pairs: list[list[str]]) -> re.Pattern[str]:
    """Quoted passages within a paragraph; a straight quote or apostrophe only opens after a
    non-letter (so "don't" opens nothing). Pairs are tried in the data's order."""
    alternatives = []
    for opening, closing in pairs:
        a, b = re.escape(opening), re.escape(closing)
        body = f"[^{b}\\n]{{1,{QUOTATION_MAX_CHARS}}}{b}"
        alternatives.append(f"{a}(?<!\\w{a}){body}(?!\\w)" if opening == closing else a + body)
    return re.compile("|".join(alternatives) or "(?!)")


def _reads_on(text: str, newline: int) -> bool:
    """A line break inside hard-wrapped prose: a long line that stops mid-phrase (short ones are headings)."""
    if newline - (text.rfind("\n", 0, newline) + 1) < _WRAPPED_LINE:
        return False
    last = text[newline - 1]
    return last.islower() or last in _READS_ON_PUNCTUATION


def _is_false_stop(text: str, dot: int, after: int, rules: _Rules) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an ordinal number."""
    lo = max(0, dot - _WORD_LOOKBACK)
    line_start = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot)) + 1
    if line_start == 0 and lo > 0:
        return False  # a run of more than _WORD_LOOKBACK characters is no abbreviation nor number
    word = text[line_start:dot].lstrip(_WORD_OPENERS)
    if word in rules.abbreviations or word.rstrip(".") in rules.abbreviations:
        return True
    if word.isdigit() and len(word) <= 2:
        following = _FIRST_WORD.match(text, after)
        next_word = following.group(1) if following else ""  # "7. März." and "7. Jan. 2022" too
        return next_word.rstrip(".") in rules.ordinal_followers or next_word[:1].islower()
    # "Donald J. Trump", "d. h.": a single letter before the dot is an initial or abbreviation.
    return len(word) == 1 and word.isalpha()


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add [start, end) without its surrounding whitespace, unless nothing else is left."""
    piece = text[start:end]
    kept = piece.strip()
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(kept)))
