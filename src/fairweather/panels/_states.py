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
import pyarrow as pa
import pyarrow.compute as pc

from fairweather.panels._engine import (Col, Reference, add_columns, projected_table, reference_table, require, scan,
                                        source_path)
from fairweather.panels._panel import Panel

__all__ = ["add_nmc", "add_democracy", "add_cow_majors", "add_un_ideal_points", "NMC_COLUMNS", "DEMOCRACY_COLUMNS",
           "state_columns"]

NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")
DEMOCRACY_COLUMNS = ("euds", "aeuds", "polity2", "v2x_polyarchy")
_BOTH = {("state_year", "cow"), ("dyad_year", "cow")}


def state_columns(panel: Panel, ref: Reference, columns: tuple[str, ...], fill: int | None = None) -> list[Col]:
    """The columns of a state-year table keyed (code, year): once (state-years) or per state of the dyad (suffix 1, 2)."""
    k = panel.keys
    if panel.unit == "state_year":
        return [Col(c, ref, (k[0], "year"), c, fill) for c in columns]
    return [Col(f"{c}{i}", ref, (k[i - 1], "year"), c, fill) for i in (1, 2) for c in columns]


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

    ref = projected_table("nmc", path, ("ccode", "year"), NMC_COLUMNS)
    return add_columns(panel, "add_nmc", "cow_nmc", state_columns(panel, ref, NMC_COLUMNS))


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

    ref = projected_table("democracy", path, (code, "year"), DEMOCRACY_COLUMNS)
    return add_columns(panel, "add_democracy", "democracy", state_columns(panel, ref, DEMOCRACY_COLUMNS))


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

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "majors_raw", path, ("ccode", "styear", "endyear"))
        return ("SELECT DISTINCT CAST(ccode AS INTEGER) AS ccode, CAST(unnest(range(styear, endyear + 1)) AS INTEGER) "
                "AS year, 1 AS cowmaj FROM majors_raw")

    ref = reference_table("majors", path, ("ccode", "year"), build, "SELECT min(styear), max(endyear) FROM majors_raw")
    return add_columns(panel, "add_cow_majors", "cow_majors", state_columns(panel, ref, ("cowmaj",), fill=0))


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

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "ip_raw", path, ("ccode", "year", "IdealPoint"))
        return "SELECT ccode, year, CAST(IdealPoint AS DOUBLE) AS un_ideal_point FROM ip_raw"

    ref = reference_table("un_ideal_points", path, ("ccode", "year"), build)

    def distance(new: dict[str, pa.Array]) -> dict[str, pa.Array]:
        return {"un_ideal_distance": pc.abs(pc.subtract(new["un_ideal_point1"], new["un_ideal_point2"]))}

    return add_columns(panel, "add_un_ideal_points", "un_ideal_points", state_columns(panel, ref, ("un_ideal_point",)),
                       distance if panel.unit == "dyad_year" else None)
