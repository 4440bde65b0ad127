"""Shared fixtures: where the read-only corpora live, skipping cleanly when they are absent."""
from __future__ import annotations

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
