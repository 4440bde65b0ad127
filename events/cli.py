"""The ``dala`` command: ``extract`` and ``timex`` here; ``serve`` and ``export`` come from the dashboard.

Each input file is processed on its own: a bad file is reported in one line naming it, the others are
still extracted, and the output is written atomically with the exit code telling whether all went well.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from tqdm import tqdm

from events import lang as lang_data
from events.documents import MAX_BYTES, Document, DocumentError, iter_documents, parse_iso_date, read_manifest
from events.records import record_format, write_records

PROGRESS_THRESHOLD = 5  # more documents than this get a progress bar


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except ValueError as err:  # bad arguments found after parsing (manifest, output path, data file)
        print(f"dala: error: {err}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dala", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    languages = ["auto", *lang_data.available_languages()]

    extract = commands.add_parser("extract", help="documents -> event and site records (.jsonl/.csv/.geojson/.parquet)")
    _add_input_arguments(extract, languages)
    extract.add_argument("--manifest", type=Path, help="CSV with file,doc_id,language,published,author,title per document")
    extract.add_argument("-o", "--output", type=Path, required=True, help="records file; the suffix picks the format")
    extract.set_defaults(func=run_extract)

    timex = commands.add_parser("timex", help="documents -> every temporal expression (JSONL, TimeML-style values)")
    _add_input_arguments(timex, languages)
    timex.add_argument("--manifest", type=Path, help="CSV giving each document's date and language")
    timex.add_argument("-o", "--output", type=Path, required=True, help="output .jsonl")
    timex.set_defaults(func=run_timex)

    from dashboard.cli import register  # the dashboard adds `serve` and `export`
    register(commands)
    return parser


def _add_input_arguments(parser: argparse.ArgumentParser, languages: list[str]) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=".txt/.md/.html files or folders of them")
    parser.add_argument("--dct", type=_dct, help="publication (anchor) date YYYY-MM-DD for every document")
    parser.add_argument("--lang", default="auto", choices=languages, help="document language (default: detect)")
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES, help=argparse.SUPPRESS)


def _dct(value: str) -> date:
    try:
        return parse_iso_date(value, what="--dct")
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def run_extract(args: argparse.Namespace) -> int:
    from events.pipeline import extract_document

    return _run(args, extract_document, unit="records", describe=_describe_records)


def run_timex(args: argparse.Namespace) -> int:
    from events.timex import tag, timex_record

    def timexes(document: Document) -> list[dict[str, Any]]:
        return [timex_record(document.doc_id, t) for t in tag(document.text, lang=document.lang, dct=document.published)]

    if record_format(args.output) != ".jsonl":
        raise ValueError(f"{args.output}: dala timex writes JSON lines; use a .jsonl output")
    return _run(args, timexes, unit="expressions", describe=lambda rows: f"{len(rows)} expressions")


def _run(args: argparse.Namespace, process: Callable[[Document], list[dict[str, Any]]], *, unit: str,
         describe: Callable[[list[dict[str, Any]]], str]) -> int:
    """Process every input, report failures one line each, write all good output atomically."""
    record_format(args.output)  # refuse an unknown suffix before doing any work
    manifest = read_manifest(args.manifest) if args.manifest else None
    items = list(iter_documents(args.paths, lang=args.lang, dct=args.dct, manifest=manifest, max_bytes=args.max_bytes))
    rows: dict[str, dict[str, Any]] = {}
    failures: list[str] = []
    documents = 0
    for item in _progress(items, unit):
        if isinstance(item, DocumentError):
            failures.append(str(item))
            tqdm.write(f"dala: error: {item}", file=sys.stderr)
            continue
        try:
            produced = process(item)
        except Exception as err:  # an extractor bug must not cost the rest of the batch
            failures.append(f"{item.path}: extraction failed: {type(err).__name__}: {err}")
            tqdm.write(f"dala: error: {failures[-1]}", file=sys.stderr)
            continue
        documents += 1
        for row in produced:  # keyed by id: the same document given twice yields no duplicates
            rows[row.get("id") or f"{row['doc_id']}:{row['start']}:{row['end']}"] = row
    if documents == 0:  # nothing extracted: leave any existing output as it was
        print(f"dala: no document could be read; {args.output} left unchanged", file=sys.stderr)
    else:
        write_records(args.output, rows.values())
    summary = f"dala: {documents} documents, {describe(list(rows.values()))}, {len(failures)} failures -> {args.output}"
    print(summary, file=sys.stderr)
    for failure in failures:
        print(f"  failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _progress(items: list[Any], unit: str) -> Iterable[Any]:
    show = len(items) > PROGRESS_THRESHOLD
    return tqdm(items, desc="extracting", unit="doc", disable=not show, file=sys.stderr, leave=False)


def _describe_records(rows: list[dict[str, Any]]) -> str:
    events = sum(r.get("kind") == "event" for r in rows)
    sites = sum(r.get("kind") == "site" for r in rows)
    return f"{events} events, {sites} sites"


if __name__ == "__main__":
    sys.exit(main())
