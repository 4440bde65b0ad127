"""The name index behind ``find_places``: gazetteer names -> the one entry each name most likely means.

Built at build time, once per language, from the gazetteer (geodata/gazetteer.py), the language's
``places.yaml`` and its generated ``places_homographs.yaml`` (``python -m geodata.build`` writes
``geodata/generated/place_index.<lang>.pickle``); extraction loads that file and never parses the
gazetteer. Names are keyed by their casefolded words joined with one space, so matching a text is a
hash lookup per capitalised word, not a regular expression per name.

The file is compact rather than a pickled dict: its 325,000 name keys as Python strings took 170-240 ms
to unpickle (as sorted lists plus ``dict(zip(...))`` 150 ms, with ``marshal`` 100 ms; measured on the
shared 2-core machine), while one UTF-8 blob with an open-addressing table of ``array`` slots loads in
about 11 ms of CPU; a lookup (about 0.5 µs) decodes nothing but the one slice it compares.

Ambiguity is settled here, once per name, not per mention:
1. kind: a curated site beats a country beats a region beats a GeoNames place of the same name
   ("Georgia" the country, "Kashagan" the oil field);
2. among places: population, times ``FOCUS_BONUS`` inside Kazakhstan and its neighbours (the region
   prior), times ``CORE_BONUS`` more inside Kazakhstan, and times ``PRIMARY_BONUS`` when the name
   is the place's main name rather than a variant ("Moscow" is Moscow, Russia, not Moscow, Idaho).
"""
from __future__ import annotations

import pickle
import re
import zlib
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from events.lang import LANG_DIR, load
from geodata.gazetteer import FOCUS_COUNTRIES, GAZETTEER_PATH, GENERATED_DIR, KINDS, GazetteerEntry

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


NOT_A_PLACE = -1   # entry of ``not_places`` phrases: matched like names, then dropped
NO_ENTRY = -2      # a key that is only the first word of longer names
NEEDS_LOCATIVE, NO_GENITIVE = 1, 2     # bits of a key's flags
FORMAT_VERSION = 1
PICKLE_PROTOCOL = 5
# Distinct keys remembered per language: German news repeats its capitalised words ("Die", "Regierung")
# so most of ``find_places``' lookups hit this cache; 10kGNAD's 1,028 articles ask about 100,000 keys.
LOOKUP_CACHE_SIZE = 1 << 17
HOMOGRAPHS = "generated/places_homographs"


def index_path(lang: str) -> Path:
    return GENERATED_DIR / f"place_index.{lang}.pickle"


def index_sources(lang: str) -> tuple[Path, ...]:
    """The files an index is built from; their digest is stored in it, so a test can spot a stale one."""
    pack = LANG_DIR / lang
    return GAZETTEER_PATH, pack / "places.yaml", pack / f"{HOMOGRAPHS}.yaml"


def sources_digest(lang: str) -> str:
    import hashlib   # build and test time only

    digest = hashlib.sha256()
    for path in index_sources(lang):
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


class Place(NamedTuple):
    """What a mention needs of a gazetteer entry."""

    name: str
    kind: str
    country_code: str | None
    lat: float
    lon: float
    geonames_id: int | None
    category: str | None


@dataclass(frozen=True, slots=True)
class Strings:
    """Many strings as one UTF-8 blob and offsets: loads as two buffers, decodes one string on demand."""

    blob: bytes
    offsets: array      # 'I', len(strings) + 1

    @classmethod
    def of(cls, strings: list[str]) -> "Strings":
        encoded = [string.encode("utf-8") for string in strings]
        offsets = array("I", [0])
        for item in encoded:
            offsets.append(offsets[-1] + len(item))
        return cls(b"".join(encoded), offsets)

    def raw(self, number: int) -> bytes:
        return self.blob[self.offsets[number]:self.offsets[number + 1]]

    def __getitem__(self, number: int) -> str:
        return self.raw(number).decode("utf-8")


