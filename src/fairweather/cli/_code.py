"""``fairweather code``: news articles (text or HTML) to coded events, one row per event."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from fairweather.cli._common import OutputFormat, err_console, friendly_errors, parse_date, render_frame

__all__ = ["register", "TEXT_HELP"]

TEXT_HELP = "Articles: text or HTML files (UTF-8), or '-' for standard input."
_SHOWN = {"sentence_index": "sent", "source_iso3": "source", "target_iso3": "target", "plover_event": "event",
          "act_event": "act", "mode": "mode", "negated": "negated", "modality": "modality",
          "confidence": "conf", "trigger": "trigger"}


def code(
    files: list[str] = typer.Argument(..., help=TEXT_HELP),
    date: Optional[str] = typer.Option(None, "--date", help="Article date, YYYY-MM-DD, for files that state none."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write every field to FILE.csv or FILE.parquet (all or nothing)."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output when no --out: table, json or csv."),
) -> None:
    """Read the news: code articles into events (who did what to whom, said or done, negated or not).

    One row per event: the sentence and its character offsets, source and target
    (ISO3; leaders, ministries, militaries and capitals resolved to their state),
    PLOVER event and CAMEO root, mode (verbal or material), direction (support or
    hostility), negation, modality (promise, offer, request, demand, threat, act)
    and a confidence. Offline: no model, no download.

    Examples:

      fairweather code article.txt

      fairweather code news/*.html --date 2025-06-20 --out events.csv

      cat article.txt | fairweather code - --format json
    """
    with friendly_errors():
        from fairweather.text import code_files

        result = code_files(files, date=parse_date(date, "--date"))
        if out is not None:
            result.write(out)
            err_console.print(f"Wrote {len(result):,} events from {len(result.articles)} article(s) to {out}.",
                              highlight=False, markup=False)
            return
        frame = result.to_frame()
        if fmt == OutputFormat.table:
            frame = frame[list(_SHOWN)].rename(columns=_SHOWN)
        render_frame(frame, fmt, title=f"{len(result)} events from {len(result.articles)} article(s)",
                     caption="every field: --format csv|json or --out FILE.csv")


def register(app: typer.Typer) -> None:
    """Add ``code`` to the command line."""
    app.command("code")(code)
