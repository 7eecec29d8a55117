"""Honest backtests: rolling origin by year on the training span, and the 2020+ evaluation score.

Rolling origin: for each year Y of the training span (crises before
2020-01-01) with at least ``min_train_crises`` earlier crises, the model and
the baselines are fitted on the crises that began before Jan 1 of Y and
score the crises of Y. Features are built as of each crisis date, so a
test row never sees data dated after its crisis.

Evaluation: the model and the baselines are fitted once on every crisis
before 2020-01-01 and score the crises from 2020 on. These cases are scored
only: nothing is fitted, tuned or selected on them.

Metrics: the ranked probability score over the six levels
(``mean_k (P(level>=k) - 1[y>=k])^2`` over k = 1..5), and the Brier score
and log loss of material help (level >= 3) and of arms or troops (level >= 4).
Skill against a baseline is ``1 - score_model / score_baseline`` (positive
= better than the baseline).

Extra metrics (:data:`EXTRA_METRICS`, in ``scores(extended=True)`` and
``evaluation(extended=True)``; not lower-is-better, so never turned into skill):
for level >= 3 and level >= 4, the AUC (Mann-Whitney, ties count half) and the
logistic recalibration ``y ~ Bernoulli(expit(a + b * logit(p)))`` fitted by
maximum likelihood, slope ``b`` and intercept ``a`` (1 and 0 = calibrated).
Each is NaN when only one class is present; the slope and intercept are also
NaN when the fit does not converge or has no finite maximum (the events are
separated by ``p``, or ``p`` is constant, as for the base rate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit, logit
from scipy.stats import rankdata

from fairweather.errors import ModelError
from fairweather.forecast._baselines import make_baselines
from fairweather.forecast._constraints import registry_model
from fairweather.forecast._model import N_LEVELS, SupportModel
from fairweather.results import Result, Summary

__all__ = ["backtest", "BacktestResult", "score_frame", "select_alpha", "METRICS", "EXTRA_METRICS", "ALPHA_GRID",
           "auc", "calibration_fit"]

#: Prior precisions tried by :func:`select_alpha`.
ALPHA_GRID: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)

#: Lower-is-better scores: shown by default, summarised and turned into skill against the baselines.
METRICS = ("rps", "brier_ge3", "logloss_ge3", "brier_ge4", "logloss_ge4")
#: Discrimination and calibration of the two binary events (higher-is-better AUC; slope near 1, intercept near 0).
#: Only in ``scores(extended=True)`` / ``evaluation(extended=True)``; never turned into skill.
EXTRA_METRICS = ("auc_ge3", "cal_slope_ge3", "cal_intercept_ge3", "auc_ge4", "cal_slope_ge4", "cal_intercept_ge4")
_P = [f"p_level_{k}" for k in range(N_LEVELS)]
_CAL_CLIP = 1e-6


def auc(p: Any, y: Any) -> float:
    """Area under the ROC curve of scores ``p`` for binary outcomes ``y`` (ties count half; NaN with one class).

    The Mann-Whitney statistic: ``(sum of the ranks of the positives - n1 (n1 + 1) / 2) / (n1 n0)`` with
    average ranks for ties.
    """
    p = np.asarray(p, dtype=float).ravel()
    y = np.asarray(y).ravel().astype(bool)
    n1 = int(y.sum())
    n0 = int(len(y) - n1)
    if n1 == 0 or n0 == 0:
        return float("nan")
    r = rankdata(p)
    return float((r[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def calibration_fit(p: Any, y: Any) -> tuple[float, float]:
    """Slope and intercept of the logistic recalibration ``y ~ Bernoulli(expit(a + b * logit(p)))``.

    Maximum likelihood, ``p`` clipped to ``[1e-6, 1 - 1e-6]``. Returns ``(b, a)``; ``(1, 0)`` is perfect
    calibration. ``(nan, nan)`` when only one class is present, when ``p`` separates the classes (or is
    constant), so that no finite maximum exists, or when the fit does not converge.
    """
    nan = (float("nan"), float("nan"))
    p = np.asarray(p, dtype=float).ravel()
    y = np.asarray(y).ravel().astype(float)
    pos = y > 0.5
    if len(y) == 0 or pos.all() or not pos.any() or not np.isfinite(p).all():
        return nan
    x = logit(np.clip(p, _CAL_CLIP, 1 - _CAL_CLIP))
    # In one dimension the maximum is finite unless a threshold (weakly) separates the classes.
    if x[~pos].max() <= x[pos].min() or x[pos].max() <= x[~pos].min():
        return nan
    m, sd = float(x.mean()), float(x.std())
    z = (x - m) / sd  # fit on standardized logit(p) for conditioning, then map back
    Z = np.column_stack([np.ones_like(z), z])

    def nll(theta: np.ndarray) -> tuple[float, np.ndarray]:
        eta = Z @ theta
        f = float(np.mean(np.logaddexp(0.0, eta) - y * eta))
        return f, Z.T @ (expit(eta) - y) / len(y)

    with np.errstate(all="ignore"):
        res = minimize(nll, np.array([float(logit(np.clip(y.mean(), _CAL_CLIP, 1 - _CAL_CLIP))), sd]), jac=True,
                       method="BFGS", options={"gtol": 1e-9, "maxiter": 500})
        grad = nll(res.x)[1] if np.isfinite(res.x).all() else np.array([np.inf])
    if not np.isfinite(res.x).all() or not (res.success or np.max(np.abs(grad)) < 1e-6):
        return nan
    c, d = float(res.x[0]), float(res.x[1])
    b = d / sd
    return b, c - b * m


def _scores(P: np.ndarray, y: np.ndarray) -> dict[str, float]:
    ge = np.cumsum(P[:, ::-1], axis=1)[:, ::-1][:, 1:]  # P(level >= k), k = 1..5
    obs = (y[:, None] >= np.arange(1, N_LEVELS)[None, :]).astype(float)
    out = {"n": int(len(y)), "rps": float(np.mean(np.mean((ge - obs) ** 2, axis=1)))}
    for k in (3, 4):
        p = np.clip(ge[:, k - 1], 1e-12, 1 - 1e-12)
        o = obs[:, k - 1]
        out[f"brier_ge{k}"] = float(np.mean((p - o) ** 2))
        out[f"logloss_ge{k}"] = float(-np.mean(o * np.log(p) + (1 - o) * np.log(1 - p)))
    for k in (3, 4):
        p, o = ge[:, k - 1], obs[:, k - 1]
        out[f"auc_ge{k}"] = auc(p, o)
        out[f"cal_slope_ge{k}"], out[f"cal_intercept_ge{k}"] = calibration_fit(p, o)
    return out


def score_frame(pred: pd.DataFrame, extended: bool = False) -> pd.DataFrame:
    """Scores of a predictions frame (``split, method, level, p_level_0..5``) by split and method.

    ``extended`` adds the :data:`EXTRA_METRICS` columns (AUC and calibration slope/intercept) after :data:`METRICS`.
    """
    rows = []
    for (split, method), g in pred.groupby(["split", "method"], sort=False):
        rows.append({"split": split, "method": method, **_scores(g[_P].to_numpy(), g["level"].to_numpy())})
    return pd.DataFrame(rows, columns=["split", "method", "n", *METRICS, *(EXTRA_METRICS if extended else ())])


@dataclass
class BacktestResult(Result):
    """Predictions and scores of a backtest; ``to_frame()`` (the predictions), ``scores()``, ``calibration()``,
    ``skill()``, ``evaluation()``, ``summary()``."""

    model: SupportModel
    predictions: pd.DataFrame
    folds: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        years = f"{self.folds['year'].min()}-{self.folds['year'].max()}" if len(self.folds) else "none"
        return (f"<BacktestResult {len(self.folds)} rolling folds ({years}), "
                f"{self._rows()} scored rows, model {self.model!r}>")

    def _rows(self, split: str | None = None) -> int:
        """Scored partner rows: the model's predictions (every baseline predicts the same rows again)."""
        pred = self.predictions[self.predictions["method"] == "model"]
        return int(len(pred) if split is None else (pred["split"] == split).sum())

    def to_frame(self) -> pd.DataFrame:
        """Every prediction: ``split, method, crisis_id, partner, year, level, p_level_0..5`` (one row per
        scored partner and method: the model and each baseline)."""
        return self.predictions.copy()

    @cached_property
    def _all_scores(self) -> pd.DataFrame:
        return score_frame(self.predictions, extended=True)

    @property
    def _scores(self) -> pd.DataFrame:
        return self._all_scores[["split", "method", "n", *METRICS]]

    def scores(self, extended: bool = False) -> pd.DataFrame:
        """Every metric for every method, on the rolling-origin split and on the 2020+ evaluation split.

        ``extended=True`` adds the :data:`EXTRA_METRICS` columns: AUC and calibration slope/intercept of
        level >= 3 and level >= 4 (not lower-is-better; left out of the default table, charts and skill).
        """
        return (self._all_scores if extended else self._scores).copy()

    def evaluation(self, extended: bool = False) -> pd.DataFrame:
        """Scores on the evaluation crises (2020 on), model fitted on pre-2020 crises only (``extended`` as in :meth:`scores`)."""
        s = self.scores(extended)
        return s[s["split"] == "evaluation 2020+"].reset_index(drop=True)

    def skill(self) -> pd.DataFrame:
        """``1 - model / baseline`` for every lower-is-better metric (:data:`METRICS`), baseline and split.

        The :data:`EXTRA_METRICS` (AUC, calibration slope/intercept) are not ratios of losses and are left out.
        """
        s = self._scores.set_index(["split", "method"])
        rows = []
        for split in s.index.get_level_values(0).unique():
            if (split, "model") not in s.index:
                continue
            m = s.loc[(split, "model")]
            for base in [b for b in s.loc[split].index if b != "model"]:
                b = s.loc[(split, base)]
                for metric in METRICS:  # lower-is-better only; never EXTRA_METRICS
                    rows.append({"split": split, "baseline": base, "metric": metric, "model": m[metric],
                                 "baseline_score": b[metric],
                                 "skill": 1 - m[metric] / b[metric] if b[metric] > 0 else np.nan})
        return pd.DataFrame(rows)

    def calibration(self, bins: int = 5, split: str = "rolling origin") -> pd.DataFrame:
        """Mean forecast vs observed frequency of level >= 3 and >= 4, in equal-width probability bins (model only)."""
        g = self.predictions[(self.predictions["method"] == "model") & (self.predictions["split"] == split)]
        P = g[_P].to_numpy()
        y = g["level"].to_numpy()
        rows = []
        edges = np.linspace(0, 1, bins + 1)
        for k in (3, 4):
            p = P[:, k:].sum(axis=1)
            idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
            for b in range(bins):
                m = idx == b
                rows.append({"event": f"level >= {k}", "bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": int(m.sum()),
                             "mean_forecast": float(p[m].mean()) if m.any() else np.nan,
                             "observed": float((y[m] >= k).mean()) if m.any() else np.nan})
        return pd.DataFrame(rows)

    def summary(self) -> Summary:
        """Scores and skill as a printable table."""
        sc = self._scores.set_index(["split", "method"])
        info = [("Rolling folds", str(len(self.folds))), ("Test years", f"{self.folds['year'].min()}-{self.folds['year'].max()}"
                if len(self.folds) else "none"),
                ("Rolling rows", str(self._rows("rolling origin"))),
                ("Evaluation rows", str(self._rows("evaluation 2020+"))),
                ("Model", repr(self.model))]
        return Summary("Backtest: ranked probability, Brier and log loss (lower is better)", info, sc)


