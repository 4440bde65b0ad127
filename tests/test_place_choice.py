"""Which place a sentence's event happened in, datelines, non-places and the ISO 3166-2 regions.

Every sentence here is written for these tests.
"""
from __future__ import annotations

from datetime import date

import pytest

from events.event_types import classify
from events.model import Span
from events.place_choice import DATELINE, INHERITED, TEXT, choose_place, dateline, document_places
from events.places import find_places


def chosen(text: str, lang: str, *, with_document: bool = False, sentence: Span | None = None):
    """The choice for ``sentence`` (default: the whole text), its trigger found as the pipeline does."""
    sentence = sentence or Span(0, len(text))
    places = find_places(text, lang=lang)
    inside = [p for p in places if sentence.start <= p.start < sentence.end]
    trigger = classify(text[sentence.start:sentence.end], lang=lang)
    trigger_span = Span(sentence.start + trigger.start, sentence.start + trigger.end) if trigger else None
    document = document_places(text, lang, places) if with_document else None
    return choose_place(inside, text=text, lang=lang, sentence=sentence, trigger=trigger_span, document=document)


@pytest.mark.parametrize(("lang", "text", "place"), [
    # the place governed by a locative preposition beats a topic place
    ("de", "Wegen der Ölexporte Kasachstans protestierten Arbeiter in Atyrau.", "Atyrau"),
    ("de", "Die Lage in Kirgisistan besprachen die Minister gestern in Taschkent.", "Tashkent"),
    ("de", "Nach Angaben Moskaus trafen sich die Delegationen bei Schymkent.", "Shymkent"),
    ("de", "Soldaten aus Russland marschierten nach Kasachstan.", "Kazakhstan"),   # "aus": an origin
    ("en", "Troops from Russia arrived in Kazakhstan.", "Kazakhstan"),
    ("de", "Die Proteste in Kasachstan in Zentralasien dauerten an.", "Kazakhstan"),
    ("en", "Over Russia's war, students protested in Almaty.", "Almaty"),
    ("en", "Ministers discussed developments in Syria at a meeting in Astana.", "Astana"),
    ("en", "Police detained dozens at the port of Aktau.", "Port of Aktau"),   # the curated site
    ("en", "Kazakhstan's oil minister met investors near Atyrau.", "Atyrau"),
    # a town named without a preposition still places the event; a bare country does not
    ("en", "Officials said Nukus had been quiet since the vote.", "Nukus"),
])
def test_locative_place_over_topic_places(lang: str, text: str, place: str) -> None:
    choice = chosen(text, lang)
    assert choice is not None and (choice.place.name, choice.source) == (place, TEXT)
    assert text[choice.span.start:choice.span.end] == choice.place.text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Ölexporte Kasachstans sanken im Mai deutlich."),
    ("de", "Der Krieg in der Ukraine belastete die Gespräche."),
    ("de", "Soldaten standen an der Grenze zu Afghanistan."),
    ("en", "Uzbekistan's parliament approved the budget."),
    ("en", "Troops gathered on the border with Afghanistan."),
    ("en", "China signed an agreement with Turkmenistan."),
])
def test_topic_neighbour_or_party_places_are_no_event_place(lang: str, text: str) -> None:
    assert chosen(text, lang) is None


@pytest.mark.parametrize(("lang", "text"), [
    # a place right before a commodity noun is where the good comes from
    ("en", "The pipeline carried Kashagan oil for the first time."),
    ("en", "Traders bought Tengiz crude on Monday."),
    # a locative phrase elaborating a topic place is a topic too
    ("en", "The ministers discussed developments in Syria, particularly in Idlib."),
    ("en", "The envoys reviewed recent developments especially in Idlib."),
    ("de", "Die Minister besprachen Entwicklungen in Syrien, insbesondere in Idlib."),
    ("en", "The two sides agreed on a ceasefire in Idlib."),
])
def test_origin_and_elaborated_topic_places_are_no_event_place(lang: str, text: str) -> None:
    assert chosen(text, lang) is None


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Delegates landed in Moscow; the talks opened in Bishkek."),
    ("de", "Die Delegierten landeten in Moskau; die Gespräche begannen in Bischkek."),
])
def test_trigger_clause_place_wins(lang: str, text: str) -> None:
    """Both clauses name a town after a locative: the one in the trigger's clause is the place."""
    clause_mark = text.index(";")
    places = find_places(text, lang=lang)
    sentence = Span(0, len(text))
    for trigger, expected in ((Span(clause_mark + 2, clause_mark + 5), "Bishkek"), (Span(0, 3), "Moscow")):
        choice = choose_place(places, text=text, lang=lang, sentence=sentence, trigger=trigger)
        assert choice.place.name == expected


