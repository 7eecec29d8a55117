"""Features defined once: the view of a case that both paths give, and the columns computed from it.

A feature whose registry entry carries a ``column`` (:class:`fairweather.features.registry.Feature`)
is computed by that one function, from a :class:`CaseView`: the case (target, attackers, date), the
past record's index and a lookup of a numeric fact for a list of states. The per-row path
(:func:`fairweather.features.table._row`, :func:`fairweather.features.history.history_row`) gives a
view over the snapshot's lookups and asks for one partner; the bulk path
(:mod:`fairweather.features.bulk`) gives a view over the day's dicts
(:class:`~fairweather.features._asofday.AsOfDay`) and asks for all of a case's partners. The two
lookups are the as-of engine's, checked equal by ``tests/forecast/test_predict_bulk.py``; the
arithmetic and the missing rule are here only.

The columns of the past record are in :mod:`fairweather.features.record`; this module holds the
partner's capability (COW CINC). Neither imports the rest of the features package, so that the
registry can point at their functions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from fairweather.features.record import RecordIndex

__all__ = ["CaseView", "Column", "capability", "attacker_cinc_ratio", "cinc_unknown"]


@dataclass(frozen=True)
class CaseView:
    """One case as a column reads it.

    ``states`` are the attackers that are states (not armed groups); ``number(fact, states)`` gives
    each state's numeric ``fact`` on ``d`` (``None`` where unknown); ``records`` is the past record's
    index of the inputs.
    """

    t: str
    attackers: tuple[str, ...]
    d: dt.date
    states: tuple[str, ...]
    records: RecordIndex
    number: Callable[[str, Sequence[str]], list[float | None]]


#: A feature's one computation: ``(case, partners) -> one value per partner``.
Column = Callable[[CaseView, Sequence[str]], np.ndarray]


def _positive(v: float | None) -> bool:
    return bool(v and v > 0)


def capability(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log of each partner's CINC score on ``d``; NaN if unknown (or not positive)."""
    return np.asarray([math.log(v) if _positive(v) else math.nan for v in case.number("cinc", partners)],  # type: ignore[arg-type]
                      dtype=float)


def cinc_unknown(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """1 where the partner's CINC score is unknown (or not positive) on ``d``."""
    return np.asarray([float(not _positive(v)) for v in case.number("cinc", partners)], dtype=float)


def attacker_cinc_ratio(case: CaseView, partners: Sequence[str]) -> np.ndarray:
    """log(sum of the state attackers' CINC / the partner's CINC); NaN if any is unknown or no attacker is a state."""
    ca = case.number("cinc", case.states)
    known = bool(case.states) and all(c is not None for c in ca) and sum(ca) > 0  # type: ignore[arg-type]
    total = sum(ca) if known else math.nan  # type: ignore[arg-type]
    return np.asarray([math.log(total / v) if known and _positive(v) else math.nan  # type: ignore[operator]
                       for v in case.number("cinc", partners)], dtype=float)
