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
peacesciencer does: its directed COW dyad-years run to 2024. ``through``
carries them further, for data that do: isard's democracy table (V-Dem v16)
has a 2025 row for each of the 195 states of 2024.

Worked case (COW, 1990): the German Democratic Republic (265) ends on
1990-10-02, so 265-2 exists in 1990 while Germany (255, from 1990-10-03) and
265 never meet: there is no 255-265 dyad-year.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fairweather.errors import PanelError
from fairweather.panels._engine import read_columns, source_path
from fairweather.panels._gather import CHUNK
from fairweather.panels._lookup import small_pages
from fairweather.panels._panel import Panel, System, keys_of

__all__ = ["create_state_years", "create_dyad_years", "FIRST_YEAR", "LAST_YEAR", "LIST_END"]

FIRST_YEAR = 1816
#: The last year of the panels: spells open at the list's end are carried on to it.
LAST_YEAR = 2024
#: The day each list closes spells that were still open when it was published.
LIST_END = {"cow": "2016-12-31", "gw": "2017-12-31"}
_STATE_SOURCE = {"cow": "cow_states", "gw": "gw_states"}


def _years(years: Iterable[int] | None, through: int = LAST_YEAR) -> tuple[int, int, list[int] | None]:
    """(first, last, the years or None for every year between); a clear error outside 1816..``through``."""
    if through < FIRST_YEAR:
        raise PanelError(f"through must be {FIRST_YEAR} or later; got {through}.")
    if years is None:
        return FIRST_YEAR, through, None
    ys = sorted({int(y) for y in years})
    if not ys:
        raise PanelError(f"years is empty; give e.g. range(1946, 2015), or leave it out for {FIRST_YEAR}-{through}.")
    if ys[0] < FIRST_YEAR or ys[-1] > through:
        raise PanelError(f"years must lie within {FIRST_YEAR}-{through}; got {ys[0]}-{ys[-1]}.")
    contiguous = ys == list(range(ys[0], ys[-1] + 1))
    return ys[0], ys[-1], None if contiguous else ys


_COLUMNS = {"cow": ("ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"),
            "gw": ("gwcode", "startdate", "enddate")}


def _dates(t: pa.Table, y: str, m: str, d: str) -> np.ndarray:
    years, months, days = (np.asarray(t[c].to_numpy(zero_copy_only=False), dtype=np.float64) for c in (y, m, d))
    ok = ~(np.isnan(years) | np.isnan(months) | np.isnan(days))
    out = np.full(len(years), np.datetime64("NaT"), dtype="datetime64[D]")
    ym = (years[ok].astype(np.int64) - 1970) * 12 + months[ok].astype(np.int64) - 1
    out[ok] = ym.astype("datetime64[M]").astype("datetime64[D]") + (days[ok].astype(np.int64) - 1)
    return out


