"""Dates as epoch milliseconds for every year the record model allows (1-9999).

pandas Timestamps hold nanoseconds and stop at 1677 and 2262, so a history text's events broke the
filters and exports. Here days come from ``date.toordinal()``; plotly draws epoch milliseconds
on a date axis from year 1 to 9999 as well. Float milliseconds are exact over that range (|ms| <
2.6e14 < 2**53).
"""
from __future__ import annotations

import math
import re
from datetime import date

import numpy as np
import pandas as pd

DAY_MS = 86_400_000.0
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
FIRST_MS = (date.min.toordinal() - EPOCH_ORDINAL) * DAY_MS
END_MS = (date.max.toordinal() + 1 - EPOCH_ORDINAL) * DAY_MS  # exclusive: the end of 9999-12-31
# plotly.js (measured in Chromium) refuses an axis range that ends on 9999-12-31 and falls back to
# the year 2000, and its range slider breaks on padding past that day: what is drawn stops at
# 9999-12-30 23:59, so an event of the calendar's last day sits at the very end of the axis.
AXIS_LAST_MS = END_MS - DAY_MS - 60_000
# What plotly sends back for a date axis ("1500-06-15 12:00:00.5", "0999-12-31", "-0500-01-01").
_PLOTLY_DATE = re.compile(r"\s*(-?\d{1,5})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2}(?:\.\d*)?))?)?)?)?)?\s*$")


def day_ms(day: date) -> float:
    """Epoch milliseconds of the start of ``day``."""
    return (day.toordinal() - EPOCH_ORDINAL) * DAY_MS


def iso_ms(value: str) -> float:
    """Epoch milliseconds of an ISO date ("0500-03-01"; a time after the date is ignored)."""
    return day_ms(parse_iso(value))


def parse_iso(value: str) -> date:
    """The date of an ISO date string; ValueError naming the value otherwise."""
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"not an ISO date: {value!r}") from None


def ms_date(ms: float) -> date:
    """The day an epoch-millisecond instant falls on, clamped to years 1-9999."""
    ordinal = math.floor(ms / DAY_MS) + EPOCH_ORDINAL
    return date.fromordinal(min(max(ordinal, 1), date.max.toordinal()))


def ms_iso(ms: float) -> str:
    """ISO date of an instant, four-digit year ("0999-12-31"), as plotly and the URL write it."""
    return ms_date(ms).isoformat()


def ms_minute_iso(ms: float) -> str:
    """An instant to the minute ("2022-01-03T06:00"), or its date alone at midnight ("2022-01-03")."""
    day = ms_date(ms)
    minutes = max(0, min(round((ms - day_ms(day)) / 60_000), 24 * 60 - 1))
    return day.isoformat() + (f"T{minutes // 60:02d}:{minutes % 60:02d}" if minutes else "")


def plotly_ms(value: str | float) -> float:
    """Epoch milliseconds of a plotly axis value (a number or a date-time string), clamped to years
    1-9999: a user may pan the axis past either end."""
    if isinstance(value, (int, float)):
        return min(max(float(value), FIRST_MS), END_MS)
    match = _PLOTLY_DATE.match(str(value))
    if match is None:
        raise ValueError(f"not a date: {value!r}")
    year, month, day, hour, minute, second = match.groups()
    if int(year) < 1:
        return FIRST_MS
    if int(year) > 9999:
        return END_MS
    start = day_ms(date(int(year), int(month or 1), int(day or 1)))
    return start + ((int(hour or 0) * 60 + int(minute or 0)) * 60 + float(second or 0)) * 1000


def on_axis(values: np.ndarray | float) -> np.ndarray | float:
    """Epoch milliseconds clipped to what a plotly date axis can show (years 1-9999)."""
    return np.clip(values, FIRST_MS, AXIS_LAST_MS)


def iso_column_ms(values: pd.Series) -> np.ndarray:
    """Epoch milliseconds of a column of ISO dates; NaN where a value is missing or not a date.
    Each distinct value is parsed once (events share few dates)."""
    parsed: dict[object, float] = {}
    for value in pd.unique(values.dropna()):
        try:
            parsed[value] = iso_ms(value)
        except ValueError:
            parsed[value] = math.nan
    return values.map(parsed).to_numpy(dtype="float64", na_value=math.nan)
