"""``fairweather serve``: --get runs one request through the app without a server."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.web import create_app, run_request

FIXTURE_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "pack_small"
runner = CliRunner()


def test_serve_get_prints_json():
    result = runner.invoke(app, ["serve", "--pack", str(FIXTURE_PACK), "--get", "/api/crises"])
    assert result.exit_code == 0, result.output
    assert [c["crisis_id"] for c in json.loads(result.stdout)] == ["irn-2025"]


def test_serve_get_error_exits_1_with_the_json_error():
    result = runner.invoke(app, ["serve", "--pack", str(FIXTURE_PACK), "--get",
                                 "/api/profile?state=Narnia&as_of=2025-06-13"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["type"] == "UnknownStateError"


def test_serve_get_needs_a_path():
    result = runner.invoke(app, ["serve", "--get", "api/crises"])
    assert result.exit_code == 2 and "starting with '/'" in result.output


def test_serve_defaults_to_localhost():
    import inspect

    from fairweather.cli._web import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_run_request_handles_posts_and_headers():
    from fairweather.store import Store

    web = create_app(Store.open(pack=FIXTURE_PACK))
    status, body, headers = run_request(web, "/api/crises/irn-2025")
    assert status == 200 and json.loads(body)["crisis"]["target"] == "IRN"
    assert headers["x-content-type-options"] == "nosniff"
    status, body, _ = run_request(web, "/api/forecast", method="POST", body=b"{bad",
                                  headers={"content-type": "application/json"})
    assert status == 422 and json.loads(body)["error"]["type"] == "ValidationError"


def test_serve_on_a_busy_port_says_so_before_printing_an_address():
    """Issue 14 item 10: serve printed its URL, then died with uvicorn's bind error (exit 3)."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--pack", str(FIXTURE_PACK), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and f"--port {port + 1}" in result.stderr
    assert "http://" not in result.stdout


def test_workers_refuse_a_shared_db_file(tmp_path: Path):
    result = runner.invoke(app, ["serve", "--workers", "2", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2 and "cannot be shared between them" in result.stderr


def test_serve_with_two_workers_answers_from_warm_processes(tmp_path: Path):
    """``serve --workers 2`` (issue 13: one process answers one request at a time): both worker processes
    build the app from the parent's settings, open their stores before listening, and answer."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "fairweather", "serve", "--workers", "2", "--port", str(port),
                               "--pack", str(FIXTURE_PACK)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ}, cwd=tmp_path)
    try:
        deadline, body = time.monotonic() + 240, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/meta", timeout=5) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, server.stderr.read().decode() if server.poll() is not None else "no answer in 240 s"
        assert body["pack_hash"]  # the fixture pack, served by a worker built from the parent's settings
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/states", timeout=30) as r:
            assert {s["iso3"] for s in json.loads(r.read())} == {"RUS", "IRN", "CHN", "ISR", "USA", "PRK"}
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=60)
    assert "2 worker processes" in " ".join(out.decode().split())


def test_two_workers_by_default_and_one_with_a_db_file(tmp_path: Path):
    from fairweather.cli._web import DEFAULT_WORKERS, default_workers

    assert DEFAULT_WORKERS == 2 and default_workers(None) == 2 and default_workers(tmp_path / "x.duckdb") == 1
    # --db without --workers is not refused (the default adapts to the file, which one process holds)
    result = runner.invoke(app, ["serve", "--pack", str(FIXTURE_PACK), "--db", str(tmp_path / "x.duckdb"),
                                 "--get", "/api/states"])
    assert result.exit_code == 0, result.output
    assert {s["iso3"] for s in json.loads(result.stdout)} == {"RUS", "IRN", "CHN", "ISR", "USA", "PRK"}
