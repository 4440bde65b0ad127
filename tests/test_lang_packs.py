"""Conformance: every language pack has every file and key the code reads, each of the right kind.

Adding a language is adding a folder under events/lang/ that passes this test (and running
`python -m geodata.build` for its generated files).
"""
from __future__ import annotations

from typing import Any

import pytest

from events import lang as packs
from events.lang import LANG_DIR, OPTIONAL_KEYS, REQUIRED_KEYS, available_languages, load

LANGUAGES = available_languages()
FILES = sorted(REQUIRED_KEYS)


def is_words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


CHECKS = {
    packs.WORDS: is_words,
    packs.TEXT: lambda value: isinstance(value, str),
    packs.FLAG: lambda value: isinstance(value, bool),
    packs.COUNT: lambda value: isinstance(value, int) and not isinstance(value, bool),
    packs.WORD_MAP: lambda value: isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()),
    packs.WORD_LISTS: lambda value: isinstance(value, dict) and all(
        isinstance(k, str) and is_words(v) for k, v in value.items()),
    packs.MAPPING: lambda value: isinstance(value, dict),
    packs.LIST: lambda value: isinstance(value, list),
}


def test_there_are_packs_and_every_kind_is_checkable() -> None:
    assert {"de", "en"} <= set(LANGUAGES)
    kinds = {kind for table in (REQUIRED_KEYS, OPTIONAL_KEYS) for keys in table.values() for kind in keys.values()}
    assert kinds <= set(CHECKS)
    assert set(OPTIONAL_KEYS) <= set(REQUIRED_KEYS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pack_holds_exactly_the_declared_files(lang: str) -> None:
    present = {str(path.relative_to(LANG_DIR / lang).with_suffix("")) for path in (LANG_DIR / lang).rglob("*.yaml")}
    assert present == set(REQUIRED_KEYS), f"{lang}: missing {set(REQUIRED_KEYS) - present}, undeclared {present - set(REQUIRED_KEYS)}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", FILES)
def test_pack_file_has_every_required_key_of_its_kind(lang: str, name: str) -> None:
    data = load(lang, name)
    assert isinstance(data, dict), f"{lang}/{name}.yaml is not a mapping"
    required, optional = REQUIRED_KEYS[name], OPTIONAL_KEYS.get(name, {})
    missing = sorted(set(required) - set(data))
    undeclared = sorted(set(data) - set(required) - set(optional))
    assert not missing, f"{lang}/{name}.yaml lacks {missing}"
    assert not undeclared, f"{lang}/{name}.yaml has keys no code reads (or undeclared in events.lang): {undeclared}"
    wrong = [key for key, kind in {**required, **optional}.items() if key in data and not CHECKS[kind](data[key])]
    assert not wrong, f"{lang}/{name}.yaml: {[(key, {**required, **optional}[key]) for key in wrong]} have the wrong kind"


@pytest.mark.parametrize(("kind", "value", "ok"), [
    (packs.WORDS, ["in", "on"], True), (packs.WORDS, ["in", False], False),     # bare `no` reads as False
    (packs.WORD_LISTS, {"Russia": ["Russland"]}, True), (packs.WORD_LISTS, {"Russia": "Russland"}, False),
    (packs.COUNT, 3, True), (packs.COUNT, True, False), (packs.FLAG, "yes", False),
])
def test_kind_checks(kind: str, value: Any, ok: bool) -> None:
    assert CHECKS[kind](value) is ok
