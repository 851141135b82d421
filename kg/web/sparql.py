"""The SPARQL endpoint's engine: read-only queries, in worker processes that can be killed.

Why processes: a pyoxigraph query runs in Rust and cannot be interrupted from Python;
a thread that runs away keeps its core and its memory until the query ends, which
may be never (a cross join of a million triples). So each query runs in a worker
process (``multiprocessing``, spawn) that opened the store read-only once; the
server waits for the answer on a pipe for at most ``timeout`` seconds, and when the
time is up it kills the worker (SIGKILL: nothing is written, the store is opened
read-only) and answers 503. A new worker is started for the next query. At most
``size`` queries run at once; a request that finds every worker busy for
``timeout`` seconds gets 503 too.

Results: the worker serializes the solutions with pyoxigraph as TSV (one solution a
line) into a writer that stops it after ``max_results`` lines, parses those lines
back (``parse_query_results``) and serializes them in the format asked for (JSON,
XML, CSV, TSV); CONSTRUCT and DESCRIBE the same way through N-Triples. So a huge
result costs no more than ``max_results`` solutions, and the answer says it was
cut (``X-Results-Truncated``).

Read-only: the store is opened read-only, SPARQL Update is refused before it is
parsed (403), and so is SERVICE (a federated query would make the server fetch
any URL a client names).
"""

from __future__ import annotations

import atexit
import multiprocessing
import queue
import re
import threading
from dataclasses import dataclass, field

import pyoxigraph as ox

from . import negotiate, rdfdoc

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "html": ox.QueryResultsFormat.JSON}
READ_ONLY = "this SPARQL endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) is refused"
NO_SERVICE = "SERVICE (federated query) is not allowed on this endpoint"
_COMMENT = re.compile(r"^\s*#.*$", re.M)
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.I)
_UPDATE = re.compile(r"\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_STRINGS = re.compile(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?:\s+SILENT)?\s*[<?$\w]", re.I)


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request (its first keyword after the prologue)."""
    rest = _COMMENT.sub("", text)
    while (m := _PROLOGUE.match(rest)):
        rest = rest[m.end():]
    return _UPDATE.match(rest) is not None


def uses_service(text: str) -> bool:
    """Whether the query has a SERVICE clause (strings, IRIs and comments ignored)."""
    def blank(m: re.Match) -> str:  # keep an IRI's place (SERVICE <iri>), drop its text
        return "<>" if m[0].startswith("<") else " "

    return _SERVICE.search(_STRINGS.sub(blank, text)) is not None


@dataclass(frozen=True)
class Job:
    query: str
    accept: str | None = None
    fmt: str | None = None  # ?format=, beside the Accept header
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass
class Outcome:
    status: int
    fmt: str  # a kg.web.negotiate format, or "text" for a message
    body: bytes
    truncated: bool = False
    form: str = ""  # select, ask, graph
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, message: str) -> "Outcome":
        return cls(status, "text", (message + "\n").encode("utf-8"))


class _Enough(Exception):
    """Raised into pyoxigraph's serializer once enough lines are written."""


class _Lines:
    """A binary writer that keeps at most ``limit`` lines and stops the writer after them."""

    def __init__(self, limit: int):
        self.limit, self.chunks, self.lines, self.more = limit, [], 0, False

    def write(self, data) -> int:
        data = bytes(data)
        self.chunks.append(data)
        self.lines += data.count(b"\n")
        if self.lines > self.limit:
            self.more = True
            raise _Enough()
        return len(data)

    def flush(self) -> None:
        pass

    def text(self) -> bytes:
        lines = b"".join(self.chunks).split(b"\n")
        return b"\n".join(lines[: self.limit]) + b"\n" if self.more else b"".join(self.chunks)


def _limited(serialize, limit: int) -> tuple[bytes, bool]:
    writer = _Lines(limit)
    try:
        serialize(writer)
    except _Enough:
        pass
    return writer.text(), writer.more


def _pick(job: Job, offers: tuple[str, ...]) -> str | None:
    return negotiate.from_param(job.fmt, offers) if job.fmt else negotiate.choose(job.accept, offers)


def _not_acceptable(offers: tuple[str, ...]) -> Outcome:
    types = ", ".join(negotiate.media_type(f) for f in offers)
    return Outcome.error(406, f"no acceptable format for this result; available: {types}")


