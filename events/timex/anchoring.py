"""Choose the anchor of every expression: document date, a statement's own date, or the story's.

Heuristic (no mode switch; decided per document and per expression):

* Explicit dates ("31. Januar 2024", "1991", "März 2020") need no anchor. They are resolved first.
* Document kind: a document is *narrative* (history) when its explicit years lie mostly more than
  two years before the dct and it has few news deictics; precisely when
  ``old_years > 2 * (recent_dates + news_deictics) + 1`` where old_years counts explicit years
  < dct.year - 2, recent_dates explicit dates within one year of the dct, news_deictics
  gestern/morgen/letzte Woche-type words. Without a dct every document is narrative.
* Deictic expressions (heute, gestern, letzte Woche, derzeit, vor 3 Jahren) anchor on the dct,
  unless they stand inside a quotation or reported statement that carries its own date:
  a quotation whose lead-in or tail (the rest of its sentence) holds a speech verb and an explicit
  date, or the part after a speech verb of a sentence whose explicit date precedes that verb
  ("1991 sagte X: ,...heute...'" -> heute = 1991, precision year). In a narrative document
  'heute' means 'nowadays' and gets PRESENT_REF (dated with the dct).
* Anaphoric expressions (im selben Jahr, drei Tage später, am 12. Dezember, im März) anchor on
  the reference time - the last date the text mentioned (explicit, resolved anaphorically, or in
  news text resolved deictically: "gestern") - when the document is narrative, or that reference
  lies in the same or the previous sentence, or it is more than two years before the dct (the
  text has moved into the past); otherwise on the dct. A day, month or season without a year then
  takes the occurrence nearest that anchor which the tense of its clause allows (TenseCues;
  normalize._occurrence_year): "am 28. Dezember wurde" in a news text of 7 January is the December
  before, "am 28. Dezember soll" the one to come. A date after "seit/bis/von/vor/nach/ab" (YAML background_prefixes) is an
  aside and does not move the reference time. A heading (short line without final punctuation)
  that names a date sets the time of its section; every later heading returns the story to it.
  In a narrative document "im nächsten Jahr"/"letzten Jahres" are anaphoric too, and a year
  below 1000 without an era marker takes the era of the story (BC in ancient history).
* Generic: a date without a year is generic when a marker of recurrence (jeden, feiern, every year,
  celebrate ...) precedes it in the same clause; it keeps an XXXX value and gets no dates.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date

from events.sentences import quotations, sentence_spans
from events.timex.calendar import Point
from events.timex.grammar import Grammar, Rule
from events.timex.normalize import NORMALISERS, Context, Resolved

HEADING = re.compile(r"^[^\n]{1,80}$", re.M)
HEADING_END_PUNCTUATION = set(".!?:;,\"“”»«)…") | {""}
NEWS_DEICTIC_NORMS = {"relative_unit", "deictic", "ago"}
NARRATIVE_GAP_YEARS = 2
EMPTY = Context(None, None, False, False)
TENSED_NORMS = {"calendar", "range", "weekday"}   # the normalisers that may meet a date without a year
# A recurrence marker further back than this is not in the expression's clause; the longest clause
# before an expression in the seeds, the gold set and news-dev is 147 characters.
GENERIC_LOOKBACK_CHARS = 200
# A quotation's lead-in or tail, and a sentence's part before its speech verb, are read at most this
# far from the quote or verb: a statement's own date stands next to its speech verb.
STATEMENT_WINDOW_CHARS = 400


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of text (quotation or reported statement) whose deictics anchor on ``anchor``."""
    start: int
    end: int
    anchor: Point
    kind: str = "quotation"   # or "statement": the part of a sentence after its speech verb


class Regions:
    """Statement regions looked up by offset in logarithmic time. Quotations come first in the
    list and win over a reported statement; each kind is a sorted run of disjoint regions (one
    quotation pattern, one statement per sentence), so a bisect per kind finds the only candidate."""

    def __init__(self, regions: list[Region]) -> None:
        quoted = [r for r in regions if r.kind == "quotation"]
        reported = [r for r in regions if r.kind == "statement"]
        self._runs = [(run, [r.start for r in run]) for run in (quoted, reported) if run]

    def at(self, pos: int) -> Region | None:
        """The first region (in statement_regions order) that contains ``pos``."""
        for run, starts in self._runs:
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and pos < run[i].end:
                return run[i]
        return None


def sentence_starts(text: str, lang: str) -> list[int]:
    """Offsets where sentences begin, from the one sentence splitter; the first is always 0 so
    every offset falls in a sentence."""
    return [0] + [start for start, _ in sentence_spans(text, lang=lang)[1:]]


