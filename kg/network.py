"""The network view of a build: a networkx MultiDiGraph a network tool can use.

The RDF graph holds every literal, span and observation; a network tool wants the
things people link: reports, places, policies, projects, indicators, regions and
organizations. This module projects the build's store onto those nodes and onto
labelled edges between them (edge keys are the labels):

    report  --cites-->     policy         (mentions, relation: implements|deepens|...)
    report  --mentions-->  project        (mentions, status: under_construction|...)
    report  --mentions-->  place, region, organization   (mentions)
    report  --about-->     place          (the jurisdiction)
    report  --issuedBy-->  organization   (dcterms:creator)
    report  --measures-->  indicator      (observations; of them actuals, estimates, targets)
    project --locatedIn--> place
    place   --partOf-->    place          (skos:broader; between indicators: --broader-->)
    region  --contains-->  place          (schema:containsPlace; kg:spans gives --spans-->)

Observations become edge counts, never nodes. Every node has ``class``, ``label``,
``iri`` and, when a report links it, ``year`` (the report's year; for anything else
the first year of the reports linking it) and ``years`` (all of them). Nodes and edges
are inserted in sorted order, so every export of the same build is byte-identical.

Library use::

    from kg import network
    G = network.load("out")
    top = network.centrality(network.policy_cocitation(G), "eigenvector")[:5]
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import DataError
from .rdf.namespaces import KG, sparql_prologue

VOCAB_GRAPH = str(KG).rstrip("#")  # the store's ontology graph (kg.output.VOCAB_GRAPH)

CLASSES = {  # rdf:type -> node class; the first match wins for a resource with several types
    "Report": KG.Report,
    "Policy": KG.Policy,
    "Project": KG.Project,
    "Place": KG.AdministrativeDivision,
    "Region": KG.Region,
    "Organization": KG.Organization,
    "Indicator": KG.Indicator,
    "LocalIndicator": KG.LocalIndicator,
}
NODE_CLASSES = ("Report", "Place", "Policy", "Project", "Indicator", "Region", "Organization")

REPORT_LINKS = {  # report property -> edge label
    "kg:citesPolicy": "cites",
    "kg:mentionsProject": "mentions",
    "kg:mentionsPlace": "mentions",
    "kg:mentionsRegion": "mentions",
    "kg:mentionsOrganization": "mentions",
    "kg:jurisdiction": "about",
    "dcterms:creator": "issuedBy",
}
STRUCTURE_LINKS = {  # property between two linked things -> edge label
    "kg:location": "locatedIn",
    "skos:broader": "partOf",
    "schema:containsPlace": "contains",
    "kg:spans": "spans",
}
STATUSES = {"actual": "actuals", "estimated": "estimates", "target": "targets"}  # status -> edge count attribute


def open_build(out_dir: Path) -> ox.Store:
    """The build's store (OUTDIR/store), or an in-memory store of OUTDIR/graph.trig."""
    out_dir = Path(out_dir)
    if (out_dir / "store").is_dir():
        try:
            return ox.Store.read_only(str(out_dir / "store"))
        except OSError as err:
            raise DataError(f"cannot open the store: {err}", path=str(out_dir / "store")) from err
    trig = out_dir / "graph.trig"
    if not trig.is_file():
        raise DataError(f"no build in {out_dir} (no store/ and no graph.trig; run `kg build -o {out_dir}` first)")
    store = ox.Store()
    try:
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    except (SyntaxError, ValueError) as err:
        raise DataError(f"cannot parse: {' '.join(str(err).split())}", path=str(trig)) from err
    return store


