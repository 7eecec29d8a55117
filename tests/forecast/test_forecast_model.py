"""The ordered logit: recovery of known coefficients, determinism, probability laws, estimator conventions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fairweather.errors import ModelError, NotFittedError
from fairweather.forecast import SupportModel


def simulate(n=2000, seed=7):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    beta = np.array([1.2, -0.7, 0.0])
    cuts = np.array([-1.0, 0.0, 0.8, 1.8, 3.0])
    y = np.searchsorted(cuts, X @ beta + rng.logistic(size=n))
    return pd.DataFrame(X, columns=["a", "b", "c"]), y, beta, cuts


def test_recovers_known_coefficients_on_simulated_ordinal_data():
    X, y, beta, cuts = simulate()
    m = SupportModel(alpha=1e-4).fit(X, y)
    sd, mu = X.std(ddof=0).to_numpy(), X.mean().to_numpy()
    raw = m.coef_ / sd  # back to the raw scale
    assert raw == pytest.approx(beta, abs=0.12)
    shift = (m.coef_ * mu / sd).sum()
    assert m.cutpoints_ + shift == pytest.approx(cuts, abs=0.2)
    ci = m.results_.conf_int()
    lower, upper = ci["lower"].iloc[:3].to_numpy(), ci["upper"].iloc[:3].to_numpy()
    assert (lower < beta * sd).all()  # no interval lies wholly above the truth (two-sided coverage below)
    # the signs of the two real effects are recovered: their 95% intervals exclude 0 on the right side
    assert lower[0] > 0 and upper[1] < 0 and lower[2] < 0 < upper[2]
    inside = [(lo <= b * s <= hi) for lo, hi, b, s in zip(ci["lower"][:3], ci["upper"][:3], beta, sd)]
    assert sum(inside) >= 2


def test_fit_is_deterministic():
    X, y, *_ = simulate(500)
    a = SupportModel(seed=3).fit(X, y)
    b = SupportModel(seed=3).fit(X, y)
    assert np.array_equal(a.theta_, b.theta_) and np.array_equal(a.cov_, b.cov_)
    assert np.array_equal(a.predict_interval(X[:5])[0], b.predict_interval(X[:5])[0])


def test_probabilities_sum_to_one_and_cumulative_is_non_increasing():
    X, y, *_ = simulate(400)
    m = SupportModel().fit(X, y)
    Xt = pd.DataFrame(np.random.default_rng(1).normal(scale=5, size=(200, 3)), columns=X.columns)
    P = m.predict_proba(Xt)
    assert P.shape == (200, 6) and np.allclose(P.sum(axis=1), 1.0) and (P >= 0).all()
    G = m.predict_cumulative(Xt)
    assert (np.diff(G, axis=1) <= 1e-12).all()
    assert np.allclose(G.sum(axis=1), m.predict_expected(Xt))
    assert np.allclose(G, P[:, ::-1].cumsum(axis=1)[:, ::-1][:, 1:])
    lo, hi = m.predict_interval(Xt)
    assert (lo <= hi).all() and (lo >= 0).all() and (hi <= 5).all()


def test_contributions_add_up_to_the_linear_predictor():
    X, y, *_ = simulate(300)
    m = SupportModel().fit(X, y)
    C = m.contributions(X)
    assert np.array_equal(m.intercept_ + C.sum(axis=1), m.decision_function(X))


def test_missing_train_mean_values_contribute_nothing():
    X, y, *_ = simulate(300)
    m = SupportModel().fit(X, y)
    Xn = X.iloc[:2].copy()
    Xn.iloc[:, 0] = np.nan
    assert (m.contributions(Xn)[:, 0] == 0).all()


def test_empty_levels_keep_cutpoints_finite():
    X, y, *_ = simulate(300)
    y = np.minimum(y, 2)  # levels 3..5 never seen
    m = SupportModel().fit(X, y)
    assert np.isfinite(m.cutpoints_).all() and (np.diff(m.cutpoints_) > 0).all()


def test_unfitted_model_and_bad_params_raise():
    X, y, *_ = simulate(50)
    with pytest.raises(NotFittedError):
        SupportModel().predict_proba(X)
    with pytest.raises(ModelError, match="alpha"):
        SupportModel(alpha=-1.0).fit(X, y)
    with pytest.raises(ModelError, match="levels"):
        SupportModel().fit(X, y + 10)


def test_estimator_conventions():
    m = SupportModel(alpha=2.0)
    assert m.get_params()["alpha"] == 2.0 and not hasattr(m, "coef_")
    X, y, *_ = simulate(100)
    assert m.fit(X, y) is m
    assert list(m.feature_names_in_) == ["a", "b", "c"] and m.n_features_in_ == 3
    res = m.results_
    assert list(res.params.index[:3]) == ["a", "b", "c"] and len(res.bse) == 8
    assert set(res.conf_int().columns) == {"lower", "upper"}
    s = res.summary()
    assert "ordered logit" in s.as_text() and "<table" in s.as_html()


@pytest.mark.parametrize("make", ["model", "base_rate", "treaty_llm2000", "treaty_bf2018"])
def test_every_estimator_follows_the_same_contract(make, training):
    """One conformance test over the model and the baselines: fit returns self, rows are distributions."""
    from fairweather.forecast import make_baselines

    X, y, _ = training
    est = SupportModel() if make == "model" else {b.name: b for b in make_baselines()}[make]
    with pytest.raises(NotFittedError):
        est.predict_proba(X.iloc[:3])
    assert est.fit(X, y) is est
    P = est.predict_proba(X)
    assert P.shape == (len(X), 6) and np.allclose(P.sum(axis=1), 1) and (P > 0).all()
