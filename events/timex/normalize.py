"""Normalisation functions: a rule match plus its anchors -> TimeML value and calendar point.

Each rule in timex.yaml names one of the functions in NORMALISERS; they read the rule's named
groups (day, month, year, unit, ...) and never look at the text around the match: everything
contextual (which anchor, generic or not) arrives in a Context decided by anchoring.py.
"""
from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace

from events.timex.calendar import Point, at_precision, interval, shift, value_of
from events.timex.grammar import Grammar, Rule

UNIT_PRECISION = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century"}
# For a vague count ("wenige Tage später") the result is only known one step coarser.
VAGUE_PRECISION = {"D": "month", "W": "month", "M": "year", "Y": "decade", "DE": "century", "CE": "century",
                   "H": "day", "MIN": "day"}
CLOCK_UNITS = {"H": "H", "MIN": "M"}   # TimeML writes hours and minutes after a 'T': PT3H, PT30M
DIRECTION_REF = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}
COARSE_REFERENCE = {"year", "decade", "century"}   # anchors too coarse to pick a day's or month's year
RECENT_YEARS = 2   # as anchoring.NARRATIVE_GAP_YEARS: an older anchor means the text has moved into the past


@dataclass(frozen=True, slots=True)
class Context:
    """What a single expression is resolved against."""
    deictic: Point | None     # the dct, or the date of the statement a quotation belongs to
    narrative: Point | None   # the last date the text mentioned (or the dct in news-like text)
    narrative_doc: bool       # the document tells a story set far from its publication date
    generic: bool             # the clause marks a recurring date ("jeden", "feiern ... am")
    tense: int = 0            # tense of the clause: +1 future, -1 past, 0 no cue


@dataclass(frozen=True, slots=True)
class Resolved:
    """One normalised expression; ``point`` is None when no calendar date can be given."""
    start: int
    end: int
    value: str
    point: Point | None
    part: str | None = None
    precision: str | None = None
    explicit: bool = False
    generic: bool = False
    kind: str = "date"        # date | deictic | anaphoric | flashback | duration | ref


Normaliser = Callable[[Rule, re.Match[str], Grammar, Context], list[Resolved]]


def _span(rule: Rule, m: re.Match[str]) -> tuple[int, int]:
    return m.start(rule.prefix), m.end(rule.prefix)


def _lookup(g: Grammar, lexicon: str, word: str | None):
    return None if word is None else g.lexicons.get(lexicon, {}).get(re.sub(r"\s+", " ", word.lower()))


# The next finer unit and how many of it make one: a fractional count ("dreieinhalb Jahre") is counted
# in it (42 months), so the shifted date keeps the precision the text has.
FINER_UNIT = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "DE": ("Y", 10), "CE": ("Y", 100)}


# Units of a backward shift that is a flashback, not a step of the story: "drei Jahre zuvor" sets
# no new story time, while "zwei Tage zuvor" may ("Zwei Tage zuvor war er gelandet. Dann ...").
FLASHBACK_UNITS = frozenset({"Y", "DE", "CE"})


def _amount(rule: Rule, m: re.Match[str], g: Grammar) -> int | float | None:
    """A count from digits or a number word (1.5 for "anderthalb"); None for vague counts ("wenige")."""
    digits = rule.get(m, "num")
    if digits:
        return int(digits)
    value = _lookup(g, "numword", rule.get(m, "numword"))
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _counted(rule: Rule, m: re.Match[str], g: Grammar) -> tuple[int | None, str]:
    """The expression's count and unit, a fractional count restated as whole finer units
    ("zweieinhalb Jahre" -> 30 M); a fraction of a day or finer unit is rounded."""
    unit, amount = _lookup(g, "unit", rule.get(m, "unit")), _amount(rule, m, g)
    if isinstance(amount, float) and not amount.is_integer() and unit in FINER_UNIT:
        unit, factor = FINER_UNIT[unit]
        amount *= factor
    return (None if amount is None else round(amount)), unit


