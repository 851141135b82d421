"""Policy resolution: spelling variants get one key, near-miss names never merge, and every
key records the rule that made it. All names here are written for these tests."""

from __future__ import annotations

import pytest

from kg.model import PolicyMention
from kg.resolve import (
    curated_index,
    curated_policies,
    normalize,
    policy_key,
    resolve_policies,
)

NEAR_MISSES = [
    ("Beautiful China", "Peaceful China"),
    ("Beautiful China", "Beautiful Zhejiang"),
    ("Peaceful China", "Peaceful Zhejiang"),
    ("Digital China", "Digital Zhejiang"),
    ("Healthy China", "Healthy Zhejiang"),
    ("Ten Major Projects", "Ten Major Actions"),
    ("Ten Major Projects", "Ten Million Project"),
    ("13th Five-Year Plan", "14th Five-Year Plan"),
    ("14th Five-Year Plan", "15th Five-Year Plan"),
    ("Fourteenth Five-Year Plan", "Fifteenth Five-Year Plan"),
    ("the “811” initiative", "the “8+4” policies"),
    ("“1+8” action", "“1+6” action"),
    ("“551” initiative", "“532” development strategy"),
    ("Double-Eight Strategy", "Double Hundred action"),
    ("Double-Eight Strategy", "Double Hundred Billion projects"),
    ("Eight-Eight Strategy", "Eight Major Actions"),
    ("“Double Hundred” action", "“Double Hundred Billion” projects"),
    ("Two Mountains concept", "Two Lakes innovation zone"),
    ("Belt and Road Initiative", "Digital Silk Road"),
    ("Rural Revitalization Strategy", "Innovation-Driven Development Strategy"),
    ("dual carbon strategy", "dual circulation"),
    ("double reduction", "double first-class"),
    ("Modern Beautiful Town Initiative", "Beautiful China Initiative"),
    ("No. 1 Project", "No. 2 Project"),
    ("Ten Common Prosperity Initiatives", "Common Prosperity"),
    ("Zero Wage Arrears Campaign", "No Arrears in Zhejiang action"),
    ("Dragon City Talent Plan", "Dragon Action"),
    ("Made in China 2025", "Digital China"),
    ("Six Stabilities", "Six Guarantees"),
    ("Eagle Action", "Phoenix Action"),
    ("garbage revolution", "toilet revolution"),
    ("three zones and three lines", "Three Zones and One Platform"),
    ("Greater Garden", "Greater Channel"),
    ("Greater Metropolitan Areas", "Greater Bay Area"),
    ("Digital Silk Road", "Digital Yangtze River Delta"),
    ("Yangtze River Delta on Track", "Yangtze River Delta Science and Technology Innovation Community"),
    ("Yangtze River Economic Belt", "integrated development of the Yangtze River Delta"),
    ("supply-side structural reform", "agricultural supply-side structural reform"),
    ("theme education on studying and implementing Xi Jinping Thought", "staying true to our founding mission"),
    ("Kunpeng Action Plan", "Eagle Action Plan"),
    ("Peaceful Zhejiang", "Digital Zhejiang"),
    ("26 policies for relieving difficulties", "40 policies for stabilizing the economy"),
    ("Wenzhou financial reform", "Ningbo inclusive financial reform"),
    ("“1+N” system", "“1+3” zones"),
]


SCOPED = [
    # surface                 place codes of the report       key
    ("Greater Bay Area",       frozenset({"330400", "330000"}), "zhejiang-greater-bay-area"),
    ("Greater Bay Area",       frozenset({"440300", "440000"}), "greater-bay-area"),
    ("Greater Bay Area",       frozenset(),                     "greater-bay-area"),
    ("digital reform",         frozenset({"330000"}),           "digital-reform"),
    ("digital reform",         frozenset({"320400", "320000"}), "local:digital-reform"),
]


@pytest.mark.parametrize("surface, scope, key", SCOPED, ids=[f"{r[0]} {sorted(r[1])}" for r in SCOPED])
def test_scoped_labels_apply_inside_their_province(surface, scope, key):
    """A province-scoped curated label names its concept only in that province's reports."""
    assert policy_key(surface, scope)[0] == key


@pytest.mark.parametrize("a, b", NEAR_MISSES, ids=[f"{a} | {b}" for a, b in NEAR_MISSES])
def test_near_misses_never_merge(a, b):
    assert policy_key(a)[0] != policy_key(b)[0]


