"""GDELT 2.0's file lists: which 15-minute export files exist, with their size and MD5.

GDELT 2.0 publishes ``masterfilelist.txt`` (and ``masterfilelist-translation.txt`` for
the machine-translated stream) beside its files: one line per file, three fields
separated by spaces, the size in bytes, the MD5 in hex and the URL::

    150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip
    318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip

Only the event exports (``YYYYMMDDHHMMSS.export.CSV.zip``, or
``YYYYMMDDHHMMSS.translation.export.CSV.zip``) are kept; the mentions and GKG lines
are skipped. An export line that cannot be read (a missing field, a size that is
not a number, an MD5 that is not 32 hex digits) is kept as a :class:`ListProblem`
with its line number: its file cannot be verified, so it is never downloaded.

Examples
--------
>>> lines = ["4316 8aa013cd1523daa6c502b3f04fbee192 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip",
...          "318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip"]
>>> listed = parse_file_list(lines, "masterfilelist.txt")
>>> [(e.name, e.size, e.line) for e in listed.entries]
[('20150218230000.export.CSV.zip', 4316, 1)]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["FILE_LISTS", "ListedFile", "ListProblem", "FileList", "parse_file_list"]

#: The list that names each stream's files, in the folder the files are in.
FILE_LISTS = {"export": "masterfilelist.txt", "translation": "masterfilelist-translation.txt"}

_SUFFIX = {"export": ".export.CSV.zip", "translation": ".translation.export.CSV.zip"}
_MD5 = re.compile(r"[0-9a-fA-F]{32}")


@dataclass(frozen=True)
class ListedFile:
    """One export file of a GDELT file list: its name, size in bytes, MD5, batch time (UTC) and line in the list."""

    name: str
    size: int
    md5: str
    stamp: dt.datetime
    line: int


@dataclass(frozen=True)
class ListProblem:
    """An export line of the list that cannot be read: its file cannot be verified and is not downloaded."""

    line: int
    name: str
    stamp: dt.datetime | None
    reason: str

    def __str__(self) -> str:
        return f"line {self.line} ({self.name}): {self.reason}"


@dataclass
class FileList:
    """The export files a GDELT file list names (by batch time), and its lines that could not be read."""

    source: str
    entries: list[ListedFile] = field(default_factory=list)
    problems: list[ListProblem] = field(default_factory=list)
    first: dt.datetime | None = None
    last: dt.datetime | None = None

    def between(self, start: dt.date, end: dt.date) -> list[ListedFile]:
        """The files whose batch time (UTC) falls on a day from ``start`` to ``end`` (both included), by time.

        A file listed twice is taken from its last line (a list grows by appending).
        """
        chosen = {e.name: e for e in self.entries if start <= e.stamp.date() <= end}
        return sorted(chosen.values(), key=lambda e: e.stamp)

    def problems_between(self, start: dt.date, end: dt.date) -> list[ListProblem]:
        """The unreadable lines whose file would fall in the range (or whose batch time is unknown)."""
        return [p for p in self.problems if p.stamp is None or start <= p.stamp.date() <= end]

    def span(self) -> tuple[dt.datetime, dt.datetime] | None:
        """The first and last batch time the list names (also outside the range read), or None if it names none."""
        if self.first is None or self.last is None:
            return None
        return self.first, self.last


def _stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%d%H%M%S")
    except ValueError:
        return None


def parse_file_list(lines: Iterable[str], source: str, *, stream: str = "export", start: dt.date | None = None,
                    end: dt.date | None = None) -> FileList:
    """Read the export lines of a GDELT 2.0 file list (``size md5 url``).

    Parameters
    ----------
    lines
        The list's lines (a file object works).
    source
        Where the list came from, for messages.
    stream
        ``"export"`` (``masterfilelist.txt``) or ``"translation"`` (``masterfilelist-translation.txt``).
    start, end
        Keep only the files (and problems) of these days; the span still covers the whole list.
        WHY: GDELT's list has over a million lines, and a fetch wants a few days of them.
    """
    suffix = _SUFFIX[stream]
    out = FileList(source=source)
    lo = f"{start:%Y%m%d}" if start is not None else ""
    hi = f"{end:%Y%m%d}99" if end is not None else "99"
    first = last = None
    for n, raw in enumerate(lines, 1):
        if suffix not in raw:  # mentions and GKG lines, two in three: skipped at C speed
            continue
        fields = raw.split()
        name = fields[-1].rsplit("/", 1)[-1]
        digits = name[: -len(suffix)]
        if not name.endswith(suffix) or len(digits) != 14 or not digits.isdigit():
            continue  # e.g. ``….translation.export.CSV.zip`` while reading the export stream
        # 14 digits: as text they sort as the times do, so the range needs no date parsing
        if first is None or digits < first:
            first = digits
        if last is None or digits > last:
            last = digits
        if not lo <= digits <= hi:
            continue
        stamp = _stamp(digits)
        reason = None
        if len(fields) != 3:
            reason = f"expected 3 fields (size md5 url), found {len(fields)}"
        elif not fields[0].isdigit():
            reason = f"size {fields[0]!r} is not a number of bytes"
        elif not _MD5.fullmatch(fields[1]):
            reason = f"md5 {fields[1]!r} is not 32 hex digits"
        elif stamp is None:
            reason = f"{digits} is not a batch time written YYYYMMDDHHMMSS"
        if reason is not None or stamp is None:
            out.problems.append(ListProblem(n, name, stamp, reason or "unreadable"))
            continue
        out.entries.append(ListedFile(name, int(fields[0]), fields[1].lower(), stamp, n))
    out.first, out.last = (_stamp(first), _stamp(last)) if first and last else (None, None)
    return out
