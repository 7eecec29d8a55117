"""Download GDELT 2.0 event exports for a date range: from the publisher's file list, verified, resumable.

:func:`fetch_gdelt` reads GDELT's file list (``masterfilelist.txt``, see
:mod:`fairweather.sources.gdelt_filelist`) from ``base_url``, chooses the
15-minute export files whose batch time falls in the range, and downloads each
into a folder, checking its size and MD5 against the list.

- **Nothing half-written.** A file is written under a temporary name beside its
  destination and renamed only once its size and MD5 match the list; on a
  failure, Ctrl-C or SIGTERM the temporary file is removed (a SIGKILL's leftover
  is swept by the next run). A file in the folder is therefore always complete.
- **Resumable.** A file already in the folder whose size and MD5 match is not
  downloaded again, so running the same command after a failure fetches only
  what is missing. WHY whole files and not HTTP ranges: an export file is some
  hundreds of kilobytes (150 KB in 2015), so a file is the natural unit to redo,
  and a partial file never has to be trusted.
- **Mirrors.** Each file is downloaded from ``base_url`` + its name, not from the
  URL the list names: a mirror (or a test's local server, or a folder) that
  copies GDELT's folder, list included, works as it is.
- **The list is cached** in the folder (``.masterfilelist-<hash>.txt``, hidden)
  and reused while it lists a file after the range's last day. WHY: GDELT's list
  names three files for every 15 minutes since February 2015 (over a million
  lines, roughly 100 MB), far more than the files of a few days. After a checksum
  failure the cached list is dropped, so the next run reads it afresh.

Examples
--------
>>> from fairweather.sources.gdelt_fetch import fetch_gdelt
>>> result = fetch_gdelt("2025-06-13", "2025-06-24", "data/gdelt")  # doctest: +SKIP
>>> result.summary()  # doctest: +SKIP
'1,152 file(s) in data/gdelt: 1,152 downloaded (…), 0 already there and verified.'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from fairweather._atomic import atomic_file, prepare_output_folder
from fairweather.errors import ChecksumError, DateError, DownloadError
from fairweather.sources.gdelt_filelist import FILE_LISTS, FileList, ListedFile, ListProblem, parse_file_list

__all__ = ["URL", "FetchProgress", "FetchResult", "fetch_gdelt", "base_url_of", "read_file_list"]

#: GDELT 2.0's folder of 15-minute files and their lists.
URL = "http://data.gdeltproject.org/gdeltv2/"

_CHUNK = 1 << 16
#: What a network failure can raise mid-transfer besides URLError (a reset, a truncated body, a timeout).
_NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError)


class FetchProgress:
    """What :func:`fetch_gdelt` reports as it goes; subclass it for a progress bar (every method is optional)."""

    def listing(self, url: str, read: int) -> None:
        """``read`` bytes of the file list at ``url`` so far."""

    def planned(self, todo: list[ListedFile], present: int) -> None:
        """The files to download (``present`` more are already in the folder and verified)."""

    def advanced(self, entry: ListedFile, read: int) -> None:
        """``read`` more bytes of ``entry`` arrived."""

    def finished(self, entry: ListedFile, ok: bool) -> None:
        """``entry`` is done: verified and in the folder (``ok``), or not kept."""


@dataclass
class FetchResult:
    """What a fetch did: the verified files of the range (in batch order) and how each got there."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    downloaded: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unverifiable: list[ListProblem] = field(default_factory=list)
    bytes_downloaded: int = 0

    def summary(self) -> str:
        """One sentence: how many files, how many downloaded, how many were already there."""
        n = self.bytes_downloaded
        size = f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} kB"
        text = (f"{len(self.files):,} file(s) in {self.folder}: {len(self.downloaded):,} downloaded ({size}), "
                f"{len(self.present):,} already there and verified")
        if self.replaced:
            text += f"; {len(self.replaced):,} that did not match the list were downloaded again"
        if self.unverifiable:
            text += (f"; {len(self.unverifiable):,} not downloaded because their line of the file list cannot be read ("
                     + "; ".join(map(str, self.unverifiable[:3])) + ("; …" if len(self.unverifiable) > 3 else "") + ")")
        return text + "."


def base_url_of(base: str) -> str:
    """``base`` as a folder URL ending in ``/``: a URL is kept, a local folder becomes a ``file:`` URL."""
    if urllib.parse.urlsplit(base).scheme in ("http", "https", "file"):
        return base if base.endswith("/") else base + "/"
    path = Path(base).expanduser().resolve()
    return path.as_uri() + "/"


