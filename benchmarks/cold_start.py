"""Start-up cost: a cold one-document `dala extract` against `python -c pass`, and `dala serve` readiness.

    python -m benchmarks.cold_start [--repeat 5]

Each measurement is a new process (the operating system's file cache is warm, as it is for a user
running the command twice). Medians of ``--repeat`` runs, all in the same run, because only the ratio
is comparable across shared, noisy machines; the target is extract <= 10x python and serve answering
HTTP 200 within 3 s of start. Only the product and the standard library are used.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SENTENCE = "Russland hat am 6. Januar 2022 Soldaten nach Almaty entsandt.\n"
SERVE_TIMEOUT_S = 60.0
POLL_S = 0.02


def seconds_to_run(argv: list[str]) -> float:
    """Wall time of one process, from spawn to exit; a failing command is an error, not a time."""
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seconds_to_serve() -> float:
    """From spawning `dala serve` on a free port to its first HTTP 200 for '/'."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "dala.cli", "serve", "--port", str(port)], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while time.perf_counter() - started < SERVE_TIMEOUT_S:
            if server.poll() is not None:
                raise RuntimeError(f"dala serve exited with {server.returncode}: {server.stderr.read().strip()}")
            try:
                with urllib.request.urlopen(url, timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(POLL_S)
        raise RuntimeError(f"dala serve did not answer {url} within {SERVE_TIMEOUT_S:.0f} s")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median reported)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, got {args.repeat}")
    print(f"command: python -m benchmarks.cold_start {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    with tempfile.TemporaryDirectory(prefix="dala-cold-") as folder:
        document = Path(folder) / "one.txt"
        document.write_text(SENTENCE, encoding="utf-8")
        extract = [sys.executable, "-m", "dala.cli", "extract", str(document), "--dct", "2022-01-07",
                   "-o", str(Path(folder) / "out.jsonl")]
        python, extracts, serves = [], [], []
        for run in range(1, args.repeat + 1):  # interleaved, so a burst of load hits all three alike
            python.append(seconds_to_run([sys.executable, "-c", "pass"]))
            extracts.append(seconds_to_run(extract))
            serves.append(seconds_to_serve())
            print(f"run {run}: python={python[-1] * 1000:.0f}ms extract={extracts[-1] * 1000:.0f}ms "
                  f"serve_ready={serves[-1] * 1000:.0f}ms")
    python_ms, extract_ms, serve_ms = (statistics.median(values) * 1000 for values in (python, extracts, serves))
    print(f"cold_start: python={python_ms:.0f}ms extract={extract_ms:.0f}ms ratio={extract_ms / python_ms:.1f}x "
          f"serve_ready={serve_ms:.0f}ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
