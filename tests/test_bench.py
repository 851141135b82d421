"""The synthetic corpus of bench/: deterministic, noisy like the samples, and read back by kg.

Fast tests only (no timing): small reports (--size-kb 6) build in seconds.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from click.testing import CliRunner

from bench.generate import generate, pairs, write_corpus
from kg.cli import main
from kg.extract.numbers import find_quantities
from kg.query import open_store, presets, run

SEED, SMALL = 7, 6  # seed 7's first three small reports have split decimals and NBSP (asserted below)
SPLIT = re.compile(r"(\d+)\. (\d{1,2})[ -](billion|million|trillion)")
SCALE = {"million": 6, "billion": 9, "trillion": 12}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench-corpus")
    write_corpus(3, out, seed=SEED, size_kb=SMALL)
    return out


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("bench-build")
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    return out


def rows(build, preset: str) -> list[dict]:
    table = run(open_store(build), presets()[preset])
    return [dict(zip(table.columns, row)) for row in table.rows]


def test_same_seed_same_bytes(tmp_path):
    write_corpus(3, tmp_path / "a", seed=SEED, size_kb=SMALL)
    write_corpus(3, tmp_path / "b", seed=SEED, size_kb=SMALL)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == 4  # three reports and corpus.json
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_another_seed_other_reports():
    assert [g.text for g in generate(2, SEED, SMALL)] != [g.text for g in generate(2, SEED + 1, SMALL)]


def test_a_larger_corpus_starts_with_the_smaller_one():
    assert pairs(3, SEED) == pairs(10, SEED)[:3]
    assert generate(2, SEED, SMALL)[1].text == generate(3, SEED, SMALL)[1].text


def test_full_size_reports_are_about_60_kb():
    sizes = [len(g.text.encode("utf-8")) for g in generate(4, SEED)]
    assert all(40_000 < s < 85_000 for s in sizes), sizes


def test_the_noise_of_the_samples_is_there(corpus):
    text = "".join(p.read_text("utf-8") for p in sorted(corpus.glob("*.txt")))
    assert "\u00a0" in text
    assert SPLIT.search(text)
    assert re.search(r"^(?:\u2014 \d+ \u2014|- \d+ -|\d+)$", text, re.M)  # a page number line
    assert "print close" in text or "Scan to open the current page on your phone" in text


def test_split_decimals_are_read_as_one_number(corpus):
    checked = 0
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text("utf-8")
        quantities = find_quantities(text)
        for m in SPLIT.finditer(text):
            expected = Decimal(f"{m[1]}.{m[2]}").scaleb(SCALE[m[3]])
            hits = [q for q in quantities if q.start <= m.start() < q.end]
            assert hits and hits[0].value == expected, (path.name, m[0], hits)
            checked += 1
    assert checked


def test_kg_reads_back_the_gdp_the_generator_wrote(corpus, built):
    truth = json.loads((corpus / "corpus.json").read_text("utf-8"))["reports"]
    gdp = {(r["source"], Decimal(r["value"])) for r in rows(built, "observations") if r["indicator"] == "gross domestic product"
           and r["status"] == "actual"}
    for name, facts in sorted(truth.items()):
        assert (name, Decimal(facts["gdp_value"])) in gdp, (name, facts["gdp_written"])


def test_reports_have_their_place_and_year(corpus, built):
    truth = json.loads((corpus / "corpus.json").read_text("utf-8"))["reports"]
    got = {r["source"]: (r["jurisdiction"], r["report_year"]) for r in rows(built, "reports")}
    assert got == {name: (t["place"], str(t["report_year"])) for name, t in truth.items()}


@pytest.mark.parametrize("preset", ["policies", "projects"])
def test_every_report_has_policies_and_projects(built, corpus, preset):
    sources = {r["source"] for r in rows(built, preset)}
    assert sources == {p.name for p in corpus.glob("*.txt")}
