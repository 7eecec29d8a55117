"""Feature rows in bulk: every partner of one case (a target, its attackers, a date) computed column by column.

Batch scoring (``fairweather predict``) builds tens of thousands of rows; row by row
(:func:`fairweather.features.table._row`, :func:`fairweather.features.history.history_row`) each
row repeats the case's own lookups (the target's and the attackers' facts) and walks the spells of
every fact and tie again. Here a column starts at the value a partner with no record gets (no tie:
0; no fact: NaN) and only the partners that have a record are visited: the day's ties *to* or
*from* the target (:class:`~fairweather.features._asofday.AsOfDay` finds every spell valid on the
date in one vector test), the givers of the target's commitments in force, the states that have
the fact. Facts that nearly every state has (CINC, UN ideal points, regime scores, capitals) are
read for each partner, once. The past record's features (computed from earlier crises) and
capability's (CINC) are not written here: both paths call their one computation, the registry's
``Feature.column`` (:mod:`~fairweather.features.columns`), with one partner or with all of a case's.

For the other features the per-row functions stay the definitions: the model's training reads them, and
``tests/forecast/test_predict_bulk.py`` checks that this module gives the same value, bit for bit,
for every feature of every partner. Arithmetic is the per-row code's, element by element (``math``
for logarithms: numpy's may differ in the last bit); only exact operations (``-``, ``abs``) run on
arrays. A what-if (assumptions) is not read here: callers use the per-row path for it
(:func:`~fairweather.features._asofday.bulk_ready`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from fairweather.features._asofday import AsOfDay
from fairweather.features._lookups import _from_index
from fairweather.features.columns import CaseView, Column
from fairweather.features.inputs import FeatureInputs
from fairweather.features.registry import BASE_COLUMNS, FEATURE_NAMES, HISTORY_COLUMNS, HISTORY_FEATURES
from fairweather.features.table import _COLUMNS

__all__ = ["bulk_frame", "case_columns", "history_columns"]

_Columns = dict[str, np.ndarray]


class DayLookups:
    """The bulk path's :class:`~fairweather.features.columns.Lookups`: the day's dicts (a missing key: nothing valid)."""

    def __init__(self, day: AsOfDay) -> None:
        self.day = day
        # each answer once per day: a column asks for the same fact or tie kind for every partner
        self._numbers: dict[str, dict[str, float | None]] = {}
        self._values: dict[str, dict[str, list[str]]] = {}
        self._ties: dict[str, dict[tuple[str, str], float]] = {}
        self._owed: dict[str, dict[str, tuple[dict[str, Any], list[str]]]] = {}
        self.received: dict[tuple[str, tuple[str, ...]], dict[str, int]] = {}

    def numbers(self, fact: str) -> dict[str, float | None]:
        hit = self._numbers.get(fact)
        if hit is None:
            hit = self._numbers[fact] = self.day.number(fact)
        return hit

    def values(self, fact: str) -> dict[str, list[str]]:
        hit = self._values.get(fact)
        if hit is None:
            hit = self._values[fact] = self.day.values(fact)
        return hit

    def ties(self, kind: str) -> dict[tuple[str, str], float]:
        hit = self._ties.get(kind)
        if hit is None:
            hit = self._ties[kind] = self.day.tie(kind)
        return hit

    def obligations_to(self, receiver: str) -> dict[str, tuple[dict[str, Any], list[str]]]:
        hit = self._owed.get(receiver)
        if hit is None:
            hit = self._owed[receiver] = self.day.obligations_to(receiver)
        return hit

    def events_from(self, a: str, kinds: tuple[str, ...]) -> dict[str, int]:
        key = (a, kinds)
        if key not in self.received:
            counts: dict[str, int] = {}
            for kind in kinds:
                for b, k in self.day.events(kind, a).items():
                    counts[b] = counts.get(b, 0) + k
            self.received[key] = counts
        return self.received[key]

    def capitals(self) -> dict[str, Any]:
        return self.day.tables.states_on(self.day.d)[0]

    def ties_from(self, state: str) -> Sequence[tuple[str, str]]:
        return _from_index(self.day.inp).get(state, ())


class _Case:
    """One case's partners (each once) and where each sits in the columns."""

    def __init__(self, day: AsOfDay, look: DayLookups, t: str, attackers: tuple[str, ...], partners: Sequence[str]) -> None:
        self.day, self.t, self.attackers = day, t, attackers
        self.states = [a for a in attackers if a in day.inp.states]
        self.partners = list(dict.fromkeys(partners))
        self.pos = {p: i for i, p in enumerate(self.partners)}
        self.n = len(self.partners)
        self.view = CaseView(t, attackers, day.d, tuple(self.states), day.tables.records, look)

    def computed(self, columns: dict[str, Column]) -> _Columns:
        """The registry's ``columns`` (``Feature.column``) for the case's partners."""
        return {name: column(self.view, self.partners) for name, column in columns.items()}

    def fill(self, value: float) -> np.ndarray:
        return np.full(self.n, value, dtype=float)

    def put(self, column: np.ndarray, values: Iterable[tuple[str, float]]) -> np.ndarray:
        """Set the partners' values that ``values`` gives (states that are not partners are skipped)."""
        for p, v in values:
            i = self.pos.get(p)
            if i is not None:
                column[i] = v
        return column

    def dense(self, values: dict[str, Any]) -> list[Any]:
        return [values.get(p) for p in self.partners]


