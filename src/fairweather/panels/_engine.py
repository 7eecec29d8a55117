"""Under the verbs: the publishers' files read once, reduced to small keyed tables, joined by position.

WHY this split: DuckDB is good at reshaping a Parquet or CSV file (spells into
years, both orders of a dyad, sums by year, one dispute per dyad-year), and the
result is small; a file that only needs some of its columns is read with Arrow
(:func:`projected_table`), without a database. Joining that result onto a two-million-row panel is done by
:mod:`fairweather.panels._lookup` (which row of the small table each panel row finds) and
:mod:`fairweather.panels._gather` (the new columns, made block by block in the panel's own
order): one DuckDB join per verb had to sort its output back, and that sort
and the Arrow conversion of the wide result were most of a pipeline's time.
A file is read once per process (a cache keyed by its path, size and
modification time), so the second dyad of a verb, or the next panel, does not
read it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fairweather.errors import MissingReferenceError, PanelError, PanelUnitError, ReferenceFormatError
from fairweather.panels._catalog import SOURCES
from fairweather.panels._gather import Job, column_numpy, gather_chunked
from fairweather.panels._lookup import Gather, Keyed, Match, gather, small_pages
from fairweather.panels._panel import Panel, resolve_reference

__all__ = ["connect", "source_path", "scan", "read_columns", "reference_table", "projected_table", "Reference", "Col",
           "add_columns", "require", "THREADS", "MEMORY_LIMIT"]

#: DuckDB's threads and memory ceiling for a verb: the machine the targets are set for has 2 cores.
THREADS = 2
MEMORY_LIMIT = "1GB"


_DATABASE: list[duckdb.DuckDBPyConnection] = []


def connect() -> duckdb.DuckDBPyConnection:
    """A connection of its own (own temporary views) to one in-memory database per process.

    WHY one database: opening a DuckDB database costs about 50 ms, as much as a verb's whole join;
    a cursor on an open one costs nothing.
    """
    if not _DATABASE:
        _DATABASE.append(duckdb.connect(config={"threads": THREADS, "memory_limit": MEMORY_LIMIT}))
    return _DATABASE[0].cursor()


def source_path(key: str, system: str, reference: Path | str | None, panel: Panel | None = None,
                file: str | None = None) -> Path:
    """The file of dataset ``key`` for ``system`` (or its companion ``file``) in the reference folder; a clear error
    naming it if absent."""
    src = SOURCES[key]
    if file is not None and file not in src.extra:
        raise PanelError(f"{file!r} is not a file of the dataset {key!r}; its files are {', '.join(src.extra)}.")
    name = file or src.file(system)
    folder = resolve_reference(reference, panel)
    path = folder / name
    if not path.is_file():
        raise MissingReferenceError(f"{name} is not in the reference folder {str(folder)!r}. It is "
                                    f"{src.title.rstrip('.')}; its publisher offers it at {src.url}. Save it in "
                                    f"that folder under that name.", path)
    return path


def scan(con: duckdb.DuckDBPyConnection, name: str, path: Path, columns: Iterable[str]) -> None:
    """A view ``name`` over a Parquet or CSV file, after checking its documented ``columns`` are there."""
    p = str(path).replace("'", "''")
    reader = f"read_parquet('{p}')" if path.suffix == ".parquet" else \
        f"read_csv('{p}', header=true, nullstr=['', 'NA'], sample_size=-1)"
    try:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM {reader}")
        have = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
    except duckdb.Error as exc:
        raise ReferenceFormatError(f"cannot be read: {exc}", file=str(path)) from None
    missing = [c for c in columns if c not in have]
    if missing:
        raise ReferenceFormatError(f"lacks the documented column(s) {', '.join(missing)}; it has {', '.join(have[:12])}",
                                   file=str(path), field=missing[0])


def require(panel: Panel, verb: str, supports: Iterable[tuple[str, str]], hint: str = "") -> None:
    """Refuse a panel whose (unit, system) the verb does not support, naming both."""
    ok = set(supports)
    if (panel.unit, panel.system) in ok:
        return
    what = "; ".join(f"{u} ({s})" for u, s in sorted(ok))
    start = sorted(ok)[0]
    create = "create_state_years" if start[0] == "state_year" else "create_dyad_years"
    raise PanelUnitError(f"{verb}() supports {what} panels; got a {panel.unit} panel in the {panel.system} system. "
                         f"Start the pipe with {create}(system={start[1]!r}){hint}.")


def check_new_columns(panel: Panel, names: Iterable[str], verb: str) -> None:
    clash = [n for n in names if n in panel.columns]
    if clash:
        raise PanelError(f"{verb}() would overwrite the column(s) {', '.join(clash)} the panel already has; "
                         f"drop them first or add the verb once.")




@dataclass(frozen=True)
class Reference:
    """A reference table built from a publisher's file: keyed rows and the years the data cover (None: unstated)."""

    keyed: Keyed
    years: tuple[int, int] | None


