"""English temporal tagging beyond the shared tables (test_timex_tables.py): ranges, asides, news anchoring."""
from __future__ import annotations

import pytest

from events.timex import tag
from timex_support import DCT, check


def test_day_range_is_two_expressions():
    found = tag("The talks ran from 2 to 5 January 2022.", lang="en", dct=DCT)
    assert [(t.text, t.value) for t in found] == [("2", "2022-01-02"), ("5 January 2022", "2022-01-05")]


def test_date_in_an_aside_does_not_date_the_quotation():
    text = "Tokayev, who took office in March 2019, told parliament: \"Today we face a crisis.\""
    check("en", text, DCT, "Today", "2022-01-07", "2022-01-07", "2022-01-07", "day")


@pytest.mark.parametrize("verb,value", [("will be", "2022-12-12"), ("were", "2021-12-12")])
def test_recent_year_sentences_back_leaves_news_dates_on_dct(verb, value):
    """The dct, not the 2021 census, is the reference; the tense picks December 2021 or 2022."""
    text = (f"A census was held in 2021. The army moved. Elections follow. Officials met. "
            f"On 12 December votes {verb} cast.")
    check("en", text, DCT, "12 December", value, value, value, "day")
