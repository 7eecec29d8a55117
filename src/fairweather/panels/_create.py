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

import pyarrow as pa

from fairweather.errors import PanelError
from fairweather.panels._engine import connect, scan, source_path
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


def _build(system: str, reference: Path | str | None, body: str, first: int, last: int, only: list[int] | None,
           keys: tuple[str, ...]) -> pa.Table:
    con = connect()
    try:
        scan(con, "states", source_path(_STATE_SOURCE[system], system, reference), _COLUMNS[system])
        con.execute(f"CREATE TEMP TABLE spells AS {_spells_sql(system)}")
        if only is not None:
            con.register("only_years", pa.table({"y": pa.array(only, pa.int32())}))
        keep = " AND year IN (SELECT y FROM only_years)" if only is not None else ""
        sql = (f"SELECT * FROM ({body}) WHERE year BETWEEN {first} AND {last}{keep} "
               f"ORDER BY {', '.join(keys)}")
        return con.sql(sql).to_arrow_table()
    finally:
        con.close()


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
    body = (f"SELECT DISTINCT CAST(code AS INTEGER) AS {code}, CAST(unnest(range(year(st), year(en) + 1)) AS INTEGER) "
            f"AS year FROM spells")
    table = _build(system, reference, body, first, last, only, keys_of("state_year", system))
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
    body = (f"SELECT DISTINCT CAST(a.code AS INTEGER) AS {k1}, CAST(b.code AS INTEGER) AS {k2}, "
            f"CAST(unnest(range(year(greatest(a.st, b.st)), year(least(a.en, b.en)) + 1)) AS INTEGER) AS year "
            f"FROM spells a JOIN spells b ON {order} AND greatest(a.st, b.st) <= least(a.en, b.en) "
            f"AND year(least(a.en, b.en)) >= {first} AND year(greatest(a.st, b.st)) <= {last}")
    table = _build(system, reference, body, first, last, only, keys_of("dyad_year", system))
    return Panel(table, "dyad_year", system, directed, (_STATE_SOURCE[system],), _ref(reference))


def _ref(reference: Path | str | None) -> Path | None:
    return Path(reference) if reference is not None else None
