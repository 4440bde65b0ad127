"""The ``dala`` command: ``extract`` and ``timex`` run the extractor, ``serve`` and ``export`` the dashboard.

This is the only module that imports both ``events`` and ``dashboard``, so neither knows of the other's
screens or files. The dashboard is imported only by the commands that need it, so ``dala extract``
never loads Dash or pandas. Each input file is processed on its own: a bad file is reported in one line
naming it, the others are still extracted, and the output is written atomically with the exit code
telling whether all went well.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from dala.batch import ExtractTask, Rows, TimexTask, outcomes
from events import lang as lang_data
from events.documents import MAX_BYTES, Input, assign_ids, expand_paths, parse_iso_date, read_manifest
from events.records import check_output, record_format, write_records

PROGRESS_THRESHOLD = 5  # more documents than this get a progress bar
SHOWN_IDS = 5  # disambiguated ids named in the summary; the rest are counted
INTERRUPTED = 130  # the shell's code for a command ended by SIGINT (128 + 2)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
DESCRIPTION = ("Dala turns news about Kazakhstan and its neighbours into dated, located, attributed event "
               "records: 'extract' and 'timex' run the extractor, 'serve' and 'export' the dashboard.")
EPILOG = "Run 'dala COMMAND --help' for a command's options. Exit codes: 0 done, 1 some inputs failed, 2 usage error, 130 interrupted."


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
    except KeyboardInterrupt:  # Ctrl-C: outputs are written atomically, so nothing half-written is left
        output = getattr(args, "output", None)
        print(f"dala: interrupted; {output} left unchanged" if output else "dala: interrupted", file=sys.stderr)
        return INTERRUPTED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dala", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
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

    serve = commands.add_parser("serve", help="explore records in the Dash dashboard (timeline, map, table)")
    _add_data_argument(serve)
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"interface to listen on (default {DEFAULT_HOST}: this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--workers", type=int, default=None, help="worker processes (default: one per CPU)")
    serve.add_argument("--threads", type=int, default=1, help="threads per worker (default 1: figure building holds the GIL)")
    serve.set_defaults(func=run_serve)

    export = commands.add_parser(
        "export", help="write the filtered view as an image (.png/.svg/.pdf) or records (.csv/.geojson/.jsonl)")
    _add_data_argument(export)
    export.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD", help="first day (inclusive)")
    export.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD", help="last day (inclusive)")
    export.add_argument("--actor", action="append", default=[], help="keep events of this actor (repeatable)")
    export.add_argument("--type", dest="types", action="append", default=[], help="keep this event type (repeatable)")
    export.add_argument("--mode", dest="modes", action="append", default=[],
                        help="keep events of this PLOVER mode (repeatable; default asserted; 'all' for every mode)")
    export.add_argument("--doc", action="append", default=[], help="keep events from this document id (repeatable)")
    export.add_argument("--q", default="", help="keep events whose sentence, place or actors contain every word")
    export.add_argument("--rejected", action="store_true", help="also keep records an analyst rejected in review")
    export.add_argument("--lanes", choices=("actor", "event_type"), default="actor", help="timeline lanes in images")
    export.add_argument("--link", default=f"http://{DEFAULT_HOST}:{DEFAULT_PORT}/", metavar="URL",
                        help="the dashboard address an image's caption links this view at (default: dala serve's)")
    export.add_argument("-o", "--output", type=Path, required=True, help="output file; its suffix picks the format")
    export.set_defaults(func=run_export)
    return parser


def _version() -> str:
    """The installed package's version (pyproject.toml), or "unknown" when run from a bare checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dala")
    except PackageNotFoundError:
        return "unknown"


def _add_input_arguments(parser: argparse.ArgumentParser, languages: list[str]) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=".txt/.md/.html files or folders of them")
    parser.add_argument("--dct", type=_dct, help="publication (anchor) date YYYY-MM-DD for every document")
    parser.add_argument("--lang", default="auto", choices=languages, help="document language (default: detect)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes (default: one per CPU; a few documents run in this process)")
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES, help=argparse.SUPPRESS)


def _add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=_data_path, metavar="FILE|DIR",
                        help="records file (.jsonl .csv .geojson .parquet) or folder of them (default: built-in records)")


def _data_path(value: str) -> Path:
    """A local path; a URL is refused here, since Path would turn "http://x" into "http:/x"."""
    if _URL.match(value):
        raise argparse.ArgumentTypeError(f"--data takes a local file or folder, not a URL ({value!r})")
    return Path(value)


def _dct(value: str) -> date:
    try:
        return parse_iso_date(value, what="--dct")
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _iso_date(value: str) -> str:
    """The same strict YYYY-MM-DD check as `dala extract --dct`, with the same message."""
    try:
        return parse_iso_date(value, what="date").isoformat()
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


# ------------------------------------------------------------------ extract, timex

def run_extract(args: argparse.Namespace) -> int:
    return _run(args, ExtractTask, describe=_describe_records)


