"""The one word-list-to-regex builder, and the letter-case rules that replace alphabets in code."""
from __future__ import annotations

import re

import pytest

from events.lexicon_regex import trie_alternation
from events.places import CAPITALISED_WORD
from events.timex.grammar import CHAR_CLASS_PAIR, _lower_of_case_pair

TRIE_CASES = [
    (["Russland", "Russlands", "Rus"], "Russlands Truppen", "Russlands"),   # longest first
    (["Russland", "Russlands", "Rus"], "Rus land", "Rus"),
    (["a.b", "ab"], "axb", None),                                          # a dot is literal
    (["Москва", "Москвы"], "из Москвы", "Москвы"),
    (["in zukunft"], "in  zukunft", None),                                 # a space is literal by default
]


@pytest.mark.parametrize(("words", "text", "expected"), TRIE_CASES)
def test_trie_alternation_matches_the_longest_word(words: list[str], text: str, expected: str | None) -> None:
    found = re.search(f"(?:{trie_alternation(words)})(?!\\w)", text)
    assert (found.group() if found else None) == expected


def test_a_space_may_stand_for_any_whitespace() -> None:
    pattern = re.compile(trie_alternation(["in zukunft", "in"], space=r"\s+"))
    assert pattern.match("in\n zukunft").group() == "in\n zukunft"
    assert pattern.match("in der").group() == "in"


@pytest.mark.parametrize("words", [[], [""]])
def test_an_empty_lexicon_or_word_is_an_error(words: list[str]) -> None:
    with pytest.raises(ValueError):
        trie_alternation(words)


@pytest.mark.parametrize(("pattern", "plain"), [
    ("[Ii]m", "im"), ("[Üü]ber", "über"), ("[Вв]о", "во"), ("[Ёё]лка", "ёлка"),
    ("[ab]c", "[ab]c"), ("[12]x", "[12]x"),                     # not one letter in two cases: kept
])
def test_a_case_pair_class_reads_as_its_lower_case_letter(pattern: str, plain: str) -> None:
    assert CHAR_CLASS_PAIR.sub(_lower_of_case_pair, pattern) == plain


@pytest.mark.parametrize(("text", "expected"), [
    ("in Kasachstans Norden", ["Kasachstans", "Norden"]), ("в Москве и Астане", ["Москве", "Астане"]),
    ("über Ägypten", ["Ägypten"]), ("ёлка", []),
])
def test_the_capitalised_word_class_accepts_any_script(text: str, expected: list[str]) -> None:
    assert CAPITALISED_WORD.findall(text) == expected
