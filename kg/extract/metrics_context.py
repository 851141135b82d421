"""Context rules of the metric extractor: periods and status.

Each rule reads the sentence as written (offsets into the sentence string) and the cues of
kg/data/metric_cues.tsv; none knows about RDF.
"""

from __future__ import annotations

import re

from .metrics_cues import cues
from .numbers_lexicon import lexicon


def period_from_cues(text: str, year: int | None) -> str | None:
    """The explicit period the text names (the last one), filled in with ``year`` where a template
    needs it: "in the first three quarters" -> Y-01/Y-09, "over the past two years" -> (Y-1)/Y."""
    text = re.sub(r"[^\S\n]+", " ", text)  # cue patterns are written with single spaces
    best = None
    for pattern, template in cues().periods:
        for m in pattern.finditer(text):
            if best is None or m.start() > best[0]:
                best = (m.start(), m, template)
    if best is None:
        return None
    _, m, template = best
    captured = m.group(1) if m.re.groups and "n" not in m.re.groupindex else None
    y = int(captured) if captured else year
    if y is None:
        return None if "Y" in template else template
    span = _years(m.group("n")) if "n" in m.re.groupindex else None
    return _fill(template, y, span)


def _years(word: str) -> int | None:
    """"two" -> 2, "3" -> 3: how many years a period cue spans."""
    if word.isdigit():
        return int(word)
    lex = lexicon()
    return int(lex.value("cardinal", word)) if lex.has("cardinal", word) else None


def _fill(template: str, year: int, span: int | None) -> str | None:
    if "N" in template:
        if not span:
            return None
        template = template.replace("(Y-N+1)", str(year - span + 1))
    out = re.sub(r"\(Y-(\d)\)", lambda m: str(year - int(m[1])), template)
    return out.replace("Y", str(year))


def status_for(section_kind: str, left: str, clause: str, sentence_left: str = "") -> str:
    """actual / estimated / target from the section and the words before the number.

    In a plan section every figure is a target unless its clause states a past result. In a
    review section a figure is estimated when an "expected" cue precedes it in its sentence
    ("GDP is expected to reach ..., and fiscal revenue ..."), a target when a commitment cue
    precedes it in its clause ("we will add ..."; not a plan section's target cue such as
    "the goal of"), else actual.
    """
    c = cues()
    if section_kind in ("targets", "tasks"):
        return "actual" if c.any(c.actual, left) and not c.any(c.target, clause) else "target"
    if c.any(c.estimated, sentence_left or left):
        return "estimated"
    if c.any(c.commitment, left):
        return "target"
    return "actual"
