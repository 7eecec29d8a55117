"""``fairweather report``: the self-contained HTML report of a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from rich.markup import escape

from fairweather.cli._common import DB_OPTION_HELP, PACK_OPTION_HELP, console, friendly_errors, open_store, parse_date

__all__ = ["register", "report"]


def report(
    target: Annotated[str, typer.Option("--target", help="The attacked state: ISO3 code or name (IRN, Iran).")],
    attackers: Annotated[str, typer.Option("--attackers", help="Attacking states, comma-separated (ISR,USA).")],
    date: Annotated[str, typer.Option("--date", help="Date of the attack, YYYY-MM-DD.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write (folders are created).")],
    partners: Annotated[Optional[str], typer.Option("--partners", help="Partners to forecast, comma-separated "
                                                    "(default: chosen automatically).", show_default=False)] = None,
    assume: Annotated[Optional[list[str]], typer.Option("--assume", help="A what-if, e.g. RUS.at_war_with=none; "
                                                        "repeat for more. Adds the what-if section.",
                                                        show_default=False)] = None,
    bloc: Annotated[Optional[str], typer.Option("--bloc", help="Bloc for the cohesion and network sections: a name "
                                                "(CRINK) or states (RUS,CHN,IRN). Default: target and partners.",
                                                show_default=False)] = None,
    compare: Annotated[Optional[str], typer.Option("--compare", help="Blocs to compare cohesion with, comma-separated "
                                                   "(NATO,CSTO).", show_default=False)] = None,
    year_from: Annotated[Optional[int], typer.Option("--from", help="First year of the cohesion profile "
                                                     "(default: ten years before the date).", show_default=False)] = None,
    year_to: Annotated[Optional[int], typer.Option("--to", help="Last year of the cohesion profile "
                                                   "(default: the year of the date).", show_default=False)] = None,
    events: Annotated[Optional[list[str]], typer.Option("--events", help="Event files (GDELT, ICEWS, PLOVER or "
                                                        "Parquet; repeatable): adds the say-do section.",
                                                        show_default=False)] = None,
    pack: Annotated[Optional[Path], typer.Option("--pack", help=PACK_OPTION_HELP, show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help=DB_OPTION_HELP, show_default=False)] = None,
) -> None:
    """Write one self-contained HTML report of a scenario: it opens offline, with no CDN.

    It holds the forecast per partner with 80% intervals, the contributions
    behind each, the what-if comparison (with --assume), the bloc's cohesion
    over time (and against --compare blocs), the network of commitments and
    ties, the backtest's calibration and skill, and every fact used with its
    source link. The file is written atomically.

    Example:

      fairweather report --target IRN --attackers ISR,USA --date 2025-06-13 --bloc CRINK --compare NATO,CSTO --out out/iran-2025.html
    """
    from fairweather.forecast import Scenario
    from fairweather.report import write_report

    with friendly_errors():
        when = parse_date(date, "--date")
        if when is None:
            from fairweather.errors import DateError

            raise DateError("--date is required, written YYYY-MM-DD, e.g. 2025-06-13.")
        the_bloc: str | list[str] | None = None
        if bloc:
            parts = [p.strip() for p in bloc.split(",") if p.strip()]
            the_bloc = parts[0] if len(parts) == 1 else parts
        blocs = [c.strip() for c in compare.split(",") if c.strip()] if compare else None
        years = None
        if year_from is not None or year_to is not None:
            first = year_from if year_from is not None else (year_to or when.year) - 10
            last = year_to if year_to is not None else when.year
            if first > last:
                from fairweather.errors import DateError

                raise DateError(f"--from ({first}) must not be after --to ({last}).")
            years = range(first, last + 1)
        scenario = Scenario(target, tuple(a for a in attackers.split(",") if a.strip()), when,
                            partners=tuple(p for p in partners.split(",") if p.strip()) if partners else None,
                            assume=tuple(assume or ()))
        with console.status("Building the report: forecast, cohesion, network, backtest…"):
            event_data = None
            if events:
                from fairweather.sources.eventfiles import read_events

                event_data = read_events(events)
            # without --pack/--db the library picks its stores: the forecast reads the pack with the history layer
            # its model needs, cohesion and network the pack
            store = open_store(pack, db) if (pack is not None or db is not None) else None
            path = write_report(scenario, out, store=store, bloc=the_bloc, compare=blocs, years=years,
                                events=event_data)
    size = path.stat().st_size
    # soft_wrap: the path stays on one line, whatever the terminal's width, for scripts that read it.
    console.print(f"Wrote the report to [bold]{escape(str(path))}[/] ({size / 1e6:.1f} MB, self-contained, opens offline)",
                  highlight=False, soft_wrap=True)
    console.print(f"Open it in a browser: {path.resolve().as_uri()}", highlight=False, soft_wrap=True, markup=False)


def register(app: typer.Typer) -> None:
    """Add ``report`` to the command line."""
    app.command("report")(report)
