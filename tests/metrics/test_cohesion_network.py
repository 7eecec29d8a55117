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


def test_the_network_is_a_graph_and_a_result(graph, check_result) -> None:
    from fairweather.metrics import BlocNetwork

    assert isinstance(graph, BlocNetwork) and isinstance(graph, nx.MultiGraph)
    check_result(graph, rows=graph.number_of_edges(), title="Network of CRINK on 2025-07-01")
    edges = graph.to_frame()
    assert set(zip(edges["a"], edges["b"], edges["key"])) == set(graph.edges(keys=True))
    assert set(graph.nodes_frame()["state"]) == set(graph.nodes)
    s = graph.summary()
    assert dict(s.info)["Members"] == "4" and s.tables[0][1]["edges"].sum() == graph.number_of_edges()
    assert isinstance(graph.copy(), BlocNetwork) and graph.copy().number_of_edges() == graph.number_of_edges()


def test_cohesion_results_answer_the_family_calls(bloc_store, check_result) -> None:
    from fairweather.metrics import METRICS, cohesion, compare_blocs

    res = compare_blocs(["CRINK", "RUS,CHN"], [2021, 2025], store=bloc_store)
    check_result(res, rows=4, title="Bloc cohesion")
    s = res.summary()
    assert list(s.table.index) == list(METRICS) and list(s.table.columns) == ["CRINK 2025", "CHN,RUS 2025"]
    latest = res.to_frame().query("bloc == 'CRINK' and year == 2025")
    assert s.table.loc["composite", "CRINK 2025"] == round(latest["composite"].iloc[0], 3)
    assert s.table.loc["members", "CRINK 2025"] == int(latest["members"].iloc[0])
    assert s.notes == res.reading()
    assert cohesion("CRINK", [2025], store=bloc_store).summary().table.shape == (len(METRICS), 1)
