"""The synthetic generator must produce schema-valid records with the spread the benchmarks rely on."""
from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from benchmarks.synth_events import main, synth_events, write_jsonl

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "events" / "records.schema.json").read_text())


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return synth_events(4000, seed=7)


@pytest.fixture(scope="module")
def jsonl_records(frame: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    path = tmp_path_factory.mktemp("synth") / "events.jsonl"
    write_jsonl(frame, path)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_written_records_validate_against_the_schema(jsonl_records: list[dict]) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    sample = jsonl_records[::7] + [r for r in jsonl_records if r["kind"] == "site"]
    for record in sample:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, f"{record['id']}: {errors[0].message}"


def test_counts_and_kinds(frame: pd.DataFrame, jsonl_records: list[dict]) -> None:
    assert (frame["kind"] == "event").sum() == 4000
    assert 1 <= (frame["kind"] == "site").sum() <= 10
    assert len(jsonl_records) == len(frame)
    assert frame["id"].is_unique
    assert 150 <= frame.loc[frame["kind"] == "event", "doc_id"].nunique() <= 200


def test_same_seed_same_records_other_seed_differs() -> None:
    pd.testing.assert_frame_equal(synth_events(300, seed=1), synth_events(300, seed=1))
    assert not synth_events(300, seed=1)["event_type"].equals(synth_events(300, seed=2)["event_type"])


@pytest.mark.parametrize(
    ("precision", "check"),
    [
        ("day", lambda s, e: s == e),
        ("week", lambda s, e: s.weekday() == 0 and (e - s).days == 6),
        ("month", lambda s, e: s.day == 1 and (e.year, e.month) == (s.year, s.month)
         and e.day == calendar.monthrange(e.year, e.month)[1]),
        ("year", lambda s, e: (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year),
    ],
)
def test_interval_matches_precision(frame: pd.DataFrame, precision: str, check) -> None:
    rows = frame[frame["date_precision"] == precision]
    assert len(rows) > 100
    for start, end in zip(rows["date_start"], rows["date_end"]):
        assert check(date.fromisoformat(start), date.fromisoformat(end)), (precision, start, end)


def test_spread_has_the_january_2022_cluster_and_the_long_tail(frame: pd.DataFrame) -> None:
    events = frame[frame["kind"] == "event"]
    january_2022 = (events["date_start"] >= "2022-01-01") & (events["date_end"] <= "2022-01-31")
    assert 0.2 < january_2022.mean() < 0.45
    assert events["date_start"].min() < "1975" and events["date_end"].max() <= "2025-12-31"
    assert set(events["geo_precision"].dropna()) == {"city", "region", "site", "country"}
    assert events["actors"].map(len).between(1, 3).all()
    assert events["actors"].explode().nunique() >= 25
    assert events["event_type"].nunique() == 15
    assert events["country_code"].nunique() >= 15


def test_offsets_point_into_consecutive_sentences(frame: pd.DataFrame) -> None:
    events = frame[frame["kind"] == "event"]
    assert ((events["char_end"] - events["char_start"]) == events["sentence"].str.len()).all()
    first = events.groupby("doc_id")["char_start"].min()
    assert (first == 0).all()


@pytest.mark.parametrize("bad", [-1, 2.5, "10", True])
def test_bad_n_is_rejected_with_its_value(bad) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        synth_events(bad)


def test_command_line_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "cli.jsonl"
    assert main(["50", "-o", str(out), "--seed", "3"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 51
    assert json.loads(lines[-1])["kind"] == "site"
