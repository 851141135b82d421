"""The graph a server (or a static site) describes resources from: indexed, read once.

Triples come from OUTDIR/graph.trig, not from the store: the pyoxigraph store keeps
values, not lexical forms (an ``xsd:nonNegativeInteger`` comes back as ``xsd:integer``),
and a published document must state exactly the triples of the build. The shipped
vocabulary (ontology/*.ttl but the 40k-triple gazetteer, places.ttl) is indexed beside
them, so ontology terms and code-list concepts resolve too; the dataset description
(VoID) is added by the app. Indexes: subject -> triples, IRI object -> triples, and
document -> subjects, where a hash IRI (``…/span/1-9#position``) belongs to the document
of the IRI before the ``#``.

Memory: about 1 KB per triple in Python objects (70k triples of the five samples:
~70 MB; 1M triples: ~1 GB); graph.trig of 1M triples parses in ~1 s, indexing ~5 s.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from ..errors import KgError
from ..rdf.namespaces import DCTERMS, KG, OA, QB, RDF, RDFS, SDO, SKOS, VOCAB_BASE

VOCAB_GRAPH = str(KG).rstrip("#")  # the ontology graph of the store (kg.output.VOCAB_GRAPH)
SKIP_ONTOLOGY = {"places.ttl"}  # the whole gazetteer: the places a build uses are in its reference graph
LABELS = (str(SKOS.prefLabel), str(RDFS.label), str(SDO.name), str(DCTERMS.title), str(SKOS.notation), str(DCTERMS.identifier))
TYPE = str(RDF.type)
INCOMING_LIMIT = 500  # incoming links in one description (a class has one per instance)


class ServeError(KgError):
    """The build cannot be served (missing, unreadable)."""


def doc_key(iri: str) -> str:
    """The document an IRI is described in: the IRI without its fragment."""
    return iri.split("#", 1)[0]


def _sort_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def read_build(out_dir: Path) -> tuple[list[ox.Quad], str]:
    """The quads of the build (report graphs and the reference graph) and its base IRI."""
    out_dir = Path(out_dir)
    trig = out_dir / "graph.trig"
    if not trig.is_file():
        raise ServeError(f"no build in {out_dir}: graph.trig is missing (run `kg build -o {out_dir}` first)")
    try:
        quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    except (SyntaxError, ValueError, OSError) as err:
        raise ServeError(f"cannot parse: {' '.join(str(err).split())}", path=str(trig)) from err
    quads = [q for q in quads if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == VOCAB_GRAPH)]
    base = None
    for name in sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}):
        if name.endswith("/data/reference"):
            base = name[: -len("data/reference")]
            break
    return quads, base or VOCAB_BASE


def vocabulary_triples() -> list[ox.Triple]:
    """The triples of the shipped ontology and code lists (not the gazetteer)."""
    triples = []
    for entry in sorted(resources.files("kg.ontology").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".ttl") and entry.name not in SKIP_ONTOLOGY:
            triples += list(ox.parse(entry.read_bytes(), format=ox.RdfFormat.TURTLE))
    return triples


@dataclass
class Description:
    """What one document says: the triples of its subjects, the links into them, and the
    labels of the resources they link to."""

    iri: str  # the document's main resource (no fragment)
    subjects: list[str]  # the main resource first, then its hash resources
    outgoing: dict[str, list[ox.Triple]]
    incoming: list[ox.Triple]
    incoming_total: int
    labels: dict[str, ox.Triple] = field(default_factory=dict)

    def triples(self) -> list[ox.Triple]:
        """Every triple the document states, sorted, each once."""
        found = {t for ts in self.outgoing.values() for t in ts} | set(self.incoming) | set(self.labels.values())
        return sorted(found, key=_sort_key)


def _missing_places(triples: set[ox.Triple]) -> list[ox.Triple]:
    """Gazetteer descriptions of the places the build links to but does not describe (the
    provinces a region spans): so that every link to a place resolves."""
    from ..gazetteer import default_gazetteer

    prefix = VOCAB_BASE + "id/place/"
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    codes = sorted({t.object.value[len(prefix):] for t in triples
                    if isinstance(t.object, ox.NamedNode) and t.object.value.startswith(prefix)
                    and t.object.value not in subjects})
    if not codes:
        return []
    graph = default_gazetteer().triples_for(codes)
    return list(ox.parse(graph.serialize(format="nt").encode("utf-8"), ox.RdfFormat.N_TRIPLES))


class GraphData:
    """The build's triples plus the vocabulary, indexed for descriptions."""

    def __init__(self, build: list[ox.Triple], vocabulary: list[ox.Triple], base: str, graphs: dict[str, int] | None = None):
        self.base = base
        self.build_triples = len(build)
        self.build_subjects = {t.subject.value for t in build if isinstance(t.subject, ox.NamedNode)}
        self.graphs = graphs or {}  # named graph -> triples
        self.by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
        self.by_object: dict[str, list[ox.Triple]] = defaultdict(list)
        self.docs: dict[str, set[str]] = defaultdict(set)
        self.vocabulary = sorted(set(vocabulary), key=_sort_key)
        self.add(sorted(set(build) | set(vocabulary), key=_sort_key))

    @classmethod
    def load(cls, out_dir: Path) -> "GraphData":
        quads, base = read_build(out_dir)
        graphs: dict[str, int] = defaultdict(int)
        for q in quads:
            graphs[str(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else ""] += 1
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
        vocabulary = vocabulary_triples()
        data = cls(list(triples), vocabulary, base, dict(sorted(graphs.items())))
        # described for links only: not part of the build (its triple count, its subjects)
        data.add(sorted(set(_missing_places(triples | set(vocabulary))) - triples, key=_sort_key))
        return data

    def add(self, triples: list[ox.Triple]) -> None:
        """Index more triples (each once: the callers give sets; sorted input keeps every
        index list in IRI order)."""
        for t in triples:
            subject = t.subject.value if isinstance(t.subject, ox.NamedNode) else str(t.subject)
            self.by_subject[subject].append(t)
            self.docs[doc_key(subject)].add(subject)
            if isinstance(t.object, ox.NamedNode):
                self.by_object[t.object.value].append(t)

    def known(self, iri: str) -> bool:
        """Whether the graph says anything about ``iri`` (or its document)."""
        return doc_key(iri) in self.docs or iri in self.by_object

    def values(self, subject: str, predicate: str) -> list:
        return [t.object for t in self.by_subject.get(subject, ()) if t.predicate.value == predicate]

    def value(self, subject: str, predicate: str) -> str | None:
        found = self.values(subject, predicate)
        return found[0].value if found else None

    def types(self, iri: str) -> list[str]:
        return sorted(o.value for o in self.values(iri, TYPE) if isinstance(o, ox.NamedNode))

    def label_triple(self, iri: str) -> ox.Triple | None:
        """The triple that names ``iri``: the first label property it has, English or plain first."""
        triples = self.by_subject.get(iri, ())
        for predicate in LABELS:
            found = [t for t in triples if t.predicate.value == predicate and isinstance(t.object, ox.Literal)]
            if found:
                found.sort(key=lambda t: (t.object.language not in (None, "en"), t.object.language or "", t.object.value))
                return found[0]
        return None

    def label(self, iri: str) -> str | None:
        t = self.label_triple(iri)
        return t.object.value if t else None

    def incoming(self, iri: str) -> list[ox.Triple]:
        return self.by_object.get(iri, [])

    def describe(self, iri: str, limit: int = INCOMING_LIMIT) -> Description:
        """The document of ``iri``: its subjects' triples, incoming links (the first ``limit``
        in IRI order), and the label triples of every resource linked."""
        main = doc_key(iri)
        subjects = sorted(self.docs.get(main, ()), key=lambda s: (s != main, s))
        outgoing = {s: self.by_subject[s] for s in subjects}
        inside = set(subjects)
        incoming = sorted((t for s in subjects for t in self.by_object.get(s, ()) if t.subject.value not in inside), key=_sort_key)
        desc = Description(main, subjects, outgoing, incoming[:limit], len(incoming))
        linked = {t.object.value for ts in outgoing.values() for t in ts if isinstance(t.object, ox.NamedNode)}
        linked |= {t.subject.value for t in desc.incoming} | {t.predicate.value for ts in outgoing.values() for t in ts}
        for other in sorted(linked - inside):
            label = self.label_triple(other)
            if label is not None:
                desc.labels[other] = label
        return desc

    # --- what pages show beside the triples ---------------------------------------

    def span(self, span_iri: str) -> dict | None:
        """A text span's quote, offsets, source and report (from its IRI ``{report}/span/…``)."""
        selectors = [o.value for o in self.values(span_iri, str(OA.hasSelector))]
        info: dict = {"iri": span_iri}
        for selector in selectors:
            for t in self.by_subject.get(selector, ()):
                if t.predicate.value in (str(OA.start), str(OA.end), str(OA.exact)):
                    info[t.predicate.value.rsplit("#", 1)[-1]] = t.object.value
        if "exact" not in info:
            return None
        info["source"] = self.value(span_iri, str(OA.hasSource))
        report = span_iri.rsplit("/span/", 1)[0]
        info["report"] = report if str(KG.Report) in self.types(report) else None
        return info

    def observations(self, report: str) -> list[str]:
        """The observations of a report's data set, in IRI order."""
        dataset = report + "/dataset"
        return sorted(t.subject.value for t in self.incoming(dataset) if t.predicate.value == str(QB.dataSet))
