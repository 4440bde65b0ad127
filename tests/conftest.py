"""Shared fixtures: where the read-only corpora live, skipping cleanly when they are absent.

The helper modules beside this file (timex_support, timex_cases_<lang>) are imported by their plain
names: tests/ is not a package, so pytest (import mode "prepend") puts this folder on sys.path, and no
module ever imports `tests`.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """../shared/seeds (two German commentaries + manifest.csv); skip when this checkout has none."""
    path = SHARED / "seeds"
    if not (path / "manifest.csv").is_file():
        pytest.skip(f"seed corpus not available at {path}")
    return path


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    """../shared/corpora (10kGNAD, WikiWarsDE); skip when absent."""
    path = SHARED / "corpora"
    if not path.is_dir():
        pytest.skip(f"evaluation corpora not available at {path}")
    return path


@pytest.fixture(scope="session")
def gnad_news(corpora_dir: Path) -> list[str]:
    """The article texts of 10kGNAD's test split (`label;'text'` per line); skip when absent.

    The tests' own reader, so that no test imports the benchmarks' internals.
    """
    path = corpora_dir / "10kgnad" / "test.csv"
    if not path.is_file():
        pytest.skip(f"10kGNAD not available at {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) >= 2]
