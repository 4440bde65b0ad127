"""Throughput of the whole extraction on German news, against dateparser's search_dates in the same run.

    python -m benchmarks.throughput [--corpus ../shared/corpora/10kgnad/test.csv] [--limit N]

Prints characters/s and documents/s for `events.pipeline.extract` (sentences, time expressions,
places, actors, event types, records) on one core, the same for `dateparser.search.search_dates` over the
same texts, and the ratio between the two. Ratios, not absolute times, are what to compare across runs:
the machines are shared and noisy.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import date
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "10kgnad" / "test.csv"


def read_gnad(path: Path, limit: int | None) -> list[str]:
    """Article texts of a 10kGNAD file (`label;'text'` per line)."""
    texts = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                texts.append(row[1])
            if limit and len(texts) >= limit:
                break
    return texts


def timed(label: str, texts: list[str], run) -> float:
    """Seconds to run ``run`` over every text (best of the single pass; warm caches first)."""
    run(texts[0])
    started = time.perf_counter()
    for text in texts:
        run(text)
    seconds = time.perf_counter() - started
    chars = sum(map(len, texts))
    print(f"{label:<28} {seconds:8.2f} s {chars / seconds:12,.0f} chars/s {len(texts) / seconds:10,.1f} docs/s")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    from dateparser.search import search_dates

    from events.pipeline import extract

    texts = read_gnad(args.corpus, args.limit)
    print(f"command: python -m benchmarks.throughput {' '.join(argv or sys.argv[1:])}".rstrip())
    print(f"corpus: {args.corpus.name}, {len(texts)} articles, {sum(map(len, texts)):,} characters")
    anchor = date(2016, 1, 1)
    for label, stage in stages(anchor).items():
        timed(label, texts, stage)
    ours = timed("dala extract (pipeline)", texts,
                 lambda t: extract(t, doc_id="d", lang="de", published=anchor))
    theirs = timed("dateparser search_dates", texts,
                   lambda t: search_dates(t, languages=["de"], settings={"RELATIVE_BASE": anchor_dt(anchor)}))
    print(f"ratio: dala is {theirs / ours:.1f}x faster than search_dates on the same text")
    return 0


def stages(anchor: date) -> dict[str, object]:
    """Each extraction stage alone, as the pipeline runs it, so a slow one shows up (the budget is
    >= 1.5 M chars/s each)."""
    from events.coreference import find_document_actors
    from events.event_types import find_triggers
    from events.places import find_places
    from events.sentences import split_sentences
    from events.timex import tag

    def triggers_of_sentences(text: str) -> None:
        for sentence in split_sentences(text, lang="de"):
            find_triggers(sentence.text, lang="de")

    return {
        "  stage: sentences": lambda t: split_sentences(t, lang="de"),
        "  stage: time expressions": lambda t: tag(t, lang="de", dct=anchor),
        "  stage: places": lambda t: find_places(t, lang="de"),
        "  stage: actors (with coreference)": lambda t: find_document_actors(t, lang="de"),
        "  stage: event types": triggers_of_sentences,
    }


def anchor_dt(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


if __name__ == "__main__":
    sys.exit(main())
