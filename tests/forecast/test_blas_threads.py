"""_single_thread_blas holds one BLAS thread for as long as any thread of the process is inside it (issue 13).

The dashboard forecasts in several threads at once. Each used to save the thread count on entering and restore
it on leaving, so the first thread to leave gave BLAS its threads back while another was still computing.
"""

from __future__ import annotations

import threading

import pytest

import numpy  # noqa: F401  (loads the OpenBLAS that _single_thread_blas finds)

from fairweather.forecast import _blas


def _counts() -> list[int]:
    return [get() for get, _ in _blas._handles()]


@pytest.fixture
def blas():
    if not _blas._handles():
        pytest.skip("no OpenBLAS bundled with numpy/scipy found: nothing to set")
    before = _counts()
    for _, put in _blas._handles():
        put(2)  # more than one, so that one is visible
    yield
    for (_, put), n in zip(_blas._handles(), before):
        put(n)


def test_one_thread_until_the_last_thread_leaves(blas) -> None:
    a_in, b_in, a_out, b_done = threading.Event(), threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, list[int]] = {}

    def a() -> None:
        with _blas._single_thread_blas():
            a_in.set()
            b_in.wait(10)
        a_out.set()

    def b() -> None:
        a_in.wait(10)
        with _blas._single_thread_blas():
            b_in.set()
            a_out.wait(10)
            seen["b after a left"] = _counts()
        b_done.set()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert b_done.is_set()
    assert seen["b after a left"] == [1] * len(_blas._handles())
    assert _counts() == [2] * len(_blas._handles())  # restored by the last one out


def test_nested_use_in_one_thread_restores_once(blas) -> None:
    with _blas._single_thread_blas():
        with _blas._single_thread_blas():
            assert _counts() == [1] * len(_blas._handles())
        assert _counts() == [1] * len(_blas._handles())
    assert _counts() == [2] * len(_blas._handles())
