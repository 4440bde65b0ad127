"""Sentence splitting per language: boundaries, abbreviations, ordinals, offsets."""
from __future__ import annotations

import pytest

from events.sentences import split_sentences

CASES = [
    ("de", "Russland entsendet Truppen. Die OVKS stimmt zu.", ["Russland entsendet Truppen.", "Die OVKS stimmt zu."]),
    ("de", "Am 7. Januar feiern sie. Dann ruhen sie.", ["Am 7. Januar feiern sie.", "Dann ruhen sie."]),
    ("de", "Das war im 20. Jahrhundert so. Heute nicht.", ["Das war im 20. Jahrhundert so.", "Heute nicht."]),
    ("de", "Er kam z.B. gestern. Sie nicht.", ["Er kam z.B. gestern.", "Sie nicht."]),
    ("de", "Das geschah 1991. Danach kam mehr.", ["Das geschah 1991.", "Danach kam mehr."]),
    ("de", "Er sagte: „Wir kommen.“ Dann ging er.", ["Er sagte: „Wir kommen.“", "Dann ging er."]),
    ("de", "Was geschieht? Niemand weiß es!", ["Was geschieht?", "Niemand weiß es!"]),
    ("de", "Titelzeile\nErster Satz hier.", ["Titelzeile", "Erster Satz hier."]),
    ("de", "ein hart umbrochener Satz aus einer alten Datei, der\nhier weitergeht.", ["ein hart umbrochener Satz aus einer alten Datei, der\nhier weitergeht."]),
    ("en", "Mr. Smith arrived on Jan. 5. He left.", ["Mr. Smith arrived on Jan. 5.", "He left."]),
    ("en", "Donald J. Trump spoke. Then he left.", ["Donald J. Trump spoke.", "Then he left."]),
    ("en", "Troops landed.\n\nThe next day, talks began.", ["Troops landed.", "The next day, talks began."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, lang=lang)] == expected


@pytest.mark.parametrize(("lang", "text", "_"), CASES)
def test_offsets_point_at_the_sentence(lang: str, text: str, _: list[str]) -> None:
    for sentence in split_sentences(text, lang=lang):
        assert text[sentence.start:sentence.end] == sentence.text


def test_whitespace_only_has_no_sentences() -> None:
    assert split_sentences("  \n\n \t", lang="de") == []
