"""Interval-censored levels in the ordered logit: likelihood, gradient, recovery, validation, a statsmodels reference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import expit

from fairweather.errors import ModelError
from fairweather.forecast import SupportModel

BETA = np.array([1.0, -0.8, 0.5])
CUTS = np.array([-1.0, 0.0, 0.8, 1.8, 3.0])


def simulate(n, seed):
    """Ordinal levels 0..5 from the latent logistic model with ``BETA`` and ``CUTS``; also returns the Generator."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    y = np.searchsorted(CUTS, X @ BETA + rng.logistic(size=n))
    return pd.DataFrame(X, columns=["a", "b", "c"]), y, rng


def censor_low_half(y, rng):
    """Levels 0..2 of a random half of the rows become the interval [0, 2]."""
    cens = (rng.random(len(y)) < 0.5) & (y <= 2)
    return np.where(cens, 0, y), np.where(cens, 2, y), cens


def interval_loglike(eta, cuts, lo, hi):
    """sum_i log P(lo_i <= level <= hi_i), written out independently of the model code."""
    cext = np.concatenate([[-np.inf], cuts, [np.inf]])
    return float(np.sum(np.log(expit(cext[hi + 1] - eta) - expit(cext[lo] - eta))))


def test_analytic_gradient_with_censored_rows_matches_finite_differences():
    rng = np.random.default_rng(5)
    n, p = 60, 3
    Z = rng.normal(size=(n, p))
    intervals = [(0, 0), (3, 3), (5, 5), (0, 2), (4, 5), (1, 3), (0, 5), (2, 4), (0, 4), (1, 5)]
    lo, hi = (np.array(v) for v in zip(*[intervals[i % len(intervals)] for i in range(n)]))
    m = SupportModel(alpha=0.7, cutpoint_scale=3.0)
    theta = np.concatenate([rng.normal(scale=0.8, size=p), [-1.2], np.log([0.7, 0.9, 0.5, 1.1])])
    f, g = m._objective(theta, Z, lo, hi)
    h = 1e-6
    num = np.array([(m._objective(theta + h * e, Z, lo, hi)[0] - m._objective(theta - h * e, Z, lo, hi)[0]) / (2 * h)
                    for e in np.eye(len(theta))])
    assert np.all(np.abs(g) > 1e-3)  # every component is exercised, none trivially zero
    assert g == pytest.approx(num, rel=1e-5, abs=1e-7)
    # and the objective is the censored likelihood plus the priors
    cuts = theta[p] + np.concatenate([[0.0], np.cumsum(np.exp(theta[p + 1:]))])
    prior = 0.5 * 0.7 * theta[:p] @ theta[:p] + 0.5 * cuts @ cuts / 9.0
    assert f == pytest.approx(-interval_loglike(Z @ theta[:p], cuts, lo, hi) + prior, rel=1e-12)


def test_censored_fit_recovers_the_uncensored_fit_while_coding_censored_as_zero_is_biased():
    X, y, rng = simulate(6000, seed=2)
    lo, hi, cens = censor_low_half(y, rng)
    assert 0.15 < cens.mean() < 0.35  # about half of the ~50% of rows at levels 0..2
    full = SupportModel(alpha=1e-4).fit(X, y)
    cen = SupportModel(alpha=1e-4).fit(X, lo, y_max=hi)
    wrong = SupportModel(alpha=1e-4).fit(X, lo)  # the censored rows wrongly taken as level 0
    assert cen.converged_ and cen.n_censored_ == cens.sum() and cen.nobs_ == len(y)
    assert list(cen.level_counts_) == list(np.bincount(y[~cens], minlength=6))

    sd = X.std(ddof=0).to_numpy()
    assert cen.coef_ / sd == pytest.approx(BETA, abs=0.1)  # about 3 standard errors
    assert np.abs(cen.coef_ - full.coef_).max() < 0.05
    assert np.abs(cen.cutpoints_ - full.cutpoints_).max() < 0.15

    # coding censored rows as 0 inflates level 0: the first cutpoints move far up, the effects shrink
    assert wrong.cutpoints_[0] - full.cutpoints_[0] > 0.5 and wrong.cutpoints_[1] - full.cutpoints_[1] > 0.2
    assert (np.abs(wrong.coef_) < np.abs(full.coef_)).all()
    th = lambda m: np.concatenate([m.coef_, m.cutpoints_])  # noqa: E731
    assert np.linalg.norm(th(cen) - th(full)) < 0.25 * np.linalg.norm(th(wrong) - th(full))


