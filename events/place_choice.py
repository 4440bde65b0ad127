"""Which of the places a sentence names is where its event happened, and where a report was filed.

``choose_place`` ranks the sentence's place mentions; ``dateline`` finds "ALMATY, Jan 6 (Reuters) -";
``document_places`` gathers, once per document, what an event with no place of its own may fall
back to. All rules are language data (``events/lang/<lang>/places.yaml``: ``event_locatives``,
``border_phrases``, ``clause_marks``, ``dateline_patterns``).

Ranking, best first (why: a news sentence names many places, and most are topics or parties, not
where something happened — "die Ölexporte Kasachstans", "Russia's war", "talks with Uzbekistan"):
1. tier: a place governed by a locative preposition ("in", "bei", "near", up to three bridge words:
   "at the port of") beats a site or town named without one, which beats everything else; the
   rest (a genitive "Kasachstans", "in Tajikistan's history"; a bare country or region; a place
   after "an der Grenze zu", "on the border with": the border is not inside that country; a
   locative phrase after a ``topic_heads`` noun: "the war in Ukraine", "die Lage in Kasachstan", also
   across an ``elaboration_words`` word: "developments particularly in Idlib"; a place right before a
   ``commodity_nouns`` word and after no locative: "the transit of Kashagan oil") is only a weak candidate: a sentence
   whose best candidate is weak gets no place (it names places, just not its event's), and does
   not inherit one either;
2. a place in the trigger's clause (between ``clause_marks``) beats one in another clause;
3. the more specific place (site > city > region of one country > country > region spanning
   several countries: "in Kasachstan in Zentralasien" is Kazakhstan);
4. the one nearest the trigger, else the first.
A place followed by the place containing it ("zum Kosmodrom Baikonur in Kasachstan", "Almaty,
Kazakhstan") takes the container's tier, so the specific place wins; a locative phrase after an
``elaboration_words`` word ("in Syria, particularly in Idlib") takes the tier of the place before it.
A district (events/places.py) counts as a town: named without a preposition it is plain, not weak.
A lower-case word with a ``locative_adjective_endings`` ending may stand between the preposition and
the name ("im westlichen Kasachstan"); a place after an ``origin_heads`` noun ("Migranten aus
Chudschand", "migrants from Khujand") is weak: where people come from.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from events import lang as lang_data
from events.actors import ActorMention, actor_forms
from events.model import Span
from events.places import PlaceMention, find_places
from events.places_index import WORD, name_index, name_key

TEXT, INHERITED, DATELINE = "text", "inherited", "dateline"   # place_source values (do not rename)
LOCATIVE, PLAIN, WEAK = 0, 1, 2                                  # tiers of the module docstring
DISTRICT = "district"       # category of events.places district mentions: town-sized, so plain like a town
# site, city, region of one country, country, region of several countries (country_code None)
_SPECIFICITY = {"site": 0, "city": 1, "region": 2, "country": 3}
_MULTI_COUNTRY = 4
LOOKBEHIND_CHARS = 60
MAX_BRIDGE_WORDS = 3        # "at the port of Aktau", "in der Hauptstadt der Region X"
# A dateline stands in the first characters of a paragraph: "ALMATY, Jan 6 (Reuters) -" is 25.
DATELINE_MAX_CHARS = 80
_PARAGRAPH = re.compile(r"[^\n]+")
_LAST_WORD = re.compile(r"(\w+)\s+$")
_NEXT_WORD = re.compile(r"[ \xa0]+(\w+)")


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """The event's place, why it has it (``place_source``) and the evidence span in the document."""

    place: PlaceMention
    source: str             # "text" | "inherited" | "dateline"
    span: Span              # the mention chosen, the focus mention inherited from, or the dateline


@dataclass(frozen=True, slots=True)
class Dateline:
    span: Span              # "ALMATY, Jan 6 (Reuters) -", document offsets
    place: PlaceMention


