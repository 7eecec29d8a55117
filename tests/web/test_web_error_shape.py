"""One JSON shape for every error of the web layer: {"error": {"type", "message", "field"}}.

This file pins the shape down, as Datasette's tests/test_error_shape.py does:
whatever goes wrong (a library error, a validation failure, an unknown route,
a wrong method, an oversized body), the body has exactly these keys, and
UnknownStateError adds the closest known names as ``suggestions``.
"""

from __future__ import annotations

import pytest

from fairweather import errors as fe
from fairweather.web.errors import STATUS

KEYS = {"type", "message", "field"}

CASES = [
    # (method, path, kwargs, status, type)
    ("GET", "/api/profile?state=Narnia&as_of=2025-06-13", {}, 422, "UnknownStateError"),
    ("GET", "/api/profile?state=IRN&as_of=2025-02-30", {}, 422, "DateError"),
    ("GET", "/api/forecast?target=IRN&attackers=IRN&date=2025-06-13", {}, 422, "ScenarioError"),
    ("GET", "/api/profile?state=MCO&as_of=2025-06-13", {}, 404, "CoverageError"),
    ("GET", "/api/crises/no-such-crisis", {}, 404, "CoverageError"),
    ("GET", "/api/profile?state=IRN", {}, 422, "ValidationError"),
    ("GET", "/api/forecast?target=IRN&attackers=ISR&date=yesterday", {}, 422, "ValidationError"),
    ("POST", "/api/forecast", {"content": b"{oops", "headers": {"content-type": "application/json"}}, 422,
     "ValidationError"),
    ("POST", "/api/forecast", {"content": b"x" * 70_000, "headers": {"content-type": "application/json"}}, 413,
     "PayloadTooLarge"),
    ("GET", "/api/nothing-here", {}, 404, "NotFound"),
    ("DELETE", "/api/crises", {}, 405, "MethodNotAllowed"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "type_"), CASES,
                         ids=[f"{c[3]}-{c[4]}-{c[1][:30]}" for c in CASES])
def test_every_error_has_the_one_shape(client, method, path, kwargs, status, type_):
    resp = client.request(method, path, **kwargs)
    assert resp.status_code == status
    assert resp.headers["content-type"] == "application/json"
    body = resp.json()
    assert list(body) == ["error"]
    err = body["error"]
    expected = KEYS | ({"suggestions"} if type_ == "UnknownStateError" else set())
    assert set(err) == expected
    assert err["type"] == type_
    assert isinstance(err["message"], str) and len(err["message"]) > 10
    assert err["field"] is None or isinstance(err["field"], str)


def test_unknown_state_carries_suggestions_and_field(client):
    err = client.get("/api/profile", params={"state": "Isreal", "as_of": "2025-06-13"}).json()["error"]
    assert err == {"type": "UnknownStateError", "field": "state", "message": err["message"],
                   "suggestions": ["Israel (ISR)", "Sal = El Salvador (SLV)", "Isl = Iceland (ISL)"]}
    assert "Did you mean: Israel (ISR)" in err["message"]


def test_every_library_error_maps_to_a_4xx():
    classes = [getattr(fe, n) for n in fe.__all__ if isinstance(getattr(fe, n), type)
               and issubclass(getattr(fe, n), fe.FairweatherError)]
    for cls in classes:
        status = next(code for c, code in STATUS if issubclass(cls, c))
        assert 400 <= status < 500, cls


def test_an_unexpected_error_is_json_too(web_app):
    from fastapi.testclient import TestClient

    from fairweather.web import create_app

    app = create_app(web_app.state.fairweather.store)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    resp = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert resp.status_code == 500
    err = resp.json()["error"]
    assert set(err) == KEYS and err["type"] == "InternalError" and "boom" not in err["message"]


@pytest.mark.parametrize("assume", ["CHN.past_mean_level=1e300", "CHN>IRN.trade_share=-500", "RUS>IRN.defense=inf"])
def test_an_implausible_what_if_is_refused_in_its_own_field(client, assume):
    """Issue 13: the API named the whole scenario as the field of a bad what-if value."""
    resp = client.post("/api/forecast", json={"target": "IRN", "attackers": ["ISR", "USA"], "date": "2019-06-13",
                                              "assume": [assume]})
    assert resp.status_code == 422
    err = resp.json()["error"]
    assert err["type"] == "ScenarioError" and err["field"] == "assume" and assume.split("=")[1] in err["message"]
