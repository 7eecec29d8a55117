"""``fairweather cohesion``: how much a bloc is really bound together, year by year."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from fairweather.briefing import DEFAULT_FIRST_YEAR, last_data_year

from rich.markup import escape

from fairweather.cli._common import (
    DB_OPTION_HELP,
    PACK_OPTION_HELP,
    OutputFormat,
    console,
    err_console,
    frame_records,
    friendly_errors,
    open_store,
)

__all__ = ["register", "cohesion_command", "parse_weights"]

_HELP = """Measure how cohesive a bloc is, year by year (each year as of July 1).

BLOC is a bloc name - NATO, CSTO, SCO, GCC, BRICS, Quad, AUKUS, "Union State",
CRINK - or a comma-separated list of states, as codes or names
("RUS,CHN,IRN,PRK" or "Russia,China,Iran").

For every bloc-year it reports: commitment density and strength (how many
member pairs are bound, and how tightly), dependence asymmetry (who needs
whom), reciprocity of material help, regime similarity, alliance-portfolio
similarity (S and Cohen's kappa), cross-pressure from ties to the bloc's
adversaries, revealed support when a member was attacked, and a composite
whose weights are printed and can be changed with --weights.

Examples:

  fairweather cohesion CRINK --from 2015 --to 2025

  fairweather cohesion RUS,CHN,IRN,PRK --from 2015

  fairweather cohesion CRINK --compare NATO,CSTO --from 2015

  fairweather cohesion NATO --weights density=2,support=0 --format json

  fairweather cohesion CSTO --network csto.graphml --out csto.csv
"""

_COUNTS = ("members", "help_events", "composite_n")
_WEIGHT_KEYS = "density, asymmetry, reciprocity, values, portfolio, crosspressure, support"


def parse_weights(text: str | None) -> dict[str, float]:
    """``"density=2,support=0"`` -> ``{"density": 2.0, "support": 0.0}`` (a clear error otherwise)."""
    from fairweather.metrics import CohesionWeightError

    out: dict[str, float] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        key, sep, val = part.partition("=")
        if not sep:
            raise CohesionWeightError(f"--weights takes name=value pairs such as density=2; got {part.strip()!r}. Names: {_WEIGHT_KEYS}.")
        try:
            out[key.strip()] = float(val)
        except ValueError:
            raise CohesionWeightError(f"--weights: the value of {key.strip()!r} must be a number; got {val!r}.") from None
    return out


def _split_compare(text: str | None) -> list[str]:
    """Blocs to compare: names separated by commas; a group of states goes in quotes with '+' ("RUS+CHN")."""
    if not text:
        return []
    return [p.strip().replace("+", ",") for p in text.split(",") if p.strip()]


def _year_chunks(years: list[str], label_width: int) -> list[list[str]]:
    """Split the year columns so that each table fits the terminal (7 characters per year column)."""
    per = max(3, (console.width - label_width - 4) // 7)
    return [years[i:i + per] for i in range(0, len(years), per)]


def _print_profile(result) -> None:
    from rich.table import Table

    frame = result.profile()
    years = [str(y) for y in result.years]
    label_width = max(len(m) for m in frame["metric"])
    for bloc in [b.name for b in result.blocs]:
        sub = frame[frame["bloc"] == bloc]
        # years before the bloc has members are columns of dashes: said in a line, not drawn
        members = sub[sub["metric"] == "members"]
        shown = years
        if not members.empty:
            first = next((y for y in years if (members[y].iloc[0] or 0) > 0), None)
            if first is None:
                console.print(f"{escape(bloc)} has no members in {years[0]}-{years[-1]} (as the pack records them).",
                              highlight=False)
                continue
            if first != years[0]:
                shown = years[years.index(first):]
                console.print(f"[dim]{escape(bloc)} has no members before {first} (as the pack records them): "
                              f"{years[0]}-{int(first) - 1} left out of its table (--format json/csv keep them).[/]",
                              highlight=False)
        chunks = _year_chunks(shown, label_width)
        for chunk in chunks:
            part = f" ({chunk[0]}-{chunk[-1]})" if len(chunks) > 1 else ""
            table = Table(title=escape(f"Cohesion of {bloc}{part}, as of July 1"), header_style="bold", show_lines=False)
            table.add_column("metric", no_wrap=True, min_width=label_width)
            for y in chunk:
                table.add_column(y, justify="right", no_wrap=True, min_width=4)
            for _, row in sub.iterrows():
                cells = []
                for y in chunk:
                    v = row[y]
                    cells.append("-" if v is None or v != v else str(int(v)) if row["metric"] in _COUNTS else f"{v:.2f}")
                table.add_row(escape(str(row["metric"])), *cells)
            console.print(table)
    console.print("[dim]- : not measurable that year (no members yet, or the pack holds no data for it).[/]")
    console.print("[bold]Reading[/]")
    for line in result.reading():
        console.print(f"  - {line}", highlight=False, markup=False)
    w = ", ".join(f"{k}={v:g}" for k, v in result.weights.items())
    console.print(f"[dim]Composite weights: {w} (change with --weights). A missing component is left out "
                  f"and the others' weights renormalised.[/]", highlight=False)
    if len(result.blocs) > 1:
        sens = result.sensitivity(draws=200, seed=0)
        top = sens[sens["base"]].sort_values("rank")
        parts = []
        for _, r in top.iterrows():
            share = sens[(sens["bloc"] == r["bloc"]) & (sens["rank"] == r["rank"])]["dirichlet"].iloc[0]
            parts.append(f"{int(r['rank'])}. {r['bloc']} (same rank under {share:.0%} of 200 random weightings)")
        console.print("[bold]Ranking by mean composite:[/] " + escape("; ".join(parts)), highlight=False)
        frame = result.to_frame()
        used = frame[frame["composite_n"] > 0].groupby("bloc")["composite_n"].max()
        if used.nunique() > 1:
            console.print("[dim]The composites rest on different numbers of components ("
                          + escape(", ".join(f"{b} {int(n)} of 7" for b, n in used.items()))
                          + "): compare them with that in mind, or set --weights so that only shared components count.[/]",
                          highlight=False)


def cohesion_command(
    bloc: Annotated[str, typer.Argument(help="A bloc name (NATO, CSTO, SCO, GCC, BRICS, Quad, AUKUS, 'Union State', CRINK) "
                                             "or a comma-separated list of states, e.g. RUS,CHN,IRN,PRK.", show_default=False)],
    from_year: Annotated[int, typer.Option("--from", help="First year (each year is measured as of July 1).")] = DEFAULT_FIRST_YEAR,
    to_year: Annotated[Optional[int], typer.Option("--to", help="Last year (default: the last year the pack has data for).", show_default=False)] = None,
    compare: Annotated[Optional[str], typer.Option("--compare", help="Other blocs to measure beside it, comma-separated, "
                                                   "e.g. NATO,CSTO; write a group of states with '+', e.g. RUS+CHN.",
                                                   show_default=False)] = None,
    weights: Annotated[Optional[str], typer.Option("--weights", help=f"Composite weights as name=value pairs, e.g. "
                                                   f"density=2,support=0. Names: {_WEIGHT_KEYS} (default 1 each).",
                                                   show_default=False)] = None,
    network: Annotated[Optional[Path], typer.Option("--network", help="Also write the bloc's network for the last year to "
                                                    "OUT.graphml or OUT.json.", show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Also write the full table (one row per bloc-year) to this CSV file.",
                                                show_default=False)] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="table: the profile and a reading; json: a list of rows "
                                                 "(bloc, year, one key per metric, composite); csv: the same rows.")] = OutputFormat.table,
    pack: Annotated[Optional[Path], typer.Option("--pack", help=PACK_OPTION_HELP, show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help=DB_OPTION_HELP, show_default=False)] = None,
) -> None:
    from fairweather.errors import DateError
    from fairweather.metrics import bloc_network, compare_blocs, write_network

    with friendly_errors():
        w = parse_weights(weights)
        store = open_store(pack, db)
        last = to_year if to_year is not None else last_data_year(store)
        if last < from_year:
            raise DateError(f"--to ({last}) is before --from ({from_year}); give --from <= --to.")
        result = compare_blocs([bloc, *_split_compare(compare)], range(from_year, last + 1), store=store, weights=w)
        frame = result.to_frame().drop(columns=["as_of"])
        if out is not None:
            from fairweather._atomic import atomic_file
            from fairweather.cli._common import csv_safe

            with atomic_file(out, newline="") as fh:
                csv_safe(frame).to_csv(fh, index=False)
        if network is not None:
            write_network(bloc_network(result.blocs[0], last, store=store), network)
    if format == OutputFormat.json:
        sys.stdout.write(json.dumps(frame_records(frame), indent=2, ensure_ascii=False) + "\n")
    elif format == OutputFormat.csv:
        from fairweather.cli._common import csv_safe

        sys.stdout.write(csv_safe(frame).to_csv(index=False))
    else:
        _print_profile(result)
    for path, what in ((out, "table"), (network, "network")):
        if path is not None:
            err_console.print(f"Wrote the {what} to {path}", highlight=False, markup=False)


cohesion_command.__doc__ = _HELP


def register(app: typer.Typer) -> None:
    """Add ``fairweather cohesion`` to the app."""
    app.command("cohesion", help=_HELP, no_args_is_help=True)(cohesion_command)