def _select(store: ox.Store, body: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of the build's graphs, terms as plain strings."""
    result = store.query(sparql_prologue() + body, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def _classes(store: ox.Store) -> dict[str, str]:
    order = {str(iri): name for name, iri in CLASSES.items()}
    rank = {iri: i for i, iri in enumerate(order)}
    best: dict[str, str] = {}
    values = " ".join(f"<{iri}>" for iri in order)
    for row in _select(store, f"SELECT DISTINCT ?x ?t WHERE {{ VALUES ?t {{ {values} }} ?x a ?t }}"):
        x, t = row["x"], row["t"]
        if x not in best or rank[t] < rank[best[x]]:
            best[x] = t
    return {x: ("Indicator" if order[t] == "LocalIndicator" else order[t]) for x, t in best.items()}


def _labels(store: ox.Store) -> dict[str, str]:
    """English prefLabel, else schema:name, else any prefLabel: the smallest, for determinism."""
    rows = _select(store, """SELECT ?x ?l ?rank WHERE {
      { ?x skos:prefLabel ?l FILTER(langMatches(lang(?l), "en")) BIND(0 AS ?rank) }
      UNION { ?x schema:name ?l BIND(1 AS ?rank) }
      UNION { ?x skos:prefLabel ?l BIND(2 AS ?rank) } }""")
    best: dict[str, tuple[str, str]] = {}
    for row in rows:
        key = (row["rank"], row["l"])
        if row["x"] not in best or key < best[row["x"]]:
            best[row["x"]] = key
    return {x: label for x, (_, label) in best.items()}


def _reports(store: ox.Store, labels: dict[str, str]) -> dict[str, dict]:
    rows = _select(store, """SELECT ?r ?year ?place ?doctype ?source ?title WHERE {
      ?r a kg:Report ; kg:reportYear ?year ; kg:jurisdiction ?place .
      OPTIONAL { ?r kg:documentType ?doctype } OPTIONAL { ?r dcterms:title ?title }
      OPTIONAL { ?r prov:wasDerivedFrom/dcterms:identifier ?source } }""")
    reports = {}
    for row in sorted(rows, key=lambda r: sorted(r.items())):
        if row["r"] in reports:
            continue
        doctype = row.get("doctype", "").rsplit("/", 1)[-1]
        label = f"{labels.get(row['place'], row['place'].rsplit('/', 1)[-1])} {row['year']}"
        if doctype and doctype != "government-work-report":
            label += f" ({doctype.replace('-', ' ')})"
        reports[row["r"]] = {"label": label, "year": _year(row["year"]), "kind": doctype,
                             "source": row.get("source", ""), "title": row.get("title", "")}
    return reports


def _node_details(store: ox.Store) -> dict[str, dict]:
    """Kind (level, type, document kind) and code of each resource that has one."""
    rows = _select(store, """SELECT ?x ?kind ?code WHERE {
      { ?x kg:adminLevel ?k BIND(REPLACE(STR(?k), "^.*/", "") AS ?kind) OPTIONAL { ?x skos:notation ?code } }
      UNION { ?x kg:policyLevel ?kind } UNION { ?x kg:regionKind ?kind } UNION { ?x kg:organizationType ?kind }
      UNION { ?x kg:projectType ?k BIND(REPLACE(STR(?k), "^.*/", "") AS ?kind) }
      UNION { ?x a kg:Indicator ; skos:notation ?code BIND("curated" AS ?kind) }
      UNION { ?x a kg:LocalIndicator ; skos:notation ?code BIND("local" AS ?kind) } }""")
    details: dict[str, dict] = defaultdict(dict)
    for row in sorted(rows, key=lambda r: sorted(r.items())):
        for key in ("kind", "code"):
            if key in row:
                details[row["x"]].setdefault(key, row[key])
    return details


def _report_edges(store: ox.Store) -> list[tuple[str, str, str, dict]]:
    """report -> thing edges with the number of mentions and their relations/statuses."""
    values = " ".join(f"({prop} \"{label}\")" for prop, label in REPORT_LINKS.items())
    rows = _select(store, f"""SELECT ?r ?x ?label ?m ?rel ?status WHERE {{
      VALUES (?p ?label) {{ {values} }}
      ?r a kg:Report ; ?p ?x .
      OPTIONAL {{ ?m kg:mentionOf ?x ; dcterms:isPartOf ?r .
                 OPTIONAL {{ ?m kg:relation ?rel }} OPTIONAL {{ ?m kg:projectStatus ?status }} }} }}""")
    found: dict[tuple[str, str, str], dict] = {}
    for row in rows:
        data = found.setdefault((row["r"], row["label"], row["x"]), {"m": set(), "relation": set(), "status": set()})
        for key, field in (("m", "m"), ("rel", "relation"), ("status", "status")):
            if key in row:
                data[field].add(row[key])
    edges = []
    for (r, label, x), data in found.items():
        attrs = {"mentions": len(data["m"])}
        attrs |= {k: "|".join(sorted(data[k])) for k in ("relation", "status") if data[k]}
        edges.append((r, x, label, attrs))
    return edges


def _measure_edges(store: ox.Store) -> list[tuple[str, str, str, dict]]:
    rows = _select(store, """SELECT ?r ?ind ?status (COUNT(DISTINCT ?o) AS ?n) WHERE {
      ?o a kg:Observation ; qb:dataSet/kg:dataSetOf ?r ; kg:indicator ?ind .
      OPTIONAL { ?o kg:status ?st } BIND(REPLACE(STR(COALESCE(?st, "")), "^.*/", "") AS ?status) }
      GROUP BY ?r ?ind ?status""")
    counts: dict[tuple[str, str], dict] = {}
    for row in rows:
        attrs = counts.setdefault((row["r"], row["ind"]), {"observations": 0} | {s: 0 for s in STATUSES.values()})
        attrs["observations"] += int(row["n"])
        if row["status"] in STATUSES:
            attrs[STATUSES[row["status"]]] += int(row["n"])
    return [(r, ind, "measures", attrs) for (r, ind), attrs in counts.items()]


def _structure_edges(store: ox.Store) -> list[tuple[str, str, str, dict]]:
    values = " ".join(f"({prop} \"{label}\")" for prop, label in STRUCTURE_LINKS.items())
    rows = _select(store, f"SELECT DISTINCT ?a ?b ?label WHERE {{ VALUES (?p ?label) {{ {values} }} ?a ?p ?b }}")
    return [(row["a"], row["b"], row["label"], {}) for row in rows]


def _structure_label(label: str, source_class: str, target_class: str) -> str:
    """skos:broader is partOf between places, broader between indicators."""
    if label == "partOf" and not source_class == target_class == "Place":
        return "broader"
    return label


def edge_id(source: str, label: str, target: str) -> str:
    """A short id minted from the edge's content (GraphML, GEXF and Cytoscape need one)."""
    return "e" + hashlib.sha256(f"{source}\n{label}\n{target}".encode("utf-8")).hexdigest()[:16]


def from_store(store: ox.Store) -> nx.MultiDiGraph:
    """Project a build's store onto the network (see the module docstring)."""
    classes, labels = _classes(store), _labels(store)
    reports = _reports(store, labels)
    report_edges = [e for e in _report_edges(store) + _measure_edges(store) if e[0] in reports and e[1] in classes]
    linked = {x for _, x, _, _ in report_edges} | set(reports)
    structure = [(a, b, _structure_label(label, classes[a], classes[b]), attrs)
                 for a, b, label, attrs in _structure_edges(store) if a in classes and b in classes]
    linked |= _closure(linked, structure, classes)
    years: dict[str, set[int]] = defaultdict(set)
    for r, x, _, attrs in report_edges:
        if reports[r]["year"] is not None:
            years[x].add(reports[r]["year"])
            attrs["year"] = reports[r]["year"]
    G = nx.MultiDiGraph(name="kg network")
    details = _node_details(store)
    for node in sorted(linked):
        G.add_node(node, **_node_attrs(node, classes[node] if node not in reports else "Report",
                                       labels, reports.get(node), details.get(node, {}), years.get(node, set())))
    edges = report_edges + [e for e in structure if e[0] in linked and e[1] in linked]
    for u, v, label, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        G.add_edge(u, v, key=label, id=edge_id(u, label, v), label=label, **dict(sorted(attrs.items())))
    return G


def _closure(nodes: set[str], structure, classes: dict[str, str]) -> set[str]:
    """Places reached from the linked nodes by locatedIn/partOf/contains (ancestors, regions' places)."""
    out = defaultdict(list)
    for a, b, _, _ in structure:
        out[a].append(b)
    seen, todo = set(nodes), sorted(nodes)
    while todo:
        for b in out.get(todo.pop(), ()):
            if b not in seen and classes.get(b) == "Place":
                seen.add(b)
                todo.append(b)
    return seen - nodes


def _node_attrs(node: str, cls: str, labels, report: dict | None, details: dict, years: set[int]) -> dict:
    if report is not None:
        attrs = {"class": "Report", "label": report["label"], "iri": node, "year": report["year"],
                 "years": [report["year"]] if report["year"] is not None else [], "kind": report["kind"],
                 "file": report["source"], "title": report["title"]}
    else:
        ordered = sorted(years)
        attrs = {"class": cls, "label": labels.get(node, node.rsplit("/", 1)[-1]), "iri": node,
                 "year": ordered[0] if ordered else None, "years": ordered, "kind": details.get("kind", "")}
        if "code" in details:
            attrs["code"] = details["code"]
    return {k: v for k, v in attrs.items() if v is not None}


def load(out_dir: Path) -> nx.MultiDiGraph:
    """The network of the build in ``out_dir`` (its store, or its graph.trig)."""
    return from_store(open_build(out_dir))


def nodes_of(G: nx.MultiDiGraph, cls: str) -> list[str]:
    return [n for n, c in G.nodes(data="class") if c == cls]


def _copy_nodes(G, H: nx.Graph, nodes, part: int | None = None) -> None:
    for n in sorted(nodes):
        attrs = {k: G.nodes[n][k] for k in ("class", "label", "iri", "year", "kind") if k in G.nodes[n]}
        H.add_node(n, **attrs, **({"bipartite": part} if part is not None else {}))


def city_policy(G: nx.MultiDiGraph) -> nx.Graph:
    """Bipartite graph jurisdiction (bipartite=0) -- policy (bipartite=1).

    weight = number of reports of that jurisdiction citing the policy; years = their years.
    """
    links: dict[tuple[str, str], set] = defaultdict(set)
    for r in nodes_of(G, "Report"):
        places = [v for _, v, k in G.out_edges(r, keys=True) if k == "about"]
        policies = [v for _, v, k in G.out_edges(r, keys=True) if k == "cites"]
        for place in places:
            for policy in policies:
                links[(place, policy)].add((r, G.nodes[r].get("year")))
    H = nx.Graph(name="jurisdiction-policy")
    _copy_nodes(G, H, {p for p, _ in links}, 0)
    _copy_nodes(G, H, {q for _, q in links}, 1)
    for (place, policy), cited in sorted(links.items()):
        H.add_edge(place, policy, weight=len(cited), years=sorted({y for _, y in cited if y is not None}))
    return H


def policy_cocitation(G: nx.MultiDiGraph) -> nx.Graph:
    """Policies linked when one report cites both; weight = number of such reports.

    Every cited policy is a node, also one cited alone (degree 0).
    """
    H = nx.Graph(name="policy co-citation")
    _copy_nodes(G, H, nodes_of(G, "Policy"))
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for r in nodes_of(G, "Report"):
        cited = sorted({v for _, v, k in G.out_edges(r, keys=True) if k == "cites"})
        for i, a in enumerate(cited):
            for b in cited[i + 1:]:
                pairs[(a, b)] += 1
    for (a, b), weight in sorted(pairs.items()):
        H.add_edge(a, b, weight=weight)
    return H


def project_place(G: nx.MultiDiGraph) -> nx.Graph:
    """Bipartite graph project (bipartite=0) -- place it is located in (bipartite=1)."""
    links = sorted((u, v) for u, v, k in G.edges(keys=True) if k == "locatedIn")
    H = nx.Graph(name="project-place")
    _copy_nodes(G, H, {u for u, _ in links}, 0)
    _copy_nodes(G, H, {v for _, v in links}, 1)
    for u, v in links:
        H.add_edge(u, v, weight=1)
    return H


def undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph under G; weight = number of parallel labelled edges."""
    H = nx.Graph(name=G.graph.get("name", ""))
    _copy_nodes(G, H, G.nodes)
    for u, v in sorted(G.edges()):
        if H.has_edge(u, v):
            H[u][v]["weight"] += 1
        else:
            H.add_edge(u, v, weight=1)
    return H


MEASURES = ("degree", "eigenvector", "betweenness")


def centrality(H: nx.Graph, measure: str = "eigenvector", weight: str | None = "weight", cls: str | None = None) -> list[tuple[str, float]]:
    """Nodes (of class ``cls``, or all) by centrality, highest first; ties by node id.

    degree: weighted degree (sum of edge weights); eigenvector: networkx's power
    iteration on A+I (weighted; in a graph in pieces, nodes outside the component
    with the largest eigenvalue get ~0); betweenness: unweighted shortest paths, exact.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown centrality {measure!r}; choose one of {', '.join(MEASURES)}")
    H = H.to_undirected(as_view=True) if H.is_directed() else H
    if measure == "degree":
        scores = dict(H.degree(weight=weight))
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(H, normalized=True)
    else:
        scores = _eigenvector(H, weight)
    chosen = [n for n in scores if cls is None or H.nodes[n].get("class") == cls]
    return sorted(((n, float(scores[n])) for n in chosen), key=lambda item: (-item[1], item[0]))


def _eigenvector(H: nx.Graph, weight: str | None) -> dict[str, float]:
    if H.number_of_edges() == 0:
        return {n: 0.0 for n in H}
    try:
        return nx.eigenvector_centrality(H, max_iter=1000, tol=1e-9, weight=weight)
    except nx.PowerIterationFailedConvergence as err:
        raise DataError(f"eigenvector centrality did not converge on {H.graph.get('name', 'the graph')}; use degree") from err
