"""Shared reading machinery of the event importers (GDELT, ICEWS, PLOVER).

Opens local files (plain, ``.gz`` or ``.zip`` with every member read) and
URLs (downloaded by streaming to a temporary file with :mod:`urllib`), yields
numbered lines, and collects rows column by column into Arrow record batches
of the normalized event schema.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import math
import os
import stat
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from fairweather.errors import EventFileError, EventFormatError, InputFileError
from fairweather.events.schema import EVENT_SCHEMA, EventImport, EventIssue, ImportReport

__all__ = [
    "PathLike",
    "Progress",
    "as_paths",
    "open_text",
    "iter_lines",
    "EventBuilder",
    "DateCache",
    "ActorMapper",
    "run_import",
    "reject",
    "warn",
    "reading",
    "intensity_problem",
    "MAX_LINE_CHARS",
]

#: Longest line an event file may hold. WHY: a file without line ends (``/dev/zero`` copied to disk, a
#: decompression bomb) would otherwise be read whole into one string until memory runs out.
MAX_LINE_CHARS = 4 * 1024 * 1024
#: Goldstein (CAMEO) and PLOVER intensities lie on this scale.
INTENSITY_RANGE = (-10.0, 10.0)

PathLike = str | os.PathLike
#: Called with (file label, lines read so far in that file) every 65,536 lines and at the end of a file.
Progress = Callable[[str, int], None]

_BATCH = 65_536


def as_paths(paths: PathLike | Iterable[PathLike]) -> list[str]:
    """One path or many, as a list of strings."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _is_url(path: str) -> bool:
    return path.startswith(("http://", "https://", "ftp://"))


@contextmanager
def _local(path: str) -> Iterator[str]:
    """A local path for ``path``; URLs are streamed to a temporary file first."""
    if not _is_url(path):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise EventFileError(f"Event file not found: {path}; check the path (relative paths start at "
                                 f"{os.getcwd()}).", path) from None
        except OSError as exc:
            raise EventFileError(f"Event file {path} cannot be read ({exc.strerror}); check the path.", path) from None
        if stat.S_ISDIR(st.st_mode):
            raise EventFileError(f"Event file {path} is a folder; give the files inside it, e.g. "
                                 f"'{os.path.join(path, '*.export.CSV.zip')}'.", path)
        if not stat.S_ISREG(st.st_mode):
            raise EventFileError(f"Event file {path} is not a regular file (a device, pipe or socket: it might "
                                 "never end); save the events to a file and give its path.", path)
        yield path
        return
    suffix = "".join(Path(path.split("?")[0]).suffixes[-2:])
    fd, tmp = tempfile.mkstemp(suffix=suffix, prefix="fairweather-events-")
    try:
        try:
            with urllib.request.urlopen(path, timeout=60) as resp, os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(resp, out, length=1 << 20)
        except OSError as exc:
            raise EventFormatError(f"Could not download {path}: {exc}") from exc
        yield tmp
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


@contextmanager
def reading(path: str) -> Iterator[None]:
    """Turn a corrupt or truncated archive, or an OS error met while reading ``path``, into an :class:`InputFileError`."""
    import zlib

    try:
        yield
    except InputFileError:
        raise
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise EventFileError(f"Event file {path} is not a valid .gz file ({exc}); download or copy it again.", path) from None
    except EOFError:
        raise EventFileError(f"Event file {path} is truncated: the compressed data ends early; download or copy it "
                             "again.", path) from None
    except zipfile.BadZipFile as exc:
        raise EventFileError(f"Event file {path} is not a valid .zip file ({exc}); download or copy it again.", path) from None
    except OSError as exc:
        raise EventFileError(f"Event file {path} cannot be read ({exc.strerror or exc}); check the file and try again.",
                             path) from None


class _BoundedLines(io.TextIOBase):
    """A text stream whose lines are at most :data:`MAX_LINE_CHARS` long (a longer one is an error, not a hang)."""

    def __init__(self, stream: io.TextIOBase, label: str) -> None:
        self._stream, self._label = stream, label

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        limit = MAX_LINE_CHARS + 1 if size is None or size < 0 else min(size, MAX_LINE_CHARS + 1)
        line = self._stream.readline(limit)
        if len(line) > MAX_LINE_CHARS:
            raise EventFileError(f"Event file {self._label} has a line longer than {MAX_LINE_CHARS:,} characters: not "
                                 "an event file (or not one with line ends); check that it is the right file.", self._label)
        return line

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return self

    def __next__(self) -> str:  # type: ignore[override]  # a text stream: lines are str, as TextIOBase's are
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def read(self, size: int | None = -1) -> str:  # a JSON array file is read whole
        return self._stream.read(size)

    def close(self) -> None:
        self._stream.close()
        super().close()


