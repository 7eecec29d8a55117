"""Loading imported rows (from the publishers' files) into the store's own tables, all or nothing.

The importers of :mod:`fairweather.sources` return rows shaped like the pack's
tables; :func:`import_rows` adds them to an open :class:`~fairweather.store.Store`
in one transaction, so the one as-of engine (:mod:`fairweather.features`) reads
imported and curated facts alike. Where both describe the same thing, the
curated pack wins from its first date on and imports fill the years before it:

======================  =========================================================
table                   rule
======================  =========================================================
``sources``             a dataset the pack already cites keeps the pack's row
``states``              a state the pack has keeps the pack's spells
``state_facts``         for a (state, fact) the pack has, imported spells are kept
                        only before the pack's first spell (and cut to end there)
``ties``                the same per (from, to, kind)
``commitments``         an alliance whose ``atop_id`` the pack codes is dropped,
                        with its members
``crises``/responses``  added as they are (their ids are the datasets' own)
======================  =========================================================

Rows naming a state the store does not know (a state outside the post-1945 system)
are left out and counted in the report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from fairweather.errors import StoreError
from fairweather.pack.schema import TABLE_ORDER, TABLES
from fairweather.results import Result, Summary

if TYPE_CHECKING:  # pragma: no cover
    from fairweather.sources._reference_io import ImportedRows
    from fairweather.store import Store

__all__ = ["import_rows", "ImportSummary"]

_KEYS = {"state_facts": ("state", "fact"), "ties": ("from_state", "to_state", "kind")}
_STATE_COLS = {"state_facts": ("state",), "ties": ("from_state", "to_state"), "commitment_members": ("state",),
               "crises": ("target",), "responses": ("supporter",)}


class ImportSummary(dict, Result):
    """Rows added per (dataset, table), and rows left out with the reason (a dict ``(dataset, table) -> rows``)."""

    def __init__(self) -> None:
        super().__init__()
        self.left_out: Counter = Counter()
        #: The rows actually added, per table (after the rules above), e.g. to write a history layer.
        self.added: dict[str, list[pd.DataFrame]] = {}

    def to_frame(self) -> pd.DataFrame:
        """One row per dataset and table: ``dataset, table, rows`` added."""
        return pd.DataFrame([{"dataset": d, "table": t, "rows": n} for (d, t), n in sorted(self.items())],
                            columns=["dataset", "table", "rows"])

    def summary(self) -> Summary:
        """The rows added per dataset and table; the rows left out, with their reasons, as notes."""
        info = [("Datasets", str(len({d for d, _ in self}))), ("Rows added", f"{sum(self.values()):,}"),
                ("Rows left out", f"{sum(self.left_out.values()):,}")]
        notes = [f"left out: {reason}: {n:,}" for reason, n in sorted(self.left_out.items()) if n]
        return Summary("Imported from the publishers' files", info, self.to_frame(), notes=notes)


def _records(df: pd.DataFrame, table: str) -> list[dict[str, Any]]:
    spec = TABLES[table]
    types = {c.name: c.type for c in spec.columns}
    df = df.reindex(columns=spec.column_names)
    out = df.astype(object).where(df.notna(), None).to_dict("records")
    for r in out:
        for c, typ in types.items():
            v = r[c]
            if v is None:
                continue
            if typ == "date":
                r[c] = v.date() if isinstance(v, pd.Timestamp) else (dt.date.fromisoformat(v) if isinstance(v, str) else v)
            elif typ == "bool":
                r[c] = bool(int(v))
            elif typ in ("int", "level"):
                r[c] = int(v)
            elif typ == "float":
                r[c] = float(v)
    return out


def _pack_first(con: Any, table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Keep imported spells of a key only before the store's first spell of that key."""
    keys = list(_KEYS[table])
    have = con.execute(f"SELECT {', '.join(keys)}, min(valid_from) AS first FROM {table} GROUP BY ALL").df()
    if have.empty or df.empty:
        return df, 0
    m = df.merge(have, on=keys, how="left")
    first = pd.to_datetime(m["first"])
    keep = (first.isna() | (pd.to_datetime(m["valid_from"]) < first)).to_numpy()
    limit = first - pd.Timedelta(days=1)
    vt = pd.to_datetime(m["valid_to"])
    cut = (~first.isna()).to_numpy() & keep & (vt.isna() | (vt > limit)).to_numpy()
    out = m["valid_to"].astype(object).to_numpy(copy=True)
    out[cut] = [d.date() for d in limit[cut]]
    m["valid_to"] = out
    return m[keep].drop(columns="first"), int((~keep).sum())


