"""`kg eval`: compare the observations of a build with gold annotations (docs/gold.md).

Precision counts the predicted observations whose number span lies inside an
annotated paragraph; recall counts the gold observations. A prediction matches a
gold observation when their spans overlap (each used once; among several
candidates, the one agreeing on most attributes wins). Attribute accuracy is
measured over the matched pairs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import DataError
from .query import open_store

ATTRIBUTES = ("indicator", "measure_type", "value", "value_max", "unit", "comparator", "period", "status", "area")
REQUIRED = ("start", "end", "text", "indicator", "measure_type", "value", "unit", "comparator", "period", "status", "area")

PREDICTIONS = """
PREFIX kg: <https://w3id.org/cngov/def/kg#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
SELECT DISTINCT ?source ?obs ?start ?end ?indicator ?measure_type ?value ?value_max ?unit ?comparator ?period ?status ?area
WHERE {
  ?obs a kg:Observation ;
      qb:dataSet/kg:dataSetOf/prov:wasDerivedFrom/dcterms:identifier ?source ;
      kg:span/oa:hasSelector ?pos ;
      kg:indicator/skos:notation ?indicator ;
      kg:measureType/skos:notation ?measure_type ;
      sdmx-measure:obsValue ?value ;
      sdmx-attribute:unitMeasure/kg:unitCode ?unit ;
      kg:comparator/skos:notation ?comparator ;
      sdmx-dimension:refPeriod/skos:notation ?period ;
      kg:status/skos:notation ?status ;
      sdmx-dimension:refArea/skos:notation ?area .
  ?pos oa:start ?start ; oa:end ?end .
  OPTIONAL { ?obs kg:valueMax ?value_max }
}
"""


class Rates:
    """Precision, recall and F1 from ``gold``, ``predicted`` and ``matched`` counts."""

    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FileScore(Rates):
    source: str
    gold: int = 0
    predicted: int = 0  # inside the annotated paragraphs
    matched: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    errors: list[dict] = field(default_factory=list)  # mismatches and misses, for people to read

    def add(self, other: "FileScore") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        for key in ATTRIBUTES:
            self.correct[key] += other.correct[key]

    def accuracy(self, attribute: str) -> float:
        return self.correct[attribute] / self.matched if self.matched else 0.0

    def as_dict(self) -> dict:
        return {
            "source": self.source, "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "accuracy": {a: round(self.accuracy(a), 4) for a in ATTRIBUTES},
        }


def _decimal(value, where: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as err:
        raise DataError(f"not a decimal: {value!r}", path=where) from err


def load_gold(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataError(f"cannot read gold annotations: {' '.join(str(err).split())}", path=str(path)) from err
    for key in ("source", "paragraphs", "observations"):
        if key not in data:
            raise DataError(f"gold file has no {key!r}", path=str(path))
    for i, obs in enumerate(data["observations"]):
        missing = [k for k in REQUIRED if k not in obs]
        if missing:
            raise DataError(f"observation {i} lacks {', '.join(missing)}", path=str(path))
        obs["value"] = _decimal(obs["value"], f"{path} observation {i}")
        obs["value_max"] = _decimal(obs.get("value_max"), f"{path} observation {i}")
    return data


def predictions(out_dir: Path) -> dict[str, list[dict]]:
    """The observations of the build in OUTDIR, by source file name."""
    store = open_store(out_dir)
    by_source: dict[str, list[dict]] = {}
    for row in store.query(PREDICTIONS, use_default_graph_as_union=True):
        item = {
            "start": int(row["start"].value), "end": int(row["end"].value),
            "indicator": row["indicator"].value, "measure_type": row["measure_type"].value,
            "value": Decimal(row["value"].value),
            "value_max": Decimal(row["value_max"].value) if row["value_max"] is not None else None,
            "unit": row["unit"].value, "comparator": row["comparator"].value, "period": row["period"].value,
            "status": row["status"].value, "area": row["area"].value, "iri": row["obs"].value,
        }
        by_source.setdefault(row["source"].value, []).append(item)
    for items in by_source.values():
        items.sort(key=lambda o: (o["start"], o["end"], o["indicator"]))
    return by_source


def built_sources(out_dir: Path) -> dict[str, str]:
    """Source file name -> sha256 of the reports in the build (OUTDIR/manifest.json)."""
    path = Path(out_dir) / "manifest.json"
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataError(f"no readable build manifest ({' '.join(str(err).split())}); run `kg build -o {out_dir}` first", path=str(path)) from err
    return {r["source"]: r["sha256"] for r in manifest.get("reports", [])}


GENERIC_WORDS = frozenset(
    "new more the and of for in to a an total number with by on at from into were was our its their this that "
    "these those than over under".split()
)


def content_words(phrase: str) -> set[str]:
    """Lower-case words of a phrase, singular, without function words and generic words."""
    words = set()
    for word in re.findall(r"[a-z0-9]+", phrase.lower()):
        if len(word) < 3 or word in GENERIC_WORDS:
            continue
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return words


def same(attribute: str, pred, gold) -> bool:
    """Attribute equality; two local indicators agree when their phrases share a content word.

    A local indicator is labelled with the indicator phrase of its sentence, and where
    such a phrase starts and ends is a convention ("new high-tech enterprises" /
    "high-tech enterprises recognised"): the phrases must name the same thing, which
    we test as sharing a content word. Scheme concepts must be equal.
    """
    if attribute == "indicator" and str(pred).startswith("local:") and str(gold).startswith("local:"):
        return bool(content_words(pred[6:]) & content_words(gold[6:]))
    return pred == gold


def _agree(pred: dict, gold: dict) -> int:
    return sum(same(a, pred[a], gold[a]) for a in ATTRIBUTES)


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def score_file(gold: dict, predicted: list[dict]) -> FileScore:
    paragraphs = [tuple(p) for p in gold["paragraphs"]]
    inside = [p for p in predicted if any(s <= p["start"] and p["end"] <= e for s, e in paragraphs)]
    score = FileScore(gold["source"], gold=len(gold["observations"]), predicted=len(inside))
    pairs = []
    for gi, g in enumerate(gold["observations"]):
        for pi, p in enumerate(inside):
            if _overlap(g, p) > 0:
                pairs.append((-_agree(p, g), -_overlap(g, p), gi, pi))
    used_g, used_p = set(), set()
    for _, _, gi, pi in sorted(pairs):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold["observations"][gi], inside[pi]
        score.matched += 1
        wrong = {a: {"gold": str(g[a]), "predicted": str(p[a])} for a in ATTRIBUTES if not same(a, p[a], g[a])}
        for a in ATTRIBUTES:
            score.correct[a] += a not in wrong
        if wrong:
            score.errors.append({"kind": "mismatch", "start": g["start"], "end": g["end"], "text": g["text"], "attributes": wrong})
    for gi, g in enumerate(gold["observations"]):
        if gi not in used_g:
            score.errors.append({"kind": "missed", "start": g["start"], "end": g["end"], "text": g["text"], "indicator": g["indicator"]})
    for pi, p in enumerate(inside):
        if pi not in used_p:
            score.errors.append({"kind": "spurious", "start": p["start"], "end": p["end"], "indicator": p["indicator"], "value": str(p["value"])})
    score.errors.sort(key=lambda e: (e["start"], e["end"], e["kind"]))
    return score


def evaluate(gold_paths: list[Path], out_dir: Path) -> tuple[FileScore, list[FileScore]]:
    preds = predictions(out_dir)
    built = built_sources(out_dir)
    files = []
    for path in sorted(gold_paths):
        gold = load_gold(path)
        if gold["source"] not in built:
            raise DataError(f"{gold['source']} is not in the build in {out_dir} (build it first)", path=str(path))
        if gold.get("sha256") and gold["sha256"] != built[gold["source"]]:
            raise DataError(f"annotated on a different text than the {gold['source']} in the build (sha256 differs)", path=str(path))
        files.append(score_file(gold, preds.get(gold["source"], [])))
    total = FileScore("all")
    for item in files:
        total.add(item)
    return total, files


def render(total: FileScore, files: list[FileScore]) -> str:
    header = ["source", "gold", "pred", "match", "P", "R", "F1"] + list(ATTRIBUTES)
    rows = []
    for item in files + [total]:
        rows.append([item.source, str(item.gold), str(item.predicted), str(item.matched),
                     f"{item.precision:.3f}", f"{item.recall:.3f}", f"{item.f1:.3f}"]
                    + [f"{item.accuracy(a):.3f}" for a in ATTRIBUTES])
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header] + rows]
    return "\n".join(lines) + "\n"
