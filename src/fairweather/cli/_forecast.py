"""``fairweather forecast | predict``: the support model's answers on the command line (``backtest`` and ``model`` are in :mod:`._model`)."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer

from fairweather.cli._common import (
    DB_OPTION_HELP,
    PACK_OPTION_HELP,
    OutputFormat,
    console,
    err_console,
    escape,
    friendly_errors,
    parse_actors,
    parse_date,
    parse_states,
    render_frame,
)

__all__ = ["register"]

PackOpt = Annotated[Optional[Path], typer.Option("--pack", help=PACK_OPTION_HELP, show_default=False)]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help=DB_OPTION_HELP, show_default=False)]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
ParamsOpt = Annotated[Optional[Path], typer.Option("--params", help="Parameter file to use instead of the shipped one.",
                                                   show_default=False)]

ASSUME_HELP = (
    "What-if for this run (repeatable). STATE.FACT=VALUE (RUS.at_war_with=none, RUS.milex_usd=60), "
    "FROM>TO.TIE=VALUE (CHN>IRN.trade_share=20), GIVER>RECEIVER.OBLIGATION=0|1 (RUS>IRN.defense=1), "
    "PARTNER.FEATURE=VALUE (CHN.past_mean_level=3). 'none' removes a fact; lists of states use ';'."
)



@contextlib.contextmanager
def _shown_warnings() -> Iterator[None]:
    """Print fairweather warnings (e.g. stale parameters) on stderr instead of Python's format."""
    from fairweather.errors import FairweatherWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FairweatherWarning)
        yield
    for w in caught:
        if issubclass(w.category, FairweatherWarning):
            err_console.print(f"[yellow]Warning:[/] {escape(str(w.message))}", highlight=False)


