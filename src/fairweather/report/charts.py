"""Plotly figures drawn from fairweather's Results objects, and only from them.

Every function here takes a Results object (or the graph a metrics function
returned) and gives back a :class:`plotly.graph_objects.Figure`. Nothing here
queries the store or fits anything: the report and the web dashboard call the
library, then hand its results to these functions, so both draw the same
charts from the same numbers.

>>> from fairweather.forecast import Scenario, forecast          # doctest: +SKIP
>>> fig = forecast_chart(forecast(Scenario("IRN", ("ISR", "USA"), "2025-06-13")))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from fairweather.pack.schema import SUPPORT_LEVELS

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

#: The support levels of DESIGN.md, 0..5.
LEVEL_NAMES: tuple[str, ...] = tuple(SUPPORT_LEVELS[k][0] for k in sorted(SUPPORT_LEVELS))  # the pack schema's names
#: One colour per level: greys for talk, warm colours for material help.
LEVEL_COLORS: tuple[str, ...] = ("#d9d9d9", "#9ecae1", "#4292c6", "#fdae6b", "#f16913", "#a63603")
#: Seed of the network layout, so the same graph is always drawn the same way.
NETWORK_SEED = 7

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"  # local fonts only: the report works offline
_LAYOUT: dict[str, Any] = {
    "font": {"family": _FONT, "size": 13},
    "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
}


class _Frame(Protocol):
    def to_frame(self) -> pd.DataFrame: ...


def _style(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0.0, "xanchor": "left"}, **_LAYOUT)
    if height:
        fig.update_layout(height=height)
    fig.update_xaxes(gridcolor="#eeeeee", zerolinecolor="#bbbbbb")
    fig.update_yaxes(gridcolor="#eeeeee", zerolinecolor="#bbbbbb")
    return fig


def _label(row: pd.Series) -> str:
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
        "labels": [_label(r) for _, r in frame.iterrows()],
        "levels": {k: frame[f"p_level_{k}"].astype(float).tolist() for k in range(len(LEVEL_NAMES))
                   if f"p_level_{k}" in frame},
        "expected": exp.tolist(),
        "plus": (high - exp).clip(lower=0).tolist(),
        "minus": (exp - low).clip(lower=0).tolist(),
        "customdata": np.column_stack([low, high, reasons]).tolist() if len(frame) else [],
    }


def _forecast_figure(a: dict[str, Any]) -> go.Figure:
    labels = a["labels"]
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.62, 0.38], horizontal_spacing=0.04,
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
    fig.update_xaxes(range=[-0.2, 5.2], tickvals=list(range(6)), ticktext=[f"{k} {n}" for k, n in enumerate(LEVEL_NAMES)],
                     tickangle=-30, row=1, col=2)
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
    has_text = "text" in rows
    recs = []
    for r in rows.to_dict(orient="records"):
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
    by_partner = {str(k): g for k, g in contrib.groupby("partner", sort=False)} if len(contrib) else {}
    out: dict[str, dict[str, Any]] = {}
    for p in partners:
        labels, values = _contribution_bars(by_partner.get(str(p), contrib.iloc[:0]), p, top)
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


def _metric_columns(result: Any, frame: pd.DataFrame) -> list[str]:
    """The component columns behind the composite: from the result's weights table when it has one."""
    weights_frame = getattr(result, "weights_frame", None)
    if callable(weights_frame):
        cols = [c for c in weights_frame()["column"] if c in frame.columns]
        if cols:
            return list(dict.fromkeys(cols))
    skip = {"bloc", "year", "composite", "members", "n_members", "states"}
    return [c for c in frame.columns if c not in skip and not c.endswith(("_n", "_pairs", "_events", "_crises"))
            and pd.api.types.is_float_dtype(frame[c])]


