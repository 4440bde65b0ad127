"""Load records once and pre-compute what filtering needs, so a filter change stays cheap.

Reading and writing by suffix belong to `events.records`; this module checks that what was read
is usable and derives the columns the views need.
"""
from __future__ import annotations

import sys
import hashlib
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd

from dashboard.dates import DAY_MS, iso_column_ms
from events.model import EVENT_FIELDS
from events.records import read_valid_records

BUILTIN_RECORDS = Path(__file__).resolve().parent / "builtin" / "records.jsonl"
NO_ACTOR = "(no actor)"
DERIVED_COLUMNS = ["start_ms", "end_ms", "haystack", "jitter"]  # added by prepare, not part of the records


@dataclass(frozen=True)
class Dataset:
    """Read-only data of one app: events sorted by start date, sites, and lookup helpers.

    `events` carries extra columns: `start_ms`/`end_ms` (epoch ms; end is the *exclusive* end of
    the last day, so a one-day event is 24 h long), `haystack` (lower-case text for search) and
    `jitter` (a stable offset within a timeline lane, so events on one day do not hide each other).
    `actor_lanes` is the exploded (row, actor) table and `actor_rows` maps each actor to the
    row positions of its events; both are built once so filters and lanes need no explode.
    `ids` finds an event's row by its id; `documents` lists doc_id, title, author and the
    number of events per document, busiest first.
    """

    events: pd.DataFrame
    sites: pd.DataFrame
    actor_rows: dict[str, np.ndarray]
    actor_lanes: pd.DataFrame
    ids: pd.Index
    documents: pd.DataFrame
    source: str

    @cached_property
    def digest(self) -> str:
        """A short hash of every event and site field, so an exported figure names the exact data it
        shows (computed on first use: an export needs it, a filter change does not)."""
        digest = hashlib.blake2b(digest_size=8)
        for frame in (self.events.drop(columns=DERIVED_COLUMNS, errors="ignore"), self.sites):
            if not frame.empty:
                ordered = frame.sort_values("id", kind="stable") if "id" in frame else frame
                text = ordered[sorted(ordered.columns)].astype(str)
                digest.update(pd.util.hash_pandas_object(text, index=False).to_numpy().tobytes())
            digest.update(b"|")
        return digest.hexdigest()


def load_records(path: Path, *, report: TextIO | None = None) -> pd.DataFrame:
    """The valid records of a file or folder (events.records checks each row against the model).

    Invalid rows are left out and reported on ``report`` (stderr by default) in one short block: how
    many, and the first few with where they stand and what is wrong. Raises ValueError with a one-line
    message naming the file when it is missing, corrupt, not Dala records, or has no valid row.
    """
    loaded = read_valid_records(Path(path))
    if loaded.invalid:
        print(f"dala: {path}: {loaded.report()}", file=report or sys.stderr)
    return loaded.frame


def prepare(records: pd.DataFrame, *, source: str = "records") -> Dataset:
    """Split kinds, add epoch-ms and search columns, and index actors (runs once per app)."""
    is_event = records["kind"] == "event" if "kind" in records else pd.Series(True, index=records.index)
    events = records.loc[is_event].copy()
    for column in EVENT_FIELDS:
        if column not in events:
            events[column] = None
    events["actors"] = events["actors"].map(_as_actor_list)
    events["mode"] = events["mode"].astype(object).where(events["mode"].notna(), "asserted")  # older records
    events["start_ms"] = iso_column_ms(events["date_start"])
    events["end_ms"] = np.fmax(iso_column_ms(events["date_end"].fillna(events["date_start"])),
                               events["start_ms"].to_numpy()) + DAY_MS
    events["lat"] = pd.to_numeric(events["lat"], errors="coerce")
    events["lon"] = pd.to_numeric(events["lon"], errors="coerce")
    events["country_code"] = _with_countries_of_points(events)
    events["confidence"] = pd.to_numeric(events["confidence"], errors="coerce")
    events = events.sort_values(["start_ms", "id"], na_position="last", kind="stable").reset_index(drop=True)
    events["haystack"] = _haystack(events)
    events["jitter"] = (pd.util.hash_pandas_object(events["id"], index=False).to_numpy() % 1000) / 1000 * 0.4 - 0.2
    sites = records.loc[~is_event].reset_index(drop=True) if "kind" in records else records.iloc[:0]
    actor_lanes = explode_actors(events)
    actor_lanes["lane"] = actor_lanes["lane"].astype("category")
    return Dataset(events=events, sites=sites, actor_rows=_actor_index(actor_lanes), actor_lanes=actor_lanes,
                   ids=pd.Index(events["id"]), documents=_documents(events), source=source)


def _with_countries_of_points(events: pd.DataFrame) -> pd.Series:
    """Country codes, filled from the coordinates where a record has a point but no country
    (records of other tools often do), so country-level views and filters see every placed event."""
    codes = events["country_code"].astype(object).where(events["country_code"].notna(), None)
    missing = codes.isna() & events["lat"].notna() & events["lon"].notna()
    if missing.any():
        from geodata.countries import countries_at

        codes[missing] = countries_at(events.loc[missing, "lon"], events.loc[missing, "lat"])
    return codes


def _as_actor_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return [str(name) for name in value]


def _haystack(events: pd.DataFrame) -> pd.Series:
    """One lower-case string per event for the free-text filter: sentence, place and actors."""
    text = (events["sentence"].fillna("").astype(str) + "\n" + events["place_name"].fillna("").astype(str)
            + "\n" + events["actors"].map(" ".join))
    return text.str.lower()


def _actor_index(actor_lanes: pd.DataFrame) -> dict[str, np.ndarray]:
    """Row positions per actor (events without actors are indexed under NO_ACTOR)."""
    rows = actor_lanes["row"].to_numpy()
    return {name: rows[index] for name, index in actor_lanes.groupby("lane").indices.items()}


def explode_actors(events: pd.DataFrame) -> pd.DataFrame:
    """(row, lane) pairs: each event's index label once per actor; NO_ACTOR when it has none."""
    lists = events["actors"].map(lambda names: names or [NO_ACTOR])
    rows = np.repeat(events.index.to_numpy(), lists.map(len).to_numpy(dtype=np.int64))  # int even when empty
    return pd.DataFrame({"row": rows, "lane": np.fromiter(chain.from_iterable(lists), dtype=object, count=len(rows))})


def _documents(events: pd.DataFrame) -> pd.DataFrame:
    """One row per document: doc_id, title (doc_id when untitled), author, events; busiest first."""
    docs = events.assign(title=events["doc_title"].fillna(events["doc_id"]))
    table = docs.groupby("doc_id", sort=False).agg(title=("title", "first"), author=("doc_author", "first"),
                                                    events=("id", "size"))
    return table.sort_values("events", ascending=False, kind="stable").reset_index()
