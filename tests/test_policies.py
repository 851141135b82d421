"""Policy extraction: table rows written in the style of the reports, then the five samples
(read at run time from ../shared/reports): spans quote the source, and each policy that
several reports cite is one key with all its spellings."""

from __future__ import annotations

import hashlib
from functools import cache

import pytest

from kg.extract.policies import extract_policies
from kg.gazetteer import default_gazetteer
from kg.model import Document, Paragraph, ReportMetadata, Section, Segmented
from kg.resolve import clean_surface, resolve_policies

X = pytest.mark.xfail(strict=True)
QUOTES = "\u201c\u201d\u2018\u2019\"'"


@cache
def meta(code: str = "330400") -> ReportMetadata:
    """A municipal report of Jiaxing (or of the province, 330000)."""
    g = default_gazetteer()
    place = next(p for _, _, p in g.find({"330400": "Jiaxing", "330000": "Zhejiang"}[code]))
    province = place if place.level == "province" else g.parent(place)
    return ReportMetadata(jurisdiction=place, province=province, document_type="government-work-report",
                          report_year=2024)


def segmented(text: str) -> Segmented:
    doc = Document("t.txt", "t.txt", text, "utf-8", "text/plain", hashlib.sha256(text.encode()).hexdigest())
    para = Paragraph(0, len(text))
    return Segmented(doc, [Section("tasks", 0, len(text), None, [para])])


def mentions(text: str, code: str = "330400"):
    return [(text[m.start:m.end], m) for m in extract_policies(segmented(text), meta(code))]


EXTRACT = [
    # text written in the style of the reports                                   span                         key
    ("We will faithfully implement the “Double-Eight Strategy” in depth.",        "Double-Eight Strategy",     "double-eight-strategy"),
    ("We fully implemented the provincial “811” initiative.",                    "811",                       "811-initiative"),
    ("We practised the “Two Mountains” concept in every county.",                 "Two Mountains",             "two-mountains-concept"),
    ("This year we will conclude the 14th Five-Year Plan.",                       "14th Five-Year Plan",       "five-year-plan-14"),
    ("and implemented the “100-day Campaigns with Ten Themes” for stability",     "100-day Campaigns with Ten Themes", "local:100-day-campaigns-with-ten-themes"),
    ("We upgraded the “8+4” policies for the economy.",                            "8+4",                       "8-4-policies"),
    ("We promoted “Ten Major Projects” across the city.",                         "Ten Major Projects",        "ten-major-projects"),
    ("We will launch the “Clean Air Campaign” this spring.",                      "Clean Air Campaign",        "local:clean-air-campaign"),
    ("We carried out the “Green Harbour” action plan.",                           "Green Harbour",             "local:green-harbour-action"),
    ("We deepened the initiative “327” for industry.",                            "327",                       "local:code-327"),
    ("We will advance the Smart Village Revival Initiative.",                     "Smart Village Revival Initiative", "local:smart-village-revival-initiative"),
    ("Jinhua should practise the Eight-Eight Strategy.",                          "Eight-Eight Strategy",      "double-eight-strategy"),
    ("exports to countries along the “Belt and Road” grew.",                      "Belt and Road",             "belt-and-road-initiative"),
    ("We will implement the One Town, One Craft strategy.",                       "One Town, One Craft strategy", "local:one-town-one-craft-strategy"),
    ("We will implement the “Lake City” and “Canal Town” projects.",              "Lake City",                 "local:lake-city-project"),
    ("We will deeply implement the “Clean Rivers, Green Banks” in all towns.",  "Clean Rivers, Green Banks", "local:clean-rivers-green-banks"),
    ("We followed the new development philosophy.",                               "new development philosophy", "new-development-philosophy"),
    ("We will implement the rural revitalization strategy by high standards.",    "rural revitalization strategy", "rural-revitalization-strategy"),
    # numbered packages (kg/extract/policies_rules.py); "N ones for" only after a package
    ("We introduced 12 policies for supporting small shipyards, 15 ones for easing credit.",
     "12 policies for supporting small shipyards", "local:12-policies-for-supporting-small-shipyards"),
    ("We introduced 12 policies for supporting small shipyards, 15 ones for easing credit.",
     "15 ones for easing credit", "local:15-ones-for-easing-credit"),
    ("Focusing on the three major battles, we cut risks.",                        "three major battles",       "three-critical-battles"),
    ("Focusing on the new energy industry, we introduced 10 major policies.",      "10 major policies",         "local:10-major-policy"),
    # a head noun before an unquoted Title Case name (quotes lost in PDF text)
    ("We launched the campaign Bright Lamps for Every Home and more.",            "Bright Lamps for Every Home", "local:bright-lamps-for-every-home"),
    ("We implemented Ten Ways for Farmers to Share Prosperity.",                  "Ten Ways for Farmers to Share Prosperity", "local:ten-ways-for-farmers-to-share-prosperity"),
    # campaign brands: a brand word and a place
    ("We accelerated the construction of Beautiful Jiaxing.",                     "Beautiful Jiaxing",         "local:beautiful-jiaxing"),
    ("We set 120 new “Made in Zhejiang” standards.",                              "Made in Zhejiang",          "local:made-in-zhejiang"),
    # reforms named after the place that pilots them
    ("We will deepen the Jiaxing rural credit reform this year.",                 "Jiaxing rural credit reform", "local:jiaxing-rural-credit-reform"),
    ("We will promote the green credit reform of Huzhou and Jiaxing.",            "green credit reform of Huzhou and Jiaxing", "local:green-credit-reform-of-huzhou-and-jiaxing"),
    # numbered slogans and codes in quotes
    ("We will build the “Two Rings and Three Belts” of the city.",                "Two Rings and Three Belts", "local:two-rings-and-three-belts"),
    ("We set up a “1+N” industrial Internet platform.",                           "1+N",                       "local:code-1-plus-n"),
    # a plan that implements a curated strategy is a plan of its own
    ("We implemented the action plan for promoting the Belt and Road Initiative.",
     "action plan for promoting the Belt and Road Initiative", "local:action-plan-for-promoting-the-belt-and-road-initiative"),
    ("Projects were included in the 14th Five-Year Plan for the digital economy.", "14th Five-Year Plan for the digital economy", "local:14th-five-year-plan-for-the-digital-economy"),
    # glued words of PDF text; province-scoped curated labels
    ("Three people joined the Kunpeng ActionPlan of Zhejiang.",                   "Kunpeng ActionPlan",        "kunpeng-action"),
    ("The construction of the Greater Bay Area was accelerated.",                 "Greater Bay Area",          "zhejiang-greater-bay-area"),
]


