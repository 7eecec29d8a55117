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

    # Pack and user text may hold Rich markup ("[/red]"): escaped, it prints as written instead of crashing.
    table = Table(title=escape(title) if title else title, caption=escape(caption) if caption else caption,
                  show_lines=False, header_style="bold")
    for col in frame.columns:
        justify: JustifyMethod = "right" if frame[col].dtype.kind in "if" else "left"
        table.add_column(escape(str(col)), justify=justify, overflow="fold")
    for row in frame.itertuples(index=False):
        cells = []
        for v in row:
            v = _jsonable(v)
            if v is None:
                cells.append("")
            elif isinstance(v, float):
                cells.append(f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}")
            else:
                cells.append(escape(str(v)))
        table.add_row(*cells)
    console.print(table)
