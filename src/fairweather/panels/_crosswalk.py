"""G-W data on COW panels: each COW state-year's Gleditsch-Ward code from isard's crosswalk, then the G-W join.

WHY a crosswalk by year: the two lists differ in when and how they code some
states, so a COW code does not always name the same G-W code. Germany is the
worked case: COW's 255 (Germany from 1990-10-03) is G-W's 260 in 1990 and
after, as the German Federal Republic (COW 260) was; so in 1990 both COW 255
and 260 take G-W 260's values. A COW state-year without a G-W counterpart gets
NA from a G-W verb, never 0.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from fairweather.panels._engine import reference_table, scan, source_path
from fairweather.panels._lookup import Gather, gather
from fairweather.panels._panel import Panel

__all__ = ["via_gw_codes"]


def via_gw_codes(panel: Panel, reference: Path | str | None,
                 add: Callable[[Panel, tuple[str, ...]], Panel]) -> Panel:
    """``add(panel, gw_columns)`` on a COW panel: the G-W codes of its states are given to ``add`` as temporary
    columns, and the columns ``add`` makes are NA where a state has no G-W code."""
    path = source_path("cow_gw", "cow", reference, panel)

    def build(con: duckdb.DuckDBPyConnection) -> str:
        scan(con, "cw", path, ("ccode", "year", "gwcode"))
        return "SELECT ccode, year, gwcode FROM cw"

    ref = reference_table("cow_gw", path, ("ccode", "year"), build)
    year = panel.table["year"].to_numpy()
    cow = panel.keys[:-1]
    names = tuple(f"__gw{c[-1] if panel.unit == 'dyad_year' else ''}" for c in cow)
    table, known = panel.table, None
    for name, code in zip(names, cow):
        gw = gather(Gather(ref.keyed, "gwcode", ref.keyed.find([panel.table[code].to_numpy(), year])))
        known = gw.is_valid() if known is None else pc.and_(known, gw.is_valid())
        table = table.append_column(name, pc.fill_null(gw, -1).cast(pa.int32()))
    out = add(panel.with_table(table), names)
    result = panel.table
    everywhere = bool(pc.all(known).as_py())
    for c in out.columns[table.num_columns:]:
        col = out.table[c]
        result = result.append_column(c, col if everywhere else pc.if_else(known, col, pa.scalar(None, col.type)))
    return out.with_table(result, "cow_gw")


