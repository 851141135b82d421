"""Map policies, projects and place mentions to RDF (ontology/entities.ttl).

A policy or project is one resource across reports (kg.resolve gives it its key);
each report's mentions of it are kg:Mention resources with their exact spans:

<policy>                      a kg:Policy, skos:Concept; prefLabel, altLabel (every surface
                              form), kg:policyLevel, kg:resolutionRule
<report>/mention/<start>-<end> a kg:Mention; kg:mentionOf <policy|project|place>;
                              kg:span <span>; dcterms:isPartOf <report>; kg:relation (policies),
                              kg:projectStatus + kg:statementYear (projects)
<report> kg:citesPolicy <policy>; kg:mentionsProject <project>; kg:mentionsPlace <place>
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import Graph, Literal, URIRef

from ..model import PolicyMention, ProjectMention
from .iris import Minter, place_iri, slug
from .namespaces import DCTERMS, KG, RDF, SKOS, VOCAB_BASE, XSD

SpanFn = Callable[[int, int], URIRef]
POLICY = VOCAB_BASE + "def/policy/"
PROJECT_TYPE = VOCAB_BASE + "def/project-type/"


def policy_iri(minter: Minter, key: str, curated: dict[str, str]) -> URIRef:
    """The curated concept's IRI when the key is one of ontology/policies.ttl, else minted."""
    return URIRef(curated[key]) if key in curated else URIRef(f"{minter.base}id/policy/{slug(key, 80)}")


def project_iri(minter: Minter, key: str) -> URIRef:
    return URIRef(f"{minter.base}id/project/{slug(key, 80)}")


def mention_iri(report: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{report}/mention/{start}-{end}")


def _mention(graph: Graph, report: URIRef, start: int, end: int, target: URIRef, span: SpanFn, rule: str) -> URIRef:
    iri = mention_iri(report, start, end)
    graph.add((iri, RDF.type, KG.Mention))
    graph.add((iri, KG.mentionOf, target))
    graph.add((iri, KG.span, span(start, end)))
    graph.add((iri, DCTERMS.isPartOf, report))
    if rule:
        graph.add((iri, KG.rule, Literal(rule)))
    return iri


def policy_triples(graph, minter, report, mentions: Iterable[PolicyMention], entities, curated, span: SpanFn) -> None:
    """``entities``: key -> kg.resolve.PolicyEntity (name, aliases, level, rule) across all reports."""
    for m in mentions:
        entity = entities[m.key]
        iri = policy_iri(minter, m.key, curated)
        graph.add((iri, RDF.type, KG.Policy))
        graph.add((iri, RDF.type, SKOS.Concept))
        graph.add((iri, SKOS.prefLabel, Literal(entity.name, lang="en")))
        for alias in entity.aliases:
            if alias != entity.name:
                graph.add((iri, SKOS.altLabel, Literal(alias, lang="en")))
        if entity.level:
            graph.add((iri, KG.policyLevel, Literal(entity.level)))
        if entity.rule:
            graph.add((iri, KG.resolutionRule, Literal(entity.rule)))
        graph.add((report, KG.citesPolicy, iri))
        mention = _mention(graph, report, m.start, m.end, iri, span, m.rule)
        graph.add((mention, KG.relation, Literal(m.relation)))


def project_triples(graph, minter, report, mentions: Iterable[ProjectMention], year, span: SpanFn, names) -> None:
    """``names``: key -> (published name, location, type) (kg.resolve.project_names over every report)."""
    for m in mentions:
        iri = project_iri(minter, m.key)
        name, location, kind = names.get(m.key, (m.name, m.location, m.type))
        graph.add((iri, RDF.type, KG.Project))
        graph.add((iri, SKOS.prefLabel, Literal(name, lang="en")))
        graph.add((iri, KG.projectType, URIRef(PROJECT_TYPE + kind)))
        if location:
            graph.add((iri, KG.location, place_iri(location)))
        graph.add((report, KG.mentionsProject, iri))
        mention = _mention(graph, report, m.start, m.end, iri, span, m.rule)
        graph.add((mention, KG.projectStatus, Literal(m.status)))
        if year:
            graph.add((mention, KG.statementYear, Literal(str(year), datatype=XSD.gYear)))


def place_mention_triples(graph, report, found: Iterable[tuple[int, int, str]], span: SpanFn) -> None:
    """``found``: (start, end, GB/T 2260 code) of each place named in the text."""
    for start, end, code in found:
        place = place_iri(code)
        graph.add((report, KG.mentionsPlace, place))
        _mention(graph, report, start, end, place, span, "gazetteer")


def entity_triples(graph: Graph, report_obj, minter: Minter, report: URIRef, gazetteer, policies, project_names) -> None:
    """Policies, projects and the places the text names, for one report.

    ``policies``: key -> kg.resolve.PolicyEntity, resolved over every report of the build.
    """
    from .mapping import span_triples  # mapping imports this module's siblings

    document = report_obj.document
    source = minter.source(document.sha256)

    def span(start: int, end: int) -> URIRef:
        return span_triples(graph, minter, report, source, document.text, start, end)

    curated = {key: entity.iri for key, entity in policies.items() if entity.curated}
    policy_triples(graph, minter, report, report_obj.policies, policies, curated, span)
    year = report_obj.metadata.report_year
    project_triples(graph, minter, report, report_obj.projects, year, span, project_names)
    home = report_obj.metadata.jurisdiction
    found = [(s, e, p.code) for s, e, p in gazetteer.find(document.text, within=home.code if home else None)]
    place_mention_triples(graph, report, found, span)
    codes = {code for _, _, code in found} | {loc for _, loc, _ in project_names.values() if loc}
    for triple in gazetteer.triples_for(sorted(codes)):
        graph.add(triple)
