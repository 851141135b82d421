"""The dataset description: VoID and DCAT triples about the build, and their summary.

    {base}data/                the dataset (void:Dataset, dcat:Dataset): triple count,
                               classes (one partition each, with an example resource),
                               the SPARQL endpoint, the dumps, the vocabularies used
    {base}data/reference       the reference graph, a void:subset
    {base}data/graph.ttl       dumps, served from OUTDIR (dcat:Distribution each)
    {base}sparql               the endpoint (dcat:DataService, void:sparqlEndpoint)

Partitions and distributions are hash IRIs of the dataset's document
(``{base}data/#class-Report``), so they resolve with it. Counts are over the build's
triples (graph.trig), each triple once, the vocabulary left out.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from ..export import Compactor, jsonld_context
from ..rdf.namespaces import DCAT, DCTERMS, KG, RDF, VOCAB_BASE, VOID, XSD
from .data import TYPE, GraphData

DUMPS = {  # file in OUTDIR -> (media type, what it holds)
    "graph.ttl": ("text/turtle", "the union graph as Turtle"),
    "graph.trig": ("application/trig", "one named graph per report and the reference graph, as TriG"),
}
VOCABULARIES = ("https://w3id.org/cngov/def/kg", "https://schema.org/", "http://www.w3.org/ns/oa#", "http://purl.org/linked-data/cube#",
                "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/")
TITLE = "kg: a knowledge graph of Chinese government work reports"
DESCRIPTION = ("Reports on the work of the government, their metadata, every number they state (RDF Data Cube "
               "observations), the policies, projects, places, regions and organizations they name, each fact "
               "linked to the exact characters of the source text it was read from.")


def _n(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(str(XSD.integer)))


def class_counts(data: GraphData, build_subjects: set[str]) -> list[tuple[str, int, str]]:
    """(class, instances, first instance in IRI order) for every class the build uses."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    for subject in sorted(build_subjects):
        for cls in data.types(subject):
            counts[cls] += 1
            first.setdefault(cls, subject)
    return [(c, counts[c], first[c]) for c in sorted(counts)]


def summary(data: GraphData, out_dir: Path, build_subjects: set[str]) -> dict:
    """What the dataset page and the VoID triples say."""
    base = data.base
    reports = sorted(s for s in build_subjects if str(KG.Report) in data.types(s))
    dumps = []
    for name, (media, what) in DUMPS.items():
        path = Path(out_dir) / name
        if path.is_file():
            dumps.append({"name": name, "iri": f"{base}data/{name}", "media": media, "what": what, "size": path.stat().st_size})
    return {"iri": base + "data/", "title": TITLE, "description": DESCRIPTION, "triples": data.build_triples,
            "graphs": len([g for g in data.graphs if g]), "reference": data.graphs.get(base + "data/reference", 0),
            "sparql": base + "sparql", "reports": reports, "classes": class_counts(data, build_subjects), "dumps": dumps,
            "subjects": len(build_subjects)}


def triples(info: dict) -> list[ox.Triple]:
    """The VoID + DCAT description of ``summary(...)``."""
    ds, base = _n(info["iri"]), info["iri"][: -len("data/")]
    a, out = _n(TYPE), []
    add = lambda s, p, o: out.append(ox.Triple(s, _n(str(p)), o))  # noqa: E731
    for cls in (VOID.Dataset, DCAT.Dataset):
        add(ds, RDF.type, _n(str(cls)))
    add(ds, DCTERMS.title, ox.Literal(info["title"], language="en"))
    add(ds, DCTERMS.description, ox.Literal(info["description"], language="en"))
    add(ds, VOID.triples, _int(info["triples"]))
    add(ds, VOID.distinctSubjects, _int(info["subjects"]))
    add(ds, VOID.classes, _int(len(info["classes"])))
    add(ds, VOID.uriSpace, ox.Literal(base + "id/"))
    add(ds, VOID.sparqlEndpoint, _n(info["sparql"]))
    for vocabulary in VOCABULARIES:
        add(ds, VOID.vocabulary, _n(vocabulary))
    for report in info["reports"][:5]:
        add(ds, VOID.exampleResource, _n(report))
    for cls, count, example in info["classes"]:
        part = _n(f"{info['iri']}#class-{_slug(cls)}")
        add(ds, VOID.classPartition, part)
        add(part, VOID["class"], _n(cls))
        add(part, VOID.entities, _int(count))
        add(part, VOID.exampleResource, _n(example))
    reference = _n(base + "data/reference")
    add(ds, VOID.subset, reference)
    out.append(ox.Triple(reference, a, _n(str(VOID.Dataset))))
    add(reference, DCTERMS.title, ox.Literal("reference graph: places, periods, indicators, units, people, organizations", language="en"))
    add(reference, VOID.triples, _int(info["reference"]))
    for dump in info["dumps"]:
        url, dist = _n(dump["iri"]), _n(f"{info['iri']}#dump-{dump['name'].replace('.', '-')}")
        add(ds, VOID.dataDump, url)
        add(ds, DCAT.distribution, dist)
        out.append(ox.Triple(dist, a, _n(str(DCAT.Distribution))))
        add(dist, DCAT.downloadURL, url)
        add(dist, DCAT.mediaType, _n("https://www.iana.org/assignments/media-types/" + dump["media"]))
        add(dist, DCAT.byteSize, ox.Literal(str(dump["size"]), datatype=_n(str(XSD.nonNegativeInteger))))
        add(dist, DCTERMS.description, ox.Literal(dump["what"], language="en"))
    service = _n(info["sparql"])
    out.append(ox.Triple(service, a, _n(str(DCAT.DataService))))
    add(service, DCTERMS.title, ox.Literal("SPARQL 1.1 endpoint (read-only)", language="en"))
    add(service, DCAT.endpointURL, service)
    add(service, DCAT.servesDataset, ds)
    add(ds, DCTERMS.conformsTo, _n(VOCAB_BASE + "def/kg"))
    return sorted(set(out), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _slug(iri: str) -> str:
    """A class IRI as a readable fragment: kg#Report -> kg-Report, schema.org's Person -> schema-Person."""
    compact = Compactor(jsonld_context())(iri)
    if compact != iri:
        return re.sub(r"[^A-Za-z0-9_-]", "-", compact.replace(":", "-"))
    return "h" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:12]
