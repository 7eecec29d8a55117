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
