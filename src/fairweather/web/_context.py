"""The dashboard's shared state: the stores, a cursor per thread, and the cache of computed answers."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import Response

__all__ = ["AppContext", "Ctx", "context", "encode_json"]

T = TypeVar("T")


def encode_json(value: Any) -> bytes:
    """``value`` as the JSON bytes FastAPI sends for a ``dict[str, Any]`` or ``list`` answer (pydantic's encoder).

    WHY here: FastAPI serializes a returned dict on the event loop's thread, where it held up every other
    request of the process (a forecast answer is half a megabyte of JSON); a handler that returns these bytes
    serializes in its own worker thread, and the cache keeps the bytes, so a repeated answer costs nothing.
    """
    from pydantic import TypeAdapter

    return TypeAdapter(Any).dump_json(value)


def json_response(body: bytes) -> Response:
    return Response(content=body, media_type="application/json")




class _CursorPerThread:
    """A DuckDB connection that each thread uses through a cursor of its own.

    WHY: a DuckDB connection must not be used by two threads at once, and the
    app used to hold one lock around every request for that reason, so a slow
    cohesion request stalled ``/api/meta``. A cursor (``con.cursor()``) is a
    second connection to the same database: with one per thread, requests read
    the store side by side. The app never writes, so the cursors see the same rows.
    """

    def __init__(self, con: Any) -> None:
        self._con = con
        self._local = threading.local()

    def _cursor(self) -> Any:
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._local.cursor = self._con.cursor()
        return cur

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor(), name)


def _shared(store: Any) -> Any:
    """``store`` with its connection shared across threads by cursors (once; a store without ``con`` unchanged)."""
    con = getattr(store, "con", None)
    if con is not None and not isinstance(con, _CursorPerThread):
        store.con = _CursorPerThread(con)
    return store


class AppContext:
    """The stores behind the app, read by several requests at once, and a cache of results.

    No request waits for another's work: the cache and the table of results
    under way are guarded by a short lock, the work itself runs outside it
    (two requests for the same result wait for one computation of it), and the
    stores reach DuckDB through a cursor per thread (:class:`_CursorPerThread`).
    """

    def __init__(self, store: Any = None, events: Any = None, forecast_store: Any = None) -> None:
        self._store = _shared(store) if store is not None else None
        #: WHY a flag, not ``self._store is not None``: ``store`` fills ``_store`` with the bare pack on first use
        #: (e.g. by ``/api/meta``), and forecasts then read that store instead of the model's, so the dashboard's
        #: numbers differed from ``fairweather forecast``'s for the same case.
        self._store_given = store is not None
        self._forecast_store: Any = _shared(forecast_store) if forecast_store is not None else None
        #: Event data given by whoever started the app (``fairweather serve --events``), never by a request.
        self.events = events
        self._lock = threading.Lock()  # guards the cache and the table of work under way, never the work
        self._open_lock = threading.Lock()  # one thread opens a store; the others wait for that one store
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._running: dict[tuple[Any, ...], threading.Event] = {}

    @property
    def saydo_ready(self) -> bool:
        """True when the app was started with event data."""
        return self.events is not None

    @property
    def store(self) -> Any:
        if self._store is None:
            with self._open_lock:
                if self._store is None:
                    from fairweather.store import Store

                    self._store = _shared(Store.open())
        return self._store

    @property
    def forecast_store(self) -> Any:
        """The store forecasts read: the one given for forecasts, else the given store, else the shipped
        model's (the pack plus, for the history model, the history layer its features need), whatever other
        views have opened before."""
        if self._forecast_store is not None:
            return self._forecast_store
        if self._store_given:
            return self.store
        if self._forecast_store is None:
            with self._open_lock:
                if self._forecast_store is None:
                    from fairweather.forecast._scenario import default_store

                    self._forecast_store = _shared(default_store())
        return self._forecast_store

    def cached(self, key: tuple[Any, ...]) -> Any:
        """The cached result under ``key``, or None."""
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        return None

    def run(self, key: tuple[Any, ...] | None, fn: Callable[[], T], size: int = 64) -> T:
        """Run ``fn`` (outside any lock), caching its result under ``key`` (results are immutable).

        A request for a result that another request is computing waits for that
        one computation instead of repeating it; an error is not cached.
        """
        if key is None:
            return fn()
        while True:
            with self._lock:
                if key in self._cache:
                    self._cache.move_to_end(key)
                    return self._cache[key]
                running = self._running.get(key)
                if running is None:
                    running = self._running[key] = threading.Event()
                    break
            running.wait()  # then read its result from the cache (or, if it failed, compute it here)
        try:
            value = fn()
            with self._lock:
                self._cache[key] = value
                while len(self._cache) > size:
                    self._cache.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._running[key]
            running.set()


    async def answer(self, key: tuple[Any, ...], fn: Callable[[], Any]) -> Response:
        """The JSON response of ``fn()`` (cached as bytes under ``("json", *key)``), computed in a worker thread.

        A cached answer is sent from the event loop without a thread: a cheap request (``/api/meta``) needs no
        thread, so it never waits for one while slow requests hold them.
        """
        import anyio.to_thread

        full = ("json", *key)
        body = self.cached(full)
        if body is None:
            body = await anyio.to_thread.run_sync(lambda: self.run(full, lambda: encode_json(fn())))
        return json_response(body)

    async def value(self, key: tuple[Any, ...], fn: Callable[[], T]) -> T:
        """``fn()`` cached under ``key``, computed in a worker thread (e.g. a default that reads the store)."""
        import anyio.to_thread

        hit = self.cached(key)
        if hit is not None:
            return hit
        return await anyio.to_thread.run_sync(lambda: self.run(key, fn))


async def context(request: Request) -> AppContext:
    # WHY async: a plain function dependency runs in a worker thread, one more wait for a thread and for the
    # interpreter lock on every request; this one only reads an attribute.
    return request.app.state.fairweather


Ctx = Annotated[AppContext, Depends(context)]
