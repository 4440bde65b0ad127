"""Serve the dashboard to a team: a production WSGI server instead of Flask's development server.

The app (and with it the data) is built once, before the server starts its workers, and is only
read afterwards, so every request of every user sees the same frozen Dataset.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from dash import Dash
from flask import Response, request

from dashboard import ids
from dashboard.app import create_app

DEFAULT_THREADS = 4
CACHE_BYTES = 64 * 2**20
UPDATE_ROUTE = "/_dash-update-component"


def default_workers() -> int:
    """One worker process per CPU this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def serve(data: pd.DataFrame | Path | str, *, host: str = "127.0.0.1", port: int = 8050,
          workers: int | None = None, threads: int = DEFAULT_THREADS, backend: str = "gunicorn",
          ready: Callable[[str], None] | None = None) -> None:
    """Serve `data` (records DataFrame, file or folder) until interrupted."""
    workers = default_workers() if workers is None else workers
    if workers < 1 or threads < 1:
        raise ValueError(f"workers and threads must be at least 1 (got workers={workers}, threads={threads})")
    app = create_app(data)
    cache_views_responses(app)
    if backend == "waitress":
        _run_waitress(app, host=host, port=port, threads=threads, ready=ready)
    else:
        _run_gunicorn(app, host=host, port=port, workers=workers, threads=threads, ready=ready)


def cache_views_responses(app: Dash, *, max_bytes: int = CACHE_BYTES) -> None:
    """Answer a repeated filter request from the bytes of the first answer.

    The views callback is a pure function of its request body over read-only data, so the
    body (filter state and which control changed) is a complete key.
    """
    cache = _ByteCache(max_bytes)
    marker = f"..{ids.TIMELINE}.figure...".encode()

    def key() -> str | None:
        if request.path != UPDATE_ROUTE or request.method != "POST":
            return None
        body = request.get_data(cache=True)
        return hashlib.blake2b(body, digest_size=16).hexdigest() if marker in body[:200] else None

    @app.server.before_request
    def answer_from_cache():
        wanted = key()
        found = cache.get(wanted) if wanted else None
        return Response(found, mimetype="application/json") if found is not None else None

    @app.server.after_request
    def remember(response: Response) -> Response:
        wanted = key()
        if wanted and response.status_code == 200 and not response.direct_passthrough:
            cache.put(wanted, response.get_data())
        return response


class _ByteCache:
    """A thread-safe LRU of byte strings bounded by their total size."""

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


def _run_waitress(app: Dash, *, host: str, port: int, threads: int, ready: Callable[[str], None] | None) -> None:
    from waitress import create_server

    server = create_server(app.server, host=host, port=port, threads=threads)
    if ready:
        ready(f"http://{host}:{server.effective_port}/")
    try:
        server.run()
    finally:
        server.close()


def _run_gunicorn(app: Dash, *, host: str, port: int, workers: int, threads: int,
                  ready: Callable[[str], None] | None) -> None:
    from gunicorn.app.base import BaseApplication

    def when_ready(arbiter) -> None:
        if ready:
            bound_host, bound_port = arbiter.LISTENERS[0].sock.getsockname()[:2]
            ready(f"http://{bound_host}:{bound_port}/")

    class _Gunicorn(BaseApplication):
        def load_config(self) -> None:
            for name, value in dict(bind=f"{host}:{port}", workers=workers, threads=threads,
                                    worker_class="gthread" if threads > 1 else "sync",
                                    when_ready=when_ready, accesslog=None, loglevel="warning").items():
                self.cfg.set(name, value)

        def load(self):
            return app.server

    _Gunicorn().run()
