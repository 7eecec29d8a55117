"""The backtest: folds only look back, the evaluation split is separate, scores are sane."""

from __future__ import annotations

import numpy as np
import pytest

from fairweather.forecast import METRICS, BacktestResult, backtest
from fairweather.forecast._backtest import _scores


@pytest.fixture(scope="module")
def results(synth_store):
    return backtest(synth_store)


def test_folds_train_only_on_earlier_years(results):
    assert isinstance(results, BacktestResult)
    f = results.folds
    assert len(f) > 5 and f["year"].max() <= 2019
    assert (f["train_crises"] >= 15).all()
    rolling = results.predictions[results.predictions["split"] == "rolling origin"]
    assert set(rolling["year"]) == set(f["year"])


def test_scores_cover_every_method_and_split(results):
    s = results.scores()
    assert set(s["method"]) == {"model", "base_rate", "treaty_llm2000", "treaty_bf2018"}
    assert set(s["split"]) == {"rolling origin", "evaluation 2020+"}
    assert (s[list(METRICS)] > 0).all().all()
    ev = results.evaluation()
    assert (ev["split"] == "evaluation 2020+").all()
    sk = results.skill()
    assert set(sk["baseline"]) == {"base_rate", "treaty_llm2000", "treaty_bf2018"}
    cal = results.calibration()
    assert cal["n"].sum() == 2 * (results.predictions.query("split == 'rolling origin' and method == 'model'").shape[0])
    assert "Backtest" in results.summary().as_text()


def test_the_backtest_result_is_a_frame_of_its_predictions(results, check_result):
    check_result(results, rows=len(results.predictions), title="Backtest")
    assert results.to_frame().equals(results.predictions)
    info = dict(results.summary().info)
    model_rows = results.predictions[results.predictions["method"] == "model"]
    assert int(info["Rolling rows"]) == int((model_rows["split"] == "rolling origin").sum())
    assert int(info["Evaluation rows"]) == int((model_rows["split"] == "evaluation 2020+").sum())


def test_model_beats_the_base_rate_on_the_synthetic_pack(results):
    sk = results.skill().query("split == 'rolling origin' and baseline == 'base_rate' and metric == 'rps'")
    assert sk["skill"].iloc[0] > 0


def test_scoring_rules_on_known_cases():
    P = np.zeros((2, 6))
    P[0, 3] = 1.0
    P[1, 0] = 1.0
    perfect = _scores(P, np.array([3, 0]))
    assert perfect["rps"] == 0 and perfect["brier_ge3"] == pytest.approx(0, abs=1e-20)
    wrong = _scores(P, np.array([0, 5]))
    assert wrong["rps"] == pytest.approx((3 / 5 + 5 / 5) / 2)
    assert wrong["brier_ge3"] == pytest.approx(1.0)


def test_nested_alpha_chooses_inside_each_fold(synth_store):
    res = backtest(synth_store, min_train_crises=50, evaluation=False, nested_alpha=True)
    assert len(res.folds) >= 1 and res.settings["nested_alpha"]
    assert res.folds["alpha"].notna().all()
    assert set(res.scores()["split"]) == {"rolling origin"}
