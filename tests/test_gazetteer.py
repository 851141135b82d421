"""The places gazetteer (kg.gazetteer) and its data file ontology/places.ttl."""

from __future__ import annotations

import importlib.metadata as md
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg.errors import DataError
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.rdf.namespaces import PLACE

from .conftest import sample

ROOT = Path(__file__).resolve().parents[1]
PLACES_TTL = ROOT / "ontology" / "places.ttl"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def codes(places) -> list[str]:
    return [p.code for p in places]


# ---------------------------------------------------------------- real divisions

DIVISIONS = [
    # code      English           Chinese              level         kind                              parent
    ("CN",     "China",          "中国",               "country",    "country",                        None),
    ("330000", "Zhejiang",       "浙江省",             "province",   "province",                       "CN"),
    ("320000", "Jiangsu",        "江苏省",             "province",   "province",                       "CN"),
    ("110000", "Beijing",        "北京市",             "province",   "municipality",                   "CN"),
    ("610000", "Shaanxi",        "陕西省",             "province",   "province",                       "CN"),
    ("140000", "Shanxi",         "山西省",             "province",   "province",                       "CN"),
    ("150000", "Inner Mongolia", "内蒙古自治区",       "province",   "autonomous region",              "CN"),
    ("810000", "Hong Kong",      "香港特别行政区",     "province",   "special administrative region",  "CN"),
    ("330400", "Jiaxing",        "嘉兴市",             "prefecture", "prefecture-level city",          "330000"),
    ("330700", "Jinhua",         "金华市",             "prefecture", "prefecture-level city",          "330000"),
    ("320400", "Changzhou",      "常州市",             "prefecture", "prefecture-level city",          "320000"),
    ("150100", "Hohhot",         "呼和浩特市",         "prefecture", "prefecture-level city",          "150000"),
    ("222400", "Yanbian",        "延边朝鲜族自治州",   "prefecture", "autonomous prefecture",          "220000"),
    ("152500", "Xilingol",       "锡林郭勒盟",         "prefecture", "league",                         "150000"),
    ("330483", "Tongxiang",      "桐乡市",             "county",     "county-level city",              "330400"),
    ("330481", "Haining",        "海宁市",             "county",     "county-level city",              "330400"),
    ("330421", "Jiashan",        "嘉善县",             "county",     "county",                         "330400"),
    ("330411", "Xiuzhou",        "秀洲区",             "county",     "district",                       "330400"),
    ("330782", "Yiwu",           "义乌市",             "county",     "county-level city",              "330700"),
    ("110105", "Chaoyang",       "朝阳区",             "county",     "district",                       "110000"),
    ("429021", "Shennongjia",    "神农架林区",         "county",     "forestry district",              "420000"),
]


@pytest.mark.parametrize("code, name_en, name_zh, level, kind, parent", DIVISIONS, ids=[d[1] for d in DIVISIONS])
def test_division(gaz, code, name_en, name_zh, level, kind, parent):
    place = gaz.get(code)
    assert place is not None
    assert (place.name_en, place.name_zh, place.level, place.parent) == (name_en, name_zh, level, parent)
    assert gaz.kind(place) == kind


# pinyin readings of place names that pypinyin alone gets wrong (kg/data/place_pinyin.tsv)
READINGS = [
    ("140400", "Changzhi"),  # 长治, not Zhangzhi
    ("211300", "Chaoyang"),  # 朝阳市, not Zhaoyang
    ("411100", "Luohe"),  # 漯河
    ("341500", "Lu'an"),  # 六安
    ("310112", "Minhang"),  # 闵行
    ("371722", "Shanxian"),  # 单县: a one-character name keeps its generic
    ("130133", "Zhaoxian"),  # 赵县
    ("141100", "Lüliang"),  # 吕梁
    ("610100", "Xi'an"),  # apostrophe before a vowel-initial syllable
]


