"""Policies and projects against tests/gold_entities (docs/gold-entities.md).

The issue's floors: policies precision >= 0.85 and recall >= 0.80; projects precision
>= 0.80 and recall >= 0.75. Those not met yet are strict xfails, so reaching one
shows. Measured when added (3 reports): policies P 0.885 R 0.377, projects P 0.951 R 0.712;
with the package, brand, place-reform, slogan and head-titled finders and 46 more curated
policies: policies P 0.920 R 0.885; with lower-case modifiers before a head, glue-tolerant
names and more heads: projects P 0.956 R 0.901.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate_entities import evaluate_entities, score_kind


GOLD = sorted((Path(__file__).parent / "gold_entities").glob("*.json"))


HELDOUT = sorted((Path(__file__).parent / "gold_entities_heldout").glob("*.json"))


@pytest.fixture(scope="module")
def built(samples_build):
    return samples_build


@pytest.fixture(scope="module")
def totals(built):
    return evaluate_entities(GOLD, built)


@pytest.mark.parametrize("kind, measure, floor", [
    ("policies", "precision", 0.80), ("policies", "recall", 0.58),
    ("projects", "precision", 0.85), ("projects", "recall", 0.55),
])
def test_heldout_no_regression(built, kind, measure, floor):
    """The blind held-out set (docs/gold-entities.md): what the extractors do on text they were
    not written against. Floors just under what was measured (policies P 0.872 R 0.621,
    projects P 0.938 R 0.584); not the issue's floors, which hold on the tuning set."""
    assert HELDOUT
    assert getattr(evaluate_entities(HELDOUT, built)[kind], measure) >= floor


@pytest.mark.parametrize(
    "kind, measure, floor",
    [
        ("policies", "precision", 0.85),
        ("policies", "recall", 0.80),
        ("projects", "precision", 0.80),
        ("projects", "recall", 0.75),
    ],
)
def test_issue_floors(totals, kind, measure, floor):
    assert getattr(totals[kind], measure) >= floor


@pytest.mark.parametrize("kind, recall", [("policies", 0.87), ("projects", 0.89)])
def test_no_regression_below_what_was_measured(totals, kind, recall):
    assert totals[kind].recall >= recall


def test_scorer_matches_by_overlapping_mentions():
    gold = [{"mentions": [{"start": 10, "end": 20}]}, {"mentions": [{"start": 50, "end": 60}, {"start": 90, "end": 95}]}]
    predicted = {"a": [(12, 18)], "b": [(91, 94)], "c": [(200, 210)]}
    score = score_kind(gold, predicted, "policies")
    assert (score.gold, score.predicted, score.matched) == (2, 3, 2)
