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
from kg.rdf.namespaces import KG, RDF

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


def test_builds_are_byte_identical_in_any_order_and_with_any_jobs(tmp_path, reports_dir):
    """Inputs reversed and two worker processes against one: the same bytes (issue 7)."""
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("build", *SAMPLES, "-o", first, "-q", "-j", "1").exit_code == 0
    assert run("build", *reversed(SAMPLES), "-o", second, "-q", "-j", "2").exit_code == 0
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_base_uri_option(tmp_path, reports_dir):
    out = tmp_path / "o"
    result = run("build", SAMPLES[0], "-o", out, "-q", "--base-uri", "https://data.example.org/kg/")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "graph.ttl")
    reports = [str(s) for s in graph.subjects(RDF.type, KG.Report)]
    assert reports and all(r.startswith("https://data.example.org/kg/id/report/") for r in reports)
    # the vocabulary and the gazetteer stay in their fixed namespace
    assert all(str(o).startswith("https://w3id.org/cngov/id/place/") for o in graph.objects(None, KG.jurisdiction))


def test_default_build_is_the_bundled_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(run("query", "reports", "--format", "csv").output)))
    assert [(r["jurisdiction"], r["report_year"]) for r in rows] == [("Huzhou", "2024"), ("Huzhou", "2025")]


def test_violating_graph_exits_1(tmp_path):
    """A report whose jurisdiction cannot be read violates the shapes: exit 1, report written."""
    text = (
        "Report on the Work of the Government\n\nFellow Deputies,\n\n"
        "I. A Review of Our Work in 2023\n\n"
        + "We worked hard and the economy grew steadily over the past year. " * 8
        + "\n\nII. Major Tasks for 2024\n\n"
        + "We will keep the economy growing and improve public services for all. " * 6
        + "\n"
    )
    path = tmp_path / "nowhere.txt"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", path, "-o", out)
    assert result.exit_code == 1, result.output
    summary = (out / "validation.txt").read_text("utf-8")
    assert "Conforms: no" in summary and "jurisdiction" in summary
    assert "Traceback" not in result.output


def test_html_input_keeps_main_text_only(tmp_path, reports_dir):
    """A sample wrapped in a web page (script, nav, header, footer) gives the same metadata."""
    import html as html_lib

    from .conftest import sample

    lines = [line for line in sample("003").read_text("utf-8").splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{html_lib.escape(line)}</p>\n" for line in lines)
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>'
        '<script>var t = "SCRIPT_TEXT";</script></head><body>'
        "<nav><ul><li>Home</li><li>NAV_MENU_ITEM</li></ul></nav><header>SITE_BANNER</header>"
        f"<main><article>{paragraphs}</article></main><footer>FOOTER_TEXT</footer></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run("build", page, "-o", out, "-q").exit_code == 0
    graph_text = (out / "graph.ttl").read_text("utf-8")
    for furniture in ("SCRIPT_TEXT", "NAV_MENU_ITEM", "SITE_BANNER", "FOOTER_TEXT"):
        assert furniture not in graph_text
    (row,) = csv.DictReader(io.StringIO(run("query", "reports", "-o", out, "--format", "csv").output))
    assert (row["source"], row["jurisdiction"], row["province"], row["report_year"]) == ("page.html", "Changzhou", "Jiangsu", "2024")
    assert (row["delivered_on"], row["speaker"]) == ("2024-01-16", "Sheng Lei")
