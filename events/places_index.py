"""The name index behind ``find_places``: gazetteer names -> the one entry each name most likely means.

Built once per language from the gazetteer (geodata/gazetteer.py) and the language's
``places.yaml``. Names are keyed by their casefolded words joined with one space, so matching a text
is a dictionary lookup per capitalised word, not a regular expression per name.

Ambiguity is settled here, once per name, not per mention:
1. kind: a curated site beats a country beats a region beats a GeoNames place of the same name
   ("Georgia" the country, "Kashagan" the oil field);
2. among places: population, times ``FOCUS_BONUS`` inside Kazakhstan and its neighbours (the region
   prior), times ``CORE_BONUS`` more inside Kazakhstan, and times ``PRIMARY_BONUS`` when the name
   is the place's main name rather than a variant ("Moscow" is Moscow, Russia, not Moscow, Idaho).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from events.lang import load
from geodata.gazetteer import FOCUS_COUNTRIES, GazetteerEntry, load_gazetteer

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
KIND_RANK = {"site": 3, "country": 2, "region": 1, "city": 0}
FOCUS_BONUS = 10
CORE_COUNTRY = "KZ"       # Kazakhstan itself weighs more again: Kurchatov, KZ over Kurchatov, RU
CORE_BONUS = 5
PRIMARY_BONUS = 5
# A GeoNames place this large is a place wherever it is written; smaller ones need a locative
# preposition in front ("in Kurtschatow"), which keeps villages called "Mit" or "Hier" out.
# Variants (GeoNames alternate names) of places outside the region need more: many are words in
# some language ("Dabei", "Google", "Namen").
FOCUS_MIN_POPULATION = 10_000
FOCUS_VARIANT_MIN_POPULATION = 50_000
WORLD_MIN_POPULATION = 100_000
WORLD_VARIANT_MIN_POPULATION = 250_000
# Towns below this size whose name is also a lower-case word of the language (places_homographs.yaml,
# "essen", "klar"): by their main name they need a locative preposition, by a variant name they are dropped.
HOMOGRAPH_MAX_POPULATION = 1_000_000
# A genitive ("Moskaus", "Wiens") is only tried on towns this large (by main name / by variant name):
# names of smaller towns plus "s" are too often words or people ("Andreas" -> "Andrea", "Times").
GENITIVE_MIN_POPULATION = 100_000
GENITIVE_VARIANT_MIN_POPULATION = 1_000_000


NOT_A_PLACE = -1   # index value of ``not_places`` phrases: matched like names, then dropped


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Everything ``find_places`` needs for one language, immutable and shared."""

    entries: tuple[GazetteerEntry, ...]
    best: dict[str, int]                 # name key -> entry index, or NOT_A_PLACE for a blocked phrase
    needs_locative: frozenset[str]       # name keys that count only after a locative preposition
    acronyms: frozenset[str]             # names written in capitals ("USA"): short capitals match only these
    no_genitive: frozenset[str]          # keys that never take a genitive suffix (smaller towns)
    extra_words: dict[str, int]          # first word of multi-word names -> most words that may follow
    genitive_suffixes: tuple[str, ...]
    locative_prepositions: frozenset[str]
    bridge_words: frozenset[str]
    determiners: frozenset[str]
    name_particles: frozenset[str]
    person_after_capitalised: bool       # English: a town right after a capitalised word is a surname


def name_key(name: str) -> str:
    """Casefolded words joined by one space: how names and text spans are compared."""
    return " ".join(WORD.findall(name.casefold()))


def declined_variants(name: str, adjective_endings: dict[str, list[str]]) -> list[str]:
    """``Roter Platz`` -> ``Roten Platz``, ``Rotem Platz``, ...: decline capitalised non-final words."""
    words = name.split(" ")
    if len(words) < 2 or not adjective_endings:
        return []
    variants = [words]
    for position, word in enumerate(words[:-1]):
        if not word[:1].isupper():
            continue
        for ending in sorted(adjective_endings, key=len, reverse=True):
            if word.endswith(ending):
                stem = word[: -len(ending)]
                variants = [
                    [*variant[:position], stem + replacement, *variant[position + 1:]]
                    for variant in variants
                    for replacement in (ending, *adjective_endings[ending])
                ]
                break
    return [" ".join(variant) for variant in variants[1:]]


def entry_score(entry: GazetteerEntry, primary: bool) -> tuple[int, float]:
    """Sort key for the entries sharing one name: kind first, then weighted population."""
    weight = entry.population or 1
    if entry.country_code in FOCUS_COUNTRIES:
        weight *= FOCUS_BONUS
    if entry.country_code == CORE_COUNTRY:
        weight *= CORE_BONUS
    if primary:
        weight *= PRIMARY_BONUS
    return KIND_RANK[entry.kind], weight


