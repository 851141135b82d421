"""The network view (kg/network.py) and `kg stats`, on a build of the five samples.

Counts are checked against the SPARQL presets of the same build, so the projection
neither drops nor invents links; the few fixed values are the samples' reports,
jurisdictions and the gazetteer's hierarchy.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import network
from kg.cli import main

from .conftest import SAMPLES

PLACE = "https://w3id.org/cngov/id/place/"
REPORT = "https://w3id.org/cngov/id/report/"
FIVE_YEAR_PLAN = "14th Five-Year Plan"


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(samples_build):
    return samples_build


@pytest.fixture(scope="module")
def G(built):
    return network.load(built)


def preset(out, name) -> list[dict]:
    result = run("query", name, "-o", out, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def label_of(G, label):
    return next(n for n, data in G.nodes(data=True) if data["label"] == label)


# node class -> (preset, column whose distinct values are the nodes of that class)
CLASS_PRESETS = [
    ("Policy", "policies", "policy"),
    ("Project", "projects", "project"),
    ("Region", "regions-mentioned", "region"),
    ("Organization", "organizations", "organization"),
    ("Report", "reports", "report"),
]


@pytest.mark.parametrize("cls, name, column", CLASS_PRESETS, ids=[c[0] for c in CLASS_PRESETS])
def test_one_node_per_distinct_thing_of_the_presets(G, built, cls, name, column):
    assert set(network.nodes_of(G, cls)) == {row[column] for row in preset(built, name)}


# edge label, target class -> preset with one row per (report, thing)
EDGE_PRESETS = [
    ("cites", "Policy", "policies"),
    ("mentions", "Project", "projects"),
    ("mentions", "Region", "regions-mentioned"),
    ("mentions", "Organization", "organizations"),
    ("about", "Place", "reports"),
]


@pytest.mark.parametrize("label, cls, name", EDGE_PRESETS, ids=[f"{e[0]}-{e[1]}" for e in EDGE_PRESETS])
def test_one_edge_per_report_and_thing(G, built, label, cls, name):
    edges = [(u, v) for u, v, k in G.edges(keys=True) if k == label and G.nodes[v]["class"] == cls]
    assert len(edges) == len(set(edges)) == len(preset(built, name))
    assert all(G.nodes[u]["class"] == "Report" for u, _ in edges)


def test_places_mentioned_are_place_nodes_with_their_mention_counts(G, built):
    rows = preset(built, "places-mentioned")
    by_code = {(row["source"], row["code"]): int(row["mentions"]) for row in rows}
    source = {r: G.nodes[r]["file"] for r in network.nodes_of(G, "Report")}
    found = {(source[u], v.removeprefix(PLACE)): d["mentions"]
             for u, v, k, d in G.edges(keys=True, data=True) if k == "mentions" and G.nodes[v]["class"] == "Place"}
    assert found == by_code


def test_observations_are_counts_on_measures_edges_not_nodes(G, built):
    rows = preset(built, "observations")
    per_source = Counter(row["source"] for row in rows)
    measured = Counter()
    for u, _, k, d in G.edges(keys=True, data=True):
        if k == "measures":
            measured[G.nodes[u]["file"]] += d["observations"]
            assert d["observations"] == d["actuals"] + d["estimates"] + d["targets"]
    assert measured == per_source
    assert len(network.nodes_of(G, "Indicator")) == len({row["indicator"] for row in rows})
    assert not [n for n in G if "/obs/" in n or "/mention/" in n or "/span/" in n]


REPORTS = [
    # file   label                          year  jurisdiction
    ("000", "Jiaxing 2023", 2023, "330400"),
    ("001", "Jiaxing 2025", 2025, "330400"),
    ("002", "Zhejiang 2020", 2020, "330000"),
    ("003", "Changzhou 2024", 2024, "320400"),
    ("004", "Jinhua 2020 (party plenary)", 2020, "330700"),
]


@pytest.mark.parametrize("prefix, label, year, code", REPORTS, ids=[r[1] for r in REPORTS])
def test_report_nodes(G, prefix, label, year, code):
    node = label_of(G, label)
    data = G.nodes[node]
    assert (data["class"], data["year"], data["years"], data["iri"]) == ("Report", year, [year], node)
    assert data["file"].startswith(prefix + "_")
    assert [v for _, v, k in G.out_edges(node, keys=True) if k == "about"] == [PLACE + code]


PART_OF = [("330400", "330000"), ("330000", "CN"), ("320400", "320000"), ("330700", "330000")]


@pytest.mark.parametrize("child, parent", PART_OF)
def test_places_are_part_of_their_parents(G, child, parent):
    assert G.has_edge(PLACE + child, PLACE + parent, key="partOf")


def test_every_node_is_a_typed_labelled_resource(G):
    for node, data in G.nodes(data=True):
        assert node.startswith(("https://", "http://")) and data["iri"] == node
        assert data["class"] in network.NODE_CLASSES and data["label"]
        assert data.get("years", []) == sorted(data.get("years", []))
        assert data.get("year") == (data["years"][0] if data.get("years") else None)


def test_a_policys_years_are_the_years_of_the_reports_citing_it(G):
    node = label_of(G, FIVE_YEAR_PLAN)
    citing = sorted(G.nodes[u]["year"] for u, _, k in G.in_edges(node, keys=True) if k == "cites")
    assert len(citing) == len(SAMPLES)
    assert G.nodes[node]["years"] == sorted(set(citing)) and G.nodes[node]["year"] == citing[0]


def test_load_is_deterministic_and_sorted(G, built):
    again = network.load(built)
    assert list(again.nodes(data=True)) == list(G.nodes(data=True)) == sorted(G.nodes(data=True), key=lambda n: n[0])
    assert list(again.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_graph_trig_alone_gives_the_same_network(G, built, tmp_path):
    shutil.copy(built / "graph.trig", tmp_path / "graph.trig")
    other = network.load(tmp_path)
    assert list(other.nodes(data=True)) == list(G.nodes(data=True))
    assert list(other.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_city_policy_is_bipartite_jurisdictions_and_policies(G):
    H = network.city_policy(G)
    jurisdictions = {n for n, part in H.nodes(data="bipartite") if part == 0}
    assert jurisdictions == {PLACE + code for *_, code in REPORTS}
    assert {n for n, part in H.nodes(data="bipartite") if part == 1} == set(network.nodes_of(G, "Policy"))
    assert nx.is_bipartite(H)
    assert H[PLACE + "330400"][label_of(G, FIVE_YEAR_PLAN)]["weight"] == 2  # both Jiaxing reports


def test_policy_cocitation_weights_count_reports(G, built):
    H = network.policy_cocitation(G)
    cited = {}
    for row in preset(built, "policies"):
        cited.setdefault(row["source"], set()).add(row["policy"])
    pairs = Counter((a, b) for policies in cited.values() for a in policies for b in policies if a < b)
    assert {(a, b) if a < b else (b, a): w for a, b, w in H.edges(data="weight")} == dict(pairs)
    assert set(H) == set(network.nodes_of(G, "Policy"))


def test_project_place_has_one_edge_per_located_project(G, built):
    H = network.project_place(G)
    located = {row["project"] for row in preset(built, "projects") if row["location"]}
    assert {n for n, part in H.nodes(data="bipartite") if part == 0} == located
    assert H.number_of_edges() == len(located) and nx.is_bipartite(H)


CENTRAL = [
    # projection            measure        class     the most central node's label
    ("policy_cocitation", "eigenvector", None, FIVE_YEAR_PLAN),
    ("policy_cocitation", "degree", None, FIVE_YEAR_PLAN),
    ("city_policy", "degree", "Policy", FIVE_YEAR_PLAN),
    ("undirected", "eigenvector", "Place", "Zhejiang"),
]


@pytest.mark.parametrize("projection, measure, cls, label", CENTRAL, ids=[f"{c[0]}-{c[1]}" for c in CENTRAL])
def test_most_central(G, projection, measure, cls, label):
    ranked = network.centrality(getattr(network, projection)(G), measure, cls=cls)
    assert G.nodes[ranked[0][0]]["label"] == label
    assert [score for _, score in ranked] == sorted((score for _, score in ranked), reverse=True)


def test_unknown_centrality_is_an_error(G):
    with pytest.raises(ValueError, match="pagerank"):
        network.centrality(network.policy_cocitation(G), "pagerank")


def test_stats_json_counts_match_the_build(G, built):
    result = run("stats", "-o", built, "--format", "json", "--top", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    counts = data["counts"]
    assert counts["reports"] == len(SAMPLES)
    assert counts["policies"] == len(network.nodes_of(G, "Policy"))
    assert counts["observations"] == len(preset(built, "observations"))
    assert counts["triples"] == len(list(ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)))
    assert (counts["network nodes"], counts["network edges"]) == (G.number_of_nodes(), G.number_of_edges())
    assert [row["policy"] for row in data["central_policies"]["rows"]][0] == FIVE_YEAR_PLAN
    assert [row["place"] for row in data["central_places"]["rows"]][0] == "Zhejiang"
    assert len(data["central_places"]["rows"]) == 3 and "eigenvector" in data["central_places"]["method"]


def test_stats_table_names_its_measures(built):
    result = run("stats", "-o", built)
    assert result.exit_code == 0, result.output
    assert "Most central policies (eigenvector centrality, policy co-citation graph" in result.output
    assert "Most central places (eigenvector centrality" in result.output
    assert f"reports                  {len(SAMPLES)}" in result.output


def test_stats_without_a_build_is_one_error_line(tmp_path):
    result = CliRunner().invoke(main, ["stats", "-o", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no build in" in result.output