def test_loglike_is_the_interval_censored_log_likelihood():
    X, y, rng = simulate(800, seed=3)
    lo, hi, _ = censor_low_half(y, rng)
    hi = np.where(lo == 4, 5, hi)  # and every 4 is only known as "4 or 5"
    m = SupportModel().fit(X, lo, y_max=hi)
    eta = m.decision_function(X)
    assert m.loglike_ == pytest.approx(interval_loglike(eta, m.cutpoints_, lo, hi), rel=1e-10)
    assert m.loglike_ > interval_loglike(eta, m.cutpoints_, lo, lo)  # an interval is likelier than its lower end
    assert "Censored rows" in m.results_.summary().as_text()


def test_censored_fit_matches_an_independent_maximum_likelihood_fit():
    X, y, rng = simulate(1500, seed=4)
    lo, hi, _ = censor_low_half(y, rng)
    hi = np.where(lo >= 4, 5, hi)
    m = SupportModel(alpha=1e-8, cutpoint_scale=1e6, z_clip=1e6).fit(X, lo, y_max=hi)
    Z = m.standardize(X)

    def nll(t):
        cuts = np.cumsum(np.concatenate([[t[3]], np.exp(t[4:])]))
        return -interval_loglike(Z @ t[:3], cuts, lo, hi)

    ref = minimize(nll, np.array([0, 0, 0, -1.0, 0, 0, 0, 0]), method="BFGS", options={"gtol": 1e-8})
    assert nll(m.theta_) <= ref.fun + 1e-6  # ours is (at least) as good a maximum of the plain likelihood
    cuts = np.cumsum(np.concatenate([[ref.x[3]], np.exp(ref.x[4:])]))
    assert m.coef_ == pytest.approx(ref.x[:3], abs=1e-4)
    assert m.cutpoints_ == pytest.approx(cuts, abs=1e-4)


def test_every_row_censored_still_fits():
    X, y, rng = simulate(3000, seed=6)
    # every level seen only as a pair, randomly {y-1, y} or {y, y+1}, so each cutpoint is some row's edge
    lo = np.clip(y - rng.integers(0, 2, size=len(y)), 0, 4)
    hi = lo + 1
    assert ((lo <= y) & (y <= hi)).all()
    m = SupportModel(alpha=1e-4).fit(X, lo, y_max=hi)
    assert m.converged_ and m.n_censored_ == len(y) and m.level_counts_.sum() == 0
    assert np.isfinite(m.cutpoints_).all() and (np.diff(m.cutpoints_) > 0).all()
    assert np.isfinite(m.cov_).all()
    assert m.coef_ / X.std(ddof=0).to_numpy() == pytest.approx(BETA, abs=0.15)


def test_uninformative_rows_change_nothing():
    X, y, rng = simulate(1500, seed=8)
    extra = pd.DataFrame(rng.normal(loc=3.0, scale=10.0, size=(300, 3)), columns=X.columns)
    X2 = pd.concat([X, extra], ignore_index=True)
    lo2 = np.concatenate([y, np.zeros(300, dtype=int)])
    hi2 = np.concatenate([y, np.full(300, 5)])
    base = SupportModel().fit(X, y)
    more = SupportModel().fit(X2, lo2, y_max=hi2)
    assert more.nobs_ == 1800 and more.n_censored_ == 300
    # same rows, so the same mean and scale (up to summation order)
    assert more.mean_ == pytest.approx(base.mean_, rel=1e-12) and more.scale_ == pytest.approx(base.scale_, rel=1e-12)
    assert more.coef_ == pytest.approx(base.coef_, abs=1e-8)
    assert more.cutpoints_ == pytest.approx(base.cutpoints_, abs=1e-8)
    assert more.loglike_ == pytest.approx(base.loglike_, abs=1e-8)
    assert list(more.level_counts_) == list(base.level_counts_)


def test_exact_path_is_unchanged_by_passing_y_max_equal_to_y():
    X, y, _ = simulate(700, seed=9)
    a = SupportModel().fit(X, y)
    b = SupportModel().fit(X, y, y_max=y)
    c = SupportModel().fit(X, y, y_max=list(y))
    for m in (b, c):
        assert np.array_equal(a.theta_, m.theta_) and np.array_equal(a.cov_, m.cov_)
        assert a.loglike_ == m.loglike_ and a.n_iter_ == m.n_iter_
        assert m.n_censored_ == 0 and list(m.level_counts_) == list(a.level_counts_)
    assert a.n_censored_ == 0


