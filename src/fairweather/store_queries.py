"""The store's typed as-of queries: what a state had, owed and was tied to on a date.

:class:`StoreQueries` is the half of :class:`fairweather.store.Store` that reads: every query that
takes ``as_of`` answers as the world looked on that date (:mod:`fairweather.asof`'s rule), and
``as_of`` is always required. The other half (:mod:`fairweather.store`) opens, loads and caches the
DuckDB database these queries run on. Also here: the values the queries return (:class:`Obligations`,
:class:`Crisis`) and :func:`as_date`, the one date check of the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast, overload

import duckdb
import pandas as pd

from fairweather.asof import snapshot, valid_sql
from fairweather.errors import CoverageError, DateError, StoreError
from fairweather.inputs import parse_date
from fairweather.pack import OBLIGATIONS, TABLE_ORDER, TABLES
from fairweather.pack.schema import FACT_KINDS
from fairweather.split import is_evaluation
from fairweather.store_tables import fetch_one

if TYPE_CHECKING:
    from fairweather.store import Store

__all__ = ["StoreQueries", "Obligations", "Crisis", "as_date", "DateLike"]

DateLike = dt.date | str



@overload
def as_date(value: None, what: str = ...) -> None: ...
@overload
def as_date(value: DateLike, what: str = ...) -> dt.date: ...


def as_date(value: DateLike | None, what: str = "date") -> dt.date | None:
    """A ``datetime.date`` from a date or an ISO string (``None`` stays ``None``); a clear error otherwise.

    The one reading of :func:`fairweather.inputs.parse_date`; an empty string is an error here (an argument).
    """
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        raise DateError(f"The {what} must be a date written YYYY-MM-DD, e.g. 2025-06-13; got {value!r}.")
    return parse_date(value, f"The {what}")


@dataclass(frozen=True)
class Obligations:
    """What ``giver`` has promised ``receiver`` on ``as_of``, across all their commitments."""

    giver: str
    receiver: str
    as_of: dt.date
    defense: bool = False
    offense: bool = False
    neutrality: bool = False
    nonaggression: bool = False
    consultation: bool = False
    partnership: bool = False
    conditions: tuple[str, ...] = ()
    commitment_ids: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return any(getattr(self, o) for o in OBLIGATIONS)

    def flags(self) -> dict[str, bool]:
        return {o: getattr(self, o) for o in OBLIGATIONS}


@dataclass(frozen=True)
class Crisis:
    """A crisis of the pack: who was attacked, by whom, when."""

    crisis_id: str
    name: str
    start_date: dt.date
    end_date: dt.date | None
    target: str
    attackers: tuple[str, ...]
    kind: str
    description: str
    source_id: str

    @property
    def evaluation(self) -> bool:
        """True for crises from 2020 on: scored, never fitted on."""
        return is_evaluation(self.start_date)


class StoreQueries:
    """The as-of queries of :class:`fairweather.store.Store` (it inherits them); they need ``self.con``."""

    con: duckdb.DuckDBPyConnection

    # -- generic ------------------------------------------------------------
    def sql(self, query: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run a read query and return a DataFrame."""
        return self.con.execute(query, params or []).df()

    def table(self, name: str) -> pd.DataFrame:
        """A whole table of the store as a DataFrame."""
        if name not in TABLES and name != "crisis_attackers":
            raise StoreError(f"Unknown table {name!r}; tables: {', '.join(TABLES)}")
        return self.sql(f"SELECT * FROM {name}")

    def counts(self) -> dict[str, int]:
        """Row count of every pack table."""
        return {n: fetch_one(self.con, f"SELECT count(*) FROM {n}")[0] for n in TABLE_ORDER}

    @staticmethod
    def _valid(alias: str = "") -> str:
        return valid_sql(alias)

    def _check_state(self, iso3: str) -> str:
        from fairweather.codes import to_iso3

        code = to_iso3(iso3)
        if not self.con.execute("SELECT 1 FROM state_ids WHERE iso3 = ?", [code]).fetchone():
            raise CoverageError(f"{code} is not a state of the data pack; `fairweather data summary` lists the states it covers.")
        return code

    # -- states and facts ---------------------------------------------------
    def states(self, as_of: DateLike | None = None) -> pd.DataFrame:
        """States of the pack (those in the system on ``as_of``, if given)."""
        if as_of is None:
            return self.sql("SELECT * FROM states ORDER BY cow_code, valid_from")
        return self.con.execute(
            f"SELECT * FROM states WHERE {self._valid()} ORDER BY cow_code", {"d": as_date(as_of)}
        ).df()

    def facts(self, state: str, as_of: DateLike, fact: str | None = None) -> pd.DataFrame:
        """Facts of ``state`` valid on ``as_of``, with their sources."""
        state = self._check_state(state)
        q = f"""SELECT f.state, f.fact, f.value, f.valid_from, f.valid_to, f.source_id, s.citation, s.url, f.note
                FROM state_facts f JOIN sources s USING (source_id)
                WHERE f.state = $s AND {self._valid('f')} {"AND f.fact = $f" if fact else ""}
                ORDER BY f.fact, f.value"""
        params: dict[str, Any] = {"s": state, "d": as_date(as_of)}
        if fact:
            params["f"] = fact
        return self.con.execute(q, params).df()

    def fact(self, state: str, fact: str, as_of: DateLike) -> Any:
        """The typed value of one fact on ``as_of``: a number, a flag, a list (multi kinds) or ``None``."""
        kind = FACT_KINDS[fact]
        values = self.facts(state, as_of, fact)["value"].tolist()
        convs: dict[str, Callable[[str], Any]] = {"float": float, "bool": lambda v: v == "1", "state": str, "text": str}
        conv = convs[kind.value_type]
        if kind.multi:
            return sorted(conv(v) for v in values)
        return conv(values[0]) if values else None

    # -- commitments ----------------------------------------------------------
    def commitments(self, a: str, b: str | None = None, *, as_of: DateLike) -> pd.DataFrame:
        """Commitments ``a`` is a member of on ``as_of`` (shared with ``b``, if given).

        One row per commitment, with ``a``'s own obligations (``obligations``) and,
        when ``b`` is given, ``b``'s (``obligations_b``) — they differ for
        one-sided treaties.
        """
        a = self._check_state(a)
        d = as_date(as_of, "as-of date")
        flags = ", ".join(f"c.{o}" for o in OBLIGATIONS)
        base = f"""
            SELECT c.commitment_id, c.name, c.signed, c.valid_from, c.valid_to, {flags},
                   c.conditions AS treaty_conditions, c.article, c.atop_id, c.source_id, s.citation, s.url,
                   ma.obligations AS member_obligations, ma.conditions AS member_conditions,
                   ma.valid_from AS member_from, ma.valid_to AS member_to, c.note
            FROM commitments c
            JOIN commitment_members ma ON ma.commitment_id = c.commitment_id AND ma.state = $a AND {self._valid('ma')}
            JOIN sources s ON s.source_id = c.source_id
            WHERE {self._valid('c')}"""
        params: dict[str, Any] = {"a": a, "d": d}
        if b is not None:
            params["b"] = self._check_state(b)
            base = base.replace(
                "FROM commitments c",
                "FROM commitments c JOIN commitment_members mb ON mb.commitment_id = c.commitment_id "
                f"AND mb.state = $b AND {self._valid('mb')}",
            ).replace("c.note\n", "c.note, mb.obligations AS member_obligations_b, mb.conditions AS member_conditions_b\n")
        df = self.con.execute(base + " ORDER BY c.valid_from", params).df()
        df["obligations"] = [self._member_obligations(r, "member_obligations") for _, r in df.iterrows()]
        # missing text comes back as NaN (pandas 3) or None: `NaN or ""` is NaN, so test for text explicitly
        df["conditions"] = [next((v for v in (r["member_conditions"], r["treaty_conditions"]) if isinstance(v, str) and v), "")
                            for _, r in df.iterrows()]
        if b is not None:
            df["obligations_b"] = [self._member_obligations(r, "member_obligations_b") for _, r in df.iterrows()]
        return df

    @staticmethod
    def _member_obligations(row: pd.Series, col: str) -> str:
        own = row.get(col)
        if isinstance(own, str) and own:
            return ";".join(p.strip() for p in own.split(";"))
        return ";".join(o for o in OBLIGATIONS if bool(row[o]))

    def obligations(self, giver: str, receiver: str, as_of: DateLike) -> Obligations:
        """What ``giver`` has promised ``receiver`` on ``as_of`` (directed: one-sided treaties differ)."""
        giver, receiver = self._check_state(giver), self._check_state(receiver)
        d = as_date(as_of, "as-of date")
        prov: list[tuple] = []
        snap = snapshot(cast("Store", self))  # the engine's snapshot of the store these queries belong to
        flags, conds = snap.obligations(giver, receiver, d, prov)
        flags.pop("_defense_conditions")
        ids = sorted((p[3] for p in prov), key=lambda cid: (snap.commitments[cid]["valid_from"], cid))
        return Obligations(giver, receiver, d, conditions=tuple(conds), commitment_ids=tuple(ids), **flags)

    def members(self, commitment_id: str, as_of: DateLike) -> list[str]:
        """Members of a commitment on ``as_of``."""
        rows = self.con.execute(
            f"SELECT state FROM commitment_members WHERE commitment_id = $c AND {self._valid()} ORDER BY state",
            {"c": commitment_id, "d": as_date(as_of)},
        ).fetchall()
        return [r[0] for r in rows]

    # -- ties -------------------------------------------------------------------
    def ties(self, a: str, b: str | None = None, *, as_of: DateLike, kind: str | None = None,
             both_directions: bool = True) -> pd.DataFrame:
        """Ties of ``a`` (with ``b``, if given) valid on ``as_of``, in both directions by default."""
        a = self._check_state(a)
        params: dict[str, Any] = {"a": a, "d": as_date(as_of, "as-of date")}
        where = ["t.from_state = $a" + (" OR t.to_state = $a" if both_directions else "")]
        if b is not None:
            params["b"] = self._check_state(b)
            where = ["(t.from_state = $a AND t.to_state = $b)" + (" OR (t.from_state = $b AND t.to_state = $a)" if both_directions else "")]
        if kind is not None:
            params["k"] = kind
        q = f"""SELECT t.from_state, t.to_state, t.kind, t.value, t.unit, t.detail, t.valid_from, t.valid_to,
                       t.source_id, s.citation, s.url, t.note
                FROM ties t JOIN sources s USING (source_id)
                WHERE ({where[0]}) AND {self._valid('t')} {"AND t.kind = $k" if kind else ""}
                ORDER BY t.kind, t.from_state, t.to_state"""
        return self.con.execute(q, params).df()

    def tie_value(self, from_state: str, to_state: str, kind: str, as_of: DateLike) -> float | None:
        """The numeric value of a level tie on ``as_of`` (``None`` if the pack has none)."""
        df = self.ties(from_state, to_state, as_of=as_of, kind=kind, both_directions=False)
        if df.empty:
            return None
        try:
            return float(df["value"].iloc[0])
        except ValueError:
            return None

    # -- crises -------------------------------------------------------------------
    def crises(self, before: DateLike | None = None, since: DateLike | None = None) -> pd.DataFrame:
        """Crises (starting before ``before`` and on or after ``since``, if given), oldest first."""
        q = "SELECT * FROM crises WHERE true"
        params: dict[str, Any] = {}
        if before is not None:
            q += " AND start_date < $before"
            params["before"] = as_date(before)
        if since is not None:
            q += " AND start_date >= $since"
            params["since"] = as_date(since)
        return self.con.execute(q + " ORDER BY start_date, crisis_id", params).df()

    def crisis(self, crisis_id: str) -> Crisis:
        """One crisis by id."""
        row = self.con.execute("SELECT * FROM crises WHERE crisis_id = ?", [crisis_id]).df()
        if row.empty:
            ids = [r[0] for r in self.con.execute("SELECT crisis_id FROM crises ORDER BY crisis_id").fetchall()]
            import difflib

            close = difflib.get_close_matches(crisis_id, ids, n=3)
            hint = f" Did you mean: {', '.join(close)}?" if close else " `fairweather data summary` lists the crises."
            raise CoverageError(f"Unknown crisis {crisis_id!r}.{hint}")
        r = row.iloc[0]
        end = r["end_date"]
        return Crisis(
            r["crisis_id"], r["name"], pd.Timestamp(r["start_date"]).date(),
            None if pd.isna(end) else pd.Timestamp(end).date(), r["target"],
            tuple(a.strip() for a in r["attackers"].split(";")), r["kind"], r["description"], r["source_id"],
        )

    def responses(self, crisis_id: str | None = None) -> pd.DataFrame:
        """Responses (of one crisis, if given) joined with their crisis's date, target and attackers."""
        q = """SELECT r.*, c.start_date, c.target, c.attackers
               FROM responses r JOIN crises c USING (crisis_id)"""
        params: list[Any] = []
        if crisis_id is not None:
            q += " WHERE r.crisis_id = ?"
            params.append(crisis_id)
        return self.sql(q + " ORDER BY c.start_date, r.crisis_id, r.supporter", params)

    # -- provenance -----------------------------------------------------------------
    def sources(self, ids: list[str] | None = None) -> pd.DataFrame:
        """Sources (only ``ids``, if given)."""
        if ids is None:
            return self.sql("SELECT * FROM sources ORDER BY source_id")
        return self.con.execute(
            "SELECT * FROM sources WHERE source_id IN (SELECT unnest($ids::VARCHAR[])) ORDER BY source_id", {"ids": list(ids)}
        ).df()