_CACHE: dict[tuple, Reference] = {}
_CACHE_SIZE = 32


def _file_key(name: str, paths: Sequence[Path]) -> tuple:
    return (name, *((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in paths))


def _remember(key: tuple, ref: Reference) -> Reference:
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = ref
    return ref


def reference_table(name: str, path: Path, keys: Sequence[str], build: Callable[[duckdb.DuckDBPyConnection], str],
                    years_sql: str | None = None, also: Sequence[Path] = ()) -> Reference:
    """The table ``build(con)``'s SQL returns, keyed on ``keys``, read once per process and file version.

    ``build`` registers what it needs (usually :func:`scan` of ``path``) and returns the SELECT of the
    table; ``years_sql``, run after it, returns the data's first and last year. ``name`` tells builds of
    the same file apart (a verb may shape one file two ways); ``also`` names other files the build reads.
    """
    key = _file_key(name, (path, *also))
    if key in _CACHE:
        return _CACHE[key]
    con = connect()
    try:
        table = _cast_decimals(con.sql(build(con)).to_arrow_table())
        years = None
        if years_sql is not None:
            lo, hi = con.execute(years_sql).fetchall()[0]
            years = None if lo is None else (int(lo), int(hi))
    finally:
        con.close()
    return _remember(key, Reference(Keyed(table, keys, f"{path.name} ({name})"), years))


def read_columns(path: Path, columns: Sequence[str]) -> pa.Table:
    """Only ``columns`` of a Parquet or CSV file (missing = empty or NA), after checking they are all there.

    WHY not DuckDB: a verb that only projects a file needs no query; reading the columns with Arrow
    skips opening a database (about 0.1 s, once per process) and a query's planning.
    """
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    try:
        if path.suffix == ".parquet":
            have = pq.read_schema(path).names
        else:
            have = pcsv.read_csv(path, read_options=pcsv.ReadOptions(skip_rows_after_names=1 << 30)).column_names
    except (OSError, pa.ArrowException) as exc:
        raise ReferenceFormatError(f"cannot be read: {exc}", file=str(path)) from None
    missing = [c for c in columns if c not in have]
    if missing:
        raise ReferenceFormatError(f"lacks the documented column(s) {', '.join(missing)}; it has {', '.join(have[:12])}",
                                   file=str(path), field=missing[0])
    try:
        if path.suffix == ".parquet":
            return pq.read_table(path, columns=list(columns))
        return pcsv.read_csv(path, convert_options=pcsv.ConvertOptions(
            include_columns=list(columns), null_values=["", "NA"], strings_can_be_null=True))
    except pa.ArrowException as exc:
        raise ReferenceFormatError(f"cannot be read: {exc}", file=str(path)) from None


def projected_table(name: str, path: Path, keys: Sequence[str], columns: Sequence[str]) -> Reference:
    """The key and ``columns`` of a file as they are, keyed on ``keys``, read once per process and file version;
    the data's years are those of its ``year`` column."""
    key = _file_key(name, (path,))
    if key in _CACHE:
        return _CACHE[key]
    table = read_columns(path, (*keys, *columns))
    years = None
    if "year" in table.column_names and table.num_rows:
        lo, hi = pc.min_max(table["year"]).values()
        years = None if lo.as_py() is None else (int(lo.as_py()), int(hi.as_py()))
    return _remember(key, Reference(Keyed(_cast_decimals(table), keys, f"{path.name} ({name})"), years))


@dataclass(frozen=True)
class Col:
    """A new column: ``column`` of ``ref``, found by the panel's columns ``on`` (in the order of the table's key).

    With ``fill``, a row the data do not list, or list as missing, is ``fill`` inside ``ref.years``
    and NA outside them. A name starting with ``_`` is gathered for ``derive`` and not kept.
    """

    name: str
    ref: Reference
    on: tuple[str, ...]
    column: str
    fill: int | float | None = None


def add_columns(panel: Panel, verb: str, source: str | None, cols: Sequence[Col],
                derive: Callable[[dict[str, pa.Array]], dict[str, pa.Array]] | None = None) -> Panel:
    """The panel with ``cols`` (and what ``derive`` makes of them) appended, in the panel's own row order."""
    with small_pages():
        return _add_columns(panel, verb, source, cols, derive)


def _add_columns(panel: Panel, verb: str, source: str | None, cols: Sequence[Col],
                 derive: Callable[[dict[str, pa.Array]], dict[str, pa.Array]] | None) -> Panel:
    names = [c.name for c in cols if not c.name.startswith("_")]
    check_new_columns(panel, names, verb)
    keys = {k: column_numpy(panel.table, k) for k in dict.fromkeys(k for c in cols for k in c.on)}
    if "year" in panel.table.column_names and "year" not in keys:
        keys["year"] = column_numpy(panel.table, "year")
    jobs = [Job(c.ref.keyed, c.on, c.column, c.fill, c.ref.years, c.on.index("year") if "year" in c.on else None)
            for c in cols]
    numeric = [j.keyed.extended(j.column, j.fill, j.years, j.year_key) is not None for j in jobs]
    new = dict(zip((c.name for c, ok in zip(cols, numeric) if ok),
                   gather_chunked(keys, panel.table.num_rows, [j for j, ok in zip(jobs, numeric) if ok])))
    if not all(numeric):   # text columns: one whole-panel match and Arrow's take
        matches: dict[tuple, Match] = {}
        for c, j, ok in zip(cols, jobs, numeric):
            if ok:
                continue
            mk = (id(j.keyed), j.on)
            if mk not in matches:
                matches[mk] = j.keyed.find([keys[k] for k in j.on])
            match = matches[mk]
            if j.fill is not None:
                match = match.filled(_inside(panel, j.years))
            new[c.name] = gather(Gather(j.keyed, j.column, match, j.fill, j.years, j.year_key))
        new = {c.name: new[c.name] for c in cols}
    if derive is not None:
        made = derive(new)
        check_new_columns(panel, made, verb)
        new.update(made)
    table = panel.table
    for name, arr in new.items():
        if not name.startswith("_"):
            table = table.append_column(name, arr)
    return panel.with_table(table, source)


def _inside(panel: Panel, years: tuple[int, int] | None) -> np.ndarray:
    """Which rows of the panel lie inside ``years`` (all of them if the data state none)."""
    year = np.asarray(panel.table["year"].to_numpy(zero_copy_only=False))
    if years is None:
        return np.ones(len(year), dtype=bool)
    return (year >= years[0]) & (year <= years[1])


def _cast_decimals(table: pa.Table) -> pa.Table:
    """DuckDB's DECIMAL results (CSV numbers, sums) as float64, so files and pandas agree."""
    fields = [pa.field(f.name, pa.float64()) if pa.types.is_decimal(f.type) else f for f in table.schema]
    return table.cast(pa.schema(fields)) if any(pa.types.is_decimal(f.type) for f in table.schema) else table
