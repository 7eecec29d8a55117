"""Issue 13: the dashboard answers only to the hosts it is bound to (no DNS rebinding)."""

from __future__ import annotations

import json

from fairweather.web import create_app, run_request


def test_foreign_host_header_is_refused_with_the_json_error_shape():
    app = create_app()
    status, body, headers = run_request(app, "/api/meta", headers={"host": "evil.example"})
    assert status == 400
    err = json.loads(body)["error"]
    assert err["type"] == "InvalidHost" and err["field"] == "host" and "evil.example" in err["message"]
    assert "evil.example" not in headers.get("location", "")


def test_loopback_names_with_ports_are_served():
    app = create_app()
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"):
        status, _, _ = run_request(app, "/api/openapi.json", headers={"host": host})
        assert status == 200, host


def test_a_bound_name_can_be_allowed():
    app = create_app(allowed_hosts=("dash.internal",))
    assert run_request(app, "/api/openapi.json", headers={"host": "dash.internal:80"})[0] == 200
    assert run_request(app, "/api/openapi.json", headers={"host": "localhost"})[0] == 400
