"""Run one task over many documents, here or in a pool of worker processes, results in input order.

Extraction is CPU-bound Python (it holds the GIL), so more cores need more processes. The language
data and the gazetteer are cached per process: this process extracts the first document, so forked
workers start with them loaded (where the platform cannot fork, each worker loads them once). A
document's failure is its own: it is reported as one line and the others go on.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from events.documents import DocumentError, Input, Manifest, load_document

Rows = list[dict[str, Any]]
TASKS_PER_WORKER = 16  # chunks per worker: small enough to balance, big enough to keep pickling cheap
MAX_CHUNK = 32
_START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"  # fork shares the loaded data


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its rows, or the one-line reason it has none."""

    item: Input
    rows: Rows | None
    error: str | None


@dataclass(frozen=True, slots=True)
class ExtractTask:
    """`dala extract` on one document (picklable, so a worker process can run it)."""

    lang: str
    dct: date | None
    max_bytes: int
    manifest: Manifest | None

    def __call__(self, item: Input) -> Rows:
        from events import extract_file

        return extract_file(item.path, lang=self.lang, dct=self.dct, manifest=self.manifest,
                            max_bytes=self.max_bytes, doc_id=item.doc_id)


@dataclass(frozen=True, slots=True)
class TimexTask:
    """`dala timex` on one document: every time expression as a record."""

    lang: str
    dct: date | None
    max_bytes: int
    manifest: Manifest | None

    def __call__(self, item: Input) -> Rows:
        from events.timex import tag, timex_record

        document = load_document(item.path, lang=self.lang, dct=self.dct, manifest=self.manifest,
                                 max_bytes=self.max_bytes, doc_id=item.doc_id)
        return [timex_record(document.doc_id, t) for t in tag(document.text, lang=document.lang, dct=document.published)]


def attempt(task: Callable[[Input], Rows], item: Input) -> Outcome:
    """The task's rows for `item`, or its failure as one line naming the file."""
    try:
        return Outcome(item, task(item), None)
    except DocumentError as err:
        return Outcome(item, None, str(err))
    except Exception as err:  # noqa: BLE001 - an extractor bug must not cost the rest of the batch
        return Outcome(item, None, f"{item.path}: extraction failed: {type(err).__name__}: {err}")


def outcomes(task: Callable[[Input], Rows], inputs: Sequence[Input], workers: int) -> Iterator[Outcome]:
    """attempt(task, item) for every input, in input order, on `workers` processes (1: this one).

    Ctrl-C reaches this process only (workers ignore SIGINT), which then stops the pool, so an
    interrupted run ends at once and quietly.
    """
    if workers <= 1 or len(inputs) <= 2:
        yield from (attempt(task, item) for item in inputs)
        return
    # The first document here: it loads the language data and the gazetteer into this process, which
    # forked workers then share instead of each loading their own.
    yield attempt(task, inputs[0])
    rest = inputs[1:]
    chunk = max(1, min(MAX_CHUNK, len(rest) // (workers * TASKS_PER_WORKER)))
    with multiprocessing.get_context(_START_METHOD).Pool(min(workers, len(rest)), initializer=_ignore_interrupts) as pool:
        yield from pool.imap(_Attempt(task), rest, chunksize=chunk)


@dataclass(frozen=True, slots=True)
class _Attempt:
    """attempt() bound to a task, as a picklable callable for Pool.imap."""

    task: Callable[[Input], Rows]

    def __call__(self, item: Input) -> Outcome:
        return attempt(self.task, item)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
