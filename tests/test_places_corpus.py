"""find_places on real German news (10kGNAD): no false places from common words."""
from __future__ import annotations

from collections import Counter

import pytest

from events.places import find_places

pytestmark = pytest.mark.corpus

# Capitalised words that GeoNames knows as (variant) town names and that these news use as words.
NOT_PLACES = {"Die", "Hier", "Union", "Bank", "Mit", "Sollte", "Roten", "Nord", "Dabei", "Dazu", "Ob",
              "Rest", "Tor", "Fall", "Raum", "Chaos", "Google", "Andreas", "Austria", "APA"}


def test_common_words_are_not_places(gnad_news: list[str]) -> None:
    surfaces = Counter(place.text for text in gnad_news for place in find_places(text, lang="de"))
    assert not NOT_PLACES & set(surfaces), sorted(NOT_PLACES & set(surfaces))
    assert surfaces.most_common(1)[0][0] == "Wien"          # Der Standard is a Viennese paper
    assert surfaces["Österreich"] > 100 and surfaces["Moskau"] > 10
