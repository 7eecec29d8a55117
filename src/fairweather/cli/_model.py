"""``fairweather backtest | model``: how good the support model is, and fitting or inspecting it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from fairweather.cli._common import OutputFormat, console, friendly_errors, open_store, parse_date, render_frame
from fairweather.cli._forecast import DbOpt, FormatOpt, PackOpt, ParamsOpt, _model

__all__ = ["register", "model_app", "checkout_params_path"]

model_app = typer.Typer(
    help=(
        "Fit or inspect the support model. `model fit` is the one way to write the shipped "
        "parameters (fitted on crises before 2020-01-01 only).\n\n"
        "Examples:\n\n  fairweather model fit\n\n  fairweather model show\n\n  fairweather model features"
    ),
    no_args_is_help=True,
)


def backtest_cmd(
    format: FormatOpt = OutputFormat.table,
    pack: PackOpt = None,
    db: DbOpt = None,
    min_train_crises: Annotated[int, typer.Option(help="A test year needs this many earlier crises.")] = 15,
    nested_alpha: Annotated[bool, typer.Option("--nested-alpha", help="Choose the prior precision inside every fold "
                                               "from its training rows only (slower, strictly out of sample).")] = False,
    reference: Annotated[Optional[Path], typer.Option("--reference", "-r", help="Folder of the publishers' files "
                                                      "(e.g. ../shared/data): also backtest the model that learns from "
                                                      "COW MIDs and UCDP ESD (censored outcomes) beside the pack-only one.",
                                                      envvar="FAIRWEATHER_REFERENCE", show_default=False)] = None,
    history: Annotated[bool, typer.Option("--history", help="Backtest the history model families on the shipped "
                                          "history layer (no publishers' files needed).")] = False,
) -> None:
    """Rolling-origin backtest by year on pre-2020 crises, and the separate 2020+ evaluation score.

    Metrics (lower is better): ranked probability score over the levels, Brier
    score and log loss for material help (level >= 3) and for arms or troops
    (level >= 4); skill = 1 - model/baseline against the base rate and the treaty
    rule (74.5%, Leeds, Long & Mitchell 2000; 22%, Berkemeier & Fuhrmann 2018).

    Examples:

      fairweather backtest

      fairweather backtest --format json

      fairweather backtest --history

      fairweather backtest --reference ../shared/data
    """
    if reference is not None or history:
        return _history_backtest(reference, pack, db, format)
    with friendly_errors():
        from fairweather.forecast import backtest

        store = open_store(pack, db)  # the pack-only model: the pack, without the history layer
        res = backtest(store, min_train_crises=min_train_crises, nested_alpha=nested_alpha)
    if format != OutputFormat.table:
        import pandas as pd

        scores = res.scores().assign(table="scores")
        skill = res.skill().assign(table="skill")
        cal = res.calibration().assign(table="calibration")
        render_frame(pd.concat([scores, skill, cal], ignore_index=True), format)
        return
    folds = res.folds["year"] if len(res.folds) else None
    console.print(f"Pack-only model: rolling origin by year ({len(res.folds)} test years"
                  + (f", {folds.min()}-{folds.max()}" if folds is not None else "") + "); the 2020+ crises are scored "
                  "by the model fitted on pre-2020 crises only, never tuned on them.", highlight=False)
    _print_history_scores(res.scores(), res.skill().assign(model="model"))  # one model: its name, not its score
    cal = res.calibration().rename(columns={"mean_forecast": "mean forecast", "observed": "observed share"})
    render_frame(cal, format, title="Calibration (rolling origin): forecast against observed, by bin")


def _fit_history(reference: Optional[Path], history: bool, pack: Optional[Path], db: Optional[Path], out: Optional[Path],
                 alpha: Optional[float], seed: int, fit_date: Optional[str]) -> None:
    with friendly_errors():
        from fairweather.forecast import fit_history_params
        from fairweather.sources.history import import_reference
        from fairweather.store import Store

        fd = parse_date(fit_date, "--fit-date")
        if reference is not None:  # rebuild the layer from the publishers' files, then fit on it as --history does
            import tempfile

            from fairweather.history_layer import write_history_layer

            with tempfile.TemporaryDirectory() as tmp:
                write_history_layer(import_reference(Store.open(pack), reference).added, tmp)
                store = Store.open(pack, db, history=Path(tmp))
        else:
            store = Store.open(pack, db, history=True)
        model, path = fit_history_params(store, out, alpha="auto" if alpha is None else alpha, seed=seed,
                                         fit_date=fd.isoformat() if fd else None)
    t, sel = model.meta_["training"], model.meta_["alpha_selection"]
    console.print(f"{sel['family']} (lowest pre-2020 rolling-origin RPS: "
                  + ", ".join(f"{k} {v:.4f}" for k, v in sel["rolling_rps"].items())
                  + f"); fitted on {t['n_rows']} partner rows ({t['n_censored']} censored) in "
                  f"{t['n_crises']} crises ({t['first_crisis']}..{t['last_crisis']}); wrote {path}", highlight=False, markup=False)


def _history_backtest(reference: Optional[Path], pack: Optional[Path], db: Optional[Path], format: OutputFormat) -> None:
    with friendly_errors():
        from fairweather.forecast import history_backtest
        from fairweather.sources.history import import_reference
        from fairweather.store import Store

        if reference is not None:
            store = open_store(pack, db)
            import_reference(store, reference)
        else:
            store = Store.open(pack, db, history=True)
        res = history_backtest(store)
    scores = res.scores()
    if format != OutputFormat.table:
        render_frame(scores, format)
        return
    s = res.settings
    console.print(f"Training rows before 2020: {s['rows']} in {s['crises']} crises ({s['censored']} censored: no material "
                  f"help recorded by the dataset). History prior alpha = {s['alpha_history']:g} (rolling-origin censored "
                  f"log loss); pack-level priors {', '.join(f'{k}: {v:g}' for k, v in s['alpha_pack'].items())} (rolling-origin "
                  f"RPS, pre-2020 only). Best family on pre-2020 rolling origin: {s['chosen_family']}.", highlight=False)
    _print_history_scores(scores, res.skill())


#: Short names of the backtest's methods, so that its tables fit 80 columns.
_SHORT = {"model (history + pack)": "pooled", "model (history + pack, free case terms)": "pooled, free case",
          "model (stacked)": "stacked", "model (pack only)": "pack only", "base_rate": "base rate",
          "treaty_llm2000": "treaty 74.5%", "treaty_bf2018": "treaty 22%"}


def _print_history_scores(scores, skill) -> None:
    """Per split: the scores for level >= 3 and >= 4, then the skill against each baseline, in 80 columns."""
    from rich import box
    from rich.table import Table

    def cell(v: float, fmt: str = "{:.3f}") -> str:
        return "" if v != v else fmt.format(v)  # NaN (a constant forecast has no calibration) prints blank

    for split, g in scores.groupby("split", sort=False):
        console.print(f"\n[bold]{split}[/] ({int(g['n'].iloc[0])} partner rows of the pack's crises)", highlight=False)
        for k in ("3", "4"):
            t = Table(box=box.SIMPLE_HEAD, header_style="bold", title=f"level >= {k}", title_justify="left", pad_edge=False)
            # the pack-only backtest has no AUC or calibration line: its table leaves those columns out
            cols = [(name, key, fmt) for name, key, fmt in (
                ("RPS", "rps", "{:.3f}"), ("Brier", f"brier_ge{k}", "{:.3f}"), ("log loss", f"logloss_ge{k}", "{:.3f}"),
                ("AUC", f"auc_ge{k}", "{:.3f}"), ("slope", f"cal_slope_ge{k}", "{:.2f}"),
                ("intercept", f"cal_intercept_ge{k}", "{:+.2f}")) if key in g.columns]
            t.add_column("method", justify="left", no_wrap=True)
            for name, _, _ in cols:
                t.add_column(name, justify="right", no_wrap=True)
            for r in g.itertuples(index=False):
                r = r._asdict()
                t.add_row(_SHORT.get(r["method"], r["method"]), *(cell(r[key], fmt) for _, key, fmt in cols))
            console.print(t)
        sk = skill[skill["split"] == split].pivot_table(index=["model", "baseline"], columns="metric", values="skill")
        t = Table(box=box.SIMPLE_HEAD, header_style="bold", title="skill, 1 - model/baseline (> 0 beats it; B Brier, LL log loss)",
                  title_justify="left", pad_edge=False)
        for col in ("model", "vs", "RPS", "B≥3", "B≥4", "LL≥3", "LL≥4"):
            t.add_column(col, justify="left" if col in ("model", "vs") else "right", no_wrap=True)
        for (m, b), r in sk.iterrows():
            t.add_row(_SHORT.get(str(m), str(m)), _SHORT.get(str(b), str(b)), *(f"{100 * r[c]:+.0f}%" for c in
                                                            ("rps", "brier_ge3", "brier_ge4", "logloss_ge3", "logloss_ge4")))
        console.print(t)


def checkout_params_path(params: Path | None = None) -> Path:
    """The shipped parameter file when this is a source checkout (``<root>/src/fairweather/...`` beside a
    ``pyproject.toml``), else an error asking for ``--out``: the command writes where the library never would."""
    from fairweather.errors import OutputFileError
    from fairweather.forecast import PARAMS_PATH

    path = PARAMS_PATH if params is None else params
    src = path.parents[3]
    if src.name == "src" and (src.parent / "pyproject.toml").is_file():
        return path
    raise OutputFileError(f"Give --out FILE: fairweather is installed ({path.parents[2]}), not run from a checkout, "
                          "and model fit never writes into the installed package.", path)


@model_app.command("fit")
def model_fit(
    pack: PackOpt = None,
    db: DbOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Where to write the parameters (default, in a "
                                                "checkout only: src/fairweather/forecast/params/support_model.json; an "
                                                "installed package is never written into).", show_default=False)] = None,
    alpha: Annotated[Optional[float], typer.Option(help="Prior precision of the standardized coefficients "
                                                   "(default: chosen by rolling-origin RPS on pre-2020 crises).",
                                                   show_default=False)] = None,
    seed: Annotated[int, typer.Option(help="Seed of the interval draws.")] = 20250613,
    fit_date: Annotated[Optional[str], typer.Option("--fit-date", help="Date recorded in the file (default: "
                                                    "SOURCE_DATE_EPOCH or today).", show_default=False)] = None,
    reference: Annotated[Optional[Path], typer.Option("--reference", "-r", help="Folder of the publishers' files "
                                                      "(e.g. ../shared/data): fit the history model on the pack and the "
                                                      "imported COW MIDs and UCDP ESD crises (censored outcomes).",
                                                      envvar="FAIRWEATHER_REFERENCE", show_default=False)] = None,
    history: Annotated[bool, typer.Option("--history", help="Fit the history model on the shipped history layer "
                                          "(no publishers' files needed).")] = False,
) -> None:
    """Fit the model on every crisis before 2020-01-01 and write the parameter file (same inputs, same file).

    Examples:

      fairweather model fit --reference ../shared/data --fit-date 2026-12-03

      fairweather model fit --history --out my-params.json
    """
    with friendly_errors():
        out = out if out is not None else checkout_params_path()
    if reference is not None or history:
        return _fit_history(reference, history, pack, db, out, alpha, seed, fit_date)
    with friendly_errors():
        from fairweather.forecast import fit_params

        store = open_store(pack, db)
        fd = parse_date(fit_date, "--fit-date")
        model, path = fit_params(store, out, alpha="auto" if alpha is None else alpha, seed=seed, fit_date=fd.isoformat() if fd else None)
    t = model.meta_["training"]
    console.print(f"alpha = {model.alpha:g}; fitted on {t['n_rows']} responses in {t['n_crises']} crises ({t['first_crisis']}..{t['last_crisis']}); "
                  f"pack {store.pack_hash[:12]}; wrote {path}", highlight=False, markup=False)


@model_app.command("show")
def model_show(params: ParamsOpt = None, html: Annotated[bool, typer.Option(help="Print HTML instead of text.")] = False) -> None:
    """Print the fitted model's summary: coefficients, standard errors, cutpoints, training data."""
    with friendly_errors():
        from fairweather.forecast import StackedSupportModel, SupportResult, load_model

        m = _model(params) or load_model()
        meta = getattr(m, "meta_", {})
        tr = meta.get("training", {})
        info = {"Pack hash": str(meta.get("pack_hash", ""))[:12], "Fit date": str(meta.get("fit_date", "")),
                "Crises": str(tr.get("n_crises", "")), "Before": str(tr.get("before", ""))}
        stages = ([("Stage 1: the datasets' crises (censored)", m.history_), ("Stage 2: the pack's crises, with history_score",
                                                                               m.pack_)]
                  if isinstance(m, StackedSupportModel) else [("", m)])
        texts = []
        for title, stage in stages:
            s = SupportResult(stage, {**info, **({"Stage": title} if title else {})}).summary()
            texts.append(s.as_html() if html else s.as_text())
    typer.echo("\n\n".join(texts))


@model_app.command("features")
def model_features(params: ParamsOpt = None, format: FormatOpt = OutputFormat.table) -> None:
    """List the features: what each measures, its missing-value rule, the expected sign and the fitted coefficient."""
    import pandas as pd

    with friendly_errors():
        from fairweather.features import FEATURES
        from fairweather.forecast import load_model

        try:
            m = load_model(params)
            coef = dict(zip(m.feature_names_in_, m.coef_))
        except Exception:  # no parameters yet: still list the definitions
            coef = {}
    frame = pd.DataFrame([{"feature": f.name, "group": f.group, "label": f.label, "definition": f.definition,
                           "missing": f.missing, "sign": f.sign, "coef": coef.get(f.name)} for f in FEATURES.values()])
    render_frame(frame, format, title="Features of the support model (built as of the crisis date)")


def register(app: typer.Typer) -> None:
    """Add backtest and model to the ``fairweather`` app."""
    app.command("backtest")(backtest_cmd)
    app.add_typer(model_app, name="model")
