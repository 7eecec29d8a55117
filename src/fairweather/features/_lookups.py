"""Small as-of lookups the features and the candidate rule share, cached on the inputs."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from fairweather.asof import date_or_none
from fairweather.features.columns import CaseView, Column
from fairweather.features.inputs import FeatureInputs
from fairweather.features.record import RecordIndex

__all__: list[str] = []

T = TypeVar("T")


def _is_state(inp: FeatureInputs, s: str) -> bool:
    return s in inp.states


def _ideal(inp: FeatureInputs, s: str, d: dt.date) -> float | None:
    return inp.fact_float(s, "un_ideal_point", d)


def _contig(inp: FeatureInputs, a: str, b: str, d: dt.date) -> bool:
    v = inp.tie(a, b, "contiguity", d)
    return v is not None and 1 <= v <= 3


def _kept(build: Callable[[FeatureInputs], T]) -> Callable[[FeatureInputs], T]:
    """``build(inp)`` once per inputs, kept in their memo (:meth:`~fairweather.asof.Snapshot._memos`), which a
    what-if copy (:meth:`FeatureInputs.with_assumptions`) starts without: its ties and facts are its own."""
    name = build.__name__

    @functools.wraps(build)
    def kept(inp: FeatureInputs) -> T:
        memos = inp._memos()
        if name not in memos:
            memos[name] = build(inp)
        return memos[name]
    return kept


@_kept
def _help_counts(inp: FeatureInputs) -> dict[str, list[tuple[dt.date, str]]]:
    """supporter -> [(crisis start, target)] of responses with level >= 3."""
    counts: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
    for sup, rows in inp.responses.items():
        for sd, lvl, cid, _ in rows:
            if lvl >= 3:
                counts[sup].append((sd, inp.crisis_target.get(cid, "")))
    return counts


@_kept
def _target_crisis_dates(inp: FeatureInputs) -> dict[str, list[dt.date]]:
    """target -> the start dates of its crises in the store (every source), sorted."""
    dates: dict[str, list[dt.date]] = defaultdict(list)
    for t, start in zip(inp.crises["target"], inp.crises["start_date"]):
        sd = date_or_none(start)
        if sd is not None:
            dates[str(t)].append(sd)
    for starts in dates.values():
        starts.sort()
    return dates


@_kept
def record_index(inp: FeatureInputs) -> RecordIndex:
    """The past record's index of ``inp`` (:mod:`fairweather.features.record`), built once per inputs."""
    return RecordIndex(inp.responses, inp.crisis_target, _help_counts(inp), _target_crisis_dates(inp))


class _Answers:
    """A per-row lookup: ``get(key)`` asks the snapshot for that key (its "none" is ``None`` or ``[]``, so
    a caller's default is not needed), recording the rows it reads in ``prov`` where the view has one."""

    __slots__ = ("get",)

    def __init__(self, ask: Callable[[Any], Any]) -> None:
        self.get = lambda key, default=None: ask(key)


class RowLookups:
    """The per-row path's :class:`~fairweather.features.columns.Lookups`: the snapshot's, what-ifs applied."""

    def __init__(self, inp: FeatureInputs, d: dt.date, prov: list | None = None) -> None:
        self.inp, self.d, self.prov = inp, d, prov

    def numbers(self, fact: str) -> _Answers:
        return _Answers(lambda s: self.inp.fact_float(s, fact, self.d, self.prov))

    def values(self, fact: str) -> _Answers:
        return _Answers(lambda s: self.inp.fact_values(s, fact, self.d, self.prov))

    def ties(self, kind: str) -> _Answers:
        return _Answers(lambda ab: self.inp.tie(ab[0], ab[1], kind, self.d, self.prov))

    def obligations_to(self, receiver: str) -> _Answers:
        return _Answers(lambda giver: self.inp.obligations(giver, receiver, self.d, self.prov))

    def events_from(self, a: str, kinds: tuple[str, ...]) -> _Answers:
        return _Answers(lambda b: self.inp.events_before(a, b, kinds, self.d, self.prov))

    def capitals(self) -> _Answers:
        return _Answers(lambda s: self.inp.capital(s, self.d))

    def ties_from(self, state: str) -> Sequence[tuple[str, str]]:
        return _from_index(self.inp).get(state, ())


def row_case(inp: FeatureInputs, t: str, attackers: Sequence[str], d: dt.date, prov: list | None = None,
             notes: Mapping[str, dict[str, Any]] | None = None) -> CaseView:
    """The per-row path's view of a case (:mod:`fairweather.features.columns`): the snapshot's lookups, what-ifs
    applied; ``prov`` gets the rows every lookup reads, ``notes`` the partners' context for their sentences."""
    return CaseView(t, tuple(attackers), d, tuple(a for a in attackers if _is_state(inp, a)), record_index(inp),
                    RowLookups(inp, d, prov), prov, notes)


def computed_values(case: CaseView, p: str, columns: Mapping[str, Column]) -> dict[str, float]:
    """Partner ``p``'s value of each of the registry's ``columns`` (:data:`~fairweather.features.registry.BASE_COLUMNS`,
    :data:`~fairweather.features.registry.HISTORY_COLUMNS`)."""
    return {name: float(column(case, (p,))[0]) for name, column in columns.items()}


@_kept
def _from_index(inp: FeatureInputs) -> dict[str, list[tuple[str, str]]]:
    """state -> the ``(other state, kind)`` of every tie from it."""
    idx: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (a, b, k) in inp.ties:
        idx[a].append((b, k))
    return idx


def _num(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0
