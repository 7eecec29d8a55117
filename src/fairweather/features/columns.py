"""Features defined once: the view of a case that both paths give, and the columns computed from it.

A feature's registry entry carries its ``column`` (:class:`fairweather.features.registry.Feature`):
the one function that computes it, from a :class:`CaseView` (the case: target, attackers, date; the
past record's index; the as-of lookups, :class:`Lookups`). The per-row path
(:func:`fairweather.features.table._row`, :func:`fairweather.features.history.history_row`) gives a
view over the snapshot's lookups, what-ifs applied, and asks for one partner; the bulk path
(:mod:`fairweather.features.bulk`) gives a view over the day's dicts
(:class:`~fairweather.features._asofday.AsOfDay`) and asks for all of a case's partners. The two
lookups are the as-of engine's, checked equal by ``tests/forecast/test_predict_bulk.py``; the
arithmetic and the missing rule are in the column only.

The per-row view of a forecast also carries ``prov`` (each value read is listed, for the forecast's
provenance: the lookups append to it as they answer) and ``notes`` (partner -> the context its
sentences read, such as the rivals or the wars); the bulk view has neither. A column reads only what
its definition needs, in its definition's order, so that the provenance lists what was read.

The columns live by group: :mod:`~fairweather.features.obligations` (promises),
:mod:`~fairweather.features.dependence` (trade, energy, arms flows), :mod:`~fairweather.features.geography`
(distance, borders, forces), :mod:`~fairweather.features.alignment` (regime, UN votes, rivalries),
:mod:`~fairweather.features.costs` (sanctions, wars, the attackers' strength),
:mod:`~fairweather.features.power` (CINC, major-power status), :mod:`~fairweather.features.record`
(the past record). None imports the rest of the features package, so that the registry can point at them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from fairweather.features.record import RecordIndex

__all__ = ["CaseView", "Column", "Lookups", "Answers", "column", "first_is_one"]


class Answers(Protocol):
    """A lookup by key: ``get(key)``; a bulk lookup is a dict, a per-row one answers every key itself."""

    def get(self, key: Any, default: Any = None, /) -> Any: ...


class Lookups(Protocol):
    """The as-of lookups on the case's date, one fact or tie kind at a time.

    Each answers like the snapshot (:class:`~fairweather.asof.Snapshot`): ``numbers(fact).get(state)`` is
    ``fact_float`` (``None``: unknown), ``values(fact).get(state, ())`` is ``fact_values``,
    ``ties(kind).get((a, b))`` is ``tie`` (``None``: no tie), ``obligations_to(receiver).get(giver)`` is
    ``obligations`` (``None`` may stand for "owes nothing"), ``events_from(a, kinds).get(b, 0)`` is
    ``events_before``, ``capitals().get(state)`` is ``capital``; ``ties_from(state)`` lists the
    ``(other state, kind)`` of every tie from it (on any date).
    """

    def numbers(self, fact: str) -> Answers: ...
    def values(self, fact: str) -> Answers: ...
    def ties(self, kind: str) -> Answers: ...
    def obligations_to(self, receiver: str) -> Answers: ...
    def events_from(self, a: str, kinds: tuple[str, ...]) -> Answers: ...
    def capitals(self) -> Answers: ...
    def ties_from(self, state: str) -> Sequence[tuple[str, str]]: ...


@dataclass(frozen=True)
class CaseView:
    """One case as a column reads it.

    ``states`` are the attackers that are states (not armed groups); ``look`` the as-of lookups on
    ``d``; ``records`` the past record's index of the inputs. ``prov`` and ``notes``: see the module.
    """

    t: str
    attackers: tuple[str, ...]
    d: dt.date
    states: tuple[str, ...]
    records: RecordIndex
    look: Lookups
    prov: list | None = None
    notes: Mapping[str, dict[str, Any]] | None = None

    def number(self, fact: str, states: Sequence[str]) -> list[float | None]:
        """Each state's numeric ``fact`` on ``d`` (``None`` where unknown)."""
        numbers = self.look.numbers(fact)
        return [numbers.get(s) for s in states]

    def note(self, p: str, key: str, value: Any) -> None:
        """Keep ``value`` as partner ``p``'s context ``key`` for its sentences (per-row view only)."""
        if self.notes is not None:
            self.notes[p][key] = value


#: A feature's one computation: ``(case, partners) -> one value per partner``.
Column = Callable[[CaseView, Sequence[str]], np.ndarray]


def column(values: Sequence[float]) -> np.ndarray:
    """A column of floats (what every :data:`Column` returns)."""
    return np.asarray(values, dtype=float)


def first_is_one(values: Sequence[str] | None) -> bool:
    """True when a fact's first valid value is ``"1"`` (``fact_values(...)[:1] == ["1"]``)."""
    return bool(values) and values[0] == "1"  # type: ignore[index]
