"""One numerical environment on every x86-64 machine, so that a fit gives the same bytes everywhere.

WHY: OpenBLAS and NumPy pick their SIMD kernels for the CPU they run on (AVX2 on one
machine, AVX-512 on another). The kernels add in different orders, so the same fit
differs in the 10th digit from one CPU to the next, and a rolling-origin grid of
weakly penalized fits differs in the 3rd (measured: the shipped parameters, fitted on
an AVX2 machine, did not rebuild byte for byte on an AVX-512 EPYC; with the pins below
they did). The command line pins both libraries to their AVX2 kernels before NumPy is
imported: every x86-64 CPU of the last decade has them, and the cost is small (the
fits are tiny and single-threaded).

The pins work only before NumPy loads, so :func:`pin` is called by the ``fairweather``
entry point; a Python session that imported NumPy first keeps the CPU's own kernels
(:func:`pinned` says which). On other architectures nothing is pinned.
"""

from __future__ import annotations

import os
import platform
import sys

__all__ = ["PINS", "pin", "pinned"]

#: The environment the command line runs in. NumPy ignores feature names it does not
#: know (older NumPy spells AVX-512 as AVX512F, AVX512_SKX, ...; 2.4 as X86_V4, AVX512_ICL).
PINS: dict[str, str] = {
    "OPENBLAS_CORETYPE": "Haswell",
    "NPY_DISABLE_CPU_FEATURES": " ".join([
        "X86_V4", "AVX512F", "AVX512CD", "AVX512_KNL", "AVX512_KNM", "AVX512_SKX", "AVX512_CLX",
        "AVX512_CNL", "AVX512_ICL", "AVX512_SPR", "AVX512FP16",
    ]),
}


def _x86_64() -> bool:
    return platform.machine().lower() in ("x86_64", "amd64")


def pin() -> bool:
    """Set :data:`PINS` in the environment (for this process and its children) if NumPy is not loaded yet.

    Returns whether this process computes with the pinned kernels. A value the user set
    explicitly is kept.
    """
    if not _x86_64():
        return False
    if "numpy" not in sys.modules:
        for k, v in PINS.items():
            os.environ.setdefault(k, v)
    return pinned()


def pinned() -> bool:
    """True if this process runs with :data:`PINS` (set before NumPy was loaded)."""
    return _x86_64() and all(os.environ.get(k) == v for k, v in PINS.items())
