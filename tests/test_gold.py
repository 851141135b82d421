"""The gold annotations of observations (tests/gold/*.json, format: docs/gold.md).

The gold is the yardstick `kg eval` measures the extractor against, so it is checked
against the sources it points into: the file is in the documented format, the
source's decoded text has the recorded hash, every span quotes the source exactly and
lies inside an annotated paragraph, the paragraphs are exactly those that
scripts/gold_paragraphs.py selects (no cherry-picking), and every code it uses exists
(units in kg/data/units.tsv, indicators in ontology/indicators.ttl, areas in the
gazetteer).
"""

from __future__ import annotations

import importlib.util
import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from kg.gazetteer import default_gazetteer
from kg.ingest import read_document
from kg.model import COMPARATORS, MEASURE_TYPES, STATUSES

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(__file__).parent / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
UNITS_TSV = ROOT / "kg" / "data" / "units.tsv"
INDICATORS_TTL = ROOT / "ontology" / "indicators.ttl"
SELECTOR = ROOT / "scripts" / "gold_paragraphs.py"

TOP_KEYS = {"source", "sha256", "paragraphs", "observations"}
OBS_KEYS = {
    "start", "end", "text", "indicator", "measure_type", "value", "value_max", "unit",
    "comparator", "period", "status", "area", "rank_scope",
}  # fmt: skip
PERIOD = re.compile(r"\d{4}|\d{4}/\d{4}|\d{4}-(0[1-9]|1[0-2])/\d{4}-(0[1-9]|1[0-2])")
LOCAL = re.compile(r"local:\S(?:.*\S)?")
# measure types whose unit is fixed by the type itself
UNIT_OF_TYPE = {"rank": "NUM", "growth_rate": "PERCENT", "pp_change": "PERCENT_POINT"}


def test_there_is_gold() -> None:
    assert GOLD_FILES, f"no gold annotations in {GOLD_DIR}"


@cache
def gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def source_text(reports_dir: Path, name: str) -> tuple[str, str]:
    """(decoded text, sha256) of a sample report, read the way `kg build` reads it."""
    doc = read_document(reports_dir / name)
    return doc.text, doc.sha256


