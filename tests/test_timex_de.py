"""German temporal tagging beyond the shared tables (test_timex_tables.py): ranges, narratives, asides."""
from __future__ import annotations

import pytest

from events.timex import tag
from timex_support import DCT, D, check


def test_day_range_is_two_expressions_sharing_month_and_year():
    found = tag("Die Sitzung dauerte vom 2. bis 5. Januar 2022.", lang="de", dct=DCT)
    assert [(t.text, t.value) for t in found] == [("2.", "2022-01-02"), ("5. Januar 2022", "2022-01-05")]


def test_year_range_right_year_shares_century():
    found = tag("Der Krieg von 1870/71 veränderte Europa.", lang="de", dct=DCT)
    assert [(t.text, t.value) for t in found] == [("1870", "1870"), ("71", "1871")]


def test_narrative_document_anchors_day_month_on_story_not_dct():
    story = ("Im Juni 1941 begann der Angriff. Die Armee rückte schnell vor. Viele Städte fielen. "
             "Die Versorgung brach zusammen. Am 3. Oktober erreichten die Truppen den Fluss.")
    check("de", story, D("2011-02-16"), "3. Oktober", "1941-10-03", "1941-10-03", "1941-10-03", "day")


def test_news_document_anchors_distant_day_month_on_dct():
    news = ("Im Jahr 2014 gab es Proteste. Die Regierung reagierte. Gestern tagte das Parlament. "
            "Die Opposition protestierte. Am 12. Dezember soll gewählt werden.")
    check("de", news, DCT, "12. Dezember", "2022-12-12", "2022-12-12", "2022-12-12", "day")


def test_undated_quotation_keeps_dct_anchor():
    check("de", "Der Sprecher sagte: „Heute beginnt die Operation.“", DCT, "Heute", "2022-01-07", "2022-01-07",
          "2022-01-07", "day")


def test_heading_with_a_year_sets_the_time_of_its_sections():
    text = ("1862\n\nWestfront\n\nIm Juli 1863 fiel die Festung.\n\nOstfront\n\n"
            "Am 4. März griff die Armee an.")
    check("de", text, D("2011-02-16"), "4. März", "1862-03-04", "1862-03-04", "1862-03-04", "day")


def test_year_after_seit_is_an_aside_not_the_story_time():
    text = ("Am 28. Oktober 1940 griffen Verbände an. Das Land war seit 1939 besetzt. Die Armee zögerte. "
            "Die Flotte lief aus. Am 3. November gingen die Griechen zum Gegenangriff über.")
    check("de", text, D("2011-02-16"), "3. November", "1940-11-03", "1940-11-03", "1940-11-03", "day")


def test_short_year_in_ancient_story_takes_the_era():
    text = "Im Jahr 149 v. Chr. begann der Krieg. Die Belagerung dauerte lange. Das Jahr 147 brachte die Wende."
    check("de", text, D("2011-02-16"), "Das Jahr 147", "BC0147", None, None, "year")


@pytest.mark.parametrize("sentence", ["Der Vertrag vom 31. April galt nie.", "Am 30. Februar 2023 war nichts."])
def test_impossible_dates_are_not_tagged(sentence):
    assert [t for t in tag(sentence, lang="de", dct=DCT) if t.precision == "day"] == []


@pytest.mark.parametrize("dct,value", [(D("2025-01-20"), "2024-02-29"), (D("2023-01-20"), None)])
def test_29_february_without_year_is_the_nearest_leap_day(dct, value):
    found = [t.value for t in tag("Am 29. Februar wurde gewählt.", lang="de", dct=dct) if t.precision == "day"]
    assert found == ([value] if value else [])


def test_night_range_keeps_night_in_left_span():
    found = tag("In der Nacht vom 16. auf den 17. April 1945 fiel die Stadt.", lang="de", dct=DCT)
    assert [(t.text, t.value) for t in found] == [("Nacht vom 16.", "1945-04-16"), ("17. April 1945", "1945-04-17")]