def statement_regions(text: str, g: Grammar, explicit: list[Resolved], starts: list[int]) -> list[Region]:
    """Quotations and reported statements that carry their own explicit date."""
    regions: list[Region] = []
    if not explicit:  # nothing can date a statement
        return regions
    explicit_starts = [r.start for r in explicit]

    def dated(lo: int, hi: int) -> Point | None:
        """The explicit date in [lo, hi) that shares a clause with a speech verb there
        ("1991 sagte X:", "sagte er am 3. März") - not one in an aside ("who took office in
        March 2019, told ...")."""
        verb = g.speech_verbs.search(text, lo, hi)
        if verb is None:
            return None
        i, j = bisect.bisect_left(explicit_starts, lo), bisect.bisect_left(explicit_starts, hi)
        for r in reversed(explicit[i:j]):
            between = text[min(r.end, verb.start()):max(r.start, verb.end())]
            if r.end <= hi and not any(mark in between for mark in g.clause_breaks):
                return r.point
        return None

    def sentence_of(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, pos) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)

    for open_, close in quotations(text, lang=g.lang):
        lead_start = max(sentence_of(open_)[0], open_ - STATEMENT_WINDOW_CHARS)
        tail_end = min(sentence_of(close - 1)[1], close + STATEMENT_WINDOW_CHARS)
        anchor = dated(lead_start, open_) or dated(close, tail_end)
        if anchor is not None:
            regions.append(Region(open_, close, anchor))
    last_sentence = -1
    for verb in g.speech_verbs.finditer(text):  # the first speech verb of each sentence
        index = bisect.bisect_right(starts, verb.start()) - 1
        if index == last_sentence:
            continue
        last_sentence = index
        s_start, s_end = sentence_of(verb.start())
        anchor = dated(max(s_start, verb.start() - STATEMENT_WINDOW_CHARS), verb.end())
        if anchor is not None:
            regions.append(Region(verb.end(), s_end, anchor, "statement"))
    return regions


def is_narrative(dct: date | None, explicit: list[Resolved], matches: list[tuple[Rule, re.Match[str]]],
                 g: Grammar) -> bool:
    """Decide whether relative expressions should follow the story (see module docstring)."""
    if dct is None:
        return True
    years = [r.point.year for r in explicit if r.point is not None]
    old = sum(y < dct.year - NARRATIVE_GAP_YEARS for y in years)
    recent = sum(abs(y - dct.year) <= 1 for y in years)
    not_today = {word for word, offset in g.lexicons.get("deictic", {}).items() if offset != 0}
    deictics = sum(1 for rule, m in matches if rule.norm in NEWS_DEICTIC_NORMS
                   and (rule.get(m, "ddir") or (rule.get(m, "deictic") or "").lower() in not_today
                        or rule.get(m, "deictic_lower")))
    # "am Dienstag" with no date: news counts days from the time of speech; a history names its days
    weekdays = sum(1 for rule, m in matches if rule.norm == "weekday" and not rule.get(m, "every"))
    return old > 2 * (recent + deictics + weekdays) + 1


def generic_window(text: str, start: int, sentence_start: int, g: Grammar) -> tuple[int, int]:
    """The stretch [lo, start) where a recurrence marker makes the expression at ``start`` generic:
    its clause, since the sentence start or the last clause break, and at most
    GENERIC_LOOKBACK_CHARS (a clause of one long run-on sentence must not be read for every date)."""
    lo = max(sentence_start, start - GENERIC_LOOKBACK_CHARS)
    for mark in g.clause_breaks:
        cut = text.rfind(mark, lo, start)
        if cut >= 0:
            lo = max(lo, cut + len(mark))
    return lo, start


def is_generic(text: str, start: int, sentence_start: int, g: Grammar) -> bool:
    """A recurrence marker earlier in the same clause ("feiern es am", "jeden", "every year on")."""
    lo, hi = generic_window(text, start, sentence_start, g)
    return bool(g.generic_markers.search(text, lo, hi))


class TenseCues:
    """Tense of the clause around an expression, from the language's future and past markers.

    The markers of a sentence are found once (one regex pass per sentence that holds an expression),
    so the whole document costs one pass over its text. The cue nearest the expression in its clause
    (between clause breaks and tense_breaks words) decides; without one there, the nearest in the
    sentence."""

    def __init__(self, text: str, g: Grammar, starts: list[int]) -> None:
        self.text, self.g, self.starts = text, g, starts
        self._sentence = -1
        self._cues: list[tuple[int, int, int]] = []    # (start, end, +1 future / -1 past), in text order
        self._cue_starts: list[int] = []
        self._breaks: list[int] = []

    def _load(self, sentence: int) -> None:
        start = self.starts[sentence]
        end = self.starts[sentence + 1] if sentence + 1 < len(self.starts) else len(self.text)
        found = list(self.g.tense.finditer(self.text, start, end))
        self._cues = [(m.start(), m.end(), 1 if m.group("future") else -1) for m in found if not m.group("brk")]
        self._cue_starts = [cue[0] for cue in self._cues]
        breaks = {start + i for mark in self.g.clause_breaks for i in _positions(self.text[start:end], mark)}
        self._breaks = sorted(breaks | {m.start() for m in found if m.group("brk")})
        self._sentence = sentence

    def at(self, start: int, end: int, sentence: int) -> int:
        """+1 future, -1 past, 0 no cue, for the expression at [start, end) of ``sentence``."""
        if sentence != self._sentence:
            self._load(sentence)
        if not self._cues:
            return 0
        i = bisect.bisect_left(self._breaks, start)
        lo = self._breaks[i - 1] if i > 0 else -1
        j = bisect.bisect_left(self._breaks, end)
        hi = self._breaks[j] if j < len(self._breaks) else len(self.text)
        cues, cue_starts = self._cues, self._cue_starts
        first, last = bisect.bisect_right(cue_starts, lo), bisect.bisect_right(cue_starts, hi)
        while last > first and cues[last - 1][1] > hi:   # a cue reaching past the clause is not in it
            last -= 1
        if first >= last:
            first, last = 0, len(cues)
        # cues do not overlap (one regex pass), so the nearest is the last one starting before the
        # expression's end or the one after it: two candidates, not a scan of the sentence's cues
        split = min(max(bisect.bisect_left(cue_starts, end, first, last), first + 1), last)
        candidates = cues[split - 1:split + 1] if split < last else cues[split - 1:split]
        nearest = min(candidates, key=lambda c: max(c[0] - end, start - c[1], 0))
        return nearest[2]


