"""What every chart of the report and the dashboard shares: fonts, margins, the level colours, JSON out."""

from __future__ import annotations

from typing import Any, Protocol

import pandas as pd
import plotly.graph_objects as go

from fairweather.pack.schema import SUPPORT_LEVELS

__all__ = ["LEVEL_NAMES", "LEVEL_COLORS", "figure_json"]

#: The support levels of DESIGN.md, 0..5.
LEVEL_NAMES: tuple[str, ...] = tuple(SUPPORT_LEVELS[k][0] for k in sorted(SUPPORT_LEVELS))  # the pack schema's names
#: One colour per level: greys for talk, warm colours for material help.
LEVEL_COLORS: tuple[str, ...] = ("#d9d9d9", "#9ecae1", "#4292c6", "#fdae6b", "#f16913", "#a63603")

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


def _pick(frame: pd.DataFrame, *names: str) -> str | None:
    for n in names:
        if n in frame.columns:
            return n
    return None


def figure_json(fig: go.Figure) -> dict[str, Any]:
    """A figure as plain JSON (``data`` and ``layout``), ready for ``Plotly.newPlot`` in a browser."""
    import json

    return json.loads(fig.to_json())
