"""What the sentence around a policy mention says: the relation (the verb before it) and the
level (words before or after it, the curated list, or the reporting government launching it).

Why a clause window: in "deepened the implementation of our X" the governing verb is the
whole clause's; a comma or a stop ends the clause, so a verb of the previous clause never
reaches the mention.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import ReportMetadata
from .policies_cues import phrase_regex, policy_cues

WINDOW = 90  # characters of clause before a mention that may hold its verb
LEVEL_BEFORE = 40
LEVEL_AFTER = 30
BOUNDARY = re.compile(r"[.;:!?,\n](?!\d)")
PLACE_LEVEL = {"country": "national", "province": "provincial", "prefecture": "municipal", "county": "county"}


@lru_cache(maxsize=1)
def _relation_pattern() -> re.Pattern:
    alts = "|".join(f"(?P<r{i}>{phrase_regex(p)})" for i, (p, _, _) in enumerate(policy_cues().relations))
    return re.compile(rf"(?<![\w\-])(?:{alts})(?![\w\-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _level_pattern() -> re.Pattern:
    alts = "|".join(f"(?P<l{i}>{phrase_regex(p)})" for i, (p, _) in enumerate(policy_cues().levels))
    return re.compile(rf"(?<![\w\-])(?:{alts})(?![\w\-])", re.IGNORECASE)


def _clause_start(text: str, start: int, lo: int) -> int:
    begin = max(lo, start - WINDOW)
    cuts = [m.end() for m in BOUNDARY.finditer(text, begin, start)]
    return cuts[-1] if cuts else begin


def relation_of(text: str, start: int, lo: int) -> str:
    """The relation cue of highest priority in the clause before ``start`` (ties: the nearest)."""
    best: tuple[int, int, str] | None = None
    relations = policy_cues().relations
    for m in _relation_pattern().finditer(text, _clause_start(text, start, lo), start):
        i = int(m.lastgroup[1:])
        _, relation, priority = relations[i]
        cand = (priority, m.start(), relation)
        if best is None or cand[:2] > best[:2]:
            best = cand
    return best[2] if best else "cites"


def _jurisdiction_level(meta: ReportMetadata) -> str | None:
    return PLACE_LEVEL.get(meta.jurisdiction.level) if meta.jurisdiction else None


def _place_level(window: str, meta: ReportMetadata, after: bool) -> str | None:
    """"Jiaxing's X" / "X of Jiaxing": the named place's level (the jurisdiction or its province)."""
    for place in (meta.jurisdiction, meta.province):
        if place is None:
            continue
        for name in (place.name_en, *place.variants):
            pat = rf"^[\s\u00a0]*of[\s\u00a0]+{re.escape(name)}\b" if after else rf"\b{re.escape(name)}['\u2019]?s?[\s\u00a0]*$"
            if re.search(pat, window):
                return PLACE_LEVEL.get(place.level)
    return None


def level_of(text: str, start: int, end: int, lo: int, hi: int, meta: ReportMetadata,
             curated_level: str | None, relation: str, named_level: str | None = None) -> str | None:
    """Text cue (a level word or place right before, "of the country"/"of <place>" right after),
    else the curated level, else the level of a place inside the name ("Beautiful Jiaxing"),
    else the reporting government's: a policy no list knows and no word places is, in these
    reports, almost always the reporting government's own (its packages, campaigns, slogans)."""
    before = text[max(_clause_start(text, start, lo), start - LEVEL_BEFORE):start]
    after = text[end:min(hi, end + LEVEL_AFTER)]
    after = re.sub(r"^[\u201d\u2019\"]", "", after)
    level = _place_level(before.rstrip("\u201c\u2018\" \u00a0"), meta, after=False) or _place_level(after, meta, after=True)
    if level:
        return level
    for window, anchored in ((after, True), (before, False)):
        matches = list(_level_pattern().finditer(window))
        if anchored:
            matches = [m for m in matches if m.start() <= 1 and m.group(0).lower().startswith("of")]
        if matches:
            value = policy_cues().levels[int(matches[-1].lastgroup[1:])][1]
            return _jurisdiction_level(meta) if value == "jurisdiction" else value
    if curated_level:
        return curated_level
    return named_level or _jurisdiction_level(meta)