@pytest.mark.parametrize("code, name_en", READINGS, ids=[r[1] for r in READINGS])
def test_pinyin_reading(gaz, code, name_en):
    assert gaz.get(code).name_en == name_en


def test_variants(gaz):
    assert {"Jiaxing City", "Jiaxing Municipality"} <= set(gaz.get("330400").variants)
    assert "Zhejiang Province" in gaz.get("330000").variants
    assert "Xian" in gaz.get("610100").variants
    assert "Lvliang" in gaz.get("141100").variants
    assert "Shanxi" not in gaz.get("610000").variants  # that is 山西


# ---------------------------------------------------------------- lookup

LOOKUPS = [
    # name                                   options                       codes
    ("Jiaxing",                               {},                           ["330400"]),
    ("Jiaxing City",                          {},                           ["330400"]),
    ("jiaxing municipality",                  {},                           ["330400"]),
    ("Jiaxing Prefecture",                    {},                           ["330400"]),  # generic tolerated
    ("嘉兴",                                   {},                           ["330400"]),
    ("嘉兴市",                                 {},                           ["330400"]),
    ("Zhejiang Province",                     {},                           ["330000"]),
    ("Jiashan County",                        {},                           ["330421"]),
    ("Xiuzhou District",                      {},                           ["330411"]),
    ("Tongxiang City",                        {},                           ["330483"]),
    ("Taizhou",                               {},                           ["321200", "331000"]),
    ("Taizhou",                               {"within": "330000"},         ["331000"]),
    ("Shanxi",                                {},                           ["140000"]),
    ("Shaanxi",                               {},                           ["610000"]),
    ("Inner Mongolia Autonomous Region",      {},                           ["150000"]),
    ("the Inner Mongolia Autonomous Region",  {},                           ["150000"]),
    ("Nei Mongol",                            {},                           ["150000"]),
    ("Tibet",                                 {},                           ["540000"]),
    ("Guangxi Zhuang Autonomous Region",      {},                           ["450000"]),
    ("Yanbian Korean Autonomous Prefecture",  {},                           ["222400"]),
    ("Hong Kong SAR",                         {},                           ["810000"]),
    ("Macau",                                 {},                           ["820000"]),
    ("Pudong New Area",                       {},                           ["310115"]),
    ("Hohhot",                                {},                           ["150100"]),
    ("Lhasa",                                 {},                           ["540100"]),
    ("Lasa",                                  {},                           ["540100"]),  # hidden label
    ("Ürümqi",                                {"level": "prefecture"},      ["650100"]),
    ("Xi\u2019an",                            {"level": "prefecture"},      ["610100"]),
    ("Xian",                                  {"level": "prefecture"},      ["610100"]),
    ("Chaoyang",                              {"within": "110000"},         ["110105"]),
    ("Hainan",                                {"level": "province"},        ["460000"]),
    ("China",                                 {},                           ["CN"]),
    ("Jiaxing's",                             {},                           []),  # callers strip
    ("Jiaxings",                              {},                           []),
]


@pytest.mark.parametrize("name, options, expected", LOOKUPS, ids=[f"{n}-{o}" for n, o, _ in LOOKUPS])
def test_lookup(gaz, name, options, expected):
    assert codes(gaz.lookup(name, **options)) == expected


def test_lookup_sorted_by_level_then_code(gaz):
    found = gaz.lookup("Chaoyang")
    assert found[0].code == "211300"  # the prefecture-level city before the districts
    assert codes(found[1:]) == sorted(codes(found[1:]))


# ---------------------------------------------------------------- hierarchy


def test_hierarchy(gaz):
    tongxiang = gaz.get("330483")
    assert codes(gaz.ancestors(tongxiang)) == ["330400", "330000", "CN"]
    assert gaz.parent(tongxiang).code == "330400"
    assert gaz.province_of(tongxiang).code == "330000"
    assert gaz.province_of(gaz.get("330000")).code == "330000"
    assert gaz.province_of(gaz.get("CN")) is None
    assert gaz.parent(gaz.get("CN")) is None
    assert gaz.province_of(gaz.get("110105")).code == "110000"  # district of a municipality


