"""`kg export`: the build in OUTDIR as files other tools open.

One exporter per format, in a registry (FORMATS): RDF serializations of the build's
named graphs (the report graphs and the reference graph; not the ontology graph the
store also holds) and serializations of the network view (kg/network.py). Every
exporter returns bytes made from sorted input, so two exports of one build are
byte-identical; files are written atomically into OUTDIR/export/ (or --to DIR).

    turtle     graph.ttl            the union graph
    ntriples   graph.nt             the union graph, one triple a line
    jsonld     graph.jsonld         the union graph, compacted with kg/data/context.jsonld
                                    (inlined, so it stands alone; also written as context.jsonld)
    trig       graph.trig           one named graph per report + the reference graph
    nquads     graph.nq             the same, one quad a line
    graphml    network.graphml      the network (yEd, Cytoscape desktop, networkx, igraph)
    gexf       network.gexf         the network with year spells (Gephi's timeline)
    cytoscape  network.cyjs.json    Cytoscape.js elements JSON
    dot        network.dot          Graphviz
    html       network.html         an interactive viewer (kg.viewer)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import quoteattr

import networkx as nx
import pyoxigraph as ox

from . import network
from .errors import KgError
from .fsutil import atomic_write
from .output import serialize_trig, serialize_turtle
from .rdf.namespaces import VOCAB_BASE

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
CONTEXT_FILE = "context.jsonld"
COLORS = {  # node class -> colour (GEXF viz, DOT fill), a colour-blind-safe palette
    "Report": "#0072B2", "Place": "#009E73", "Policy": "#D55E00", "Project": "#E69F00",
    "Indicator": "#56B4E9", "Region": "#CC79A7", "Organization": "#F0E442",
}


class ExportError(KgError):
    """An export cannot be made (no build, missing viewer, ...)."""


@dataclass
class Build:
    """The build in ``out_dir``, read lazily: RDF formats need the quads, network formats the network."""

    out_dir: Path

    @cached_property
    def store(self) -> ox.Store:
        return network.open_build(self.out_dir)

    @cached_property
    def quads(self) -> list[ox.Quad]:
        """Every quad of the report and reference graphs, sorted (the ontology graph left out).

        Read from graph.trig when there is one: the store keeps values, not lexical forms
        (an ``xsd:nonNegativeInteger`` comes back as an ``xsd:integer``).
        """
        trig = Path(self.out_dir) / "graph.trig"
        if trig.is_file():
            try:
                quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
            except (SyntaxError, ValueError) as err:
                raise ExportError(f"cannot parse: {' '.join(str(err).split())}", path=str(trig)) from err
        else:
            quads = list(self.store.quads_for_pattern(None, None, None, None))
        quads = [q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != network.VOCAB_GRAPH]
        return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))

    @cached_property
    def triples(self) -> list[ox.Triple]:
        unique = {ox.Triple(q.subject, q.predicate, q.object) for q in self.quads}
        return sorted(unique, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    @cached_property
    def base_uri(self) -> str:
        """The instance base of the build: the name of its ``{base}data/reference`` graph."""
        for graph in sorted({q.graph_name.value for q in self.quads}):
            if graph.endswith("/data/reference"):
                return graph[: -len("data/reference")]
        return VOCAB_BASE

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        return network.from_store(self.store)


# --- RDF --------------------------------------------------------------------------


def to_turtle(build: Build) -> bytes:
    return serialize_turtle(build.quads, build.base_uri)


def to_trig(build: Build) -> bytes:
    return serialize_trig(build.quads, build.base_uri)


def to_ntriples(build: Build) -> bytes:
    return ox.serialize(build.triples, format=ox.RdfFormat.N_TRIPLES)


def to_nquads(build: Build) -> bytes:
    return ox.serialize(build.quads, format=ox.RdfFormat.N_QUADS)


def jsonld_context(base_uri: str = VOCAB_BASE) -> dict[str, str]:
    """The published context (kg/data/context.jsonld), with ``id:`` set to the build's base."""
    text = resources.files("kg.data").joinpath(CONTEXT_FILE).read_text("utf-8")
    context = dict(json.loads(text)["@context"])
    context["id"] = base_uri + "id/"
    return dict(sorted(context.items()))


