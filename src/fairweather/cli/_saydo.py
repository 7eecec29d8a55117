"""``fairweather saydo`` and ``fairweather events import`` (``events fetch`` is in ``_fetch``): say–do over event data."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, cast

import typer

from rich.markup import escape

from fairweather.cli._common import (
    DB_OPTION_HELP,
    PACK_OPTION_HELP,
    OutputFormat,
    err_console,
    friendly_errors,
    parse_date,
    parse_states,
    render_frame,
)

__all__ = ["register"]

EVENTS_HELP = (
    "Event files: GDELT 1.0/2.0 exports, ICEWS files, PLOVER JSON lines, POLECAT files or Parquet "
    "written by `fairweather events import` (plain, .gz or .zip; URLs work). Repeat the option, "
    "separate with commas, or use a glob pattern."
)
_TABLE_COLUMNS = {
    "date": "date",
    "partner": "partner",
    "verbal_support": "said",
    "material_support": "did",
    "saydo_ratio": "ratio",
    "verbal_hostility": "hostile words",
    "material_hostility": "hostile acts",
    "events": "events",
}
SOURCE_HELP = "Format of the files: auto (sniff each file), gdelt, icews, plover or parquet."


def _import_into(store, files: list[str], source: str):
    """Read the files with a progress bar into the store's events table (all or nothing); report problems."""
    return _read_with_progress(files, source, store=store)


