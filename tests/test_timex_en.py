"""English temporal tagging: one table per rule family (sentence, dct, span text, value, dates, precision)."""
from __future__ import annotations

from datetime import date

import pytest

from events.timex import Timex, tag

D = date.fromisoformat
DCT = date(2022, 1, 7)


def only(sentence: str, dct: date | None, text: str) -> Timex:
    """The single expression whose text is ``text``; fails listing what was found instead."""
    found = tag(sentence, lang="en", dct=dct)
    hits = [t for t in found if t.text == text]
    assert len(hits) == 1, f"{text!r} not tagged once in {sentence!r}: {[(t.text, t.value) for t in found]}"
    return hits[0]


def check(sentence, dct, text, value, start, end, precision):
    t = only(sentence, dct, text)
    assert (t.value, t.date_start, t.date_end, t.precision) == (
        value, D(start) if start else None, D(end) if end else None, precision)
    return t


ABSOLUTE = [
    ("Protests began on January 7th, 2022 in Almaty.", "January 7th, 2022", "2022-01-07", "2022-01-07",
     "2022-01-07", "day"),
    ("Protests began on 7 January 2022 in Almaty.", "7 January 2022", "2022-01-07", "2022-01-07", "2022-01-07",
     "day"),
    ("The summit opened on Jan. 12, 2023.", "Jan. 12, 2023", "2023-01-12", "2023-01-12", "2023-01-12", "day"),
    ("The order is dated 2022-01-07.", "2022-01-07", "2022-01-07", "2022-01-07", "2022-01-07", "day"),
    ("The party was banned in 2014.", "2014", "2014", "2014-01-01", "2014-12-31", "year"),
    ("In early 2022 unrest spread.", "early 2022", "2022", "2022-01-01", "2022-04-30", "year"),
    ("The pipeline was built in the 1990s.", "1990s", "199", "1990-01-01", "1999-12-31", "decade"),
    ("Oil output peaked in the mid-1990s.", "mid-1990s", "199", "1993-05-02", "1996-08-30", "decade"),
    ("The 20th century brought two wars.", "20th century", "19", "1900-01-01", "1999-12-31", "century"),
    ("Borders closed in March 2020.", "March 2020", "2020-03", "2020-03-01", "2020-03-31", "month"),
    ("The steppe burned in summer 2021.", "summer 2021", "2021-SU", "2021-06-01", "2021-08-31", "season"),
    ("Carthage fell in 146 BC after a siege.", "146 BC", "BC0146", None, None, "year"),
]


@pytest.mark.parametrize("sentence,text,value,start,end,precision", ABSOLUTE)
def test_absolute(sentence, text, value, start, end, precision):
    t = check(sentence, DCT, text, value, start, end, precision)
    assert t.source == "explicit" and not t.generic


def test_day_range_is_two_expressions():
    found = tag("The talks ran from 2 to 5 January 2022.", lang="en", dct=DCT)
    assert [(t.text, t.value) for t in found] == [("2", "2022-01-02"), ("5 January 2022", "2022-01-05")]


DEICTIC = [
    ("Today the council meets.", "Today", "2022-01-07", "2022-01-07", "2022-01-07", "day"),
    ("Votes were cast late last month.", "late last month", "2021-12", "2021-12-21", "2021-12-31", "month"),
    ("It began early last year.", "early last year", "2021", "2021-01-01", "2021-04-30", "year"),
    ("The airport was seized yesterday.", "yesterday", "2022-01-06", "2022-01-06", "2022-01-06", "day"),
    ("Troops land tomorrow.", "tomorrow", "2022-01-08", "2022-01-08", "2022-01-08", "day"),
    ("Prices rose last week.", "last week", "2021-W52", "2021-12-27", "2022-01-02", "week"),
    ("Elections are due next month.", "next month", "2022-02", "2022-02-01", "2022-02-28", "month"),
    ("The treaty was signed 25 years ago.", "25 years ago", "1997", "1997-01-01", "1997-12-31", "year"),
    ("The situation is currently calm.", "currently", "PRESENT_REF", "2022-01-07", "2022-01-07", "day"),
]


@pytest.mark.parametrize("sentence,text,value,start,end,precision", DEICTIC)
def test_deictic_anchor_on_dct(sentence, text, value, start, end, precision):
    check(sentence, DCT, text, value, start, end, precision)


