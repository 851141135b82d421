"""Every preset returns real rows on the five samples; observation presets keep their contract."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import presets

from .conftest import SAMPLES, sample

OBSERVATION_COLUMNS = [
    "source", "observation", "start", "end", "quote", "indicator", "value", "unit", "measure_type",
    "comparator", "value_max", "period", "status", "area",
]


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(samples_build):
    return samples_build


def rows(out, name, *params):
    args = ["query", name, "-o", out, "--format", "csv"]
    for param in params:
        args += ["--param", param]
    result = run(*args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


# preset, parameters, a check on the rows
CASES = [
    ("reports", (), lambda r: len(r) == 5),
    ("observations", (), lambda r: len(r) > 500),
    ("indicator-series", ("indicator=gdp", "place=Jiaxing"),
     lambda r: {x["period"] for x in r} >= {"2022", "2024"} and {x["place_name"] for x in r} == {"Jiaxing"}),
    ("city-comparison", ("indicator=gdp", "period=2022"),
     lambda r: r and all(x["period"] == "2022" and x["status"] in ("actual", "estimated") for x in r)),
    ("report-targets", ("source=000_307afd3bdd958b57.txt",),
     lambda r: r and {x["source"] for x in r} == {"000_307afd3bdd958b57.txt"} and {x["period"] for x in r} == {"2023"}),
    ("targets-vs-actuals", ("place=Jiaxing", "period=2023"),
     lambda r: r and {x["verdict"] for x in r} <= {"met", "missed", "not reported"}),
    ("policies", (), lambda r: len({x["source"] for x in r}) == 5 and all(x["policy"] and x["start"] < x["end"] or True for x in r)),
    ("projects", (), lambda r: len({x["source"] for x in r}) >= 4 and all(x["type"] for x in r)),
    ("policies-shared", (), lambda r: any(x["name"] == "Double-Eight Strategy" and int(x["reports"]) >= 3 for x in r)),
    ("policy-timeline", ("policy=Double-Eight Strategy",),
     lambda r: {x["name"] for x in r} == {"Double-Eight Strategy"} and len({x["year"] for x in r}) >= 3),
    ("projects-by-status", (), lambda r: {x["status"] for x in r} >= {"under_construction", "in_operation"}),
    ("places-mentioned", (), lambda r: any(x["source"].startswith("000") and x["place_name"] == "Jiaxing" for x in r)),
    ("regions-mentioned", (),
     lambda r: {x["source"][:3] for x in r if x["name"] == "Yangtze River Delta"} == {"000", "001", "002", "003"}
     and any(x["source"].startswith("002") and x["name"] == "Zhejiang Greater Bay Area" for x in r)),
    ("organizations", (),
     lambda r: {x["source"][:3] for x in r if x["name"] == "State Council"} == {"000", "001", "002", "003", "004"}
     and any(x["source"].startswith("001") and x["name"] == "Tsinghua University" and x["type"] == "university" for x in r)
     and any(x["source"].startswith("000") and x["name"] == "Jushi Group" and x["type"] == "company" for x in r)),
]

TEXTS = {}


def _quote_at(row) -> bool:
    """The row's quote is the source text at its offsets (read at run time from the samples)."""
    if row["source"] not in TEXTS:
        TEXTS[row["source"]] = sample(row["source"][:3]).read_text("utf-8")
    return TEXTS[row["source"]][int(row["start"]):int(row["end"])] == row["quote"]


def _descending(values: list[str]) -> bool:
    numbers = [float(v) for v in values]
    return numbers == sorted(numbers, reverse=True)


CASES += [
    ("rankings", ("place=Jiaxing",),
     lambda r: r and {x["place_name"] for x in r} == {"Jiaxing"} and any("Zhejiang" in x["scope"] for x in r)
     and all(float(x["rank"]) >= 1 for x in r)),
    ("fastest-growing", ("place=Jiaxing", "period=2024"),
     lambda r: r and {x["period"] for x in r} == {"2024"} and _descending([x["growth_percent"] for x in r])
     and any(x["indicator_label"] == "gross domestic product" and x["growth_percent"] == "5.6" for x in r)),
    ("fact-source", ("text=673.95",),
     lambda r: r and r[0]["quote"] == "673.95 billion yuan" and r[0]["source"].startswith("000")
     and r[0]["indicator_label"] == "gross domestic product" and all(_quote_at(x) for x in r)),
    ("dataset-overview", (),
     lambda r: {x["class"]: int(x["instances"]) for x in r}["https://w3id.org/cngov/def/kg#Report"] == 5
     and {x["class"]: int(x["instances"]) for x in r}["https://w3id.org/cngov/def/kg#Observation"] > 500),
    ("report-diff", ("place=Jiaxing",),
     lambda r: {(x["from_year"], x["to_year"]) for x in r} == {("2023", "2025")}
     and {(x["kind"], x["change"]) for x in r} == {("policy", "new"), ("policy", "dropped"), ("indicator", "new"), ("indicator", "dropped")}
     and "14th Five-Year Plan" not in {x["name"] for x in r}),
    ("indicator-everywhere", ("indicator=gdp",),
     lambda r: {x["source"][:3] for x in r} >= {"000", "001", "002", "003"} and all(_quote_at(x) for x in r)
     and {x["indicator_label"] for x in r} == {"gross domestic product"}),
]

