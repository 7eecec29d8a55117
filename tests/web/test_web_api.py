"""Every endpoint of the dashboard's API through FastAPI's TestClient, with good and bad input."""

from __future__ import annotations

import pytest

IRAN = {"target": "IRN", "attackers": "ISR,USA", "date": "2025-06-13"}


def ok(resp) -> dict:
    assert resp.status_code == 200, resp.text
    return resp.json()


def refused(resp, status: int, type_: str | None = None, field: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    err = resp.json()["error"]
    if type_ is not None:
        assert err["type"] == type_
    if field is not None:
        assert err["field"] == field
    assert err["message"]
    return err


# -- pages and assets ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/cohesion", "/network", "/data"])
def test_pages(client, path):
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    html = resp.text
    assert '<script src="/static/plotly.min.js"' in html and '<script src="/static/app.js"' in html
    assert "cdn" not in html.lower() and "http://" not in html and "https://" not in html


def test_plotly_is_served_locally(client):
    import plotly.offline

    resp = client.get("/static/plotly.min.js")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/javascript")
    assert resp.text == plotly.offline.get_plotlyjs()
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("path", ["/static/nope.js", "/static/..%2F..%2Fpyproject.toml", "/static/%2Fetc%2Fpasswd",
                                  "/static/../app.py", "/static/templates", "/api/../../etc/passwd"])
def test_no_request_reaches_the_file_system(client, path):
    resp = client.get(path)
    assert resp.status_code == 404
    assert set(resp.json()["error"]) >= {"type", "message", "field"}


def test_openapi_schema_lists_every_operation(client):
    schema = ok(client.get("/api/openapi.json"))
    ops = {(m.upper(), p) for p, item in schema["paths"].items() for m in item}
    assert ops == {("GET", "/api/forecast"), ("POST", "/api/forecast"), ("GET", "/api/meta"), ("GET", "/api/states"),
                   ("GET", "/api/cohesion"), ("GET", "/api/network"), ("GET", "/api/profile"), ("GET", "/api/crises"),
                   ("GET", "/api/crises/{crisis_id}"), ("GET", "/api/backtest"), ("GET", "/api/saydo")}
    assert "ErrorOut" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # the interactive docs would load a CDN


def test_read_only(client):
    for method in ("put", "delete", "patch"):
        refused(getattr(client, method)("/api/crises"), 405, "MethodNotAllowed")
    refused(client.post("/api/crises"), 405)


# -- meta, states, data browser --------------------------------------------------------------------
def test_meta(client):
    meta = ok(client.get("/api/meta"))
    assert len(meta["pack_hash"]) == 64
    assert "CRINK" in meta["blocs"] and "NATO" in meta["blocs"]
    assert "STATE.FACT=VALUE" in meta["assume_grammar"]
    assert {t["table"] for t in meta["tables"]} >= {"states", "crises", "responses"}


def test_states(client):
    states = ok(client.get("/api/states"))
    codes = [s["iso3"] for s in states]
    assert {"IRN", "RUS", "CHN", "PRK", "ISR", "USA"} <= set(codes) and codes == sorted(set(codes))
    in_1990 = {s["iso3"] for s in ok(client.get("/api/states", params={"as_of": "1990-06-01"}))}
    assert "SUN" not in codes or "RUS" not in in_1990
    refused(client.get("/api/states", params={"as_of": "1990-02-30"}), 422, "DateError", "as_of")


def test_profile(client):
    prof = ok(client.get("/api/profile", params={"state": "Iran", "as_of": "2025-06-13"}))
    assert prof["state"] == "IRN" and prof["as_of"] == "2025-06-13"
    assert set(prof["sections"]) == {"commitments", "ties", "facts"}
    rows = [r for sec in prof["sections"].values() for r in sec]
    assert rows and all(r["source"] and r["url"] for r in rows)


def test_profile_bad_input(client):
    err = refused(client.get("/api/profile", params={"state": "Frnace", "as_of": "2025-06-13"}),
                  422, "UnknownStateError", "state")
    assert "France (FRA)" in err["suggestions"]
    refused(client.get("/api/profile", params={"state": "MCO", "as_of": "2025-06-13"}), 404, "CoverageError", "state")
    refused(client.get("/api/profile", params={"state": "IRN", "as_of": "13/06/2025"}), 422, "ValidationError", "as_of")
    refused(client.get("/api/profile", params={"state": "IRN", "as_of": "0001-01-01"}), 422, "DateError", "as_of")
    refused(client.get("/api/profile", params={"as_of": "2025-06-13"}), 422, "ValidationError", "state")


def test_crises_and_responses(client):
    crises = ok(client.get("/api/crises"))
    ids = {c["crisis_id"] for c in crises}
    assert "irn-2025" in ids
    assert next(c for c in crises if c["crisis_id"] == "irn-2025")["evaluation"] is True
    one = ok(client.get("/api/crises/irn-2025"))
    assert one["crisis"]["target"] == "IRN" and one["crisis"]["attackers"] == ["ISR", "USA"]
    by = {r["supporter"]: r for r in one["responses"]}
    assert {"RUS", "CHN", "PRK"} <= set(by)
    assert all(r["url"].startswith("http") and r["evidence"] for r in one["responses"])
    err = refused(client.get("/api/crises/irn-2052"), 404, "CoverageError", "crisis_id")
    assert "irn-2025" in err["message"]
    refused(client.get("/api/crises/" + "x" * 61), 422, "ValidationError", "crisis_id")
    refused(client.get("/api/crises/%3Bdrop"), 422, "ValidationError", "crisis_id")


# -- blocs ---------------------------------------------------------------------------------------------
def test_cohesion_with_comparison(client):
    res = ok(client.get("/api/cohesion", params={"bloc": "crink", "from": 2022, "to": 2025, "compare": "CSTO"}))
    assert res["bloc"] == "CRINK" and res["years"] == [2022, 2025]
    assert [r["year"] for r in res["rows"]] == [2022, 2023, 2024, 2025]
    assert res["weights"] and res["charts"]["cohesion"]["data"]
    assert {r["bloc"] for r in res["compare"]} == {"CRINK", "CSTO"}
    assert res["charts"]["compare"]["data"]


def test_cohesion_of_listed_states(client):
    res = ok(client.get("/api/cohesion", params={"bloc": "Russia,China,Iran", "from": 2024, "to": 2025}))
    assert res["bloc"] == "CHN,IRN,RUS" and res["compare"] is None


def test_cohesion_bad_input(client):
    err = refused(client.get("/api/cohesion", params={"bloc": "CRINKK"}), 422, "ScenarioError", "bloc")
    assert "CRINK" in err["message"]
    err = refused(client.get("/api/cohesion", params={"bloc": "RUS,Narnia"}), 422, "UnknownStateError", "bloc")
    assert err["suggestions"]
    refused(client.get("/api/cohesion", params={"bloc": "RUS,RUS"}), 404, "CoverageError", "bloc")
    refused(client.get("/api/cohesion", params={"bloc": "CRINK", "from": 2025, "to": 2015}), 422, "DateError", "from")
    refused(client.get("/api/cohesion", params={"bloc": "CRINK", "from": 1200}), 422, "ValidationError", "from")
    refused(client.get("/api/cohesion", params={"bloc": "CRINK", "from": 2099, "to": 2100}), 422, "DateError", "from")
    refused(client.get("/api/cohesion", params={"bloc": "CRINK", "to": "soon"}), 422, "ValidationError", "to")
    refused(client.get("/api/cohesion", params={"bloc": "CRINK", "compare": "NATO,Narnia"}), 422, field="compare")
    refused(client.get("/api/cohesion", params={"bloc": "A" * 401}), 422, "ValidationError", "bloc")


def test_network(client):
    res = ok(client.get("/api/network", params={"bloc": "CRINK", "year": 2025}))
    nodes = {n["id"] for n in res["network"]["nodes"]}
    assert {"IRN", "RUS", "CHN", "PRK"} <= nodes
    assert res["network"]["links"] and all("kind" in e for e in res["network"]["links"])
    assert res["chart"]["data"]
    refused(client.get("/api/network", params={"bloc": "CRINK", "year": 3000}), 422, "ValidationError", "year")


def test_forecast_outside_the_pack_is_a_404(client):
    err = refused(client.get("/api/forecast", params={**IRAN, "date": "2099-01-01"}), 404, "CoverageError")
    assert "coverage" in err["message"]
    refused(client.get("/api/forecast", params={**IRAN, "target": "MCO", "attackers": "FRA"}), 404, "CoverageError")


# -- forecast ---------------------------------------------------------------------------------------------
def test_forecast_iran_2025(client, real_library):
    res = ok(client.get("/api/forecast", params=IRAN))
    partners = {r["partner"] for r in res["forecast"]}
    assert {"RUS", "CHN"} <= partners
    for r in res["forecast"]:
        assert sum(r[f"p_level_{k}"] for k in range(6)) == pytest.approx(1.0, abs=1e-6)
        assert r["interval_low"] <= r["expected_level"] <= r["interval_high"]
        assert r["reasons"]
    assert set(res["charts"]["contributions"]) == partners
    assert res["charts"]["forecast"]["data"] and res["compare"] is None and res["charts"]["whatif"] is None
    assert res["provenance"] and all({"source_id", "citation", "url"} <= set(p) for p in res["provenance"])
    assert {c["partner"] for c in res["contributions"]} == partners
    # the pack codes this crisis: each row says what the partner did, as the CLI and the report do
    assert res["recorded_crisis"] == "irn-2025"
    from fairweather.outcomes import recorded_outcomes
    from fairweather.store import Store

    rec = recorded_outcomes(Store.open(), "IRN", ["ISR", "USA"], "2025-06-13").set_index("partner")
    for r in res["forecast"]:
        if r["partner"] in rec.index:
            assert r["recorded_level"] == rec.at[r["partner"], "recorded_level"]
            assert r["recorded_source"] == rec.at[r["partner"], "source_id"]
        else:
            assert r["recorded"] == "not coded"


def test_forecast_post_with_what_if(client, real_library):
    body = {"target": "Iran", "attackers": ["Israel", "USA"], "date": "2025-06-13", "partners": ["RUS", "CHN"],
            "assume": ["RUS.at_war_with=none"]}
    res = ok(client.post("/api/forecast", json=body))
    assert res["scenario"]["target"] == "IRN" and res["scenario"]["attackers"] == ["ISR", "USA"]
    assert [r["partner"] for r in res["compare"]] and {r["partner"] for r in res["forecast"]} == {"RUS", "CHN"}
    assert res["charts"]["whatif"]["data"]
    get = ok(client.get("/api/forecast", params={**IRAN, "partners": "RUS,CHN", "assume": "RUS.at_war_with=none"}))
    assert get["forecast"] == res["forecast"]


def test_backtest(client, real_library):
    res = ok(client.get("/api/backtest"))
    assert {r["method"] for r in res["scores"]} >= {"model", "base_rate"}
    assert res["calibration"] and res["skill"]
    assert res["charts"]["calibration"]["data"] and res["charts"]["skill"]["data"]


@pytest.mark.parametrize(("params", "status", "type_", "field"), [
    ({**IRAN, "target": "Narnia"}, 422, "UnknownStateError", "target"),
    ({**IRAN, "attackers": "ISR,Isreal2"}, 422, "UnknownStateError", "attackers"),
    ({**IRAN, "partners": "RUS,Frnace"}, 422, "UnknownStateError", "partners"),
    ({**IRAN, "attackers": "IRN"}, 422, "ScenarioError", "attackers"),
    ({**IRAN, "attackers": "ISR,Iran"}, 422, "ScenarioError", "attackers"),
    ({**IRAN, "attackers": ","}, 422, "ScenarioError", "attackers"),
    ({**IRAN, "date": "2025-02-30"}, 422, "DateError", "date"),
    ({**IRAN, "date": "June 13"}, 422, "ValidationError", "date"),
    ({**IRAN, "date": "1700-01-01"}, 422, "DateError", "date"),
    ({"target": "IRN", "date": "2025-06-13"}, 422, "ValidationError", "attackers"),
    ({**IRAN, "target": "I" * 61}, 422, "ValidationError", "target"),
    ({**IRAN, "partners": ",".join(["RUS"] * 31)}, 422, "ScenarioError", "partners"),
    ({**IRAN, "assume": ["RUS.at_war_with=none"] * 11}, 422, "ValidationError", "assume"),
    ({**IRAN, "assume": ["RUS.at_war_with=" + "x" * 200]}, 422, "ScenarioError", None),
    ({**IRAN, "assume": ["nonsense"]}, 422, "ScenarioError", "assume"),  # the what-if's own field (issue 13)
])
def test_forecast_bad_input_is_a_clear_4xx(client, params, status, type_, field):
    refused(client.get("/api/forecast", params=params), status, type_, field)


@pytest.mark.parametrize(("body", "field"), [
    ({"target": "IRN", "attackers": "ISR", "date": "2025-06-13"}, "attackers"),
    ({"target": "IRN", "attackers": [], "date": "2025-06-13"}, "attackers"),
    ({"target": "IRN", "attackers": ["ISR"], "date": "2025-06-13", "partners": ["RUS"] * 31}, "partners"),
    ({"target": "IRN", "attackers": ["ISR"], "date": "2025-06-13", "assume": ["a"] * 11}, "assume"),
    ({"target": "IRN", "attackers": ["ISR"], "date": "2025-06-13", "assume": ["a" * 201]}, "assume.0"),
    ({"target": "IRN", "attackers": ["ISR"], "date": "2025-06-13", "path": "/etc/passwd"}, "path"),
    ({"target": 5, "attackers": ["ISR"], "date": "2025-06-13"}, "target"),
    ([1, 2, 3], None),
])
def test_forecast_post_malformed_bodies(client, body, field):
    err = refused(client.post("/api/forecast", json=body), 422, "ValidationError")
    if field is not None:
        assert err["field"] == field


def test_forecast_post_not_json_and_too_big(client):
    err = refused(client.post("/api/forecast", content=b"{not json", headers={"content-type": "application/json"}),
                  422, "ValidationError")
    assert "not valid JSON" in err["message"]
    big = b'{"target": "' + b"I" * 20_000 + b'"}'
    refused(client.post("/api/forecast", content=big, headers={"content-type": "application/json"}), 413,
            "PayloadTooLarge")

    def chunks():
        for _ in range(40):
            yield b" " * 1024

    refused(client.post("/api/forecast", content=chunks(), headers={"content-type": "application/json"}), 413)
    refused(client.post("/api/forecast", content=b"{}", headers={"content-type": "application/json",
                                                                 "content-length": "abc"}), 400)
