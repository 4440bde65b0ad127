"""From one document to its records: sentences -> time expressions -> places -> actors -> events.

The stages run once over the whole text (the tagger needs the narrative before a sentence to anchor
it), and their mentions are then grouped by sentence. A sentence reports an event when it names a
time, place or actor, has an event trigger or a specific date, and is neither a question, a
hypothetical nor a denial. Everything here is a
pure function of the text and its metadata.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import accumulate
from typing import Any

from events import lang as lang_data
from events.actors import ActorMention, event_participants
from events.coreference import find_document_actors
from events.clauses import VAGUE_VALUES, Predicate, Unit, event_units, unit_predicates
from events.discourse import (UNDATED, Dating, NarrativeTime, is_background_state, is_chronicle_entry, is_heading,
                              paragraph_index)
from events.documents import Document
from events.event_types import EventTypeMatch, find_triggers
from events.modality import (clause_mode, is_conditional, is_present_statement, is_question, is_verbal_trigger,
                             reports_action)
from events.model import EventRecord, Record, SiteRecord, Span
from events.place_choice import choose_place, dateline, organ_place
from events.places import PlaceMention, find_places
from events.sentences import Sentence, quotations, split_sentences
from events.timex import Timex, tag

PUBLICATION = "publication"
OTHER = "other"
# An undated report in a news text most likely happened in the days before publication.
DOCUMENT_WINDOW_DAYS = 6
# Confidence: an ordering prior, not a measured probability. A date the text writes counts most (the
# timeline places the event by it), an event word next, a named actor least; a date inherited from
# the narrative counts half of a written one.
BASE_CONFIDENCE = 0.45
DATE_WEIGHT = 0.2
TRIGGER_WEIGHT = 0.2
ACTOR_WEIGHT = 0.1
NARRATIVE_WEIGHT = 0.1
# Two dates form a range only when a connector ("bis", "-", "bis Ende") alone stands between them;
# the longest connector is 8 characters, so a wider gap (even of spaces) is never one, and the
# text between the chosen date and the sentence's far dates need not be read.
RANGE_GAP_CHARS = 40


@dataclass(frozen=True, slots=True)
class SentenceMentions:
    sentence: Sentence
    timexes: list[Timex]
    places: list[PlaceMention]
    actors: list[ActorMention]




def extract(text: str, *, doc_id: str, lang: str, published: date | None,
            author: str | None = None, title: str | None = None,
            skip: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """All records of one document (its publication, its events, its located sites), in text order.

    ``skip`` is a span (such as the byline) that is metadata, not reported content.
    """
    document = Document(doc_id=doc_id, text=text, lang=lang, published=published, author=author,
                        title=title, byline=skip)
    return extract_document(document)


def extract_document(document: Document) -> list[dict[str, Any]]:
    """Records of a loaded Document in their JSON form; see :func:`extract`."""
    return [record.to_dict() for record in document_records(document)]


def document_records(document: Document) -> list[Record]:
    """The typed records of a loaded Document: its publication, its events, its located sites."""
    text, lang = document.text, document.lang
    sentences = split_sentences(text, lang=lang)
    groups = group_by_sentence(
        sentences, tag(text, lang=lang, dct=document.published),
        find_places(text, lang=lang), actor_mentions(text, lang=lang, sentences=sentences), skip=document.byline)
    records: list[Record] = []
    if document.published is not None:
        records.append(publication_record(document))
    paragraphs = paragraph_index(text, [g.sentence.start for g in groups], [g.sentence.end for g in groups])
    narrative = NarrativeTime(published=document.published)
    filed = dateline(text, lang)
    quoted = quotations(text, lang=lang)
    for group, paragraph in zip(groups, paragraphs):
        narrative.enter(paragraph, chronicle=is_chronicle_entry(text, group.sentence.start, group.timexes))
        if filed is not None:
            group = without_dateline_dates(group, filed[0])
            if group is None:
                continue
        if inside_quotation(group, quoted):
            continue
        records.extend(sentence_events(group, document, narrative))
    records.extend(site_records(groups, document.doc_id))
    return records


def without_dateline_dates(group: SentenceMentions, span: Span) -> SentenceMentions | None:
    """The sentence without the dates of the dateline ("BAKU, Azerbaijan, January 30.", "DUSHANBE,
    March 11, 2014, Asia-Plus –"), which say when the report was filed; None when the dateline was
    its only date, since then nothing in it says when its event happened."""
    filed = [t for t in group.timexes if span.start <= t.start < span.end]
    if not filed:
        return group
    rest = [t for t in group.timexes if t not in filed]
    if not any(not t.generic and t.date_start is not None for t in rest):
        return None
    return SentenceMentions(group.sentence, rest, group.places, group.actors)


def inside_quotation(group: SentenceMentions, quoted: list[tuple[int, int]]) -> bool:
    """An undated sentence wholly inside a quotation of several sentences: what a speaker said, whose
    event is the saying, reported by the sentence that names the speaker."""
    sentence = group.sentence
    index = bisect_right(quoted, (sentence.start, float("inf"))) - 1
    inside = index >= 0 and quoted[index][0] <= sentence.start and sentence.end <= quoted[index][1] \
        and quoted[index][1] - quoted[index][0] > len(sentence.text.strip())  # more than this sentence
    return inside and not any(not t.generic and t.date_start is not None for t in group.timexes)


def actor_mentions(text: str, *, lang: str, sentences: list[Sentence]) -> list[ActorMention]:
    """The actor mentions of a whole text, with pronoun and role subjects ("er", "der Präsident")
    resolved to the person or organisation named before (events/coreference.py). Resolved ones name
    an event's doer (`actor`) but are not listed in `actors`, which holds what the text names."""
    return find_document_actors(text, lang=lang, sentences=sentences)


def group_by_sentence(sentences: list[Sentence], timexes: list[Timex], places: list[PlaceMention],
                      actors: list[ActorMention], *, skip: tuple[int, int] | None) -> list[SentenceMentions]:
    """Attach every mention to the sentence its start falls in; drop sentences inside ``skip``.

    A name the actor stage read as acting ("Russland entsendet ...") is not also where things happened;
    of two nested mentions the one of more words wins: a place inside an actor's name is no place
    ("Kazakhstan Temir Zholy"), an actor inside a place's name no actor ("Kazakhstan" in "West
    Kazakhstan Region"; but "Kazakhstan's" is the actor "Kazakhstan", not a longer place).
    """
    places = _uncovered(places, actors, longer=False)
    actors = _uncovered(actors, places, longer=True)
    starts = [s.start for s in sentences]
    buckets: list[tuple[list, list, list]] = [([], [], []) for _ in sentences]
    for slot, mentions in enumerate((timexes, places, actors)):
        for mention in mentions:
            index = bisect_right(starts, mention.start) - 1
            if index >= 0 and mention.start < sentences[index].end:
                buckets[index][slot].append(mention)
    return [SentenceMentions(s, *bucket) for s, bucket in zip(sentences, buckets)
            if not (skip and skip[0] <= s.start < skip[1])]


def _uncovered(mentions: list, others: list, *, longer: bool) -> list:
    """``mentions`` that no one of ``others`` spans whole (``longer``: spans whole with more words;
    then ``others`` must not overlap one another, as places do not).
    A bisect over the others sorted by start, since a scan of every pair made long texts quadratic."""
    ordered = sorted(others, key=lambda other: other.start)
    starts = [other.start for other in ordered]
    reach = list(accumulate((other.end for other in ordered), max))  # largest end among others so far

    def covered(mention: PlaceMention | ActorMention) -> bool:
        index = bisect_right(starts, mention.start)
        if index == 0 or reach[index - 1] < mention.end:
            return False
        if not longer:
            return True
        # ``longer`` compares with places, which never overlap: only the last one starting before can span it
        other = ordered[index - 1]
        return other.end >= mention.end and len(other.text.split()) > len(mention.text.split())

    return [mention for mention in mentions if not covered(mention)]


def sentence_events(group: SentenceMentions, document: Document, narrative: NarrativeTime) -> list[EventRecord]:
    """The events one sentence reports, one per event clause, in text order; each dated event
    becomes the narrative time of the undated ones after it."""
    sentence = group.sentence
    if is_question(sentence.text) or not (group.timexes or group.places or group.actors or narrative.in_paragraph):
        return []  # a question, or no who, where or when: nothing a timeline or map could show
    lang = document.lang
    triggers = [EventTypeMatch(m.event_type, m.start + sentence.start, m.end + sentence.start, m.text)
                for m in find_triggers(sentence.text, lang=lang)]
    dated = [t for t in group.timexes if not t.generic and t.date_start is not None and t.precision]
    if is_heading(document.text, sentence.start, sentence.end) and all(t.value in VAGUE_VALUES for t in dated):
        return []
    conditional = is_conditional(sentence.text, sentence.start, group.timexes, lang=lang)
    units = event_units(sentence, triggers, dated, (group.timexes, group.places, group.actors), lang=lang,
                        reports_action=lambda clause: reports_action(clause, lang=lang), text=document.text)
    events: list[EventRecord] = []
    for unit in units:
        for predicate in unit_predicates(unit, lang=lang):
            event = predicate_record(predicate, unit, group, document, narrative, conditional,
                                     first=not events)
            if event is not None:
                events.append(event)
    return events


def predicate_record(predicate: Predicate, unit: Unit, group: SentenceMentions, document: Document,
                     narrative: NarrativeTime, conditional: bool, *, first: bool) -> EventRecord | None:
    """The event record of one predicate of a clause, or None when it reports nothing showable."""
    sentence, lang, text = group.sentence, document.lang, document.text
    trigger = predicate.trigger
    specific = [t for t in predicate.dated if t.value not in VAGUE_VALUES]
    if trigger is None and not narrative.chronicle:  # a chronicle entry's every sentence is an event
        if not specific and not unit.lead:
            return None
        if not (unit.actors or unit.places or unit_reports_action(text, unit.start, unit.end, lang)):
            return None
    elif not (group.timexes or group.places or group.actors or narrative.in_paragraph):
        return None  # no who, where or when: nothing a timeline or map could show
    timex = choose_timex(list(predicate.dated), sentence, trigger.start if trigger else None, lang=lang)
    places = unit.places or group.places
    place = choose_place(places, text=text, lang=lang, sentence=Span(sentence.start, sentence.end),
                         trigger=Span(trigger.start, trigger.end) if trigger else None)
    confidence = BASE_CONFIDENCE + (TRIGGER_WEIGHT if trigger else 0.0) + (ACTOR_WEIGHT if unit.actors else 0.0)
    inherited = narrative.inherited()
    if inherited is not None and unit_is_present_statement(text, unit.start, unit.end, lang):
        inherited = None
    if timex is not None:
        dating = interval(timex, list(predicate.dated), document)
        if is_background_state(dating, trigger is not None):
            return None
        confidence += DATE_WEIGHT
        narrative.note(dating)
    elif inherited is not None:
        dating = inherited
        confidence += NARRATIVE_WEIGHT
    elif document.published is not None:
        if not any(is_verbal_trigger(text, t, lang=lang) for t in unit.triggers):
            return None  # commentary or background: only a news event predicate takes the publication week
        start = date.fromordinal(max(1, document.published.toordinal() - DOCUMENT_WINDOW_DAYS))  # 0001-01-01 clamps
        dating = Dating(start, document.published, "week", None, "document", None)
    else:
        dating = UNDATED
        confidence -= DATE_WEIGHT
    anchor = trigger.start if trigger else (timex.start if timex else unit.start)
    mode = clause_mode(text, (unit.start, unit.end), anchor, trigger, predicate.dated, dating.start, dating.end,
                       document.published, conditional=conditional, lang=lang, historical=narrative.chronicle)
    event_type = trigger.event_type if trigger else OTHER
    participants = event_participants(text, unit.actors, span=(sentence.start, sentence.end),
                                      trigger=(trigger.start, trigger.end) if trigger else None, lang=lang)
    actors = first_mentions([a for a in participants if not a.resolved])  # "er", "der Präsident": the doer, not a name
    actor, targets = actor_and_targets(tuple(participants), trigger)
    targets = tuple(name for name in targets if name in actors)
    if place is None:
        place = organ_place(event_type, actor, list(unit.actors), text, lang)
    detail = event_type if first else f"{event_type}@{predicate.start}"
    return EventRecord(
        id=record_id(document.doc_id, "event", sentence.start, sentence.end, detail),
        doc_id=document.doc_id,
        event_type=event_type,
        date_start=dating.start, date_end=dating.end, date_precision=dating.precision,
        date_text=dating.text, date_source=dating.source, date_span=dating.span,
        actors=tuple(actors), actor_spans=tuple(actors.values()),
        **place_fields(place.place if place else None),
        sentence=sentence.text,
        char_start=sentence.start,
        char_end=sentence.end,
        confidence=round(min(max(confidence, 0.05), 0.95), 2),
        **document_fields(document),
        mode=mode, actor=actor, targets=targets, place_source=place.source if place else None,
    )


def actor_and_targets(actors: tuple[ActorMention, ...], trigger: EventTypeMatch | None) -> tuple[str | None, tuple[str, ...]]:
    """Who did it and to whom, as PLOVER splits them: the doer is the first actor named before the
    event word (the subject in German and English main clauses, V2 included: "Am Montag bat Tokajew
    ..."), else the first after it (passive: "... wurde von Russland verurteilt"); the targets are
    the other actors after the event word. Without an event word the first actor is the doer."""
    if not actors:
        return None, ()
    position = trigger.start if trigger else actors[0].start
    before = [a for a in actors if a.end <= position]
    after = [a for a in actors if a.start > position]
    doer = (before or after or list(actors))[0].name
    targets: list[str] = []
    for mention in after:
        if mention.name != doer and mention.name not in targets:
            targets.append(mention.name)
    return doer, tuple(targets)


def first_mentions(actors: list[ActorMention]) -> dict[str, Span]:
    """Each actor once, in text order, with the span of its first mention."""
    spans: dict[str, Span] = {}
    for actor in actors:
        spans.setdefault(actor.name, Span(actor.start, actor.end))
    return spans


def document_fields(document: Document) -> dict[str, Any]:
    """The document's metadata every event carries."""
    return {"doc_title": document.title, "doc_author": document.author, "doc_published": document.published}


# A clause is read once for each test, not once for each of its events: a run-on clause has many.
@lru_cache(maxsize=32)
def unit_reports_action(text: str, start: int, end: int, lang: str) -> bool:
    return reports_action(text[start:end], lang=lang)


@lru_cache(maxsize=32)
def unit_is_present_statement(text: str, start: int, end: int, lang: str) -> bool:
    return is_present_statement(text[start:end], lang=lang)


@lru_cache(maxsize=32)
def sentence_quotations(sentence: str, lang: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The quotations of a sentence (sorted, disjoint) and their starts, found once per sentence
    rather than once for each of its events (a long sentence has many)."""
    quoted = quotations(sentence, lang=lang)
    return quoted, [a for a, _ in quoted]


def choose_timex(dated: list[Timex], sentence: Sentence, trigger_start: int | None, *, lang: str) -> Timex | None:
    """The date the sentence's event happened: outside quotations first, then nearest the trigger."""
    if not dated:
        return None
    quoted, quote_starts = sentence_quotations(sentence.text, lang)  # offsets in the sentence

    def inside_quote(t: Timex) -> bool:
        index = bisect_right(quote_starts, t.start - sentence.start) - 1
        return index >= 0 and t.start - sentence.start < quoted[index][1]

    outside = [t for t in dated if not inside_quote(t)] or dated
    if trigger_start is None:
        return outside[0]
    return min(outside, key=lambda t: abs(t.start - trigger_start))


def interval(timex: Timex, dated: list[Timex], document: Document) -> Dating:
    """The event's interval: the chosen date, widened by a range ("2. bis 5. Januar") or a
    "since" ("seit dem 5. Januar": up to publication)."""
    text, lang = document.text, document.lang
    start, end, first, last = timex.date_start, timex.date_end, timex, timex
    connectors, since = _interval_words(lang)
    for other in dated:
        if timex.end <= other.start <= timex.end + RANGE_GAP_CHARS \
                and _gap(text, timex.end, other.start) in connectors and other.date_end >= start:
            end, last = other.date_end, other
        elif timex.start - RANGE_GAP_CHARS <= other.end <= timex.start \
                and _gap(text, other.end, timex.start) in connectors and other.date_start <= end:
            start, first = other.date_start, other
    before = text[max(0, first.start - 20):first.start].lower()
    since_start = document.published is not None and first is last \
        and any(before.rstrip().endswith(w) for w in since) and document.published > end
    if since_start:
        end = document.published
    # A range or a "since" is as precise as the expressions that bound it: "seit dem 21. September"
    # is known to the day, "1989/90" to the year, though the interval covers a week or two years.
    precision = coarser(first.precision, last.precision)
    return Dating(start, end, precision, text[first.start:last.end], timex.source, Span(first.start, last.end),
                  since=since_start)


_PRECISION_ORDER = ("day", "week", "month", "season", "year", "decade", "century")


def coarser(a: str | None, b: str | None) -> str | None:
    """The coarser of two precisions (an unknown one loses)."""
    if a not in _PRECISION_ORDER or b not in _PRECISION_ORDER:
        return a if a in _PRECISION_ORDER else b
    return max(a, b, key=_PRECISION_ORDER.index)


def _gap(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split()).lower()


@lru_cache(maxsize=None)
def _interval_words(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    data = lang_data.load(lang, "events")
    return (frozenset(w.lower() for w in data.get("range_connectors") or ()),
            tuple(w.lower() for w in data.get("since_markers") or ()))


def place_fields(place: PlaceMention | None) -> dict[str, Any]:
    """The EventRecord arguments that say where: all None for an unplaced event."""
    if place is None:
        return {"place_name": None, "place_text": None, "place_span": None, "country_code": None, "lat": None,
                "lon": None, "geo_precision": None, "geonames_id": None}
    return {"place_name": place.name, "place_text": place.text, "place_span": Span(place.start, place.end),
            "country_code": place.country_code, "lat": round(place.lat, 5), "lon": round(place.lon, 5),
            "geo_precision": place.geo_precision, "geonames_id": place.geonames_id}


def publication_record(document: Document) -> EventRecord:
    """The document itself on the timeline: dated by publication, with its author as actor (an actor
    the evidence does not name, hence a null span)."""
    span = document.byline or first_line_span(document.text)
    authors = (author_actor(document.author),) if document.author else ()
    return EventRecord(
        id=record_id(document.doc_id, PUBLICATION, 0, 0, PUBLICATION),
        doc_id=document.doc_id, event_type=PUBLICATION,
        date_start=document.published, date_end=document.published, date_precision="day", date_text=None,
        date_source="document", actors=authors, actor_spans=(None,) * len(authors),
        **place_fields(None),
        sentence=document.title or document.text[span[0]:span[1]],
        char_start=span[0], char_end=span[1], confidence=1.0, **document_fields(document),
    )


def author_actor(author: str) -> str:
    """The author as an actor name: "Clint Ehrlich (German translation of his thread)" -> "Clint Ehrlich"."""
    return re.sub(r"\s*\([^)]*\)", "", author).strip() or author


def site_records(groups: list[SentenceMentions], doc_id: str) -> list[SiteRecord]:
    """Each located site or city a document names, once, with its first mention as evidence."""
    records: dict[str, SiteRecord] = {}
    for group in groups:
        for place in group.places:
            if place.geo_precision not in ("site", "city") or place.name in records:
                continue
            records[place.name] = SiteRecord(
                id=record_id(doc_id, "site", 0, 0, place.name), doc_id=doc_id,
                name=place.name, category=place.category or place.geo_precision,
                lat=round(place.lat, 5), lon=round(place.lon, 5), country_code=place.country_code,
                geonames_id=place.geonames_id, place_text=place.text, place_span=Span(place.start, place.end),
                sentence=group.sentence.text, char_start=group.sentence.start, char_end=group.sentence.end,
            )
    return list(records.values())


def record_id(doc_id: str, kind: str, start: int, end: int, detail: str) -> str:
    """Stable id: the same input always gives the same id, so re-runs never duplicate records."""
    digest = hashlib.sha1(f"{doc_id}\x1f{kind}\x1f{start}\x1f{end}\x1f{detail}".encode()).hexdigest()
    return f"{kind[:2]}-{digest[:16]}"


def first_line_span(text: str) -> tuple[int, int]:
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    end = text.find("\n", start)
    return start, (end if end != -1 else len(text))
