"""Synthetic Dala records for dashboard tests and scale benchmarks.

Real extraction output is small (a few documents); the dashboard must stay usable at 100k-1M events,
so benchmarks need a generator whose spread resembles real records: most events in Kazakhstan and its
neighbours, a dense cluster in January 2022, every date precision, country-level places, 1-3 actors.
Records validate against events/records.schema.json. Generation is vectorised so 1M rows take seconds.

    python -m benchmarks.synth_events 100000 -o /tmp/events.jsonl
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from events.model import SITE_FIELDS

# (name, country_code, lat, lon, geo_precision, geonames_id, weight)
PLACES: tuple[tuple[str, str, float, float, str, int | None, float], ...] = (
    ("Almaty", "KZ", 43.25249, 76.9115, "city", 1526384, 12.0),
    ("Astana", "KZ", 51.1801, 71.44598, "city", 1526273, 8.0),
    ("Shymkent", "KZ", 42.30988, 69.60042, "city", 1518980, 2.0),
    ("Karagandy", "KZ", 49.80187, 73.10211, "city", 609655, 1.5),
    ("Aktobe", "KZ", 50.27969, 57.20718, "city", 610611, 1.0),
    ("Taraz", "KZ", 42.89799, 71.37334, "city", 1516905, 1.0),
    ("Pavlodar", "KZ", 52.27601, 76.96881, "city", 1520240, 0.8),
    ("Semey", "KZ", 50.42064, 80.25025, "city", 1519422, 0.8),
    ("Atyrau", "KZ", 47.1048, 51.88427, "city", 610529, 1.5),
    ("Aktau", "KZ", 43.66105, 51.17392, "city", 610612, 1.2),
    ("Zhanaozen", "KZ", 43.34116, 52.86192, "city", 607610, 3.0),
    ("Kyzylorda", "KZ", 44.85278, 65.50917, "city", 1519922, 0.6),
    ("Taldykorgan", "KZ", 45.01556, 78.37389, "city", 1518542, 0.6),
    ("Oral", "KZ", 51.24601, 51.42558, "city", 608668, 0.5),
    ("Kostanay", "KZ", 53.21435, 63.62463, "city", 1519928, 0.5),
    ("Mangystau Region", "KZ", 44.0, 53.5, "region", 607862, 1.0),
    ("Baikonur Cosmodrome", "KZ", 45.965, 63.305, "site", None, 1.0),
    ("Semipalatinsk Test Site", "KZ", 50.07, 78.43, "site", None, 0.5),
    ("Kazakhstan", "KZ", 48.0, 68.0, "country", 1522867, 8.0),
    ("Moscow", "RU", 55.75204, 37.61781, "city", 524901, 8.0),
    ("Novosibirsk", "RU", 55.02259, 82.93175, "city", 1496747, 0.5),
    ("Omsk", "RU", 54.99244, 73.36859, "city", 1496153, 0.5),
    ("Orenburg", "RU", 51.76712, 55.09883, "city", 515003, 0.5),
    ("Russia", "RU", 60.0, 100.0, "country", 2017370, 4.0),
    ("Bishkek", "KG", 42.87, 74.59, "city", 1528675, 2.0),
    ("Osh", "KG", 40.52828, 72.7985, "city", 1527534, 0.7),
    ("Kyrgyzstan", "KG", 41.5, 75.0, "country", 1527747, 1.0),
    ("Tashkent", "UZ", 41.26465, 69.21627, "city", 1512569, 2.0),
    ("Samarkand", "UZ", 39.65456, 66.96445, "city", 1216265, 0.5),
    ("Uzbekistan", "UZ", 41.0, 64.0, "country", 1512440, 1.0),
    ("Dushanbe", "TJ", 38.53575, 68.77905, "city", 1221874, 1.0),
    ("Ashgabat", "TM", 37.95, 58.38333, "city", 162183, 0.6),
    ("Beijing", "CN", 39.9075, 116.39723, "city", 1816670, 2.5),
    ("Ürümqi", "CN", 43.80096, 87.60046, "city", 1529102, 1.0),
    ("China", "CN", 35.0, 105.0, "country", 1814991, 2.0),
    ("Baku", "AZ", 40.37767, 49.89201, "city", 587084, 0.6),
    ("Tbilisi", "GE", 41.69143, 44.83412, "city", 611717, 0.5),
    ("Kyiv", "UA", 50.45466, 30.5238, "city", 703448, 2.0),
    ("Ukraine", "UA", 49.0, 32.0, "country", 690791, 1.5),
    ("Minsk", "BY", 53.90019, 27.56653, "city", 625144, 0.8),
    ("Tehran", "IR", 35.69439, 51.42151, "city", 112931, 0.5),
    ("Ankara", "TR", 39.91987, 32.85427, "city", 323786, 0.5),
    ("Berlin", "DE", 52.52437, 13.41053, "city", 2950159, 1.0),
    ("Brussels", "BE", 50.85045, 4.34878, "city", 2800866, 1.2),
    ("Vienna", "AT", 48.20849, 16.37208, "city", 2761369, 0.6),
    ("Geneva", "CH", 46.20222, 6.14569, "city", 2660646, 0.5),
    ("London", "GB", 51.50853, -0.12574, "city", 2643743, 0.5),
    ("Paris", "FR", 48.85341, 2.3488, "city", 2988507, 0.4),
    ("Washington", "US", 38.89511, -77.03637, "city", 4140963, 1.5),
    ("New York City", "US", 40.71427, -74.00597, "city", 5128581, 0.6),
)

# Zipf-like weights: a handful of actors dominate, as in real coverage.
ACTORS: tuple[str, ...] = (
    "Russia", "Kazakhstan", "Kassym-Jomart Tokayev", "China", "CSTO", "United States", "Vladimir Putin",
    "Nursultan Nazarbayev", "European Union", "NATO", "protesters", "Kazakh security forces",
    "Kyrgyzstan", "Uzbekistan", "Ukraine", "Belarus", "Xi Jinping", "Tajikistan", "Turkmenistan",
    "Armenia", "Germany", "United Nations", "OSCE", "Shanghai Cooperation Organisation",
    "Eurasian Economic Union", "Karim Massimov", "Alexander Lukashenko", "KazMunayGas", "Turkey", "Iran",
)

# PLOVER type -> English verb phrase used to write the synthetic sentence.
EVENT_TYPES: dict[str, str] = {
    "consult": "held talks", "agree": "signed an agreement", "cooperate": "agreed to cooperate",
    "support": "voiced support", "aid": "sent aid", "request": "asked for help",
    "demand": "demanded concessions", "accuse": "accused its rivals", "reject": "rejected the proposal",
    "threaten": "threatened retaliation", "protest": "protested", "mobilize": "deployed troops",
    "sanction": "imposed sanctions", "coerce": "detained opponents", "assault": "opened fire",
}
EVENT_TYPE_WEIGHTS = (10, 5, 4, 5, 3, 3, 3, 4, 3, 2, 6, 4, 3, 3, 3)

# (name, category, lat, lon, country_code, geonames_id)
SITES: tuple[tuple[str, str, float, float, str, int | None], ...] = (
    ("Baikonur Cosmodrome", "cosmodrome", 45.965, 63.305, "KZ", None),
    ("Semipalatinsk Test Site", "test range", 50.07, 78.43, "KZ", None),
    ("Sary-Shagan", "test range", 46.38, 72.87, "KZ", None),
    ("Tengiz oil field", "oil field", 46.15, 53.38, "KZ", None),
    ("CPC Marine Terminal", "pipeline", 44.72, 37.83, "RU", None),
    ("Republic Square", "square", 43.2389, 76.9457, "KZ", None),
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
PRECISIONS = ("day", "week", "month", "year")
PRECISION_WEIGHTS = (0.55, 0.1, 0.2, 0.15)
FIRST_DAY, LAST_DAY = np.datetime64("1960-01-01"), np.datetime64("2025-12-31")
CLUSTER_FIRST_DAY = np.datetime64("2022-01-01")
CLUSTER_SHARE = 0.3          # share of events in the January 2022 unrest
UNPLACED_SHARE = 0.02        # events with no place at all, as the extractor sometimes yields
EVENTS_PER_DOC = 20


def synth_events(n: int, *, seed: int = 0) -> pd.DataFrame:
    """n event records plus a few site records (one per 1000 events, at least one), deterministic in seed."""
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    rng = np.random.default_rng(seed)
    events = _events(int(n), rng)
    sites = _sites(max(1, int(n) // 1000), n_docs=max(1, int(n) // EVENTS_PER_DOC), rng=rng)
    return pd.concat([events, sites], ignore_index=True)


def _weighted(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum())


def _dates(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Day picks widened to the interval their precision names: ISO week, calendar month, year."""
    span = int((LAST_DAY - FIRST_DAY).astype(int)) + 1
    # Coverage grows towards the present: square-root skew of the uniform pick.
    offsets = (np.sqrt(rng.random(n)) * span).astype(int)
    day = FIRST_DAY + offsets.astype("timedelta64[D]")
    in_cluster = rng.random(n) < CLUSTER_SHARE
    day[in_cluster] = CLUSTER_FIRST_DAY + rng.integers(0, 31, in_cluster.sum()).astype("timedelta64[D]")
    precision = _weighted(rng, PRECISION_WEIGHTS, n)
    start, end = day.copy(), day.copy()
    week = precision == 1
    monday = day[week] - ((day[week].astype(int) + 3) % 7).astype("timedelta64[D]")
    start[week], end[week] = monday, monday + np.timedelta64(6, "D")
    month = precision == 2
    start[month] = day[month].astype("datetime64[M]").astype("datetime64[D]")
    end[month] = (day[month].astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    year = precision == 3
    start[year] = day[year].astype("datetime64[Y]").astype("datetime64[D]")
    end[year] = (day[year].astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    texts = [_date_text(p, s) for p, s in zip(precision.tolist(), start.tolist())]
    return start, end, precision, texts


def _date_text(precision: int, start) -> str:
    if precision == 0:
        return f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    if precision == 1:
        return f"the week of {start.day} {MONTHS[start.month - 1]} {start.year}"
    if precision == 2:
        return f"{MONTHS[start.month - 1]} {start.year}"
    return str(start.year)


def _actor_lists(n: int, rng: np.random.Generator) -> list[list[str]]:
    weights = 1.0 / np.arange(1, len(ACTORS) + 1)
    picks = _weighted(rng, weights, 3 * n).reshape(n, 3).tolist()
    counts = _weighted(rng, (0.5, 0.35, 0.15), n) + 1
    return [list(dict.fromkeys(ACTORS[i] for i in row[:k])) for row, k in zip(picks, counts.tolist())]


def _events(n: int, rng: np.random.Generator) -> pd.DataFrame:
    start, end, precision, date_texts = _dates(n, rng)
    actors = _actor_lists(n, rng)
    type_names = list(EVENT_TYPES)
    types = [type_names[i] for i in _weighted(rng, EVENT_TYPE_WEIGHTS, n).tolist()]
    place_idx = _weighted(rng, [p[6] for p in PLACES], n)
    placed = rng.random(n) >= UNPLACED_SHARE
    place_cols = list(zip(*PLACES))

    def take(col: int) -> pd.Series:
        return pd.Series(np.asarray(place_cols[col], dtype=object)[place_idx]).where(placed, None)

    place_name = take(0)
    sentences = [
        f"{'On' if k == 0 else 'In'} {d}, {' and '.join(a)} {EVENT_TYPES[t]}"
        + (f" in {p}." if p is not None else ".")
        for k, d, a, t, p in zip(precision.tolist(), date_texts, actors, types, place_name.tolist())
    ]
    doc_index = np.sort(rng.integers(0, max(1, n // EVENTS_PER_DOC), n))
    frame = pd.DataFrame({
        "kind": "event",
        "id": [f"syn-{i:07d}" for i in range(n)],
        "doc_id": [f"doc-{d:06d}" for d in doc_index.tolist()],
        "event_type": types,
        "date_start": np.datetime_as_string(start, unit="D"),
        "date_end": np.datetime_as_string(end, unit="D"),
        "date_precision": np.asarray(PRECISIONS, dtype=object)[precision],
        "date_text": date_texts,
        "date_source": np.asarray(("explicit", "relative", "document"), dtype=object)[
            _weighted(rng, (0.8, 0.15, 0.05), n)],
        "actors": actors,
        "place_name": place_name,
        "place_text": place_name,
        "country_code": take(1),
        "lat": take(2).astype(float),
        "lon": take(3).astype(float),
        "geo_precision": take(4),
        "geonames_id": take(5).astype("Int64"),
        "sentence": sentences,
        "confidence": np.round(rng.beta(5, 2, n), 2),
    })
    # Sentences of one document follow each other, separated by one space.
    length = frame["sentence"].str.len()
    char_end = ((length + 1).groupby(doc_index).cumsum() - 1).astype(int)
    frame.insert(frame.columns.get_loc("confidence"), "char_start", (char_end - length).astype(int))
    frame.insert(frame.columns.get_loc("confidence"), "char_end", char_end)
    published = frame.groupby("doc_id")["date_end"].transform("max")
    frame["doc_title"] = "Synthetic report " + frame["doc_id"]
    frame["doc_author"] = np.asarray(("A. Example", "B. Muster", None), dtype=object)[doc_index % 3]
    frame["doc_published"] = published
    return frame


def _sites(count: int, *, n_docs: int, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for i in range(count):
        name, category, lat, lon, country, geonames_id = SITES[i % len(SITES)]
        sentence = f"Officials visited the {name}."
        rows.append({
            "kind": "site", "id": f"site-{i:05d}", "doc_id": f"doc-{int(rng.integers(0, n_docs)):06d}",
            "name": name, "category": category, "lat": lat, "lon": lon, "country_code": country,
            "geonames_id": geonames_id, "place_text": name, "sentence": sentence,
            "char_start": 0, "char_end": len(sentence),
        })
    return pd.DataFrame(rows)


def write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    """One record per line with absent/NaN fields dropped per row kind (sites carry no event fields)."""
    event_cols = [c for c in frame.columns if c not in ("name", "category")]
    site_cols = list(SITE_FIELDS)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for kind, cols in (("event", event_cols), ("site", site_cols)):
            part = frame.loc[frame["kind"] == kind, [c for c in cols if c in frame.columns]]
            text = part.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
            if text:
                out.write(text if text.endswith("\n") else text + "\n")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of event records")
    parser.add_argument("-o", "--output", type=Path, required=True, help="output .jsonl file")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        frame = synth_events(args.n, seed=args.seed)
    except ValueError as err:
        parser.error(str(err))
    write_jsonl(frame, args.output)
    print(f"wrote {len(frame)} records to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
