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


