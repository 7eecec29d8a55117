"""Charts of how good the model is and of what partners did: backtest calibration and skill, say versus do."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from fairweather.report._chart_style import _Frame, _pick, _style

__all__ = ["calibration_chart", "skill_chart", "saydo_chart"]


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
    # a little room below 0: the two "0%" ticks met in the corner
    fig.update_xaxes(range=[-0.04, 1.04], tickformat=".0%", title="forecast probability")
    fig.update_yaxes(range=[-0.04, 1.04], tickformat=".0%", title="observed frequency")
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
    # horizontal bars, the methods named once on the left: slanted names under each panel ran into each other
    fig = make_subplots(rows=1, cols=max(1, len(metrics)), shared_yaxes=True, horizontal_spacing=0.05,
                        subplot_titles=[m.replace("_", " ") for m in metrics])
    names = frame[idx].astype(str).tolist()
    colors = ["#f16913" if n.lower() in ("model", "fairweather") else "#9ecae1" for n in names]
    for i, m in enumerate(metrics, start=1):
        fig.add_trace(go.Bar(y=names, x=frame[m].astype(float).tolist(), orientation="h", marker={"color": colors},
                             showlegend=False, hovertemplate="%{y}: %{x:.3f}<extra>" + m + "</extra>"), row=1, col=i)
    fig.update_xaxes(nticks=3, tickformat=".2f")
    fig.update_yaxes(autorange="reversed", automargin=True)
    title = "Backtest: the model (orange) against its baselines; lower is better"
    return _style(fig, title + (f" ({split})" if split else ""), height=max(260, 150 + 34 * len(names)))


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


