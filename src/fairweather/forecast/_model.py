"""The support model: an ordered logit of the support level with a Gaussian prior.

Random-utility form: partner i's latent willingness is ``y* = x_i . beta + e_i``
with ``e_i`` standard logistic, and the level is ``k`` when
``c_k < y* <= c_{k+1}`` (``c_0 = -inf``, ``c_6 = +inf``; five cutpoints for the
six levels 0..5). So ``P(level <= k) = F(c_{k+1} - eta)`` with
``eta = x . beta`` and ``F`` the logistic CDF.

Outcomes may be interval-censored: a row known only to lie in ``lo..hi`` (a
partner with no material help recorded is "somewhere in 0..2"; some rows are
only "4 or 5") contributes ``P(lo <= level <= hi) = F(c_{hi+1} - eta) -
F(c_lo - eta)`` to the likelihood, never a guessed level. An exact row is the
case ``lo == hi``; a row ``0..5`` carries no information and is ignored.

Features are standardized with the training mean and standard deviation;
``beta`` has an independent ``N(0, 1/alpha)`` prior on that scale (ridge), the
cutpoints a weak ``N(0, cutpoint_scale^2)`` prior that keeps them finite when a
level is absent from the training rows. The posterior mode is found by L-BFGS
with the analytic gradient; its uncertainty by the Laplace approximation
(``theta ~ N(theta_hat, H^-1)``, ``H`` the Hessian of the negative log
posterior, by central differences of the analytic gradient).

There is no separate intercept: the cutpoints absorb it. ``intercept_`` is 0
and the linear predictor of a row is exactly the sum of its contributions
``coef_j * z_j``; ``eta = 0`` is a partner whose every feature sits at the
training mean. A missing value of a ``train_mean`` feature is imputed by that
mean (``z = 0``, contribution 0).

The 80% interval (``predict_interval``) is a credible interval of the
*expected level* under parameter uncertainty: the 10th and 90th percentiles
of ``E[level]`` over ``n_draws`` Laplace draws from a seeded Generator. It is
not the interval of the level a partner will choose (that spread is in the
level probabilities themselves).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from fairweather.errors import ModelError, NotFittedError
from fairweather.forecast._blas import _single_thread_blas
from fairweather.forecast._levels import N_LEVELS
from fairweather.forecast._ologit import (
    _expit,
    _cum_probs,
    _cuts,
    _is_pd,
    _probs,
    checked_outcomes,
    laplace_covariance,
    neg_log_posterior,
    numeric_hessian,
    standardization,
    start_values,
)
from fairweather.results import Summary

__all__ = ["SupportModel", "SupportResult", "Summary", "N_LEVELS"]

#: Prior precision of the ``unpenalized`` features' coefficients (standardized scale): weak, but keeps them identified.
WEAK_PRECISION = 0.01


class SupportModel:
    """Ordered logit of the support level (0-5) with a Gaussian (ridge) prior, scikit-learn style.

    Parameters
    ----------
    alpha
        Prior precision of each standardized coefficient (``beta_j ~ N(0, 1/alpha)``).
    cutpoint_scale
        Prior standard deviation of the cutpoints.
    n_draws
        Laplace draws used for the interval.
    interval
        Coverage of the interval of the expected level (0.8: 10th-90th percentile).
    seed
        Seed of the Generator that draws the parameters for the interval.
    monotonic_cst
        Monotone constraints, as scikit-learn's ``monotonic_cst``: a mapping from
        feature name to ``1`` (the coefficient is >= 0: the level can only rise with
        the feature), ``-1`` (<= 0) or ``0`` (free), names absent being free; or one
        integer per column. ``None`` (default): no constraint. The library's fits pass
        the signs theory expects (:func:`fairweather.features.registry.monotonic_cst`),
        which makes what-ifs monotone where theory says so (adding a defence pact
        never lowers help). The Laplace interval ignores the bounds.
    unpenalized
        Names of features whose coefficients get only a weak prior (precision
        :data:`WEAK_PRECISION` instead of ``alpha``). WHY: a design indicator (a
        curated crisis against a dataset's case, an armed group as attacker) says
        how a row was recorded, not why a partner helps; shrinking it to 0 under a
        strong prior forces the exactly coded crises onto the datasets' rates and
        leaves every forecast too low.
    z_clip
        Standardized values are clipped to ``[-z_clip, z_clip]``. WHY: some
        features are almost constant in the training rows (a handful of
        energy ties), and a partner 100 training SDs out would otherwise get an
        unbounded, unsupported extrapolation. The raw value is still reported.

    Attributes
    ----------
    coef_, cutpoints_, intercept_, mean_, scale_, cov_, feature_names_in_, n_features_in_,
    loglike_, n_iter_, converged_, nobs_, level_counts_
        Learned at ``fit`` (or loaded with :func:`~fairweather.forecast.load_model`).
        ``nobs_`` counts all rows, ``level_counts_`` the exact rows only, and
        ``loglike_`` is the (interval-censored) log-likelihood at the mode.
    n_censored_
        Rows fitted as an interval (``y < y_max``); set by ``fit`` only.

    Notes
    -----
    ``fit(X, y, y_max=...)`` takes interval-censored levels: row ``i`` is known
    to lie in ``y[i]..y_max[i]`` and enters the likelihood as
    ``F(c_{y_max+1} - eta) - F(c_y - eta)``. Without ``y_max`` (or with
    ``y_max == y``) the fit is the exact ordered logit, bit for bit.
    """

    #: What the parameter file records beside the parameters (training set, choice of family and prior), once fitted.
    meta_: dict[str, Any]

    _parameter_constraints: dict[str, tuple[type, float, float]] = {
        "alpha": (float, 0.0, math.inf),
        "cutpoint_scale": (float, 0.0, math.inf),
        "n_draws": (int, 1, 1_000_000),
        "interval": (float, 0.0, 1.0),
        "seed": (int, 0, 2**63),
        "z_clip": (float, 0.0, math.inf),
    }

    def __init__(self, alpha: float = 1.0, cutpoint_scale: float = 10.0, n_draws: int = 400,
                 interval: float = 0.8, seed: int = 20250613, monotonic_cst: Any = None,
                 z_clip: float = 5.0, unpenalized: Any = ()) -> None:
        self.alpha = alpha
        self.cutpoint_scale = cutpoint_scale
        self.n_draws = n_draws
        self.interval = interval
        self.seed = seed
        self.monotonic_cst = dict(monotonic_cst) if isinstance(monotonic_cst, Mapping) else (
            None if monotonic_cst is None else [int(v) for v in monotonic_cst])
        self.z_clip = z_clip
        self.unpenalized = tuple(unpenalized)

    # -- sklearn plumbing -------------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        params = {k: getattr(self, k) for k in self._parameter_constraints}
        if self.monotonic_cst is not None:
            params["monotonic_cst"] = (dict(self.monotonic_cst) if isinstance(self.monotonic_cst, dict)
                                       else list(self.monotonic_cst))
        if self.unpenalized:  # only when set, so records of models without it keep their bytes
            params["unpenalized"] = list(self.unpenalized)
        return params

    def set_params(self, **params: Any) -> "SupportModel":
        for k, v in params.items():
            if k == "unpenalized":
                self.unpenalized = tuple(v)
                continue
            if k == "monotonic_cst":
                self.monotonic_cst = None if v is None else (dict(v) if isinstance(v, Mapping) else [int(x) for x in v])
                continue
            if k not in self._parameter_constraints:
                raise ModelError(f"SupportModel has no parameter {k!r}; parameters: {', '.join(self._parameter_constraints)}.")
            setattr(self, k, v)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"SupportModel({args})"

    def _validate_params(self) -> None:
        if not all(isinstance(u, str) for u in self.unpenalized):
            raise ModelError(f"The 'unpenalized' parameter of SupportModel must be a sequence of feature names. "
                             f"Got {self.unpenalized!r} instead.")
        for name, (typ, lo, hi) in self._parameter_constraints.items():
            v = getattr(self, name)
            if typ is bool:
                if not isinstance(v, (bool, np.bool_)):
                    raise ModelError(f"The {name!r} parameter of SupportModel must be a bool. Got {v!r} instead.")
                continue
            ok = isinstance(v, (int, float)) and not isinstance(v, bool) and (typ is float or float(v).is_integer())
            strict_lo = name in ("alpha", "cutpoint_scale", "interval", "z_clip")
            if not ok or not ((lo < v) if strict_lo else (lo <= v)) or not v <= hi:
                raise ModelError(f"The {name!r} parameter of SupportModel must be a {typ.__name__} in "
                                 f"{'(' if strict_lo else '['}{lo}, {hi}]. Got {v!r} instead.")

    def _constraints(self) -> list[int]:
        """One of -1, 0, 1 per fitted column, from :attr:`monotonic_cst`."""
        names = [str(n) for n in self.feature_names_in_]
        cst = self.monotonic_cst
        if cst is None:
            return [0] * len(names)
        if isinstance(cst, dict):
            unknown = sorted(set(cst) - set(names))
            values = [cst.get(n, 0) for n in names]
            if unknown:
                raise ModelError(f"monotonic_cst names features the data do not have: {', '.join(unknown)}.")
        else:
            values = list(cst)
            if len(values) != len(names):
                raise ModelError(f"monotonic_cst must have one value per feature ({len(names)}); got {len(values)}.")
        bad = [v for v in values if v not in (-1, 0, 1)]
        if bad:
            raise ModelError(f"monotonic_cst values must be -1, 0 or 1; got {bad[0]!r}.")
        return [int(v) for v in values]

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError("This SupportModel is not fitted yet: call fit(X, y) or use fairweather.forecast.load_model().")

    # -- data ----------------------------------------------------------------------------
    def _matrix(self, X: Any) -> np.ndarray:
        if isinstance(X, pd.DataFrame):
            if hasattr(self, "feature_names_in_"):
                missing = [f for f in self.feature_names_in_ if f not in X.columns]
                if missing:
                    raise ModelError(f"X lacks the feature columns {missing}; the model was fitted on {list(self.feature_names_in_)}.")
                X = X[list(self.feature_names_in_)]
            return X.to_numpy(dtype=float)
        arr = np.asarray(X, dtype=float)
        if arr.ndim != 2:
            raise ModelError(f"X must be 2-dimensional; got shape {arr.shape}.")
        return arr

    def standardize(self, X: Any) -> np.ndarray:
        """``(X - mean_) / scale_``, clipped to ``±z_clip``, with missing values at 0 (the training mean)."""
        self._check_fitted()
        A = self._matrix(X)
        if A.shape[1] != self.n_features_in_:
            raise ModelError(f"X has {A.shape[1]} features; the model expects {self.n_features_in_}.")
        return self._z(A)

    def _z(self, A: np.ndarray) -> np.ndarray:
        Z = (A - self.mean_) / self.scale_
        Z = np.clip(Z, -self.z_clip, self.z_clip)
        return np.where(np.isnan(Z), 0.0, Z)

    # -- fitting ------------------------------------------------------------------------------
    def _precision(self, p: int) -> np.ndarray:
        """Prior precision of each coefficient: ``alpha``, or :data:`WEAK_PRECISION` for the unpenalized features."""
        w = np.full(p, float(self.alpha))
        if self.unpenalized and hasattr(self, "feature_names_in_"):
            names = [str(n) for n in self.feature_names_in_]
            for u in self.unpenalized:
                if u in names:
                    w[names.index(u)] = WEAK_PRECISION
        return w

    def _objective(self, theta: np.ndarray, Z: np.ndarray, y: np.ndarray,
                   y_hi: np.ndarray | None = None) -> tuple[float, np.ndarray]:
        """Negative log posterior and its gradient; row ``i`` has level in ``y[i]..y_hi[i]`` (default ``y_hi = y``)."""
        return neg_log_posterior(theta, Z, y, y if y_hi is None else y_hi, self._precision(Z.shape[1]),
                                 self.cutpoint_scale ** 2)

    def fit(self, X: Any, y: Any, compute_cov: bool = True, *, y_max: Any = None) -> "SupportModel":
        """Fit by maximum a posteriori; the Laplace covariance is kept for the interval.

        Parameters
        ----------
        X
            Features, one row per partner and crisis (a DataFrame keeps its column names).
        y
            Support levels, integers 0..5: the level of each row, or with ``y_max``
            the lowest level it can have.
        compute_cov
            Compute the Laplace covariance (needed by ``predict_interval`` and ``results_``);
            backtests that only score probabilities skip it.
        y_max
            Highest level each row can have (integers 0..5, ``y <= y_max``, same
            length as ``y``); default ``y`` (every row exact). A row with
            ``y < y_max`` is interval-censored, one with ``0..5`` uninformative
            (it is also left out of the standardization mean and scale, so
            adding it changes nothing).

        Returns
        -------
        SupportModel
            ``self``.
        """
        with _single_thread_blas():
            return self._fit(X, y, compute_cov, y_max)

    def _fit(self, X: Any, y: Any, compute_cov: bool, y_max: Any = None) -> "SupportModel":
        from scipy.optimize import minimize

        self._validate_params()
        A = self._matrix(X)
        yy, yh = checked_outcomes(y, y_max, len(A))
        exact = yy == yh
        uninformative = (yy == 0) & (yh == N_LEVELS - 1)
        # WHY: a 0..5 row has no likelihood term; keeping it out of the mean and scale (so out of the
        # prior's scale) and out of the optimization means adding such rows changes nothing, not even
        # the optimizer's path. All rows are kept if none is informative (the fit is then the prior).
        drop = bool(uninformative.any() and not uninformative.all())
        A_std = A[~uninformative] if drop else A
        self.feature_names_in_ = np.asarray(X.columns if isinstance(X, pd.DataFrame) else [f"x{j}" for j in range(A.shape[1])], dtype=object)
        self.n_features_in_ = A.shape[1]
        self.mean_, self.scale_ = standardization(A_std, A.shape[1])
        Z = self._z(A_std)
        counts = np.bincount(yy[exact], minlength=N_LEVELS).astype(float)  # exact rows only
        n_censored = int((~exact).sum())
        if drop:
            yy, yh, exact = yy[~uninformative], yh[~uninformative], exact[~uninformative]
        theta0 = start_values(counts, yy, yh, exact, A.shape[1])
        bounds: list[tuple[float | None, float | None]] = [(None, None)] * len(theta0)
        for j, c in enumerate(self._constraints()):
            bounds[j] = (0.0, None) if c > 0 else ((None, 0.0) if c < 0 else (None, None))
        self.bounds_ = bounds[: A.shape[1]]
        res = minimize(self._objective, theta0, args=(Z, yy, yh), jac=True, method="L-BFGS-B", bounds=bounds,
                       options={"maxiter": 2000, "gtol": 1e-7, "ftol": 1e-13})
        theta = res.x
        p = A.shape[1]
        self.theta_ = theta
        self.coef_ = theta[:p].copy()
        self.cutpoints_ = _cuts(theta[p:])
        self.intercept_ = 0.0
        if compute_cov:
            self.cov_ = laplace_covariance(self._hessian(theta, Z, yy, yh))
        else:
            self.cov_ = np.full((len(theta), len(theta)), np.nan)
        self.loglike_ = float(-self._objective(theta, Z, yy, yh)[0] + 0.5 * theta[:p] @ (self._precision(p) * theta[:p])
                              + 0.5 * self.cutpoints_ @ self.cutpoints_ / self.cutpoint_scale ** 2)
        self.n_iter_ = int(res.nit)
        self.converged_ = bool(res.success)
        self.nobs_ = int(len(A))
        self.level_counts_ = counts.astype(int)
        self.n_censored_ = n_censored
        return self

    def _hessian(self, theta: np.ndarray, Z: np.ndarray, y: np.ndarray, y_hi: np.ndarray | None = None,
                 h: float = 1e-5) -> np.ndarray:
        """Hessian of the negative log posterior by central differences of the analytic gradient."""
        return numeric_hessian(lambda t: self._objective(t, Z, y, y_hi)[1], theta, h)

    # -- prediction ----------------------------------------------------------------------------
    def contributions(self, X: Any) -> np.ndarray:
        """``coef_j * z_j`` per row and feature; each row sums (with ``intercept_``) to the linear predictor."""
        return self.standardize(X) * self.coef_

    def decision_function(self, X: Any) -> np.ndarray:
        """The linear predictor ``eta`` (= ``intercept_`` + the sum of the contributions)."""
        self._check_fitted()
        return self.intercept_ + self.contributions(X).sum(axis=1)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability of each level 0..5, rows summing to one."""
        return _probs(self.decision_function(X), self.cutpoints_)

    def predict_cumulative(self, X: Any) -> np.ndarray:
        """P(level >= k) for k = 1..5 (non-increasing in k)."""
        return _cum_probs(self.decision_function(X), self.cutpoints_)[:, 1:]

    def predict_expected(self, X: Any) -> np.ndarray:
        """Expected level ``sum_k k P(level = k)`` (= ``sum_k P(level >= k)``)."""
        return self.predict_cumulative(X).sum(axis=1)

    def predict(self, X: Any) -> np.ndarray:
        """The most likely level."""
        return self.predict_proba(X).argmax(axis=1)

    def predict_interval(self, X: Any, interval: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Credible interval of the expected level under parameter uncertainty (Laplace draws, seeded)."""
        self._check_fitted()
        with _single_thread_blas():
            return self._interval(X, interval)

    def _interval(self, X: Any, interval: float | None) -> tuple[np.ndarray, np.ndarray]:
        q = self.interval if interval is None else interval
        Z = self.standardize(X)
        draws, cuts = self._laplace_draws()
        eta = Z @ draws[:, :self.n_features_in_].T  # rows x draws
        exp = np.empty_like(eta)
        step = 512  # rows at a time: rows x draws x levels stays small
        for i in range(0, len(eta), step):
            # every draw at once; element by element the same operations as _cum_probs per draw
            # (P(level >= k) = 1 - expit(cut_k - eta), summed over k in order), so the same bits
            le = _expit(cuts[None, :, :] - eta[i:i + step, :, None])
            exp[i:i + step] = (1.0 - le).sum(axis=2)
        lo, hi = np.percentile(exp, [50 * (1 - q), 50 * (1 + q)], axis=1)
        return lo, hi

    def _laplace_draws(self) -> tuple[np.ndarray, np.ndarray]:
        """The seeded Laplace draws of the parameters and each draw's cutpoints (drawn once per fitted state).

        WHY cached: the same seed gives the same draws every call; drawing them again was a
        fifth of a dashboard forecast.
        """
        key = (self.seed, self.n_draws, self.theta_.tobytes(), self.cov_.tobytes())
        hit = self.__dict__.get("_draws_cache")
        if hit is None or hit[0] != key:
            rng = np.random.default_rng(self.seed)
            draws = rng.multivariate_normal(self.theta_, self.cov_, size=self.n_draws, method="cholesky"
                                            if _is_pd(self.cov_) else "svd")
            p = self.n_features_in_
            cuts = np.stack([_cuts(draws[j, p:]) for j in range(draws.shape[0])]) if len(draws) else \
                np.empty((0, N_LEVELS - 1))
            hit = self.__dict__["_draws_cache"] = (key, draws, cuts)
        return hit[1], hit[2]

    # -- results ----------------------------------------------------------------------------------
    @property
    def results_(self) -> "SupportResult":
        self._check_fitted()
        return SupportResult(self)


from fairweather.forecast._support_result import SupportResult  # noqa: E402  (a results type of this model)
