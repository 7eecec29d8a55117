"""Reading a data pack folder: every table's CSV parts, as raw strings with their origin."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from fairweather.errors import PackError, PackProblem
from fairweather.pack.schema import TABLE_ORDER, TABLES

__all__ = ["RawRow", "RawTable", "RawPack", "read_pack", "embedded_pack_path", "pack_files", "pack_hash", "scan_table"]


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
    #: Tables with a file that could not be read whole (not UTF-8, bad header, unreadable): checks that
    #: refer to them are skipped, so one bad file gives one problem rather than hundreds of follow-ons.
    incomplete: set[str] = field(default_factory=set)


def embedded_pack_path() -> Path:
    """Folder of the data pack that ships inside the package."""
    return Path(str(resources.files("fairweather") / "pack" / "data"))


def _inside(folder: Path, path: Path) -> bool:
    """True when ``path``, with every symlink resolved, lies inside ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, or a symlink loop
        return False
    return True


def scan_table(folder: Path, table: str) -> tuple[list[Path], list[PackProblem]]:
    """The CSV files holding ``table`` and the problems of the files that look like its parts but are not read.

    WHY: a file the loader skips silently (``responses/evaluation.CSV``, a
    symlink to ``/etc/passwd``) either empties a table while validation says OK
    or leaks the target's text into error messages. Such files are reported
    instead: a part must end in ``.csv`` (lower case) and resolve inside the pack.
    Hidden files (``.DS_Store``, editor swap files) are ignored.
    """
    files: list[Path] = []
    problems: list[PackProblem] = []

    def consider(path: Path) -> None:
        rel = str(path.relative_to(folder))
        if not _inside(folder, path):
            problems.append(PackProblem(rel, None, None, "is a symbolic link that points outside the pack folder; "
                                        "copy the file into the pack instead of linking to it"))
        elif not path.is_file():
            problems.append(PackProblem(rel, None, None, "is not a regular file; a table part must be a CSV file"))
        else:
            files.append(path)

    single = folder / f"{table}.csv"
    if single.exists() or single.is_symlink():
        consider(single)
    for other in sorted(folder.glob(f"{table}.*")):
        if other.name != single.name and other.suffix.lower() in (".csv", ".tsv", ".txt"):
            problems.append(PackProblem(str(other.relative_to(folder)), None, None,
                                        f"is not read: table files must end in .csv (lower case); rename it to {single.name}"))
    sub = folder / table
    if sub.is_symlink() and not _inside(folder, sub):
        problems.append(PackProblem(table, None, None, "is a symbolic link to a folder outside the pack; "
                                    "copy the files into the pack instead of linking to them"))
    elif sub.is_dir():
        for path in sorted(sub.iterdir()):
            if path.name.startswith("."):
                continue
            if path.suffix == ".csv":
                consider(path)
            else:
                hint = f"rename it to {path.stem}.csv" if path.suffix.lower() == ".csv" else "move it out of the pack folder"
                problems.append(PackProblem(str(path.relative_to(folder)), None, None,
                                            f"is not read: only files ending in .csv (lower case) hold table {table!r}; {hint}"))
    return files, problems


def pack_files(folder: Path, table: str) -> list[Path]:
    """The CSV files holding ``table`` in ``folder``: ``<table>.csv`` and ``<table>/*.csv`` (inside the pack only)."""
    return scan_table(folder, table)[0]


def pack_hash(folder: Path) -> str:
    """SHA-256 over the pack's table files (names and bytes), to tie fitted models to their data."""
    h = hashlib.sha256()
    for table in TABLE_ORDER:
        for path in pack_files(folder, table):
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _decode(data: bytes, rel: str) -> tuple[str | None, PackProblem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, PackProblem(rel, None, None, f"is not UTF-8 text: byte {exc.start} (line {line}) is "
                                 f"{data[exc.start:exc.start + 1]!r} ({exc.reason}); save the file as UTF-8 and validate again")


def _header_holds(rel: str, table: str, header: list[str], problems: list[PackProblem]) -> bool:
    """True when ``header`` names only ``table``'s columns, each once, and every required one; else each problem."""
    spec = TABLES[table]
    known = set(spec.column_names)
    before = len(problems)
    for col in header:
        if col not in known:
            problems.append(
                PackProblem(rel, 0, col, f"unknown column for table {table!r}; expected columns: {', '.join(spec.column_names)}")
            )
    for col in spec.required_columns:
        if col not in header:
            problems.append(PackProblem(rel, 0, col, f"required column of table {table!r} is missing from the header"))
    if len(set(header)) != len(header):
        problems.append(PackProblem(rel, 0, None, "the header repeats a column name"))
    return len(problems) == before


def _read_file(folder: Path, path: Path, table: str, out: RawTable, problems: list[PackProblem]) -> bool:
    """Read one part of ``table`` into ``out``; False when the file as a whole could not be read."""
    rel = str(path.relative_to(folder))
    spec = TABLES[table]
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(PackProblem(rel, None, None, f"cannot be read: {exc.strerror}; check its permissions"))
        return False
    text, problem = _decode(data, rel)
    if problem is not None:
        problems.append(problem)  # one problem for the file, not one per row it would have held
        return False
    # newline="" lets the csv module see the file's own line ends: str.splitlines would also split on
    # U+2028, U+0085 or form feeds inside a field and shift every later row number.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        problems.append(PackProblem(rel, None, None, "is empty; it needs at least a header row"))
        return False
    except csv.Error as exc:
        problems.append(PackProblem(rel, 0, None, f"malformed CSV header: {exc}"))
        return False
    header = [h.strip() for h in header]
    if not _header_holds(rel, table, header, problems):
        return False
    out.files.append(rel)
    n = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # report the row and read on: the csv reader resumes at the next line
            n += 1
            problems.append(PackProblem(rel, n, None, f"malformed CSV at line {reader.line_num}: {exc}; "
                                        "quote the field and double any quote inside it"))
            continue
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
    return True


def read_pack(folder: Path | str | None = None) -> RawPack:
    """Read every table of the pack in ``folder`` (default: the embedded pack) without parsing values.

    Raises
    ------
    PackError
        If the folder does not exist. Problems inside files are collected in
        ``RawPack.problems`` instead, so that validation can report them all.
    """
    folder = Path(folder) if folder is not None else embedded_pack_path()
    if folder.exists() and not folder.is_dir():
        raise PackError(f"Data pack {str(folder)!r} is a file, not a folder; give the folder that holds the pack's CSV "
                        f"files (e.g. {str(folder.parent)!r} if the file is one of them).")
    if not folder.is_dir():
        raise PackError(f"Data pack folder {str(folder)!r} does not exist; give a folder that holds the pack's CSV files.")
    problems: list[PackProblem] = []
    raw_incomplete: set[str] = set()
    tables: dict[str, RawTable] = {}
    for name in TABLE_ORDER:
        raw = RawTable(name)
        files, found = scan_table(folder, name)
        problems.extend(found)
        if found:
            raw_incomplete.add(name)
        if not files and not found and not TABLES[name].optional:  # an optional table may be absent: it loads empty
            problems.append(PackProblem(f"{name}.csv", None, None, f"table {name!r} is missing: add {name}.csv or a folder {name}/ of CSV files"))
        for path in files:
            if not _read_file(folder, path, name, raw, problems):
                raw_incomplete.add(name)
        tables[name] = raw
    return RawPack(folder, tables, problems, raw_incomplete)
