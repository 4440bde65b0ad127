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
    ("de", "Vom 2. bis 5. Januar 2022 protestierten Tausende in Almaty.", "2022-01-02", "2022-01-05", "day", "explicit"),
    ("de", "Seit dem 5. Januar gilt in Kasachstan der Ausnahmezustand, sagte Tokajew.", "2022-01-05", "2022-01-12", "day", "relative"),
    ("de", "Russland entsandte gestern Truppen nach Kasachstan.", "2022-01-11", "2022-01-11", "day", "relative"),
    ("de", "Russland entsandte Truppen nach Kasachstan.", "2022-01-06", "2022-01-12", "week", "document"),
    ("en", "From 2 to 5 January 2022 thousands protested in Almaty.", "2022-01-02", "2022-01-05", "day", "explicit"),
    ("en", "Since March 2021 Russia has deployed troops in Tajikistan.", "2021-03-01", "2022-01-12", "month", "explicit"),
    ("en", "Russia sent troops to Kazakhstan last week.", "2022-01-03", "2022-01-09", "week", "relative"),
    ("en", "In 1991 NED president Allen Weinstein said: 'What we do today was done 25 years ago.'", "1991-01-01", "1991-12-31", "year", "explicit"),
])
def test_event_dates(lang: str, text: str, start: str, end: str, precision: str, source: str) -> None:
    [event] = events_of(text, lang)
    assert (event["date_start"], event["date_end"], event["date_precision"], event["date_source"]) == (
        start, end, precision, source)


def asserted_of(text: str, lang: str, published: date | None = PUBLISHED) -> list[dict]:
    return [r for r in events_of(text, lang, published) if r["mode"] == "asserted"]


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Wird Russland Truppen nach Kasachstan entsenden?"),
    ("de", "Weihnachten feiern sie in Russland am 7. Januar und nicht am 25. Dezember."),
    ("de", "Das Wetter ist heute schön."),
    ("de", "Proteste in Almaty\nDie Lage blieb ruhig."),
    ("en", "Would Russia send troops to Kazakhstan?"),
    ("en", "They celebrate Christmas in Russia every year on 7 January."),
    ("en", "Protests in Almaty\nThe city stayed calm."),
])
def test_sentences_that_report_no_event(lang: str, text: str) -> None:
    assert events_of(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "mode"), [
    ("de", "Wenn Russland Truppen entsendet, könnte die NATO reagieren.", "hypothetical"),
    ("de", "Russland könnte am 20. Januar Truppen nach Kasachstan entsenden.", "hypothetical"),
    ("de", "Die Regierung wird von Russland nicht unterstützt.", "negated"),
    ("de", "Russland wird demnächst Truppen nach Kasachstan entsenden.", "future"),
    ("de", "Angeblich entsandte Russland am 6. Januar Truppen nach Almaty.", "claimed"),
    ("de", "Im Jahr 1917 wird Kasachstan von Unruhen erfasst, Tausende protestieren.", "asserted"),
    ("de", "Am 6. Januar kritisierte Tokajew nicht nur die Proteste.", "asserted"),
    ("en", "If Russia sent troops, NATO could respond.", "hypothetical"),
    ("en", "Russia may send troops to Kazakhstan on 20 January.", "hypothetical"),
    ("en", "On May 5 Russia sent troops to Kazakhstan.", "asserted"),
    ("en", "Russia did not support the government.", "negated"),
    ("en", "Russia will send troops to Kazakhstan next week.", "future"),
    ("en", "Construction of the pipeline is expected to start this year, the ministry said.", "future"),
    ("en", "Police reportedly detained dozens of protesters in Almaty on 6 January.", "claimed"),
    ("en", "On 6 January police detained protesters, claiming they would attack the airport.", "asserted"),
])
def test_modality_is_a_mode_not_a_dropped_event(lang: str, text: str, mode: str) -> None:
    [event] = events_of(text, lang)
    assert event["mode"] == mode


