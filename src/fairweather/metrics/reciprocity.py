"""Reciprocity: has material help flowed both ways between members, or one way only?

Help counted from a giver to a receiver, within a look-back window ending on
the evaluation date (default 10 years):

* ties of kinds ``arms_delivery``, ``troops_sent`` and ``aid`` from giver to
  receiver: +1 each (one row = one delivery, deployment or package);
* ties of kind ``arms_undelivered`` (arms the receiver ordered from the giver
  that never came): -1 against the giver;
* crisis responses: when a member was the target of a crisis, every other
  member's response at level >= 3 (economic, materiel or military help) is +1
  from the responder to the target.

A pair's net help each way is clipped at 0. The bloc's ``reciprocity`` is the
weighted balance ``sum(min(h_ab, h_ba)) / sum(max(h_ab, h_ba))`` over member
pairs with any help: 1 when every flow is matched by one back, 0 when all help
runs one way; NaN when no help flowed at all. ``help_events`` is the total net
help between members, ``help_pairs`` the number of pairs with any.

Worked case: Iran delivered Shahed drones to Russia (+1 IRN->RUS) and Russia
never delivered the Su-35s Iran ordered (-1 RUS->IRN, clipped to 0): one pair,
min 0 / max 1 -> reciprocity 0.0.

References
----------
Keohane, R. O. 1986. "Reciprocity in International Relations." *International
Organization* 40(1): 1-27.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import pandas as pd

from fairweather.metrics._data import CohesionData, dyads

__all__ = ["HELP_KINDS", "AGAINST_KINDS", "MATERIAL_LEVEL", "help_flows", "reciprocity"]

#: Tie kinds that count as help given from ``from_state`` to ``to_state``.
HELP_KINDS: tuple[str, ...] = ("arms_delivery", "troops_sent", "aid")
#: Tie kinds that count against ``from_state`` (help promised, not delivered).
AGAINST_KINDS: tuple[str, ...] = ("arms_undelivered",)
#: Crisis-response level from which a response counts as material help (DESIGN.md).
MATERIAL_LEVEL = 3


def _window_start(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def help_flows(data: CohesionData, members: tuple[str, ...] | list[str], as_of: dt.date, window_years: int = 10) -> dict[tuple[str, str], int]:
    """Net help ``{(giver, receiver): events}`` among ``members`` in the window ending ``as_of``."""
    ms = set(members)
    start = _window_start(as_of, window_years)
    flows: dict[tuple[str, str], int] = defaultdict(int)
    for d, f, t, k in data.event_records(set(HELP_KINDS) | set(AGAINST_KINDS)):
        if start <= d <= as_of and f in ms and t in ms and f != t:
            flows[(f, t)] += -1 if k in AGAINST_KINDS else 1
    for d, _, tgt, sup, lvl, _ in data.response_records():
        if start <= d <= as_of and tgt in ms and sup in ms and sup != tgt and lvl >= MATERIAL_LEVEL:
            flows[(sup, tgt)] += 1
    return dict(flows)


def reciprocity(data: CohesionData, groups: pd.DataFrame, window_years: int = 10) -> pd.DataFrame:
    """Balance of material help given and received among members, per bloc-year.

    Parameters
    ----------
    window_years
        Look-back window ending on the evaluation date.

    Returns
    -------
    DataFrame
        ``bloc``, ``year``, ``reciprocity`` (0 one-way .. 1 balanced; NaN if no
        help flowed), ``help_events`` (net help events between members),
        ``help_pairs`` (member pairs with any help).

    References
    ----------
    Keohane, R. O. 1986. "Reciprocity in International Relations."
    *International Organization* 40(1): 1-27.
    """
    rows = []
    for g in groups.itertuples(index=False):
        flows = help_flows(data, g.members, g.as_of, window_years)
        lo = hi = 0.0
        pairs = 0
        for a, b in dyads(g.members):
            hab, hba = max(flows.get((a, b), 0), 0), max(flows.get((b, a), 0), 0)
            if hab or hba:
                pairs += 1
                lo += min(hab, hba)
                hi += max(hab, hba)
        rows.append({"bloc": g.bloc, "year": g.year, "reciprocity": lo / hi if hi else math.nan,
                     "help_events": int(sum(max(v, 0) for v in flows.values())), "help_pairs": pairs})
    return pd.DataFrame(rows, columns=["bloc", "year", "reciprocity", "help_events", "help_pairs"])
