"""Map one analysed report to its RDF graph (docs/model.md, shapes/*.ttl).

One small rdflib graph per report: the pipeline validates each on its own and only
assembles the union to serialise it. Every IRI comes from ``kg.rdf.iris`` (content,
never counters) and no blank node is made, so mapping the same report twice gives
the same graph, and the same Turtle byte for byte.

Literal datatypes are exactly the ones the shapes ask for: plain strings for text,
``xsd:gYear`` for the report year, ``xsd:date`` for dates, ``xsd:nonNegativeInteger``
for span offsets and ``xsd:integer`` for the character count.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..model import Document, Report, ReportMetadata, Section
from .iris import Minter, period_iri, place_iri
from .namespaces import DCTERMS, DOCTYPE, KG, OA, PROV, RDF, SDO, SECTION, SKOS, TIME, XSD, bind_all
from .observations import LOCAL_PREFIX, Vocabulary, observation_triples

# ReportMetadata field name -> the report property its value (and its evidence) maps to.
# The EvidenceShape (shapes/provenance.ttl) lists the same properties in sh:in.
FIELD_PROPERTIES: dict[str, URIRef] = {
    "jurisdiction": KG.jurisdiction,
    "province": KG.province,
    "document_type": KG.documentType,
    "issuing_body": DCTERMS.creator,
    "report_year": KG.reportYear,
    "review_period": KG.reviewPeriod,
    "plan_period": KG.planPeriod,
    "delivered_on": KG.deliveredOn,
    "published_on": DCTERMS.issued,
    "speaker": KG.speaker,
    "speaker_role": KG.speakerRole,
    "congress_session": KG.congressSession,
    "title": DCTERMS.title,
}

CONTEXT_CHARS = 32  # oa:prefix / oa:suffix length
CONTEXT_MAX_SPAN = 2000  # spans at least this long get no prefix/suffix

_WS = re.compile(r"\s+")  # \s covers NBSP (U+00A0) and the ideographic space (U+3000)


class Gazetteer(Protocol):
    """What mapping needs from kg.gazetteer: the triples of places and their ancestors."""

    def triples_for(self, codes: Iterable[str]) -> Iterable[tuple[Node, Node, Node]]:
        """Every triple about the places with these codes *and all their ancestors*."""
        ...


def clean(text: str) -> str:
    """Text as written, with whitespace runs (NBSP included) collapsed: for labels."""
    return _WS.sub(" ", text).strip()


def report_graph(
    report: Report,
    minter: Minter,
    gazetteer: Gazetteer,
    report_key: str,
    vocab: "Vocabulary | None" = None,
) -> Graph:
    """All triples of docs/model.md for one report, under IRIs minted by ``minter``.

    ``report_key`` is the readable, run-unique part of the report IRI
    (kg.pipeline.unique_keys). Missing metadata is simply not mapped: the shapes,
    not the mapping, say what a report must have.
    """
    document = report.document
    graph = bind_all(Graph(), minter.base)
    report_iri = minter.report(report_key)
    source_iri = minter.source(document.sha256)
    source_triples(graph, source_iri, document)
    graph.add((report_iri, RDF.type, KG.Report))
    graph.add((report_iri, PROV.wasDerivedFrom, source_iri))
    metadata_triples(graph, minter, report_iri, report.metadata)
    for section in report.segmented.sections:
        section_triples(graph, minter, report_iri, source_iri, document.text, section)
    evidence_triples(graph, minter, report_iri, source_iri, document.text, report.metadata)
    observations = report.observations
    if observations:

        def span(start: int, end: int) -> URIRef:
            return span_triples(graph, minter, report_iri, source_iri, document.text, start, end)

        vocab = vocab or Vocabulary()
        observation_triples(graph, minter, report_iri, observations, span, vocab)
        for period in sorted({o.period for o in observations}):
            period_triples(graph, period)
        used = {vocab.indicator_iri(o.indicator) for o in observations if not o.indicator.startswith(LOCAL_PREFIX)}
        copy_descriptions(graph, vocab.indicators, used)
    place_triples(graph, gazetteer, report.metadata, {o.area for o in observations})
    return graph


def copy_descriptions(graph: Graph, source: Graph, subjects: Iterable[URIRef]) -> None:
    """Copy every triple of ``source`` about ``subjects`` (e.g. the indicator concepts used)."""
    for subject in sorted(subjects):
        for _, p, o in source.triples((subject, None, None)):
            graph.add((subject, p, o))


def source_triples(graph: Graph, source_iri: URIRef, document: Document) -> None:
    """The source text: file name, content hash, media type, encoding, length."""
    graph.add((source_iri, RDF.type, KG.SourceText))
    graph.add((source_iri, DCTERMS.identifier, Literal(document.source)))
    graph.add((source_iri, KG.sha256, Literal(document.sha256)))
    graph.add((source_iri, DCTERMS.format, Literal(document.media_type)))
    graph.add((source_iri, KG.encoding, Literal(document.encoding)))
    graph.add((source_iri, KG.characterCount, Literal(len(document.text))))


def metadata_triples(graph: Graph, minter: Minter, report_iri: URIRef, meta: ReportMetadata) -> None:
    """The report's metadata properties; absent values add nothing."""
    add = graph.add
    add((report_iri, KG.documentType, DOCTYPE[meta.document_type]))
    if meta.jurisdiction is not None:
        add((report_iri, KG.jurisdiction, place_iri(meta.jurisdiction.code)))
    if meta.province is not None:
        add((report_iri, KG.province, place_iri(meta.province.code)))
    if meta.report_year is not None:
        add((report_iri, KG.reportYear, Literal(f"{meta.report_year:04d}", datatype=XSD.gYear)))
    for prop, period in ((KG.reviewPeriod, meta.review_period), (KG.planPeriod, meta.plan_period)):
        if period:
            add((report_iri, prop, period_triples(graph, period)))
    for prop, day in ((KG.deliveredOn, meta.delivered_on), (DCTERMS.issued, meta.published_on)):
        if day is not None:
            add((report_iri, prop, Literal(day.isoformat(), datatype=XSD.date)))
    for prop, text in (
        (DCTERMS.title, meta.title),
        (KG.speakerRole, meta.speaker_role),
        (KG.congressSession, meta.congress_session),
    ):
        if text and clean(text):
            add((report_iri, prop, Literal(clean(text))))
    body = clean(meta.issuing_body or "")
    if body:
        org = agent_triples(graph, minter.organization(body), SDO.GovernmentOrganization, body)
        add((report_iri, DCTERMS.creator, org))
    speaker = clean(meta.speaker or "")
    if speaker:
        add((report_iri, KG.speaker, agent_triples(graph, minter.person(speaker), SDO.Person, speaker)))


