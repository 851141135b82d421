"""Named concrete projects: railways, airports, laboratories, parks, zones, hospitals, ...

``extract_projects`` reads every paragraph for project names (kg.extract.projects_names),
keeps the names that name one thing (not a place, not an honour, not a generic phrase),
and gives each a type (from its head noun), a status (from the cue nearest to it in its
clause, read differently in a tasks section: "start construction of X" there is a plan),
a location (a place of the gazetteer in the name or in a parenthesis right after it, else
the report's own jurisdiction) and a resolution key that is the same for the same project
in any report.

All knowledge (heads, generic and stop words, status cues, trailing words, excluded names,
key aliases) is in kg/data/project_cues.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ProjectMention, ReportMetadata, Segmented
from ..rdf.iris import slug
from .projects_cues import ProjectCues, cues as default_cues
from .projects_names import CAMEL, Name, Tok, find_names

PLAN_SECTIONS = ("tasks", "targets")
_CLAUSE_END = re.compile(r"[;\uff1b]|\.(?=\s)|\n")
_MAX_BEFORE = 350  # a cue governs a list of names after it, within the clause
_MAX_AFTER = 120
_NEAR = 80  # names whose head needs a status (universities, centres) need a cue this close
# a cue right after ", (and)" opens the next coordinated clause ("start A, and accelerate B"):
# it governs the names after it, not those before
_NEXT_CLAUSE = re.compile(r"\s*,\s*(?:and\s+)?")
_AFTER_PARENS = re.compile(r"[ \u00a0]*\(([^()\n]{1,60})\)")


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    review: str
    plan: str
    side: str


def extract_projects(seg: Segmented, meta: ReportMetadata, gazetteer, cues: ProjectCues | None = None) -> list[ProjectMention]:
    """Every named project mention of the report, in text order (pure, deterministic)."""
    cues = cues or default_cues()
    text = seg.document.text
    scope = meta.jurisdiction.code if meta.jurisdiction else None
    out: list[ProjectMention] = []
    for section in seg.sections:
        plan = section.kind in PLAN_SECTIONS
        for para in section.paragraphs:
            for part in para.parts or [para]:
                out += _in_text(text, part.start, part.end, plan, cues, gazetteer, scope)
    seen: set[tuple[int, int]] = set()
    unique = []
    for m in sorted(out, key=lambda m: (m.start, m.end)):
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            unique.append(m)
    return unique


def _in_text(text: str, start: int, end: int, plan: bool, cues: ProjectCues, gazetteer, scope) -> list[ProjectMention]:
    """The project mentions of one paragraph part [start, end) of ``text``."""
    chunk = text[start:end]

    def is_place(toks: list[Tok]) -> bool:
        return bool(toks) and bool(gazetteer.lookup(chunk[toks[0].start : toks[-1].end]))

    found = []
    for name in find_names(chunk, cues, is_place):
        mention = _mention(chunk, name, plan, cues, gazetteer, scope)
        if mention is not None:
            found.append(mention)
    return [_shift(m, start) for m in found]


def _mention(chunk: str, name: Name, plan: bool, cues: ProjectCues, gazetteer, scope) -> ProjectMention | None:
    """A ProjectMention for ``name``, or None when it is not a project."""
    surface = chunk[name.start : name.end]
    clean = " ".join(surface.split())
    if not name.specific or gazetteer.lookup(surface) or any(p.fullmatch(clean) for p in cues.excluded):
        return None
    if any(p.search(chunk, 0, name.start) for p in cues.titles):
        return None
    status = _status(chunk, name, plan, cues, _NEAR if name.head.needs_status or name.lower else None)
    if (name.head.needs_status or name.lower) and status == "mentioned":
        return None
    return ProjectMention(
        start=name.start, end=name.end, key=project_key(clean, cues), name=clean, type=name.head.type,
        status=status, location=_location(chunk, name, gazetteer, scope), rule=name.rule,
    )


def _shift(m: ProjectMention, by: int) -> ProjectMention:
    return ProjectMention(m.start + by, m.end + by, m.key, m.name, m.type, m.status, m.location, m.rule)


def _clause(chunk: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the previous ";" / full stop to the next one."""
    left = max((m.end() for m in _CLAUSE_END.finditer(chunk, 0, start)), default=0)
    right = _CLAUSE_END.search(chunk, end)
    return left, right.start() if right else len(chunk)


