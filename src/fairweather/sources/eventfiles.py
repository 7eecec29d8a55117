"""Read event files of any supported publisher format, told apart by their content.

:func:`read_events` sniffs each file (GDELT 1.0/2.0 exports, ICEWS official
or knowledge-graph files, PLOVER JSON records, POLECAT tab files, or Parquet
written from the normalized event table) and hands it to its importer; the
results are concatenated into one table and one report.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from typing import Literal

import pyarrow as pa

from fairweather.errors import EventFileError, EventFormatError
from fairweather.events.schema import EVENT_SCHEMA, EventImport, ImportReport
from fairweather.sources._eventio import INTENSITY_RANGE, PathLike, Progress, _local, open_text, reading

__all__ = ["EventSource", "sniff_format", "expand_paths", "read_events"]

EventSource = Literal["auto", "gdelt", "icews", "plover", "parquet"]


def expand_paths(items: Iterable[str]) -> list[str]:
    """Split comma-separated items and expand glob patterns (URLs are kept as they are)."""
    out: list[str] = []
    for item in items:
        for part in (p.strip() for p in str(item).split(",")):
            if not part:
                continue
            if part.startswith(("http://", "https://")) or not glob.has_magic(part):
                out.append(part)
                continue
            hits = sorted(glob.glob(part))
            if not hits:
                raise EventFormatError(f"No event file matches {part!r}.")
            out.extend(hits)
    return out


def sniff_format(path: str) -> EventSource:
    """Which importer reads ``path``, from its name and first line."""
    if path.lower().endswith(".parquet"):
        return "parquet"
    with reading(path), open_text(path, encoding="latin-1") as streams:
        if not streams:
            raise EventFormatError(f"{path}: the archive holds no file.")
        label, stream = streams[0]
        first = ""
        for line in stream:
            if line.strip():
                first = line.rstrip("\r\n")
                break
    head = first.lstrip("\ufeff\xef\xbb\xbf ")
    fields = head.split("\t")
    if head.startswith(("{", "[")):
        return "plover"
    if head.startswith("Event ID"):
        return "plover" if "Event Type" in fields else "icews"
    if len(fields) in (57, 58, 61):
        return "gdelt"
    if len(fields) == 4:
        return "icews"
    raise EventFormatError(
        f"{label}, line 1: cannot tell the format (found {len(fields)} tab-separated fields). "
        "Expected a GDELT export (57, 58 or 61 columns), an ICEWS file (header 'Event ID…' or 4 fields), "
        "PLOVER JSON lines or a POLECAT file; pass the source explicitly."
    )


def _read_parquet(path: str) -> pa.Table:
    """A Parquet file written from the normalized event table, checked like the importers check their rows."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    with _local(path) as local:
        try:
            table = pq.read_table(local)
        except (pa.ArrowException, OSError) as exc:
            raise EventFileError(f"Event file {path} is not a readable Parquet file ({exc}); give a file written by "
                                 "`fairweather events import`, or pass the publisher's file itself.", path) from None
    missing = [n for n in EVENT_SCHEMA.names if n not in table.column_names]
    if missing:
        raise EventFormatError(f"{path}: not a fairweather event table; missing column(s) {', '.join(missing)}.")
    try:
        table = table.select(EVENT_SCHEMA.names).cast(EVENT_SCHEMA)
    except (pa.ArrowException, ValueError) as exc:
        raise EventFormatError(f"{path}: a column does not have the event table's type ({exc}); write it again with "
                               "`fairweather events import`.") from None
    lo, hi = INTENSITY_RANGE
    checks = [("intensity", pc.invert(pc.and_(pc.is_finite(table["intensity"]),
                                              pc.and_(pc.greater_equal(table["intensity"], lo),
                                                      pc.less_equal(table["intensity"], hi)))),
               f"must be a finite number within {lo:g}..{hi:g}"),
              ("mentions", pc.less(table["mentions"], 0), "a count cannot be negative")]
    for column, bad, what in checks:
        bad = pc.fill_null(bad, False)
        n_bad = pc.sum(bad).as_py() or 0
        if n_bad:
            first = pc.index(bad, True).as_py()
            raise EventFormatError(f"{path}, row {first + 1}, field {column!r}: {what} (got {table[column][first].as_py()!r}; "
                                   f"{n_bad} row(s) like it); nothing was read. Re-import the publisher's files.")
    return table


def read_events(
    paths: PathLike | Iterable[PathLike],
    *,
    source: EventSource = "auto",
    progress: Progress | None = None,
    on_file: Callable[[str, int, int], None] | None = None,
) -> EventImport:
    """Read event files into one normalized table and one import report.

    Parameters
    ----------
    paths
        Files, URLs, glob patterns or comma-separated lists of them.
    source
        ``"auto"`` (default: sniff each file) or the importer to use for all.
    progress
        Called with (file, lines read) as the import goes.
    on_file
        Called with (file, its index from 0, number of files) before each file is read; with
        (``""``, n, n) once all are read (what a per-file progress bar needs).
    """
    from fairweather.sources.gdelt import read_gdelt
    from fairweather.sources.icews import read_icews
    from fairweather.sources.plover import read_plover

    readers = {"gdelt": read_gdelt, "icews": read_icews, "plover": read_plover}
    if source != "auto" and source not in (*readers, "parquet"):
        raise EventFormatError(f"The event source must be one of auto, {', '.join(readers)}, parquet; got {source!r}.")
    items = [os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    files = expand_paths(items)
    if not files:
        raise EventFormatError("No event files given.")
    report = ImportReport()
    tables: list[pa.Table] = []
    for i, path in enumerate(files):
        if on_file is not None:
            on_file(path, i, len(files))
        kind = sniff_format(path) if source == "auto" else source
        if kind == "parquet":
            table = _read_parquet(path)
            report.files.append(path)
            report.rows_read += table.num_rows
            tables.append(table)
            continue
        part = readers[kind](path, progress=progress)
        report.merge(part.report)
        tables.append(part.table)
    if on_file is not None:
        on_file("", len(files), len(files))
    table = pa.concat_tables(tables) if tables else EVENT_SCHEMA.empty_table()
    report.rows_imported = table.num_rows
    return EventImport(table=table, report=report)
