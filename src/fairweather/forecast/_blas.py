"""One BLAS thread for the model's small dense fits (what threadpoolctl does, without the dependency)."""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def _single_thread_blas() -> Iterator[None]:
    """Run tiny dense problems on one BLAS thread.

    WHY: the fits here are 20-30 parameters on a few hundred rows; OpenBLAS's
    threads cost far more to wake than they save, and on a busy 2-core machine
    L-BFGS-B ran 20x slower with them (0.46 s vs 0.024 s per fit). This is what
    threadpoolctl does, without the dependency; if the libraries are not found
    it does nothing.
    """
    global _BLAS
    if _BLAS is None:
        try:
            _BLAS = _openblas_handles()
        except Exception:  # pragma: no cover - never fail a fit over this
            _BLAS = []
    old = []
    try:
        for get, put in _BLAS:
            old.append((put, get()))
            put(1)
        yield
    finally:
        for put, n in old:
            put(n)
