"""Every namespace kg uses, defined once and bound once.

Two kinds of IRIs:
* the *vocabulary and reference data* we ship (ontology terms, code lists, the
  places gazetteer) live under the fixed ``VOCAB_BASE``, so SPARQL presets and
  shapes run unchanged against any deployment;
* *instance data* minted from report contents (reports, sources, spans,
  sections, people, ...) live under the configurable base URI (``--base-uri``),
  which defaults to ``VOCAB_BASE``.
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, QB, RDF, RDFS, SH, SKOS, TIME, VOID, XSD

VOCAB_BASE = "https://w3id.org/cngov/"

KG = Namespace(VOCAB_BASE + "def/kg#")  # classes and properties of our own
DOCTYPE = Namespace(VOCAB_BASE + "def/document-type/")  # SKOS code list
LEVEL = Namespace(VOCAB_BASE + "def/admin-level/")  # SKOS code list
SECTION = Namespace(VOCAB_BASE + "def/section-kind/")  # SKOS code list
PLACE = Namespace(VOCAB_BASE + "id/place/")  # gazetteer: PLACE[<GB/T 2260 code>]
KGSH = Namespace(VOCAB_BASE + "def/shapes#")  # SHACL shapes
IND = Namespace(VOCAB_BASE + "def/indicator/")  # SKOS: indicators.ttl
MTYPE = Namespace(VOCAB_BASE + "def/measure-type/")  # SKOS code list
STATUS = Namespace(VOCAB_BASE + "def/status/")  # SKOS code list
CMP = Namespace(VOCAB_BASE + "def/comparator/")  # SKOS code list
KGUNIT = Namespace(VOCAB_BASE + "def/unit/")  # units QUDT does not have (TEU, mu, persons, ...)

OA = Namespace("http://www.w3.org/ns/oa#")
SDO = Namespace("https://schema.org/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
INTERVAL = Namespace("http://reference.data.gov.uk/id/")  # year/2022, gregorian-interval/...
SDMXD = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMXM = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMXA = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")

PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "doctype": DOCTYPE,
    "level": LEVEL,
    "section": SECTION,
    "place": PLACE,
    "kgsh": KGSH,
    "ind": IND,
    "mtype": MTYPE,
    "status": STATUS,
    "cmp": CMP,
    "kgunit": KGUNIT,
    "oa": OA,
    "schema": SDO,
    "qudt": QUDT,
    "unit": UNIT,
    "qb": QB,
    "sdmx-dimension": SDMXD,
    "sdmx-measure": SDMXM,
    "sdmx-attribute": SDMXA,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "void": VOID,
    "time": TIME,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}


def bind_all(graph: Graph, base_uri: str | None = None) -> Graph:
    """Bind every prefix (and ``id:`` for the instance base) on ``graph``."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    if base_uri:
        graph.bind("id", Namespace(base_uri + "id/"), override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for every namespace, for queries built in code."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