def execute(store: ox.Store, job: Job, max_results: int, base: str) -> Outcome:
    """Run one query on ``store`` and serialize its result (in the worker process)."""
    dataset = {"use_default_graph_as_union": True}
    if job.default_graphs:
        dataset = {"default_graph": [ox.NamedNode(g) for g in job.default_graphs]}
    if job.named_graphs:
        dataset["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, **dataset)
        if isinstance(result, ox.QueryBoolean):
            fmt = _pick(job, negotiate.RESULTS)
            if fmt is None:
                return _not_acceptable(negotiate.RESULTS)
            return Outcome(200, fmt, result.serialize(format=RESULT_FORMATS[fmt]), form="ask")
        if isinstance(result, ox.QuerySolutions):
            fmt = _pick(job, negotiate.RESULTS)
            if fmt is None:
                return _not_acceptable(negotiate.RESULTS)
            tsv, more = _limited(lambda w: result.serialize(w, ox.QueryResultsFormat.TSV), max_results + 1)  # + the header line
            solutions = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
            return Outcome(200, fmt, solutions.serialize(format=RESULT_FORMATS[fmt]), more, form="select")
        fmt = _pick(job, negotiate.GRAPH)
        if fmt is None:
            return _not_acceptable(negotiate.GRAPH)
        nt, more = _limited(lambda w: result.serialize(w, ox.RdfFormat.N_TRIPLES), max_results)
        triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
        return Outcome(200, fmt, rdfdoc.serialize(triples, "ttl" if fmt == "html" else fmt, base), more, form="graph")
    except SyntaxError as err:
        return Outcome.error(400, f"malformed query: {' '.join(str(err).split())}")
    except (OSError, ValueError, RuntimeError, TypeError) as err:
        return Outcome.error(400, f"the query failed: {' '.join(str(err).split())}")


def _worker(store_path: str, conn, max_results: int, base: str) -> None:
    """A worker process: open the store once, then answer jobs until the pipe closes."""
    try:
        store = ox.Store.read_only(store_path)
    except OSError as err:
        conn.send(("error", f"cannot open the store {store_path}: {err}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = execute(store, job, max_results, base)
        except Exception as err:  # noqa: BLE001 - the worker must answer, whatever happened
            outcome = Outcome.error(500, f"internal error in the query worker: {type(err).__name__}: {err}")
        conn.send(outcome)


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object


class QueryPool:
    """Up to ``size`` worker processes; each query gets ``timeout`` seconds, then its worker is killed."""

    def __init__(self, store_path: str, *, base: str, size: int = 2, timeout: float = 10.0, max_results: int = 10000):
        self.store_path, self.base, self.size = store_path, base, size
        self.timeout, self.max_results = timeout, max_results
        self._ctx = multiprocessing.get_context("spawn")
        self._slots = threading.BoundedSemaphore(size)
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._workers: dict[int, _Worker] = {}  # every live worker, idle or busy
        self._lock = threading.Lock()
        atexit.register(self.close)

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker, args=(self.store_path, child, self.max_results, self.base), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._workers[id(worker)] = worker
        try:
            if not parent.poll(120):
                raise RuntimeError("the query worker did not start within 120 s")
            status, message = parent.recv()
        except (EOFError, OSError, RuntimeError) as err:
            self._kill(worker)
            raise RuntimeError(f"the query worker could not start: {err or type(err).__name__}") from err
        if status != "ready":
            self._kill(worker)
            raise RuntimeError(message)
        return worker

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            self._workers.pop(id(worker), None)

    def run(self, job: Job) -> Outcome:
        """Answer ``job`` (blocking: call it from a thread)."""
        if not self._slots.acquire(timeout=self.timeout):
            return Outcome.error(503, f"every query worker was busy for {self.timeout:g} s; try again later")
        try:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                try:
                    worker = self._start()
                except (RuntimeError, OSError) as err:
                    return Outcome.error(500, str(err))
            try:
                worker.conn.send(job)
                if worker.conn.poll(self.timeout):
                    outcome = worker.conn.recv()
                    self._idle.put(worker)
                    return outcome
            except (EOFError, OSError):
                self._kill(worker)
                return Outcome.error(500, "the query worker stopped unexpectedly (out of memory?)")
            self._kill(worker)
            return Outcome.error(503, f"the query ran longer than the time limit of {self.timeout:g} s and was stopped")
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop every worker (at shutdown)."""
        with self._lock:
            workers = list(self._workers.values())
        for worker in workers:
            self._kill(worker)
