"""find_places: parametrised tables per language and rule family, on sentences written for these tests."""
from __future__ import annotations

import pytest

from events.lang import load
from events.places import PlaceMention, all_sites, find_places, lookup_site
from events.places_index import declined_variants, name_key

Expected = tuple[str, str | None, str]   # (canonical name, country code, geo_precision)


def found(text: str, lang: str) -> list[Expected]:
    return [(place.name, place.country_code, place.geo_precision) for place in find_places(text, lang=lang)]


GERMAN_INFLECTION = [
    ("Die Regierung Kasachstans tagte.", [("Kazakhstan", "KZ", "country")]),
    ("Moskaus Einfluss wächst.", [("Moscow", "RU", "city")]),
    ("Sie demonstrierten auf dem Roten Platz.", [("Red Square", "RU", "site")]),
    ("Der Roter Platz ist leer.", [("Red Square", "RU", "site")]),
    ("Häfen im Fernen Osten Russlands frieren zu.",
     [("Russian Far East", "RU", "region"), ("Russia", "RU", "country")]),
    ("Er reiste in die Vereinigten Staaten.", [("United States", "US", "country")]),
    ("Die Russische Föderation und die Russischen Föderation.",
     [("Russia", "RU", "country"), ("Russia", "RU", "country")]),
    ("Die Wirtschaft Wiens und Usbekistans.", [("Vienna", "AT", "city"), ("Uzbekistan", "UZ", "country")]),
]

GERMAN_COMPOUNDS = [
    ("Die US-Regierung und die Russland-Sanktionen.", []),
    ("Flüge nach Nur-Sultan und über die KazTransOil-Pipeline.",
     [("Astana", "KZ", "city"), ("KazTransOil pipeline network", "KZ", "site")]),
]

GERMAN_ADJECTIVES_AND_STOP_WORDS = [
    ("Kasachische Sicherheitskräfte nahmen ihn fest.", []),
    ("Die kasachischen Behörden kauften russisches Öl und russischem Gas.", []),
    ("Hier sollte Mit der Union die Bank helfen.", []),
    ("Der Rest kam im Fall der Fälle nicht.", []),
    ("Das Essen war kalt, Roten Wein gab es nicht.", []),
    ("Nord und Süd einigten sich.", []),
    ("Dabei blieb es, sagt Andreas Khol.", []),
    ("Im politischen Chaos verlor er den Namen.", []),
    ("Das Spiel in der Europa League gegen Austria Wien.", []),
    ("Die Washington Post berichtet aus Washington.", [("Washington", "US", "city")]),
]

GERMAN_AMBIGUITY_AND_NAMES = [
    ("In Moskau wurde verhandelt.", [("Moscow", "RU", "city")]),
    ("Almaty ist die größte Stadt.", [("Almaty", "KZ", "city")]),
    ("Georgien und Armenien liegen im Kaukasus.",
     [("Georgia", "GE", "country"), ("Armenia", "AM", "country"), ("Caucasus", None, "region")]),
    ("Weißrussland, Belarus und Kirgisistan.",
     [("Belarus", "BY", "country"), ("Belarus", "BY", "country"), ("Kyrgyzstan", "KG", "country")]),
    ("Die USA und Amerika.", [("United States", "US", "country"), ("United States", "US", "country")]),
    ("Zentralasien ist groß.", [("Central Asia", None, "region")]),
    ("Nowouralsk liegt im Ural.", [("Novoural’sk", "RU", "city"), ("Ural Mountains", "RU", "region")]),
    ("Ein Treffen in Kurchatov.", [("Kurchatov", "KZ", "city")]),
    ("Sie kamen aus Essen.", [("Essen", "DE", "city")]),
    ("Kurtschatow und Schanaösen sind klein.", [("Kurchatov", "KZ", "city"), ("Zhanaozen", "KZ", "city")]),
    ("Der Senator aus Florida flog nach Kalifornien.",
     [("Florida", "US", "region"), ("California", "US", "region")]),
    ("Washington warnte, New York schwieg.", [("Washington", "US", "city"), ("New York City", "US", "city")]),
]

GERMAN_SITES = [
    ("Der Start erfolgte vom Kosmodrom Baikonur.", [("Baikonur Cosmodrome", "KZ", "site")]),
    ("Das Kosmodrom Wostotschny liegt im Osten.", [("Vostochny Cosmodrome", "RU", "site")]),
    ("Ein Test auf dem Sary-Shagan Testgelände.", [("Sary-Shagan test range", "KZ", "site")]),
    ("Die Anreicherungsanlage Nowouralsk läuft.", [("Urals Electrochemical Combine", "RU", "site")]),
    ("Der Kreml schwieg.", [("Moscow Kremlin", "RU", "site")]),
    ("Die Pipeline des Kaspischen Pipeline-Konsortiums stand still.",
     [("Caspian Pipeline Consortium pipeline", "RU", "site")]),
]

