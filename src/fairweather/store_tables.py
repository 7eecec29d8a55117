"""The store's tables in DuckDB: their DDL from the pack schema, loading a parsed pack, and the content digest.

:func:`load_pack` (re)creates every table of the pack in one transaction (all or nothing);
:func:`content_digest` fingerprints the tables so that a store file edited after its build is noticed.
"""

from __future__ import annotations

from typing import Any

import duckdb

from fairweather.errors import StoreError
from fairweather.pack import TABLE_ORDER, TABLES

__all__ = ["content_digest", "fetch_one", "load_pack"]


def fetch_one(con: Any, sql: str, params: Any = None) -> tuple[Any, ...]:
    """The one row of an aggregate query (``SELECT count(*) ...``), which always has one."""
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    if row is None:  # pragma: no cover - an aggregate without GROUP BY returns a row
        raise StoreError(f"The store answered no row to {sql[:60]!r}.")
    return row

_SQL_TYPES = {
    "text": "VARCHAR",
    "date": "DATE",
    "int": "INTEGER",
    "float": "DOUBLE",
    "bool": "BOOLEAN",
    "state": "VARCHAR",
    "states": "VARCHAR",
    "level": "TINYINT",
}


def _ddl(name: str) -> str:
    spec = TABLES[name]
    cols = []
    for c in spec.columns:
        sql = f'"{c.name}" {_SQL_TYPES[c.type]}'
        if c.required:
            sql += " NOT NULL"
        cols.append(sql)
    cons = []
    key = [k for k in spec.key if spec.column(k).required]
    if key == list(spec.key):
        cons.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in key) + ")")
    if spec.sourced:
        cons.append('FOREIGN KEY ("source_id") REFERENCES sources ("source_id")')
    for c in spec.columns:
        if c.type == "state":
            cons.append(f'FOREIGN KEY ("{c.name}") REFERENCES state_ids ("iso3")')
        if c.type == "level":
            cons.append(f'CHECK ("{c.name}" BETWEEN 0 AND 5)')
    start, end = spec.date_columns
    if spec.dated and end in spec.column_names:
        cons.append(f'CHECK ("{end}" IS NULL OR "{end}" >= "{start}")')
    if name == "commitment_members":
        cons.append('FOREIGN KEY ("commitment_id") REFERENCES commitments ("commitment_id")')
    if name == "responses":
        cons.append('FOREIGN KEY ("crisis_id") REFERENCES crises ("crisis_id")')
    return f"CREATE TABLE {name} (\n  " + ",\n  ".join(cols + cons) + "\n)"


def _arrow_table(name: str, records: list[dict[str, Any]]):
    import pyarrow as pa

    types = {"text": pa.string(), "state": pa.string(), "states": pa.string(), "date": pa.date32(),
             "int": pa.int32(), "float": pa.float64(), "bool": pa.bool_(), "level": pa.int8()}
    spec = TABLES[name]
    return pa.table({c.name: pa.array([r.get(c.name) for r in records], type=types[c.type]) for c in spec.columns})


def content_digest(con: duckdb.DuckDBPyConnection) -> str:
    """SHA-256 over every table of the store but ``fairweather_meta``: its name, row count and the sum of its row hashes.

    WHY: a store file was trusted on the pack hash alone, so an edited table moved forecasts while
    ``data validate`` said OK. The digest is recorded when the store is built (and after every import) and
    checked when the file is opened again; the sum makes it independent of row order, and it takes a few
    milliseconds, where reloading the pack takes seconds.
    """
    import hashlib

    names = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND database_name = current_database() "
        "ORDER BY table_name").fetchall() if r[0] != "fairweather_meta"]
    h = hashlib.sha256()
    for name in names:
        n, total = fetch_one(con, f'SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM "{name}" AS t')
        h.update(f"{name}\t{n}\t{total}\n".encode())
    return h.hexdigest()


def load_pack(con: duckdb.DuckDBPyConnection, parsed: Any) -> None:
    """Drop and recreate the pack's tables from ``parsed`` (:func:`fairweather.pack.parse_pack`), all or nothing."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name in ["crisis_attackers", "fairweather_imports", "fairweather_history", *reversed(TABLE_ORDER), "state_ids",
                     "fairweather_meta"]:
            con.execute(f"DROP TABLE IF EXISTS {name}")
        con.execute(_ddl("sources"))
        con.execute('CREATE TABLE state_ids ("iso3" VARCHAR PRIMARY KEY)')
        iso = sorted({r["iso3"] for r in parsed.records["states"]})
        con.execute("INSERT INTO state_ids SELECT * FROM unnest(?::VARCHAR[])", [iso])
        for name in TABLE_ORDER:
            if name != "sources":
                con.execute(_ddl(name))
            arrow = _arrow_table(name, parsed.records[name])  # noqa: F841 - read by DuckDB below
            con.execute(f"INSERT INTO {name} SELECT * FROM arrow")
        con.execute(
            """CREATE TABLE crisis_attackers AS
               SELECT crisis_id, trim(a) AS attacker
               FROM (SELECT crisis_id, unnest(string_split(attackers, ';')) AS a FROM crises)"""
        )
        con.execute("CREATE TABLE fairweather_meta (pack_hash VARCHAR, loaded_at TIMESTAMP, content_digest VARCHAR)")
        con.execute("INSERT INTO fairweather_meta VALUES (?, now(), ?)", [parsed.hash, content_digest(con)])
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"Loading the pack into DuckDB failed and was rolled back: {exc}") from exc
