"""The front matter of a report: title, headline lines, document type, speaker,
session and dates.

Reports open with a short block of headline lines before the speech starts:
page furniture (breadcrumbs, "Release date:..."), the title, a subtitle naming
the session and date ("Delivered at the Third Session of ... on February 27,
2023"), the speaker ("Li Jun" / "Mayor of ..." or "Sheng Lei, Mayor of ...") or
a dateline ("16 December 2020"). The body starts with a salutation ("Fellow
Deputies,"), "On behalf of ..." or the first long paragraph. Metadata read from
these lines is what the document says about itself; the same words in the body
usually talk about other meetings and years.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..model import Segmented
from .metadata_cues import Cues
from .metadata_text import DateHit, Hit, Line, find_dates, is_bare_date, split_lines, tidy, trim

HEADLINE_MAX = 250  # a longer line is running text
MAX_HEADLINES = 15
FRONT_FALLBACK = 4000  # characters, when segmentation found no front section
OPENING_MAX = 3000  # a session named further on is an earlier one ("goals set at the first session")
BODY_KINDS = ("review", "targets", "tasks")

# a person's name in these translations: two or three capitalised words ("Li Jun", "Tang Feifan")
PERSON = r"(?-i:[A-Z][a-z]+(?:[ \u00a0]+[A-Z][a-z]+(?:-[a-z]+)?){1,2})"
PEOPLES = r"people(?:['’‘`]?s)?"
NAME_WORD = r"(?-i:[A-Z][a-z]+(?:['’][a-z]+)?)"


@dataclass(slots=True)
class Front:
    text: str
    end: int  # end of the front region (offset)
    lines: list[Line]  # every non-empty line of the document
    headlines: list[Line]  # the headline lines, title first
    title: Line | None


def front_end(seg: Segmented) -> int:
    """Where the speech proper starts: the first review/targets/tasks section."""
    text = seg.document.text
    starts = [s.start for s in seg.sections if s.kind in BODY_KINDS]
    fronts = [s.end for s in seg.sections if s.kind == "front"]
    end = min(starts) if starts else (fronts[0] if fronts else FRONT_FALLBACK)
    if end < 200:  # a heading at the very top: do not let it hide the title block
        end = FRONT_FALLBACK
    return min(end, len(text))


def _matches_any(cues: Cues, kind: str, line: str) -> bool:
    return any(c.pattern.search(line) for c in cues.of(kind))


@lru_cache(maxsize=4)
def _label_re(cues: Cues) -> re.Pattern:
    """A release-date label and its colon ("Release date:", "发布日期：")."""
    return re.compile(rf"{cues.alternation('published-label')}\s*[:：]?\s*", re.IGNORECASE)


def is_furniture(cues: Cues, text: str, line: Line) -> bool:
    """Page furniture: breadcrumbs, navigation words, "Release date:..." and bare timestamps."""
    s = line.of(text)
    if _matches_any(cues, "furniture", s):
        return True
    label = _label_re(cues).match(s)
    return bool(label and re.search(r"[:：]\s*$", label[0])) or not re.search(r"[A-Za-z]{2,}", s)


def read_front(seg: Segmented, cues: Cues) -> Front:
    """Find the headline lines (title first) before the body of the speech starts."""
    text = seg.document.text
    end = front_end(seg)
    lines = split_lines(text)
    headlines: list[Line] = []
    for line in lines:
        if line.start >= end or len(headlines) >= MAX_HEADLINES:
            break
        s = line.of(text)
        if _matches_any(cues, "salutation", s) or line.end - line.start > HEADLINE_MAX:
            break
        if not is_furniture(cues, text, line):
            headlines.append(line)
    title = next((ln for ln in headlines if is_bare_date(cues, text, ln) is None), None)
    if title is not None:
        headlines = [title] + [ln for ln in headlines if ln != title]
    return Front(text, end, lines, headlines, title)


# a subtitle run into the title line: "Report on the Work of the Government — Delivered at ..."
SUBTITLE = re.compile(r"\s*(?:—+|–+|--+|\s-\s)\s*(?=(?:delivered|at|to|on|by)\b)", re.IGNORECASE)


def title_end(front: Front) -> int:
    """Where the title proper ends on its line (before a run-in subtitle)."""
    if front.title is None:
        return 0
    cut = SUBTITLE.search(front.text, front.title.start, front.title.end)
    return cut.start() if cut and cut.start() > front.title.start else front.title.end


def read_title(front: Front) -> Hit | None:
    """The first headline line, without a subtitle run into it."""
    if front.title is None:
        return None
    start, end = front.title.start, title_end(front)
    rule = "first-headline" if end == front.title.end else "first-headline-before-subtitle"
    return Hit(tidy(front.text[start:end]), start, end, rule)


# ------------------------------------------------------------------- document type


def _first_cue(cues: Cues, kind: str, text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Earliest (then longest) cue of ``kind`` in text[start:end] -> (start, end, key)."""
    best: tuple[int, int, str] | None = None
    for cue in cues.of(kind):
        m = cue.pattern.search(text, start, end)
        if m and (best is None or (m.start(), -m.end()) < (best[0], -best[1])):
            best = (m.start(), m.end(), cue.key)
    return best