@pytest.mark.parametrize(("lang", "text", "place", "head"), [
    ("en", "ALMATY, Jan 6 (Reuters) - Protesters gathered again.", "Almaty", "ALMATY, Jan 6 (Reuters) -"),
    ("en", "BRUSSELS (AP) — The EU said on Monday it was ready.", "Brussels", "BRUSSELS (AP) —"),
    ("en", "ASTANA. KAZINFORM - The president signed a decree.", "Astana", "ASTANA. KAZINFORM -"),
    ("en", "BISHKEK, June 3 — The parliament met at night.", "Bishkek", "BISHKEK, June 3 —"),
    ("en", "DUSHANBE -- Residents said the road was closed.", "Dushanbe", "DUSHANBE --"),
    ("en", "NUR-SULTAN/ALMATY -- Voters went to the polls.", "Astana", "NUR-SULTAN/ALMATY --"),
    ("en", "BAKU, Azerbaijan, January 30. The company said exports grew.", "Baku", "BAKU, Azerbaijan, January 30."),
    ("de", "MOSKAU -- Der Kreml schwieg.", "Moscow", "MOSKAU --"),
    ("de", "Brüssel (dpa) - Die EU-Kommission legte am Dienstag einen Plan vor.", "Brussels", "Brüssel (dpa) -"),
    ("de", "ALMATY, 6. Januar (Reuters) - Demonstranten zogen durch die Stadt.", "Almaty",
     "ALMATY, 6. Januar (Reuters) -"),
    ("de", "\nMoskau (AFP) – Der Kreml äußerte sich nicht.", "Moscow", "Moskau (AFP) –"),
])
def test_dateline(lang: str, text: str, place: str, head: str) -> None:
    span, mention = dateline(text, lang)
    assert text[span.start:span.end] == head and mention.name == place
    assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Protesters gathered in Almaty on Monday."),
    ("de", "Kasachstan (Zentralasien) ist groß."),      # no dash: a parenthesis, not a dateline
])
def test_no_dateline(lang: str, text: str) -> None:
    assert dateline(text, lang) is None


def test_dateline_is_the_fallback_of_its_paragraph_only_and_marked() -> None:
    text = ("ASTANA (AP) — Police detained dozens of protesters on Monday.\n"
            "Tokayev spoke about reform in Almaty. Later he signed a decree.\n"
            "Critics complained about the decision.")
    lead = Span(0, text.index("\n"))
    lead_choice = chosen(text, "en", with_document=True, sentence=lead)
    assert (lead_choice.place.name, lead_choice.source) == ("Astana", DATELINE)
    assert text[lead_choice.span.start:lead_choice.span.end] == "ASTANA (AP) —"
    second = text.index("Later")
    inherited = chosen(text, "en", with_document=True, sentence=Span(second, text.index("\n", second)))
    assert (inherited.place.name, inherited.source) == ("Almaty", INHERITED)
    last = text.rindex("\n") + 1
    assert chosen(text, "en", with_document=True, sentence=Span(last, len(text))) is None
    # without the document nothing knows the dateline: its name is an ordinary mention of the sentence
    assert chosen(text, "en", sentence=lead).source == TEXT


@pytest.mark.parametrize(("lang", "text", "absent"), [
    ("en", "The deal is worth US$ 40 million and HK$ 3 million.", "United States"),
    ("en", "Prices are quoted in US dollars.", "United States"),
    ("en", "Xinhua reported the visit.", "Xinhua"),
    ("en", "The March 2024 agreement was signed in March.", "March"),
    ("de", "Das berichtete Fergana News am Montag.", "Fergana"),
])
def test_currencies_and_outlets_are_no_places(lang: str, text: str, absent: str) -> None:
    assert absent not in [p.name for p in find_places(text, lang=lang)]


@pytest.mark.parametrize(("lang", "text", "name", "country"), [
    ("en", "Clashes broke out in the West Kazakhstan Region.", "West Kazakhstan Region", "KZ"),
    ("en", "Farmers in Tashkent Region harvested cotton.", "Tashkent Region", "UZ"),
    ("en", "Protests spread across Karakalpakstan.", "Karakalpakstan", "UZ"),
    ("en", "Residents of Gorno-Badakhshan rallied.", "Gorno-Badakhshan Autonomous Region", "TJ"),
    ("en", "Floods hit the Orenburg Region.", "Orenburg Oblast", "RU"),
    ("de", "Im Gebiet Mangghystau streikten Ölarbeiter.", "Mangystau Region", "KZ"),
    ("de", "In Westkasachstan wurde gewählt.", "West Kazakhstan Region", "KZ"),
    ("de", "Im Gebiet Taschkent fiel Schnee.", "Tashkent Region", "UZ"),
    ("de", "Unruhen in Berg-Badachschan.", "Gorno-Badakhshan Autonomous Region", "TJ"),
    ("de", "Ein Erdbeben erschütterte die Oblast Almaty.", "Almaty Region", "KZ"),
])
def test_iso_regions_are_places(lang: str, text: str, name: str, country: str) -> None:
    regions = [(p.name, p.country_code) for p in find_places(text, lang=lang) if p.geo_precision == "region"]
    assert regions == [(name, country)]


