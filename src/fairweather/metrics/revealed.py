"""Revealed support: what members actually did when another member was attacked.

From the pack's ``crises`` and ``responses``: every crisis that began in the
look-back window ending on the evaluation date (default 10 years) whose
target was a member, and every response to it by another member (members as
of the evaluation date). ``support_level`` is the mean level (0..5, DESIGN.md
support levels), ``support_share`` the share of responses at level >= 3
(material help), ``support_n`` how many responses were recorded. A member that
also sided with the attacker counts at the level it gave the target (CODING.md:
siding never erases a level; the flag is kept beside it). NaN when no member was attacked in
the window — the bloc's promises were not tested.

Worked case: Iran struck in June 2025; Russia, China and North Korea each
condemned (level 1): support_level 1.0, support_share 0.0.

References
----------
Leeds, B. A., A. G. Long & S. M. Mitchell. 2000. "Reevaluating Alliance
Reliability." *Journal of Conflict Resolution* 44(5): 686-699.
Berkemeier, M. & M. Fuhrmann. 2018. "Reassessing the Fulfillment of Alliance
Commitments in War." *Research & Politics* 5(2).
"""

from __future__ import annotations

import math

import pandas as pd

from fairweather.metrics._data import CohesionData
from fairweather.metrics.reciprocity import MATERIAL_LEVEL, _window_start

__all__ = ["revealed_support", "member_responses"]


def member_responses(data: CohesionData, members, as_of, window_years: int = 10) -> pd.DataFrame:
    """Responses of members to crises against other members in the window ending ``as_of``."""
    ms = set(members)
    start = _window_start(as_of, window_years)
    rows = [(c, s, t, lv, sw) for d, c, t, s, lv, sw in data.response_records()
            if start <= d <= as_of and t in ms and s in ms and s != t]
    return pd.DataFrame(rows, columns=["crisis_id", "supporter", "target", "level", "sided_with_attacker"])


def revealed_support(data: CohesionData, groups: pd.DataFrame, window_years: int = 10) -> pd.DataFrame:
    """How members responded when another member was attacked, per bloc-year.

    Returns
    -------
    DataFrame
        ``bloc``, ``year``, ``support_level`` (mean 0..5), ``support_share``
        (share at level >= 3), ``support_n`` (responses), ``support_crises``.

    References
    ----------
    Leeds, Long & Mitchell 2000, *JCR* 44(5): 686-699; Berkemeier & Fuhrmann 2018, *R&P* 5(2).
    """
    rows = []
    for g in groups.itertuples(index=False):
        r = member_responses(data, g.members, g.as_of, window_years)
        n = len(r)
        rows.append({"bloc": g.bloc, "year": g.year,
                     "support_level": float(r["level"].mean()) if n else math.nan,
                     "support_share": float((r["level"] >= MATERIAL_LEVEL).mean()) if n else math.nan,
                     "support_n": n, "support_crises": int(r["crisis_id"].nunique()) if n else 0})
    return pd.DataFrame(rows, columns=["bloc", "year", "support_level", "support_share", "support_n", "support_crises"])
