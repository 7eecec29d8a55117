"""Features of dependence between partner and target (trade, energy, arms flows), each defined once.

Each function is one feature's :data:`~fairweather.features.columns.Column`, read through the case's
:class:`~fairweather.features.columns.CaseView`. A trade share is the tie ``trade_share`` (% of the
first state's goods trade that is with the second) or, where the data have none, the mean of the
``export_share`` and ``import_share`` recorded (0 when neither is). Imports nothing from the rest of
the features package but its columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from fairweather.features.columns import Answers, CaseView, column

__all__ = ["trade_share", "trade_share_partner", "trade_share_target", "energy_share", "arms_supply_share",
           "trade_with_attackers", "trade_with_target_rivals", "arms_patron_share", "reciprocity"]

_ENERGY = ("crude_import_share", "gas_import_share", "oil_export_share")


def _trade_maps(case: CaseView) -> tuple[Answers, Answers, Answers]:
    return case.look.ties("trade_share"), case.look.ties("export_share"), case.look.ties("import_share")


def _share(maps: tuple[Answers, Answers, Answers], a: str, b: str) -> float:
    shares, exports, imports = maps
    v = shares.get((a, b))
    if v is not None:
        return v
    parts = [x for x in (exports.get((a, b)), imports.get((a, b))) if x is not None]
    return sum(parts) / len(parts) if parts else 0.0


def trade_share(case: CaseView, a: str, b: str) -> float:
    """% of ``a``'s goods trade that is with ``b`` on the case's date, with the fallback to export/import shares."""
    return _share(_trade_maps(case), a, b)


def trade_share_partner(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """% of each partner's goods trade that is with the target."""
    maps = _trade_maps(case)
    return column([_share(maps, p, case.t) for p in partners])


def trade_share_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """% of the target's goods trade that is with each partner."""
    maps = _trade_maps(case)
    return column([_share(maps, case.t, p) for p in partners])


def _largest(energy: Sequence[Answers], pairs: Sequence[tuple[str, str]]) -> float:
    shares = [m.get(ab) for ab in pairs for m in energy]
    return max([e for e in shares if e is not None], default=0.0)


def energy_share(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Largest of the target's crude/gas import share from the partner, the partner's from the target and either
    side's oil export share to the other (%; 0 when none)."""
    energy = [case.look.ties(k) for k in _ENERGY]
    return column([_largest(energy, ((case.t, p), (p, case.t))) for p in partners])


def arms_supply_share(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """% of the target's arms imports supplied by each partner (tie target -> partner ``arms_import_share``)."""
    shares = case.look.ties("arms_import_share")
    return column([shares.get((case.t, p)) or 0.0 for p in partners])


def arms_patron_share(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """% of the target's SIPRI TIV arms imports in the five years before the date's year that came from each partner."""
    shares = case.look.ties("arms_tiv_share")
    return column([shares.get((case.t, p)) or 0.0 for p in partners])


def trade_with_attackers(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Sum over the attackers of each partner's trade share with them (%)."""
    maps = _trade_maps(case)
    return column([sum(_share(maps, p, a) for a in case.attackers) for p in partners])


def trade_with_target_rivals(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Sum over the target's strategic rivals other than the attackers (and the partner) of the partner's trade
    share with each (%)."""
    t, rivalry = case.t, case.look.ties("rivalry")
    rivals = {b for b, k in case.look.ties_from(t) if k == "rivalry" and rivalry.get((t, b)) is not None} - set(case.attackers)
    maps = _trade_maps(case)
    return column([sum(_share(maps, p, r) for r in sorted(rivals - {p})) for p in partners])


def reciprocity(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log(1 + number of arms deliveries and troop dispatches from the target to each partner begun before the date)."""
    received = case.look.events_from(case.t, ("arms_delivery", "troops_sent"))
    return column([math.log1p(received.get(p, 0)) for p in partners])