POLICY_COLUMNS = ["source", "policy", "name", "aliases", "level", "start", "end"]
PROJECT_COLUMNS = ["source", "project", "name", "type", "status", "location", "start", "end"]


@pytest.mark.parametrize("name, columns", [("policies", POLICY_COLUMNS), ("projects", PROJECT_COLUMNS)])
def test_entity_presets_columns_and_spans(built, name, columns):
    result = rows(built, name)
    assert list(result[0]) == columns
    texts = {p.name: p.read_text("utf-8") for p in SAMPLES}
    for row in result:
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end <= len(texts[row["source"]])


def test_double_eight_strategy_is_one_resource_across_reports(built):
    """The provincial strategy under its spellings in several reports is one IRI."""
    result = [x for x in rows(built, "policies") if x["name"] == "Double-Eight Strategy"]
    assert len({x["policy"] for x in result}) == 1
    assert len({x["source"] for x in result}) >= 3


def test_every_preset_has_a_case():
    assert sorted(presets()) == sorted(c[0] for c in CASES)


@pytest.mark.parametrize("name, params, check", CASES, ids=[c[0] for c in CASES])
def test_preset_returns_real_rows(built, name, params, check):
    result = rows(built, name, *params)
    assert result and check(result), result[:3]


def test_observations_columns_and_quotes(built):
    result = rows(built, "observations")
    assert list(result[0]) == OBSERVATION_COLUMNS
    texts = {p.name: p.read_text("utf-8") for p in SAMPLES}
    for row in result:
        start, end = int(row["start"]), int(row["end"])
        assert texts[row["source"]][start:end] == row["quote"], row
        assert row["status"] in ("actual", "estimated", "target")


def test_gdp_of_jiaxing_2022(built):
    """The headline figure: 673.95 billion yuan and 2.5% growth, exact and traceable."""
    series = rows(built, "indicator-series", "indicator=gdp", "place=Jiaxing")
    facts = {(x["period"], x["measure_type"], x["status"]): x["value"] for x in series}
    assert facts[("2022", "level", "actual")] == "673950000000"
    assert facts[("2022", "growth_rate", "actual")] == "2.5"


def test_targets_vs_actuals_pairs_jiaxing_2023_targets(built):
    """Jiaxing's 2023 targets (report of 2023) against what the later Jiaxing report says of 2023."""
    result = rows(built, "targets-vs-actuals", "place=Jiaxing", "period=2023")
    assert {x["target_source"] for x in result} == {sample("000").name}
    gdp = [x for x in result if x["indicator_label"] == "gross domestic product" and x["measure_type"] == "growth_rate"]
    assert gdp and gdp[0]["target_value"] == "6" and gdp[0]["target_comparator"] == "approx"
    # the 2025 report reviews 2024: it states no 2023 figures, so nothing can be met or missed
    assert {x["verdict"] for x in result} == {"not reported"}


def test_unknown_parameter_is_an_error(built):
    result = run("query", "observations", "-o", built, "--param", "place=Jiaxing")
    assert result.exit_code == 2 and "no parameter place" in result.output


def test_targets_vs_actuals_verdicts_on_the_bundled_example(tmp_path):
    """The 2024 targets of the example's first report against the 2024 figures of its second."""
    from kg.cli import default_inputs

    out = tmp_path / "out"
    assert run("build", *default_inputs(), "-o", out, "-q").exit_code == 0
    result = rows(out, "targets-vs-actuals", "place=Huzhou", "period=2024")
    verdicts = {(x["indicator_label"], x["measure_type"]): (x["verdict"], x["actual_value"]) for x in result}
    assert verdicts[("gross domestic product", "growth_rate")] == ("met", "5.8")  # around 6%: 5% slack
    assert verdicts[("fixed-asset investment", "growth_rate")] == ("missed", "6.5")  # about 7%
    assert verdicts[("consumer price index", "growth_rate")] == ("met", "0.4")  # polarity down: at or below
    assert verdicts[("surveyed urban unemployment rate", "rate")] == ("met", "2.8")  # below 5%
    assert {v for v, _ in verdicts.values()} == {"met", "missed", "not reported"}
