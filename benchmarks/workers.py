"""`dala extract --workers N` against `--workers 1` on the 10kGNAD articles, in one run.

The articles are written as .txt files to a temporary folder (never into the repository), with a
manifest giving each a publication date and the language, and each run is the whole command in a
fresh process: start-up, reading, extraction on N processes, writing JSONL. Runs alternate between
the two settings (1, N, 1, N, ...) so that a change in machine load hits both alike. The records of
the two settings are compared sorted by id; they must be identical. Last line:

    workers: N=2 docs=D one=..s many=..s speedup=..x identical=yes

    python -m benchmarks.workers [--workers 2] [--runs 2] [--limit N] [--corpus FILE]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.throughput import DEFAULT_CORPUS, read_gnad

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = "2018-06-01"  # 10kGNAD gives no dates; one anchor for every article


def write_corpus(texts: list[str], folder: Path) -> None:
    with (folder / "manifest.csv").open("w", encoding="utf-8") as manifest:
        manifest.write("file,doc_id,language,published,author,title\n")
        for number, text in enumerate(texts):
            (folder / f"a{number:05}.txt").write_text(text, encoding="utf-8")
            manifest.write(f"a{number:05}.txt,a{number:05},de,{PUBLISHED},,\n")


def extract(folder: Path, output: Path, workers: int) -> float:
    """Seconds for one whole `dala extract` process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dala.cli", "extract", str(folder), "--manifest", str(folder / "manifest.csv"),
                    "--workers", str(workers), "-o", str(output)], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def sorted_lines(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2, help="runs of each setting, alternating")
    parser.add_argument("--limit", type=int, default=None, help="first N articles (default: all)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        parser.error(f"{args.corpus}: not found (the 10kGNAD test set from ../shared/corpora/10kgnad)")
    texts = read_gnad(args.corpus, args.limit)
    with tempfile.TemporaryDirectory(prefix="dala-workers-") as temp:
        folder, outputs = Path(temp) / "corpus", Path(temp)
        folder.mkdir()
        write_corpus(texts, folder)
        times: dict[int, list[float]] = {1: [], args.workers: []}
        for run in range(args.runs):
            for workers in times:
                seconds = extract(folder, outputs / f"w{workers}.jsonl", workers)
                times[workers].append(seconds)
                print(f"run {run + 1}, --workers {workers}: {seconds:.2f} s")
        identical = sorted_lines(outputs / "w1.jsonl") == sorted_lines(outputs / f"w{args.workers}.jsonl")
    one, many = statistics.median(times[1]), statistics.median(times[args.workers])
    print(f"workers: N={args.workers} docs={len(texts)} one={one:.2f}s many={many:.2f}s "
          f"speedup={one / many:.2f}x identical={'yes' if identical else 'NO'}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
