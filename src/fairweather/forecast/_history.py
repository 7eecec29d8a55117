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
from fairweather.forecast._constraints import registry_model
from fairweather.forecast._model import SupportModel
from fairweather.forecast._stacked import StackedSupportModel
from fairweather.results import Result, Summary

__all__ = ["HistoryBacktestResult", "history_backtest", "fit_history_params", "choose_family",
           "censored_log_loss", "ALPHA_GRID_HISTORY",
           "BLOCKS"]

from fairweather.split import EVALUATION_START  # noqa: E402
ALPHA_GRID_HISTORY: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)
#: Rolling-origin test blocks (first year of each, inclusive; each runs to the next one's start).
BLOCKS: tuple[int, ...] = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
#: The design indicators the "free case terms" family fits under a weak prior (``SupportModel(unpenalized=...)``):
#: a curated crisis and an armed-group attacker say how a case was recorded, so that family lets the exactly
#: coded crises keep their own rates instead of shrinking them onto the datasets'.
UNPENALIZED: tuple[str, ...] = ("armed_group_attacker", "curated_case")


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
            m = registry_model(X, **{**params, "alpha": alpha}).fit(X[tr], lo[tr], compute_cov=False, y_max=hi[tr])
            losses.append(censored_log_loss(m, X[te], lo[te], hi[te]) * te.sum())
            ns.append(te.sum())
        rows.append({"alpha": alpha, "censored_log_loss": float(np.sum(losses) / np.sum(ns)), "n": int(np.sum(ns))})
    table = pd.DataFrame(rows)
    best = table.sort_values(["censored_log_loss", "alpha"], ascending=[True, False]).iloc[0]
    return float(best["alpha"]), table


@dataclass
class HistoryBacktestResult(Result):
    """Predictions and scores of the history backtest; ``scores()``, ``skill()``, ``to_frame()``, ``summary()``."""

    model: SupportModel
    predictions: pd.DataFrame
    alpha_table: pd.DataFrame | None
    training: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)

    def scores(self) -> pd.DataFrame:
        return score_frame(self.predictions, extended=True)

    def to_frame(self) -> pd.DataFrame:
        """Every prediction: ``split, method, crisis_id, partner, year, level, p_level_0..5``."""
        return self.predictions.copy()

    def summary(self) -> Summary:
        """Scores of every family and baseline by split, and the family chosen."""
        st = self.settings
        info = [("Chosen family", str(st.get("chosen_family", ""))), ("Training rows", str(st.get("rows", ""))),
                ("Censored rows", str(st.get("censored", ""))), ("Crises", str(st.get("crises", ""))),
                ("Rolling blocks", ", ".join(st.get("rolling_blocks", [])))]
        return Summary("History backtest: ranked probability, Brier and log loss (lower is better)", info,
                       self.scores().set_index(["split", "method"]))

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


def _predict_frame(split: str, method: str, P: np.ndarray, meta: pd.DataFrame, y: np.ndarray) -> pd.DataFrame:
    cols: dict[str, Any] = {"split": split, "method": method, "crisis_id": meta["crisis_id"].to_numpy(),
                            "partner": meta["partner"].to_numpy(), "year": meta["year"].to_numpy(), "level": y}
    cols.update({c: P[:, k] for k, c in enumerate(_P)})
    return pd.DataFrame(cols)


FAMILIES: tuple[str, ...] = ("model (history + pack)", "model (history + pack, free case terms)", "model (stacked)",
                             "model (pack only)")
#: The families pooling every row in one ordered logit, whose prior is chosen over :data:`ALPHA_GRID_HISTORY`.
POOLED: tuple[str, ...] = FAMILIES[:2]
ALPHA_GRID_PACK: tuple[float, ...] = (3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)


