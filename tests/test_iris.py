"""Local indicator IRIs: readable slugs, never shared by two different phrases."""

from __future__ import annotations

import pytest

from kg.rdf.iris import Minter

M = Minter("https://w3id.org/cngov/")


@pytest.mark.parametrize("phrase, iri", [
    ("gdp per mu", "https://w3id.org/cngov/id/indicator/gdp-per-mu"),
    ("sales of smart home products", "https://w3id.org/cngov/id/indicator/sales-of-smart-home-products"),
])
def test_plain_phrases_keep_their_slug(phrase, iri):
    assert str(M.local_indicator(phrase)) == iri


@pytest.mark.parametrize("a, b", [
    ("policies for boosting consumption and cut taxes and fees", "policies for boosting consumption, and cut taxes and fees"),
    ("r&d investment", "r d investment"),
    ("x" * 90 + " one", "x" * 90 + " two"),
])
def test_phrases_that_slug_alike_get_different_iris(a, b):
    assert M.local_indicator(a) != M.local_indicator(b)
    assert M.local_indicator(a) == M.local_indicator(a)