def _open(url: str, timeout: float):
    from fairweather import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"fairweather/{__version__}"})
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) or file URLs the user chose


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"the server answered HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        inner = exc.reason
        if isinstance(inner, FileNotFoundError):
            return "no such file"
        return f"{inner.strerror if isinstance(inner, OSError) and inner.strerror else inner}"
    if isinstance(exc, http.client.IncompleteRead):
        return f"the connection broke with {exc.expected:,} byte(s) still to come"
    if isinstance(exc, TimeoutError):
        return "no answer within the timeout"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _is_missing(exc: BaseException) -> bool:
    """An answer about this one file (HTTP error, no such file), not a network failure."""
    if isinstance(exc, urllib.error.HTTPError):
        return True
    return isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, FileNotFoundError)


def read_file_list(base: str, folder: Path, start: dt.date, end: dt.date, *, stream: str = "export",
                   timeout: float = 60.0, progress: FetchProgress | None = None) -> FileList:
    """The files of days ``start`` to ``end`` in GDELT's list at ``base``; its copy in ``folder`` while that covers them."""
    url = base_url_of(base) + FILE_LISTS[stream]
    cache = _cache_path(folder, url)
    if cache.is_file():
        with open(cache, encoding="utf-8", errors="replace") as fh:
            cached = parse_file_list(fh, url, stream=stream, start=start, end=end)
        span = cached.span()
        # reused only while it lists a file after the range's last day: a list read during that day lacks its later files
        if span is not None and span[1].date() > end:
            return cached
    try:
        with _open(url, timeout) as response, atomic_file(cache, "wb") as fh:
            read = 0
            while chunk := response.read(_CHUNK):
                fh.write(chunk)
                read += len(chunk)
                if progress is not None:
                    progress.listing(url, read)
    except _NETWORK_ERRORS as exc:
        raise DownloadError(f"Cannot read GDELT's file list {url}: {_reason(exc)}. Check the network connection and "
                            f"--base-url (the folder that holds {FILE_LISTS[stream]}), then run the command again.",
                            url) from None
    with open(cache, encoding="utf-8", errors="replace") as fh:
        return parse_file_list(fh, url, stream=stream, start=start, end=end)


def _cache_path(folder: Path, url: str) -> Path:
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
    return folder / f".{Path(urllib.parse.urlsplit(url).path).stem}-{digest}.txt"


def _verified(path: Path, entry: ListedFile) -> bool:
    """``path`` is a file of the listed size and MD5."""
    try:
        if not path.is_file() or path.stat().st_size != entry.size:
            return False
        digest = hashlib.md5()
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == entry.md5


def _download(url: str, dest: Path, entry: ListedFile, list_url: str, timeout: float,
              progress: FetchProgress | None) -> int:
    """Download ``url`` to ``dest`` through a temporary file, renamed only when size and MD5 match; bytes read."""
    digest, size = hashlib.md5(), 0
    with atomic_file(dest, "wb") as fh, _open(url, timeout) as response:
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > entry.size:
                break
            fh.write(chunk)
            digest.update(chunk)
            if progress is not None:
                progress.advanced(entry, len(chunk))
        declared = response.headers.get("Content-Length") if response.headers is not None else None
        if size <= entry.size and declared is not None and declared.isdigit() and size < int(declared):
            raise http.client.IncompleteRead(b"", int(declared) - size)  # the connection broke: not the file's fault
        if size != entry.size or digest.hexdigest() != entry.md5:
            got = f"more than {entry.size:,} bytes" if size > entry.size else f"{size:,} bytes, md5 {digest.hexdigest()}"
            raise ChecksumError(f"{entry.name} downloaded from {url} has {got}, but line {entry.line} of {list_url} "
                                f"says {entry.size:,} bytes, md5 {entry.md5}; it was not kept", dest)
    return size


def _dates(start: dt.date | str, end: dt.date | str) -> tuple[dt.date, dt.date]:
    from fairweather.inputs import parse_date

    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    if first is None or last is None:
        raise DateError("Give the first and the last day of the range, e.g. --from 2025-06-13 --to 2025-06-24.")
    if last < first:
        raise DateError(f"The range ends ({last}) before it starts ({first}); swap --from and --to.")
    return first, last


