"""Sentence spans: the unit of evidence a record points back to.

A single regex finds candidate boundaries; language data (abbreviations, words that follow an ordinal
number such as "7. Januar") vetoes the false ones. Offsets are kept so every record can cite exactly
where its sentence stands in the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from events import lang as lang_data

# Terminal punctuation, optional closing quotes/brackets, then whitespace; or a blank line; or a line
# break (group 2) that ends a sentence only when the line does not read on (hard-wrapped text).
_BOUNDARY = re.compile(r"""([.!?…]+["'“”»«’)\]]*)(?=\s)|\n\s*\n|(\n)""")
_READS_ON = re.compile(r"[a-zäöüßà-ÿ,;:(\-–]")
_WRAPPED_LINE = 40  # characters; shorter lines without a full stop are headings, not wrapped prose
_LAST_WORD = re.compile(r"(\S+?)\.*$")
_FIRST_WORD = re.compile(r"\s*([\w.-]+)")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=None)
def _rules(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    data = lang_data.load(lang, "sentences")
    return frozenset(data.get("abbreviations") or ()), frozenset(data.get("ordinal_followers") or ())


def split_sentences(text: str, *, lang: str) -> list[Sentence]:
    """Split ``text`` into trimmed sentence spans (end exclusive), skipping empty stretches."""
    abbreviations, ordinal_followers = _rules(lang)
    spans: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(2) and _reads_on(text, match.start()):
            continue
        if match.group(1) and match.group(1)[0] == "." and _is_false_stop(
                text, match.start(), match.end(), abbreviations, ordinal_followers):
            continue
        _append(spans, text, start, match.end() if match.group(1) else match.start())
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def _reads_on(text: str, newline: int) -> bool:
    """A line break inside hard-wrapped prose: a long line that stops mid-phrase (short ones are headings)."""
    line_start = text.rfind("\n", 0, newline) + 1
    return newline - line_start >= _WRAPPED_LINE and bool(_READS_ON.match(text[newline - 1]))


def _is_false_stop(text: str, dot: int, after: int, abbreviations: frozenset[str],
                   ordinal_followers: frozenset[str]) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an ordinal number."""
    line_start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot)) + 1
    word = text[line_start:dot].lstrip("([„“\"'«»")
    if word in abbreviations or word.rstrip(".") in abbreviations:
        return True
    following = _FIRST_WORD.match(text, after)
    next_word = following.group(1) if following else ""
    if word.isdigit() and len(word) <= 2 and (next_word in ordinal_followers or next_word[:1].islower()):
        return True
    # "Donald J. Trump", "d. h.": a single letter before the dot is an initial or abbreviation.
    return len(word) == 1 and word.isalpha()


def _append(spans: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Sentence(start, end, text[start:end]))