def cohesion_chart(result: _Frame | pd.DataFrame, title: str = "Bloc cohesion over time",
                   only: Sequence[str] | None = None) -> go.Figure:
    """Each bloc's composite cohesion over the years (thick), with its component metrics (thin).

    The component metrics of the first bloc are shown; those of further blocs
    are one legend click away, so comparisons stay readable. ``only`` keeps
    just the named blocs of a comparison.
    """
    frame = result if isinstance(result, pd.DataFrame) else result.to_frame()
    if only is not None:
        frame = frame[frame["bloc"].astype(str).isin([str(b) for b in only])]
    fig = go.Figure()
    palette = ["#a63603", "#2171b5", "#238b45", "#6a51a3", "#525252", "#d94801"]
    metrics = _metric_columns(result, frame)
    for i, (bloc, part) in enumerate(frame.groupby("bloc", sort=False)):
        part = part.sort_values("year")
        color = palette[i % len(palette)]
        if "composite" in part:
            fig.add_trace(go.Scatter(x=part["year"].tolist(), y=part["composite"].astype(float).tolist(),
                                     mode="lines+markers", name=f"{bloc}: composite", legendgroup=str(bloc),
                                     line={"color": color, "width": 4},
                                     hovertemplate=f"{bloc} %{{x}}: composite %{{y:.2f}}<extra></extra>"))
        for m in metrics:
            fig.add_trace(go.Scatter(x=part["year"].tolist(), y=part[m].astype(float).tolist(), mode="lines",
                                     name=f"{bloc}: {m.replace('_', ' ')}", legendgroup=str(bloc),
                                     line={"color": color, "width": 1.3, "dash": "dot"},
                                     visible=True if i == 0 else "legendonly",
                                     hovertemplate=f"{bloc} %{{x}}: {m} %{{y:.2f}}<extra></extra>"))
    fig.update_xaxes(title="year", dtick=1)
    fig.update_yaxes(title="score (0 = none, 1 = full)")
    return _style(fig, title, height=460)


def network_chart(graph: Any, title: str = "Commitments and ties", seed: int = NETWORK_SEED) -> go.Figure:
    """The network of a bloc: states as nodes, commitments and ties as edges.

    Positions come from :func:`networkx.spring_layout` with a fixed ``seed``,
    so the same graph is drawn the same way every time. Edges are grouped by
    their ``kind`` attribute (a commitment's obligation or a tie's kind).
    """
    import networkx as nx

    fig = go.Figure()
    if graph.number_of_nodes() == 0:
        return _style(fig, title + " (no states)", height=360)
    simple = nx.Graph(graph)
    # Unweighted: tie values (trade shares, troop numbers) are on different scales and would pull arbitrarily.
    pos = nx.spring_layout(simple, seed=seed, k=3.0 / max(1.0, simple.number_of_nodes()) ** 0.5, iterations=200,
                           weight=None)
    groups: dict[str, list[tuple[Any, Any, dict[str, Any]]]] = {}
    for u, v, data in graph.edges(data=True):
        kind = str(data.get("kind") or data.get("type") or "tie")
        groups.setdefault(kind, []).append((u, v, data))
    palette = ["#a63603", "#2171b5", "#238b45", "#6a51a3", "#d94801", "#525252", "#e7298a", "#66a61e"]
    for i, kind in enumerate(sorted(groups)):
        xs: list[float | None] = []
        ys: list[float | None] = []
        mx, my, texts = [], [], []
        for u, v, data in groups[kind]:
            (x0, y0), (x1, y1) = pos[u], pos[v]
            xs += [float(x0), float(x1), None]
            ys += [float(y0), float(y1), None]
            mx.append(float(x0 + x1) / 2)
            my.append(float(y0 + y1) / 2)
            detail = data.get("label") or data.get("name") or data.get("detail") or data.get("value") or ""
            texts.append(f"{u}–{v}: {kind}" + (f"<br>{detail}" if detail not in ("", None) else ""))
        color = palette[i % len(palette)]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=kind, legendgroup=kind,
                                 line={"color": color, "width": 1.3}, opacity=0.7, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=mx, y=my, mode="markers", legendgroup=kind, showlegend=False,
                                 marker={"color": color, "size": 6, "opacity": 0.6}, text=texts,
                                 hovertemplate="%{text}<extra></extra>"))
    roles = {"member": "#1f2a36", "partner": "#ffffff", "adversary": "#fcbba1"}
    by_role: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
    for n, d in graph.nodes(data=True):
        by_role.setdefault(str(d.get("role") or "state"), []).append((n, d))
    for role in sorted(by_role, key=lambda r: (r not in roles, list(roles).index(r) if r in roles else 0, r)):
        nodes = by_role[role]
        fill = roles.get(role, "#ffffff")
        fig.add_trace(go.Scatter(
            x=[float(pos[n][0]) for n, _ in nodes], y=[float(pos[n][1]) for n, _ in nodes],
            mode="markers+text", name={"member": "members", "partner": "partners", "adversary": "adversaries"}.get(role, role),
            text=[str(n) for n, _ in nodes], textposition="top center",
            marker={"size": 18, "color": fill, "line": {"color": "#222222", "width": 2}},
            hovertext=[f"{d.get('name') or n} ({role})" for n, d in nodes], hovertemplate="%{hovertext}<extra></extra>",
        ))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    return _style(fig, title, height=520)


def _pick(frame: pd.DataFrame, *names: str) -> str | None:
    for n in names:
        if n in frame.columns:
            return n
    return None