def _test_years(meta: pd.DataFrame, min_train_crises: int) -> list[int]:
    crisis_year = meta.drop_duplicates("crisis_id")["year"]
    return [int(y) for y in sorted(meta["year"].unique()) if int((crisis_year < y).sum()) >= min_train_crises]


def select_alpha(X: pd.DataFrame, y: Any, meta: pd.DataFrame, grid: tuple[float, ...] = ALPHA_GRID,
                 min_train_crises: int = 15, **params: Any) -> tuple[float, pd.DataFrame]:
    """The prior precision with the lowest rolling-origin RPS on the rows given (pass pre-2020 rows only).

    Returns the chosen alpha and the table of ``alpha, rps, n`` over the grid; ties go to the larger alpha
    (the stronger prior).
    """
    yv = np.asarray(y)
    years = _test_years(meta, min_train_crises)
    rows = []
    for alpha in grid:
        P_all, y_all = [], []
        for year in years:
            tr = (meta["year"] < year).to_numpy()
            te = (meta["year"] == year).to_numpy()
            if len(np.unique(yv[tr])) < 2 or not te.any():
                continue
            m = registry_model(X, **{**params, "alpha": alpha}).fit(X[tr], yv[tr], compute_cov=False)
            P_all.append(m.predict_proba(X[te]))
            y_all.append(yv[te])
        if not P_all:
            raise ModelError(f"No year has {min_train_crises} earlier crises to choose alpha on.")
        sc = _scores(np.vstack(P_all), np.concatenate(y_all))
        rows.append({"alpha": alpha, "rps": sc["rps"], "n": sc["n"]})
    table = pd.DataFrame(rows)
    best = table.loc[table["rps"] == table["rps"].min(), "alpha"].max()
    return float(best), table


