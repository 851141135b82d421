"""kg.rdf.mapping: a hand-built report maps to a conforming, deterministic graph.

The sample text below is written for this test (no report text is copied); the
places are built by a small stand-in for kg.gazetteer. test_ontology.py imports
``sample_graph`` from here to walk the terms the mapping uses.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.model import Document, Evidence, Place, Report, ReportMetadata, Section, Segmented, Span
from kg.rdf.iris import Minter, period_iri, place_iri
from kg.rdf.mapping import FIELD_PROPERTIES, period_bounds, report_graph, span_triples
from kg.rdf.namespaces import DCTERMS, DOCTYPE, KG, LEVEL, OA, PROV, RDF, SDO, SECTION, SKOS
from kg.rdf import namespaces as ns  # ns.XSD: pytest's collector trips over XSD at module level
from kg.validate import validate

BASE = "https://example.org/kg/"
PLACES_SCHEME = URIRef("https://w3id.org/cngov/def/places")

TITLE = "Report on the Work of the Jiaxing\u00a0Municipal  Government (2023)"
SESSION = "Second Session of the Ninth Municipal People's Congress of Jiaxing"
TEXT = (
    f"{TITLE}\n\n"
    f"Delivered at the {SESSION} on February 1, 2023\n"
    "Published 2023-02-20\n"
    "Wang Ming, Mayor of Jiaxing\n\n"
    "Fellow deputies, on behalf of the Jiaxing Municipal People's Government I now report.\n\n"
    "I. Review of Our Work in 2022\n"
    "The economy grew by 2.5%, reaching 673.9 billion yuan.\u00a0Exports rose.\n\n"
    "II. Overall Requirements and Main Targets for 2023\n"
    "GDP is expected to grow by around 6%.\n\n"
    "III. Major Tasks for 2023\n"
    "We will build 20 new schools and 3 hospitals.\n"
)

PLACES = {
    "CN": Place("CN", "China", "中国", "country", None),
    "330000": Place("330000", "Zhejiang", "浙江省", "province", "CN"),
    "330400": Place("330400", "Jiaxing", "嘉兴市", "prefecture", "330000"),
}
KINDS = {"country": "country", "province": "province", "prefecture": "prefecture-level city"}


class FakeGazetteer:
    """The interface kg.rdf.mapping needs from kg.gazetteer, over PLACES."""

    def triples_for(self, codes):
        todo, done = sorted(codes), set()
        while todo:
            code = todo.pop()
            if code in done:
                continue
            done.add(code)
            place = PLACES[code]
            iri = place_iri(code)
            yield from (
                (iri, RDF.type, KG.AdministrativeDivision),
                (iri, RDF.type, SKOS.Concept),
                (iri, SKOS.inScheme, PLACES_SCHEME),
                (iri, SKOS.prefLabel, Literal(place.name_en, lang="en")),
                (iri, SKOS.prefLabel, Literal(place.name_zh, lang="zh")),
                (iri, SKOS.notation, Literal(code)),
                (iri, KG.adminLevel, LEVEL[place.level]),
                (iri, KG.divisionKind, Literal(KINDS[place.level], lang="en")),
            )
            if place.parent:
                yield (iri, SKOS.broader, place_iri(place.parent))
                yield (iri, SDO.containedInPlace, place_iri(place.parent))
                todo.append(place.parent)


def span_of(phrase: str, text: str = TEXT) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase))


def document(text: str = TEXT, source: str = "sample.txt") -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=source, source=source, text=text, encoding="utf-8", media_type="text/plain", sha256=sha)


def sections(text: str = TEXT) -> list[Section]:
    """front / review / targets / tasks, each up to the next heading."""
    headings = [("review", "I. Review"), ("targets", "II. Overall"), ("tasks", "III. Major")]
    starts = [text.index(h) for _, h in headings]
    result = [Section("front", 0, starts[0])]
    for (kind, _), start, end in zip(headings, starts, starts[1:] + [len(text)]):
        heading_end = text.index("\n", start)
        result.append(Section(kind, start, end, heading=Span(start, heading_end)))
    return result


def metadata(**changes) -> ReportMetadata:
    meta = ReportMetadata(
        jurisdiction=PLACES["330400"],
        province=PLACES["330000"],
        document_type="government-work-report",
        issuing_body="Jiaxing Municipal People's\u00a0Government",
        report_year=2023,
        review_period="2022",
        plan_period="2023",
        delivered_on=date(2023, 2, 1),
        published_on=date(2023, 2, 20),
        speaker="Wang Ming",
        speaker_role="Mayor of Jiaxing",
        congress_session=SESSION,
        title=TITLE,
        evidence={
            "title": Evidence(span_of(TITLE), "first-line"),
            "report_year": Evidence(span_of("(2023)"), "title-year"),
            "jurisdiction": Evidence(span_of("Jiaxing"), "title-place"),
            "delivered_on": Evidence(span_of("February 1, 2023"), "delivered-date"),
            "published_on": Evidence(span_of("2023-02-20"), "published-date"),
            "speaker": Evidence(span_of("Wang Ming"), "speaker-line"),
            "congress_session": Evidence(span_of(SESSION), "delivered-at"),
        },
    )
    for name, value in changes.items():
        setattr(meta, name, value)
    return meta


def sample_report(**changes) -> Report:
    return Report(Segmented(document(), sections()), metadata(**changes))


def sample_graph(**changes) -> Graph:
    return report_graph(sample_report(**changes), Minter(BASE), FakeGazetteer(), "330400-2023-gwr")


REPORT = URIRef(BASE + "id/report/330400-2023-gwr")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


def test_sample_report_conforms(graph):
    result = validate(graph)
    assert result.conforms, result.summary
    assert result.findings == (), result.summary


EXPECTED = [
    # subject                            predicate             object
    (REPORT, RDF.type, KG.Report),
    (REPORT, KG.documentType, DOCTYPE["government-work-report"]),
    (REPORT, KG.jurisdiction, place_iri("330400")),
    (REPORT, KG.province, place_iri("330000")),
    (REPORT, KG.reportYear, Literal("2023", datatype=ns.XSD.gYear)),
    (REPORT, KG.reviewPeriod, period_iri("2022")),
    (REPORT, KG.planPeriod, period_iri("2023")),
    (REPORT, KG.deliveredOn, Literal("2023-02-01", datatype=ns.XSD.date)),
    (REPORT, DCTERMS.issued, Literal("2023-02-20", datatype=ns.XSD.date)),
    (REPORT, DCTERMS.title, Literal("Report on the Work of the Jiaxing Municipal Government (2023)")),
    (REPORT, DCTERMS.creator, URIRef(BASE + "id/org/jiaxing-municipal-peoples-government")),
    (REPORT, KG.speaker, URIRef(BASE + "id/person/wang-ming")),
    (REPORT, KG.speakerRole, Literal("Mayor of Jiaxing")),
    (REPORT, KG.congressSession, Literal(SESSION)),
    (REPORT, PROV.wasDerivedFrom, URIRef(BASE + "id/source/" + document().sha256[:16])),
    (URIRef(BASE + "id/person/wang-ming"), SDO.name, Literal("Wang Ming")),
    (URIRef(BASE + "id/org/jiaxing-municipal-peoples-government"), SDO.name,
     Literal("Jiaxing Municipal People's Government")),
    (URIRef(BASE + "id/source/" + document().sha256[:16]), KG.characterCount, Literal(len(TEXT))),
    (URIRef(BASE + "id/source/" + document().sha256[:16]), DCTERMS.identifier, Literal("sample.txt")),
    (period_iri("2022"), SDO.startDate, Literal("2022-01-01", datatype=ns.XSD.date)),
    (period_iri("2022"), SDO.endDate, Literal("2022-12-31", datatype=ns.XSD.date)),
    (period_iri("2022"), SKOS.notation, Literal("2022")),
    (URIRef(f"{REPORT}/section/review-{TEXT.index('I. Review')}"), KG.sectionKind, SECTION.review),
    (URIRef(f"{REPORT}/section/review-{TEXT.index('I. Review')}"), DCTERMS.title,
     Literal("I. Review of Our Work in 2022")),
    (URIRef(f"{REPORT}/evidence/report-year"), KG.forProperty, KG.reportYear),
    (URIRef(f"{REPORT}/evidence/report-year"), KG.rule, Literal("title-year")),
    (URIRef(f"{REPORT}/evidence/report-year"), OA.hasBody, REPORT),
    (URIRef(f"{REPORT}/evidence/report-year"), OA.hasTarget,
     URIRef(f"{REPORT}/span/{span_of('(2023)').start}-{span_of('(2023)').end}")),
    (place_iri("CN"), KG.adminLevel, LEVEL.country),  # ancestors come along
]


@pytest.mark.parametrize("triple", EXPECTED, ids=[f"{t[1].n3()} {t[2]}"[-60:] for t in EXPECTED])
def test_expected_triple(graph, triple):
    assert triple in graph


def test_every_section_and_evidence_is_mapped(graph):
    assert len(set(graph.objects(REPORT, KG.hasSection))) == len(sections())
    assert len(set(graph.subjects(RDF.type, OA.Annotation))) == len(metadata().evidence)


def test_span_quote_is_the_source_text(graph):
    selectors = list(graph.subjects(RDF.type, OA.TextPositionSelector))
    assert len(selectors) >= len(sections()) + len(metadata().evidence) - 1  # one span may be shared
    for position in selectors:
        span = next(graph.subjects(OA.hasSelector, position))
        start, end = int(graph.value(position, OA.start)), int(graph.value(position, OA.end))
        quote = next(s for s in graph.objects(span, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in graph)
        assert str(graph.value(quote, OA.exact)) == TEXT[start:end]
        assert str(graph.value(quote, OA.prefix) or "") == TEXT[max(0, start - 32) : start]
        assert str(graph.value(quote, OA.suffix) or "") == TEXT[end : end + 32]
        assert graph.value(position, OA.start).datatype == ns.XSD.nonNegativeInteger


def test_no_blank_nodes(graph):
    assert not [t for t in graph if any(isinstance(term, BNode) for term in t)]


def test_mapping_twice_is_identical(graph):
    again = sample_graph()
    assert isomorphic(graph, again)
    assert graph.serialize(format="turtle") == again.serialize(format="turtle")


def test_turtle_does_not_depend_on_hash_seed(graph):
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from test_mapping import sample_graph; "
        "sys.stdout.write(sample_graph().serialize(format='turtle'))"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent)],
                             capture_output=True, text=True, env=env, check=True)
        outputs.add(run.stdout)
    assert outputs == {graph.serialize(format="turtle")}


def test_turtle_round_trips(graph):
    assert isomorphic(Graph().parse(data=graph.serialize(format="turtle"), format="turtle"), graph)


@pytest.mark.parametrize(
    "period, first, last",
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2021/2025", date(2021, 1, 1), date(2025, 12, 31)),
        ("2020-01/2020-11", date(2020, 1, 1), date(2020, 11, 30)),
        ("2024-01/2024-02", date(2024, 1, 1), date(2024, 2, 29)),
    ],
)
def test_period_bounds(period, first, last):
    assert period_bounds(period) == (first, last)


@pytest.mark.parametrize("period", ["22", "2020-1/2020-11", "2020/21", "2020-13/2021-01", "Q1 2020"])
def test_bad_period_is_refused(period):
    with pytest.raises(ValueError, match="period"):
        sample_graph(review_period=period)


@pytest.mark.parametrize("start, end", [(5, 5), (6, 5), (-1, 3), (0, len(TEXT) + 1)])
def test_span_outside_the_text_is_refused(start, end):
    minter = Minter(BASE)
    with pytest.raises(ValueError, match=f"span {start}-{end}"):
        span_triples(Graph(), minter, REPORT, URIRef(BASE + "id/source/x"), TEXT, start, end)


def test_long_span_has_no_context():
    text = "x" * 1000 + "y" * 2000 + "z" * 1000
    graph = Graph()
    span = span_triples(graph, Minter(BASE), REPORT, URIRef(BASE + "id/source/x"), text, 1000, 3000)
    quote = URIRef(f"{span}#quote")
    assert str(graph.value(quote, OA.exact)) == "y" * 2000
    assert graph.value(quote, OA.prefix) is None and graph.value(quote, OA.suffix) is None


def test_span_at_the_edges_has_one_sided_context():
    graph = Graph()
    span = span_triples(graph, Minter(BASE), REPORT, URIRef(BASE + "id/source/x"), TEXT, 0, len(TEXT))
    quote = URIRef(f"{span}#quote")
    assert graph.value(quote, OA.prefix) is None and graph.value(quote, OA.suffix) is None


def test_unknown_evidence_field_is_refused():
    meta = metadata()
    meta.evidence["mayor_shoe_size"] = Evidence(Span(0, 3), "nonsense")
    with pytest.raises(ValueError, match="mayor_shoe_size"):
        report_graph(Report(Segmented(document(), sections()), meta), Minter(BASE), FakeGazetteer(), "k")


@pytest.mark.parametrize("field_name, value", [("speaker", None), ("title", " \u00a0 ")])
def test_evidence_without_a_value_is_left_out(field_name, value):
    graph = sample_graph(**{field_name: value})
    assert (URIRef(f"{REPORT}/evidence/{field_name}"), RDF.type, OA.Annotation) not in graph
    assert (REPORT, FIELD_PROPERTIES[field_name], None) not in graph


def test_every_metadata_field_has_a_property():
    fields = set(ReportMetadata.__dataclass_fields__) - {"evidence"}
    assert set(FIELD_PROPERTIES) == fields


@pytest.mark.parametrize(
    "changes, shape",
    [
        ({"jurisdiction": None, "province": None}, "Report-jurisdiction"),
        ({"report_year": None}, "Report-reportYear"),
        ({"document_type": "speech"}, "Report-documentType"),
        ({"delivered_on": date(2023, 3, 1)}, "Report-delivered-before-issued"),
    ],
    ids=["no-jurisdiction", "no-year", "unknown-type", "delivered-after-published"],
)
def test_missing_or_wrong_metadata_is_reported(changes, shape):
    result = validate(sample_graph(**changes))
    assert {f.source_shape.rsplit("#", 1)[-1] for f in result.findings} == {shape}, result.summary


def test_report_without_sections_is_a_warning_only():
    graph = report_graph(Report(Segmented(document(), []), metadata()), Minter(BASE), FakeGazetteer(), "k")
    result = validate(graph)
    assert result.conforms and result.counts["Warning"] == 1, result.summary
    assert "no kg:hasSection" in result.summary


def test_country_report_has_no_province():
    graph = sample_graph(jurisdiction=PLACES["CN"], province=None, evidence={})
    result = validate(graph)
    assert result.conforms, result.summary
    assert (None, KG.province, None) not in graph


def test_real_report_text_maps_and_round_trips(reports_dir):
    """A real text (read at run time) as one section: odd characters survive Turtle."""
    (path,) = sorted(reports_dir.glob("000_*.txt"))
    text = path.read_text(encoding="utf-8")
    doc = document(text, source=path.name)
    report = Report(Segmented(doc, [Section("other", 0, len(text))]), metadata(evidence={}))
    graph = report_graph(report, Minter(BASE), FakeGazetteer(), "330400-2023-gwr")
    assert validate(graph).conforms
    back = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(back, graph)
    assert str(back.value(URIRef(f"{REPORT}/span/0-{len(text)}#quote"), OA.exact)) == text


def test_sample_with_the_real_gazetteer_conforms():
    """The same report, with its places (and their ancestors) from ontology/places.ttl."""
    from kg.gazetteer import default_gazetteer

    graph = report_graph(sample_report(), Minter(BASE), default_gazetteer(), "330400-2023-gwr")
    result = validate(graph)
    assert result.conforms and not result.findings, result.summary
    assert (place_iri("330400"), SKOS.broader, place_iri("330000")) in graph
    assert (place_iri("CN"), KG.adminLevel, LEVEL.country) in graph
