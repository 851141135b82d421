"""Context rules of the metric extractor: clauses, periods, status, area, local phrases.

Each rule reads the sentence as written (offsets into the sentence string) and the
cues of kg/data/metric_cues.tsv; none knows about RDF.
"""

from __future__ import annotations

import re

from .metrics_cues import cues

CLAUSE_BREAK = re.compile(r";|；|:\s|：")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-&]*")


def clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    """The clause (between semicolons or a colon) around ``position``."""
    start, end = 0, len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.end() <= position:
            start = m.end()
        elif m.start() >= position:
            end = m.start()
            break
    return start, end


def period_from_cues(text: str, year: int | None) -> str | None:
    """The explicit period the text names, filled in with ``year`` where a template needs it."""
    best = None
    for pattern, template in cues().periods:
        for m in pattern.finditer(text):
            if best is None or m.start() > best[0]:
                best = (m.start(), m, template)
    if best is None:
        return None
    _, m, template = best
    y = int(m.group(1)) if m.groups() and m.group(1) else year
    if y is None:
        return None if "Y" in template else template
    return _fill(template, y)


def _fill(template: str, year: int) -> str:
    out = re.sub(r"\(Y-(\d)\)", lambda m: str(year - int(m[1])), template)
    return out.replace("Y", str(year))


def status_for(section_kind: str, left: str, clause: str) -> str:
    """actual / estimated / target from the section and the words of the clause."""
    c = cues()
    if section_kind in ("targets", "tasks"):
        return "actual" if c.any(c.actual, left) and not c.any(c.target, clause) else "target"
    if c.any(c.estimated, clause):
        return "estimated"
    if c.any(c.target, left):
        return "target"
    return "actual"


def local_phrase_before(text: str, start: int) -> str | None:
    """The indicator phrase a number measures, read backwards from the number.

    Skips the verbs and comparators between them ("reached", "increased by",
    "more than"), then takes the words back to a stop word or punctuation.
    """
    c = cues()
    words = list(WORD.finditer(text[:start]))
    i = len(words) - 1
    gap = text[words[i].end() : start] if i >= 0 else ""
    while i >= 0 and words[i].group().lower() in c.verbs and not re.search(r"[,;:.]", gap):
        i -= 1
        gap = text[words[i].end() : start] if i >= 0 else ""
    if i < 0 or re.search(r"[;:]", text[words[i].end() : start]):
        return None
    phrase = []
    while i >= 0 and len(phrase) < 6:
        word = words[i].group()
        if word.lower() in c.stops or word.lower() in c.verbs:
            break
        phrase.append(word)
        between = text[words[i - 1].end() : words[i].start()] if i > 0 else ""
        if re.search(r"[,;:.()\"“”]", between):
            break
        i -= 1
    return " ".join(reversed(phrase)).lower() or None


def local_phrase_after(text: str, end: int) -> str | None:
    """The thing a count counts, read forwards: "420 new high-tech enterprises"."""
    c = cues()
    phrase = []
    pos = end
    for m in WORD.finditer(text, end):
        if re.search(r"[,;:.()]", text[pos : m.start()]) or len(phrase) >= 5:
            break
        word = m.group()
        if word.lower() in c.stops or (phrase and word.lower() in c.verbs):
            break
        phrase.append(word)
        pos = m.end()
    return " ".join(phrase).lower() or None
