"""Place recognition: ``find_places(text, lang=)`` -> the gazetteer places a text names.

Fast because one regular expression finds the capitalised words and the rest is dictionary lookups
in the name index (events/places_index.py, which also settles ambiguous names once per name).
Rules, all language data from ``events/lang/<lang>/places.yaml`` except the numbers:
- only capitalised words start a name, so adjectives ("kasachische Sicherheitskräfte",
  "russischem Öl") are never places; multi-word names take the longest match ("Roten Platz",
  "Kosmodrom Baikonur", "Vereinigten Staaten");
- an unknown last word is retried without a genitive suffix ("Kasachstans", "Russia's"), but not
  on towns under 100,000, nor on variant names of towns under a million ("Andreas" is no "Andrea");
- ``never_places`` (articles, sentence-initial verbs, nouns such as "Union", "Bank") are not in the
  index at all, and ``not_places`` phrases that contain a place name ("Europa League", "Austria
  Wien", "Washington Post") are matched and then dropped whole;
- weak names count only right after a locative preposition ("in", "nach", "bei", "near" ...; up
  to two bridge words between: "in der Stadt", "in the town of"). Weak are: towns below the
  population floor (in Kazakhstan and its neighbours 10,000, or 50,000 by a variant name; elsewhere
  100,000, or 250,000 by a variant name), ``common_word_places`` ("Essen") and towns under a million
  named like a lower-case word (``places_homographs.yaml``);
- a town or weak name right after a determiner, or a determiner and one lower-case word, is a
  common noun ("der Rest", "im Fall", "im politischen Chaos"); one followed by a capitalised word or
  a name particle is a person or club ("Andreas Mölzer", "Van der Bellen", "bei Austria
  Klagenfurt"), unless it is a strong name after a locative preposition ("in Wien Mitte");
- in English (``town_after_capitalised_word_is_a_surname``) a town right after a capitalised word
  that is no place is a surname ("Lewis Hamilton"); German capitalises every noun, so not there;
- a short all-capitals word ("APA", "BIG") matches only a name written in capitals ("USA");
- a name written right before a ``currency_signs`` sign is a currency ("US$", "HK$");
- hyphenated compounds are one word and match only as a whole ("Nur-Sultan", "KazTransOil-Pipeline"):
  "US-Regierung" or "Russland-Sanktionen" name actors or topics, not where something happened;
- a curated site or region whose name starts with lower-case words before a town ("the port of
  Aktau") is matched whole when the index knows the phrase;
- a town with a ``district_suffixes`` word after it or ``district_prefixes`` words before it ("the
  Rushon district", "Bezirk Murghob", "the district of Imam Sahib") is the district named after it:
  "Rushon District" at the town's point, precision ``region``, category ``district`` (not from a
  genitive, "Bezirk Wiens", nor from a weak name outside the region); "the Kaldar district of
  Afghanistan" names a district the gazetteer lacks, placed at its country's point and precision;
- a name followed within four capitalised words by an ``organisation_words`` word opens an
  organisation's name ("China National Petroleum Corporation", "Kazakhstan Temir Zholy"): no place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from events.places_index import (
    LOOKUP_CACHE_SIZE, NEEDS_LOCATIVE, NO_GENITIVE, NOT_A_PLACE, WORD, NameIndex, Place, name_index, name_key,
)
from geodata.gazetteer import FOCUS_COUNTRIES, GazetteerEntry, sites

_UPPERCASE = "".join(
    re.escape(chr(code)) for code in (*range(0x41, 0x530), *range(0x1E00, 0x1F00)) if chr(code).isupper()
)
CAPITALISED_WORD = re.compile(rf"(?<![\w'’-])[{_UPPERCASE}]\w*(?:[-'’]\w+)*")
# what may stand between the words of one name: spaces, a dash ("Kazakhstan – China"), a dot ("St. Petersburg")
NEXT_WORD = re.compile(r"(?:[ \t\xa0]*[–—][ \t\xa0]*|\.[ \t\xa0]*|\s+)(\w+(?:[-'’]\w+)*)")
FOLLOWING_WORD = re.compile(r"[ \xa0](\w+)")
CAPITALISED_NAME_BEFORE = re.compile(rf"(?<![\w'’-])([{_UPPERCASE}]\w+(?:[-'’]\w+)*)[ \xa0]+$")
SPACED_WORD = re.compile(r"[ \t\xa0]+(\w+(?:[-'’]\w+)*)")    # the next word of one name, spaces between
PRECEDING_WORD = re.compile(r"(\w+)\s+$")
LOOKBEHIND_CHARS = 60
MAX_BRIDGE_WORDS = 2
MAX_ACRONYM_LENGTH = 4
NO_NAME = -1        # ``name_start`` of a word no name starts with


class Word(NamedTuple):
    start: int
    text: str


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str                     # surface form, e.g. "Kasachstans"
    name: str                     # canonical English name, e.g. "Kazakhstan", "Moscow", "Baikonur Cosmodrome"
    country_code: str | None      # ISO 3166-1 alpha-2; None only for regions spanning several countries
    lat: float
    lon: float
    geo_precision: str            # site|city|region|country
    geonames_id: int | None
    category: str | None          # sites and regions: cosmodrome, test range, pipeline, square, sea ...


def find_places(text: str, *, lang: str) -> list[PlaceMention]:
    """Every place named in ``text``, in order, without overlaps; spans index ``text``."""
    if not isinstance(text, str):
        raise ValueError(f"find_places needs a str, got {type(text).__name__}")
    index = name_index(lang)
    mentions: list[PlaceMention] = []
    covered_until = 0
    for match in CAPITALISED_WORD.finditer(text):
        extra = name_start(match.group(), lang)
        start = match.start()
        if extra == NO_NAME or start < covered_until:
            continue
        words, ends = [match.group().casefold()], [match.end()]
        for _ in range(extra):
            following = NEXT_WORD.match(text, ends[-1])
            if following is None:
                break
            words.append(following.group(1).casefold())
            ends.append(following.end())
        hit = known_name(tuple(words), lang)
        if hit is None:
            continue
        key, entry_index, word_count, genitive = hit
        end = ends[word_count - 1]
        if entry_index == NOT_A_PLACE:       # "Europa League", "Austria Wien": skip the whole phrase
            covered_until = end
            continue
        if text[end:end + 1] in index.currency_signs:   # "US$ 5 million"
            covered_until = end
            continue
        entry = index.places[entry_index]
        organisation = organisation_end(text, end, index)
        if organisation > end:                    # "China National Petroleum Corporation"
            covered_until = organisation
            continue
        wider = None
        if entry.kind == "city":
            wider = facility_before(text, start, end, covered_until, key, index)
            if wider is None and not genitive and (entry.country_code in FOCUS_COUNTRIES
                                                   or not index.has_flag(key, NEEDS_LOCATIVE)):
                # "Bezirk Wiens" is a district of Vienna, not one named after it; a weak name far
                # away is more often another town's variant ("Bezirk Freistadt" is no Karviná)
                wider = district(text, start, end, entry, covered_until, index)
        elif entry.kind == "country":
            wider = district_of_country(text, start, end, entry, covered_until, index)
        if wider is not None:
            mentions.append(wider)
            covered_until = wider.end
            continue
        surface = text[start:end]
        if not plausible(text, start, end, surface, key, entry, genitive, index):
            continue
        mentions.append(mention(entry, start, end, surface))
        covered_until = end
    return mentions


# How many words a prefix before a town may have: "port of" (Aktau), "district of" (Shortepa)
MAX_PREFIX_WORDS = 2
ORGANISATION_REACH_WORDS = 4     # "China National Petroleum Corporation": the suffix word within four


def facility_before(text: str, start: int, end: int, covered_until: int, key: str,
                    index: NameIndex) -> PlaceMention | None:
    """A curated site or region named by lower-case words and a town ("the port of Aktau"), when the
    index knows the whole phrase: the loop starts names only at capitalised words."""
    words = preceding_words(text, start, covered_until)
    for count in range(len(words), 0, -1):
        prefix = words[-count:]
        if not all(word.text.islower() for word in prefix):
            continue
        entry_index = index.entry(" ".join((*(word.text for word in prefix), key)))
        if entry_index is None or entry_index == NOT_A_PLACE or index.places[entry_index].kind == "city":
            continue
        return mention(index.places[entry_index], prefix[0].start, end, text[prefix[0].start:end])
    return None


def preceding_words(text: str, start: int, covered_until: int) -> list[Word]:
    """The up to MAX_PREFIX_WORDS words right before ``start``, separated by spaces only."""
    window_start = max(covered_until, start - LOOKBEHIND_CHARS)
    window = text[window_start:start]
    if not window[-1:].isspace():
        return []
    words: list[Word] = []
    position = len(window.rstrip())
    for word in window.split()[::-1][:MAX_PREFIX_WORDS]:
        begin = window.rfind(word, 0, position)
        if not word.isalnum() or (begin > 0 and not window[begin - 1].isspace()):
            break
        words.insert(0, Word(window_start + begin, word))
        position = begin
    return words


def district(text: str, start: int, end: int, entry: Place, covered_until: int, index: NameIndex) -> PlaceMention | None:
    """"Rushon district", "Bezirk Ruschon", "the district of X": districts are named after their
    centre, so the town's point stands for the district, one precision coarser (``region``)."""
    after = FOLLOWING_WORD.match(text, end)
    kind = index.district_suffixes.get(after.group(1).casefold()) if after else None
    phrase_start, phrase_end = start, after.end() if kind else end
    if kind is None:
        words = preceding_words(text, start, covered_until)
        for count in range(len(words), 0, -1):
            kind = index.district_prefixes.get(" ".join(word.text.casefold() for word in words[-count:]))
            if kind is not None:
                phrase_start = words[-count].start
                break
    if kind is None:
        return None
    return PlaceMention(
        start=phrase_start, end=phrase_end, text=text[phrase_start:phrase_end], name=f"{entry.name} {kind}",
        country_code=entry.country_code, lat=entry.lat, lon=entry.lon, geo_precision="region",
        geonames_id=None, category=kind.casefold(),
    )