ANAPHORIC = [
    ("The plant opened in 2010. The following year it closed.", "The following year", "2011", "2011-01-01",
     "2011-12-31", "year"),
    ("The city fell on 5 May 1945. Three days later the army surrendered.", "Three days later", "1945-05-08",
     "1945-05-08", "1945-05-08", "day"),
    ("Astana became the capital in 1998. On 12 December the ministries moved.", "12 December", "1998-12-12",
     "1998-12-12", "1998-12-12", "day"),
]


@pytest.mark.parametrize("sentence,text,value,start,end,precision", ANAPHORIC)
def test_anaphoric_anchor_on_last_mentioned_date(sentence, text, value, start, end, precision):
    check(sentence, DCT, text, value, start, end, precision)


QUOTED = [
    ("In 1991 Weinstein said: \"A lot of what we do today was done 25 years ago by the CIA.\"", "today", "1991",
     "1991-01-01", "1991-12-31", "year"),
    ("In 1991 Weinstein said: \"A lot of what we do today was done 25 years ago by the CIA.\"", "25 years ago",
     "1966", "1966-01-01", "1966-12-31", "year"),
    ("“Today is a good day,” Tokayev said on 3 March 2019.", "Today", "2019-03-03", "2019-03-03", "2019-03-03",
     "day"),
]


@pytest.mark.parametrize("sentence,text,value,start,end,precision", QUOTED)
def test_quotation_with_own_date_anchors_its_deictics(sentence, text, value, start, end, precision):
    check(sentence, DCT, text, value, start, end, precision)


GENERIC = [
    ("They celebrate it on 7 January, not on 25 December.", "7 January", "XXXX-01-07"),
    ("Every year on 9 May veterans march through Almaty.", "9 May", "XXXX-05-09"),
    ("They protest every Sunday.", "every Sunday", "XXXX-WXX-7"),
]


@pytest.mark.parametrize("sentence,text,value", GENERIC)
def test_generic_mentions_have_no_dates(sentence, text, value):
    t = only(sentence, DCT, text)
    assert (t.value, t.generic, t.date_start, t.date_end) == (value, True, None, None)


NO_DCT = [
    ("Today the summit begins.", "Today", "PRESENT_REF"),
    ("Protests began last week.", "last week", "PAST_REF"),
    ("They arrived on 7 January.", "7 January", "XXXX-01-07"),
]


@pytest.mark.parametrize("sentence,text,value", NO_DCT)
def test_without_dct_relatives_keep_value_and_get_no_dates(sentence, text, value):
    t = only(sentence, None, text)
    assert (t.value, t.date_start, t.date_end) == (value, None, None)


DURATIONS = [
    ("The fighting lasted three days.", "three days", "P3D"),
    ("The coup was put down in a few days.", "a few days", "PXD"),
    ("The country was independent for 25 years.", "25 years", "P25Y"),
]


@pytest.mark.parametrize("sentence,text,value", DURATIONS)
def test_durations_have_value_but_no_dates(sentence, text, value):
    t = only(sentence, DCT, text)
    assert (t.value, t.date_start, t.date_end) == (value, None, None)


NO_FALSE_DATES = [
    "Moscow television reports on it around the clock.",
    "Russia sends 3,000 paratroopers to Kazakhstan.",
    "Many of the 19 million inhabitants could flee.",
    "About 15 percent of the population are Russians.",
    "The S-550 system is developed there.",
    "The government sent 2000 soldiers and paid 1500 dollars.",
    "May I ask a question? The Arab Spring changed the region.",
    "She will march with the others.",
]


@pytest.mark.parametrize("sentence", NO_FALSE_DATES)
def test_no_false_dates(sentence):
    assert [t.text for t in tag(sentence, lang="en", dct=DCT)] == []


def test_date_in_an_aside_does_not_date_the_quotation():
    text = "Tokayev, who took office in March 2019, told parliament: \"Today we face a crisis.\""
    check(text, DCT, "Today", "2022-01-07", "2022-01-07", "2022-01-07", "day")


def test_recent_year_sentences_back_leaves_news_dates_on_dct():
    text = "A census was held in 2021. The army moved. Elections follow. Officials met. On 12 December votes are cast."
    check(text, DCT, "12 December", "2022-12-12", "2022-12-12", "2022-12-12", "day")
