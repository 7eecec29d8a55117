"""Plotly figures drawn from fairweather's Results objects, and only from them.

Every function here takes a Results object (or the graph a metrics function
returned) and gives back a :class:`plotly.graph_objects.Figure`. Nothing here
queries the store or fits anything: the report and the web dashboard call the
library, then hand its results to these functions, so both draw the same
charts from the same numbers. The forecast charts live here; the cohesion, network and
evaluation charts in their own modules, re-exported here.

>>> from fairweather.forecast import Scenario, forecast          # doctest: +SKIP
>>> fig = forecast_chart(forecast(Scenario("IRN", ("ISR", "USA"), "2025-06-13")))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from fairweather._frames import row_dicts
from fairweather.report._chart_style import LEVEL_COLORS, LEVEL_NAMES, _Frame, _style, figure_json
from fairweather.report._cohesion_chart import cohesion_chart
from fairweather.report._evaluation_charts import calibration_chart, saydo_chart, skill_chart
from fairweather.report._network_chart import NETWORK_SEED, network_chart

__all__ = [
    "LEVEL_NAMES",
    "LEVEL_COLORS",
    "NETWORK_SEED",
    "forecast_chart",
    "forecast_chart_json",
    "contributions_chart",
    "contributions_charts_json",
    "whatif_chart",
    "cohesion_chart",
    "network_chart",
    "calibration_chart",
    "skill_chart",
    "saydo_chart",
    "figure_json",
]


def _label(row: Any) -> str:
    name = row.get("partner_name")
    return f"{row['partner']} · {name}" if isinstance(name, str) and name and name != row["partner"] else str(row["partner"])


def _reasons_text(value: Any) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return "<br>".join(str(v) for v in value)
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value).replace("; ", "<br>")


def _forecast_arrays(result: _Frame) -> dict[str, Any]:
    """The numbers of the forecast chart: labels, one list per level, the expected level and its interval."""
    frame = result.to_frame().sort_values("expected_level", ascending=True).reset_index(drop=True)
    exp = frame["expected_level"].astype(float)
    low = frame["interval_low"].astype(float) if "interval_low" in frame else exp
    high = frame["interval_high"].astype(float) if "interval_high" in frame else exp
    reasons = [_reasons_text(v) for v in frame.get("reasons", pd.Series([""] * len(frame)))]
    return {
        "n": len(frame),
        "labels": [_label(r) for r in row_dicts(frame[[c for c in ("partner", "partner_name") if c in frame]])],
        "levels": {k: frame[f"p_level_{k}"].astype(float).tolist() for k in range(len(LEVEL_NAMES))
                   if f"p_level_{k}" in frame},
        "expected": exp.tolist(),
        "plus": (high - exp).clip(lower=0).tolist(),
        "minus": (exp - low).clip(lower=0).tolist(),
        "customdata": np.column_stack([low, high, reasons]).tolist() if len(frame) else [],
    }


def _forecast_figure(a: dict[str, Any]) -> go.Figure:
    labels = a["labels"]
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.58, 0.42], horizontal_spacing=0.07,
                        subplot_titles=("P(level) per partner", "expected level, 80% interval"))
    for k, (name, color) in enumerate(zip(LEVEL_NAMES, LEVEL_COLORS)):
        if k not in a["levels"]:
            continue
        fig.add_trace(go.Bar(
            x=a["levels"][k], y=labels, orientation="h", name=f"{k} {name}",
            marker={"color": color}, legendgroup="levels",
            hovertemplate=f"%{{y}}<br>P(level {k}, {name}) = %{{x:.0%}}<extra></extra>",
        ), row=1, col=1)
    fig.add_trace(go.Scatter(
        x=a["expected"], y=labels, mode="markers", name="expected level (80% interval)",
        marker={"color": "#222222", "size": 10},
        error_x={"type": "data", "symmetric": False, "array": a["plus"], "arrayminus": a["minus"],
                 "color": "#555555", "thickness": 2},
        customdata=a["customdata"],
        hovertemplate="%{y}<br>expected level %{x:.2f} (80%: %{customdata[0]:.0f}–%{customdata[1]:.0f})"
                      "<br>%{customdata[2]}<extra></extra>",
    ), row=1, col=2)
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.15})
    fig.update_xaxes(range=[0, 1], tickformat=".0%", row=1, col=1)
    # level names under their numbers, level: six slanted labels ran into each other and into the "100%" beside them
    fig.update_xaxes(range=[-0.3, 5.3], tickvals=list(range(6)), ticktext=[f"{k}<br>{n}" for k, n in enumerate(LEVEL_NAMES)],
                     tickangle=0, tickfont={"size": 11}, row=1, col=2)
    return _style(fig, "Forecast: how much each partner helps", height=_forecast_height(a["n"]))


def _forecast_height(n: int) -> int:
    return max(320, 70 + 48 * n)


def forecast_chart(result: _Frame) -> go.Figure:
    """Support level probabilities per partner, with the expected level and its 80% interval.

    Left: one stacked bar per partner splitting probability over the levels
    0..5. Right: the expected level with its 80% interval (``interval_low`` to
    ``interval_high``). Partners are sorted by expected level, highest on top.
    """
    return _forecast_figure(_forecast_arrays(result))


_FORECAST_TEMPLATE: dict[str, Any] = {}


def forecast_chart_json(result: _Frame) -> dict[str, Any]:
    """``figure_json(forecast_chart(result))``, filled into a template Plotly draws once (see
    :func:`contributions_charts_json` for why); a test pins it to Plotly's own figure."""
    a = _forecast_arrays(result)
    if a["n"] == 0 or len(a["levels"]) != len(LEVEL_NAMES):
        return figure_json(_forecast_figure(a))  # a shape the template does not have
    if not _FORECAST_TEMPLATE:
        one = {"n": 1, "labels": ["x"], "levels": {k: [0.5] for k in range(len(LEVEL_NAMES))}, "expected": [1.0],
               "plus": [0.5], "minus": [0.5], "customdata": [["0.5", "1.5", "x"]]}
        _FORECAST_TEMPLATE.update(figure_json(_forecast_figure(one)))
    data, layout = _FORECAST_TEMPLATE["data"], _FORECAST_TEMPLATE["layout"]
    traces = [{**bar, "x": a["levels"][k], "y": a["labels"]} for k, bar in enumerate(data[:-1])]
    dot = data[-1]
    traces.append({**dot, "x": a["expected"], "y": a["labels"], "customdata": a["customdata"],
                   "error_x": {**dot["error_x"], "array": a["plus"], "arrayminus": a["minus"]}})
    return {"data": traces, "layout": {**layout, "height": _forecast_height(a["n"])}}


