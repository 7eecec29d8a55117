"""The inputs as of one date, read in bulk: every fact and tie a batch of rows needs (the past record: :mod:`~fairweather.features.record`).

:class:`~fairweather.asof.Snapshot` answers one lookup at a time (``fact_values(state, fact, d)``,
``tie(a, b, kind, d)``). Batch scoring asks the same questions for every partner of every case, so
:class:`AsOfDay` answers them for *all* keys of a fact or tie kind at once: one vector test of the
spells' dates (:class:`~fairweather.features._spells.SpellTable`) gives every spell valid on the date,
and the answers go into plain dicts that a row reads in one ``dict.get``, kept for every other date
of the same stretch (:class:`~fairweather.features._spells.Periods`). The rule and the order are the snapshot's own (a spell
counts on ``d`` if ``valid_from <= d`` and ``d <= valid_to`` or no end; a key's spells are read in the
snapshot's order, so "the first valid one" is the same spell), which the bulk-versus-per-row test
(``tests/forecast/test_predict_bulk.py``) checks on every feature.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from fairweather.asof import Membership, giver_obligations, merge_obligations
from fairweather.features._spells import NO_END, Periods, SpellTable
from fairweather.features._lookups import _from_index, record_index
from fairweather.features.inputs import FeatureInputs
from fairweather.pack.schema import OBLIGATIONS

__all__ = ["AsOfDay", "bulk_ready", "tables"]


def bulk_ready(inp: FeatureInputs) -> bool:
    """True when ``inp`` carries no what-if (assumed facts, obligations or feature values): the bulk path's case."""
    return not (inp.assumptions or inp.assumed_obligations or inp.feature_overrides)


class _Tables:
    """The inputs' spells grouped for bulk reading (built once per inputs, kept in the snapshot's memo)."""

    def __init__(self, inp: FeatureInputs) -> None:
        self.inp = inp
        facts: dict[str, list] = defaultdict(list)
        for (state, name), spells in inp.facts.items():
            facts[name].append((state, spells))
        ties: dict[str, list] = defaultdict(list)
        by_side: dict[tuple[str, int, str], list] = defaultdict(list)
        for (a, b, kind), spells in inp.ties.items():
            ties[kind].append(((a, b), spells))
            by_side[(kind, 0, a)].append((b, spells))
            by_side[(kind, 1, b)].append((a, spells))
        self.fact_items, self.tie_items, self.side_items = dict(facts), dict(ties), dict(by_side)
        self.facts: dict[str, SpellTable] = {}
        self.ties: dict[str, SpellTable] = {}
        self.sides: dict[tuple[str, int, str], SpellTable] = {}
        self.obligation_periods: dict[str, Periods] = {}
        self.given: dict[tuple[str, Membership], tuple[list[str], list[str]]] = {}
        self.states = SpellTable((s, [(x.valid_from, x.valid_to, "") for x in spells]) for s, spells in inp.states.items())
        self.records = record_index(inp)

    def fact(self, name: str) -> SpellTable:
        if name not in self.facts:
            self.facts[name] = SpellTable(self.fact_items.get(name, ()))
        return self.facts[name]

    def tie(self, kind: str) -> SpellTable:
        if kind not in self.ties:
            self.ties[kind] = SpellTable(self.tie_items.get(kind, ()))
        return self.ties[kind]

    def side(self, kind: str, side: int, state: str) -> SpellTable:
        """The ``kind`` ties from ``state`` (``side`` 0) or to it (1), keyed by the other state."""
        key = (kind, side, state)
        if key not in self.sides:
            self.sides[key] = SpellTable(self.side_items.get(key, ()))
        return self.sides[key]

    def obligations(self, receiver: str) -> Periods:
        """The stretches over which the receiver's commitments and their memberships in force stay the same."""
        hit = self.obligation_periods.get(receiver)
        if hit is None:
            spans = []
            for cid in self.inp.by_state.get(receiver, ()):
                c = self.inp.commitments[cid]
                spans.append((c["valid_from"], c["valid_to"]))
                spans.extend((m.valid_from, m.valid_to) for m in self.inp.members.get(cid, ()))
            hit = self.obligation_periods[receiver] = Periods(
                (vf.toordinal(), NO_END if vt is None else vt.toordinal()) for vf, vt in spans)
        return hit

    def gives(self, cid: str, m: Membership) -> tuple[list[str], list[str]]:
        """:func:`~fairweather.asof.giver_obligations` of one membership row, read once."""
        key = (cid, m)
        hit = self.given.get(key)
        if hit is None:
            hit = self.given[key] = giver_obligations(self.inp.commitments[cid], m)
        return hit

    def capitals_on(self, d: dt.date) -> dict[str, Any]:
        """Each state's capital on ``d`` (``Snapshot.capital``)."""
        return self.states.periods.cached("capitals", d, lambda: {s: self.inp.capital(s, d) for s in self.inp.states})

    def in_system_on(self, d: dt.date) -> frozenset[str]:
        """The states in the system on ``d``."""
        return self.states.periods.cached("system", d, lambda: frozenset(s for s in self.inp.states if self.inp.in_system(s, d)))


