"""Dyads in conflict and trade in arms: TSS strategic rivalries, UCDP/PRIO armed conflicts, SIPRI arms transfers.

Inside a dataset's years a dyad-year it does not list is 0 (no rivalry, no
transfer, no conflict recorded); outside them it is NA. Worked case: SIPRI's
TIV table runs 1950-2021, so 365-710 (Russia to China) has ``tiv_1to2 > 0`` in
2005, 0 in a year nothing was delivered, and NA in 1949 and 2022.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from fairweather.panels._engine import require, run_join, scan, source_path
from fairweather.panels._panel import Panel

__all__ = ["add_strategic_rivalries", "add_sipri_arms", "add_ucdp_acd", "RIVALRY_TYPES"]

RIVALRY_TYPES = ("positional", "spatial", "ideological", "interventionary")


def _inside(lo: int, hi: int, expr: str, alias: str) -> str:
    return f"CASE WHEN p.year BETWEEN {lo} AND {hi} THEN {expr} END AS {alias}"


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
    names = ["tss_rivalry", "tssr_id", *RIVALRY_TYPES]

    def setup(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "tss", path, ("tssr_id", "ccode1", "ccode2", "start", "end", *RIVALRY_TYPES))
        lo, hi = con.execute('SELECT min("start"), max("end") FROM tss').fetchall()[0]
        flags = ", ".join(f'max(coalesce("{t}", 0)) AS "{t}"' for t in RIVALRY_TYPES)
        types = ", ".join(f'"{t}"' for t in RIVALRY_TYPES)  # quoted: POSITIONAL is an SQL keyword
        con.execute(f"""CREATE TEMP TABLE riv AS
            WITH both_orders AS (SELECT tssr_id, ccode1 AS a, ccode2 AS b, "start", "end", {types} FROM tss
                                 UNION ALL SELECT tssr_id, ccode2, ccode1, "start", "end", {types} FROM tss)
            SELECT a, b, year, min(tssr_id) AS tssr_id, {flags} FROM
              (SELECT *, unnest(range(CAST("start" AS INTEGER), CAST("end" AS INTEGER) + 1)) AS year FROM both_orders)
            GROUP BY a, b, year""")
        sel = ", ".join([_inside(lo, hi, "CAST(r.tssr_id IS NOT NULL AS INTEGER)", "tss_rivalry"),
                         "CAST(r.tssr_id AS INTEGER) AS tssr_id",
                         *(_inside(lo, hi, f'coalesce(r."{t}", 0)', f'"{t}"') for t in RIVALRY_TYPES)])
        return f"SELECT p.*, {sel} FROM p LEFT JOIN riv r ON r.a = p.ccode1 AND r.b = p.ccode2 AND r.year = p.year"

    return run_join(panel, "add_strategic_rivalries", "tss_rivalries", names, setup)


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
    names = ["tiv_1to2", "tiv_2to1"] if panel.unit == "dyad_year" else ["tiv_exports", "tiv_imports"]

    def setup(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "tiv_raw", path, ("supplier_ccode", "recipient_ccode", "year", "tiv_musd"))
        lo, hi = con.execute("SELECT min(year), max(year) FROM tiv_raw").fetchall()[0]
        con.execute("""CREATE TEMP TABLE tiv AS SELECT CAST(supplier_ccode AS INTEGER) AS s,
            CAST(recipient_ccode AS INTEGER) AS r, CAST(year AS INTEGER) AS year, sum(CAST(tiv_musd AS DOUBLE)) AS tiv
            FROM tiv_raw WHERE supplier_ccode IS NOT NULL AND recipient_ccode IS NOT NULL GROUP BY ALL""")
        if panel.unit == "dyad_year":
            return (f"SELECT p.*, {_inside(lo, hi, 'coalesce(x.tiv, 0.0)', 'tiv_1to2')}, "
                    f"{_inside(lo, hi, 'coalesce(y.tiv, 0.0)', 'tiv_2to1')} FROM p "
                    "LEFT JOIN tiv x ON x.s = p.ccode1 AND x.r = p.ccode2 AND x.year = p.year "
                    "LEFT JOIN tiv y ON y.s = p.ccode2 AND y.r = p.ccode1 AND y.year = p.year")
        con.execute("CREATE TEMP TABLE ex AS SELECT s AS c, year, sum(tiv) AS tiv FROM tiv GROUP BY ALL")
        con.execute("CREATE TEMP TABLE im AS SELECT r AS c, year, sum(tiv) AS tiv FROM tiv GROUP BY ALL")
        return (f"SELECT p.*, {_inside(lo, hi, 'coalesce(x.tiv, 0.0)', 'tiv_exports')}, "
                f"{_inside(lo, hi, 'coalesce(y.tiv, 0.0)', 'tiv_imports')} FROM p "
                "LEFT JOIN ex x ON x.c = p.ccode AND x.year = p.year LEFT JOIN im y ON y.c = p.ccode AND y.year = p.year")

    return run_join(panel, "add_sipri_arms", "sipri_tiv", names, setup)


def add_ucdp_acd(panel: Panel, reference: Path | str | None = None) -> Panel:
    """UCDP/PRIO Armed Conflict Dataset 25.1 (G-W codes), 1946-2024.

    State-years: ``ucdp_ongoing`` (1 if the state is a primary party, ``gwno_a`` or ``gwno_b``,
    to any armed conflict that year), ``ucdp_conflicts`` (how many) and ``ucdp_maxintensity``
    (2 = war, 1 = minor, NA if none). Dyad-years: ``ucdp_interstate`` (1 if the two fight on
    opposite sides, primary or secondary, of an interstate conflict that year). NA before 1946.
    COW panels are refused: UCDP codes states with G-W numbers.

    References
    ----------
    Gleditsch et al. 2002, *JPR* 39(5); Davies et al. 2025 (UCDP/PRIO ACD 25.1).
    """
    require(panel, "add_ucdp_acd", {("state_year", "gw"), ("dyad_year", "gw")}, " (UCDP codes states with G-W numbers)")
    path = source_path("ucdp_acd", "gw", reference, panel)
    names = ["ucdp_interstate"] if panel.unit == "dyad_year" else ["ucdp_ongoing", "ucdp_conflicts", "ucdp_maxintensity"]

    def setup(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "acd_raw", path, ("conflict_id", "year", "gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd", "intensity_level",
                                "type_of_conflict"))
        lo, hi = con.execute("SELECT min(year), max(year) FROM acd_raw").fetchall()[0]
        # G-W numbers as integers: a CSV column with no secondary party at all reads as text
        con.execute("CREATE TEMP VIEW acd AS SELECT conflict_id, year, intensity_level, type_of_conflict, "
                    + ", ".join(f"TRY_CAST({c} AS INTEGER) AS {c}" for c in ("gwno_a", "gwno_a_2nd", "gwno_b",
                                                                           "gwno_b_2nd")) + " FROM acd_raw")
        if panel.unit == "dyad_year":
            con.execute("""CREATE TEMP TABLE sides AS
                SELECT DISTINCT conflict_id, year, 'a' AS side, unnest([gwno_a, gwno_a_2nd]) AS g FROM acd
                WHERE type_of_conflict = 'interstate' UNION
                SELECT DISTINCT conflict_id, year, 'b', unnest([gwno_b, gwno_b_2nd]) FROM acd
                WHERE type_of_conflict = 'interstate'""")
            con.execute("""CREATE TEMP TABLE war AS SELECT DISTINCT x.g AS g1, y.g AS g2, x.year FROM sides x
                JOIN sides y ON x.conflict_id = y.conflict_id AND x.year = y.year AND x.side <> y.side
                WHERE x.g IS NOT NULL AND y.g IS NOT NULL""")
            return (f"SELECT p.*, {_inside(lo, hi, 'CAST(w.g1 IS NOT NULL AS INTEGER)', 'ucdp_interstate')} FROM p "
                    "LEFT JOIN war w ON w.g1 = p.gwcode1 AND w.g2 = p.gwcode2 AND w.year = p.year")
        con.execute("""CREATE TEMP TABLE part AS SELECT g, year, count(DISTINCT conflict_id) AS n,
            max(intensity_level) AS inten FROM (SELECT conflict_id, year, intensity_level, unnest([gwno_a, gwno_b]) AS g
            FROM acd) WHERE g IS NOT NULL GROUP BY g, year""")
        return (f"SELECT p.*, {_inside(lo, hi, 'CAST(c.n IS NOT NULL AS INTEGER)', 'ucdp_ongoing')}, "
                f"{_inside(lo, hi, 'coalesce(c.n, 0)', 'ucdp_conflicts')}, CAST(c.inten AS INTEGER) AS ucdp_maxintensity "
                "FROM p LEFT JOIN part c ON c.g = p.gwcode AND c.year = p.year")

    return run_join(panel, "add_ucdp_acd", "ucdp_acd", names, setup)
