"""Lines, heading candidates and paragraphs: the layout half of segmentation.

A *line* is a run of text between line breaks, trimmed of spaces and of page
debris (``kg.clean.debris_spans``). Paragraphs are built from lines, because the
inputs come in two layouts: one paragraph per line, separated by blank lines or
not (web pages), and hard-wrapped text whose paragraphs span several lines (PDF
extraction). A page break can cut a paragraph in two; the halves are rejoined
when the first half cannot end a sentence (see ``continues``).
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass

from .segment_data import Lexicon

SPACE = frozenset(" \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                  "\u200b\u200c\u200d\u202f\u205f\u2060\u3000\ufeff\v")
LINE_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits on
# what may end a sentence (and so a paragraph); closing quotes and brackets included
TERMINAL = frozenset(".!?;:\"”)]…。！？；：")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
MARKERS = (  # (scheme, marker pattern); group "num" is the ordinal
    ("roman", re.compile(r"(?P<num>[IVXL]{1,7})\s*[.、．]\s*")),
    ("arabic", re.compile(r"(?P<num>\d{1,2})\s*[.、．](?!\d)\s*")),
    ("paren", re.compile(r"[(（]\s*(?P<num>\d{1,2})\s*[)）]\s*")),
)
_INNER_BOUNDARY = re.compile(r"[a-z0-9%)”\"’][.!?]+[”\"’)]*[\s\u00a0]+[\"“‘(]?[A-Z]")
_SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or the to up with via vs".split()
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_LINE = re.compile(rf"[\d\s,./:-]*(?:(?:{_MONTHS})[\s\d,./:-]*)?", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MAX_MARKED_TITLE = 160
_MAX_TITLE_LINE = 120
_FULL_LINE, _SHORT_LINE = 0.85, 0.6  # of the wrap width (90th percentile of line widths)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    new_block: bool  # a blank line or debris separates it from the previous line

    def text(self, doc_text: str) -> str:
        return doc_text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line that looks like a heading in one numbering scheme."""

    line: int  # index into the line list
    scheme: str  # "roman" | "arabic" | "paren" | "title"
    number: int | None  # the ordinal, for numbered schemes
    title_start: int  # offset of the heading text after the marker


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in SPACE:
        start += 1
    while end > start and text[end - 1] in SPACE:
        end -= 1
    return start, end


def _without_debris(text: str, start: int, end: int, debris: list[tuple[int, int]], starts: list[int]):
    """The part of [start, end) left when debris is cut from both ends; None if nothing is left."""
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    pieces, pos = [], start
    for d_start, d_end in debris[i:]:
        if d_start >= end:
            break
        if d_end <= pos:
            continue
        if d_start > pos:
            pieces.append((pos, d_start))
        pos = max(pos, d_end)
    if pos < end:
        pieces.append((pos, end))
    pieces = [p for p in (_trim(text, s, e) for s, e in pieces) if p[0] < p[1]]
    return (pieces[0][0], pieces[-1][1]) if pieces else None


def split_lines(text: str, debris: list[tuple[int, int]]) -> list[Line]:
    """Non-empty, trimmed, debris-free lines in document order.

    ``new_block`` is set when a blank line or any debris lies between a line and
    the previous one: that is where a page break or a paragraph break shows.
    """
    debris = sorted(debris)
    starts = [s for s, _ in debris]
    lines: list[Line] = []
    pos, breaks, cut = 0, 1, False  # cut: debris seen since the previous kept line
    for raw in text.splitlines(keepends=True):  # str.splitlines knows every line break
        stop = pos + len(raw.rstrip(LINE_BREAKS))
        trimmed = _trim(text, pos, stop)
        kept = _without_debris(text, pos, stop, debris, starts) if trimmed[0] < trimmed[1] else None
        if kept is None:
            cut = cut or _has_debris(trimmed, debris, starts)
        else:
            lines.append(Line(kept[0], kept[1], not lines or breaks > 1 or cut or kept[0] != trimmed[0]))
            breaks, cut = 0, kept[1] != trimmed[1]
        breaks += 1
        pos += len(raw)
    return lines


