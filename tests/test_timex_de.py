"""German temporal tagging: one table per rule family (sentence, dct, span text, value, dates, precision)."""
from __future__ import annotations

from datetime import date

import pytest

from events.timex import Timex, tag

D = date.fromisoformat
DCT = date(2022, 1, 7)


def only(sentence: str, dct: date | None, text: str) -> Timex:
    """The single expression whose text is ``text``; fails listing what was found instead."""
    found = tag(sentence, lang="de", dct=dct)
    hits = [t for t in found if t.text == text]
    assert len(hits) == 1, f"{text!r} not tagged once in {sentence!r}: {[(t.text, t.value) for t in found]}"
    return hits[0]


def check(sentence, dct, text, value, start, end, precision):
    t = only(sentence, dct, text)
    assert (t.value, t.date_start, t.date_end, t.precision) == (
        value, D(start) if start else None, D(end) if end else None, precision)
    return t


ABSOLUTE = [
    ("Die Proteste begannen am 31. Januar 2024 in Almaty.", DCT, "31. Januar 2024", "2024-01-31",
     "2024-01-31", "2024-01-31", "day"),
    ("Das Treffen fand am 2022-01-07 statt.", DCT, "2022-01-07", "2022-01-07", "2022-01-07", "2022-01-07", "day"),
    ("Die Weisung vom 1.9.39 blieb geheim.", DCT, "1.9.39", "1939-09-01", "1939-09-01", "1939-09-01", "day"),
    ("Die Partei wurde im Jahr 2014 verboten.", DCT, "Jahr 2014", "2014", "2014-01-01", "2014-12-31", "year"),
    ("Die Sowjetunion zerfiel 1991 endgültig.", DCT, "1991", "1991", "1991-01-01", "1991-12-31", "year"),
    ("Anfang 2022 kam es zu Unruhen.", DCT, "Anfang 2022", "2022", "2022-01-01", "2022-04-30", "year"),
    ("Ende 2021 stiegen die Gaspreise.", DCT, "Ende 2021", "2021", "2021-09-01", "2021-12-31", "year"),
    ("Mitte der 1990er entstand die Pipeline.", DCT, "Mitte der 1990er", "199", "1993-05-02", "1996-08-30",
     "decade"),
    ("In den 1990er Jahren wuchs die Stadt.", DCT, "1990er Jahren", "199", "1990-01-01", "1999-12-31", "decade"),
    ("Das 20. Jahrhundert war von Kriegen geprägt.", DCT, "20. Jahrhundert", "19", "1900-01-01", "1999-12-31",
     "century"),
    ("Im März 2020 wurden die Grenzen geschlossen.", DCT, "März 2020", "2020-03", "2020-03-01", "2020-03-31",
     "month"),
    ("Im Sommer 2021 brannten die Steppen.", DCT, "Sommer 2021", "2021-SU", "2021-06-01", "2021-08-31", "season"),
    ("Im Winter 2021 fror die Leitung ein.", DCT, "Winter 2021", "2021-WI", "2021-12-01", "2022-02-28", "season"),
    ("Die Schlacht endete 480 v. Chr. mit einem Sieg.", DCT, "480 v. Chr.", "BC0480", None, None, "year"),
]


@pytest.mark.parametrize("sentence,dct,text,value,start,end,precision", ABSOLUTE)
def test_absolute(sentence, dct, text, value, start, end, precision):
    t = check(sentence, dct, text, value, start, end, precision)
    assert t.source == "explicit" and not t.generic


def test_day_range_is_two_expressions_sharing_month_and_year():
    found = tag("Die Sitzung dauerte vom 2. bis 5. Januar 2022.", lang="de", dct=DCT)
    assert [(t.text, t.value) for t in found] == [("2.", "2022-01-02"), ("5. Januar 2022", "2022-01-05")]


def test_year_range_right_year_shares_century():
    found = tag("Der Krieg von 1870/71 veränderte Europa.", lang="de", dct=DCT)
    assert [(t.text, t.value) for t in found] == [("1870", "1870"), ("71", "1871")]


