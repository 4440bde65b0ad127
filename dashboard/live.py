"""The data an app shows: the records as loaded, with the review file laid over, rebuilt when a
decision is added — by this process or by another worker of the same server.

The review file is the one source of truth, so workers need no messages between them: each checks
the file's size and modification time before answering, and rebuilds its read-only Dataset when
they changed. A Snapshot never changes once built; a request uses one snapshot throughout.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from dashboard.data import BUILTIN_RECORDS, Dataset, load_records, prepare
from dashboard.figures import type_colors
from dashboard.review import Reviews, append_decision, apply_reviews, decide, read_reviews, review_path
from dashboard.views import CachedViews, event_record


def review_file_for(data: Path) -> Path | None:
    """Where reviews of `data` are kept: beside it, except for the built-in records, which ship inside
    the package (a user reviews a copy of them, served with --data)."""
    return None if data.resolve() == BUILTIN_RECORDS.resolve() else review_path(data)


@dataclass(frozen=True)
class Snapshot:
    """One version of the data: the Dataset, its views memory, and the version's name."""

    data: Dataset
    views: CachedViews
    version: str
    reviews: Reviews


class LiveData:
    """`records` (as read) under the decisions of `review_file` (None: no reviews, e.g. a DataFrame)."""

    def __init__(self, records: pd.DataFrame, *, source: str, review_file: Path | None,
                 colors: dict[str, str]) -> None:
        self._records, self._source, self.colors = records, source, colors
        self.review_file = review_file
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    @classmethod
    def open(cls, data: pd.DataFrame | Path | str) -> LiveData:
        """The records of a DataFrame, file or folder with the reviews beside it (review_file_for),
        loaded now, so a bad file fails here; review lines that cannot be read or applied are
        reported once on stderr."""
        if isinstance(data, pd.DataFrame):
            records, source, review_file = data, "in-memory records", None
        else:
            path = Path(data)
            records, source, review_file = load_records(path), path.name, review_file_for(path)
        live = cls(records, source=source, review_file=review_file, colors=type_colors(records.get("event_type", [])))
        reviews = live.current().reviews
        if reviews.problems:
            print(f"dala: {review_file}: {reviews.report()}", file=sys.stderr)
        return live

    def current(self) -> Snapshot:
        """The snapshot for the review file as it is now (rebuilt if it changed since the last call)."""
        version = self._version()
        snapshot = self._snapshot
        if snapshot is not None and snapshot.version == version:
            return snapshot
        with self._lock:
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = self._build(version)
            return self._snapshot

    def review(self, event_id: str, action: str, *, reviewer: str, corrections: dict | None = None,
               now: datetime | None = None) -> Snapshot:
        """Record one decision on the event (as currently shown) and return the new snapshot.
        ValueError (one line) for an unknown event, a refused correction or no review file."""
        if self.review_file is None:
            raise ValueError("reviews need a records file of your own (the built-in or in-memory records are "
                             "read-only): serve a copy with --data FILE")
        record = event_record(self.current().data, event_id)
        if record is None:
            raise ValueError(f"no event {event_id!r} in the data")
        decision = decide(record, action, reviewer=reviewer, at=now or datetime.now(timezone.utc),
                          corrections=corrections)
        try:
            append_decision(self.review_file, decision)
        except OSError as err:
            raise ValueError(f"cannot write {self.review_file}: {err.strerror or err}") from None
        return self.current()

    def _version(self) -> str:
        if self.review_file is None:
            return "records"
        try:
            stat = self.review_file.stat()
        except FileNotFoundError:
            return "no-reviews"
        return f"{stat.st_size}-{stat.st_mtime_ns}"

    def _build(self, version: str) -> Snapshot:
        reviews = read_reviews(self.review_file) if self.review_file else Reviews()
        records, reviews = apply_reviews(self._records, reviews)
        data = prepare(records, source=self._source)
        return Snapshot(data, CachedViews(data, colors=self.colors), version, reviews)
