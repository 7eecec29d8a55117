"""The network map of a bloc: states in rings, one line per pair of states, a legend that explains it.

WHY rings and not a force layout: twenty-odd states and a hundred-odd linked pairs drawn by a spring
layout made a hairball, labels on top of other states. Here the members sit on the inner ring, their
partners on the next, the bloc's adversaries outside; each ring is wide enough for its labels, and every
label points away from the centre, so labels neither meet each other nor cover a state. Around each ring
the states follow their links inward (a partner sits near the members it is tied to), which keeps lines
short; the order is computed, never random beyond the fixed ``seed`` of the first ring.

One line per pair: its colour is the strongest kind of tie between the two (rivalry first, then a
defence commitment, arms or forces, any other commitment, trade, energy or aid), its width how many
distinct ties they share; lines between two non-members are faint. Hover a line's middle for its ties.
"""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from fairweather.report._chart_style import _style

__all__ = ["NETWORK_SEED", "EDGE_FAMILIES", "network_chart"]

#: Seed of the layout that orders the members' ring, so the same graph is always drawn the same way.
NETWORK_SEED = 7

#: (name, colour, dash, kinds): the families of ties, in the order a pair's colour is chosen.
EDGE_FAMILIES: tuple[tuple[str, str, str, frozenset[str]], ...] = (
    ("rivalry", "#cb181d", "dash", frozenset({"rivalry"})),
    ("defence commitment", "#08306b", "solid", frozenset({"defense", "offense"})),
    ("arms, bases or troops", "#e6550d", "solid", frozenset({"arms_delivery", "arms_import_share", "arms_undelivered",
                                                             "troops_stationed", "troops_sent", "military_base"})),
    ("other commitment", "#6baed6", "solid", frozenset({"consultation", "nonaggression", "neutrality", "partnership",
                                                        "strategic_partnership"})),
    ("trade, energy or aid", "#31a354", "solid", frozenset({"trade_share", "export_share", "import_share", "aid",
                                                            "oil_export_share", "crude_import_share",
                                                            "gas_import_share"})),
)
_OTHER_FAMILY = ("other tie", "#969696", "dot", frozenset[str]())
#: (fewest ties, line width, legend text)
_WIDTHS = ((1, 1.2, "1 tie"), (2, 2.6, "2–3 ties"), (4, 4.5, "4 or more ties"))
_ROLES = {"member": ("members", "#1f2a36"), "partner": ("partners", "#ffffff"), "adversary": ("adversaries", "#fcbba1")}
_SPACING = 46.0  # px between neighbours on a ring: room for a label of three capitals beside each state
_RING_GAP = 84.0  # px between rings: a label and two states' halves
_PAD = 46.0  # px around the outer ring for its labels
_FAINT = 0.2  # opacity of a line between two non-members: there, not in the way


def _family(kinds: set[str]) -> tuple[str, str, str, frozenset[str]]:
    return next((f for f in EDGE_FAMILIES if f[3] & kinds), _OTHER_FAMILY)


def _width(n: int) -> float:
    return next(w for least, w, _ in reversed(_WIDTHS) if n >= least)


def _rings(graph: Any) -> list[list[Any]]:
    """The states ring by ring, inside out: members, partners (and any other role), adversaries."""
    order = {"member": 0, "adversary": 2}
    rings: list[list[Any]] = [[], [], []]
    for n, d in graph.nodes(data=True):
        rings[order.get(str(d.get("role") or "partner"), 1)].append(n)
    return [sorted(r, key=str) for r in rings if r]


def _angles(graph: Any, rings: list[list[Any]], seed: int) -> dict[Any, float]:
    """Each state's angle: the first ring in the order a seeded spring layout gives it, each further ring
    following the mean direction of its links to the rings inside, spread evenly."""
    import networkx as nx

    simple = nx.Graph(graph)
    spring = nx.spring_layout(simple, seed=seed, weight=None)
    angle: dict[Any, float] = {}
    for i, ring in enumerate(rings):
        def wish(n: Any) -> float:
            inner = [angle[m] for m in simple.neighbors(n) if m in angle]
            if i and inner:
                return math.atan2(sum(math.sin(a) for a in inner), sum(math.cos(a) for a in inner)) % (2 * math.pi)
            return math.atan2(float(spring[n][1]), float(spring[n][0])) % (2 * math.pi)

        wishes = {n: wish(n) for n in ring}
        ordered = sorted(ring, key=lambda n: (wishes[n], str(n)))
        step = 2 * math.pi / len(ring)
        # the turn of the ring that keeps its states closest to where their links point
        start = math.atan2(sum(math.sin(wishes[n] - k * step) for k, n in enumerate(ordered)),
                           sum(math.cos(wishes[n] - k * step) for k, n in enumerate(ordered))) if i else math.pi / 2
        for k, n in enumerate(ordered):
            angle[n] = start + k * step
    return angle


