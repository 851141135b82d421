"""`kg push`: load a build into an external SPARQL store, one named graph at a time.

The store is written through the SPARQL 1.1 Graph Store HTTP Protocol: each graph of
the build (one per report, the ``{base}data/reference`` graph and, on request, kg's
ontology graph) is sent with ``PUT <endpoint>?graph=<IRI>``, which REPLACES that graph.
Because every triple of a report lives in the report's own graph (kg.output.report_quads),
pushing a re-ingested report replaces exactly its facts; ``delete_missing`` also DELETEs
the report graphs the store holds under the build's base that the build no longer has.

The graphs are read from OUTDIR/graph.trig, not from OUTDIR/store: the store keeps
values, not lexical forms (an ``xsd:nonNegativeInteger`` comes back as an ``xsd:integer``).

When a SPARQL query endpoint is known (given, or derived from the well-known layouts of
Oxigraph and Fuseki), every PUT is checked by counting the triples of the graph in the
store, and the store's report graphs are listed for ``delete_missing``. The same SPARQL
1.1 Protocol client (``sparql_select``) runs ``kg query --endpoint``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from .errors import KgError
from .output import VOCAB_GRAPH

MEDIA_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples"}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
SPARQL_RESULTS_JSON = "application/sparql-results+json"
# graph store path -> query path of the stores the README documents
QUERY_PATHS = {"/store": "/query", "/data": "/sparql", "/sparql-graph-crud-auth": "/sparql-auth", "/sparql-graph-crud": "/sparql"}
MESSAGE_CHARS = 300  # how much of a server's error message one error line shows

Progress = Callable[[str, str], None]


class EndpointError(KgError):
    """An external SPARQL store refused a request or could not be reached."""


@dataclass(frozen=True)
class NamedGraph:
    iri: str
    label: str  # what the progress lines and errors call it: report id, "reference", "ontology"
    source: str = ""  # the input file of a report graph
    triples: tuple = ()

    def describe(self) -> str:
        return f"{self.label} ({self.source}) <{self.iri}>" if self.source else f"{self.label} <{self.iri}>"

    def body(self, fmt: str) -> bytes:
        return ox.serialize(list(self.triples), format=RDF_FORMATS[fmt])


@dataclass
class PushResult:
    """What a push did: ``planned`` graphs, of them ``pushed`` (none in a dry run), and the
    store's ``stale`` report graphs the build no longer has, of them ``deleted``."""

    endpoint: str
    planned: list[NamedGraph] = field(default_factory=list)
    pushed: list[NamedGraph] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        graphs = self.planned if self.dry_run else self.pushed
        triples = sum(len(g.triples) for g in graphs)
        if self.dry_run:
            return f"dry run: would push {len(graphs)} graph(s), {triples} triples to {self.endpoint}; would delete {len(self.stale)}"
        deleted = f"; deleted {len(self.deleted)} graph(s)" if self.deleted else ""
        return f"pushed {len(graphs)} graph(s), {triples} triples to {self.endpoint}{deleted}"


# --- the build's graphs ---------------------------------------------------------------