def read_doctype(front: Front, cues: Cues) -> Hit | None:
    """The first cue phrase in the title, then in the headlines, then in the opening text."""
    scopes = [(ln.start, ln.end, "doctype-title" if i == 0 and ln == front.title else "doctype-headline")
              for i, ln in enumerate(front.headlines)]
    scopes.append((0, front.end, "doctype-opening"))
    for start, end, rule in scopes:
        found = _first_cue(cues, "doctype", front.text, start, end)
        if found:
            return Hit(found[2], found[0], found[1], rule)
    return None


# ------------------------------------------------------------------------- speaker


@lru_cache(maxsize=4)
def _speaker_patterns(cues: Cues) -> dict[str, re.Pattern]:
    role = rf"(?P<role>\b{cues.alternation('role')})\b"
    name_role = rf"(?P<name>{PERSON})\s*[,，(（]\s*{role}"
    role_name = rf"{role}\s+(?P<name>{PERSON})\b"
    return {
        "name-comma-role": re.compile(rf"[\W_]*{name_role}", re.IGNORECASE),  # at line start
        "by-name-comma-role": re.compile(rf"(?:\bby\s+|[,，:：—–]\s*){name_role}", re.IGNORECASE),
        "role-before-name": re.compile(rf"[\W_]*{role_name}", re.IGNORECASE),  # at line start
        "by-role-before-name": re.compile(rf"(?:\bby\s+|[,，:：—–]\s*){role_name}", re.IGNORECASE),
        "name-line": re.compile(rf"[\W_]*(?P<name>{PERSON})[\W_]*"),
        "role-line": re.compile(rf"[\W_]*{role}(?:\s+of\b|\s*$|\s*[,(（])", re.IGNORECASE),
    }


def read_speaker(front: Front, cues: Cues, is_place: Callable[[str], bool]) -> tuple[Hit, Hit] | None:
    """(speaker, role) from "Name, Role of ...", "by Role Name" or a name line over a role line."""
    text = front.text
    pat = _speaker_patterns(cues)
    heads = sorted(front.headlines, key=lambda ln: ln.start)
    for i, line in enumerate(heads):
        for rule in ("name-comma-role", "by-name-comma-role", "role-before-name", "by-role-before-name"):
            find = pat[rule].search if rule.startswith("by-") else pat[rule].match
            m = find(text, line.start, line.end)
            if m and not is_place(m["name"]):
                return _person(m, m, rule.removeprefix("by-"), text)
        m = pat["name-line"].fullmatch(text, line.start, line.end)
        if m and i + 1 < len(heads) and not is_place(m["name"]):
            r = pat["role-line"].match(text, heads[i + 1].start, heads[i + 1].end)
            if r:
                return _person(m, r, "name-line-role-line", text)
    return None


def _person(name_m: re.Match, role_m: re.Match, rule: str, text: str) -> tuple[Hit, Hit]:
    ns, ne = trim(text, *name_m.span("name"))
    rs, re_ = trim(text, *role_m.span("role"))
    return Hit(tidy(text[ns:ne]), ns, ne, rule), Hit(role_case(tidy(text[rs:re_])), rs, re_, rule)


