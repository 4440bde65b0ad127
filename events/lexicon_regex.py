"""Turn word lists into one compact regex alternation.

A plain ``a|b|c`` alternation of hundreds of lexicon entries makes the regex engine try
every entry at every text position; folding the entries into a character trie lets it
reject most positions after one character, which is what keeps the lexicon stages above
the 1.5 MB/s budget.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_alternation(words: Iterable[str], *, space: str | None = None) -> str:
    """A non-capturing regex matching exactly the given literal words (longest first).

    ``space``, when given, is the regex a space inside an entry stands for (the tagger's lexicons
    use ``\\s+`` so "in zukunft" also matches across a line break); otherwise a space is literal.
    """
    trie: dict = {}
    for word in words:
        if not word:
            raise ValueError("empty word in lexicon")
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not trie:
        raise ValueError("empty lexicon")
    return _node_regex(trie, space)


def _node_regex(node: dict, space: str | None) -> str:
    """Regex for the branches below one trie node; the word-end branch is tried last."""
    ends_here = _END in node
    branches = [(space if char == " " and space is not None else re.escape(char)) + _node_regex(node[char], space)
                for char in sorted(k for k in node if k != _END)]
    if not branches:
        return ""
    single_chars = all(len(branch) == 1 or (len(branch) == 2 and branch[0] == "\\") for branch in branches)
    if len(branches) == 1:
        body = branches[0]
        grouped = single_chars
    elif single_chars:
        body, grouped = "[" + "".join(branches) + "]", True
    else:
        body, grouped = "(?:" + "|".join(branches) + ")", True
    if not ends_here:
        return body
    return (body if grouped else "(?:" + body + ")") + "?"
