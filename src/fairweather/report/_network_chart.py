"""The network map of a bloc: states as nodes, commitments and ties as edges."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from fairweather.report._chart_style import _style

__all__ = ["NETWORK_SEED", "network_chart"]

#: Seed of the network layout, so the same graph is always drawn the same way.
NETWORK_SEED = 7


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