@pytest.mark.parametrize("text, span, key", EXTRACT, ids=[r[1] for r in EXTRACT])
def test_extraction(text, span, key):
    found = {s: m.key for s, m in mentions(text)}
    assert found.get(span) == key, found


NOT_POLICIES = [
    "We completed 128 projects and introduced 26 policies.",
    "The National Development and Reform Commission approved the plan.",
    "Ten initiatives were selected as provincial models.",
    "We will fully implement “Regulations of Zhejiang on Optimizing Business Environment”.",
    "The Zhejiang Petrochemical Phase I project went into operation.",
    "The city won the title “National Civilized City” again.",
    "We will reflect the “Harbour warmth” in more subtle ways.",
    "We completed 35 projects for water supply and 12 reforms.",
]


@pytest.mark.parametrize("text", NOT_POLICIES)
def test_not_policies(text):
    assert mentions(text) == []


RELATIONS = [
    # text                                                                  span                      relation
    ("We will faithfully implement the “Double-Eight Strategy”.",           "Double-Eight Strategy",  "implements"),
    ("We will launch the “Clean Air Campaign” this spring.",                "Clean Air Campaign",     "launches"),
    ("We deepened the implementation of our “551” initiative.",             "551",                    "deepens"),
    ("We will scientifically formulate the 15th Five-Year Plan.",           "15th Five-Year Plan",    "proposes"),
    ("We will successfully conclude the 14th Five-Year Plan.",              "14th Five-Year Plan",    "completes"),
    ("The goals of the 14th Five-Year Plan were met.",                      "14th Five-Year Plan",    "cites"),
    ("We deepened reform, and the “Green Harbour” action plan went well.", "Green Harbour",          "cites"),
]


@pytest.mark.parametrize("text, span, relation", RELATIONS, ids=[r[0] for r in RELATIONS])
def test_relation(text, span, relation):
    found = {s: m.relation for s, m in mentions(text)}
    assert found[span] == relation


LEVELS = [
    # text                                                             code      span                    level
    ("We implemented the provincial “Green Harbour” action plan.",      "330400", "Green Harbour",        "provincial"),
    ("We deepened our “551” initiative.",                               "330400", "551",                  "municipal"),
    ("We continued the initiative “551” of Jiaxing.",                   "330400", "551",                  "municipal"),
    ("We implemented the national “Clean Air Campaign”.",               "330400", "Clean Air Campaign",   "national"),
    ("We will launch the “Clean Air Campaign” this spring.",            "330400", "Clean Air Campaign",   "municipal"),
    ("We will launch the “Clean Air Campaign” this spring.",            "330000", "Clean Air Campaign",   "provincial"),
    ("We carried out the “Clean Air Campaign”.",                        "330400", "Clean Air Campaign",   "municipal"),
    ("We carried out the “Clean Air Campaign”.",                        "330000", "Clean Air Campaign",   "provincial"),
    ("We advanced the construction of Beautiful Zhejiang.",             "330400", "Beautiful Zhejiang",   "provincial"),
    ("We implemented the Eight-Eight Strategy.",                        "330400", "Eight-Eight Strategy", "provincial"),
    ("We practised the Eight-Eight Strategy.",                          "330400", "Eight-Eight Strategy", "provincial"),
    ("Projects were included into the 14th Five-Year Plan of the country.", "330400", "14th Five-Year Plan", "national"),
]


