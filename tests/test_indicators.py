"""The indicator scheme (ontology/indicators.ttl) and its matcher (kg/indicators.py).

Phrases below are written in the style of the reports, not copied from them; the sample
tests read ../shared/reports at run time and locate numbers there by their digits.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from .conftest import sample
from rdflib import Graph, URIRef

from kg.errors import DataError
from kg.indicators import MEASURE_TYPES, IndicatorScheme, default_scheme, label_key, respectively
from kg.rdf.namespaces import KG, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
TTL = ROOT / "ontology" / "indicators.ttl"
SCHEME = URIRef("https://w3id.org/cngov/def/indicator")


@pytest.fixture(scope="module")
def scheme() -> IndicatorScheme:
    return default_scheme()


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(TTL, format="turtle")


def notations(scheme: IndicatorScheme, text: str) -> list[str]:
    return [ind.notation for _, _, ind in scheme.match(text)]


# ------------------------------------------------------------------ matching phrases

MATCH = [
    # phrase as reports write it                                          expected mentions, in order
    ("The gross domestic product (GDP) grew by 5.2% year on year", ["gdp", "gdp"]),
    ("the city's GDP exceeded 800 billion yuan", ["gdp"]),
    ("Regional GDP is projected to grow by around 5.5%", ["gdp"]),
    ("our gross domestic products rose 4.8%", ["gdp"]),
    ("gross regional product reached 1.2 trillion yuan", ["gdp"]),
    ("GDP per capita topped 150,000 yuan", ["gdp_per_capita"]),
    ("per capita GDP reached 21,000 US dollars", ["gdp_per_capita"]),
    ("the added value of the tertiary industry accounted for 56% of GDP", ["tertiary_industry_added_value", "gdp"]),
    ("the added value of industrial enterprises above designated size rose 7%", ["industrial_added_value_above_designated_size"]),
    ("industrial added value above designated size grew 6.1%", ["industrial_added_value_above_designated_size"]),
    ("Added value of industries above the designated size", ["industrial_added_value_above_designated_size"]),
    ("theadded valueof industrial firms above designated size", ["industrial_added_value_above_designated_size"]),
    ("the added value of above-scale industrial enterprises", ["industrial_added_value_above_designated_size"]),
    ("the number of industrial enterprises above designated size reached 9,000", ["enterprises_above_designated_size"]),
    ("high-tech industries’ added value", ["high_tech_industry_added_value"]),
    ("the added value of the digital economy core industries grew 11%", ["digital_economy_core_industries_added_value"]),
    ("the added value of strategic emerging industries", ["strategic_emerging_industries_added_value"]),
    ("The general public budget revenue was 70 billion yuan", ["general_public_budget_revenue"]),
    ("Income of general public budget increased by 2%", ["general_public_budget_revenue"]),
    ("the total fiscal revenue rose by 6.1%", ["total_fiscal_revenue"]),
    ("the growth of fiscal revenue is about 5%", ["fiscal_revenue"]),
    ("general public budget revenue and tax revenue", ["general_public_budget_revenue", "tax_revenue"]),
    ("the proportion of tax revenue in general public budget revenue", ["tax_revenue_share"]),
    ("general public budget expenditure on people's livelihood", ["general_public_budget_expenditure"]),
    ("a deficit-to-GDP ratio of around 3%", ["deficit_to_gdp_ratio"]),
    ("local government special bonds of 35 billion yuan", ["special_bonds"]),
    ("secured special-purpose bonds", ["special_bonds"]),
    ("ultra-long special treasury bonds", ["ultra_long_special_treasury_bonds"]),
    ("investment in fixed assets went up 4%", ["fixed_asset_investment"]),
    ("Fixed-asset investment increased by 3.1%", ["fixed_asset_investment"]),
    ("the fixed\u00a0asset  investment", ["fixed_asset_investment"]),
    ("fixed assets investment", ["fixed_asset_investment"]),
    ("investment in the manufacturing industry grew 12%", ["manufacturing_investment"]),
    ("high-tech industry investment rose 20%", ["high_tech_industry_investment"]),
    ("total retail sales of consumer goods increased by 6%", ["retail_sales"]),
    ("total retail sales of social consumer goods", ["retail_sales"]),
    ("online retail sales rose by 10%", ["online_retail_sales"]),
    ("a total import and export volume of 500 billion yuan", ["import_export"]),
    ("Total volume of imports and exports increased by 9%", ["import_export"]),
    ("foreign trade grew steadily", ["import_export"]),
    ("exports increased by 10%", ["exports"]),
    ("the city’s export trade", ["exports"]),
    ("cross-border e-commerce imports and exports", ["cross_border_ecommerce"]),
    ("the actual use of foreign capital reached 2 billion US dollars", ["foreign_capital_actually_used"]),
    ("foreign capital actually utilized", ["foreign_capital_actually_used"]),
    ("tourism revenue rose 12%", ["tourism_revenue"]),
    ("the CPI is kept below 3%", ["cpi"]),
    ("consumer prices rose by around 3%", ["cpi"]),
    ("the surveyed urban unemployment rate stayed around 5.5%", ["surveyed_unemployment_rate"]),
    ("the urban surveyed unemployment rate", ["surveyed_unemployment_rate"]),
    ("the registered urban unemployment rate was 2.5%", ["registered_unemployment_rate"]),
    ("the registered unemployment rate", ["registered_unemployment_rate"]),
    ("the surveyed and registered unemployment rates", ["surveyed_unemployment_rate", "registered_unemployment_rate"]),
    ("the unemployment rate was 3%", ["unemployment_rate"]),
    ("created 120,000 new urban jobs", ["new_urban_jobs"]),
    ("new jobs in cities and towns", ["new_urban_jobs"]),
    ("per capita disposable income of urban residents", ["urban_per_capita_disposable_income"]),
    ("rural residents’ per capita disposable income", ["rural_per_capita_disposable_income"]),
    ("rural residents' income", ["rural_per_capita_disposable_income"]),
    ("Rural residentsincomes stayed the highest", ["rural_per_capita_disposable_income"]),
    ("the per capita disposable income of residents", ["per_capita_disposable_income"]),
    ("the per capita disposable incomes of urban and rural residents",
     ["urban_per_capita_disposable_income", "rural_per_capita_disposable_income"]),
    ("urban and rural residents' income", ["urban_per_capita_disposable_income", "rural_per_capita_disposable_income"]),
    ("Income of urban and rural residents", ["urban_per_capita_disposable_income", "rural_per_capita_disposable_income"]),
    ("the income ratio between urban and rural residents", ["urban_rural_income_ratio"]),
    ("The balances of deposits and loans of financial institutions", ["deposits", "loans"]),
    ("RMB loans grew 10%", ["loans"]),
    ("loans to small and micro enterprises", ["small_micro_loans"]),
    ("the non-performing loan ratio", ["npl_ratio"]),
    ("the container throughput of the port", ["container_throughput"]),
    ("cargo throughput", ["cargo_throughput"]),
    ("grain output stayed above 650 million tonnes", ["grain_output"]),
    ("high-standard farmland", ["high_standard_farmland"]),
    ("the average PM2.5 concentration fell to 28 micrograms per cubic meter", ["pm25_concentration"]),
    ("the PM_2.5 concentration", ["pm25_concentration"]),
    ("the proportion of days with good air quality reached 90%", ["good_air_quality_days"]),
    ("energy consumption per unit of GDP fell by 3%", ["energy_intensity"]),
    ("energy consumption intensity", ["energy_intensity"]),
    ("carbon dioxide emissions per unit of GDP", ["carbon_intensity"]),
    ("the forest coverage rate", ["forest_coverage"]),
    ("R&D investment intensity reached 3.5%", ["rd_intensity"]),
    ("R&D intensity", ["rd_intensity"]),
    ("R&D spending rose by 12%", ["rd_expenditure"]),
    ("the fiscal expenditure on science and technology", ["science_technology_expenditure"]),
    ("the number of high-tech enterprises reached 5,000", ["high_tech_enterprises"]),
    ("high-value invention patents per 10,000 people", ["high_value_invention_patents_per_10k"]),
    ("the permanent resident population", ["resident_population"]),
    ("the urbanization rate of permanent residents reached 70%", ["urbanization_rate"]),
    ("average life expectancy", ["life_expectancy"]),
    ("the number of accidents and deaths fell", ["production_safety_accidents", "accident_deaths"]),
    ("road traffic accidents fell", ["road_traffic_accidents"]),
    ("5G base stations", ["base_stations_5g"]),
    # near misses: never the wrong concept
    ("gross output value of agriculture", ["agricultural_output_value"]),
    ("total industrial output value above designated size", ["industrial_output_value_above_designated_size"]),
    ("special treasury bonds", ["ultra_long_special_treasury_bonds"]),
    ("fire accidents", ["fire_accidents"]),
    ("the plenary session adopted the proposals", []),
    ("the consumption of new energy vehicles", []),
    ("the important instructions", []),
]


@pytest.mark.parametrize("text, expected", MATCH, ids=[m[0][:50] for m in MATCH])
def test_match(scheme, text, expected):
    assert notations(scheme, text) == expected


def test_match_spans_are_the_words(scheme):
    text = "Our gross domestic products (GDP) reached 756.95 billion yuan"
    assert [text[s:e] for s, e, _ in scheme.match(text)] == ["gross domestic products", "GDP"]


def test_coordination_splits_into_two_spans(scheme):
    text = "the per capita disposable incomes of urban and rural residents"
    assert [text[s:e] for s, e, _ in scheme.match(text)] == ["per capita disposable incomes of urban", "rural residents"]


MISSES = [
    ("Gross output value to be increased by 6%", ["gdp"]),  # a mistranslation of GDP; usually industrial output
    ("the sown areas and yields of grain", ["grain_sown_area"]),
    ("579 more enterprises were certified as national hi-tech ones", ["high_tech_enterprises"]),
]


@pytest.mark.parametrize("text, expected", [pytest.param(*m, marks=pytest.mark.xfail(strict=True)) for m in MISSES])
def test_known_match_misses(scheme, text, expected):
    assert notations(scheme, text) == expected


# ------------------------------------------------------------------ which mention a number measures

BEST_FOR = [
    # sentence                                                                 number   indicator
    ("GDP reached 673.95 billion yuan, a growth of 2.5% year on year", "673.95", "gdp"),
    ("GDP reached 673.95 billion yuan, a growth of 2.5% year on year", "2.5", "gdp"),
    ("the total fiscal revenue and general public budget revenue reached 120 billion yuan and 65 billion yuan "
     "respectively", "120", "total_fiscal_revenue"),
    ("the total fiscal revenue and general public budget revenue reached 120 billion yuan and 65 billion yuan "
     "respectively", "65", "general_public_budget_revenue"),
    ("The balances of deposits and loans reached 2.1 trillion yuan and 1.9 trillion yuan respectively, "
     "a respective increase of 9.5% and 11.2%", "11.2", "loans"),
    ("Exports increased by 9%, and the total import and export volume reached 500 billion yuan", "9", "exports"),
    ("Exports increased by 9%, and the total import and export volume reached 500 billion yuan", "500", "import_export"),
    ("we created 120,000 new urban jobs last year", "120,000", "new_urban_jobs"),
    ("We issued 30. 5-billion-yuan special-purpose bonds", "30. 5", "special_bonds"),
    ("strive to achieve a 6% growth in total retail sales of consumer goods", "6", "retail_sales"),
    ("the container throughput reached 3 million TEUs, an increase of 12%", "12", "container_throughput"),
    ("The CPI rose by 2.1%; the surveyed urban unemployment rate is kept within 5.5%", "2.1", "cpi"),
    ("The CPI rose by 2.1%; the surveyed urban unemployment rate is kept within 5.5%", "5.5", "surveyed_unemployment_rate"),
    ("the per capita disposable incomes of urban and rural residents grew by 4.1% and 6.3%, respectively",
     "6.3", "rural_per_capita_disposable_income"),
    ("The PM2.5 concentration fell to 27 micrograms per cubic meter", "27", "pm25_concentration"),
    ("The PM2.5 concentration fell to 27 micrograms per cubic meter", "2.5", None),  # part of the name
    # ratios: "<A> accounted for N% of <B>" with a ratio concept A/B
    ("R&D expenditure accounted for 2.9% of GDP", "2.9", "rd_intensity"),
    ("the proportion of R&D funds in regional GDP rose to 3.2%", "3.2", "rd_intensity"),
    ("the tax revenue accounted for 84% of the general public budget revenue", "84", "tax_revenue_share"),
    # a share of something else: the indicator is the numerator, not the denominator
    ("the added value of the digital economy core industries grew by 12%, accounting for 11% of GDP",
     "11", "digital_economy_core_industries_added_value"),
    ("we spent 50 billion yuan on livelihood projects, which accounted for 78% of the general public budget "
     "expenditure", "78", None),
    ("we spent 50 billion yuan on livelihood projects, which accounted for 78% of the general public budget "
     "expenditure", "50", None),
    # a number that counts something else, or stands in another clause, measures no indicator here
    ("After reviewing fixed-asset investment we approved 120 projects", "120", None),
    ("implement joint control of PM2.5 and ozone, reduce nitrogen oxide emissions by 10%", "10", None),
    ("the grain planting area is stable at 1.5 million mu and the total output at 60 million tonnes", "60", None),
    ("The investment in fixed assets reached 292 billion yuan, and 15 projects were started", "15", None),
]


@pytest.mark.parametrize("text, number, expected", BEST_FOR, ids=[f"{b[1]}:{b[0][:40]}" for b in BEST_FOR])
def test_best_for(scheme, text, number, expected):
    found = scheme.best_for(text, text.index(number))
    assert (found[2].notation if found else None) == expected


def test_best_for_ratio_spans_both_mentions(scheme):
    text = "R&D expenditure accounted for 2.9% of GDP"
    start, end, _ = scheme.best_for(text, text.index("2.9"))
    assert text[start:end] == "R&D expenditure accounted for 2.9% of GDP"


def test_best_for_with_precomputed_mentions(scheme):
    text = "GDP grew 5%, and exports rose by 8% while fixed-asset investment rose by 4%"
    mentions = scheme.match(text)
    for number, notation in (("5", "gdp"), ("8", "exports"), ("4", "fixed_asset_investment")):
        found = scheme.best_for(text, text.index(number + "%"), mentions=mentions)
        assert found[2].notation == notation


BEST_FOR_MISSES = [
    # the list has fewer mentions than numbers ("Tourists" and the elliptical list are not labels)
    ("Tourists and tourism revenue increased by 15% and 17% respectively", "17", "tourism_revenue"),
    ("The added value of equipment manufacturing, strategic emerging industries and the core industries of the "
     "digital economy grew by 10%, 9% and 8% respectively", "8", "digital_economy_core_industries_added_value"),
    ("the unemployment rate was 4.3% in urban surveys", "4.3", "surveyed_unemployment_rate"),
]


@pytest.mark.parametrize("text, number, expected",
                         [pytest.param(*m, marks=pytest.mark.xfail(strict=True)) for m in BEST_FOR_MISSES])
def test_known_best_for_misses(scheme, text, number, expected):
    found = scheme.best_for(text, text.index(number))
    assert (found[2].notation if found else None) == expected


RESPECTIVELY = [
    ("the total fiscal revenue and general public budget revenue reached 120 billion yuan and 65 billion yuan "
     "respectively", ["total_fiscal_revenue", "general_public_budget_revenue"]),
    ("with fixed-asset investment up 5%, manufacturing investment, infrastructure investment and private investment "
     "grew by 8%, 6% and 3% respectively", ["manufacturing_investment", "infrastructure_investment", "private_investment"]),
    ("the number of accidents and deaths fell by 20% and 18% respectively",
     ["production_safety_accidents", "accident_deaths"]),
    ("Deposits and loans reached 2 trillion yuan and 1.8 trillion yuan respectively, a respective increase of 9% and 11%",
     ["deposits", "loans"]),
    ("Sales of new energy vehicles and smart appliances rose by 30% and 20% respectively", []),
    ("GDP grew 5%", []),
]


@pytest.mark.parametrize("text, expected", RESPECTIVELY, ids=[r[0][:40] for r in RESPECTIVELY])
def test_respectively(scheme, text, expected):
    assert [i.notation for _, _, i in respectively(text, (0, len(text)), scheme)] == expected


def test_respective_reuses_the_list_before_it(scheme):
    text = "Deposits and loans reached 2 trillion yuan and 1.8 trillion yuan respectively, a respective increase of 9% and 11%"
    start = text.index("a respective")
    assert [i.notation for _, _, i in scheme.respectively(text, (start, len(text)))] == ["deposits", "loans"]
    assert scheme.best_for(text, text.index("11%"))[2].notation == "loans"


# ------------------------------------------------------------------ the samples

SAMPLE_COUNTS = [
    # notation                                       000 001 002 003 004   (mentions per sample)
    ("gdp",                                          (3, 4, 2, 4, 1)),
    ("general_public_budget_revenue",                (1, 1, 2, 2, 1)),
    ("total_fiscal_revenue",                         (1, 1, 0, 0, 0)),
    ("industrial_added_value_above_designated_size", (2, 3, 1, 1, 1)),
    ("retail_sales",                                 (1, 2, 1, 2, 0)),
    ("rd_intensity",                                 (1, 2, 0, 1, 0)),
    ("new_urban_jobs",                               (1, 2, 2, 2, 1)),
    ("surveyed_unemployment_rate",                   (1, 1, 1, 0, 0)),
    ("registered_unemployment_rate",                 (0, 0, 0, 0, 1)),
    ("cpi",                                          (1, 1, 0, 0, 0)),
    ("container_throughput",                         (2, 0, 0, 0, 0)),
    ("pm25_concentration",                           (0, 1, 3, 1, 0)),
    ("rural_per_capita_disposable_income",           (2, 2, 2, 2, 1)),
]
PREFIXES = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def sample_mentions(scheme, reports_dir):
    return {p: (text := sample(p).read_text(encoding="utf-8"), scheme.match(text)) for p in PREFIXES}


@pytest.mark.parametrize("notation, counts", SAMPLE_COUNTS, ids=[c[0] for c in SAMPLE_COUNTS])
def test_sample_counts(sample_mentions, notation, counts):
    found = tuple(Counter(i.notation for _, _, i in sample_mentions[p][1])[notation] for p in PREFIXES)
    assert found == counts


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_sample_has_ten_indicators(sample_mentions, prefix):
    text, mentions = sample_mentions[prefix]
    assert len({i.notation for _, _, i in mentions}) >= 10
    assert all(a[1] <= b[0] for a, b in zip(mentions, mentions[1:]))  # non-overlapping, in text order
    assert all(text[s:e].strip() == text[s:e] and e > s for s, e, _ in mentions)


SAMPLE_BEST_FOR = [
    # sample  number as written   indicator it measures
    ("000", "673.95", "gdp"),
    ("000", "59.6", "general_public_budget_revenue"),
    ("000", "2.85", "container_throughput"),
    ("001", "147,000", "new_urban_jobs"),
    ("001", "3.56", "rd_intensity"),
    ("002", "13.6", "small_micro_loans"),
    ("002", "21.8", "high_tech_industry_investment"),
    ("003", "3.43", "rd_intensity"),
    ("003", "68.03", "general_public_budget_revenue"),
    ("004", "1.83", "registered_unemployment_rate"),
    ("004", "5.5", "rural_per_capita_disposable_income"),
]


@pytest.mark.parametrize("prefix, number, expected", SAMPLE_BEST_FOR, ids=[f"{s[0]}:{s[1]}" for s in SAMPLE_BEST_FOR])
def test_sample_best_for(scheme, sample_mentions, prefix, number, expected):
    text, mentions = sample_mentions[prefix]
    position = re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text).start()
    assert scheme.best_for(text, position, mentions=mentions)[2].notation == expected


# ------------------------------------------------------------------ the Turtle file


def concepts(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(SKOS.inScheme, SCHEME))


def test_scheme_header(graph):
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    assert graph.value(SCHEME, URIRef("http://purl.org/dc/terms/title")).language == "en"


def test_at_least_forty_concepts(graph, scheme):
    assert len(concepts(graph)) >= 40
    assert len(scheme) == len(concepts(graph))


def test_every_concept_is_complete(graph):
    for c in concepts(graph):
        assert {SKOS.Concept, KG.Indicator} <= set(graph.objects(c, RDF.type)), c
        prefs = list(graph.objects(c, SKOS.prefLabel))
        assert len(prefs) == 1 and prefs[0].language == "en", c
        notation = list(graph.objects(c, SKOS.notation))
        assert len(notation) == 1 and re.fullmatch(r"[a-z][a-z0-9_]*", str(notation[0])), c
        assert str(c).rsplit("/", 1)[1] == str(notation[0]).replace("_", "-")
        assert graph.value(c, SKOS.definition).language == "en", c
        assert set(str(graph.value(c, KG.measureTypes)).split()) <= set(MEASURE_TYPES), c
        top = (c, SKOS.topConceptOf, SCHEME) in graph
        assert top == (graph.value(c, SKOS.broader) is None) == ((SCHEME, SKOS.hasTopConcept, c) in graph), c


def test_no_label_is_shared_by_two_concepts(graph):
    owner: dict[str, URIRef] = {}
    for c in concepts(graph):
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in graph.objects(c, prop):
                assert owner.setdefault(label_key(str(label)), c) == c, (str(label), owner[label_key(str(label))], c)


def test_file_is_sorted_by_notation():
    found = re.findall(r'skos:notation "(\w+)"', TTL.read_text(encoding="utf-8"))
    assert found == sorted(found) and len(found) == len(set(found))


def test_indicator_terms_are_declared_with_label_and_comment(graph):
    for term in (KG.defaultUnit, KG.measureTypes, KG.numerator, KG.denominator):
        for prop in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
            assert graph.value(term, prop) is not None, (term, prop)
        assert graph.value(term, RDFS.label).language == "en"
    assert (KG.defaultUnit, RDF.type, OWL.ObjectProperty) in graph


def test_every_kg_term_used_is_declared_in_the_ontology(graph):
    """kg:Indicator and kg:polarity come from observations.ttl; nothing is declared twice
    (tests/test_ontology.py checks that across files)."""
    vocab = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        if path.name != "places.ttl":
            vocab.parse(path, format="turtle")
    used = {t for t in set(graph.predicates()) | set(graph.objects()) if isinstance(t, URIRef) and t.startswith(str(KG))}
    assert sorted(t for t in used if (t, RDF.type, None) not in vocab) == []


def test_measure_types_are_the_measure_type_code_list():
    codes = Graph().parse(ROOT / "ontology" / "observations.ttl", format="turtle")
    listed = {str(n) for c in codes.subjects(SKOS.inScheme, URIRef("https://w3id.org/cngov/def/measure-type"))
              for n in codes.objects(c, SKOS.notation)}
    assert listed == set(MEASURE_TYPES)


@pytest.mark.parametrize("notation, polarity", [
    ("gdp", "up"), ("cpi", "down"), ("surveyed_unemployment_rate", "down"), ("energy_intensity", "down"),
    ("pm25_concentration", "down"), ("new_urban_jobs", "up"), ("urban_rural_income_ratio", "down"),
])
def test_polarity(scheme, notation, polarity):
    assert scheme.get(notation).polarity == polarity


@pytest.mark.parametrize("notation, first", [
    # what a bare percentage means for the indicator (the metric extractor reads the first of rate, share, growth_rate)
    ("gdp", "growth_rate"), ("retail_sales", "growth_rate"), ("surveyed_unemployment_rate", "rate"),
    ("rd_intensity", "rate"), ("digital_economy_core_industries_added_value", "share"), ("new_urban_jobs", "growth_rate"),
])
def test_measure_type_hint(scheme, notation, first):
    types = scheme.get(notation).measure_types
    assert next(t for t in ("rate", "share", "growth_rate") if t in types) == first


@pytest.mark.parametrize("notation, unit, broader", [
    ("gdp", "http://qudt.org/vocab/currency/CNY", None),
    ("exports", "http://qudt.org/vocab/currency/CNY", "import_export"),
    ("surveyed_unemployment_rate", "http://qudt.org/vocab/unit/PERCENT", "unemployment_rate"),
    ("foreign_capital_actually_used", "http://qudt.org/vocab/currency/USD", None),
    ("container_throughput", None, None),  # TEU: QUDT has no unit
])
def test_loaded_fields(scheme, notation, unit, broader):
    ind = scheme.get(notation)
    assert (ind.default_unit, ind.broader) == (unit, broader)
    assert ind.iri == "https://w3id.org/cngov/def/indicator/" + notation.replace("_", "-")


def test_ratio_concepts(scheme):
    assert scheme.ratio(scheme.get("rd_expenditure"), scheme.get("gdp")).notation == "rd_intensity"
    assert scheme.ratio(scheme.get("gdp"), scheme.get("rd_expenditure")) is None
    assert scheme.get("no_such_indicator") is None


# ------------------------------------------------------------------ validation on load

HEAD = """@prefix ind: <https://w3id.org/cngov/def/indicator/> .
@prefix kg: <https://w3id.org/cngov/def/kg#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def concept(name: str, body: str) -> str:
    return (f"ind:{name} a skos:Concept, kg:Indicator ; skos:inScheme <https://w3id.org/cngov/def/indicator> ; "
            f'skos:notation "{name}" ; {body} .\n')