def fetch_gdelt(start: dt.date | str, end: dt.date | str, folder: str | os.PathLike[str], *, base_url: str = URL,
                translation: bool = False, timeout: float = 60.0,
                progress: FetchProgress | None = None) -> FetchResult:
    """Download GDELT 2.0's event exports of the days ``start`` to ``end`` (UTC, both included) into ``folder``.

    Parameters
    ----------
    start, end
        First and last day (a date or ``YYYY-MM-DD``): the files whose batch time falls on them.
    folder
        Where the files go (created if needed); files already there and verified are kept.
    base_url
        The folder of the files and their list: GDELT's (default), a mirror, or a local folder.
    translation
        Fetch the machine-translated stream (``masterfilelist-translation.txt``) instead.
    timeout
        Seconds to wait for the server on each request.
    progress
        A :class:`FetchProgress` that hears of every step.

    Raises
    ------
    DateError
        The range is malformed, or the list names no export file in it.
    DownloadError
        The list or a file cannot be read (the network, or the server's answer); verified files are kept.
    ChecksumError
        A downloaded file does not match the list; it was not kept (the other verified files are).
    """
    first, last = _dates(start, end)
    out = Path(folder)
    prepare_output_folder(out, out)
    stream = "translation" if translation else "export"
    base = base_url_of(base_url)
    listed = read_file_list(base, out, first, last, stream=stream, timeout=timeout, progress=progress)
    chosen = listed.between(first, last)
    result = FetchResult(folder=out, unverifiable=listed.problems_between(first, last))
    if not chosen:
        span = listed.span()
        covered = f"it lists {span[0]:%Y-%m-%d %H:%M} to {span[1]:%Y-%m-%d %H:%M}" if span else "it lists none"
        raise DateError(f"GDELT's file list {listed.source} names no {stream} file from {first} to {last} ({covered}, "
                        "UTC); choose days in that span.")
    todo = [e for e in chosen if not _verified(out / e.name, e)]
    result.present = [e.name for e in chosen if e not in todo]
    if progress is not None:
        progress.planned(todo, len(result.present))
    failures = _download_all(todo, base, out, listed.source, timeout, progress, result)
    result.files = [out / e.name for e in chosen if (out / e.name).is_file() and e.name not in failures]
    if failures:
        _raise_failures(failures, result, len(chosen), _cache_path(out, listed.source))
    return result


def _download_all(todo: list[ListedFile], base: str, out: Path, list_url: str, timeout: float,
                  progress: FetchProgress | None, result: FetchResult) -> dict[str, DownloadError]:
    """Download every file of ``todo``; the per-file failures by name. A network failure stops at once."""
    failures: dict[str, DownloadError] = {}
    for entry in todo:
        dest = out / entry.name
        existed = dest.exists()
        url = base + entry.name
        try:
            result.bytes_downloaded += _download(url, dest, entry, list_url, timeout, progress)
        except ChecksumError as exc:
            failures[entry.name] = exc
        except _NETWORK_ERRORS as exc:
            if not _is_missing(exc):
                kept = len(result.present) + len(result.downloaded)
                raise DownloadError(f"Cannot download {url}: {_reason(exc)}. Check the network connection and "
                                    f"--base-url; {kept:,} verified file(s) are in {out} and nothing half-written "
                                    "was left: run the same command again to resume.", url) from None
            failures[entry.name] = DownloadError(f"{entry.name}: cannot download {url} ({_reason(exc)})", url)
        else:
            result.downloaded.append(entry.name)
            if existed:
                result.replaced.append(entry.name)
        if progress is not None:
            progress.finished(entry, entry.name not in failures)
    return failures


def _raise_failures(failures: dict[str, DownloadError], result: FetchResult, total: int, cache: Path) -> None:
    """One error naming every file that was not kept, and what to do."""
    bad_sums = [e for e in failures.values() if isinstance(e, ChecksumError)]
    if bad_sums:
        cache.unlink(missing_ok=True)  # a stale list gives wrong checksums: read it afresh next time
    lines = "; ".join(str(e) for e in failures.values())
    message = (f"{len(failures):,} of {total:,} file(s) were not kept: {lines}. The {len(result.files):,} others are "
               f"verified in {result.folder}. Run the same command again to fetch the missing ones (verified files are "
               "not downloaded again); if a file fails again, the server's copy differs from its list: try another "
               "--base-url or a later time.")
    raise (ChecksumError if bad_sums else DownloadError)(message, result.folder)
