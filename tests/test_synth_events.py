"""The synthetic generator must produce schema-valid records with the spread the benchmarks rely on.

It is a benchmark tool, so it is tested through its command line, as the benchmarks use it: tests
import no benchmark internals.
"""
from __future__ import annotations

import calendar
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "events" / "records.schema.json").read_text())


def generate(n: str, out: Path, *, seed: int) -> subprocess.CompletedProcess:
    """Run `python -m benchmarks.synth_events N -o OUT --seed S` from the repository root."""
    return subprocess.run([sys.executable, "-m", "benchmarks.synth_events", n, "-o", str(out), "--seed", str(seed)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "events.jsonl"
    done = generate("4000", path, seed=7)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def jsonl_records(written: Path) -> list[dict]:
    return [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def frame(written: Path) -> pd.DataFrame:
    return pd.read_json(written, lines=True, dtype=False)


def test_written_records_validate_against_the_schema(jsonl_records: list[dict]) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    sample = jsonl_records[::7] + [r for r in jsonl_records if r["kind"] == "site"]
    for record in sample:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, f"{record['id']}: {errors[0].message}"


def test_counts_and_kinds(frame: pd.DataFrame) -> None:
    assert (frame["kind"] == "event").sum() == 4000
    assert 1 <= (frame["kind"] == "site").sum() <= 10
    assert frame["id"].is_unique
    assert 150 <= frame.loc[frame["kind"] == "event", "doc_id"].nunique() <= 200


def test_same_seed_same_records_other_seed_differs(tmp_path: Path) -> None:
    outputs = {}
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        assert generate("300", tmp_path / f"{name}.jsonl", seed=seed).returncode == 0
        outputs[name] = pd.read_json(tmp_path / f"{name}.jsonl", lines=True, dtype=False)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert not outputs["a"]["event_type"].equals(outputs["c"]["event_type"])


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


def test_a_negative_count_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    done = generate("-1", tmp_path / "out.jsonl", seed=0)
    assert done.returncode == 2
    assert "got -1" in done.stderr and not (tmp_path / "out.jsonl").exists()


def test_command_line_writes_jsonl_with_sites_last(tmp_path: Path) -> None:
    out = tmp_path / "cli.jsonl"
    assert generate("50", out, seed=3).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 51
    assert json.loads(lines[-1])["kind"] == "site"