def _expand_year(two_digits: str, ctx: Context) -> int:
    """'39' -> 1939, '22' -> 2022: the century that keeps the year at most 10 years after the anchor."""
    yy = int(two_digits)
    reference = ctx.deictic.year if ctx.deictic else 2000
    year = (reference // 100) * 100 + yy
    return year - 100 if year > reference + 10 else year


def _unknown_year_value(month: int | None, day: int | None, season: str | None) -> str:
    if season:
        return f"XXXX-{season}"
    if day and month:
        return f"XXXX-{month:02d}-{day:02d}"
    return f"XXXX-{month:02d}" if month else "XXXX"


def _impossible(year: int | None, month: int | None, day: int | None) -> bool:
    """'31. April', '29. Februar 2023': not a date, so not a temporal expression."""
    if not (month and day):
        return False
    leap_year = 2000 if year is None or not 1 <= year <= 9999 else year
    return day > monthrange(leap_year, month)[1]


def _calendar_point(fields: dict, ctx: Context, start: int, end: int) -> Resolved | None:
    """Build a date from day/month/year/season fields, taking a missing year from the anchor."""
    year, month, day, season = fields.get("year"), fields.get("month"), fields.get("day"), fields.get("season")
    if _impossible(year, month, day):
        return None
    explicit = year is not None
    anchor = None if ctx.generic else ctx.narrative
    if day is not None and month is None and anchor is not None and anchor.month:
        month = anchor.month
    if year is None and anchor is not None and (month or season):
        year = _occurrence_year(month, day, season, ctx)
        if _impossible(year, month, day):      # 29 February in a year without one
            return None
    elif year is None and anchor is not None:
        year = anchor.year
    precision = "day" if day and month else "month" if month else "season" if season else "year"
    generic = ctx.generic and not explicit
    if year is None or (day and not month):
        return Resolved(start, end, _unknown_year_value(month, day, season), None, fields.get("part"),
                        precision, generic=generic, kind="anaphoric")
    point = Point(year, month, day if precision == "day" else None, precision, season)
    return Resolved(start, end, value_of(point), point, fields.get("part"), precision, explicit,
                    kind="date" if explicit else "anaphoric")


def _occurrence_year(month: int | None, day: int | None, season: str | None, ctx: Context) -> int:
    """The year of a day, month or season named without one: its occurrence nearest the reference
    time (ties go to the past) among those the clause's tense allows - on or before the time of
    speech for a past tense, on or after it for a future one.

    The reference time is the narrative anchor. In news, a recent anchor known only to the year
    ("the 2021 death ... on May 16") says nothing about which May 16 is meant, so the time of speech
    is the reference then. Tense is read against the time of speech only in news: a history tells
    everything in the past tense, which says nothing about its story's order; there the story's year
    is kept (HeidelTime's rule), since histories move forward through a year more often than not."""
    reference, speech = ctx.narrative, ctx.deictic
    if ctx.narrative_doc:   # measured on WikiWarsDE: the nearest occurrence loses 0.003-0.005 value accuracy
        return reference.year
    news_speech = speech if speech is not None and speech.precision == "day" else None
    if news_speech and reference.precision in COARSE_REFERENCE and reference.year >= speech.year - RECENT_YEARS:
        reference = news_speech
    ref_start, ref_end = interval(reference)
    if ref_start is None:           # BC or beyond the calendar: the story's year
        return reference.year
    precision = "day" if day and month else "month" if month else "season"
    speech_day = news_speech.as_date() if news_speech else None
    best: tuple[int, int] | None = None      # (days from the reference, year)
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if _impossible(year, month, day):     # 29 February: only leap years are candidates
            continue
        start, end = interval(Point(year, month, day if day and month else None, precision, season))
        if start is None:
            continue
        if speech_day and ((ctx.tense < 0 and start > speech_day) or (ctx.tense > 0 and end < speech_day)):
            continue
        candidate = (max((start - ref_end).days, (ref_start - end).days, 0), year)
        best = min(best, candidate) if best else candidate
    # No candidate fits (29 February, no leap year in reach): the reference's year, which the caller rejects.
    return best[1] if best else reference.year


def _calendar_fields(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context, side: str = "") -> dict:
    fields: dict = {}
    year = rule.get(m, side + "year") or rule.get(m, side + "bcyear")
    year2 = rule.get(m, side + "year2")
    if year:
        before_christ = g.bc.search(m.group(rule.prefix)) or (
            int(year) < 1000 and ctx.narrative is not None and ctx.narrative.year < 0)   # era of the story
        fields["year"] = -int(year) if before_christ else int(year)
    elif year2:
        fields["year"] = _expand_year(year2, ctx)
    month = _lookup(g, "month", rule.get(m, side + "month")) or (int(rule.get(m, side + "mnum") or 0) or None)
    holiday = _lookup(g, "holiday", rule.get(m, "holiday"))
    if holiday:
        month, day = map(int, holiday.split("-"))
        fields["day"] = day
    if month:
        fields["month"] = month
    day = rule.get(m, side + "day")
    if day:
        fields["day"] = int(day)
    season = rule.get(m, "season")
    if season:
        fields["season"] = _lookup(g, "season", season)
    fields["part"] = (_lookup(g, "part", rule.get(m, "part")) or _lookup(g, "year_part", rule.get(m, "year_part"))
                      or _lookup(g, "night", rule.get(m, "night")))
    return fields


def calendar(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """Dates from named parts: '31. Januar 2024', 'im März', 'Anfang 2022', 'Sommer 2021', '1991'."""
    found = _calendar_point(_calendar_fields(rule, m, g, ctx), ctx, *_span(rule, m))
    return [found] if found else []


def range_(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'2. bis 5. Januar 2022', 'Mai/Juni 1940': two expressions; the left one borrows month and year."""
    right = _calendar_point(_calendar_fields(rule, m, g, ctx), ctx, m.start(f"{rule.prefix}_right"),
                            m.end(f"{rule.prefix}_right"))
    if right is None:
        return []
    left_fields = _calendar_fields(rule, m, g, ctx, side="l")
    if rule.get(m, "year2") and "year" in left_fields:     # '1912/13': the right year shares the century
        century_start = left_fields["year"] - left_fields["year"] % 100
        year = century_start + int(rule.get(m, "year2"))
        fields = dict(_calendar_fields(rule, m, g, ctx), year=year if year > left_fields["year"] else year + 100)
        right = _calendar_point(fields, ctx, right.start, right.end)
        if right is None:
            return []
    if right.point is not None:
        left_fields.setdefault("year", right.point.year)
        if "day" in left_fields:
            left_fields.setdefault("month", right.point.month)
    elif "day" in left_fields:
        left_fields.setdefault("month", _lookup(g, "month", rule.get(m, "month")))
    left = _calendar_point(left_fields, ctx, m.start(f"{rule.prefix}_left"), m.end(f"{rule.prefix}_left"))
    if left is None:
        return [right]
    if right.explicit:
        left = replace(left, explicit=True, kind="date")
    return [left, right]


def decade(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'1990er', 'Mitte der 90er Jahre', 'the 1990s' -> value '199'."""
    digits = rule.get(m, "decade")
    year = int(digits) if len(digits) == 4 else 1900 + int(digits)
    point = Point(year, precision="decade")
    return [Resolved(*_span(rule, m), value_of(point), point, _lookup(g, "part", rule.get(m, "part")),
                     "decade", True)]


def century(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'20. Jahrhundert' -> '19'; '9. Jahrhundert v. Chr.' -> 'BC08'."""
    n = int(rule.get(m, "century"))
    year = -(n - 1) * 100 if g.bc.search(m.group(rule.prefix)) else (n - 1) * 100
    point = Point(year, precision="century")
    return [Resolved(*_span(rule, m), value_of(point), point, _lookup(g, "part", rule.get(m, "part")),
                     "century", True)]


# "deictic_attribute": "die heutige Sitzung" (an adjective before an event noun, its own rule).
_DEICTIC_LEXICONS = ("deictic", "deictic_lower", "deictic_attribute")


def deictic(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """heute/gestern/morgen: days from the deictic anchor; 'heute' in a history text, or opening a
    parenthesis ("30 Prozent (heute etwa 70)", "the steppe (today Kazakhstan)"), means 'nowadays'."""
    word = rule.get(m, "deictic") or rule.get(m, "deictic_lower") or rule.get(m, "deictic_attribute")
    offset = next((o for o in (_lookup(g, name, word) for name in _DEICTIC_LEXICONS) if o is not None), None)
    anchor = ctx.deictic
    start = m.start(rule.prefix)
    aside = m.string[max(0, start - 1):start] == "("
    if offset == 0 and aside:  # a comparison with the present, not the time of anything told
        return [Resolved(*_span(rule, m), "PRESENT_REF", anchor, generic=True, kind="ref")]
    if anchor is None or (offset == 0 and ctx.narrative_doc):
        return [Resolved(*_span(rule, m), DIRECTION_REF[max(-1, min(1, offset))], anchor,
                         precision=anchor.precision if anchor else None, kind="ref")]
    point = shift(anchor, offset, "D")
    return [Resolved(*_span(rule, m), value_of(point), point, precision=point.precision, kind="deictic")]


def ref(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """derzeit/jetzt -> PRESENT_REF (dated with the anchor); bald/damals -> FUTURE_REF/PAST_REF."""
    value = _lookup(g, "ref", rule.get(m, "ref"))
    point = ctx.deictic if value == "PRESENT_REF" else None
    return [Resolved(*_span(rule, m), value, point, precision=point.precision if point else None, kind="ref")]


def _relative(rule: Rule, m: re.Match[str], anchor: Point | None, amount: int | None, unit: str,
              kind: str, part: str | None = None) -> list[Resolved]:
    """Shift an anchor by ``amount`` units; unresolvable ones keep a PAST/PRESENT/FUTURE_REF value."""
    if anchor is None:
        direction = 0 if amount is None else max(-1, min(1, amount))
        return [Resolved(*_span(rule, m), DIRECTION_REF[direction], None, kind=kind)]
    if amount is None or unit in CLOCK_UNITS:
        point = at_precision(anchor, VAGUE_PRECISION[unit] if amount is None else "day")
    else:
        point = shift(at_precision(anchor, UNIT_PRECISION[unit]), amount, unit)
    return [Resolved(*_span(rule, m), value_of(point), point, part, point.precision, kind=kind)]


def relative_unit(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'letzte Woche' (dct), 'im folgenden Jahr', 'im Jahr davor', 'Ende des Jahres' (narrative)."""
    unit = _lookup(g, "unit", rule.get(m, "unit"))
    if _lookup(g, "plural_unit", rule.get(m, "unit")):    # "in den folgenden Jahren": a vague span
        return [Resolved(*_span(rule, m), f"PX{unit}", None, kind="duration")]
    deictic_amount = _lookup(g, "ddir", rule.get(m, "ddir"))
    part = _lookup(g, "part", rule.get(m, "part"))
    if deictic_amount is not None and not ctx.narrative_doc:
        return _relative(rule, m, ctx.deictic, deictic_amount, unit, "deictic", part)
    amount = deictic_amount if deictic_amount is not None else _lookup(g, "adir", rule.get(m, "adir"))
    if amount is None:
        amount = _lookup(g, "shift", rule.get(m, "shift")) or 0
    return _relative(rule, m, ctx.narrative, amount, unit, "anaphoric", part)


def compound_shift(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'Vorjahr', 'Folgetag': one word holding direction and unit."""
    amount, unit = _lookup(g, "compound_shift", rule.get(m, "compound_shift"))
    return _relative(rule, m, ctx.narrative, amount, unit, "anaphoric")


def ago(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'vor 25 Jahren', '25 years ago': counted back from the deictic anchor."""
    amount, unit = _counted(rule, m, g)
    return _relative(rule, m, ctx.deictic, None if amount is None else -amount, unit, "deictic")


def shift_(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'drei Tage später', 'zwei Jahre zuvor', 'nach drei Tagen': counted from the narrative anchor."""
    amount, unit = _counted(rule, m, g)
    sign = _lookup(g, "shift", rule.get(m, "shift")) or 1
    if unit == "W" and amount is not None:     # "eine Woche später" is a day, not an ISO week
        unit, amount = "D", 7 * amount
    if amount is None:      # "wenige Tage später": only the direction is known
        return [Resolved(*_span(rule, m), DIRECTION_REF[sign], None, kind="anaphoric")]
    # "dreieinhalb Jahre zuvor" looks back from the story, which then goes on at its own time
    written = _lookup(g, "unit", rule.get(m, "unit"))
    kind = "flashback" if sign < 0 and written in FLASHBACK_UNITS else "anaphoric"
    return _relative(rule, m, ctx.narrative, sign * amount, unit, kind)


def duration(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'drei Tage', '25 Jahre lang', 'in wenigen Tagen' -> P3D, P25Y, PXD (no calendar dates)."""
    amount, unit = _counted(rule, m, g)
    count = "X" if amount is None else amount
    value = f"PT{count}{CLOCK_UNITS[unit]}" if unit in CLOCK_UNITS else f"P{count}{unit}"
    return [Resolved(*_span(rule, m), value, None, kind="duration")]


def weekday(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'am Montag': in news the closest such day on or before the time of speech, or after it when
    the clause is in the future tense ("on Tuesday the rocket will launch"); in a narrative the
    closest one on or after the story's time, unless that lies after the time of speech in a
    past-tense clause. 'nächsten Montag' counts from the time of speech; 'jeden Montag'/'montags'
    is generic. 'in der Nacht auf Mittwoch' also covers the Tuesday."""
    day_number = _lookup(g, "weekday", rule.get(m, "weekday"))
    generic = ctx.generic or bool(rule.get(m, "every")) or m.group(rule.prefix).endswith("s")
    direction = _lookup(g, "ddir", rule.get(m, "ddir"))
    anchor = ctx.deictic if direction is not None or not ctx.narrative_doc else ctx.narrative
    anchor_day = anchor.as_date() if anchor is not None and anchor.precision == "day" else None
    if generic or anchor_day is None:  # no anchor day, or one outside years 1-9999 (BC, 10000)
        return [Resolved(*_span(rule, m), f"XXXX-WXX-{day_number}", None, generic=generic, kind="anaphoric")]
    forward = day_number - anchor_day.isoweekday()
    backward = -((anchor_day.isoweekday() - day_number) % 7 or (7 if direction == -1 else 0))
    if direction == 1 or (direction is None and not ctx.narrative_doc and ctx.tense > 0):
        offset = forward % 7 or 7
    elif direction is None and ctx.narrative_doc:
        offset = forward % 7
        speech = ctx.deictic.as_date() if ctx.deictic and ctx.deictic.precision == "day" else None
        later = shift(anchor, offset, "D")
        if ctx.tense < 0 and speech is not None and 1 <= later.year <= 9999 and later.as_date() > speech:
            offset = backward
    else:
        offset = backward
    point = shift(anchor, offset, "D")
    return [Resolved(*_span(rule, m), value_of(point), point, _lookup(g, "night", rule.get(m, "night")),
                     precision="day", kind="anaphoric")]


def clock(rule: Rule, m: re.Match[str], g: Grammar, ctx: Context) -> list[Resolved]:
    """'um 4:45 Uhr', '4 Uhr 45': a time on the day the narrative is at."""
    minute = rule.get(m, "minute") or rule.get(m, "minute2") or "0"
    time = f"T{int(rule.get(m, 'hour')):02d}:{int(minute):02d}"
    anchor = ctx.narrative
    if anchor is None or anchor.precision != "day":
        return [Resolved(*_span(rule, m), "XXXX-XX-XX" + time, None, kind="anaphoric")]
    return [Resolved(*_span(rule, m), value_of(anchor) + time, anchor, precision="day", kind="anaphoric")]


NORMALISERS: dict[str, Normaliser] = {
    "calendar": calendar, "range": range_, "decade": decade, "century": century, "deictic": deictic,
    "ref": ref, "relative_unit": relative_unit, "compound_shift": compound_shift, "ago": ago,
    "shift": shift_, "duration": duration, "weekday": weekday, "clock": clock,
}