def test_counts(gaz):
    by_level = {lv: [p for p in gaz if p.level == lv] for lv in ("country", "province", "prefecture", "county")}
    assert codes(by_level["country"]) == ["CN"]
    assert len(by_level["province"]) == 34
    assert {"710000", "810000", "820000"} <= set(codes(by_level["province"]))
    assert len(by_level["prefecture"]) >= 333
    assert len(by_level["county"]) >= 2800


def test_codes_and_parents_follow_gbt2260(gaz):
    seen = set()
    for place in gaz:
        if place.level == "country":
            continue
        assert re.fullmatch(r"\d{6}", place.code), place
        assert place.code not in seen
        seen.add(place.code)
        assert gaz.get(place.parent) is not None, place
        allowed = {
            "province": {"CN"},
            "prefecture": {place.code[:2] + "0000"},
            "county": {place.code[:4] + "00", place.code[:2] + "0000"},
        }[place.level]
        assert place.parent in allowed, place


def test_no_placeholder_divisions(gaz):
    """GB/T 2260's 市辖区 / 县 grouping entries of the municipalities are not places."""
    assert gaz.get("110100") is None and gaz.get("500200") is None
    assert not gaz.lookup("市辖区")


# ---------------------------------------------------------------- find

REPORT_MENTIONS = [
    # sample  places every reader of that report expects to be found
    ("000", ["330400", "330000", "330483", "330481", "330421", "330411"]),
    ("001", ["330400", "330000", "330421", "330483"]),
    ("002", ["330000", "330100", "330700", "330782"]),
    ("003", ["320400", "320000", "320412", "320481"]),
    ("004", ["330700", "330000", "330782"]),
]


@pytest.mark.parametrize("prefix, expected", REPORT_MENTIONS, ids=[r[0] for r in REPORT_MENTIONS])
def test_find_in_reports(gaz, reports_dir, prefix, expected):
    text = sample(prefix).read_text(encoding="utf-8")
    found = gaz.find(text)
    assert set(expected) <= {p.code for _, _, p in found}
    for start, end, place in found:
        assert gaz.lookup(text[start:end]), (text[start:end], place)
    assert all(a[1] <= b[0] for a, b in zip(found, found[1:]))  # in order, not overlapping


NOT_IN_REPORTS = [
    # sample  code      why it must not be reported
    ("000",  "440511",  "Jinping of Xi Jinping is not 金平区"),
    ("002",  "321200",  "Taizhou in a Zhejiang report is 台州, not 泰州"),
    ("002",  "542500",  "an 'Ali' research institute is not Ngari (pinyin 阿里)"),
    ("003",  "340825",  "Taihu Lake is not Taihu County in Anhui"),
    ("003",  "620721",  "Sunan (southern Jiangsu) is not Sunan County in Gansu"),
]


@pytest.mark.parametrize("prefix, code, why", NOT_IN_REPORTS, ids=[r[2] for r in NOT_IN_REPORTS])
def test_find_in_reports_avoids(gaz, reports_dir, prefix, code, why):
    text = sample(prefix).read_text(encoding="utf-8")
    assert code not in {p.code for _, _, p in gaz.find(text)}


FIND = [
    # text (written for this test)                      options                 codes found, in order
    ("Jiaxing City is in Zhejiang Province.",            {},                     ["330400", "330000"]),
    ("We visited Xi\u2019an and Xian.",                  {},                     ["610100", "610100"]),
    ("Jiaxing's Pinghu and Haining grew fast.",          {},                     ["330400", "330482", "330481"]),
    ("Pinghu and Haining grew fast.",                    {},                     []),  # bare counties need context
    ("Pinghu and Haining grew fast.",                    {"within": "330400"},   ["330482", "330481"]),
    ("Jiashan County grew fast.",                        {},                     ["330421"]),
    ("Taizhou in Jiangsu",                               {},                     ["321200", "320000"]),
    ("Taizhou, Zhejiang",                                {},                     ["331000", "330000"]),
    ("Taizhou",                                          {"within": "330000"},   ["331000"]),
    ("Chaoyang District, Beijing",                       {},                     ["110105", "110000"]),
    ("Hainan and Changzhou",                             {},                     ["460000", "320400"]),
    ("Jiaxings growth",                                  {},                     []),
    ("the Taihu Lake and the Qiantang River",            {},                     []),
    ("General Secretary Xi Jinping",                     {},                     []),
    ("zhejiang in lower case",                           {},                     []),
    ("发布日期：嘉兴市人民政府，浙江",                     {},                     ["330400", "330000"]),
]


