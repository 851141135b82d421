"""`kg export`: every format loads in the tool it is for, and exports are byte-identical.

One build of the five samples, exported twice with `kg export all` (into OUTDIR/export
and into --to DIR); each test opens one file with its consumer (rdflib, pyoxigraph,
networkx, jsonschema) and compares it with the build or with the network view.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from importlib import resources

import jsonschema
import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from kg import export, network
from kg.cli import EXPORT_FORMATS, main
from kg.rdf.namespaces import PREFIXES, VOCAB_BASE

from .conftest import SAMPLES, sample

GEXF = "{http://www.gexf.net/1.2draft}"
JIAXING = "https://w3id.org/cngov/id/place/330400"
RDF_FORMATS = ["turtle", "ntriples", "jsonld", "trig", "nquads"]
NETWORK_FORMATS = ["graphml", "gexf", "cytoscape", "dot"]


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


def export_all(out, *extra):
    names = [name for name in export.FORMATS if name != "html"]  # html: see test_html_export
    for name in names:
        result = run("export", name, "-o", out, *extra)
        assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def built(samples_build):
    out = samples_build
    export_all(out)
    export_all(out, "--to", out / "again")
    return out


@pytest.fixture(scope="module")
def G(built):
    return network.load(built)


@pytest.fixture(scope="module")
def manifest(built):
    return json.loads((built / "manifest.json").read_text("utf-8"))


def path(built, name):
    return built / "export" / export.FORMATS[name].file


@pytest.mark.parametrize("name", [n for n in export.FORMATS if n != "html"])
def test_two_exports_are_byte_identical(built, name):
    first = path(built, name).read_bytes()
    assert first and first == (built / "again" / export.FORMATS[name].file).read_bytes()


@pytest.mark.parametrize("name, build_file", [("turtle", "graph.ttl"), ("trig", "graph.trig")])
def test_turtle_and_trig_equal_the_builds_own_files(built, name, build_file):
    assert path(built, name).read_bytes() == (built / build_file).read_bytes()


def rdflib_triples(file, fmt) -> set:
    graph = rdflib.Graph()
    graph.parse(file, format=fmt)
    return set(graph)


def test_jsonld_has_exactly_the_triples_of_ntriples(built):
    from_jsonld = rdflib_triples(path(built, "jsonld"), "json-ld")
    assert from_jsonld == rdflib_triples(path(built, "ntriples"), "nt")
    typed = {o.datatype for _, _, o in from_jsonld if isinstance(o, rdflib.Literal)}
    assert rdflib.XSD.nonNegativeInteger in typed and rdflib.XSD.gYear in typed  # lexical forms kept


def test_jsonld_context_is_the_published_one_inline(built):
    shipped = json.loads(resources.files("kg.data").joinpath("context.jsonld").read_text("utf-8"))
    assert shipped["@context"] == {p: str(ns) for p, ns in PREFIXES.items()} | {"id": VOCAB_BASE + "id/"}
    document = json.loads(path(built, "jsonld").read_text("utf-8"))
    assert document["@context"] == shipped["@context"]
    assert json.loads((built / "export" / "context.jsonld").read_text("utf-8")) == shipped


def test_jsonld_compacts_iris_with_our_prefixes(built):
    document = json.loads(path(built, "jsonld").read_text("utf-8"))
    node = next(n for n in document["@graph"] if n["@id"] == "place:330400")
    assert sorted(node["@type"]) == ["kg:AdministrativeDivision", "skos:Concept"]
    assert node["skos:broader"] == {"@id": "place:330000"}
    namespaces = tuple(document["@context"].values())
    assert not [n["@id"] for n in document["@graph"] if n["@id"].startswith(namespaces)]


@pytest.mark.parametrize("name", ["trig", "nquads"])
def test_one_named_graph_per_report_and_the_reference_graph(built, manifest, name):
    dataset = rdflib.Dataset()
    dataset.parse(path(built, name), format=name)
    names = {str(g.identifier) for g in dataset.graphs() if g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID}
    assert names == {r["report"] for r in manifest["reports"]} | {VOCAB_BASE + "data/reference"}
    assert len(names) == len(SAMPLES) + 1


@pytest.mark.parametrize("name, fmt", [("ntriples", ox.RdfFormat.N_TRIPLES), ("nquads", ox.RdfFormat.N_QUADS)])
def test_line_formats_parse_and_hold_every_statement(built, name, fmt):
    statements = list(ox.parse(path=str(path(built, name)), format=fmt))
    in_build = list(ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert len(statements) == len(in_build) == path(built, name).read_text("utf-8").count("\n")


@pytest.mark.parametrize("reader, name", [(nx.read_graphml, "graphml"), (nx.read_gexf, "gexf")])
def test_network_files_load_in_networkx(built, G, reader, name):
    H = reader(path(built, name))
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert H.is_directed() and H.is_multigraph()
    jiaxing = H.nodes[JIAXING]
    assert (jiaxing["class"], jiaxing["label"], jiaxing["iri"], jiaxing["code"]) == ("Place", "Jiaxing", JIAXING, "330400")
    labels = Counter(d["label"] for *_, d in H.edges(data=True))
    assert labels == Counter(k for *_, k in G.edges(keys=True))


# label of a node -> its GEXF spells (a run of consecutive years is one spell)
SPELLS = [
    ("Jiaxing 2023", [("2023-01-01", "2023-12-31")]),
    ("14th Five-Year Plan", [("2020-01-01", "2020-12-31"), ("2023-01-01", "2025-12-31")]),
]


@pytest.mark.parametrize("label, spells", SPELLS, ids=[s[0] for s in SPELLS])
def test_gexf_spells_play_the_years(built, label, spells):
    H = nx.read_gexf(path(built, "gexf"))
    node = next(n for n, d in H.nodes(data=True) if d["label"] == label)
    assert H.nodes[node]["spells"] == spells


def test_gexf_is_a_dynamic_graph_with_dates(built):
    graph = ET.parse(path(built, "gexf")).getroot().find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date", "directed")
    edge_ids = [e.get("id") for e in graph.iter(f"{GEXF}edge")]
    assert len(edge_ids) == len(set(edge_ids))


CYTOSCAPE_SCHEMA = {
    "type": "object",
    "required": ["elements"],
    "additionalProperties": False,
    "properties": {"elements": {
        "type": "object",
        "required": ["nodes", "edges"],
        "additionalProperties": False,
        "properties": {
            "nodes": {"type": "array", "items": {"type": "object", "required": ["data"], "properties": {"data": {
                "type": "object",
                "required": ["id", "label", "class", "year", "iri"],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "label": {"type": "string", "minLength": 1},
                    "class": {"enum": list(network.NODE_CLASSES)},
                    "year": {"type": ["integer", "null"]},
                    "years": {"type": "array", "items": {"type": "integer"}},
                    "iri": {"type": "string", "format": "uri"},
                }}}}},
            "edges": {"type": "array", "items": {"type": "object", "required": ["data"], "properties": {"data": {
                "type": "object",
                "required": ["id", "source", "target", "label"],
                "properties": {
                    "id": {"type": "string", "pattern": "^e[0-9a-f]{16}$"},
                    "source": {"type": "string"},
                    "target": {"type": "string"},
                    "label": {"enum": ["cites", "mentions", "about", "issuedBy", "measures", "locatedIn",
                                       "partOf", "broader", "contains", "spans"]},
                    "weight": {"type": "integer", "minimum": 1},
                    "year": {"type": "integer"},
                }}}}},
        }}},
}


def test_cytoscape_elements_match_the_schema(built, G):
    document = json.loads(path(built, "cytoscape").read_text("utf-8"))
    jsonschema.validate(document, CYTOSCAPE_SCHEMA)
    nodes = [n["data"]["id"] for n in document["elements"]["nodes"]]
    edges = document["elements"]["edges"]
    assert nodes == list(G.nodes) and len(edges) == G.number_of_edges()
    assert all(e["data"]["source"] in G and e["data"]["target"] in G for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)


DOT_NODE = re.compile(r'^  "(?:[^"\\]|\\.)+" \[(?:\w+="(?:[^"\\]|\\.)*"(?:, )?)+\];$')
DOT_EDGE = re.compile(r'^  "(?:[^"\\]|\\.)+" -> "(?:[^"\\]|\\.)+" \[label="\w+", weight=\d+\];$')


def test_dot_is_well_formed(built, G):
    lines = path(built, "dot").read_text("utf-8").splitlines()
    assert lines[0] == 'digraph "kg" {' and lines[-1] == "}"
    body = [line for line in lines[1:-1] if not re.match(r"^  (graph|node|edge) \[", line)]
    assert sum(bool(DOT_NODE.match(line)) for line in body) == G.number_of_nodes()
    assert sum(bool(DOT_EDGE.match(line)) for line in body) == G.number_of_edges()
    assert len(body) == G.number_of_nodes() + G.number_of_edges()


def test_dot_parses_with_pydot_when_installed(built, G):
    pydot = pytest.importorskip("pydot")
    (graph,) = pydot.graph_from_dot_file(str(path(built, "dot")))
    assert len(graph.get_edges()) == G.number_of_edges()


def test_dot_parses_with_graphviz_when_installed(built):
    nop = shutil.which("nop")  # Graphviz's parse-and-print tool: no layout, so fast
    if nop is None:
        pytest.skip("Graphviz is not installed")
    done = subprocess.run([nop, str(path(built, "dot"))], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_html_export(built, tmp_path):
    pytest.importorskip("kg.viewer")
    result = run("export", "html", "-o", built, "--to", tmp_path)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "network.html").read_text("utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "kg network: 5 reports, 2020-2025" in page


def test_html_export_carries_observations_with_their_quotes(built):
    """The viewer shows an observation's quote, report and offsets: the html export adds the
    observations (the network view keeps them as counts on edges) with exactly those."""
    pytest.importorskip("kg.viewer")
    build = export.Build(built)
    nodes, edges = export.observation_elements(build, build.network)
    assert len(nodes) == sum(d.get("observations", 0) for _, _, d in build.network.edges(data=True))
    text = sample("000").read_text("utf-8")
    gdp = [n["data"] for n in nodes if n["data"]["quote"] == "673.95 billion yuan"]
    assert gdp and text[gdp[0]["start"]:gdp[0]["end"]] == "673.95 billion yuan"
    assert gdp[0]["report"] in build.network and gdp[0]["period"] == "2022"
    assert len(edges) == 2 * len(nodes)


def test_export_without_the_viewer_fails_clearly(built, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "kg.viewer", None)  # makes `import kg.viewer` raise ImportError
    result = CliRunner().invoke(main, ["export", "html", "-o", str(built), "--to", str(tmp_path)])
    assert result.exit_code == 2
    assert "html export needs the viewer module kg.viewer" in result.output
    assert not (tmp_path / "network.html").exists()


CLI_ERRORS = [
    # arguments                         what the one error line says
    (["export", "svg"], "'svg' is not one of"),
    (["export", "dot", "-o", "{missing}"], "no build in"),
]


@pytest.mark.parametrize("args, message", CLI_ERRORS, ids=["unknown-format", "no-build"])
def test_export_errors_exit_2(tmp_path, args, message):
    args = [a.format(missing=tmp_path / "none") for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and message in result.output


def test_cli_choices_are_the_registry():
    assert EXPORT_FORMATS == export.CHOICES


def test_export_all_writes_every_format(built, tmp_path):
    result = run("export", "all", "-o", built, "--to", tmp_path)
    assert result.exit_code == 0, result.output
    names = [n for n in export.FORMATS if n != "html" or export.viewer_available()]
    expected = sorted([export.FORMATS[n].file for n in names] + ["context.jsonld"])
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    assert sorted(result.output.split()) == sorted(str(tmp_path / name) for name in expected)


def test_export_prints_the_files_it_wrote(built, tmp_path):
    result = run("export", "jsonld", "-o", built, "--to", tmp_path)
    assert result.output.splitlines() == [str(tmp_path / "graph.jsonld"), str(tmp_path / "context.jsonld")]


SPELL_RUNS = [([], []), ([2020], [(2020, 2020)]), ([2020, 2021, 2023], [(2020, 2021), (2023, 2023)]), ([2025, 2023, 2024], [(2023, 2025)])]


@pytest.mark.parametrize("years, runs", SPELL_RUNS, ids=[str(s[0]) for s in SPELL_RUNS])
def test_spells_are_runs_of_years(years, runs):
    assert export._spells(years) == runs


COMPACT = [
    ("https://w3id.org/cngov/id/place/330400", "place:330400"),  # the longest namespace wins over id:
    ("https://w3id.org/cngov/id/report/330400-2023-gwr", "id:report/330400-2023-gwr"),
    ("https://w3id.org/cngov/def/kg#Report", "kg:Report"),
    ("https://w3id.org/cngov/def/policy/double-eight-strategy", "https://w3id.org/cngov/def/policy/double-eight-strategy"),
    ("https://schema.org/", "https://schema.org/"),  # an empty suffix stays a full IRI
]


@pytest.mark.parametrize("iri, compact", COMPACT, ids=[c[1] for c in COMPACT])
def test_compact_iris(iri, compact):
    assert export.Compactor(export.jsonld_context())(iri) == compact


DOT_IDS = [("plain", '"plain"'), ('say "hi"', '"say \\"hi\\""'), ("back\\slash", '"back\\\\slash"'), ("two\nlines", '"two\\nlines"')]


@pytest.mark.parametrize("text, quoted", DOT_IDS, ids=[d[1] for d in DOT_IDS])
def test_dot_quoting(text, quoted):
    assert export.dot_id(text) == quoted
