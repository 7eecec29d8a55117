"""The cohesion chart: each bloc's composite over the years, with its component metrics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from fairweather.report._chart_style import _Frame, _style

__all__ = ["cohesion_chart"]


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


#: One colour per bloc (the composite's); components of a single bloc get their own colours, dashes and markers.
_BLOC_COLORS = ("#a63603", "#2171b5", "#238b45", "#6a51a3", "#525252", "#d94801")
_COMPONENT_STYLES = (("#1b9e77", "solid", "circle"), ("#d95f02", "dash", "square"), ("#7570b3", "dot", "diamond"),
                     ("#e7298a", "dashdot", "triangle-up"), ("#66a61e", "longdash", "x"),
                     ("#e6ab02", "longdashdot", "star"), ("#a6761d", "solid", "cross"), ("#666666", "dash", "hexagon"))


def _runs(part: pd.DataFrame, metrics: list[str]) -> list[tuple[list[Any], list[float | None], list[str]]]:
    """The composite cut where its components change: one (years, values, hover notes) per run of years in
    which the same components are known. WHY: a composite over 5 of 7 components is not the one over 6, and a
    line drawn across the change shows a component dropping out as a trend."""
    runs: list[tuple[list[Any], list[float | None], list[str]]] = []
    last: tuple[str, ...] | None = None
    for rec in part.to_dict(orient="records"):
        known = tuple(m for m in metrics if pd.notna(rec.get(m)))
        if last is None or known != last:
            runs.append(([], [], []))
            last = known
        value = rec.get("composite")
        missing = [m.replace("_", " ") for m in metrics if m not in known]
        runs[-1][0].append(rec["year"])
        runs[-1][1].append(None if pd.isna(value) else float(value))
        runs[-1][2].append(f"on {len(known)} of {len(metrics)} components" + (f" (no {', '.join(missing)})" if missing else ""))
    return runs


def _composite(fig: go.Figure, bloc: Any, part: pd.DataFrame, metrics: list[str], color: str) -> int:
    """The composite as one line per run of components (a gap where they change); returns the number of gaps."""
    runs = _runs(part, metrics)
    xs: list[Any] = []
    ys: list[float | None] = []
    notes: list[str] = []
    for years, values, note in runs:
        if xs:  # no line across the change
            xs.append(None)
            ys.append(None)
            notes.append("")
        xs += years
        ys += values
        notes += note
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name=f"{bloc}: composite", legendgroup=str(bloc),
                             line={"color": color, "width": 4}, marker={"size": 8}, customdata=notes,
                             connectgaps=False,
                             hovertemplate=f"{bloc} %{{x}}: composite %{{y:.2f}}, %{{customdata}}<extra></extra>"))
    return len(runs) - 1


def cohesion_chart(result: _Frame | pd.DataFrame, title: str = "Bloc cohesion over time",
                   only: Sequence[str] | None = None, components: bool | None = None) -> go.Figure:
    """Each bloc's composite cohesion over the years (thick), with its component metrics (thin).

    The composite breaks where the components it is computed over change (a component enters or drops
    out), instead of drawing that change as a trend. ``components``: draw the component metrics too, each
    with its own colour, dash and marker; by default only when one bloc is drawn (a comparison shows the
    composites, each bloc's own chart its components). ``only`` keeps just the named blocs of a comparison.
    """
    frame = result if isinstance(result, pd.DataFrame) else result.to_frame()
    if only is not None:
        frame = frame[frame["bloc"].astype(str).isin([str(b) for b in only])]
    fig = go.Figure()
    metrics = _metric_columns(result, frame)
    blocs = list(dict.fromkeys(frame["bloc"].astype(str))) if "bloc" in frame else []
    draw_parts = len(blocs) == 1 if components is None else components
    gaps = 0
    for i, (bloc, part) in enumerate(frame.groupby("bloc", sort=False)):
        part = part.sort_values("year")
        color = _BLOC_COLORS[i % len(_BLOC_COLORS)]
        if "composite" in part:
            gaps += _composite(fig, bloc, part, metrics, color)
        for j, m in enumerate(metrics if draw_parts else []):
            c, dash, symbol = _COMPONENT_STYLES[j % len(_COMPONENT_STYLES)]
            fig.add_trace(go.Scatter(x=part["year"].tolist(), y=part[m].astype(float).tolist(), mode="lines+markers",
                                     name=f"{bloc}: {m.replace('_', ' ')}" if len(blocs) > 1 else m.replace("_", " "),
                                     legendgroup=str(bloc), line={"color": c if len(blocs) == 1 else color,
                                                                   "width": 1.6, "dash": dash},
                                     marker={"symbol": symbol, "size": 7},
                                     hovertemplate=f"{bloc} %{{x}}: {m} %{{y:.2f}}<extra></extra>"))
    fig.update_layout(legend={"groupclick": "toggleitem"})  # a click hides one line, not the bloc's every line
    fig.update_xaxes(title="year", dtick=1)
    fig.update_yaxes(title="score (0 = none, 1 = full)", range=[-0.03, 1.03])
    if gaps:
        title += "<br><sup>a gap in a composite: a component enters or drops out there (hover for which)</sup>"
    return _style(fig, title, height=460)
