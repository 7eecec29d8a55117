"""``fairweather serve``: the local web dashboard (or one request through it with --get)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from rich.markup import escape

from fairweather.cli._common import DB_OPTION_HELP, PACK_OPTION_HELP, console, err_console, friendly_errors, open_store

__all__ = ["register", "serve"]


def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    get: Annotated[Optional[str], typer.Option("--get", help="Run one GET request through the app without a server "
                                               "and print the response, e.g. --get /api/crises.",
                                               show_default=False)] = None,
    events: Annotated[Optional[list[str]], typer.Option("--events", help="Event files (GDELT, ICEWS, PLOVER or "
                                                        "Parquet; repeatable), read once at start: adds the say-do "
                                                        "page.", show_default=False)] = None,
    pack: Annotated[Optional[Path], typer.Option("--pack", help=PACK_OPTION_HELP, show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help=DB_OPTION_HELP, show_default=False)] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=64, help="Worker processes, each with "
                                                   "its own in-memory store (Python answers one request at a time per "
                                                   "process). Default: 2, or 1 with --db (one process holds the file). "
                                                   "On 2 cores shared with other jobs, 20 clients got a median 26 "
                                                   "forecasts/s from 2 (up to 44 when the second core was free) against "
                                                   "20 from 1; each takes about 0.5 GB.",
                                         show_default=False)] = None,
) -> None:
    """Serve the dashboard: scenario builder, bloc cohesion, network map and data browser.

    Read-only, bound to 127.0.0.1 by default. The JSON API lives under /api
    (schema at /api/openapi.json); plotly.js is served from the installed
    package, so it works without internet.

    Examples:

      fairweather serve --port 8000

      fairweather serve --workers 1

      fairweather serve --get "/api/forecast?target=IRN&attackers=ISR,USA&date=2025-06-13"
    """
    if workers is None:
        workers = default_workers(db)
    if workers > 1 and db is not None:
        err_console.print("[bold red]Error:[/] --workers opens one in-memory store per worker process; a --db file "
                          "cannot be shared between them. Drop --db, or serve it with --workers 1.", highlight=False)
        raise typer.Exit(2)
    allowed_hosts = tuple(dict.fromkeys((*_local_hosts(), host)))
    with friendly_errors():
        app = _build_app(pack, db, events, allowed_hosts)
    if get is not None:
        _answer_one(app, get)
        return
    _listen(app, host, port, workers, pack, events, allowed_hosts)


def _local_hosts() -> tuple[str, ...]:
    from fairweather.web.app import LOCAL_HOSTS

    return tuple(LOCAL_HOSTS)


def _build_app(pack: Optional[Path], db: Optional[Path], events: Optional[list[str]],
               allowed_hosts: tuple[str, ...]) -> Any:
    """The dashboard app of ``serve``'s options (in this process: --get, one worker, and the checks before several)."""
    from fairweather.web import create_app

    store = open_store(pack, db) if (pack is not None or db is not None) else None
    # WHY: a --db file without --pack holds the embedded pack, which `forecast --db FILE` reads with the
    # history layer the shipped model needs; the dashboard shows the file's data and forecasts from the
    # embedded pack with that layer (the CLI's cached store), so both give the same numbers
    forecast_store = None
    if pack is None and db is not None:
        from fairweather.cli._forecast import _store as cli_forecast_store

        forecast_store = cli_forecast_store(None, None)
    event_data = None
    if events:
        from fairweather.sources.eventfiles import read_events

        event_data = read_events(events)
    return create_app(store, events=event_data, allowed_hosts=allowed_hosts, forecast_store=forecast_store)


def _answer_one(app: Any, get: str) -> None:
    """``serve --get PATH``: one request through the app, its body on standard output (exit 1 on an error status)."""
    from fairweather.web import run_request

    if not get.startswith("/"):
        err_console.print(f"[bold red]Error:[/] --get takes a path starting with '/', e.g. /api/crises; got {escape(repr(get))}.")
        raise typer.Exit(2)
    status, body, _ = run_request(app, get)
    sys.stdout.write(body.decode("utf-8", "replace") + "\n")
    if status >= 400:
        raise typer.Exit(1)


def _listen(app: Any, host: str, port: int, workers: int, pack: Optional[Path], events: Optional[list[str]],
            allowed_hosts: tuple[str, ...]) -> None:
    """Serve until Ctrl+C: this process's app with one worker, else ``workers`` processes that each build their own."""
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]Warning:[/] serving on {escape(host)}: other machines can reach the dashboard.")
    busy = _port_in_use(host, port)
    if busy:  # say so before printing an address that would not answer (issue 14 item 10)
        err_console.print(f"[bold red]Error:[/] cannot listen on {escape(host)}:{port}: {escape(busy)}. Stop what is using "
                          f"it, or choose another port, e.g. --port {port + 1 if port else 8001}.", highlight=False)
        raise typer.Exit(2)
    console.print(f"fairweather dashboard on [bold]http://{escape(host)}:{port}/[/] (Ctrl+C to stop)"
                  + (f", {workers} worker processes" if workers > 1 else ""), highlight=False)
    if workers == 1:
        from fairweather.web.app import warm

        uvicorn.run(warm(app), host=host, port=port, log_level="warning")  # as warm as each of several workers
        return
    # Several processes: each builds its own app (create_worker_app) from what the checks above accepted.
    import json
    import os

    from fairweather.web.app import SERVE_CONFIG_ENV

    os.environ[SERVE_CONFIG_ENV] = json.dumps({"pack": str(pack) if pack is not None else None, "events": events or None,
                                               "allowed_hosts": list(allowed_hosts)})
    uvicorn.run("fairweather.web.app:create_worker_app", factory=True, workers=workers, host=host, port=port,
                log_level="warning")

#: Worker processes of ``serve`` when --workers is not given. benchmarks/web_throughput.py --workers N, 200
#: distinct forecasts from 20 clients, 2 cores shared with five other sessions, 7 runs each in alternating order:
#: 1 process 17-22 requests/s (median 20.5), p95 1.17-1.95 s (median 1.27); 2 processes 20-44 requests/s (median
#: 25.6), p95 0.72-1.82 s (median 1.35, under 1 s in 2 runs). Two win on throughput whenever a second core is
#: free and lose little when it is not; 3 (2 runs: 25 and 37 requests/s, p95 1.72 and 1.14 s) add nothing on 2
#: cores. A --db file is held by one process, so it gets 1.
DEFAULT_WORKERS = 2


def default_workers(db: Path | None) -> int:
    """The number of worker processes ``serve`` starts when --workers is not given."""
    return 1 if db is not None else DEFAULT_WORKERS


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the command line."""
    app.command("serve")(serve)


def _port_in_use(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (e.g. "address already in use"), or None when it can."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a closed port in TIME_WAIT is free
        try:
            s.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None
