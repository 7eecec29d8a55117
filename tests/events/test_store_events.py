"""Events in the store (issue 11 item 3): all or nothing, a re-import replaces, say–do on the store's engine."""

from __future__ import annotations

import json
import warnings

import duckdb
import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.errors import StoreError
from fairweather.metrics.saydo import saydo
from fairweather.sources.eventfiles import read_events
from fairweather.store import Store

runner = CliRunner()
WINDOW = ["--target", "IRN", "--attackers", "ISR,USA", "--from", "2025-06-13", "--to", "2025-06-24"]


def _count(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM events").fetchone()[0]


def test_import_adds_rows_and_a_second_import_of_the_same_file_replaces_them(fx):
    store = Store.open()
    first = store.import_events(str(fx["gdelt2"]))
    n = _count(store)
    assert n == first.rows_imported > 0
    store.import_events(str(fx["gdelt2"]))
    assert _count(store) == n  # replaced, not doubled
    store.import_events(str(fx["plover"]))
    assert _count(store) == n + len(read_events(str(fx["plover"])))


def test_saydo_on_the_store_equals_saydo_on_the_import(fx):
    store = Store.open()
    store.import_events([str(fx["gdelt2"]), str(fx["plover"])])
    kw = dict(target="IRN", attackers=["ISR", "USA"], start=None, end=None, partners=["RUS", "CHN"])
    on_store = saydo(store.events(), **kw).to_frame()
    direct = saydo(read_events([str(fx["gdelt2"]), str(fx["plover"])]), **kw).to_frame()
    assert on_store.equals(direct)
    assert on_store["events"].sum() > 0


class _FailingInsert:
    """The store's DuckDB connection, except that the insert into ``events`` fails (after the delete ran)."""

    def __init__(self, con):
        self._con = con

    def execute(self, sql, *args):
        if sql.startswith("INSERT INTO events"):
            raise duckdb.IOException("disk full (simulated)")
        return self._con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_a_failed_import_leaves_the_table_as_it_was(fx):
    store = Store.open()
    store.import_events(str(fx["gdelt2"]))
    before = store.con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
    real, store.con = store.con, _FailingInsert(store.con)
    with pytest.raises(StoreError, match="nothing was added"):
        store.import_events(str(fx["gdelt2"]))  # same file: its rows are deleted first, then the insert fails
    store.con = real
    assert store.con.execute("SELECT * FROM events ORDER BY event_id").fetchall() == before


def test_events_refuses_a_store_without_events():
    with pytest.raises(StoreError, match="events import"):
        Store.open().events()


def test_cli_imports_into_a_store_file_and_saydo_measures_it_without_events(fx, tmp_path):
    db = tmp_path / "store.duckdb"
    res = runner.invoke(app, ["events", "import", str(fx["gdelt2"]), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "events to the store" in res.stderr
    from_store = runner.invoke(app, ["saydo", *WINDOW, "--db", str(db), "-p", "RUS,CHN", "--format", "json"])
    assert from_store.exit_code == 0, from_store.output
    from_files = runner.invoke(app, ["saydo", *WINDOW, "--events", str(fx["gdelt2"]), "-p", "RUS,CHN", "--format", "json"])
    assert json.loads(from_store.stdout) == json.loads(from_files.stdout)
    assert json.loads(from_store.stdout)[0]["verbal_support"] == 1
    # the store's digest covers the events: reopening it is not mistaken for tampering
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _count(Store.open(db=db)) > 0


def test_cli_events_import_needs_a_destination_and_saydo_an_event_source(fx, tmp_path):
    res = runner.invoke(app, ["events", "import", str(fx["gdelt2"])])
    assert res.exit_code == 2 and "--out" in res.stderr and "--db" in res.stderr
    db = tmp_path / "empty.duckdb"
    res = runner.invoke(app, ["saydo", *WINDOW, "--db", str(db)])
    assert res.exit_code != 0 and "holds no events" in res.stderr
