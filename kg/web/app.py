"""The linked-data server: a Starlette app over one build (``create_app``).

    GET /id/X                 303 See Other -> /doc/X.<ext> (by Accept); 404 when unknown
    GET /doc/X[.html|.ttl|.nt|.jsonld]   the document about /id/X (by extension, else Accept)
    GET /def/, /def/kg        the ontology (HTML: classes, properties, code lists); RDF by Accept
    GET /def/X[.ext]          a vocabulary term or code-list concept, answered directly
    GET /data/, /.well-known/void   the dataset description (VoID + DCAT), HTML or RDF
    GET /data/graph.ttl, /data/graph.trig   the dumps, from OUTDIR
    GET|POST /sparql          SPARQL 1.1 Protocol, read-only (kg.web.sparql)

Every path is looked up in the index or in a fixed list of file names: no path of a
request ever reaches the file system, so nothing outside OUTDIR can be served.
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..config import Config, load_config
from ..rdf.namespaces import KG
from . import negotiate, pages, rdfdoc, void
from .data import GraphData
from .site import Site
from .sparql import NO_SERVICE, READ_ONLY, Job, Outcome, QueryPool, is_update, uses_service

log = logging.getLogger("kg.web")
ONTOLOGY = str(KG).rstrip("#")
VOID_OFFERS = ("ttl", "nt", "jsonld", "html")  # /.well-known/void: RDF first, HTML for browsers
MAX_QUERY_BYTES = 1_000_000
CHARSET = {"html", "ttl", "nt", "csv", "tsv", "jsonld", "json", "xml"}
EXPOSED = ["Content-Location", "X-Results-Truncated", "X-Max-Results"]


def _media(fmt: str) -> str:
    media = negotiate.media_type(fmt)
    return media + "; charset=utf-8" if fmt in CHARSET else media


class Server:
    """The handlers, over one loaded build."""

    def __init__(self, out_dir: Path, data: GraphData, pool: QueryPool | None, timeout: float, max_results: int):
        self.out_dir, self.data, self.pool = Path(out_dir), data, pool
        self.site = Site(data.base)
        self.timeout, self.max_results = timeout, max_results
        self.summary = void.summary(data, out_dir, data.build_subjects)
        self.void = void.triples(self.summary)
        data.add(self.void)  # the dataset's resources (partitions, dumps, endpoint) resolve like any other

    # --- helpers ----------------------------------------------------------------------

    def _fmt(self, request: Request, offers=negotiate.DOCUMENT) -> str:
        fmt = negotiate.choose(request.headers.get("accept"), offers)
        if fmt is None:
            types = ", ".join(negotiate.media_type(f) for f in offers)
            raise HTTPException(406, f"none of the formats asked for is available; available: {types}")
        return fmt

    def _resolve(self, path: str) -> str:
        for iri in self.site.candidates(path):
            if self.data.known(iri):
                return iri
        raise HTTPException(404, f"nothing is known about {path}")

    def _document(self, iri: str, fmt: str, negotiated: bool) -> Response:
        headers = {"Content-Location": (self.site.doc_path(iri, fmt) or "").split("#")[0]}
        if negotiated:
            headers["Vary"] = "Accept"
        if fmt == "html":
            html = pages.render_ontology(self.data, self.site) if iri == ONTOLOGY else pages.render_resource(iri, self.data, self.site)
            return HTMLResponse(html, headers=headers)
        triples = self.data.vocabulary if iri == ONTOLOGY else self.data.describe(iri).triples()
        return Response(rdfdoc.serialize(triples, fmt, self.data.base), media_type=_media(fmt), headers=headers)

    # --- linked data ------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        return RedirectResponse(self.site.root + "data/", status_code=303)

    async def thing(self, request: Request) -> Response:
        """/id/X: a thing, not a document: 303 to the document in the format asked for."""
        iri = self._resolve("id/" + request.path_params["path"])
        fmt = self._fmt(request)
        return RedirectResponse(self.site.doc_path(iri, fmt), status_code=303, headers={"Vary": "Accept"})

    async def document(self, request: Request) -> Response:
        stem, fmt = negotiate.split_extension(request.path_params["path"])
        iri = self._resolve("id/" + stem)
        return self._document(iri, fmt or self._fmt(request), fmt is None)

    async def vocabulary(self, request: Request) -> Response:
        path = request.path_params.get("path", "")
        stem, fmt = negotiate.split_extension(path)
        iri = ONTOLOGY if stem in ("", "index") else self._resolve("def/" + stem)
        return self._document(iri, fmt or self._fmt(request), fmt is None)

    async def dataset(self, request: Request) -> Response:
        """/data/ and /.well-known/void: the VoID + DCAT description."""
        name = request.path_params.get("name")
        fmt = negotiate.split_extension(name)[1] if name else None
        offers = VOID_OFFERS if request.url.path.startswith("/.well-known") else negotiate.DOCUMENT
        chosen = fmt or self._fmt(request, offers)
        headers = {} if fmt else {"Vary": "Accept"}
        if chosen == "html":
            return HTMLResponse(pages.render_dataset(self.summary, self.data, self.site), headers=headers)
        return Response(rdfdoc.serialize(self.void, chosen, self.data.base), media_type=_media(chosen), headers=headers)

    async def data_file(self, request: Request) -> Response:
        """/data/NAME: a dump from OUTDIR (a fixed list of names), the dataset description
        as index.<ext>, or a resource of the description such as /data/reference."""
        name = request.path_params["name"]
        if name in void.DUMPS and (self.out_dir / name).is_file():
            return FileResponse(self.out_dir / name, media_type=void.DUMPS[name][0])
        if name.startswith("index."):
            if negotiate.split_extension(name)[1] is None:
                raise HTTPException(404, f"no such format: {name}")
            return await self.dataset(request)
        stem, fmt = negotiate.split_extension(name)
        iri = self._resolve("data/" + stem)
        return self._document(iri, fmt or self._fmt(request), fmt is None)

    # --- SPARQL -----------------------------------------------------------------------

    async def _query_args(self, request: Request) -> dict[str, list[str]]:
        """The protocol's parameters from the URL, a form body or an application/sparql-query body."""
        args = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
        if request.method != "POST":
            return args
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES:
            raise HTTPException(413, f"the request body is larger than {MAX_QUERY_BYTES} bytes")
        if media == "application/sparql-update":
            raise HTTPException(403, READ_ONLY)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as err:
            raise HTTPException(400, f"the request body is not UTF-8 (byte {err.start})") from err
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                args.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            args.setdefault("query", []).append(text)
        else:
            raise HTTPException(415, "POST a query as application/x-www-form-urlencoded (query=...) or application/sparql-query")
        return args

    async def sparql(self, request: Request) -> Response:
        args = await self._query_args(request)
        if "update" in args or any(is_update(q) for q in args.get("query", [])):
            raise HTTPException(403, READ_ONLY)
        queries = args.get("query", [])
        fmt = (args.get("format") or [None])[0]
        if not queries or not queries[0].strip():
            if negotiate.choose(request.headers.get("accept"), ("json", "html")) == "html":
                return HTMLResponse(self._sparql_page())
            raise HTTPException(400, "no query: give one as ?query=... (GET) or in the body (POST)")
        if len(queries) > 1:
            raise HTTPException(400, "more than one query parameter")
        if uses_service(queries[0]):
            raise HTTPException(403, NO_SERVICE)
        if self.pool is None:
            raise HTTPException(503, f"no store in {self.out_dir}: rebuild with `kg build -o {self.out_dir}`")
        job = Job(queries[0], request.headers.get("accept"), fmt, tuple(args.get("default-graph-uri", ())), tuple(args.get("named-graph-uri", ())))
        outcome = await run_in_threadpool(self.pool.run, job)
        return self._sparql_response(job, outcome)

    def _sparql_page(self, **kwargs) -> str:
        return pages.render_sparql(self.site, self.data, max_results=self.max_results, timeout=self.timeout, **kwargs)

    def _sparql_response(self, job: Job, outcome: Outcome) -> Response:
        if outcome.fmt == "text":
            raise HTTPException(outcome.status, outcome.body.decode("utf-8").strip())
        headers = {"X-Max-Results": str(self.max_results), "Vary": "Accept"}
        if outcome.truncated:
            headers["X-Results-Truncated"] = "true"
        if outcome.fmt == "html":
            if outcome.form == "graph":
                html = self._sparql_page(query=job.query, graph_text=outcome.body.decode("utf-8"), truncated=outcome.truncated)
            else:
                html = self._sparql_page(query=job.query, results=json.loads(outcome.body), truncated=outcome.truncated)
            return HTMLResponse(html, headers=headers)
        return Response(outcome.body, status_code=outcome.status, media_type=_media(outcome.fmt), headers=headers)

    # --- errors -----------------------------------------------------------------------

    def _error(self, request: Request, status: int, title: str, message: str) -> Response:
        if negotiate.choose(request.headers.get("accept"), ("nt", "html")) == "html":
            return HTMLResponse(pages.render_error(status, title, message, self.site), status_code=status)
        return PlainTextResponse(f"{status} {title}: {message}\n", status_code=status)

    async def http_error(self, request: Request, exc: HTTPException) -> Response:
        titles = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
                  413: "Content Too Large", 415: "Unsupported Media Type", 500: "Internal Server Error", 503: "Service Unavailable"}
        message = str(exc.detail)
        if message == titles.get(exc.status_code):  # Starlette's own: no route, wrong method
            message = f"nothing is known about {request.url.path}" if exc.status_code == 404 else f"{request.method} is not allowed here"
        response = self._error(request, exc.status_code, titles.get(exc.status_code, "Error"), message)
        if exc.status_code == 405:
            response.headers["Allow"] = "GET, HEAD" + (", POST" if request.url.path == "/sparql" else "")
        return response

    async def server_error(self, request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return self._error(request, 500, "Internal Server Error", "the server failed to answer; the log has the details")


def create_app(out_dir: Path, config: Config | None = None, *, timeout: float = 10.0, max_results: int = 10000,
               workers: int = 2) -> Starlette:
    """The app serving the build in ``out_dir``: pages and RDF for every IRI of the build,
    the vocabulary, the dataset description and a read-only SPARQL endpoint with a time
    limit of ``timeout`` seconds and at most ``max_results`` results per query.
    Raises ServeError when there is no build."""
    config = config or load_config()
    out_dir = Path(out_dir)
    data = GraphData.load(out_dir)
    if data.base != config.base_uri:
        log.info("the build in %s was made with base %s (config: %s); serving its IRIs", out_dir, data.base, config.base_uri)
    store = out_dir / "store"
    pool = QueryPool(str(store), base=data.base, size=workers, timeout=timeout, max_results=max_results) if store.is_dir() else None
    server = Server(out_dir, data, pool, timeout, max_results)
    routes = [
        Route("/", server.home),
        Route("/.well-known/void", server.dataset),
        Route("/sparql", server.sparql, methods=["GET", "POST"]),
        Route("/data", lambda request: RedirectResponse("/data/", status_code=301)),
        Route("/data/", server.dataset),
        Route("/data/{name}", server.data_file),
        Route("/def/", server.vocabulary),
        Route("/def/{path:path}", server.vocabulary),
        Route("/id/{path:path}", server.thing),
        Route("/doc/{path:path}", server.document),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        if pool is not None:
            pool.close()

    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                             allow_headers=["*"], expose_headers=EXPOSED)]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: server.http_error, Exception: server.server_error})
    app.state.server = server
    return app
