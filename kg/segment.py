"""Document -> sections, paragraphs and sentences, all as offsets into ``Document.text``.

Sections. Reports number their parts in several schemes (roman "I.", arabic "1.",
parenthesised "(1)", or unnumbered title-case lines) and use the same schemes one
level down. The top level is decided per document by consistency: the scheme of
the first heading that announces a review of past work is the top-level scheme,
and its numbers must run in sequence (I, II, III ... or 1, 2, 3 ...), so a "1."
sub-heading under "I." or a numbered list under "3." never starts a section.
Title lines are headings only after the first line of running text, and a title
line right under another heading is a sub-heading. The kind of each section
comes from cue phrases in ``kg/data/section_headings.tsv``; a heading without a
cue that names a year reviews if the year is before the latest year named in the
headings and plans (tasks) otherwise; a heading with neither continues the tasks
when it follows tasks or targets ("III. Promoting ..." after "II. Targets and
priorities"), else it is "other". Text before the first
heading is "front". The paragraph that announces the main targets of the coming
year/plan period ("the main targets ... are: GDP growth of around 5%")
usually sits inside a tasks section; it is cut out as a section of its own.

Sub-headings stay in the text as one-line paragraphs: they name the topic of the
paragraphs below them, which the extractors read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .model import Document, Paragraph, Section, Segmented, Span
from .segment_data import Lexicon, default_lexicon
from .segment_lines import (
    Candidate,
    Line,
    classify,
    group_paragraphs,
    is_body,
    parts_of,
    split_lines,
)
from .segment_sentences import split_sentences

PARAGRAPH_CUE_WINDOW = 300  # the targets announcement opens its paragraph
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
NO_TARGETS_IN = ("front", "review")


@dataclass(frozen=True, slots=True)
class TopHeading:
    index: int  # index of the heading line
    line: Line
    kind: str


def debris(text: str) -> list[tuple[int, int]]:
    """Page-furniture spans from the cleaning layer (none if it is not installed)."""
    try:
        from .clean import debris_spans
    except ImportError:
        return []
    return [(int(s), int(e)) for s, e in debris_spans(text)]


def heading_kind(title: str, lexicon: Lexicon) -> str | None:
    """The kind named by the earliest cue in a heading's text (ties: file order)."""
    best: tuple[tuple[int, int], str] | None = None
    for cue in lexicon.heading_cues:
        m = cue.pattern.search(title)
        if m and (best is None or (m.start(), cue.order) < best[0]):
            best = ((m.start(), cue.order), cue.kind)
    return best[1] if best else None


def _usable(text: str, lines: list[Line], candidates: list[Candidate]) -> list[Candidate]:
    """Drop title lines of the front matter and title lines right under another heading."""
    cand_lines = {c.line for c in candidates}
    first_body = next(
        (i for i, ln in enumerate(lines) if i not in cand_lines and is_body(ln.text(text))), len(lines)
    )
    return [
        c
        for c in candidates
        if c.scheme != "title" or (c.line > first_body and c.line - 1 not in cand_lines)
    ]


def _kinds_from_years(usable: list[Candidate], titles: dict, cued: dict) -> dict[Candidate, str | None]:
    """Kinds with a year fallback for headings without a cue.

    A heading that names a year before the latest year named in its scheme reviews
    ("II. Development in 2031"); one that names the latest year plans (tasks).
    """
    kinds = dict(cued)
    years = {c: [int(y) for y in YEAR.findall(titles[c])] for c in usable}
    for scheme in sorted({c.scheme for c in usable}):
        same = [c for c in usable if c.scheme == scheme and years[c]]
        latest = max((max(years[c]) for c in same), default=None)
        for c in same:
            if kinds[c] is None:
                kinds[c] = "review" if max(years[c]) < latest else "tasks"
    return kinds


def _chain(same: list[Candidate], anchor: Candidate) -> list[Candidate]:
    """The anchor and the headings of its scheme that continue its numbering both ways."""
    if anchor.scheme == "title":
        return same
    at = same.index(anchor)
    chain, expected = [anchor], anchor.number + 1
    for c in same[at + 1 :]:
        if c.number == expected:
            chain.append(c)
            expected += 1
    expected = anchor.number - 1
    for c in reversed(same[:at]):
        if c.number == expected:
            chain.insert(0, c)
            expected -= 1
    return chain


