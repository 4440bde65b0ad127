"""Countries as shapes and codes: which country a coordinate lies in, and code conversions.

Records from other tools often carry coordinates without a country, or a country in another code
(alpha-3, numeric, FIPS). The country of a point is a spatial join of the points with the Natural
Earth outlines the map already ships (geodata/shapes, TopoJSON keyed by alpha-3): geopandas does
the join with a spatial index, so a million points cost a second, not a loop over polygons.
"""
from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import lru_cache

from geodata.gazetteer import GEODATA_DIR

COUNTRY_CODES_PATH = GEODATA_DIR / "generated" / "country_codes.csv"   # written by geodata/build/country_codes.py
OUTLINES_PATH = GEODATA_DIR / "shapes" / "world_50m.json"


@lru_cache(maxsize=1)
def code_table() -> tuple[dict[str, str], ...]:
    """Rows of geodata/generated/country_codes.csv (alpha2, alpha3, numeric, fips, name)."""
    with COUNTRY_CODES_PATH.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@lru_cache(maxsize=None)
def alpha2_by(column: str) -> dict[str, str]:
    """Alpha-2 code by another code column: ``alpha2_by("alpha3")["KAZ"] == "KZ"``."""
    return {row[column]: row["alpha2"] for row in code_table() if row[column]}


@lru_cache(maxsize=1)
def _outlines():
    import geopandas as gpd

    shapes = gpd.read_file(OUTLINES_PATH, layer="countries")
    shapes["country_code"] = shapes["id"].map(alpha2_by("alpha3"))
    return shapes.dropna(subset=["country_code"])[["country_code", "geometry"]]


def countries_at(lon: Sequence[float], lat: Sequence[float]) -> list[str | None]:
    """The alpha-2 code of the country each point lies in (None at sea or for missing coordinates)."""
    import geopandas as gpd
    import numpy as np

    lon_values, lat_values = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    if lon_values.shape != lat_values.shape:
        raise ValueError(f"countries_at needs as many longitudes as latitudes ({len(lon_values)} != {len(lat_values)})")
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon_values, lat_values), crs="EPSG:4326")
    outlines = _outlines().set_crs("EPSG:4326", allow_override=True)
    joined = gpd.sjoin(points, outlines, how="left", predicate="within")
    first = joined[~joined.index.duplicated(keep="first")].sort_index()  # a point on a border: the first country
    return [code if isinstance(code, str) else None for code in first["country_code"]]
