"""The self-contained HTML report: one file, plotly.js inlined once, opens offline.

:func:`build_report` asks the application layer for the scenario's briefing
(:func:`fairweather.briefing.briefing`: forecast, cohesion, network, backtest),
draws the charts of :mod:`fairweather.report.charts` from the Results objects
and renders them into one Jinja2 template. The only links in the file are the
source links of the provenance table; there are no CDN scripts, web fonts or
other external resources, so the file opens the same without a network.

>>> from fairweather.forecast import Scenario                       # doctest: +SKIP
>>> write_report(Scenario("IRN", ("ISR", "USA"), "2025-06-13"), "out/iran-2025.html", bloc="CRINK")  # doctest: +SKIP
PosixPath('out/iran-2025.html')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from fairweather._atomic import atomic_file
from fairweather.report import charts

__all__ = ["build_report", "render_report", "write_report", "Bloc", "report_years"]

#: A bloc: a name known to :data:`fairweather.metrics.BLOCS` (e.g. ``"CRINK"``) or a set of states.
Bloc = str | list[str] | tuple[str, ...]


_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["sendDataToCloud"]}


@dataclass
class _Chart:
    div_id: str
    html: str
    title: str
    fold: str | None = None  # a summary line: the chart is folded under it (a closed <details>)


@dataclass
class _Table:
    columns: list[str]
    rows: list[list[Any]]
    link_column: str | None = None
    folded: bool = False  # under its caption, in a closed <details>: the report scans in a few screens

    @property
    def headers(self) -> list[str]:
        """Column names for people: ``p_ge_3`` reads "P(level ≥ 3)", underscores become spaces."""
        out = []
        for c in self.columns:
            m = re.fullmatch(r"p_ge_(\d)(_base)?", c)
            out.append(f"P(level ≥ {m.group(1)}){' before' if m.group(2) else ''}" if m else c.replace("_", " "))
        return out


@dataclass
class _Section:
    key: str
    title: str
    intro: str = ""
    charts: list[_Chart] = field(default_factory=list)
    tables: list[tuple[str, _Table]] = field(default_factory=list)
    note: str = ""


class _Charts:
    """Numbers the charts so the ids are stable: the same inputs give the same file."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, fig: Any, title: str, fold: str | None = None) -> _Chart:
        self.count += 1
        div_id = f"fw-chart-{self.count}"
        html = fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=_PLOTLY_CONFIG,
                           default_width="100%")
        return _Chart(div_id, html, title, fold)


def report_years(scenario_date: dt.date, years: Sequence[int] | range | None = None) -> range:
    """The years to profile cohesion over: ``years`` as a range, or the ten years up to the scenario
    (:func:`fairweather.briefing.cohesion_years`, the one rule the CLI and the dashboard use too)."""
    from fairweather.briefing import cohesion_years

    return cohesion_years(scenario_date, years)


def _table(frame: pd.DataFrame, columns: Sequence[str] | None = None, link_column: str | None = None,
           digits: int = 3, folded: bool = False) -> _Table:
    cols = [c for c in (columns or frame.columns) if c in frame.columns]
    rows = []
    for rec in frame[cols].itertuples(index=False):
        row = []
        for v in rec:
            if isinstance(v, float):
                row.append("" if pd.isna(v) else f"{v:.{digits}g}")
            elif isinstance(v, (list, tuple)):
                row.append("; ".join(str(x) for x in v))
            elif v is None or v is pd.NaT or (not isinstance(v, str) and pd.isna(v) is True):
                row.append("")
            elif isinstance(v, (dt.date, pd.Timestamp)):
                row.append(f"{v:%Y-%m-%d}")
            else:
                row.append(str(v))
        rows.append(row)
    return _Table([str(c) for c in cols], rows, link_column if link_column in cols else None, folded)


def _scenario_text(scenario: Any) -> str:
    attackers = ", ".join(scenario.attackers)
    return f"{scenario.target} attacked by {attackers} on {scenario.date:%Y-%m-%d}"


