"""Map policies, projects and place mentions to RDF (ontology/entities.ttl).

A policy or project is one resource across reports (kg.resolve gives it its key);
each report's mentions of it are kg:Mention resources with their exact spans:

<policy>                      a kg:Policy, skos:Concept; prefLabel, altLabel (every surface
                              form), kg:policyLevel, kg:resolutionRule
<report>/mention/<start>-<end> a kg:Mention; kg:mentionOf <policy|project|place>;
                              kg:span <span>; dcterms:isPartOf <report>; kg:relation (policies),
                              kg:projectStatus + kg:statementYear (projects)
<report> kg:citesPolicy <policy>; kg:mentionsProject <project>; kg:mentionsPlace <place>
<report>/mention/region/<start>-<end>, .../organization/<start>-<end>   mentions of regions and organizations
<report> kg:mentionsRegion <region>; kg:mentionsOrganization <org>
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import Graph, Literal, URIRef

from ..model import OrganizationMention, PolicyMention, ProjectMention, RegionMention
from .iris import Minter, place_iri, slug
from .namespaces import DCTERMS, KG, RDF, SDO, SKOS, VOCAB_BASE, XSD

SpanFn = Callable[[int, int], URIRef]
POLICY = VOCAB_BASE + "def/policy/"
PROJECT_TYPE = VOCAB_BASE + "def/project-type/"


def policy_iri(minter: Minter, key: str, curated: dict[str, str]) -> URIRef:
    """The curated concept's IRI when the key is one of ontology/policies.ttl, else minted."""
    return URIRef(curated[key]) if key in curated else URIRef(f"{minter.base}id/policy/{slug(key, 80)}")


def project_iri(minter: Minter, key: str) -> URIRef:
    return URIRef(f"{minter.base}id/project/{slug(key, 80)}")


def mention_iri(report: URIRef, start: int, end: int, kind: str | None = None) -> URIRef:
    """<report>/mention/<start>-<end> for a place; <report>/mention/<kind>/<start>-<end> for the
    other kinds, because one span may name two things ("Hongqiao International Open Hub" is a
    hub under construction and the plan that builds it)."""
    return URIRef(f"{report}/mention/{kind}/{start}-{end}" if kind else f"{report}/mention/{start}-{end}")


def _mention(graph: Graph, report: URIRef, start: int, end: int, target: URIRef, span: SpanFn, rule: str,
             kind: str | None = None) -> URIRef:
    iri = mention_iri(report, start, end, kind)
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
        mention = _mention(graph, report, m.start, m.end, iri, span, m.rule, "policy")
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
        mention = _mention(graph, report, m.start, m.end, iri, span, m.rule, "project")
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
    region_triples(graph, report, report_obj.regions, span, gazetteer)
    organization_triples(graph, minter, report, report_obj.organizations, span)


ORGANIZATION_CLASSES = {"government_body": SDO.GovernmentOrganization, "university": SDO.CollegeOrUniversity,
                        "company": SDO.Corporation, "other": SDO.Organization}


def region_triples(graph: Graph, report: URIRef, mentions: Iterable[RegionMention], span: SpanFn, gazetteer) -> None:
    """kg:mentionsRegion and a mention per region named; the regions' curated triples (regions.ttl)
    and the gazetteer places they link to, so the report graph stays self-contained."""
    from ..extract.regions import default_catalogue

    catalogue = default_catalogue()
    keys = set()
    for m in mentions:
        iri = catalogue.iri(m.key)
        graph.add((report, KG.mentionsRegion, iri))
        _mention(graph, report, m.start, m.end, iri, span, m.rule, "region")
        keys.add(m.key)
    if not keys:
        return
    graph += catalogue.triples_for(keys)
    codes = sorted({code for key in keys for code in catalogue.regions[key].places})
    graph += gazetteer.triples_for(codes)


def organization_triples(graph: Graph, minter: Minter, report: URIRef, mentions: Iterable[OrganizationMention],
                         span: SpanFn) -> None:
    """kg:mentionsOrganization and a mention per organization named. The IRI is minted from the
    canonical name (Minter.organization), so the body that issued a report and the same body
    named in a text are one resource; a name the graph already has for it is kept."""
    for m in mentions:
        iri = minter.organization(m.name)
        graph.add((iri, RDF.type, KG.Organization))
        graph.add((iri, RDF.type, ORGANIZATION_CLASSES[m.type]))
        graph.add((iri, KG.organizationType, Literal(m.type)))
        if graph.value(iri, SDO.name) is None:
            graph.add((iri, SDO.name, Literal(m.name)))
        graph.add((report, KG.mentionsOrganization, iri))
        _mention(graph, report, m.start, m.end, iri, span, m.rule, "organization")
