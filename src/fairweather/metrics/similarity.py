"""Value similarity: how alike the members' regimes are.

Each member's V-Dem electoral democracy index (``regime_polyarchy``, 0..1) on
the evaluation date is read from ``state_facts``; the bloc's
``value_similarity`` is ``1 - mean |p_a - p_b|`` over member dyads with both
scores (1 = identical regimes, 0 = a full democracy beside a closed autocracy),
``regime_mean`` the members' mean score and ``regime_n`` how many members
have one. Symmetric in the dyad and independent of member order.

Worked case: scores 0.2, 0.8 and 0.5 -> distances 0.6, 0.3, 0.3 -> mean 0.4
-> similarity 0.6.

References
----------
Coppedge, M. et al. 2025. V-Dem Country-Year Dataset v15 (``v2x_polyarchy``).
Lai, B. & D. Reiter. 2000. "Democracy, Political Similarity, and International
Alliances, 1816-1992." *Journal of Conflict Resolution* 44(2): 203-227.
"""

from __future__ import annotations

import math

import pandas as pd

from fairweather.metrics._data import CohesionData, dyads

__all__ = ["REGIME_FACT", "value_similarity", "regime_similarity"]

#: The fact read as the regime score (0 = closed autocracy, 1 = full electoral democracy).
REGIME_FACT = "regime_polyarchy"


def regime_similarity(scores: dict[str, float], members: tuple[str, ...] | list[str]) -> float:
    """``1 - mean |p_a - p_b|`` over member dyads that both have a score (NaN if none)."""
    diffs = [abs(scores[a] - scores[b]) for a, b in dyads(members) if a in scores and b in scores]
    return 1.0 - sum(diffs) / len(diffs) if diffs else math.nan


def value_similarity(data: CohesionData, groups: pd.DataFrame) -> pd.DataFrame:
    """Regime-type similarity among members, per bloc-year.

    Returns
    -------
    DataFrame
        ``bloc``, ``year``, ``value_similarity`` (0..1), ``regime_mean``,
        ``regime_n`` (members with a score).

    References
    ----------
    Coppedge, M. et al. 2025. V-Dem Dataset v15. Lai, B. & D. Reiter. 2000.
    *Journal of Conflict Resolution* 44(2): 203-227.
    """
    rows = []
    for g in groups.itertuples(index=False):
        scores = data.fact_values(REGIME_FACT, g.as_of)
        have = [scores[m] for m in g.members if m in scores]
        rows.append({"bloc": g.bloc, "year": g.year, "value_similarity": regime_similarity(scores, g.members),
                     "regime_mean": sum(have) / len(have) if have else math.nan, "regime_n": len(have)})
    return pd.DataFrame(rows, columns=["bloc", "year", "value_similarity", "regime_mean", "regime_n"])
