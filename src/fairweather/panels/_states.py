"""State attributes by year: COW NMC (and CINC), democracy (V-Dem, eUDS, Polity5), COW major powers, UN ideal points.

Each verb joins a state-year table on the panel's state (state-years) or on
each state of the dyad (dyad-years, columns suffixed ``1`` and ``2``, as in
peacesciencer). A state-year the dataset does not have is missing (NA), never
0: NMC has no 2023, V-Dem no 1816 Bahamas. Major-power status is 0 or 1 inside
the list's years (1816-2016) and NA outside them.

Worked case (dyad-years, COW): ``add_nmc`` on 2-200 in 1900 gives ``cinc1``
(the United States' CINC of 1900) and ``cinc2`` (the United Kingdom's).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from fairweather.panels._engine import require, run_join, scan, source_path
from fairweather.panels._panel import Panel

__all__ = ["add_nmc", "add_democracy", "add_cow_majors", "add_un_ideal_points", "NMC_COLUMNS", "DEMOCRACY_COLUMNS"]

NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")
DEMOCRACY_COLUMNS = ("euds", "aeuds", "polity2", "v2x_polyarchy")
_BOTH = {("state_year", "cow"), ("dyad_year", "cow")}


def _names(panel: Panel, columns: tuple[str, ...]) -> list[str]:
    return list(columns) if panel.unit == "state_year" else [f"{c}{i}" for i in (1, 2) for c in columns]


def _state_join(panel: Panel, view: str, code: str, columns: tuple[str, ...],
                exprs: dict[str, str] | None = None) -> str:
    """SQL joining the state-year view ``view`` (keyed ``code, year``) once (state-years) or twice (dyad-years).

    ``exprs`` maps a column to an SQL expression over the join alias ``s`` (default ``s.<column>``).
    """
    exprs = exprs or {}
    k = panel.keys
    if panel.unit == "state_year":
        sel = ", ".join(f"{exprs.get(c, f's.{c}')} AS {c}" for c in columns)
        return (f"SELECT p.*, {sel} FROM p LEFT JOIN {view} s ON s.{code} = p.{k[0]} AND s.year = p.year")
    sel = ", ".join(f"{exprs.get(c, f's.{c}').replace('s.', f's{i}.')} AS {c}{i}" for i in (1, 2) for c in columns)
    return (f"SELECT p.*, {sel} FROM p LEFT JOIN {view} s1 ON s1.{code} = p.{k[0]} AND s1.year = p.year "
            f"LEFT JOIN {view} s2 ON s2.{code} = p.{k[1]} AND s2.year = p.year")


def add_nmc(panel: Panel, reference: Path | str | None = None) -> Panel:
    """COW National Material Capabilities 7.0: military spending and personnel, iron and steel, energy, population, CINC.

    Adds ``milex, milper, irst, pec, tpop, upop, cinc`` (state-years) or the same with ``1``/``2`` (dyad-years),
    as ``ps_cow_nmc.parquet`` holds them (thousands; CINC a share of the system total). Years NMC lacks
    (before 1816, after 2022) and values it codes missing are NA.

    References
    ----------
    Singer, Bremer & Stuckey 1972; COW National Material Capabilities v7.0.
    """
    require(panel, "add_nmc", _BOTH)
    path = source_path("cow_nmc", "cow", reference, panel)

    def setup(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "nmc", path, ("ccode", "year", *NMC_COLUMNS))
        return _state_join(panel, "nmc", "ccode", NMC_COLUMNS)

    return run_join(panel, "add_nmc", "cow_nmc", _names(panel, NMC_COLUMNS), setup)


def add_democracy(panel: Panel, reference: Path | str | None = None) -> Panel:
    """Democracy scores as isard carries them: extended UDS (``euds``, ``aeuds``), Polity5 ``polity2``, V-Dem ``v2x_polyarchy``.

    COW panels read ``isard_cw_democracy.parquet``, G-W panels ``isard_gw_democracy.parquet``
    (peacesciencer's ``add_democracy()`` data). A state-year a score does not cover is NA.

    References
    ----------
    Coppedge et al., V-Dem v16; Marquez 2016 (eUDS); Marshall & Gurr 2020 (Polity5); Miller, isard 0.2.0.
    """
    require(panel, "add_democracy", _BOTH | {("state_year", "gw"), ("dyad_year", "gw")})
    path = source_path("democracy", panel.system, reference, panel)
    code = "ccode" if panel.system == "cow" else "gwcode"

    def setup(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "dem", path, (code, "year", *DEMOCRACY_COLUMNS))
        return _state_join(panel, "dem", code, DEMOCRACY_COLUMNS)

    return run_join(panel, "add_democracy", "democracy", _names(panel, DEMOCRACY_COLUMNS), setup)


def add_cow_majors(panel: Panel, reference: Path | str | None = None) -> Panel:
    """COW major powers (v2016): ``cowmaj`` (state-years) or ``cowmaj1``/``cowmaj2`` (dyad-years).

    1 if a major-power spell covers any day of the year, 0 if none does, NA for years outside
    the list (after 2016): the list says nothing about them.

    References
    ----------
    Correlates of War Project 2017, State System Membership v2016 (major powers).
    """
    require(panel, "add_cow_majors", _BOTH)
    path = source_path("cow_majors", "cow", reference, panel)

    def setup(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "majors_raw", path, ("ccode", "styear", "endyear"))
        lo, hi = con.execute("SELECT min(styear), max(endyear) FROM majors_raw").fetchall()[0]
        con.execute(f"CREATE TEMP TABLE majors AS SELECT y AS year, c AS ccode, 1 AS cowmaj FROM "
                    f"(SELECT DISTINCT ccode AS c, unnest(range(styear, endyear + 1)) AS y FROM majors_raw)")
        inside = f"p.year BETWEEN {int(lo)} AND {int(hi)}"
        return _state_join(panel, "majors", "ccode", ("cowmaj",),
                           {"cowmaj": f"CASE WHEN {inside} THEN coalesce(s.cowmaj, 0) END"})

    return run_join(panel, "add_cow_majors", "cow_majors", _names(panel, ("cowmaj",)), setup)


def add_un_ideal_points(panel: Panel, reference: Path | str | None = None) -> Panel:
    """Bailey, Strezhnev & Voeten UN General Assembly ideal points (all votes, April 2020).

    Adds ``un_ideal_point`` (state-years), or ``un_ideal_point1``, ``un_ideal_point2`` and
    ``un_ideal_distance`` = ``|un_ideal_point1 - un_ideal_point2|`` (dyad-years). The session
    that opens in September of year Y gives year Y (the file's ``year = session + 1945``).
    Years without a session (before 1946, after 2019) and non-members are NA.

    References
    ----------
    Bailey, Strezhnev & Voeten 2017, *JCR* 61(2): 430-456.
    """
    require(panel, "add_un_ideal_points", _BOTH)
    path = source_path("un_ideal_points", "cow", reference, panel)
    names = _names(panel, ("un_ideal_point",)) + (["un_ideal_distance"] if panel.unit == "dyad_year" else [])

    def setup(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "ip_raw", path, ("ccode", "year", "IdealPoint"))
        con.execute("CREATE TEMP VIEW ip AS SELECT ccode, year, CAST(IdealPoint AS DOUBLE) AS un_ideal_point FROM ip_raw")
        sql = _state_join(panel, "ip", "ccode", ("un_ideal_point",))
        if panel.unit == "state_year":
            return sql
        return f"SELECT *, abs(un_ideal_point1 - un_ideal_point2) AS un_ideal_distance FROM ({sql})"

    return run_join(panel, "add_un_ideal_points", "un_ideal_points", names, setup)
