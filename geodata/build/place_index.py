"""Write ``geodata/generated/place_index.<lang>.pickle``, the name index ``find_places`` loads.

The format and the rules live in events/places_index.py; this only writes the file.
"""
from __future__ import annotations

from events.places_index import build_index, index_path
from geodata.gazetteer import GazetteerEntry


def write_index(lang: str, entries: tuple[GazetteerEntry, ...]) -> None:
    path = index_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(build_index(lang, entries))
    temporary.replace(path)
