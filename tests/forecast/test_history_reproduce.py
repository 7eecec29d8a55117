"""The shipped history layer and model parameters rebuild byte for byte from the publishers' files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.forecast import PARAMS_PATH
from fairweather.history_layer import history_layer_path

SHARED = Path(__file__).parents[3] / "shared" / "data"
runner = CliRunner()

pytestmark = [
    pytest.mark.reference,
    pytest.mark.slow,
    pytest.mark.skipif(not (SHARED / "cow_mid5_midb_participants.csv").is_file(),
                       reason=f"the publishers' files are not at {SHARED} (see ../shared/data/README.md)"),
]


def test_history_layer_rebuilds_byte_for_byte(tmp_path):
    res = runner.invoke(app, ["data", "build-history", "--reference", str(SHARED), "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    shipped = sorted(p.name for p in history_layer_path().glob("*.csv"))
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == shipped
    for name in shipped:
        assert (tmp_path / name).read_bytes() == (history_layer_path() / name).read_bytes(), name


def test_shipped_parameters_rebuild_byte_for_byte(tmp_path):
    fit_date = json.loads(PARAMS_PATH.read_text())["fit_date"]
    out = tmp_path / "params.json"
    res = runner.invoke(app, ["model", "fit", "--reference", str(SHARED), "--out", str(out), "--fit-date", fit_date])
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == PARAMS_PATH.read_bytes()
