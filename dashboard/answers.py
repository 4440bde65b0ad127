"""Keep the bytes of recent views answers, so a filter change whose views are already built is a
lookup: building the figures and serialising them is most of the work of a filter change.

The key is not the request but what the answer depends on (`views.views_key`): on a few hundred
events many different filter states select the same events, and they share one answer.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from flask import Flask, Response, g, request

CACHE_BYTES = 64 * 2**20  # per process: about 50 answers of the largest view at 100k events (1.3 MB each)
SHARED_CACHE_BYTES = 256 * 2**20  # what each worker may add to the answers all workers share (temp files)
UPDATE_ROUTE = "/_dash-update-component"


class ResponseCache:
    """A thread-safe LRU of byte strings bounded by their total size (a bigger one is not kept)."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
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

    def __init__(self, directory: Path, max_bytes: int = CACHE_BYTES, shared_bytes: int = SHARED_CACHE_BYTES) -> None:
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


def cache_answers(server: Flask, cache: ResponseCache, key_of: Callable[[dict], str | None]) -> None:
    """Answer a Dash callback request from `cache` when `key_of(request JSON)` names a kept answer,
    and keep each new 200 answer under its key. `key_of` returns None for requests not to cache
    (other callbacks); it must give one key only to requests whose answers are equal.
    """

    def key() -> str | None:
        if "answer_key" not in g:
            g.answer_key = None
            if request.method == "POST" and request.path == UPDATE_ROUTE:
                body = request.get_json(silent=True, cache=True)
                try:
                    g.answer_key = key_of(body) if isinstance(body, dict) else None
                except (LookupError, TypeError, ValueError, AttributeError):  # a malformed request: Dash answers it
                    g.answer_key = None
        return g.answer_key

    @server.before_request
    def answer_from_cache() -> Response | None:
        found = cache.get(key()) if key() else None
        return None if found is None else Response(found, mimetype="application/json")

    @server.after_request
    def remember(response: Response) -> Response:
        if key() and response.status_code == 200 and not response.direct_passthrough:
            cache.put(key(), response.get_data())
        return response