def _contribution_bars(contrib: pd.DataFrame, partner: str, top: int) -> tuple[list[str], list[float]]:
    """Labels and values of the waterfall: the ``top`` largest contributions, then the rest summed.

    Plain Python over the partner's rows (pandas per partner was a fifth of a dashboard forecast).
    """
    rows = contrib[contrib["partner"] == partner] if len(contrib) else contrib
    return _bars(row_dicts(rows), "text" in rows, top)


def _bars(rows: list[dict[str, Any]], has_text: bool, top: int) -> tuple[list[str], list[float]]:
    recs = []
    for r in rows:
        v = float(r["contribution"])
        if abs(v) > 1e-9:
            recs.append((abs(v), v, r["text"] if has_text else r["label"], r["label"], r["feature"]))
    recs.sort(key=lambda x: -x[0])  # stable: equal sizes keep their order
    head, rest = recs[:top], recs[top:]
    labels = [str(w) if isinstance(w, str) and w else str(lbl) if isinstance(lbl, str) and lbl else str(feat)
              for _, _, w, lbl, feat in head]
    values = [v for _, v, _, _, _ in head]
    if rest:
        labels.append(f"all other features ({len(rest)})")
        values.append(float(np.asarray([v for _, v, _, _, _ in rest], dtype=float).sum()))  # as pandas sums
    return labels, values


