"""The inputs every feature is built from: a store's as-of snapshot plus a what-if overlay, cached per store.

The store's tables are read once per store into memory (:class:`FeatureInputs`) and every as-of lookup
happens there, so a scenario with ten partners needs no per-row SQL. What-if assumptions
(:func:`fairweather.features.whatif.parse_assumption`) edit a copy of these inputs for one run.
"""

from __future__ import annotations

import copy
import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from fairweather.asof import Snapshot, Spell, date_or_none, snapshot, valid_on
from fairweather.features.geography import haversine_km
from fairweather.features.whatif import Assumption, parse_assumption
from fairweather.pack.schema import FACT_KINDS, TIE_KINDS
from fairweather.store import Store

__all__ = ["FeatureInputs", "feature_inputs", "coverage_window", "haversine_km"]


@dataclass
class FeatureInputs(Snapshot):
    """A store's :class:`~fairweather.asof.Snapshot` plus a what-if overlay (one per store; copied for what-ifs)."""

    assumed_obligations: dict[tuple[str, str], dict[str, bool]] = field(default_factory=dict)
    feature_overrides: dict[tuple[str, ...], float] = field(default_factory=dict)
    assumptions: tuple[str, ...] = ()

    @classmethod
    def from_store(cls, store: Store) -> "FeatureInputs":
        """Read ``store`` afresh (not cached: :func:`feature_inputs` is the cached one)."""
        return cls.from_snapshot(Snapshot.from_store(store))

    @classmethod
    def from_snapshot(cls, snap: Snapshot) -> "FeatureInputs":
        """The snapshot's rows with no assumption (shared, not copied; so is the snapshot's memo)."""
        inp = cls(**{f.name: getattr(snap, f.name) for f in fields(Snapshot)})
        inp.__dict__["_memo"] = snap._memos()
        return inp

    def obligations(self, giver: str, receiver: str, d: dt.date, prov: list | None = None) -> tuple[dict[str, Any], list[str]]:
        """:meth:`Snapshot.obligations`, with assumed obligations (``obligation:...`` what-ifs) applied."""
        flags, conds = super().obligations(giver, receiver, d, prov)
        over = self.assumed_obligations.get((giver, receiver))
        if over:
            for o, v in over.items():
                flags[o] = v
                if o == "defense":
                    flags["_defense_conditions"] = [[]] if v else []
        return flags, conds

    # -- what-ifs ------------------------------------------------------------------
    def with_assumptions(self, assumptions: Sequence[str | Assumption], d: dt.date) -> "FeatureInputs":
        """A copy of these inputs with the assumptions applied as of ``d`` (the originals are untouched)."""
        if not assumptions:
            return self
        new = copy.copy(self)
        new.__dict__.pop("_memo", None)  # the copy's spells differ: its coverage and lookups are its own
        new.facts = dict(self.facts)
        new.ties = dict(self.ties)
        new.assumed_obligations = {k: dict(v) for k, v in self.assumed_obligations.items()}
        new.feature_overrides = dict(self.feature_overrides)
        texts = list(self.assumptions)
        for a in assumptions:
            a = parse_assumption(a) if isinstance(a, str) else a
            texts.append(a.text)
            src = f"assumption: {a.text}"
            if a.target == "fact":
                key = (a.subject[0], a.name)
                kept = [s for s in new.facts.get(key, ()) if not valid_on(s[0], s[1], d)]
                vals = [] if a.value is None else (a.value.split(";") if FACT_KINDS[a.name].multi else [a.value])
                new.facts[key] = kept + [Spell(d, d, v, src, None) for v in vals]
            elif a.target == "tie":
                tkey = (a.subject[0], a.subject[1], a.name)
                if TIE_KINDS[a.name].event:
                    kept = [s for s in new.ties.get(tkey, ()) if s[0] >= d]
                    n = 0 if a.value is None else int(float(a.value))
                    new.ties[tkey] = kept + [Spell(d - dt.timedelta(days=1), None, "1", src, f"assumed #{i + 1}") for i in range(n)]
                else:
                    kept = [s for s in new.ties.get(tkey, ()) if not valid_on(s[0], s[1], d)]
                    new.ties[tkey] = kept + ([] if a.value is None else [Spell(d, d, a.value, src, None)])
            elif a.target == "obligation":
                new.assumed_obligations.setdefault((a.subject[0], a.subject[1]), {})[a.name] = a.value == "1"
            else:
                new.feature_overrides[(*a.subject, a.name)] = float("nan") if a.value is None else float(a.value)
        new.assumptions = tuple(texts)
        return new


_CACHE: "weakref.WeakKeyDictionary[Store, FeatureInputs]" = weakref.WeakKeyDictionary()


def feature_inputs(store: Store) -> FeatureInputs:
    """The in-memory inputs of ``store``, read once and cached for the store's lifetime."""
    inp = _CACHE.get(store)
    if inp is None or inp.revision != getattr(store, "revision", 0):
        inp = _CACHE[store] = FeatureInputs.from_snapshot(snapshot(store))
    return inp


def coverage_window(inputs: FeatureInputs) -> tuple[dt.date, dt.date]:
    """Dates the pack covers: from Jan 1 of the first crisis year to Dec 31 of the latest dated row's year.

    Computed once per inputs (a scan of every spell: it was 90% of the time of ``predict`` when
    each row recomputed it); a what-if copy computes its own.
    """
    memos = inputs._memos()
    if "coverage" not in memos:
        memos["coverage"] = _coverage_window(inputs)
    return memos["coverage"]


def _coverage_window(inputs: FeatureInputs) -> tuple[dt.date, dt.date]:
    starts = [x for x in (date_or_none(d) for d in inputs.crises["start_date"]) if x is not None] \
        if not inputs.crises.empty else []
    firsts = [min(s[0] for s in v) for v in inputs.ties.values() if v] + [min(s[0] for s in v) for v in inputs.facts.values() if v]
    lasts = [max(s[0] for s in v) for v in inputs.ties.values() if v] + [max(s[0] for s in v) for v in inputs.facts.values() if v]
    lo = min(starts + [dt.date(1990, 1, 1)]) if starts else (min(firsts) if firsts else dt.date(1946, 1, 1))
    hi_candidates = lasts + starts
    hi = max(hi_candidates) if hi_candidates else dt.date.today()
    return dt.date(lo.year, 1, 1), dt.date(hi.year, 12, 31)