DEICTIC = [
    ("Heute tagt der Sicherheitsrat.", "Heute", "2022-01-07", "2022-01-07", "2022-01-07", "day"),
    ("Ende letzten Monats wurde gewählt.", "Ende letzten Monats", "2021-12", "2021-12-21", "2021-12-31", "month"),
    ("Anfang vergangenen Jahres begann es.", "Anfang vergangenen Jahres", "2021", "2021-01-01", "2021-04-30", "year"),
    ("Gestern wurde der Flughafen besetzt.", "Gestern", "2022-01-06", "2022-01-06", "2022-01-06", "day"),
    ("Die Truppen landen morgen in Almaty.", "morgen", "2022-01-08", "2022-01-08", "2022-01-08", "day"),
    ("Vergangene Woche brachen Proteste aus.", "Vergangene Woche", "2021-W52", "2021-12-27", "2022-01-02", "week"),
    ("Das Chaos wurde in der vergangenen Woche entfesselt.", "in der vergangenen Woche", "2021-W52", "2021-12-27",
     "2022-01-02", "week"),
    ("Letzte Woche stiegen die Preise.", "Letzte Woche", "2021-W52", "2021-12-27", "2022-01-02", "week"),
    ("Die Gespräche sollen nächste Woche beginnen.", "nächste Woche", "2022-W02", "2022-01-10", "2022-01-16",
     "week"),
    ("Der Vertrag wurde vor 25 Jahren unterzeichnet.", "vor 25 Jahren", "1997", "1997-01-01", "1997-12-31", "year"),
    ("Derzeit wird rund um die Uhr berichtet.", "Derzeit", "PRESENT_REF", "2022-01-07", "2022-01-07", "day"),
    ("Jetzt ist die Lage ruhig.", "Jetzt", "PRESENT_REF", "2022-01-07", "2022-01-07", "day"),
    ("Im nächsten Monat wird gewählt.", "Im nächsten Monat", "2022-02", "2022-02-01", "2022-02-28", "month"),
]


@pytest.mark.parametrize("sentence,text,value,start,end,precision", DEICTIC)
def test_deictic_anchor_on_dct(sentence, text, value, start, end, precision):
    t = check(sentence, DCT, text, value, start, end, precision)
    assert t.source == "relative"


ANAPHORIC = [
    ("Im Jahr 2010 begann der Bau. Im Jahr davor gab es Proteste.", "Im Jahr davor", "2009", "2009-01-01",
     "2009-12-31", "year"),
    ("Im Jahr 2010 begann der Bau. Im selben Jahr wurde gewählt.", "Im selben Jahr", "2010", "2010-01-01",
     "2010-12-31", "year"),
    ("Im März 2010 begann der Bau. Im folgenden Monat streikten die Arbeiter.", "Im folgenden Monat", "2010-04",
     "2010-04-01", "2010-04-30", "month"),
    ("Am 5. Mai 1945 fiel die Stadt. Drei Tage später kapitulierte die Armee.", "Drei Tage später", "1945-05-08",
     "1945-05-08", "1945-05-08", "day"),
    ("Im Jahr 1998 wurde Astana Hauptstadt. Am 12. Dezember zogen die Ministerien um.", "12. Dezember",
     "1998-12-12", "1998-12-12", "1998-12-12", "day"),
    ("Im Jahr 1998 wurde Astana Hauptstadt. Im März zogen die Ministerien um.", "März", "1998-03",
     "1998-03-01", "1998-03-31", "month"),
    ("Es ist wichtig: heute (7. Januar) ist in Russland Weihnachten.", "7. Januar", "2022-01-07", "2022-01-07",
     "2022-01-07", "day"),
]


@pytest.mark.parametrize("sentence,text,value,start,end,precision", ANAPHORIC)
def test_anaphoric_anchor_on_last_mentioned_date(sentence, text, value, start, end, precision):
    check(sentence, DCT, text, value, start, end, precision)


def test_narrative_document_anchors_day_month_on_story_not_dct():
    story = ("Im Juni 1941 begann der Angriff. Die Armee rückte schnell vor. Viele Städte fielen. "
             "Die Versorgung brach zusammen. Am 3. Oktober erreichten die Truppen den Fluss.")
    check(story, D("2011-02-16"), "3. Oktober", "1941-10-03", "1941-10-03", "1941-10-03", "day")


def test_news_document_anchors_distant_day_month_on_dct():
    news = ("Im Jahr 2014 gab es Proteste. Die Regierung reagierte. Gestern tagte das Parlament. "
            "Die Opposition protestierte. Am 12. Dezember soll gewählt werden.")
    check(news, DCT, "12. Dezember", "2022-12-12", "2022-12-12", "2022-12-12", "day")


QUOTED = [
    ("1991 sagte der Präsident des NED: „Vieles von dem, was wir heute tun, wurde vor 25 Jahren von der CIA "
     "getan.“", "heute", "1991", "1991-01-01", "1991-12-31", "year"),
    ("1991 sagte der Präsident des NED: „Vieles von dem, was wir heute tun, wurde vor 25 Jahren von der CIA "
     "getan.“", "vor 25 Jahren", "1966", "1966-01-01", "1966-12-31", "year"),
    ("Am 5. Januar 2022 erklärte der Minister, gestern sei alles ruhig gewesen.", "gestern", "2022-01-04",
     "2022-01-04", "2022-01-04", "day"),
    ("„Heute ist ein guter Tag“, sagte Tokajew am 3. März 2019.", "Heute", "2019-03-03", "2019-03-03",
     "2019-03-03", "day"),
]


@pytest.mark.parametrize("sentence,text,value,start,end,precision", QUOTED)
def test_quotation_with_own_date_anchors_its_deictics(sentence, text, value, start, end, precision):
    check(sentence, DCT, text, value, start, end, precision)


def test_undated_quotation_keeps_dct_anchor():
    check("Der Sprecher sagte: „Heute beginnt die Operation.“", DCT, "Heute", "2022-01-07", "2022-01-07",
          "2022-01-07", "day")