@pytest.mark.parametrize(("lang", "text", "dates"), [
    # a participial attribute with its own date and the main clause: two events
    ("de", "Die am 4. Januar entsandten Soldaten wurden am 19. Januar wieder abgezogen.",
     [("2022-01-04", "mobilize"), ("2022-01-19", "retreat")]),
    # two clauses, each with its own date
    ("de", "Am 5. Januar begannen in Taras Proteste. "
           "Drei Tage später rückten Truppen in Taras ein, am 11. Januar erklärte der Bürgermeister die Lage für ruhig.",
     [("2022-01-05", "protest"), ("2022-01-08", "mobilize"), ("2022-01-11", "other")]),
    ("de", "Tokajew bat am 5. Januar um Hilfe und am 6. Januar entsandte Russland Truppen.",
     [("2022-01-05", "request"), ("2022-01-06", "mobilize")]),
    # "mid-1970s" is the whole decade (the annotation guideline ev-dates follows)
    ("en", "The dam was begun in the mid-1970s but work came to a halt after the collapse of the Soviet Union in 1991.",
     [("1970-01-01", "other"), ("1991-01-01", "other")]),
    # one event: a list, and a range of dates, are not clauses
    ("en", "On 6 January the embassies of France, Germany, and the United Kingdom condemned the violence.",
     [("2022-01-06", "accuse")]),
    ("de", "Vom 2. und 5. Januar protestierten Tausende in Almaty.", [("2022-01-02", "protest")]),
])
def test_each_dated_clause_is_an_event(lang: str, text: str, dates: list) -> None:
    events = events_of(text, lang, published=date(2022, 1, 20))
    assert [(e["date_start"], e["event_type"]) for e in events] == dates
    assert len({e["id"] for e in events}) == len(events)
    assert all(e["sentence"] in text for e in events)
    assert len({e["sentence"] for e in events}) == len({text[e["char_start"]:e["char_end"]] for e in events})


@pytest.mark.parametrize(("lang", "text", "published", "expected"), [
    # a story told in the past keeps its undated follow-up sentences in its own time
    ("de", "Im Dezember 2011 streikten die Ölarbeiter in Schangaösen. Die Polizei schoss auf die Menge.",
     date(2020, 3, 1), [("2011-12-01", "explicit"), ("2011-12-01", "narrative")]),
    # ... across a paragraph break too, for a sentence that names a place or an actor
    ("de", "Im Dezember 2011 streikten die Ölarbeiter in Schangaösen.\n\nDie Polizei schoss in Schangaösen auf die Menge.",
     date(2020, 3, 1), [("2011-12-01", "explicit"), ("2011-12-01", "narrative")]),
    ("en", "In December 2011 oil workers went on strike in Zhanaozen. Police opened fire on the crowd.",
     date(2020, 3, 1), [("2011-12-01", "explicit"), ("2011-12-01", "narrative")]),
    # without a narrative time an undated report takes the publication window
    ("en", "Police opened fire on the crowd in Zhanaozen.", date(2020, 3, 1), [("2020-02-24", "document")]),
    # wire copy: one sentence per paragraph, the story goes on across the breaks ...
    ("en", "In December 2011 oil workers went on strike in Zhanaozen.\n\nPolice opened fire on the crowd in Zhanaozen.",
     date(2020, 3, 1), [("2011-12-01", "explicit"), ("2011-12-01", "narrative")]),
    # ... but a paragraph of several sentences ends its story
    ("en", "In December 2011 oil workers went on strike in Zhanaozen. It was cold.\n\n"
           "Police opened fire on the crowd in Zhanaozen.",
     date(2020, 3, 1), [("2011-12-01", "explicit"), ("2020-02-24", "document")]),
    # a plan dated after publication is a future event and does not date what follows
    ("de", "Die Gespräche in Astana sollen am 20. März beginnen. Russland entsandte Truppen nach Kasachstan.",
     date(2020, 3, 1), [("2020-03-20", "relative"), ("2020-02-24", "document")]),
    # an English present-perfect statement is news about now, not part of the story
    ("en", "In December 2011 oil workers went on strike in Zhanaozen. Russia has criticised the crackdown.",
     date(2020, 3, 1), [("2011-12-01", "explicit"), ("2020-02-24", "document")]),
])
def test_undated_events_inherit_the_narrative_time(lang: str, text: str, published: date, expected: list) -> None:
    events = events_of(text, lang, published=published)
    assert [(e["date_start"], e["date_source"]) for e in events] == expected
    assert [e["mode"] for e in events] == ["future" if e["date_start"] > published.isoformat() else "asserted"
                                          for e in events]
    assert all(e["date_span"] is None for e in events if e["date_source"] == "narrative")


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Das Verfassungsgericht erklärte am Freitag die Abstimmung für ungültig."),
    ("de", "Am Montag erreichte der Konvoi die Grenzstation."),
    ("en", "The court on Friday declared the vote invalid."),
    ("en", "On Monday the convoy reached the border post."),
])
def test_dated_clause_reporting_an_action_is_kept_without_a_known_actor(lang: str, text: str) -> None:
    [event] = asserted_of(text, lang)
    assert event["date_source"] == "relative" and event["actors"] == []


