"""Issue 13: no request waits for another's work; the store is read by several requests at once."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from fairweather import metrics
from fairweather.store import Store
from fairweather.web import create_app
from fairweather.web.api import AppContext

GRACE = 30.0  # seconds a blocked request would wait before the test gives up on it (no timing is measured)


@pytest.fixture(scope="module")
def store():
    s = Store.open()
    yield s
    s.close()


def test_a_slow_cohesion_request_does_not_stall_meta(store, monkeypatch) -> None:
    started, release = threading.Event(), threading.Event()
    real = metrics.cohesion

    def slow_cohesion(*args, **kwargs):
        started.set()
        release.wait(GRACE)  # held until meta has answered (or, if meta is blocked by it, GRACE seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(metrics, "cohesion", slow_cohesion)
    answers: dict[str, int] = {}
    with TestClient(create_app(store)) as client:
        slow = threading.Thread(target=lambda: answers.update(cohesion=client.get("/api/cohesion?bloc=CRINK").status_code))
        slow.start()
        assert started.wait(GRACE)
        meta = threading.Thread(target=lambda: answers.update(meta=client.get("/api/meta").status_code))
        meta.start()
        meta.join(GRACE / 2)
        meta_done_first = not meta.is_alive()
        release.set()
        slow.join(GRACE)
        meta.join(GRACE)
    assert meta_done_first, "/api/meta waited for the cohesion request"
    assert answers == {"cohesion": 200, "meta": 200}


def test_two_requests_for_one_result_compute_it_once() -> None:
    ctx = AppContext(store=object())
    calls, gate = [], threading.Event()

    def work() -> int:
        calls.append(1)
        gate.wait(GRACE)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(ctx.run(("k",), work))) for _ in range(4)]
    for t in threads:
        t.start()
    while not calls:
        threading.Event().wait(0.01)
    gate.set()
    for t in threads:
        t.join(GRACE)
    assert results == [42] * 4 and len(calls) == 1


def test_a_failed_computation_is_not_cached() -> None:
    ctx = AppContext(store=object())
    outcomes = iter([ValueError("first try fails"), 7])

    def work() -> int:
        v = next(outcomes)
        if isinstance(v, Exception):
            raise v
        return v

    with pytest.raises(ValueError):
        ctx.run(("k",), work)
    assert ctx.run(("k",), work) == 7


def test_threads_read_the_store_through_their_own_cursors(store) -> None:
    ctx = AppContext(store)
    errors: list[BaseException] = []
    counts: list[int] = []

    def read() -> None:
        try:
            for _ in range(20):
                counts.append(ctx.store.con.execute("SELECT count(*) FROM ties").fetchone()[0])
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(GRACE)
    assert not errors and len(set(counts)) == 1 and len(counts) == 120
