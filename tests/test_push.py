"""`kg push` and `kg query --endpoint` against a real Oxigraph server.

The server comes from the `oxigraph` wheel of the test extra (it installs the binary beside
the venv's python); it is started once per session on a free loopback port with
`--union-default-graph`, the setting the presets need in any store. If it cannot be found
or started the tests FAIL: CI installs the test extra, so a missing server is a bug.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import socket
import subprocess
import sys
import sysconfig
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import presets

from .conftest import SAMPLES, sample
from .test_presets import CASES

BASE = "https://w3id.org/cngov/"
REPORT = BASE + "id/report/"
KG_SHA256 = "https://w3id.org/cngov/def/kg#sha256"
START_TRIES = 300  # readiness polls, 0.1 s apart: the server answers within a second here


def run(*args, env=None):
    return CliRunner().invoke(main, list(map(str, args)), env=env)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` executable the test extra's wheel installed beside this python."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        found = shutil.which("oxigraph", path=folder)
        if found:
            return found
    found = shutil.which("oxigraph")
    if not found:
        pytest.fail("the Oxigraph server is not installed: `pip install -e '.[test]'` installs the oxigraph wheel")
    return found


@dataclass
class Server:
    url: str
    state: str = "empty"  # what the store holds: "empty", "samples" or "changed" (by a test)

    @property
    def store(self) -> str:
        return self.url + "/store"

    @property
    def query(self) -> str:
        return self.url + "/query"

    def select(self, text: str) -> list[dict]:
        response = httpx.post(self.query, content=text, headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]

    def graphs(self) -> dict[str, int]:
        """Named graph -> number of triples."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"]: int(row["n"]) for row in rows}

    def drop_all(self) -> None:
        httpx.post(self.url + "/update", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}).raise_for_status()
        self.state = "empty"


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oxigraph")
    url = f"http://127.0.0.1:{free_port()}"
    log = (folder / "server.log").open("wb")
    command = [oxigraph_binary(), "serve", "--location", str(folder / "db"), "--bind", url[len("http://"):], "--union-default-graph"]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(START_TRIES):
            if process.poll() is not None:
                pytest.fail(f"the Oxigraph server exited ({process.returncode}): {(folder / 'server.log').read_text()[-500:]}")
            try:
                if httpx.get(url + "/query", params={"query": "ASK {}"}).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        else:
            pytest.fail(f"the Oxigraph server did not answer at {url}")
        yield Server(url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def trig_counts(out: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for quad in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG):
        counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
    return counts


@pytest.fixture
def samples_pushed(oxigraph, samples_build) -> Server:
    """The store holding exactly the samples (and the ontology graph)."""
    if oxigraph.state != "samples":
        oxigraph.drop_all()
        result = run("push", "-o", samples_build, "--endpoint", oxigraph.store, "--with-ontology")
        assert result.exit_code == 0, result.output
        oxigraph.state = "samples"
    return oxigraph


def incremental_build(samples_build: Path, out: Path, inputs: list[Path]) -> Path:
    """A build of ``inputs`` into ``out`` that reuses the samples build's cache (seconds, not a minute)."""
    shutil.copytree(samples_build / "cache", out / "cache")
    result = run("build", *inputs, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    return out


# --- the presets give the same rows against the server as locally ----------------------


def query_csv(*args) -> tuple[str, list[str]]:
    result = run("query", *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    return lines[0], sorted(lines[1:])


def query_rows(*args) -> list[dict]:
    result = run("query", *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_every_preset_is_compared():
    assert sorted(presets()) == sorted(c[0] for c in CASES)


@pytest.mark.parametrize("name, params", [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_preset_gives_the_same_rows_remotely(samples_pushed, samples_build, name, params):
    bound = [arg for param in params for arg in ("--param", param)]
    local = query_csv(name, *bound, "-o", samples_build)
    remote = query_csv(name, *bound, "--endpoint", samples_pushed.query)
    assert len(local[1]) > 0
    assert remote == local


def test_json_results_are_the_same_remotely(samples_pushed, samples_build):
    def results(*args):
        result = run("query", "reports", "--format", "json", *args)
        assert result.exit_code == 0, result.output
        document = json.loads(result.stdout)
        document["results"]["bindings"].sort(key=lambda b: b["report"]["value"])
        return document

    assert results("--endpoint", samples_pushed.query) == results("-o", samples_build)


def test_the_store_holds_every_graph_of_the_build(samples_pushed, samples_build):
    expected = trig_counts(samples_build)
    graphs = samples_pushed.graphs()
    assert {g: n for g, n in graphs.items() if g != "https://w3id.org/cngov/def/kg"} == expected
    assert graphs["https://w3id.org/cngov/def/kg"] > 0  # --with-ontology


# --- replacing, deleting -----------------------------------------------------------------


def test_pushing_a_changed_report_replaces_its_graph(samples_pushed, samples_build, tmp_path):
    """Re-ingest 000 with one figure changed: its old facts are gone, the new ones there,
    the other reports' graphs untouched."""
    before = samples_pushed.graphs()
    original = sample("000")
    changed = tmp_path / "changed" / original.name
    changed.parent.mkdir()
    text = original.read_text("utf-8")
    assert text.count("673.95") == 1
    changed.write_text(text.replace("673.95", "712.34"), "utf-8")
    inputs = [changed] + [p for p in SAMPLES if p != original]
    out = incremental_build(samples_build, tmp_path / "out", inputs)

    samples_pushed.state = "changed"
    result = run("push", "-o", out, "--endpoint", samples_pushed.store, "--graph", original.name)
    assert result.exit_code == 0, result.output
    assert "330400-2023-gwr" in result.stderr and "checked" in result.stderr

    graph = REPORT + "330400-2023-gwr"
    digest = hashlib.sha256(changed.read_text("utf-8").encode("utf-8")).hexdigest()
    assert samples_pushed.select(f"SELECT ?h WHERE {{ GRAPH <{graph}> {{ ?s <{KG_SHA256}> ?h }} }}") == [{"h": digest}]
    old = query_rows("fact-source", "--param", "text=673.95", "--endpoint", samples_pushed.query)
    new = query_rows("fact-source", "--param", "text=712.34", "--endpoint", samples_pushed.query)
    assert old == [] and new and {row["source"] for row in new} == {original.name}
    assert new[0]["value"] == "712340000000"
    after = samples_pushed.graphs()
    assert after[graph] == trig_counts(out)[graph]
    others = [g for g in before if g.startswith(REPORT) and g != graph]
    assert len(others) == 4 and {g: after[g] for g in others} == {g: before[g] for g in others}


def test_delete_missing_removes_the_graph_of_a_deleted_report(samples_pushed, samples_build, tmp_path):
    """004 is no longer in the build: --dry-run says so, --delete-missing deletes its graph."""
    gone = REPORT + "330700-2020-plenary"
    out = incremental_build(samples_build, tmp_path / "out", [p for p in SAMPLES if p != sample("004")])

    dry = run("push", "-o", out, "--endpoint", samples_pushed.store, "--delete-missing", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert f"would delete <{gone}>" in dry.stderr and "would delete 1" in dry.stderr
    assert gone in samples_pushed.graphs()

    samples_pushed.state = "changed"
    result = run("push", "-o", out, "--endpoint", samples_pushed.store, "--delete-missing", "--with-ontology")
    assert result.exit_code == 0, result.output
    assert f"deleted  <{gone}>" in result.stderr
    graphs = samples_pushed.graphs()
    assert gone not in graphs
    assert {g for g in graphs if g.startswith(REPORT)} == {g for g in trig_counts(out) if g.startswith(REPORT)}


# --- errors: one line, exit 2 ------------------------------------------------------------


def one_error_line(result) -> str:
    """The one error line, last on stderr (after the progress lines of what was pushed)."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("kg: error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.stderr
    assert "Traceback" not in result.output
    return errors[0]


def test_connection_refused_is_one_line(samples_build):
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    line = one_error_line(run("push", "-o", samples_build, "--endpoint", endpoint))
    assert endpoint in line and f"<{BASE}data/reference>" in line
    assert "connection refused" in line and "nothing was pushed" in line


def test_an_http_error_shows_the_server_message(oxigraph, samples_build):
    endpoint = oxigraph.url + "/nowhere"
    line = one_error_line(run("push", "-o", samples_build, "--endpoint", endpoint))
    assert endpoint in line and "HTTP 404" in line and "not supported" in line  # Oxigraph's own words


def test_query_endpoint_errors_are_one_line(oxigraph):
    line = one_error_line(run("query", "reports", "--endpoint", oxigraph.store))  # the graph store, not /query
    assert oxigraph.store in line and "HTTP 415" in line


USAGE_ERRORS = [
    # arguments after `push -o BUILD --endpoint URL`    what the line says
    (["--graph", "no-such-report"],                     "--graph no-such-report: no such report"),
    (["--user", "kg"],                                  "--user needs a password"),
    (["--delete-missing", "--endpoint", "http://127.0.0.1:9/elsewhere"], "--delete-missing needs --query-endpoint"),
    (["--endpoint", "ftp://example.org/store"],         "is not an http(s) URL"),
]


@pytest.mark.parametrize("args, message", USAGE_ERRORS, ids=[m for _, m in USAGE_ERRORS])
def test_usage_errors(oxigraph, samples_build, args, message):
    line = one_error_line(run("push", "-o", samples_build, "--endpoint", oxigraph.store, *args, env={"KG_PUSH_PASSWORD": None}))
    assert message in line


# --- a partial failure and authentication, against a scripted server ----------------------


class FlakyStore(BaseHTTPRequestHandler):
    """Accepts ``accept`` PUTs, then answers 500; asks for digest auth when ``digest`` is set."""

    accept = 2
    digest = False
    puts: list[str] = []

    def do_PUT(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.digest:
            return self.answer(401, "", {"WWW-Authenticate": 'Digest realm="SPARQL", nonce="1", qop="auth"'})
        self.puts.append(self.path)
        if len(self.puts) > self.accept:
            return self.answer(500, "<html><body><h1>Internal error</h1><p>disk full</p></body></html>", {"Content-Type": "text/html"})
        self.answer(204, "", {})

    def answer(self, status: int, body: str, headers: dict) -> None:
        data = body.encode()
        self.send_response(status)
        for key, value in {**headers, "Content-Length": str(len(data))}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky():
    FlakyStore.puts, FlakyStore.digest = [], False
    server = ThreadingHTTPServer(("127.0.0.1", 0), FlakyStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/graphs"
    server.shutdown()
    server.server_close()


def test_a_partial_failure_says_what_was_pushed(flaky, samples_build):
    line = one_error_line(run("push", "-o", samples_build, "--endpoint", flaky))
    assert "HTTP 500" in line and "disk full" in line and "<h1>" not in line
    assert "pushed before the failure: reference, 320400-2024-gwr" in line
    assert f"<{REPORT}330000-2020-gwr>" in line  # the graph that failed
    assert len(FlakyStore.puts) == 3


def test_a_digest_challenge_is_named(flaky, samples_build):
    FlakyStore.digest = True
    line = one_error_line(run("push", "-o", samples_build, "--endpoint", flaky, "--user", "dba", "--password", "x"))
    assert "HTTP 401" in line and "--auth digest" in line
