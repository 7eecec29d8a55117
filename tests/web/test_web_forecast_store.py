"""The dashboard forecasts from the same store as the CLI and the Python API, whatever was asked before.

Regression: the app opened the bare pack for ``/api/meta`` (and the other data views) and its forecasts then
read that store, without the history layer the shipped model learns from, so after one visit to the
dashboard's start page (which asks ``/api/meta``) its numbers differed from ``fairweather forecast``'s.
"""

from __future__ import annotations

import json

import pytest

#: A pre-2020 case of the pack (tests never pin evaluation forecasts; this one only compares two routes).
CASE = {"target": "UKR", "attackers": "RUS", "date": "2014-02-27"}
NUMBERS = ("p_ge_1", "p_ge_2", "p_ge_3", "p_ge_4", "p_ge_5", "expected_level", "interval_low", "interval_high")


def _numbers(rows: list[dict]) -> dict[str, tuple[float, ...]]:
    return {str(r["partner"]): tuple(float(r[k]) for k in NUMBERS) for r in rows}


@pytest.fixture(scope="module")
def fresh_client():
    """An app started as ``fairweather serve`` starts it: no store given, the real embedded stores opened by it."""
    from fastapi.testclient import TestClient

    from fairweather.web import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def library_numbers(real_library) -> dict[str, tuple[float, ...]]:
    from fairweather import Scenario, forecast

    result = forecast(Scenario(CASE["target"], tuple(CASE["attackers"].split(",")), CASE["date"]))
    return _numbers(result.to_frame().to_dict("records"))


def test_forecast_after_meta_equals_the_python_api(fresh_client, library_numbers):
    meta = fresh_client.get("/api/meta")  # opens the app's data store first, as the start page does
    assert meta.status_code == 200, meta.text
    r = fresh_client.get("/api/forecast", params=CASE)
    assert r.status_code == 200, r.text
    web = _numbers(r.json()["forecast"])
    assert len(web) >= 3
    assert web == library_numbers  # the same partners, the same floats (JSON round-trips a float exactly)


def test_data_views_do_not_change_the_forecast_store(fresh_client):
    ctx = fresh_client.app.state.fairweather
    for path in ("/api/meta", "/api/states", "/api/crises"):
        assert fresh_client.get(path).status_code == 200
    from fairweather.forecast._scenario import default_store

    assert ctx.forecast_store is default_store()  # the model's store (the pack and the history layer)
    assert ctx.store is not ctx.forecast_store


def test_forecast_after_meta_equals_the_cli(fresh_client, library_numbers, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from fairweather.cli import app

    monkeypatch.setenv("FAIRWEATHER_CACHE", str(tmp_path))  # the CLI's cached store file, built here afresh
    fresh_client.get("/api/meta")
    out = CliRunner().invoke(app, ["forecast", "-t", CASE["target"], "-a", CASE["attackers"], "-d", CASE["date"],
                                   "--format", "json"])
    assert out.exit_code == 0, out.output
    cli = _numbers(json.loads(out.stdout)["forecast"])
    web = _numbers(fresh_client.get("/api/forecast", params=CASE).json()["forecast"])
    assert cli == web == library_numbers


def test_a_worker_process_forecasts_from_the_models_store(monkeypatch, real_library):
    """``serve`` runs 2 worker processes by default; each opens its stores before listening, the data store
    first, which is how the bare pack became every worker's forecast store."""
    from fairweather.forecast._scenario import default_store
    from fairweather.web.app import SERVE_CONFIG_ENV, create_worker_app

    import gc

    monkeypatch.delenv(SERVE_CONFIG_ENV, raising=False)
    try:
        ctx = create_worker_app().state.fairweather
        # warm: the stores and the model are left out of the garbage collector's walks (issue 13 load)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the test session collects as usual
    assert ctx.forecast_store is default_store()


def test_serve_with_a_db_file_forecasts_as_forecast_with_that_file(tmp_path, monkeypatch, real_library):
    """``serve --db FILE`` showed the file's data and forecast from it without the history layer, while
    ``forecast --db FILE`` reads it with the layer: the two gave different numbers for one case."""
    from typer.testing import CliRunner

    from fairweather.cli import app

    monkeypatch.setenv("FAIRWEATHER_CACHE", str(tmp_path / "cache"))
    db = tmp_path / "store.duckdb"
    query = "&".join(f"{k}={v}" for k, v in CASE.items())
    served = CliRunner().invoke(app, ["serve", "--db", str(db), "--get", f"/api/forecast?{query}"])
    assert served.exit_code == 0, served.output
    cli = CliRunner().invoke(app, ["forecast", "-t", CASE["target"], "-a", CASE["attackers"], "-d", CASE["date"],
                                   "--db", str(db), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    assert _numbers(json.loads(served.stdout)["forecast"]) == _numbers(json.loads(cli.stdout)["forecast"])