def is_strong(entry: GazetteerEntry, primary: bool) -> bool:
    """A match that stands without a locative preposition."""
    if entry.kind != "city":
        return True
    if entry.country_code in FOCUS_COUNTRIES:
        threshold = FOCUS_MIN_POPULATION if primary else FOCUS_VARIANT_MIN_POPULATION
    else:
        threshold = WORLD_MIN_POPULATION if primary else WORLD_VARIANT_MIN_POPULATION
    return entry.population >= threshold


Candidate = tuple[int, tuple[int, float], bool]   # entry index, score, matched by a primary name


@lru_cache(maxsize=None)
def base_candidates() -> dict[str, Candidate]:
    """Name key -> the best entry of that name: language-independent, built once."""
    best: dict[str, Candidate] = {}
    for index, entry in enumerate(load_gazetteer()):
        for names, primary in ((entry.names, True), (entry.alt_names, False)):
            score = entry_score(entry, primary)
            for name in names:
                key = name_key(name)
                if key and (key not in best or score > best[key][1]):
                    best[key] = (index, score, primary)
    return best


@lru_cache(maxsize=None)
def name_index(lang: str) -> NameIndex:
    """The index for ``lang``: base names plus declined variants, minus the language's stop words."""
    rules = load(lang, "places")
    entries = load_gazetteer()
    candidates = dict(base_candidates())
    adjective_endings = rules.get("adjective_endings") or {}
    if adjective_endings:
        for index, entry in enumerate(entries):
            if entry.kind == "city":
                continue
            score = entry_score(entry, True)
            for name in entry.names:
                for variant in declined_variants(name, adjective_endings):
                    key = name_key(variant)
                    if key not in candidates or score > candidates[key][1]:
                        candidates[key] = (index, score, True)
    for word in rules.get("never_places") or []:
        candidates.pop(name_key(str(word)), None)
    weak_homographs = set()
    for key in homograph_keys(lang):
        candidate = candidates.get(key)
        if candidate is None or entries[candidate[0]].population >= HOMOGRAPH_MAX_POPULATION:
            continue
        if candidate[2]:
            weak_homographs.add(key)
        else:
            del candidates[key]
    best = {key: index for key, (index, _, _) in candidates.items()}
    for phrase in rules.get("not_places") or []:
        best[name_key(str(phrase))] = NOT_A_PLACE
    needs_locative = {
        key for key, (index, _, primary) in candidates.items() if not is_strong(entries[index], primary)
    }
    no_genitive = {
        key for key, (index, _, primary) in candidates.items()
        if entries[index].kind == "city"
        and entries[index].population < (GENITIVE_MIN_POPULATION if primary else GENITIVE_VARIANT_MIN_POPULATION)
    }
    acronyms = {
        name_key(name) for entry in entries if entry.kind != "city" for name in entry.names if name.isupper()
    }
    needs_locative.update(name_key(str(word)) for word in rules.get("common_word_places") or [])
    needs_locative.update(weak_homographs)
    extra_words: dict[str, int] = {}
    for key in best:
        words = key.split(" ")
        if len(words) > 1:
            extra_words[words[0]] = max(extra_words.get(words[0], 0), len(words) - 1)
    return NameIndex(
        entries=entries,
        best=best,
        needs_locative=frozenset(needs_locative),
        acronyms=frozenset(acronyms),
        no_genitive=frozenset(no_genitive),
        extra_words=extra_words,
        genitive_suffixes=tuple(rules.get("genitive_suffixes") or ()),
        locative_prepositions=casefolded(rules, "locative_prepositions"),
        bridge_words=casefolded(rules, "bridge_words"),
        determiners=casefolded(rules, "determiners"),
        name_particles=casefolded(rules, "name_particles"),
        person_after_capitalised=bool(rules.get("town_after_capitalised_word_is_a_surname")),
    )


def homograph_keys(lang: str) -> list[str]:
    """Generated list of town names that are ordinary words (events/places_homographs.py); optional."""
    try:
        return [str(word) for word in load(lang, "places_homographs")["homographs"]]
    except FileNotFoundError:
        return []


def casefolded(rules: dict, name: str) -> frozenset[str]:
    """A word list of ``places.yaml`` as a casefolded set (YAML may read "no"/"on" as booleans: quote them)."""
    return frozenset(str(word).casefold() for word in rules.get(name) or ())