def tables(inp: FeatureInputs) -> _Tables:
    """The bulk tables of ``inp``, built once and shared by every :class:`AsOfDay` of the same inputs."""
    memos = inp._memos()
    if "bulk_tables" not in memos:
        memos["bulk_tables"] = _Tables(inp)
    return memos["bulk_tables"]


class AsOfDay:
    """Every fact and tie of the inputs valid on ``d``, read one fact or tie kind at a time: the bulk path's
    :class:`~fairweather.features.columns.Lookups`.

    ``values(fact)[state]`` is ``fact_values(state, fact, d)``; ``numbers(fact)[state]`` is ``fact_float``;
    ``ties(kind)[(a, b)]`` is ``tie(a, b, kind, d)``; a missing key means no valid spell. Answers are kept
    per stretch of days in the tables (:class:`~fairweather.features._spells.Periods`), so another date of
    the same stretch costs a lookup, and on the day itself, so that a column asking for every partner
    finds the same dict.
    """

    def __init__(self, inp: FeatureInputs, d: dt.date) -> None:
        self.inp, self.d = inp, d
        self.tables = tables(inp)
        self._kept: dict[tuple[str, Any], Any] = {}

    def _keep(self, key: tuple[str, Any], build: Callable[[], Any]) -> Any:
        hit = self._kept.get(key)
        if hit is None:
            hit = self._kept[key] = build()
        return hit

    def values(self, fact: str) -> dict[str, list[str]]:
        return self._keep(("values", fact), lambda: self.tables.fact(fact).values_on(self.d))

    def numbers(self, fact: str) -> dict[str, float | None]:
        """``fact_float``: the first valid value as a number, ``None`` where it is not one."""
        return self._keep(("numbers", fact), lambda: self.tables.fact(fact).number_on(self.d))

    def ties(self, kind: str) -> dict[tuple[str, str], float]:
        return self._keep(("ties", kind), lambda: self.tables.tie(kind).ties_on(self.d))

    def events_from(self, a: str, kinds: tuple[str, ...]) -> dict[str, int]:
        """How many event ties of ``kinds`` from ``a`` to each ``b`` began before ``d``."""
        def build() -> dict[str, int]:
            out: dict[str, int] = {}
            for kind in kinds:
                table = self.tables.side(kind, 0, a)
                for i in table.started_before(self.d):
                    out[table.keys[i]] = out.get(table.keys[i], 0) + 1  # type: ignore[index, call-overload]
            return out
        return self._keep(("events", (a, kinds)), build)

    def capitals(self) -> dict[str, Any]:
        """Each state's capital on ``d`` (``Snapshot.capital``)."""
        return self.tables.capitals_on(self.d)

    def ties_from(self, state: str) -> list[tuple[str, str]]:
        return _from_index(self.inp).get(state, [])

    def obligations_to(self, receiver: str) -> dict[str, tuple[dict[str, Any], list[str]]]:
        """``inp.obligations(p, receiver, d)`` for every ``p`` that has a commitment in force with ``receiver``.

        The same walk as :meth:`~fairweather.asof.Snapshot.obligations`, from the receiver's side: its
        commitments in id order, each giver's own rows in order (a partner not listed owes nothing; the receiver
        is listed as a giver to itself, as the snapshot answers it).
        """
        return self._keep(("obligations", receiver), lambda: self.tables.obligations(receiver).cached(
            ("obligations", receiver), self.d, lambda: self._obligations_to(receiver)))

    def _obligations_to(self, receiver: str) -> dict[str, tuple[dict[str, Any], list[str]]]:
        acc: dict[str, tuple[dict[str, Any], list[str], list[list[str]]]] = {}
        for cid in sorted(self.inp.by_state.get(receiver, ())):
            on = self.inp.commitment_on(cid, self.d)
            if not any(m.state == receiver for m in on):
                continue
            gives_by: dict[str, list[Membership]] = {}
            for m in on:
                gives_by.setdefault(m.state, []).append(m)
            for p, gives in gives_by.items():  # the receiver too: the snapshot answers obligations(p, p) the same way
                _owe(acc.setdefault(p, ({o: False for o in OBLIGATIONS}, [], [])), [self.tables.gives(cid, m) for m in gives])
        return {p: ({**f, "_defense_conditions": dc}, conds) for p, (f, conds, dc) in acc.items()}


def _owe(acc: tuple[dict[str, Any], list[str], list[list[str]]], gives: list[tuple[list[str], list[str]]]) -> None:
    flags, conds, defense_conds = acc
    merge_obligations(flags, conds, defense_conds, gives)  # the as-of engine's own rule
