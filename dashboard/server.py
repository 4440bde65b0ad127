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

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from dash import Dash

from dashboard.answers import SharedResponseCache
from dashboard.app import create_app

DEFAULT_THREADS = 1  # threads per worker: more add no throughput to GIL-bound figure building
WORKER_TIMEOUT_S = 300  # gunicorn restarts a worker silent this long; an image export of 1M events takes a while


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
    with tempfile.TemporaryDirectory(prefix="dala-answers-") as shared:  # removed when gunicorn stops
        app = create_app(data, answers=SharedResponseCache(Path(shared)))
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
