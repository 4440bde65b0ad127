"""Read-only access to the generated gazetteer (``geodata/generated/gazetteer.tsv.gz``).

The file is produced by ``python -m geodata.build``; this module only reads it, once per process,
so every stage that needs whole entries (the build of the place-name index, ``lookup_site``)
shares one immutable copy. Extraction itself reads the prebuilt index (events/places_index.py).
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEODATA_DIR = Path(__file__).parent
SOURCES_DIR = GEODATA_DIR / "sources"          # hand-written
GENERATED_DIR = GEODATA_DIR / "generated"      # written by `python -m geodata.build`, never by hand
GAZETTEER_PATH = GENERATED_DIR / "gazetteer.tsv.gz"

# Kazakhstan, its neighbours and the wider region: kept down to 500 inhabitants in the gazetteer
# and preferred when a name is ambiguous (the region prior).
FOCUS_COUNTRIES: frozenset[str] = frozenset(
    "KZ RU CN KG UZ TM TJ AF MN AZ AM GE BY UA IR TR PK".split()
)

COLUMNS = (
    "key", "kind", "name", "category", "country_code", "lat", "lon",
    "population", "geonames_id", "names", "alt_names", "local_names",
)
NAME_SEPARATOR = "|"
LANGUAGE_SEPARATOR = ":"    # a local name is written ``de:Kasachstan``
KINDS = ("site", "city", "region", "country")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One located thing.

    ``names`` are official/curated names valid in every language, ``alt_names`` GeoNames variants
    (untagged, so also every language), ``local_names`` (language, name) pairs that only that
    language's index matches: CLDR country and region names, site and region aliases of the packs.
    """

    key: str                    # stable id: country:KZ, region:central-asia, site:red-square, city:1526384
    kind: str                   # geo_precision: site|city|region|country
    name: str                   # canonical English name
    category: str | None        # sites and regions: cosmodrome, pipeline, square, lake ...
    country_code: str | None    # None only for regions spanning several countries
    lat: float
    lon: float
    population: int
    geonames_id: int | None
    names: tuple[str, ...]
    alt_names: tuple[str, ...]
    local_names: tuple[tuple[str, str], ...] = ()

    def names_in(self, lang: str) -> tuple[str, ...]:
        """The main names a text in ``lang`` may use: the shared ones plus that language's own."""
        return (*self.names, *(name for name_lang, name in self.local_names if name_lang == lang))


def format_row(entry: GazetteerEntry) -> str:
    """One TSV line; floats rounded to 5 decimals (about 1 m) so rebuilds are byte-identical."""
    fields = (
        entry.key, entry.kind, entry.name, entry.category or "", entry.country_code or "",
        f"{entry.lat:.5f}", f"{entry.lon:.5f}", str(entry.population),
        "" if entry.geonames_id is None else str(entry.geonames_id),
        NAME_SEPARATOR.join(entry.names), NAME_SEPARATOR.join(entry.alt_names),
        NAME_SEPARATOR.join(f"{lang}{LANGUAGE_SEPARATOR}{name}" for lang, name in entry.local_names),
    )
    return "\t".join(fields)


def parse_row(line: str) -> GazetteerEntry:
    """Inverse of :func:`format_row`; a malformed line is an error naming it."""
    fields = line.rstrip("\n").split("\t")
    if len(fields) != len(COLUMNS):
        raise ValueError(f"gazetteer line has {len(fields)} fields, expected {len(COLUMNS)}: {line[:80]!r}")
    key, kind, name, category, country, lat, lon, population, geonames_id, names, alt_names, local_names = fields
    return GazetteerEntry(
        key=key, kind=kind, name=name, category=category or None, country_code=country or None,
        lat=float(lat), lon=float(lon), population=int(population),
        geonames_id=int(geonames_id) if geonames_id else None,
        names=tuple(names.split(NAME_SEPARATOR)) if names else (),
        alt_names=tuple(alt_names.split(NAME_SEPARATOR)) if alt_names else (),
        local_names=tuple(
            tuple(local.split(LANGUAGE_SEPARATOR, 1)) for local in local_names.split(NAME_SEPARATOR)
        ) if local_names else (),
    )


@lru_cache(maxsize=None)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> tuple[GazetteerEntry, ...]:
    """All entries, in file order (sorted by key); cached, so callers must not mutate anything."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"gazetteer not found at {path}; run `python -m geodata.build`")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        if tuple(header) != COLUMNS:
            raise ValueError(f"gazetteer {path} has header {header}, expected {list(COLUMNS)}")
        return tuple(parse_row(line) for line in handle)


@lru_cache(maxsize=None)
def entries_by_key() -> dict[str, GazetteerEntry]:
    """Lookup by stable key (``country:KZ``), e.g. for the map's site layer."""
    return {entry.key: entry for entry in load_gazetteer()}


def sites() -> tuple[GazetteerEntry, ...]:
    """The curated located sites (cosmodromes, test ranges, pipelines, squares ...)."""
    return tuple(entry for entry in load_gazetteer() if entry.kind == "site")
