"""Report metadata: every field of the five samples, report shapes written for
these tests (tests/fixtures/metadata/), evidence spans, and the rules one by one.

The sample expectations were annotated by reading each sample in full; a field
is None where the text does not state it (e.g. 000 and 002 name no speaker,
001 and 002 give no delivery date or session).
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from kg.errors import DataError
from kg.extract.metadata import extract_metadata
from kg.extract.metadata_cues import load_cues, parse_cues
from kg.extract.metadata_text import find_dates, tidy
from kg.model import Document, ReportMetadata
from kg.segment import segment

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"
FIELDS = (
    "jurisdiction", "level", "province", "document_type", "issuing_body", "report_year",
    "review_period", "plan_period", "delivered_on", "published_on", "speaker", "speaker_role",
    "congress_session", "title",
)  # fmt: skip
GWR, PLENARY = "government-work-report", "party-plenary"
NONE = (None, None)

# field: (expected value, a cue the evidence quote must contain (whitespace collapsed)).
# Places are compared by GB/T 2260 code; "level" is the jurisdiction's level.
SAMPLES: dict[str, dict[str, tuple]] = {
    "000": dict(
        jurisdiction=("330400", "Jiaxing"), level=("prefecture", "Jiaxing"), province=("330000", "Jiaxing"),
        document_type=(GWR, "Report on the Work of the Jiaxing Municipal Government"),
        issuing_body=("Jiaxing Municipal People's Government", "Municipal Peoples Government of Jiaxing"),
        report_year=(2023, "2023"), review_period=("2022", "Review of Our Work in 2022"),
        plan_period=("2023", "Tasks for 2023"), delivered_on=(date(2023, 2, 27), "February 27, 2023"),
        published_on=(date(2023, 5, 10), "2023-05-10"), speaker=NONE, speaker_role=NONE,
        congress_session=("Third Session of the Ninth Municipal People's Congress of Jiaxing", "Third Session"),
        title=("Report on the Work of the Jiaxing Municipal Government(2023)", "Government(2023)"),
    ),
    "001": dict(
        jurisdiction=("330400", "Jiaxing"), level=("prefecture", "Jiaxing"), province=("330000", "Jiaxing"),
        document_type=(GWR, "Report on the Work of the Jiaxing Municipal Government"),
        issuing_body=("Jiaxing Municipal People's Government", "Municipal People’s Government of Jiaxing"),
        report_year=(2025, "2025"), review_period=("2024", "Review of Our Work in 2024"),
        plan_period=("2025", "Tasks for 2025"), delivered_on=NONE,
        published_on=(date(2025, 3, 20), "2025-03-20"), speaker=("Li Jun", "Li Jun"),
        speaker_role=("Mayor", "Mayor"), congress_session=NONE,
        title=("Report on the Work of the Jiaxing Municipal Government(2025)", "Government(2025)"),
    ),
    "002": dict(
        jurisdiction=("330000", "Zhejiang"), level=("province", "Zhejiang"), province=("330000", "Zhejiang"),
        document_type=(GWR, "Report on the Work of the Government"),
        issuing_body=("People's Government of Zhejiang Province", "People's Government of Zhejiang Province"),
        report_year=(2020, "2020"), review_period=("2019", "review of our main work in 2019"),
        plan_period=("2020", "priorities in 2020"), delivered_on=NONE,
        published_on=(date(2020, 7, 9), "2020-07-09"), speaker=NONE, speaker_role=NONE,
        congress_session=NONE, title=("Report on the Work of the Government 2020", "Government 2020"),
    ),
    "003": dict(
        jurisdiction=("320400", "Changzhou"), level=("prefecture", "Changzhou"), province=("320000", "Changzhou"),
        document_type=(GWR, "Government Work Report"),
        issuing_body=("Changzhou Municipal People's Government", "Changzhou Municipal People’s Government"),
        report_year=(2024, "2024"), review_period=("2023", "Work review in 2023"),
        plan_period=("2024", "goals in 2024"), delivered_on=(date(2024, 1, 16), "January 16, 2024"),
        published_on=(date(2024, 1, 21), "2024-01-21"), speaker=("Sheng Lei", "Sheng Lei"),
        speaker_role=("Mayor", "Mayor"),
        congress_session=("third meeting of the 17th Changzhou People's Congress", "third meeting"),
        title=("Changzhou Municipal People's Government Work Report", "Government Work Report"),
    ),
    "004": dict(
        jurisdiction=("330700", "Jinhua"), level=("prefecture", "Jinhua"), province=("330000", "Jinhua"),
        document_type=(PLENARY, "Plenary Session of the 7th Jinhua Municipal Party Committee"),
        issuing_body=("Jinhua Municipal Committee of the Communist Party of China", "Jinhua Municipal Party Committee"),
        report_year=(2020, "2020"), review_period=("2020-01/2020-11", "From January to November"),
        plan_period=("2021/2025", "14th Five-Year Plan"), delivered_on=(date(2020, 12, 16), "16 December 2020"),
        published_on=(date(2020, 12, 25), "2020-12-25"), speaker=NONE, speaker_role=NONE,
        congress_session=("8th Plenary Session of the 7th Jinhua Municipal Party Committee", "8th Plenary Session"),
        title=("Jinhua Prepares for Next Five-Year Plan", "Next Five-Year Plan"),
    ),
}

# report shapes written for these tests (tests/fixtures/metadata/<name>.txt)
SHAPES: dict[str, dict[str, tuple]] = {
    "state_council_2024": dict(
        jurisdiction=("CN", "State Council"), level=("country", "State Council"), province=NONE,
        document_type=(GWR, "Report on the Work of the Government"), issuing_body=("State Council", "State Council"),
        report_year=(2024, "2024"), review_period=("2023", "Review of Our Work in 2023"),
        plan_period=("2024", "for 2024"), delivered_on=(date(2024, 3, 5), "March 5, 2024"),
        published_on=(date(2024, 3, 13), "2024-03-13"), speaker=("Li Qiang", "Li Qiang"),
        speaker_role=("Premier", "Premier"),
        congress_session=(
            "Second Session of the 14th National People's Congress of the People's Republic of China", "Second Session"
        ),
        title=("Report on the Work of the Government", "Report on the Work of the Government"),
    ),
    "jiangsu_province_2024": dict(
        jurisdiction=("320000", "Jiangsu"), level=("province", "Jiangsu"), province=("320000", "Jiangsu"),
        document_type=(GWR, "Government Work Report"),
        issuing_body=("People's Government of Jiangsu Province", "Jiangsu Provincial People's Government"),
        report_year=(2024, "2024"), review_period=("2023", "2023"), plan_period=("2024", "in 2024"),
        delivered_on=(date(2024, 1, 23), "January 23, 2024"), published_on=(date(2024, 1, 30), "2024-01-30"),
        speaker=("Xu Kunlin", "Xu Kunlin"), speaker_role=("Governor", "Governor"),
        congress_session=("Second Session of the 14th Jiangsu Provincial People's Congress", "Second Session"),
        title=("Government Work Report of Jiangsu Province (2024)", "Jiangsu Province (2024)"),
    ),
    "yiwu_county_city_2024": dict(
        jurisdiction=("330782", "Yiwu"), level=("county", "Yiwu"), province=("330000", "Yiwu"),
        document_type=(GWR, "Government Work Report"),
        issuing_body=("Yiwu Municipal People's Government", "People's Government of Yiwu"),
        report_year=(2024, "2024"), review_period=("2023", "Work Review for 2023"), plan_period=("2024", "2024"),
        delivered_on=(date(2024, 1, 10), "January 10, 2024"), published_on=(date(2024, 2, 2), "2024-02-02"),
        speaker=("Ye Bang", "Ye Bang"), speaker_role=("Acting Mayor", "Acting Mayor"),
        congress_session=("Fourth Session of the 17th Yiwu Municipal People's Congress", "Fourth Session"),
        title=("Government Work Report of Yiwu (2024)", "Yiwu (2024)"),
    ),
    "yuhang_district_2023": dict(
        jurisdiction=("330110", "Yuhang"), level=("county", "Yuhang"), province=("330000", "Yuhang"),
        document_type=(GWR, "Government Work Report"),
        issuing_body=("Yuhang District People's Government", "People's Government of Yuhang District"),
        report_year=(2023, "2023"), review_period=("2022", "Looking Back on 2022"), plan_period=("2023", "2023"),
        delivered_on=(date(2023, 1, 12), "January 12, 2023"), published_on=(date(2023, 1, 18), "2023-01-18"),
        speaker=("Liu Yi", "Liu Yi"), speaker_role=("District Head", "District Head"),
        congress_session=("Second Session of the 17th People's Congress of Yuhang District", "Second Session"),
        title=("Yuhang District People's Government Work Report", "Yuhang District"),
    ),
    "hangzhou_no_speaker_2024": dict(
        jurisdiction=("330100", "Hangzhou"), level=("prefecture", "Hangzhou"), province=("330000", "Hangzhou"),
        document_type=(GWR, "Government Work Report"),
        issuing_body=("Hangzhou Municipal People's Government", "Hangzhou Municipal People's Government"),
        report_year=(2024, "2024"), review_period=("2023", "Past Year"), plan_period=("2024", "Tasks for 2024"),
        delivered_on=NONE, published_on=(date(2024, 2, 5), "2024-02-05"), speaker=NONE, speaker_role=NONE,
        congress_session=NONE, title=("Hangzhou Government Work Report 2024", "Hangzhou Government Work Report"),
    ),
    "ningbo_acting_mayor_2024": dict(
        jurisdiction=("330200", "Ningbo"), level=("prefecture", "Ningbo"), province=("330000", "Ningbo"),
        document_type=(GWR, "Government Work Report"),
        issuing_body=("Ningbo Municipal People's Government", "Municipal People's Government"),
        report_year=(2024, "2024"), review_period=("2023", "Review of Work in 2023"), plan_period=("2024", "2024"),
        delivered_on=(date(2024, 1, 20), "January 20, 2024"), published_on=NONE,
        speaker=("Tang Feifan", "Tang Feifan"), speaker_role=("Acting Mayor", "Acting Mayor"),
        congress_session=("Second Session of the 14th Ningbo Municipal People's Congress", "Second Session"),
        title=("Government Work Report", "Government Work Report"),
    ),
    "wenzhou_party_communique_2023": dict(
        jurisdiction=("330300", "Wenzhou"), level=("prefecture", "Wenzhou"), province=("330000", "Wenzhou"),
        document_type=(PLENARY, "Communiqué of the Fifth Plenary Session"),
        issuing_body=("Wenzhou Municipal Committee of the Communist Party of China", "Wenzhou Municipal Committee"),
        report_year=(2023, "2023"), review_period=NONE, plan_period=NONE,
        delivered_on=(date(2023, 12, 28), "December 28, 2023"), published_on=NONE, speaker=NONE,
        speaker_role=NONE,
        congress_session=(
            "Fifth Plenary Session of the 14th Wenzhou Municipal Committee of the Communist Party of China",
            "Fifth Plenary Session",
        ),
        title=(
            "Communiqué of the Fifth Plenary Session of the 14th Wenzhou Municipal Committee of the Communist Party of China",
            "Communiqué",
        ),
    ),
    # two prefecture-level cities are called Taizhou; the text names Jiangsu, not Zhejiang
    "taizhou_jiangsu_2023": dict(
        jurisdiction=("321200", "Taizhou"), level=("prefecture", "Taizhou"), province=("320000", "Taizhou"),
        document_type=(GWR, "Report on the Work of the Taizhou Municipal Government"),
        issuing_body=("Taizhou Municipal People's Government", "Taizhou Municipal People's Government"),
        report_year=(2023, "2023"), review_period=("2022", "2022"), plan_period=("2023", "2023"),
        delivered_on=(date(2023, 1, 9), "January 9, 2023"), published_on=NONE, speaker=NONE, speaker_role=NONE,
        congress_session=("Second Session of the Sixth Taizhou Municipal People's Congress", "Second Session"),
        title=("Report on the Work of the Taizhou Municipal Government", "Taizhou"),
    ),
    # a province-level municipality: its own province
    "beijing_municipality_2024": dict(
        jurisdiction=("110000", "Beijing"), level=("province", "Beijing"), province=("110000", "Beijing"),
        document_type=(GWR, "Report on the Work"),
        issuing_body=("Beijing Municipal People's Government", "Beijing Municipal People's Government"),
        report_year=(2024, "2024"), review_period=("2023", "2023"), plan_period=("2024", "2024"),
        delivered_on=(date(2024, 1, 21), "January 21, 2024"), published_on=NONE,
        speaker=("Yin Yong", "Yin Yong"), speaker_role=("Mayor", "Mayor"),
        congress_session=("Second Session of the 16th Beijing Municipal People's Congress", "Second Session"),
        title=("Report on the Work of the Beijing Municipal Government", "Beijing"),
    ),
}


def sample(reports_dir: Path, prefix: str) -> Path:
    """The sample report whose file name starts with ``prefix``."""
    matches = sorted(reports_dir.glob(f"{prefix}*.txt"))
    if len(matches) != 1:
        pytest.fail(f"expected one sample report starting with {prefix!r} in {reports_dir}")
    return matches[0]


@cache
def _gazetteer():
    from kg.gazetteer import default_gazetteer

    return default_gazetteer()


def document(text: str, name: str = "input.txt") -> Document:
    return Document(name, Path(name).name, text, "utf-8", "text/plain", hashlib.sha256(text.encode()).hexdigest())


def extract(text: str, name: str = "input.txt") -> ReportMetadata:
    return extract_metadata(segment(document(text, name)), _gazetteer())


@cache
def _extracted(path: Path) -> tuple[str, ReportMetadata]:
    text = path.read_text(encoding="utf-8")
    return text, extract(text, path.name)


def actual(meta: ReportMetadata, field: str):
    if field == "level":
        return meta.jurisdiction.level if meta.jurisdiction else None
    value = getattr(meta, field)
    return value.code if field in ("jurisdiction", "province") and value is not None else value


def check_field(text: str, meta: ReportMetadata, field: str, value, cue) -> None:
    assert actual(meta, field) == value
    ev_field = "jurisdiction" if field == "level" else field
    if value is None:
        assert ev_field not in meta.evidence
        return
    ev = meta.evidence[ev_field]
    quote = ev.span.quote(text)
    assert quote and quote == quote.strip(), f"evidence not tight: {quote!r}"
    assert cue in " ".join(quote.split()), f"{cue!r} not in evidence {quote!r} (rule {ev.rule})"


def _rows(table: dict[str, dict[str, tuple]]) -> list[tuple]:
    return [(name, field, *table[name][field]) for name in table for field in FIELDS]


@pytest.mark.parametrize(
    "prefix, field, value, cue", _rows(SAMPLES), ids=[f"{r[0]}-{r[1]}" for r in _rows(SAMPLES)]
)
def test_sample_metadata(reports_dir, prefix, field, value, cue):
    text, meta = _extracted(sample(reports_dir, prefix))
    check_field(text, meta, field, value, cue)


@pytest.mark.parametrize("name, field, value, cue", _rows(SHAPES), ids=[f"{r[0]}-{r[1]}" for r in _rows(SHAPES)])
def test_report_shapes(name, field, value, cue):
    text, meta = _extracted(FIXTURES / f"{name}.txt")
    check_field(text, meta, field, value, cue)


@pytest.mark.parametrize("name", [*SAMPLES, *SHAPES])
def test_every_filled_field_has_tight_evidence(reports_dir, name):
    path = sample(reports_dir, name) if name in SAMPLES else FIXTURES / f"{name}.txt"
    text, meta = _extracted(path)
    for field in FIELDS[:1] + FIELDS[2:]:
        value = getattr(meta, field)
        if value is None or (field == "document_type" and field not in meta.evidence):
            assert field not in meta.evidence
            continue
        ev = meta.evidence[field]
        assert 0 <= ev.span.start < ev.span.end <= len(text) and ev.rule
        assert ev.span.quote(text) == ev.span.quote(text).strip()
    assert set(meta.evidence) <= set(FIELDS)


def test_shape_fixtures_all_have_expectations():
    assert sorted(p.stem for p in FIXTURES.glob("*.txt")) == sorted(SHAPES)


def test_file_name_is_never_used(reports_dir, tmp_path):
    """A misleading file name (another city, year and type) changes nothing."""
    original = sample(reports_dir, "000")
    decoy = tmp_path / "jinhua_2019_party_plenary_330700_yiwu.txt"
    shutil.copyfile(original, decoy)
    _, expected = _extracted(original)
    text = decoy.read_text(encoding="utf-8")
    assert extract(text, str(decoy)) == expected


def test_deterministic():
    text = (FIXTURES / "taizhou_jiangsu_2023.txt").read_text(encoding="utf-8")
    assert extract(text) == extract(text)


# ------------------------------------------------------------------ rules one by one

INLINE = [
    # (what the case shows, text written for this test, field, expected)
    (
        "a name in running text is not a speaker",
        "Report on the Work of the Lishui Municipal Government\n\nFellow Deputies,\n\n"
        "The session studied the report made by Wang Wu, who spoke for the Standing Committee.\n",
        "speaker",
        None,
    ),
    (
        "a bare numeric timestamp at the top is the release date, not the delivery date",
        "2022-02-03 10:11:12\n\nReport on the Work of the Lishui Municipal Government\n\nFellow Deputies,\n",
        "published_on",
        date(2022, 2, 3),
    ),
    (
        "a worded dateline under the title is the delivery date",
        "Report on the Work of the Lishui Municipal Government\n\n(January 5, 2022)\n\nFellow Deputies,\n",
        "delivered_on",
        date(2022, 1, 5),
    ),
    (
        "a review of the past five years counts back from the report year",
        "Report on the Work of the Lishui Municipal Government (2022)\n\nFellow Deputies,\n\n"
        "I. Review of Our Work over the Past Five Years\n\nWe did much.\n",
        "review_period",
        "2017/2021",
    ),
    (
        "a year still under way is reviewed up to its latest stated month",
        "Lishui plans its year\n\n20 December 2021\n\nMain Work Done This Year\n\n"
        "In the first half of 2021 growth was fast. From January to October exports rose.\n",
        "review_period",
        "2021-01/2021-10",
    ),
    (
        "an explicit year span in the title is the plan period",
        "Outline of the Five-Year Plan of Lishui (2021-2025)\n\nChapter One\n",
        "plan_period",
        "2021/2025",
    ),
    (
        "a plan heading far from the report year is a vision, not the annual plan",
        "Report on the Work of the Lishui Municipal Government (2022)\n\nFellow Deputies,\n\n"
        "Goals for 2035\n\nWe aim high.\n",
        "plan_period",
        "2022",
    ),
    (
        "a site banner above the title is page furniture",
        "Lishui Municipal People's Government\n\nReport on the Work of the Government (2022)\n\nFellow Deputies,\n",
        "title",
        "Report on the Work of the Government (2022)",
    ),
    (
        "the role may follow the name in brackets",
        "Report on the Work of the Lishui Municipal Government\n\nWang Wu (Acting Mayor)\n\nFellow Deputies,\n",
        "speaker_role",
        "Acting Mayor",
    ),
    (
        "a role written in lower case is capitalised",
        "Report on the Work of the Government\n\nby governor Wang Wu\n\nFellow Deputies,\n",
        "speaker_role",
        "Governor",
    ),
    (
        "the title names the government before any other place the front matter names",
        "Report on the Work of the Lishui Municipal Government\n\nRelease date: 2022-03-01\n\n"
        "Fellow Deputies,\n\nHangzhou, Ningbo and Wenzhou grew; Zhejiang grew; Hangzhou led.\n",
        "jurisdiction",
        "331100",
    ),
    (
        "without a body in the title, the speaker's own words decide (on behalf of ...)",
        "Report on the Work of the Government\n\nFellow Deputies,\n\nOn behalf of the People's Government "
        "of Quzhou, I report. Hangzhou and Hangzhou and Hangzhou helped us.\n",
        "jurisdiction",
        "330800",
    ),
    (
        "a place in a title with no body phrase is the jurisdiction",
        "Lishui Looks Ahead\n\nThe city met on growth.\n",
        "jurisdiction",
        "331100",
    ),
    (
        "an autonomous region's government keeps its full name",
        "Report on the Work of the Government (2024)\n\nFellow Deputies,\n\nOn behalf of the People's "
        "Government of Guangxi Zhuang Autonomous Region, I report.\n",
        "issuing_body",
        "People's Government of Guangxi Zhuang Autonomous Region",
    ),
    (
        "a document about the next five-year plan plans the one after its year",
        "Lishui Prepares for the Next Five-Year Plan\n\n18 December 2025\n\nThe plenary session of the "
        "Lishui Municipal Party Committee met.\n",
        "plan_period",
        "2026/2030",
    ),
    (
        "a release date label at the foot of the page counts",
        "Report on the Work of the Lishui Municipal Government\n\nFellow Deputies,\n\nText.\n\n"
        "Release date: 2021-02-10 08:00\n",
        "published_on",
        date(2021, 2, 10),
    ),
    (
        "a later session named in the body is not the delivery session",
        "Report on the Work of the Lishui Municipal Government\n\nFellow Deputies,\n\n"
        + "We worked hard. " * 300
        + "Goals set at the First Session of the Fifth Municipal People's Congress of Lishui were met.\n",
        "congress_session",
        None,
    ),
    (
        "a statistical communique is neither a work report nor a plenary",
        "Statistical Communiqué of Lishui on the 2022 National Economic and Social Development\n\nText.\n",
        "document_type",
        "other",
    ),
]


@pytest.mark.parametrize("text, field, expected", [c[1:] for c in INLINE], ids=[c[0] for c in INLINE])
def test_rules(text, field, expected):
    assert actual(extract(text), field) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Municipal\u00a0Peoples\u00a0 Congress", "Municipal People's Congress"),
        ("Changzhou People’s Congress", "Changzhou People's Congress"),
        ("the  Partys  plan", "the Party's plan"),
    ],
)
def test_tidy(raw, expected):
    assert tidy(raw) == expected


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("February\u00a027, 2023", date(2023, 2, 27)),
        ("16 December 2020", date(2020, 12, 16)),
        ("Release date:2023-05-10 11:25", date(2023, 5, 10)),
        ("发布日期:2020-12-25", date(2020, 12, 25)),
        ("on Jan. 9, 2023", date(2023, 1, 9)),
        ("2023年2月27日", date(2023, 2, 27)),
    ],
)
def test_dates(phrase, expected):
    assert [d.value for d in find_dates(load_cues(), phrase)] == [expected]


@pytest.mark.parametrize(
    "row, message",
    [
        ("nonsense\t-\t-\tx", "unknown kind"),
        ("role\tmayor\t-\t(unclosed", "bad pattern"),
        ("role\tmayor\tx", "expected 4"),
        ("role\tmayor\t-\tmayor\nrole\tmayor\t-\tmayor", "duplicate"),
    ],
)
def test_cue_table_is_validated(row, message):
    with pytest.raises(DataError, match=message):
        parse_cues(row, path="cues.tsv")


def test_bundled_cue_table_loads():
    cues = load_cues()
    assert cues.table("five-year-plan")["14"] == "2021/2025"
    assert {c.key for c in cues.of("doctype")} == {GWR, PLENARY, "other"}