@contextmanager
def open_text(path: str, encoding: str = "utf-8") -> Iterator[Sequence[tuple[str, io.TextIOBase]]]:
    """Open a file, ``.gz``, ``.zip`` (every member) or URL as text streams with labels."""
    with _local(path) as local:
        label = path
        if zipfile.is_zipfile(local):
            with zipfile.ZipFile(local) as zf:
                members = [m for m in zf.infolist() if not m.is_dir()]
                streams = [
                    (f"{label}:{m.filename}", _BoundedLines(io.TextIOWrapper(zf.open(m), encoding=encoding, errors="replace",
                                                                             newline=""), f"{label}:{m.filename}"))
                    for m in members
                ]
                try:
                    yield streams
                finally:
                    for _, s in streams:
                        s.close()
            return
        with open(local, "rb") as probe:
            magic = probe.read(2)
        if magic == b"\x1f\x8b":
            stream = gzip.open(local, "rt", encoding=encoding, errors="replace", newline="")
        else:
            stream = open(local, encoding=encoding, errors="replace", newline="")
        with stream:
            yield [(label, _BoundedLines(stream, label))]


def iter_lines(stream: io.TextIOBase) -> Iterator[tuple[int, str]]:
    """Numbered lines (1-based) without their line ending; blank lines are skipped."""
    for n, line in enumerate(stream, 1):
        line = line.rstrip("\r\n")
        if line:
            yield n, line


class DateCache:
    """Parse ``YYYYMMDD`` or ``YYYY-MM-DD`` strings to dates, remembering each distinct value."""

    def __init__(self) -> None:
        self._seen: dict[str, dt.date | None] = {}

    def __call__(self, text: str) -> dt.date | None:
        try:
            return self._seen[text]
        except KeyError:
            pass
        value: dt.date | None
        try:
            if len(text) == 8 and text.isdigit():
                value = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
            elif len(text) == 10 and text[4] == "-" and text[7] == "-":
                value = dt.date.fromisoformat(text)
            else:
                value = None
        except ValueError:
            value = None
        if len(self._seen) < 200_000:
            self._seen[text] = value
        return value


class ActorMapper:
    """Map actor codes or names to ISO3 with :mod:`fairweather.codes`, once per distinct value.

    ``resolve`` returns ``(iso3, known)``: ``known`` is False for a value that
    no code list knows (the caller reports it); a known non-state value (a
    region, an IGO, a person) gives ``(None, True)``.
    """

    def __init__(self, resolver: Callable[[str], tuple[str | None, bool]]) -> None:
        self._resolver = resolver
        self._seen: dict[str, tuple[str | None, bool]] = {"": (None, True)}

    def resolve(self, value: str) -> tuple[str | None, bool]:
        try:
            return self._seen[value]
        except KeyError:
            hit = self._resolver(value)
            self._seen[value] = hit
            return hit


class EventBuilder:
    """Collect normalized rows and hand out Arrow record batches.

    Rows are kept as tuples and turned into columns once per batch: one list
    append per row is the cheapest way to gather them in Python.
    """

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.add = self.rows.append  # add(row): one row given in schema order
        self.batches: list[pa.RecordBatch] = []

    def maybe_flush(self) -> None:
        """Turn the gathered rows into a batch once there are enough of them."""
        if len(self.rows) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        columns = list(zip(*self.rows))
        arrays = [pa.array(col, type=f.type) for col, f in zip(columns, EVENT_SCHEMA)]
        self.batches.append(pa.RecordBatch.from_arrays(arrays, schema=EVENT_SCHEMA))
        self.rows.clear()

    def table(self) -> pa.Table:
        self.flush()
        return pa.Table.from_batches(self.batches, schema=EVENT_SCHEMA)


FileReader = Callable[[str, io.TextIOBase, EventBuilder, ImportReport, "Progress | None"], None]


def run_import(
    paths: PathLike | Iterable[PathLike],
    read_stream: FileReader,
    *,
    encoding: str = "utf-8",
    progress: Progress | None = None,
    report: ImportReport | None = None,
) -> EventImport:
    """Read every file with ``read_stream`` into one table and one report."""
    report = report if report is not None else ImportReport()
    builder = EventBuilder()
    for path in as_paths(paths):
        with reading(path), open_text(path, encoding=encoding) as streams:
            for label, stream in streams:
                report.files.append(label)
                read_stream(label, stream, builder, report, progress)
    table = builder.table()
    report.rows_imported = table.num_rows
    return EventImport(table=table, report=report)


def intensity_problem(value: float) -> str | None:
    """Why an intensity (Goldstein or PLOVER scale) cannot be right, or None.

    WHY: ``inf``, ``nan`` and ``1e308`` parse as numbers; summed into say-do intensities they gave 0.0 or nan.
    """
    lo, hi = INTENSITY_RANGE
    if not math.isfinite(value):
        return "not a finite number"
    if not lo <= value <= hi:
        return f"outside the Goldstein scale {lo:g}..{hi:g}"
    return None


def reject(report: ImportReport, label: str, line: int, field: str | None, reason: str, value: str | None) -> None:
    """Count a rejected row and record why."""
    report.rows_rejected += 1
    report.add(EventIssue(label, line, field, reason, value, "error"))


def warn(report: ImportReport, label: str, line: int, field: str | None, reason: str, value: str | None) -> None:
    """Record a problem in a row that is kept."""
    report.add(EventIssue(label, line, field, reason, value, "warning"))
