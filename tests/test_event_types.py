"""PLOVER event types: one row per trigger family and language, plus ranking and no-trigger rows."""
from __future__ import annotations


import pytest

from events.event_types import PLOVER_TYPES, EventTypeMatch, classify

TRIGGERS = [
    # German
    ("de", "Tokajew bat Russland um Unterstützung.", "request", "bat Russland um"),
    ("de", "Die Regierung forderte den Rückzug der Kämpfer.", "request", "forderte"),
    ("de", "Russland entsendet 3.000 Fallschirmjäger.", "mobilize", "entsendet"),
    ("de", "Russische Truppen wurden nach Kasachstan verlegt.", "mobilize",
     "Truppen wurden nach Kasachstan verlegt"),
    ("de", "Moskau schickte 3.000 Soldaten.", "mobilize", "schickte 3.000 Soldaten"),
    ("de", "Es kam zu Massenprotesten.", "protest", "Massenprotesten"),
    ("de", "Tausende protestierten vor dem Akimat.", "protest", "protestierten"),
    ("de", "Die Angriffe dauerten die ganze Nacht.", "assault", "Angriffe"),
    ("de", "Es gab Gewalt auf den Straßen.", "assault", "Gewalt"),
    ("de", "Der Minister hat die Zahlen in Frage gestellt.", "accuse", "in Frage gestellt"),
    ("de", "Lawrow kritisierte den Westen scharf.", "accuse", "kritisierte"),
    ("de", "Die Opposition warf der Regierung Wahlbetrug vor.", "accuse", "warf der Regierung Wahlbetrug vor"),
    ("de", "Kasachstan lehnte den Vorschlag ab.", "reject", "lehnte den Vorschlag ab"),
    ("de", "Das NED gab 2020 rund 1,5 Millionen Dollar für Projekte aus.", "aid",
     "gab 2020 rund 1,5 Millionen Dollar für Projekte aus"),
    ("de", "Die Stiftung finanziert lokale Medien.", "aid", "finanziert"),
    ("de", "Die Gespräche in Genf dauerten zwei Tage.", "consult", "Gespräche"),
    ("de", "Die Außenminister trafen sich in Minsk.", "consult", "trafen sich"),
    ("de", "Washington stellte Moskau ein Ultimatum.", "threaten", "Ultimatum"),
    ("de", "Die EU verhängte neue Sanktionen.", "sanction", "Sanktionen"),
    ("de", "Beide Seiten vereinbarten einen Zeitplan.", "agree", "vereinbarten"),
    ("de", "Sie halfen, den Aufstand niederzuschlagen.", "coerce", "niederzuschlagen"),
    ("de", "Die Polizei hat 200 Menschen festgenommen.", "coerce", "festgenommen"),
    ("de", "Die Staaten wollen die Zusammenarbeit vertiefen.", "cooperate", "Zusammenarbeit"),
    ("de", "Die Regierung räumte Fehler ein.", "concede", "räumte Fehler ein"),
    ("de", "Russland zog die Truppen ab.", "retreat", "zog die Truppen ab"),
    ("de", "Peking lobte die Entscheidung.", "support", "lobte"),
    # English
    ("en", "President Tokayev asked the CSTO for help.", "request", "asked the CSTO for"),
    ("en", "Russia sent 3,000 paratroopers.", "mobilize", "sent 3,000 paratroopers"),
    ("en", "The alliance deployed peacekeepers.", "mobilize", "deployed"),
    ("en", "Mass protests broke out.", "protest", "protests"),
    ("en", "The attacks continued overnight.", "assault", "attacks"),
    ("en", "Security forces cracked down on the crowd.", "coerce", "cracked down"),
    ("en", "Police arrested 200 people.", "coerce", "arrested"),
    ("en", "The minister criticised the decision.", "accuse", "criticised"),
    ("en", "The ministry rejected the claim.", "reject", "rejected"),
    ("en", "The NED spent 1.5 million dollars on projects.", "aid", "spent 1.5 million"),
    ("en", "The foundation funded local media.", "aid", "funded"),
    ("en", "Talks in Geneva lasted two days.", "consult", "Talks"),
    ("en", "Washington issued an ultimatum.", "threaten", "ultimatum"),
    ("en", "The EU imposed new sanctions.", "sanction", "sanctions"),
    ("en", "Both sides agreed on a timetable.", "agree", "agreed"),
    ("en", "The states will deepen their cooperation.", "cooperate", "cooperation"),
    ("en", "The government made concessions.", "concede", "concessions"),
    ("en", "Russia withdrew its troops.", "retreat", "withdrew"),
    ("en", "Beijing praised the decision.", "support", "praised"),
]