def _forecast_sections(fb: Any, ch: _Charts) -> list[_Section]:
    result, scenario, frame, crisis_id = fb.result, fb.scenario, fb.frame, fb.crisis_id
    intro = ("Probability of each support level (0 none, 1 verbal, 2 diplomatic, 3 economic, "
             "4 materiel, 5 military) and the expected level with its 80% interval.")
    if crisis_id is not None:
        intro += (f" The pack codes this crisis ({crisis_id}): the column “recorded” is what each partner did "
                  "(* sided with the attacker), with its source; the model never saw it.")
    fc = _Section("forecast", "Forecast per partner", intro)
    fc.charts.append(ch.add(charts.forecast_chart(result), "forecast"))
    show = frame.assign(
        interval=[f"{lo:.1f}–{hi:.1f}" for lo, hi in zip(frame["interval_low"], frame["interval_high"])],
    )
    recorded = ["recorded", "recorded_source"] if crisis_id is not None else []
    fc.tables.append(("Forecast and reasons", _table(
        show, ["partner", "partner_name", "expected_level", "interval", *recorded, "most_likely_level", "p_ge_1",
               "p_ge_3", "p_ge_4", "reasons"], digits=2)))
    why = _Section("contributions", "Why: the contributions behind each forecast",
                   "Each bar is one feature's push on the partner's linear predictor, as the data stood on "
                   f"{scenario.date:%Y-%m-%d}; orange raises the expected support, blue lowers it.")
    # the likeliest helper's chart open, the others folded under one line each (14 charts were 13,000 px)
    ranked = frame.sort_values("expected_level", ascending=False)
    for i, (partner, level) in enumerate(zip(ranked["partner"], ranked["expected_level"])):
        fold = None if i == 0 else f"Why {partner} (expected level {float(level):.1f})"
        why.charts.append(ch.add(charts.contributions_chart(result, str(partner)), f"contributions {partner}", fold))
    sections = [fc, why]
    if getattr(scenario, "assume", ()):
        wi = _Section("whatif", "What if", "Assumed: " + "; ".join(scenario.assume) + ".")
        wi.charts.append(ch.add(charts.whatif_chart(result), "what-if"))
        wi.tables.append(("Forecast with and without the assumptions", _table(result.compare(), digits=2)))
        sections.append(wi)
    return sections


def _cohesion_section(b: Any, ch: _Charts) -> _Section:
    label, yrs, res = b.bloc.name, b.years, b.cohesion
    sec = _Section("cohesion", f"Cohesion of {label}, {yrs.start}–{yrs.stop - 1}",
                   "How tightly the bloc is bound, year by year: each component metric and the weighted composite.")
    if res is None:
        sec.note = b.notes.get("cohesion", "")
        return sec
    sec.charts.append(ch.add(charts.cohesion_chart(res, f"Cohesion of {label} over time", only=[label]), "cohesion"))
    weights = getattr(res, "weights", None)
    if weights:
        sec.tables.append(("Composite weights", _table(pd.DataFrame(
            {"metric": list(weights), "weight": [float(w) for w in weights.values()]}), folded=True)))
    reading = getattr(res, "reading", None)
    if callable(reading):
        lines = [str(x) for x in reading()]
        if lines:
            sec.tables.append(("In plain words", _Table(["reading"], [[x] for x in lines])))
    if b.compare:
        names = ", ".join(c.name for c in b.compare)
        sec.charts.append(ch.add(charts.cohesion_chart(res, f"{label} compared with {names}"), "cohesion compare"))
    return sec


def _network_section(b: Any, ch: _Charts) -> _Section:
    label, year = b.bloc.name, b.network_year
    sec = _Section("network", f"Network of {label} in {year}",
                   "Members on the inner ring, their partners on the next, the bloc's adversaries outside; one line per "
                   "pair of states in that year, coloured by its strongest tie and as wide as the ties they share.")
    if b.network is None:
        sec.note = b.notes.get("network", "")
    else:
        sec.charts.append(ch.add(charts.network_chart(b.network, f"Commitments and ties of {label}, {year}"), "network"))
    return sec


def _backtest_section(b: Any, ch: _Charts) -> _Section:
    sec = _Section("backtest", "How good is the model? Backtest",
                   "Fitted on crises before 2020 only; scored on crises from 2020 on, beside the base-rate "
                   "and treaty-rule baselines.")
    bt = b.backtest
    if bt is None:
        sec.note = b.notes.get("backtest", "")
        return sec
    sec.charts.append(ch.add(charts.calibration_chart(bt), "calibration"))
    sec.charts.append(ch.add(charts.skill_chart(bt), "skill"))
    sec.tables.append(("Skill against the baselines (1 − model score / baseline score; above 0 the model is better)",
                       _table(bt.skill(), folded=True)))
    return sec


def _saydo_section(b: Any, ch: _Charts) -> _Section:
    scenario = b.scenario
    sec = _Section("saydo", "Say versus do in the event data",
                   f"Events from {scenario.date:%Y-%m-%d} on: each partner's support toward {scenario.target} in "
                   "words and in deeds, and its hostility toward the attackers. The say–do ratio is the share of "
                   "support that was words (1 = all talk).")
    res = b.saydo
    if res is None:
        sec.note = b.notes.get("saydo", "")
        return sec
    sec.charts.append(ch.add(charts.saydo_chart(res), "say-do"))
    sec.tables.append(("Say–do per partner", _table(res.to_frame(), [
        "partner", "events", "verbal_support", "material_support", "saydo_ratio", "verbal_hostility",
        "material_hostility"], digits=2, folded=True)))
    return sec


