"""Features of the partner's power and standing (COW CINC, major-power and UNSC status), each defined once.

Each function is one feature's :data:`~fairweather.features.columns.Column`, read through the case's
:class:`~fairweather.features.columns.CaseView`: a CINC score is COW's (share of world capability,
the latest year known on the date), counted only when positive. Imports nothing from the rest of the
features package but its columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from fairweather.features.columns import CaseView, column, first_is_one

__all__ = ["capability", "attacker_cinc_ratio", "cinc_unknown", "major_power", "unsc_permanent"]


def _positive(v: float | None) -> bool:
    return bool(v and v > 0)


def capability(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log of each partner's CINC score on ``d``; NaN if unknown (or not positive)."""
    return column([math.log(v) if _positive(v) else math.nan for v in case.number("cinc", partners)])  # type: ignore[arg-type]


def cinc_unknown(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner's CINC score is unknown (or not positive) on ``d``."""
    return column([float(not _positive(v)) for v in case.number("cinc", partners)])


def attacker_cinc_ratio(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log(sum of the state attackers' CINC / the partner's CINC); NaN if any is unknown or no attacker is a state."""
    ca = case.number("cinc", case.states)
    known = bool(case.states) and all(c is not None for c in ca) and sum(ca) > 0  # type: ignore[arg-type]
    total = sum(ca) if known else math.nan  # type: ignore[arg-type]
    return column([math.log(total / v) if known and _positive(v) else math.nan  # type: ignore[operator]
                   for v in case.number("cinc", partners)])


def unsc_permanent(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner is a permanent member of the UN Security Council on ``d``."""
    permanent = case.look.values("unsc_permanent")
    return column([float(first_is_one(permanent.get(p, ()))) for p in partners])


def major_power(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner is a COW major power (or a permanent UNSC member) on ``d``."""
    major, permanent = case.look.values("major_power"), case.look.values("unsc_permanent")
    return column([float(first_is_one(major.get(p, ())) or first_is_one(permanent.get(p, ()))) for p in partners])
