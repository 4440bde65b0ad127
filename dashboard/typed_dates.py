"""A date range typed in words ("last week", "März 2022", "2021", "вчера") -> an ISO from/to pair.

The date picker is slow for the questions analysts ask ("what happened last month?"), and such
phrases are single date strings, not running text: the job `dateparser` does well. Relative phrases
resolve against the data's own latest date, never the clock, so a link or a screenshot means the
same thing tomorrow. The period dateparser reports (day, week, month, year) widens the date into
the interval the phrase names.
"""
from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

LANGUAGES = ("en", "de", "ru")


def typed_range(text: str, *, anchor: date) -> tuple[str, str] | None:
    """(from, to) ISO dates for a phrase, or None when it names no date."""
    text = text.strip()
    if not text:
        return None
    from dateparser.date import DateDataParser  # slow to import: only when a phrase is typed

    parser = DateDataParser(languages=list(LANGUAGES), settings={
        "RETURN_TIME_AS_PERIOD": True, "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day)})
    try:
        found = parser.get_date_data(text)
    except (ValueError, OverflowError):  # e.g. "year 99999": not a date the views can show
        return None
    if found.date_obj is None:
        return None
    start, end = period_bounds(found.date_obj.date(), found.period or "day")
    return start.isoformat(), end.isoformat()


def period_bounds(day: date, period: str) -> tuple[date, date]:
    """The inclusive interval of the week (ISO, Monday first), month or year around ``day``."""
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, min(monday + timedelta(days=6), date.max)
    if period == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day