@dataclass(frozen=True, slots=True)
class DocumentPlaces:
    """What events without a place of their own may fall back to, computed once per document.

    ``paragraphs`` pairs each paragraph (a line: news texts put one paragraph on a line) with its
    focus place: the place most often governed by a locative preposition there, first mentioned on
    a tie, or None; ``dateline`` is the document's first dateline.
    """

    dateline: Dateline | None
    paragraphs: tuple[tuple[Span, PlaceMention | None], ...]

    def excludes(self, mention: PlaceMention) -> bool:
        """True for the dateline's own mention: where the report was filed is no sentence place."""
        return self.dateline is not None and self.dateline.span.start <= mention.start < self.dateline.span.end


@dataclass(frozen=True, slots=True)
class _Rules:
    locatives: frozenset[str]
    bridge_words: frozenset[str]
    border_phrases: tuple[str, ...]
    topic_heads: frozenset[str]
    commodity_nouns: frozenset[str]
    elaboration_words: frozenset[str]
    adjective_endings: tuple[str, ...]
    origin_heads: frozenset[str]
    origin_prepositions: frozenset[str]
    clause_marks: re.Pattern
    datelines: tuple[re.Pattern, ...]


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    rules = lang_data.load(lang, "places")
    index = name_index(lang)
    marks = rules.get("clause_marks") or [";"]
    return _Rules(
        locatives=frozenset(str(word).casefold() for word in rules.get("event_locatives") or ()),
        bridge_words=index.bridge_words,
        border_phrases=tuple(" ".join(str(p).casefold().split()) for p in rules.get("border_phrases") or ()),
        topic_heads=frozenset(str(word).casefold() for word in rules.get("topic_heads") or ()),
        commodity_nouns=frozenset(str(word).casefold() for word in rules.get("commodity_nouns") or ()),
        elaboration_words=frozenset(str(word).casefold() for word in rules.get("elaboration_words") or ()),
        adjective_endings=tuple(str(ending) for ending in rules.get("locative_adjective_endings") or ()),
        origin_heads=frozenset(str(word).casefold() for word in rules.get("origin_heads") or ()),
        origin_prepositions=frozenset(str(word).casefold() for word in rules.get("origin_prepositions") or ()),
        clause_marks=re.compile("|".join(re.escape(str(mark)) for mark in marks)),
        datelines=tuple(re.compile(pattern) for pattern in rules.get("dateline_patterns") or ()),
    )


def choose_place(places: list[PlaceMention], *, text: str, lang: str, sentence: Span,
                 trigger: Span | None = None, document: DocumentPlaces | None = None) -> PlaceChoice | None:
    """The place of the event a sentence reports (see the module docstring), or None.

    ``places`` are the sentence's mentions (not those read as actors); ``sentence`` and ``trigger``
    are document spans. With ``document`` (from :func:`document_places`), the dateline's own mention
    is skipped and a sentence naming no place falls back to its paragraph's focus place
    (``inherited``) or, in the dateline's paragraph, to the dateline (``dateline``).
    """
    rules = _rules(lang)
    candidates = [p for p in places if document is None or not document.excludes(p)]
    if candidates:
        clause = trigger_clause(text, sentence, trigger, rules) if trigger else None
        anchor = trigger.start if trigger else sentence.start
        tiers = located_tiers(text, candidates, elaborated_tiers(
            text, candidates, [tier(text, p, lang, rules) for p in candidates], rules), rules)
        ranked = min((
            (place_tier, clause is not None and not (clause.start <= p.start < clause.end),
             specificity(p), abs(p.start - anchor), p.start, p)
            for p, place_tier in zip(candidates, tiers)), key=lambda row: row[:5])
        best = ranked[-1]
        return None if ranked[0] == WEAK else PlaceChoice(best, TEXT, Span(best.start, best.end))
    if document is None:
        return None
    return fallback(document, sentence)