@pytest.mark.parametrize(("lang", "text", "actor", "targets"), [
    ("de", "Russland entsandte gestern Truppen nach Kasachstan.", "Russia", []),
    ("de", "Am 5. Januar bat Tokajew die OVKS um Hilfe.", "Kassym-Jomart Tokayev", ["CSTO"]),
    ("en", "On 5 January Tokayev asked the CSTO for help.", "Kassym-Jomart Tokayev", ["CSTO"]),
    ("en", "Russia accused Ukraine of shelling on 3 January.", "Russia", ["Ukraine"]),
])
def test_actor_and_targets(lang: str, text: str, actor: str, targets: list) -> None:
    [event] = events_of(text, lang)
    assert (event["actor"], event["targets"]) == (actor, targets)
    assert {actor, *targets} <= set(event["actors"])


def test_a_dated_statement_and_the_dated_event_it_quotes_are_two_events() -> None:
    statement, quoted = events_of("1991 sagte Allen Weinstein: „Was wir heute tun, tat vor 25 Jahren die CIA.“", "de")
    assert (statement["date_start"], statement["date_end"], statement["date_text"]) == ("1991-01-01", "1991-12-31", "1991")
    assert (quoted["date_start"], quoted["date_text"], quoted["actors"]) == ("1966-01-01", "vor 25 Jahren", ["CIA"])


def test_place_is_the_most_specific_named_and_never_invented() -> None:
    [placed] = events_of("Russland entsandte gestern Truppen zum Kosmodrom Baikonur in Kasachstan.", "de")
    assert (placed["place_name"], placed["geo_precision"]) == ("Baikonur Cosmodrome", "site")
    text = "Kasachstan ist groß. Kasachstan ist reich. Russland entsandte gestern Truppen."
    [unplaced] = events_of(text, "de")
    assert unplaced["place_name"] is None and unplaced["lat"] is None


def test_acting_country_is_an_actor_not_the_place() -> None:
    [event] = events_of("Russland entsandte gestern Fallschirmjäger nach Almaty.", "de")
    assert event["actors"] == ["Russia"] and event["place_name"] == "Almaty"


@pytest.mark.parametrize(("lang", "text", "place", "absent_actor"), [
    # an actor inside a longer place name is no actor; the place stays
    ("en", "On 3 May protesters rallied in the West Kazakhstan Region.", "West Kazakhstan Region", "Kazakhstan"),
    ("en", "On 3 May students marched through the North Kazakhstan Region.", "North Kazakhstan Region", "Kazakhstan"),
])
def test_of_nested_place_and_actor_the_longer_wins(lang: str, text: str, place: str, absent_actor: str) -> None:
    [event] = events_of(text, lang)
    assert event["place_name"] == place and absent_actor not in event["actors"]


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


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Am 3. Januar 2022 traf Präsident Kassym-Schomart Tokajew in Almaty ein. Am 5. Januar bat er die OVKS um Hilfe."),
    ("en", "On January 3, 2022, President Kassym-Jomart Tokayev arrived in Almaty. On January 5 he asked the CSTO for help."),
])
def test_a_pronoun_subject_names_the_doer_but_is_not_listed_as_named(lang: str, text: str) -> None:
    requests = [r for r in extract(text, doc_id="d", lang=lang, published=date(2022, 1, 7))
                if r["kind"] == "event" and r["event_type"] == "request"]
    assert [(r["actor"], r["targets"], r["actors"]) for r in requests] == [
        ("Kassym-Jomart Tokayev", ["CSTO"], ["CSTO"])]
