"""Typed date phrases resolve against the data's latest date, never the clock."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.typed_dates import period_bounds, typed_range

ANCHOR = date(2022, 1, 12)  # a Wednesday


@pytest.mark.parametrize(("text", "expected"), [
    ("last week", ("2022-01-03", "2022-01-09")),
    ("letzte Woche", ("2022-01-03", "2022-01-09")),
    ("March 2021", ("2021-03-01", "2021-03-31")),
    ("im März 2021", ("2021-03-01", "2021-03-31")),
    ("2021", ("2021-01-01", "2021-12-31")),
    ("yesterday", ("2022-01-11", "2022-01-11")),
    ("gestern", ("2022-01-11", "2022-01-11")),
    ("вчера", ("2022-01-11", "2022-01-11")),
    ("7 January 2022", ("2022-01-07", "2022-01-07")),
    ("last month", ("2021-12-01", "2021-12-31")),
])
def test_phrases_name_the_interval_they_mean(text: str, expected: tuple[str, str]) -> None:
    assert typed_range(text, anchor=ANCHOR) == expected


@pytest.mark.parametrize("text", ["", "   ", "blah", "Kazakhstan"])
def test_text_without_a_date_gives_none(text: str) -> None:
    assert typed_range(text, anchor=ANCHOR) is None


def test_relative_phrases_follow_the_anchor_not_today() -> None:
    assert typed_range("yesterday", anchor=date(1999, 3, 1)) == ("1999-02-28", "1999-02-28")


@pytest.mark.parametrize(("period", "expected"), [
    ("day", (date(2024, 2, 29), date(2024, 2, 29))),
    ("week", (date(2024, 2, 26), date(2024, 3, 3))),
    ("month", (date(2024, 2, 1), date(2024, 2, 29))),
    ("year", (date(2024, 1, 1), date(2024, 12, 31))),
])
def test_period_bounds(period: str, expected: tuple[date, date]) -> None:
    assert period_bounds(date(2024, 2, 29), period) == expected


def test_the_dashboard_anchors_phrases_on_its_latest_publication() -> None:
    import pandas as pd

    from dashboard.data import prepare
    from dashboard.views import typed_dates

    rows = [{"kind": "event", "id": f"e{day}", "doc_id": "d", "event_type": "protest",
             "date_start": f"2019-06-{day:02d}", "date_end": f"2019-06-{day:02d}", "actors": [],
             "doc_published": "2019-06-20", "sentence": "s", "char_start": 0, "char_end": 1, "confidence": 0.5}
            for day in (3, 10)]
    data = prepare(pd.DataFrame(rows))
    assert typed_dates(data, "last month") == ("2019-05-01", "2019-05-31")
    assert typed_dates(data, "yesterday") == ("2019-06-19", "2019-06-19")
    assert typed_dates(data, "") is None
    assert typed_dates(data, "no date here") is None
