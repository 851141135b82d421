"""Years and periods: report year, review period, plan period.

Rules, in the order they are tried:

report year   the one year in the title ("...(2023)", "...Government 2020");
              else the year of the delivery date; else the year a plan heading
              names ("Main Work Tasks for 2023"); else the reviewed year + 1;
              else the year of publication.
review period a review heading with a year ("A Review of Our Work in 2022",
              "Work review in 2023") -> "2022"; relative headings ("...the
              past year", "...the past five years", "Main Work Done This Year")
              count from the report year. When the reviewed year is the year
              the document was delivered in (a December plenary), the year is
              not over and its figures are part-year: the review period is then
              the latest explicit part-year period stated for that year
              ("first three quarters of 2020", "From January to November" ->
              "2020-01/2020-11"). Without a review cue: the year in the heading
              of the first section the segmenter classed as review ("I. Main
              work in 2023"); else a work report that speaks of "the past year"
              reviews report year - 1.
plan period   a five-year plan named in the title or headline lines ("14th
              Five-Year Plan" -> "2021/2025"; "Next Five-Year Plan" -> the one
              after the report year) for plenaries and other documents; a plan
              heading for the coming year ("Main Work Tasks for 2023",
              "Targets and priorities in 2020") for work reports (tried first
              there), else the year in the heading of the first section the
              segmenter classed as targets/tasks; a work report without any of
              these plans its own report year.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Segmented
from .metadata_cues import YEAR_GROUP, Cues
from .metadata_front import Front
from .metadata_text import Hit, Line, month_number

HEADING_MAX = 150
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
GWR = "government-work-report"
Heading = tuple[str, re.Match] | None  # (cue key, match) of a review or plan heading


def heading_lines(seg: Segmented, front: Front) -> list[Line]:
    """Candidate headings: the segmenter's section headings and every short line but the title."""
    spans = {(ln.start, ln.end) for ln in front.lines if ln.end - ln.start <= HEADING_MAX}
    spans |= {(s.heading.start, s.heading.end) for s in seg.sections if s.heading is not None}
    if front.title is not None:
        spans.discard((front.title.start, front.title.end))
    return [Line(s, e) for s, e in sorted(spans)]


def _first_match(cues: Cues, kind: str, text: str, line: Line) -> tuple[str, re.Match] | None:
    best = None
    for cue in cues.of(kind):
        m = cue.pattern.search(text, line.start, line.end)
        if m and (best is None or (m.start(), -m.end()) < (best[1].start(), -best[1].end())):
            best = (cue.key, m)
    return best


def find_heading(cues: Cues, kind: str, text: str, headings: list[Line]) -> Heading:
    """The first heading (in document order) with a cue of ``kind``; a line that
    reads as a review heading is never taken as a plan heading."""
    for line in headings:
        if kind == "plan-heading" and _first_match(cues, "review-heading", text, line):
            continue
        found = _first_match(cues, kind, text, line)
        if found:
            return found
    return None


# ---------------------------------------------------------------------- report year


def title_year(front: Front) -> Hit | None:
    if front.title is None:
        return None
    years = list(YEAR.finditer(front.text, front.title.start, front.title.end))
    if len({m[0] for m in years}) != 1:
        return None
    return Hit(int(years[0][0]), years[0].start(), years[0].end(), "title-year")


def read_report_year(
    front: Front, delivered: Hit | None, plan_head: Heading, review_head: Heading, published: Hit | None
) -> Hit | None:
    """The year the report is delivered in / for (see the module docstring for the order)."""
    hit = title_year(front)
    if hit:
        return hit
    if delivered is not None:
        return Hit(delivered.value.year, delivered.start, delivered.end, "delivered-year")
    if plan_head and plan_head[0] == "year":
        m = plan_head[1]
        return Hit(int(m["year"]), m.start("year"), m.end("year"), "plan-heading-year")
    if review_head and review_head[0] == "year":
        m = review_head[1]
        return Hit(int(m["year"]) + 1, m.start("year"), m.end("year"), "review-year-plus-one")
    if published is not None:
        return Hit(published.value.year, published.start, published.end, "published-year")
    return None


# --------------------------------------------------------------------- review period


@lru_cache(maxsize=4)
def _month_ranges(cues: Cues) -> tuple[re.Pattern, ...]:
    mon = cues.alternation("month")
    tail = rf"(?:\s*,?\s*(?:of\s+)?{YEAR_GROUP})?"
    return (
        re.compile(rf"\bfrom\s+(?P<m1>{mon})\s+to\s+(?P<m2>{mon})(?![a-z]){tail}", re.IGNORECASE),
        re.compile(rf"\b(?P<m1>{mon})\s*[-–—~]\s*(?P<m2>{mon})(?![a-z]){tail}", re.IGNORECASE),
        re.compile(rf"\bfirst\s+(?P<n>\d{{1,2}})\s+months(?:\s+of\s+{YEAR_GROUP})?", re.IGNORECASE),
    )


def partial_periods(cues: Cues, text: str, year: int) -> list[tuple[int, int, int, int]]:
    """(first month, last month, start, end) of every part-year period of ``year``
    (phrases without a year belong to the year under review)."""
    found = []
    for cue in cues.of("partial-period"):
        m1, m2 = (int(x) for x in cue.key.split("/"))
        for m in cue.pattern.finditer(text):
            if not m.groupdict().get("year") or int(m["year"]) == year:
                found.append((m1, m2, m.start(), m.end()))
    for pattern in _month_ranges(cues):
        for m in pattern.finditer(text):
            if m.groupdict().get("year") and int(m["year"]) != year:
                continue
            if m.groupdict().get("n"):
                first, last = 1, int(m["n"])
            else:
                first, last = month_number(cues, m["m1"]), month_number(cues, m["m2"])
            if first and last and 1 <= first < last <= 12:
                found.append((first, last, m.start(), m.end()))
    return found