def district_of_country(text: str, start: int, end: int, entry: Place, covered_until: int,
                        index: NameIndex) -> PlaceMention | None:
    """"the Kaldar district of Afghanistan": a district the gazetteer lacks, named with its country.
    Only the country is known, so the place has the country's point and precision."""
    words = preceding_words(text, start, covered_until)
    if len(words) < 2:
        return None
    kind = index.district_prefixes.get(" ".join(word.text.casefold() for word in words[-2:]))
    name = CAPITALISED_NAME_BEFORE.search(text, max(covered_until, words[-2].start - LOOKBEHIND_CHARS), words[-2].start)
    if kind is None or name is None:
        return None
    return PlaceMention(
        start=name.start(1), end=end, text=text[name.start(1):end], name=f"{name.group(1)} {kind}",
        country_code=entry.country_code, lat=entry.lat, lon=entry.lon, geo_precision="country",
        geonames_id=None, category=kind.casefold(),
    )


def organisation_end(text: str, end: int, index: NameIndex) -> int:
    """End of the organisation name a place name opens ("Kazakhstan Temir Zholy"), or ``end``."""
    if not index.organisation_words:
        return end
    position, found = end, end
    for _ in range(ORGANISATION_REACH_WORDS):
        following = SPACED_WORD.match(text, position)
        if following is None or not following.group(1)[:1].isupper():
            break
        position = following.end()
        if following.group(1).casefold() in index.organisation_words:
            found = position
    return found


