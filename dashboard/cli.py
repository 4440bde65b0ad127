"""`dala serve` and `dala export`, added to the `dala` command by events.cli.

Both validate their arguments and load the data before doing anything else, so a bad file or
option ends in one line naming it (ValueError -> exit code 2 in events.cli.main).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.data import BUILTIN_RECORDS

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `serve` and `export` subcommands."""
    serve = subparsers.add_parser("serve", help="explore records in the Dash dashboard (timeline, map, table)")
    _add_data_argument(serve)
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"interface to listen on (default {DEFAULT_HOST}: this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.set_defaults(func=run_serve)

    export = subparsers.add_parser(
        "export", help="write the filtered view as an image (.png/.svg/.pdf) or records (.csv/.geojson/.jsonl)")
    _add_data_argument(export)
    export.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD", help="first day (inclusive)")
    export.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD", help="last day (inclusive)")
    export.add_argument("--actor", action="append", default=[], help="keep events of this actor (repeatable)")
    export.add_argument("--type", dest="types", action="append", default=[], help="keep this event type (repeatable)")
    export.add_argument("--doc", action="append", default=[], help="keep events from this document id (repeatable)")
    export.add_argument("--q", default="", help="keep events whose sentence, place or actors contain every word")
    export.add_argument("--lanes", choices=("actor", "event_type"), default="actor", help="timeline lanes in images")
    export.add_argument("-o", "--output", type=Path, required=True, help="output file; its suffix picks the format")
    export.set_defaults(func=run_export)


def _add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, metavar="FILE|DIR",
                        help="records file (.jsonl .csv .geojson .parquet) or folder of them (default: built-in records)")


def _iso_date(value: str) -> str:
    """The same strict YYYY-MM-DD check as `dala extract --dct`, with the same message."""
    from events.documents import parse_iso_date

    try:
        return parse_iso_date(value, what="date").isoformat()
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _data_path(args: argparse.Namespace) -> Path:
    path = args.data or BUILTIN_RECORDS
    if args.data is None and not path.is_file():
        raise ValueError(f"no built-in records at {path}; pass --data FILE")
    return path


def run_serve(args: argparse.Namespace) -> int:
    """Load and check the data, then serve until interrupted (debug off)."""
    from dashboard.app import create_app

    app = create_app(_data_path(args))
    print(f"dala: serving on http://{args.host}:{args.port}/ (Ctrl+C to stop)", file=sys.stderr)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


def run_export(args: argparse.Namespace) -> int:
    """One image of timeline + map + caption, or the filtered records, by the output suffix."""
    from dashboard.data import load_records, prepare
    from dashboard.export import IMAGE_FORMATS, RECORD_SUFFIXES, export_records, image_bytes, view_figure
    from dashboard.filters import Filters
    from events.records import atomic_path

    suffix = args.output.suffix.lower()
    is_records = suffix in RECORD_SUFFIXES
    if not is_records and suffix not in IMAGE_FORMATS:  # refuse before loading anything
        raise ValueError(f"{args.output}: unsupported output type {args.output.suffix!r} (images: "
                         f"{', '.join(IMAGE_FORMATS)}; records: {', '.join(RECORD_SUFFIXES)})")
    data = prepare(load_records(_data_path(args)))
    filters = Filters(date_from=args.date_from, date_to=args.date_to, actors=tuple(args.actor),
                      types=tuple(args.types), docs=tuple(args.doc), text=args.q.strip())
    if is_records:
        count = export_records(data, filters, args.output)
        print(f"dala: {count} records -> {args.output}", file=sys.stderr)
        return 0
    fmt = IMAGE_FORMATS[suffix]
    content = image_bytes(view_figure(data, filters, lanes=args.lanes), fmt)
    with atomic_path(args.output) as tmp:  # an interrupted export never leaves half an image
        tmp.write_bytes(content)
    print(f"dala: {fmt} image ({len(content)} bytes) -> {args.output}", file=sys.stderr)
    return 0
