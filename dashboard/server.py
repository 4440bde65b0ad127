"""Serve the dashboard to a team: waitress instead of Flask's development server.

The app (and with it the data) is built once and then only read, so every request of every user
sees the same frozen Dataset; per-user state stays in the browser (URL and dcc.Store).

Why waitress, one process with threads (benchmarks/load.py, BENCHMARKS.md "Serving a team"): on
this 2-core machine gunicorn with 2 worker processes was no faster, because each process keeps
its own caches, so a team's repeated filter states were computed twice as often; waitress is pure
Python and runs wherever Dala does. Most of a request is building plotly figures under the GIL, so
more threads do not add throughput; four let a cached answer overtake a slow one.
"""
from __future__ import annotations

import hashlib
import json
import signal
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from dash import Dash
from flask import Response, g, request

from dashboard import ids
from dashboard.app import create_app

DEFAULT_THREADS = 4  # waitress's own default
CACHE_BYTES = 64 * 2**20  # about 50 answers of the largest view at 100k events (1.3 MB each)
UPDATE_ROUTE = "/_dash-update-component"


def serve(data: pd.DataFrame | Path | str, *, host: str = "127.0.0.1", port: int = 8050,
          threads: int = DEFAULT_THREADS, ready: Callable[[str], None] | None = None) -> None:
    """Serve `data` (records DataFrame, file or folder) until interrupted.

    `port` 0 picks a free port; `ready(url)` is called once the socket listens. Raises ValueError
    (bad `threads`, or a path that is missing or not Dala records) before anything listens.
    """
    from waitress import create_server

    if threads < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    app = create_app(data)
    cache_views_responses(app)
    server = create_server(app.server, host=host, port=port, threads=threads)
    if ready:
        ready(f"http://{host}:{server.effective_port}/")
    with _stop_on_sigterm():
        try:
            server.run()
        finally:
            server.close()


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM (a service manager's stop) ends serve() normally, as Ctrl+C's KeyboardInterrupt does;
    only the main thread may set signal handlers, elsewhere the caller's own stay in force."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cache_views_responses(app: Dash, *, max_bytes: int = CACHE_BYTES) -> None:
    """Answer a repeated views request (timeline, map, table, count) with the bytes of the first
    answer: building the figures and serialising them is most of the work of a filter change.

    The views callback is a pure function of its request body (the filter state and which control
    changed) over read-only data, so the body is a complete key. Other callbacks pass through.
    """
    cache = ResponseCache(max_bytes)
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
