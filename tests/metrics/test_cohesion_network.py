"""The bloc network: nodes, edges with provenance, JSON and GraphML output."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from fairweather.errors import CoverageError
from fairweather.metrics import bloc_network, network_to_json, write_network


@pytest.fixture(scope="module")
def graph(bloc_store) -> nx.MultiGraph:
    return bloc_network("CRINK", 2025, store=bloc_store)


def test_nodes_members_adversaries_partners(graph) -> None:
    assert {n for n, a in graph.nodes(data=True) if a["member"]} == {"CHN", "IRN", "PRK", "RUS"}
    roles = nx.get_node_attributes(graph, "role")
    assert roles["USA"] == "adversary" and roles["BLR"] == "partner"  # BLR: RUS's Union State defence partner
    rus = graph.nodes["RUS"]
    assert rus["name"] == "Russia" and rus["region"] == "post_soviet" and rus["regime"] == 0.2 and rus["nuclear"] is True
    assert graph.nodes["PRK"]["nuclear"] is None  # the fixture pack does not say


def test_edges_carry_kind_weight_dates_and_sources(graph) -> None:
    kinds = {(min(u, v), max(u, v), a["kind"]) for u, v, a in graph.edges(data=True)}
    assert ("CHN", "PRK", "defense") in kinds and ("IRN", "RUS", "arms_delivery") in kinds
    assert ("CHN", "IRN", "oil_export_share") in kinds
    for _, _, a in graph.edges(data=True):
        assert a["source_id"] and a["citation"] and a["url"] and a["valid_from"]
        assert isinstance(a["weight"], float)


def test_json_and_graphml_round_trip(graph, tmp_path) -> None:
    data = network_to_json(graph)
    assert json.dumps(data) and {"nodes", "links"} <= set(data)
    assert len(data["links"]) == graph.number_of_edges()
    g2 = nx.read_graphml(write_network(graph, tmp_path / "g.graphml"))
    assert g2.number_of_nodes() == graph.number_of_nodes() and g2.number_of_edges() == graph.number_of_edges()
    assert json.loads((write_network(graph, tmp_path / "g.json")).read_text())["graph"]["bloc"] == "CRINK"
    with pytest.raises(CoverageError):
        write_network(graph, tmp_path / "g.png")
