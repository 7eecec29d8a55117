"""What the store holds: summaries, a state's profile as of a date, coverage, and export.

These sit just above the store and below every model: the CLI's ``data``
commands, the report's provenance table and the web data browser all call them.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from fairweather._atomic import atomic_folder
from fairweather.asof import valid_during_sql
from fairweather.errors import FairweatherError
from fairweather.pack import TABLE_ORDER
from fairweather.pack.schema import FACT_KINDS, TIE_KINDS
from fairweather.results import Result, Summary
from fairweather.store import DateLike, Store, as_date
from fairweather.store_tables import fetch_one

__all__ = ["last_year", "pack_summary", "StateProfile", "state_profile", "coverage", "export_tables", "EVALUATION_START"]

#: Crises that began on or after this date are evaluation cases: never fitted or tuned on.
from fairweather.split import EVALUATION_START  # noqa: E402  (re-exported: the split lives in fairweather.split)


def last_year(store: Store) -> int:
    """The latest year in which the pack records anything (a fact, tie, commitment or crisis starting)."""
    row = store.con.execute(
        """SELECT max(y) FROM (
             SELECT max(year(valid_from)) AS y FROM state_facts UNION ALL
             SELECT max(year(valid_from)) FROM ties UNION ALL
             SELECT max(year(valid_from)) FROM commitments UNION ALL
             SELECT max(year(start_date)) FROM crises)"""
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else dt.date.today().year


def pack_summary(store: Store) -> pd.DataFrame:
    """Rows, states, period and sourcing of every table, plus the crisis split."""
    rows = []
    for name in TABLE_ORDER:
        n = fetch_one(store.con, f"SELECT count(*) FROM {name}")[0]
        cols = store.con.execute(f"SELECT * FROM {name} LIMIT 0").df().columns
        period = ""
        if "valid_from" in cols:
            lo, hi = fetch_one(store.con, f"SELECT min(valid_from), max(coalesce(valid_to, valid_from)) FROM {name}")
            period = f"{lo}..{hi}" if lo else ""
        elif "start_date" in cols:
            lo, hi = fetch_one(store.con, f"SELECT min(start_date), max(start_date) FROM {name}")
            period = f"{lo}..{hi}" if lo else ""
        rows.append({"table": name, "rows": n, "period": period})
    train, evaluation = fetch_one(
        store.con, "SELECT count(*) FILTER (WHERE start_date < $d), count(*) FILTER (WHERE start_date >= $d) FROM crises",
        {"d": EVALUATION_START})
    rows.append({"table": "crises before 2020 (training)", "rows": train, "period": ""})
    rows.append({"table": "crises from 2020 (evaluation)", "rows": evaluation, "period": ""})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class StateProfile(Result):
    """A state's commitments, ties and facts on one date, each with its source."""

    state: str
    name: str
    as_of: dt.date
    sections: dict[str, pd.DataFrame]

    def to_frame(self) -> pd.DataFrame:
        """Every section's rows stacked, with a ``section`` column (commitments, ties, facts)."""
        parts = [f.assign(section=k) for k, f in self.sections.items() if not f.empty]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    def summary(self) -> Summary:
        """The state's commitments, ties and facts on the date, one table each (without the URLs)."""
        info = [("State", f"{self.name} ({self.state})"), ("As of", self.as_of.isoformat()),
                *((k.capitalize(), str(len(f))) for k, f in self.sections.items())]
        tables = [(k.capitalize(), f.drop(columns=[c for c in ("url",) if c in f.columns]))
                  for k, f in self.sections.items()]
        return Summary(f"{self.name} on {self.as_of}", info, tables=tables)


def _describe(obligations: str) -> str:
    names = [o for o in obligations.split(";") if o]
    return ", ".join(names) if names else "none"


