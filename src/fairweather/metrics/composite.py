"""The composite cohesion index, its weights, and how rankings move when the weights do.

Each component is put on [0, 1] with "more cohesive" up:

==============  ==============================  =====================================
weight key      column                          transform
==============  ==============================  =====================================
density         ``strength``                    as is
asymmetry       ``asymmetry``                   ``1 - asymmetry`` (balanced = cohesive)
reciprocity     ``reciprocity``                 as is
values          ``value_similarity``            as is
portfolio       ``portfolio_kappa``             ``(kappa + 1) / 2``
crosspressure   ``cross_pressure``              ``1 - cross_pressure``
support         ``support_share``               as is
==============  ==============================  =====================================

``composite = sum_i w_i c_i / sum_i w_i`` over the components measured for
that bloc-year (a missing component is left out and the weights of the others
renormalised, so that "no crisis to test the bloc" does not read as "no
support"). ``composite_n`` says how many components entered. The weights are
shown (:data:`DEFAULT_WEIGHTS`, equal by default) and changeable.

The sensitivity view ranks blocs by their mean composite over the years under
(a) the weights given, (b) each leave-one-component-out weighting and (c)
random weights drawn from a flat Dirichlet with a seeded
:class:`numpy.random.Generator`, and reports how often each bloc takes each rank.

References
----------
OECD/JRC. 2008. *Handbook on Constructing Composite Indicators: Methodology
and User Guide*. Paris: OECD (weighting and uncertainty analysis, ch. 6-7).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from fairweather.errors import CohesionWeightError

__all__ = ["COMPONENTS", "DEFAULT_WEIGHTS", "CohesionWeightError", "check_weights", "components", "composite", "sensitivity"]

#: weight key -> (column of the metrics frame, transform to [0, 1] with cohesive = 1).
COMPONENTS: dict[str, tuple[str, str]] = {
    "density": ("strength", "as is"),
    "asymmetry": ("asymmetry", "1 - x"),
    "reciprocity": ("reciprocity", "as is"),
    "values": ("value_similarity", "as is"),
    "portfolio": ("portfolio_kappa", "(x + 1) / 2"),
    "crosspressure": ("cross_pressure", "1 - x"),
    "support": ("support_share", "as is"),
}

#: Equal weights: no component is privileged unless the user says so.
DEFAULT_WEIGHTS: dict[str, float] = {k: 1.0 for k in COMPONENTS}

_TRANSFORMS = {"as is": lambda x: x, "1 - x": lambda x: 1.0 - x, "(x + 1) / 2": lambda x: (x + 1.0) / 2.0}


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """The full weight table: :data:`DEFAULT_WEIGHTS` updated with ``weights``, validated."""
    out = dict(DEFAULT_WEIGHTS)
    for k, v in (weights or {}).items():
        if k not in COMPONENTS:
            raise CohesionWeightError(f"Unknown composite weight {k!r}; the components are {', '.join(COMPONENTS)}.")
        try:
            v = float(v)
        except (TypeError, ValueError):
            raise CohesionWeightError(f"The weight of {k!r} must be a number; got {v!r}.") from None
        if v < 0 or math.isnan(v):
            raise CohesionWeightError(f"The weight of {k!r} must be >= 0; got {v}.")
        out[k] = v
    if sum(out.values()) <= 0:
        raise CohesionWeightError("At least one composite weight must be positive.")
    return out


def components(metrics: pd.DataFrame) -> pd.DataFrame:
    """The components on [0, 1] (cohesive = 1), one column per weight key, same rows as ``metrics``."""
    out = pd.DataFrame(index=metrics.index)
    for key, (col, how) in COMPONENTS.items():
        x = pd.to_numeric(metrics[col], errors="coerce") if col in metrics else pd.Series(np.nan, index=metrics.index)
        out[key] = _TRANSFORMS[how](x.astype(float)).clip(0.0, 1.0)
    return out


def composite(metrics: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """``bloc``, ``year``, ``composite`` (0..1) and ``composite_n`` for each row of ``metrics``.

    References
    ----------
    OECD/JRC. 2008. *Handbook on Constructing Composite Indicators*.
    """
    w = check_weights(weights)
    comp = components(metrics)
    wv = np.array([w[k] for k in comp.columns])
    vals = comp.to_numpy(dtype=float)
    have = ~np.isnan(vals) & (wv > 0)
    num = np.where(have, vals * wv, 0.0).sum(axis=1)
    den = np.where(have, wv, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return pd.DataFrame({"bloc": metrics["bloc"].to_numpy(), "year": metrics["year"].to_numpy(),
                         "composite": score, "composite_n": have.sum(axis=1)})


def _ranker(metrics: pd.DataFrame):
    """A fast ``weights -> {bloc: rank}`` for many weightings (components computed once)."""
    vals = components(metrics).to_numpy(dtype=float)
    blocs, codes = np.unique(metrics["bloc"].astype(str).to_numpy(), return_inverse=True)
    present = ~np.isnan(vals)
    filled = np.where(present, vals, 0.0)

    def ranks(weights: Mapping[str, float]) -> dict[str, int]:
        wv = np.array([float(weights.get(k, 0.0)) for k in COMPONENTS])
        have = present & (wv > 0)
        den = (have * wv).sum(axis=1)
        score = np.where(den > 0, (filled * wv * have).sum(axis=1) / np.where(den > 0, den, 1.0), np.nan)
        ok = ~np.isnan(score)
        n = np.bincount(codes[ok], minlength=len(blocs))
        tot = np.bincount(codes[ok], weights=score[ok], minlength=len(blocs))
        mean = np.where(n > 0, tot / np.maximum(n, 1), -1.0)  # a bloc never measured ranks last
        order = sorted(range(len(blocs)), key=lambda i: (-mean[i], blocs[i]))
        return {str(blocs[i]): r + 1 for r, i in enumerate(order)}

    return ranks


def sensitivity(metrics: pd.DataFrame, weights: Mapping[str, float] | None = None, draws: int = 500,
                seed: int = 0) -> pd.DataFrame:
    """How often each bloc takes each rank as the weights vary.

    Blocs are ranked by their mean composite over the years of ``metrics``
    (1 = most cohesive; ties broken by name).

    Parameters
    ----------
    weights
        The reference weights (default :data:`DEFAULT_WEIGHTS`).
    draws
        Number of random weightings from a flat Dirichlet over the components.
    seed
        Seed of the :class:`numpy.random.Generator` (same seed, same table).

    Returns
    -------
    DataFrame
        ``bloc``, ``rank``, ``base`` (True for the bloc's rank under
        ``weights``), ``leave_one_out`` (share of the leave-one-component-out
        weightings giving this rank), ``dirichlet`` (share of random weightings).

    References
    ----------
    OECD/JRC. 2008. *Handbook on Constructing Composite Indicators*, ch. 7 (uncertainty and sensitivity).
    """
    w = check_weights(weights)
    blocs = sorted(metrics["bloc"].astype(str).unique())
    ranks = _ranker(metrics)
    base = ranks(w)
    keys = [k for k in COMPONENTS if w[k] > 0]
    loo = [ranks({**w, k: 0.0}) for k in keys if len(keys) > 1]
    rng = np.random.default_rng(seed)
    rand = [ranks(dict(zip(COMPONENTS, rng.dirichlet(np.ones(len(COMPONENTS)))))) for _ in range(draws)]
    rows = []
    for b in blocs:
        for r in range(1, len(blocs) + 1):
            rows.append({"bloc": b, "rank": r, "base": base[b] == r,
                         "leave_one_out": sum(x[b] == r for x in loo) / len(loo) if loo else float(base[b] == r),
                         "dirichlet": sum(x[b] == r for x in rand) / len(rand) if rand else math.nan})
    return pd.DataFrame(rows, columns=["bloc", "rank", "base", "leave_one_out", "dirichlet"])
