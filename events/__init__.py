"""Dala's extractor: documents -> dated, located, attributed event records.

Public entry points: ``events.extract`` (text and metadata -> records) and ``events.extract_file``
(one file -> records, read as ``dala extract`` reads it) and ``events.actor_forms`` (the names
an actor goes by, for finding it), all from ``events.api``;
``events.timex.tag`` (time expressions); ``events.records.read_records`` / ``write_records`` (files).
They are resolved on first use, so ``import events`` (or reading records) does not load the gazetteer.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from events.api import actor_forms, extract, extract_file

__all__ = ["actor_forms", "extract", "extract_file"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from events import api

        return getattr(api, name)
    raise AttributeError(f"module 'events' has no attribute {name!r}")
