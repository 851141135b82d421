"""The metric extractor (kg/extract/metrics*.py): table-driven rules, the sample reports, properties.

Every phrase below is written for this test in the style of the reports (the shapes of
sentences seen in ../shared/reports, with other numbers and other things counted); the
sample reports themselves are read at run time. Each row names the rule it covers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.metrics import extract_observations, sentence_observations
from kg.extract.metrics_phrases import Words, conjuncts, list_subject, noun_after, subject_before
from kg.extract.numbers import find_quantities
from kg.gazetteer import default_gazetteer
from kg.indicators import default_scheme
from kg.model import ReportMetadata

X = pytest.mark.xfail(strict=True)


@cache
def meta(code: str = "330500") -> ReportMetadata:
    """A report of 2024 reviewing 2023 for the place ``code`` (Huzhou unless told)."""
    g = default_gazetteer()
    place = next(p for _, _, p in g.find({"330500": "Huzhou", "330000": "Zhejiang"}[code]))
    province = place if place.level == "province" else g.parent(place)
    return ReportMetadata(jurisdiction=place, province=province, document_type="government-work-report",
                          report_year=2024, review_period="2023", plan_period="2024")


def observe(text: str, section: str = "review", code: str = "330500"):
    return sentence_observations(text, 0, len(text), section, meta(code), default_scheme(), default_gazetteer())


def at(text: str, surface: str, section: str = "review", code: str = "330500"):
    """The observations of the number written ``surface`` (several for "both ranking first")."""
    start = text.index(surface)
    return [o for o in observe(text, section, code) if o.start == start]


def indicator(o) -> str:
    return o.indicator


# fmt: off
R, T = "review", "targets"
CASES = [
    # section, phrase in the style of the reports, number as written, indicator, measure type, value, unit, comparator, status, period
    # scheme concepts and the figures that depend on them
    (R, "The city's GDP reached 512.3 billion yuan, up 5.9% year on year.", "512.3 billion yuan",
     "gdp", "level", "512300000000", "CNY", "eq", "actual", "2023"),
    # a change right after a figure, with no subject of its own, measures that figure's indicator
    (R, "The city's GDP reached 512.3 billion yuan, up 5.9% year on year.", "5.9%",
     "gdp", "growth_rate", "5.9", "PERCENT", "eq", "actual", "2023"),
    (R, "Our total import and export volume reached 356 billion yuan, an increase of 8.8%.", "8.8%",
     "import_export", "growth_rate", "8.8", "PERCENT", "eq", "actual", "2023"),
    # "A and B reached X and Y respectively"
    (R, "The total fiscal revenue and general public budget revenue reached 88 billion yuan and 47.5 billion yuan "
        "respectively.", "47.5 billion yuan",
     "general_public_budget_revenue", "level", "47500000000", "CNY", "eq", "actual", "2023"),
    # "a respective increase of A and B" goes to the figures before
    (R, "The balances of deposits and loans reached 1.68 trillion yuan and 1.59 trillion yuan respectively, a "
        "respective increase of 11.2% and 13.5%.", "13.5%",
     "loans", "growth_rate", "13.5", "PERCENT", "eq", "actual", "2023"),
    (R, "The per capita disposable incomes of urban and rural residents grew by 4.9% and 6.6% respectively.", "6.6%",
     "rural_per_capita_disposable_income", "growth_rate", "6.6", "PERCENT", "eq", "actual", "2023"),
    # a mention right after a compound amount names what the amount is of
    (R, "We secured 31.5-billion-yuan special-purpose bonds and 2.06-billion-yuan central budgeted investments.",
     "2.06-billion-yuan", "central_budget_investment", "level", "2060000000", "CNY", "eq", "actual", "2023"),
    # a multiple after a figure
    (R, "We issued 18.2-billion-yuan special local government bonds, 1.9 times more than those of 2022.", "1.9 times",
     "special_bonds", "ratio", "1.9", "TIMES", "eq", "actual", "2023"),
    # "N% of <B>" with a ratio concept A/B
    (T, "R&D expenditure accounts for 3.3% of GDP.", "3.3%",
     "rd_intensity", "rate", "3.3", "PERCENT", "eq", "target", "2024"),
    # "accounts for N% of": a share
    (R, "The output value of high-tech industries accounted for 61.4% of the industrial output value above "
        "designated size.", "61.4%",
     "high_tech_industry_output_value", "share", "61.4", "PERCENT", "eq", "actual", "2023"),
    # a bare percent of an amount is its growth; of a rate indicator, the rate; CPI is stated as a change
    (T, "The main targets are as follows: the GDP grows by around 5.5%; the CPI is kept below 3%; the surveyed urban "
        "unemployment rate is controlled within 5.5%.", "5.5%",
     "gdp", "growth_rate", "5.5", "PERCENT", "approx", "target", "2024"),
    (T, "The main targets are as follows: GDP is about 5.5%; the CPI is kept below 3%.", "3%",
     "cpi", "growth_rate", "3", "PERCENT", "lt", "target", "2024"),
    (T, "the CPI is kept below 3%; the surveyed urban unemployment rate is kept within 5.5%.", "5.5%",
     "surveyed_unemployment_rate", "rate", "5.5", "PERCENT", "lt", "target", "2024"),
    (T, "the growth of fiscal revenue is about 6%.", "6%",
     "fiscal_revenue", "growth_rate", "6", "PERCENT", "approx", "target", "2024"),
    # a decrease is a negative growth rate
    (R, "The number of production safety accidents fell by 16.2%.", "16.2%",
     "production_safety_accidents", "growth_rate", "-16.2", "PERCENT", "eq", "actual", "2023"),
    # the mention after the number when nothing precedes it; "outstanding" does not narrow it
    (R, "The outstanding loans to small and micro businesses grew by 15.2%.", "15.2%",
     "small_micro_loans", "growth_rate", "15.2", "PERCENT", "eq", "actual", "2023"),
    # "the investment in it": "it" is the thing named before the clause
    (R, "We promoted the digital transformation of the manufacturing industry, driving the investment in it to "
        "85.2 billion yuan.", "85.2 billion yuan",
     "manufacturing_investment", "level", "85200000000", "CNY", "eq", "actual", "2023"),
    # "A and B of X respectively": each item takes the shared "of X"; 666.7 square meters is a mu
    (R, "The added value and tax revenue of every 666.7 square meters of land of industrial enterprises above "
        "designated size increased by 28,000 yuan and 9,000 yuan respectively.", "9,000 yuan",
     "tax_revenue_per_mu", "level", "9000", "CNY", "eq", "actual", "2023"),
    (R, "The income ratio between urban and rural residents narrowed to 1.71:1.", "1.71:1",
     "urban_rural_income_ratio", "ratio", "1.71", "RATIO", "eq", "actual", "2023"),
    (R, "The minimum living standard was raised to 1,150 yuan per person per month.", "1,150 yuan",
     "minimum_living_allowance", "level", "1150", "CNY", "eq", "actual", "2023"),
    (R, "The per capita disposable income of residents exceeded 71,000 yuan.", "71,000 yuan",
     "per_capita_disposable_income", "level", "71000", "CNY", "gt", "actual", "2023"),
    # counts: the thing counted follows the number; its noun gives the unit
    (R, "We added 95,000 new urban jobs.", "95,000",
     "new_urban_jobs", "count", "95000", "NUM", "eq", "actual", "2023"),
    (R, "416 more enterprises were certified as national high-tech ones.", "416",
     "high_tech_enterprises", "count", "416", "ENTERPRISE", "eq", "actual", "2023"),
    (R, "12 more companies went public, making the total reach 95.", "95",
     "listed_companies", "count", "95", "NUM", "eq", "actual", "2023"),
    (R, "We renovated 38,600 units of affordable rental housing.", "38,600 units",
     "affordable_housing", "count", "38600", "UNIT", "eq", "actual", "2023"),
    (R, "86,000 houses in former shanty towns were rebuilt, with 52,300 completed.", "52,300",
     "shantytown_renovation", "count", "52300", "NUM", "eq", "actual", "2023"),
    (R, "We upgraded 1,320 low-efficiency enterprises and built 2,500 new public parking spaces.", "1,320",
     "local:low-efficiency enterprises", "count", "1320", "ENTERPRISE", "eq", "actual", "2023"),
    (R, "We upgraded 1,320 low-efficiency enterprises and built 2,500 new public parking spaces.", "2,500",
     "local:public parking spaces", "count", "2500", "NUM", "eq", "actual", "2023"),
    # "ones" stands for the noun of the count before
    (R, "We formulated 18 policies for supporting small firms, 25 ones for boosting consumption and 12 ones for "
        "stabilizing jobs.", "25",
     "local:policies for boosting consumption", "count", "25", "NUM", "eq", "actual", "2023"),
    # "were selected as X" counts X
    (R, "Seven more people were selected as the experts of the provincial talent program.", "Seven",
     "local:experts of the provincial talent program", "count", "7", "PERSON", "eq", "actual", "2023"),
    # a measure unit with a word between it and the number: level of hectares, of the land that follows "of"
    (R, "We provided 812 more hectares of land for key projects, an increase of 36%.", "812",
     "local:land for key projects", "level", "812", "HA", "eq", "actual", "2023"),
    (R, "We provided 812 more hectares of land for key projects, an increase of 36%.", "36%",
     "local:land for key projects", "growth_rate", "36", "PERCENT", "eq", "actual", "2023"),
    (R, "We built 40 township care centers, with 16,000 care beds newly provided.", "16,000",
     "local:care beds", "count", "16000", "BED", "eq", "actual", "2023"),
    # the subject of a count that is only a unit word: "X benefited N people"
    (R, "Free health checks benefited 156,000 people.", "156,000 people",
     "local:free health checks", "count", "156000", "PERSON", "eq", "actual", "2023"),
    # a list item without a noun takes the noun and unit of the item before
    (R, "A total of 3.1 million people joined the basic medical insurance, and 2.4 million in the basic pension "
        "insurance.", "2.4 million",
     "local:people in the basic pension insurance", "count", "2400000", "PERSON", "eq", "actual", "2023"),
    # local phrases: the subject, unless it narrows a scheme concept
    (R, "The penetration rate of new energy vehicles has reached 38.5%.", "38.5%",
     "local:penetration rate of new energy vehicles", "rate", "38.5", "PERCENT", "eq", "actual", "2023"),
    (R, "Exports to countries along the Belt and Road grew by 9.6%.", "9.6%",
     "local:exports to countries along the belt and road", "growth_rate", "9.6", "PERCENT", "eq", "actual", "2023"),
    (R, "“Green” product exports increased by 7.7%.", "7.7%",
     "local:green product exports", "growth_rate", "7.7", "PERCENT", "eq", "actual", "2023"),
    (R, "Sales of electric vehicles, smart phones and home robots grew by 21.5%, 14.2% and 63.1% respectively.",
     "14.2%", "local:sales of smart phones", "growth_rate", "14.2", "PERCENT", "eq", "actual", "2023"),
    (R, "The proportion of foreign investment in manufacturing and high-tech industries rose to 88.3% and 41% "
        "respectively.", "41%",
     "local:proportion of high-tech industries", "share", "41", "PERCENT", "eq", "actual", "2023"),
    # a subjectless list of shares goes to the figures before it
    (R, "We upgraded 1,520 enterprises and reclaimed 1,260 hectares of idle land, accounting for 141% and 126% of the "
        "annual targets respectively.", "126%",
     "local:idle land", "share", "126", "PERCENT", "eq", "actual", "2023"),
    # the object of a verb without a subject: "obtained N through X", "issued N-yuan X"
    (R, "We obtained 4.2 billion yuan through policy-based financial instruments.", "4.2 billion yuan",
     "local:policy-based financial instruments", "level", "4200000000", "CNY", "eq", "actual", "2023"),
    (R, "We issued 320-million-yuan consumption vouchers to boost spending.", "320-million-yuan",
     "local:consumption vouchers to boost spending", "level", "320000000", "CNY", "eq", "actual", "2023"),
    (R, "The scale of the battery industry is close to one-fifth of the country's total.", "one-fifth",
     "local:scale of the battery industry", "share", "0.2", "FRACTION", "approx", "actual", "2023"),
    # ranks: after a figure, of a subject, of what the scope names
    (R, "The investment in fixed assets reached 210.6 billion yuan, ranking third in Zhejiang.", "ranking third",
     "fixed_asset_investment", "rank", "3", "NUM", "eq", "actual", "2023"),
    (R, "We won 3 provincial quality awards, ranking first in the province.", "ranking first",
     "local:provincial quality awards", "rank", "1", "NUM", "eq", "actual", "2023"),
    (R, "Our innovation index ranked second in Zhejiang.", "ranked second",
     "local:innovation index", "rank", "2", "NUM", "eq", "actual", "2023"),
    (R, "We ranked first in the assessment of arable land protection in Zhejiang.", "ranked first",
     "local:assessment of arable land protection", "rank", "1", "NUM", "eq", "actual", "2023"),
    (R, "Haining ranked among the top 30 counties nationwide in business environment.", "top 30",
     "local:business environment", "rank", "30", "NUM", "le", "actual", "2023"),
    # the object of "we <verb>" / "and <verb>": the clause before that verb names something else
    (R, "We issued 9.2-billion-yuan special bonds and provided 280 million yuan in subsidies to small firms.",
     "280 million yuan", "local:subsidies to small firms", "level", "280000000", "CNY", "eq", "actual", "2023"),
    # a subjectless list of changes after a list of figures of the same length goes item by item
    (R, "The per capita disposable incomes of urban and rural residents reached 74,100 yuan and 45,800 yuan "
        "respectively, up 4.6% and 6.3%.", "4.6%",
     "urban_per_capita_disposable_income", "growth_rate", "4.6", "PERCENT", "eq", "actual", "2023"),
    # "rose by X to Y", "N% more than": the figure before names what they measure
    (R, "The proportion of the service sector rose by 0.7 percentage points to 54.2%.", "54.2%",
     "local:proportion of the service sector", "share", "54.2", "PERCENT", "eq", "actual", "2023"),
    (R, "The proportion of the service sector rose by 0.7 percentage points to 54.2%.", "0.7 percentage points",
     "local:proportion of the service sector", "pp_change", "0.7", "PERCENT_POINT", "eq", "actual", "2023"),
    (R, "We trained 58,000 skilled workers, 25% more than in 2022.", "25%",
     "local:skilled workers", "growth_rate", "25", "PERCENT", "eq", "actual", "2023"),
    # a count whose noun is only its unit measures what its subject names
    (R, "Tourists received reached 72 million person-times, up 9.1%.", "9.1%",
     "tourist_arrivals", "growth_rate", "9.1", "PERCENT", "eq", "actual", "2023"),
    # "old" is not an age when no "years" precede it
    (R, "We renovated 74 old residential communities, benefiting 19,000 households.", "74",
     "old_residential_areas_renovated", "count", "74", "NUM", "eq", "actual", "2023"),
    # a Title Case name that modifies the noun counted is no name of the number
    (R, "We handled 186 National People’s Congress motions and 245 CPPCC proposals.", "186",
     "local:national people’s congress motions", "count", "186", "NUM", "eq", "actual", "2023"),
    # a duration "in N days" is a figure of its own (not "for N years")
    (R, "The start-up of an enterprise can be completed in one day.", "one day",
     "local:start-up of an enterprise", "level", "1", "DAY", "eq", "actual", "2023"),
    # status and period
    (R, "The GDP of the city is expected to have exceeded 530 billion yuan.", "530 billion yuan",
     "gdp", "level", "530000000000", "CNY", "gt", "estimated", "2023"),
    (R, "The output value of high-tech industries accounts for 52.3% of the industrial output value, and the "
        "contribution rate of scientific and technological progress is expected to reach 66%.", "52.3%",
     "high_tech_industry_output_value", "share", "52.3", "PERCENT", "eq", "actual", "2023"),
    (R, "The output value of high-tech industries accounts for 52.3% of the industrial output value, and the "
        "contribution rate of scientific and technological progress is expected to reach 66%.", "66%",
     "sci_tech_progress_contribution_rate", "rate", "66", "PERCENT", "eq", "estimated", "2023"),
    (R, "The added value of industrial firms above designated size achieved an average annual growth rate of 6.8% "
        "over two years.", "6.8%",
     "industrial_added_value_above_designated_size", "growth_rate", "6.8", "PERCENT", "eq", "actual", "2022/2023"),
    (R, "In the first three quarters, exports grew by 11.3%.", "11.3%",
     "exports", "growth_rate", "11.3", "PERCENT", "eq", "actual", "2023-01/2023-09"),
    # "the goal of" in a review section is no commitment
    (R, "We took common prosperity as the goal of our work and accelerated efforts to build 18 landmark projects.",
     "18", "local:landmark projects", "count", "18", "NUM", "eq", "actual", "2023"),
    (T, "We will add 150 new kindergartens and build 30 community canteens.", "30",
     "local:community canteens", "count", "30", "NUM", "eq", "target", "2024"),
]
# fmt: on


@pytest.mark.parametrize(
    "section, text, surface, ind, mtype, value, unit, comparator, status, period", CASES,
    ids=[f"{c[2]}|{c[1][:40]}" for c in CASES])
def test_metric_rules(section, text, surface, ind, mtype, value, unit, comparator, status, period):
    found = at(text, surface, section)
    assert len(found) == 1, [(o.indicator, str(o.value)) for o in observe(text, section)]
    o = found[0]
    assert (o.indicator, o.measure_type, o.value, o.unit, o.comparator, o.status, o.period) == (
        ind, mtype, Decimal(value), unit, comparator, status, period)


# fmt: off
SKIPS = [
    # phrase, the number that states no figure, why
    ("The number of skilled workers per 10,000 employees ranks first in the province.", "10,000"),      # part of a unit
    ("The added value of every 666.7 square meters of land reached 1.5 million yuan.", "666.7"),          # part of a unit
    ("Its five districts all joined the program.", "five"),                                               # a known set
    ("All nine counties were rated as advanced counties.", "nine"),                                       # a known set
    ("The satisfaction rate has ranked first in the province for 8 consecutive years.", "8"),            # duration
    ("We provided free meals to residents over 80 years old.", "80"),                                     # age of a group
    ("We launched the “50 Measures for Private Firms” campaign.", "50"),                                  # quoted name
    ("We carried out the 200 Villages Thousand Households initiative.", "200"),                           # Title Case name
    ("We launched the campaign 100 Exhibitions Serving Farmers” to help firms.", "100"),                  # Title Case name
    ("We promoted brands such as Anji White Tea and Moganshan 300.", "300"),                              # Title Case name
    ("There were 5 new projects exceeding 5 billion yuan or US$1 billion.", "5 billion yuan"),             # threshold
    ("There were 5 new projects exceeding 5 billion yuan or US$1 billion.", "US$1 billion"),               # threshold
    ("Markets each with an annual turnover over 10 billion yuan numbered six.", "10 billion yuan"),        # threshold
    ("The added value of 12 key industries grew by 8.1%.", "12"),                                          # subject of a figure
    ("We built 40 pilot projects of six types, including 12 schools.", "six"),                             # classifier
    ("It was the first in the province to pilot the reform.", "first"),                                   # first-ever
    ("Exports grew at an average annual rate of 6.2% over three years.", "three"),                         # period of a figure
]
# fmt: on


@pytest.mark.parametrize("text, surface", SKIPS, ids=[s[1] + "|" + s[0][:30] for s in SKIPS])
def test_numbers_that_state_no_figure(text, surface):
    start = text.index(surface)
    assert not [o for o in observe(text) if o.start <= start < o.end]


def test_threshold_keeps_the_count():
    text = "There were 5 new projects exceeding 5 billion yuan or US$1 billion."
    assert [(o.indicator, o.value) for o in observe(text)] == [("local:projects", Decimal(5))]


@pytest.mark.parametrize("text, surface, expected", [
    # "both ranking third" ranks every figure of the list before it
    ("The total fiscal revenue and general public budget revenue reached 88 billion yuan and 47.5 billion yuan "
     "respectively, both ranking third in Zhejiang.", "ranking third",
     ["general_public_budget_revenue", "total_fiscal_revenue"]),
    # "A, B and C all ranked first": one rank for each item of the subject
    ("The employment rate of graduates, the coverage rate of pension insurance and the number of elderly care beds "
     "all ranked first in Zhejiang.", "ranked first",
     ["local:coverage rate of pension insurance", "local:employment rate of graduates",
      "local:number of elderly care beds"]),
])
def test_one_rank_for_each_item(text, surface, expected):
    assert sorted(o.indicator for o in at(text, surface)) == expected


@pytest.mark.parametrize("text, surface, code, area", [
    # items of a list that are places give each number its place
    ("Cross-border e-commerce transactions in Huzhou, Jiaxing and Shaoxing grew by 12.1%, 15.4% and 9.9% "
     "respectively.", "15.4%", "330000", "330400"),
    # "X and Y ranked first and second respectively": the second rank is Y's
    ("Nanxun District and Deqing County ranked first and second respectively in the assessment of development "
     "zones.", "second", "330500", "330521"),
])
def test_area_of_list_items(text, surface, code, area):
    (o,) = at(text, surface, code=code)
    assert o.area == area


def test_comparator_of_a_list():
    text = ("The added value and tax revenue of every 666.7 square meters of land rose to more than 1.8 million yuan "
            "and 260,000 yuan respectively.")
    assert [(o.indicator, o.comparator) for o in observe(text)] == [
        ("added_value_per_mu", "gt"), ("tax_revenue_per_mu", "gt")]


@pytest.mark.parametrize("text, expected", [
    ("The penetration rate of new energy vehicles has reached", "penetration rate of new energy vehicles"),
    ("with the innovation index ranking", "innovation index"),
    ("and obtained", None),
    ("driving the investment in it to", "investment in it"),
])
def test_subject_before(text, expected):
    words = Words(text + " 5%")
    span = subject_before(words, len(text) + 1, 0)
    got = words.span_text(*span).lower() if span else None
    assert got == expected


@pytest.mark.parametrize("text, head, phrase", [
    ("910 small and medium-sized science and technology enterprises, with", "enterprises",
     "small and medium-sized science and technology enterprises"),
    ("23 new primary and secondary schools and kindergartens able to enrol", "kindergartens",
     "primary and secondary schools and kindergartens"),
    ("4 companies and 1 platform were selected", "companies", "companies"),
    ("345 new “famous brand” enterprises, and", "enterprises", "famous brand enterprises"),
])
def test_noun_after(text, head, phrase):
    words = Words(text)
    np = noun_after(words, text.index(" "), len(text))
    assert np.head == head and words.span_text(np.start, np.end).lower() == phrase


def test_conjuncts_of_a_list():
    text = "The warehousing and logistics rate, production rate and the number of smart factories"
    words = Words(text + " all ranked first")
    span = list_subject(words, len(text) + 5, 0)
    assert [words.span_text(*c) for c in conjuncts(words, *span)] == [
        "warehousing and logistics rate", "production rate", "number of smart factories"]


# ------------------------------------------------------------------ the sample reports


@cache
def sample_observations(reports_dir, name: str):
    from kg.extract.metadata import extract_metadata
    from kg.ingest import read_document
    from kg.segment import segment

    doc = read_document(reports_dir / name)
    seg = segment(doc)
    gaz = default_gazetteer()
    return doc.text, extract_observations(seg, extract_metadata(seg, gaz), default_scheme(), gaz)


SAMPLE_NAMES = ["000_307afd3bdd958b57.txt", "001_7587376b1d27bb2d.txt", "002_990f4c30dad71cc2.txt",
                "003_dd06e806b0afbabf.txt", "004_941fcfcf0b4cf8d4.txt"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_quotes_are_the_source(reports_dir, name):
    """Every observation quotes the source: its span is the number as written, inside its sentence,
    and reading that quote alone gives the same number; the indicator phrase lies in the sentence."""
    text, observations = sample_observations(reports_dir, name)
    assert observations
    for o in observations:
        quote = text[o.start : o.end]
        assert quote == quote.strip() and o.sentence.start <= o.start < o.end <= o.sentence.end, quote
        if o.measure_type != "rank":  # a bare ordinal ("first and third") is a rank only in its sentence
            again = [q for q in find_quantities(quote) if q.text == quote]
            assert again, quote
        if o.indicator_span is not None:
            assert o.sentence.start <= o.indicator_span.start < o.indicator_span.end <= o.sentence.end


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_local_labels_are_phrases(reports_dir, name):
    """No local indicator is a pronoun, a generic word or empty: every label names a thing."""
    _, observations = sample_observations(reports_dir, name)
    junk = {"local:it", "local:we", "local:ones", "local:total", "local:respectively", "local:unspecified",
            "local:yuan", "local:", "local:they"}
    assert not [o.indicator for o in observations if o.indicator in junk]


@pytest.mark.parametrize("name, surface, expected", [
    # sample, number as written (first occurrence), indicator read
    ("000_307afd3bdd958b57.txt", "673.95 billion yuan", "gdp"),
    ("001_7587376b1d27bb2d.txt", "40.22-billion-yuan", "special_bonds"),
    ("002_990f4c30dad71cc2.txt", "1.257 million people", "new_urban_jobs"),
    ("003_dd06e806b0afbabf.txt", "3.43%", "rd_intensity"),
    ("004_941fcfcf0b4cf8d4.txt", "423.34 billion RMB", "exports"),
])
def test_sample_figures(reports_dir, name, surface, expected):
    text, observations = sample_observations(reports_dir, name)
    start = text.index(surface)
    assert [o.indicator for o in observations if o.start == start] == [expected]


# ------------------------------------------------------------------ perturbations change nothing

PERTURBED = [
    "The city's GDP reached 512.3 billion yuan, up 5.9% year on year, and the total retail sales of consumer goods "
    "grew by 6.1%.",
    "Sales of electric vehicles, smart phones and home robots grew by 21.5%, 14.2% and 63.1% respectively.",
    "We upgraded 1,320 low-efficiency enterprises and reclaimed 960 hectares of idle land, accounting for 141% and "
    "126% of the annual targets respectively.",
    "We launched the “50 Measures for Private Firms” campaign, and 416 more enterprises were certified as national "
    "high-tech ones, ranking second in Zhejiang.",
    "The proportion of foreign investment in manufacturing rose to 88.3%, and the \"Green\" product exports grew by "
    "7.7%.",
]


def _facts(text: str):
    return [(o.indicator, o.value, o.unit, o.measure_type, o.comparator, o.status, o.period) for o in observe(text)]


@st.composite
def perturbed(draw):
    text = draw(st.sampled_from(PERTURBED))
    gaps = [m.start() for m in re.finditer(r"(?<=[A-Za-z,]) (?=[A-Za-z])", text)]
    chosen = draw(st.lists(st.sampled_from(gaps), unique=True, max_size=6)) if gaps else []
    out = list(text)
    for k in sorted(chosen, reverse=True):
        out[k] = draw(st.sampled_from(["  ", "\u00a0", " \u00a0 "]))
    new = "".join(out)
    if draw(st.booleans()):
        new = re.sub(r"(?<=\d)%", " percent", new)
    if draw(st.booleans()):
        new = new.replace("“", '"').replace("”", '"')
    return text, new


@settings(max_examples=60, deadline=None)
@given(perturbed())
def test_perturbations_give_the_same_observations(pair):
    original, changed = pair
    assert _facts(changed) == _facts(original)
