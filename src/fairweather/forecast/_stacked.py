"""The stacked support model: what thousands of dataset crises say, calibrated on the pack's major crises.

Stage 1 (``history_``) is the censored ordered logit fitted on the crises of the
datasets (COW MIDs, UCDP ESD); its linear predictor, the *history score*,
summarizes a partner's structural propensity. Stage 2 (``pack_``) is an ordered
logit fitted on the pack's exactly coded crises with every feature plus that
score (``history_score``), so the datasets inform the forecast without forcing
their thresholds onto major crises (most MIDs are minor, and most candidates of
a MID do nothing).

Contributions stay additive: a feature's contribution is its direct stage-2
term plus its share of the history score's stage-2 term,
``c2_j z2_j + (c_hs / s_hs) c1_j z1_j``; with ``intercept_ = -c_hs m_hs / s_hs``
they sum to the stage-2 linear predictor (exactly, unless the history score is
clipped at ``z_clip`` standard deviations). The interval reflects stage-2
parameter uncertainty with the history score held at its point estimate.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from fairweather.errors import ModelError
from fairweather.forecast._constraints import registry_model

__all__ = ["StackedSupportModel", "HISTORY_SCORE"]

HISTORY_SCORE = "history_score"


class StackedSupportModel:
    """Two fitted :class:`SupportModel` stages behaving as one model for forecasts (see the module docstring).

    Parameters
    ----------
    alpha_history, alpha_pack
        Prior precisions of the two stages.
    seed
        Seed of both stages (the interval draws).
    """

    def __init__(self, alpha_history: float = 30.0, alpha_pack: float = 100.0, seed: int = 20250613) -> None:
        self.alpha_history = alpha_history
        self.alpha_pack = alpha_pack
        self.seed = seed

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Stage 2's settings (what a template for a pack-level refit takes)."""
        return self.pack_.get_params() if hasattr(self, "pack_") else {"alpha": self.alpha_pack, "seed": self.seed}

    def __repr__(self) -> str:
        return f"StackedSupportModel(alpha_history={self.alpha_history!r}, alpha_pack={self.alpha_pack!r}, seed={self.seed!r})"

    # -- fitting -------------------------------------------------------------------------------
    def fit(self, X: pd.DataFrame, y: Any, is_pack: Any, *, y_max: Any = None, compute_cov: bool = True) -> "StackedSupportModel":
        """Stage 1 on the rows with ``is_pack`` false (censored), stage 2 on the others (exact)."""
        lo = np.asarray(y, dtype=int)
        hi = lo if y_max is None else np.asarray(y_max, dtype=int)
        pk = np.asarray(is_pack, dtype=bool)
        if pk.all() or not pk.any():
            raise ModelError("A stacked model needs dataset rows (is_pack false) for stage 1 and pack rows for stage 2.")
        if (lo[pk] != hi[pk]).any():
            raise ModelError("Stage 2 is fitted on exactly coded rows: the pack's rows must not be censored.")
        self.history_ = registry_model(X, alpha=self.alpha_history, seed=self.seed).fit(
            X[~pk], lo[~pk], compute_cov=compute_cov, y_max=hi[~pk])
        stage2 = self._stage2(X[pk])
        self.pack_ = registry_model(stage2, alpha=self.alpha_pack, seed=self.seed).fit(stage2, lo[pk], compute_cov=compute_cov)
        self._finish()
        return self

    def _finish(self) -> None:
        names = list(self.history_.feature_names_in_)
        if list(self.pack_.feature_names_in_) != names + [HISTORY_SCORE]:
            raise ModelError("Stage 2 must take stage 1's features plus history_score, in that order.")
        self.feature_names_in_ = np.asarray(names, dtype=object)
        self.n_features_in_ = len(names)
        j = len(names)
        self._w = float(self.pack_.coef_[j] / self.pack_.scale_[j])
        self.intercept_ = float(-self.pack_.coef_[j] * self.pack_.mean_[j] / self.pack_.scale_[j])
        #: Effective weight of each feature: its direct stage-2 coefficient (the history share varies by row).
        self.coef_ = self.pack_.coef_[:j].copy()
        self.meta_: dict[str, Any] = getattr(self, "meta_", {})

    def _stage2(self, X: pd.DataFrame) -> pd.DataFrame:
        X = X[list(self.history_.feature_names_in_)] if isinstance(X, pd.DataFrame) else pd.DataFrame(
            np.asarray(X, dtype=float), columns=list(self.history_.feature_names_in_))
        return X.assign(**{HISTORY_SCORE: self.history_.decision_function(X)})

    # -- prediction ------------------------------------------------------------------------------
    def history_score(self, X: pd.DataFrame) -> np.ndarray:
        """Stage 1's linear predictor of each row."""
        return self.history_.decision_function(X)

    def contributions(self, X: pd.DataFrame) -> np.ndarray:
        X2 = self._stage2(X)
        direct = self.pack_.contributions(X2)[:, : self.n_features_in_]
        return direct + self._w * self.history_.contributions(X2[list(self.feature_names_in_)])

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        return self.pack_.decision_function(self._stage2(X))

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        return self.pack_.predict_proba(self._stage2(X))

    def predict_cumulative(self, X: pd.DataFrame) -> np.ndarray:
        return self.pack_.predict_cumulative(self._stage2(X))

    def predict_expected(self, X: pd.DataFrame) -> np.ndarray:
        return self.pack_.predict_expected(self._stage2(X))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.pack_.predict(self._stage2(X))

    def predict_interval(self, X: pd.DataFrame, interval: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        return self.pack_.predict_interval(self._stage2(X), interval)

    # -- parameter files -------------------------------------------------------------------------
    def to_dict(self, meta: dict[str, Any]) -> dict[str, Any]:
        from fairweather.forecast._params import FORMAT, model_to_dict

        return {"format": FORMAT, "model": "stacked_ordered_logit", **meta,
                "hyperparameters": {"alpha_history": self.alpha_history, "alpha_pack": self.alpha_pack, "seed": self.seed},
                "features": [str(f) for f in self.feature_names_in_],
                "stage1": model_to_dict(self.history_, {}), "stage2": model_to_dict(self.pack_, {})}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "StackedSupportModel":
        from fairweather.forecast._params import model_from_dict

        m = cls(**d["hyperparameters"])
        m.history_ = model_from_dict(d["stage1"])
        m.pack_ = model_from_dict(d["stage2"])
        m.meta_ = {k: d[k] for k in ("pack_hash", "fit_date", "training", "alpha_selection") if k in d}
        m._finish()
        return m
