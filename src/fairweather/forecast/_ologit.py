"""The censored ordered logit's arithmetic: probabilities, the negative log posterior and its gradient,
the checks of the outcomes, starting values and the Laplace covariance.

:class:`fairweather.forecast.SupportModel` holds the estimator's interface (parameters, fit, predict);
the functions here are the numbers behind it, free of state, so each can be read and tested alone.
Every operation is the one the fitted parameters were computed with: changing the order of an
addition here changes the shipped parameter file's bytes (a reference test rebuilds it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from fairweather.errors import ModelError
from fairweather.forecast._levels import N_LEVELS

__all__ = ["neg_log_posterior", "checked_outcomes", "standardization", "start_values", "laplace_covariance",
           "numeric_hessian"]


def _expit(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x, dtype=float)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def _cuts(theta_c: np.ndarray) -> np.ndarray:
    return theta_c[0] + np.concatenate([[0.0], np.cumsum(np.exp(theta_c[1:]))])


def _cum_probs(eta: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """P(level >= k) for k = 0..5 (first column 1), rows of ``eta``."""
    le = _expit(cuts[None, :] - eta[:, None])  # P(level <= k), k = 0..4
    return np.hstack([np.ones((len(eta), 1)), 1.0 - le])


def _probs(eta: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    le = _expit(cuts[None, :] - eta[:, None])
    cdf = np.hstack([np.zeros((len(eta), 1)), le, np.ones((len(eta), 1))])
    return np.clip(np.diff(cdf, axis=1), 0.0, 1.0)


def neg_log_posterior(theta: np.ndarray, Z: np.ndarray, y: np.ndarray, y_hi: np.ndarray, w: np.ndarray,
                      s2: float) -> tuple[float, np.ndarray]:
    """Negative log posterior and its gradient in ``theta = (beta, cutpoint parameters)``.

    Row ``i`` has its level in ``y[i]..y_hi[i]``; ``w`` is the prior precision of each coefficient and
    ``s2`` the cutpoints' prior variance.
    """
    p = Z.shape[1]
    beta, tc = theta[:p], theta[p:]
    cuts = _cuts(tc)
    eta = Z @ beta
    cext = np.concatenate([[-np.inf], cuts, [np.inf]])
    a, b = cext[y] - eta, cext[y_hi + 1] - eta
    Fa, Fb = _expit(a), _expit(b)
    P = np.maximum(Fb - Fa, 1e-300)
    fa, fb = Fa * (1 - Fa), Fb * (1 - Fb)
    nlp = -np.sum(np.log(P)) + 0.5 * beta @ (w * beta) + 0.5 * (cuts @ cuts) / s2
    d_eta = (fb - fa) / P  # derivative of -log P wrt eta
    g_beta = Z.T @ d_eta + w * beta
    g_c = np.zeros(N_LEVELS - 1)
    lo, hi = y - 1, y_hi  # cutpoint indices of a and b (0-based), valid where 0 <= idx < 5
    m = lo >= 0
    np.add.at(g_c, lo[m], fa[m] / P[m])
    m = hi < N_LEVELS - 1
    np.add.at(g_c, hi[m], -fb[m] / P[m])
    g_c += cuts / s2
    tail = np.cumsum(g_c[::-1])[::-1]  # sum_{k >= j} g_k
    g_tc = np.concatenate([[tail[0]], np.exp(tc[1:]) * tail[1:]])
    return float(nlp), np.concatenate([g_beta, g_tc])


def checked_outcomes(y: Any, y_max: Any, n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest level of each row as integer arrays, after checking them against ``n_rows``.

    ``y_max=None`` means every row is exact: the very array ``y`` is returned twice (and the fit's
    arithmetic is that of the uncensored model).
    """
    yy = np.asarray(y)
    if len(yy) != n_rows or n_rows == 0:
        raise ModelError(f"X and y must have the same, non-zero number of rows; got {n_rows} and {len(yy)}.")
    if not np.all(np.isin(yy, np.arange(N_LEVELS))):
        raise ModelError(f"y must hold support levels 0..5; got values {sorted(set(np.asarray(yy).tolist()))}.")
    yy = yy.astype(int)
    if y_max is None:
        return yy, yy
    yh = np.asarray(y_max)
    if yh.ndim != 1 or len(yh) != len(yy):
        raise ModelError(f"y_max must be a 1-dimensional array of the same length as y ({len(yy)}). "
                         f"Got shape {yh.shape} instead.")
    if not np.all(np.isin(yh, np.arange(N_LEVELS))):
        raise ModelError(f"y_max must hold support levels 0..5. Got values "
                         f"{sorted(set(yh.tolist()))} instead.")
    yh = yh.astype(int)
    bad = np.flatnonzero(yy > yh)
    if bad.size:
        i = int(bad[0])
        raise ModelError(f"y must be <= y_max in every row. Got y > y_max in {bad.size} rows "
                         f"(first: row {i}, y={yy[i]}, y_max={yh[i]}) instead.")
    return yy, yh


def standardization(A: np.ndarray, n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and scale of each feature over the rows ``A`` (missing values ignored; no spread: scale 1)."""
    with np.errstate(invalid="ignore"):
        mean = (np.nanmean(np.where(np.isnan(A).all(axis=0), 0.0, A), axis=0) if A.size
                else np.zeros(n_features))
        # an all-missing column (a feature unknown in every training row) has no spread: scale 1, no warning
        sd = np.nanstd(np.where(np.isnan(A).all(axis=0), 0.0, A), axis=0)
    return np.nan_to_num(mean), np.where(~np.isfinite(sd) | (sd < 1e-12), 1.0, sd)


def start_values(counts: np.ndarray, y: np.ndarray, y_hi: np.ndarray, exact: np.ndarray, p: int) -> np.ndarray:
    """Starting ``theta``: zero coefficients, cutpoints at the logits of the levels' cumulative shares
    (each censored row spread evenly over its interval)."""
    start = counts
    if not exact.all():
        start = counts.copy()
        for lo_k, hi_k in zip(y[~exact], y_hi[~exact]):
            start[lo_k:hi_k + 1] += 1.0 / (hi_k - lo_k + 1)
    cum = np.clip(np.cumsum(start + 0.5)[:-1] / (start.sum() + 3.0), 1e-3, 1 - 1e-3)
    c0 = np.log(cum / (1 - cum))
    c0 = np.maximum.accumulate(c0 + np.arange(5) * 1e-3)
    return np.concatenate([np.zeros(p), [c0[0]], np.log(np.maximum(np.diff(c0), 1e-2))])


def numeric_hessian(gradient: Callable[[np.ndarray], np.ndarray], theta: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """The Hessian at ``theta`` by central differences of the analytic ``gradient``, symmetrized."""
    n = len(theta)
    H = np.empty((n, n))
    for j in range(n):
        e = np.zeros(n)
        e[j] = h
        H[:, j] = (gradient(theta + e) - gradient(theta - e)) / (2 * h)
    return 0.5 * (H + H.T)


def laplace_covariance(H: np.ndarray) -> np.ndarray:
    """The Laplace covariance: the inverse of the Hessian (its pseudo-inverse if singular), symmetrized."""
    try:
        cov = np.linalg.inv(H)
    except np.linalg.LinAlgError:
        cov = np.linalg.pinv(H)
    return 0.5 * (cov + cov.T)


def _is_pd(m: np.ndarray) -> bool:
    try:
        np.linalg.cholesky(m)
        return True
    except np.linalg.LinAlgError:
        return False
