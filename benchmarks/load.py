"""How `dala serve` copes with a team: N users changing filters at once, against one user.

The benchmark starts the server itself in a subprocess on a free loopback port and stops it at
the end. It reads the request shape from the running app, as the browser does: the views
callback (the one whose outputs include timeline.figure) from /_dash-dependencies, and the
choices a user has (actors and types busiest first, the date span, sentence words) from
/_dash-layout. Each client then walks through `--changes` filter changes, one control at a time
as a user would (pick an actor or a type, set a year or a month, type a word, switch the lanes,
reset), drawn from a fixed seed; each change is the POST to /_dash-update-component that the
browser sends, timed from sending to the last byte. Clients send back to back, without pause,
so this is a worst case of a busy team.

Two phases, each on a freshly started server (so neither inherits the other's caches):
  1. `--clients` clients at once, started together;
  2. one client, walking the same changes as client 0 of phase 1.
An error is a non-200 answer, an answer without the views' outputs, or no answer within
`--timeout` seconds; the last line's errors count both phases, its percentiles are phase 1's.
The default data are the built-in records (what `dala serve` shows); `--data` takes any records
file, e.g. 100k events from `python -m benchmarks.synth_events 100000 -o FILE`. Last line:

    load: clients=N requests=R errors=E p50=..ms p95=..ms p99=..ms single_p95=..ms

    python -m benchmarks.load --clients 20 --changes 50 [--data FILE] [--server production|dev]
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

UPDATE_ROUTE = "/_dash-update-component"
VIEWS_OUTPUT = "timeline.figure"
CONTROLS = {"start": "date-range.start_date", "end": "date-range.end_date", "actors": "actor-filter.value",
            "types": "type-filter.value", "docs": "doc-filter.value", "text": "text-filter.value",
            "lanes": "timeline-lanes.value"}
CLEARED = {"start": None, "end": None, "actors": [], "types": [], "docs": [], "text": "", "lanes": "actor"}
# How often a user makes each kind of change (a filter narrows, reset starts over).
CHANGE_WEIGHTS = {"actor": 30, "type": 20, "dates": 20, "text": 10, "lanes": 5, "reset": 15}
STARTUP_S = 180.0
SERVER_CODE = {
    "production": ("from dashboard.server import serve; "
                   "serve({data!r}, host='127.0.0.1', port={port}, workers={workers}, threads={threads})"),
    "dev": ("from dashboard.app import create_app; "
            "create_app({data!r}).run(host='127.0.0.1', port={port}, debug=False)"),
}
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "dashboard" / "builtin" / "records.jsonl"


@dataclass(frozen=True)
class Choices:
    """What a user can pick, read from the served page."""

    actors: list[str]
    types: list[str]
    years: tuple[int, int]
    words: list[str]


@dataclass
class Phase:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, ms: float, ok: bool) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            self.errors += not ok


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (0 < share <= 1); nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(args: argparse.Namespace) -> Iterator[int]:
    """The chosen server over --data in a subprocess; yields its port once it answers, stops it after."""
    port = free_port()
    code = SERVER_CODE[args.server].format(data=str(args.data), port=port, workers=args.workers, threads=args.threads)
    with tempfile.TemporaryFile("w+") as log:  # a file, not a pipe: a full pipe would stall a logging server
        process = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                                   stdout=subprocess.DEVNULL, stderr=log, text=True)
        try:
            _wait_until_up(process, port, log)
            yield port
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_until_up(process: subprocess.Popen, port: int, log: IO[str]) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"server exited with code {process.returncode}: {log.read()[-2000:]}")
        try:
            status, _ = get(port, "/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not answer on port {port} within {STARTUP_S:.0f} s")


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def views_callback(port: int) -> dict:
    """The views callback's dependency entry from /_dash-dependencies."""
    _, body = get(port, "/_dash-dependencies")
    found = [dep for dep in json.loads(body) if VIEWS_OUTPUT in dep["output"]]
    if len(found) != 1:
        raise RuntimeError(f"expected one callback with output {VIEWS_OUTPUT}, found {len(found)}")
    return found[0]


def read_choices(port: int) -> Choices:
    """Options and the date span from the served layout (options come busiest first)."""
    _, body = get(port, "/_dash-layout")
    props = {node["props"]["id"]: node["props"] for node in _components(json.loads(body))
             if isinstance(node["props"].get("id"), str)}
    words = sorted({word.strip(".,;:!?„“\"'()").lower() for row in props["event-table"].get("rowData") or []
                    for word in (row.get("sentence") or "").split() if len(word) >= 6} - {""})
    return Choices(actors=[option["value"] for option in props["actor-filter"]["options"]],
                   types=[option["value"] for option in props["type-filter"]["options"]],
                   years=(int(props["date-range"]["min_date_allowed"][:4]), int(props["date-range"]["max_date_allowed"][:4])),
                   words=words)


def _components(node: object) -> Iterator[dict]:
    if isinstance(node, list):
        for child in node:
            yield from _components(child)
    elif isinstance(node, dict) and "props" in node:
        yield node
        yield from _components(node["props"].get("children"))