def _cost_columns(c: _Case) -> _Columns:
    day, t, attackers = c.day, c.t, c.attackers
    milex = day.number("milex_usd")
    sanctioned = day.values("sanctioned_by")
    at_war, intervening = day.values("at_war_with"), day.values("intervening_in")
    ma = [milex.get(a) for a in attackers]
    ma_ok = all(m is not None for m in ma) and sum(ma) > 0  # type: ignore[arg-type]
    milex_ratio = c.fill(np.nan)
    if ma_ok:
        c.put(milex_ratio, ((p, math.log(sum(ma) / mp)) for p, mp in milex.items()  # type: ignore[arg-type]
                            if mp is not None and mp > 0))
    wars_elsewhere, war_with_attacker = c.fill(0.0), c.fill(0.0)
    for p in set(at_war) | set(intervening):
        i = c.pos.get(p)
        if i is not None:
            wars = set(at_war.get(p, ())) | set(intervening.get(p, ()))
            wars_elsewhere[i] = float(len([w for w in wars if w not in attackers and w != t]))
            war_with_attacker[i] = float(any(w in attackers for w in wars))
    return {
        "sanctioned_by_attacker": c.put(c.fill(0.0), ((p, 1.0) for p, by in sanctioned.items()
                                                      if any(a in by for a in attackers))),
        "sanctions_target": c.put(c.fill(0.0), ((p, 1.0) for p in sanctioned.get(t, ()))),
        "attacker_milex_ratio": milex_ratio,
        "nuclear_attacker": c.fill(float(any(day.first("nuclear_weapons").get(a) == "1" for a in attackers))),
        "wars_elsewhere": wars_elsewhere,
        "at_war_with_attacker": war_with_attacker,
    }


def _record_columns(c: _Case) -> _Columns:
    day = c.day
    return {
        "unsc_permanent": c.put(c.fill(0.0), ((p, 1.0) for p, v in day.first("unsc_permanent").items() if v == "1")),
    }


def case_columns(c: _Case) -> _Columns:
    """The :data:`FEATURE_NAMES` columns of the case's partners."""
    cols = _cost_columns(c)
    cols.update(_record_columns(c))
    cols.update(c.computed(BASE_COLUMNS))
    return {name: cols[name] for name in FEATURE_NAMES}


def _capability_columns(c: _Case) -> _Columns:
    day = c.day
    groups = [a for a in c.attackers if a.startswith("UCDP:")]
    major = {p for name in ("major_power", "unsc_permanent") for p, v in day.first(name).items() if v == "1"}
    backs = [p for p, vals in day.values("supports_group").items() if any(g in vals for g in groups)] if groups else []
    return {
        "major_power": c.put(c.fill(0.0), ((p, 1.0) for p in major)),
        "armed_group_attacker": c.fill(float(len(c.states) < len(c.attackers))),
        "backs_attacker_group": c.put(c.fill(0.0), ((p, 1.0) for p in backs)),
    }


def history_columns(c: _Case) -> _Columns:
    """The :data:`HISTORY_FEATURES` columns (``curated_case`` 1, as a forecast's) of the case's partners."""
    cols = _capability_columns(c)
    cols.update(c.computed(HISTORY_COLUMNS))
    cols["curated_case"] = c.fill(1.0)
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
            look = DayLookups(day)
        case = _Case(day, look, t, attackers, partners)
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
