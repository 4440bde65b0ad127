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


def trie_alternation(words: Iterable[str]) -> str:
    """A non-capturing regex matching exactly the given literal words (longest first)."""
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
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    """Regex for the branches below one trie node; the word-end branch is tried last."""
    ends_here = _END in node
    branches = [re.escape(char) + _node_regex(node[char]) for char in sorted(k for k in node if k != _END)]
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