def calibration_chart(backtest: Any) -> go.Figure:
    """Reliability diagram: forecast probability against the observed frequency, per outcome."""
    frame = backtest.calibration()
    pred = _pick(frame, "mean_forecast", "predicted", "mean_predicted", "forecast", "p_mean", "mean_p", "prob", "p")
    obs = _pick(frame, "observed", "observed_rate", "frequency", "observed_frequency", "rate", "y_mean")
    count = _pick(frame, "n", "count", "cases")
    group = _pick(frame, "outcome", "threshold", "event", "target", "k")
    model_col = _pick(frame, "model")
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="perfect calibration",
                               line={"color": "#999999", "dash": "dash"}, hoverinfo="skip"))
    if pred is not None and obs is not None:
        keys = [c for c in (group, model_col) if c is not None]
        parts = frame.groupby(keys, sort=False) if keys else [("all", frame)]
        for key, part in parts:
            name = " · ".join(str(k) for k in (key if isinstance(key, tuple) else (key,)))
            sizes = (6 + 3 * np.sqrt(part[count].astype(float))).clip(upper=30).tolist() if count else 9
            fig.add_trace(go.Scatter(
                x=part[pred].astype(float).tolist(), y=part[obs].astype(float).tolist(), mode="lines+markers",
                name=name if group and str(group) != "k" else f"level ≥ {name}", marker={"size": sizes},
                customdata=part[count].tolist() if count else None,
                hovertemplate="forecast %{x:.0%} → observed %{y:.0%}" + (" (n=%{customdata})" if count else "")
                              + "<extra>" + name + "</extra>",
            ))
    fig.update_xaxes(range=[0, 1], tickformat=".0%", title="forecast probability")
    fig.update_yaxes(range=[0, 1], tickformat=".0%", title="observed frequency")
    return _style(fig, "Backtest calibration: forecast probability against what happened", height=440)


def skill_chart(backtest: Any) -> go.Figure:
    """Scores of the model beside its baselines (lower is better), one panel per score.

    Uses the evaluation split (crises from 2020 on) when the backtest has one,
    else its first split.
    """
    frame = backtest.scores()
    split = None
    if "split" in frame:
        splits = list(dict.fromkeys(frame["split"].astype(str)))
        split = next((x for x in splits if "evaluation" in x), splits[0] if splits else None)
        frame = frame[frame["split"].astype(str) == split]
    method = _pick(frame, "method", "model", "name")
    idx = method or frame.columns[0]
    metrics = [c for c in frame.columns if c not in (idx, "split", "n") and pd.api.types.is_numeric_dtype(frame[c])]
    fig = make_subplots(rows=1, cols=max(1, len(metrics)), subplot_titles=[m.replace("_", " ") for m in metrics])
    names = frame[idx].astype(str).tolist()
    colors = ["#f16913" if n.lower() in ("model", "fairweather") else "#9ecae1" for n in names]
    for i, m in enumerate(metrics, start=1):
        fig.add_trace(go.Bar(x=names, y=frame[m].astype(float).tolist(), marker={"color": colors}, showlegend=False,
                             hovertemplate="%{x}: %{y:.3f}<extra>" + m + "</extra>"), row=1, col=i)
    fig.update_xaxes(tickangle=-40)
    title = "Backtest: the model (orange) against its baselines; lower is better"
    return _style(fig, title + (f" ({split})" if split else ""), height=420)


def saydo_chart(result: _Frame) -> go.Figure:
    """Say versus do per partner: support events toward the target (words, deeds) and hostility to the attackers."""
    frame = result.to_frame()
    partners = frame["partner"].astype(str).tolist()
    fig = go.Figure()
    for col, name, color in [("verbal_support", "said: verbal support", "#9ecae1"),
                             ("material_support", "did: material support", "#f16913"),
                             ("verbal_hostility", "words against the attackers", "#bdbdbd"),
                             ("material_hostility", "deeds against the attackers", "#636363")]:
        if col in frame:
            fig.add_trace(go.Bar(x=partners, y=frame[col].fillna(0).astype(float).tolist(), name=name,
                                 marker={"color": color}, hovertemplate="%{x}: %{y:.0f} events<extra>" + name + "</extra>"))
    if "saydo_ratio" in frame:
        ratios = ["n/a" if pd.isna(r) else f"{r:.2f}" for r in frame["saydo_ratio"]]
        fig.add_trace(go.Scatter(x=partners, y=[0] * len(partners), mode="text", text=ratios, textposition="bottom center",
                                 name="say–do ratio (1 = all talk)", hoverinfo="skip"))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="events")
    return _style(fig, "Say versus do: what partners said and what they did", height=420)


def figure_json(fig: go.Figure) -> dict[str, Any]:
    """A figure as plain JSON (``data`` and ``layout``), ready for ``Plotly.newPlot`` in a browser."""
    import json

    return json.loads(fig.to_json())
