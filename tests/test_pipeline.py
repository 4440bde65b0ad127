"""Event records from sentences: when a sentence reports an event, and what date, place and actors it gets."""
from __future__ import annotations

from datetime import date

import pytest

from events.pipeline import extract

PUBLISHED = date(2022, 1, 12)


def events_of(text: str, lang: str, published: date | None = PUBLISHED) -> list[dict]:
    return [r for r in extract(text, doc_id="d", lang=lang, published=published)
            if r["kind"] == "event" and r["event_type"] != "publication"]


@pytest.mark.parametrize(("lang", "text", "start", "end", "precision", "source"), [
    ("de", "Am 5. Januar protestierten Tausende in Almaty.", "2022-01-05", "2022-01-05", "day", "relative"),
    ("de", "Vom 2. bis 5. Januar 2022 protestierten Tausende in Almaty.", "2022-01-02", "2022-01-05", "week", "explicit"),
    ("de", "Seit dem 5. Januar gilt in Kasachstan der Ausnahmezustand, sagte Tokajew.", "2022-01-05", "2022-01-12", "month", "relative"),
    ("de", "Russland entsandte gestern Truppen nach Kasachstan.", "2022-01-11", "2022-01-11", "day", "relative"),
    ("de", "Russland entsandte Truppen nach Kasachstan.", "2022-01-06", "2022-01-12", "week", "document"),
    ("en", "From 2 to 5 January 2022 thousands protested in Almaty.", "2022-01-02", "2022-01-05", "week", "explicit"),
    ("en", "Since March 2021 Russia has deployed troops in Tajikistan.", "2021-03-01", "2022-01-12", "year", "explicit"),
    ("en", "Russia sent troops to Kazakhstan last week.", "2022-01-03", "2022-01-09", "week", "relative"),
    ("en", "In 1991 NED president Allen Weinstein said: 'What we do today was done 25 years ago.'", "1991-01-01", "1991-12-31", "year", "explicit"),
])
def test_event_dates(lang: str, text: str, start: str, end: str, precision: str, source: str) -> None:
    [event] = events_of(text, lang)
    assert (event["date_start"], event["date_end"], event["date_precision"], event["date_source"]) == (
        start, end, precision, source)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Wird Russland Truppen nach Kasachstan entsenden?"),
    ("de", "Wenn Russland Truppen entsendet, könnte die NATO reagieren."),
    ("de", "Die Regierung wird von Russland nicht unterstützt."),
    ("de", "Weihnachten feiern sie in Russland am 7. Januar und nicht am 25. Dezember."),
    ("de", "Das Wetter ist heute schön."),
    ("en", "Would Russia send troops to Kazakhstan?"),
    ("en", "If Russia sent troops, NATO could respond."),
    ("en", "They celebrate Christmas in Russia every year on 7 January."),
])
def test_sentences_that_report_no_event(lang: str, text: str) -> None:
    assert events_of(text, lang) == []


def test_date_outside_a_quotation_dates_a_reported_statement() -> None:
    [event] = events_of("1991 sagte Allen Weinstein: „Was wir heute tun, tat vor 25 Jahren die CIA.“", "de")
    assert (event["date_start"], event["date_end"], event["date_text"]) == ("1991-01-01", "1991-12-31", "1991")


def test_place_is_the_most_specific_named_and_never_invented() -> None:
    [placed] = events_of("Russland entsandte gestern Truppen zum Kosmodrom Baikonur in Kasachstan.", "de")
    assert (placed["place_name"], placed["geo_precision"]) == ("Baikonur Cosmodrome", "site")
    text = "Kasachstan ist groß. Kasachstan ist reich. Russland entsandte gestern Truppen."
    [unplaced] = events_of(text, "de")
    assert unplaced["place_name"] is None and unplaced["lat"] is None


def test_acting_country_is_an_actor_not_the_place() -> None:
    [event] = events_of("Russland entsandte gestern Fallschirmjäger nach Almaty.", "de")
    assert event["actors"] == ["Russia"] and event["place_name"] == "Almaty"


def test_publication_record_and_sites() -> None:
    records = extract("Tokajew bat die OVKS am 5. Januar in Almaty um Hilfe.", doc_id="d", lang="de",
                      published=PUBLISHED, author="Erika Muster", title="Titel")
    publication = records[0]
    assert (publication["event_type"], publication["date_start"], publication["actors"], publication["sentence"]) == (
        "publication", "2022-01-12", ["Erika Muster"], "Titel")
    sites = [r for r in records if r["kind"] == "site"]
    assert [(s["name"], s["category"]) for s in sites] == [("Almaty", "city")]


def test_byline_span_is_not_an_event() -> None:
    text = "Von Erika Muster – 12. Januar 2022\nRussland entsandte gestern Truppen."
    records = extract(text, doc_id="d", lang="de", published=PUBLISHED, skip=(0, 34))
    assert [r["date_text"] for r in records if r["event_type"] != "publication"] == ["gestern"]


def test_ids_are_stable_and_distinct() -> None:
    text = "Russland entsandte gestern Truppen. Die OVKS stimmte am 6. Januar zu."
    first = extract(text, doc_id="d", lang="de", published=PUBLISHED)
    again = extract(text, doc_id="d", lang="de", published=PUBLISHED)
    assert [r["id"] for r in first] == [r["id"] for r in again]
    assert len({r["id"] for r in first}) == len(first)
    assert {r["id"] for r in extract(text, doc_id="other", lang="de", published=PUBLISHED)}.isdisjoint(
        {r["id"] for r in first})


@pytest.mark.parametrize(("author", "actor"), [("Erika Muster", "Erika Muster"),
                                               ("Clint Beispiel (German translation of his thread)", "Clint Beispiel"),
                                               ("(anonymous)", "(anonymous)")])
def test_publication_actor_is_the_author_without_notes(author: str, actor: str) -> None:
    [publication] = extract("Kein Ereignis hier.", doc_id="d", lang="de", published=PUBLISHED, author=author)
    assert publication["actors"] == [actor] and publication["doc_author"] == author