@cache
def unit_codes() -> frozenset[str]:
    rows = [ln for ln in UNITS_TSV.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return frozenset(row.split("\t")[0] for row in rows[1:]) | {"NUM"}


@cache
def indicator_notations() -> frozenset[str]:
    if not INDICATORS_TTL.is_file():
        pytest.fail(f"{INDICATORS_TTL} is missing: the gold's indicator notations cannot be checked")
    graph = Graph().parse(INDICATORS_TTL, format="turtle")
    return frozenset(str(o) for o in graph.objects(None, SKOS.notation))


@cache
def selector():
    """scripts/gold_paragraphs.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("gold_paragraphs", SELECTOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _decimal(text: object, where: str) -> Decimal:
    assert isinstance(text, str), f"{where}: must be a decimal string, not {text!r}"
    try:
        value = Decimal(text)
    except InvalidOperation:
        pytest.fail(f"{where}: {text!r} is not a decimal")
    assert value.is_finite(), f"{where}: {text!r} is not finite"
    return value


gold_files = pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])


@gold_files
def test_format(path: Path) -> None:
    data = gold(path)
    assert set(data) == TOP_KEYS, f"{path.name}: top-level keys {sorted(data)}"
    assert data["source"] == path.stem + ".txt", f"{path.name}: named after another source"
    assert re.fullmatch(r"[0-9a-f]{64}", data["sha256"]), f"{path.name}: sha256 is not 64 hex digits"
    for p in data["paragraphs"]:
        assert len(p) == 2 and all(isinstance(x, int) for x in p) and 0 <= p[0] < p[1], f"{path.name}: paragraph {p}"
    for o in data["observations"]:
        where = f"{path.name} at {o.get('start')}"
        assert set(o) == OBS_KEYS, f"{where}: keys {sorted(o)}"
        assert isinstance(o["start"], int) and isinstance(o["end"], int) and 0 <= o["start"] < o["end"], where
        assert o["measure_type"] in MEASURE_TYPES, f"{where}: measure_type {o['measure_type']!r}"
        assert o["comparator"] in COMPARATORS, f"{where}: comparator {o['comparator']!r}"
        assert o["status"] in STATUSES, f"{where}: status {o['status']!r}"
        assert o["unit"] in unit_codes(), f"{where}: unit {o['unit']!r} is not in units.tsv (nor NUM)"
        assert PERIOD.fullmatch(o["period"]), f"{where}: period {o['period']!r}"
        assert isinstance(o["area"], str) and o["area"], f"{where}: area {o['area']!r}"


@gold_files
def test_values(path: Path) -> None:
    for o in gold(path)["observations"]:
        where = f"{path.name} at {o['start']}"
        value = _decimal(o["value"], f"{where} value")
        if o["comparator"] == "range":
            assert _decimal(o["value_max"], f"{where} value_max") > value, f"{where}: empty range"
        else:
            assert o["value_max"] is None, f"{where}: value_max without a range"
        unit = UNIT_OF_TYPE.get(o["measure_type"])
        assert unit is None or o["unit"] == unit, f"{where}: a {o['measure_type']} is in {unit}, not {o['unit']}"
        is_rank = o["measure_type"] == "rank"
        assert is_rank == isinstance(o["rank_scope"], str), f"{where}: rank_scope is for ranks (and ranks have one)"
        assert not is_rank or value == value.to_integral_value() >= 1, f"{where}: rank {value}"


@gold_files
def test_source_identity(path: Path, reports_dir: Path) -> None:
    data = gold(path)
    assert (reports_dir / data["source"]).is_file(), f"{path.name}: no {data['source']} in {reports_dir}"
    _, sha = source_text(reports_dir, data["source"])
    assert data["sha256"] == sha, f"{path.name}: the source's decoded text has changed (sha256)"


@gold_files
def test_spans_quote_the_source(path: Path, reports_dir: Path) -> None:
    data = gold(path)
    text, _ = source_text(reports_dir, data["source"])
    paragraphs = data["paragraphs"]
    seen = set()
    for o in data["observations"]:
        where = f"{path.name} at {o['start']}"
        assert o["text"] == text[o["start"] : o["end"]], f"{where}: text {o['text']!r} != source"
        assert any(s <= o["start"] and o["end"] <= e for s, e in paragraphs), f"{where}: outside the paragraphs"
        key = (o["start"], o["end"], o["indicator"], o["measure_type"])
        assert key not in seen, f"{where}: annotated twice"
        seen.add(key)
    starts = [(o["start"], o["end"]) for o in data["observations"]]
    assert starts == sorted(starts), f"{path.name}: observations are not in text order"


@gold_files
def test_paragraphs_follow_the_rule(path: Path, reports_dir: Path) -> None:
    """The annotated paragraphs are the ones the fixed rule selects, no more, no fewer."""
    data = gold(path)
    chosen = selector().paragraphs_for(reports_dir / data["source"])
    assert [tuple(p) for p in data["paragraphs"]] == chosen


@gold_files
def test_indicators_exist(path: Path) -> None:
    notations = indicator_notations()
    for o in gold(path)["observations"]:
        ind = o["indicator"]
        ok = LOCAL.fullmatch(ind) and ind == ind.lower() if ind.startswith("local:") else ind in notations
        assert ok, f"{path.name} at {o['start']}: indicator {ind!r} is not in indicators.ttl nor a local:<phrase>"


@gold_files
def test_areas_exist(path: Path) -> None:
    gazetteer = default_gazetteer()
    for o in gold(path)["observations"]:
        assert gazetteer.get(o["area"]) is not None, f"{path.name} at {o['start']}: area {o['area']!r} unknown"


def test_selector_rule_on_a_sample(reports_dir: Path) -> None:
    """The rule itself: all targets paragraphs plus the five most digit-rich others."""
    from kg.segment import segment

    seg = segment(read_document(reports_dir / "000_307afd3bdd958b57.txt"))
    chosen = selector().gold_paragraphs(seg)
    targets = [(p.start, p.end) for s in seg.sections if s.kind == "targets" for p in s.paragraphs]
    assert targets and set(targets) <= set(chosen)
    assert len(chosen) == len(targets) + selector().TOP_DIGIT_PARAGRAPHS
    assert chosen == sorted(chosen)
