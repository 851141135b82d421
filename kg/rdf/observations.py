"""Map a report's observations to RDF Data Cube (ontology/observations.ttl).

<report>/dataset               a kg:ReportDataSet (qb:DataSet), qb:structure kg:ObservationStructure
<report>/obs/<start>-<end>     a kg:Observation (qb:Observation): indicator, refArea, refPeriod,
                               measure type, status (dimensions); obsValue (measure); unit,
                               comparator, valueMax, rankScope (attributes); kg:span (the number
                               as written), kg:sentence, kg:indicatorSpan (provenance)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from ..model import Observation
from .iris import Minter, period_iri, place_iri
from .namespaces import CMP, KG, KGUNIT, MTYPE, QB, RDF, SDMXA, SDMXD, SDMXM, SKOS, STATUS, XSD, UNIT

SpanFn = Callable[[int, int], URIRef]  # (start, end) -> span IRI (adds the span's triples)
LOCAL_PREFIX = "local:"


@dataclass(frozen=True)
class Vocabulary:
    """What mapping observations needs from the published vocabulary.

    ``indicators``: the indicators.ttl graph (concept descriptions are copied into the
    graph for the concepts used); ``indicator_iris``: notation -> concept IRI;
    ``unit_iris``: unit code -> QUDT IRI (None where QUDT has no such unit).
    """

    indicators: Graph = field(default_factory=Graph)
    indicator_iris: dict[str, str] = field(default_factory=dict)
    unit_iris: dict[str, str | None] = field(default_factory=dict)

    def indicator_iri(self, notation: str) -> URIRef:
        if notation not in self.indicator_iris:
            raise ValueError(f"indicator {notation!r} is not in the indicators scheme")
        return URIRef(self.indicator_iris[notation])


def unit_iri(code: str, qudt: str | None) -> URIRef:
    """QUDT's IRI where QUDT has the unit; NUM for pure counts; kg's own otherwise."""
    if qudt:
        return URIRef(qudt)
    if code == "NUM":
        return UNIT.NUM
    return KGUNIT[code]


def observation_iris(minter: Minter, report_iri: URIRef, observations: Iterable[Observation]) -> list[URIRef]:
    """One IRI per observation; the indicator is added only where one number has several."""
    observations = list(observations)
    per_span = Counter((o.start, o.end) for o in observations)
    return [
        minter.observation(report_iri, o.start, o.end, o.indicator if per_span[(o.start, o.end)] > 1 else None)
        for o in observations
    ]


def indicator_iri(graph: Graph, minter: Minter, obs: Observation, vocab: Vocabulary) -> URIRef:
    if obs.indicator.startswith(LOCAL_PREFIX):
        iri = minter.local_indicator(obs.indicator[len(LOCAL_PREFIX) :])
        graph.add((iri, RDF.type, KG.LocalIndicator))
        graph.add((iri, RDF.type, SKOS.Concept))
        graph.add((iri, SKOS.prefLabel, Literal(obs.indicator_label, lang="en")))
        graph.add((iri, SKOS.notation, Literal(obs.indicator)))
        return iri
    return vocab.indicator_iri(obs.indicator)


def observation_triples(
    graph: Graph,
    minter: Minter,
    report_iri: URIRef,
    observations: list[Observation],
    span: SpanFn,
    vocab: Vocabulary,
) -> None:
    """All observation triples of one report, plus its data set."""
    if not observations:
        return
    dataset = minter.dataset(report_iri)
    graph.add((dataset, RDF.type, KG.ReportDataSet))
    graph.add((dataset, RDF.type, QB.DataSet))
    graph.add((dataset, QB.structure, KG.ObservationStructure))
    graph.add((dataset, KG.dataSetOf, report_iri))
    for obs, iri in zip(observations, observation_iris(minter, report_iri, observations)):
        add_observation(graph, minter, dataset, iri, obs, span, vocab)


def add_observation(graph, minter, dataset, iri, obs: Observation, span: SpanFn, vocab: Vocabulary) -> None:
    add = graph.add
    add((iri, RDF.type, KG.Observation))
    add((iri, RDF.type, QB.Observation))
    add((iri, QB.dataSet, dataset))
    add((iri, KG.indicator, indicator_iri(graph, minter, obs, vocab)))
    add((iri, SDMXD.refArea, place_iri(obs.area)))
    add((iri, SDMXD.refPeriod, period_iri(obs.period)))
    add((iri, KG.measureType, MTYPE[obs.measure_type]))
    add((iri, KG.status, STATUS[obs.status]))
    add((iri, SDMXM.obsValue, Literal(obs.value, datatype=XSD.decimal)))
    unit = unit_iri(obs.unit, vocab.unit_iris.get(obs.unit))
    add((iri, SDMXA.unitMeasure, unit))
    add((unit, KG.unitCode, Literal(obs.unit)))
    add((iri, KG.comparator, CMP[obs.comparator]))
    if obs.value_max is not None:
        add((iri, KG.valueMax, Literal(obs.value_max, datatype=XSD.decimal)))
    if obs.rank_scope:
        add((iri, KG.rankScope, Literal(obs.rank_scope)))
    add((iri, KG.span, span(obs.start, obs.end)))
    add((iri, KG.sentence, span(obs.sentence.start, obs.sentence.end)))
    if obs.indicator_span is not None:
        add((iri, KG.indicatorSpan, span(obs.indicator_span.start, obs.indicator_span.end)))
    if obs.rule:
        add((iri, KG.rule, Literal(obs.rule)))
