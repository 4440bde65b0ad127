"""Sentence splitting and quotations per language: boundaries, abbreviations, ordinals, offsets.

The splitter knows no alphabet: a Cyrillic pack (a temporary folder written here, since Russian is
not shipped yet) goes through exactly the code German and English use.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from events import lang as lang_data
from events import sentences
from events.sentences import quotations, sentence_spans, split_sentences

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
    ("de", "Er kam am 7. März. Dann ging er.", ["Er kam am 7. März.", "Dann ging er."]),
    ("de", "Am 7. Jan. 2022 kam er. Dann ging er.", ["Am 7. Jan. 2022 kam er.", "Dann ging er."]),
    ("de", "Siehe Jhs. Kapitel. Neu.", ["Siehe Jhs. Kapitel.", "Neu."]),  # the tagger's former own list
    ("en", "Mr. Smith arrived on Jan. 5. He left.", ["Mr. Smith arrived on Jan. 5.", "He left."]),
    ("en", "Donald J. Trump spoke. Then he left.", ["Donald J. Trump spoke.", "Then he left."]),
    ("en", "Troops landed.\n\nThe next day, talks began.", ["Troops landed.", "The next day, talks began."]),
    ("en", "See No. 5 on the list. Then go.", ["See No. 5 on the list.", "Then go."]),  # 'No' quoted in YAML
    ("en", "It ended in Jul. Talks went on.", ["It ended in Jul. Talks went on."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, lang=lang)] == expected


@pytest.mark.parametrize(("lang", "text", "_"), CASES)
def test_offsets_point_at_the_sentence(lang: str, text: str, _: list[str]) -> None:
    found = split_sentences(text, lang=lang)
    for sentence in found:
        assert text[sentence.start:sentence.end] == sentence.text
    assert sentence_spans(text, lang=lang) == [(s.start, s.end) for s in found]


def test_whitespace_only_has_no_sentences() -> None:
    assert split_sentences("  \n\n \t", lang="de") == []


QUOTATIONS = [
    ("de", "Er sagte: „Wir kommen.“ Dann ging er.", ["„Wir kommen.“"]),
    ("de", "»Nein«, sagte sie, und „ja“.", ["»Nein«", "„ja“"]),
    ("de", "Das ‚Wort‘ und 'das' hier.", ["‚Wort‘", "'das'"]),
    ("de", "Ein „offenes Zitat\nohne Ende.“", []),             # a quotation stays within its line
    ("en", "He said “we will come” and left.", ["“we will come”"]),
    ("en", "Don't count Tom's 'votes' twice.", ["'votes'"]),  # apostrophes inside words open nothing
    ("en", "No quotation here.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), QUOTATIONS)
def test_quotations(lang: str, text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in quotations(text, lang=lang)] == expected


RU_PACK = """\
abbreviations: [тыс, ул, др]
ordinal_followers: []
quotes:
  - ['«', '»']
  - ['„', '“']
"""


@pytest.fixture
def russian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A language folder holding only sentences.yaml, loaded through the ordinary pack loader."""
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "sentences.yaml").write_text(RU_PACK, encoding="utf-8")
    monkeypatch.setattr(lang_data, "LANG_DIR", tmp_path)
    lang_data.load.cache_clear()
    sentences._rules.cache_clear()
    yield "ru"
    lang_data.load.cache_clear()
    sentences._rules.cache_clear()


RU_CASES = [
    ("Митинг прошёл на ул. Абая. Пришли 5 тыс. человек.", ["Митинг прошёл на ул. Абая.", "Пришли 5 тыс. человек."]),
    ("Выступил В. Путин. Затем говорил Токаев.", ["Выступил В. Путин.", "Затем говорил Токаев."]),
    ("Пришли соседи. Ушли другие.", ["Пришли соседи.", "Ушли другие."]),
    ("Заголовок статьи\nПервое предложение.", ["Заголовок статьи", "Первое предложение."]),
    ("Длинная строка текста, разбитая вручную, которая\nпродолжается здесь.",
     ["Длинная строка текста, разбитая вручную, которая\nпродолжается здесь."]),
]


@pytest.mark.parametrize(("text", "expected"), RU_CASES)
def test_cyrillic_goes_through_the_same_splitter(russian: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, lang=russian)] == expected


def test_cyrillic_quotations_come_from_the_pack(russian: str) -> None:
    text = "Он сказал: «Мы придём» и „уйдём“."
    assert [text[a:b] for a, b in quotations(text, lang=russian)] == ["«Мы придём»", "„уйдём“"]


def test_an_abbreviation_is_data_not_code(russian: str) -> None:
    # "ул." is in the pack and does not end a sentence; the same dot after a word not listed does.
    assert len(split_sentences("Дом на ул. Абая стоит.", lang=russian)) == 1
    assert len(split_sentences("Дом на углу. Абая стоит.", lang=russian)) == 2


def test_every_shipped_pack_has_valid_sentence_data() -> None:
    for code in lang_data.available_languages():
        assert sentence_spans("Eins. Zwei.", lang=code)  # loads and validates the pack's sentences.yaml
        assert quotations("«x» „y“", lang=code)


@pytest.mark.parametrize(("pack", "message"), [
    ("abbreviations: [Dr, No]\n", r"entry False is not a word"),     # unquoted No is a YAML boolean
    ("quotes:\n  - ['«']\n", r"is not an \(opening, closing\) pair"),
])
def test_bad_sentence_data_is_refused_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack: str,
                                              message: str) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "sentences.yaml").write_text(pack, encoding="utf-8")
    monkeypatch.setattr(lang_data, "LANG_DIR", tmp_path)
    try:
        with pytest.raises(ValueError, match=message):
            split_sentences("Text.", lang="xx")
    finally:
        lang_data.load.cache_clear()
        sentences._rules.cache_clear()