def fallback(document: DocumentPlaces, sentence: Span) -> PlaceChoice | None:
    """In the dateline's paragraph (the lead) the dateline, elsewhere the paragraph's focus place."""
    for paragraph, focus in document.paragraphs:
        if not paragraph.start <= sentence.start < paragraph.end:
            continue
        dateline = document.dateline
        if dateline is not None and paragraph.start <= dateline.span.start < paragraph.end:
            return PlaceChoice(dateline.place, DATELINE, dateline.span)
        if focus is not None:
            return PlaceChoice(focus, INHERITED, Span(focus.start, focus.end))
    return None


def tier(text: str, place: PlaceMention, lang: str, rules: _Rules) -> int:
    """LOCATIVE, PLAIN or WEAK (module docstring, rule 1)."""
    if is_genitive(place, lang) or after_border_phrase(text, place.start, rules) \
            or named_as_origin(text, place.start, lang, rules):
        return WEAK
    preposition = locative_before(text, place.start, rules)
    if preposition is not None:
        head = word_before(text, preposition)
        if head in rules.elaboration_words:      # "developments particularly in Idlib"
            head = word_before(text, text.rfind(head, max(0, preposition - LOOKBEHIND_CHARS), preposition))
        return WEAK if head in rules.topic_heads else LOCATIVE
    if word_after(text, place.end) in rules.commodity_nouns:   # "the transit of Kashagan oil"
        return WEAK
    return PLAIN if place.geo_precision in ("site", "city") or place.category == DISTRICT else WEAK


def elaborated_tiers(text: str, places: list[PlaceMention], tiers: list[int], rules: _Rules) -> list[int]:
    """A locative phrase after an ``elaboration_words`` word ("in Syria, particularly in Idlib") takes
    the tier of the place it elaborates, the one named before it in the sentence."""
    tiers = list(tiers)
    for number in range(1, len(places)):
        preposition = locative_before(text, places[number].start, rules)
        if preposition is not None and word_before(text, preposition) in rules.elaboration_words:
            tiers[number] = tiers[number - 1]
    return tiers


def word_after(text: str, offset: int) -> str:
    """The casefolded word starting after spaces at ``offset``, or ""."""
    match = _NEXT_WORD.match(text, offset)
    return match.group(1).casefold() if match else ""


# "Baikonur in Kasachstan", "Almaty, Kazakhstan": a pair's gap is a comma or one locative word, so a
# longer gap is never read (a sentence's places are paired again for each of its events).
PAIR_GAP_CHARS = 24


def located_tiers(text: str, places: list[PlaceMention], tiers: list[int], rules: _Rules) -> list[int]:
    """A place followed by the place that contains it ("Baikonur in Kasachstan", "Almaty, Kazakhstan")
    shares that place's tier: the locative governs the pair, and rule 3 then takes the specific one."""
    tiers = list(tiers)
    for number in range(len(places) - 2, -1, -1):
        place, container = places[number], places[number + 1]
        if container.start - place.end > PAIR_GAP_CHARS:
            continue
        gap = text[place.end:container.start].strip().casefold()
        if (gap == "," or gap in rules.locatives) and specificity(place) < specificity(container):
            tiers[number] = min(tiers[number], tiers[number + 1])
    return tiers


def specificity(place: PlaceMention) -> int:
    if place.geo_precision == "region" and place.country_code is None:
        return _MULTI_COUNTRY
    return _SPECIFICITY.get(place.geo_precision, _MULTI_COUNTRY)


def is_genitive(place: PlaceMention, lang: str) -> bool:
    """"Kasachstans", "Russia's": matched only once a genitive ending was stripped, so a topic.
    (A phrase built around a name, "the Rushon district", is no index key either, but no genitive.)"""
    index = name_index(lang)
    key = name_key(place.text)
    if index.entry(key) is not None:
        return False
    return any(key.endswith(suffix) and index.entry(key[:-len(suffix)]) is not None
               for suffix in index.genitive_suffixes)


