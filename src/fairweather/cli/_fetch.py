"""``fairweather events fetch``: GDELT 2.0 event exports for a date range, verified, with a progress bar."""

from __future__ import annotations

from pathlib import Path

import typer

from fairweather.cli._common import err_console, friendly_errors

__all__ = ["events_fetch"]

_GDELT = "http://data.gdeltproject.org/gdeltv2/"


def _progress_bar():
    """A Rich progress bar (on stderr, gone when done) and the FetchProgress that drives it."""
    from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn,
                               TimeRemainingColumn, TransferSpeedColumn)

    from fairweather.sources.gdelt_fetch import FetchProgress

    bar = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                   TimeRemainingColumn(), console=err_console, transient=True)

    class Bar(FetchProgress):
        listing_task = None
        bytes_task = None
        files_task = None

        def listing(self, url: str, read: int) -> None:
            if self.listing_task is None:
                self.listing_task = bar.add_task(f"Reading {url.rsplit('/', 1)[-1]}", total=None)
            bar.update(self.listing_task, completed=read)

        def planned(self, todo, present: int) -> None:
            if self.listing_task is not None:
                bar.remove_task(self.listing_task)
            self.bytes_task = bar.add_task(f"Downloading {len(todo):,} file(s) ({present:,} already there)",
                                           total=sum(e.size for e in todo))

        def advanced(self, entry, read: int) -> None:
            bar.update(self.bytes_task, advance=read, description=f"Downloading {entry.name}")

        def finished(self, entry, ok: bool) -> None:
            if not ok:
                err_console.print(f"[yellow]Not kept:[/] {entry.name}", highlight=False)

    return bar, Bar()


def events_fetch(
    date_from: str = typer.Option(..., "--from", help="First day, YYYY-MM-DD (UTC; GDELT 2.0 starts 2015-02-18)."),
    date_to: str = typer.Option(..., "--to", help="Last day, YYYY-MM-DD (UTC, included)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the files (created if needed). Files already there "
                             "and verified are kept, so running the command again resumes."),
    base_url: str = typer.Option(_GDELT, "--base-url", help="Where the files and their list (masterfilelist.txt) are: "
                                 "GDELT's folder, a mirror, or a local folder that copies it."),
    translation: bool = typer.Option(False, "--translation", help="The machine-translated stream "
                                     "(masterfilelist-translation.txt, *.translation.export.CSV.zip) instead."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds to wait for the server on each request."),
) -> None:
    """Download GDELT 2.0 event exports (15-minute files) for a range of days, each checked against GDELT's list.

    Reads the publisher's file list (masterfilelist.txt: size, MD5 and
    URL of every file), downloads the export files whose batch time (UTC)
    falls in the range, and keeps a file only once its size and MD5 match
    the list: nothing half-written is left, even on Ctrl-C. Read them
    with `fairweather events import` or `fairweather saydo --events`.

    Examples:

      fairweather events fetch --from 2025-06-13 --to 2025-06-24 --out data/gdelt

      fairweather saydo --target IRN --attackers ISR,USA --from 2025-06-13 --to 2025-06-24 --events 'data/gdelt/*.export.CSV.zip'

      fairweather events fetch --from 2020-03-18 --to 2020-03-18 --base-url examples/gdelt --out out/gdelt
    """
    with friendly_errors():
        from fairweather.sources.gdelt_fetch import fetch_gdelt

        bar, hears = _progress_bar()
        with bar:
            result = fetch_gdelt(date_from, date_to, out, base_url=base_url, translation=translation,
                                 timeout=timeout, progress=hears)
        err_console.print(result.summary(), highlight=False, markup=False, soft_wrap=True)
        pattern = "*.translation.export.CSV.zip" if translation else "*.export.CSV.zip"
        err_console.print(f"Next: fairweather events import '{out / pattern}' --out events.parquet",
                          highlight=False, markup=False, soft_wrap=True)
