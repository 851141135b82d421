"""Write a build's outputs into OUTDIR, each file atomically.

OUTDIR/graph.ttl        the union graph, pretty and deterministic Turtle
OUTDIR/graph.trig       one named graph per report (graph name = report IRI)
OUTDIR/validation.ttl   the SHACL validation report (results skolemized deterministically)
OUTDIR/validation.txt   the same, readable
OUTDIR/manifest.json    inputs, report IRIs, triple counts, input errors
OUTDIR/store/           a pyoxigraph store (reports + vocabulary) for `kg query`
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef

from .fsutil import atomic_dir, atomic_write
from .rdf.namespaces import KG, bind_all

VOCAB_GRAPH = str(KG).rstrip("#")  # the named graph holding ontology + code lists in the store


def union_graph(built, base_uri: str) -> Graph:
    union = bind_all(Graph(), base_uri)
    for item in built:
        for triple in item.graph:
            union.add(triple)
    return union


def owns(report_iri: str, source_iri: str, subject) -> bool:
    """Whether a triple with this subject belongs to the report's own named graph."""
    text = str(subject)
    return text == report_iri or text.startswith(report_iri + "/") or text == source_iri


def serialize_trig(dataset: Dataset) -> bytes:
    """TriG with the named graphs in IRI order (rdflib's own TriG order is not stable).

    Each graph is written by rdflib's Turtle serializer, which sorts its subjects.
    """
    prefixes: set[str] = set()
    blocks = []
    graphs = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier))
    for graph in graphs:
        named = bind_all(Graph(), None)
        for prefix, ns in dataset.namespaces():
            named.bind(prefix, ns, override=True, replace=True)
        for triple in graph:
            named.add(triple)
        body = []
        for line in named.serialize(format="turtle").splitlines():
            if line.startswith("@prefix"):
                prefixes.add(line)
            elif line.strip():
                body.append("    " + line)
            elif body and body[-1]:
                body.append("")
        while body and not body[-1]:
            body.pop()
        blocks.append(f"<{graph.identifier}> {{\n" + "\n".join(body) + "\n}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def report_dataset(built, base_uri: str) -> Dataset:
    """One named graph per report with the report's own statements (report, source
    text, sections, spans, evidence), and one ``<base>data/reference`` graph with the
    shared resources the reports point to (places, periods, people, organizations),
    so that every triple is stated once and replacing a report's graph replaces
    exactly that report's facts."""
    dataset = Dataset()
    bind_all(dataset, base_uri)
    reference = dataset.graph(URIRef(base_uri + "data/reference"))
    for item in built:
        named = dataset.graph(item.iri)
        source = str(item.source_iri)
        for triple in item.graph:
            (named if owns(str(item.iri), source, triple[0]) else reference).add(triple)
    return dataset


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
    turtle = union_graph(built, base).serialize(format="turtle", encoding="utf-8")
    trig = serialize_trig(report_dataset(built, base))
    written = [atomic_write(out_dir / "graph.ttl", turtle), atomic_write(out_dir / "graph.trig", trig)]
    if validation is not None:
        report = skolemize_report(validation.report_graph, base)
        written.append(atomic_write(out_dir / "validation.ttl", report.serialize(format="turtle", encoding="utf-8")))
        written.append(atomic_write(out_dir / "validation.txt", validation.summary))
    written.append(atomic_write(out_dir / "manifest.json", manifest(built, errors)))
    written.append(write_store(out_dir, trig))
    return written