def walk(choices: Choices, changes: int, rng: random.Random) -> Iterator[tuple[dict, list[str]]]:
    """(control values, changed control keys) after each of `changes` user changes."""
    state = dict(CLEARED)
    kinds, weights = zip(*CHANGE_WEIGHTS.items())
    for _ in range(changes):
        before = dict(state)
        kind = rng.choices(kinds, weights)[0]
        if kind == "actor" and choices.actors:
            state["actors"] = [_popular(choices.actors, rng)]
        elif kind == "type" and choices.types:
            state["types"] = [_popular(choices.types, rng)]
        elif kind == "dates":
            year = rng.randint(*choices.years)
            month = rng.choice([None, rng.randint(1, 12)])
            state["start"], state["end"] = ((f"{year}-01-01", f"{year}-12-31") if month is None else
                                            (f"{year}-{month:02d}-01", f"{year}-{month:02d}-28"))
        elif kind == "text" and choices.words:
            state["text"] = rng.choice(choices.words)
        elif kind == "lanes":
            state["lanes"] = "event_type" if state["lanes"] == "actor" else "actor"
        else:
            state = dict(CLEARED)
        changed = [key for key in state if state[key] != before[key]] or ["actors"]
        yield dict(state), changed


def _popular(options: list[str], rng: random.Random) -> str:
    """An option by popularity: rank r is picked with weight 1/(r+1)."""
    return rng.choices(options, [1 / (rank + 1) for rank in range(len(options))])[0]


def request_body(callback: dict, state: dict, changed: list[str]) -> bytes:
    """The JSON the Dash renderer posts for the views callback in this state."""
    values = {CONTROLS[key]: value for key, value in state.items()}
    outputs = [dict(zip(("id", "property"), part.split("."))) for part in callback["output"].strip(".").split("...")]
    inputs = [{**item, "value": values.get(f"{item['id']}.{item['property']}")} for item in callback["inputs"]]
    return json.dumps({"output": callback["output"], "outputs": outputs, "inputs": inputs,
                       "changedPropIds": [CONTROLS[key] for key in changed], "state": []}).encode()


def run_client(port: int, bodies: list[bytes], phase: Phase, timeout: float, start: threading.Barrier) -> None:
    """POST each body in turn over one keep-alive connection, as a browser tab does."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    start.wait()
    for body in bodies:
        began = time.perf_counter()
        try:
            connection.request("POST", UPDATE_ROUTE, body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            ok = response.status == 200 and VIEWS_OUTPUT.split(".")[0] in json.loads(payload).get("response", {})
        except (OSError, http.client.HTTPException, ValueError):
            ok = False
            connection.close()
        phase.record((time.perf_counter() - began) * 1000, ok)
    connection.close()


def run_phase(args: argparse.Namespace, clients: int) -> Phase:
    """Start a fresh server, then `clients` clients at once; client c walks with seed (seed, c)."""
    phase = Phase()
    with running_server(args) as port:
        callback, choices = views_callback(port), read_choices(port)
        start = threading.Barrier(clients)
        threads = []
        for client in range(clients):
            rng = random.Random(f"{args.seed}-{client}")
            bodies = [request_body(callback, state, changed) for state, changed in walk(choices, args.changes, rng)]
            threads.append(threading.Thread(target=run_client, args=(port, bodies, phase, args.timeout, start)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return phase


def summary(phase: Phase) -> str:
    values = phase.latencies_ms
    return (f"requests={len(values)} errors={phase.errors} p50={percentile(values, 0.50):.0f}ms "
            f"p95={percentile(values, 0.95):.0f}ms p99={percentile(values, 0.99):.0f}ms "
            f"max={max(values, default=math.nan):.0f}ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--changes", type=int, default=50, help="filter changes per client")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="records file (default: the built-in records)")
    parser.add_argument("--server", choices=tuple(SERVER_CODE), default="production",
                        help="dashboard.server.serve (gunicorn), or Flask's development server (the 'before' figure)")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: dashboard.server's)")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker (default: dashboard.server's)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a request counts as an error")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.changes < 1:
        parser.error("--clients and --changes must be at least 1")
    args.data = args.data.resolve()
    if args.threads is None:
        from dashboard.server import DEFAULT_THREADS
        args.threads = DEFAULT_THREADS

    print(f"data {args.data.name}, server {args.server} (workers={args.workers or 'default'}, threads={args.threads})")
    many = run_phase(args, args.clients)
    print(f"{args.clients} clients: {summary(many)}")
    single = run_phase(args, 1)
    print(f"1 client:   {summary(single)}")
    values = many.latencies_ms
    print(f"load: clients={args.clients} requests={len(values)} errors={many.errors + single.errors} "
          f"p50={percentile(values, 0.50):.0f}ms p95={percentile(values, 0.95):.0f}ms "
          f"p99={percentile(values, 0.99):.0f}ms single_p95={percentile(single.latencies_ms, 0.95):.0f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
