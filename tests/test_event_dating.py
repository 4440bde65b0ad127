"""Which clauses become events and how they are dated (issue 8): the publication week only for a
news predicate, "since" states and intervals, chronicle entries, deictic adjectives, relative
shifts. Sentences written for these tests, one table per rule family and language."""
from __future__ import annotations

from datetime import date

import pytest

from events.discourse import is_chronicle_entry
from events.pipeline import extract
from events.timex import tag

PUBLISHED = date(2023, 3, 10)


def events_of(text: str, lang: str, published: date = PUBLISHED) -> list[dict]:
    return [r for r in extract(text, doc_id="d", lang=lang, published=published)
            if r["kind"] == "event" and r["event_type"] != "publication"]


def dating(event: dict) -> tuple:
    return event["date_start"], event["date_end"], event["date_precision"], event["date_source"]


# An undated clause takes the week before publication only when its event word is a verb.
@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Mit diesem Schritt habe die Ministerin Mut bewiesen, hieß es über ihren Rücktritt."),
    ("de", "Dass die Regierung die Unterstützung der Nachbarn sucht, überrascht niemanden."),
    ("en", "The envoys stressed the value of closer cooperation between the two ports."),
    ("en", "The new governor has softened the old objections to the canal in a bid for better cooperation."),
])
def test_commentary_about_an_event_noun_is_no_event(lang: str, text: str) -> None:
    assert events_of(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "event_type"), [
    ("de", "Usbekistan entsendet 500 Polizisten nach Termez.", "mobilize"),
    ("de", "Kirgisistan kritisierte die Zollbehörde in Almaty scharf.", "accuse"),
    ("de", "Die Mongolei hat die Regierung in Ulan-Ude gelobt.", "support"),
    ("en", "The soldiers entered Kyrgyzstan through a mountain pass.", "mobilize"),
    ("en", "Several students in Bishkek called for the mayor's resignation.", "request"),
    ("en", "Turkmenistan did not support the plan.", "support"),
])
def test_a_verbal_news_predicate_takes_the_publication_week(lang: str, text: str, event_type: str) -> None:
    [event] = events_of(text, lang)
    assert event["event_type"] == event_type
    assert dating(event) == ("2023-03-04", "2023-03-10", "week", "document")


# "since": a role or state held for years is background; a recent "since" is as precise as its start.
@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Bürgermeister war er seit dem 3. Mai 1998, davor leitete er eine Bank."),
    ("de", "Der seit 2011 regierende Fürst kann auch im Herbst kandidieren."),
    ("en", "Ms Ortega, 61, had served as foreign minister since 2009."),
    ("en", "She is the first woman candidate since 1995."),
])
def test_a_state_since_years_ago_is_no_event(lang: str, text: str) -> None:
    assert events_of(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Strikes have been held in the port since March 2.",
     ("2023-03-02", "2023-03-10", "day", "relative")),
    ("en", "Since early February the protesters have blocked the bridge.",
     ("2023-02-01", "2023-03-10", "month", "relative")),
    ("de", "Seit dem 1. März seien rund 4000 Menschen über die Grenze geflohen, teilte das Ministerium mit.",
     ("2023-03-01", "2023-03-10", "day", "relative")),
    ("de", "Seit Januar protestieren Bauern vor dem Parlament.",
     ("2023-01-01", "2023-03-10", "month", "relative")),
])
def test_a_recent_since_interval_has_the_precision_of_its_start(lang: str, text: str, expected: tuple) -> None:
    [event] = events_of(text, lang)
    assert dating(event) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("de", "1975/76 wurde der Hafen in Aktau ausgebaut.", ("1975-01-01", "1976-12-31", "year")),
    ("en", "In 2004/05 the dam was rebuilt.", ("2004-01-01", "2005-12-31", "year")),
    ("de", "In den 50er und 60er Jahren wurden neue Städte gegründet.", ("1950-01-01", "1969-12-31", "decade")),
])
def test_a_range_has_the_precision_of_its_bounds(lang: str, text: str, expected: tuple) -> None:
    [event] = events_of(text, lang)
    assert dating(event)[:3] == expected


# A chronicle entry ("1921: ...") dates every sentence of its line, told in the historical present.
CHRONICLE_DE = (
    "Eine kurze Chronik:\n"
    "- 1921: In der Steppe bricht eine Hungersnot aus. Die Regierung wird in eine andere Stadt verlegt. "
    "Tausende Familien ziehen nach Süden.\n"
    "- 1930/31: Ein neuer Kanal entsteht. Der Kanal wird zum wichtigsten Wasserweg.\n"
)


