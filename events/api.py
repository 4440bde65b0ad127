"""The extractor's public entry points, re-exported as ``events.extract`` and ``events.extract_file``.

``extract`` works on text already in memory; ``extract_file`` reads a file exactly as ``dala extract``
does (the same checks, the same byline handling), so a library user and the command agree.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from events.actors import actor_forms
from events.documents import MAX_BYTES, ManifestLike, load_document
from events.pipeline import extract, extract_document

__all__ = ["actor_forms", "extract", "extract_file"]


def extract_file(path: Path | str, *, lang: str = "auto", dct: date | None = None,
                 manifest: ManifestLike | None = None, max_bytes: int = MAX_BYTES,
                 doc_id: str | None = None) -> list[dict[str, Any]]:
    """All records of one .txt/.md/.html file; raises ``events.documents.DocumentError`` naming it if unusable.

    ``dct`` (the publication date) wins over the manifest's, which wins over a byline's. ``manifest`` is
    what ``events.documents.read_manifest`` returns (rows by path relative to the manifest), or a plain
    mapping keyed by file name. The records' ``doc_id`` is the manifest's, else ``doc_id``, else the
    file name without suffix.
    """
    document = load_document(Path(path), lang=lang, dct=dct, manifest=manifest, max_bytes=max_bytes,
                             doc_id=doc_id)
    return extract_document(document)