def _shipped_template() -> SupportModel | None:
    """The shipped parameters' settings when they belong to the pack-only model; else None (its prior is chosen)."""
    from fairweather.features.registry import uses_history
    from fairweather.forecast._params import load_model

    try:
        shipped = load_model()
    except ModelError:
        return None
    return SupportModel(**shipped.get_params()) if not uses_history(shipped) else None


def _fold_predictions(split: str, params: dict[str, Any], Xtr: Any, ytr: Any, Xte: Any, yte: Any,
                      mte: pd.DataFrame) -> list[pd.DataFrame]:
    """The model (fitted on the fold's training rows) and every baseline, each predicting the test rows."""
    m = registry_model(Xtr, **params).fit(Xtr, ytr, compute_cov=False)
    methods = [("model", m.predict_proba(Xte))]
    for b in make_baselines():
        methods.append((b.name, b.fit(Xtr, ytr).predict_proba(Xte)))
    out = []
    for name, P in methods:
        cols = {"split": split, "method": name, "crisis_id": mte["crisis_id"].to_numpy(), "partner": mte["partner"].to_numpy(),
                "year": mte["year"].to_numpy(), "level": np.asarray(yte)}
        cols.update({c: P[:, k] for k, c in enumerate(_P)})
        out.append(pd.DataFrame(cols))
    return out


