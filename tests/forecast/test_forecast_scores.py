"""AUC and logistic recalibration (slope, intercept) of the backtest's binary events."""

from __future__ import annotations

import warnings
from itertools import product

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, logit

from fairweather.forecast._backtest import EXTRA_METRICS, METRICS, _scores, auc, calibration_fit, score_frame


def _brute_auc(p, y):
    pos, neg = p[y == 1], p[y == 0]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a, b in product(pos, neg))
    return wins / (len(pos) * len(neg))


def test_auc_hand_computed_with_ties():
    # positives 0.8, 0.4, 0.4; negatives 0.4, 0.1
    # pairs: (0.8 > 0.4) 1, (0.8 > 0.1) 1, (0.4 = 0.4) .5, (0.4 > 0.1) 1, twice -> 1 + 1 + 2 * 1.5 = 5 of 6
    p = np.array([0.8, 0.4, 0.4, 0.4, 0.1])
    y = np.array([1, 1, 1, 0, 0])
    assert auc(p, y) == pytest.approx(5 / 6)
    assert auc(np.full(4, 0.3), np.array([0, 1, 0, 1])) == pytest.approx(0.5)  # all tied


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_auc_matches_brute_force_pair_count(seed):
    rng = np.random.default_rng(seed)
    n = 60
    p = np.round(rng.uniform(size=n), 1)  # rounding makes many ties
    y = (rng.uniform(size=n) < p).astype(int)
    assert 0 < y.sum() < n
    assert auc(p, y) == pytest.approx(_brute_auc(p, y))


def test_auc_separated_and_reversed():
    p = np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9])
    y = np.array([0, 0, 0, 1, 1, 1])
    assert auc(p, y) == 1.0
    assert auc(p, 1 - y) == 0.0


@pytest.mark.parametrize(("a", "b"), [(0.5, 0.6), (-0.4, 1.5), (0.0, 1.0)])
def test_calibration_recovers_known_slope_and_intercept(a, b):
    rng = np.random.default_rng(20250613)
    n = 20000
    p = expit(rng.normal(-0.5, 1.5, size=n))
    y = (rng.uniform(size=n) < expit(a + b * logit(p))).astype(int)
    slope, intercept = calibration_fit(p, y)
    assert slope == pytest.approx(b, abs=0.1)
    assert intercept == pytest.approx(a, abs=0.1)


def test_perfectly_calibrated_gives_slope_one_intercept_zero():
    rng = np.random.default_rng(7)
    p = rng.uniform(0.02, 0.98, size=20000)
    y = (rng.uniform(size=p.size) < p).astype(int)
    slope, intercept = calibration_fit(p, y)
    assert slope == pytest.approx(1.0, abs=0.1)
    assert intercept == pytest.approx(0.0, abs=0.1)


def test_extreme_probabilities_are_clipped():
    rng = np.random.default_rng(3)
    p = rng.uniform(size=2000)
    p[:20] = 0.0
    p[20:40] = 1.0
    y = (rng.uniform(size=p.size) < p).astype(int)
    y[0], y[20] = 1, 0  # outcomes a clipped-at-1e-6 forecast got wrong
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        slope, intercept = calibration_fit(p, y)
    assert np.isfinite(slope) and np.isfinite(intercept)


def test_one_class_and_separated_give_nan_without_warnings():
    p = np.array([0.1, 0.5, 0.9, 0.3])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for y in (np.zeros(4, int), np.ones(4, int)):
            assert np.isnan(auc(p, y))
            assert all(np.isnan(calibration_fit(p, y)))
        assert all(np.isnan(calibration_fit(np.array([0.1, 0.2, 0.8, 0.9]), np.array([0, 0, 1, 1]))))  # separated
        assert all(np.isnan(calibration_fit(np.full(4, 0.3), np.array([0, 1, 0, 1]))))  # constant forecast
        assert np.isnan(auc(np.array([]), np.array([])))
        # all rows at level < 3: both events have one class
        P = np.zeros((5, 6))
        P[:, 0], P[:, 4] = 0.6, 0.4
        sc = _scores(P, np.array([0, 1, 2, 0, 1]))
    assert all(np.isnan(sc[m]) for m in EXTRA_METRICS)
    assert np.isfinite(sc["rps"]) and np.isfinite(sc["brier_ge3"])


def test_scores_have_extra_keys_and_frames_keep_default_columns():
    rng = np.random.default_rng(11)
    n = 400
    P = rng.dirichlet(np.ones(6), size=n)
    y = np.array([rng.choice(6, p=row) for row in P])
    sc = _scores(P, y)
    assert set(EXTRA_METRICS) <= set(sc) and not set(EXTRA_METRICS) & set(METRICS)
    ge3 = P[:, 3:].sum(axis=1)
    assert sc["auc_ge3"] == pytest.approx(auc(ge3, y >= 3))
    assert (sc["cal_slope_ge3"], sc["cal_intercept_ge3"]) == pytest.approx(calibration_fit(ge3, y >= 3))
    assert sc["auc_ge3"] > 0.5 and sc["cal_slope_ge3"] == pytest.approx(1, abs=0.5)
    pred = pd.DataFrame({"split": "s", "method": "model", "level": y, **{f"p_level_{k}": P[:, k] for k in range(6)}})
    assert list(score_frame(pred).columns) == ["split", "method", "n", *METRICS]
    assert list(score_frame(pred, extended=True).columns) == ["split", "method", "n", *METRICS, *EXTRA_METRICS]


def test_backtest_frames_expose_extra_metrics_but_skill_does_not(synth_store):
    from fairweather.forecast import backtest

    res = backtest(synth_store, min_train_crises=50)
    assert list(res.scores().columns) == ["split", "method", "n", *METRICS]
    ext = res.scores(extended=True)
    assert list(ext.columns) == ["split", "method", "n", *METRICS, *EXTRA_METRICS]
    assert list(res.evaluation(extended=True).columns) == list(ext.columns)
    assert (res.evaluation(extended=True)["split"] == "evaluation 2020+").all()
    model = ext[ext["method"] == "model"]
    assert model[["auc_ge3", "auc_ge4"]].notna().all().all()
    assert ((model[["auc_ge3", "auc_ge4"]] >= 0) & (model[["auc_ge3", "auc_ge4"]] <= 1)).all().all()
    # one fit for the evaluation split: the base rate is a constant forecast there, its slope has no estimate
    ev = res.evaluation(extended=True)
    assert ev.loc[ev["method"] == "base_rate", ["cal_slope_ge3", "cal_intercept_ge3"]].isna().all().all()
    assert set(res.skill()["metric"]) == set(METRICS)