def role_case(role: str) -> str:
    """A role as written, capitalised like a title when the text wrote it in lower case."""
    if any(ch.isupper() for ch in role):
        return role
    small = {"of", "the", "and"}
    return " ".join(w if w in small and i else w.capitalize() for i, w in enumerate(role.split()))


# ------------------------------------------------------------------------- session


@lru_cache(maxsize=4)
def _session_patterns(cues: Cues) -> tuple[re.Pattern, re.Pattern]:
    words = "|".join(c.source for c in cues.of("ordinal"))
    ordinal = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|(?:{words})\b)"
    head = rf"\b{ordinal}\s+(?:plenary\s+)?(?:session|meeting)\s+of\s+the\s+(?:{ordinal}\s+)?"
    words_before = r"(?:[\w'’.-]+\s+){0,4}?"
    months = cues.alternation("month")
    place_tail = rf"(?:\s+of\s+(?:the\s+{PEOPLES}\s+republic\s+of\s+china|(?!{months}\b){NAME_WORD}(?:\s+(?:province|city|municipality|county|district)\b)?))?"
    congress = re.compile(rf"{head}{words_before}{PEOPLES}\s+congress\b{place_tail}", re.IGNORECASE)
    party = re.compile(
        rf"\b{ordinal}\s+plenary\s+session\s+of\s+the\s+(?:{ordinal}\s+)?{words_before}committee\b"
        r"(?:\s+of\s+the\s+(?:cpc|communist\s+party\s+of\s+china)\b)?",
        re.IGNORECASE,
    )
    return congress, party


def read_session(front: Front, cues: Cues) -> Hit | None:
    """The congress session (or party plenary) the document was delivered at, from the
    headline lines, else from the opening text before the body."""
    congress, party = _session_patterns(cues)
    scopes = [(ln.start, ln.end) for ln in front.headlines] + [(0, min(front.end, OPENING_MAX))]
    for start, end in scopes:
        for pattern, rule in ((congress, "congress-session"), (party, "plenary-session")):
            m = pattern.search(front.text, start, end)
            if m and (rule == "congress-session" or re.search(r"party|cpc|communist|central", m[0], re.I)):
                return Hit(tidy(m[0]), m.start(), m.end(), rule)
    return None


# --------------------------------------------------------------------------- dates


def read_delivered(front: Front, cues: Cues, session: Hit | None) -> Hit | None:
    """The delivery date: on the session line, on a headline that says it was
    delivered/adopted/held or names a session, else a dateline ("16 December 2020")."""
    text = front.text
    congress, party = _session_patterns(cues)
    heads = sorted(front.headlines, key=lambda ln: ln.start)
    if session is not None:
        line = next((ln for ln in front.lines if ln.start <= session.start < ln.end), None)
        heads = ([line] if line else []) + [ln for ln in heads if ln != line]
    for line in heads:
        dates = [d for d in find_dates(cues, text, line.start, line.end) if d.worded]
        said = re.search(r"\b(?:delivered|adopted|held|presented)\b", line.of(text), re.IGNORECASE)
        named = congress.search(text, line.start, line.end) or party.search(text, line.start, line.end)
        if dates and (said or named):
            return _date_hit(dates[-1], "session-date")
    for line in heads:
        bare = is_bare_date(cues, text, line)
        if bare is not None and bare.worded:
            return _date_hit(bare, "dateline")
    return None


def read_published(front: Front, cues: Cues) -> Hit | None:
    """The page's release date: "Release date: ...", "发布日期: ..." (top or foot of the
    page), else a bare numeric timestamp among the first lines."""
    text = front.text
    label = _label_re(cues)
    top = front.lines[:MAX_HEADLINES]
    foot = [ln for ln in front.lines[-MAX_HEADLINES:] if ln not in top]
    for line in top + foot:
        for m in label.finditer(text, line.start, line.end):
            dates = find_dates(cues, text, m.end(), line.end)
            if dates and dates[0].start == m.end():
                return _date_hit(dates[0], "label-date")
    for line in front.lines[:3]:
        bare = is_bare_date(cues, text, line)
        if bare is not None and not bare.worded:
            return _date_hit(bare, "top-timestamp")
    return None


def _date_hit(d: DateHit, rule: str) -> Hit:
    return Hit(d.value, d.start, d.end, rule)
