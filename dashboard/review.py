"""Analysts' decisions on event records (confirm, correct, reject), kept in an append-only file next
to the data and laid over the records whenever they are loaded.

The records file itself is never rewritten: the extraction stays reproducible, and every decision
keeps who made it, when, and the value it replaced. A decision is one JSON line written with a
single append, so a crash leaves at most one torn last line; reading reports such a line (and any
other unreadable one) by number and applies the rest.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from events.model import EventRecord, required_fields

ACTIONS = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}  # action -> record status
CORRECTABLE = ("event_type", "date_start", "date_end", "date_precision", "place_name", "country_code", "lat", "lon",
               "actors")
SUFFIX = ".review"
SHOWN_PROBLEMS = 5


def review_path(data: Path) -> Path:
    """Where the decisions on `data` live: beside it, named after it (`events.jsonl` ->
    `events.jsonl.review`, a folder `corpus` -> `corpus.review`), so a folder's reader never takes
    the file for records."""
    return data.with_name(data.name + SUFFIX)


@dataclass(frozen=True, slots=True)
class Decision:
    """One analyst's decision on one event; `changes` maps a corrected field to [before, after]."""

    event_id: str
    action: str
    reviewer: str
    at: str
    changes: dict[str, list] = field(default_factory=dict)

    def to_line(self) -> bytes:
        entry = {"event_id": self.event_id, "action": self.action, "reviewer": self.reviewer, "at": self.at,
                 "changes": self.changes}
        return (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, entry: object) -> Decision:
        """The decision a parsed line holds; ValueError saying what is wrong with it."""
        if not isinstance(entry, dict):
            raise ValueError("not a JSON object")
        for key in ("event_id", "action", "reviewer", "at"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise ValueError(f"{key!r} missing or not a string")
        if entry["action"] not in ACTIONS:
            raise ValueError(f"unknown action {entry['action']!r} (use {', '.join(ACTIONS)})")
        changes = entry.get("changes") or {}
        if not isinstance(changes, dict) or any(
                name not in CORRECTABLE or not isinstance(pair, list) or len(pair) != 2 for name, pair in changes.items()):
            raise ValueError(f"'changes' must map fields of {', '.join(CORRECTABLE)} to [before, after]")
        return cls(entry["event_id"], entry["action"], entry["reviewer"], entry["at"], changes)


def decide(record: Mapping[str, Any], action: str, *, reviewer: str, at: datetime,
           corrections: Mapping[str, Any] | None = None) -> Decision:
    """A decision on `record` as it is shown (earlier decisions applied). Corrections are checked
    against the record model first, so no decision can make a record invalid: ValueError names the
    field and value."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r} (use {', '.join(ACTIONS)})")
    if not reviewer.strip():
        raise ValueError("a decision needs a reviewer's name")
    corrections = dict(corrections or {})
    unknown = sorted(set(corrections) - set(CORRECTABLE))
    if unknown:
        raise ValueError(f"cannot correct {', '.join(unknown)} (correctable: {', '.join(CORRECTABLE)})")
    if action != "correct" and corrections:
        raise ValueError(f"only 'correct' changes fields, not {action!r}")
    before = _plain_record(record)
    after = EventRecord.from_dict({**before, **corrections}).to_dict()  # raises ValueError naming the field
    changes = {name: [before.get(name), after[name]] for name in corrections if before.get(name) != after[name]}
    if action == "correct" and not changes:
        raise ValueError("the correction changes nothing")
    return Decision(str(record["id"]), action, reviewer.strip(), at.astimezone(timezone.utc).isoformat(timespec="seconds"),
                    changes)


def append_decision(path: Path, decision: Decision) -> None:
    """Add one decision with a single append and flush it to disk; a torn last line (a crash
    mid-write) is closed first, so this one is whole."""
    line = decision.to_line()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        if os.fstat(fd).st_size and _last_byte(path) != b"\n":
            line = b"\n" + line
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class Reviews:
    """The decisions of a review file in order, and what could not be read or applied."""

    decisions: tuple[tuple[int, Decision], ...] = ()  # (line number, decision)
    problems: tuple[str, ...] = ()

    def report(self) -> str:
        shown = "; ".join(self.problems[:SHOWN_PROBLEMS])
        more = f" and {len(self.problems) - SHOWN_PROBLEMS} more" if len(self.problems) > SHOWN_PROBLEMS else ""
        return f"{len(self.problems)} review lines skipped: {shown}{more}"


def read_reviews(path: Path) -> Reviews:
    """Every readable decision of `path` (none when it does not exist), with a problem per bad line."""
    if not path.is_file():
        return Reviews()
    decisions, problems = [], []
    for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            decisions.append((number, Decision.from_json(json.loads(raw))))
        except (ValueError, UnicodeDecodeError) as err:
            problems.append(f"line {number}: {err}")
    return Reviews(tuple(decisions), tuple(problems))


def apply_reviews(records: pd.DataFrame, reviews: Reviews) -> tuple[pd.DataFrame, Reviews]:
    """`records` (as read, before dashboard.data.prepare) with the decisions applied in order and a
    `review` column; the returned Reviews adds a problem for each decision that names no event or
    whose correction the record model refuses (a hand-edited file), and that decision is skipped."""
    out = records.copy()
    if "review" not in out:
        out["review"] = None
    out["review"] = out["review"].astype(object)
    is_event = out["kind"] == "event" if "kind" in out else pd.Series(True, index=out.index)
    rows = pd.Series(out.index[is_event], index=out.loc[is_event, "id"].astype(str))
    rows = rows[~rows.index.duplicated()]
    problems = list(reviews.problems)
    for number, decision in reviews.decisions:
        if decision.event_id not in rows.index:
            problems.append(f"line {number}: no event {decision.event_id!r} in the data")
            continue
        row = rows[decision.event_id]
        corrections = {name: after for name, (_, after) in decision.changes.items()}
        try:
            EventRecord.from_dict({**_plain_record(out.loc[row].to_dict()), **corrections})
        except ValueError as err:
            problems.append(f"line {number}: {err}")
            continue
        for name, value in corrections.items():
            if name not in out:
                out[name] = None
            out[name] = out[name].astype(object)
            out.at[row, name] = value
        out.at[row, "review"] = ACTIONS[decision.action]
    return out, Reviews(reviews.decisions, tuple(problems))


def _plain_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record's values as the model reads them: no NaN, ISO dates, lists for arrays, and optional
    fields that are missing left out (a file from before they existed has nulls there)."""
    required = set(required_fields(EventRecord))
    plain = {}
    for key, value in record.items():
        if isinstance(value, np.ndarray):
            value = value.tolist()
        elif isinstance(value, (date, pd.Timestamp)):
            value = value.isoformat()[:10]
        elif isinstance(value, np.generic):
            value = value.item()
        if not isinstance(value, (list, tuple, dict)) and pd.isna(value):
            value = None
        if value is not None or key in required:
            plain[key] = value
    return plain


def _last_byte(path: Path) -> bytes:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1)
