"""Temporal tagging, one parametrised table per rule family and language (tables in timex_cases_<lang>.py)."""
from __future__ import annotations

import pytest

from events.timex import tag
import timex_cases_de
import timex_cases_en
from timex_support import DCT, check, only

LANGUAGES = {"de": timex_cases_de, "en": timex_cases_en}


def cases(table: str) -> list:
    """Every row of ``table`` in every language, with the language first and ids naming both."""
    return [pytest.param(lang, *(row if isinstance(row, tuple) else (row,)), id=f"{lang}-{index}")
            for lang, module in LANGUAGES.items() for index, row in enumerate(getattr(module, table))]


def absolute_cases() -> list:
    """German rows carry their own anchor date; English ones use DCT."""
    rows = []
    for param in cases("ABSOLUTE"):
        lang, sentence, *rest = param.values
        rows.append(pytest.param(lang, sentence, *(rest if len(rest) == 6 else [DCT, *rest]), id=param.id))
    return rows


@pytest.mark.parametrize("lang,sentence,dct,text,value,start,end,precision", absolute_cases())
def test_absolute(lang, sentence, dct, text, value, start, end, precision):
    t = check(lang, sentence, dct, text, value, start, end, precision)
    assert t.source == "explicit" and not t.generic


@pytest.mark.parametrize("lang,sentence,text,value,start,end,precision", cases("DEICTIC"))
def test_deictic_anchor_on_dct(lang, sentence, text, value, start, end, precision):
    assert check(lang, sentence, DCT, text, value, start, end, precision).source == "relative"


@pytest.mark.parametrize("lang,sentence,text,value,start,end,precision", cases("ANAPHORIC"))
def test_anaphoric_anchor_on_last_mentioned_date(lang, sentence, text, value, start, end, precision):
    check(lang, sentence, DCT, text, value, start, end, precision)


@pytest.mark.parametrize("lang,sentence,dct,text,value,start,end,precision", cases("YEARLESS"))
def test_date_without_year_is_its_nearest_occurrence_the_tense_allows(lang, sentence, dct, text, value, start, end,
                                                                       precision):
    check(lang, sentence, dct, text, value, start, end, precision)


@pytest.mark.parametrize("lang,sentence,text,value,start,end,precision", cases("QUOTED"))
def test_quotation_with_own_date_anchors_its_deictics(lang, sentence, text, value, start, end, precision):
    check(lang, sentence, DCT, text, value, start, end, precision)


@pytest.mark.parametrize("lang,sentence,text,value", cases("GENERIC"))
def test_generic_mentions_have_no_dates(lang, sentence, text, value):
    t = only(lang, sentence, DCT, text)
    assert (t.value, t.generic, t.date_start, t.date_end) == (value, True, None, None)


@pytest.mark.parametrize("lang,sentence,text,value", cases("NO_DCT"))
def test_without_dct_relatives_keep_value_and_get_no_dates(lang, sentence, text, value):
    t = only(lang, sentence, None, text)
    assert (t.value, t.date_start, t.date_end) == (value, None, None)


@pytest.mark.parametrize("lang,sentence,text,value", cases("DURATIONS"))
def test_durations_have_value_but_no_dates(lang, sentence, text, value):
    t = only(lang, sentence, DCT, text)
    assert (t.value, t.date_start, t.date_end, t.precision) == (value, None, None, None)


@pytest.mark.parametrize("lang,sentence", cases("NO_FALSE_DATES"))
def test_no_false_dates(lang, sentence):
    dated = [t for t in tag(sentence, lang=lang, dct=DCT) if t.date_start is not None]
    assert [t.text for t in dated if t.value != "PRESENT_REF"] == []