@pytest.mark.parametrize(("lang", "text", "place"), [
    # a place followed by the place containing it: the specific one, though the locative governs the pair
    ("de", "Russland schickte Ingenieure zum Kosmodrom Baikonur in Kasachstan.", "Baikonur Cosmodrome"),
    ("en", "Engineers worked at Baikonur Cosmodrome in Kazakhstan.", "Baikonur Cosmodrome"),
    ("en", "Workers went on strike in Zhanaozen, Kazakhstan.", "Zhanaozen"),
])
def test_place_followed_by_its_container(lang: str, text: str, place: str) -> None:
    assert chosen(text, lang).place.name == place


@pytest.mark.parametrize(("lang", "text", "place"), [
    # an elaboration shares the standing of the place before it: a located one stays located
    ("en", "Crowds gathered in several towns, particularly in Nukus.", "Nukus"),
    ("de", "Die Menschen protestierten in vielen Städten, vor allem in Nukus.", "Nukus"),
    # a district is town-sized: named without a preposition it still places the event
    ("en", "Residents of the Rushon district buried the victims on Friday.", "Rushon District"),
    ("en", "Gunmen attacked a checkpoint in the Kaldar district of Afghanistan.", "Kaldar District"),
])
def test_elaborations_and_districts_place_the_event(lang: str, text: str, place: str) -> None:
    assert chosen(text, lang).place.name == place


def test_region_point_is_its_administrative_centre() -> None:
    [region] = find_places("Karakalpakstan", lang="en")
    [nukus] = find_places("in Nukus", lang="en")
    assert (region.lat, region.lon) == (nukus.lat, nukus.lon)


@pytest.mark.parametrize(("lang", "text", "place"), [
    # a lower-case German adjective between the preposition and the name keeps the locative
    ("de", "Im westlichen Kasachstan streikten am Montag Ölarbeiter.", "Kazakhstan"),
    ("de", "Im benachbarten Kirgistan demonstrierten am Dienstag Hunderte.", "Kyrgyzstan"),
])
def test_locative_across_a_german_adjective(lang: str, text: str, place: str) -> None:
    choice = chosen(text, lang)
    assert choice is not None and choice.place.name == place


@pytest.mark.parametrize(("lang", "text"), [
    # a place after a noun of people who came from elsewhere is their origin
    ("en", "Migrants from Khujand protested on Monday."),
    ("en", "Refugees from Afghanistan's Kunduz were registered on Monday."),
    ("de", "Migranten aus Chudschand protestierten am Montag."),
])
def test_origin_of_people_is_no_event_place(lang: str, text: str) -> None:
    assert chosen(text, lang) is None


@pytest.mark.parametrize(("lang", "text", "place"), [
    # residents are where they live: what they say happens there; an origin noun leaves a locative alone
    ("en", "Residents of Nukus told reporters on Monday that the water had gone.", "Nukus"),
    ("en", "Migrants from Tajikistan protested on Monday in Almaty.", "Almaty"),
])
def test_residents_and_locatives_still_place(lang: str, text: str, place: str) -> None:
    choice = chosen(text, lang)
    assert choice is not None and choice.place.name == place


@pytest.mark.parametrize(("lang", "text", "place"), [
    ("de", "Belarus verlegte am 4. Mai Truppen, nachdem die ukrainischen Grenzschützer angegriffen worden waren.", "Ukraine"),
    ("en", "Russia sent paratroopers on May 4 after Kazakh security forces were overrun.", "Kazakhstan"),
    ("de", "Die russischen Truppen zogen am 3. Mai ab.", None),  # the doer's own forces say nothing of where
    ("en", "Russia and Kazakhstan signed a treaty on May 4 with the Kazakh foreign ministry.", None),  # not physical
])
def test_a_physical_event_among_another_states_forces_is_placed_in_that_state(lang: str, text: str,
                                                                              place: str | None) -> None:
    from events.pipeline import extract

    (event,) = [r for r in extract(text, lang=lang, published=date(2022, 5, 10), doc_id="t")
                if r["event_type"] != "publication"]
    assert event["place_name"] == place
    assert event["place_source"] == ("inherited" if place else None)
    if place:
        assert event["geo_precision"] == "country" and text[slice(*event["place_span"])] == event["place_text"]
