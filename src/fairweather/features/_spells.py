"""Spells of many keys as arrays, and the periods over which their as-of answers stay the same.

Which spells are valid on a date changes only on a spell's first day or the day after its last:
between two such boundaries every date has the same answer. :class:`Periods` numbers those
stretches, so an answer computed for one date is reused, exactly, for every date of its stretch
(a batch of cases dated weeks apart asks about yearly facts: most of its dates share a stretch).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np

__all__ = ["Periods", "SpellTable", "NO_END", "MEMO_MAX"]

NO_END = dt.date.max.toordinal()
#: Answers a table keeps before it starts again (bounds a long-running server's memory).
MEMO_MAX = 4096

T = TypeVar("T")


class Periods:
    """The stretches of days over which the validity of a set of (from, to) spells does not change."""

    __slots__ = ("bounds", "memo")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        cuts: set[int] = set()
        for vf, vt in spans:
            cuts.add(vf)
            if vt != NO_END:
                cuts.add(vt + 1)
        self.bounds = sorted(cuts)
        self.memo: dict[Hashable, Any] = {}

    def period(self, d: dt.date) -> int:
        """The number of ``d``'s stretch: dates with the same number have the same valid spells."""
        return bisect.bisect_right(self.bounds, d.toordinal())

    def cached(self, name: Hashable, d: dt.date, build: Callable[[], T]) -> T:
        """``build()``'s answer for ``d``, computed once per stretch."""
        key = (name, self.period(d))
        hit = self.memo.get(key, self)
        if hit is self:
            if len(self.memo) > MEMO_MAX:
                self.memo.clear()
            hit = self.memo[key] = build()
        return hit


def _tie_value(v: str) -> float:
    # Snapshot.tie's reading of a value: a number, or 1.0 for a non-numeric tie (a base's name, a rivalry's type)
    try:
        return float(v)
    except ValueError:
        return 1.0


class SpellTable:
    """The spells of many keys as arrays, in the snapshot's order: which are valid on a date is one vector test.

    A key's spells are contiguous and in the snapshot's order, so a key's *first* valid spell is the
    one :meth:`~fairweather.asof.Snapshot.tie` and ``fact_values(...)[0]`` read.
    """

    __slots__ = ("keys", "values", "vf", "vt", "periods", "_ids", "_numbers")

    def __init__(self, items: Iterable[tuple[Hashable, Sequence[Any]]]) -> None:
        keys: list[Hashable] = []
        values: list[str] = []
        vf: list[int] = []
        vt: list[int] = []
        for key, spells in items:
            for s in spells:
                keys.append(key)
                values.append(s[2])
                vf.append(s[0].toordinal())
                vt.append(NO_END if s[1] is None else s[1].toordinal())
        self.keys, self.values = keys, values
        self.vf, self.vt = np.asarray(vf, dtype=np.int64), np.asarray(vt, dtype=np.int64)
        self.periods = Periods(zip(vf, vt))
        ids: list[int] = []
        seen: dict[Hashable, int] = {}
        for k in keys:
            ids.append(seen.setdefault(k, len(seen)))
        self._ids = np.asarray(ids, dtype=np.int64)
        self._numbers: list[float] | None = None

    def _valid(self, d: dt.date) -> np.ndarray:
        o = d.toordinal()
        return np.flatnonzero((self.vf <= o) & (o <= self.vt))

    def valid(self, d: dt.date) -> list[int]:
        """Positions of the spells valid on ``d``, in order."""
        return self._valid(d).tolist()

    def first_valid(self, d: dt.date) -> list[int]:
        """Position of each key's first spell valid on ``d`` (keys without one are left out), in order."""
        idx = self._valid(d)
        if not len(idx):
            return []
        kid = self._ids[idx]
        first = np.flatnonzero(np.concatenate(([True], kid[1:] != kid[:-1])))
        return idx[first].tolist()

    def started_before(self, d: dt.date) -> list[int]:
        """Positions of the spells that began before ``d`` (event ties: they count once begun)."""
        return np.flatnonzero(self.vf < d.toordinal()).tolist()

    def numbers(self) -> list[float]:
        """Each spell's value as a tie reads it (a number, or 1.0 for a non-numeric tie)."""
        if self._numbers is None:
            self._numbers = [_tie_value(v) for v in self.values]
        return self._numbers

    # -- answers per stretch of days --------------------------------------------------------------------
    def ties_on(self, d: dt.date) -> dict[Any, float]:
        """``Snapshot.tie`` for every key valid on ``d``: key -> value."""
        def build() -> dict[Any, float]:
            nums, keys = self.numbers(), self.keys
            return {keys[i]: nums[i] for i in self.first_valid(d)}
        return self.periods.cached("ties", d, build)

    def values_on(self, d: dt.date) -> dict[Any, list[str]]:
        """``fact_values`` for every key with a valid spell on ``d``: key -> values, in order."""
        def build() -> dict[Any, list[str]]:
            out: dict[Any, list[str]] = {}
            for i in self.valid(d):
                out.setdefault(self.keys[i], []).append(self.values[i])
            return out
        return self.periods.cached("values", d, build)

    def first_on(self, d: dt.date) -> dict[Any, str]:
        """``fact_values(...)[0]`` for every key with a valid spell on ``d``."""
        return self.periods.cached("first", d, lambda: {self.keys[i]: self.values[i] for i in self.first_valid(d)})

    def number_on(self, d: dt.date) -> dict[Any, float | None]:
        """``fact_float`` for every key with a valid spell on ``d`` (``None`` where the first value is not a number)."""
        def build() -> dict[Any, float | None]:
            out: dict[Any, float | None] = {}
            for k, v in self.first_on(d).items():
                try:
                    out[k] = float(v)
                except ValueError:
                    out[k] = None
            return out
        return self.periods.cached("number", d, build)
