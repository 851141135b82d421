"""Small text tools shared by the metadata rules: lines, hits, value tidying, dates.

Every rule matches the verbatim source text (Python's ``\\s`` already covers
NBSP and other Unicode spaces), so spans are exact source offsets with no
mapping step; only the *values* are tidied for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .metadata_cues import Cues


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line of the source, trimmed of surrounding whitespace."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Hit:
    """A value read from the text, with the span it was read from and the rule."""

    value: object
    start: int
    end: int
    rule: str


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-empty lines of ``text[start:end]`` with tight offsets."""
    end = len(text) if end is None else end
    lines = []
    for m in re.finditer(r"[^\n\r]+", text[start:end]):
        s, e = m.start() + start, m.end() + start
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            lines.append(Line(s, e))
    return lines


def trim(text: str, start: int, end: int, chars: str = " \t\r\n\u00a0\u3000,.;:—–-()（）") -> tuple[int, int]:
    """Shrink [start, end) past spaces and punctuation so evidence spans stay tight."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def tidy(value: str) -> str:
    """A readable value: one space between words, straight apostrophes, and the
    apostrophe that PDF extraction drops restored ("Peoples Congress" -> "People's Congress")."""
    value = value.replace("\u2019", "'").replace("\u2018", "'")
    value = re.sub(r"\s+", " ", value).strip()
    value = re.sub(r"\bPeople\s?s\b", "People's", value)
    value = re.sub(r"\bPartys\b", "Party's", value)
    return value


# ---------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class DateHit:
    value: date
    start: int
    end: int
    worded: bool  # "February 27, 2023" (True) versus "2023-02-27" (False)


@lru_cache(maxsize=4)
def _date_patterns(cues: Cues) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    months = cues.alternation("month")
    year = r"(?P<year>(?:19|20)\d{2})(?!\d)"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    mon = rf"(?P<mon>\b{months})(?![a-z])"
    month_first = re.compile(rf"{mon}\s*{day}\s*,?\s*{year}", re.IGNORECASE)
    day_first = re.compile(rf"(?<!\d){day}\s*{mon}\s*,?\s*{year}", re.IGNORECASE)
    numeric = re.compile(rf"(?<!\d){year}\s*[-/.年]\s*(?P<mon>\d{{1,2}})\s*[-/.月]\s*(?P<day>\d{{1,2}})(?!\d)日?")
    return month_first, day_first, numeric


def month_number(cues: Cues, word: str) -> int | None:
    for cue in cues.of("month"):
        if cue.pattern.fullmatch(word.strip()):
            return int(cue.key)
    return None


def find_dates(cues: Cues, text: str, start: int = 0, end: int | None = None) -> list[DateHit]:
    """Every valid date in ``text[start:end]``, in order of position."""
    end = len(text) if end is None else end
    hits: dict[int, DateHit] = {}
    for pattern in _date_patterns(cues):
        for m in pattern.finditer(text, start, end):
            mon = m["mon"]
            month = int(mon) if mon.isdigit() else month_number(cues, mon)
            try:
                value = date(int(m["year"]), month or 0, int(m["day"]))
            except ValueError:
                continue
            hit = DateHit(value, m.start(), m.end(), worded=not mon.isdigit())
            if m.start() not in hits or hits[m.start()].end < hit.end:
                hits[m.start()] = hit
    return [hits[k] for k in sorted(hits)]


ISO_STAMP = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def is_bare_date(cues: Cues, text: str, line: Line) -> DateHit | None:
    """The date when a line holds nothing but a date (in brackets or after a dash, at most)."""
    s, e = trim(text, line.start, line.end)
    dates = find_dates(cues, text, s, e)
    if len(dates) != 1:
        return None
    d = dates[0]
    rest = text[s : d.start] + text[d.end : e]
    if d.worded and not rest.strip():
        return d
    if not d.worded and ISO_STAMP.fullmatch(text[s:e]):
        return d
    return None
