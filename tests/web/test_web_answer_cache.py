"""Issue 13 (load): the dashboard caches each answer as the JSON bytes it sends; a cached answer is the computed one.

The answers are serialized in the handler's worker thread and kept as bytes (immutable: no request can change
what the next one gets). These tests check what could break with that: a repeat must be the same bytes as a
fresh computation, a what-if or another store must never get another's answer, a failure must not be kept,
and a cached answer must go out without a worker thread.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fairweather.store import Store
from fairweather.web import create_app
from fairweather.web._context import AppContext, encode_json

SMALL_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "pack_small"
CRIMEA = {"target": "UKR", "attackers": "RUS", "date": "2014-02-27"}  # a pre-2020 case: nothing here pins a number
WHAT_IF = {**CRIMEA, "assume": "RUS.at_war_with=none"}


@pytest.fixture(scope="module")
def store():
    s = Store.open()
    yield s
    s.close()


@pytest.fixture(scope="module")
def small_store():
    s = Store.open(SMALL_PACK)
    yield s
    s.close()


def _bodies(app, requests: list[tuple[str, dict]]) -> list[bytes]:
    with TestClient(app) as client:
        out = []
        for path, params in requests:
            resp = client.get(path, params=params)
            assert resp.status_code == 200, resp.text
            assert resp.headers["content-type"] == "application/json"
            out.append(resp.content)
        return out


def test_a_repeated_forecast_is_the_fresh_one_and_a_what_if_gets_its_own(store, real_library) -> None:
    asked = [("/api/forecast", CRIMEA), ("/api/forecast", WHAT_IF), ("/api/forecast", CRIMEA), ("/api/forecast", WHAT_IF)]
    base, what_if, base_again, what_if_again = _bodies(create_app(store), asked)
    assert base_again == base and what_if_again == what_if  # from the cache
    assert what_if != base  # the what-if's answer is not the base's, nor the other way round
    fresh_what_if, fresh_base = _bodies(create_app(store), [("/api/forecast", WHAT_IF), ("/api/forecast", CRIMEA)])
    assert fresh_base == base and fresh_what_if == what_if  # a new app, computed the other way round


def test_the_answers_of_two_stores_do_not_mix(store, small_store) -> None:
    asked = [("/api/meta", {}), ("/api/states", {})]
    shipped = _bodies(create_app(store), asked)
    small = _bodies(create_app(small_store), asked)
    assert shipped[0] != small[0] and shipped[1] != small[1]
    assert _bodies(create_app(store), asked) == shipped  # and asking the small pack between changed nothing


def test_a_cached_answer_needs_no_worker_thread(store, monkeypatch) -> None:
    import anyio.to_thread

    with TestClient(create_app(store)) as client:
        first = client.get("/api/meta")
        assert first.status_code == 200

        def no_thread(*args, **kwargs):
            raise AssertionError("a cached answer asked for a worker thread")

        monkeypatch.setattr(anyio.to_thread, "run_sync", no_thread)
        again = client.get("/api/meta")
    assert again.status_code == 200 and again.content == first.content


def test_a_failed_answer_is_not_cached() -> None:
    ctx = AppContext(store=object())
    outcomes = iter([ValueError("first try fails"), {"n": 7}])

    def work() -> dict:
        v = next(outcomes)
        if isinstance(v, Exception):
            raise v
        return v

    with pytest.raises(ValueError):
        asyncio.run(ctx.answer(("k",), work))
    assert asyncio.run(ctx.answer(("k",), work)).body == b'{"n":7}'
    assert asyncio.run(ctx.answer(("k",), work)).body == b'{"n":7}'  # cached: work is not called a third time


def test_the_bytes_are_what_fastapi_sends_for_a_returned_dict() -> None:
    from fastapi import FastAPI
    from typing import Any

    value = {"a": [1, 2.5, None, "é"], "b": {"c": True, "d": 0.1 + 0.2}, "e": 1e-300}
    app = FastAPI()

    @app.get("/x")
    def x() -> dict[str, Any]:
        return value

    with TestClient(app) as client:
        assert client.get("/x").content == encode_json(value)
