"""The history model: the censored ordered logit fitted on the pack and the field's datasets, and its backtest.

:func:`history_backtest` answers "does learning from thousands of past cases
help?" honestly:

- **choice of the prior** (``alpha``) by rolling origin inside the pre-2020 years
  only: for each test block of years, fit on every crisis that began before it
  and score the block by the mean censored log loss (the negative log of the
  probability the model gives to the range the data allow); the 2020+ crises
  play no part;
- **rolling origin**: the pack's pre-2020 crises (exactly coded), each block
  scored by a model fitted only on crises that began before it ("refit as time
  passes"), beside the base rate and the treaty rules fitted on the same years;
- **evaluation 2020+**: the pack's crises from 2020 on, scored by the model fitted
  on every crisis before 2020.

Scores are those of :func:`fairweather.forecast.score_frame` (RPS, Brier and log
loss for level >= 3 and >= 4, AUC, calibration slope and intercept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from fairweather.errors import ModelError
from fairweather.forecast._backtest import _P, score_frame
from fairweather.forecast._baselines import make_baselines
from fairweather.forecast._model import SupportModel

__all__ = ["HistoryBacktestResults", "history_backtest", "fit_history_model", "censored_log_loss", "ALPHA_GRID_HISTORY",
           "BLOCKS"]

EVALUATION_START = dt.date(2020, 1, 1)
ALPHA_GRID_HISTORY: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
#: Rolling-origin test blocks (first year of each, inclusive; each runs to the next one's start).
BLOCKS: tuple[int, ...] = (1990, 1995, 2000, 2005, 2010, 2015, 2020)


def censored_log_loss(model: SupportModel, X: pd.DataFrame, lo: np.ndarray, hi: np.ndarray) -> float:
    """Mean of ``-log P(lo <= level <= hi)`` under ``model`` (rows with the full range 0..5 are skipped)."""
    P = model.predict_proba(X)
    cum = np.hstack([np.zeros((len(P), 1)), np.cumsum(P, axis=1)])
    p = cum[np.arange(len(P)), hi + 1] - cum[np.arange(len(P)), lo]
    keep = ~((lo == 0) & (hi == 5))
    return float(-np.mean(np.log(np.clip(p[keep], 1e-12, 1.0))))


def _blocks(meta: pd.DataFrame) -> list[tuple[int, int, np.ndarray, np.ndarray]]:
    out = []
    years = meta["year"].to_numpy()
    for a, b in zip(BLOCKS[:-1], BLOCKS[1:]):
        tr, te = years < a, (years >= a) & (years < b)
        if tr.any() and te.any():
            out.append((a, b, tr, te))
    return out


def select_alpha_history(X: pd.DataFrame, lo: np.ndarray, hi: np.ndarray, meta: pd.DataFrame,
                         grid: tuple[float, ...] = ALPHA_GRID_HISTORY, **params: Any) -> tuple[float, pd.DataFrame]:
    """The alpha with the lowest rolling-origin censored log loss on the (pre-2020) rows given."""
    rows = []
    for alpha in grid:
        losses, ns = [], []
        for _, _, tr, te in _blocks(meta):
            m = SupportModel(**{**params, "alpha": alpha}).fit(X[tr], lo[tr], compute_cov=False, y_max=hi[tr])
            losses.append(censored_log_loss(m, X[te], lo[te], hi[te]) * te.sum())
            ns.append(te.sum())
        rows.append({"alpha": alpha, "censored_log_loss": float(np.sum(losses) / np.sum(ns)), "n": int(np.sum(ns))})
    table = pd.DataFrame(rows)
    best = table.sort_values(["censored_log_loss", "alpha"], ascending=[True, False]).iloc[0]
    return float(best["alpha"]), table


def fit_history_model(X: pd.DataFrame, lo: np.ndarray, hi: np.ndarray, meta: pd.DataFrame, alpha: float | str = "auto",
                      seed: int = 20250613, compute_cov: bool = True) -> tuple[SupportModel, pd.DataFrame | None]:
    """Fit the censored ordered logit on pre-2020 rows; ``alpha="auto"`` chooses it by rolling origin."""
    if (meta["date"] >= EVALUATION_START).any():
        raise ModelError("The history model is fitted on crises that began before 2020-01-01 only; "
                         "rows from 2020 on were passed.")
    table = None
    if alpha == "auto":
        alpha, table = select_alpha_history(X, lo, hi, meta, seed=seed)
    return SupportModel(alpha=float(alpha), seed=seed).fit(X, lo, compute_cov=compute_cov, y_max=hi), table


@dataclass
class HistoryBacktestResults:
    """Predictions and scores of the history backtest; ``scores()``, ``skill()``, ``to_frame()``."""

    model: SupportModel
    predictions: pd.DataFrame
    alpha_table: pd.DataFrame | None
    training: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)

    def scores(self) -> pd.DataFrame:
        return score_frame(self.predictions, extended=True)

    def to_frame(self) -> pd.DataFrame:
        return self.predictions.copy()

    def skill(self, metrics: tuple[str, ...] = ("rps", "brier_ge3", "brier_ge4", "logloss_ge3", "logloss_ge4")) -> pd.DataFrame:
        """``1 - model / baseline`` per split, baseline and lower-is-better metric."""
        s = self.scores().set_index(["split", "method"])
        rows = []
        for split in s.index.get_level_values(0).unique():
            models = [m for m in s.loc[split].index if m.startswith("model")]
            for m in models:
                for base in [b for b in s.loc[split].index if not b.startswith("model")]:
                    for k in metrics:
                        rows.append({"split": split, "model": m, "baseline": base, "metric": k,
                                     "skill": 1 - s.loc[(split, m), k] / s.loc[(split, base), k]})
        return pd.DataFrame(rows)


class StackedModel:
    """Two stages: a censored model fitted on the datasets' crises, then an ordered logit on the pack's crises.

    Stage 1 (``history_``) learns from the thousands of dataset crises, censoring included, and
    summarizes a partner's structural propensity as one number, its linear predictor. Stage 2
    (``pack_``) is fitted on the pack's exactly coded crises with every feature plus that number
    (``history_score``), so the datasets inform the major crises without forcing their thresholds
    (most MIDs are minor; most candidates of a MID do nothing) onto them.
    """

    def __init__(self, alpha_history: float, alpha_pack: float, seed: int = 20250613) -> None:
        self.alpha_history, self.alpha_pack, self.seed = alpha_history, alpha_pack, seed

    def fit(self, X: pd.DataFrame, lo: np.ndarray, hi: np.ndarray, is_pack: np.ndarray) -> "StackedModel":
        self.history_ = SupportModel(alpha=self.alpha_history, seed=self.seed).fit(
            X[~is_pack], lo[~is_pack], compute_cov=False, y_max=hi[~is_pack])
        self.pack_ = SupportModel(alpha=self.alpha_pack, seed=self.seed).fit(
            self._stage2(X[is_pack]), lo[is_pack], compute_cov=False)
        return self

    def _stage2(self, X: pd.DataFrame) -> pd.DataFrame:
        return X.assign(history_score=self.history_.decision_function(X))

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        return self.pack_.predict_proba(self._stage2(X))


def _predict_frame(split: str, method: str, P: np.ndarray, meta: pd.DataFrame, y: np.ndarray) -> pd.DataFrame:
    cols: dict[str, Any] = {"split": split, "method": method, "crisis_id": meta["crisis_id"].to_numpy(),
                            "partner": meta["partner"].to_numpy(), "year": meta["year"].to_numpy(), "level": y}
    cols.update({c: P[:, k] for k, c in enumerate(_P)})
    return pd.DataFrame(cols)


FAMILIES: tuple[str, ...] = ("model (history + pack)", "model (stacked)", "model (pack only)")
ALPHA_GRID_PACK: tuple[float, ...] = (3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)


def _fit_family(family: str, alpha: float, alpha_history: float, X: pd.DataFrame, lo: np.ndarray, hi: np.ndarray,
                is_pack: np.ndarray, seed: int) -> Any:
    if family == "model (history + pack)":
        return SupportModel(alpha=alpha, seed=seed).fit(X, lo, compute_cov=False, y_max=hi)
    if family == "model (stacked)":
        return StackedModel(alpha_history, alpha, seed).fit(X, lo, hi, is_pack)
    return SupportModel(alpha=alpha, seed=seed).fit(X[is_pack], lo[is_pack], compute_cov=False)


def history_backtest(store: Any, alpha: float | str = "auto", seed: int = 20250613) -> HistoryBacktestResults:
    """Backtest three families against the baselines, choosing everything on pre-2020 crises only.

    Families: the censored ordered logit on the pack and the datasets pooled (``history + pack``);
    the two-stage :class:`StackedModel`; the ordered logit on the pack's crises alone (``pack only``,
    with the same features, imported facts included). The history stage's prior is chosen by
    rolling-origin censored log loss over every pre-2020 crisis; each family's pack-level prior by
    rolling-origin RPS over the pack's pre-2020 crises (so its rolling-origin scores are slightly
    optimistic, as the settings say); the 2020+ evaluation crises play no part in any choice.
    ``store`` must hold the imported datasets (:func:`fairweather.sources.history.import_reference`).
    """
    from fairweather.history_features import history_training_set

    X, lo, hi, meta = history_training_set(store, before=EVALUATION_START)
    if not (meta["origin"] != "pack").any():
        raise ModelError("The store holds no imported crises: import the publishers' files first "
                         "(fairweather.sources.history.import_reference, or --reference DIR on the command line).")
    Xe, ye, _, me = history_training_set(store, before=dt.date(9999, 12, 31), since=EVALUATION_START, pack_only=True)
    pack = (meta["origin"] == "pack").to_numpy()
    if alpha == "auto":
        alpha_history, table = select_alpha_history(X, lo, hi, meta, seed=seed)
    else:
        alpha_history, table = float(alpha), None
    # the blocks a pack-level model can be scored on: some pack crises before, some in the block
    blocks = [(a, b, tr, te & pack) for a, b, tr, te in _blocks(meta) if (tr & pack).sum() > 20 and (te & pack).any()]
    chosen: dict[str, float] = {}
    rolling: dict[str, list[pd.DataFrame]] = {}
    grid_rows = []
    for family in FAMILIES:
        best = None
        grid = (alpha_history,) if family == "model (history + pack)" else ALPHA_GRID_PACK
        for a_pack in grid:
            frames = []
            for _, _, tr, te in blocks:
                m = _fit_family(family, a_pack, alpha_history, X[tr], lo[tr], hi[tr], pack[tr], seed)
                frames.append(_predict_frame("rolling origin", family, m.predict_proba(X[te]), meta[te], lo[te]))
            rps = score_frame(pd.concat(frames, ignore_index=True))["rps"].iloc[0]
            grid_rows.append({"family": family, "alpha": a_pack, "rolling_rps": float(rps)})
            if best is None or rps < best[0] - 1e-12:
                best = (rps, a_pack, frames)
        chosen[family], rolling[family] = best[1], best[2]
    preds = [f for fs in rolling.values() for f in fs]
    for _, _, tr, te in blocks:
        for b in make_baselines():
            preds.append(_predict_frame("rolling origin", b.name, b.fit(X[tr & pack], lo[tr & pack]).predict_proba(X[te]),
                                        meta[te], lo[te]))
    final = {f: _fit_family(f, chosen[f], alpha_history, X, lo, hi, pack, seed) for f in FAMILIES}
    if len(ye):
        for f, m in final.items():
            preds.append(_predict_frame("evaluation 2020+", f, m.predict_proba(Xe), me, ye))
        for b in make_baselines():
            preds.append(_predict_frame("evaluation 2020+", b.name, b.fit(X[pack], lo[pack]).predict_proba(Xe), me, ye))
    predictions = pd.concat(preds, ignore_index=True)
    ro = score_frame(predictions[predictions["split"] == "rolling origin"])
    ro = ro[ro["method"].isin(FAMILIES)].sort_values(["rps", "method"])
    shipped = str(ro["method"].iloc[0])
    return HistoryBacktestResults(final[shipped], predictions, table, meta, {
        "alpha_history": alpha_history, "alpha_pack": chosen, "alpha_grid": pd.DataFrame(grid_rows),
        "chosen_family": shipped, "choice": "lowest rolling-origin RPS on the pack's pre-2020 crises",
        "rows": len(meta), "censored": int(meta["censored"].sum()), "crises": int(meta["crisis_id"].nunique()),
        "rolling_blocks": [f"{a}-{b - 1}" for a, b, _, _ in blocks], "models": final})


def fit_history_params(store: Any, out: Any = None, *, alpha: float | str = "auto", seed: int = 20250613,
                       fit_date: str | None = None) -> tuple[SupportModel, Any]:
    """Fit the history model (pack and datasets pooled, censored) on crises before 2020 and write its parameters.

    ``store`` holds the pack and the imported datasets (``Store.open(history=True)``, or a store
    after :func:`fairweather.sources.history.import_reference`). ``alpha="auto"`` chooses the prior
    by rolling-origin censored log loss on pre-2020 crises only. The file records the pack's and
    the history layer's hashes; same inputs and seed, same bytes.
    """
    from fairweather.forecast._params import _fit_date, _r, model_to_dict, write_params
    from fairweather.history_features import history_training_set

    X, lo, hi, meta = history_training_set(store, before=EVALUATION_START)
    if not (meta["origin"] != "pack").any():
        raise ModelError("The store holds no imported crises: open it with Store.open(history=True) or import the "
                         "publishers' files (--reference DIR).")
    selection = None
    if alpha == "auto":
        alpha, table = select_alpha_history(X, lo, hi, meta, seed=seed)
        selection = {"method": "rolling-origin censored log loss on crises before 2020-01-01 (blocks "
                               + ", ".join(str(b) for b in BLOCKS[:-1]) + ")",
                     "grid": [{"alpha": _r(float(a)), "censored_log_loss": _r(float(r))}
                              for a, r in zip(table["alpha"], table["censored_log_loss"])]}
    model = SupportModel(alpha=float(alpha), seed=seed).fit(X, lo, y_max=hi)
    origins = meta.groupby("origin")["crisis_id"].nunique()
    info = {
        "pack_hash": store.pack_hash,
        "fit_date": fit_date or _fit_date(),
        "training": {
            "before": EVALUATION_START.isoformat(),
            "n_rows": int(len(meta)),
            "n_censored": int(meta["censored"].sum()),
            "n_crises": int(meta["crisis_id"].nunique()),
            "crises_by_origin": {str(k): int(v) for k, v in origins.items()},
            "first_crisis": str(min(meta["date"])),
            "last_crisis": str(max(meta["date"])),
            "history_hash": getattr(store, "history_hash", None) or "imported",
        },
        "alpha_selection": selection,
    }
    path = write_params(model_to_dict(model, info), out)
    model.meta_ = info
    return model, path
