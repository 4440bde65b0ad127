"""Dictionary persons in other transliterations (events/names.py through find_actors)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.actors import _rules, find_actors, load_dictionary
from events.lang import available_languages
from events.names import NameMatcher


def persons(sentence: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in find_actors(sentence, lang=lang) if m.type == "person"]


VARIANTS = [
    ("de", "Am Abend sprach Tokaev im Fernsehen.", [("Tokaev", "Kassym-Jomart Tokayev")]),
    ("de", "Kassym-Schomart Tokajew reiste nach Moskau.", [("Kassym-Schomart Tokajew", "Kassym-Jomart Tokayev")]),
    ("de", "Qassym-Schomart Toqajews Sprecher widersprach.",
     [("Qassym-Schomart Toqajews", "Kassym-Jomart Tokayev")]),
    ("de", "Schawkat Mirsijojew gewann die Wahl.", [("Schawkat Mirsijojew", "Shavkat Mirziyoyev")]),
    ("de", "Der Staatschef Emomali Rachmon empfing Gäste.", [("Emomali Rachmon", "Emomali Rahmon")]),
    ("de", "Mirziyoyev und Rakhmon trafen sich.",
     [("Mirziyoyev", "Shavkat Mirziyoyev"), ("Rakhmon", "Emomali Rahmon")]),
    ("de", "Michail Gorbatschow trat zurück.", [("Michail Gorbatschow", "Mikhail Gorbachev")]),
    ("en", "Qasym-Zhomart Toqaev was sworn in.", [("Qasym-Zhomart Toqaev", "Kassym-Jomart Tokayev")]),
    ("en", "Lawmakers backed Mirziyaev on Thursday.", [("Mirziyaev", "Shavkat Mirziyoyev")]),
    ("en", "Imomali Rakhmon opened the dam.", [("Imomali Rakhmon", "Emomali Rahmon")]),
    ("en", "Nursultan Nazarbaev resigned.", [("Nursultan Nazarbaev", "Nursultan Nazarbayev")]),
    ("en", "Ilham Aliev and Nikol Pashinian met.",
     [("Ilham Aliev", "Ilham Aliyev"), ("Nikol Pashinian", "Nikol Pashinyan")]),
]


@pytest.mark.parametrize("lang, sentence, expected", VARIANTS)
def test_transliteration_variant_joins_canonical_name(lang: str, sentence: str, expected: list) -> None:
    assert persons(sentence, lang) == expected


# Capitalised ordinary words and other people's names close to a dictionary surname.
NOT_VARIANTS = [
    ("de", "Die Blinden und Sehbehinderten demonstrierten."),          # Blinken
    ("de", "Massimo Rossi kocht gern."),                                # Massimov
    ("de", "Eine Maccarone ist ein Gericht."),                          # Macron
    ("de", "Michael Schmidt und Michel Müller kamen."),                 # Charles Michel: surname never alone
    ("de", "Die Putzkolonne kam am Morgen."),
    ("de", "Er las die Tokajer Weinkarte."),
    ("en", "The Aliens landed in the film."),
    ("en", "Mr Michel from Lyon said so."),
]


@pytest.mark.parametrize("lang, sentence", NOT_VARIANTS)
def test_ordinary_words_do_not_match(lang: str, sentence: str) -> None:
    assert persons(sentence, lang) == []


def test_given_name_joins_only_when_close() -> None:
    """'Präsident Tokaev' keeps the role outside; an unrelated first name stays outside the span."""
    assert persons("Präsident Toqaev sprach.", "de") == [("Toqaev", "Kassym-Jomart Tokayev")]
    assert persons("Heute sagte Peter Tokaev nichts.", "de") == [("Tokaev", "Kassym-Jomart Tokayev")]


def test_every_single_token_alias_of_a_person_is_its_own_variant() -> None:
    """The skeleton is stable: each surname alias in the dictionary is found again as written."""
    for actor, aliases in load_dictionary():
        for alias in aliases:
            if actor.type == "person" and " " not in alias and len(alias) >= 4:
                assert (alias, actor.name) in persons(f"Gestern sprach {alias} lange.", "de"), alias


# --- rewriting many tokens at once (NameMatcher.skeletons) -------------------------------------
@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text("abcdehijkqstvwxyzäéšAÖ'’", min_size=1, max_size=9), max_size=8),
       lang=st.sampled_from(available_languages()))
def test_joined_rewrite_equals_rewrite_per_token(words: list[str], lang: str) -> None:
    """The language's own rules rewritten over joined tokens give each token's skeleton."""
    matcher = _rules(lang).names
    assert matcher._joined_rules is not None   # every shipped rule is token-local
    assert matcher.skeletons(words) == [matcher.skeleton(word) for word in words]


# Rules that look across a token's edge or could match a line break: applied token by token.
CROSSING_RULES = [
    [r"\Aa", "o"], [r"a\Z", "o"], [r"\ba", "o"], [r"\Ba", "o"], [r"a\s*b", "o"], [r"[^b]a", "o"],
    [r"(?s)a.", "o"], ["a", "\n"], [r"a", r"\n"], [r"(?<=\W)a", "o"], [r"(?<!\D)a", "o"],
]


@pytest.mark.parametrize("rule", CROSSING_RULES)
def test_rule_crossing_tokens_is_applied_token_by_token(rule: list[str]) -> None:
    matcher = NameMatcher([rule], [], r"\w+", [])
    words = ["ab", "ba", "aa", "b"]
    assert matcher._joined_rules is None
    assert matcher.skeletons(words) == [matcher.skeleton(word) for word in words]


@pytest.mark.parametrize("rule", [["sch", "s"], [r"(.)\1", r"\1"], [r"(?<=v)s$", ""], [r"^x", "ks"],
                                  [r"(?<=[aeiou])y(?=[aeiou])", ""], [r"['’]", ""], [r"\d+", ""]])
def test_token_local_rule_is_applied_to_joined_tokens(rule: list[str]) -> None:
    matcher = NameMatcher([rule], [], r"\w+", [])
    words = ["xavs", "vs", "ayo", "aay", "o'x", "x1s", "ss"]
    assert matcher._joined_rules is not None
    assert matcher.skeletons(words) == [matcher.skeleton(word) for word in words]