def state_profile(store: Store, state: str, as_of: DateLike) -> StateProfile:
    """Commitments (with what each side promised), ties and facts of ``state`` on ``as_of``."""
    from fairweather.codes import lookup

    iso = store._check_state(state)
    d = as_date(as_of, "as-of date")
    com = store.commitments(iso, as_of=d)
    rows = []
    for _, c in com.iterrows():
        partners = [m for m in store.members(c["commitment_id"], d) if m != iso]
        more = f" (+{len(partners) - 12} more)" if len(partners) > 12 else ""
        rows.append({
            "commitment": c["name"],
            "partners": ", ".join(partners[:12]) + more,
            "in force": f"{c['valid_from']:%Y-%m-%d}" if pd.notna(c["valid_from"]) else "",
            f"{iso} promises": _describe(c["obligations"]),
            "mutual defence": "yes" if "defense" in c["obligations"].split(";") else "NO",
            "conditions": c["conditions"] if isinstance(c["conditions"], str) else "",
            "article": c["article"] if isinstance(c["article"], str) else "",
            "source": c["citation"],
            "url": c["url"],
        })
    commitments = pd.DataFrame(rows)
    ties = store.ties(iso, as_of=d)
    ties_view = ties.assign(
        tie=ties["from_state"] + " → " + ties["to_state"],
        value=[_with_unit(v, u if isinstance(u, str) and u else _kind_unit(TIE_KINDS, k))
               + (f" ({det})" if isinstance(det, str) and det and det != v else "")
               for v, u, det, k in zip(ties["value"], ties["unit"], ties["detail"], ties["kind"])],
        valid=[f"{a:%Y-%m-%d}..{'' if pd.isna(b) else f'{b:%Y-%m-%d}'}" for a, b in zip(ties["valid_from"], ties["valid_to"])],
    )[["tie", "kind", "value", "valid", "citation", "url"]].rename(columns={"citation": "source"})
    facts = store.facts(iso, d)
    facts_view = facts.assign(
        valid=[f"{a:%Y-%m-%d}..{'' if pd.isna(b) else f'{b:%Y-%m-%d}'}" for a, b in zip(facts["valid_from"], facts["valid_to"])],
        unit=[_kind_unit(FACT_KINDS, f) for f in facts["fact"]],
    )[["fact", "value", "unit", "valid", "citation", "url"]].rename(columns={"citation": "source"})
    return StateProfile(iso, lookup(iso).name, d, {"commitments": commitments, "ties": ties_view, "facts": facts_view})


def _kind_unit(kinds: dict[str, Any], kind: str) -> str:
    """The unit the pack's schema gives a kind of fact or tie (empty for yes/no, states and text)."""
    k = kinds.get(kind)
    return str(k.unit) if k is not None else ""


def _with_unit(value: Any, unit: str) -> str:
    """A tie's value with its unit: ``45.0%``, ``1200 personnel``, ``spatial`` (text has none)."""
    if not unit:
        return str(value)
    return f"{value}%" if unit == "%" else f"{value} {unit}"


#: The column that dates each table's newest information: a spell's start, a crisis's start. (Not the
#: state list or the blocs: a new state or member is rare, so their latest row says nothing of how current they are.)
_DATED: dict[str, str] = {"state_facts": "valid_from", "ties": "valid_from", "commitments": "valid_from",
                          "commitment_members": "valid_from", "crises": "start_date"}


#: latest_changes per store, with the store revision it was read at: every forecast asks, and the ten
#: queries were a third of a warm forecast's time.
_LATEST: "weakref.WeakKeyDictionary[Store, tuple[int, dict[str, dt.date | None]]]" = weakref.WeakKeyDictionary()


def latest_changes(store: Store) -> dict[str, dt.date | None]:
    """Per table, the latest date a row begins on: the data are current through that date.

    WHY the start and not the end of a spell: an end may be a scheduled expiry years ahead
    (a treaty's term), so only starts say when the table last learned something new. Rows
    that begin after the last day a table was updated are unknown to the data; a forecast
    for a later date carries open-ended rows forward (:func:`stale_tables`).
    """
    revision = getattr(store, "revision", 0)
    memo = _LATEST.get(store)
    if memo is not None and memo[0] == revision:
        return dict(memo[1])
    out: dict[str, dt.date | None] = {}
    for name, col in _DATED.items():
        cols = store.con.execute(f"SELECT * FROM {name} LIMIT 0").df().columns
        if col in cols:
            v = fetch_one(store.con, f"SELECT max({col}) FROM {name}")[0]
            out[name] = v if v is None or isinstance(v, dt.date) else pd.Timestamp(v).date()
    _LATEST[store] = (revision, dict(out))
    return out


def stale_tables(store: Store, d: dt.date, grace_days: int = 180) -> dict[str, dt.date]:
    """The tables whose latest change is more than ``grace_days`` before ``d``, with that date."""
    return {t: v for t, v in latest_changes(store).items() if v is not None and (d - v).days > grace_days}