SAME = [
    # spelling a                              spelling b                                    rule
    ("Double-Eight Strategy",                 "Eight-Eight Strategy",                        "curated-alias"),
    ("Double-Eight Strategy",                 "‘Double Eight’ Development Strategy",         "curated-alias"),
    ("Double-Eight Strategy",                 "Double EightDevelopment Strategy",            "curated-alias"),
    ("Double-Eight Strategy",                 "the \"double-eight strategy\"",               "curated-alias"),
    ("Double-Eight Strategy",                 "8-8 Strategy",                                "curated-alias"),
    ("Belt and Road Initiative",              "the “Belt and Road” initiative",              "curated-alias"),
    ("Belt and Road Initiative",              "B&R Initiative",                              "curated-alias"),
    ("Two Mountains Concept",                 "“Two Mountains” concept",                     "curated-alias"),
    ("Ten Million Project",                   "Zhejiang’s Green Rural Revival Program",      "curated-alias"),
    ("Ten Million Project",                   "Zhejiangs Green Rural Revival Programme",     "curated-alias"),
    ("14th Five-Year Plan",                   "Fourteenth Five-Year Plan",                   "curated-alias"),
    ("14th Five-Year Plan",                   "the 14th  Five-Year  Plan",                   "curated-alias"),
    ("new development philosophy",            "the new development concept",                "curated-alias"),
    ("Maximum One Visit Service reform",      "“maximum one visit service procedure” reform", "curated-alias"),
    ("Fengqiao Experience",                   "Maple Bridge Experience",                     "curated-alias"),
    ("8th Five-Year Plan",                    "Eighth Five-Year Plan",                       "ordinal-plan"),
    ("the “551” initiative",                  "“551” Project",                               "quoted-code"),
    ("“1+8” action plan",                     "“1+8” action",                                "quoted-code"),
    ("Modern Beautiful Town Initiative",      "modern beautiful town initiatives",           "normalized-form"),
    ("Zero Wage Arrears Campaign",            "the zero-wage arrears campaign",              "normalized-form"),
    ("Ten Common Prosperity Initiatives",     "Ten Common Prosperity Initiative",            "normalized-form"),
]


@pytest.mark.parametrize("a, b, rule", SAME, ids=[f"{a} | {b}" for a, b, _ in SAME])
def test_spelling_variants_merge(a, b, rule):
    assert policy_key(a) == policy_key(b)
    assert policy_key(a)[1] == rule


def test_no_general_number_word_rule():
    """"Double X" and "X-X" merge only through the curated list."""
    assert policy_key("Double-Three Action")[0] != policy_key("Three-Three Action")[0]
    assert policy_key("Double Ten Plan")[0] != policy_key("10-10 Plan")[0]


@pytest.mark.parametrize("surface, norm", [
    ("the “Two Mountains” Concept", "two mountains concept"),
    ("Ten Major Projects", "ten major project"),
    ("Zhejiang’s Green Rural Revival Programme", "zhejiangs green rural revival program"),
    ("“1+8” action plan", "1+8 action"),
])
def test_normalize(surface, norm):
    assert normalize(surface) == norm


def test_curated_labels_are_unique_and_complete():
    concepts = curated_policies()
    assert len(concepts) >= 30
    assert len({c.notation for c in concepts}) == len(concepts)
    assert len(curated_index()) >= len(concepts)
    for c in concepts:
        assert c.level in ("national", "provincial", "municipal", "county")
        assert c.definition
        scope = frozenset({c.scope}) if c.scope else frozenset()
        assert policy_key(c.pref_label, scope) == (c.notation, "curated-alias")


def _m(start, key, name, level=None, rule="quoted/normalized-form"):
    return PolicyMention(start, start + len(name), key, name, level, "cites", rule)


def test_resolve_groups_across_reports():
    text_a = "implement the Eight-Eight Strategy and the Zero Wage Arrears Campaign"
    text_b = "deepen the Double-Eight Development Strategy"
    a1 = PolicyMention(14, 34, "double-eight-strategy", "Double-Eight Strategy", "provincial", "implements",
                       "capitalised/curated-alias")
    a2 = _m(43, "local:zero-wage-arrears-campaign", "Zero Wage Arrears Campaign", "municipal")
    b1 = PolicyMention(11, 44, "double-eight-strategy", "Double-Eight Strategy", "provincial", "deepens",
                       "capitalised/curated-alias")
    entities = resolve_policies({"a": [a1, a2], "b": [b1]}, {"a": text_a, "b": text_b})
    assert sorted(entities) == ["double-eight-strategy", "local:zero-wage-arrears-campaign"]
    d8 = entities["double-eight-strategy"]
    assert d8.name == "Double-Eight Strategy" and d8.level == "provincial" and d8.rule == "curated-alias"
    assert d8.aliases == ["Double-Eight Development Strategy", "Double-Eight Strategy", "Eight-Eight Strategy"]
    assert d8.mentions == [("a", 14, 34), ("b", 11, 44)]
    assert d8.iri == "https://w3id.org/cngov/def/policy/double-eight-strategy"
    zw = entities["local:zero-wage-arrears-campaign"]
    assert zw.rule == "normalized-form" and zw.level == "municipal" and not zw.curated