@pytest.mark.parametrize("text, code, span, level", LEVELS, ids=[f"{r[0]} [{r[1]}]" for r in LEVELS])
def test_level(text, code, span, level):
    found = {s: m.level for s, m in mentions(text, code)}
    assert found[span] == level


# ------------------------------------------------------------------ the sample reports

SAMPLE_NAMES = ["000_307afd3bdd958b57.txt", "001_7587376b1d27bb2d.txt", "002_990f4c30dad71cc2.txt",
                "003_dd06e806b0afbabf.txt", "004_941fcfcf0b4cf8d4.txt"]


@cache
def sample_policies(reports_dir, name: str):
    from kg.extract.metadata import extract_metadata
    from kg.ingest import read_document
    from kg.segment import segment

    doc = read_document(reports_dir / name)
    seg = segment(doc)
    return doc.text, extract_policies(seg, extract_metadata(seg, default_gazetteer()))


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_spans_quote_the_source(reports_dir, name):
    text, found = sample_policies(reports_dir, name)
    assert found, name
    for m in found:
        span = text[m.start:m.end]
        assert span and span == span.strip(), (m, span)
        assert span[0] not in QUOTES and span[-1] not in QUOTES, (m, span)
        assert m.key and m.name and m.rule.count("/") == 1
    assert extract_policies.__name__ and found == sample_policies.__wrapped__(reports_dir, name)[1]


# policies cited by several samples: key -> (reports that cite it, spellings that must be aliases)
GROUPS = {
    "double-eight-strategy": ({"000", "001", "002", "004"},
                              {"Double EightDevelopment Strategy", "Double-Eight Development Strategy",
                               "double-eight strategy", "double eight strategy", "Eight-Eight Strategy"}),
    "five-year-plan-14": ({"000", "001", "002", "003", "004"}, {"14th Five-Year Plan"}),
    "two-mountains-concept": ({"002", "003"}, {"Two Mountains"}),
    "belt-and-road-initiative": ({"002", "003", "004"}, {"Belt and Road", "B&R Initiative"}),
    "ten-million-project": ({"001", "002"}, {"Ten Million Project", "Zhejiangs Green Rural Revival Program"}),
    "fengqiao-experience": ({"001", "003"}, {"Fengqiao Experience", "Maple Bridge Experience"}),
    "new-development-philosophy": ({"000", "001", "002"}, {"new development philosophy", "new development concept"}),
    "yangtze-river-delta-integration": ({"001", "002", "003"}, {"integrated development of the Yangtze River Delta"}),
    "thousand-projects-trillion-investment": ({"000", "001"}, set()),
    "local:code-551": ({"000", "001"}, {"551"}),
    "dual-circulation": ({"003", "004"}, {"dual circulation"}),
    "zero-waste-city": ({"000", "001", "002", "003"}, {"zero-waste cities", "city with no waste", "waste-free city"}),
    "eight-point-decision": ({"000", "002", "003"}, {"eight central regulations"}),
    "kunpeng-action": ({"000", "002"}, {"Kunpeng ActionPlan", "Kunpeng action"}),
    "campaign-against-organized-crime": ({"002", "003"}, {"special campaign against gang crimes"}),
    "mountain-sea-collaboration": ({"000", "002"}, {"Mountain-Ocean Collaboration Project", "mountain-island collaboration"}),
    "qflp-pilot": ({"000", "003"}, {"QFLP"}),
    "yangtze-river-economic-belt": ({"002", "003"}, {"Yangtze River Economic Belt"}),
}


@pytest.fixture(scope="module")
def entities(reports_dir):
    by_report, texts = {}, {}
    for name in SAMPLE_NAMES:
        texts[name[:3]], by_report[name[:3]] = sample_policies(reports_dir, name)
    return resolve_policies(by_report, texts)


@pytest.mark.parametrize("key", sorted(GROUPS))
def test_cross_report_groups(entities, key):
    reports, spellings = GROUPS[key]
    entity = entities[key]
    assert reports <= {r for r, _, _ in entity.mentions}
    assert spellings <= set(entity.aliases), entity.aliases
    assert entity.rule


def test_different_policies_stay_apart(entities):
    """No entity holds two curated policies' labels, and the Ten Million Project is not the
    "Ten, Hundred, Thousand" project of another province."""
    assert "local:ten-hundred-thousand-project" in entities
    assert all(not ("Two Lakes" in a) for e in entities.values() for a in e.aliases if e.key == "two-mountains-concept")


def test_aliases_are_source_spellings(entities, reports_dir):
    texts = {n[:3]: sample_policies(reports_dir, n)[0] for n in SAMPLE_NAMES}
    for e in entities.values():
        for report, start, end in e.mentions:
            assert clean_surface(texts[report][start:end]) in e.aliases
