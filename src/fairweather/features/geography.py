"""Features of place, each defined once: distance, shared borders, the partner's forces in or near the target.

Each function is one feature's :data:`~fairweather.features.columns.Column`: the value for each
partner of one case, read through the case's :class:`~fairweather.features.columns.CaseView` (the
per-row path asks for one partner, the bulk path for all of a case's). Contiguity is COW's
(types 1-3: land, river, up to 24 miles of water); troops and bases are ties of the partner *to* the
place. Imports nothing from the rest of the features package but its columns.

>>> haversine_km((0.0, 0.0), (0.0, 90.0)) // 1
10007.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from fairweather.features.columns import CaseView, column

__all__ = ["haversine_km", "distance", "contiguous", "contiguous_attacker", "forces_in_target", "bases_in_target",
           "forces_near_target"]


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def distance(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Great-circle distance between each partner's capital and the target's, in 1000 km; NaN if either is unknown."""
    capitals = case.look.capitals()
    ct = capitals.get(case.t)
    return column([haversine_km(cp, ct) / 1000.0 if cp and ct and None not in (*cp, *ct) else math.nan
                   for cp in (capitals.get(p) for p in partners)])


def _contiguous(v: float | None) -> bool:
    return v is not None and 1 <= v <= 3


def contiguous(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner is directly contiguous (types 1-3) to the target on ``d``."""
    contiguity = case.look.ties("contiguity")
    return column([float(_contiguous(contiguity.get((p, case.t)))) for p in partners])


def contiguous_attacker(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner is directly contiguous (types 1-3) to a state attacker on ``d``."""
    contiguity = case.look.ties("contiguity")
    return column([float(any(_contiguous(contiguity.get((p, a))) for a in case.states)) for p in partners])


def forces_in_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log(1 + personnel of the partner stationed in the target on ``d``); the personnel is the sentence's ``troops``."""
    stationed = case.look.ties("troops_stationed")
    out = []
    for p in partners:
        troops = stationed.get((p, case.t)) or 0.0
        case.note(p, "troops", troops)
        out.append(math.log1p(max(troops, 0.0)))
    return column(out)


def bases_in_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Number of the partner's military bases in the target on ``d`` (0 when none)."""
    bases = case.look.ties("military_base")
    return column([bases.get((p, case.t)) or 0.0 for p in partners])


def forces_near_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log(1 + personnel of the partner stationed on ``d`` in the target or in a state directly contiguous to it)."""
    t, contiguity, stationed = case.t, case.look.ties("contiguity"), case.look.ties("troops_stationed")
    near = [b for b, k in case.look.ties_from(t) if k == "contiguity" and _contiguous(contiguity.get((t, b)))]
    around = sorted({t, *near})
    return column([math.log1p(max(sum(stationed.get((p, x)) or 0.0 for x in around), 0.0)) for p in partners])