def _spells(system: str, reference: Path | str | None, through: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The membership spells (code, first day, last day); a spell open at the list's end runs to ``through``.

    A spell whose dates are missing is left out (it can overlap no other).
    """
    t = read_columns(source_path(_STATE_SOURCE[system], system, reference), _COLUMNS[system])
    if system == "cow":
        code, st, en = t["ccode"], _dates(t, "styear", "stmonth", "stday"), _dates(t, "endyear", "endmonth", "endday")
    else:
        code = t["gwcode"]
        st, en = (np.asarray(pc.cast(t[c], pa.date32()).to_numpy(zero_copy_only=False), dtype="datetime64[D]")
                  for c in ("startdate", "enddate"))
    en = np.where(en >= np.datetime64(LIST_END[system]), np.datetime64(f"{through}-12-31"), en)
    ok = ~(np.isnat(st) | np.isnat(en) | np.asarray(pc.is_null(code)))
    return np.asarray(code.to_numpy(zero_copy_only=False))[ok].astype(np.int64), st[ok], en[ok]


def _year(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def _merge_ranges(keys: list[np.ndarray], y0: np.ndarray, y1: np.ndarray) -> tuple[list[np.ndarray], np.ndarray,
                                                                                      np.ndarray]:
    """Year ranges of units (``keys``), sorted and merged where they overlap: no unit-year twice, all in order.

    A state with two spells in one year, or a dyad whose spells meet twice in one year, would otherwise
    give that year twice; merging its ranges replaces a DISTINCT over every unit-year.
    """
    order = np.lexsort((y1, y0, *keys[::-1]))
    keys, y0, y1 = [k[order] for k in keys], y0[order], y1[order]
    if len(y0) == 0:
        return keys, y0, y1
    new_group = np.ones(len(y0), dtype=bool)
    new_group[1:] = np.any([k[1:] != k[:-1] for k in keys], axis=0)
    gid = np.cumsum(new_group)
    # a running maximum of the ends that restarts in each group: offset each group above the one before
    reach = np.maximum.accumulate(gid * 10_000 + y1)
    fresh = new_group.copy()
    fresh[1:] |= gid[1:] * 10_000 + y0[1:] > reach[:-1]
    starts = np.nonzero(fresh)[0]
    return [k[starts] for k in keys], y0[starts], np.maximum.reduceat(y1, starts)


def _expand(names: tuple[str, ...], keys: list[np.ndarray], y0: np.ndarray, y1: np.ndarray,
            only: list[int] | None) -> pa.Table:
    """One row per year of each range, in the ranges' order (so sorted by the keys, then year).

    WHY block by block: fresh memory is the dearest thing on the target machine (see
    :mod:`fairweather.panels._gather`), so each column is made in its final int32 array: the year is
    the range's first year minus its first row, repeated, plus the row number, added a block at a time.
    """
    lens = (y1 - y0 + 1).astype(np.int64)
    starts = np.cumsum(lens) - lens
    n = int(lens.sum())
    year = np.repeat((y0 - starts).astype(np.int32), lens)
    for s in range(0, n, CHUNK):
        year[s:s + CHUNK] += np.arange(s, min(s + CHUNK, n), dtype=np.int32)
    cols = {name: np.repeat(k.astype(np.int32), lens) for name, k in zip(names[:-1], keys)}
    cols[names[-1]] = year
    if only is not None:
        keep = np.isin(year, np.asarray(only, dtype=np.int32))
        cols = {k: v[keep] for k, v in cols.items()}
    return pa.table({k: pa.Array.from_buffers(pa.int32(), len(v), [None, pa.py_buffer(v)], null_count=0)
                     for k, v in cols.items()})


def _build(names: tuple[str, ...], keys: list[np.ndarray], y0: np.ndarray, y1: np.ndarray, first: int, last: int,
           only: list[int] | None) -> pa.Table:
    """The unit-years of the ranges (``keys``, y0, y1), clipped to first..last and expanded in key order.

    WHY NumPy and not a DuckDB query: the spells are a few hundred rows and their pairs a few ten
    thousand; opening a database and DuckDB's window functions over them took longer than the rest.
    """
    keep = (y1 >= first) & (y0 <= last)
    keys, y0, y1 = [k[keep] for k in keys], np.maximum(y0[keep], first), np.minimum(y1[keep], last)
    with small_pages():
        return _expand(names, *_merge_ranges(keys, y0, y1), only)


def _check_system(system: str) -> None:
    if system not in _STATE_SOURCE:
        raise PanelError(f"system must be 'cow' (Correlates of War) or 'gw' (Gleditsch-Ward); got {system!r}.")


def create_state_years(system: System = "cow", years: Iterable[int] | None = None,
                       reference: Path | str | None = None, through: int = LAST_YEAR) -> Panel:
    """Every state-year of the state system: a state is in a year if a membership spell covers a day of it.

    Parameters
    ----------
    system
        ``"cow"`` (``ps_cow_states.csv``, key ``ccode, year``) or ``"gw"`` (``ps_gw_states.csv``, ``gwcode, year``).
    years
        The years to keep (default 1816 to ``through``).
    reference
        The folder of the publishers' files (default ``$FAIRWEATHER_REFERENCE``); kept on the panel for later verbs.
    through
        The last year: a spell still open at the list's end is carried on to it (default 2024, as peacesciencer).

    References
    ----------
    Correlates of War Project 2017, State System Membership v2016; Gleditsch & Ward 1999.
    """
    _check_system(system)
    first, last, only = _years(years, through)
    code, st, en = _spells(system, reference, through)
    table = _build(keys_of("state_year", system), [code], _year(st), _year(en), first, last, only)
    return Panel(table, "state_year", system, None, (_STATE_SOURCE[system],), _ref(reference))


def create_dyad_years(system: System = "cow", directed: bool = True, years: Iterable[int] | None = None,
                      reference: Path | str | None = None, through: int = LAST_YEAR) -> Panel:
    """Every dyad-year of two states that were members of the system on the same day of that year.

    Parameters
    ----------
    system
        ``"cow"`` (key ``ccode1, ccode2, year``) or ``"gw"`` (``gwcode1, gwcode2, year``).
    directed
        True: both (A, B) and (B, A); False: only ``code1 < code2``.
    years
        The years to keep (default 1816 to ``through``).
    reference
        The folder of the publishers' files (default ``$FAIRWEATHER_REFERENCE``).
    through
        The last year: a spell still open at the list's end is carried on to it (default 2024, as peacesciencer).

    Examples
    --------
    Directed COW dyad-years 1816-2024 are 2,214,930 rows, exactly peacesciencer's ``cow_ddy``;
    none of its ``false_cow_dyads`` is among them.

    References
    ----------
    Miller 2022, *CMPS* 39(6) (peacesciencer's ``create_dyadyears``).
    """
    _check_system(system)
    first, last, only = _years(years, through)
    code, st, en = _spells(system, reference, through)
    # the spells' intersection as dates, then its years: two states never alive on the same day form no dyad
    start, end = np.maximum.outer(st, st), np.minimum.outer(en, en)
    pair = np.not_equal.outer(code, code) if directed else np.less.outer(code, code)
    i, j = np.nonzero(pair & (start <= end))
    table = _build(keys_of("dyad_year", system), [code[i], code[j]], _year(start[i, j]), _year(end[i, j]),
                   first, last, only)
    return Panel(table, "dyad_year", system, directed, (_STATE_SOURCE[system],), _ref(reference))


def _ref(reference: Path | str | None) -> Path | None:
    return Path(reference) if reference is not None else None
