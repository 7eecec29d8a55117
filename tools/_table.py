"""What every ``tools/build_*.py`` script does once its rows are built: write the table, say so.

Run as ``python tools/build_X.py FILE`` from the repository root (this folder is then on the path).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

__all__ = ["write_table", "run"]


def write_table(out: Path, fieldnames: list[str], rows: list[dict[str, str]]) -> None:
    """``rows`` as a UTF-8 CSV at ``out``, columns in the order of ``fieldnames``."""
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fieldnames)
        w.writeheader()
        w.writerows(rows)


def run(argv: list[str], doc: str | None, build: Callable[[Path], list[dict[str, str]]], out: Path,
        fieldnames: list[str], what: Callable[[list[dict[str, str]]], str]) -> int:
    """The command line of a build script that reads one publisher's file: usage (exit 2) unless one
    path is given, else build, write ``out`` and print ``what(rows) -> out``."""
    if len(argv) != 1:
        print(doc)
        return 2
    rows = build(Path(argv[0]))
    write_table(out, fieldnames, rows)
    print(f"{what(rows)} -> {out}")
    return 0