def agent_triples(graph: Graph, iri: URIRef, cls: URIRef, name: str) -> URIRef:
    """A person or organization: its class and its name."""
    graph.add((iri, RDF.type, cls))
    graph.add((iri, SDO.name, Literal(name)))
    return iri


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a period written YYYY, YYYY/YYYY or YYYY-MM/YYYY-MM."""
    try:
        m = re.fullmatch(r"(\d{4})(?:/(\d{4}))?", period)
        if m:
            return date(int(m[1]), 1, 1), date(int(m[2] or m[1]), 12, 31)
        m = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", period)
        if m:
            last_year, last_month = int(m[3]), int(m[4])
            last_day = calendar.monthrange(last_year, last_month)[1]
            return date(int(m[1]), int(m[2]), 1), date(last_year, last_month, last_day)
    except ValueError as err:  # day or month out of range (calendar.IllegalMonthError too)
        raise ValueError(f"not a period: {period!r} ({err})") from err
    raise ValueError(f"not a period: {period!r} (expected YYYY, YYYY/YYYY or YYYY-MM/YYYY-MM)")


def period_triples(graph: Graph, period: str) -> URIRef:
    """A reference period (reference.data.gov.uk IRI) with its notation and bounds."""
    iri = period_iri(period)
    first, last = period_bounds(period)
    if first >= last:
        raise ValueError(f"not a period: {period!r} (it ends before it starts)")
    graph.add((iri, RDF.type, TIME.ProperInterval))
    graph.add((iri, SKOS.notation, Literal(period)))
    graph.add((iri, SDO.startDate, Literal(first.isoformat(), datatype=XSD.date)))
    graph.add((iri, SDO.endDate, Literal(last.isoformat(), datatype=XSD.date)))
    return iri


def span_triples(
    graph: Graph, minter: Minter, report_iri: URIRef, source_iri: URIRef, text: str, start: int, end: int
) -> URIRef:
    """A span [start, end) of ``text`` as an oa:SpecificResource; returns its IRI.

    The quote selector holds ``text[start:end]`` verbatim, which makes every span
    self-checking; spans shorter than CONTEXT_MAX_SPAN also get up to CONTEXT_CHARS
    characters of prefix and suffix so they can be re-anchored in an edited text.
    Adding the same span twice adds nothing new.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} is empty or outside the text (0-{len(text)}) of {source_iri}")
    span = minter.span(report_iri, start, end)
    position, quote = URIRef(f"{span}#position"), URIRef(f"{span}#quote")
    add = graph.add
    add((span, RDF.type, OA.SpecificResource))
    add((span, OA.hasSource, source_iri))
    add((span, OA.hasSelector, position))
    add((span, OA.hasSelector, quote))
    add((position, RDF.type, OA.TextPositionSelector))
    add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    add((quote, RDF.type, OA.TextQuoteSelector))
    add((quote, OA.exact, Literal(text[start:end])))
    if end - start < CONTEXT_MAX_SPAN:
        prefix, suffix = text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
        if prefix:
            add((quote, OA.prefix, Literal(prefix)))
        if suffix:
            add((quote, OA.suffix, Literal(suffix)))
    return span


