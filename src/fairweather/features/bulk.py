"""Feature rows in bulk: every partner of one case (a target, its attackers, a date) computed column by column.

Batch scoring (``fairweather predict``) builds tens of thousands of rows; row by row
(:func:`fairweather.features.table._row`, :func:`fairweather.features.history.history_row`) each
row repeats the case's own lookups and walks the spells of every fact and tie again. Here every
feature is its registry entry's one computation (``Feature.column``, the modules named in
:mod:`~fairweather.features.columns`), called once with all of a case's partners over
:class:`~fairweather.features._asofday.AsOfDay`: the day's answers for one fact or tie kind at a time
(:class:`~fairweather.features._asofday.AsOfDay` finds every spell valid on the date in one vector
test), kept for every case of the day. The per-row path calls the same functions with one partner
over the snapshot's lookups; ``tests/forecast/test_predict_bulk.py`` checks, bit for bit, that the
two lookups give every feature of every partner the same value. A what-if (assumptions) is not read
here: callers use the per-row path for it (:func:`~fairweather.features._asofday.bulk_ready`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from fairweather.features._asofday import AsOfDay
from fairweather.features.columns import CaseView, Column
from fairweather.features.inputs import FeatureInputs
from fairweather.features.registry import BASE_COLUMNS, FEATURE_NAMES, HISTORY_COLUMNS, HISTORY_FEATURES
from fairweather.features.table import _COLUMNS

__all__ = ["bulk_frame", "case_columns", "history_columns"]

_Columns = dict[str, np.ndarray]


class _Case:
    """One case's partners (each once), where each sits in the columns, and the view its columns read."""

    def __init__(self, day: AsOfDay, t: str, attackers: tuple[str, ...], partners: Sequence[str]) -> None:
        self.partners = list(dict.fromkeys(partners))
        self.pos = {p: i for i, p in enumerate(self.partners)}
        self.n = len(self.partners)
        states = tuple(a for a in attackers if a in day.inp.states)
        self.view = CaseView(t, attackers, day.d, states, day.tables.records, day)

    def computed(self, columns: dict[str, Column]) -> _Columns:
        """The registry's ``columns`` (``Feature.column``) for the case's partners."""
        return {name: column(self.view, self.partners) for name, column in columns.items()}


def case_columns(c: _Case) -> _Columns:
    """The :data:`FEATURE_NAMES` columns of the case's partners."""
    return c.computed(BASE_COLUMNS)


def history_columns(c: _Case) -> _Columns:
    """The :data:`HISTORY_FEATURES` columns (``curated_case`` 1, as a forecast's) of the case's partners."""
    cols = c.computed(HISTORY_COLUMNS)
    cols["curated_case"] = np.ones(c.n)
    return {name: cols[name] for name in HISTORY_FEATURES}


def bulk_frame(inp: FeatureInputs, cases: Iterable[tuple[str, str, tuple[str, ...], dt.date, Sequence[str]]],
               history: bool) -> pd.DataFrame:
    """The rows of ``(crisis_id, target, attackers, date, partners)`` cases, as ``_rows`` (and
    ``add_history_features`` when ``history``) would build them, in the same order.

    Consecutive cases of one date share one :class:`AsOfDay` (sort them by date for the fewest).
    """
    names = [*FEATURE_NAMES, *(HISTORY_FEATURES if history else ())]
    parts: dict[str, list[np.ndarray]] = {n: [] for n in names}
    keys: dict[str, list[Any]] = {c: [] for c in ("crisis_id", "partner", "target", "attackers", "date")}
    day: AsOfDay | None = None
    for cid, t, attackers, d, partners in cases:
        if day is None or day.d != d:
            day = AsOfDay(inp, d)
        case = _Case(day, t, attackers, partners)
        cols = case_columns(case)
        if history:
            cols.update(history_columns(case))
        take = None if case.n == len(partners) else np.asarray([case.pos[p] for p in partners])  # a partner listed twice
        for n in names:
            parts[n].append(cols[n] if take is None else cols[n][take])
        for col, v in (("crisis_id", cid), ("target", t), ("attackers", ";".join(attackers)), ("date", d)):
            keys[col].extend([v] * len(partners))
        keys["partner"].extend(partners)
    data: dict[str, Any] = dict(keys)
    for n in names:
        data[n] = np.concatenate(parts[n]) if parts[n] else np.zeros(0)
    return pd.DataFrame(data, columns=[*_COLUMNS, *(HISTORY_FEATURES if history else ())])
