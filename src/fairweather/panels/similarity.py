"""Foreign-policy similarity of each dyad-year from ATOP alliance portfolios: Signorino & Ritter's S and Häge's kappa.

A layer above the other verbs (beside ``fairweather.metrics``): the arithmetic is the project's own
:func:`fairweather.metrics.portfolio.pairwise_agreement`, so a panel's S equals a bloc's S for the same
portfolios. A state's portfolio in year Y is its ATOP tie with every member of the system in Y, coded as
S&R do (3 defence or offence, 2 neutrality or non-aggression, 1 consultation, 0 none; 3 with itself),
the strongest obligation in either direction.

Worked case: two states with identical portfolios have S = 1 and kappa = 1; S&R's Table 5(e) -- ten
states tied to neither and a defence pact each on the other's side -- gives S = 2/3 and kappa = -1/11.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from fairweather.metrics.portfolio import pairwise_agreement
from fairweather.panels import VERBS, create_state_years
from fairweather.panels._engine import Col, Reference, add_columns, connect, require, scan, source_path
from fairweather.panels._geography import ATOP_COLUMNS
from fairweather.panels._lookup import Keyed
from fairweather.panels._panel import Panel

__all__ = ["add_fp_similarity", "ALL_VERBS"]

_LEVEL = ("CASE WHEN atop_defense = 1 OR atop_offense = 1 THEN 3 WHEN atop_neutral = 1 OR atop_nonagg = 1 THEN 2 "
          "WHEN atop_consul = 1 THEN 1 ELSE 0 END")


def _levels(path: Path, years: list[int]) -> tuple[dict[int, dict[tuple[int, int], int]], int, int]:
    con = connect()
    try:
        scan(con, "atop", path, ("ccode1", "ccode2", "year", *ATOP_COLUMNS))
        lo, hi = con.execute("SELECT min(year), max(year) FROM atop").fetchall()[0]
        con.register("yrs", pa.table({"y": pa.array(years, pa.int64())}))
        rows = con.execute(f"SELECT year, ccode1, ccode2, max({_LEVEL}) FROM atop WHERE year IN (SELECT y FROM yrs) "
                           "GROUP BY ALL").fetchall()
    finally:
        con.close()
    out: dict[int, dict[tuple[int, int], int]] = {}
    for y, a, b, lvl in rows:
        d = out.setdefault(int(y), {})
        for key in ((int(a), int(b)), (int(b), int(a))):  # S&R code alliances, not directions
            d[key] = max(d.get(key, 0), int(lvl))
    return out, int(lo), int(hi)


def _year_scores(states: np.ndarray, levels: dict[tuple[int, int], int], year: int) -> pa.Table:
    n = len(states)
    pos = {int(s): i for i, s in enumerate(states)}
    arr = np.zeros((n, n))
    np.fill_diagonal(arr, 3)
    for (a, b), lvl in levels.items():
        if a in pos and b in pos:
            arr[pos[a], pos[b]] = lvl
    mats = pairwise_agreement(arr)
    i, j = np.where(~np.eye(n, dtype=bool))
    return pa.table({"a": pa.array(states[i], pa.int32()), "b": pa.array(states[j], pa.int32()),
                     "year": pa.array(np.full(len(i), year), pa.int32()),
                     "fp_s_atop": mats["s"][i, j], "fp_kappa_atop": mats["kappa"][i, j]})


def add_fp_similarity(panel: Panel, reference: Path | str | None = None) -> Panel:
    """``fp_s_atop`` (S, -1..1) and ``fp_kappa_atop`` (Cohen's kappa) of the two states' ATOP alliance portfolios.

    The portfolio runs over every member of the COW system that year; NA outside ATOP's years.
    Cost grows with the cube of the system's size per year: measured about 0.3 s per year of
    the post-1990 system (190 states) on 2 cores, so tens of seconds for 1816-2018.

    References
    ----------
    Signorino & Ritter 1999, *ISQ* 43(1): 115-144; Häge 2011, *Political Analysis* 19(3): 287-305;
    Leeds et al. 2002 (ATOP).
    """
    require(panel, "add_fp_similarity", {("dyad_year", "cow")})
    path = source_path("atop", "cow", reference, panel)
    years = sorted(set(panel.table.column("year").to_pylist()))
    levels, lo, hi = _levels(path, years)
    system = create_state_years("cow", years=years, reference=reference or panel.reference).to_frame()
    parts = [_year_scores(g["ccode"].to_numpy(), levels.get(y, {}), y)
             for y, g in system.groupby("year") if lo <= y <= hi]
    scores = pa.concat_tables(parts) if parts else pa.table({"a": pa.array([], pa.int32()), "b": pa.array([], pa.int32()),
                                                             "year": pa.array([], pa.int32()), "fp_s_atop": pa.array([], pa.float64()),
                                                             "fp_kappa_atop": pa.array([], pa.float64())})

    ref = Reference(Keyed(scores, ("a", "b", "year"), "S and kappa by dyad-year"), None)
    on = ("ccode1", "ccode2", "year")
    out = add_columns(panel, "add_fp_similarity", "fp_similarity",
                      [Col("fp_s_atop", ref, on, "fp_s_atop"), Col("fp_kappa_atop", ref, on, "fp_kappa_atop")])
    return out.with_table(out.table, "atop")


#: Every verb ``fairweather panel --add`` takes: the panels package's and the similarity verb.
ALL_VERBS = {**VERBS, "fp_similarity": add_fp_similarity}
