"""Publication dates anywhere in years 1-9999 (what a date picker or `--dct` accepts) extract
without error: date arithmetic past the calendar's edges leaves an expression undated instead of
raising ("next year" from 9999-12-31, "vor 3 Tagen" from 0001-01-01)."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from events.model import record_from_dict
from events.pipeline import extract
from events.timex import tag
from events.timex.calendar import Point, day_point, interval, shift

SENTENCES = {
    "de": ["Gestern entsandte Russland Truppen nach Almaty.", "Morgen kommt die OVKS nach Astana.",
           "Im nächsten Jahr wählt Kasachstan.", "Vor 25 Jahren protestierten Studenten in Almaty.",
           "Letzte Woche traf Tokajew Putin in Moskau.", "In drei Tagen beginnt der Gipfel in Astana.",
           "Am Montag demonstrierten Menschen in Aktau.", "Am 5. Januar 2022 demonstrierten Menschen in Aktau.",
           "Seit dem 5. Januar protestieren Menschen in Almaty.", "Nächsten Monat wählt Almaty.",
           "Im kommenden Jahrzehnt baut China in Astana.", "Heute gibt es Proteste in Almaty.",
           "Im Winter protestierten Bauern in Schymkent.", "Vom 2. bis 5. Januar streikten Arbeiter in Aktau."],
    "en": ["Yesterday Russia sent troops to Almaty.", "Tomorrow the CSTO arrives in Astana.",
           "Next year Kazakhstan votes.", "25 years ago students protested in Almaty.",
           "Last week Tokayev met Putin in Moscow.", "In three days the summit starts in Astana.",
           "On Monday people protested in Aktau.", "On 5 January 2022 people protested in Aktau.",
           "Next month Almaty votes.", "Last decade China built a road in Astana.",
           "Next winter farmers will protest in Shymkent.", "Today there are protests in Almaty."],
}
EDGES = [date(1, 1, 1), date(1, 1, 3), date(10, 6, 1), date(1677, 9, 21), date(2262, 4, 12),
         date(9998, 12, 31), date(9999, 12, 25), date(9999, 12, 31)]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lang=st.sampled_from(sorted(SENTENCES)), data=st.data(),
       published=st.one_of(st.sampled_from(EDGES), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))))
@example(lang="de", data=None, published=date(1, 1, 1))
@example(lang="en", data=None, published=date(9999, 12, 31))
def test_any_publication_date_extracts_valid_records(lang: str, data: st.DataObject | None, published: date) -> None:
    sentences = SENTENCES[lang] if data is None else data.draw(
        st.lists(st.sampled_from(SENTENCES[lang]), min_size=1, max_size=8))
    text = " ".join(sentences)
    records = extract(text, doc_id="doc", lang=lang, published=published)
    assert records, "the publication itself is always a record"
    for record in records:
        typed = record_from_dict(record)  # raises on any value outside the record model
        assert typed.to_dict() == record
    for timex in tag(text, lang=lang, dct=published):
        if timex.date_start is not None:
            assert timex.date_start <= timex.date_end


def test_the_document_week_clamps_at_the_first_day() -> None:
    records = extract("Russland entsandte Truppen nach Almaty.", doc_id="d", lang="de", published=date(1, 1, 3))
    [event] = [r for r in records if r["kind"] == "event" and r["event_type"] != "publication"]
    assert (event["date_start"], event["date_end"], event["date_source"]) == ("0001-01-01", "0001-01-03", "document")


@pytest.mark.parametrize(("text", "dct", "value"), [
    ("Im nächsten Jahr wählt Kasachstan.", date(9999, 12, 31), "10000"),
    ("Kasachstan wählt morgen.", date(9999, 12, 31), "10000-01-01"),
    ("Gestern wählte Kasachstan.", date(1, 1, 1), "BC0001-12-31"),
    ("Vor 25 Jahren wählte Kasachstan.", date(10, 6, 1), "BC0016"),
])
def test_an_expression_past_the_calendar_is_valued_but_undated(text: str, dct: date, value: str) -> None:
    [timex] = tag(text, lang="de", dct=dct)
    assert (timex.value, timex.date_start, timex.date_end) == (value, None, None)


def test_days_outside_the_date_type_follow_the_proleptic_calendar() -> None:
    assert day_point(0) == Point(-1, 12, 31, "day")      # the day before 0001-01-01
    assert day_point(-365) == Point(-1, 1, 1, "day")     # 1 BC is a leap year
    assert day_point(date.max.toordinal() + 1) == Point(10000, 1, 1, "day")
    assert shift(Point(1, 1, None, "month"), -1, "M") == Point(-1, 12, None, "month")


def test_the_last_year_still_has_dates() -> None:
    assert interval(Point(9999, 12, 31, "day")) == (date(9999, 12, 31), date(9999, 12, 31))
    assert interval(Point(9999, 6, None, "month")) == (date(9999, 6, 1), date(9999, 6, 30))
    assert interval(Point(9999, 12, 31, "week")) == (None, None)   # its Sunday is in year 10000
    assert interval(Point(9999, None, None, "season", "WI")) == (None, None)
