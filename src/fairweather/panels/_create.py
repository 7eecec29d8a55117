"""The universe of units: every state-year and every dyad-year of the COW or G-W state system, day by day.

A state is in year Y if one of its membership spells covers a day of Y. Two
states form a dyad in Y only if they were members **on the same day** of Y:
Germany (255) and the Netherlands (210) were both members in 1945, but never on
the same day (the Netherlands returned after Germany's membership ended in May),
so 1945 has no 210-255 dyad. A naive build from state-years creates such false
dyads (peacesciencer's ``false_cow_dyads``); here each pair of spells is
intersected as dates, then cut into years.

Spells open at the end of the list (COW v2016 closes living states on
2016-12-31, G-W on 2017-12-31) are carried on to :data:`LAST_YEAR`, as
peacesciencer does: its directed COW dyad-years run to 2024.

Worked case (COW, 1990): the German Democratic Republic (265) ends on
1990-10-02, so 265-2 exists in 1990 while Germany (255, from 1990-10-03) and
265 never meet: there is no 255-265 dyad-year.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa

from fairweather.errors import PanelError
from fairweather.panels._engine import connect, scan, source_path
from fairweather.panels._lookup import small_pages
from fairweather.panels._panel import Panel, System, keys_of

__all__ = ["create_state_years", "create_dyad_years", "FIRST_YEAR", "LAST_YEAR", "LIST_END"]

FIRST_YEAR = 1816
#: The last year of the panels: spells open at the list's end are carried on to it.
LAST_YEAR = 2024
#: The day each list closes spells that were still open when it was published.
LIST_END = {"cow": "2016-12-31", "gw": "2017-12-31"}
_STATE_SOURCE = {"cow": "cow_states", "gw": "gw_states"}


def _years(years: Iterable[int] | None) -> tuple[int, int, list[int] | None]:
    """(first, last, the years or None for every year between); a clear error outside 1816..2024."""
    if years is None:
        return FIRST_YEAR, LAST_YEAR, None
    ys = sorted({int(y) for y in years})
    if not ys:
        raise PanelError("years is empty; give e.g. range(1946, 2015), or leave it out for 1816-2024.")
    if ys[0] < FIRST_YEAR or ys[-1] > LAST_YEAR:
        raise PanelError(f"years must lie within {FIRST_YEAR}-{LAST_YEAR}; got {ys[0]}-{ys[-1]}.")
    contiguous = ys == list(range(ys[0], ys[-1] + 1))
    return ys[0], ys[-1], None if contiguous else ys


def _spells_sql(system: str) -> str:
    """SQL of the membership spells (code, st, en) with spells open at the list's end carried on to LAST_YEAR."""
    last = f"DATE '{LAST_YEAR}-12-31'"
    end = f"DATE '{LIST_END[system]}'"
    if system == "cow":
        return (f"SELECT ccode AS code, make_date(styear, stmonth, stday) AS st, "
                f"CASE WHEN make_date(endyear, endmonth, endday) >= {end} THEN {last} "
                f"ELSE make_date(endyear, endmonth, endday) END AS en FROM states")
    return (f"SELECT gwcode AS code, CAST(startdate AS DATE) AS st, CASE WHEN CAST(enddate AS DATE) >= {end} "
            f"THEN {last} ELSE CAST(enddate AS DATE) END AS en FROM states")


_COLUMNS = {"cow": ("ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"),
            "gw": ("gwcode", "startdate", "enddate")}