@dataclass(frozen=True, slots=True)
class NameTable:
    """Name key -> (entry, flags, extra words): an open-addressing hash table over a ``Strings`` blob.

    The hash is CRC-32 of the UTF-8 key (Python's ``hash`` of a str changes per process).
    """

    keys: Strings
    slots: array        # 'i', a power of two long: key number or -1
    entry: array        # 'i', per key: entry number, NOT_A_PLACE or NO_ENTRY
    flags: bytes        # per key: NEEDS_LOCATIVE | NO_GENITIVE
    extra: bytes        # per key: most words that may follow it in a longer name (capped at 255)

    @classmethod
    def of(cls, rows: list[tuple[str, int, int, int]]) -> "NameTable":
        """From (key, entry, flags, extra words) rows, sorted by key so the bytes are reproducible."""
        rows = sorted(rows)
        # load factor at most 2/3: about 2 probes per hit and 5 per miss, half the file of 1/3
        size = 1 << max(4, (3 * len(rows) // 2).bit_length())
        slots = array("i", [-1]) * size
        for number, (key, _, _, _) in enumerate(rows):
            slot = zlib.crc32(key.encode("utf-8")) & (size - 1)
            while slots[slot] != -1:
                slot = (slot + 1) & (size - 1)
            slots[slot] = number
        return cls(
            keys=Strings.of([row[0] for row in rows]), slots=slots,
            entry=array("i", [row[1] for row in rows]),
            flags=bytes(row[2] for row in rows), extra=bytes(min(row[3], 255) for row in rows),
        )

    def find(self, key: str) -> int:
        """The key's number, or -1."""
        raw = key.encode("utf-8")
        slots, blob, offsets = self.slots, self.keys.blob, self.keys.offsets   # the probe loop inlined
        mask = len(slots) - 1
        slot = zlib.crc32(raw) & mask
        while (number := slots[slot]) != -1:
            if blob[offsets[number]:offsets[number + 1]] == raw:
                return number
            slot = (slot + 1) & mask
        return -1


@dataclass(frozen=True, slots=True)
class PlaceTable:
    """The entries the names point to, column by column (a ``Place`` is built only when matched)."""

    names: Strings
    kinds: bytes                    # index into geodata.gazetteer.KINDS
    countries: tuple[str | None, ...]
    country: array                  # 'H', index into countries
    lat: array                      # 'd'
    lon: array                      # 'd'
    geonames_id: array              # 'q', 0 for none
    categories: tuple[str | None, ...]
    category: array                 # 'H', index into categories

    @classmethod
    def of(cls, entries: list[GazetteerEntry]) -> "PlaceTable":
        countries = tuple(sorted({e.country_code for e in entries}, key=lambda c: (c is not None, c or "")))
        categories = tuple(sorted({e.category for e in entries}, key=lambda c: (c is not None, c or "")))
        return cls(
            names=Strings.of([e.name for e in entries]), kinds=bytes(KINDS.index(e.kind) for e in entries),
            countries=countries, country=array("H", [countries.index(e.country_code) for e in entries]),
            lat=array("d", [e.lat for e in entries]), lon=array("d", [e.lon for e in entries]),
            geonames_id=array("q", [e.geonames_id or 0 for e in entries]),
            categories=categories, category=array("H", [categories.index(e.category) for e in entries]),
        )

    def __getitem__(self, number: int) -> Place:
        return Place(
            name=self.names[number], kind=KINDS[self.kinds[number]],
            country_code=self.countries[self.country[number]], lat=self.lat[number], lon=self.lon[number],
            geonames_id=self.geonames_id[number] or None, category=self.categories[self.category[number]],
        )


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Everything ``find_places`` needs for one language, immutable and shared."""

    table: NameTable
    places: PlaceTable
    acronyms: frozenset[str]             # names written in capitals ("USA"): short capitals match only these
    genitive_suffixes: tuple[str, ...]
    locative_prepositions: frozenset[str]
    bridge_words: frozenset[str]
    determiners: frozenset[str]
    name_particles: frozenset[str]
    person_after_capitalised: bool       # English: a town right after a capitalised word is a surname
    currency_signs: frozenset[str]       # a name written right before one is a currency ("US$", "HK$")
    # ``table.find`` memoised: the table is immutable, and a hit in a dict is several times cheaper
    # than a CRC-32 and a probe (entry, flags and extra words each ask for the same key)
    number: Callable[[str], int] = field(compare=False, repr=False)
    # "Rushon district", "Bezirk Ruschon", "district of X": casefolded word or phrase -> the kind
    # word of the canonical name ("District", "Region")
    district_suffixes: dict[str, str] = field(default_factory=dict)
    district_prefixes: dict[str, str] = field(default_factory=dict)
    organisation_words: frozenset[str] = frozenset()   # "China National Petroleum Corporation"

    def entry(self, key: str) -> int | None:
        """Entry number of the name ``key`` (or NOT_A_PLACE for a blocked phrase), None if unknown."""
        number = self.number(key)
        if number < 0:
            return None
        entry = self.table.entry[number]
        return None if entry == NO_ENTRY else entry

    def has_flag(self, key: str, flag: int) -> bool:
        number = self.number(key)
        return number >= 0 and bool(self.table.flags[number] & flag)

    def extra_words(self, first_word: str) -> int:
        """How many more words a name starting with ``first_word`` may have."""
        number = self.number(first_word)
        return self.table.extra[number] if number >= 0 else 0


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


class Candidate(NamedTuple):
    """The best entry for one name key so far."""

    entry: int
    score: tuple[int, float]
    primary: bool            # matched by a main name, not a GeoNames variant


def base_candidates(entries: tuple[GazetteerEntry, ...], lang: str) -> dict[str, Candidate]:
    """Name key -> the best entry of that name, by the names a ``lang`` text may use."""
    best: dict[str, Candidate] = {}
    for index, entry in enumerate(entries):
        for names, primary in ((entry.names_in(lang), True), (entry.alt_names, False)):
            score = entry_score(entry, primary)
            for name in names:
                key = name_key(name)
                if key and (key not in best or score > best[key].score):
                    best[key] = Candidate(index, score, primary)
    return best


def build_index(lang: str, entries: tuple[GazetteerEntry, ...]) -> bytes:
    """The index file for ``lang``: base names plus declined variants, minus the language's stop words.

    Deterministic bytes (sorted rows, fixed pickle protocol), so a rebuild can be compared with the
    committed file.
    """
    rules = load(lang, "places")
    candidates = base_candidates(entries, lang)
    adjective_endings = rules["adjective_endings"]
    if adjective_endings:
        for index, entry in enumerate(entries):
            if entry.kind == "city":
                continue
            score = entry_score(entry, True)
            for name in entry.names_in(lang):
                for variant in declined_variants(name, adjective_endings):
                    key = name_key(variant)
                    if key not in candidates or score > candidates[key].score:
                        candidates[key] = Candidate(index, score, True)
    for word in rules["never_places"]:
        candidates.pop(name_key(str(word)), None)
    weak_homographs = set()
    for key in load(lang, HOMOGRAPHS)["homographs"]:
        candidate = candidates.get(str(key))
        if candidate is None or entries[candidate.entry].population >= HOMOGRAPH_MAX_POPULATION:
            continue
        if candidate.primary:
            weak_homographs.add(str(key))
        else:
            del candidates[str(key)]
    needs_locative = {key for key, c in candidates.items() if not is_strong(entries[c.entry], c.primary)}
    needs_locative.update(name_key(str(word)) for word in rules["common_word_places"])
    needs_locative.update(weak_homographs)
    no_genitive = {
        key for key, c in candidates.items()
        if entries[c.entry].kind == "city"
        and entries[c.entry].population < (GENITIVE_MIN_POPULATION if c.primary else GENITIVE_VARIANT_MIN_POPULATION)
    }
    used = sorted({c.entry for c in candidates.values()})
    renumber = {old: new for new, old in enumerate(used)}
    best = {key: renumber[c.entry] for key, c in candidates.items()}
    for phrase in rules["not_places"]:
        best[name_key(str(phrase))] = NOT_A_PLACE
    extra_words: dict[str, int] = {}
    for key in best:
        words = key.split(" ")
        if len(words) > 1:
            extra_words[words[0]] = max(extra_words.get(words[0], 0), len(words) - 1)
    rows = [
        (key, best.get(key, NO_ENTRY),
         (NEEDS_LOCATIVE if key in needs_locative else 0) | (NO_GENITIVE if key in no_genitive else 0),
         extra_words.get(key, 0))
        for key in best.keys() | extra_words.keys()
    ]
    acronyms = sorted({
        name_key(name) for entry in entries if entry.kind != "city" for name in entry.names_in(lang)
        if name.isupper()
    })
    payload = (
        FORMAT_VERSION, sources_digest(lang), NameTable.of(rows),
        PlaceTable.of([entries[old] for old in used]), tuple(acronyms),
    )
    return pickle.dumps(payload, protocol=PICKLE_PROTOCOL)


class IndexFile(NamedTuple):
    sources_digest: str     # of ``index_sources``: checked by a test, not at run time
    table: NameTable
    places: PlaceTable
    acronyms: frozenset[str]


def read_index(path: Path) -> IndexFile:
    """The contents of an index file; a missing file or one of another format is an error."""
    if not path.is_file():
        raise FileNotFoundError(f"place-name index not found at {path}; run `python -m geodata.build`")
    with path.open("rb") as handle:
        payload = pickle.load(handle)
    if payload[0] != FORMAT_VERSION:
        raise ValueError(f"{path} has index format {payload[0]}, expected {FORMAT_VERSION}: run `python -m geodata.build`")
    _, digest, table, places, acronyms = payload
    return IndexFile(digest, table, places, frozenset(acronyms))


@lru_cache(maxsize=None)
def name_index(lang: str) -> NameIndex:
    """The prebuilt index for ``lang`` plus the context rules of its ``places.yaml``; loaded once."""
    rules = load(lang, "places")
    index_file = read_index(index_path(lang))
    return NameIndex(
        table=index_file.table,
        places=index_file.places,
        acronyms=index_file.acronyms,
        genitive_suffixes=tuple(rules["genitive_suffixes"]),
        locative_prepositions=casefolded(rules, "locative_prepositions"),
        bridge_words=casefolded(rules, "bridge_words"),
        determiners=casefolded(rules, "determiners"),
        name_particles=casefolded(rules, "name_particles"),
        person_after_capitalised=bool(rules["town_after_capitalised_word_is_a_surname"]),
        currency_signs=frozenset(str(sign) for sign in rules.get("currency_signs") or ()),
        number=lru_cache(maxsize=LOOKUP_CACHE_SIZE)(index_file.table.find),
        district_suffixes=casefolded_map(rules, "district_suffixes"),
        district_prefixes=casefolded_map(rules, "district_prefixes"),
        organisation_words=frozenset(str(word).casefold() for word in rules.get("organisation_words") or ()),
    )


def casefolded_map(rules: dict, name: str) -> dict[str, str]:
    """An optional word map of ``places.yaml`` with casefolded keys, the phrase's words joined by one space."""
    return {" ".join(str(key).casefold().split()): str(value) for key, value in (rules.get(name) or {}).items()}


def casefolded(rules: dict, name: str) -> frozenset[str]:
    """A word list of ``places.yaml`` as a casefolded set (YAML may read "no"/"on" as booleans: quote them)."""
    return frozenset(str(word).casefold() for word in rules[name])
