"""Score Dala's temporal tagger on WikiWarsDE and measure its speed on German news.

Usage: python3 benchmarks/wikiwars_eval.py [--corpora DIR] [--keep DIR]

Converts DIR/wikiwarsde-dev with DIR/tools/wikiwars_to_txt.py into a temporary folder, tags every
document (lang de, dct from dct.csv), writes predictions as JSON lines, runs DIR/tools/score_timex.py
on them and prints its summary line, then characters/s of the tagger on WikiWarsDE and on
DIR/10kgnad/test.csv (German news; format `label;'text'` per line). Speed is CPU time of this
process (time.process_time), which other jobs on a shared machine do not distort; wall-clock
figures are printed alongside.
Reference (HeidelTime, narratives mode): lenient F1 0.936, strict F1 0.874, value accuracy 0.854.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from events.timex import tag, timex_record  # noqa: E402

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def tag_wikiwars(txt_dir: Path, out_path: Path) -> tuple[int, float, float]:
    """Tag every converted document; return (characters, CPU seconds, wall seconds in the tagger)."""
    chars, seconds, wall = 0, 0.0, 0.0
    with (txt_dir / "dct.csv").open() as handle, out_path.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(handle):
            text = (txt_dir / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
            began, began_wall = time.process_time(), time.perf_counter()
            found = tag(text, lang="de", dct=date.fromisoformat(row["dct"]))
            seconds += time.process_time() - began
            wall += time.perf_counter() - began_wall
            chars += len(text)
            for t in found:
                out.write(json.dumps(timex_record(row["doc_id"], t), ensure_ascii=False) + "\n")
    return chars, seconds, wall


def news_speed(csv_path: Path) -> tuple[int, float, float]:
    """Characters and seconds for tagging every 10kGNAD article (dct fixed: they carry none)."""
    texts = [line.split(";", 1)[1].strip().strip("'") for line in csv_path.read_text(encoding="utf-8").splitlines()
             if ";" in line]
    began, began_wall = time.process_time(), time.perf_counter()
    for text in texts:
        tag(text, lang="de", dct=date(2016, 1, 1))
    return sum(map(len, texts)), time.process_time() - began, time.perf_counter() - began_wall


def speed_line(name: str, chars: int, seconds: float, wall: float) -> str:
    return (f"{name}: {chars} chars, {chars / seconds:,.0f} chars/s CPU ({seconds:.3f}s); "
            f"wall {chars / wall:,.0f} chars/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--keep", type=Path, help="write converted texts and predictions here")
    args = parser.parse_args()
    wikiwars, tools = args.corpora / "wikiwarsde-dev", args.corpora / "tools"
    if not wikiwars.is_dir():
        sys.exit(f"no WikiWarsDE at {wikiwars}")
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        subprocess.run([sys.executable, str(tools / "wikiwars_to_txt.py"), str(wikiwars / "in"), str(work)],
                       check=True, stdout=subprocess.DEVNULL)
        predictions = work / "predictions.jsonl"
        tag("", lang="de", dct=None)   # build the grammar outside the timing
        timing = tag_wikiwars(work, predictions)
        scored = subprocess.run([sys.executable, str(tools / "score_timex.py"), str(wikiwars / "keyinline"),
                                 str(predictions)], check=True, capture_output=True, text=True)
    print(scored.stdout.strip().splitlines()[-1])
    print(speed_line("wikiwars", *timing))
    news = args.corpora / "10kgnad" / "test.csv"
    if news.is_file():
        print(speed_line("10kgnad", *news_speed(news)))


if __name__ == "__main__":
    main()
