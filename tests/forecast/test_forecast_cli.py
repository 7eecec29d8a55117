"""The forecast commands through typer's CliRunner: output formats, predict's error rows, model fit/show."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from fairweather.cli import app

from .conftest import SYNTH

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_help_lists_the_commands_and_examples():
    out = invoke("--help").output
    for cmd in ("forecast", "predict", "backtest", "model"):
        assert cmd in out
    h = invoke("forecast", "--help").output
    assert "--assume" in h and "RUS.at_war_with=none" in h and "Examples" in h


def test_forecast_json(params_file):
    r = invoke("forecast", "--target", "IRN", "--attackers", "ISR,USA", "--date", "2025-06-13", "--partners", "RUS,CHN",
               "--format", "json", "--pack", str(SYNTH), "--params", str(params_file))
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    rows = out["forecast"]
    assert {x["partner"] for x in rows} == {"RUS", "CHN"}
    assert all(0 <= x["expected_level"] <= 5 and x["p_ge_1"] >= x["p_ge_2"] for x in rows)
    assert out["scenario"] == {"target": "IRN", "attackers": ["ISR", "USA"], "date": "2025-06-13",
                               "partners": ["RUS", "CHN"], "assume": []}
    assert out["compare"] is None and {c["partner"] for c in out["contributions"]} == {"RUS", "CHN"}
    # the contributions add up to each row's linear predictor
    for x in rows:
        total = sum(c["contribution"] for c in out["contributions"] if c["partner"] == x["partner"])
        assert abs(total - x["linear_predictor"]) < 1e-6


def test_forecast_machine_output_keeps_the_what_if(params_file):
    """Issue 14 item 9: with --assume, json and csv carried neither the baseline nor the change."""
    args = ["forecast", "-t", "IRN", "-a", "ISR,USA", "-d", "2025-06-13", "-p", "RUS,CHN", "--assume", "RUS>IRN.defense=1",
            "--pack", str(SYNTH), "--params", str(params_file)]
    js = json.loads(invoke(*args, "--format", "json").stdout)
    assert js["scenario"]["assume"] == ["RUS>IRN.defense=1"]
    rus = next(x for x in js["forecast"] if x["partner"] == "RUS")
    assert abs(rus["expected_level"] - rus["expected_level_base"] - rus["delta"]) < 1e-9
    assert [c["partner"] for c in js["compare"]] and rus["assumptions"] == "RUS>IRN.defense=1"
    csv_rows = invoke(*args, "--format", "csv").stdout.splitlines()
    head = csv_rows[0].split(",")
    assert {"expected_level_base", "delta", "p_ge_3_base", "assumptions"} <= set(head) and len(csv_rows) == 3


def test_forecast_table_with_assumptions(params_file):
    r = invoke("forecast", "-t", "IRN", "-a", "ISR,USA", "-d", "2025-06-13", "-p", "RUS", "--assume", "RUS>IRN.defense=1",
               "--pack", str(SYNTH), "--params", str(params_file))
    assert r.exit_code == 0, r.output
    assert "What-if" in r.output and "RUS" in r.output


def test_forecast_errors_are_friendly(params_file):
    r = runner.invoke(app, ["forecast", "-t", "Narnia", "-a", "USA", "-d", "2025-06-13", "--pack", str(SYNTH), "--params", str(params_file)])
    assert r.exit_code == 2 and "Narnia" in r.output
    r = runner.invoke(app, ["forecast", "-t", "IRN", "-a", "USA", "-d", "2025-13-40", "--pack", str(SYNTH), "--params", str(params_file)])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
    r = runner.invoke(app, ["forecast", "-t", "IRN", "-a", "USA", "-d", "2025-06-13", "--assume", "RUS.bogus=1",
                            "--pack", str(SYNTH), "--params", str(params_file)])
    assert r.exit_code == 2 and "bogus" in r.output


def test_predict_scores_good_rows_and_flags_bad_ones(params_file, tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "crisis_id,start_date,target,attackers,supporter\n"
        "c1,2025-06-13,IRN,ISR;USA,RUS\n"
        "c1,2025-06-13,Iran,Israel;United States,China\n"
        "c2,2025-06-13,Narnia,USA,RUS\n"
        "c3,2025-02-30,IRN,USA,RUS\n"
        "c4,1901-01-01,IRN,USA,RUS\n"
        "c5,2025-06-13,IRN,USA,USA\n"
        "c6,2022-02-24,UKR,RUS,NZL\n"
        "c7,,IRN,USA,RUS\n"
    )
    out = tmp_path / "scored.csv"
    r = runner.invoke(app, ["predict", "--cases", str(cases), "--out", str(out), "--pack", str(SYNTH), "--params", str(params_file)])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out, keep_default_na=False)
    assert list(df.columns[:5]) == ["crisis_id", "start_date", "target", "attackers", "supporter"]
    assert {"p_ge_1", "p_ge_5", "expected_level", "error"} <= set(df.columns)
    assert (df["error"].iloc[:2] == "").all() and all(df["p_ge_1"].iloc[:2].astype(float) > 0)
    assert (df["error"].iloc[2:] != "").all()
    assert "Narnia" in df["error"].iloc[2] and "coverage" in df["error"].iloc[4]
    assert df["target"].iloc[1] == "Iran"  # input rows kept as written


def test_predict_refuses_a_table_without_the_columns(params_file, tmp_path):
    cases = tmp_path / "bad.csv"
    cases.write_text("a,b\n1,2\n")
    out = tmp_path / "o.csv"
    r = runner.invoke(app, ["predict", "--cases", str(cases), "--out", str(out), "--pack", str(SYNTH), "--params", str(params_file)])
    assert r.exit_code == 2 and "columns" in r.output and not out.exists()


def test_backtest_json():
    r = invoke("backtest", "--format", "json", "--pack", str(SYNTH))
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert {x.get("split") for x in rows if x["table"] == "scores"} == {"rolling origin", "evaluation 2020+"}


def test_model_fit_and_show(tmp_path, params_file):
    out = tmp_path / "p.json"
    r = invoke("model", "fit", "--pack", str(SYNTH), "--out", str(out), "--fit-date", "2026-11-21")
    assert r.exit_code == 0, r.output
    assert out.read_bytes() == params_file.read_bytes()
    r = invoke("model", "show", "--params", str(out))
    assert r.exit_code == 0 and "ordered logit" in r.output and "defense" in r.output


def test_model_features_lists_the_registry(params_file):
    from fairweather.features import FEATURES

    r = invoke("model", "features", "--params", str(params_file), "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [x["feature"] for x in rows] == list(FEATURES) and all(x["coef"] is not None for x in rows)


def test_history_backtest_table_fits_80_columns_and_names_every_baseline(monkeypatch):
    """The history backtest's tables, on the small publishers'-format fixtures: every line within 80
    columns, both splits, both thresholds, and skill against the base rate and both treaty rules."""
    from .conftest import HISTORY_FIXTURES

    monkeypatch.setenv("COLUMNS", "80")
    res = runner.invoke(app, ["backtest", "--history", "--reference", str(HISTORY_FIXTURES)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    text = res.output
    for needle in ("rolling origin", "evaluation 2020+", "level >= 3", "level >= 4", "intercept", "log loss"):
        assert needle in text
    skill = [line for line in lines if line.strip().startswith("pooled ") and line.rstrip().endswith("%")]
    for baseline in ("base rate", "treaty 22%", "treaty 74.5%"):
        assert sum(f" {baseline} " in line for line in skill) == 2  # one row per split


def test_an_empty_date_is_named_by_its_option():
    """Found by the type checker: --date '' reached the scenario as None ('got None')."""
    res = runner.invoke(app, ["forecast", "--target", "IRN", "--attackers", "ISR", "--date", ""])
    assert res.exit_code == 2 and "--date must be a date written YYYY-MM-DD" in res.stderr and "None" not in res.stderr
