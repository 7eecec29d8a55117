"""``fairweather data …``: look into, check and export the data pack."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from rich.markup import escape

from fairweather.cli._common import (
    DB_OPTION_HELP,
    PACK_OPTION_HELP,
    OutputFormat,
    console,
    err_console,
    friendly_errors,
    open_store,
    parse_date,
    render_frame,
)

__all__ = ["register", "data_app"]

data_app = typer.Typer(
    help=(
        "Look into, check and export the curated data pack: states, commitments, ties, "
        "crises and responses, every fact dated and sourced.\n\n"
        "Examples:\n\n"
        "  fairweather data summary\n\n"
        "  fairweather data show IRN --as-of 2025-06-13\n\n"
        "  fairweather data validate path/to/my-pack\n\n"
        "  fairweather data export --format parquet --out exported/"
    ),
    no_args_is_help=True,
)

PackOpt = Annotated[Optional[Path], typer.Option("--pack", help=PACK_OPTION_HELP, show_default=False)]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help=DB_OPTION_HELP, show_default=False)]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    json = "json"


@data_app.command("summary")
def summary(pack: PackOpt = None, db: DbOpt = None, format: FormatOpt = OutputFormat.table) -> None:
    """How much the pack holds: rows per table, states, years, crises for training and evaluation."""
    from fairweather.catalog import pack_summary

    with friendly_errors():
        store = open_store(pack, db)
        frame = pack_summary(store)
    render_frame(frame, format, title="fairweather data pack", caption=f"pack hash {store.pack_hash[:12]}")


@data_app.command("validate")
def validate(
    folder: Annotated[
        Optional[Path],
        typer.Argument(help="Pack folder to check (default: the embedded pack).", show_default=False),
    ] = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """Check a pack and list every problem with file, row and field; exit code 1 if there is any.

    Checks headers, types, vocabularies, unknown state codes (with suggestions),
    missing sources, dates that end before they start, support levels outside
    0-5, commitment members that are not states, duplicate keys and overlapping
    contradictory facts.
    """
    import pandas as pd

    from fairweather.pack import validate_pack

    with friendly_errors():
        problems = validate_pack(folder)
    where = str(folder) if folder else "the embedded pack"
    if not problems:
        if format == OutputFormat.table:
            console.print(f"[green]OK[/]: {escape(where)} is valid.")
        else:
            render_frame(pd.DataFrame(columns=["file", "row", "field", "problem", "value"]), format)
        return
    frame = pd.DataFrame([p.__dict__ for p in problems])[["file", "row", "field", "problem", "value"]]
    frame["row"] = frame["row"].astype("Int64")
    render_frame(frame, format, title=f"{len(problems)} problem(s) in {where}")
    if format == OutputFormat.table:
        err_console.print(f"[red]{len(problems)} problem(s)[/]: fix them, then run `fairweather data validate` again.")
    raise typer.Exit(1)


@data_app.command("show")
def show(
    state: Annotated[str, typer.Argument(help="State: ISO3 code or a name as news writes it (IRN, Iran, Tehran).")],
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date YYYY-MM-DD (default: today).", show_default=False)] = None,
    pack: PackOpt = None,
    db: DbOpt = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """Commitments, ties and facts of a state as of a date, each with its source.

    For every commitment it shows what the state promised and what its partners
    promised it: the Russia-Iran treaty of 2025, for example, carries no
    mutual-defence obligation.
    """
    import datetime as dt

    from fairweather.catalog import state_profile

    with friendly_errors():
        date = parse_date(as_of, "--as-of") or dt.date.today()
        store = open_store(pack, db)
        profile = state_profile(store, state, date)
    if format == OutputFormat.json:
        import json
        import sys

        from fairweather.cli._common import frame_records

        out: dict[str, Any] = {"state": profile.state, "as_of": profile.as_of.isoformat()}
        out.update({k: frame_records(v) for k, v in profile.sections.items()})
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return
    if format == OutputFormat.csv:
        sys_out = profile.to_frame()
        render_frame(sys_out, format)
        return
    # In the terminal each row cites a numbered source listed below the tables.
    refs: dict[tuple[str, str], int] = {}
    for title, frame in profile.sections.items():
        if frame.empty:
            console.print(f"[bold]{escape(title)}[/]: none in the pack as of {profile.as_of}\n")
            continue
        frame = frame.copy()
        numbers = []
        for cit, url in zip(frame["source"], frame["url"]):
            numbers.append(f"[{refs.setdefault((cit, url), len(refs) + 1)}]")
        frame = frame.drop(columns=["source", "url"]).assign(src=numbers)
        render_frame(frame, format, title=f"{profile.name} ({profile.state}) — {title} as of {profile.as_of}")
    if refs:
        console.print("[bold]Sources[/]")
        for (cit, url), n in refs.items():
            console.print(f"  [{n}] {cit} — {url}", highlight=False, markup=False)


@data_app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write one file per table into (created if needed).")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = ExportFormat.csv,
    pack: PackOpt = None,
    db: DbOpt = None,
) -> None:
    """Write every table to one file named after it (states.csv, commitments.csv, crises.csv, …).

    Files are first written to a temporary folder next to OUT and moved in only
    when all succeeded, so a failed export leaves nothing half-written.
    """
    from fairweather.catalog import export_tables

    with friendly_errors():
        store = open_store(pack, db)
        written = export_tables(store, out, format.value)
    console.print(f"Wrote {len(written)} tables to {out}: " + ", ".join(p.name for p in written), markup=False, highlight=False)


@data_app.command("coverage")
def coverage(
    by: Annotated[str, typer.Option("--by", help="table, state or year.")] = "table",
    pack: PackOpt = None,
    db: DbOpt = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """Coverage of the pack by table, state or year, and the share of facts with a source."""
    from fairweather.catalog import coverage as coverage_frame

    with friendly_errors():
        if by not in ("table", "state", "year"):

            raise typer.BadParameter("--by must be table, state or year")
        store = open_store(pack, db)
        frame = coverage_frame(store, by)
    render_frame(frame, format, title=f"Coverage by {by}")


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")


@data_app.command("agreement")
def agreement(
    reference: Annotated[
        Path, typer.Option("--reference", help="Folder of reference datasets laid out like ../shared/data.")
    ] = Path("../shared/data"),
    show: Annotated[int, typer.Option("--show", help="Also list up to N disagreements per comparison.")] = 0,
    pack: PackOpt = None,
    db: DbOpt = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """How well the pack agrees with ATOP, V-Dem, SIPRI and the COW state list, as figures.

    Defence obligations: recall and precision of non-directed dyad-years
    1990-2018 among covered states against ATOP 5.1, after reviewed exceptions.
    Regime scores: the share of state-years that hold V-Dem's v2x_polyarchy
    exactly (3 decimals); --show N lists disagreements with their pack rows.
    Spending: a plausibility check only (the pack's constant and the files'
    current dollars cannot be compared exactly).
    """
    import pandas as pd

    from fairweather.agreement import agreement_report

    with friendly_errors():
        if not reference.is_dir():
            from fairweather.errors import PackError

            raise PackError(f"--reference folder {str(reference)!r} does not exist; point it at a copy of the reference datasets.")
        store = open_store(pack, db)
        results = agreement_report(store, reference)
    rows = [{"comparison": r.name, "figure": k, "value": v, "note": r.note} for r in results for k, v in r.figures.items()]
    render_frame(pd.DataFrame(rows), format, title="Agreement with reference data")
    if show and format == OutputFormat.table:
        for r in results:
            if not r.disagreements.empty:
                render_frame(r.disagreements.head(show), format, title=f"{r.name}: first {show} disagreements")


ReferenceOpt = Annotated[Path, typer.Option("--reference", "-r", help="Folder holding the publishers' files (e.g. "
                                            "../shared/data): ATOP, COW MID/NMC/states/contiguity, UCDP ESD, V-Dem "
                                            "via isard, rivalries, UN ideal points.", envvar="FAIRWEATHER_REFERENCE")]


@data_app.command("import")
def import_cmd(
    reference: ReferenceOpt,
    sources: Annotated[Optional[list[str]], typer.Argument(help="Datasets to import (default: all), e.g. cow_mid ucdp_esd.",
                                                           show_default=False)] = None,
    pack: PackOpt = None,
    db: DbOpt = None,
    format: FormatOpt = OutputFormat.table,
) -> None:
    """Import the field's datasets from the publishers' files into the store, all or nothing.

    Rows go into the store's own tables (states, state facts, ties, commitments,
    crises, responses) with the dataset as their source, so forecasts, backtests
    and the data browser read them through the same as-of engine as the pack.
    Where the pack codes a fact itself, the pack wins from its first date on. With
    --db the imported store is kept in that DuckDB file.

    Examples:

      fairweather data import --reference ../shared/data

      fairweather data import cow_mid ucdp_esd --reference ../shared/data --db history.duckdb
    """
    from rich.progress import Progress

    from fairweather.sources.history import import_reference

    with friendly_errors():
        store = open_store(pack, db)
        with Progress(console=err_console, transient=True) as bar:
            task = bar.add_task("reading", total=None)

            def progress(name: str, i: int, n: int) -> None:
                bar.update(task, total=n, completed=i, description=f"reading {name}" if name else "loading")

            summary = import_reference(store, reference, sources or None, progress=progress)
    render_frame(summary.to_frame(), format, title=f"Imported from {reference}")
    left = {k: v for k, v in summary.left_out.items() if v}
    if left and format == OutputFormat.table:
        console.print("Left out: " + "; ".join(f"{k} ({v})" for k, v in sorted(left.items())), highlight=False, markup=False)


@data_app.command("build-history")
def build_history(
    reference: ReferenceOpt,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder to write the layer to (default: the "
                                                "package's pack/history).", show_default=False)] = None,
) -> None:
    """Derive the shipped history layer from the publishers' files (same files, same bytes).

    Imports every dataset of the history (COW MIDs and states, UCDP ESD, ATOP, NMC,
    V-Dem via isard, rivalries, contiguity, UN ideal points) into a store of the
    embedded pack and writes the rows that were added, one sorted CSV per table.
    `Store.open(history=True)` and the history model's forecasts read them.

    Examples:

      fairweather data build-history --reference ../shared/data
    """
    from fairweather.history_layer import history_layer_path, write_history_layer
    from fairweather.sources.history import import_reference
    from fairweather.store import Store

    with friendly_errors():
        store = Store.open()
        summary = import_reference(store, reference)
        written = write_history_layer(summary.added, out or history_layer_path())
    console.print(f"Wrote {len(written)} tables to {(out or history_layer_path())}: "
                  + ", ".join(f"{p.name} ({sum(1 for _ in p.open()) - 1} rows)" for p in written), highlight=False, markup=False)


@data_app.command("build-values")
def build_values(
    reference: ReferenceOpt,
    pack: Annotated[Optional[Path], typer.Option("--pack", help="Pack folder to write into (default: the package's "
                                                 "embedded pack).", show_default=False)] = None,
) -> None:
    """Regenerate the pack rows whose values a publisher's dataset gives (same files, same bytes).

    Writes state_facts/regime.csv: regime_polyarchy = V-Dem v16 v2x_polyarchy (via
    isard 0.2.0) for every pack state from 1990, the value for year Y valid during
    Y+1 (the V-Dem importer's rule); and state_facts/milex.csv: milex_usd = COW NMC
    7.0 milex (thousands of current USD) in billions, exactly, year Y valid during
    Y+1. SIPRI's own spending series and WDI GDP are not written: SIPRI's terms do
    not allow redistribution and no WDI file is at hand.

    Examples:

      fairweather data build-values --reference ../shared/data
    """
    from fairweather.sources.build_pack_values import build_pack_values

    with friendly_errors():
        written = build_pack_values(reference, pack)
    console.print("Wrote " + ", ".join(f"{p} ({sum(1 for _ in p.open(encoding='utf-8')) - 1} rows)" for p in written),
                  highlight=False, markup=False)