def import_rows(store: "Store", batches: Iterable["ImportedRows"]) -> ImportSummary:
    """Add the rows of every batch to ``store``, in one transaction (nothing is added on failure).

    In order: the sources the rows cite, the state spells the store lacks (so that the rows' states
    are known), then every other table, each row checked against the pack (a state outside the
    system, an ATOP alliance the pack codes itself, a spell the pack covers: left out and counted).
    """
    con = store.con
    summary = ImportSummary()
    batches = list(batches)
    con.execute("BEGIN TRANSACTION")
    try:
        _import_sources(con, batches, summary)
        known_states = _import_states(con, batches, summary)
        pack_atop = {r[0] for r in con.execute("SELECT atop_id FROM commitments WHERE atop_id IS NOT NULL").fetchall()}
        for table in [t for t in TABLE_ORDER if t not in ("sources", "states", "bloc_members")]:
            for b in batches:
                df = b.tables.get(table)
                if df is None or df.empty:
                    continue
                df = _rows_to_add(con, table, df, known_states, pack_atop, summary)
                if not df.empty:
                    _insert(con, table, df)
                    summary.added.setdefault(table, []).append(df)
                    summary[(b.dataset.source_id, table)] = summary.get((b.dataset.source_id, table), 0) + len(df)
        _record_import(con, summary)
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"Importing {', '.join(b.dataset.source_id for b in batches)} failed and was rolled back: {exc}") from exc
    store.revision += 1
    store.record_digest()
    return summary


def _import_sources(con: Any, batches: list["ImportedRows"], summary: ImportSummary) -> None:
    """The sources the batches cite (their own rows, else the dataset's one), each added once."""
    known_sources = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    for b in batches:
        extra = b.tables.get("sources")
        if extra is not None and not extra.empty:
            new_src = extra[~extra["source_id"].isin(known_sources)]
            if not new_src.empty:
                _insert(con, "sources", new_src)
                known_sources.update(new_src["source_id"])
                summary.added.setdefault("sources", []).append(new_src)
        if "sources" not in b.tables and b.dataset.source_id not in known_sources:
            row = pd.DataFrame([b.dataset.source_row()])
            _insert(con, "sources", row)
            summary.added.setdefault("sources", []).append(row)
            known_sources.add(b.dataset.source_id)
            summary[(b.dataset.source_id, "sources")] = 1


def _import_states(con: Any, batches: list["ImportedRows"], summary: ImportSummary) -> set[str]:
    """The state spells of states the store lacks; returns every state the store then knows."""
    known_states = {r[0] for r in con.execute("SELECT iso3 FROM state_ids").fetchall()}
    for b in batches:
        st = b.tables.get("states")
        if st is not None and not st.empty:
            new = st[~st["iso3"].isin(known_states)]
            new_ids = sorted(set(new["iso3"]))
            if new_ids:
                con.execute("INSERT INTO state_ids SELECT * FROM unnest(?::VARCHAR[])", [new_ids])
                _insert(con, "states", new)
                summary.added.setdefault("states", []).append(new)
                known_states.update(new_ids)
                summary[(b.dataset.source_id, "states")] = len(new)
            summary.left_out["state spells the pack already has"] += len(st) - len(new)
    return known_states


def _rows_to_add(con: Any, table: str, df: pd.DataFrame, known_states: set[str], pack_atop: set[Any],
                 summary: ImportSummary) -> pd.DataFrame:
    """The rows of ``df`` that may enter ``table``; those left out are counted in ``summary.left_out``."""
    for col in _STATE_COLS.get(table, ()):
        ok = df[col].isin(known_states)
        summary.left_out[f"{table}: a state outside the store's system"] += int((~ok).sum())
        df = df[ok]
    if table == "commitments":
        drop = df["atop_id"].isin(pack_atop)
        summary.left_out["commitments: ATOP alliances the pack codes itself"] += int(drop.sum())
        df = df[~drop]
    if table == "commitment_members":
        have = {r[0] for r in con.execute("SELECT commitment_id FROM commitments").fetchall()}
        df = df[df["commitment_id"].isin(have)]
    if table == "responses":
        have = {r[0] for r in con.execute("SELECT crisis_id FROM crises").fetchall()}
        df = df[df["crisis_id"].isin(have)]
    if table in _KEYS:
        df, n = _pack_first(con, table, df)
        summary.left_out[f"{table}: spells the pack covers itself"] += n
    return df


def _record_import(con: Any, summary: ImportSummary) -> None:
    """Rebuild the attackers' index and record how many rows each dataset added to each table."""
    con.execute("DROP TABLE IF EXISTS crisis_attackers")
    con.execute("""CREATE TABLE crisis_attackers AS
                   SELECT crisis_id, trim(a) AS attacker
                   FROM (SELECT crisis_id, unnest(string_split(attackers, ';')) AS a FROM crises)""")
    con.execute("CREATE TABLE IF NOT EXISTS fairweather_imports (source_id VARCHAR, tbl VARCHAR, n_rows BIGINT)")
    for (src, tbl), n in summary.items():
        con.execute("INSERT INTO fairweather_imports VALUES (?, ?, ?)", [src, tbl, n])


def _insert(con: Any, table: str, df: pd.DataFrame) -> None:
    from fairweather.store_tables import _arrow_table

    arrow = _arrow_table(table, _records(df, table))  # noqa: F841 - read by DuckDB below
    con.execute(f"INSERT INTO {table} SELECT * FROM arrow")
