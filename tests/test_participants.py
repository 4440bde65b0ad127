"""Who takes part in an event (events.actors.event_participants): the doer and those acted on,
not every name the sentence mentions. Sentences written for these tests."""
from __future__ import annotations

import pytest

from events.actors import event_participants, find_actors


def participants(sentence: str, lang: str, trigger_word: str | None = None) -> list[str]:
    mentions = find_actors(sentence, lang=lang)
    trigger = None
    if trigger_word is not None:
        start = sentence.index(trigger_word)
        trigger = (start, start + len(trigger_word))
    chosen = event_participants(sentence, mentions, span=(0, len(sentence)), trigger=trigger, lang=lang)
    return [m.name for m in chosen]


PARTICIPANTS = [
    # a state that only qualifies what follows is no participant; its organs are the state
    ("en", "China's first grain train reached Almaty on Friday.", "reached", []),
    ("en", "Kazakhstan's national railway company signed the deal.", "signed", ["Kazakhstan"]),
    ("en", "Uzbekistan's KazMunayGas partner and Russia met in May.", "met", ["KazMunayGas", "Russia"]),
    ("de", "Kasachstans KazMunayGas unterzeichnete am Montag den Vertrag.", "unterzeichnete", ["KazMunayGas"]),
    ("de", "Russlands Truppen zogen am Montag ab.", "zogen", ["Russia"]),
    ("de", "Belarus schickte am Montag Truppen.", "schickte", ["Belarus"]),
    # names inside a time, topic or honour phrase take no part in the main event
    ("en", "Parliament met on Monday, shortly after the death of Vladimir Putin.", "met", []),
    ("en", "Tokayev and Erdogan spoke on Monday with a special emphasis on Syria.", "spoke",
     ["Kassym-Jomart Tokayev", "Recep Tayyip Erdoğan"]),
    ("en", "Turkey and Russia talked on Monday in the context of Syria.", "talked", ["Turkey", "Russia"]),
    ("de", "Die Stadt wurde 2019 zu Ehren von Nursultan Nasarbajew umbenannt.", "umbenannt", []),
    # ... unless the phrase holds the event word itself
    ("en", "Oil flowed after the signing of a deal between Turkey and Russia.", "signing", ["Turkey", "Russia"]),
    # unnamed groups describe people, they name no actor
    ("en", "Two Chinese companies signed a contract with Kazakhstan on Monday.", "signed", ["Kazakhstan"]),
    ("de", "Kasachische Nationalisten protestierten am Montag gegen Russland.", "protestierten", ["Russia"]),
]


@pytest.mark.parametrize("lang, sentence, trigger, expected", PARTICIPANTS)
def test_participants(lang: str, sentence: str, trigger: str, expected: list[str]) -> None:
    assert participants(sentence, lang, trigger) == expected


def test_possessed_person_stays() -> None:
    """A person named as a possessor is acted on ("conceded Tokayev's victory"), unlike a state."""
    assert participants("Putin conceded Tokayev's victory on Monday.", "en", "conceded") == [
        "Vladimir Putin", "Kassym-Jomart Tokayev"]


@pytest.mark.parametrize("lang, sentence, expected", [
    ("de", "Der Platz wurde 2019 zu Ehren des Gründers, Nursultan Nasarbajew, benannt.", []),
    ("en", "The square was renamed in 2019 in honour of the founder, Nursultan Nazarbayev, by decree.", []),
])
def test_apposition_after_frame(lang: str, sentence: str, expected: list[str]) -> None:
    """A name set off by commas right after a frame belongs to it."""
    assert participants(sentence, lang) == expected


# --- companies named by a company word or a legal form ------------------------------------------
COMPANIES = [
    ("en", "On Monday Altyn Steppe Trading bought the mine.", [("Altyn Steppe Trading", "Altyn Steppe Trading")]),
    ("en", "Caspian Pipe Operations LLC and KMG signed.",
     [("Caspian Pipe Operations LLC", "Caspian Pipe Operations"), ("KMG", "KazMunayGas")]),
    ("en", "It bought the stake from Orda Participations BV.", [("Orda Participations BV", "Orda Participations")]),
    ("en", "The Bank said nothing.", []),  # a company word alone is no name
    ("en", "Grain went to Aktau Port.", []),  # "Port" is no company word: a place
    ("de", "Die Steppenwind Energie AG baut den Park.", [("Steppenwind Energie AG", "Steppenwind Energie")]),
    ("de", "Am Montag kaufte Altyn Steppe Trading die Mine.", [("Altyn Steppe Trading", "Altyn Steppe Trading")]),
    ("de", "Die Deutsche Bank schwieg.", []),  # no German company word ends a plain noun phrase
]


@pytest.mark.parametrize("lang, sentence, expected", COMPANIES)
def test_companies(lang: str, sentence: str, expected: list[tuple[str, str]]) -> None:
    mentions = find_actors(sentence, lang=lang)
    assert [(m.text, m.name) for m in mentions if m.type == "organisation"] == expected


def test_dictionary_name_wins_over_company_rule() -> None:
    assert [m.name for m in find_actors("China National Petroleum Corporation signed.", lang="en")] == ["CNPC"]


# --- a context person in another transliteration -----------------------------------------------
@pytest.mark.parametrize("lang, sentence, expected", [
    ("en", "The activist Dzmitry Halko spoke. Later Khalko left.", ["Dzmitry Halko", "Dzmitry Halko"]),
    ("de", "Der Aktivist Dzmitry Halko sprach. Später ging Chalko.", ["Dzmitry Halko", "Dzmitry Halko"]),
    ("en", "The activist Dzmitry Halko spoke. Later Haller left.", ["Dzmitry Halko"]),
])
def test_variant_surname_joins_first_seen(lang: str, sentence: str, expected: list[str]) -> None:
    assert [m.name for m in find_actors(sentence, lang=lang) if m.type == "person"] == expected


# --- places, not actors ------------------------------------------------------------------------
@pytest.mark.parametrize("lang, sentence", [
    ("de", "Die Stadt wurde in „Nur-Sultan“ umbenannt."),
    ("en", "Wheat went to Lianyungang, Jiangsu Province, eastern China."),
])
def test_place_contexts(lang: str, sentence: str) -> None:
    assert find_actors(sentence, lang=lang) == []


def test_dictionary_person_in_another_transliteration() -> None:
    assert {m.name for m in find_actors("Qosanov and Kossanow both spoke.", lang="en")} == {"Amirzhan Kosanov"}


@pytest.mark.parametrize("lang, sentence, trigger, expected", [
    ("en", "Altyn Steppe Trading, a subsidiary of KazMunayGas, signed a deal with SOCAR.", "signed",
     ["Altyn Steppe Trading", "SOCAR"]),
    ("de", "Altyn Steppe Trading, eine Tochter von KazMunayGas, unterzeichnete mit SOCAR.", "unterzeichnete",
     ["Altyn Steppe Trading", "SOCAR"]),
])
def test_descriptive_apposition(lang: str, sentence: str, trigger: str, expected: list[str]) -> None:
    """The parent named in ", a subsidiary of X" only describes the company that acts."""
    assert participants(sentence, lang, trigger) == expected