def governed_by_locative(text: str, start: int, rules: _Rules) -> bool:
    return locative_before(text, start, rules) is not None


def locative_before(text: str, start: int, rules: _Rules) -> int | None:
    """Offset of a locative preposition right before ``start``, up to MAX_BRIDGE_WORDS bridge words
    between, or None."""
    bridged = 0
    window = max(0, start - LOOKBEHIND_CHARS)
    for match in reversed(list(WORD.finditer(text, window, start))):
        word = match.group().casefold()
        if word in rules.locatives:
            return match.start()
        if not (word in rules.bridge_words or is_adjective(match.group(), rules)) or bridged == MAX_BRIDGE_WORDS:
            return None
        bridged += 1
    return None


def is_adjective(word: str, rules: _Rules) -> bool:
    """A lower-case word with an adjective ending ("westlichen", "northern"): it stands between a
    preposition and the name it governs ("im westlichen Kasachstan") like a bridge word."""
    return word.islower() and len(word) > 3 and word.endswith(rules.adjective_endings)


def named_as_origin(text: str, start: int, lang: str, rules: _Rules) -> bool:
    """A place after an ``origin_heads`` noun ("migrants from Tajikistan", "refugees from Afghanistan's
    Kunduz province"): where people come from, not where the event happened. Articles, bridge words,
    an origin preposition and a possessor place ("Afghanistan's") may stand between noun and place.
    (Commodities as heads, "oil from Kazakhstan's Tengiz field", gained one news-dev event and lost
    one in benchmarks/gold: left out.)"""
    if not rules.origin_heads:
        return False
    index = name_index(lang)
    bridged = 0
    for match in reversed(list(WORD.finditer(text, max(0, start - LOOKBEHIND_CHARS), start))):
        word = match.group().casefold()
        if word in rules.origin_heads:
            return True
        key = name_key(match.group())
        possessor = any(key.endswith(suffix) and index.entry(key[:-len(suffix)]) is not None
                        for suffix in index.genitive_suffixes)
        if not (word in rules.bridge_words or word in rules.origin_prepositions or possessor) \
                or bridged == MAX_BRIDGE_WORDS:
            return False
        bridged += 1
    return False


def word_before(text: str, offset: int) -> str:
    """The casefolded word ending right before ``offset`` (spaces between), or ""."""
    match = _LAST_WORD.search(text, max(0, offset - LOOKBEHIND_CHARS), offset)
    return match.group(1).casefold() if match else ""


def after_border_phrase(text: str, start: int, rules: _Rules) -> bool:
    before = " ".join(text[max(0, start - LOOKBEHIND_CHARS):start].casefold().split())
    return any(before.endswith(phrase) for phrase in rules.border_phrases)


# How far from the trigger clause marks are looked for: a clause longer than this is cut here, so a
# run-on sentence is not read from its start for each of its triggers.
CLAUSE_REACH_CHARS = 400


def trigger_clause(text: str, sentence: Span, trigger: Span, rules: _Rules) -> Span:
    """The stretch of the sentence between the clause marks around the trigger."""
    start, end = max(sentence.start, trigger.start - CLAUSE_REACH_CHARS), min(sentence.end, trigger.end + CLAUSE_REACH_CHARS)
    for mark in rules.clause_marks.finditer(text, start, end):
        if mark.end() <= trigger.start:
            start = mark.end()
        elif mark.start() >= trigger.end:
            end = mark.start()
            break
    return Span(start, end)


def dateline(text: str, lang: str) -> tuple[Span, PlaceMention] | None:
    """The dateline opening the document or its first paragraph with a place ("BRUSSELS (AP) —",
    "Brüssel (dpa) -"): its span and place, or None. A dateline says where the report was filed."""
    found = _datelines(text, lang)
    return (found[0].span, found[0].place) if found else None


