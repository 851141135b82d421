"""Triples -> the bytes of a document: Turtle, N-Triples or compact JSON-LD.

Literals keep the lexical form they have in graph.trig (``"07"^^xsd:nonNegativeInteger``
stays as written), and the output is sorted, so one resource's document is the same
bytes on every request. JSON-LD is compacted with the published context
(kg/data/context.jsonld, ``id:`` set to the build's base) and carries the context
inline, so a processor needs no network to read it.
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from ..export import RDF_TYPE, Compactor, jsonld_context
from ..output import _prefixes, _sorted_prefix_lines


def _key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def turtle(triples: list[ox.Triple], base: str) -> bytes:
    return _sorted_prefix_lines(ox.serialize(sorted(triples, key=_key), format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base)))


def ntriples(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(sorted(triples, key=_key), format=ox.RdfFormat.N_TRIPLES)


def _node_id(term, compact: Compactor) -> str:
    return compact(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def jsonld(triples: list[ox.Triple], base: str) -> bytes:
    """Flattened compact JSON-LD: one node object per subject, in IRI order."""
    context = jsonld_context(base)
    compact = Compactor(context)
    nodes: dict[str, dict[str, list]] = {}
    for t in sorted(triples, key=_key):
        node = nodes.setdefault(_node_id(t.subject, compact), {})
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(t.object.value))
        elif isinstance(t.object, ox.BlankNode):
            node.setdefault(compact(t.predicate.value), []).append({"@id": f"_:{t.object.value}"})
        else:
            node.setdefault(compact(t.predicate.value), []).append(compact.value(t.object))
    graph = []
    for subject, props in nodes.items():
        obj: dict = {"@id": subject}
        for key in sorted(props, key=lambda k: (k != "@type", k)):
            values = props[key]
            obj[key] = values[0] if len(values) == 1 else values
        graph.append(obj)
    return (json.dumps({"@context": context, "@graph": graph}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def serialize(triples: list[ox.Triple], fmt: str, base: str) -> bytes:
    """``fmt`` is ttl, nt or jsonld (kg.web.negotiate)."""
    if fmt == "ttl":
        return turtle(triples, base)
    if fmt == "nt":
        return ntriples(triples)
    if fmt == "jsonld":
        return jsonld(triples, base)
    raise ValueError(f"not an RDF document format: {fmt}")
