"""The committed built-in records are exactly what the extractor makes of the seed corpus today."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from dala.cli import main
from events.records import schema

BUILTIN = Path(__file__).resolve().parents[1] / "dashboard" / "builtin" / "records.jsonl"


def test_builtin_records_follow_the_schema() -> None:
    records = [json.loads(line) for line in BUILTIN.read_text(encoding="utf-8").splitlines()]
    assert records
    for record in records:
        jsonschema.validate(record, schema())


def test_rebuilding_builtin_records_gives_the_committed_file(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    assert main(["extract", str(seeds_dir), "--manifest", str(seeds_dir / "manifest.csv"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == BUILTIN.read_text(encoding="utf-8"), (
        "built-in data is stale: rebuild it with the command in README.md (Built-in data)")
