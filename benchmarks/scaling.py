"""Extraction time per character from 10 KB to 2 MB: flat when every step is linear in the text.

    python -m benchmarks.scaling [--sizes 10000,100000,500000,2000000] [--seed 7]

Extracts (``events.pipeline.extract``, German, one publication date) texts of each size in several
shapes: news-like prose from a seeded sentence generator; 10kGNAD articles joined together when
``../shared/corpora/10kgnad/test.csv`` is present (read at run time, never copied); one giant sentence
without a full stop; dense dates; and one run-on sentence full of quotations and speech verbs.
Sizes are UTF-8 bytes, the unit of the 2 MB file limit. It prints CPU microseconds per character
(steadier than wall time on a shared machine; small sizes take the best of several runs), and last
the ratio of the 2 MB figure to the 10 KB figure over all shapes (flat is about 1; the target is
at most 1.5). Before this benchmark existed a 2 MB giant sentence did not finish in 300 s.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import date

from benchmarks.throughput import DEFAULT_CORPUS, read_gnad

PUBLISHED = date(2022, 1, 7)
WORK_PER_SIZE = 400_000  # characters extracted per size and shape at least (best of the repeats)
TARGET_RATIO = 1.5

ACTORS = ["Russland", "Kasachstan", "China", "die USA", "die OVKS", "Präsident Tokajew", "die Regierung",
          "russische Truppen", "kasachische Sicherheitskräfte", "die Opposition", "die EU"]
PLACES = ["Almaty", "Astana", "Moskau", "Bischkek", "Taschkent", "Peking", "Brüssel", "Aktau", "Schymkent"]
DATES = ["am 5. Januar 2022", "gestern", "vor drei Jahren", "im März", "am Montag", "letzte Woche",
         "vom 2. bis 5. Januar", "seit dem 1. Februar 2021", "im Sommer 2019", "heute", "Anfang 2020"]
VERBS = ["entsandte Truppen nach", "verhandelte in", "protestierte in", "kritisierte die Lage in",
         "unterzeichnete ein Abkommen in", "traf sich mit Vertretern in", "verhaftete Demonstranten in"]
FIRST = ["Dmitri", "Aigerim", "Nursultan", "Olga", "Timur", "Asel", "Sergei", "Dana", "Bolat", "Irina"]
LAST = ["Halko", "Nasarbajew", "Iwanowa", "Sultanow", "Kim", "Abenow", "Petrow", "Tokenowa"]
FILLER = ["Die Lage blieb angespannt.", "Beobachter sprachen von einer Wende.",
          "Die Preise für Flüssiggas waren zuvor gestiegen.", "Weitere Einzelheiten wurden nicht bekannt."]


def prose(size: int, rng: random.Random) -> str:
    """News-like German prose: dated, located, attributed sentences, quotations, paragraphs, headings."""
    parts: list[str] = []
    length = 0
    while length < size:
        kind = rng.random()
        if kind < 0.45:
            sentence = f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(PLACES)} {rng.choice(DATES)}."
        elif kind < 0.6:
            sentence = (f"„Wir werden {rng.choice(DATES)} nach {rng.choice(PLACES)} reisen“, sagte der Aktivist "
                        f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(DATES)}.")
        elif kind < 0.9:
            sentence = rng.choice(FILLER)
        else:
            sentence = f"\n\n{rng.choice(PLACES)} {rng.randint(1990, 2023)}\n\n"
        sentence = sentence[:1].upper() + sentence[1:]
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def repeated(piece: str) -> Callable[[int, random.Random], str]:
    def make(size: int, rng: random.Random) -> str:
        return piece * (size // len(piece) + 1)
    return make


def gnad(size: int, rng: random.Random) -> str:
    """10kGNAD articles in file order, joined by blank lines, repeated if the file is short."""
    articles = read_gnad(DEFAULT_CORPUS, None)
    text, index = "", 0
    while len(text) < size:
        text += articles[index % len(articles)] + "\n\n"
        index += 1
    return text


def shapes() -> dict[str, Callable[[int, random.Random], str]]:
    found = {
        "prose": prose,
        "10kgnad": gnad,
        "giant sentence": repeated("am 5. Januar 2022 entsandte Russland Truppen nach Almaty und "),
        "dense dates": repeated("Am 5. Januar 2022 und am 7. März 2021, gestern, vor 3 Jahren, im Mai 2020. "),
        "run-on quotes": repeated("„Heute kommen wir“, sagte er am 3. März 2022 „und morgen“, "),
    }
    if not DEFAULT_CORPUS.is_file():
        del found["10kgnad"]
    return found


def to_bytes(text: str, size: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits ``size`` bytes."""
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def cpu_per_char(text: str) -> float:
    """Best CPU microseconds per character over enough repeats to extract WORK_PER_SIZE characters."""
    from events.pipeline import extract

    best = float("inf")
    for _ in range(max(1, WORK_PER_SIZE // len(text))):
        started = time.process_time()
        extract(text, doc_id="scaling", lang="de", published=PUBLISHED)
        best = min(best, time.process_time() - started)
    return best / len(text) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,500000,2000000", help="UTF-8 bytes, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    from events.pipeline import extract

    extract(prose(2_000, random.Random(0)), doc_id="warm", lang="de", published=PUBLISHED)  # load rules
    print(f"command: python -m benchmarks.scaling {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"{'shape':<16}" + "".join(f"{f'{s / 1000:g} KB':>11}" for s in sizes) + "   (CPU µs per character)")
    totals = {size: [0.0, 0] for size in sizes}  # CPU seconds, characters
    for name, make in shapes().items():
        row = []
        for size in sizes:
            text = to_bytes(make(size, random.Random(args.seed)), size)
            per_char = cpu_per_char(text)
            row.append(per_char)
            totals[size][0] += per_char * len(text) / 1e6
            totals[size][1] += len(text)
        print(f"{name:<16}" + "".join(f"{v:11.2f}" for v in row) + f"   {row[-1] / row[0]:.2f}x", flush=True)
    overall = [seconds / chars * 1e6 for seconds, chars in totals.values()]
    print(f"{'all shapes':<16}" + "".join(f"{v:11.2f}" for v in overall) + f"   {overall[-1] / overall[0]:.2f}x")
    ratio = overall[-1] / overall[0]
    print(f"scaling: time per character at {sizes[-1] / 1000:g} KB is {ratio:.2f}x that at {sizes[0] / 1000:g} KB "
          f"(target <= {TARGET_RATIO}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
