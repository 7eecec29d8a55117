"""Dyads in conflict and trade in arms: TSS strategic rivalries, UCDP/PRIO armed conflicts, SIPRI arms transfers.

Inside a dataset's years a dyad-year it does not list is 0 (no rivalry, no
transfer, no conflict recorded); outside them it is NA. Worked case: SIPRI's
TIV table runs 1950-2021, so 365-710 (Russia to China) has ``tiv_1to2 > 0`` in
2005, 0 in a year nothing was delivered, and NA in 1949 and 2022.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from fairweather.panels._crosswalk import via_gw_codes
from fairweather.panels._engine import Col, add_columns, reference_table, require, scan, source_path
from fairweather.panels._panel import Panel

__all__ = ["add_strategic_rivalries", "add_sipri_arms", "add_ucdp_acd", "RIVALRY_TYPES"]

RIVALRY_TYPES = ("positional", "spatial", "ideological", "interventionary")


def add_strategic_rivalries(panel: Panel, reference: Path | str | None = None) -> Panel:
    """Thompson, Sakuwa & Suhas (2021) strategic rivalries of each dyad-year.

    Adds ``tss_rivalry`` (0/1), ``tssr_id`` (the rivalry's id, NA if none; the lowest if two
    overlap) and the rivalry's types ``positional, spatial, ideological, interventionary``
    (0/1). A rivalry covers every year from its start to its end, in either order of the dyad.
    NA outside the list's years (after 2020).

    References
    ----------
    Thompson, Sakuwa & Suhas 2021, *Analyzing Strategic Rivalries in World Politics*. Springer.
    """
    require(panel, "add_strategic_rivalries", {("dyad_year", "cow")})
    path = source_path("tss_rivalries", "cow", reference, panel)

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "tss", path, ("tssr_id", "ccode1", "ccode2", "start", "end", *RIVALRY_TYPES))
        flags = ", ".join(f'max(coalesce("{t}", 0)) AS "{t}"' for t in RIVALRY_TYPES)
        types = ", ".join(f'"{t}"' for t in RIVALRY_TYPES)  # quoted: POSITIONAL is an SQL keyword
        return f"""WITH both_orders AS (SELECT tssr_id, ccode1 AS a, ccode2 AS b, "start", "end", {types} FROM tss
                                 UNION ALL SELECT tssr_id, ccode2, ccode1, "start", "end", {types} FROM tss)
            SELECT a, b, year, CAST(min(tssr_id) AS INTEGER) AS tssr_id, CAST(1 AS INTEGER) AS tss_rivalry, {flags} FROM
              (SELECT *, unnest(range(CAST("start" AS INTEGER), CAST("end" AS INTEGER) + 1)) AS year FROM both_orders)
            GROUP BY a, b, year"""

    ref = reference_table("tss", path, ("a", "b", "year"), build, 'SELECT min("start"), max("end") FROM tss')
    on = ("ccode1", "ccode2", "year")
    return add_columns(panel, "add_strategic_rivalries", "tss_rivalries",
                       [Col("tss_rivalry", ref, on, "tss_rivalry", 0), Col("tssr_id", ref, on, "tssr_id"),
                        *(Col(t, ref, on, t, 0) for t in RIVALRY_TYPES)])


def add_sipri_arms(panel: Panel, reference: Path | str | None = None) -> Panel:
    """SIPRI arms transfers, trend-indicator values (TIV, millions), 1950-2021.

    Dyad-years: ``tiv_1to2`` (delivered by the first state to the second) and ``tiv_2to1``.
    State-years: ``tiv_exports`` and ``tiv_imports`` (with coded states only). TIV measure the
    volume of military capability, not money. Transfers to or from non-states, and rows whose
    state SIPRI's table leaves without a COW code, are not counted.

    References
    ----------
    SIPRI Arms Transfers Database (tidied by 360info).
    """
    require(panel, "add_sipri_arms", {("dyad_year", "cow"), ("state_year", "cow")})
    path = source_path("sipri_tiv", "cow", reference, panel)

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "tiv_raw", path, ("supplier_ccode", "recipient_ccode", "year", "tiv_musd"))
        return """SELECT CAST(supplier_ccode AS INTEGER) AS s, CAST(recipient_ccode AS INTEGER) AS r,
            CAST(year AS INTEGER) AS year, sum(CAST(tiv_musd AS DOUBLE)) AS tiv
            FROM tiv_raw WHERE supplier_ccode IS NOT NULL AND recipient_ccode IS NOT NULL GROUP BY ALL"""

    years = "SELECT min(year), max(year) FROM tiv_raw"
    if panel.unit == "dyad_year":
        ref = reference_table("tiv", path, ("s", "r", "year"), build, years)
        return add_columns(panel, "add_sipri_arms", "sipri_tiv",
                           [Col("tiv_1to2", ref, ("ccode1", "ccode2", "year"), "tiv", 0.0),
                            Col("tiv_2to1", ref, ("ccode2", "ccode1", "year"), "tiv", 0.0)])

    def by_state(side: str):
        def build_side(con: duckdb.DuckDBPyConnection) -> str:
            return f"SELECT {side} AS c, year, sum(tiv) AS tiv FROM ({build(con)}) GROUP BY ALL"
        return reference_table(f"tiv_{side}", path, ("c", "year"), build_side, years)

    on = ("ccode", "year")
    return add_columns(panel, "add_sipri_arms", "sipri_tiv", [Col("tiv_exports", by_state("s"), on, "tiv", 0.0),
                                                              Col("tiv_imports", by_state("r"), on, "tiv", 0.0)])


def add_ucdp_acd(panel: Panel, reference: Path | str | None = None) -> Panel:
    """UCDP/PRIO Armed Conflict Dataset 25.1 (G-W codes), 1946-2024.

    State-years: ``ucdp_ongoing`` (1 if the state is a primary party, ``gwno_a`` or ``gwno_b``,
    to any armed conflict that year), ``ucdp_conflicts`` (how many) and ``ucdp_maxintensity``
    (2 = war, 1 = minor, NA if none). Dyad-years: ``ucdp_interstate`` (1 if the two fight on
    opposite sides, primary or secondary, of an interstate conflict that year). NA before 1946.
    UCDP codes states with G-W numbers; a COW panel reads each state's G-W code of that year from
    isard's crosswalk (``isard_cw_gw_panel.parquet``), and a COW state-year without one is NA.

    References
    ----------
    Gleditsch et al. 2002, *JPR* 39(5); Davies et al. 2025 (UCDP/PRIO ACD 25.1).
    """
    require(panel, "add_ucdp_acd", {(u, s) for u in ("state_year", "dyad_year") for s in ("cow", "gw")})
    if panel.system == "cow":
        return via_gw_codes(panel, reference, lambda p, gw: _ucdp_on_gw(p, reference, gw))
    return _ucdp_on_gw(panel, reference, panel.keys[:-1])


def _ucdp_on_gw(panel: Panel, reference: Path | str | None, gw: tuple[str, ...]) -> Panel:
    """The UCDP columns of ``panel`` whose G-W codes are the columns ``gw``."""
    path = source_path("ucdp_acd", "gw", reference, panel)

    def view(con: duckdb.DuckDBPyConnection) -> None:
        scan(con, "acd_raw", path, ("conflict_id", "year", "gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd",
                                    "intensity_level", "type_of_conflict"))
        # G-W numbers as integers: a CSV column with no secondary party at all reads as text
        con.execute("CREATE TEMP VIEW acd AS SELECT conflict_id, year, intensity_level, type_of_conflict, "
                    + ", ".join(f"TRY_CAST({c} AS INTEGER) AS {c}" for c in ("gwno_a", "gwno_a_2nd", "gwno_b",
                                                                           "gwno_b_2nd")) + " FROM acd_raw")

    years = "SELECT min(year), max(year) FROM acd_raw"
    if panel.unit == "dyad_year":
        def wars(con: duckdb.DuckDBPyConnection) -> str:
            view(con)
            return """WITH sides AS (
                SELECT DISTINCT conflict_id, year, 'a' AS side, unnest([gwno_a, gwno_a_2nd]) AS g FROM acd
                WHERE type_of_conflict = 'interstate' UNION
                SELECT DISTINCT conflict_id, year, 'b', unnest([gwno_b, gwno_b_2nd]) FROM acd
                WHERE type_of_conflict = 'interstate')
                SELECT DISTINCT x.g AS g1, y.g AS g2, x.year, CAST(1 AS INTEGER) AS ucdp_interstate FROM sides x
                JOIN sides y ON x.conflict_id = y.conflict_id AND x.year = y.year AND x.side <> y.side
                WHERE x.g IS NOT NULL AND y.g IS NOT NULL"""

        ref = reference_table("ucdp_wars", path, ("g1", "g2", "year"), wars, years)
        return add_columns(panel, "add_ucdp_acd", "ucdp_acd",
                           [Col("ucdp_interstate", ref, (*gw, "year"), "ucdp_interstate", 0)])

    def parties(con: duckdb.DuckDBPyConnection) -> str:
        view(con)
        return """SELECT g, year, CAST(1 AS INTEGER) AS ucdp_ongoing, count(DISTINCT conflict_id) AS n,
            CAST(max(intensity_level) AS INTEGER) AS inten FROM (SELECT conflict_id, year, intensity_level,
            unnest([gwno_a, gwno_b]) AS g FROM acd) WHERE g IS NOT NULL GROUP BY g, year"""

    ref = reference_table("ucdp_parties", path, ("g", "year"), parties, years)
    on = (*gw, "year")
    return add_columns(panel, "add_ucdp_acd", "ucdp_acd", [Col("ucdp_ongoing", ref, on, "ucdp_ongoing", 0),
                                                           Col("ucdp_conflicts", ref, on, "n", 0),
                                                           Col("ucdp_maxintensity", ref, on, "inten")])