def coverage(store: Store, by: str = "table") -> pd.DataFrame:
    """Coverage of the pack by ``table``, ``state`` or ``year``, with the share of sourced rows.

    By table, ``current_through`` is the latest date a row of the table begins on
    (:func:`latest_changes`): what happened after it is not in the data.
    """
    if by == "table":
        latest = latest_changes(store)
        rows = []
        for name in TABLE_ORDER:
            n = fetch_one(store.con, f"SELECT count(*) FROM {name}")[0]
            cols = store.con.execute(f"SELECT * FROM {name} LIMIT 0").df().columns
            if "source_id" in cols and name != "sources":
                sourced = fetch_one(
                    store.con, f"SELECT count(*) FROM {name} t WHERE EXISTS (SELECT 1 FROM sources s WHERE s.source_id = t.source_id)"
                )[0]
                share = 100.0 * sourced / n if n else 100.0
            else:
                share = float("nan")
            rows.append({"table": name, "rows": n, "sourced_pct": share, "current_through": latest.get(name)})
        return pd.DataFrame(rows)
    if by == "state":
        return store.sql(
            """SELECT s.iso3 AS state, s.name,
                 (SELECT count(*) FROM state_facts f WHERE f.state = s.iso3) AS facts,
                 (SELECT count(DISTINCT commitment_id) FROM commitment_members m WHERE m.state = s.iso3) AS commitments,
                 (SELECT count(*) FROM ties t WHERE t.from_state = s.iso3 OR t.to_state = s.iso3) AS ties,
                 (SELECT count(*) FROM crises c WHERE c.target = s.iso3) AS crises_as_target,
                 (SELECT count(*) FROM responses r WHERE r.supporter = s.iso3) AS responses
               FROM (SELECT DISTINCT iso3, first(name) AS name FROM states GROUP BY iso3) s ORDER BY s.iso3"""
        )
    if by == "year":
        # every year from the first crisis (at the latest 1990) to the last the pack records anything in
        first = fetch_one(store.con, "SELECT min(year(start_date)) FROM crises")[0]
        lo, hi = min(int(first) if first is not None else 1990, 1990), last_year(store)
        during = {a: valid_during_sql(a, "make_date(y.year, 1, 1)", "make_date(y.year, 12, 31)") for a in "fct"}
        return store.con.execute(
            f"""WITH years AS (SELECT unnest(range($lo, $hi + 1)) AS year)
               SELECT y.year,
                 (SELECT count(*) FROM state_facts f WHERE {during['f']}) AS facts_valid,
                 (SELECT count(*) FROM commitments c WHERE {during['c']}) AS commitments_in_force,
                 (SELECT count(*) FROM ties t WHERE {during['t']}) AS ties_valid,
                 (SELECT count(*) FROM crises c WHERE year(c.start_date) = y.year) AS crises_begun,
                 (SELECT count(*) FROM responses r JOIN crises c USING (crisis_id) WHERE year(c.start_date) = y.year) AS responses
               FROM years y ORDER BY y.year""", {"lo": lo, "hi": hi}).df()
    raise FairweatherError(f"coverage by must be 'table', 'state' or 'year'; got {by!r}")


def _sql_string(text: str) -> str:
    """``text`` as a SQL string literal: COPY cannot bind its path as a parameter, so quotes are doubled.

    WHY: the path comes from the user (``data export --out``); pasted raw, a quote in it ended the literal
    and let the rest run as SQL (issue 13: a crafted path wrote an arbitrary file).
    """
    if "\x00" in text:
        raise FairweatherError(f"The export path {text!r} contains a NUL character.")
    return "'" + text.replace("'", "''") + "'"


def export_tables(store: Store, out: Path | str, fmt: str = "csv") -> list[Path]:
    """Write every pack table to ``out/<table>.<fmt>``; all files or none, also under SIGTERM.

    The files are written into a temporary folder beside ``out`` and swapped in
    only when every table succeeded (:func:`fairweather._atomic.atomic_folder`).
    ``FAIRWEATHER_TEST_EXPORT_PAUSE`` (seconds) pauses between tables, so a test
    can kill an export in the middle deterministically.
    """
    if fmt not in ("csv", "parquet", "json"):
        raise FairweatherError(f"export format must be csv, parquet or json; got {fmt!r}")
    out = Path(out)
    pause = float(os.environ.get("FAIRWEATHER_TEST_EXPORT_PAUSE") or 0)
    options = {"csv": "HEADER, DELIMITER ','", "parquet": "FORMAT parquet", "json": "FORMAT json, ARRAY true"}[fmt]
    with atomic_folder(out) as tmp:
        for i, name in enumerate(TABLE_ORDER):  # table names come from the schema, never from the user
            if pause and i:
                time.sleep(pause)
            store.con.execute(f"COPY {name} TO {_sql_string(str(tmp / f'{name}.{fmt}'))} ({options})")
    return [out / f"{name}.{fmt}" for name in TABLE_ORDER]
