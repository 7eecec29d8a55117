"""Fixtures of the web tests: the app on the embedded pack, a test client, a live server, headless Chromium."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="session")
def real_library() -> None:
    """The tests that use this run the real library: the shipped model must load (a failure, never a skip)."""
    from fairweather.forecast import load_model

    load_model()


@pytest.fixture(scope="session")
def web_app():
    from fairweather.store import Store
    from fairweather.web import create_app

    store = Store.open()
    yield create_app(store)
    store.close()


@pytest.fixture(scope="session")
def client(web_app):
    from fastapi.testclient import TestClient

    # Server errors come back as 500 responses (not exceptions), as a browser would see them.
    with TestClient(web_app, raise_server_exceptions=False) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The dashboard under uvicorn on 127.0.0.1 and a free port, in a thread; yields its base URL."""
    import uvicorn

    from fairweather.store import Store
    from fairweather.web import create_app

    port = _free_port()
    store = Store.open()
    events = None
    gdelt = Path(__file__).resolve().parents[1] / "events" / "fixtures" / "20250616000000.export.CSV"
    if gdelt.exists():  # the event tests' GDELT fixture: shows the say-do page
        from fairweather.sources.eventfiles import read_events

        events = read_events([str(gdelt)])
    app = create_app(store, events=events)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    # WHY wait: a page may leave a request running (a cohesion series takes seconds on a busy machine). uvicorn
    # finishes the requests under way before server.run returns; a thread still inside DuckDB when the
    # interpreter shuts down aborts the process ("terminate called ... exception not rethrown"), so the session
    # waits for the server instead of giving up after a few seconds.
    server.should_exit = True
    thread.join(timeout=300)
    if thread.is_alive():
        raise RuntimeError("the dashboard's test server did not stop within 300 s of the last test")
    store.close()

