"""Baselines reported beside the model: the base rate and the treaty rule.

* :class:`BaseRate` predicts every partner with the training frequencies of
  the six levels.
* :class:`TreatyRule` says a defence pact means help at a published
  reliability rate. A partner with a defence obligation toward the target
  (the ``defense`` feature) gets ``P(level >= 3) = rate``, spread over levels
  3..5 and 0..2 by their training frequencies within each group; a partner
  without one gets the training frequencies of the non-allied rows.
  Two published rates: 0.745, the share of alliance commitments honoured in
  Leeds, Long & Mitchell (2000) (source ``leeds-long-mitchell-2000``), and
  0.22, the share honoured after 1945 in Berkemeier & Fuhrmann (2018)
  (source ``berkemeier-fuhrmann-2018``).

All frequencies get add-one-half smoothing so that no level has probability 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from fairweather.errors import NotFittedError

__all__ = ["BaseRate", "TreatyRule", "BASELINES", "make_baselines"]

_N = 6


def _freq(y: np.ndarray) -> np.ndarray:
    c = np.bincount(np.asarray(y, dtype=int), minlength=_N).astype(float) + 0.5
    return c / c.sum()


class BaseRate:
    """Every partner gets the training frequencies of the levels."""

    name = "base_rate"
    label = "base rate (training frequencies)"

    def fit(self, X: pd.DataFrame, y: Any) -> "BaseRate":
        self.freq_ = _freq(np.asarray(y))
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        if not hasattr(self, "freq_"):
            raise NotFittedError("Fit the base rate first.")
        return np.tile(self.freq_, (len(X), 1))


class TreatyRule:
    """A defence pact implies help (level >= 3) at a published rate; others get the non-allies' base rate."""

    def __init__(self, rate: float, name: str, label: str, source_id: str) -> None:
        self.rate = rate
        self.name = name
        self.label = label
        self.source_id = source_id

    def fit(self, X: pd.DataFrame, y: Any) -> "TreatyRule":
        yy = np.asarray(y, dtype=int)
        allied = np.asarray(X["defense"], dtype=float) > 0
        f = _freq(yy)
        hi, lo = f[3:] / f[3:].sum(), f[:3] / f[:3].sum()
        self.allied_ = np.concatenate([(1 - self.rate) * lo, self.rate * hi])
        self.non_allied_ = _freq(yy[~allied]) if (~allied).any() else f
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        if not hasattr(self, "allied_"):
            raise NotFittedError("Fit the treaty rule first.")
        allied = np.asarray(X["defense"], dtype=float) > 0
        return np.where(allied[:, None], self.allied_[None, :], self.non_allied_[None, :])


def make_baselines() -> list[Any]:
    """Fresh, unfitted baselines: base rate, treaty rule at 74.5% (LLM 2000) and at 22% (B&F 2018)."""
    return [
        BaseRate(),
        TreatyRule(0.745, "treaty_llm2000", "treaty rule, 74.5% (Leeds, Long & Mitchell 2000)", "leeds-long-mitchell-2000"),
        TreatyRule(0.22, "treaty_bf2018", "treaty rule, 22% after 1945 (Berkemeier & Fuhrmann 2018)", "berkemeier-fuhrmann-2018"),
    ]


BASELINES: tuple[str, ...] = ("base_rate", "treaty_llm2000", "treaty_bf2018")
