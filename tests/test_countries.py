"""Country of a coordinate (a spatial join with the shipped outlines) and code conversions."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from geodata.countries import alpha2_by, countries_at


@pytest.mark.parametrize(("lon", "lat", "expected"), [
    (76.95, 43.25, "KZ"),       # Almaty
    (37.62, 55.75, "RU"),       # Moscow
    (69.24, 41.30, "UZ"),       # Tashkent
    (74.59, 42.87, "KG"),       # Bishkek
    (0.0, 0.0, None),           # Gulf of Guinea: no country
    (50.0, 42.0, None),         # the middle of the Caspian Sea
    (math.nan, 43.0, None),     # no coordinate
])
def test_country_of_a_point(lon: float, lat: float, expected: str | None) -> None:
    assert countries_at([lon], [lat]) == [expected]


def test_points_keep_their_order_and_count() -> None:
    assert countries_at([37.62, 76.95, 37.62], [55.75, 43.25, 55.75]) == ["RU", "KZ", "RU"]


def test_mismatched_coordinates_are_refused() -> None:
    with pytest.raises(ValueError, match="as many longitudes"):
        countries_at([1.0, 2.0], [1.0])


@pytest.mark.parametrize(("column", "code", "alpha2"), [
    ("alpha3", "KAZ", "KZ"), ("numeric", "398", "KZ"), ("fips", "RS", "RU"), ("fips", "CH", "CN"),
    ("fips", "TI", "TJ"), ("alpha3", "NAM", "NA"),
])
def test_code_conversions(column: str, code: str, alpha2: str) -> None:
    assert alpha2_by(column)[code] == alpha2


def test_dashboard_fills_a_missing_country_from_the_point() -> None:
    from dashboard.data import prepare

    records = pd.DataFrame([
        {"kind": "event", "id": "a", "doc_id": "d", "event_type": "protest", "date_start": "2022-01-05",
         "date_end": "2022-01-05", "lat": 43.25, "lon": 76.95, "country_code": None, "actors": [],
         "sentence": "s", "char_start": 0, "char_end": 1, "confidence": 0.5},
        {"kind": "event", "id": "b", "doc_id": "d", "event_type": "protest", "date_start": "2022-01-05",
         "date_end": "2022-01-05", "lat": 43.25, "lon": 76.95, "country_code": "CN", "actors": [],
         "sentence": "s", "char_start": 0, "char_end": 1, "confidence": 0.5},
    ])
    events = prepare(records).events.set_index("id")
    assert events.loc["a", "country_code"] == "KZ"
    assert events.loc["b", "country_code"] == "CN", "a country the record states is kept"