def _read_with_progress(files: list[str], source: str, store=None):
    """Read the files with a Rich progress bar (into ``store`` when given); print the report's problems to stderr."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from fairweather.errors import EventFormatError
    from fairweather.sources.eventfiles import EventSource, expand_paths, read_events

    paths = expand_paths(files)
    if not paths:
        raise EventFormatError("Give event files with --events (e.g. --events '2025061*.export.CSV.zip').")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("Importing events", total=len(paths))

        def tick(label: str, lines: int) -> None:
            bar.update(task, description=f"Importing {Path(label).name[:40]} ({lines:,} lines)")

        def next_file(path: str, done: int, total: int) -> None:
            bar.update(task, completed=done, description=f"Importing {Path(path).name[:40]}" if path else "Imported")

        result = read_events(paths, source=cast(EventSource, source), progress=tick, on_file=next_file)
    rep = result.report
    if rep.counts:
        err_console.print(f"[yellow]Import:[/] {escape(str(rep))}", markup=True, highlight=False, soft_wrap=True)
    if result.table.num_rows == 0:
        raise EventFormatError(f"No usable event in {len(paths)} file(s); see the problems above.")
    if store is not None:
        store.import_events(result)
    return result


def saydo(
    events: Optional[list[str]] = typer.Option(None, "--events", "-e", help=EVENTS_HELP),
    text: Optional[list[str]] = typer.Option(None, "--text", help="News articles instead of event files: text or HTML files (or '-' for stdin), coded by `fairweather code`; adds promised and not-delivered counts and the sentences behind every count."),
    article_date: Optional[str] = typer.Option(None, "--date", help="With --text: the article date, YYYY-MM-DD, for files that state none."),
    crisis: Optional[str] = typer.Option(None, "--crisis", help="Crisis id from the store (its target, attackers, dates and supporters)."),
    target: Optional[str] = typer.Option(None, "--target", "-t", help="The attacked state (ISO3 or name), e.g. IRN."),
    attackers: Optional[str] = typer.Option(None, "--attackers", "-a", help="Attackers, comma-separated, e.g. ISR,USA."),
    date_from: Optional[str] = typer.Option(None, "--from", help="First day of the window, YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Last day of the window, YYYY-MM-DD (inclusive)."),
    partners: Optional[str] = typer.Option(None, "--partners", "-p", help="Partners to measure, comma-separated (default: the crisis's supporters, else the top states by event volume with the target)."),
    top: int = typer.Option(8, "--top", help="How many partners to choose by event volume when none are given."),
    daily: bool = typer.Option(False, "--daily", help="One row per partner and day instead of one per partner."),
    source: str = typer.Option("auto", "--source", help=SOURCE_HELP),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output: table, json or csv."),
    pack: Optional[Path] = typer.Option(None, "--pack", help=PACK_OPTION_HELP),
    db: Optional[Path] = typer.Option(None, "--db", help=DB_OPTION_HELP),
) -> None:
    """Did partners deliver or only talk? Say–do measures of a target's partners in a crisis.

    For each partner: verbal and material support toward the target, verbal and
    material hostility toward the attackers (counts, intensity sums, and both
    normalized by the partner's event volume), and saydo_ratio = verbal / (verbal +
    material) support: 1 = all talk, 0 = all deeds, empty = no support at all.

    Examples:

      fairweather saydo --target IRN --attackers ISR,USA --from 2025-06-13 --to 2025-06-24 --events '2025061*.export.CSV.zip'

      fairweather saydo --crisis irn-2025 --events gdelt.parquet --format json

      fairweather saydo -t UKR -a RUS --from 2022-02-24 --to 2022-03-31 -e icews.tab -p USA,GBR,DEU --daily --format csv

      fairweather saydo --text article.txt --target IRN --attackers ISR,USA
    """
    with friendly_errors():
        from fairweather.errors import ScenarioError
        from fairweather.metrics.saydo import saydo as compute

        if text:
            if events or crisis:
                raise ScenarioError("Give --text with --target and --attackers; --events and --crisis do not mix with it.")
            _saydo_text(text, target, attackers, partners, top, article_date, fmt)
            return
        if not events and db is None:
            raise ScenarioError("Give event files with --events (e.g. --events '2025061*.export.CSV.zip'), "
                                "a store holding imported events with --db, or news articles with --text.")

        if crisis is None and not target:
            raise ScenarioError("Give --crisis CRISIS_ID, or --target with --attackers, --from and --to.")
        start, end = parse_date(date_from, "--from"), parse_date(date_to, "--to")
        from fairweather.cli._common import open_store
        from fairweather.store_events import has_events

        # one engine: the events go into the store (in memory, or the --db file) and say–do runs on its DuckDB
        store = open_store(pack=pack, db=db)
        if events:
            _import_into(store, events, source)
        elif not has_events(store):
            raise ScenarioError(f"The store {db} holds no events: import them with `fairweather events import FILES "
                                f"--db {db}`, or give event files with --events.")
        res = compute(
            store.events(),
            target=parse_states(target)[0] if target else None,
            attackers=parse_states(attackers),
            start=start,
            end=end,
            crisis=crisis,
            partners=parse_states(partners) or None,
            top_n=top,
            store=store,
        )
        frame = res.daily() if daily else res.to_frame()
        w = res.window
        title = f"Say–do toward {w.target} ({w.start or '…'} to {w.end or '…'})"
        caption = f"attackers: {', '.join(w.attackers) or 'none'}; partners from {res.partner_source}"
        if fmt == OutputFormat.table:
            # a terminal is narrow: counts only, short headings (json/csv carry every column)
            frame = frame[[c for c in _TABLE_COLUMNS if c in frame.columns]].rename(columns=_TABLE_COLUMNS)
            caption += "; support toward the target, hostility toward the attackers; ratio = verbal/(verbal+material)"
        render_frame(frame, fmt, title=title, caption=caption)


_TEXT_COLUMNS = {"partner": "partner", "verbal_support": "said", "promised": "promised",
                 "material_support": "did", "not_delivered": "not delivered", "saydo_ratio": "ratio",
                 "verbal_hostility": "hostile words", "material_hostility": "hostile acts", "events": "events"}
_SENTENCE_KINDS = (("said", "said"), ("promised", "promised"), ("did", "did"), ("not_delivered", "not delivered"))


def _saydo_text(text: list[str], target: str | None, attackers: str | None, partners: str | None, top: int,
                article_date: str | None, fmt: OutputFormat) -> None:
    """``saydo --text``: code the articles, measure, and show the sentences behind every count."""
    from fairweather.cli._common import console
    from fairweather.errors import ScenarioError
    from fairweather.metrics.saydo_text import saydo_text

    if not target:
        raise ScenarioError("Give the attacked state with --target (e.g. --target IRN) for --text.")
    res = saydo_text(text, target=parse_states(target)[0], attackers=parse_states(attackers),
                     partners=parse_states(partners) or None, top_n=top, date=parse_date(article_date, "--date"))
    frame = res.to_frame()
    title = f"Say–do toward {res.saydo.window.target} from {len(text)} article(s)"
    if fmt == OutputFormat.csv:
        for kind, _ in _SENTENCE_KINDS:
            frame[f"{kind}_sentences"] = frame[f"{kind}_sentences"].map(" | ".join)
    if fmt != OutputFormat.table:
        render_frame(frame, fmt, title=title)
        return
    shown = frame[list(_TEXT_COLUMNS)].rename(columns=_TEXT_COLUMNS)
    render_frame(shown, fmt, title=title, caption="not delivered = negated material help (did not send, refused, "
                 "remain undelivered), never counted as done")
    for row in frame.itertuples(index=False):
        for kind, label in _SENTENCE_KINDS:
            for sentence in getattr(row, f"{kind}_sentences"):
                console.print(f"{row.partner} {label}: {escape(sentence)}", highlight=False, soft_wrap=True)


def events_import(
    files: list[str] = typer.Argument(..., help=EVENTS_HELP),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Parquet file to write (normalized event table)."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store file to add the events to (created with the "
                                      "embedded pack if new); `fairweather saydo --db` then measures them without --events. "
                                      "Importing a file again replaces its rows."),
    source: str = typer.Option("auto", "--source", help=SOURCE_HELP),
    pack: Optional[Path] = typer.Option(None, "--pack", help=PACK_OPTION_HELP),
) -> None:
    """Import event files into one normalized table (a Parquet file, a store, or both), reporting malformed rows.

    Examples:

      fairweather events import 20250613*.export.CSV.zip --out june.parquet

      fairweather events import icews.2018.tab.gz --db store.duckdb

      fairweather saydo --db store.duckdb --target UKR --attackers RUS --from 2018-01-01 --to 2018-12-31
    """
    with friendly_errors():
        from fairweather.errors import ScenarioError

        if out is None and db is None:
            raise ScenarioError("Say where the events go: --out FILE.parquet, --db STORE.duckdb, or both.")
        store = None
        if db is not None:
            from fairweather.cli._common import open_store

            store = open_store(pack=pack, db=db)
        result = _read_with_progress(files, source, store=store)
        rep = result.report
        if out is not None:
            result.write_parquet(str(out))
            err_console.print(f"Wrote {result.table.num_rows:,} events to {out} ({rep.rows_rejected:,} rows rejected).",
                              highlight=False, markup=False)
        if store is not None:
            total = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
            err_console.print(f"Added {result.table.num_rows:,} events to the store {db} ({rep.rows_rejected:,} rows "
                              f"rejected; {total:,} events in it now).", highlight=False, markup=False)
            store.close()


def register(app: typer.Typer) -> None:
    """Add ``saydo`` and the ``events`` group to the command line."""
    app.command("saydo")(saydo)
    from fairweather.cli._fetch import events_fetch

    events_app = typer.Typer(help="Event data: fetch GDELT 2.0 files; import GDELT, ICEWS, PLOVER/POLECAT files.",
                             no_args_is_help=True)
    events_app.command("import")(events_import)
    events_app.command("fetch")(events_fetch)
    app.add_typer(events_app, name="events")
