"""Generated files: each rebuilt from its committed inputs equals the committed file, byte for byte.

The gazetteer's own rebuild test is in test_geodata.py. These need the Debian word lists
(`apt-get install wngerman wamerican`, on the README's test line); without them they fail, naming
the package, rather than skip.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from events.lang import available_languages
from events.places_index import (
    NameTable, build_index, index_path, index_sources, name_index, read_index, sources_digest,
)
from geodata.build.homographs import homographs_path, homographs_text
from geodata.gazetteer import load_gazetteer


@pytest.mark.parametrize("lang", available_languages())
def test_homographs_rebuild_equals_committed_file(lang: str) -> None:
    committed = homographs_path(lang).read_text(encoding="utf-8")
    rebuilt = homographs_text(lang, load_gazetteer())
    assert rebuilt.splitlines()[0] == committed.splitlines()[0], "word list version differs from the committed one"
    assert rebuilt == committed, f"{homographs_path(lang)} is stale: run python -m geodata.build"


@pytest.mark.parametrize("lang", available_languages())
def test_index_was_built_from_the_committed_sources(lang: str) -> None:
    assert read_index(index_path(lang)).sources_digest == sources_digest(lang), (
        f"{index_path(lang)} is stale (one of {[str(p) for p in index_sources(lang)]} changed): "
        "run python -m geodata.build --only index"
    )


@pytest.mark.parametrize("lang", available_languages())
def test_index_rebuild_equals_committed_file(lang: str) -> None:
    assert build_index(lang, load_gazetteer()) == index_path(lang).read_bytes(), (
        f"{index_path(lang)} is stale: run python -m geodata.build --only index")


def test_name_table_finds_every_key_and_only_those() -> None:
    keys = [f"name {number}" for number in range(200)] + ["almaty", "алматы", ""]
    table = NameTable.of([(key, number, number % 4, number % 3) for number, key in enumerate(keys)])
    for key in keys:
        number = table.find(key)
        assert number >= 0 and table.keys[number] == key
        assert (table.entry[number], table.flags[number], table.extra[number]) == (
            keys.index(key), keys.index(key) % 4, keys.index(key) % 3)
    assert table.find("name 200") == -1 and table.find("almat") == -1


def test_index_serves_the_entries_it_points_to() -> None:
    index = name_index("de")
    almaty = index.places[index.entry("almaty")]
    assert (almaty.name, almaty.kind, almaty.country_code, almaty.geonames_id) == ("Almaty", "city", "KZ", 1526384)
    assert index.entry("no such place anywhere") is None


def test_extraction_does_not_parse_the_gazetteer() -> None:
    """find_places runs on the prebuilt index alone: the 65,000-entry gazetteer stays unread."""
    script = (
        "from events.places import find_places\n"
        "from geodata.gazetteer import load_gazetteer\n"
        "assert find_places('In Almaty und Kasachstans Hauptstadt.', lang='de')\n"
        "print(load_gazetteer.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"


def test_country_codes_rebuild_equals_committed_file() -> None:
    from geodata.build.country_codes import country_codes_text
    from geodata.countries import COUNTRY_CODES_PATH

    assert country_codes_text() == COUNTRY_CODES_PATH.read_text(encoding="utf-8"), (
        f"{COUNTRY_CODES_PATH} is stale: run python -m geodata.build --only codes")
