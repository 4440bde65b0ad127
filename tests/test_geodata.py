"""The gazetteer: curated sources are well-formed, the loader is fast, the build is reproducible."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from events.lang import available_languages, load
from geodata.build.gazetteer import PENDING_DIR, gazetteer_bytes, name_languages, place_aliases
from geodata.gazetteer import (
    GAZETTEER_PATH, KINDS, SOURCES_DIR, GazetteerEntry, entries_by_key, format_row, load_gazetteer, parse_row,
)


def curated_rows(name: str) -> list[dict[str, str]]:
    with (SOURCES_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", ["sites.csv", "regions.csv"])
def test_curated_rows_have_a_source_and_coordinates_in_range(name: str) -> None:
    rows = curated_rows(name)
    assert rows
    for row in rows:
        assert None not in row, f"{name}: extra column in {row['key']}"
        assert row["source"].strip(), f"{name}: no source for {row['key']}"
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["key"]
        assert row["country_code"] == "" or len(row["country_code"]) == 2, row["key"]


def test_sites_cover_the_brief() -> None:
    rows = curated_rows("sites.csv")
    assert len(rows) >= 30
    assert len({row["key"] for row in rows}) == len(rows)
    aliases = place_aliases()
    for row in rows:
        assert "wikipedia.org" in row["source"] or "GeoNames" in row["source"], row["key"]
        named_in = {lang for lang, _ in aliases[f"site:{row['key']}"]}
        assert named_in == {"de", "en", "ru"}, row["key"]


def test_russian_names_wait_outside_the_packs() -> None:
    """ru is no pack yet (it would count as supported), but its hand-written names are kept for it."""
    assert "ru" not in available_languages() and "ru" in name_languages()
    assert (PENDING_DIR / "ru" / "place_aliases.yaml").is_file()
    assert (PENDING_DIR / "ru" / "actor_aliases.yaml").is_file()


@pytest.mark.parametrize("lang", available_languages())
def test_place_aliases_name_curated_entries(lang: str) -> None:
    keys = set(load(lang, "place_aliases")["aliases"])
    assert keys and all(entries_by_key()[key].kind in ("site", "region") for key in keys)


@pytest.mark.parametrize(
    ("key", "lat", "lon"),
    [("site:baikonur-cosmodrome", 45.9, 63.3), ("site:red-square", 55.75, 37.62),
     ("site:tengiz-field", 46.15, 53.38), ("country:KZ", 48.2, 67.3)],
)
def test_known_coordinates(key: str, lat: float, lon: float) -> None:
    entry = entries_by_key()[key]
    assert abs(entry.lat - lat) < 0.5 and abs(entry.lon - lon) < 0.5


@pytest.mark.parametrize(
    ("key", "lang", "names"),
    [("country:BY", "de", {"Belarus", "Weißrussland"}), ("country:BY", "ru", {"Belarus", "Беларусь"}),
     ("country:US", "de", {"USA", "Vereinigte Staaten", "United States", "Amerika"}),
     ("country:KG", "de", {"Kirgisistan", "Kyrgyzstan"}), ("country:KG", "ru", {"Киргизия"}),
     ("region:central-asia", "de", {"Zentralasien", "Central Asia"}),
     ("region:central-asia", "ru", {"Центральная Азия"}),
     ("site:red-square", "de", {"Red Square", "Roter Platz"})],
)
def test_localised_names(key: str, lang: str, names: set[str]) -> None:
    assert names <= set(entries_by_key()[key].names_in(lang))


@pytest.mark.parametrize(
    ("key", "lang", "name"),
    [("country:KG", "de", "Киргизия"), ("country:DE", "en", "Deutschland"), ("site:red-square", "en", "Roter Platz")],
)
def test_names_of_one_language_are_not_shared(key: str, lang: str, name: str) -> None:
    entry = entries_by_key()[key]
    assert name not in entry.names_in(lang)
    assert name in {local for _, local in entry.local_names}


def test_german_exonyms_are_kept_as_variants() -> None:
    moscow = next(e for e in load_gazetteer() if e.kind == "city" and e.name == "Moscow" and e.country_code == "RU")
    assert {"Moskau", "Москва"} <= set(moscow.alt_names)
    assert not any(name.isupper() for name in moscow.alt_names)   # codes such as MOW are dropped


def test_every_entry_is_well_formed() -> None:
    entries = load_gazetteer()
    assert len(entries) > 50_000
    assert [e.key for e in entries] == sorted(e.key for e in entries)
    for entry in entries:
        assert entry.kind in KINDS and entry.names and -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180


def test_row_round_trip() -> None:
    entry = GazetteerEntry("site:x", "site", "X", "square", None, 1.234567, -2.5, 0, None, ("X", "Y"), (),
                           (("de", "Ix"), ("ru", "Икс")))
    assert parse_row(format_row(entry)) == GazetteerEntry(
        "site:x", "site", "X", "square", None, 1.23457, -2.5, 0, None, ("X", "Y"), (), (("de", "Ix"), ("ru", "Икс")))
    with pytest.raises(ValueError, match="fields"):
        parse_row("too\tfew")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="geodata.build"):
        load_gazetteer(tmp_path / "absent.tsv.gz")


def test_rebuild_equals_committed_file() -> None:
    """The gazetteer build is deterministic and the committed file is up to date (needs the test extra)."""
    from geodata.build.gazetteer import build_entries

    rebuilt = gazetteer_bytes(build_entries())
    assert rebuilt == GAZETTEER_PATH.read_bytes(), f"{GAZETTEER_PATH} is stale: run python -m geodata.build"
