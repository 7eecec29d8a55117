"""Shared pieces of the command line: output formats, error translation, options."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

__all__ = [
    "OutputFormat",
    "console",
    "err_console",
    "friendly_errors",
    "render_frame",
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


@contextlib.contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn fairweather's errors into a clear message and exit code 2 (1 for invalid data)."""
    from fairweather.errors import FairweatherError, PackValidationError

    try:
        yield
    except PackValidationError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(1) from None
    except FairweatherError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None


def parse_date(value: str | None, option: str = "--date") -> dt.date | None:
    """Parse an ISO date given on the command line, naming the option when it is wrong."""
    if value is None or value == "":
        return None
    from fairweather.errors import DateError

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DateError(f"{option} must be a date written YYYY-MM-DD, e.g. 2025-06-13; got {value!r}.") from None


def parse_actors(value: str | None) -> list[str]:
    """Parse a comma-separated list of attackers: states or armed groups (``Hamas``, ``the Houthis``)."""
    if not value:
        return []
    from fairweather.actors import to_actor

    return [to_actor(v.strip()) for v in value.split(",") if v.strip()]


def parse_states(value: str | None) -> list[str]:
    """Parse a comma-separated list of states (codes or names) into ISO3 codes."""
    if not value:
        return []
    from fairweather.codes import to_iso3

    return [to_iso3(v.strip()) for v in value.split(",") if v.strip()]


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


def render_frame(frame, fmt: OutputFormat, title: str | None = None, caption: str | None = None) -> None:
    """Print a DataFrame as a Rich table, JSON (a list of rows) or CSV."""
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(frame_records(frame), indent=2, ensure_ascii=False) + "\n")
        return
    if fmt == OutputFormat.csv:
        sys.stdout.write(frame.to_csv(index=False))
        return
    from rich.table import Table

    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for col in frame.columns:
        justify = "right" if frame[col].dtype.kind in "if" else "left"
        table.add_column(str(col), justify=justify, overflow="fold")
    for row in frame.itertuples(index=False):
        cells = []
        for v in row:
            v = _jsonable(v)
            if v is None:
                cells.append("")
            elif isinstance(v, float):
                cells.append(f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}")
            else:
                cells.append(str(v))
        table.add_row(*cells)
    console.print(table)
