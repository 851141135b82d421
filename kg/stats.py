"""`kg stats`: what a build holds, and which policies and places are central.

Counts come from SPARQL over the build's report and reference graphs; centrality
from the network view (kg/network.py):

* policies: eigenvector centrality in the policy co-citation graph (two policies are
  linked when one report cites both; weight = number of such reports), so a policy
  ranks high when it is cited beside many policies that are themselves cited together;
* places: eigenvector centrality in the whole network taken as a simple undirected
  graph (reports, policies, projects, indicators, regions, organizations and places;
  weight = number of labelled links between two nodes), so a place ranks high when
  central reports are about it, many projects lie in it, or many central places are part of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from . import network
from .query import Table, render
from .rdf.namespaces import sparql_prologue

POLICY_METHOD = "eigenvector centrality, policy co-citation graph (weight = reports citing both)"
PLACE_METHOD = "eigenvector centrality, whole network as an undirected graph (weight = links)"

COUNTS = {  # name -> SPARQL pattern binding ?x (counted DISTINCT) in the report and reference graphs
    "reports": "?x a kg:Report",
    "observations": "?x a kg:Observation",
    "policies": "?r kg:citesPolicy ?x",
    "projects": "?r kg:mentionsProject ?x",
    "places mentioned": "?r kg:mentionsPlace ?x",
    "places (with ancestors)": "?x a kg:AdministrativeDivision",
    "regions mentioned": "?r kg:mentionsRegion ?x",
    "organizations mentioned": "?r kg:mentionsOrganization ?x",
    "indicators measured": "?o a kg:Observation ; kg:indicator ?x",
    "mentions": "?x a kg:Mention",
}


def _count(store: ox.Store, pattern: str) -> int:
    query = sparql_prologue() + f"""SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
      GRAPH ?g {{ {pattern} }} FILTER(?g != <{network.VOCAB_GRAPH}>) }}"""
    return int(next(iter(store.query(query)))["n"].value)


def _triples(store: ox.Store) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{network.VOCAB_GRAPH}>) }}"
    return int(next(iter(store.query(query)))["n"].value)


def stats(out_dir: Path, top: int = 5) -> dict:
    """Counts by class, network size and the ``top`` most central policies and places."""
    store = network.open_build(out_dir)
    G = network.from_store(store)
    counts = {name: _count(store, pattern) for name, pattern in COUNTS.items()}
    counts["triples"] = _triples(store)
    counts["network nodes"] = G.number_of_nodes()
    counts["network edges"] = G.number_of_edges()
    cocitation = network.policy_cocitation(G)
    policies = []
    for node, score in network.centrality(cocitation, "eigenvector")[:top]:
        citing = sorted(u for u, _, k in G.in_edges(node, keys=True) if k == "cites")
        policies.append({"policy": G.nodes[node]["label"], "score": round(score, 6), "reports": len(citing),
                         "years": G.nodes[node].get("years", []), "iri": node})
    places = []
    whole = network.undirected(G)
    for node, score in network.centrality(whole, "eigenvector", cls="Place")[:top]:
        places.append({"place": G.nodes[node]["label"], "score": round(score, 6), "links": whole.degree(node),
                       "level": G.nodes[node].get("kind", ""), "iri": node})
    return {"counts": counts, "central_policies": {"method": POLICY_METHOD, "rows": policies},
            "central_places": {"method": PLACE_METHOD, "rows": places}}


def _table(rows: list[dict], columns: list[str]) -> str:
    cells = [[_text(row[c]) for c in columns] for row in rows]
    return render(Table(["rank", *columns], [[str(i), *r] for i, r in enumerate(cells, 1)]), "table")


def _text(value) -> str:
    if isinstance(value, list):
        return " ".join(map(str, value))
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def render_stats(data: dict, fmt: str = "table") -> str:
    """``table``: three aligned tables with headings; ``json``: the dict as JSON."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    counts = Table(["what", "count"], [[name, str(n)] for name, n in data["counts"].items()])
    parts = ["Counts", render(counts, "table")]
    parts += [f"Most central policies ({data['central_policies']['method']})",
              _table(data["central_policies"]["rows"], ["policy", "score", "reports", "years"])]
    parts += [f"Most central places ({data['central_places']['method']})",
              _table(data["central_places"]["rows"], ["place", "score", "links", "level"])]
    return "\n".join(parts)
