"""SHACL validation of report graphs: a pyshacl wrapper with a readable summary.

The shapes (shapes/*.ttl, shipped as ``kg.shapes``) and the vocabulary
(ontology/kg.ttl + codelists.ttl, shipped as ``kg.ontology``; not the large
places.ttl) are parsed once per process and cached: treat them as read-only.

pyshacl runs with ``inference="none"`` and the ontology as ``ont_graph``:
* pyshacl copies the ontology's RDFS/OWL axioms into (a copy of) the data graph, so
  sh:targetClass and sh:class still follow rdfs:subClassOf (a kg:Report is found by
  a shape on schema:Report) without any inference;
* RDFS inference would also type every object of kg:jurisdiction as a
  kg:AdministrativeDivision (from rdfs:range): the sh:class checks then pass
  vacuously and a missing place surfaces only indirectly (as a place without
  labels). It also makes validation 2-3.5x slower (timings in docs/model.md).
The shapes use SHACL core components only; one sh:sparql constraint makes pyshacl
~30x slower. Warnings and infos are reported but do not make a graph non-conforming.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node
from rdflib.util import guess_format

from .errors import DataError
from .rdf.namespaces import PREFIXES, RDF, SH

ONTOLOGY_FILES = ("kg.ttl", "codelists.ttl", "observations.ttl", "entities.ttl", "policies.ttl", "project-types.ttl")  # places.ttl is too big to load for every report
SEVERITIES = ("Violation", "Warning", "Info")  # most severe first
VALUE_CHARS = 60  # longest value shown in the summary


@dataclass(frozen=True, order=True)
class Finding:
    """One validation result, as readable strings (sorts into summary order)."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str  # prefixed focus node
    path: str  # SHACL path as text ("kg:reportYear", "^kg:hasSection", "kg:province/kg:adminLevel")
    message: str
    value: str = ""  # the offending value (n3, shortened), when there is one
    source_shape: str = ""  # full IRI of the shape that produced it

    def line(self) -> str:
        value = f"  (value: {self.value})" if self.value else ""
        return f"{self.severity}  {self.focus}  {self.path or '-'}  {self.message}{value}"


@dataclass(frozen=True)
class ValidationResult:
    """What ``validate`` found: the pyshacl report graph and a readable, sorted summary."""

    conforms: bool
    report_graph: Graph  # the sh:ValidationReport (pyshacl: blank nodes)
    summary: str  # readable; ends with a newline
    counts: dict[str, int] = field(default_factory=dict)  # severity -> number of results
    findings: tuple[Finding, ...] = ()  # sorted


def _read_turtle(resource, label: str) -> Graph:
    try:
        return Graph().parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    except Exception as err:  # rdflib raises many kinds of parse errors
        raise DataError(f"cannot parse bundled Turtle: {err}", path=label) from err