def _positions(graph: Any, seed: int) -> tuple[dict[Any, tuple[float, float]], float]:
    """Pixel positions of the states around (0, 0), and the outer ring's radius."""
    rings = _rings(graph)
    angle = _angles(graph, rings, seed)
    pos: dict[Any, tuple[float, float]] = {}
    radius = 0.0
    for i, ring in enumerate(rings):
        need = len(ring) * _SPACING / (2 * math.pi) if len(ring) > 1 else 0.0
        radius = max(need, radius + _RING_GAP) if i else max(need, 72.0 if len(ring) > 1 else 0.0)
        for n in ring:
            pos[n] = (radius * math.cos(angle[n]), radius * math.sin(angle[n]))
    return pos, radius


def _label_side(x: float, y: float) -> str:
    """Where a state's label goes: away from the centre."""
    if math.hypot(x, y) < 1e-9:
        return "top center"
    a = math.atan2(y, x)
    if abs(math.cos(a)) >= 0.6:
        return "middle right" if math.cos(a) > 0 else "middle left"
    return "top center" if y > 0 else "bottom center"


def _pairs(graph: Any) -> dict[tuple[Any, Any], list[dict[str, Any]]]:
    pairs: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for u, v, data in graph.edges(data=True):
        pairs.setdefault(tuple(sorted((u, v), key=str)), []).append(data)
    return pairs


def _pair_hover(u: Any, v: Any, ties: list[dict[str, Any]]) -> str:
    lines = []
    for d in ties:
        kind = str(d.get("kind") or d.get("type") or "tie")
        detail = str(d.get("label") or d.get("name") or d.get("detail") or "")
        line = kind + (f": {detail[:70]}" if detail and detail != kind else "")
        if line not in lines:
            lines.append(line)
    more = f"<br>… and {len(lines) - 8} more" if len(lines) > 8 else ""
    return f"{u}–{v}: {len(lines)} ties<br>" + "<br>".join(lines[:8]) + more


def _edge_traces(graph: Any, pos: dict[Any, tuple[float, float]]) -> list[go.Scatter]:
    """One trace per (family, width, faint or not), faint ones first; and the hover points at the lines' middles."""
    members = {n for n, d in graph.nodes(data=True) if d.get("role") == "member"}
    groups: dict[tuple[int, float, bool], list[tuple[Any, Any]]] = {}
    hover: dict[str, list[Any]] = {}
    families = [*EDGE_FAMILIES, _OTHER_FAMILY]
    for (u, v), ties in _pairs(graph).items():
        kinds = {str(d.get("kind") or d.get("type") or "tie") for d in ties}
        fam = _family(kinds)
        faint = u not in members and v not in members
        groups.setdefault((families.index(fam), _width(len(kinds)), faint), []).append((u, v))
        h = hover.setdefault(fam[1], [[], [], []])
        h[0].append((pos[u][0] + pos[v][0]) / 2)
        h[1].append((pos[u][1] + pos[v][1]) / 2)
        h[2].append(_pair_hover(u, v, ties))
    traces = []
    for (fi, width, faint), pairs in sorted(groups.items(), key=lambda kv: (not kv[0][2], kv[0][0], kv[0][1])):
        name, color, dash, _ = families[fi]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for u, v in pairs:
            xs += [pos[u][0], pos[v][0], None]
            ys += [pos[u][1], pos[v][1], None]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", name=name, showlegend=False, hoverinfo="skip",
                                 line={"color": color, "width": width, "dash": dash}, opacity=_FAINT if faint else 0.9))
    for color, (mx, my, texts) in hover.items():
        traces.append(go.Scatter(x=mx, y=my, mode="markers", showlegend=False, text=texts,
                                 hovertemplate="%{text}<extra></extra>",
                                 marker={"color": color, "size": 9, "opacity": 0}))  # hover only: no dots on the map
    return traces


