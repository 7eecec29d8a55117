"""Say versus do on the dashboard: only with event data given at start, never from a request."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

GDELT = Path(__file__).resolve().parents[1] / "events" / "fixtures" / "20250616000000.export.CSV"
IRAN = {"target": "IRN", "attackers": "ISR,USA", "from": "2025-06-13"}


@pytest.fixture(scope="module")
def events_client(web_app):
    from fairweather.sources.eventfiles import read_events
    from fairweather.web import create_app

    app = create_app(web_app.state.fairweather.store, events=read_events([str(GDELT)]))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_saydo_with_events(events_client):
    resp = events_client.get("/api/saydo", params=IRAN)
    assert resp.status_code == 200, resp.text
    res = resp.json()
    by = {r["partner"]: r for r in res["rows"]}
    assert by["RUS"]["verbal_support"] >= 1 and 0 <= by["RUS"]["saydo_ratio"] <= 1
    assert res["chart"]["data"] and "Say–do toward IRN" in res["summary"]
    page = events_client.get("/saydo")
    assert page.status_code == 200 and 'href="/saydo"' in page.text
    assert 'href="/saydo"' in events_client.get("/").text


@pytest.mark.parametrize(("params", "status", "type_", "field"), [
    ({**IRAN, "to": "2025-06-01"}, 422, "DateError", "to"),
    ({**IRAN, "target": "Narnia"}, 422, "UnknownStateError", "target"),
    ({**IRAN, "attackers": "IRN"}, 422, "ScenarioError", None),
    ({**IRAN, "from": "2025-13-01"}, 422, "DateError", "from"),
    ({"target": "IRN", "attackers": "ISR"}, 422, "ValidationError", "from"),
])
def test_saydo_bad_input(events_client, params, status, type_, field):
    resp = events_client.get("/api/saydo", params=params)
    assert resp.status_code == status, resp.text
    err = resp.json()["error"]
    assert err["type"] == type_
    if field:
        assert err["field"] == field


def test_saydo_without_events_is_hidden(client):
    err = client.get("/api/saydo", params=IRAN).json()["error"]
    assert err["type"] == "CoverageError" and "--events" in err["message"]
    assert client.get("/saydo").status_code == 404
    assert 'href="/saydo"' not in client.get("/").text
