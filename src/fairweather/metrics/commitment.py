"""Commitment density and strength: how many member pairs are bound, and how tightly.

For every ordered pair of members (a, b) the obligations a gives b on the
evaluation date are read from the pack's commitments (one-sided treaties count
only in the direction they bind). A pair's *strength* is the largest weight of
those obligations (:data:`STRENGTH_WEIGHTS`); *density* is the share of
ordered pairs bound by any weighted obligation and *strength* the mean pair
strength. Both are in [0, 1], do not depend on the order in which members are
listed, and adding a defence pact between two members never lowers them.

Worked case: CHN, PRK, RUS in 2025 — CHN<->PRK defence (1961 treaty) = 1 each
way, RUS<->PRK defence (2024 treaty) = 1 each way, CHN<->RUS consultation
(2001 treaty) = 0.5 each way: density 6/6 = 1.0, strength (4*1 + 2*0.5)/6 = 0.83.

References
----------
Leeds, B. A., J. M. Ritter, S. M. Mitchell & A. G. Long. 2002. "Alliance
Treaty Obligations and Provisions, 1815-1944." *International Interactions*
28(3): 237-260 (the obligation types).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from fairweather.metrics._data import CohesionData, ordered_pairs

__all__ = ["STRENGTH_WEIGHTS", "commitment_density", "pair_strength"]

#: Weight of each obligation in a pair's strength (shown and changeable: pass
#: ``weights=``). Defence (and offence) promise one's own forces; consultation
#: and neutrality bind diplomacy; non-aggression and a treaty-level partnership
#: bind least. An obligation with weight 0 does not count towards density.
STRENGTH_WEIGHTS: dict[str, float] = {
    "defense": 1.0,
    "offense": 1.0,
    "consultation": 0.5,
    "neutrality": 0.5,
    "nonaggression": 0.25,
    "partnership": 0.25,
}


def pair_strength(obligations: set[str], weights: Mapping[str, float] | None = None) -> float:
    """Strength of one directed pair: the largest weight among its obligations (0 if none)."""
    w = STRENGTH_WEIGHTS if weights is None else {**STRENGTH_WEIGHTS, **weights}
    return max((w.get(o, 0.0) for o in obligations), default=0.0)


def commitment_density(data: CohesionData, groups: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Density and strength of the commitments among members, per bloc-year.

    Parameters
    ----------
    data
        The pack tables (:meth:`CohesionData.from_store`).
    groups
        One row per bloc-year with ``bloc``, ``year``, ``as_of``, ``members``
        (:func:`~fairweather.metrics.blocs.membership_panel`).
    weights
        Overrides of :data:`STRENGTH_WEIGHTS`, e.g. ``{"partnership": 0}``.

    Returns
    -------
    DataFrame
        ``bloc``, ``year``, ``density`` (share of ordered member pairs bound),
        ``strength`` (mean pair strength), ``defense_share`` (share of ordered
        pairs with a defence obligation), ``n_pairs``. NaN with fewer than two members.

    References
    ----------
    Leeds, B. A. et al. 2002. *International Interactions* 28(3): 237-260.
    """
    rows = []
    for g in groups.itertuples(index=False):
        pairs = ordered_pairs(g.members)
        if not pairs:
            rows.append({"bloc": g.bloc, "year": g.year, "density": float("nan"), "strength": float("nan"),
                         "defense_share": float("nan"), "n_pairs": 0})
            continue
        ob = data.obligations(g.as_of)
        strengths = [pair_strength(ob.get(p, set()), weights) for p in pairs]
        rows.append({
            "bloc": g.bloc, "year": g.year,
            "density": sum(s > 0 for s in strengths) / len(pairs),
            "strength": sum(strengths) / len(pairs),
            "defense_share": sum("defense" in ob.get(p, set()) for p in pairs) / len(pairs),
            "n_pairs": len(pairs),
        })
    return pd.DataFrame(rows, columns=["bloc", "year", "density", "strength", "defense_share", "n_pairs"])
