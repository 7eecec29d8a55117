"""A bloc as a network: its members, their main outside partners and adversaries, and what ties them.

Nodes are states with ``name``, ``region``, ``member`` (True for members),
``role`` (member / adversary / partner), ``regime`` (polyarchy score or None)
and ``nuclear`` (bool or None). Edges (a :class:`networkx.MultiGraph`, so two
states can share several commitments and ties) carry ``kind`` (an obligation
such as ``defense``, or a tie kind such as ``trade_share``), ``weight``,
``valid_from``, ``valid_to``, ``source_id``, ``citation``, ``url`` and
``label`` (the treaty name or the delivery's detail). All as of July 1 of the year.

Outside nodes: the bloc's adversaries, every state sharing a defence
commitment with a member, and each member's three largest partners by
``trade_share`` and ``arms_import_share``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from fairweather.metrics._data import CohesionData, evaluation_date
from fairweather.metrics.blocs import Bloc, resolve_bloc
from fairweather.metrics.commitment import STRENGTH_WEIGHTS
from fairweather.metrics.reciprocity import AGAINST_KINDS, HELP_KINDS, _window_start
from fairweather.results import Result, Summary

if TYPE_CHECKING:
    from fairweather.store import Store

__all__ = ["BlocNetwork", "bloc_network", "network_to_json", "write_network", "TOP_PARTNERS"]

#: Outside partners kept per member and per tie kind.
TOP_PARTNERS = 3
_PARTNER_KINDS = ("trade_share", "arms_import_share")
_LEVEL_KINDS = {"trade_share", "arms_import_share", "crude_import_share", "oil_export_share", "export_share",
                "import_share", "gas_import_share", "troops_stationed", "military_base", "rivalry"}


def _date(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(v).date().isoformat()


_NODE_COLUMNS = ["state", "name", "region", "role", "member", "regime", "nuclear"]
_EDGE_COLUMNS = ["a", "b", "key", "kind", "weight", "label", "direction", "valid_from", "valid_to", "source_id",
                 "citation", "url"]


class BlocNetwork(nx.MultiGraph, Result):
    """A bloc's network: a :class:`networkx.MultiGraph` (every graph call works) that is also a result.

    ``to_frame()`` gives one row per edge (:meth:`nodes_frame` one per state); ``summary()`` counts the
    states by role and the edges by kind. Graph attributes: ``bloc``, ``year``, ``as_of``.
    """

    def to_frame(self) -> pd.DataFrame:
        """One row per edge: ``a, b, key, kind, weight, label, direction, valid_from, valid_to, source_id, citation, url``."""
        rows = [{"a": u, "b": v, "key": k, **a} for u, v, k, a in self.edges(keys=True, data=True)]
        frame = pd.DataFrame(rows)
        return frame.reindex(columns=_EDGE_COLUMNS + [c for c in frame.columns if c not in _EDGE_COLUMNS])

    def nodes_frame(self) -> pd.DataFrame:
        """One row per state: ``state, name, region, role, member, regime, nuclear``."""
        return pd.DataFrame([{"state": n, **a} for n, a in self.nodes(data=True)]).reindex(columns=_NODE_COLUMNS)

    def summary(self) -> Summary:
        """The states by role and the edges by kind."""
        nodes, edges = self.nodes_frame(), self.to_frame()
        g = self.graph
        info = [("Bloc", str(g.get("bloc", ""))), ("As of", str(g.get("as_of", ""))), ("States", str(len(nodes))),
                ("Edges", str(len(edges))),
                *((label, str(int((nodes["role"] == role).sum())))
                  for role, label in (("member", "Members"), ("partner", "Partners"), ("adversary", "Adversaries")))]
        kinds = (edges.groupby("kind", as_index=False).agg(edges=("key", "size"))
                 if len(edges) else pd.DataFrame(columns=["kind", "edges"]))
        return Summary(f"Network of {g.get('bloc', 'the bloc')} on {g.get('as_of', '')}", info,
                       tables=[("Edges by kind", kinds), ("States", nodes[["state", "name", "role", "regime", "nuclear"]])],
                       digits=2)


def bloc_network(bloc_or_states: str | Bloc, year: int, store: "Store | None" = None) -> BlocNetwork:
    """The bloc's network on July 1 of ``year`` (see the module docstring for nodes and edges)."""
    from fairweather.store import Store

    bloc = resolve_bloc(bloc_or_states) if not isinstance(bloc_or_states, Bloc) else bloc_or_states
    data = CohesionData.from_store(store if store is not None else Store.default())
    return _network(data, bloc, int(year))