def _provenance_section(result: Any) -> _Section:
    prov = result.provenance()
    sec = _Section("provenance", "Provenance: every fact used, with its source",
                   f"{len(prov)} facts, ties and commitments went into this forecast. Follow the links to check them.")
    cols = [str(c) for c in prov.columns]
    if "url" in cols and "value" in cols:  # the link beside the fact it backs, not past the table's right edge
        cols.remove("url")
        cols.insert(cols.index("value") + 1, "url")
    sec.tables.append((f"Sources ({len(prov)})", _table(prov, cols, link_column="url", folded=True)))
    return sec


def _safe_url(url: str) -> str | None:
    return url if url.startswith(("https://", "http://")) else None


def _render(context: dict[str, Any]) -> str:
    import jinja2
    import plotly
    import plotly.offline

    env = jinja2.Environment(loader=jinja2.PackageLoader("fairweather.report", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = _safe_url
    env.filters["link_host"] = lambda url: urlsplit(url).netloc or url  # the site as the link text, the address on hover
    return env.get_template("report.html.j2").render(
        plotlyjs=plotly.offline.get_plotlyjs(), plotly_version=plotly.__version__, **context)


def build_report(scenario: Any, store: Any = None, bloc: Bloc | None = None, compare: Sequence[Bloc] | None = None,
                 years: Sequence[int] | range | None = None, events: Any = None) -> str:
    """Build the whole report for ``scenario`` as one self-contained HTML string.

    Parameters
    ----------
    scenario
        A :class:`fairweather.forecast.Scenario`; its assumptions, if any, add the what-if section.
    store
        The store to read (default: the embedded pack, in memory).
    bloc
        The bloc whose cohesion and network to show: a name such as ``"CRINK"`` or a list of states.
        Default: the smallest named bloc the target belongs to on the scenario date (CRINK for Iran
        in 2025), else the target and its three likeliest helpers.
    compare
        Further blocs to compare the bloc's cohesion with, e.g. ``["NATO", "CSTO"]``.
    years
        Years of the cohesion profile (a range, or a ``(from, to)`` pair); default the ten years up to
        the scenario's year.
    events
        Event data (anything :func:`fairweather.metrics.saydo.saydo` reads, e.g. the result of
        :func:`fairweather.sources.eventfiles.read_events`); adds the say–do section. Default: none.

    Returns
    -------
    str
        The HTML document. Sections whose data the pack lacks carry a note saying why.

    Raises
    ------
    UnknownStateError, ScenarioError, DateError
        For bad input; nothing is built.
    """
    from fairweather.briefing import briefing

    return render_report(briefing(scenario, store, bloc=bloc, compare=compare, years=years, events=events))


def render_report(b: Any) -> str:
    """The report of a :class:`fairweather.briefing.Briefing`, as one self-contained HTML string."""
    scenario = b.scenario
    ch = _Charts()
    sections = _forecast_sections(b.forecast, ch)
    sections += [_cohesion_section(b, ch), _network_section(b, ch), _backtest_section(b, ch)]
    if b.saydo is not None or "saydo" in b.notes:
        sections.append(_saydo_section(b, ch))
    sections.append(_provenance_section(b.forecast.result))
    try:
        from importlib.metadata import version

        fw_version = version("fairweather")
    except Exception:  # pragma: no cover - running from a source tree without metadata
        fw_version = "dev"
    return _render({
        "title": f"fairweather: {_scenario_text(scenario)}",
        "scenario": scenario,
        "scenario_text": _scenario_text(scenario),
        "sections": sections,
        "chart_count": ch.count,
        "pack_hash": b.pack_hash[:12],
        "version": fw_version,
    })


def write_report(scenario: Any, path: Path | str, *, store: Any = None, bloc: Bloc | None = None,
                 compare: Sequence[Bloc] | None = None, years: Sequence[int] | range | None = None,
                 events: Any = None) -> Path:
    """Build the report (see :func:`build_report`) and write it to ``path`` atomically.

    The HTML goes to a temporary file beside ``path`` and is renamed over it
    only when complete, so ``path`` is either the old file or the whole new one.
    Missing parent folders are created.

    Returns
    -------
    Path
        The path written.
    """
    html = build_report(scenario, store=store, bloc=bloc, compare=compare, years=years, events=events)
    path = Path(path)
    with atomic_file(path) as fh:
        fh.write(html)
    return path
