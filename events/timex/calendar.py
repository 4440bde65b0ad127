"""Calendar arithmetic for timex values: reference points, intervals, TimeML value strings.

Years are signed integers (212 BC -> -212) so that ancient history can be shifted and formatted
("BC0212") even though Python dates cannot hold it; such points simply get no date interval. The
same holds past the other edge: "next year" from 9999-12-31 is the point 10000, valued but undated.
Arithmetic never raises at the edges of Python's date range (years 1-9999).
"""
from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass, replace
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
PART_THIRD = {"START": 0, "MID": 1, "END": 2}
NIGHT_BEFORE = "NIGHT_BEFORE"   # "in der Nacht auf Mittwoch": the night from the day before into this one
GRANULARITY = ("century", "decade", "year", "season", "month", "week", "day")
MAX_ORDINAL = date.max.toordinal()
DAYS_PER_400_YEARS = 146_097


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar reference at some precision: the anchor of relative expressions."""
    year: int
    month: int | None = None
    day: int | None = None
    precision: str = "year"   # day|week|month|season|year|decade|century
    season: str | None = None

    @classmethod
    def of(cls, d: date) -> "Point":
        return cls(d.year, d.month, d.day, "day")

    def as_date(self) -> date | None:
        if self.day is None or not 1 <= self.year <= 9999:
            return None
        return date(self.year, self.month or 1, self.day)


def year_value(year: int) -> str:
    """TimeML year: 4 digits, 'BC' prefix for years before Christ."""
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def value_of(p: Point) -> str:
    """TimeML value of a point at its own precision."""
    if p.precision == "day":
        return f"{year_value(p.year)}-{p.month:02d}-{p.day:02d}"
    if p.precision == "week":
        d = p.as_date()
        if d is None:
            return f"{year_value(p.year)}-WXX"
        iso = d.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if p.precision == "month":
        return f"{year_value(p.year)}-{p.month:02d}"
    if p.precision == "season":
        return f"{year_value(p.year)}-{p.season}"
    if p.precision == "decade":
        return year_value(p.year)[:-1]
    if p.precision == "century":
        return year_value(p.year)[:-2]
    return year_value(p.year)


def add_days(d: date, days: int) -> date | None:
    """``d`` moved by ``days``, or None past the edges of the calendar (0001-01-01, 9999-12-31)."""
    ordinal = d.toordinal() + days
    return date.fromordinal(ordinal) if 1 <= ordinal <= MAX_ORDINAL else None


def day_point(ordinal: int, precision: str = "day") -> Point:
    """The day of a proleptic Gregorian ordinal (1 = 0001-01-01), also outside years 1-9999 where
    ``date`` cannot go ("vor 3 Tagen" on 0001-01-01 is 29 December 1 BC: valued, not dated). The
    calendar repeats every 400 years, so the day is found in the cycle that ``date`` covers."""
    cycles, rest = divmod(ordinal - 1, DAYS_PER_400_YEARS)
    d = date.fromordinal(rest + 1)
    year = d.year + 400 * cycles
    return Point(year if year > 0 else year - 1, d.month, d.day, precision)  # no year 0: 0 is 1 BC


def interval(p: Point, part: str | None = None) -> tuple[date | None, date | None]:
    """Inclusive date interval of a point, narrowed by ``part``: a year to its first/middle/last
    third, a month to days 1-10/11-20/21-end; decades and centuries stay whole. (None, None) when
    the interval does not fit in years 1-9999."""
    if not 1 <= p.year <= 9999:
        return None, None
    if p.precision == "day":
        d = p.as_date()
        return (d - timedelta(days=1) if part == NIGHT_BEFORE and d > date.min else d), d
    if p.precision == "week":
        d = p.as_date()
        monday = add_days(d, -d.weekday())
        sunday = monday and add_days(monday, 6)
        return (monday, sunday) if sunday else (None, None)
    if p.precision == "month":
        last = _cal.monthrange(p.year, p.month)[1]
        if part in PART_THIRD:          # early/mid/late month: days 1-10, 11-20, 21-end (the gold guidelines)
            first = 1 + 10 * PART_THIRD[part]
            return date(p.year, p.month, first), date(p.year, p.month, last if part == "END" else first + 9)
        start, end = date(p.year, p.month, 1), date(p.year, p.month, last)
    elif p.precision == "season":
        first, last = SEASON_MONTHS[p.season]
        end_year = p.year + 1 if last < first else p.year
        if end_year > 9999:
            return None, None
        start = date(p.year, first, 1)
        end = date(end_year, last, _cal.monthrange(end_year, last)[1])
    elif p.precision == "year":
        if part:
            third = PART_THIRD[part]
            first, last = 1 + 4 * third, 4 + 4 * third
            return date(p.year, first, 1), date(p.year, last, _cal.monthrange(p.year, last)[1])
        start, end = date(p.year, 1, 1), date(p.year, 12, 31)
    elif p.precision == "decade":   # "mid-1970s" is the whole decade: its thirds are too vague to date
        base = p.year - p.year % 10
        return date(max(base, 1), 1, 1), date(base + 9, 12, 31)
    else:  # century, as TimeML writes it: '19' = 1900-1999; its parts are not narrowed either
        base = p.year - p.year % 100
        return date(max(base, 1), 1, 1), date(base + 99, 12, 31)
    if part:
        span = (end - start).days + 1
        third = PART_THIRD[part]
        start, end = (start + timedelta(days=span * third // 3),
                      start + timedelta(days=span * (third + 1) // 3 - 1))
    return start, end


def coarser(a: str, b: str) -> str:
    """The coarser of two precisions."""
    return a if GRANULARITY.index(a) < GRANULARITY.index(b) else b


def shift(p: Point, amount: int, unit: str) -> Point:
    """Move a point by ``amount`` units (D, W, M, Y, DE, CE); result has the unit's precision,
    or the point's own precision when the unit is finer than what the point knows."""
    unit_precision = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century"}[unit]
    precision = coarser(unit_precision, p.precision if p.precision != "season" else "month")
    if unit in ("D", "W"):
        d = p.as_date()
        if d is None:
            return replace(p, precision=coarser(p.precision, "year") if p.day is None else p.precision)
        return day_point(d.toordinal() + amount * (7 if unit == "W" else 1), precision)
    if unit == "M":
        if p.month is None:
            return replace(p, season=None, precision="year")
        months = p.year * 12 + (p.month - 1) + amount
        year, month = divmod(months, 12)
        if p.year > 0 >= year:
            year -= 1      # there is no year 0: the month before January of year 1 is in 1 BC
        day = min(p.day, _cal.monthrange(year, month + 1)[1]) if p.day and 1 <= year <= 9999 else p.day
        return Point(year, month + 1, day if precision == "day" else None, precision)
    years = amount * {"Y": 1, "DE": 10, "CE": 100}[unit]
    year = p.year + years
    if p.year > 0 >= year:
        year -= 1          # there is no year 0
    elif p.year < 0 <= year:
        year += 1
    keep_month = precision in ("month", "day", "season")
    return Point(year, p.month if keep_month else None, p.day if precision == "day" else None,
                 precision, p.season if precision == "season" else None)


def at_precision(p: Point, precision: str) -> Point:
    """The point cut down to a coarser precision (a day anchor seen as its year, ...)."""
    precision = coarser(precision, p.precision)
    return Point(p.year, p.month if precision in ("month", "week", "day") else None,
                 p.day if precision in ("week", "day") else None, precision,
                 p.season if precision == "season" else None)