def _positions(text: str, mark: str) -> list[int]:
    """Every offset of ``mark`` in ``text``."""
    found, at = [], text.find(mark)
    while at >= 0:
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def section_headings(text: str, explicit: list[Resolved]) -> list[tuple[int, Point | None]]:
    """(offset, date it names or None) of every heading: a short line without final punctuation.
    A dated heading ("1862", "Westfront 1944/1945") sets the time of its section; each heading
    below it sends the story back to that time, since sibling sections restart there."""
    explicit_starts = [r.start for r in explicit]
    headings: list[tuple[int, Point | None]] = []
    for line in HEADING.finditer(text):
        if line.group().rstrip()[-1:] in HEADING_END_PUNCTUATION:
            continue
        i, j = bisect.bisect_left(explicit_starts, line.start()), bisect.bisect_left(explicit_starts, line.end())
        headings.append((line.start(), explicit[j - 1].point if j > i else None))
    return headings


def resolve(text: str, dct: date | None, g: Grammar, matches: list[tuple[Rule, re.Match[str]]]) -> list[Resolved]:
    """Normalise every match in text order, tracking the reference time of the narrative."""
    explicit = [r for rule, m in matches for r in NORMALISERS[rule.norm](rule, m, g, EMPTY)
                if r.explicit and r.point is not None]
    starts = sentence_starts(text, g.lang)
    regions = Regions(statement_regions(text, g, explicit, starts))
    narrative_doc = is_narrative(dct, explicit, matches, g)
    dct_point = Point.of(dct) if dct else None
    latest: tuple[Point, int] | None = None   # last dated mention: (point, sentence index)
    headings, next_heading, section = section_headings(text, explicit), 0, None
    tenses = TenseCues(text, g, starts)
    out: list[Resolved] = []
    for rule, m in matches:
        start = m.start(rule.prefix)
        sentence = bisect.bisect_right(starts, start) - 1
        while next_heading < len(headings) and headings[next_heading][0] <= start:
            section = headings[next_heading][1] or section
            if section is not None:
                latest = (section, bisect.bisect_right(starts, headings[next_heading][0]) - 1)
            next_heading += 1
        region = regions.at(start)
        deictic_anchor = region.anchor if region else dct_point
        if latest and (narrative_doc or sentence - latest[1] <= 1
                       or (dct is not None and latest[0].year < dct.year - NARRATIVE_GAP_YEARS)):
            narrative_anchor = latest[0]
        else:
            narrative_anchor = dct_point if dct_point else (latest[0] if latest else None)
        generic = is_generic(text, start, starts[sentence], g)
        tense = tenses.at(start, m.end(rule.prefix), sentence) if rule.norm in TENSED_NORMS else 0
        ctx = Context(deictic_anchor, narrative_anchor, narrative_doc, generic, tense)
        for r in NORMALISERS[rule.norm](rule, m, g, ctx):
            span_start, span_end = _trim(text, r.start, r.end, g, rule.keep_prefix)
            if (span_start, span_end) != (r.start, r.end):   # dataclasses.replace is slow; most spans stay
                r = replace(r, start=span_start, end=span_end)
            out.append(r)
            updates = r.point is not None and not r.generic and r.kind in ("date", "anaphoric") \
                or (r.kind == "deictic" and not narrative_doc and region is None)
            updates = updates and not rule.aside and not g.background.search(text, max(0, r.start - 16), r.start)
            if updates and r.point is not None and r.precision in ("day", "month", "season", "year", "week"):
                latest = (r.point, sentence)
            elif r.kind == "flashback" and latest is not None:
                latest = (latest[0], sentence)  # looked back from the story's time, which is still current
    return out


def _trim(text: str, start: int, end: int, g: Grammar, keep_prefix: bool) -> tuple[int, int]:
    """Drop context words ("im", "am", "lang") from a span's edges, never emptying it."""
    prefix = None if keep_prefix else g.strip_prefix.match(text, start, end)
    if prefix and prefix.end() < end:
        start = prefix.end()
    suffix = g.strip_suffix.search(text, start, end)
    if suffix and suffix.start() > start:
        end = suffix.start()
    return start, end
