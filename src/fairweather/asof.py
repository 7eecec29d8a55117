"""The world as of a date: the one as-of engine every layer reads through.

DESIGN's principle 2 (no look-ahead) is one rule: a dated row counts on date
``d`` only if ``valid_from <= d`` and (``valid_to`` is empty or ``d <=
valid_to``). It is written here once, in the three forms its readers need:

- :func:`valid_on` for one row (Python), :func:`valid_rows` for a DataFrame
  (pandas), :func:`valid_sql` for a store query (DuckDB);
- :func:`giver_obligations`, the one derivation of what a member of a
  commitment owes the others, used by the pairwise :meth:`Snapshot.obligations`
  (features, the data browser) and the bloc-wide :meth:`Snapshot.obligations_on`
  (cohesion metrics);
- :class:`Snapshot`, the store's dated rows read once into typed spell
  records (:class:`Spell`, :class:`StateSpell`, :class:`Membership`,
  :class:`PastResponse`) and indexed for as-of lookups; :func:`snapshot` builds
  it once per store (and again only when the store's rows change).

Features (:class:`fairweather.features.FeatureInputs` is a snapshot plus a
what-if overlay), the cohesion metrics (:class:`fairweather.metrics._data.CohesionData`),
the data browser (:meth:`fairweather.store.Store.obligations`) and the
history training set all read through it; one property test
(``tests/foundation/test_asof_engine.py``) checks every consumer against it.

This module sits just above the pack: it reads a store's connection but
imports nothing above :mod:`fairweather.pack`, so the store itself can use it.

>>> import datetime as dt
>>> valid_on(dt.date(2020, 1, 1), None, dt.date(2025, 6, 13))
True
>>> valid_on(dt.date(2020, 1, 1), dt.date(2024, 12, 31), dt.date(2025, 6, 13))
False
"""

from __future__ import annotations

import bisect
import datetime as dt
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from fairweather.pack.schema import OBLIGATIONS

if TYPE_CHECKING:
    from fairweather.store import Store

__all__ = [
    "valid_on", "valid_rows", "valid_sql", "valid_during_sql", "Spell", "StateSpell", "Membership", "PastResponse",
    "giver_obligations", "merge_obligations", "Snapshot", "snapshot", "date_or_none",
]

#: Entries of a snapshot's as-of memo before it starts again (bounds a long-running server's memory).
MEMO_MAX = 500_000


# -- the rule, in three forms ---------------------------------------------------------------------------

def valid_on(valid_from: dt.date, valid_to: dt.date | None, d: dt.date) -> bool:
    """True if a row valid from ``valid_from`` to ``valid_to`` (``None``: still valid) counts on ``d``."""
    return valid_from <= d and (valid_to is None or d <= valid_to)


def valid_rows(frame: pd.DataFrame, d: dt.date, start: str = "valid_from", end: str = "valid_to") -> pd.DataFrame:
    """The rows of ``frame`` valid on ``d`` (:func:`valid_on` for datetime columns; a frame without ``end``
    keeps every row that started)."""
    if frame.empty:
        return frame
    ts = pd.Timestamp(d)
    lo = frame[start]
    if end not in frame.columns:
        return frame[lo <= ts]
    hi = frame[end]
    return frame[(lo <= ts) & (hi.isna() | (ts <= hi))]


def valid_sql(alias: str = "", param: str = "d") -> str:
    """The rule as a DuckDB condition on ``alias``'s columns, the date bound as ``$param``."""
    p = f"{alias}." if alias else ""
    return f"({p}valid_from <= ${param} AND ({p}valid_to IS NULL OR ${param} <= {p}valid_to))"


def valid_during_sql(alias: str, start: str, end: str) -> str:
    """The rule widened to a period: the row was valid on some day from SQL expression ``start`` to ``end``."""
    p = f"{alias}." if alias else ""
    return f"({p}valid_from <= {end} AND ({p}valid_to IS NULL OR {start} <= {p}valid_to))"