def _has_debris(span: tuple[int, int], debris: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, span[1])
    return span[0] < span[1] and i > 0 and debris[i - 1][1] > span[0]


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral up to L (50), else None."""
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value else value
    return total if total > 0 and to_roman(total) == numeral else None


def to_roman(n: int) -> str:
    out = []
    for value, sym in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def heading_text_ok(title: str) -> bool:
    """Could this text (marker removed) be a heading: short, one sentence, not a lead-in?"""
    if not title or len(title) > _MAX_MARKED_TITLE or not any(c.isalpha() for c in title):
        return False
    if title[-1] in ":;,，：；":
        return False
    return not _INNER_BOUNDARY.search(title)


def is_title_line(line: str) -> bool:
    """A title-case line without final punctuation: "Main Work Done This Year"."""
    if len(line) > _MAX_TITLE_LINE or line[-1] in TERMINAL or line[-1] in ",，" or _CJK.search(line):
        return False
    if not line[0].isupper() or _DATE_LINE.fullmatch(line):
        return False
    words = _WORD.findall(line)
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised >= 2 and capitalised >= 0.75 * len(content)


def classify(text: str, lines: list[Line]) -> list[Candidate]:
    """Heading candidates of every scheme, in document order (at most one per line)."""
    found: list[Candidate] = []
    for i, line in enumerate(lines):
        s = line.text(text)
        for scheme, marker in MARKERS:
            m = marker.match(s)
            if not m or not heading_text_ok(s[m.end() :]):
                continue
            num = roman_value(m["num"]) if scheme == "roman" else int(m["num"])
            if num is not None:
                found.append(Candidate(i, scheme, num, line.start + m.end()))
                break
        else:
            if is_title_line(s):
                found.append(Candidate(i, "title", None, line.start))
    return found


def is_body(line: str) -> bool:
    """A line of running text (it ends a sentence), as opposed to front-matter furniture."""
    stripped = line.rstrip("”\"’)")
    return len(line) >= 40 and bool(stripped) and stripped[-1] in ".!?;:。！？"


def continues(prev: str, nxt: str, lexicon: Lexicon) -> bool:
    """Does ``nxt`` continue the sentence that ``prev`` left unfinished (a page-break cut)?"""
    if not prev or prev[-1] in TERMINAL:
        return False
    if nxt[:1].islower() or prev[-1] in "-–":
        return True
    last = _WORD.findall(prev[-40:])
    return bool(last) and prev.endswith(last[-1]) and last[-1].lower() in lexicon.continuations


def is_wrapped(text: str, lines: list[Line]) -> bool:
    """Is the text hard-wrapped (paragraphs span several lines of similar width)?"""
    inner = [a for a, b in zip(lines, lines[1:]) if not b.new_block]
    if len(inner) < 3:
        return False
    open_ended = sum(1 for ln in inner if text[ln.end - 1] not in TERMINAL)
    widths = [ln.end - ln.start for ln in lines]
    return open_ended >= 0.5 * len(inner) and statistics.median(widths) <= _MAX_TITLE_LINE


def wrap_continues(prev: str, nxt: str, width: float) -> bool:
    """In hard-wrapped text: does the paragraph go on from line ``prev`` to ``nxt``?

    A line filled up to the wrap width goes on; a line that stops short ends its
    paragraph if it ends a sentence, and is a heading if it is short and the next
    line starts with a capital.
    """
    if prev[-1] in TERMINAL:
        return len(prev) >= _FULL_LINE * width
    return len(prev) >= _SHORT_LINE * width or not nxt[:1].isupper()


def _wrap_width(lines: list[Line]) -> float:
    widths = sorted(ln.end - ln.start for ln in lines)
    return widths[int(0.9 * (len(widths) - 1))]


def group_paragraphs(
    text: str, lines: list[Line], breaks: set[int], headings: set[int], lexicon: Lexicon
) -> list[list[int]]:
    """Group line indexes into paragraphs.

    ``breaks`` are lines that are never part of a paragraph (top-level headings);
    ``headings`` are heading-like lines that form a paragraph of their own.
    """
    wrapped = is_wrapped(text, lines)
    width = _wrap_width(lines) if wrapped else 0.0
    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        if i in breaks:
            groups.append([])
            continue
        prev = groups[-1][-1] if groups and groups[-1] else None
        if prev is not None and i not in headings and prev not in headings:
            before, here = lines[prev].text(text), line.text(text)
            same_block = not line.new_block and prev == i - 1
            if (wrapped and same_block and wrap_continues(before, here, width)) or continues(before, here, lexicon):
                groups[-1].append(i)
                continue
        groups.append([i])
    return [g for g in groups if g]


def parts_of(lines: list[Line], group: list[int]) -> list[tuple[int, int]]:
    """Source ranges of a paragraph: lines of one block merge, a blank line or debris splits."""
    parts: list[tuple[int, int]] = []
    previous = None
    for i in group:
        line = lines[i]
        if parts and previous == i - 1 and not line.new_block:
            parts[-1] = (parts[-1][0], line.end)
        else:
            parts.append((line.start, line.end))
        previous = i
    return parts
