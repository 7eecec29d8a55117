"""Militarized interstate disputes of each dyad-year: COW MID 5.0 and Gibler-Miller-Little (GML) 2.2.1.

A dyad can be in several disputes in one year (France and Italy had three
onsets in 1860: MID 112, 113 and 306), but a dyad-year panel has one row per
dyad-year. peacesciencer's rule keeps one dispute per dyad-year, and so do
these verbs, in its order:

1. a unique onset over a continuing dispute (where the year has both);
2. the highest dispute fatality level (unknown, -9, counts as between 0 and 1);
3. the highest hostility level; 4. the longest minimum, 5. then maximum, duration;
6. a reciprocated dispute over a unilateral one; 7. the earliest start month;
8. (peacesciencer: "forcibly" one of the rest) the lowest dispute number.

The kept dispute's variables come along (``dispnum``, the two states' side,
fatality, highest action, hostility and originator codes, and the dispute's
fatality, hostility, durations, reciprocation and start month); they are NA for
a dyad-year with no dispute. ``cowmidongoing``/``cowmidonset`` (and the ``gmlmid``
pair) are 1 or 0 inside the data's years (1816-2014 for COW, 1816-2010 for GML)
and NA outside them: a dispute after the data end is unknown, not absent.

Worked case (directed COW): 2-20 (United States-Canada) in 1979 is MID 2968,
``cowmidonset = 1``, ``sidea1 = 0``, ``sidea2 = 1`` (Canada made the first
militarized move); 2-20 in 1980 has no dispute, so ``cowmidongoing = 0`` and
``dispnum`` is NA; 2-20 in 2015 is NA throughout.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import duckdb

from fairweather.errors import PanelError
from fairweather.panels._engine import Col, Reference, add_columns, reference_table, require, scan, source_path
from fairweather.panels._panel import Panel

__all__ = ["add_cow_mids", "add_gml_mids", "DISPUTE_COLUMNS", "INIT_RULES"]

#: The dispute variables the verbs carry, as peacesciencer names them (``keep`` chooses among them).
DISPUTE_COLUMNS = ("dispnum", "sidea1", "sidea2", "fatality1", "fatality2", "fatalpre1", "fatalpre2", "hiact1", "hiact2",
                   "hostlev1", "hostlev2", "orig1", "orig2", "fatality", "hostlev", "mindur", "maxdur", "recip", "stmon")
_DISPUTE_LEVEL = ("fatality", "hostlev", "mindur", "maxdur", "recip", "stmon")
#: Who initiated, for directed GML panels (peacesciencer's ``init``): Side A originators only, Side A with its
#: joiners, or Side A and every joiner of either side.
INIT_RULES = {"sidea-orig": "sidea{i} = 1 AND orig{i} = 1", "sidea-with-joiners": "sidea{i} = 1",
              "sidea-all-joiners": "sidea{i} = 1 OR orig{i} = 0"}
_KEY = ("ccode1", "ccode2", "year")


def _one_per_dyad_year(disputes: str, onset: str) -> str:
    """SQL keeping one dispute per (ccode1, ccode2, year) of the dispute-dyad-years ``disputes``, by the rule above."""
    order = (f"{onset} DESC, CASE WHEN fatality = -9 THEN 0.5 ELSE fatality END DESC, hostlev DESC, mindur DESC, "
             "maxdur DESC, recip DESC, stmon ASC, dispnum ASC")
    return (f"SELECT * EXCLUDE (__rank) FROM (SELECT *, row_number() OVER (PARTITION BY ccode1, ccode2, year "
            f"ORDER BY {order}) AS __rank FROM ({disputes})) WHERE __rank = 1")


def _keep(keep: Sequence[str] | None, verb: str) -> tuple[str, ...]:
    if keep is None:
        return DISPUTE_COLUMNS
    unknown = [k for k in keep if k not in DISPUTE_COLUMNS]
    if unknown:
        raise PanelError(f"{verb}(keep=...) does not know {', '.join(map(repr, unknown))}; choose from "
                         f"{', '.join(DISPUTE_COLUMNS)}.")
    return tuple(c for c in DISPUTE_COLUMNS if c in keep)


def _mid_columns(panel: Panel, verb: str, source: str, ref: Reference, flags: tuple[str, str], keep: tuple[str, ...],
                 extra: Sequence[Col] = ()) -> Panel:
    cols = [Col(f, ref, _KEY, f, 0) for f in flags] + [Col(c, ref, _KEY, c) for c in keep]
    return add_columns(panel, verb, source, [*cols, *extra])


def add_cow_mids(panel: Panel, reference: Path | str | None = None, keep: Sequence[str] | None = None) -> Panel:
    """COW Militarized Interstate Disputes 5.0: one dispute per dyad-year, peacesciencer's ``add_cow_mids()``.

    Adds ``cowmidongoing`` and ``cowmidonset`` (0/1 inside 1816-2014, NA outside) and the kept
    dispute's variables (all of :data:`DISPUTE_COLUMNS`, or those named in ``keep``), NA where the
    dyad-year has no dispute. Reads peacesciencer's directed dispute-dyad-years
    (``ps_cow_mid_dirdisps.parquet``) and the dispute-level table (``ps_cow_mid_disps.csv``).
    Directed and non-directed COW dyad-years; the two states' columns follow the panel's order.

    References
    ----------
    Palmer et al. 2022, *CMPS* 39(4): 470-482; Miller 2022, *CMPS* 39(6) (the whittling rule).
    """
    require(panel, "add_cow_mids", {("dyad_year", "cow")}, " (COW MIDs code states with COW numbers)")
    cols = _keep(keep, "add_cow_mids")
    path = source_path("cow_mid", "cow", reference, panel)
    disps = source_path("cow_mid", "cow", reference, panel, file="ps_cow_mid_disps.csv")

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "dirdisps", path, (*_KEY, "dispnum", "dispongoing", "disponset",
                                     *(c for c in DISPUTE_COLUMNS if c not in _DISPUTE_LEVEL)))
        scan(con, "disps", disps, ("dispnum", *_DISPUTE_LEVEL))
        joined = (f"SELECT d.*, {', '.join(f's.{c}' for c in _DISPUTE_LEVEL)} FROM dirdisps d "
                  "JOIN disps s USING (dispnum)")
        return (f"SELECT * RENAME (dispongoing AS cowmidongoing, disponset AS cowmidonset) FROM "
                f"({_one_per_dyad_year(joined, 'disponset')})")

    ref = reference_table("cow_mids", path, _KEY, build, "SELECT min(year), max(year) FROM dirdisps", also=(disps,))
    return _mid_columns(panel, "add_cow_mids", "cow_mid", ref, ("cowmidongoing", "cowmidonset"), cols)


def add_gml_mids(panel: Panel, reference: Path | str | None = None, keep: Sequence[str] | None = None,
                 init: Literal["sidea-all-joiners", "sidea-with-joiners", "sidea-orig"] = "sidea-all-joiners"
                 ) -> Panel:
    """Gibler-Miller-Little MIDs 2.2.1: one dispute per dyad-year, peacesciencer's ``add_gml_mids()``.

    Adds ``gmlmidongoing`` and ``gmlmidonset`` (0/1 inside 1816-2010, NA outside) and the kept
    dispute's variables (as :func:`add_cow_mids`), from ``ps_gml_dirdisp.parquet``. A directed
    panel also gets ``init1`` and ``init2``: 1 if that state counts as an initiator of the kept
    dispute under ``init`` (:data:`INIT_RULES`; peacesciencer's default ``"sidea-all-joiners"``),
    NA where there is no dispute. A non-directed panel gets no initiation columns: who is first
    in a non-directed dyad says nothing about who started.

    References
    ----------
    Gibler, Miller & Little 2016, *ISQ* 60(4): 719-730; Miller 2022, *CMPS* 39(6).
    """
    require(panel, "add_gml_mids", {("dyad_year", "cow")}, " (GML MIDs code states with COW numbers)")
    if init not in INIT_RULES:
        raise PanelError(f"add_gml_mids(init=...) must be one of {', '.join(INIT_RULES)}; got {init!r}.")
    cols = _keep(keep, "add_gml_mids")
    path = source_path("gml_mid", "cow", reference, panel)

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "dirdisp", path, (*_KEY, "midongoing", "midonset", *DISPUTE_COLUMNS))
        inits = ", ".join(f"CAST(({INIT_RULES[r].format(i=i)}) AS INTEGER) AS \"{r}{i}\""
                          for r in INIT_RULES for i in (1, 2))
        picked = _one_per_dyad_year("SELECT * FROM dirdisp", "midonset")
        return (f"SELECT {', '.join(_KEY)}, midongoing AS gmlmidongoing, midonset AS gmlmidonset, "
                f"{', '.join(DISPUTE_COLUMNS)}, {inits} FROM ({picked})")

    ref = reference_table("gml_mids", path, _KEY, build, "SELECT min(year), max(year) FROM dirdisp")
    inits = [Col(f"init{i}", ref, _KEY, f"{init}{i}") for i in (1, 2)] if panel.directed else []
    return _mid_columns(panel, "add_gml_mids", "gml_mid", ref, ("gmlmidongoing", "gmlmidonset"), cols, inits)

