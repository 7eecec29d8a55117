"""One BLAS thread for the model's small dense fits (what threadpoolctl does, without the dependency)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["_single_thread_blas"]


def _openblas_handles() -> list[tuple[Any, Any]]:
    """(get, set) thread-count functions of the OpenBLAS copies numpy and scipy bundle, if found."""
    import ctypes
    import glob
    import os

    out = []
    for mod in ("numpy", "scipy"):
        try:
            base = os.path.dirname(os.path.dirname(str(__import__(mod).__file__)))
        except Exception:  # pragma: no cover
            continue
        for path in glob.glob(os.path.join(base, f"{mod}.libs", "libscipy_openblas*.so*")):
            try:
                lib = ctypes.CDLL(path)
            except OSError:  # pragma: no cover
                continue
            for suffix in ("64_", ""):
                get = getattr(lib, f"scipy_openblas_get_num_threads{suffix}", None)
                put = getattr(lib, f"scipy_openblas_set_num_threads{suffix}", None)
                if get is not None and put is not None:
                    out.append((get, put))
                    break
    return out


_BLAS: list[tuple[Any, Any]] | None = None
#: Guards the count of threads inside :func:`_single_thread_blas` and the thread counts saved by the first.
_LOCK = threading.Lock()
_INSIDE = 0
_SAVED: list[tuple[Any, int]] = []


def _handles() -> list[tuple[Any, Any]]:
    global _BLAS
    if _BLAS is None:
        try:
            _BLAS = _openblas_handles()
        except Exception:  # pragma: no cover - never fail a fit over this
            _BLAS = []
    return _BLAS


@contextlib.contextmanager
def _single_thread_blas() -> Iterator[None]:
    """Run tiny dense problems on one BLAS thread.

    WHY: the fits here are 20-30 parameters on a few hundred rows; OpenBLAS's
    threads cost far more to wake than they save, and on a busy 2-core machine
    L-BFGS-B ran 20x slower with them (0.46 s vs 0.024 s per fit). This is what
    threadpoolctl does, without the dependency; if the libraries are not found
    it does nothing.

    The thread count is the process's, not the thread's: the dashboard forecasts in
    several threads at once, and each used to restore the count on leaving, so the
    first to leave gave the others back their BLAS threads mid-computation. The
    first thread in saves the counts and the last one out restores them.
    """
    global _INSIDE, _SAVED
    with _LOCK:
        if _INSIDE == 0:
            _SAVED = [(put, get()) for get, put in _handles()]
            for put, _ in _SAVED:
                put(1)
        _INSIDE += 1
    try:
        yield
    finally:
        with _LOCK:
            _INSIDE -= 1
            if _INSIDE == 0:
                for put, n in _SAVED:
                    put(n)