def _cues_in(chunk: str, left: int, right: int, cues: ProjectCues) -> list[_Cue]:
    """Status cues of the clause; where two overlap, the one listed first in the data wins."""
    taken: list[_Cue] = []
    for cue in cues.statuses:
        for m in cue.pattern.finditer(chunk, left, right):
            if not any(m.start() < t.end and t.start < m.end() for t in taken):
                taken.append(_Cue(m.start(), m.end(), cue.review, cue.plan, cue.side))
    return taken


def _status(chunk: str, name: Name, plan: bool, cues: ProjectCues, near: int | None = None) -> str:
    """The status the nearest cue of the clause gives; "mentioned" when none governs the name.

    A cue inside the name itself ("Construction" in a title) does not count. A noun cue ("the
    construction of X") defers to a verb before it ("commence the construction of A and the
    expansion of X"), else to a predicate after the name ("the construction of X is in full
    swing")."""
    left, right = _clause(chunk, name.start, name.end)
    found = _cues_in(chunk, left, right, cues)
    before: list[tuple[int, _Cue]] = []
    after: list[tuple[int, _Cue]] = []
    for cue in found:
        if cue.end <= name.start and cue.side in ("before", "any", "noun"):
            if name.start - cue.end <= (near or _MAX_BEFORE):
                before.append((name.start - cue.end, cue))
        elif cue.start >= name.end and cue.side in ("after", "any"):
            distance = cue.start - name.end
            if distance <= (near or _MAX_AFTER) and not _NEXT_CLAUSE.fullmatch(chunk, name.end, cue.start):
                after.append((distance, cue))
    candidates = sorted(before + after, key=lambda d: d[0])  # stable: a before cue wins a tie
    if not candidates:
        return "mentioned"
    cue = candidates[0][1]
    if cue.side == "noun":
        verbs = [c for c in found if c.end <= cue.start and c.side in ("before", "any")]
        verb = max(verbs, key=lambda c: c.end, default=None)
        if verb is not None and name.start - verb.end <= _MAX_BEFORE:
            cue = verb
        elif after:
            distance, predicate = min(after, key=lambda d: d[0])
            if "," not in chunk[name.end : name.end + distance]:  # the predicate of the same clause
                cue = predicate
    return cue.plan if plan else cue.review


def _location(chunk: str, name: Name, gazetteer, scope: str | None) -> str | None:
    """A place named in a parenthesis right after the name ("(the section within X)"), else
    in the name itself. Of several places, those inside the report's jurisdiction count:
    nested ones ("Jiaxing Nanhu Airport") give the innermost; a route across several
    ("Shanghai-Pinghu-Haiyan Intercity Railway") gives the jurisdiction; with none inside
    it, the route has no single location. A name with no place at all ("Suao Building") is
    taken to be in the report's jurisdiction: a report speaks of its own projects."""
    after = _AFTER_PARENS.match(chunk, name.end)
    surface = after.group(1) if after else ""
    found = gazetteer.find(surface, within=scope) if after else []
    if not found:
        surface = chunk[name.start : name.end]
        found = gazetteer.find(surface, within=scope)
    if not found:  # a report speaks of projects in its own jurisdiction unless a place is named
        return scope
    found = [f for f in found if f[2].level != "country"]
    places = [p for _, _, p in found]
    route = any("-" in surface[a[1] : b[0]] for a, b in zip(found, found[1:]))
    codes = list(dict.fromkeys(p.code for p in places))
    if len(codes) == 1:
        return codes[0]
    inside = [p for p in places if scope and gazetteer.is_within(p, scope)]
    if not inside:
        return None
    deepest = max(inside, key=lambda p: (len(gazetteer.ancestors(p)), p.code))
    if len({p.code for p in inside}) == 1 or not route and all(gazetteer.is_within(deepest, p.code) for p in inside):  # "Jiaxing Nanhu": one chain
        return deepest.code
    return scope  # several places of the jurisdiction: a route across it


def project_key(name: str, cues: ProjectCues | None = None) -> str:
    """Resolution key: the same project in any spelling (case, hyphens, spaces, quotes, "the",
    a "Project" suffix, "Lab"/"Laboratory", PDF glue such as "RailwayStation") gets the same key."""
    cues = cues or default_cues()
    key = " ".join(CAMEL.sub(" ", name).replace("\u2019", "'").split()).lower()
    for pattern in cues.key_drops:
        key = pattern.sub("", key)
    words = re.split(r"([\s\-]+)", key)
    key = "".join(cues.aliases.get(w, w) for w in words)
    return slug(key, max_len=120)