BAD = [
    (concept("a", 'skos:prefLabel "tax revenue"@en') + concept("b", 'skos:prefLabel "b"@en ; skos:altLabel "Tax revenues"@en'),
     r"'Tax revenues' of b matches the same words as 'tax revenue' of a"),
    (concept("a", 'skos:altLabel "x"@en'), r"exactly one @en skos:prefLabel"),
    (concept("a", 'skos:prefLabel "x"@zh'), r"not a non-empty @en literal"),
    (concept("a", 'skos:prefLabel "x"@en ; skos:prefLabel "y"@en'), r"exactly one @en skos:prefLabel, found 2"),
    (concept("a", 'skos:prefLabel "x"@en ; skos:broader ind:nope'), r"broader <.*nope> is not an indicator"),
    (concept("a", 'skos:prefLabel "x"@en ; skos:exactMatch ind:b'), r"unknown property"),
    (concept("a", 'skos:prefLabel "x"@en ; kg:measureTypes "level speed"'), r"measure types"),
    (concept("a", 'skos:prefLabel "x"@en ; kg:polarity "sideways"'), r"polarity 'sideways'"),
    (concept("a", 'skos:prefLabel "x"@en') + concept("b", 'skos:prefLabel "y"@en').replace('"b"', '"a"'),
     r"notation 'a' is used by"),
    ("ind:a a skos:Concept ; skos:inScheme <https://w3id.org/cngov/def/indicator> .\n", r"not a kg:Indicator"),
    ("ind:a ind:b", r"cannot read the indicator scheme"),
]


@pytest.mark.parametrize("body, message", BAD, ids=[b[1][:30] for b in BAD])
def test_bad_scheme_is_rejected(tmp_path, body, message):
    path = tmp_path / "indicators.ttl"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        IndicatorScheme.load(path)
    assert str(path) in str(err.value)


def test_load_from_path_equals_bundled(scheme):
    assert [i.notation for i in IndicatorScheme.load(TTL)] == [i.notation for i in scheme]


def test_best_for_agrees_with_the_gold_indicators(scheme, reports_dir):
    """On the gold observations (tests/gold), best_for names the gold indicator, or None where
    the gold has a local indicator, for most numbers (289 of 325 when written)."""
    agree = total = 0
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (reports_dir / gold["source"]).read_text(encoding="utf-8")
        mentions = scheme.match(text)
        for obs in gold["observations"]:
            found = scheme.best_for(text, obs["start"], end=obs["end"], mentions=mentions)
            local = obs["indicator"].startswith("local:")
            agree += (found is None) if local else (found is not None and found[2].notation == obs["indicator"])
            total += 1
    assert total >= 300 and agree / total >= 0.85
