"""Events in the store: the normalized event table kept beside the pack, so say–do runs on the store's engine.

:func:`import_events` puts events (an import result, an Arrow table in
:data:`~fairweather.events.schema.EVENT_SCHEMA`, or publisher files read by
:func:`fairweather.sources.eventfiles.read_events`) into the store's ``events``
table in one transaction: all or nothing. Importing a file again replaces its
rows (rows are keyed by ``source_file``), so a re-run never doubles counts.
:func:`events_table` gives the table as an Ibis table on the store's own DuckDB
connection, which :func:`fairweather.metrics.saydo.saydo` takes as it is: the
events are never copied out of the store to be measured.

In a store kept in a file (``Store.open(db=...)``, ``--db`` on the command line),
imported events stay there for later commands; the store's content digest
covers them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from fairweather.errors import EventFormatError, StoreError
from fairweather.events.schema import EVENT_SCHEMA, EventImport, ImportReport

if TYPE_CHECKING:  # pragma: no cover
    import ibis.expr.types as ir

    from fairweather.store import Store

__all__ = ["EVENTS_TABLE", "import_events", "events_table", "has_events"]

#: The store's table of normalized events.
EVENTS_TABLE = "events"

_DUCK_TYPES = {pa.string(): "VARCHAR", pa.date32(): "DATE", pa.int8(): "TINYINT", pa.float64(): "DOUBLE",
               pa.int32(): "INTEGER"}


def _ddl() -> str:
    cols = ",\n  ".join(f'"{f.name}" {_DUCK_TYPES[f.type]}' for f in EVENT_SCHEMA)
    return f"CREATE TABLE IF NOT EXISTS {EVENTS_TABLE} (\n  {cols}\n)"


def has_events(store: "Store") -> bool:
    """True when the store holds an events table (possibly empty)."""
    row = store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ? "
                            "AND database_name = current_database()", [EVENTS_TABLE]).fetchone()
    return bool(row and row[0])


def _as_table(events: Any, source: str, progress: Callable[[str, int], None] | None,
              on_file: Callable[[str, int, int], None] | None) -> tuple[pa.Table, ImportReport]:
    if isinstance(events, EventImport):
        return events.table, events.report
    if isinstance(events, pa.Table):
        missing = [n for n in EVENT_SCHEMA.names if n not in events.column_names]
        if missing:
            raise EventFormatError(f"The event table lacks the column(s) {', '.join(missing)} of the normalized event "
                                   "schema (fairweather.events.schema); import publisher files with read_events.")
        table = events.select(EVENT_SCHEMA.names).cast(EVENT_SCHEMA)
        report = ImportReport()
        report.rows_read = report.rows_imported = table.num_rows
        return table, report
    from fairweather.sources.eventfiles import read_events

    result = read_events(events, source=source, progress=progress, on_file=on_file)  # type: ignore[arg-type]
    return result.table, result.report


def import_events(store: "Store", events: Any, *, source: str = "auto",
                  progress: Callable[[str, int], None] | None = None,
                  on_file: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Add events to the store's ``events`` table, all or nothing; returns the import report.

    Parameters
    ----------
    events
        An :class:`~fairweather.events.schema.EventImport`, an Arrow table in the normalized event
        schema, or event files (paths, globs, URLs) to read with
        :func:`fairweather.sources.eventfiles.read_events`.
    source, progress, on_file
        Passed to :func:`~fairweather.sources.eventfiles.read_events` when files are given.

    Rows of a ``source_file`` the table already holds are replaced, so importing a file twice keeps
    one copy. The store's revision is bumped and, for a store in a file, its digest recorded.
    """
    table, report = _as_table(events, source, progress, on_file)
    con = store.con
    files = sorted({f for f in table.column("source_file").to_pylist() if f is not None})
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(_ddl())
        if files:
            con.execute(f"DELETE FROM {EVENTS_TABLE} WHERE source_file IN (SELECT unnest(?::VARCHAR[]))", [files])
        con.register("_fw_new_events", table)
        try:
            con.execute(f"INSERT INTO {EVENTS_TABLE} SELECT * FROM _fw_new_events")
        finally:
            con.unregister("_fw_new_events")
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"The events could not be added to the store (nothing was added): {exc}") from None
    except BaseException:
        con.execute("ROLLBACK")
        raise
    store.revision += 1
    try:
        store.record_digest()
    except duckdb.Error:  # a store built without a meta table (never by Store.open)
        pass
    return report


def events_table(store: "Store") -> "ir.Table":
    """The store's events as an Ibis table on the store's own DuckDB connection (nothing is copied)."""
    import ibis

    if not has_events(store):
        raise StoreError("The store holds no events: import event files first (Store.import_events(paths), or "
                         "`fairweather events import FILES --db STORE.duckdb`).")
    backend = getattr(store, "_ibis", None)
    if backend is None:
        backend = ibis.duckdb.from_connection(store.con)
        store._ibis = backend  # type: ignore[attr-defined]
    return backend.table(EVENTS_TABLE)