def backtest(store: Any = None, model: SupportModel | None = None, min_train_crises: int = 15,
             evaluation: bool = True, nested_alpha: bool = False) -> BacktestResult:
    """Rolling-origin backtest by year on pre-2020 crises, plus the 2020+ evaluation score.

    Parameters
    ----------
    store
        The store (default: the embedded pack).
    model
        An unfitted :class:`SupportModel` whose settings are used; each fold fits a fresh copy.
        Default: the settings of the shipped parameters when they belong to this pack-only model (their alpha was chosen by
        :func:`select_alpha` on pre-2020 rolling-origin folds, so the rolling-origin scores are
        slightly optimistic for the model; the 2020+ evaluation is untouched by that choice),
        or, when the shipped model learns from history (:func:`fairweather.forecast.history_backtest`
        backtests that one), an alpha chosen the same way on these rows.
    min_train_crises
        A year is a test year only if at least this many crises began before it.
    evaluation
        Also score the 2020+ crises with the model fitted on all pre-2020 crises.
    nested_alpha
        Choose alpha inside every fold with :func:`select_alpha` on that fold's training rows only
        (and for the evaluation, on all pre-2020 rows), so no score depends on a choice made with
        its own test rows. Slower (a grid of fits per fold); folds too short to choose in keep the
        template's alpha.
    """
    from fairweather.split import EVALUATION_START
    from fairweather.features import training_table
    from fairweather.forecast._scenario import default_store

    store = store if store is not None else default_store(history=False)  # the pack-only model's own store
    template = model if model is not None else _shipped_template()
    X, y, meta = training_table(store, before=EVALUATION_START)
    if len(y) == 0:
        raise ModelError("The pack has no responses in crises before 2020-01-01: nothing to backtest.")
    if template is None:
        template = SupportModel(alpha=select_alpha(X, y, meta)[0]) if len(set(y)) > 1 else SupportModel()
    yv = y.to_numpy()
    preds: list[pd.DataFrame] = []
    folds = []
    crisis_year = meta.drop_duplicates("crisis_id")[["crisis_id", "year"]]

    alphas: list[float] = []

    def run(split: str, Xtr, ytr, Xte, yte, mte, mtr=None) -> None:
        params = template.get_params()
        if nested_alpha and mtr is not None:
            try:
                params["alpha"] = select_alpha(Xtr, ytr, mtr, min_train_crises=min_train_crises,
                                               **{k: v for k, v in params.items() if k != "alpha"})[0]
            except ModelError:
                pass
        alphas.append(float(params["alpha"]))
        preds.extend(_fold_predictions(split, params, Xtr, ytr, Xte, yte, mte))

    for year in _test_years(meta, min_train_crises):
        n_before = int((crisis_year["year"] < year).sum())
        tr = (meta["year"] < year).to_numpy()
        te = (meta["year"] == year).to_numpy()
        if len(np.unique(yv[tr])) < 2:
            continue
        run("rolling origin", X[tr], yv[tr], X[te], yv[te], meta[te], meta[tr])
        folds.append({"year": int(year), "train_crises": n_before, "train_rows": int(tr.sum()), "test_rows": int(te.sum()),
                      "alpha": alphas[-1]})
    if evaluation:
        Xe, ye, me = training_table(store, before="9999-12-31", since=EVALUATION_START)
        if len(ye):
            run("evaluation 2020+", X, yv, Xe, ye.to_numpy(), me, meta)
    if not preds:
        raise ModelError(f"No year has {min_train_crises} earlier crises to train on; lower min_train_crises.")
    predictions = pd.concat(preds, ignore_index=True)
    return BacktestResult(template, predictions, pd.DataFrame(folds, columns=["year", "train_crises", "train_rows", "test_rows", "alpha"]),
                           {"min_train_crises": min_train_crises, "pack_hash": store.pack_hash, "nested_alpha": nested_alpha,
                            "evaluation_alpha": alphas[-1] if evaluation and alphas else None})