def _fit_family(family: str, alpha: float, alpha_history: float, X: pd.DataFrame, lo: np.ndarray, hi: np.ndarray,
                is_pack: np.ndarray, seed: int, compute_cov: bool = False) -> Any:
    if family == "model (history + pack)":
        return registry_model(X, alpha=alpha, seed=seed).fit(X, lo, compute_cov=compute_cov, y_max=hi)
    if family == "model (history + pack, free case terms)":
        return registry_model(X, alpha=alpha, seed=seed, unpenalized=UNPENALIZED).fit(X, lo, compute_cov=compute_cov, y_max=hi)
    if family == "model (stacked)":
        return StackedSupportModel(alpha_history, alpha, seed).fit(X, lo, is_pack, y_max=hi, compute_cov=compute_cov)
    return registry_model(X, alpha=alpha, seed=seed).fit(X[is_pack], lo[is_pack], compute_cov=compute_cov)


def choose_family(X: pd.DataFrame, lo: np.ndarray, hi: np.ndarray, meta: pd.DataFrame, alpha: float | str = "auto",
                  seed: int = 20250613) -> dict[str, Any]:
    """Choose each family's priors and the best family, on pre-2020 rolling-origin folds only.

    The stacked model's first-stage prior by rolling-origin censored log loss over every crisis
    (:func:`select_alpha_history`); each family's prior (the pooled model's, the stacked second
    stage's, the pack-only model's) and then the family by rolling-origin RPS on the pack's crises
    (blocks with at least 20 earlier pack rows). Returns the choices and the fold predictions.
    """
    if (pd.to_datetime(meta["date"]) >= pd.Timestamp(EVALUATION_START)).any():
        raise ModelError("Families are chosen on crises that began before 2020-01-01 only; rows from 2020 on were passed.")
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
        # the pooled family is scored on the pack's crises like the others, so its prior is chosen the same way
        grid = ALPHA_GRID_HISTORY if family in POOLED else ALPHA_GRID_PACK
        for a_pack in grid:
            frames = []
            for _, _, tr, te in blocks:
                m = _fit_family(family, a_pack, alpha_history, X[tr], lo[tr], hi[tr], pack[tr], seed)
                frames.append(_predict_frame("rolling origin", family, m.predict_proba(X[te]), meta[te], lo[te]))
            rps = score_frame(pd.concat(frames, ignore_index=True))["rps"].iloc[0]
            grid_rows.append({"family": family, "alpha": a_pack, "rolling_rps": float(rps)})
            if best is None or rps < best[0] - 1e-12:
                best = (rps, a_pack, frames)
        assert best is not None  # every grid has a value
        chosen[family], rolling[family] = best[1], best[2]
    rps = {f: float(score_frame(pd.concat(rolling[f], ignore_index=True))["rps"].iloc[0]) for f in FAMILIES}
    family = min(FAMILIES, key=lambda f: (rps[f], FAMILIES.index(f)))
    return {"family": family, "rolling_rps": rps, "alpha_history": alpha_history, "alpha_table": table,
            "alpha_pack": chosen, "grid": pd.DataFrame(grid_rows), "rolling": rolling, "blocks": blocks}


