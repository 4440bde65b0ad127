"""Speed and most frequent matches of ``find_places`` on German news (10kGNAD).

    python -m benchmarks.places_speed [--corpus ../shared/corpora/10kgnad/test.csv] [--top 40]

Prints the time to build the name index (once per process), characters/s of matching (budget:
1,500,000 on one core; CPU time is the steadier figure on a shared machine) and the most frequent
(surface, place) pairs, which is where false places show up first.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from benchmarks.throughput import DEFAULT_CORPUS, read_gnad
from events.places import find_places


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--lang", default="de")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        raise ValueError(f"corpus not found: {args.corpus}")
    texts = read_gnad(args.corpus, None)
    started = time.perf_counter()
    find_places("", lang=args.lang)
    index_seconds = time.perf_counter() - started
    wall_started, cpu_started = time.perf_counter(), time.process_time()
    results = [find_places(text, lang=args.lang) for text in texts]
    wall, cpu = time.perf_counter() - wall_started, time.process_time() - cpu_started
    characters = sum(map(len, texts))
    print(f"index built in {index_seconds:.2f} s")
    print(f"{characters:,} characters in {len(texts)} documents: {characters / cpu:,.0f} characters/s "
          f"of CPU time ({cpu:.3f} s), {characters / wall:,.0f} of wall time ({wall:.3f} s)")
    counts = Counter((p.text, p.name, p.country_code, p.geo_precision) for places in results for p in places)
    print(f"{sum(counts.values())} mentions, {len(counts)} distinct; most frequent:")
    for (surface, name, country, precision), count in counts.most_common(args.top):
        print(f"{count:5d}  {surface} -> {name} ({country}, {precision})")


if __name__ == "__main__":
    main()