def _store(pack: Path | None, db: Path | None):
    """The store for a command: the given pack/db, else the embedded pack cached in a DuckDB file.

    WHY: loading the embedded pack from CSV takes about 2 s; the cached file (one per pack hash,
    under $FAIRWEATHER_CACHE or ~/.cache/fairweather) opens in under 0.1 s. If the cache cannot be
    used (read-only home, another process holding the file) the pack is loaded in memory.
    """
    import os

    from fairweather.errors import StoreError

    from fairweather.store import Store

    history = pack is None and _shipped_model_uses_history()
    if pack is not None or db is not None:
        return Store.open(pack, db, history=history)
    try:
        from fairweather.history_layer import history_layer_hash
        from fairweather.pack import embedded_pack_path, pack_hash

        root = Path(os.environ.get("FAIRWEATHER_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fairweather")
        root.mkdir(parents=True, exist_ok=True)
        tag = pack_hash(embedded_pack_path())[:16] + (f"-h{(history_layer_hash() or '')[:12]}" if history else "")
        return Store.open(None, root / f"store-{tag}.duckdb", history=history)
    except (StoreError, OSError):
        return Store.open(None, None, history=history)


def _model(params: Path | None):
    """The model of ``--params`` (checked as a JSON parameter file first), or None for the shipped one."""
    if params is None:
        return None
    from fairweather.cli._files import read_json_file
    from fairweather.errors import InputFileError, ModelError
    from fairweather.forecast import load_model

    what = "a parameter file written by `fairweather model fit`"
    read_json_file(params, "--params", what)
    try:
        return load_model(params)
    except ModelError as exc:
        raise InputFileError(f"--params {str(params)!r}: {exc}", params) from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise InputFileError(f"--params {str(params)!r} is JSON but not {what} ({type(exc).__name__}: {exc}).",
                             params) from None


def _shipped_model_uses_history() -> bool:
    """True when the shipped parameters belong to the history model (it needs the history layer's facts)."""
    from fairweather.errors import ModelError
    from fairweather.forecast import load_model

    try:
        return bool(load_model().meta_.get("training", {}).get("history_hash"))
    except ModelError:
        return False


def _bar(p: float, width: int = 6) -> str:
    n = int(round(p * width))
    return "█" * n + "·" * (width - n) + f" {p:4.0%}"


def forecast_cmd(
    target: Annotated[str, typer.Option("--target", "-t", help="The attacked state (ISO3 code or name).")],
    attackers: Annotated[str, typer.Option("--attackers", "-a", help="Attackers, comma-separated: states (ISR,USA) "
                                           "or armed groups (Hamas, Houthis, Hezbollah, IS).")],
    date: Annotated[str, typer.Option("--date", "-d", help="Date of the attack, YYYY-MM-DD; features are built as of it.")],
    partners: Annotated[Optional[str], typer.Option("--partners", "-p", help="Partners to forecast, comma-separated "
                                                    "(default: chosen automatically).", show_default=False)] = None,
    assume: Annotated[Optional[list[str]], typer.Option("--assume", help=ASSUME_HELP, show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, max=200, help="How many ranked candidate partners to forecast "
                                     "when --partners is not given (the rule the model was trained with).")] = 15,
    format: FormatOpt = OutputFormat.table,
    pack: PackOpt = None,
    db: DbOpt = None,
    params: ParamsOpt = None,
) -> None:
    """Forecast which partners help an attacked state, how much, and why.

    For each partner: P(level >= k) for the levels verbal (1), diplomatic (2),
    economic (3), materiel (4) and military (5), the expected level with its 80%
    interval, and the contributions that moved it. With --assume, a second table
    shows how each forecast moves.

    Examples:

      fairweather forecast --target IRN --attackers ISR,USA --date 2025-06-13

      fairweather forecast -t IRN -a ISR,USA -d 2025-06-13 --partners RUS,CHN,PRK --format json

      fairweather forecast -t IRN -a ISR,USA -d 2025-06-13 --assume "RUS.at_war_with=none" --assume "RUS>IRN.defense=1"
    """
    with friendly_errors(), _shown_warnings():
        from fairweather.briefing import forecast_briefing
        from fairweather.forecast import Scenario

        d = parse_date(date)
        if d is None:
            from fairweather.errors import DateError

            raise DateError("--date must be a date written YYYY-MM-DD, e.g. 2025-06-13; got ''.")
        scen = Scenario(target, tuple(parse_actors(attackers)), d,
                        tuple(parse_states(partners)) if partners else None, tuple(assume or ()))
        store = _store(pack, db)
        fb = forecast_briefing(scen, store, model=_model(params), top=top)
        result, frame, crisis_id = fb.result, fb.frame, fb.crisis_id
    if format == OutputFormat.json:
        import json
        import sys

        from fairweather.cli._common import frame_records

        # one object, as the dashboard's /api/forecast answers (fairweather.briefing.ForecastBriefing.as_dict)
        sys.stdout.write(json.dumps(fb.as_dict(frame_records), indent=2, ensure_ascii=False) + "\n")
        return
    if format == OutputFormat.csv:
        render_frame(frame, format)
        return
    from rich.table import Table

    from fairweather.actors import actor_name, is_armed_group

    who = ", ".join(f"{actor_name(a)} ({a})" if is_armed_group(a) else a for a in scen.attackers)
    caption = ("bars: P(level >= k); E = expected level 0-5 (1 verbal, 2 diplomatic, 3 economic, 4 materiel, "
               "5 military) with its 80% interval")
    last = "80% interval"
    if crisis_id is not None:  # the record replaces the interval (it is in --format json/csv): 80 columns hold
        last = "did (pack)"
        caption = (f"bars: P(level >= k); E = expected level 0-5; did = the level the pack records for crisis "
                   f"{crisis_id} (* sided with the attacker; sources in --format json); the model never saw it")
    t = Table(title=escape(f"Support for {scen.target} attacked by {who} on {scen.date}"), caption=escape(caption),
              header_style="bold")
    for col in ("", "P(≥1) words", "P(≥3) material", "P(≥4) arms/troops", "E", last):
        t.add_column(col, justify="right" if col in ("E", "80% interval") else "left", no_wrap=True, min_width=3)
    for r in frame.itertuples(index=False):
        end = escape(str(r.recorded)) if crisis_id is not None else f"{r.interval_low:.2f}-{r.interval_high:.2f}"
        t.add_row(escape(str(r.partner)), _bar(r.p_ge_1), _bar(r.p_ge_3), _bar(r.p_ge_4), f"{r.expected_level:.2f}", end)
    console.print(t)
    console.print("[bold]Why[/] (contribution to the latent propensity; + raises, - lowers):")
    for r in frame.itertuples(index=False):  # reasons quote pack text: escaped, so "[/red]" prints as written
        console.print(f"  [bold]{escape(str(r.partner))}[/] {escape(f'{r.partner_name} ({r.chosen_because}): {r.reasons}')}",
                      highlight=False)
    if scen.assume:
        render_frame(result.compare().rename(columns=WHATIF_HEADERS), format, title="What-if: " + "; ".join(scen.assume),
                     caption="E = expected level 0-5; before = without the assumptions")


#: Headers of the what-if table for people (json and csv keep the column names).
WHATIF_HEADERS = {"expected_level_base": "E before", "expected_level": "E after", "delta": "change",
                  "p_ge_3_base": "P(≥3) before", "p_ge_3": "P(≥3) after"}


def predict_cmd(
    cases: Annotated[Path, typer.Option("--cases", help="CSV with crisis_id,start_date,target,attackers,supporter "
                                        "(attackers separated by ';'; ISO3 codes or names).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="CSV to write: the input rows plus p_ge_1..p_ge_5, "
                                      "expected_level and error.")],
    pack: PackOpt = None,
    db: DbOpt = None,
    params: ParamsOpt = None,
) -> None:
    """Score many cases from a CSV file; rows that cannot be scored get an error message, not a crash.

    Examples:

      fairweather predict --cases cases.csv --out scored.csv
    """
    import pandas as pd

    from fairweather._atomic import atomic_file
    from fairweather.cli._common import csv_safe
    from fairweather.cli._files import check_input_file
    from fairweather.errors import InputFileError

    with friendly_errors(), _shown_warnings():
        from fairweather.forecast import predict_cases

        check_input_file(cases, "--cases", "a CSV file of cases")
        try:
            frame = pd.read_csv(cases, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise InputFileError(f"The cases file {str(cases)!r} is not a readable CSV: {exc}. Save it as UTF-8 CSV "
                                 "with the header crisis_id,start_date,target,attackers,supporter.", cases) from None
        model = _model(params)
        # The output file is opened (its folder checked) before the scoring, which can take a while.
        with atomic_file(out, newline="") as fh:
            scored = predict_cases(frame, store=_store(pack, db), model=model)
            csv_safe(scored).to_csv(fh, index=False)
    bad = int((scored["error"] != "").sum())
    # markup=False: the path is the user's and may hold "[/red]", which Rich would read as a tag and crash on
    err_console.print(f"Scored {len(scored) - bad} of {len(scored)} rows into {out}"
                      + (f"; {bad} rows have an error (see the error column)." if bad else "."), highlight=False,
                      markup=False)


def register(app: typer.Typer) -> None:
    """Add forecast and predict to the ``fairweather`` app."""
    app.command("forecast")(forecast_cmd)
    app.command("predict")(predict_cmd)