def _latest_partial(cues: Cues, text: str, year: int) -> Hit | None:
    periods = partial_periods(cues, text, year)
    if not periods:
        return None
    first, last, start, end = sorted(periods, key=lambda p: (-p[1], p[2]))[0]
    return Hit(f"{year}-{first:02d}/{year}-{last:02d}", start, end, "latest-part-year-period")


def section_heading_year(seg: Segmented, kinds: tuple[str, ...]) -> Hit | None:
    """The one year in the heading of the first section the segmenter classed as ``kinds``
    ("I. Main work in 2023" is a review section even without a review cue phrase)."""
    text = seg.document.text
    for section in seg.sections:
        if section.kind in kinds and section.heading is not None:
            h = section.heading
            years = list(YEAR.finditer(text, h.start, h.end))
            if len({m[0] for m in years}) == 1:
                return Hit(years[0][0], h.start, h.end, f"{section.kind}-section-heading")
            return None
    return None


def read_review(
    cues: Cues, front: Front, review_head: Heading, report_year: Hit | None, doctype: str, seg: Segmented
) -> Hit | None:
    """The reviewed period (see the module docstring)."""
    text = front.text
    ry = report_year.value if report_year else None
    if review_head is None:
        from_section = section_heading_year(seg, ("review",))
        if from_section is not None and (ry is None or int(from_section.value) < ry):
            return from_section
        if doctype == GWR and ry:
            m = re.search(r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+year\b", text[front.end :], re.I)
            if m:
                return Hit(str(ry - 1), front.end + m.start(), front.end + m.end(), "past-year-phrase")
        return None
    key, m = review_head
    if key == "year":
        year, value = int(m["year"]), m["year"]
    elif ry is None:
        return None
    elif key == "past-five-years":
        return Hit(f"{ry - 5}/{ry - 1}", m.start(), m.end(), "review-heading-past-five-years")
    else:
        year = ry - 1 if key == "past-year" else ry
        value = str(year)
    if ry is not None and year == ry:  # the year is not over: figures are part-year
        partial = _latest_partial(cues, text, year)
        if partial:
            return partial
    return Hit(value, m.start(), m.end(), f"review-heading-{key}")


# ----------------------------------------------------------------------- plan period


@lru_cache(maxsize=4)
def _plan_patterns(cues: Cues) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    words = "|".join(c.source for c in cues.of("ordinal"))
    ordinal = rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|(?:{words})\b)"
    fyp = r"five[-\s]*year\s+plan"
    return (
        re.compile(rf"{ordinal}\s*[\"“”'‘’]?\s*{fyp}", re.IGNORECASE),
        re.compile(rf"\bnext\s+{fyp}", re.IGNORECASE),
        re.compile(r"(?<!\d)(?P<y1>(?:19|20)\d{2})\s*[-–—~/至]\s*(?P<y2>(?:19|20)\d{2})(?!\d)"),
    )


def _ordinal(cues: Cues, word: str) -> int | None:
    m = re.match(r"\d+", word)
    if m:
        return int(m[0])
    return next((int(c.key) for c in cues.of("ordinal") if c.pattern.fullmatch(word)), None)


def five_year_plan(cues: Cues, front: Front, report_year: Hit | None) -> Hit | None:
    """A five-year plan the title or headlines are about."""
    plans = cues.table("five-year-plan")
    named, following, span = _plan_patterns(cues)
    lines = front.headlines
    for line in lines:  # an explicit plan first: "the 14th Five-Year Plan", "(2021-2025)"
        m = named.search(front.text, line.start, line.end)
        if m and str(_ordinal(cues, m["ord"])) in plans:
            return Hit(plans[str(_ordinal(cues, m["ord"]))], m.start(), m.end(), "five-year-plan")
        m = span.search(front.text, line.start, line.end)
        if m and int(m["y2"]) - int(m["y1"]) == 4:
            return Hit(f"{m['y1']}/{m['y2']}", m.start(), m.end(), "plan-year-span")
    for line in lines:
        m = following.search(front.text, line.start, line.end)
        if m and report_year is not None:
            later = sorted(p for p in plans.values() if int(p[:4]) > report_year.value)
            if later:
                return Hit(later[0], m.start(), m.end(), "next-five-year-plan")
    return None


def _plan_heading_hit(plan_head: Heading, report_year: Hit | None) -> Hit | None:
    if plan_head is None:
        return None
    key, m = plan_head
    ry = report_year.value if report_year else None
    if key == "year":
        year = int(m["year"])
        if ry is not None and abs(year - ry) > 1:  # "Vision for 2035" is no annual plan
            return None
        return Hit(str(year), m.start(), m.end(), "plan-heading")
    return Hit(str(ry), m.start(), m.end(), "plan-heading-this-year") if ry else None


def read_plan(
    cues: Cues, front: Front, plan_head: Heading, report_year: Hit | None, doctype: str, seg: Segmented
) -> Hit | None:
    """The planned period (see the module docstring)."""
    heading = _plan_heading_hit(plan_head, report_year)
    if heading is None:
        heading = section_heading_year(seg, ("targets", "tasks"))
        ry = report_year.value if report_year else None
        if heading is not None and ry is not None and abs(int(heading.value) - ry) > 1:
            heading = None
    fyp = five_year_plan(cues, front, report_year)
    for hit in ((heading, fyp) if doctype == GWR else (fyp, heading)):
        if hit is not None:
            return hit
    if doctype == GWR and report_year is not None:
        return Hit(str(report_year.value), report_year.start, report_year.end, "work-report-year")
    return None
