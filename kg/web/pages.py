"""HTML pages, rendered from the graph with Jinja2 templates (kg/web/templates/).

Pure functions: an IRI (or a summary) + the graph data + a Site (where links point)
-> an HTML string. The server calls them per request; a static site generator can
call them for every resource with ``Site(base, static=True)``, whose links point at
the ``/doc/X.html`` files instead of IRIs a server redirects. Autoescaping is on:
every string from the graph is text, never markup.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape

from ..export import Compactor, jsonld_context
from ..rdf.namespaces import KG, OWL, QB, RDF, RDFS, SDMXD, SDMXM, SKOS
from .data import TYPE, GraphData
from .negotiate import media_type
from .site import Site

LONG_LITERAL = 300  # characters: longer literals fold into <details>
FORMAT_NAMES = {"html": "HTML", "ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD"}
KG_NS = str(KG)
PROPERTY_KINDS = {str(OWL.ObjectProperty): "object property", str(OWL.DatatypeProperty): "datatype property",
                  str(RDF.Property): "property", str(QB.DimensionProperty): "dimension",
                  str(QB.MeasureProperty): "measure", str(QB.AttributeProperty): "attribute",
                  str(OWL.AnnotationProperty): "annotation property"}


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("kg.web", "templates"), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=8)
def _compactor(base: str) -> Compactor:
    return Compactor(jsonld_context(base))


class _View:
    """Terms -> what templates show: links with labels, literals with language or datatype."""

    def __init__(self, data: GraphData, site: Site):
        self.data, self.site, self.compact = data, site, _compactor(data.base)

    def iri(self, iri: str, label: str | None = None) -> dict:
        text = label or self.data.label(iri) or self.compact(iri)
        return {"kind": "iri", "iri": iri, "href": self.site.href(iri), "text": text}

    def term(self, term) -> dict:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value if term.datatype else None
            shown = None if term.language or datatype in (None, "http://www.w3.org/2001/XMLSchema#string") else self.compact(datatype)
            return {"kind": "literal", "text": term.value, "lang": term.language, "datatype": shown,
                    "long": len(term.value) > LONG_LITERAL}
        return {"kind": "bnode", "text": str(term)}

    def predicate(self, iri: str) -> dict:
        return self.iri(iri, self.compact(iri))

    def alternates(self, iri: str, formats=("html", "ttl", "nt", "jsonld")) -> list[dict]:
        return [{"name": FORMAT_NAMES[f], "media": media_type(f), "href": self.site.doc_path(iri, f)} for f in formats]


def _render(template: str, site: Site, **context) -> str:
    context.setdefault("alternates", [])
    return _env().get_template(template).render(site=site, **context)


def _groups(view: _View, desc) -> list[dict]:
    """One table per subject of the document (the resource, then its #fragments):
    rows by predicate, rdf:type first."""
    groups = []
    for subject in desc.subjects:
        rows: dict[str, list] = {}
        for t in desc.outgoing[subject]:
            rows.setdefault(t.predicate.value, []).append(view.term(t.object))
        order = sorted(rows, key=lambda p: (p != TYPE, view.compact(p)))
        anchor = subject.partition("#")[2]
        groups.append({"iri": subject, "anchor": anchor or "properties",
                       "rows": [{"predicate": view.predicate(p), "values": rows[p]} for p in order]})
    return groups


def _quote(view: _View, span_iri: str | None) -> dict | None:
    info = view.data.span(span_iri) if span_iri else None
    if info is None:
        return None
    info = dict(info)
    info["span"] = view.iri(span_iri, view.compact(span_iri))
    info["source"] = view.iri(info["source"]) if info.get("source") else None
    info["report"] = view.iri(info["report"]) if info.get("report") else None
    return info


def _observation_row(view: _View, obs: str) -> dict:
    data = view.data
    quote = _quote(view, data.value(obs, str(KG.span))) or {}
    indicator = data.value(obs, str(KG.indicator))
    period = data.value(obs, str(SDMXD.refPeriod))
    status = data.value(obs, str(KG.status))
    return {"href": view.site.href(obs), "quote": quote.get("exact", view.compact(obs)),
            "start": int(quote.get("start", 0)), "end": quote.get("end", ""),
            "indicator": (data.label(indicator) if indicator else None) or "",
            "value": data.value(obs, str(SDMXM.obsValue)) or "",
            "period": (data.value(period, str(SKOS.notation)) if period else None) or "",
            "status": (data.value(status, str(SKOS.notation)) if status else None) or ""}


def _observation_title(view: _View, iri: str, types: list[str]) -> str | None:
    """'total fiscal revenue: 103 billion yuan (2022, actual)' for an observation."""
    if str(KG.Observation) not in types:
        return None
    row = _observation_row(view, iri)
    details = ", ".join(v for v in (row["period"], row["status"]) if v)
    return f"{row['indicator'] or 'observation'}: {row['quote']}" + (f" ({details})" if details else "")


def _report(view: _View, iri: str) -> dict:
    """A report's observations (in text order), policies and projects (by label)."""
    data = view.data
    observations = sorted((_observation_row(view, o) for o in data.observations(iri)), key=lambda r: (r["start"], r["href"]))
    linked = lambda p: sorted((view.term(o) for o in data.values(iri, str(p))), key=lambda v: (v["text"].lower(), v["iri"]))  # noqa: E731
    return {"observations": observations, "policies": linked(KG.citesPolicy), "projects": linked(KG.mentionsProject)}


def render_resource(iri: str, data: GraphData, site: Site) -> str:
    """The page of one resource: label, types, every property (links labelled), the
    source quote of anything with a span, a report's observations, policies and
    projects, and the links into it."""
    view = _View(data, site)
    desc = data.describe(iri)
    main = desc.iri
    types = data.types(main)
    quote = _quote(view, data.value(main, str(KG.span))) or (_quote(view, main) if "/span/" in main else None)
    sentence = _quote(view, data.value(main, str(KG.sentence)))
    incoming = [{"subject": view.term(t.subject), "predicate": view.predicate(t.predicate.value), "object": view.term(t.object)}
                for t in desc.incoming]
    title = data.label(main) or _observation_title(view, main, types) or view.compact(main)
    return _render("resource.html", site, title=title, iri=main,
                   types=[view.iri(t) for t in types], alternates=view.alternates(main), quote=quote, sentence=sentence,
                   report=_report(view, main) if str(KG.Report) in types else None,
                   groups=_groups(view, desc), incoming=incoming, incoming_total=desc.incoming_total)


def _term_rows(view: _View, subjects: list[str], kind) -> list[dict]:
    data, rows = view.data, []
    for s in subjects:
        row = {"iri": s, "anchor": s[len(KG_NS):], "label": data.label(s) or "", "comment": data.value(s, str(RDFS.comment)) or "",
               "parents": [view.term(o) for o in data.values(s, str(RDFS.subClassOf)) + data.values(s, str(RDFS.subPropertyOf))],
               "domain": [view.term(o) for o in data.values(s, str(RDFS.domain))],
               "range": [view.term(o) for o in data.values(s, str(RDFS.range))], "kind": kind(s)}
        rows.append(row)
    return rows


def render_ontology(data: GraphData, site: Site) -> str:
    """The vocabulary: kg's classes and properties (anchored by local name, so
    ``kg#Report`` resolves to ``/def/kg#Report``) and the code lists with their concepts."""
    view = _View(data, site)
    subjects = sorted({t.subject.value for t in data.vocabulary if isinstance(t.subject, ox.NamedNode)})
    own = [s for s in subjects if s.startswith(KG_NS)]
    classes = [s for s in own if {str(OWL.Class), str(RDFS.Class)} & set(data.types(s))]
    properties = [s for s in own if set(PROPERTY_KINDS) & set(data.types(s))]
    kind = lambda s: ", ".join(sorted(PROPERTY_KINDS[t] for t in data.types(s) if t in PROPERTY_KINDS))  # noqa: E731
    schemes = []
    for s in (s for s in subjects if str(SKOS.ConceptScheme) in data.types(s)):
        concepts = sorted(t.subject.value for t in data.incoming(s) if t.predicate.value == str(SKOS.inScheme))
        schemes.append({"scheme": view.iri(s), "count": len(concepts), "concepts": [view.iri(c) for c in concepts[:12]],
                        "comment": data.value(s, str(SKOS.definition)) or data.value(s, str(RDFS.comment)) or ""})
    ontologies = [{"iri": s, "version": data.value(s, str(OWL.versionInfo)),
                   "description": data.value(s, "http://purl.org/dc/terms/description")}
                  for s in subjects if str(OWL.Ontology) in data.types(s)]
    title = data.label(KG_NS.rstrip("#")) or "kg vocabulary"
    return _render("ontology.html", site, title=title, ontologies=ontologies, alternates=view.alternates(KG_NS.rstrip("#")),
                   classes=_term_rows(view, classes, kind), properties=_term_rows(view, properties, kind), schemes=schemes)


def render_dataset(summary: dict, data: GraphData, site: Site) -> str:
    """The landing page of the dataset: counts, reports, classes with an example, downloads."""
    view = _View(data, site)
    reports = [{"report": view.iri(r), "year": data.value(r, str(KG.reportYear)) or "",
                "place": view.iri(p) if (p := data.value(r, str(KG.jurisdiction))) else None} for r in summary["reports"]]
    reports.sort(key=lambda r: (r["place"]["text"] if r["place"] else "", r["year"], r["report"]["iri"]))
    classes = [{"cls": view.iri(c), "count": n, "example": view.iri(e) if e else None} for c, n, e in summary["classes"]]
    dumps = [dict(d, href=site.href(d["iri"])) for d in summary["dumps"]]
    return _render("dataset.html", site, title=summary["title"], description=summary["description"], iri=summary["iri"],
                   triples=summary["triples"], graphs=summary["graphs"], sparql=summary["sparql"], reports=reports,
                   classes=classes, dumps=dumps, example_query="SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }",
                   alternates=view.alternates(summary["iri"]))


def render_sparql(site: Site, data: GraphData, *, query: str = "", max_results: int, timeout: float, results: dict | None = None,
                  graph_text: str | None = None, truncated: bool = False) -> str:
    """The query form, and a SELECT/ASK result (SPARQL JSON results) as a table with links."""
    view = _View(data, site)
    head, rows, boolean = [], [], None
    if results is not None:
        boolean = results.get("boolean")
        head = results.get("head", {}).get("vars", [])
        for binding in results.get("results", {}).get("bindings", []):
            row = []
            for var in head:
                cell = binding.get(var)
                if cell is None:
                    row.append({"text": ""})
                elif cell["type"] == "uri":
                    row.append({"text": view.compact(cell["value"]), "href": site.href(cell["value"])})
                else:
                    row.append({"text": cell["value"]})
            rows.append(row)
    formats = [("html", "HTML table"), ("json", "JSON"), ("xml", "XML"), ("csv", "CSV"), ("tsv", "TSV"),
               ("ttl", "Turtle (CONSTRUCT)"), ("nt", "N-Triples (CONSTRUCT)"), ("jsonld", "JSON-LD (CONSTRUCT)")]
    return _render("sparql.html", site, title="SPARQL", query=query or "SELECT ?report ?title WHERE {\n  ?report a <https://w3id.org/cngov/def/kg#Report> ;\n          <http://purl.org/dc/terms/title> ?title .\n}",
                   max_results=max_results, timeout=timeout, head=head, rows=rows, boolean=boolean,
                   graph_text=graph_text, truncated=truncated, formats=formats)


def render_error(status: int, title: str, message: str, site: Site) -> str:
    return _render("error.html", site, title=title, status=status, message=message)