def _datelines(text: str, lang: str) -> list[Dateline]:
    rules = _rules(lang)
    found = []
    for paragraph in _PARAGRAPH.finditer(text):
        head_start = paragraph.start() + len(paragraph.group()) - len(paragraph.group().lstrip())
        head = text[head_start:min(paragraph.end(), head_start + DATELINE_MAX_CHARS)]
        for pattern in rules.datelines:
            match = pattern.match(head)
            if match is None:
                continue
            place_start = head_start + match.start("place")
            written = match.group("place")
            # "BAKU": capitals are how datelines are set, not an acronym; same length, so offsets hold
            titled = written.title() if written.isupper() else written
            places = find_places(titled if len(titled) == len(written) else written, lang=lang)
            if places:
                first = places[0]
                shift = place_start
                mention = PlaceMention(
                    start=first.start + shift, end=first.end + shift,
                    text=text[first.start + shift:first.end + shift], name=first.name,
                    country_code=first.country_code, lat=first.lat, lon=first.lon,
                    geo_precision=first.geo_precision, geonames_id=first.geonames_id, category=first.category)
                found.append(Dateline(Span(head_start, head_start + match.end()), mention))
            break
    return found


def document_places(text: str, lang: str, places: list[PlaceMention]) -> DocumentPlaces:
    """The dateline (the first one) and each paragraph's focus place; ``places`` are the document's."""
    rules = _rules(lang)
    datelines = _datelines(text, lang)
    first = datelines[0] if datelines else None
    paragraphs = []
    for paragraph in _PARAGRAPH.finditer(text):
        span = Span(paragraph.start(), paragraph.end())
        inside = [p for p in places if paragraph.start() <= p.start < paragraph.end()
                  and not (first and first.span.start <= p.start < first.span.end)
                  and governed_by_locative(text, p.start, rules)
                  and not after_border_phrase(text, p.start, rules)]
        counts = Counter(p.name for p in inside)
        top = max(counts.values(), default=0)
        paragraphs.append((span, next((p for p in inside if counts[p.name] == top), None)))
    return DocumentPlaces(dateline=first, paragraphs=tuple(paragraphs))


# Events that happen on the ground somewhere: a deployment, an attack, a crackdown, a protest, a pull-out.
PHYSICAL_TYPES = frozenset({"mobilize", "assault", "coerce", "protest", "retreat"})


def organ_place(event_type: str, doer: str | None, participants: list[ActorMention], text: str,
                lang: str) -> PlaceChoice | None:
    """The place of an unplaced physical event that its sentence names only through another state's
    organs ("Russland entsendet Fallschirmjäger, nachdem die kasachischen Sicherheitskräfte
    überrannt wurden"): that state, country-level and marked ``inherited`` (the sentence names no
    place; it names whose forces the event happened among). A name of the state itself is no such
    evidence ("Russland entsendet ..." is the doer), nor is the doer's own organ ("russische Truppen")."""
    if event_type not in PHYSICAL_TYPES:
        return None
    for mention in participants:
        if mention.type != "state" or mention.name == doer or mention.resolved or not _is_organ_phrase(mention):
            continue
        country = _country_place(mention.name, lang)
        if country is not None:
            return PlaceChoice(replace(country, start=mention.start, end=mention.end, text=mention.text),
                               INHERITED, Span(mention.start, mention.end))
    return None


def _is_organ_phrase(mention: ActorMention) -> bool:
    """A demonym with a head noun ("kasachischen Sicherheitskräfte", "Kazakh security forces"),
    not a name of the state ("Kasachstan", "Republik Kasachstan")."""
    return " " in mention.text and mention.text.casefold() not in actor_forms()


@lru_cache(maxsize=None)
def _country_place(name: str, lang: str) -> PlaceMention | None:
    """The gazetteer's country called ``name`` (a canonical English actor name), from the document
    language's place index or the English one."""
    for index_lang in dict.fromkeys((lang, "en")):
        found = [p for p in find_places(name, lang=index_lang) if p.geo_precision == "country"
                 and p.start == 0 and p.end == len(name)]
        if found:
            return found[0]
    return None
