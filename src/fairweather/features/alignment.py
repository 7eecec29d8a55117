"""Features of alignment between partner, target and attackers (regime, UN votes, rivalries), each defined once.

Each function is one feature's :data:`~fairweather.features.columns.Column`, read through the case's
:class:`~fairweather.features.columns.CaseView`. Regime scores are V-Dem's polyarchy; ideal points
are Bailey, Strezhnev & Voeten's, the latest UNGA session known on the date; a rivalry is the tie
``rivalry`` in either direction. Imports nothing from the rest of the features package but its columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from fairweather.features.columns import Answers, CaseView, column

__all__ = ["regime_similarity", "rival_of_attacker", "rival_of_target", "ideal_point_distance", "closer_to_target",
           "un_unknown"]


def regime_similarity(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 - |polyarchy(partner) - polyarchy(target)| on ``d``; NaN if either is unknown."""
    polyarchy = case.look.numbers("regime_polyarchy")
    out = []
    for p in partners:
        pp, pt = polyarchy.get(p), polyarchy.get(case.t)
        out.append(math.nan if pp is None or pt is None else 1.0 - abs(pp - pt))
    return column(out)


def _rivals(rivalry: Answers, p: str, others: Sequence[str]) -> list[str]:
    """The states of ``others`` that ``p`` is a strategic rival of (tie ``rivalry`` either way)."""
    return [a for a in others if rivalry.get((p, a)) is not None or rivalry.get((a, p)) is not None]


def rival_of_attacker(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner and an attacker are strategic rivals on ``d``; the sentences get those ``rivals``."""
    rivalry, out = case.look.ties("rivalry"), []
    for p in partners:
        rivals = _rivals(rivalry, p, case.attackers)
        case.note(p, "rivals", rivals)
        out.append(float(bool(rivals)))
    return column(out)


def rival_of_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner and the target are strategic rivals on ``d``."""
    rivalry = case.look.ties("rivalry")
    return column([float(bool(_rivals(rivalry, p, (case.t,)))) for p in partners])


def _ideal_points(case: CaseView, partners: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whether the partner's and the target's ideal points are both known, |IP(P) - IP(T)| (NaN if not), and IP(P)."""
    ideal = case.look.numbers("un_ideal_point")
    it = ideal.get(case.t)
    ips = [ideal.get(p) for p in partners]
    known = np.asarray([ip is not None and it is not None for ip in ips], dtype=bool)
    ip = np.asarray([np.nan if v is None else v for v in ips], dtype=float)
    return known, np.where(known, np.abs(ip - (np.nan if it is None else it)), np.nan), ip


def ideal_point_distance(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """|ideal point(partner) - ideal point(target)| on ``d``; NaN if either is unknown."""
    return _ideal_points(case, partners)[1]


def closer_to_target(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """Mean over the state attackers A of |IP(P) - IP(A)| (those known), less |IP(P) - IP(T)|; NaN if unknown."""
    known, distance, ip = _ideal_points(case, partners)
    ideal = case.look.numbers("un_ideal_point")
    ia = np.asarray([x for x in (ideal.get(a) for a in case.states) if x is not None], dtype=float)
    closer = np.full(len(partners), np.nan)
    if len(ia) and known.any():
        # numpy's mean of each row of a C-ordered array is its mean of that row alone, whatever the number of
        # rows: one partner (the per-row path) or all of a case's (bulk) give the same bits
        closer[known] = np.abs(ip[known][:, None] - ia[None, :]).mean(axis=1) - distance[known]
    return closer


def un_unknown(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner's or the target's ideal point is unknown on ``d``."""
    return (~_ideal_points(case, partners)[0]).astype(float)
