"""Dictionary persons in other transliterations (events/names.py through find_actors)."""
from __future__ import annotations

import pytest

from events.actors import find_actors, load_dictionary


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
