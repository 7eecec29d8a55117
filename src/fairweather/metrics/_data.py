"""The pack tables the cohesion metrics read, loaded once and filtered as of a date.

Every metric is a pure function of a :class:`CohesionData` (the store's tables
as DataFrames) and a *groups* frame (one row per bloc and year: its members as
of the evaluation date). Loading once and filtering in memory keeps a
32-member bloc over a decade to a fraction of a second, instead of thousands
of store queries.

The as-of rule and the obligations derivation are :mod:`fairweather.asof`'s (the
one engine features and the store use too): a row counts on date ``d`` only if
``valid_from <= d`` and (``valid_to`` is empty or ``d <= valid_to``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from fairweather.asof import Snapshot, valid_on, valid_rows
from fairweather.pack.schema import OBLIGATIONS

if TYPE_CHECKING:
    from fairweather.store import Store

__all__ = ["CohesionData", "evaluation_date", "EVALUATION_MONTH_DAY", "dyads", "ordered_pairs"]

#: Every bloc-year is evaluated as of July 1 of the year (mid-year, so that a
#: year's value reflects commitments and ties in force for most of it).
EVALUATION_MONTH_DAY = (7, 1)


def evaluation_date(year: int) -> dt.date:
    """The date a bloc-year is measured on: July 1 of ``year``."""
    return dt.date(int(year), *EVALUATION_MONTH_DAY)


def dyads(members: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """Unordered member pairs, each once, in sorted order (so member order never matters)."""
    return list(combinations(sorted(set(members)), 2))


def ordered_pairs(members: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """Ordered member pairs (a, b), a != b, in sorted order."""
    ms = sorted(set(members))
    return [(a, b) for a in ms for b in ms if a != b]


_DATE_COLUMNS = ("valid_from", "valid_to", "start_date", "end_date", "signed")


def _with_dates(df: pd.DataFrame) -> pd.DataFrame:
    """Date columns as ``datetime64`` once, so that as-of filters are plain comparisons."""
    df = df.copy()
    for c in _DATE_COLUMNS:
        if c in df.columns:
            df[c] = pd.to_datetime(df[c])
    return df





@dataclass
class CohesionData:
    """The pack tables the metrics need, as DataFrames (see :meth:`from_store`)."""

    states: pd.DataFrame
    state_facts: pd.DataFrame
    commitments: pd.DataFrame
    commitment_members: pd.DataFrame
    ties: pd.DataFrame
    crises: pd.DataFrame
    responses: pd.DataFrame
    sources: pd.DataFrame
    bloc_members: pd.DataFrame
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for name in ("states", "state_facts", "commitments", "commitment_members", "ties", "crises", "bloc_members"):
            setattr(self, name, _with_dates(getattr(self, name)))

    @classmethod
    def from_store(cls, store: "Store") -> "CohesionData":
        """Read every table the metrics use from ``store`` once."""
        t = store.table
        return cls(
            states=t("states"), state_facts=t("state_facts"), commitments=t("commitments"),
            commitment_members=t("commitment_members"), ties=t("ties"), crises=t("crises"),
            responses=t("responses"), sources=t("sources"), bloc_members=t("bloc_members"),
        )

    # -- states and facts -------------------------------------------------
    def system(self, d: dt.date) -> list[str]:
        """ISO3 codes of the states in the system on ``d``."""
        key = ("system", d)
        if key not in self._cache:
            self._cache[key] = sorted(set(valid_rows(self.states, d)["iso3"]))
        return list(self._cache[key])

    def names(self) -> dict[str, str]:
        return dict(zip(self.states["iso3"], self.states["name"]))

    def regions(self) -> dict[str, str]:
        return dict(zip(self.states["iso3"], self.states["region"]))

    def fact_values(self, fact: str, d: dt.date) -> dict[str, float]:
        """Numeric value of a single-valued fact for every state that has it on ``d``."""
        key = ("fact", fact, d)
        if key not in self._cache:
            f = valid_rows(self.state_facts[self.state_facts["fact"] == fact], d)
            out: dict[str, float] = {}
            for s, v in zip(f["state"], f["value"]):
                try:
                    out[s] = float(v)
                except (TypeError, ValueError):
                    continue
            self._cache[key] = out
        return self._cache[key]

    def fact_rows(self, fact: str, d: dt.date) -> pd.DataFrame:
        return valid_rows(self.state_facts[self.state_facts["fact"] == fact], d)

    # -- commitments --------------------------------------------------------
    def obligations(self, d: dt.date) -> dict[tuple[str, str], set[str]]:
        """Directed obligations on ``d``: ``{(giver, receiver): {obligation, ...}}`` (:meth:`Snapshot.obligations_on`).

        A member gives its own ``obligations`` if the membership row has them,
        else the commitment's flags; it gives them to every other member of the
        same commitment on ``d``.
        """
        if "snapshot" not in self._cache:
            self._cache["snapshot"] = Snapshot.of_commitments(self.commitments, self.commitment_members)
        return self._cache["snapshot"].obligations_on(d)

    def commitment_edges(self, d: dt.date) -> pd.DataFrame:
        """Commitments valid on ``d`` with their member pairs (for the network)."""
        com = valid_rows(self.commitments, d)
        mem = valid_rows(self.commitment_members, d)
        rows = []
        for cid, grp in mem[mem["commitment_id"].isin(set(com["commitment_id"]))].groupby("commitment_id"):
            c = com[com["commitment_id"] == cid].iloc[0]
            kinds = [o for o in OBLIGATIONS if bool(c[o])]
            for a, b in dyads(list(grp["state"])):
                rows.append({"a": a, "b": b, "commitment_id": cid, "name": c["name"], "kinds": kinds,
                             "valid_from": c["valid_from"], "valid_to": c["valid_to"], "source_id": c["source_id"]})
        return pd.DataFrame(rows, columns=["a", "b", "commitment_id", "name", "kinds", "valid_from", "valid_to", "source_id"])

    # -- ties ---------------------------------------------------------------------
    def ties_on(self, d: dt.date, kinds: set[str] | None = None) -> pd.DataFrame:
        """Ties valid on ``d`` (of ``kinds``, if given)."""
        t = self.ties if kinds is None else self.ties[self.ties["kind"].isin(kinds)]
        return valid_rows(t, d)

    def level_ties(self, d: dt.date, kinds: set[str]) -> dict[tuple[str, str, str], float]:
        """Numeric level ties on ``d``: ``{(from, to, kind): value}``."""
        key = ("level", d, frozenset(kinds))
        if key not in self._cache:
            out: dict[tuple[str, str, str], float] = {}
            for f, t, k, v in self.ties_on(d, kinds)[["from_state", "to_state", "kind", "value"]].itertuples(index=False):
                try:
                    out[(f, t, k)] = float(v)
                except (TypeError, ValueError):
                    continue
            self._cache[key] = out
        return self._cache[key]

    def event_ties(self, start: dt.date, end: dt.date, kinds: set[str]) -> pd.DataFrame:
        """Event ties (deliveries, aid, troops) that began in ``[start, end]``."""
        key = ("event_frame", frozenset(kinds))
        if key not in self._cache:
            t = self.ties[self.ties["kind"].isin(kinds)]
            self._cache[key] = (t, t["valid_from"].to_numpy())
        t, vf = self._cache[key]
        return t[(vf >= np.datetime64(start)) & (vf <= np.datetime64(end))]

    def event_records(self, kinds: set[str]) -> list[tuple[dt.date, str, str, str]]:
        """``(valid_from, from_state, to_state, kind)`` of every event tie of ``kinds`` (plain tuples, cached)."""
        key = ("event_records", frozenset(kinds))
        if key not in self._cache:
            t = self.ties[self.ties["kind"].isin(kinds)]
            self._cache[key] = [(pd.Timestamp(v).date(), f, to, k) for v, f, to, k in
                                t[["valid_from", "from_state", "to_state", "kind"]].itertuples(index=False)]
        return self._cache[key]

    def response_records(self) -> list[tuple[dt.date, str, str, str, int, bool]]:
        """``(start_date, crisis_id, target, supporter, level, sided_with_attacker)`` of every response (cached)."""
        if "response_records" not in self._cache:
            r, _ = self.crisis_responses()
            self._cache["response_records"] = [
                (pd.Timestamp(d).date(), c, t, s, int(lv), bool(sw)) for d, c, t, s, lv, sw in
                r[["start_date", "crisis_id", "target", "supporter", "level", "sided_with_attacker"]].itertuples(index=False)]
        return self._cache["response_records"]

    def crisis_responses(self) -> pd.DataFrame:
        """Every response with its crisis's ``start_date`` and ``target`` (joined once)."""
        if "crisis_responses" not in self._cache:
            r = self.responses.merge(self.crises[["crisis_id", "start_date", "target"]], on="crisis_id")
            self._cache["crisis_responses"] = (r, r["start_date"].to_numpy())
        return self._cache["crisis_responses"]

    # -- crises -------------------------------------------------------------------
    def crises_between(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        c = self.crises
        return c[(c["start_date"] >= pd.Timestamp(start)) & (c["start_date"] <= pd.Timestamp(end))]

    # -- blocs --------------------------------------------------------------------
    def bloc_members_on(self, bloc_id: str, d: dt.date) -> list[str]:
        if "bloc_records" not in self._cache:
            recs: dict[str, list[tuple[dt.date, dt.date | None, str]]] = {}
            for bid, s, vf, vt in self.bloc_members[["bloc_id", "state", "valid_from", "valid_to"]].itertuples(index=False):
                recs.setdefault(bid, []).append((pd.Timestamp(vf).date(), None if pd.isna(vt) else pd.Timestamp(vt).date(), s))
            self._cache["bloc_records"] = recs
        return sorted({s for vf, vt, s in self._cache["bloc_records"].get(bloc_id, []) if valid_on(vf, vt, d)})