def _key_traces(graph: Any) -> list[go.Scatter]:
    """Legend entries that explain the lines: each colour present, each width, and what faint means."""
    kinds = {str(d.get("kind") or d.get("type") or "tie") for _, _, d in graph.edges(data=True)}
    present = [f for f in [*EDGE_FAMILIES, _OTHER_FAMILY] if (f[3] & kinds) or (f is _OTHER_FAMILY and any(
        not any(k in g[3] for g in EDGE_FAMILIES) for k in kinds))]
    out = []
    for name, color, dash, _ in present:
        out.append(go.Scatter(x=[None], y=[None], mode="lines", name=name, legendgroup="colour",
                              legendgrouptitle={"text": "Colour: the strongest tie"},
                              line={"color": color, "width": 2.6, "dash": dash}))
    for _, width, text in _WIDTHS:
        out.append(go.Scatter(x=[None], y=[None], mode="lines", name=text, legendgroup="width",
                              legendgrouptitle={"text": "Width: ties between the two"},
                              line={"color": "#555555", "width": width}))
    out.append(go.Scatter(x=[None], y=[None], mode="lines", name="faint: neither is a member", legendgroup="width",
                          line={"color": "#555555", "width": 2.6}, opacity=_FAINT))
    return out


def _node_traces(graph: Any, pos: dict[Any, tuple[float, float]]) -> list[go.Scatter]:
    by_role: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
    for n, d in graph.nodes(data=True):
        by_role.setdefault(str(d.get("role") or "partner"), []).append((n, d))
    traces = []
    for role in sorted(by_role, key=lambda r: (list(_ROLES).index(r) if r in _ROLES else len(_ROLES), r)):
        nodes = by_role[role]
        name, fill = _ROLES.get(role, (role, "#ffffff"))
        traces.append(go.Scatter(
            x=[pos[n][0] for n, _ in nodes], y=[pos[n][1] for n, _ in nodes], mode="markers+text", name=name,
            legendgroup="states", legendgrouptitle={"text": "States"}, text=[str(n) for n, _ in nodes],
            textposition=[_label_side(*pos[n]) for n, _ in nodes],
            textfont={"size": 12, "shadow": "0 0 2px white, 0 0 3px white, 0 0 4px white"},  # legible over the lines
            marker={"size": 18, "color": fill, "line": {"color": "#222222", "width": 2}},
            hovertext=[f"{d.get('name') or n} ({role})" for n, d in nodes], hovertemplate="%{hovertext}<extra></extra>",
        ))
    return traces


def network_chart(graph: Any, title: str = "Commitments and ties", seed: int = NETWORK_SEED) -> go.Figure:
    """The network of a bloc: states in rings (members inside, partners, adversaries outside), one line per pair.

    A line's colour is the strongest tie between the two states (:data:`EDGE_FAMILIES`), its width how many
    distinct ties they share; lines between two non-members are faint. The legend says so. The layout is
    fixed by ``seed``: the same graph is drawn the same way every time.
    """
    fig = go.Figure()
    if graph.number_of_nodes() == 0:
        return _style(fig, title + " (no states)", height=360)
    pos, radius = _positions(graph, seed)
    for trace in [*_edge_traces(graph, pos), *_key_traces(graph), *_node_traces(graph, pos)]:
        fig.add_trace(trace)
    half = radius + _PAD
    # about one pixel per unit: the plot area is as tall as the rings and their labels (margins t=60, b=20)
    fig.update_xaxes(visible=False, range=[-half, half])
    fig.update_yaxes(visible=False, range=[-half, half], scaleanchor="x")
    fig.update_layout(legend={"itemclick": False, "itemdoubleclick": False, "groupclick": "toggleitem",
                              "tracegroupgap": 14, "x": 1.02, "y": 1, "yanchor": "top"},
                      hovermode="closest")
    _style(fig, title, height=max(440, int(2 * half + 80)))
    fig.update_layout(margin={"l": 20, "r": 20, "t": 60, "b": 20})
    return fig
