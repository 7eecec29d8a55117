"""``fairweather data import`` and ``fairweather backtest --reference`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairweather.cli import app

FIX = Path(__file__).parent / "fixtures" / "history"
runner = CliRunner()


def test_data_import_reports_rows_per_dataset_and_table():
    res = runner.invoke(app, ["data", "import", "--reference", str(FIX), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    got = {(r["dataset"], r["table"]): r["rows"] for r in rows}
    assert got[("cow-mid-5.0", "crises")] == 1
    assert got[("ucdp-esd-18.1", "responses")] == 2


def test_data_import_one_dataset_into_a_db_file(tmp_path):
    db = tmp_path / "h.duckdb"
    res = runner.invoke(app, ["data", "import", "cow_mid", "--reference", str(FIX), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "cow-mid-5.0" in res.stdout and "ucdp" not in res.stdout


def test_data_import_errors_name_the_problem(tmp_path):
    res = runner.invoke(app, ["data", "import", "--reference", str(tmp_path / "nowhere")])
    assert res.exit_code == 2
    assert "not a folder" in res.output
    res = runner.invoke(app, ["data", "import", "cow_alliance", "--reference", str(FIX)])
    assert res.exit_code == 2 and "unknown dataset" in res.output


def test_backtest_with_reference_scores_every_family():
    res = runner.invoke(app, ["backtest", "--reference", str(FIX), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    methods = {(r["split"], r["method"]) for r in rows}
    assert ("evaluation 2020+", "model (history + pack)") in methods
    assert ("evaluation 2020+", "base_rate") in methods
    assert all("auc_ge3" in r and "cal_slope_ge3" in r for r in rows)
