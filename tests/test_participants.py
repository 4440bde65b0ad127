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
