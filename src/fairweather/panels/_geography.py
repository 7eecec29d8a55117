"""Dyads in space: ATOP alliances, COW direct contiguity, minimum and capital distance, the politically relevant filter.

Merge semantics (worked case, directed COW dyad-years): ATOP 5.1 lists a
dyad-year only when the two share an alliance, so 2-200 in 1950 gets
``atop_defense = 1`` (NATO) while 2-365 in 1950 gets 0 — no ATOP row means no
alliance, inside ATOP's years (1815-2018). Outside them (2019 on) every ATOP
column is NA: ATOP has not coded those years, which is not "no alliance".
The same rule holds for contiguity (``conttype`` 0 inside 1816-2016).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from fairweather.errors import PanelError
from fairweather.panels._engine import Col, add_columns, projected_table, reference_table, require, scan, source_path
from fairweather.panels._lookup import as_arrow
from fairweather.panels._panel import Panel

__all__ = ["add_atop_alliance", "add_contiguity", "add_minimum_distance", "add_capital_distance",
           "filter_politically_relevant", "haversine_km", "ATOP_COLUMNS", "EARTH_KM"]

ATOP_COLUMNS = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
_COW_DYADS = {("dyad_year", "cow")}
_DYADS = {("dyad_year", "cow"), ("dyad_year", "gw")}
#: The sphere's radius, km: geosphere's default (6,378,137 m), which peacesciencer's ``distVincentySphere`` call uses.
EARTH_KM = 6378.137


def add_atop_alliance(panel: Panel, reference: Path | str | None = None) -> Panel:
    """ATOP 5.1 alliance obligations of each dyad-year: defence, offence, neutrality, non-aggression, consultation.

    Adds ``atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul`` (0/1) from
    ``ps_atop_alliance.parquet``, joined on (``ccode1``, ``ccode2``, ``year``) as ATOP codes them:
    a non-directed panel (``ccode1 < ccode2``) reads the row of that order. 0 inside ATOP's years
    when the dyad shares no alliance; NA outside them.

    References
    ----------
    Leeds, Ritter, Mitchell & Long 2002, *International Interactions* 28: 237-260.
    """
    require(panel, "add_atop_alliance", _COW_DYADS, " (ATOP codes states with COW numbers)")
    path = source_path("atop", "cow", reference, panel)

    ref = projected_table("atop", path, ("ccode1", "ccode2", "year"), ATOP_COLUMNS)
    on = ("ccode1", "ccode2", "year")
    return add_columns(panel, "add_atop_alliance", "atop", [Col(c, ref, on, c, 0) for c in ATOP_COLUMNS])


def add_contiguity(panel: Panel, reference: Path | str | None = None) -> Panel:
    """COW Direct Contiguity 3.2: ``conttype`` of each dyad-year.

    1 land or river border; 2, 3, 4, 5 separated by at most 12, 24, 150 or 400 miles of
    water; 0 none. A year counts for a spell if the spell covers a day of it; where spells
    of a dyad change within a year the closest (lowest non-zero) type wins. NA outside the
    data's years (after 2016). The types are not an ordinal scale (peacesciencer's caution).

    References
    ----------
    Stinnett, Tir, Schafer, Diehl & Gochman 2002, *CMPS* 19(2): 58-66.
    """
    require(panel, "add_contiguity", _COW_DYADS)
    path = source_path("cow_contiguity", "cow", reference, panel)

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "contdir", path, ("ccode1", "ccode2", "conttype", "stdate", "enddate"))
        # the file lists both orders of most pairs; a union of both orders makes any panel's order find its row
        return """WITH both_orders AS (SELECT ccode1 AS a, ccode2 AS b, conttype, stdate, enddate FROM contdir
                                 UNION ALL SELECT ccode2, ccode1, conttype, stdate, enddate FROM contdir),
                 years AS (SELECT a, b, conttype, unnest(range(year(CAST(stdate AS DATE)),
                                                               year(CAST(enddate AS DATE)) + 1)) AS year FROM both_orders)
            SELECT a, b, year, min(CASE WHEN conttype > 0 THEN conttype END) AS conttype FROM years GROUP BY a, b, year"""

    ref = reference_table("contiguity", path, ("a", "b", "year"), build,
                          "SELECT min(year(CAST(stdate AS DATE))), max(year(CAST(enddate AS DATE))) FROM contdir")
    return add_columns(panel, "add_contiguity", "cow_contiguity",
                       [Col("conttype", ref, ("ccode1", "ccode2", "year"), "conttype", 0)])


def add_minimum_distance(panel: Panel, reference: Path | str | None = None) -> Panel:
    """``mindist``: the minimum distance between the two states' borders on January 1, km (CShapes 2.0).

    COW panels read ``ps_cow_mindist.parquet``, G-W panels ``ps_gw_mindist.parquet`` (non-directed;
    both orders of a panel's dyad find it). NA before 1886, after 2019 and for dyads CShapes lacks.

    References
    ----------
    Schvitz et al. 2022, *JCR* 66(1): 144-161.
    """
    require(panel, "add_minimum_distance", _DYADS)
    path = source_path("mindist", panel.system, reference, panel)
    k1, k2, _ = panel.keys

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "md", path, (k1, k2, "year", "mindist"))
        # the file is non-directed (code1 < code2): both orders let either order of a panel's dyad find its row
        return (f"SELECT {k1} AS a, {k2} AS b, year, CAST(mindist AS DOUBLE) AS mindist FROM md WHERE {k1} < {k2} "
                f"UNION ALL SELECT {k2}, {k1}, year, CAST(mindist AS DOUBLE) FROM md WHERE {k1} < {k2}")

    ref = reference_table("mindist", path, ("a", "b", "year"), build)
    return add_columns(panel, "add_minimum_distance", "mindist", [Col("mindist", ref, (k1, k2, "year"), "mindist")])


def add_capital_distance(panel: Panel, reference: Path | str | None = None) -> Panel:
    """``capdist``: great-circle distance between the two capitals, km, as peacesciencer computes it.

    The capital of a state in year Y is its capital on the first day of Y it has one: the one whose
    spell covers January 1, else the first that begins during Y (peacesciencer's default
    ``transsum = "first"``). The distance is on a sphere of radius :data:`EARTH_KM` (geosphere's
    ``distVincentySphere``, which peacesciencer calls; the haversine formula computes the same
    great circle). NA where a capital is not listed.

    References
    ----------
    Miller 2022, *CMPS* 39(6) (peacesciencer's ``add_capital_distance``); Hijmans, geosphere.
    """
    require(panel, "add_capital_distance", _DYADS)
    path = source_path("capitals", panel.system, reference, panel)
    code = "ccode" if panel.system == "cow" else "gwcode"
    k1, k2, _ = panel.keys

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "caps", path, (code, "stdate", "enddate", "lat", "lng"))
        return f"""SELECT c, year, CAST(arg_min(lat, st) AS DOUBLE) AS lat, CAST(arg_min(lng, st) AS DOUBLE) AS lng FROM (
              SELECT {code} AS c, greatest(CAST(stdate AS DATE), make_date(y, 1, 1)) AS st, lat, lng, y AS year
              FROM (SELECT *, unnest(range(year(CAST(stdate AS DATE)), year(coalesce(CAST(enddate AS DATE),
                    DATE '2024-12-31')) + 1)) AS y FROM caps)) GROUP BY c, year"""

    ref = reference_table("capitals", path, ("c", "year"), build)
    cols = [Col(f"_{x}{i}", ref, (k, "year"), x) for i, k in ((1, k1), (2, k2)) for x in ("lat", "lng")]
    return add_columns(panel, "add_capital_distance", "capitals", cols,
                       lambda new: {"capdist": haversine_km(*(new[f"_{x}"] for x in ("lat1", "lng1", "lat2", "lng2")))})


def haversine_km(lat1: pa.Array, lng1: pa.Array, lat2: pa.Array, lng2: pa.Array) -> pa.Array:
    """Great-circle distance (haversine, radius :data:`EARTH_KM`) between points in degrees; NA where one is missing."""
    a = [np.radians(x.to_numpy(zero_copy_only=False)) for x in (lat1, lng1, lat2, lng2)]
    h = np.sin((a[2] - a[0]) / 2) ** 2 + np.cos(a[0]) * np.cos(a[2]) * np.sin((a[3] - a[1]) / 2) ** 2
    d = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    valid = ~np.isnan(d)
    return as_arrow(np.where(valid, d, 0.0), valid, pa.float64())


def filter_politically_relevant(panel: Panel) -> Panel:
    """Keep the politically relevant dyad-years: land or river contiguity (``conttype == 1``) or a COW major power.

    peacesciencer's ``filter_prd()``: the one verb that removes rows. It needs the columns of
    :func:`add_contiguity` and :func:`add_cow_majors`; a year where both are NA (after 2016) is
    not known to be relevant and is dropped.
    """
    require(panel, "filter_politically_relevant", _COW_DYADS)
    need = [c for c in ("conttype", "cowmaj1", "cowmaj2") if c not in panel.columns]
    if need:
        raise PanelError(f"filter_politically_relevant() needs the column(s) {', '.join(need)}; add them first: "
                         "panel.pipe(add_contiguity).pipe(add_cow_majors).pipe(filter_politically_relevant).")
    import pyarrow.compute as pc

    t = panel.table
    keep = pc.or_kleene(pc.or_kleene(pc.equal(t["conttype"], 1), pc.equal(t["cowmaj1"], 1)), pc.equal(t["cowmaj2"], 1))
    return panel.with_table(t.filter(pc.fill_null(keep, False)))