def _merge_ranges(ranges: pa.Table, group: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Year ranges sorted by ``group`` then start, merged where they overlap: no unit-year twice, still in order.

    A state with two spells in one year, or a dyad whose spells meet twice in one year, would otherwise
    give that year twice; merging its ranges replaces a DISTINCT over every unit-year. WHY NumPy: the
    ranges are a few ten thousand rows, and DuckDB's window functions took 0.1 s over them.
    """
    keys = [ranges[k].to_numpy().astype(np.int64) for k in group]
    y0, y1 = ranges["y0"].to_numpy().astype(np.int64), ranges["y1"].to_numpy().astype(np.int64)
    if len(y0) == 0:
        return {**{k: np.zeros(0, np.int32) for k in group}, "y0": y0, "y1": y1}
    new_group = np.ones(len(y0), dtype=bool)
    new_group[1:] = np.any([k[1:] != k[:-1] for k in keys], axis=0)
    gid = np.cumsum(new_group)
    # a running maximum of the ends that restarts in each group: offset each group above the one before
    reach = np.maximum.accumulate(gid * 10_000 + y1)
    fresh = new_group.copy()
    fresh[1:] |= gid[1:] * 10_000 + y0[1:] > reach[:-1]
    starts = np.nonzero(fresh)[0]
    out = {k: v[starts] for k, v in zip(group, keys)}
    out["y0"], out["y1"] = y0[starts], np.maximum.reduceat(y1, starts)
    return out


def _expand(ranges: dict[str, np.ndarray], keys: tuple[str, ...], only: list[int] | None) -> pa.Table:
    """One row per year of each range, in the ranges' order (so sorted by the keys, then year)."""
    y0 = ranges["y0"].astype(np.int64)
    lens = ranges["y1"] - y0 + 1
    starts = np.cumsum(lens) - lens
    n = int(lens.sum())
    year = (np.arange(n, dtype=np.int64) + np.repeat(y0 - starts, lens)).astype(np.int32)
    cols = {k: np.repeat(ranges[k].astype(np.int32), lens) for k in keys[:-1]}
    cols["year"] = year
    if only is not None:
        keep = np.isin(year, np.asarray(only, dtype=np.int32))
        cols = {k: v[keep] for k, v in cols.items()}
    return pa.table({k: pa.array(v, pa.int32()) for k, v in cols.items()})


def _build(system: str, reference: Path | str | None, select: str, first: int, last: int, only: list[int] | None,
           keys: tuple[str, ...]) -> pa.Table:
    """The unit-years of ``select`` (units, y0, y1), clipped to first..last and expanded in key order."""
    con = connect()
    try:
        scan(con, "states", source_path(_STATE_SOURCE[system], system, reference), _COLUMNS[system])
        con.execute(f"CREATE TEMP TABLE spells AS {_spells_sql(system)}")
        group = ", ".join(keys[:-1])
        clipped = (f"SELECT {group}, greatest(y0, {first}) AS y0, least(y1, {last}) AS y1 FROM ({select}) "
                   f"WHERE y1 >= {first} AND y0 <= {last}")
        ranges = con.sql(f"{clipped} ORDER BY {group}, y0, y1").to_arrow_table()
    finally:
        con.close()
    with small_pages():
        return _expand(_merge_ranges(ranges, keys[:-1]), keys, only)


def _check_system(system: str) -> None:
    if system not in _STATE_SOURCE:
        raise PanelError(f"system must be 'cow' (Correlates of War) or 'gw' (Gleditsch-Ward); got {system!r}.")


def create_state_years(system: System = "cow", years: Iterable[int] | None = None,
                       reference: Path | str | None = None) -> Panel:
    """Every state-year of the state system: a state is in a year if a membership spell covers a day of it.

    Parameters
    ----------
    system
        ``"cow"`` (``ps_cow_states.csv``, key ``ccode, year``) or ``"gw"`` (``ps_gw_states.csv``, ``gwcode, year``).
    years
        The years to keep (default 1816-2024).
    reference
        The folder of the publishers' files (default ``$FAIRWEATHER_REFERENCE``); kept on the panel for later verbs.

    References
    ----------
    Correlates of War Project 2017, State System Membership v2016; Gleditsch & Ward 1999.
    """
    _check_system(system)
    first, last, only = _years(years)
    code = keys_of("state_year", system)[0]
    select = f"SELECT CAST(code AS INTEGER) AS {code}, year(st) AS y0, year(en) AS y1 FROM spells"
    table = _build(system, reference, select, first, last, only, keys_of("state_year", system))
    return Panel(table, "state_year", system, None, (_STATE_SOURCE[system],), _ref(reference))


def create_dyad_years(system: System = "cow", directed: bool = True, years: Iterable[int] | None = None,
                      reference: Path | str | None = None) -> Panel:
    """Every dyad-year of two states that were members of the system on the same day of that year.

    Parameters
    ----------
    system
        ``"cow"`` (key ``ccode1, ccode2, year``) or ``"gw"`` (``gwcode1, gwcode2, year``).
    directed
        True: both (A, B) and (B, A); False: only ``code1 < code2``.
    years
        The years to keep (default 1816-2024).
    reference
        The folder of the publishers' files (default ``$FAIRWEATHER_REFERENCE``).

    Examples
    --------
    Directed COW dyad-years 1816-2024 are 2,214,930 rows, exactly peacesciencer's ``cow_ddy``;
    none of its ``false_cow_dyads`` is among them.

    References
    ----------
    Miller 2022, *CMPS* 39(6) (peacesciencer's ``create_dyadyears``).
    """
    _check_system(system)
    first, last, only = _years(years)
    k1, k2, _ = keys_of("dyad_year", system)
    order = "a.code <> b.code" if directed else "a.code < b.code"
    # the spells' intersection as dates, then its years: two states never alive on the same day form no dyad
    select = (f"SELECT CAST(a.code AS INTEGER) AS {k1}, CAST(b.code AS INTEGER) AS {k2}, "
              f"year(greatest(a.st, b.st)) AS y0, year(least(a.en, b.en)) AS y1 "
              f"FROM spells a JOIN spells b ON {order} AND greatest(a.st, b.st) <= least(a.en, b.en)")
    table = _build(system, reference, select, first, last, only, keys_of("dyad_year", system))
    return Panel(table, "dyad_year", system, directed, (_STATE_SOURCE[system],), _ref(reference))


def _ref(reference: Path | str | None) -> Path | None:
    return Path(reference) if reference is not None else None
