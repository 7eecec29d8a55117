"""Cross-pressure: how much members are tied to the states the bloc stands against.

A member whose trade runs mostly to the bloc's adversaries is pulled two ways
(China's trade with the United States and the Gulf monarchies dwarfs its trade
with Iran). For each member with trade shares in the pack on the evaluation
date::

    pull_m = adv_m / (adv_m + in_m)

where ``adv_m`` is the sum of the member's ``trade_share`` ties (%) to the
bloc's adversaries (:data:`~fairweather.metrics.blocs.BLOC_ADVERSARIES`, or
those given) and ``in_m`` the sum to the other members. ``cross_pressure`` is
the mean ``pull`` over members with any such share (0 = all their recorded
trade is inside the bloc, 1 = all of it with the adversaries); NaN when the
bloc has no adversaries or the pack has no shares. A member counts only when
the pack records its share with at least one adversary (an unrecorded share
is unknown, not zero: counting it as zero would read missing data as
loyalty); its other unrecorded shares count as 0. ``cross_n`` says how many
members entered. ``adversary_trade`` is the
mean ``adv_m`` (%), ``bloc_trade`` the mean ``in_m`` (%).

Worked case (illustrative shares): a member with 3% of its trade with one
fellow member and 4% with another, but 12.5% with one adversary and 7% with
another, has pull = 19.5 / (19.5 + 7) = 0.74.

References
----------
Lipset, S. M. 1960 (cross-pressures); applied to alliances by
Crescenzi, M. J. C. et al. 2012. "Reliability, Reputation, and Alliance
Formation." *International Studies Quarterly* 56(2): 259-274.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from fairweather.metrics._data import CohesionData

__all__ = ["CROSS_KIND", "cross_pressure"]

#: The tie kind read as a member's exposure to a partner (share of its total goods trade).
CROSS_KIND = "trade_share"


def cross_pressure(data: CohesionData, groups: pd.DataFrame, adversaries: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Members' trade with the bloc's adversaries against their trade inside the bloc, per bloc-year.

    Parameters
    ----------
    adversaries
        ``{bloc: [ISO3, ...]}``: the states each bloc is measured against.

    Returns
    -------
    DataFrame
        ``bloc``, ``year``, ``cross_pressure`` (0..1), ``adversary_trade``,
        ``bloc_trade`` (mean % of members' trade), ``cross_n`` (members measured).

    References
    ----------
    Crescenzi, M. J. C. et al. 2012. *International Studies Quarterly* 56(2): 259-274.
    """
    rows = []
    for g in groups.itertuples(index=False):
        # sorted: a float sum over a set would follow the hash seed's order and differ at 1e-16 between runs
        advs = sorted(set(adversaries.get(g.bloc, ())) - set(g.members))
        levels = data.level_ties(g.as_of, {CROSS_KIND})
        pulls, adv_all, in_all = [], [], []
        if advs:
            for m in g.members:
                adv = [levels[(m, a, CROSS_KIND)] for a in advs if (m, a, CROSS_KIND) in levels]
                ins = [levels[(m, o, CROSS_KIND)] for o in g.members if o != m and (m, o, CROSS_KIND) in levels]
                if not adv:
                    continue  # its trade with the adversaries is unknown
                a, i = sum(adv), sum(ins)
                if a + i > 0:
                    pulls.append(a / (a + i))
                    adv_all.append(a)
                    in_all.append(i)
        mean = lambda v: sum(v) / len(v) if v else math.nan  # noqa: E731
        rows.append({"bloc": g.bloc, "year": g.year, "cross_pressure": mean(pulls), "adversary_trade": mean(adv_all),
                     "bloc_trade": mean(in_all), "cross_n": len(pulls)})
    return pd.DataFrame(rows, columns=["bloc", "year", "cross_pressure", "adversary_trade", "bloc_trade", "cross_n"])
