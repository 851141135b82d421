"""Quality floors of the metric extractor on our gold (docs/gold.md), guarded in CI.

The floors are the issue's: observation precision >= 0.95 and recall >= 0.90; value,
unit, period, status, area and indicator accuracy >= 0.95 (we hold every attribute to it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import ATTRIBUTES, evaluate, score_file


GOLD = sorted((Path(__file__).parent / "gold").glob("*.json"))
PRECISION, RECALL, ACCURACY = 0.95, 0.90, 0.95


@pytest.fixture(scope="module")
def scores(samples_build):
    return evaluate(GOLD, samples_build)


def test_gold_covers_at_least_three_reports():
    assert len(GOLD) >= 3


def test_precision_and_recall_floors(scores):
    total, _ = scores
    assert total.precision >= PRECISION, f"precision {total.precision:.3f}"
    assert total.recall >= RECALL, f"recall {total.recall:.3f}"


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_attribute_accuracy_floor(scores, attribute):
    total, _ = scores
    assert total.accuracy(attribute) >= ACCURACY, f"{attribute} accuracy {total.accuracy(attribute):.3f}"


def test_every_file_is_scored(scores):
    _, files = scores
    assert [f.source for f in files] == sorted(f.source for f in files)
    assert all(f.gold and f.predicted for f in files)


# the scorer itself, on hand-made cases
G = {"start": 10, "end": 14, "text": "2.5%", "indicator": "gdp", "measure_type": "growth_rate", "value": 2.5,
     "value_max": None, "unit": "PERCENT", "comparator": "eq", "period": "2022", "status": "actual", "area": "330400"}


def test_scorer_counts_match_miss_and_spurious():
    inside = dict(G, start=11, end=15)
    outside = dict(G, start=500, end=504)
    spurious = dict(G, start=40, end=42, indicator="cpi")
    gold = {"source": "x", "paragraphs": [[0, 100]], "observations": [G, dict(G, start=60, end=64)]}
    score = score_file(gold, [inside, outside, spurious])
    assert (score.gold, score.predicted, score.matched) == (2, 2, 1)
    assert score.precision == 0.5 and score.recall == 0.5
    assert {e["kind"] for e in score.errors} == {"missed", "spurious"}


def test_scorer_local_indicators_share_a_content_word():
    gold = {"source": "x", "paragraphs": [[0, 100]], "observations": [dict(G, indicator="local:new high-tech enterprises")]}
    same = score_file(gold, [dict(G, indicator="local:high-tech enterprises recognised")])
    other = score_file(gold, [dict(G, indicator="local:new elderly care centres")])
    assert same.accuracy("indicator") == 1.0 and other.accuracy("indicator") == 0.0


# A held-out gold (tests/gold_heldout): report 004, annotated independently after the
# extractor was tuned on tests/gold, so it measures how the rules generalise. Its floors
# are the same for observations; attributes get 0.80 on 21 observations (one wrong
# attribute costs 0.05 there). Measured when added: P 1.000, R 0.952, period 0.850,
# every other attribute 1.000.
HELDOUT = sorted((Path(__file__).parent / "gold_heldout").glob("*.json"))


def test_heldout_floors(samples_build):
    total, _ = evaluate(HELDOUT, samples_build)
    assert total.gold >= 20
    assert total.precision >= PRECISION and total.recall >= RECALL, (total.precision, total.recall)
    for attribute in ATTRIBUTES:
        assert total.accuracy(attribute) >= 0.80, (attribute, total.accuracy(attribute))
