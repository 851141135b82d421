"""Named policies in report text: strategies, plans, initiatives, campaigns, concepts, reforms.

Finders (each a rule name recorded on the mention, before "/" and the resolution rule):

* ``quoted``: a quoted name that ends in a head noun ("Zero Wage Arrears Campaign") or holds a
  capitalised one ("100-day Campaigns with Ten Themes");
* ``quoted-head``: a quoted name followed by a few words and a head noun (the "811" initiative,
  the "Two Mountains" concept, the "1+8" action plan), or one in a coordination with such a
  name ("A" and "B" projects);
* ``head-quoted``: a head noun right before a quoted name (the initiative "551");
* ``capitalised``: a run of capitalised words ending in a head noun (Eight-Eight Strategy,
  Modern Beautiful Town Initiative), or in a lower-case head after two capitalised words or a
  code-like word (One County, One Specialty strategy; AI+ initiative);
* ``ordinal-plan``: the Nth Five-Year Plan;
* ``curated``: any label of ontology/policies.ttl as written (Belt and Road, new development
  philosophy).

Quotes in these texts are curly or straight and often unbalanced; a span never includes an
enclosing quote. Overlapping candidates: the longest wins (ties: finder order above).
The head nouns, relation verbs and level words are data (kg/data/policy_cues.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import PolicyMention, ReportMetadata, Segmented
from ..resolve import clean_surface, curated, curated_policies, key_of
from .policies_context import level_of, relation_of
from .policies_cues import phrase_regex, policy_cues

OPEN = "\u201c\u2018\""
QUOTE_CHARS = "\u201c\u201d\u2018\u2019\""
# a quoted stretch: an opening quote, up to 90 characters without another double quote, a closing one
QUOTED = re.compile(r"[\u201c\"\u2018](?P<core>[^\u201c\u201d\"\n]{1,90}?)(?:[\u201d\"]|\u2019(?![A-Za-z]))")
CONNECT = r"(?:of|and|for|in|on|the|with|to|a)"
CONNECTORS = frozenset(CONNECT[3:-1].split("|"))
FINDERS = ("quoted", "quoted-head", "head-quoted", "ordinal-plan", "capitalised", "curated", "quoted-object")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    surfaces: tuple[str, ...]  # the name with its head noun first, then the bare name
    finder: str


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    cues = policy_cues()
    heads = cues.head_pattern
    cap = r"(?:No\.|[A-Z][\w\-\u2019'&+]*|\d+(?:[,.]\d+)*(?:-?[A-Za-z][\w\-]*)?\+?|" + CONNECT + r")"
    return {
        "head_end": re.compile(rf"(?:^|[\s\u00a0\-])(?:{heads})$", re.IGNORECASE),
        "head_after": re.compile(rf"[\s\u00a0]*((?:[A-Za-z][\w\-]*[\s\u00a0]+){{0,4}}?)({heads})\b", re.IGNORECASE),
        "head_before": re.compile(rf"\b(?:the[\s\u00a0]+)?({heads})[\s\u00a0]*$", re.IGNORECASE),
        "cap_run": re.compile(rf"(?<![\w\u2019'])(?:{cap}(?:,?[\s\u00a0]+|-)){{1,9}}?((?i:{heads}))\b"),
        "plan": re.compile(r"\b(\d{1,2}(?:st|nd|rd|th)|[A-Z][a-z]+th|First|Second|Third)[\s\u00a0]+"
                           r"Five[\s\u00a0\-]*Year[\s\u00a0]+Plans?\b"),
        "verb_the": re.compile(r"\b(?:implement(?:ed|ing)?|launch(?:ed)?|deepen(?:ed)?|carr(?:y|ied) out|"
                               r"promot(?:e|ed)|advanc(?:e|ed))(?:[\s\u00a0]+(?:in[\s\u00a0]+depth|the|a|our))*[\s\u00a0]*$", re.IGNORECASE),
        "and_quote": re.compile(r"^[\s\u00a0]*(?:and|or|,)[\s\u00a0]*[\u201c\"\u2018]"),
    }


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past spaces, quote chars and trailing punctuation."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS + ",.;:"):
        end -= 1
    return start, end


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][\w\-\u2019'&+]*|\d[\w,+.\-]*", text)


def _not_name(name: str) -> bool:
    stops = policy_cues().not_name
    return any(w.lower() in stops for w in _words(name))


def _numbered(name: str) -> bool:
    first = (_words(name) or [""])[0].lower()
    return first[:1].isdigit() or first in _NUMBER_WORDS


_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
                 "thousand", "million", "double", "no"}


def _quoted(text: str, lo: int, hi: int) -> list[Candidate]:
    """Quoted names: with the head inside, after or before the quotes."""
    pats, out = _patterns(), []
    matches = list(QUOTED.finditer(text, lo, hi))
    accepted_after: dict[int, str] = {}
    for i, m in enumerate(matches):
        s, e = _strip(text, m.start("core"), m.end("core"))
        if e - s < 2:
            continue
        core = text[s:e]
        found = _quoted_one(text, m, core, hi, pats)
        if found:
            out.append(Candidate(s, e, found[0], found[1]))
            if found[1] == "quoted-head":
                accepted_after[i] = found[0][0][len(core):]
    for i, m in enumerate(matches[:-1]):  # "A" and "B" projects: A takes B's head
        if i + 1 in accepted_after and not any(c.start == _strip(text, m.start("core"), m.end("core"))[0] for c in out):
            between = text[m.end():matches[i + 1].start() + 1]
            if pats["and_quote"].match(between):
                s, e = _strip(text, m.start("core"), m.end("core"))
                out.append(Candidate(s, e, (text[s:e] + accepted_after[i + 1], text[s:e]), "quoted-head"))
    return out


def _quoted_one(text: str, m: re.Match, core: str, hi: int, pats) -> tuple[tuple[str, ...], str] | None:
    if _not_name(core):
        return None
    head = pats["head_end"].search(core)
    capital_head = any(w[0].isupper() and policy_cues().head(w) for w in _words(core)[1:])
    if head or capital_head:
        h = policy_cues().head(head.group(0).strip(" -\u00a0")) if head else None
        if h is None or not h.named_only or _numbered(core) or core[:1].isupper():
            return (core,), "quoted"
    after = pats["head_after"].match(text, m.end(), min(hi, m.end() + 60))
    if after and not _not_name(after.group(1)):
        return (clean_surface(core) + " " + re.sub(r"[\s\u00a0]+", " ", after.group(0).strip()), core), "quoted-head"
    before = pats["head_before"].search(text, max(0, m.start() - 25), m.start())
    if before and not policy_cues().head(before.group(1)).named_only:
        return (clean_surface(core) + " " + before.group(1).lower(), core), "head-quoted"
    if curated(core):
        return (core,), "curated"
    if _verb_object(text, m.start()) and not core[:1].isdigit():
        return (core,), "quoted-object"
    return None


def _verb_object(text: str, start: int) -> bool:
    """A quoted name right after a relation verb ("deeply implement the “X”") is what the
    government implements, launches or deepens: a programme, even without a head noun."""
    before = text[max(0, start - 40):start]
    m = _patterns()["verb_the"].search(before)
    return bool(m)


def _capitalised(text: str, lo: int, hi: int) -> list[Candidate]:
    """Runs of capitalised words ending in a head noun, trimmed of leading stop words."""
    out = []
    cues = policy_cues()
    for m in _patterns()["cap_run"].finditer(text, lo, hi):
        tokens = list(re.finditer(r"[^\s\u00a0,]+", text[m.start():m.start(1)]))
        skip = 0
        while skip < len(tokens) and (tokens[skip].group().lower() in cues.lead_stop
                                      or not tokens[skip].group()[0].isupper() and not tokens[skip].group()[0].isdigit()):
            skip += 1
        tokens = tokens[skip:]
        if not tokens:
            continue
        start = m.start() + tokens[0].start()
        name = text[start:m.end()]
        if re.match(r"[\s\u00a0]+[A-Z]", text[m.end():m.end() + 2]):
            continue  # "Development and Reform Commission": the head is inside a longer name
        if _cap_ok(name, tokens, m.group(1)):
            s, e = _strip(text, start, m.end())
            out.append(Candidate(s, e, (name,), "capitalised"))
    return out


def _cap_ok(name: str, tokens: list[re.Match], head_text: str) -> bool:
    head = policy_cues().head(head_text)
    if head is None or _not_name(name) or re.search(r"five[\s\u00a0\-]*year", name, re.IGNORECASE):
        return False
    if head.named_only and not _numbered(name):
        return False
    words = [t.group() for t in tokens if t.group().lower() not in CONNECTORS]
    if all(re.fullmatch(r"[\d,.]+", w) for w in words):
        return False  # "128 projects": a count, not a name
    if not head_text[:1].isupper():
        caps = [w for w in words if w[:1].isupper()]
        coded = any(re.search(r"[+&]|[A-Za-z]\d|\d[A-Za-z]", w) for w in words)
        return len(caps) >= 2 or coded
    return True


def _plans(text: str, lo: int, hi: int) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), (m.group(0),), "ordinal-plan")
            for m in _patterns()["plan"].finditer(text, lo, hi)]


@lru_cache(maxsize=1)
def _curated_pattern() -> re.Pattern:
    labels = sorted({lb for c in curated_policies() for lb in c.labels}, key=lambda s: (-len(s), s))
    alts = [phrase_regex(lb, glued=True) + r"s?" for lb in labels if not lb.isupper()]
    return re.compile(r"(?<![\w\-])(?:" + "|".join(alts) + r")(?![\w\-])", re.IGNORECASE)


def _curated(text: str, lo: int, hi: int) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), (m.group(0),), "curated")
            for m in _curated_pattern().finditer(text, lo, hi)]


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, ties by finder order, then position."""
    order = sorted(candidates, key=lambda c: (-(c.end - c.start), FINDERS.index(c.finder), c.start))
    taken: list[Candidate] = []
    for c in order:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: (c.start, c.end))


def extract_policies(seg: Segmented, meta: ReportMetadata) -> list[PolicyMention]:
    """Every policy mention of the report's paragraphs, keyed for cross-report resolution."""
    text = seg.document.text
    out: list[PolicyMention] = []
    for para in seg.paragraphs():
        found = []
        for finder in (_quoted, _plans, _capitalised, _curated):
            found += finder(text, para.start, para.end)
        for c in _select(found):
            out.append(_mention(text, c, para.start, para.end, meta))
    return out


def _mention(text: str, c: Candidate, lo: int, hi: int, meta: ReportMetadata) -> PolicyMention:
    key, rule = key_of(c.surfaces)
    concept = next((p for p in curated_policies() if p.notation == key), None)
    name = concept.pref_label if concept else clean_surface(c.surfaces[0])
    relation = relation_of(text, c.start, lo)
    level = level_of(text, c.start, c.end, lo, hi, meta, concept.level if concept else None, relation)
    return PolicyMention(c.start, c.end, key, name, level, relation, f"{c.finder}/{rule}")