class Compactor:
    """IRIs -> compact IRIs (prefix:suffix) with the longest matching namespace."""

    def __init__(self, context: dict[str, str]):
        self.namespaces = sorted(((ns, p) for p, ns in context.items()), key=lambda item: (-len(item[0]), item[1]))

    def __call__(self, iri: str) -> str:
        for ns, prefix in self.namespaces:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def value(self, term) -> object:
        if isinstance(term, ox.NamedNode):
            return {"@id": self(term.value)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": self(term.datatype.value)}


def to_jsonld(build: Build) -> bytes:
    """Flattened, compacted JSON-LD: one node object per subject, one per line, in IRI order.

    Literals keep their lexical form ({"@value": "29.6", "@type": "xsd:decimal"}), so the
    triples are exactly those of the Turtle export.
    """
    context = jsonld_context(build.base_uri)
    compact = Compactor(context)
    nodes: dict[str, dict[str, list]] = {}
    for t in build.triples:
        node = nodes.setdefault(t.subject.value, {})
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(t.object.value))
        else:
            node.setdefault(compact(t.predicate.value), []).append(compact.value(t.object))
    lines = []
    for subject, props in nodes.items():
        obj = {"@id": compact(subject)}
        for key in sorted(props, key=lambda k: (k != "@type", k)):
            values = props[key]
            obj[key] = values[0] if len(values) == 1 else values
        lines.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=1)[:-2]
    return (head + ',\n "@graph": [\n' + ",\n".join(lines) + "\n ]\n}\n").encode("utf-8")


# --- network ------------------------------------------------------------------------


def flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values GraphML/GEXF can hold: lists joined by spaces, no None."""
    def clean(data: dict) -> dict:
        return {k: (" ".join(map(str, v)) if isinstance(v, list) else v) for k, v in data.items() if v is not None}

    H = nx.MultiDiGraph(name=G.graph.get("name", ""))
    for n, data in G.nodes(data=True):
        H.add_node(n, **clean(data))
    for u, v, k, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **clean(data))
    return H


def to_graphml(build: Build) -> bytes:
    lines = nx.generate_graphml(flat(build.network), encoding="utf-8", edge_id_from_attribute="id")
    return ("\n".join(lines) + "\n").encode("utf-8")


def edge_weight(data: dict) -> int:
    """What a layout should pull by: observations, else mentions, else 1."""
    return max(1, int(data.get("observations") or data.get("mentions") or 1))


def _spells(years: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive years: [2020, 2021, 2023] -> [(2020, 2021), (2023, 2023)]."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return [(a, b) for a, b in runs]


def _gexf_spells(years: list[int]) -> list[str]:
    if not years:
        return []
    spells = "".join(f'<spell start="{a}-01-01" end="{b}-12-31"/>' for a, b in _spells(years))
    return [f"      <spells>{spells}</spells>"]


def _gexf_attributes(kind: str, items: list[dict], skip: set[str]) -> tuple[list[str], dict[str, str]]:
    """<attributes> declarations for every attribute used, typed from its values."""
    names = sorted({k for data in items for k in data} - skip)
    types = {}
    for name in names:
        values = [d[name] for d in items if name in d]
        types[name] = "integer" if all(isinstance(v, int) and not isinstance(v, bool) for v in values) else "string"
    lines = [f'    <attributes class="{kind}" mode="static">']
    lines += [f'      <attribute id="{kind[0]}-{n}" title="{n}" type="{types[n]}"/>' for n in names]
    return lines + ["    </attributes>"], types


def _gexf_attvalues(kind: str, data: dict, types: dict[str, str]) -> list[str]:
    values = [(n, data[n]) for n in types if n in data]
    if not values:
        return []
    cells = "".join(f'<attvalue for="{kind[0]}-{n}" value={quoteattr(_text(v))}/>' for n, v in values)
    return [f"      <attvalues>{cells}</attvalues>"]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    """An attribute value as XML 1.0 can hold it (lists joined by spaces, control characters dropped)."""
    text = " ".join(map(str, value)) if isinstance(value, list) else str(value)
    return _NOT_XML.sub("", text)


def _rgb(color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f'<viz:color r="{r}" g="{g}" b="{b}"/>'


def to_gexf(build: Build) -> bytes:
    """GEXF 1.2 for Gephi: typed, coloured nodes; labelled, weighted edges; and
    spells (one per run of years, as dates) so that the timeline plays the years."""
    G = build.network
    nodes, edges = list(G.nodes(data=True)), list(G.edges(keys=True, data=True))
    node_decl, node_types = _gexf_attributes("node", [d for _, d in nodes], {"label"})
    edge_decl, edge_types = _gexf_attributes("edge", [d for *_, d in edges], {"label", "id"})
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">',
           '  <meta><creator>kg</creator><description>kg network of a build</description></meta>',
           '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">', *node_decl, *edge_decl, "    <nodes>"]
    for n, data in nodes:
        out.append(f"    <node id={quoteattr(_text(n))} label={quoteattr(_text(data.get('label', n)))}>")
        out += _gexf_attvalues("node", data, node_types) + _gexf_spells(data.get("years", []))
        out += [f"      {_rgb(COLORS.get(data.get('class'), '#999999'))}", "    </node>"]
    out += ["    </nodes>", "    <edges>"]
    for u, v, _, data in edges:
        out.append(f'    <edge id="{data["id"]}" source={quoteattr(_text(u))} target={quoteattr(_text(v))} '
                   f'label={quoteattr(data["label"])} weight="{edge_weight(data)}">')
        out += _gexf_attvalues("edge", data, edge_types)
        out += _gexf_spells([data["year"]] if "year" in data else []) + ["    </edge>"]
    out += ["    </edges>", "  </graph>", "</gexf>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def cytoscape_elements(G: nx.MultiDiGraph) -> dict:
    """Cytoscape.js elements: {"elements": {"nodes": [{"data": ...}], "edges": [{"data": ...}]}}."""
    nodes = []
    for n, data in G.nodes(data=True):
        item = {"id": n, "label": data.get("label", n), "class": data.get("class"), "year": data.get("year")}
        item |= {k: v for k, v in data.items() if k not in item}
        nodes.append({"data": item})
    edges = []
    for u, v, _, data in G.edges(keys=True, data=True):
        item = {"id": data["id"], "source": u, "target": v, "label": data["label"], "weight": edge_weight(data)}
        item |= {k: val for k, val in data.items() if k not in item}
        edges.append({"data": item})
    return {"elements": {"nodes": nodes, "edges": edges}}


def to_cytoscape(build: Build) -> bytes:
    """The elements JSON, one element a line (diffable, and a third of the indented size)."""
    elements = cytoscape_elements(build.network)["elements"]
    line = lambda item: "  " + json.dumps(item, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    parts = [",\n".join(map(line, elements[kind])) for kind in ("nodes", "edges")]
    return ('{"elements": {\n "nodes": [\n' + parts[0] + '\n ],\n "edges": [\n' + parts[1] + "\n ]\n}}\n").encode("utf-8")


def dot_id(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(build: Build) -> bytes:
    """Graphviz: nodes coloured by class (also the SVG class attribute), edges labelled."""
    G = build.network
    out = [f"digraph {dot_id('kg')} {{", "  graph [rankdir=LR, overlap=false];",
           '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
           '  edge [fontname="Helvetica", fontsize=8];']
    for n, data in G.nodes(data=True):
        attrs = {"label": data.get("label", n), "class": data.get("class", ""), "fillcolor": COLORS.get(data.get("class"), "#999999"),
                 "tooltip": n}
        if "year" in data:
            attrs["year"] = data["year"]
        out.append(f"  {dot_id(n)} [{', '.join(f'{k}={dot_id(v)}' for k, v in attrs.items())}];")
    for u, v, _, data in G.edges(keys=True, data=True):
        out.append(f"  {dot_id(u)} -> {dot_id(v)} [label={dot_id(data['label'])}, weight={edge_weight(data)}];")
    out.append("}")
    return ("\n".join(out) + "\n").encode("utf-8")


OBSERVATIONS = """
SELECT ?obs ?report ?indicator ?indicator_label ?quote ?start ?end ?period ?status ?measure ?source ?year WHERE {
  ?obs a kg:Observation ; kg:indicator ?indicator ; qb:dataSet/kg:dataSetOf ?report ;
       kg:span/oa:hasSelector ?q, ?p ;
       sdmx-dimension:refPeriod/skos:notation ?period ; kg:status/skos:notation ?status ;
       kg:measureType/skos:notation ?measure .
  ?q oa:exact ?quote . ?p oa:start ?start ; oa:end ?end .
  ?indicator skos:prefLabel ?indicator_label .
  ?report prov:wasDerivedFrom/dcterms:identifier ?source .
  OPTIONAL { ?report kg:reportYear ?year }
}"""


def observation_elements(build: Build, G: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """Observations as viewer nodes (the network view keeps them as counts on edges): each
    with its quote, report and offsets, linked report -states-> observation -of-> indicator."""
    nodes, edges = [], []
    for row in sorted(network._select(build.store, OBSERVATIONS), key=lambda r: r["obs"]):
        if row["report"] not in G or row["indicator"] not in G:
            continue
        year = int(row["year"][:4]) if row.get("year") else None
        label = f"{row['indicator_label']}: {' '.join(row['quote'].split())} ({row['period']}, {row['status']})"
        nodes.append({"data": {"id": row["obs"], "label": label, "class": "Observation", "year": year,
                               "quote": row["quote"], "report": row["report"], "source": row["source"],
                               "start": int(row["start"]), "end": int(row["end"]), "period": row["period"],
                               "status": row["status"], "measure_type": row["measure"]}})
        edges.append({"data": {"id": row["obs"] + "#states", "source": row["report"], "target": row["obs"], "label": "states"}})
        edges.append({"data": {"id": row["obs"] + "#of", "source": row["obs"], "target": row["indicator"], "label": "of"}})
    return nodes, edges


def to_html(build: Build) -> bytes:
    """The viewer on the network view plus the observations, so a click shows a quote."""
    try:
        from .viewer import render_html
    except ImportError as err:
        raise ExportError("html export needs the viewer module kg.viewer, which this installation lacks") from err
    G = build.network
    years = sorted({y for _, y in G.nodes(data="year") if y is not None})
    span = f", {years[0]}-{years[-1]}" if years else ""
    reports = len(network.nodes_of(G, "Report"))
    elements = cytoscape_elements(G)
    nodes, edges = observation_elements(build, G)
    elements["elements"]["nodes"] += nodes
    elements["elements"]["edges"] += edges
    return render_html(elements, f"kg network: {reports} reports{span}").encode("utf-8")


@dataclass(frozen=True)
class Exporter:
    file: str
    make: Callable[[Build], bytes]
    consumer: str


FORMATS: dict[str, Exporter] = {
    "turtle": Exporter("graph.ttl", to_turtle, "any RDF tool"),
    "ntriples": Exporter("graph.nt", to_ntriples, "line tools, bulk loaders"),
    "jsonld": Exporter("graph.jsonld", to_jsonld, "JSON-LD processors, web apps"),
    "trig": Exporter("graph.trig", to_trig, "RDF stores (named graphs)"),
    "nquads": Exporter("graph.nq", to_nquads, "RDF stores (named graphs), line tools"),
    "graphml": Exporter("network.graphml", to_graphml, "yEd, Cytoscape, networkx, igraph"),
    "gexf": Exporter("network.gexf", to_gexf, "Gephi (timeline)"),
    "cytoscape": Exporter("network.cyjs.json", to_cytoscape, "Cytoscape.js, Cytoscape desktop"),
    "dot": Exporter("network.dot", to_dot, "Graphviz"),
    "html": Exporter("network.html", to_html, "a web browser"),
}
CHOICES = (*FORMATS, "all")


def viewer_available() -> bool:
    try:
        from . import viewer  # noqa: F401
    except ImportError:
        return False
    return True


def export(out_dir: Path, fmt: str, to: Path | None = None) -> list[Path]:
    """Write format ``fmt`` (or ``all``) of the build in ``out_dir`` into ``to`` (default OUTDIR/export)."""
    if fmt not in CHOICES:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(CHOICES)}")
    target = Path(to) if to is not None else Path(out_dir) / "export"
    names = [fmt] if fmt != "all" else list(FORMATS)
    if fmt == "all" and not viewer_available():
        names.remove("html")  # `all` means every format this installation can write
    build = Build(Path(out_dir))
    written = []
    for name in names:
        exporter = FORMATS[name]
        written.append(atomic_write(target / exporter.file, exporter.make(build)))
        if name == "jsonld":
            context = {"@context": jsonld_context(build.base_uri)}
            written.append(atomic_write(target / CONTEXT_FILE, json.dumps(context, indent=2) + "\n"))
    return written
