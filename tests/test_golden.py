"""Golden end-to-end cases, compared by graph isomorphism (IRIs are deterministic).

Regenerate after an intended change with  KG_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.cli import default_inputs, main


CASES = Path(__file__).parent / "cases"
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


def test_bundled_example_graph(tmp_path):
    out = tmp_path / "out"
    result = run("build", *default_inputs(), "-o", out, "-q")
    assert result.exit_code == 0, result.output
    expected_path = CASES / "example" / "expected.ttl"
    if UPDATE:
        expected_path.write_bytes((out / "graph.ttl").read_bytes())
    actual = Graph().parse(out / "graph.ttl")
    expected = Graph().parse(expected_path)
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        extra = sorted(t.n3() for triple in only_actual for t in triple[:1])[:5]
        missing = sorted(t.n3() for triple in only_expected for t in triple[:1])[:5]
        raise AssertionError(f"graph differs from the golden case: extra subjects {extra}, missing {missing}")


def test_samples_reports_table(samples_build):
    """Every metadata field of the five samples, as the `reports` preset gives it."""
    out = samples_build
    actual = run("query", "reports", "-o", out, "--format", "csv").output
    expected_path = CASES / "samples" / "reports.csv"
    if UPDATE:
        expected_path.write_text(actual, encoding="utf-8", newline="")
    expected = expected_path.read_text("utf-8")
    assert actual.splitlines() == expected.splitlines()
