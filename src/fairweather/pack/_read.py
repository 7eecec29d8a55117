"""Reading a data pack folder: every table's CSV parts, as raw strings with their origin."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from fairweather.errors import PackError, PackProblem
from fairweather.pack.schema import TABLE_ORDER, TABLES

__all__ = ["RawRow", "RawTable", "RawPack", "read_pack", "embedded_pack_path", "pack_files", "pack_hash"]


@dataclass(frozen=True)
class RawRow:
    """One data row as written: its fields as strings and where it came from."""

    file: str  # path relative to the pack folder
    row: int  # 1-based data row within its file (the header is not counted)
    line: int  # 1-based physical line in the file where the row ends
    values: dict[str, str]


@dataclass
class RawTable:
    name: str
    rows: list[RawRow] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass
class RawPack:
    """Every table of a pack, unparsed, plus the file-level problems met while reading."""

    folder: Path
    tables: dict[str, RawTable]
    problems: list[PackProblem]


def embedded_pack_path() -> Path:
    """Folder of the data pack that ships inside the package."""
    return Path(str(resources.files("fairweather") / "pack" / "data"))


def pack_files(folder: Path, table: str) -> list[Path]:
    """The CSV files holding ``table`` in ``folder``: ``<table>.csv`` and ``<table>/*.csv``."""
    files: list[Path] = []
    single = folder / f"{table}.csv"
    if single.is_file():
        files.append(single)
    sub = folder / table
    if sub.is_dir():
        files.extend(sorted(p for p in sub.glob("*.csv") if p.is_file()))
    return files


def pack_hash(folder: Path) -> str:
    """SHA-256 over the pack's table files (names and bytes), to tie fitted models to their data."""
    h = hashlib.sha256()
    for table in TABLE_ORDER:
        for path in pack_files(folder, table):
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _read_file(folder: Path, path: Path, table: str, out: RawTable, problems: list[PackProblem]) -> None:
    rel = str(path.relative_to(folder))
    spec = TABLES[table]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(PackProblem(rel, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"))
        return
    except OSError as exc:
        problems.append(PackProblem(rel, None, None, f"cannot be read: {exc.strerror}"))
        return
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        problems.append(PackProblem(rel, None, None, "is empty; it needs at least a header row"))
        return
    except csv.Error as exc:
        problems.append(PackProblem(rel, 0, None, f"malformed CSV header: {exc}"))
        return
    header = [h.strip() for h in header]
    known = set(spec.column_names)
    bad_header = False
    for col in header:
        if col not in known:
            problems.append(
                PackProblem(rel, 0, col, f"unknown column for table {table!r}; expected columns: {', '.join(spec.column_names)}")
            )
            bad_header = True
    for col in spec.required_columns:
        if col not in header:
            problems.append(PackProblem(rel, 0, col, f"required column of table {table!r} is missing from the header"))
            bad_header = True
    if len(set(header)) != len(header):
        problems.append(PackProblem(rel, 0, None, "the header repeats a column name"))
        bad_header = True
    if bad_header:
        return
    out.files.append(rel)
    n = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(PackProblem(rel, n + 1, None, f"malformed CSV at line {reader.line_num}: {exc}"))
            return
        n += 1
        if not fields or all(not f.strip() for f in fields):
            continue  # blank line
        if len(fields) != len(header):
            problems.append(
                PackProblem(rel, n, None, f"has {len(fields)} fields but the header has {len(header)} (line {reader.line_num}); quote fields that contain commas")
            )
            continue
        values = {col: "" for col in spec.column_names}
        values.update({h: f.strip() for h, f in zip(header, fields)})
        out.rows.append(RawRow(rel, n, reader.line_num, values))


def read_pack(folder: Path | str | None = None) -> RawPack:
    """Read every table of the pack in ``folder`` (default: the embedded pack) without parsing values.

    Raises
    ------
    PackError
        If the folder does not exist. Problems inside files are collected in
        ``RawPack.problems`` instead, so that validation can report them all.
    """
    folder = Path(folder) if folder is not None else embedded_pack_path()
    if not folder.is_dir():
        raise PackError(f"Data pack folder {str(folder)!r} does not exist; give a folder that holds the pack's CSV files.")
    problems: list[PackProblem] = []
    tables: dict[str, RawTable] = {}
    for name in TABLE_ORDER:
        raw = RawTable(name)
        files = pack_files(folder, name)
        if not files and not TABLES[name].optional:  # an optional table may be absent: it loads empty
            problems.append(PackProblem(f"{name}.csv", None, None, f"table {name!r} is missing: add {name}.csv or a folder {name}/ of CSV files"))
        for path in files:
            _read_file(folder, path, name, raw, problems)
        tables[name] = raw
    return RawPack(folder, tables, problems)