# -- typed records ----------------------------------------------------------------------------------------

class Spell(NamedTuple):
    """One dated value of a fact or a tie."""

    valid_from: dt.date
    valid_to: dt.date | None
    value: str
    source_id: str
    detail: str | None = None


class StateSpell(NamedTuple):
    """One spell of a state in the system, with its capital."""

    valid_from: dt.date
    valid_to: dt.date | None
    capital_lat: float | None
    capital_lon: float | None
    name: str


class Membership(NamedTuple):
    """One state's membership of a commitment (its own obligations and conditions, if the row has them)."""

    state: str
    obligations: str | None
    conditions: str | None
    valid_from: dt.date
    valid_to: dt.date | None
    source_id: str


class PastResponse(NamedTuple):
    """A recorded response of a supporter: the crisis's start, the level, the crisis and the source."""

    start_date: dt.date
    level: int
    crisis_id: str
    source_id: str


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in text.split(";") if p.strip()] if isinstance(text, str) and text else []


def giver_obligations(commitment: Mapping[str, Any], member: Membership) -> tuple[list[str], list[str]]:
    """What ``member`` gives the other members of ``commitment``, and under which conditions.

    A membership row's own ``obligations`` (one-sided treaties) win over the commitment's flags;
    its own ``conditions`` win over the treaty's.
    """
    own = _split(member.obligations)
    obligations = own or [o for o in OBLIGATIONS if bool(commitment[o])]
    conditions = _split(member.conditions) or _split(commitment.get("conditions"))
    return obligations, conditions


# -- the snapshot -------------------------------------------------------------------------------------------

