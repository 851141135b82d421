"""`kg eval` for policies and projects (gold format: docs/gold-entities.md).

Per report, a predicted policy (project) matches a gold one when any of its mention
spans overlaps any gold mention span; each is used once (largest overlap first).
Of the matched pairs, the attributes are compared: a policy's level; a project's type,
location and status (the gold status is one of the statuses of the predicted mentions
that overlap the gold mentions).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .evaluate import Rates
from .query import open_store

KINDS = ("policies", "projects")

MENTIONS = """
PREFIX kg: <https://w3id.org/cngov/def/kg#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?source ?entity ?label ?level ?type ?location ?status ?start ?end WHERE {
  ?mention a kg:Mention ; kg:mentionOf ?entity ; dcterms:isPartOf ?report ; kg:span/oa:hasSelector ?position .
  OPTIONAL { ?entity skos:prefLabel ?label }
  OPTIONAL { ?entity kg:policyLevel ?level }
  OPTIONAL { ?entity kg:projectType ?type }
  OPTIONAL { ?entity kg:location ?location }
  OPTIONAL { ?mention kg:projectStatus ?status }
  ?entity a ?class .
  ?position oa:start ?start ; oa:end ?end .
  ?report prov:wasDerivedFrom/dcterms:identifier ?source .
}
"""
CLASSES = {"policies": "https://w3id.org/cngov/def/kg#Policy", "projects": "https://w3id.org/cngov/def/kg#Project"}
ATTRIBUTES = {"policies": ("level",), "projects": ("type", "location", "status")}


@dataclass
class EntityScore(Rates):
    kind: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    errors: list = field(default_factory=list)
    attributes: dict = field(default_factory=dict)  # name -> [correct, compared]

    def accuracy(self, name: str) -> float:
        correct, total = self.attributes.get(name, (0, 0))
        return correct / total if total else 0.0


def predicted_entities(out_dir: Path, kind: str) -> tuple[dict[str, dict[str, list[tuple[int, int]]]], dict[str, dict]]:
    """(source -> entity IRI -> mention spans, entity IRI -> {label, level, type, location,
    statuses: {span: status}}), for one kind. Types and locations are their notations/codes."""
    store = open_store(out_dir)
    query = MENTIONS.replace("?entity a ?class", f"?entity a <{CLASSES[kind]}>")
    found: dict[str, dict[str, list[tuple[int, int]]]] = {}
    info: dict[str, dict] = {}
    for row in store.query(query, use_default_graph_as_union=True):
        iri = row["entity"].value
        spans = found.setdefault(row["source"].value, {}).setdefault(iri, [])
        span = (int(row["start"].value), int(row["end"].value))
        if span not in spans:
            spans.append(span)
        entry = info.setdefault(iri, {"statuses": {}})
        for name in ("label", "level", "type", "location"):
            if row[name] is not None:
                entry[name] = row[name].value.rsplit("/", 1)[-1] if name in ("type", "location") else row[name].value
        if row["status"] is not None:
            entry["statuses"][span] = row["status"].value
    return found, info


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return max((min(e1, e2) - max(s1, s2) for s1, e1 in a for s2, e2 in b), default=0)


def score_kind(gold_entities: list[dict], predicted: dict[str, list[tuple[int, int]]], kind: str,
               info: dict[str, dict] | None = None) -> EntityScore:
    score = EntityScore(kind, gold=len(gold_entities), predicted=len(predicted))
    gold_spans = [[(m["start"], m["end"]) for m in g["mentions"]] for g in gold_entities]
    pairs = sorted(
        (-_overlap(spans, pred), gi, iri)
        for gi, spans in enumerate(gold_spans)
        for iri, pred in sorted(predicted.items())
        if _overlap(spans, pred) > 0
    )
    used_g, used_p = set(), set()
    for _, gi, iri in pairs:
        if gi not in used_g and iri not in used_p:
            used_g.add(gi)
            used_p.add(iri)
            score.matched += 1
            _compare(score, gold_entities[gi], gold_spans[gi], (info or {}).get(iri, {}), kind)
    for gi, entity in enumerate(gold_entities):
        if gi not in used_g:
            first = min(entity["mentions"], key=lambda m: m["start"], default={})
            score.errors.append({"kind": kind, "error": "missed", "name": entity.get("name"),
                                 "start": first.get("start"), "mentions": len(entity["mentions"])})
    for iri, spans in sorted(predicted.items()):
        if iri not in used_p:
            score.errors.append({"kind": kind, "error": "spurious", "name": (info or {}).get(iri, {}).get("label", iri),
                                 "start": min(spans)[0], "mentions": len(spans)})
    return score


def _compare(score: EntityScore, gold: dict, gold_spans: list[tuple[int, int]], predicted: dict, kind: str) -> None:
    for name in ATTRIBUTES[kind]:
        expected = gold.get(name)
        if name == "status":
            got = sorted({st for span, st in predicted.get("statuses", {}).items() if _overlap(gold_spans, [span]) > 0})
            ok = expected in got
        else:
            got = predicted.get(name)
            ok = got == expected
        counts = score.attributes.setdefault(name, [0, 0])
        counts[0] += ok
        counts[1] += 1
        if not ok:
            score.errors.append({"kind": kind, "error": f"wrong {name}", "name": gold.get("name"),
                                 "gold": expected, "predicted": got})


def evaluate_entities(gold_paths: list[Path], out_dir: Path) -> dict[str, EntityScore]:
    totals = {kind: EntityScore(kind) for kind in KINDS}
    for kind in KINDS:
        predictions, info = predicted_entities(out_dir, kind)
        for path in sorted(gold_paths):
            try:
                gold = json.loads(Path(path).read_text("utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
                raise DataError(f"cannot read entity gold: {' '.join(str(err).split())}", path=str(path)) from err
            if "source" not in gold or kind not in gold:
                raise DataError(f"entity gold needs 'source' and '{kind}'", path=str(path))
            part = score_kind(gold[kind], predictions.get(gold["source"], {}), kind, info)
            totals[kind].errors += [{"source": gold["source"]} | err for err in part.errors]
            totals[kind].gold += part.gold
            totals[kind].predicted += part.predicted
            totals[kind].matched += part.matched
            for name, (correct, total) in part.attributes.items():
                counts = totals[kind].attributes.setdefault(name, [0, 0])
                counts[0] += correct
                counts[1] += total
    return totals


def render_entities(totals: dict[str, EntityScore]) -> str:
    lines = ["kind      gold  pred  match  P      R      F1"]
    for score in totals.values():
        lines.append(f"{score.kind:<9} {score.gold:<5} {score.predicted:<5} {score.matched:<6} "
                     f"{score.precision:.3f}  {score.recall:.3f}  {score.f1:.3f}")
    accuracies = [f"{s.kind} {name} {s.accuracy(name):.3f}" for s in totals.values() for name in ATTRIBUTES[s.kind]
                  if name in s.attributes]
    if accuracies:
        lines.append("attribute accuracy on matched: " + ", ".join(accuracies))
    return "\n".join(lines) + "\n"