GENERIC = [
    ("Weihnachten feiern sie am 7. Januar und nicht am 25. Dezember.", "7. Januar", "XXXX-01-07"),
    ("Weihnachten feiern sie am 7. Januar und nicht am 25. Dezember.", "25. Dezember", "XXXX-12-25"),
    ("Sie feiern es jedes Jahr am 9. Mai.", "9. Mai", "XXXX-05-09"),
    ("Jeden Sonntag demonstrieren sie vor dem Rathaus.", "Jeden Sonntag", "XXXX-WXX-7"),
]


@pytest.mark.parametrize("sentence,text,value", GENERIC)
def test_generic_mentions_have_no_dates(sentence, text, value):
    t = only(sentence, DCT, text)
    assert (t.value, t.generic, t.date_start, t.date_end) == (value, True, None, None)


NO_DCT = [
    ("Heute beginnt der Gipfel.", "Heute", "PRESENT_REF"),
    ("Derzeit ist die Lage unklar.", "Derzeit", "PRESENT_REF"),
    ("Letzte Woche begannen die Proteste.", "Letzte Woche", "PAST_REF"),
    ("Das war vor 3 Jahren.", "vor 3 Jahren", "PAST_REF"),
    ("Sie kamen am 7. Januar an.", "7. Januar", "XXXX-01-07"),
]


@pytest.mark.parametrize("sentence,text,value", NO_DCT)
def test_without_dct_relatives_keep_value_and_get_no_dates(sentence, text, value):
    t = only(sentence, None, text)
    assert (t.value, t.date_start, t.date_end) == (value, None, None)


DURATIONS = [
    ("Die Kämpfe dauerten drei Tage.", "drei Tage", "P3D"),
    ("Der Putsch wurde in wenigen Tagen niedergeschlagen.", "wenigen Tagen", "PXD"),
    ("Das Land war 25 Jahre lang unabhängig.", "25 Jahre", "P25Y"),
]


@pytest.mark.parametrize("sentence,text,value", DURATIONS)
def test_durations_have_value_but_no_dates(sentence, text, value):
    t = only(sentence, DCT, text)
    assert (t.value, t.date_start, t.date_end, t.precision) == (value, None, None, None)


NO_FALSE_DATES = [
    "In Moskau wird derzeit rund um die Uhr darüber berichtet.",
    "Russland entsendet 3.000 Fallschirmjäger nach Kasachstan.",
    "Ein Teil der 19 Millionen Einwohner könnte fliehen.",
    "Etwa 15 Prozent der Bevölkerung sind Russen.",
    "Dort wird das System S-550 entwickelt.",
    "Die Regierung schickte 2000 Soldaten und zahlte 1500 Dollar.",
    "Die Armee griff mit 1500 Panzern an.",
    "Die Kinder spielen mit dem Ball, die Eltern schauen zu.",
    "Mai Thi Nguyen-Kim moderiert die Sendung.",
]


@pytest.mark.parametrize("sentence", NO_FALSE_DATES)
def test_no_false_dates(sentence):
    found = [t for t in tag(sentence, lang="de", dct=DCT) if t.date_start is not None]
    assert [t.text for t in found if t.text != "derzeit"] == []


def test_heading_with_a_year_sets_the_time_of_its_sections():
    text = ("1862\n\nWestfront\n\nIm Juli 1863 fiel die Festung.\n\nOstfront\n\n"
            "Am 4. März griff die Armee an.")
    check(text, D("2011-02-16"), "4. März", "1862-03-04", "1862-03-04", "1862-03-04", "day")


def test_year_after_seit_is_an_aside_not_the_story_time():
    text = ("Am 28. Oktober 1940 griffen Verbände an. Das Land war seit 1939 besetzt. Die Armee zögerte. "
            "Die Flotte lief aus. Am 3. November gingen die Griechen zum Gegenangriff über.")
    check(text, D("2011-02-16"), "3. November", "1940-11-03", "1940-11-03", "1940-11-03", "day")


def test_short_year_in_ancient_story_takes_the_era():
    text = "Im Jahr 149 v. Chr. begann der Krieg. Die Belagerung dauerte lange. Das Jahr 147 brachte die Wende."
    check(text, D("2011-02-16"), "Das Jahr 147", "BC0147", None, None, "year")


@pytest.mark.parametrize("sentence", ["Der Vertrag vom 31. April galt nie.", "Am 30. Februar 2023 war nichts."])
def test_impossible_dates_are_not_tagged(sentence):
    assert [t for t in tag(sentence, lang="de", dct=DCT) if t.precision == "day"] == []


def test_night_range_keeps_night_in_left_span():
    found = tag("In der Nacht vom 16. auf den 17. April 1945 fiel die Stadt.", lang="de", dct=DCT)
    assert [(t.text, t.value) for t in found] == [("Nacht vom 16.", "1945-04-16"), ("17. April 1945", "1945-04-17")]