@cache
def load_shapes() -> Graph:
    """Every shapes/*.ttl, in file-name order (cached; do not modify)."""
    graph = Graph()
    ttl_files = sorted((f for f in files("kg.shapes").iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)
    if not ttl_files:
        raise DataError("no shapes found (expected shapes/*.ttl in the kg.shapes package)")
    for resource in ttl_files:
        graph += _read_turtle(resource, f"shapes/{resource.name}")
    return graph


@cache
def load_ontology() -> Graph:
    """ontology/kg.ttl and codelists.ttl (cached; do not modify)."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph += _read_turtle(files("kg.ontology").joinpath(name), f"ontology/{name}")
    return graph


def load_graph_file(path: str | Path) -> Graph:
    """Parse one RDF file, its format guessed from the extension."""
    fmt = guess_format(str(path))
    file = Path(path)
    if fmt is None:
        raise DataError("unknown RDF file extension (use .ttl, .trig, .nt, .nq, .jsonld or .rdf)", path=str(path))
    if not file.is_file():
        raise DataError("cannot read file: no such file", path=str(path))
    if file.stat().st_size == 0:
        raise DataError("empty file (no RDF to validate)", path=str(path))
    try:
        if fmt in ("trig", "nquads"):
            dataset = Dataset(default_union=True)
            with warnings.catch_warnings():  # rdflib's own TriG parser uses its deprecated ConjunctiveGraph
                warnings.simplefilter("ignore", DeprecationWarning)
                dataset.parse(str(path), format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads():
                graph.add((s, p, o))
            return graph
        return Graph().parse(str(path), format=fmt)
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"cannot read file: {err}", path=str(path)) from err
    except Exception as err:  # rdflib parse errors have no common base class
        raise DataError(f"not valid {fmt}: {' '.join(str(err).split())}", path=str(path)) from err


def validate(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> ValidationResult:
    """Validate ``data`` against the bundled shapes (or ``shapes``); never modifies ``data``.

    pyshacl adds a few triples to the shapes graph it is given (for shapes nested in
    sh:or), so it gets a copy: the cached shapes stay as loaded.
    """
    shapes = Graph() + (load_shapes() if shapes is None else shapes)
    ontology = load_ontology() if ontology is None else ontology
    try:
        conforms, report, _ = pyshacl.validate(
            data,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            allow_warnings=True,
            allow_infos=True,
            advanced=False,
        )
    except Exception as err:  # pyshacl reports bad shapes as runtime errors
        raise DataError(f"SHACL validation could not run: {err}") from err
    findings = tuple(sorted(_findings(report, _prefixes(data))))
    return _result(bool(conforms), report, findings)


def validate_reports(graphs: Iterable[Graph], jobs: int = 1, cache=None) -> ValidationResult:
    """Validate each report graph on its own (small graphs are fast; on ``jobs`` processes;
    a graph ``cache`` (kg.cache.BuildCache) has seen unchanged is not validated again) and
    merge the results in the order of ``graphs``."""
    from .parallel import imap

    graphs = list(graphs)
    keys = [cache.graph_key(g) if cache else None for g in graphs]
    results = [cache.get("validate", key) if cache else None for key in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    for i, result in zip(todo, imap(validate, [graphs[i] for i in todo], jobs)):
        results[i] = result
        if cache:
            cache.put("validate", keys[i], result)
    conforms = all(r.conforms for r in results)
    merged = Graph()
    report_node = BNode()
    merged.add((report_node, RDF.type, SH.ValidationReport))
    merged.add((report_node, SH.conforms, Literal(conforms)))
    for result in results:
        sub_reports = set(result.report_graph.subjects(RDF.type, SH.ValidationReport))
        for s, p, o in result.report_graph:
            if s in sub_reports:
                if p == SH.result:
                    merged.add((report_node, SH.result, o))
                continue
            merged.add((s, p, o))
    findings = tuple(sorted(f for r in results for f in r.findings))
    return _result(conforms, merged, findings)


def _result(conforms: bool, report: Graph, findings: tuple[Finding, ...]) -> ValidationResult:
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return ValidationResult(conforms, report, summarize(conforms, findings, counts), counts, findings)


def summarize(conforms: bool, findings: Iterable[Finding], counts: dict[str, int]) -> str:
    """A header with the counts, then one line per result grouped by severity.

    Identical lines (e.g. one bad place seen from several report graphs) are shown
    once with their count; lines are sorted, so the same results give the same text.
    """
    total = sum(counts.values())
    tally = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts.get(s))
    lines = [f"Conforms: {'yes' if conforms else 'no'} ({total} results{': ' + tally if tally else ''})"]
    groups: dict[str, Counter[str]] = {}
    for finding in findings:
        groups.setdefault(finding.severity, Counter())[finding.line()] += 1
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    for severity in sorted(groups, key=lambda s: (rank.get(s, len(rank)), s)):
        lines.append(f"{severity} ({sum(groups[severity].values())})")
        for line, n in sorted(groups[severity].items()):
            lines.append(f"  {line}" + (f"  (x{n})" if n > 1 else ""))
    return "\n".join(lines) + "\n"


def _prefixes(data: Graph) -> list[tuple[str, str]]:
    """(prefix, namespace) pairs for shortening IRIs, longest namespace first."""
    pairs = {str(ns): prefix for prefix, ns in PREFIXES.items()}
    for prefix, ns in data.namespaces():
        if prefix and not prefix.startswith(("ns", "_")):
            pairs.setdefault(str(ns), prefix)
    return sorted(((prefix, ns) for ns, prefix in pairs.items()), key=lambda pn: (-len(pn[1]), pn[0]))


def _short(term: Node, prefixes: list[tuple[str, str]]) -> str:
    """A term as the summary shows it: prefixed IRI, shortened literal, [] for a blank node."""
    if isinstance(term, URIRef):
        for prefix, ns in prefixes:
            if term.startswith(ns) and len(term) > len(ns):
                return f"{prefix}:{term[len(ns):]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return _literal_text(term, prefixes)
    return "[]"


def _literal_text(term: Literal, prefixes: list[tuple[str, str]]) -> str:
    text = str(term)
    if len(text) > VALUE_CHARS:
        text = text[: VALUE_CHARS - 1] + "\u2026"
    text = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^{_short(term.datatype, prefixes)}" if term.datatype else text


def _path_text(report: Graph, path: Node | None, prefixes: list[tuple[str, str]]) -> str:
    """A SHACL property path in SPARQL property-path syntax."""
    if path is None:
        return ""
    if not isinstance(path, BNode):
        return _short(path, prefixes)
    if (path, RDF.first, None) in report:
        return "/".join(_path_text(report, p, prefixes) for p in Collection(report, path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "({})*"),
        (SH.oneOrMorePath, "({})+"),
        (SH.zeroOrOnePath, "({})?"),
    ):
        inner = report.value(path, predicate)
        if inner is not None:
            return template.format(_path_text(report, inner, prefixes))
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(report, p, prefixes) for p in Collection(report, alternatives)) + ")"
    return "[]"


def _findings(report: Graph, prefixes: list[tuple[str, str]]) -> Iterable[Finding]:
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        value = report.value(result, SH.value)
        shape = report.value(result, SH.sourceShape)
        yield Finding(
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            focus=_short(report.value(result, SH.focusNode), prefixes),
            path=_path_text(report, report.value(result, SH.resultPath), prefixes),
            message=" / ".join(messages),
            value=_short(value, prefixes) if value is not None else "",
            source_shape=str(shape) if isinstance(shape, URIRef) else "",
        )