def _contributions_figure(partner: str, labels: list[str], values: list[float]) -> go.Figure:
    fig = go.Figure(go.Waterfall(
        orientation="h", y=[*labels, "linear predictor"], x=[*values, 0.0],
        measure=["relative"] * len(values) + ["total"],
        increasing={"marker": {"color": "#f16913"}}, decreasing={"marker": {"color": "#4292c6"}},
        totals={"marker": {"color": "#333333"}}, connector={"line": {"color": "#bbbbbb"}},
        hovertemplate="%{y}: %{x:+.2f}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title="contribution to the linear predictor (higher: more help)")
    return _style(fig, f"Why {partner}: contributions", height=max(280, 90 + 30 * (len(labels) + 1)))


def contributions_chart(result: Any, partner: str, top: int = 10) -> go.Figure:
    """The contributions behind one partner's forecast, as a waterfall on the linear predictor.

    The ``top`` largest contributions (by absolute size) are shown one by one;
    the rest are summed into "all other features". The last bar is the total,
    the partner's linear predictor.
    """
    return _contributions_figure(partner, *_contribution_bars(result.contributions(), partner, top))


_CONTRIBUTIONS_TEMPLATE: dict[str, Any] = {}


def contributions_charts_json(result: Any, partners: Sequence[str], top: int = 10) -> dict[str, dict[str, Any]]:
    """``{partner: figure_json(contributions_chart(result, partner))}``, about a hundred times faster.

    WHY: the dashboard sends one waterfall per partner with every forecast, and
    building each through Plotly's validating figure objects was nine tenths of
    a forecast request. Every waterfall has the same structure, so one is drawn
    through Plotly once, as a template, and each partner's copy gets its bars,
    title and height; a test pins the copies to the figures Plotly draws.
    """
    if not _CONTRIBUTIONS_TEMPLATE:
        _CONTRIBUTIONS_TEMPLATE.update(figure_json(_contributions_figure("", ["x"], [1.0])))
    data, layout = _CONTRIBUTIONS_TEMPLATE["data"][0], _CONTRIBUTIONS_TEMPLATE["layout"]
    contrib = result.contributions()
    by_partner: dict[str, list[dict[str, Any]]] = {}
    for r in row_dicts(contrib):  # one pass over the rows, not a frame per partner
        by_partner.setdefault(str(r["partner"]), []).append(r)
    out: dict[str, dict[str, Any]] = {}
    for p in partners:
        labels, values = _bars(by_partner.get(str(p), []), "text" in contrib, top)
        trace = {**data, "y": [*labels, "linear predictor"], "x": [*values, 0.0],
                 "measure": ["relative"] * len(values) + ["total"]}
        lay = {**layout, "title": {**layout["title"], "text": f"Why {p}: contributions"},
               "height": max(280, 90 + 30 * (len(labels) + 1))}
        out[p] = {"data": [trace], "layout": lay}
    return out


def whatif_chart(result: Any) -> go.Figure:
    """Expected level and P(material help) per partner, before and after the assumptions."""
    frame = result.compare()
    partners = frame["partner"].astype(str).tolist()
    fig = make_subplots(rows=1, cols=2, subplot_titles=("expected level", "P(level ≥ 3, material help)"))
    for col, name, color, c in [("expected_level_base", "as the data stand", "#9ecae1", 1),
                                ("expected_level", "with the assumptions", "#f16913", 1),
                                ("p_ge_3_base", "as the data stand", "#9ecae1", 2),
                                ("p_ge_3", "with the assumptions", "#f16913", 2)]:
        if col not in frame:
            continue
        fig.add_trace(go.Bar(x=partners, y=frame[col].astype(float).tolist(), name=name, marker={"color": color},
                             legendgroup=name, showlegend=c == 1,
                             hovertemplate="%{x}: %{y:.2f}<extra>" + name + "</extra>"), row=1, col=c)
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 5], row=1, col=1)
    fig.update_yaxes(range=[0, 1], tickformat=".0%", row=1, col=2)
    return _style(fig, "What if: the forecast under the assumptions", height=380)