def date_or_none(v: Any) -> dt.date | None:
    """A ``datetime.date`` from a date, a timestamp or an ISO string; ``None`` for a missing value."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return pd.Timestamp(v).date()


@dataclass
class Snapshot:
    """The store's dated rows in memory, indexed for as-of lookups (one per store; see :func:`snapshot`)."""

    states: dict[str, list[StateSpell]]
    facts: dict[tuple[str, str], list[Spell]]            # (state, fact) -> spells
    ties: dict[tuple[str, str, str], list[Spell]]        # (from, to, kind) -> spells
    commitments: dict[str, dict[str, Any]]
    members: dict[str, list[Membership]]                 # commitment -> memberships
    by_state: dict[str, set[str]]                        # state -> commitment ids
    responses: dict[str, list[PastResponse]]             # supporter -> its responses, oldest first
    crises: pd.DataFrame
    sources: dict[str, tuple[str, str]]
    pack_hash: str
    crisis_target: dict[str, str] = field(default_factory=dict)
    revision: int = 0

    @classmethod
    def from_store(cls, store: "Store") -> "Snapshot":
        """Read every dated row of ``store`` once (ordered, so lookups and their provenance are deterministic)."""
        con = store.con
        states: dict[str, list[StateSpell]] = defaultdict(list)
        for iso, *rest in con.execute("SELECT iso3, valid_from, valid_to, capital_lat, capital_lon, name FROM states "
                                      "ORDER BY iso3, valid_from").fetchall():
            states[iso].append(StateSpell(*rest))
        facts: dict[tuple[str, str], list[Spell]] = defaultdict(list)
        for s, f, v, vf, vt, src in con.execute("SELECT state, fact, value, valid_from, valid_to, source_id FROM state_facts "
                                                "ORDER BY state, fact, valid_from, value").fetchall():
            facts[(s, f)].append(Spell(vf, vt, v, src, None))
        ties: dict[tuple[str, str, str], list[Spell]] = defaultdict(list)
        for a, b, k, v, det, vf, vt, src in con.execute(
                "SELECT from_state, to_state, kind, value, detail, valid_from, valid_to, source_id FROM ties "
                "ORDER BY from_state, to_state, kind, valid_from, detail NULLS FIRST, value").fetchall():
            ties[(a, b, k)].append(Spell(vf, vt, v, src, det))
        commitments, members, by_state = _commitment_records(
            con.execute("SELECT * FROM commitments ORDER BY commitment_id").df(),
            con.execute("SELECT commitment_id, state, obligations, conditions, valid_from, valid_to, source_id "
                        "FROM commitment_members ORDER BY commitment_id, state, valid_from").fetchall())
        responses: dict[str, list[PastResponse]] = defaultdict(list)
        for sup, lvl, cid, d, src in con.execute(
                "SELECT r.supporter, r.level, r.crisis_id, c.start_date, r.source_id FROM responses r JOIN crises c USING (crisis_id) "
                "ORDER BY c.start_date, r.crisis_id, r.supporter").fetchall():
            responses[sup].append(PastResponse(d, int(lvl), cid, src))
        crises = con.execute("SELECT * FROM crises ORDER BY start_date, crisis_id").df()
        sources = {sid: (cit, url) for sid, cit, url in con.execute("SELECT source_id, citation, url FROM sources").fetchall()}
        return cls(dict(states), dict(facts), dict(ties), commitments, members, by_state, dict(responses),
                   crises, sources, store.pack_hash, crisis_target=dict(zip(crises["crisis_id"], crises["target"])),
                   revision=getattr(store, "revision", 0))

    @classmethod
    def of_commitments(cls, commitments: pd.DataFrame, members: pd.DataFrame) -> "Snapshot":
        """A snapshot of commitments only (for a caller that holds the tables as DataFrames, e.g. cohesion)."""
        cols = ["commitment_id", "state", "obligations", "conditions", "valid_from", "valid_to", "source_id"]
        members = members.reindex(columns=cols)  # a hand-built frame may lack the optional columns: missing
        rows = [tuple(date_or_none(v) if c in ("valid_from", "valid_to") else (None if not isinstance(v, str) and pd.isna(v) else v)
                      for c, v in zip(cols, r)) for r in members[cols].itertuples(index=False)]
        com, mem, by_state = _commitment_records(commitments, sorted(rows, key=lambda r: (r[0], r[1], r[3])))
        return cls({}, {}, {}, com, mem, by_state, {}, pd.DataFrame(), {}, "")

    # -- memo ------------------------------------------------------------------------------------------
    def _memos(self) -> dict[str, Any]:
        """What this snapshot computed once and keeps (coverage, as-of lookups); a copy starts without it."""
        return self.__dict__.setdefault("_memo", {})

    def _bounded(self, name: str) -> dict:
        memos = self._memos()
        memo = memos.get(name)
        if memo is None or len(memo) > MEMO_MAX:
            memo = memos[name] = {}
        return memo

    # -- facts and ties ---------------------------------------------------------------------------------
    def facts_on(self, state: str, fact: str, d: dt.date) -> tuple[Spell, ...]:
        """The spells of ``(state, fact)`` valid on ``d``, memoized.

        WHY: a batch of partner rows asks for the target's and the attackers' facts once per row;
        scanning their yearly spells each time was a third of ``predict``'s time.
        """
        memo = self._bounded("facts")
        key = (state, fact, d)
        hit = memo.get(key)
        if hit is None:
            spells = self.facts.get((state, fact), ())
            vfs, disjoint = self._spell_index((state, fact), spells)
            if vfs is None:  # not sorted by start (a what-if's spell appended): scan them all
                hit = tuple(s for s in spells if valid_on(s[0], s[1], d))
            else:
                k = bisect.bisect_right(vfs, d)  # spells[:k] start on or before d
                if disjoint:  # one after another: only the last that started can be valid
                    last = spells[k - 1] if k else None
                    hit = (last,) if last is not None and (last[1] is None or d <= last[1]) else ()
                else:
                    hit = tuple(s for s in spells[:k] if s[1] is None or d <= s[1])
            memo[key] = hit
        return hit

    def _spell_index(self, key: tuple[str, str], spells: Sequence[Spell]) -> tuple[list | None, bool]:
        """The start dates of ``spells`` (``None`` unless sorted) and whether each ends before the next starts."""
        index = self._memos().setdefault("spell_index", {})
        hit = index.get(key)
        if hit is None or hit[2] is not spells:
            vfs = [s[0] for s in spells]
            ordered = all(a <= b for a, b in zip(vfs, vfs[1:]))
            disjoint = ordered and all(s[1] is not None and s[1] < n[0] for s, n in zip(spells, spells[1:]))
            hit = index[key] = (vfs if ordered else None, disjoint, spells)
        return hit[0], hit[1]

    def fact_values(self, state: str, fact: str, d: dt.date, prov: list | None = None) -> list[str]:
        """The values of ``fact`` for ``state`` on ``d`` (several for a multi-valued fact)."""
        out = []
        for vf, vt, v, src, _ in self.facts_on(state, fact, d):
            out.append(v)
            if prov is not None:
                prov.append(("state_facts", state, "", fact, v, vf, src))
        return out

    def fact_float(self, state: str, fact: str, d: dt.date, prov: list | None = None) -> float | None:
        vals = self.fact_values(state, fact, d, prov)
        try:
            return float(vals[0]) if vals else None
        except ValueError:
            return None

    def tie(self, a: str, b: str, kind: str, d: dt.date, prov: list | None = None) -> float | None:
        """The value of the ``kind`` tie from ``a`` to ``b`` on ``d`` (1.0 for a non-numeric one; ``None``: no tie)."""
        for vf, vt, v, src, _ in self.ties.get((a, b, kind), ()):
            if valid_on(vf, vt, d):
                if prov is not None:
                    prov.append(("ties", a, b, kind, v, vf, src))
                try:
                    return float(v)
                except ValueError:
                    return 1.0
        return None

    def events_before(self, a: str, b: str, kinds: Iterable[str], d: dt.date, prov: list | None = None) -> int:
        """How many event ties of ``kinds`` from ``a`` to ``b`` began before ``d``."""
        n = 0
        for k in kinds:
            for vf, vt, v, src, det in self.ties.get((a, b, k), ()):
                if vf < d:
                    n += 1
                    if prov is not None:
                        prov.append(("ties", a, b, k, det or v, vf, src))
        return n

    # -- states -------------------------------------------------------------------------------------------
    def in_system(self, state: str, d: dt.date) -> bool:
        return any(valid_on(s.valid_from, s.valid_to, d) for s in self.states.get(state, ()))

    def capital(self, state: str, d: dt.date) -> tuple[float, float] | None:
        """The capital's (lat, lon) on ``d`` (the last known one after the state left the system)."""
        spells = self.states.get(state, ())
        for s in spells:
            if valid_on(s.valid_from, s.valid_to, d):
                return (s.capital_lat, s.capital_lon)  # type: ignore[return-value]
        return (spells[-1].capital_lat, spells[-1].capital_lon) if spells else None  # type: ignore[return-value]

    # -- commitments ------------------------------------------------------------------------------------------
    def commitment_on(self, commitment_id: str, d: dt.date) -> list[Membership]:
        """The memberships of a commitment valid on ``d`` (none if the commitment itself is not in force)."""
        c = self.commitments.get(commitment_id)
        if c is None or not valid_on(c["valid_from"], c["valid_to"], d):
            return []
        return [m for m in self.members.get(commitment_id, ()) if valid_on(m.valid_from, m.valid_to, d)]

    def obligations(self, giver: str, receiver: str, d: dt.date, prov: list | None = None
                    ) -> tuple[dict[str, Any], list[str]]:
        """What ``giver`` promised ``receiver`` on ``d``: flags per obligation (with ``_defense_conditions``,
        one list of conditions per defence clause) and the union of conditions; ``prov`` gets one
        ``("commitments", giver, receiver, commitment_id, obligations, valid_from, source_id)`` per
        commitment. Directed: a one-sided treaty's members owe different things."""
        flags: dict[str, Any] = {o: False for o in OBLIGATIONS}
        conds: list[str] = []
        defense_conds: list[list[str]] = []
        for cid in sorted(self.by_state.get(giver, set()) & self.by_state.get(receiver, set())):
            on = self.commitment_on(cid, d)
            gives = [m for m in on if m.state == giver]
            if not gives or not any(m.state == receiver for m in on):
                continue
            c = self.commitments[cid]
            obs = merge_obligations(flags, conds, defense_conds, (giver_obligations(c, m) for m in gives))
            if prov is not None:
                prov.append(("commitments", giver, receiver, cid, ";".join(obs), c["valid_from"], c["source_id"]))
        flags["_defense_conditions"] = defense_conds
        return flags, conds

    def obligations_on(self, d: dt.date) -> dict[tuple[str, str], set[str]]:
        """Every directed obligation on ``d``: ``{(giver, receiver): {obligation, ...}}`` (memoized per date)."""
        memo = self._bounded("obligations_on")
        if d in memo:
            return memo[d]
        out: dict[tuple[str, str], set[str]] = {}
        for cid in sorted(self.commitments):
            on = self.commitment_on(cid, d)
            gives: dict[str, set[str]] = {}
            for m in on:
                gives.setdefault(m.state, set()).update(giver_obligations(self.commitments[cid], m)[0])
            for g, obs in gives.items():
                for r in gives:
                    if g != r and obs:
                        out.setdefault((g, r), set()).update(obs)
        memo[d] = out
        return out