@pytest.mark.parametrize("lang, sentence, event_type, trigger", TRIGGERS)
def test_trigger(lang: str, sentence: str, event_type: str, trigger: str) -> None:
    match = classify(sentence, lang=lang)
    assert match is not None
    assert (match.event_type, match.text) == (event_type, trigger)
    assert sentence[match.start:match.end] == match.text


def test_every_plover_type_has_a_row_per_language() -> None:
    for lang in ("de", "en"):
        covered = {event_type for row_lang, _, event_type, _ in TRIGGERS if row_lang == lang}
        assert covered == PLOVER_TYPES, sorted(PLOVER_TYPES - covered)


MOST_SPECIFIC = [
    ("de", "Russland entsendet Fallschirmjäger, nachdem Sicherheitskräfte überrannt wurden.", "mobilize"),
    ("de", "Kasachstan bat um Unterstützung.", "request"),
    ("de", "Bei Massenprotesten und Gewalt gab es Tote.", "protest"),
    ("de", "Nach Gesprächen verhängte die EU Sanktionen.", "sanction"),
    ("en", "After the attacks, Russia deployed troops.", "mobilize"),
    ("en", "Kazakhstan asked for support.", "request"),
]


@pytest.mark.parametrize("lang, sentence, event_type", MOST_SPECIFIC)
def test_most_specific_trigger_wins(lang: str, sentence: str, event_type: str) -> None:
    match = classify(sentence, lang=lang)
    assert match is not None and match.event_type == event_type


NO_TRIGGER = [
    ("de", "Kasachstan ist reich an Rohstoffen wie Öl und Gas."),
    ("de", "Die Bevölkerung besteht zu zwei Dritteln aus Kasachen."),
    ("de", "Das Kosmodrom liegt in der Steppe."),
    ("de", "Die Herausforderung ist groß."),
    ("de", "Vieles muss verhandelbar bleiben."),
    ("de", "Die Entscheidung habe ich allein getroffen."),
    ("en", "Kazakhstan is rich in oil and gas."),
    ("en", "The cosmodrome lies in the steppe."),
    ("en", "The fundamental question remains open."),
]


@pytest.mark.parametrize("lang, sentence", NO_TRIGGER)
def test_no_trigger(lang: str, sentence: str) -> None:
    assert classify(sentence, lang=lang) is None


def test_gap_crosses_a_comma() -> None:
    match = classify("Es waren russische Truppen, die eiligst nach Kasachstan verlegt wurden.", lang="de")
    assert match is not None and match.text == "Truppen, die eiligst nach Kasachstan verlegt"


def test_gap_stays_inside_the_sentence() -> None:
    assert classify("Er bat. Dann kam um acht der Zug.", lang="de") is None


def test_match_type() -> None:
    assert isinstance(classify("Die EU verhängte Sanktionen.", lang="de"), EventTypeMatch)


@pytest.mark.parametrize("bad_lang", ["xx", ""])
def test_unknown_language_is_a_clear_error(bad_lang: str) -> None:
    with pytest.raises(ValueError, match="language"):
        classify("Sanktionen", lang=bad_lang)


def test_non_text_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="string"):
        classify(None, lang="de")  # type: ignore[arg-type]
