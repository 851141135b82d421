"""`kg serve`: linked data, the dataset description and the SPARQL endpoint over the sample build.

In-process through Starlette's TestClient, and once against a real `kg serve` subprocess on
a free loopback port. Every expected value is read from the build itself (graph.trig, the store).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDF, VOID
from starlette.testclient import TestClient

from kg.cli import main
from kg.web import create_app
from kg.web.data import GraphData
from kg.web.pages import render_resource
from kg.web.site import Site

KG = rdflib.Namespace("https://w3id.org/cngov/def/kg#")
OA = "http://www.w3.org/ns/oa#"
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def client(samples_build):
    with TestClient(create_app(samples_build)) as c:
        yield c


@pytest.fixture(scope="module")
def data(samples_build) -> GraphData:
    return GraphData.load(samples_build)


@pytest.fixture(scope="module")
def report(samples_build) -> str:
    """The IRI of the first report of the build (manifest order)."""
    return json.loads((samples_build / "manifest.json").read_text("utf-8"))["reports"][0]["report"]


def local(iri: str) -> str:
    """The path an IRI of the default base answers at."""
    return "/" + iri.removeprefix("https://w3id.org/cngov/")


def subject_triples(samples_build: Path, subject: str) -> list[ox.Triple]:
    quads = ox.parse(path=str(samples_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.subject.value == subject}, key=str)


def as_rdflib(triples: list[ox.Triple]) -> set:
    return set(rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt"))


# ---- linked data ---------------------------------------------------------------------------

@pytest.mark.parametrize("accept, fmt", [("text/html", "html"), ("text/turtle", "ttl"), ("application/n-triples", "nt"),
                                         ("application/ld+json", "jsonld")])
def test_report_iri_redirects_to_its_document(client, report, accept, fmt):
    response = client.get(local(report), headers={"Accept": accept}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == local(report).replace("/id/", "/doc/", 1) + "." + fmt
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize("accept, rdflib_format", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                                   ("application/n-triples", "nt")])
def test_report_document_parses_and_states_the_reports_triples(client, samples_build, report, accept, rdflib_format):
    response = client.get(local(report), headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.text, format=rdflib_format)
    expected = as_rdflib(subject_triples(samples_build, report))
    assert expected and expected <= set(graph)
    assert (rdflib.URIRef(report), RDF.type, KG.Report) in graph


def test_report_page_is_html_with_its_title_observations_and_links(client, data, report):
    response = client.get(local(report), headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert f"<h1>{_html(data.label(report))}</h1>" in page
    observations = data.observations(report)
    assert observations and f'href="{local(observations[0])}"' in page
    assert 'type="text/turtle"' in page  # <link rel="alternate"> to the Turtle document
    assert not [h for h in re.findall(r'href="([^"]+)"', page) if h.startswith("https://w3id.org/cngov/")]  # links stay local


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


def test_observation_page_shows_the_quote_and_its_report(client, data, report):
    obs = data.observations(report)[0]
    span = data.span(data.value(obs, str(KG.span)))
    page = client.get(local(obs).replace("/id/", "/doc/", 1) + ".html").text
    assert f">{_html(span['exact'])}</blockquote>" in page
    assert f'data-start="{span["start"]}" data-end="{span["end"]}"' in page
    assert f'href="{local(report)}"' in page


def test_documents_keep_the_lexical_forms_of_the_build(client, samples_build, data, report):
    """The store would give oa:start back as xsd:integer; the document states xsd:nonNegativeInteger."""
    span = data.value(data.observations(report)[0], str(KG.span))
    expected = ox.serialize(subject_triples(samples_build, span + "#position"), format=ox.RdfFormat.N_TRIPLES).decode()
    assert "nonNegativeInteger" in expected
    document = client.get(local(span).replace("/id/", "/doc/", 1) + ".nt").text
    assert set(expected.splitlines()) <= set(document.splitlines())


def test_hash_iri_resolves_by_its_document(client, data, report):
    span = data.value(data.observations(report)[0], str(KG.span))
    response = client.get(local(span), headers={"Accept": "text/html"})  # the #position IRI asks for this path
    assert response.status_code == 200
    assert 'id="position"' in response.text and 'id="quote"' in response.text


def test_extension_wins_over_accept_and_unacceptable_is_406(client, report):
    doc = local(report).replace("/id/", "/doc/", 1)
    assert client.get(doc + ".ttl", headers={"Accept": "text/html"}).headers["content-type"].startswith("text/turtle")
    assert client.get(doc, headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("path", ["/id/report/no-such-report", "/doc/report/no-such-report.ttl", "/def/kg-nothing", "/nowhere",
                                  "/data/no-such-file.ttl"])
def test_unknown_iri_is_404_without_a_traceback(client, path):
    html = client.get(path, headers={"Accept": "text/html"})
    plain = client.get(path, headers={"Accept": "text/plain"})
    assert html.status_code == plain.status_code == 404
    assert html.headers["content-type"].startswith("text/html") and "Traceback" not in html.text
    assert plain.text.startswith("404 Not Found: ")


@pytest.mark.parametrize("path", ["/data/../../etc/passwd", "/data/%2e%2e/%2e%2e/etc/passwd", "/data/..%2f..%2fetc%2fpasswd",
                                  "/data/..%252f..%252fetc%252fpasswd", "/doc/..%2f..%2f..%2fetc%2fpasswd",
                                  "/def/..%2f..%2fpyproject.toml", "/data/%2e%2e%2fmanifest.json", "/data/graph.ttl%00.html"])
def test_no_path_leaves_outdir(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text and "[project]" not in response.text


def test_dumps_are_served_from_outdir(client, samples_build):
    response = client.get("/data/graph.ttl")
    assert response.status_code == 200 and response.content == (samples_build / "graph.ttl").read_bytes()
    assert client.get("/data/graph.trig").headers["content-type"].startswith("application/trig")


def test_cors_headers(client):
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200 and "POST" in preflight.headers["access-control-allow-methods"]


# ---- the vocabulary and the dataset -------------------------------------------------------

def test_ontology_page_documents_every_class_and_code_list(client):
    page = client.get("/def/", headers={"Accept": "text/html"}).text
    for term in ("Report", "Observation", "jurisdiction", "span"):
        assert f'id="{term}"' in page, term
    assert 'href="/def/document-type"' in page
    turtle = rdflib.Graph().parse(data=client.get("/def/kg.ttl").text, format="turtle")
    assert (KG.Report, RDF.type, rdflib.OWL.Class) in turtle


def test_code_list_concept_answers_directly(client):
    response = client.get("/def/document-type/government-work-report", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 200 and "government work report" in response.text


@pytest.mark.parametrize("path, accept, fmt", [("/.well-known/void", None, "turtle"), ("/.well-known/void", "application/ld+json", "json-ld"),
                                               ("/data/", "text/turtle", "turtle"), ("/data/index.nt", None, "nt")])
def test_void_states_the_triple_count(client, samples_build, path, accept, fmt):
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format=fmt)
    dataset = rdflib.URIRef("https://w3id.org/cngov/data/")
    quads = ox.parse(path=str(samples_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    triples = len({ox.Triple(q.subject, q.predicate, q.object) for q in quads})
    assert int(graph.value(dataset, VOID.triples)) == triples
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef("https://w3id.org/cngov/sparql")
    assert rdflib.URIRef("https://w3id.org/cngov/data/graph.ttl") in set(graph.objects(dataset, VOID.dataDump))
    assert (dataset, RDF.type, rdflib.namespace.DCAT.Dataset) in graph


def test_landing_page_lists_the_reports(client, data, report):
    response = client.get("/", headers={"Accept": "text/html"})
    assert response.url.path == "/data/"
    assert f'href="{local(report)}"' in response.text and _html(data.label(report)) in response.text


# ---- SPARQL -------------------------------------------------------------------------------

def _count_from(accept: str, text: str) -> int:
    if "json" in accept:
        return int(json.loads(text)["results"]["bindings"][0]["n"]["value"])
    if "xml" in accept:
        literal = ET.fromstring(text).find(".//{http://www.w3.org/2005/sparql-results#}literal")
        return int(literal.text)
    if accept == "text/csv":
        return int(list(csv.reader(io.StringIO(text)))[1][0])
    return int(text.splitlines()[1].split("^^")[0].strip('"'))


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                    "text/tab-separated-values"])
def test_sparql_counts_the_triples(client, samples_build, accept):
    store = ox.Store.read_only(str(samples_build / "store"))
    expected = len(list(store.quads_for_pattern(None, None, None, None)))
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert _count_from(accept, response.text) == expected


@pytest.mark.parametrize("how", ["form", "sparql-query"])
def test_sparql_post(client, how):
    query = "SELECT ?report WHERE { ?report a <https://w3id.org/cngov/def/kg#Report> }"
    if how == "form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 5


def test_sparql_construct_as_turtle_and_jsonld(client, report):
    query = f"CONSTRUCT {{ <{report}> ?p ?o }} WHERE {{ <{report}> ?p ?o }}"
    turtle = client.get("/sparql", params={"query": query}, headers={"Accept": "text/turtle"})
    assert (rdflib.URIRef(report), RDF.type, KG.Report) in rdflib.Graph().parse(data=turtle.text, format="turtle")
    jsonld = client.get("/sparql", params={"query": query, "format": "jsonld"})
    assert (rdflib.URIRef(report), RDF.type, KG.Report) in rdflib.Graph().parse(data=jsonld.text, format="json-ld")


@pytest.mark.parametrize("request_kind", ["get-query", "post-update", "post-sparql-update", "prefixed"])
def test_sparql_update_is_refused(client, request_kind):
    update = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    if request_kind == "get-query":
        response = client.get("/sparql", params={"query": update})
    elif request_kind == "post-update":
        response = client.post("/sparql", data={"update": update})
    elif request_kind == "post-sparql-update":
        response = client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"})
    else:
        response = client.get("/sparql", params={"query": "PREFIX ex: <https://example.org/>\n# a comment\nDELETE WHERE { ?s ?p ?o }"})
    assert response.status_code == 403 and "read-only" in response.text
    assert client.get("/sparql", params={"query": "ASK { <https://example.org/a> ?p ?o }"}).json()["boolean"] is False


def test_malformed_query_is_400_with_the_position(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"}, headers={"Accept": "text/plain"})
    assert response.status_code == 400
    assert re.search(r"malformed query: error at 1:\d+", response.text), response.text


def test_service_is_refused(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"})
    assert response.status_code == 403 and "SERVICE" in response.text


def test_sparql_form_page(client):
    page = client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<textarea" in page.text
    table = client.get("/sparql", params={"query": COUNT, "format": "html"})
    assert '<table class="results">' in table.text


@pytest.fixture(scope="module")
def limited(samples_build):
    with TestClient(create_app(samples_build, max_results=5, timeout=2)) as c:
        yield c


def test_results_are_cut_at_max_results_and_say_so(limited):
    response = limited.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 5
    assert response.headers["x-results-truncated"] == "true" and response.headers["x-max-results"] == "5"
    construct = limited.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert len(construct.text.splitlines()) == 5 and construct.headers["x-results-truncated"] == "true"
    small = limited.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert len(small.json()["results"]["bindings"]) == 3 and "x-results-truncated" not in small.headers


def test_a_query_over_the_time_limit_is_stopped(limited):
    """A three-way cross join of the graph cannot finish in 2 s anywhere: its worker is killed."""
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = limited.get("/sparql", params={"query": endless})
    assert response.status_code == 503 and "time limit of 2 s" in response.text
    assert limited.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True  # a new worker answers


# ---- pages without a server ----------------------------------------------------------------

def test_pages_render_without_a_server_for_a_static_site(data, report):
    html = render_resource(report, data, Site(data.base, static=True))
    links = re.findall(r'href="(/[^"#]*)', html)
    assert not [link for link in links if link.startswith("/id/")]  # no server to redirect: links name files
    pages = [link for link in links if link.startswith("/doc/") and link.endswith(".html")]
    assert local(data.observations(report)[0]).replace("/id/", "/doc/", 1) + ".html" in pages


# ---- the command ---------------------------------------------------------------------------

def test_serve_without_a_build_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["serve", "-o", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no build in" in result.output


@contextlib.contextmanager
def running_server(out_dir: Path, *args: str):
    """`kg serve -o OUTDIR --port 0` as a subprocess; yields its URL; stops it with SIGINT."""
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "-o", str(out_dir), "--host", "127.0.0.1", "--port", "0", *args],
                               stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        line = process.stderr.readline()  # the first line names the URL (or the error)
        match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        assert match, line
        yield match.group(1)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def test_running_server_answers_and_stops(samples_build, report, data):
    with running_server(samples_build) as url:
        request = urllib.request.Request(url + local(report).lstrip("/"), headers={"Accept": "text/html"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200 and response.url.endswith(".html")
            assert _html(data.label(report)) in response.read().decode("utf-8")


def test_port_in_use_is_one_line_and_exit_2(samples_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "-o", str(samples_build), "--port", str(port)],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == f"kg: error: cannot listen on 127.0.0.1:{port}: address already in use"