def run_timex(args: argparse.Namespace) -> int:
    if record_format(args.output) != ".jsonl":
        raise ValueError(f"{args.output}: dala timex writes JSON lines; use a .jsonl output")
    return _run(args, TimexTask, describe=lambda rows: f"{len(rows)} expressions")


def _run(args: argparse.Namespace, task_kind: type[ExtractTask] | type[TimexTask], *,
         describe: Callable[[Rows], str]) -> int:
    """Check every argument, process every input, report failures one line each, write all good output atomically."""
    record_format(args.output)  # refuse an unknown suffix or an unwritable output before doing any work
    check_output(args.output)
    if args.workers is not None and args.workers < 1:
        raise ValueError(f"--workers must be at least 1, not {args.workers}")
    manifest = read_manifest(args.manifest) if args.manifest else None
    inputs = assign_ids(expand_paths(args.paths), manifest)  # distinct doc_ids, or a usage error now
    if manifest is not None:
        for entry in manifest.unmatched([item.path for item in inputs]):
            print(f"dala: warning: {manifest.path}, line {entry.line}: file {entry.file!r} not found", file=sys.stderr)
    task = task_kind(lang=args.lang, dct=args.dct, max_bytes=args.max_bytes, manifest=manifest)
    rows: dict[str, dict[str, Any]] = {}
    failures: list[str] = []
    documents = 0
    progress = _progress(inputs)
    for outcome, _ in zip(outcomes(task, inputs, _workers(args.workers, len(inputs))), progress):
        if outcome.error is not None:
            failures.append(outcome.error)
            _report(progress, f"dala: error: {outcome.error}")
            continue
        documents += 1
        # The ids hash the doc_id, so distinct doc_ids never overwrite each other's rows; the same
        # document given twice was already merged by expand_paths.
        item = outcome.item
        assert all(row["doc_id"] == item.doc_id for row in outcome.rows), f"{item.path}: records of another doc_id"
        for row in outcome.rows:
            rows[row.get("id") or f"{row['doc_id']}:{row['start']}:{row['end']}"] = row
    if documents == 0:  # nothing extracted: leave any existing output as it was
        print(f"dala: no document could be read; {args.output} left unchanged", file=sys.stderr)
    else:
        write_records(args.output, rows.values())
    summary = f"dala: {documents} documents, {describe(list(rows.values()))}, {len(failures)} failures -> {args.output}"
    print(summary, file=sys.stderr)
    renamed = [item.doc_id for item in inputs if item.disambiguated]
    if renamed:
        more = f" and {len(renamed) - SHOWN_IDS} more" if len(renamed) > SHOWN_IDS else ""
        print(f"  {len(renamed)} documents share a file name, so their ids are paths: "
              f"{', '.join(renamed[:SHOWN_IDS])}{more}", file=sys.stderr)
    for failure in failures:
        print(f"  failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _workers(requested: int | None, documents: int) -> int:
    """Worker processes for a batch: as asked, else one per CPU; a few documents stay in this
    process, where starting workers would cost more than it saves."""
    if requested is not None:
        return requested
    return 1 if documents <= PROGRESS_THRESHOLD else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
        else (os.cpu_count() or 1)


def _progress(inputs: list[Input]) -> Iterable[Input]:
    """A tqdm bar past PROGRESS_THRESHOLD documents; below it the plain list, so tqdm is not even imported."""
    if len(inputs) <= PROGRESS_THRESHOLD:
        return inputs
    from tqdm import tqdm

    return tqdm(inputs, desc="extracting", unit="doc", file=sys.stderr, leave=False)


def _report(progress: Iterable[Input], line: str) -> None:
    """One error line, written above the progress bar when there is one."""
    write = getattr(progress, "write", None)
    if write is not None:
        write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)


def _describe_records(rows: Rows) -> str:
    events = sum(r.get("kind") == "event" for r in rows)
    sites = sum(r.get("kind") == "site" for r in rows)
    return f"{events} events, {sites} sites"


# ------------------------------------------------------------------ serve, export

def run_serve(args: argparse.Namespace) -> int:
    """Load and check the data, then serve until interrupted (debug off)."""
    from dashboard.commands import serve

    serve(args.data, host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0


def run_export(args: argparse.Namespace) -> int:
    """One image of timeline + map + caption, or the filtered records, by the output suffix."""
    from dashboard.commands import export_view
    from dashboard.filters import DEFAULT_MODES, Filters

    from events import actor_forms

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ValueError(f"--from {args.date_from} is after --to {args.date_to}")
    modes = () if "all" in args.modes else tuple(args.modes) or DEFAULT_MODES
    filters = Filters(date_from=args.date_from, date_to=args.date_to, actors=tuple(args.actor),
                      types=tuple(args.types), docs=tuple(args.doc), text=args.q.strip(), modes=modes,
                      rejected=args.rejected)
    summary = export_view(args.data, filters, args.output, lanes=args.lanes, actor_forms=actor_forms(),
                          link_base=args.link)
    print(f"dala: {summary} -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