def top_level(text: str, lines: list[Line], candidates: list[Candidate], lexicon: Lexicon) -> list[TopHeading]:
    """The top-level headings with their kinds (see the module docstring).

    The anchor is the first heading whose cue says review, else the first with any
    cue, else the first whose years say review; cue phrases outrank years.
    """
    usable = _usable(text, lines, candidates)
    titles = {c: text[c.title_start : lines[c.line].end] for c in usable}
    cued = {c: heading_kind(titles[c], lexicon) for c in usable}
    kinds = _kinds_from_years(usable, titles, cued)
    anchor = next((c for c in usable if cued[c] == "review"), None)
    anchor = anchor or next((c for c in usable if cued[c] is not None), None)
    anchor = anchor or next((c for c in usable if kinds[c] == "review"), None)
    if anchor is None:
        return []
    out: list[TopHeading] = []
    for c in _chain([c for c in usable if c.scheme == anchor.scheme], anchor):
        kind = kinds[c]
        if kind is None:
            kind = "tasks" if out and out[-1].kind in ("tasks", "targets") else "other"
        out.append(TopHeading(c.line, lines[c.line], kind))
    return out


def _paragraph(text: str, lines: list[Line], group: list[int], lexicon: Lexicon) -> Paragraph:
    parts = parts_of(lines, group)
    return Paragraph(
        start=parts[0][0],
        end=parts[-1][1],
        sentences=split_sentences(text, parts, lexicon),
        parts=[Span(s, e) for s, e in parts],
    )


def _front_end(text: str, paragraphs: list[Paragraph]) -> int:
    """Without headings: the front is the paragraphs before the first of running text."""
    for p in paragraphs:
        if is_body(text[p.parts[0].start : p.parts[0].end]):
            return p.start
    return paragraphs[-1].end


def build_sections(text: str, lines: list[Line], tops: list[TopHeading], paragraphs: list[Paragraph]) -> list[Section]:
    """Sections tiling the text from the first to the last kept character."""
    first, last = lines[0].start, lines[-1].end
    if tops:
        bounds = [(t.line.start, t.kind, Span(t.line.start, t.line.end)) for t in tops]
    else:
        bounds = [(_front_end(text, paragraphs), "other", None)] if paragraphs else []
    if not bounds or bounds[0][0] > first:
        bounds.insert(0, (first, "front", None))
    starts = [p.start for p in paragraphs]
    sections = []
    for i, (start, kind, heading) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else last
        if start < end or heading is not None:
            inside = paragraphs[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
            sections.append(Section(kind, start, end, heading, inside))
    return sections


def _targets_block(text: str, section: Section, lexicon: Lexicon) -> tuple[int, int] | None:
    """The [a, b) paragraph range of the first announcement of the main targets."""
    paras = section.paragraphs
    for a, p in enumerate(paras):
        opening = text[p.start : min(p.end, p.start + PARAGRAPH_CUE_WINDOW)]
        if any(cue.pattern.search(opening) for cue in lexicon.paragraph_cues):
            # a lead-in ("The main objectives ... :") takes the paragraph it introduces
            b = a + 2 if text[p.end - 1] == ":" and a + 1 < len(paras) else a + 1
            return a, b
    return None


def _names_a_measure(text: str, paragraphs: list[Paragraph], lexicon: Lexicon) -> bool:
    return any(cue.pattern.search(text[p.start : p.end]) for p in paragraphs for cue in lexicon.measure_cues)


def carve_targets(text: str, section: Section, lexicon: Lexicon) -> list[Section]:
    """Cut the main-targets announcement out of a section as a section of its own.

    In a targets section what follows the announcement is the tasks; in a tasks
    (or other) section the announcement must name a measure to be cut out.
    """
    block = None if section.kind in NO_TARGETS_IN else _targets_block(text, section, lexicon)
    if block is None:
        return [section]
    a, b = block
    paras = section.paragraphs
    if section.kind == "targets":
        pieces = [(0, "targets"), (b, "tasks")]
    elif _names_a_measure(text, paras[a:b], lexicon):
        pieces = [(0, section.kind), (a, "targets"), (b, section.kind)]
    else:
        return [section]
    out: list[Section] = []
    for n, (first, kind) in enumerate(pieces):
        stop = pieces[n + 1][0] if n + 1 < len(pieces) else len(paras)
        heading = section.heading if n == 0 else None
        if first >= stop and heading is None:
            continue
        start = section.start if n == 0 else paras[first].start
        end = paras[stop].start if stop < len(paras) else section.end
        out.append(Section(kind, start, end, heading, paras[first:stop]))
    return out


def segment(doc: Document, lexicon: Lexicon | None = None) -> Segmented:
    """Split a document into sections, paragraphs and sentences (pure, deterministic)."""
    lexicon = lexicon or default_lexicon()
    text = doc.text
    lines = split_lines(text, debris(text))
    if not lines:
        return Segmented(doc, [])
    candidates = classify(text, lines)
    tops = top_level(text, lines, candidates, lexicon)
    top_lines = {t.index for t in tops}
    groups = group_paragraphs(text, lines, top_lines, {c.line for c in candidates}, lexicon)
    paragraphs = [_paragraph(text, lines, g, lexicon) for g in groups]
    sections = build_sections(text, lines, tops, paragraphs)
    return Segmented(doc, [piece for s in sections for piece in carve_targets(text, s, lexicon)])
