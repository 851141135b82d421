"""End to end: `kg build` on the five sample reports, outputs, determinism, query."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import os

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph

from kg.cli import main

from .conftest import SAMPLES

OUTPUTS = ["graph.ttl", "graph.trig", "validation.ttl", "validation.txt", "manifest.json"]

REPORTS_COLUMNS = [
    "source", "report", "jurisdiction", "jurisdiction_level", "province", "document_type",
    "report_year", "review_period", "plan_period", "delivered_on", "published_on",
    "speaker", "speaker_role", "congress_session",
]


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory, reports_dir):
    out = tmp_path_factory.mktemp("build")
    result = run("build", *SAMPLES, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_every_output(built):
    for name in OUTPUTS:
        assert (built / name).stat().st_size > 0, name
    assert (built / "store").is_dir()
    assert not [p.name for p in built.iterdir() if p.name.endswith(".tmp")]


def test_turtle_parses_in_rdflib_and_pyoxigraph(built):
    graph = Graph().parse(built / "graph.ttl", format="turtle")
    quads = list(ox.parse(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(graph) == len(quads) > 500
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


@pytest.mark.skipif(shutil.which("rapper") is None and not os.environ.get("CI"), reason="rapper (raptor2-utils) not installed")
def test_turtle_parses_in_rapper(built):
    proc = subprocess.run(["rapper", "-i", "turtle", "-c", str(built / "graph.ttl")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "returned" in proc.stderr and "triples" in proc.stderr


def test_trig_has_one_named_graph_per_report(built):
    dataset = Dataset().parse(built / "graph.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    report_graphs = {n for n in names if "/id/report/" in n}
    assert len(report_graphs) == len(SAMPLES)


def test_graph_conforms_with_plain_pyshacl(built):
    """Independent of kg.validate: pyshacl on graph.ttl with shapes/ and ontology/ as ont_graph."""
    from pathlib import Path

    import pyshacl

    root = Path(__file__).resolve().parents[1]
    shapes = Graph()
    for path in sorted((root / "shapes").glob("*.ttl")):
        shapes.parse(path)
    ontology = Graph()
    for path in sorted((root / "ontology").glob("*.ttl")):
        if path.name != "places.ttl":
            ontology.parse(path)
    data = Graph().parse(built / "graph.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert conforms, text


def test_reports_preset_columns_and_rows(built):
    result = run("query", "reports", "-o", built, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0].keys()) == REPORTS_COLUMNS
    assert sorted(r["source"] for r in rows) == sorted(p.name for p in SAMPLES)
    by_source = {r["source"][:3]: r for r in rows}
    assert by_source["000"]["jurisdiction"] == "Jiaxing"
    assert by_source["002"]["jurisdiction"] == "Zhejiang"
    assert by_source["003"]["jurisdiction"] == "Changzhou"
    assert by_source["004"]["jurisdiction"] == "Jinhua"
    for row in rows:
        assert row["report"].startswith("https://w3id.org/cngov/id/report/")


def test_builds_are_byte_identical_in_any_order(tmp_path, reports_dir):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("build", *SAMPLES, "-o", first, "-q").exit_code == 0
    assert run("build", *reversed(SAMPLES), "-o", second, "-q").exit_code == 0
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_base_uri_option(tmp_path, reports_dir):
    out = tmp_path / "o"
    result = run("build", SAMPLES[0], "-o", out, "-q", "--base-uri", "https://data.example.org/kg/")
    assert result.exit_code == 0, result.output
    text = (out / "graph.ttl").read_text("utf-8")
    assert "https://data.example.org/kg/id/report/" in text


def test_default_build_is_the_bundled_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(run("query", "reports", "--format", "csv").output)))
    assert [r["jurisdiction"] for r in rows] == ["Huzhou"]
