"""The DuckDB store: the data pack loaded with types and constraints, and typed as-of queries.

Every query that takes ``as_of`` answers as the world looked on that date: a
row counts only if ``valid_from <= as_of`` and (``valid_to`` is empty or
``as_of <= valid_to``). A fact that starts after the date does not exist for
that query; this is what keeps features and backtests free of look-ahead.
The rule and the obligations derivation are :mod:`fairweather.asof`'s (the one
as-of engine): the queries here use its SQL form, :meth:`Store.obligations` its
snapshot. ``as_of`` is always required: no query silently means "today".

>>> store = Store.open()                                    # doctest: +SKIP
>>> store.obligations("RUS", "IRN", "2025-06-13").defense   # doctest: +SKIP
False
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from fairweather.errors import StoreError
from fairweather.pack import parse_pack
from fairweather.store_queries import Crisis, DateLike, Obligations, StoreQueries, as_date
from fairweather.store_tables import content_digest, load_pack

__all__ = ["Store", "Obligations", "Crisis", "as_date", "DateLike", "content_digest"]


def _layer_hash(folder: Any = None) -> str | None:
    from fairweather.history_layer import history_layer_hash

    return history_layer_hash(folder)


_DEFAULT: dict[bool, "Store"] = {}


class Store(StoreQueries):
    """The data pack in DuckDB, with typed as-of queries (:class:`~fairweather.store_queries.StoreQueries`).

    Use :meth:`Store.open`; the constructor wraps an already loaded connection.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, pack_hash: str, pack_folder: Path) -> None:
        self.con = con
        self.pack_hash = pack_hash
        self.pack_folder = pack_folder
        #: Bumped by every import, so caches built from the tables know they are stale.
        self.revision = 0
        #: Hash of the history layer loaded into this store (None: the pack alone).
        self.history_hash: str | None = None

    def import_rows(self, batches: Any) -> Any:
        """Add rows imported from publishers' files (see :mod:`fairweather.store_import`), all or nothing."""
        from fairweather.store_import import import_rows

        return import_rows(self, batches if isinstance(batches, (list, tuple)) else [batches])

    def import_events(self, events: Any, *, source: str = "auto", progress: Any = None, on_file: Any = None) -> Any:
        """Add events (an import result, an Arrow event table or event files) to the store, all or nothing.

        See :func:`fairweather.store_events.import_events`; :meth:`events` then gives them to say–do.
        """
        from fairweather.store_events import import_events

        return import_events(self, events, source=source, progress=progress, on_file=on_file)

    def events(self) -> Any:
        """The store's events as an Ibis table on its own DuckDB connection (what ``saydo`` takes)."""
        from fairweather.store_events import events_table

        return events_table(self)

    def imported(self) -> pd.DataFrame:
        """The datasets imported into this store: dataset, table and rows added."""
        try:
            return self.sql("SELECT source_id AS dataset, tbl AS \"table\", n_rows AS rows FROM fairweather_imports")
        except duckdb.Error:
            return pd.DataFrame(columns=["dataset", "table", "rows"])

    # -- opening and loading ------------------------------------------------
    @classmethod
    def open(cls, pack: Path | str | None = None, db: Path | str | None = None, history: bool | Path | str = False) -> "Store":
        """Validate the pack and load it into DuckDB, all or nothing.

        Parameters
        ----------
        pack
            Folder of a data pack (default: the pack embedded in the package).
        db
            DuckDB file to keep the store in (default: in memory). A file that
            already holds the same pack (same hash) is reused without reloading.
        history
            Also load the shipped history layer (:mod:`fairweather.history_layer`): the rows
            derived from the publishers' files (COW MIDs, UCDP ESD, ATOP, NMC, V-Dem, rivalries,
            contiguity, UN ideal points) that the history model was fitted on; a folder path loads
            a layer written there by ``fairweather data build-history --out``.

        Raises
        ------
        PackValidationError
            Listing every problem of the pack; nothing is loaded.
        """
        from fairweather.pack import embedded_pack_path, pack_hash

        folder = Path(pack) if pack is not None else embedded_pack_path()
        try:
            con = duckdb.connect(str(db) if db is not None else ":memory:")
        except duckdb.Error as exc:
            raise StoreError(f"Cannot open the DuckDB store {str(db)!r}: {exc}") from None
        if db is not None:
            try:
                old = con.execute("SELECT pack_hash FROM fairweather_meta").fetchone()
            except duckdb.Error:
                old = None
            if old is not None and old[0] == pack_hash(folder) and cls._digest_holds(con, db):
                store = cls(con, old[0], folder)
                if not history or store._history_hash() == _layer_hash(None if history is True else history):
                    store.history_hash = store._history_hash()
                    return store
                con.close()
                con = duckdb.connect(str(db))
        parsed = parse_pack(folder)
        cls._load(con, parsed)
        store = cls(con, parsed.hash, folder)
        if history:
            store._load_history_layer(None if history is True else Path(history))
        return store

    @classmethod
    def default(cls, history: bool = False) -> "Store":
        """The embedded pack's store, in memory, opened once per process (and with the shipped history layer
        when ``history``): what every library call uses when it is given no store.

        It is shared: read from it, and import into a store of your own (:meth:`open`).
        """
        store = _DEFAULT.get(bool(history))
        if store is None:
            store = _DEFAULT[bool(history)] = cls.open(history=bool(history))
        return store

    @staticmethod
    def _digest_holds(con: duckdb.DuckDBPyConnection, db: Path | str) -> bool:
        """True when the file's tables are those recorded at build time; a warning (and a rebuild) when edited."""
        try:
            recorded = con.execute("SELECT content_digest FROM fairweather_meta").fetchone()
        except duckdb.Error:  # a file written before digests were recorded: rebuilt quietly
            return False
        if recorded is None or recorded[0] is None:
            return False
        if recorded[0] == content_digest(con):
            return True
        import warnings

        from fairweather.errors import StoreTamperedWarning

        warnings.warn(f"The store file {str(db)!r} holds tables that differ from what was recorded when it was built "
                      "(edited after the build?); it is rebuilt from the pack. Imports made into it must be run again.",
                      StoreTamperedWarning, stacklevel=4)
        return False

    def record_digest(self) -> None:
        """Record the tables' :func:`content_digest`, after a build or an import."""
        self.con.execute("UPDATE fairweather_meta SET content_digest = ?", [content_digest(self.con)])

    def _history_hash(self) -> str | None:
        try:
            row = self.con.execute("SELECT hash FROM fairweather_history").fetchone()
        except duckdb.Error:
            return None
        return row[0] if row else None

    def _load_history_layer(self, folder: Path | None = None) -> None:
        from fairweather.history_layer import history_layer_hash, read_history_layer

        h = history_layer_hash(folder)
        if h is None:
            raise StoreError(f"No history layer (*.csv) in {folder or 'the package (pack/history)'}; build it with "
                             "`fairweather data build-history --reference DIR`.")
        self.import_rows([read_history_layer(folder)])
        self.con.execute("CREATE OR REPLACE TABLE fairweather_history (hash VARCHAR)")
        self.con.execute("INSERT INTO fairweather_history VALUES (?)", [h])
        self.history_hash = h
        self.record_digest()

    @staticmethod
    def _load(con: duckdb.DuckDBPyConnection, parsed) -> None:
        load_pack(con, parsed)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