GERMAN_SMALL_PLACES = [
    # a Kazakh town of a few thousand inhabitants: only after a locative preposition
    ("Sie wohnen in Ulytau.", [("Ulytau", "KZ", "city")]),
    ("Sie wohnen in der Stadt Ulytau.", [("Ulytau", "KZ", "city")]),
    ("Ulytau wartet.", []),
]

ENGLISH = [
    ("Kazakhstan's capital is Astana.", [("Kazakhstan", "KZ", "country"), ("Astana", "KZ", "city")]),
    ("Russia's Far East is cold.", [("Russia", "RU", "country"), ("Russian Far East", "RU", "region")]),
    ("Kazakh security forces bought Russian oil.", []),
    ("The talks in Moscow ended.", [("Moscow", "RU", "city")]),
    ("Georgia and Azerbaijan signed.", [("Georgia", "GE", "country"), ("Azerbaijan", "AZ", "country")]),
    ("Protesters gathered on Red Square.", [("Red Square", "RU", "site")]),
    ("A rocket left the Baikonur Cosmodrome.", [("Baikonur Cosmodrome", "KZ", "site")]),
    ("Oil flows through the Kazakhstan–China oil pipeline.",
     [("Kazakhstan–China oil pipeline", "KZ", "site")]),
    ("The United States and the U.S.", [("United States", "US", "country"), ("United States", "US", "country")]),
    ("Will it rain? May we go? The Union bank.", []),
    ("They met in Central Asia.", [("Central Asia", None, "region")]),
    ("Output at Tengiz fell.", [("Tengiz oil field", "KZ", "site")]),
    ("Lewis Hamilton and George Clooney smiled.", []),
    ("Protests Erupt In Almaty", [("Almaty", "KZ", "city")]),
    ("The Paris Agreement was signed in Paris.", [("Paris", "FR", "city")]),
    ("Uralsk and Nur-Sultan.", [("Oral", "KZ", "city"), ("Astana", "KZ", "city")]),
]


# Facilities of the region (geodata/sources/sites.csv), also named by lower-case words before a town
FACILITIES = [
    ("en", "The first unit of the Rogun hydropower plant started.", [("Rogun Dam", "TJ", "site")]),
    ("en", "A tanker left the port of Kuryk at dawn.", [("Port of Kuryk", "KZ", "site")]),
    ("en", "The crude reached the Sangachal terminal.", [("Sangachal Terminal", "AZ", "site")]),
    ("en", "Trucks queued at the Torugart Pass.", [("Torugart Pass", "KG", "site")]),
    ("en", "Soldiers fled across Sher Khan Bandar.", [("Sher Khan Bandar", "AF", "site")]),
    ("en", "Protesters filled Sukhbaatar Square.", [("Sükhbaatar Square", "MN", "site")]),
    ("en", "Output rose at Oyu Tolgoi.", [("Oyu Tolgoi mine", "MN", "site")]),
    ("de", "Der Rogun-Staudamm wird höher.", [("Rogun Dam", "TJ", "site")]),
    ("de", "Ein Schiff lief in den Hafen von Baku ein.", [("Port of Baku", "AZ", "site")]),
    ("de", "Erst der Kok-Aral-Damm hielt das Wasser.", [("Kokaral Dam", "KZ", "site")]),
    ("de", "Lastwagen stauten sich am Grenzübergang Irkeschtam.", [("Irkeshtam Pass", "KG", "site")]),
]

# Districts are named after their centre: the town's point, one precision coarser
DISTRICTS = [
    ("en", "Residents of the Rushon district protested.", [("Rushon District", "TJ", "region")]),
    ("en", "They crossed from the district of Imam Sahib.", [("Imam Sahib District", "AF", "region")]),
    ("en", "Floods hit the Moscow region.", [("Moscow Region", "RU", "region")]),
    # a district the gazetteer lacks, named with its country: only the country is known
    ("en", "They fled the Zargar district of Afghanistan.", [("Zargar District", "AF", "country")]),
    ("de", "Im Bezirk Murghob fiel Schnee.", [("Murghab District", "TJ", "region")]),
    # a genitive names the town the district lies in, not the district's namesake
    ("de", "Sie wohnen im zehnten Bezirk Wiens.", [("Vienna", "AT", "city")]),
    # a region name that holds a direction word stays one place
    ("en", "Floods hit the West Kazakhstan Region.", [("West Kazakhstan Region", "KZ", "region")]),
]

