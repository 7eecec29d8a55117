"""The shipped history layer and model parameters rebuild byte for byte from the publishers' files.

Both run the real command line in a fresh process, as a user would: the entry point pins the
numerical kernels before NumPy loads (:mod:`fairweather._numerics`), which in-process runs under
pytest (NumPy already loaded) cannot do, and without which the fit differs between AVX2 and
AVX-512 machines.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fairweather._numerics import PINS
from fairweather.forecast import PARAMS_PATH
from fairweather.history_layer import history_layer_path

SHARED = Path(__file__).parents[3] / "shared" / "data"


def fairweather(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in PINS}  # the entry point must set them itself
    return subprocess.run([sys.executable, "-m", "fairweather", *args], capture_output=True, text=True, env=env)

pytestmark = [
    pytest.mark.reference,
    pytest.mark.slow,
    pytest.mark.skipif(not (SHARED / "cow_mid5_midb_participants.csv").is_file(),
                       reason=f"the publishers' files are not at {SHARED} (see ../shared/data/README.md)"),
]


def test_history_layer_rebuilds_byte_for_byte(tmp_path):
    res = fairweather("data", "build-history", "--reference", str(SHARED), "--out", str(tmp_path))
    assert res.returncode == 0, res.stdout + res.stderr
    shipped = sorted(p.name for p in history_layer_path().glob("*.csv"))
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == shipped
    for name in shipped:
        assert (tmp_path / name).read_bytes() == (history_layer_path() / name).read_bytes(), name


def test_shipped_parameters_rebuild_byte_for_byte(tmp_path):
    fit_date = json.loads(PARAMS_PATH.read_text())["fit_date"]
    out = tmp_path / "params.json"
    res = fairweather("model", "fit", "--reference", str(SHARED), "--out", str(out), "--fit-date", fit_date)
    assert res.returncode == 0, res.stdout + res.stderr
    assert out.read_bytes() == PARAMS_PATH.read_bytes()