def test_every_sentence_of_a_chronicle_entry_takes_its_date() -> None:
    events = events_of(CHRONICLE_DE, "de")
    dated = {e["sentence"].strip("- "): (e["date_start"], e["date_end"], e["date_precision"], e["mode"])
             for e in events}
    assert dated == {
        "1921: In der Steppe bricht eine Hungersnot aus.": ("1921-01-01", "1921-12-31", "year", "asserted"),
        "Die Regierung wird in eine andere Stadt verlegt.": ("1921-01-01", "1921-12-31", "year", "asserted"),
        "Tausende Familien ziehen nach Süden.": ("1921-01-01", "1921-12-31", "year", "asserted"),
        "1930/31: Ein neuer Kanal entsteht.": ("1930-01-01", "1931-12-31", "year", "asserted"),
        "Der Kanal wird zum wichtigsten Wasserweg.": ("1930-01-01", "1931-12-31", "year", "asserted"),
    }


@pytest.mark.parametrize(("text", "entry"), [
    ("1921: Eine Hungersnot bricht aus.", True),
    ("  • 1930/31: Ein Kanal entsteht.", True),
    ("- 4. Mai 1990: Er tritt an.", True),
    ("1921 brach eine Hungersnot aus: viele starben.", False),
    ("Im Jahr 1921: eine Hungersnot.", False),
])
def test_chronicle_entry_needs_a_date_and_a_colon_opening_the_line(text: str, entry: bool) -> None:
    start = len(text) - len(text.lstrip(" •-"))
    timexes = [t for t in tag(text, lang="de", dct=PUBLISHED)]
    assert is_chronicle_entry(text, start, timexes) is entry


# Outside a chronicle, the German present with "wird" in an undated clause is still a plan.
def test_wird_outside_a_chronicle_is_future() -> None:
    [event] = events_of("Am 2. März tagte der Rat. Die Regierung wird Truppen entsenden.", "de")[1:]
    assert event["mode"] == "future"


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("de", "Bei der heutigen Sitzung kritisierte der Präsident die Opposition.", ("2023-03-10", "day")),
    ("de", "Nach dem gestrigen Treffen lobte die Ministerin die Gespräche.", ("2023-03-09", "day")),
    ("en", "At today's session the president criticised the opposition.", ("2023-03-10", "day")),
])
def test_a_deictic_adjective_before_an_event_noun_dates_it(lang: str, text: str, expected: tuple) -> None:
    [event] = events_of(text, lang)
    assert (event["date_start"], event["date_precision"]) == expected


@pytest.mark.parametrize("text", ["Die Bauern siedelten auf dem Gebiet des heutigen Usbekistan.",
                                  "Die heutigen Grenzen stammen aus dem Jahr 1936."])
def test_a_deictic_adjective_before_a_place_or_state_is_no_date(text: str) -> None:
    assert [t.text for t in tag(text, lang="de", dct=PUBLISHED) if t.text.startswith("heutig")] == []


@pytest.mark.parametrize(("text", "values"), [
    ("Later, on March 3, two officials were questioned for hours after raids were made.", ["2023-03-03"]),
    ("The army withdrew on March 3. Two days after, the talks resumed.", ["2023-03-03", "2023-03-05"]),
])
def test_n_days_after_a_clause_is_no_shift_of_the_story_time(text: str, values: list[str]) -> None:
    dated = [t.value for t in tag(text, lang="en", dct=PUBLISHED) if t.date_start is not None]
    assert dated == values


# A year after a finite auxiliary or "sich" is the verb's time even before a name; a count after one
# is still a quantity when its unit is a known one.
@pytest.mark.parametrize(("text", "values"), [
    ("Die Stadt hatte 1997 Almaty als Hauptstadt abgelöst.", ["1997"]),
    ("Damit hatte sich 2021 Russlands Präsident eine weitere Amtszeit gesichert.", ["2021"]),
    ("Das Regiment hatte 2000 Soldaten an der Grenze.", []),
    ("Die Firma hatte 1200 Mitarbeiter in Aktau.", []),
    ("Rund 1500 Menschen demonstrierten.", []),
])
def test_a_year_after_an_auxiliary_is_a_date(text: str, values: list[str]) -> None:
    assert [t.value for t in tag(text, lang="de", dct=PUBLISHED)] == values


# Halves ("dreieinhalb Jahre") are counted in the next finer unit, so the date keeps its month.
@pytest.mark.parametrize(("lang", "text", "value"), [
    ("de", "Das Denkmal war dreieinhalb Jahre zuvor eingeweiht worden.", "2019-09"),
    ("de", "Vor anderthalb Jahren begann der Bau.", "2021-09"),
    ("de", "Er regierte zweieinhalb Jahre lang.", "P30M"),
    ("en", "The dam had been finished two and a half years earlier.", "2020-09"),
    ("en", "The line opened one and a half years ago.", "2021-09"),
])
def test_a_half_counts_in_the_next_finer_unit(lang: str, text: str, value: str) -> None:
    assert [t.value for t in tag(text, lang=lang, dct=PUBLISHED)] == [value]