def plausible(text: str, start: int, end: int, surface: str, key: str, entry: Place,
              genitive: bool, index: NameIndex) -> bool:
    """The context guards of the module docstring, cheapest first."""
    if surface.isupper() and len(surface) <= MAX_ACRONYM_LENGTH and key not in index.acronyms:
        return False
    weak = index.has_flag(key, NEEDS_LOCATIVE)
    if entry.kind != "city" and not weak:
        return True
    if follows_determiner(text, start, index):
        return False
    locative = follows_locative(text, start, index)
    if (index.person_after_capitalised and entry.kind == "city" and not locative
            and follows_capitalised(text, start, index)):
        return False
    if weak and not locative:
        return False
    if genitive or (locative and not weak):    # "Moskaus Einfluss", "in Wien Mitte"
        return True
    after = FOLLOWING_WORD.match(text, end)
    return after is None or not (after.group(1)[0].isupper() or after.group(1) in index.name_particles)


@lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def name_start(word: str, lang: str) -> int:
    """How many more words a name starting with ``word`` (as written) may have, or NO_NAME when no
    name starts with it. Most capitalised words of German news start none ("Die", "Regierung"); kept
    per word, this answer skips them at the cost of one dictionary hit."""
    first = word.casefold()
    extra = name_index(lang).extra_words(first)
    if extra == 0 and known_name((first,), lang) is None:
        return NO_NAME
    return extra


@lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def known_name(words: tuple[str, ...], lang: str) -> tuple[str, int, int, bool] | None:
    """``longest_name`` memoised: most capitalised words of a text ("Die", "Regierung") were already
    looked up, with their genitive stems, in an earlier sentence or document."""
    return longest_name(words, name_index(lang))


def longest_name(words: tuple[str, ...], index: NameIndex) -> tuple[str, int, int, bool] | None:
    """(key, entry index, words used, genitive?) of the longest known name at the start of ``words``."""
    suffixes = index.genitive_suffixes
    for count in range(len(words), 0, -1):
        key = " ".join(words[:count])
        entry_index = index.entry(key)
        if entry_index is not None:
            return key, entry_index, count, False
        last = words[count - 1]
        for suffix in suffixes:
            if last.endswith(suffix) and len(last) > len(suffix) + 2:
                stem_key = " ".join((*words[: count - 1], last[: -len(suffix)]))
                entry_index = index.entry(stem_key)
                if entry_index is not None and not index.has_flag(stem_key, NO_GENITIVE):
                    return stem_key, entry_index, count, True
    return None


def follows_determiner(text: str, start: int, index: NameIndex) -> bool:
    """True after a determiner, directly or with one lower-case word between ("des blauen Chaos")."""
    before = PRECEDING_WORD.search(text, max(0, start - LOOKBEHIND_CHARS), start)
    if before is None:
        return False
    word = before.group(1)
    if word.casefold() in index.determiners:
        return True
    if not word.islower():
        return False
    earlier = PRECEDING_WORD.search(text, max(0, before.start() - LOOKBEHIND_CHARS), before.start())
    return earlier is not None and earlier.group(1).casefold() in index.determiners


def follows_capitalised(text: str, start: int, index: NameIndex) -> bool:
    """True after a capitalised word that is no strong place ("Lewis Hamilton", not "Kazakhstan Almaty")."""
    before = PRECEDING_WORD.search(text, max(0, start - LOOKBEHIND_CHARS), start)
    if before is None or not before.group(1)[0].isupper() or before.end(1) != start - 1:
        return False
    word = before.group(1).casefold()
    return index.entry(word) is None or index.has_flag(word, NEEDS_LOCATIVE)


def follows_locative(text: str, start: int, index: NameIndex) -> bool:
    """True when a locative preposition precedes ``start``, skipping up to two bridge words."""
    bridged = 0
    for word in reversed(WORD.findall(text, max(0, start - LOOKBEHIND_CHARS), start)):
        word = word.casefold()
        if word in index.locative_prepositions:
            return True
        if word not in index.bridge_words or bridged == MAX_BRIDGE_WORDS:
            return False
        bridged += 1
    return False


def mention(entry: Place | GazetteerEntry, start: int, end: int, surface: str) -> PlaceMention:
    return PlaceMention(
        start=start, end=end, text=surface, name=entry.name, country_code=entry.country_code,
        lat=entry.lat, lon=entry.lon, geo_precision=entry.kind, geonames_id=entry.geonames_id,
        category=entry.category,
    )


def all_sites() -> tuple[GazetteerEntry, ...]:
    """The curated sites (geodata/sources/sites.csv), e.g. for the map's site layer."""
    return sites()


@lru_cache(maxsize=None)
def _sites_by_name() -> dict[str, GazetteerEntry]:
    return {
        name_key(name): site
        for site in sites() for name in (site.name, *site.names, *(local for _, local in site.local_names))
    }


def lookup_site(name: str) -> PlaceMention | None:
    """The site called ``name`` in any language ("Roter Platz", "Baikonur Cosmodrome"), or None.

    The returned mention spans ``name`` itself (start 0).
    """
    site = _sites_by_name().get(name_key(name))
    return None if site is None else mention(site, 0, len(name), name)