def _network(data: CohesionData, bloc: Bloc, year: int) -> BlocNetwork:
    d = evaluation_date(year)
    members = bloc.members(d, data)
    system = set(data.system(d))
    nodes: dict[str, str] = {m: "member" for m in members}
    for a in bloc.adversaries:
        if a in system:
            nodes.setdefault(a, "adversary")
    ob = data.obligations(d)
    for (g, r), obs in ob.items():
        if g in members and "defense" in obs and r not in nodes:
            nodes[r] = "partner"
    levels = data.ties_on(d, set(_PARTNER_KINDS))
    for m in members:
        for k in _PARTNER_KINDS:
            t = levels[(levels["from_state"] == m) & (levels["kind"] == k) & ~levels["to_state"].isin(members)].copy()
            t["v"] = pd.to_numeric(t["value"], errors="coerce")
            for s in t.nlargest(TOP_PARTNERS, "v")["to_state"]:
                nodes.setdefault(s, "partner")

    cites = data.sources.set_index("source_id")[["citation", "url"]].to_dict("index")
    names, regions = data.names(), data.regions()
    regime = data.fact_values("regime_polyarchy", d)
    nuclear = data.fact_values("nuclear_weapons", d)
    G = BlocNetwork(bloc=bloc.name, year=year, as_of=d.isoformat())
    for s, role in sorted(nodes.items()):
        G.add_node(s, name=names.get(s, s), region=regions.get(s), member=role == "member", role=role,
                   regime=regime.get(s), nuclear=None if s not in nuclear else bool(nuclear[s]))

    def src(sid: str) -> dict[str, Any]:
        c = cites.get(sid, {})
        return {"source_id": sid, "citation": c.get("citation"), "url": c.get("url")}

    for e in data.commitment_edges(d).itertuples(index=False):
        if e.a in nodes and e.b in nodes:
            for kind in e.kinds:
                G.add_edge(e.a, e.b, key=f"{e.commitment_id}:{kind}", kind=kind, weight=STRENGTH_WEIGHTS.get(kind, 0.0),
                           label=e.name, commitment_id=e.commitment_id, valid_from=_date(e.valid_from),
                           valid_to=_date(e.valid_to), **src(e.source_id))
    ties = data.ties_on(d, _LEVEL_KINDS)
    events = data.event_ties(_window_start(d, 10), d, set(HELP_KINDS) | set(AGAINST_KINDS))
    for t in pd.concat([ties, events]).itertuples(index=False):
        if t.from_state in nodes and t.to_state in nodes:
            try:
                w = float(t.value)
            except (TypeError, ValueError):
                w = 1.0
            G.add_edge(t.from_state, t.to_state, key=f"{t.kind}:{t.from_state}>{t.to_state}:{t.detail or ''}:{_date(t.valid_from)}",
                       kind=t.kind, weight=w, direction=f"{t.from_state}->{t.to_state}", label=t.detail or t.kind,
                       valid_from=_date(t.valid_from), valid_to=_date(t.valid_to), **src(t.source_id))
    return G


def network_to_json(G: nx.MultiGraph) -> dict[str, Any]:
    """The graph as node-link JSON (``nodes``, ``links``, graph attributes), ready for ``json.dumps``."""
    data = nx.node_link_data(G, edges="links")
    return json.loads(json.dumps(data, default=str))


def _scalar(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (list, tuple, set, dict)):
        return json.dumps(sorted(v) if isinstance(v, set) else v, default=str)
    if isinstance(v, float) and math.isnan(v):
        return ""
    if isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def write_network(G: nx.MultiGraph, path: str | Path) -> Path:
    """Write the network as GraphML (``.graphml``) or node-link JSON (``.json``), by suffix.

    GraphML holds only scalar attributes, so lists become JSON strings and
    missing values empty strings.
    """
    from fairweather.errors import CoverageError

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(network_to_json(G), indent=2, ensure_ascii=False), encoding="utf-8")
    elif suffix == ".graphml":
        H = nx.MultiGraph(**{k: _scalar(v) for k, v in G.graph.items()})
        for n, a in G.nodes(data=True):
            H.add_node(n, **{k: _scalar(v) for k, v in a.items()})
        for u, v, k, a in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **{kk: _scalar(vv) for kk, vv in a.items()})
        nx.write_graphml(H, path)
    else:
        raise CoverageError(f"Cannot write a network to {path.name!r}: use a .graphml or .json file name.")
    return path
