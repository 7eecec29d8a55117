"""``fairweather panel state-years|dyad-years``: researchers' panels from the publishers' files, to Parquet or CSV."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from fairweather.cli._common import console, err_console
from fairweather.cli._errors import friendly_errors

__all__ = ["register", "panel_app", "parse_years", "parse_adds"]

panel_app = typer.Typer(help="Build state-year or dyad-year panels from the publishers' files (peacesciencer's verbs).",
                        no_args_is_help=True)

_EXAMPLE = """Examples:

  fairweather panel dyad-years --system cow --years 1946-2014 --add atop,nmc,democracy --reference ../shared/data --out dyads.parquet

  FAIRWEATHER_REFERENCE=../shared/data fairweather panel state-years --add nmc,democracy,majors --out states.csv

Verbs for --add: {verbs}. Every verb adds columns, never rows; outside a dataset's years a value is empty (NA),
never 0. The BibTeX of every dataset used is written beside the output, as OUT.bib."""

ReferenceOpt = Annotated[Optional[Path], typer.Option(
    "--reference", "-r", help="Folder holding the publishers' files (e.g. ../shared/data).",
    envvar="FAIRWEATHER_REFERENCE", show_default=False)]
SystemOpt = Annotated[str, typer.Option("--system", help="State system: cow (Correlates of War) or gw (Gleditsch-Ward).")]
YearsOpt = Annotated[Optional[str], typer.Option("--years", help="Years, e.g. 1946-2014 or 1990 (default 1816-2024).",
                                                 show_default=False)]
AddOpt = Annotated[Optional[str], typer.Option("--add", help="Comma-separated verbs, e.g. atop,nmc,democracy.",
                                               show_default=False)]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output file: .parquet or .csv.")]


def parse_years(text: str | None) -> range | None:
    """``"1946-2014"`` -> range(1946, 2015); ``"1990"`` -> range(1990, 1991); None -> None."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text)
    if not m:
        raise typer.BadParameter(f"give a year or a range such as 1946-2014; got {text!r}.", param_hint="--years")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if last < first:
        raise typer.BadParameter(f"the range ends before it begins ({text!r}); give e.g. 1946-2014.", param_hint="--years")
    return range(first, last + 1)


def parse_adds(text: str | None) -> list[str]:
    from fairweather.panels.similarity import ALL_VERBS

    names = [n.strip() for n in (text or "").split(",") if n.strip()]
    unknown = [n for n in names if n not in ALL_VERBS]
    if unknown:
        raise typer.BadParameter(f"unknown verb(s) {', '.join(unknown)}; choose from {', '.join(ALL_VERBS)}.",
                                 param_hint="--add")
    return names


def _run(unit: str, system: str, years: str | None, add: str | None, out: Path, reference: Path | None,
         directed: bool = True) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from fairweather.panels import cite, create_dyad_years, create_state_years
    from fairweather.panels.similarity import ALL_VERBS

    if out.suffix.lower() not in (".parquet", ".csv"):
        raise typer.BadParameter(f"the output must end in .parquet or .csv; got {out.name!r}.", param_hint="--out")
    if system not in ("cow", "gw"):
        raise typer.BadParameter(f"choose cow or gw; got {system!r}.", param_hint="--system")
    span, verbs = parse_years(years), parse_adds(add)
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err_console,
                  transient=True) as bar:
        task = bar.add_task("creating the units", total=len(verbs) + 2)
        if unit == "state_year":
            panel = create_state_years(system=system, years=span, reference=reference)  # type: ignore[arg-type]
        else:
            panel = create_dyad_years(system=system, directed=directed, years=span, reference=reference)  # type: ignore[arg-type]
        for name in verbs:
            bar.update(task, advance=1, description=f"adding {name}")
            panel = ALL_VERBS[name](panel)
        bar.update(task, advance=1, description=f"writing {out.name}")
        panel.to_parquet(out) if out.suffix.lower() == ".parquet" else panel.to_csv(out)
        from fairweather._atomic import atomic_file

        with atomic_file(out.with_suffix(out.suffix + ".bib")) as fh:
            fh.write(cite(panel))
    console.print(f"Wrote {out} ({len(panel):,} rows x {len(panel.columns)} columns) and {out.name}.bib "
                  f"(BibTeX of {', '.join(panel.sources)}).", highlight=False, markup=False)


@panel_app.command("dyad-years", epilog=_EXAMPLE.format(verbs="see fairweather panel verbs"))
def dyad_years(
    out: OutOpt,
    system: SystemOpt = "cow",
    years: YearsOpt = None,
    add: AddOpt = None,
    reference: ReferenceOpt = None,
    directed: Annotated[bool, typer.Option("--directed/--non-directed", help="Both (A,B) and (B,A), or only A < B.")] = True,
) -> None:
    """Every dyad-year of two states members of the system on the same day, with the columns --add asks for."""
    with friendly_errors():
        _run("dyad_year", system, years, add, out, reference, directed)


@panel_app.command("state-years", epilog=_EXAMPLE.format(verbs="see fairweather panel verbs"))
def state_years(
    out: OutOpt,
    system: SystemOpt = "cow",
    years: YearsOpt = None,
    add: AddOpt = None,
    reference: ReferenceOpt = None,
) -> None:
    """Every state-year of the system (a state is in a year if it was a member on any day of it), with --add's columns."""
    with friendly_errors():
        _run("state_year", system, years, add, out, reference)


@panel_app.command("verbs")
def verbs() -> None:
    """List the verbs --add takes, with what each adds and the panels it supports."""
    from fairweather.panels.similarity import ALL_VERBS

    for name, fn in ALL_VERBS.items():
        first = (fn.__doc__ or "").strip().splitlines()[0]
        console.print(f"{name:16} {fn.__name__}: {first}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(panel_app, name="panel")
