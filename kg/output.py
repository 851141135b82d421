"""Write a build's outputs into OUTDIR, each file atomically.

OUTDIR/graph.ttl        the union graph, pretty and deterministic Turtle
OUTDIR/graph.trig       one named graph per report (graph name = report IRI)
OUTDIR/validation.ttl   the SHACL validation report (results skolemized deterministically)
OUTDIR/validation.txt   the same, readable
OUTDIR/manifest.json    inputs, report IRIs, triple counts, input errors
OUTDIR/store/           a pyoxigraph store (reports + vocabulary) for `kg query`
OUTDIR/cache/           extraction and validation results kg build reuses (kg/cache.py)
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from .fsutil import atomic_dir, atomic_write
from .rdf.namespaces import KG, PREFIXES, bind_all

VOCAB_GRAPH = str(KG).rstrip("#")  # the named graph holding ontology + code lists in the store


def owns(report_iri: str, source_iri: str, subject: str) -> bool:
    """Whether a triple with this subject belongs to the report's own named graph."""
    return subject == report_iri or subject.startswith(report_iri + "/") or subject == source_iri


def _sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def report_quads(built, base_uri: str) -> list[ox.Quad]:
    """One named graph per report with the report's own statements (report, source
    text, sections, spans, evidence, observations), and one ``<base>data/reference``
    graph with the shared resources the reports point to (places, periods, indicators,
    units, people, organizations), so that every triple is stated once and replacing
    a report's graph replaces exactly that report's facts. Sorted: deterministic."""
    reference = ox.NamedNode(base_uri + "data/reference")
    quads: set[ox.Quad] = set()
    for item in built:
        name, report, source = ox.NamedNode(str(item.iri)), str(item.iri), str(item.source_iri)
        data = item.graph.serialize(format="nt", encoding="utf-8")
        for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            graph = name if owns(report, source, triple.subject.value) else reference
            quads.add(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    return sorted(quads, key=_sort_key)


def _prefixes(base_uri: str) -> dict[str, str]:
    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    prefixes["id"] = base_uri + "id/"
    return dict(sorted(prefixes.items()))


def _sorted_prefix_lines(data: bytes) -> bytes:
    """pyoxigraph writes the @prefix lines in an order of its own: sort them."""
    lines = data.split(b"\n")
    head = [line for line in lines if line.startswith(b"@prefix ")]
    body = [line for line in lines if not line.startswith(b"@prefix ")]
    return b"\n".join(sorted(head) + [b""] + body)


def serialize_turtle(quads: list[ox.Quad], base_uri: str) -> bytes:
    """The union of all graphs as Turtle: subjects in IRI order, grouped with ; and ,."""
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return _sorted_prefix_lines(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base_uri)))


def serialize_trig(quads: list[ox.Quad], base_uri: str) -> bytes:
    """TriG, named graphs and their subjects in IRI order.

    pyoxigraph writes Turtle/TriG about 25 times faster than rdflib; sorting the
    input makes its output byte-identical across runs.
    """
    return _sorted_prefix_lines(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes(base_uri)))


def skolemize_report(report: Graph, base: str) -> Graph:
    """Replace the blank nodes of a pyshacl report with IRIs hashed from their content.

    pyshacl mints random blank nodes; hashing each result's own triples gives the
    same validation.ttl for the same graph on every run.
    """
    def signature(node, depth=0) -> str:
        rows = []
        for p, o in report.predicate_objects(node):
            value = signature(o, depth + 1) if isinstance(o, BNode) and depth < 4 else o.n3()
            rows.append(f"{p.n3()} {value}")
        return "|".join(sorted(rows))

    mapping = {}
    for node in set(report.subjects()) | set(report.objects()):
        if isinstance(node, BNode):
            digest = hashlib.sha256(signature(node).encode("utf-8")).hexdigest()[:16]
            mapping[node] = URIRef(f"{base}data/validation#{digest}")
    out = bind_all(Graph(), base)
    for s, p, o in report:
        out.add((mapping.get(s, s), p, mapping.get(o, o)))
    return out


def write_store(out_dir: Path, trig: bytes) -> Path:
    """Load the reports and the vocabulary into a persisted pyoxigraph store."""
    from .validate import load_ontology

    target = out_dir / "store"
    with atomic_dir(target) as tmp:
        store = ox.Store(str(tmp))
        store.bulk_load(trig, format=ox.RdfFormat.TRIG)
        vocab = load_ontology().serialize(format="nt", encoding="utf-8")
        store.bulk_load(vocab, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(VOCAB_GRAPH))
        store.flush()
        del store
    return target


def manifest(built, errors) -> str:
    data = {
        "reports": [
            {
                "source": b.report.document.source,
                "report": str(b.iri),
                "sha256": b.report.document.sha256,
                "encoding": b.report.document.encoding,
                "triples": len(b.graph),
            }
            for b in built
        ],
        "errors": [str(e) for e in errors],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_build(out_dir: Path, built, validation, minter, errors=()) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = minter.base
    quads = report_quads(built, base)
    turtle = serialize_turtle(quads, base)
    trig = serialize_trig(quads, base)
    written = [atomic_write(out_dir / "graph.ttl", turtle), atomic_write(out_dir / "graph.trig", trig)]
    if validation is not None:
        report = skolemize_report(validation.report_graph, base)
        written.append(atomic_write(out_dir / "validation.ttl", report.serialize(format="turtle", encoding="utf-8")))
        written.append(atomic_write(out_dir / "validation.txt", validation.summary))
    written.append(atomic_write(out_dir / "manifest.json", manifest(built, errors)))
    written.append(write_store(out_dir, trig))
    return written