# A place name that opens an organisation's name is no place
ORGANISATIONS = [
    ("en", "China National Petroleum Corporation signed.", []),
    ("en", "Kazakhstan Temir Zholy ordered wagons.", []),
    ("en", "Uzbekistan Airways flew to Kazakhstan.", [("Kazakhstan", "KZ", "country")]),
    ("de", "Die Kazakhstan Temir Zholy bestellte Waggons.", []),
    # not across a sentence end
    ("de", "Er kam nach Aktau. Kazakhstan Temir Zholy schwieg.", [("Aktau", "KZ", "city")]),
]

# Canonical names are the common English ones (geodata/sources/city_names.csv), whatever the spelling
CANONICAL_NAMES = [
    ("en", "Rallies were held in Ulan Bator and Ulaanbaatar.", [("Ulaanbaatar", "MN", "city"), ("Ulaanbaatar", "MN", "city")]),
    ("de", "Er flog nach Ulan Bator.", [("Ulaanbaatar", "MN", "city")]),
    ("en", "Miners marched in Karagandy.", [("Karaganda", "KZ", "city")]),
    ("en", "The train left Urganch for Tirmiz.", [("Urgench", "UZ", "city"), ("Termez", "UZ", "city")]),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), FACILITIES + DISTRICTS + ORGANISATIONS + CANONICAL_NAMES)
def test_facilities_districts_organisations_and_canonical_names(lang: str, sentence: str, expected: list[Expected]) -> None:
    assert found(sentence, lang) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    GERMAN_INFLECTION + GERMAN_COMPOUNDS + GERMAN_ADJECTIVES_AND_STOP_WORDS + GERMAN_AMBIGUITY_AND_NAMES
    + GERMAN_SITES + GERMAN_SMALL_PLACES,
)
def test_german(sentence: str, expected: list[Expected]) -> None:
    assert found(sentence, "de") == expected


@pytest.mark.parametrize(("sentence", "expected"), ENGLISH)
def test_english(sentence: str, expected: list[Expected]) -> None:
    assert found(sentence, "en") == expected


@pytest.mark.parametrize(
    ("sentence", "lang", "surface"),
    [
        ("Die Lage Kasachstans.", "de", "Kasachstans"),
        ("Auf dem Roten Platz.", "de", "Roten Platz"),
        ("im Fernen Osten", "de", "Fernen Osten"),
        ("Kazakhstan's oil", "en", "Kazakhstan's"),
        ("St. Petersburg", "en", "St. Petersburg"),
    ],
)
def test_spans_index_the_text(sentence: str, lang: str, surface: str) -> None:
    (place,) = find_places(sentence, lang=lang)
    assert place.text == surface == sentence[place.start:place.end]


def test_mention_carries_coordinates_and_ids() -> None:
    (place,) = find_places("Proteste in Almaty.", lang="de")
    assert isinstance(place, PlaceMention)
    assert place.geonames_id is not None and 43 < place.lat < 44 and 76 < place.lon < 78
    (site,) = find_places("Am Kosmodrom Baikonur.", lang="de")
    assert site.category == "cosmodrome" and site.geonames_id is None


def test_non_text_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="needs a str"):
        find_places(None, lang="de")  # type: ignore[arg-type]


def test_unknown_language_names_it() -> None:
    with pytest.raises(FileNotFoundError, match="xx"):
        find_places("Moskau", lang="xx")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Roter Platz", "Red Square"), ("Baikonur Cosmodrome", "Baikonur Cosmodrome"),
     ("Космодром Байконур", "Baikonur Cosmodrome"), ("Tengiz field", "Tengiz oil field"),
     ("Wien", None)],
)
def test_lookup_site(name: str, expected: str | None) -> None:
    site = lookup_site(name)
    assert (site.name if site else None) == expected
    if site:
        assert site.geo_precision == "site" and site.text == name


def test_all_sites_are_sites() -> None:
    sites = all_sites()
    assert len(sites) >= 30 and all(site.kind == "site" for site in sites)


@pytest.mark.parametrize(
    ("name", "variants"),
    [("Roter Platz", {"Roten Platz", "Rotem Platz", "Rotes Platz"}),
     ("Vereinigte Staaten", {"Vereinigten Staaten", "Vereinigter Staaten"}),
     ("Kasachstan", set()),
     ("Republik Kasachstan", set())],
)
def test_german_adjective_declension(name: str, variants: set[str]) -> None:
    produced = set(declined_variants(name, load("de", "places")["adjective_endings"]))
    assert variants <= produced and name not in produced
    if not variants:
        assert produced == set()


@pytest.mark.parametrize(
    ("name", "key"),
    [("St. Petersburg", "st petersburg"), ("Nur-Sultan", "nur-sultan"), ("Kazakhstan–China oil pipeline",
     "kazakhstan china oil pipeline"), ("MOSKAU", "moskau")],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key