def section_triples(
    graph: Graph, minter: Minter, report_iri: URIRef, source_iri: URIRef, text: str, section: Section
) -> URIRef:
    """A section: its kind, its span, and its heading (cleaned) when it has one."""
    iri = minter.section(report_iri, section.kind, section.start)
    graph.add((report_iri, KG.hasSection, iri))
    graph.add((iri, RDF.type, KG.Section))
    graph.add((iri, KG.sectionKind, SECTION[section.kind]))
    graph.add((iri, KG.span, span_triples(graph, minter, report_iri, source_iri, text, section.start, section.end)))
    if section.heading is not None:
        heading = clean(section.heading.quote(text))
        if heading:
            graph.add((iri, DCTERMS.title, Literal(heading)))
    return iri


def evidence_triples(
    graph: Graph, minter: Minter, report_iri: URIRef, source_iri: URIRef, text: str, meta: ReportMetadata
) -> None:
    """One oa:Annotation per metadata field that has evidence and was mapped.

    Call after metadata_triples: a field without a mapped value (None, or a label
    that is empty once cleaned) has nothing for its span to support.
    """
    for field_name in sorted(meta.evidence):
        if field_name not in FIELD_PROPERTIES:
            known = ", ".join(sorted(FIELD_PROPERTIES))
            raise ValueError(f"evidence for unknown metadata field {field_name!r} (known: {known})")
        if (report_iri, FIELD_PROPERTIES[field_name], None) not in graph:
            continue
        evidence = meta.evidence[field_name]
        span = span_triples(graph, minter, report_iri, source_iri, text, evidence.span.start, evidence.span.end)
        iri = minter.evidence(report_iri, field_name)
        graph.add((iri, RDF.type, OA.Annotation))
        graph.add((iri, OA.motivatedBy, OA.identifying))
        graph.add((iri, OA.hasBody, report_iri))
        graph.add((iri, KG.forProperty, FIELD_PROPERTIES[field_name]))
        graph.add((iri, KG.rule, Literal(evidence.rule)))
        graph.add((iri, OA.hasTarget, span))


def place_triples(graph: Graph, gazetteer: Gazetteer, meta: ReportMetadata, more: Iterable[str] = ()) -> None:
    """The gazetteer triples of the places the report names, with their ancestors."""
    codes = {place.code for place in (meta.jurisdiction, meta.province) if place is not None}
    codes = sorted(codes | set(more))
    if codes:
        for triple in gazetteer.triples_for(codes):
            graph.add(triple)