def test_bad_censoring_inputs_raise():
    X, y, _ = simulate(50, seed=10)
    y = np.minimum(y, 3)
    lo, hi = y.copy(), y.copy()
    lo[7], hi[7] = 3, 1
    with pytest.raises(ModelError, match=r"y must be <= y_max in every row\. Got y > y_max in 1 rows \(first: row 7"):
        SupportModel().fit(X, lo, y_max=hi)
    with pytest.raises(ModelError, match="y_max must be a 1-dimensional array of the same length as y"):
        SupportModel().fit(X, y, y_max=y[:-1])
    with pytest.raises(ModelError, match=r"y_max must hold support levels 0\.\.5\. Got values .*6"):
        SupportModel().fit(X, y, y_max=y + 3)
    with pytest.raises(ModelError, match="y_max must hold support levels"):
        SupportModel().fit(X, y, y_max=y + 0.5)
    with pytest.raises(ModelError, match="levels 0..5"):
        SupportModel().fit(X, y - 1, y_max=y)
    with pytest.raises(ModelError, match="y_max"):
        SupportModel().fit(X, y, y_max=np.tile(y, (2, 1)))


def test_reference_fit_matches_statsmodels_ordered_logit():
    pytest.importorskip("statsmodels")
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    rng = np.random.default_rng(11)
    raw = rng.normal(size=(3000, 3)) * [1.0, 2.0, 0.5] + [0.3, -1.0, 2.0]
    Xs = (raw - raw.mean(axis=0)) / raw.std(axis=0, ddof=0)  # our internal standardization is then the identity
    y = np.searchsorted(CUTS, Xs @ BETA + rng.logistic(size=len(Xs)))
    assert set(y) == set(range(6))  # statsmodels takes the levels from the data
    m = SupportModel(alpha=1e-8, cutpoint_scale=1e6, z_clip=1e6).fit(Xs, y)
    assert m.mean_ == pytest.approx(0, abs=1e-12) and m.scale_ == pytest.approx(1, abs=1e-12)
    sm = OrderedModel(y, Xs, distr="logit")
    res = sm.fit(method="bfgs", disp=False)
    assert res.mle_retvals["converged"]
    cuts = sm.transform_threshold_params(res.params)[1:-1]  # drops the -inf and +inf ends
    assert m.coef_ == pytest.approx(res.params[:3], abs=1e-4)
    assert m.cutpoints_ == pytest.approx(cuts, abs=1e-4)
    assert m.loglike_ == pytest.approx(res.llf, abs=1e-4)


def test_unpenalized_feature_escapes_a_strong_prior_that_shrinks_the_others():
    """Under alpha=1000 an ordinary coefficient is shrunk towards 0; a feature named in ``unpenalized``
    keeps (nearly) its maximum-likelihood size, and the others are shrunk as before."""
    X, y, _ = simulate(3000, seed=11)
    free = SupportModel(alpha=1e-6).fit(X, y, compute_cov=False)
    strong = SupportModel(alpha=1000.0).fit(X, y, compute_cov=False)
    mixed = SupportModel(alpha=1000.0, unpenalized=("a",)).fit(X, y, compute_cov=False)
    assert abs(strong.coef_[0]) < 0.6 * abs(free.coef_[0])
    # (not exactly: shrinking the others attenuates it a little, as omitting them would in a logit)
    assert abs(mixed.coef_[0]) > 0.85 * abs(free.coef_[0])
    assert abs(mixed.coef_[0]) > 1.4 * abs(strong.coef_[0])
    assert abs(mixed.coef_[1]) < 0.6 * abs(free.coef_[1])
    # the objective carries the weak precision for "a" and alpha for the others
    m = mixed
    p = 3
    theta = m.theta_
    Z = m.standardize(X)
    f, g = m._objective(theta, Z, y)
    h = 1e-6
    num = np.array([(m._objective(theta + h * e, Z, y)[0] - m._objective(theta - h * e, Z, y)[0]) / (2 * h)
                    for e in np.eye(len(theta))])
    assert g == pytest.approx(num, rel=1e-4, abs=1e-5)
    assert m._precision(p).tolist() == [0.01, 1000.0, 1000.0]


def test_unpenalized_round_trips_through_params_and_is_validated(tmp_path):
    from fairweather.forecast._params import model_from_dict, model_to_dict

    X, y, _ = simulate(400, seed=3)
    m = SupportModel(alpha=30.0, unpenalized=("b",)).fit(X, y, compute_cov=False)
    back = model_from_dict(model_to_dict(m, {}))
    assert back.unpenalized == ("b",)
    assert back.predict_proba(X) == pytest.approx(m.predict_proba(X))
    # a model without the option records no such key (older parameter files keep their bytes)
    assert "unpenalized" not in model_to_dict(SupportModel(alpha=30.0).fit(X, y, compute_cov=False), {})["hyperparameters"]
    with pytest.raises(ModelError, match="unpenalized"):
        SupportModel(unpenalized=(1, 2)).fit(X, y)