# "drei Jahre zuvor" looks back from the story, which goes on at its own time afterwards.
@pytest.mark.parametrize(("lang", "text", "values"), [
    ("de", "Die Stadt wurde am 5. März 2023 umbenannt. Drei Jahre zuvor war sie gegründet worden. "
           "Zwei Tage später protestierten Hunderte.", ["2023-03-05", "2020", "2023-03-07"]),
    ("en", "The city was renamed on March 5, 2023. Three years earlier it had been founded. "
           "Two days later, hundreds protested.", ["2023-03-05", "2020", "2023-03-07"]),
])
def test_a_look_back_by_years_sets_no_story_time(lang: str, text: str, values: list[str]) -> None:
    assert [t.value for t in tag(text, lang=lang, dct=PUBLISHED)] == values


# A bare weekday is a sign of news: three old years do not make the text a history whose days
# count from the story's time.
@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Partei war 1995 gegründet worden, 2001 gewann sie Wahlen, 2010 spaltete sie sich. "
           "Ihr Vorsitzender trat am Dienstag zurück."),
    ("en", "The party was founded in 1995, won elections in 2001 and split in 2010. "
           "Its leader resigned on Tuesday."),
])
def test_a_weekday_counts_from_publication_beside_old_years(lang: str, text: str) -> None:
    assert [t.value for t in tag(text, lang=lang, dct=PUBLISHED)][-1] == "2023-03-07"


# The dateline's date says when the report was filed: alone it dates no event; the sentence's own
# date still does.
@pytest.mark.parametrize(("lang", "text", "dates"), [
    ("en", "BAKU, Azerbaijan, March 2. The company will ship oil through the pipeline, it said.", []),
    ("en", "DUSHANBE, March 2, 2023, Asia-Plus – The two companies have signed an agreement on a pipeline.", []),
    ("en", "ALMATY, March 2 (Reuters) - Troops were deployed to the city on Wednesday.", ["2023-03-08"]),
    ("de", "ALMATY, 2. März (dpa) - Die Regierung kündigte Reformen an.", []),
    ("de", "ALMATY, 2. März (dpa) - Am Mittwoch entsandte Russland Truppen.", ["2023-03-08"]),
])
def test_a_dateline_date_alone_dates_no_event(lang: str, text: str, dates: list[str]) -> None:
    assert [e["date_start"] for e in events_of(text, lang)] == dates


# A participle of an inseparable-prefix verb ("beruhigt", "verhaftet") reports an action in a dated
# clause; the adjectives of that shape ("bekannt", "bereit") do not.
@pytest.mark.parametrize(("text", "dates"), [
    ("Am 2. März habe sich die Stimmung wieder beruhigt.", ["2023-03-02"]),
    ("Am 2. März sei der Sprecher verhaftet worden.", ["2023-03-02"]),
    ("Am 2. März ist der Dirigent noch bekannt.", []),
    ("Am 2. März ist das Lager bereit.", []),
])
def test_an_inseparable_prefix_participle_is_an_action(text: str, dates: list[str]) -> None:
    assert [e["date_start"] for e in events_of(text, "de")] == dates


# An undated sentence wholly inside a quotation of several sentences is what the speaker said: the
# event is the saying, reported by the sentence that names the speaker.
@pytest.mark.parametrize(("lang", "text", "sentences"), [
    ("de", "Am 8. März trafen sich die Minister in Astana. „Wir unterzeichneten ein Abkommen über die Grenze. "
           "Die Gespräche verliefen gut“, sagte der Minister.", ["Am 8. März", "Die Gespräche"]),
    ("en", "The ministers met in Astana on March 8. \"We discussed the situation on the border. The talks "
           "went well,\" the minister said.", ["The ministers", "The talks"]),
    ("en", "The ministers met in Astana on March 8. \"We signed the treaty.\"", ["The ministers", "\"We signed"]),
])
def test_an_undated_sentence_inside_a_longer_quotation_is_no_event(lang: str, text: str,
                                                                    sentences: list[str]) -> None:
    events = events_of(text, lang)
    assert [e["sentence"][:len(start)] for e, start in zip(events, sentences)] == sentences
    assert len(events) == len(sentences)


# "heute" opening a parenthesis compares with the present: no date of the event told.
@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Nomaden stellten damals 30 Prozent (heute etwa 70) der Bevölkerung."),
    ("en", "The steppe (today Kazakhstan) was conquered."),
])
def test_today_opening_a_parenthesis_is_no_date(lang: str, text: str) -> None:
    assert [(t.generic, t.date_start) for t in tag(text, lang=lang, dct=PUBLISHED)] == [(True, None)]
