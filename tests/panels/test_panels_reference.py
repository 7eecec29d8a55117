"""Panels against peacesciencer's own tables in ../shared/data (skipped where that folder is absent).

Sources: peacesciencer 1.2.9 (commit fe150a2), ``cow_ddy``, ``false_cow_dyads``, ``gw_ddy``, ``atop_alliance``,
``cow_nmc``, ``cow_mid_ddydisps`` and ``gml_mid_ddydisps`` (its one-dispute-per-dyad-year tables, which the MID verbs
rebuild from ``cow_mid_dirdisps``/``cow_mid_disps`` and ``gml_dirdisp``); isard 0.2.0 (commit 46944ad), ``cw_democracy`` (see ../shared/data/README.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from fairweather.panels import (Panel, add_atop_alliance, add_cow_mids, add_democracy, add_gml_mids, add_nmc,
                                create_dyad_years, create_state_years)
from fairweather.panels._geography import ATOP_COLUMNS
from fairweather.panels._mids import DISPUTE_COLUMNS
from fairweather.panels._states import DEMOCRACY_COLUMNS, NMC_COLUMNS

pytestmark = pytest.mark.reference


def _shared_data() -> Path | None:
    """../shared/data beside the repository, or $FAIRWEATHER_SHARED_DATA (the rule of tests/conftest.py)."""
    env = os.environ.get("FAIRWEATHER_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"
    return path if path.is_dir() else None


@pytest.fixture(scope="module")
def full() -> tuple[Path, Panel]:
    """The full directed COW dyad-years with ATOP, NMC and democracy, built once for the module."""
    path = _shared_data()
    if path is None:
        pytest.skip("reference data ../shared/data is absent (set FAIRWEATHER_SHARED_DATA to run this check)")
    panel = create_dyad_years(system="cow", reference=path).pipe(add_atop_alliance).pipe(add_nmc).pipe(add_democracy)
    return path, panel


def _except(con, a: str, b: str) -> int:
    return con.execute(f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})").fetchall()[0][0]


def test_directed_cow_dyad_years_equal_ps_cow_ddy_exactly(full) -> None:
    path, panel = full
    con = duckdb.connect()
    con.register("mine", panel.table.select(["ccode1", "ccode2", "year"]))
    con.execute(f"CREATE VIEW ref AS SELECT CAST(ccode1 AS INTEGER) ccode1, CAST(ccode2 AS INTEGER) ccode2, "
                f"CAST(year AS INTEGER) AS year FROM read_parquet('{path}/ps_cow_ddy.parquet')")
    assert len(panel) == con.execute("SELECT count(*) FROM ref").fetchall()[0][0] == 2_214_930
    assert _except(con, "mine", "ref") == 0 and _except(con, "ref", "mine") == 0
    years = con.execute("SELECT min(year), max(year) FROM mine").fetchall()[0]
    assert years == (1816, 2024)


def test_no_false_cow_dyad_appears(full) -> None:
    path, panel = full
    false = pd.read_csv(path / "ps_false_cow_dyads.csv")
    assert len(false) == 60
    mine = panel.to_frame()[["ccode1", "ccode2", "year"]]
    hits = mine.merge(false[["ccode1", "ccode2", "year"]], on=["ccode1", "ccode2", "year"])
    assert hits.empty, hits.head()


def test_gw_dyad_years_equal_ps_gw_ddy_without_microstates(full) -> None:
    path, _ = full
    mine = create_dyad_years(system="gw", reference=path)
    con = duckdb.connect()
    con.register("mine", mine.table)
    con.execute(f"CREATE VIEW ref AS SELECT CAST(gwcode1 AS INTEGER) gwcode1, CAST(gwcode2 AS INTEGER) gwcode2, "
                f"CAST(year AS INTEGER) AS year FROM read_parquet('{path}/ps_gw_ddy.parquet') "
                "WHERE microstate1 = 0 AND microstate2 = 0")
    # ps_gw_states.csv lists no microstates (peacesciencer adds them from a separate list): the rest is exact
    assert _except(con, "mine", "ref") == 0 and _except(con, "ref", "mine") == 0
    false = pd.read_csv(path / "ps_false_gw_dyads.csv")
    assert mine.to_frame().merge(false[["gwcode1", "gwcode2", "year"]]).empty


def _compare(con, mine_sql: str, ref_sql: str) -> tuple[int, int]:
    return (con.execute(f"SELECT count(*) FROM ({mine_sql} EXCEPT ALL {ref_sql})").fetchall()[0][0],
            con.execute(f"SELECT count(*) FROM ({ref_sql} EXCEPT ALL {mine_sql})").fetchall()[0][0])


def test_atop_columns_equal_ps_atop_alliance_row_for_row(full) -> None:
    path, panel = full
    con = duckdb.connect()
    con.register("mine", panel.table)
    cols = ", ".join(ATOP_COLUMNS)
    inside = "year BETWEEN 1816 AND 2018"
    # every ATOP row of two states of the panel is the panel's row; every other panel row inside ATOP's years is 0
    mine = f"SELECT ccode1, ccode2, year, {cols} FROM mine WHERE {inside} AND ({' OR '.join(f'{c} > 0' for c in ATOP_COLUMNS)})"
    ref = (f"SELECT CAST(ccode1 AS INTEGER), CAST(ccode2 AS INTEGER), CAST(year AS INTEGER), {cols} FROM "
           f"read_parquet('{path}/ps_atop_alliance.parquet') WHERE {inside} AND (ccode1, ccode2, year) IN "
           "(SELECT (ccode1, ccode2, year) FROM mine) AND (" + " OR ".join(f"{c} > 0" for c in ATOP_COLUMNS) + ")")
    assert _compare(con, mine, ref) == (0, 0)
    n_ref = con.execute(f"SELECT count(*) FROM read_parquet('{path}/ps_atop_alliance.parquet') WHERE {inside}").fetchall()[0][0]
    n_on = con.execute(f"SELECT count(*) FROM ({mine})").fetchall()[0][0]
    assert n_on > 0.95 * n_ref  # nearly every ATOP dyad-year is a dyad-year of the COW system
    assert con.execute("SELECT count(*) FROM mine WHERE year > 2018 AND atop_defense IS NOT NULL").fetchall()[0][0] == 0
    assert con.execute(f"SELECT count(*) FROM mine WHERE {inside} AND atop_defense IS NULL").fetchall()[0][0] == 0


@pytest.mark.parametrize("what", ["nmc", "democracy"])
def test_state_year_columns_equal_the_reference_row_for_row(full, what) -> None:
    path, panel = full
    cols, file = (NMC_COLUMNS, "ps_cow_nmc.parquet") if what == "nmc" else (DEMOCRACY_COLUMNS, "isard_cw_democracy.parquet")
    con = duckdb.connect()
    con.register("mine", panel.table)
    for i in (1, 2):
        got = f"SELECT DISTINCT ccode{i} AS ccode, year, {', '.join(f'{c}{i}' for c in cols)} FROM mine"
        ref = (f"SELECT CAST(ccode AS INTEGER), CAST(year AS INTEGER), {', '.join(cols)} FROM read_parquet('{path}/{file}') "
               f"WHERE (ccode, year) IN (SELECT (ccode{i}, year) FROM mine)")
        missing = (f"SELECT DISTINCT ccode{i}, year FROM mine WHERE (ccode{i}, year) NOT IN "
                   f"(SELECT (ccode, year) FROM read_parquet('{path}/{file}'))")
        extra, lost = _compare(con, f"{got} WHERE (ccode{i}, year) IN (SELECT (ccode, year) FROM "
                                    f"read_parquet('{path}/{file}'))", ref)
        assert (extra, lost) == (0, 0)
        nulls = " AND ".join(f"{c}{i} IS NULL" for c in cols)
        n_missing = con.execute(f"SELECT count(*) FROM ({missing})").fetchall()[0][0]
        n_null = con.execute(f"SELECT count(*) FROM (SELECT DISTINCT ccode{i}, year FROM mine WHERE {nulls} AND "
                             f"(ccode{i}, year) NOT IN (SELECT (ccode, year) FROM read_parquet('{path}/{file}')))"
                             ).fetchall()[0][0]
        assert n_missing == n_null  # a state-year the file lacks is NA in every column, never 0


def test_state_years_are_the_states_of_the_dyad_years(full) -> None:
    path, panel = full
    s = create_state_years(reference=path).to_frame()
    d = panel.to_frame()[["ccode1", "year"]].drop_duplicates().rename(columns={"ccode1": "ccode"})
    merged = s.merge(d, how="outer", indicator=True)
    # a state alone in the system in a year has state-years but no dyads; there is none in COW
    assert (merged["_merge"] == "both").all()


@pytest.mark.parametrize("verb, ref_sql, flags", [
    (add_cow_mids, "read_parquet('{path}/ps_cow_mid_ddydisps.parquet')", ("cowmidongoing", "cowmidonset")),
    (add_gml_mids, "read_csv('{path}/ps_gml_mid_ddydisps.csv')", ("gmlmidongoing", "gmlmidonset")),
])
def test_mid_columns_equal_peacesciencers_dyad_year_disputes_row_for_row(full, verb, ref_sql, flags) -> None:
    path, panel = full
    out = verb(panel)
    assert len(out) == len(panel)
    con = duckdb.connect()
    con.register("mine", out.table)
    ref = ref_sql.format(path=path)
    cols = ", ".join(["ccode1", "ccode2", "year", *flags, *DISPUTE_COLUMNS])
    hi = con.execute(f"SELECT max(year) FROM {ref}").fetchall()[0][0]
    # every dispute-year of peacesciencer's table is the panel's row, with every column equal
    assert _compare(con, f"SELECT {cols} FROM mine WHERE {flags[0]} = 1",
                    f"SELECT {cols} FROM {ref} WHERE (ccode1, ccode2, year) IN (SELECT (ccode1, ccode2, year) FROM mine)"
                    ) == (0, 0)
    n_ref = con.execute(f"SELECT count(*) FROM {ref}").fetchall()[0][0]
    n_on = con.execute(f"SELECT count(*) FROM mine WHERE {flags[0]} = 1").fetchall()[0][0]
    assert n_on > 0.98 * n_ref          # the rest are dyad-years outside the state system (peacesciencer keeps them)
    assert con.execute(f"SELECT count(*) FROM mine WHERE year <= {hi} AND {flags[0]} IS NULL").fetchall()[0][0] == 0
    assert con.execute(f"SELECT count(*) FROM mine WHERE year > {hi} AND {flags[0]} IS NOT NULL").fetchall()[0][0] == 0
