"""The extractor's public entry points, re-exported as ``events.extract`` and ``events.extract_file``.

``extract`` works on text already in memory; ``extract_file`` reads a file exactly as ``dala extract``
does (the same checks, the same byline handling), so a library user and the command agree.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from events.documents import MAX_BYTES, ManifestEntry, load_document
from events.pipeline import extract, extract_document

__all__ = ["extract", "extract_file"]


def extract_file(path: Path | str, *, lang: str = "auto", dct: date | None = None,
                 manifest: dict[str, ManifestEntry] | None = None, max_bytes: int = MAX_BYTES) -> list[dict[str, Any]]:
    """All records of one .txt/.md/.html file; raises ``events.documents.DocumentError`` naming it if unusable.

    ``dct`` (the publication date) wins over the manifest's, which wins over a byline's; ``manifest``
    is keyed by file name, as ``events.documents.read_manifest`` returns it.
    """
    document = load_document(Path(path), lang=lang, dct=dct, manifest=manifest, max_bytes=max_bytes)
    return extract_document(document)
