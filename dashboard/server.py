"""Serve the dashboard to a team: gunicorn worker processes instead of Flask's development server.

The app (and with it the data) is built once, before gunicorn forks its workers, so they share
one copy-on-write Dataset that no request writes to; per-user state stays in the browser (URL
and dcc.Store).

Why processes (benchmarks/load.py, BENCHMARKS.md "Serving a team"): building plotly figures is
most of a filter change and holds the GIL, so threads in one process (waitress, measured too)
use one core: 20 busy users got p95 1,222 ms there, against 561 ms with two gunicorn workers on
this 2-core machine. One worker per CPU is the default. gunicorn runs on POSIX systems only.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from dash import Dash
from flask import Response, g, request

from dashboard import ids
from dashboard.app import create_app

DEFAULT_THREADS = 1  # threads per worker: more add no throughput to GIL-bound figure building
WORKER_TIMEOUT_S = 300  # gunicorn restarts a worker silent this long; an image export of 1M events takes a while
CACHE_BYTES = 64 * 2**20  # per worker: about 50 answers of the largest view at 100k events (1.3 MB each)
SHARED_CACHE_BYTES = 256 * 2**20  # what each worker may add to the answers all workers share (temp files)
UPDATE_ROUTE = "/_dash-update-component"


def default_workers() -> int:
    """One worker process per CPU this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def serve(data: pd.DataFrame | Path | str, *, host: str = "127.0.0.1", port: int = 8050,
          workers: int | None = None, threads: int = DEFAULT_THREADS,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve `data` (records DataFrame, file or folder) until SIGINT or SIGTERM stops it.

    gunicorn's arbiter then stops the workers and raises SystemExit(0): no traceback, exit code 0.
    `workers` processes (default: default_workers()) of `threads` threads each; `port` 0 picks a
    free port; `ready(url)` is called once the socket listens. Raises ValueError (bad counts, or a
    path that is missing or not Dala records) before anything listens.
    """
    workers = default_workers() if workers is None else workers
    if workers < 1 or threads < 1:
        raise ValueError(f"workers and threads must be at least 1, not workers={workers} threads={threads}")
    app = create_app(data)
    with tempfile.TemporaryDirectory(prefix="dala-answers-") as shared:  # removed when gunicorn stops
        cache_views_responses(app, shared=Path(shared))
        _gunicorn(app, bind=f"{host}:{port}", workers=workers, threads=threads, ready=ready).run()


def _gunicorn(app: Dash, *, bind: str, workers: int, threads: int, ready: Callable[[str], None] | None):
    """A gunicorn application over an app that is already built, so workers inherit it at fork."""
    from gunicorn.app.base import BaseApplication

    def when_ready(arbiter) -> None:
        if ready:
            bound_host, bound_port = arbiter.LISTENERS[0].sock.getsockname()[:2]
            ready(f"http://{bound_host}:{bound_port}/")

    settings = dict(bind=bind, workers=workers, threads=threads, worker_class="gthread" if threads > 1 else "sync",
                    timeout=WORKER_TIMEOUT_S, when_ready=when_ready, loglevel="warning")

    class Application(BaseApplication):
        def load_config(self) -> None:
            for name, value in settings.items():
                self.cfg.set(name, value)

        def load(self):
            return app.server

    return Application()


def cache_views_responses(app: Dash, *, max_bytes: int = CACHE_BYTES, shared: Path | None = None) -> None:
    """Answer a repeated views request (timeline, map, table, count) with the bytes of the first
    answer: building the figures and serialising them is most of the work of a filter change.

    The views callback is a pure function of its request body (the filter state and which control
    changed) over read-only data, so the body is a complete key. Other callbacks pass through.
    With `shared` (a directory), answers are also kept there for every worker of the server: a
    worker's own cache holds only what it answered, so with two workers half the repeats missed.
    """
    cache = ResponseCache(max_bytes) if shared is None else SharedResponseCache(shared, max_bytes, SHARED_CACHE_BYTES)
    (views_output,) = [output for output in app.callback_map if f"..{ids.TIMELINE}.figure..." in output]

    def key() -> str | None:
        if "views_key" not in g:
            g.views_key = None
            if request.method == "POST" and request.path == UPDATE_ROUTE:
                body = request.get_data(cache=True)
                if json.loads(body).get("output") == views_output:
                    g.views_key = hashlib.blake2b(body, digest_size=16).hexdigest()
        return g.views_key

    @app.server.before_request
    def answer_from_cache() -> Response | None:
        found = cache.get(key()) if key() else None
        return None if found is None else Response(found, mimetype="application/json")

    @app.server.after_request
    def remember(response: Response) -> Response:
        if key() and response.status_code == 200 and not response.direct_passthrough:
            cache.put(key(), response.get_data())
        return response


class ResponseCache:
    """A thread-safe LRU of byte strings bounded by their total size (a bigger one is not kept)."""

    def __init__(self, max_bytes: int) -> None:
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._max = max_bytes
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        if len(value) > self._max:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._size += len(value) - (len(old) if old is not None else 0)
            self._items[key] = value
            while self._size > self._max:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)


class SharedResponseCache(ResponseCache):
    """A worker's LRU in front of a directory shared by the workers of one server: one file per
    key, written to a temporary name and renamed, so a reader sees a whole answer or none.

    Reading an answer file costs a fraction of a millisecond against tens for building it.
    Each worker adds at most `shared_bytes` to the directory, then stops adding (the server
    removes the directory when it stops), so the disk use stays bounded without locking.
    """

    def __init__(self, directory: Path, max_bytes: int, shared_bytes: int) -> None:
        super().__init__(max_bytes)
        self._directory = directory
        self._shared_left = shared_bytes

    def get(self, key: str) -> bytes | None:
        value = super().get(key)
        if value is None:
            try:
                value = (self._directory / key).read_bytes()
            except FileNotFoundError:
                return None
            super().put(key, value)
        return value

    def put(self, key: str, value: bytes) -> None:
        super().put(key, value)
        with self._lock:
            if len(value) > self._shared_left or (self._directory / key).exists():
                return
            self._shared_left -= len(value)
        partial = self._directory / f".{key}.{os.getpid()}.{threading.get_ident()}"
        partial.write_bytes(value)
        os.replace(partial, self._directory / key)