def _commitment_records(commitments: pd.DataFrame, member_rows: Iterable[Sequence[Any]]
                        ) -> tuple[dict[str, dict[str, Any]], dict[str, list[Membership]], dict[str, set[str]]]:
    coms = {r["commitment_id"]: r for r in commitments.to_dict("records")}
    for r in coms.values():
        for k, v in r.items():
            if not isinstance(v, str) and not isinstance(v, (list, tuple)) and pd.isna(v):
                r[k] = None
        r["valid_from"], r["valid_to"] = date_or_none(r["valid_from"]), date_or_none(r["valid_to"])
    members: dict[str, list[Membership]] = defaultdict(list)
    by_state: dict[str, set[str]] = defaultdict(set)
    for cid, s, ob, cond, vf, vt, src in member_rows:
        members[cid].append(Membership(s, ob, cond, vf, vt, src))
        by_state[s].add(cid)
    return coms, dict(members), dict(by_state)


def merge_obligations(flags: dict[str, Any], conds: list[str], defense_conds: list[list[str]],
                      gives: Iterable[tuple[list[str], list[str]]]) -> list[str]:
    """Fold one commitment's pledges (``(obligations, conditions)`` of each of the giver's rows) into
    ``flags``, ``conds`` and ``defense_conds``; returns the obligations, in order, without repeats.

    Two rows on a phase's boundary day are both in force, so their obligations add up. The one
    rule of "what A owes B", shared by :meth:`Snapshot.obligations` and the bulk features.
    """
    obs: list[str] = []
    for own, cl in gives:
        obs.extend(o for o in own if o not in obs)
        if "defense" in own:
            defense_conds.append(cl)
        conds.extend(x for x in cl if x not in conds)
    for o in obs:
        flags[o] = True
    return obs


_SNAPSHOTS: "weakref.WeakKeyDictionary[Any, Snapshot]" = weakref.WeakKeyDictionary()


def snapshot(store: "Store") -> Snapshot:
    """The snapshot of ``store``, read once and cached for the store's lifetime (rebuilt when its rows change)."""
    snap = _SNAPSHOTS.get(store)
    if snap is None or snap.revision != getattr(store, "revision", 0):
        snap = _SNAPSHOTS[store] = Snapshot.from_store(store)
    return snap
