"""What `dala serve` and `dala export` do, as plain functions of paths and filters.

The argument parsing lives in `dala.cli`; these functions validate and load the data before doing
anything else, so a bad file or option ends in one ValueError naming it (exit code 2 there).
"""
from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from dashboard.data import BUILTIN_RECORDS
from dashboard.filters import Filters, resolve_actors, view_link
from dashboard.live import LiveData


def data_path(data: Path | None) -> Path:
    """The records to show: the given file or folder, else the built-in records."""
    path = data or BUILTIN_RECORDS
    if data is None and not path.is_file():
        raise ValueError(f"no built-in records at {path}; pass --data FILE")
    return path


def serve(data: Path | None, *, host: str, port: int, workers: int | None, threads: int) -> None:
    """Load and check the data, then serve it with gunicorn workers until interrupted."""
    from dashboard.server import serve as serve_app

    serve_app(data_path(data), host=host, port=port, workers=workers, threads=threads,
              ready=lambda url: print(f"dala: serving on {url} (Ctrl+C to stop)", file=sys.stderr))


def export_view(data: Path | None, filters: Filters, output: Path, *, lanes: str = "actor",
                actor_forms: Mapping[str, str] | None = None, link_base: str = "http://127.0.0.1:8050/") -> str:
    """Write one image of timeline + map + caption, or the filtered records, by the suffix of `output`.

    The actors asked for are matched to the data's (resolve_actors: case, and the other names in
    `actor_forms`); an unknown one is a ValueError with a suggestion. An image's caption links the
    same view in the dashboard at `link_base`.
    Returns what was written ("3 records", "png image (1234 bytes)") for the command's summary line.
    """
    from dashboard.export import IMAGE_FORMATS, RECORD_SUFFIXES, export_records, image_bytes, view_figure
    from events.records import atomic_path, check_output

    suffix = output.suffix.lower()
    is_records = suffix in RECORD_SUFFIXES
    if not is_records and suffix not in IMAGE_FORMATS:  # refuse before loading anything
        raise ValueError(f"{output}: unsupported output type {output.suffix!r} (images: "
                         f"{', '.join(IMAGE_FORMATS)}; records: {', '.join(RECORD_SUFFIXES)})")
    check_output(output)
    path = data_path(data)
    loaded = LiveData.open(path).current().data
    if filters.actors:
        filters = replace(filters, actors=resolve_actors(filters.actors, loaded.actor_rows, actor_forms))
    if is_records:
        return f"{export_records(loaded, filters, output)} records"
    fmt = IMAGE_FORMATS[suffix]
    content = image_bytes(view_figure(loaded, filters, lanes=lanes, link=view_link(link_base, filters)), fmt)
    with atomic_path(output) as tmp:  # an interrupted export never leaves half an image
        tmp.write_bytes(content)
    return f"{fmt} image ({len(content)} bytes)"
