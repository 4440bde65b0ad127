"""The gazetteer: curated sources are well-formed, the loader is fast, the build is reproducible."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geodata.gazetteer import (
    GAZETTEER_PATH, GEODATA_DIR, KINDS, GazetteerEntry, entries_by_key, format_row, load_gazetteer,
    parse_row,
)


def curated_rows(name: str) -> list[dict[str, str]]:
    with (GEODATA_DIR / name).open(encoding="utf-8", newline="") as handle:
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
    for row in rows:
        assert "wikipedia.org" in row["source"] or "GeoNames" in row["source"], row["key"]
        assert row["aliases_de"] and row["aliases_en"] and row["aliases_ru"], row["key"]


@pytest.mark.parametrize(
    ("key", "lat", "lon"),
    [("site:baikonur-cosmodrome", 45.9, 63.3), ("site:red-square", 55.75, 37.62),
     ("site:tengiz-field", 46.15, 53.38), ("country:KZ", 48.2, 67.3)],
)
def test_known_coordinates(key: str, lat: float, lon: float) -> None:
    entry = entries_by_key()[key]
    assert abs(entry.lat - lat) < 0.5 and abs(entry.lon - lon) < 0.5


@pytest.mark.parametrize(
    ("key", "names"),
    [("country:BY", {"Belarus", "Weißrussland", "Беларусь"}),
     ("country:US", {"USA", "Vereinigte Staaten", "United States", "Amerika"}),
     ("country:KG", {"Kirgisistan", "Kyrgyzstan", "Киргизия"}),
     ("region:central-asia", {"Zentralasien", "Central Asia", "Центральная Азия"})],
)
def test_localised_names(key: str, names: set[str]) -> None:
    assert names <= set(entries_by_key()[key].names)


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
    entry = GazetteerEntry("site:x", "site", "X", "square", None, 1.234567, -2.5, 0, None, ("X", "Y"), ())
    assert parse_row(format_row(entry)) == GazetteerEntry(
        "site:x", "site", "X", "square", None, 1.23457, -2.5, 0, None, ("X", "Y"), ())
    with pytest.raises(ValueError, match="fields"):
        parse_row("too\tfew")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="geodata.build"):
        load_gazetteer(tmp_path / "absent.tsv.gz")


def test_rebuild_equals_committed_file(tmp_path: Path) -> None:
    """`python -m geodata.build` is deterministic and the committed file is up to date."""
    pytest.importorskip("babel", reason="building needs babel (CLDR names)")
    pytest.importorskip("countryinfo", reason="building needs countryinfo (country outlines)")
    from geodata.build import main

    main(["--out", str(tmp_path)])
    rebuilt = (tmp_path / GAZETTEER_PATH.name).read_bytes()
    assert rebuilt == GAZETTEER_PATH.read_bytes(), "geodata/gazetteer.tsv.gz is stale: run python -m geodata.build"
