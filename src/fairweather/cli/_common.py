"""Shared pieces of the command line: output formats, error translation, options."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from fairweather.cli._errors import ExitCode, friendly_errors

__all__ = [
    "ExitCode",
    "escape",
    "OutputFormat",
    "console",
    "err_console",
    "friendly_errors",
    "render_frame",
    "csv_safe",
    "parse_date",
    "parse_states",
    "PACK_OPTION_HELP",
    "DB_OPTION_HELP",
    "open_store",
]

console = Console()
err_console = Console(stderr=True)

PACK_OPTION_HELP = "Data pack folder to load instead of the embedded pack (same CSV format)."
DB_OPTION_HELP = "DuckDB file to keep the store in (default: in memory)."


class OutputFormat(str, Enum):
    """How a command prints tabular output."""

    table = "table"
    json = "json"
    csv = "csv"


def parse_date(value: str | None, option: str = "--date") -> dt.date | None:
    """Parse an ISO date given on the command line, naming the option when it is wrong (:func:`fairweather.inputs.parse_date`)."""
    from fairweather.inputs import parse_date as read_date

    return read_date(value, option)


def parse_actors(value: str | None) -> list[str]:
    """Parse a list of attackers, states or armed groups (``Hamas``, ``the Houthis``) (:func:`fairweather.inputs.parse_states`)."""
    from fairweather.inputs import parse_states as read_states

    return list(read_states(value, "--attackers", groups=True))


def parse_states(value: str | None) -> list[str]:
    """Parse a list of states (codes or names, ',' or ';' between) into ISO3 codes, each once."""
    from fairweather.inputs import parse_states as read_states

    return list(read_states(value))


def open_store(pack: Path | None = None, db: Path | None = None):
    """Open the store on the embedded pack (or ``pack``), in memory (or in ``db``)."""
    from fairweather.store import Store

    return Store.open(pack=pack, db=db)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):
        try:
            return value.item()
        except (ValueError, AttributeError):
            pass
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, (str, list, dict)) and pd.isna(value)):
            return None
    except (TypeError, ValueError):
        pass
    return value


def frame_records(frame) -> list[dict[str, Any]]:
    """Rows of a DataFrame as JSON-ready dicts (dates as ISO strings, missing as null)."""
    return [{k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_safe(frame):
    """A copy of ``frame`` whose text cells that a spreadsheet would run as a formula start with a single quote.

    WHY: ``predict`` copies its input cells into its CSV, and a cell such as
    ``=HYPERLINK("http://evil", "x")`` would run when the CSV is opened in Excel
    or LibreOffice. Following OWASP, a text cell that starts with ``=``, ``+``,
    ``-``, ``@``, tab or carriage return gets a leading ``'``. Numbers (``-0.5``,
    also as text) are left alone.
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype.kind in "biufcmM":
            continue
        out[col] = [f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) and not _is_number(v) else v
                    for v in out[col]]
    return out


def render_frame(frame, fmt: OutputFormat, title: str | None = None, caption: str | None = None) -> None:
    """Print a DataFrame as a Rich table, JSON (a list of rows) or CSV."""
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(frame_records(frame), indent=2, ensure_ascii=False) + "\n")
        return
    if fmt == OutputFormat.csv:
        sys.stdout.write(csv_safe(frame).to_csv(index=False))
        return
    from rich.console import JustifyMethod
    from rich.table import Table

    formats = [_float_format(frame[c]) for c in frame.columns]
    rows = [[_cell_text(v, f) for v, f in zip(row, formats)] for row in frame.itertuples(index=False)]
    columns = [str(c) for c in frame.columns]
    if not _fits(columns, rows, console.width):
        _print_records(columns, rows, title, caption)
        return
    # Pack and user text may hold Rich markup ("[/red]"): escaped, it prints as written instead of crashing.
    from rich import box

    # no vertical rules (the backtest's style): two spaces between columns leave the text more of 80 columns
    table = Table(title=escape(title) if title else title, caption=escape(caption) if caption else caption,
                  show_lines=False, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for j, col in enumerate(frame.columns):
        justify: JustifyMethod = "right" if frame[col].dtype.kind in "if" else "left"
        # a short column (a date span, a code, a number) keeps its cells on one line; long text wraps
        short = _longest(columns, rows, j) <= SHORT_COLUMN
        table.add_column(escape(str(col)), justify=justify, overflow="fold", no_wrap=short)
    for cells in rows:
        table.add_row(*[escape(c) for c in cells])
    console.print(table)


#: Below this width a column's text breaks into a word per line; a table that cannot give every column
#: this much (or its longest cell, if shorter) is printed as records instead.
MIN_COLUMN = 14


def _float_format(column: Any) -> str:
    """One format for a column's numbers, so that they line up: three decimals below 10, two below 100,
    one below 1,000, none (with thousands separators) above."""
    import pandas as pd

    if column.dtype.kind != "f":
        return "{:.3g}"  # a float in a column of mixed values: three significant digits
    values = pd.to_numeric(column, errors="coerce")
    finite = values[values.abs() < float("inf")]
    top = finite.abs().max()
    if len(finite) and (finite == finite.round()).all():
        return "{:,.0f}"  # counts: whole numbers stay whole
    if pd.isna(top) or top < 10:
        return "{:.3f}"
    small = finite.abs()[finite.abs() > 0].min()
    if small < 1:  # shares beside counts (agreement's figures): each value with three significant digits
        return ""
    return "{:.2f}" if top < 100 else ("{:.1f}" if top < 1000 else "{:,.0f}")


def _cell_text(v: Any, fmt: str = "{:.3g}") -> str:
    v = _jsonable(v)
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:
            return ""
        if not fmt:
            return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"
        return fmt.format(v)
    return str(v)


#: A column whose longest cell is at most this long is never wrapped (``2025-01-01..2029-12-31``).
SHORT_COLUMN = 24


def _longest(columns: list[str], rows: list[list[str]], j: int) -> int:
    cells = [len(r[j]) for r in rows]
    return max(cells) if cells else len(columns[j])


def _fits(columns: list[str], rows: list[list[str]], width: int) -> bool:
    """True when every short column gets its longest cell and every other :data:`MIN_COLUMN` characters
    (and its header's longest word) within ``width``."""
    need = -2  # a table without vertical rules or edge padding: two spaces between columns
    for j, col in enumerate(columns):
        longest = _longest(columns, rows, j)
        word = len(max(col.split() or [""], key=len))
        need += max(word, longest if longest <= SHORT_COLUMN else MIN_COLUMN) + 2
    return need <= width


def _print_records(columns: list[str], rows: list[list[str]], title: str | None, caption: str | None) -> None:
    """A table too wide for the terminal, as prose: each row a paragraph headed by its first cell,
    short fields on one line (``name: value · name: value``), long ones on lines of their own."""
    if title:
        console.print(f"[bold]{escape(title)}[/]", highlight=False)
    for cells in rows:
        head, rest = cells[0], list(zip(columns[1:], cells[1:]))
        short = [f"{escape(c)}: {escape(v)}" for c, v in rest if v and len(v) <= 40]
        console.print(f"[bold]{escape(head) or '—'}[/]", highlight=False)
        if short:
            console.print("  " + " · ".join(short), highlight=False)
        for c, v in rest:
            if v and len(v) > 40:
                console.print(f"  [dim]{escape(c)}:[/] {escape(v)}", highlight=False)
    if caption:
        console.print(f"[dim]{escape(caption)}[/]", highlight=False)