def history_backtest(store: Any, alpha: float | str = "auto", seed: int = 20250613) -> HistoryBacktestResult:
    """Backtest four families against the baselines, choosing everything on pre-2020 crises only.

    Families: the censored ordered logit on the pack and the datasets pooled (``history + pack``);
    the same with its design indicators under a weak prior (``free case terms``: the curated crises
    keep their own rate); the two-stage :class:`StackedModel`; the ordered logit on the pack's crises alone (``pack only``,
    with the same features, imported facts included). The history stage's prior is chosen by
    rolling-origin censored log loss over every pre-2020 crisis; each family's pack-level prior by
    rolling-origin RPS over the pack's pre-2020 crises (so its rolling-origin scores are slightly
    optimistic, as the settings say); the 2020+ evaluation crises play no part in any choice.
    ``store`` must hold the imported datasets (:func:`fairweather.sources.history.import_reference`).
    """
    from fairweather.features.history import history_training_set

    X, lo, hi, meta = history_training_set(store, before=EVALUATION_START)
    if not (meta["origin"] != "pack").any():
        raise ModelError("The store holds no imported crises: import the publishers' files first "
                         "(fairweather.sources.history.import_reference, or --reference DIR on the command line).")
    Xe, ye, _, me = history_training_set(store, before=dt.date(9999, 12, 31), since=EVALUATION_START, pack_only=True)
    pack = (meta["origin"] == "pack").to_numpy()
    choice = choose_family(X, lo, hi, meta, alpha=alpha, seed=seed)
    alpha_history, table, chosen, rolling, blocks = (choice["alpha_history"], choice["alpha_table"], choice["alpha_pack"],
                                                    choice["rolling"], choice["blocks"])
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
    shipped = choice["family"]
    return HistoryBacktestResult(final[shipped], predictions, table, meta, {
        "alpha_history": alpha_history, "alpha_pack": chosen, "alpha_grid": choice["grid"],
        "chosen_family": shipped, "choice": "lowest rolling-origin RPS on the pack's pre-2020 crises",
        "rows": len(meta), "censored": int(meta["censored"].sum()), "crises": int(meta["crisis_id"].nunique()),
        "rolling_blocks": [f"{a}-{b - 1}" for a, b, _, _ in blocks], "models": final})


def fit_history_params(store: Any, out: Any, *, alpha: float | str = "auto", seed: int = 20250613,
                       fit_date: str | None = None) -> tuple[Any, Any]:
    """Choose, fit and write the history model: the family and priors that win on pre-2020 rolling origin.

    ``store`` holds the pack and the imported datasets (``Store.open(history=True)``, or a store after
    :func:`fairweather.sources.history.import_reference`). :func:`choose_family` picks the family
    (pooled, stacked or pack only) and the priors on crises before 2020 only; the chosen family is then
    fitted on every crisis before 2020. The file records the choice, the pack's and the history
    layer's hashes; same inputs and seed, same bytes.
    """
    from fairweather.forecast._params import _fit_date, _r, check_out, model_to_dict, write_params
    from fairweather.features.history import history_training_set

    check_out(out)
    X, lo, hi, meta = history_training_set(store, before=EVALUATION_START)
    if not (meta["origin"] != "pack").any():
        raise ModelError("The store holds no imported crises: open it with Store.open(history=True) or import the "
                         "publishers' files (--reference DIR).")
    choice = choose_family(X, lo, hi, meta, alpha=alpha, seed=seed)
    family = choice["family"]
    pack = (meta["origin"] == "pack").to_numpy()
    model = _fit_family(family, choice["alpha_pack"][family], choice["alpha_history"], X, lo, hi, pack, seed, compute_cov=True)
    table = choice["alpha_table"]
    selection = {
        "method": "on crises before 2020-01-01 only: the history prior by rolling-origin censored log loss (blocks "
                  + ", ".join(str(b) for b in BLOCKS[:-1]) + "); each family's pack-level prior and the family by "
                  "rolling-origin RPS on the pack's crises",
        "family": family,
        "rolling_rps": {k: _r(v) for k, v in choice["rolling_rps"].items()},
        "alpha_history": _r(choice["alpha_history"]),
        "alpha_pack": {k: _r(v) for k, v in choice["alpha_pack"].items()},
        "history_grid": None if table is None else [{"alpha": _r(float(a)), "censored_log_loss": _r(float(r))}
                                                    for a, r in zip(table["alpha"], table["censored_log_loss"])],
        "pack_grid": [{k: (_r(v) if not isinstance(v, str) else v) for k, v in r.items()}
                      for r in choice["grid"].to_dict("records")],
    }
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
    record = model.to_dict(info) if isinstance(model, StackedSupportModel) else model_to_dict(model, info)
    path = write_params(record, out)
    model.meta_ = info
    return model, path
