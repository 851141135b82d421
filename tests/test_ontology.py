"""The vocabulary: every Turtle file parses, every kg: term the mapping emits is
declared once with a label and a comment, and the code lists are complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.model import SECTION_KINDS, ReportMetadata
from kg.rdf.namespaces import DCTERMS, KG, OWL, QB, RDF, RDFS, SKOS
from kg.validate import ONTOLOGY_FILES, load_ontology

try:  # tests/ as a package (tests/__init__.py) or as a plain directory on sys.path
    from .test_mapping import sample_graph
except ImportError:
    from test_mapping import sample_graph

ROOT = Path(__file__).resolve().parents[1]
TTL_FILES = sorted((ROOT / "ontology").glob("*.ttl")) + sorted((ROOT / "shapes").glob("*.ttl"))
ONTOLOGY_IRI = URIRef("https://w3id.org/cngov/def/kg")
KG_TTL = ROOT / "ontology" / "kg.ttl"
CLASS_TYPES = {OWL.Class, RDFS.Class}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}
SCHEMES = {
    "https://w3id.org/cngov/def/document-type": {"government-work-report", "party-plenary", "other"},
    "https://w3id.org/cngov/def/admin-level": {"country", "province", "prefecture", "county"},
    "https://w3id.org/cngov/def/section-kind": set(SECTION_KINDS),
}


@pytest.fixture(scope="module")
def vocab() -> Graph:
    """Terms: kg.ttl (reports, provenance) and observations.ttl (Data Cube observations)."""
    graph = Graph().parse(KG_TTL)
    for name in ("observations.ttl", "entities.ttl", "policies.ttl", "project-types.ttl"):
        graph.parse(ROOT / "ontology" / name)
    return graph


@pytest.fixture(scope="module")
def codelists() -> Graph:
    return Graph().parse(ROOT / "ontology" / "codelists.ttl")


def kg_terms(graph: Graph) -> set[URIRef]:
    """The kg: terms a graph uses as predicate, class or (e.g. kg:forProperty) value."""
    terms = set(graph.predicates()) | set(graph.objects())
    return {t for t in terms if isinstance(t, URIRef) and t.startswith(str(KG))}


def declared(vocab: Graph) -> set[URIRef]:
    return {s for s in vocab.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(KG))}


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_turtle_parses(path):
    assert len(Graph().parse(path, format="turtle")) > 0


def test_ontology_header(vocab):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in vocab
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionInfo):
        assert vocab.value(ONTOLOGY_IRI, prop), prop


def test_bundled_ontology_is_kg_and_codelists(vocab, codelists):
    assert ONTOLOGY_FILES == ("kg.ttl", "codelists.ttl", "observations.ttl", "entities.ttl", "policies.ttl", "project-types.ttl")
    assert len(load_ontology()) == len(vocab + codelists)


def test_every_kg_term_the_mapping_emits_is_declared(vocab):
    used = kg_terms(sample_graph())
    assert KG.Report in used and KG.forProperty in used  # the walk sees classes and predicates
    assert sorted(used - declared(vocab)) == []


def test_every_declared_term_is_documented(vocab):
    for term in sorted(declared(vocab)):
        types = set(vocab.objects(term, RDF.type))
        if QB.DataStructureDefinition in types:  # an individual (the Data Cube structure), not a term
            continue
        assert types & (CLASS_TYPES | PROPERTY_TYPES), f"{term} is neither a class nor a property"
        for prop in (RDFS.label, RDFS.comment):
            values = list(vocab.objects(term, prop))
            assert len(values) == 1 and isinstance(values[0], Literal) and values[0].language == "en", (term, prop)
        assert vocab.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term
        if types & PROPERTY_TYPES:
            assert vocab.value(term, RDFS.domain) is not None, f"{term} has no rdfs:domain"
            assert vocab.value(term, RDFS.range) is not None, f"{term} has no rdfs:range"
        else:
            assert vocab.value(term, RDFS.subClassOf) is not None, f"{term} extends no standard class"


def test_no_kg_term_is_declared_twice():
    """Twice in kg.ttl (two blocks merge silently in a graph), or in two ontology files."""
    subjects = re.findall(r"(?m)^(kg:\w+)\s", KG_TTL.read_text(encoding="utf-8"))
    assert sorted({s for s in subjects if subjects.count(s) > 1}) == []
    owners: dict[URIRef, list[str]] = {}
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        for term in declared(Graph().parse(path)):
            owners.setdefault(term, []).append(path.name)
    assert {t: files for t, files in owners.items() if len(files) > 1} == {}


@pytest.mark.parametrize(
    "term, parents",
    [
        (KG.Report, {"https://schema.org/Report", "http://www.w3.org/ns/prov#Entity"}),
        (KG.SourceText, {"http://www.w3.org/ns/prov#Entity"}),
        (KG.jurisdiction, {"http://purl.org/dc/terms/spatial"}),
        (KG.deliveredOn, {"http://purl.org/dc/terms/date"}),
        (KG.hasSection, {"http://purl.org/dc/terms/hasPart"}),
    ],
)
def test_own_terms_extend_standard_ones(vocab, term, parents):
    found = {str(o) for prop in (RDFS.subClassOf, RDFS.subPropertyOf) for o in vocab.objects(term, prop)}
    assert parents <= found


@pytest.mark.parametrize("scheme, names", sorted(SCHEMES.items()), ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_code_list(codelists, scheme, names):
    scheme = URIRef(scheme)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in codelists
    assert codelists.value(scheme, SKOS.prefLabel).language == "en"
    concepts = set(codelists.subjects(SKOS.inScheme, scheme))
    assert {str(c).rsplit("/", 1)[-1] for c in concepts} == names
    assert set(codelists.objects(scheme, SKOS.hasTopConcept)) == concepts
    notations = [codelists.value(c, SKOS.notation) for c in sorted(concepts)]
    assert None not in notations and len(set(notations)) == len(notations)
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in codelists
        assert (concept, SKOS.topConceptOf, scheme) in codelists
        for prop in (SKOS.prefLabel, SKOS.definition):
            assert codelists.value(concept, prop).language == "en", (concept, prop)


@pytest.mark.parametrize(
    "concept, notation, label",
    [
        ("document-type/government-work-report", "government_work_report", "government work report"),
        ("document-type/party-plenary", "party_plenary", "party plenary document"),
        ("admin-level/prefecture", "prefecture", "prefecture-level city"),
        ("admin-level/county", "county", "county-level"),
        ("section-kind/targets", "targets", "overall requirements and targets"),
    ],
)
def test_code_list_notations(codelists, concept, notation, label):
    iri = URIRef("https://w3id.org/cngov/def/" + concept)
    assert codelists.value(iri, SKOS.notation) == Literal(notation)
    assert codelists.value(iri, SKOS.prefLabel) == Literal(label, lang="en")


def test_model_default_document_type_is_in_the_code_list():
    assert ReportMetadata().document_type in SCHEMES["https://w3id.org/cngov/def/document-type"]