def build_graphs(out_dir: Path, with_ontology: bool = False) -> tuple[str, list[NamedGraph]]:
    """The build's base URI and its named graphs: the reference graph first, then the
    report graphs in IRI order, then (``with_ontology``) the ontology graph."""
    trig = Path(out_dir) / "graph.trig"
    if not trig.is_file():
        raise EndpointError(f"no graph.trig in {out_dir} (run `kg build -o {out_dir}` first)")
    grouped: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
            if isinstance(quad.graph_name, ox.NamedNode):
                grouped.setdefault(quad.graph_name.value, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    except (SyntaxError, ValueError, OSError) as err:
        raise EndpointError(f"cannot read: {' '.join(str(err).split())}", path=str(trig)) from err
    reference = [iri for iri in grouped if iri.endswith("/data/reference")]
    if len(reference) != 1:
        raise EndpointError("no {base}data/reference graph (is it a kg build?)", path=str(trig))
    base = reference[0][: -len("data/reference")]
    sources = _sources(Path(out_dir))
    graphs = [NamedGraph(reference[0], "reference", "", tuple(grouped.pop(reference[0])))]
    for iri in sorted(grouped):
        graphs.append(NamedGraph(iri, iri.rsplit("/", 1)[-1], sources.get(iri, ""), tuple(grouped[iri])))
    if with_ontology:
        graphs.append(NamedGraph(VOCAB_GRAPH, "ontology", "", tuple(_ontology_triples())))
    return base, graphs


def _sources(out_dir: Path) -> dict[str, str]:
    """Report IRI -> input file name, from manifest.json (empty when it cannot be read)."""
    try:
        data = json.loads((out_dir / "manifest.json").read_text("utf-8"))
        return {item["report"]: item["source"] for item in data.get("reports", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _ontology_triples() -> list[ox.Triple]:
    """kg.ttl and the code lists: what `kg build` loads into the store's ontology graph."""
    from .validate import load_ontology

    data = load_ontology().serialize(format="nt", encoding="utf-8")
    return sorted(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), key=str)


def select_graphs(graphs: list[NamedGraph], wanted: tuple[str, ...] | list[str]) -> list[NamedGraph]:
    """The graphs named in ``wanted`` (a report's IRI, its id such as 330400-2023-gwr, or its
    input file name) plus the reference graph and the ontology graph, which the reports
    point to; all of them when ``wanted`` is empty. ``reference`` and ``ontology`` name no
    report: ``--graph reference`` pushes the shared graphs alone (after a bulk load)."""
    if not wanted:
        return graphs
    chosen: set[str] = {g.iri for g in graphs if g.label in ("reference", "ontology")}
    for name in wanted:
        if name in ("reference", "ontology"):
            continue
        matches = [g.iri for g in graphs if name in (g.iri, g.label, g.source) and g.label not in ("reference", "ontology")]
        if not matches:
            known = ", ".join(g.label for g in graphs if g.label not in ("reference", "ontology"))
            raise EndpointError(f"--graph {name}: no such report in the build (reports: {known})")
        chosen.update(matches)
    return [g for g in graphs if g.iri in chosen]


# --- HTTP -------------------------------------------------------------------------------


def check_url(url: str, option: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"{option} {url!r} is not an http(s) URL")
    return url


def derive_query_endpoint(endpoint: str) -> str | None:
    """The SPARQL query URL beside a graph store URL, for the layouts the README documents
    (Oxigraph /store -> /query, Fuseki /ds/data -> /ds/sparql, Virtuoso); else None."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for store_path, query_path in QUERY_PATHS.items():
        if path.endswith(store_path):
            return urlunsplit(parts._replace(path=path[: -len(store_path)] + query_path, query=""))
    return None


def make_auth(user: str | None, password: str | None, scheme: str = "basic") -> httpx.Auth | None:
    if user is None and password is None:
        return None
    if not user or password is None:
        raise EndpointError("--user needs a password (--password or the KG_PUSH_PASSWORD environment variable), and --password a --user")
    return httpx.DigestAuth(user, password) if scheme == "digest" else httpx.BasicAuth(user, password)


def server_message(response: httpx.Response) -> str:
    """The status and the first words of what the server said, on one line."""
    text = response.text if response.content else ""
    if "html" in response.headers.get("content-type", ""):
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    if len(text) > MESSAGE_CHARS:
        text = text[: MESSAGE_CHARS - 1] + "…"
    status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    if response.status_code in (401, 403):
        hint = "check --user and --password (or KG_PUSH_PASSWORD)"
        if "digest" in response.headers.get("www-authenticate", "").lower():
            hint += "; the server asks for digest authentication: --auth digest"
        status += f" (authentication failed: {hint})"
    return f"{status}: {text}" if text else status


def transport_message(err: httpx.HTTPError, timeout: float) -> str:
    if isinstance(err, httpx.TimeoutException):
        return f"no answer within {timeout:g} s (--timeout)"
    if isinstance(err, httpx.ConnectError):
        reason = " ".join(str(err).split())
        return "connection refused (is the server running?)" if "refused" in reason.lower() else f"cannot connect: {reason}"
    return f"{type(err).__name__}: {' '.join(str(err).split())}"


def request(client: httpx.Client, method: str, endpoint: str, what: str, params: dict | None = None, **kwargs) -> httpx.Response:
    """One HTTP request; any failure is an EndpointError naming the endpoint and ``what``."""
    try:
        response = client.request(method, endpoint, params=params, **kwargs)
    except httpx.HTTPError as err:
        timeout = client.timeout.read or 0
        raise EndpointError(f"{method} {endpoint}: {what}: {transport_message(err, timeout)}") from err
    if response.status_code >= 400:
        raise EndpointError(f"{method} {endpoint}: {what}: {server_message(response)}")
    return response


def sparql_select(endpoint: str, query: str, *, client: httpx.Client | None = None, timeout: float = 120.0,
                  auth: httpx.Auth | None = None, what: str = "query") -> dict:
    """Run a SELECT query with the SPARQL 1.1 Protocol and return the SPARQL 1.1 Query
    Results JSON document.

    The query is POSTed URL-encoded (``query=...``), the form of the protocol every store
    answers: Virtuoso 7.2 (Debian's) never answers a POST of ``application/sparql-query``.
    """
    check_url(endpoint, "--endpoint")
    own = client is None
    client = client or httpx.Client(timeout=timeout, auth=auth)
    try:
        response = request(client, "POST", endpoint, what, data={"query": query}, headers={"Accept": SPARQL_RESULTS_JSON})
    finally:
        if own:
            client.close()
    try:
        document = response.json()
    except ValueError as err:
        raise EndpointError(f"POST {endpoint}: {what}: the answer is not SPARQL JSON results "
                            f"(Content-Type {response.headers.get('content-type', 'none')}); is it a SPARQL query endpoint?") from err
    if not isinstance(document, dict) or "results" not in document:
        raise EndpointError(f"POST {endpoint}: {what}: only SELECT queries give tables")
    return document


# --- push -------------------------------------------------------------------------------


@dataclass
class Pusher:
    """One push: the HTTP client, the endpoints and the graphs done so far (for errors)."""

    endpoint: str
    query_endpoint: str | None
    client: httpx.Client
    fmt: str
    progress: Progress
    result: PushResult

    def fail(self, err: EndpointError) -> EndpointError:
        """``err`` with what the store now holds of this push: a partial push is no secret."""
        done = [g.label for g in self.result.pushed]
        state = f"pushed before the failure: {', '.join(done)}" if done else "nothing was pushed"
        if self.result.deleted:
            state += f"; deleted: {', '.join(self.result.deleted)}"
        return EndpointError(f"{err} ({state})")

    def put(self, graph: NamedGraph) -> None:
        what = f"graph <{graph.iri}>"
        response = request(self.client, "PUT", self.endpoint, what, params={"graph": graph.iri},
                           content=graph.body(self.fmt), headers={"Content-Type": MEDIA_TYPES[self.fmt]})
        checked = ""
        if self.query_endpoint:
            held = self.count(graph.iri)
            if held != len(graph.triples):
                raise EndpointError(f"{self.query_endpoint}: {what}: the store holds {held} triples "
                                    f"after the PUT, {len(graph.triples)} were sent")
            checked = ", checked"
        self.result.pushed.append(graph)
        self.progress("pushed", f"{graph.describe()}: {len(graph.triples)} triples, HTTP {response.status_code}{checked}")

    def count(self, iri: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        document = sparql_select(self.query_endpoint, query, client=self.client, what=f"counting graph <{iri}>")
        bindings = document["results"]["bindings"]
        return int(bindings[0]["n"]["value"]) if bindings and "n" in bindings[0] else 0

    def stored_reports(self, base: str) -> list[str]:
        """The report graphs the store holds under ``base`` (graphs named ``{base}id/report/...``)."""
        prefix = json.dumps(base + "id/report/")
        query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {prefix})) }}"
        document = sparql_select(self.query_endpoint, query, client=self.client, what="listing the store's graphs")
        return sorted(b["g"]["value"] for b in document["results"]["bindings"] if b.get("g", {}).get("type") == "uri")

    def delete(self, iri: str) -> None:
        request(self.client, "DELETE", self.endpoint, f"graph <{iri}>", params={"graph": iri})
        self.result.deleted.append(iri)
        self.progress("deleted", f"<{iri}>")


def push(out_dir: Path, endpoint: str, *, query_endpoint: str | None = None, graphs: tuple[str, ...] = (),
         with_ontology: bool = False, delete_missing: bool = False, dry_run: bool = False,
         user: str | None = None, password: str | None = None, auth: str = "basic",
         fmt: str = "turtle", timeout: float = 120.0, progress: Progress | None = None) -> PushResult:
    """PUT the build's graphs into the graph store at ``endpoint`` (each replacing the graph of
    that name), optionally DELETE the store's report graphs the build no longer has.

    ``dry_run`` writes nothing: it says what would be pushed (and, with ``delete_missing``,
    asks the store which graphs would be deleted). Errors are EndpointErrors whose one line
    names the endpoint, the graph and what was already pushed.
    """
    check_url(endpoint, "--endpoint")
    if query_endpoint:
        check_url(query_endpoint, "--query-endpoint")
    query_endpoint = query_endpoint or derive_query_endpoint(endpoint)
    if delete_missing and not query_endpoint:
        raise EndpointError(f"--delete-missing needs --query-endpoint (the SPARQL query URL of the store at {endpoint}) to list its graphs")
    base, built = build_graphs(out_dir, with_ontology)
    chosen = select_graphs(built, graphs)
    progress = progress or (lambda stage, item: None)
    result = PushResult(endpoint, planned=chosen, dry_run=dry_run)
    with httpx.Client(timeout=timeout, auth=make_auth(user, password, auth)) as client:
        pusher = Pusher(endpoint, query_endpoint, client, fmt, progress, result)
        for graph in chosen:
            if dry_run:
                progress("would push", f"{graph.describe()}: {len(graph.triples)} triples")
                continue
            try:
                pusher.put(graph)
            except EndpointError as err:
                raise pusher.fail(err) from err
        if delete_missing:
            _delete_missing(pusher, base, {g.iri for g in built}, dry_run)
    return result


def _delete_missing(pusher: Pusher, base: str, keep: set[str], dry_run: bool) -> None:
    try:
        pusher.result.stale = [iri for iri in pusher.stored_reports(base) if iri not in keep]
        for iri in pusher.result.stale:
            if dry_run:
                pusher.progress("would delete", f"<{iri}>")
            else:
                pusher.delete(iri)
    except EndpointError as err:
        raise pusher.fail(err) from err