@pytest.mark.parametrize("text, options, expected", FIND, ids=[f[0] for f in FIND])
def test_find(gaz, text, options, expected):
    assert [p.code for _, _, p in gaz.find(text, **options)] == expected


def test_find_offsets(gaz):
    text = "Zhejiang\u00a0Province and Xi\u2019an\u2019s parks"
    assert [(s, e, text[s:e]) for s, e, _ in gaz.find(text)] == [(0, 17, "Zhejiang\u00a0Province"), (22, 27, "Xi\u2019an")]


# ---------------------------------------------------------------- RDF


@pytest.fixture(scope="module")
def places_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(PLACES_TTL, format="turtle")


def test_places_ttl_parses_in_rdflib(places_graph):
    assert (PLACE["330400"], rdflib.SKOS.prefLabel, rdflib.Literal("Jiaxing", lang="en")) in places_graph
    assert len(set(places_graph.subjects(rdflib.SKOS.notation, None))) == len(default_gazetteer())


def test_triples_for_is_self_contained(gaz, places_graph):
    graph = gaz.triples_for(["330421"])
    subjects = set(graph.subjects())
    assert {PLACE[c] for c in ("330421", "330400", "330000", "CN")} <= subjects
    assert PLACE["330481"] not in subjects
    assert all(t in places_graph for t in graph)
    with pytest.raises(DataError):
        gaz.triples_for(["999999"])


def test_default_gazetteer_is_cached():
    assert default_gazetteer() is default_gazetteer()


BAD_FILES = [
    ("not turtle", "cannot read"),
    ("@prefix kg: <https://w3id.org/cngov/def/kg#> .\n<urn:x> a kg:AdministrativeDivision .", "notation"),
    ("@prefix x: <urn:x#> .\nx:a x:b x:c .", "no kg:AdministrativeDivision"),
]


@pytest.mark.parametrize("content, message", BAD_FILES, ids=[b[1] for b in BAD_FILES])
def test_bad_file_raises_data_error(tmp_path, content, message):
    path = tmp_path / "places.ttl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        Gazetteer.load(path)


def test_missing_parent_raises_data_error(tmp_path):
    text = PLACES_TTL.read_text(encoding="utf-8")
    block = re.search(r"\nplace:330000 a .*?\.\n", text, re.S).group(0)
    path = tmp_path / "places.ttl"
    path.write_text(text.replace(block, "\n"), encoding="utf-8")
    with pytest.raises(DataError, match="parent 330000"):
        Gazetteer.load(path)


# ---------------------------------------------------------------- regeneration


def _recorded_versions() -> dict[str, str]:
    head = PLACES_TTL.read_text(encoding="utf-8")[:5000]
    return dict(re.findall(r"https://pypi\.org/project/([\w.-]+)/([\w.]+)/", head))


def test_build_script_reproduces_places_ttl():
    """Regenerating with the recorded package versions gives the same bytes."""
    for name, version in sorted(_recorded_versions().items()):
        try:
            installed = md.version(name)
        except md.PackageNotFoundError:
            pytest.skip(f"{name} is not installed (pip install '.[gazetteer]' to regenerate places.ttl)")
        if installed != version:
            pytest.skip(f"{name} {installed} is installed; places.ttl was built with {version}")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_places.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
