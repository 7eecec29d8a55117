"""The local dashboard: a FastAPI app thin over the library.

>>> app = create_app()                                   # doctest: +SKIP
>>> status, body = run_request(app, "/api/crises")       # doctest: +SKIP

``fairweather serve`` runs it with uvicorn on 127.0.0.1; ``fairweather serve
--get /api/...`` sends one request through :func:`run_request` without a
server, as Datasette's ``--get`` does.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI

from fairweather.web import api, pages
from fairweather.web.errors import MAX_BODY_BYTES, BodyLimitMiddleware, install_error_handlers

__all__ = ["create_app", "create_worker_app", "warm", "run_request", "SECURITY_HEADERS", "SERVE_CONFIG_ENV"]

#: How ``fairweather serve --workers N`` tells each worker process what to serve (JSON: pack, events, hosts).
SERVE_CONFIG_ENV = "FAIRWEATHER_SERVE_CONFIG"

#: Sent with every response: everything comes from this origin; nothing is framed.
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class _SecurityHeaders:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS.items():
                    if k.lower().encode() not in names:
                        headers.append((k.lower().encode(), v.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Host names the dashboard answers to by default: this machine's loopback names. "testserver" is the name
#: Starlette's TestClient sends; it resolves nowhere, so accepting it opens nothing.
LOCAL_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "testserver")


class _TrustedHosts:
    """Refuse requests whose Host header names another machine (DNS rebinding), with the JSON error shape."""

    def __init__(self, app: Any, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    @staticmethod
    def _name(host: str) -> str:
        host = host.strip().lower()
        if host.startswith("["):  # [::1]:8000
            return host[1:host.find("]")] if "]" in host else host
        return host.rsplit(":", 1)[0] if host.count(":") == 1 else host

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        if self._name(host) not in self.hosts:
            from fastapi.responses import JSONResponse

            body = {"error": {"type": "InvalidHost", "field": "host",
                              "message": f"This dashboard answers to {', '.join(sorted(self.hosts))}; the request named "
                                         f"{host!r}. Open it at http://127.0.0.1:PORT/ (or start it with --host NAME)."}}
            await JSONResponse(body, status_code=400)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(store: Any = None, max_body_bytes: int = MAX_BODY_BYTES, events: Any = None,
               allowed_hosts: tuple[str, ...] = LOCAL_HOSTS, forecast_store: Any = None) -> FastAPI:
    """The dashboard as a FastAPI app.

    Parameters
    ----------
    store
        The :class:`fairweather.store.Store` to read; default: the embedded pack,
        opened in memory on the first request.
    max_body_bytes
        Largest request body accepted; larger ones get 413.
    events
        Event data for the say–do page (e.g. :func:`fairweather.sources.eventfiles.read_events`);
        without it the page is hidden and ``/api/saydo`` answers 404.
    allowed_hosts
        Host names (without port) the app answers to; any other Host header gets 400, so a web page
        elsewhere cannot reach the dashboard by rebinding its own name to 127.0.0.1.
    forecast_store
        The store forecasts read, when it is not ``store`` (``fairweather serve --db FILE`` shows the
        file's data and forecasts from the embedded pack with the history layer, as ``fairweather
        forecast --db FILE`` does); default: ``store`` when given, else the shipped model's store.

    Returns
    -------
    FastAPI
        Pages at ``/``, ``/cohesion``, ``/network``, ``/data``; the JSON API under
        ``/api`` with its OpenAPI schema at ``/api/openapi.json``. The
        interactive docs are off: they would load scripts from a CDN.
    """
    from fairweather import __version__

    app = FastAPI(
        title="fairweather dashboard",
        version=__version__,
        description="Will they come when called? Forecasts of crisis support, bloc cohesion and the data behind them. "
                    "Read-only; every error is JSON of the form {\"error\": {\"type\", \"message\", \"field\"}}.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.fairweather = api.AppContext(store, events, forecast_store)
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(_SecurityHeaders)
    app.add_middleware(_TrustedHosts, hosts=tuple(allowed_hosts))
    return app


def create_worker_app() -> FastAPI:
    """The app of one worker process of ``fairweather serve --workers N`` (uvicorn calls it in each).

    Reads what to serve from :data:`SERVE_CONFIG_ENV` (the pack folder, the event files, the allowed
    hosts) and opens its stores and the model before answering, so that no worker's first request
    waits for them: every worker is as warm as the first.
    """
    import json
    import os

    cfg = json.loads(os.environ.get(SERVE_CONFIG_ENV) or "{}")
    store = None
    if cfg.get("pack"):
        from fairweather.store import Store

        store = Store.open(cfg["pack"])
    events = None
    if cfg.get("events"):
        from fairweather.sources.eventfiles import read_events

        events = read_events(cfg["events"])
    app = create_app(store, events=events, allowed_hosts=tuple(cfg.get("allowed_hosts") or LOCAL_HOSTS))
    return warm(app)


def warm(app: FastAPI) -> FastAPI:
    """Open ``app``'s stores and the model now, not on the first request, then freeze what they hold for the
    garbage collector.

    WHY freeze: the stores' snapshots and the model are a quarter of a million objects that live as long as
    the process. Every full collection walked them all, 0.2 s with the interpreter lock held, and a
    forecast answer allocates enough to trigger collections while twenty clients wait; ``gc.freeze()`` leaves
    them out of every later collection (they are still freed at exit), and changes no result.
    """
    import gc

    from fairweather.forecast import load_model

    load_model()
    ctx = app.state.fairweather
    _ = ctx.store, ctx.forecast_store
    gc.collect()
    gc.freeze()
    return app


def run_request(app: Any, path: str, method: str = "GET", body: bytes = b"",
                headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    """Send one request through an ASGI ``app`` in this process, without a server.

    Returns
    -------
    tuple
        The status code, the response body and the response headers.
    """
    parts = urlsplit(path)
    given = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    hdrs = ([] if any(k == b"host" for k, _ in given) else [(b"host", b"localhost")]) + given
    if body:
        hdrs.append((b"content-length", str(len(body)).encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method.upper(),
        "scheme": "http", "path": parts.path or "/", "raw_path": (parts.path or "/").encode(),
        "query_string": parts.query.encode(), "root_path": "", "headers": hdrs,
        "client": ("127.0.0.1", 0), "server": ("localhost", 80),
    }
    status = 500
    chunks: list[bytes] = []
    out_headers: dict[str, str] = {}
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            out_headers.update({k.decode(): v.decode() for k, v in message.get("headers", [])})
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    started = False

    async def send_tracked(message: dict[str, Any]) -> None:
        nonlocal started
        started = started or message["type"] == "http.response.start"
        await send(message)

    try:
        asyncio.run(app(scope, receive, send_tracked))
    except Exception:
        # Starlette re-raises an unhandled error after its 500 response has gone out; the response is what counts.
        if not started:
            raise
    return status, b"".join(chunks), out_headers
