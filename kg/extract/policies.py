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

from ..clean import clean
from ..model import PolicyMention, ReportMetadata, Segmented
from ..resolve import clean_surface, curated, curated_policies, key_of
from . import policies_rules as rules
from .policies_context import PLACE_LEVEL, level_of, relation_of
from .policies_cues import phrase_regex, policy_cues

OPEN = "\u201c\u2018\""
QUOTE_CHARS = "\u201c\u201d\u2018\u2019\""
# a quoted stretch: an opening quote, up to 90 characters without another double quote, a closing one
QUOTED = re.compile(r"[\u201c\"\u2018](?P<core>[^\u201c\u201d\"\n]{1,90}?)(?:[\u201d\"]|\u2019(?![A-Za-z]))")
CONNECT = r"(?:of|and|for|in|on|the|with|to|a)"
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|double)"
# a numbered slogan: "Three Corridors and Four New Areas", "one core, one park and three centers"
SLOGAN = re.compile(rf"^{_NUM}\b[^,]*?(?:,|\band\b)[\s\u00a0]*{_NUM}\b", re.IGNORECASE)
# a code with a plus: "1+N", "8+4", "Internet + supervision"
CODE_PLUS = re.compile(r"^(?:\d+|Internet)[\s\u00a0]*\+[\s\u00a0]*\w", re.IGNORECASE)
CONNECTORS = frozenset(CONNECT[3:-1].split("|"))
FINDERS = ("quoted", "quoted-slogan", "quoted-head", "head-quoted", "ordinal-plan", "capitalised", "curated", "package", "brand",
           "place-reform", "head-titled", "quoted-object", "plan-for")


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
    cap = r"(?:No\.|[A-Z][\w\-\u2019'&+]*|\d+(?:[,.]\d+)*(?:-?[A-Za-z][\w\-]*)?\+?[\u201d\"]?|" + CONNECT + r")"
    return {
        "head_end": re.compile(rf"(?:^|[\s\u00a0\-])(?:{heads})$", re.IGNORECASE),
        "head_after": re.compile(rf"[\s\u00a0]*((?:[A-Za-z][\w\-]*[\s\u00a0]+){{0,4}}?)({heads})\b", re.IGNORECASE),
        "head_before": re.compile(rf"\b(?:the[\s\u00a0]+)?({heads})(?:[\s\u00a0]+(?:of|for|on|like|such[\s\u00a0]+as|called|named|"
                                  rf"dubbed|known[\s\u00a0]+as))?(?:[\s\u00a0]+the)?[\s\u00a0]*$",
                                  re.IGNORECASE),
        # a head may be glued to the next word in PDF text ("Projectsof")
        "cap_run": re.compile(rf"(?<![\w\u2019'])(?:{cap}(?:,?[\s\u00a0]+|-)){{1,9}}?((?i:{heads}))"
                              rf"(?:\b|(?=(?:of|and|in|for|to|the|with)\b))"),
        "plan_for": re.compile(r"\b((?:(?!the\b|a\b|an\b)[\w\-]+[\s\u00a0]+)?(?:action[\s\u00a0]+plan|implementation[\s\u00a0]+plan|"
                               r"outline|opinions)[\s\u00a0]+(?:for|on)[\s\u00a0]+"
                               r"(?:(?:promoting|implementing|accelerating|advancing|building|jointly|constructing|"
                               r"deepening)[\s\u00a0]+){0,2}(?:the[\s\u00a0]+)?)[\u201c\"\u2018]?$", re.IGNORECASE),
        "title_tail": re.compile(r"(?:[\s\u00a0]+(?:for|to|of|the|and|in|with|on))+[\s\u00a0]+[A-Z][\w\-]*"
                                 r"(?:[\s\u00a0]+(?:(?:of|and|the|to|in|for)[\s\u00a0]+)*[A-Z][\w\-]*)*"),
        "plan": re.compile(r"\b(\d{1,2}(?:st|nd|rd|th)|[A-Z][a-z]+th|First|Second|Third)[\s\u00a0]+"
                           r"Five[\s\u00a0\-]*Year[\s\u00a0]+Plans?(?:\b|(?=(?:of|for|on)\b))"),
        # a sectoral plan: "the 14th Five-Year Plan of the integrated development of ..."
        "plan_of": re.compile(r"[\s\u00a0]*(?:of|for|on)[\s\u00a0]+(?!(?:the[\s\u00a0]+)?(?:country|nation|city|"
                              r"province|county|district|whole|national|provincial|municipal)\b)"
                              r"(?:[A-Za-z][\w\-]*[\s\u00a0]+){1,8}?(?:[A-Za-z][\w\-]*)(?=[\s\u00a0]*[,.;:\u201d\u2019\"])"),
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
    """A word that makes a name no policy anywhere (a law, a prize), or as its last word (a title)."""
    cues = policy_cues()
    words = [w.lower() for w in _words(name)]
    return any(w in cues.not_name for w in words) or bool(words) and words[-1] in cues.not_head


def _numbered(name: str) -> bool:
    first = (_words(name) or [""])[0].lower()
    return first[:1].isdigit() or first in _NUMBER_WORDS


_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
                 "thousand", "million", "double", "no"}


def _quoted(text: str, lo: int, hi: int, scope: frozenset[str] = frozenset()) -> list[Candidate]:
    """Quoted names: with the head inside, after or before the quotes."""
    pats, out = _patterns(), []
    matches = list(QUOTED.finditer(text, lo, hi))
    accepted_after: dict[int, str] = {}
    for i, m in enumerate(matches):
        s, e = _strip(text, m.start("core"), m.end("core"))
        if e - s < 2:
            continue
        core = text[s:e]
        found = _quoted_one(text, m, core, hi, pats, scope)
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


def _quoted_one(text: str, m: re.Match, core: str, hi: int, pats,
                scope: frozenset[str]) -> tuple[tuple[str, ...], str] | None:
    """The policy a quoted stretch names, if any, and the finder that says so (see the module
    docstring). A title word ("City", "Zone") ends no policy name, but may sit inside one."""
    cues = policy_cues()
    if curated(core, scope):
        return (core,), "curated"
    if any(w.lower() in cues.not_name for w in _words(core)):
        return None
    head = pats["head_end"].search(core)
    capital_head = any(w[0].isupper() and cues.head(w) for w in _words(core)[1:])
    if (head or capital_head) and not _not_name(core):
        h = cues.head(head.group(0).strip(" -\u00a0")) if head else None
        if h is None or not h.named_only or _numbered(core) or core[:1].isupper():
            return (core,), "quoted"
    after = pats["head_after"].match(text, m.end(), min(hi, m.end() + 60))
    if after and not _not_name(after.group(1)) and (not cues.head(after.group(2)).named_only or _numbered(core)
                                                      or _title(core)):
        return (clean_surface(core) + " " + re.sub(r"[\s\u00a0]+", " ", after.group(0).strip()), core), "quoted-head"
    before = pats["head_before"].search(text, max(0, m.start() - 35), m.start())
    if before and (not cues.head(before.group(1)).named_only or _numbered(core)):
        return (clean_surface(core) + " " + before.group(1).lower(), core), "head-quoted"
    if SLOGAN.match(core) or CODE_PLUS.match(core):
        return (core,), "quoted-slogan"
    if _verb_object(text, m.start()) and not core[:1].isdigit() and not _not_name(core):
        return (core,), "quoted-object"
    return None


def _title(name: str) -> bool:
    """Every word but the connectors capitalised: "Dragon City Strong Medical"."""
    words = [w for w in _words(name) if w.lower() not in CONNECTORS]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


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
        start, end = m.start() + tokens[0].start(), m.end()
        head = cues.head(m.group(1))
        tail = _patterns()["title_tail"].match(text, end, hi)
        if head and head.named_only and tail and len(re.findall(r"\b[A-Z]", tail.group())) >= 2:
            end = rules.cut_glued(text, m.end(), tail.end())  # "Ten Ways for Farmers to Achieve Common Prosperity"
        elif re.match(r"[\s\u00a0]+[A-Z]", text[m.end():m.end() + 2]):
            continue  # "Development and Reform Commission": the head is inside a longer name
        name = text[start:end]
        if _cap_ok(text[start:m.end()], tokens, m.group(1)):
            s, e = _strip(text, start, end)
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
    """The Nth Five-Year Plan; with "of/for <a sector>" after it, that sector's plan (its own policy)."""
    out = []
    for m in _patterns()["plan"].finditer(text, lo, hi):
        sector = _patterns()["plan_of"].match(text, m.end(), hi)
        end = sector.end() if sector else m.end()
        out.append(Candidate(m.start(), end, (text[m.start():end],), "ordinal-plan"))
    return out


@lru_cache(maxsize=1)
def _curated_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Every curated label (any case, glued words tolerated); acronyms ("QFLP") in their case."""
    labels = sorted({lb for c in curated_policies() for lb in c.labels}, key=lambda s: (-len(s), s))
    alts = [phrase_regex(lb, glued=True) + r"s?" for lb in labels if not lb.isupper()]
    upper = [re.escape(lb) for lb in labels if lb.isupper()] or ["(?!)"]
    glue = r"(?:(?![\w\-])|(?=(?:and|of|the|in|to|for|was|were|with)\b))"  # "linesand", "Projectsof"
    return (re.compile(r"(?<![\w\-])(?:" + "|".join(alts) + r")" + glue, re.IGNORECASE),
            re.compile(r"(?<![\w\-])(?:" + "|".join(upper) + r")(?![\w\-])"))


def _curated(text: str, lo: int, hi: int, scope: frozenset[str] = frozenset()) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), (m.group(0),), "curated")
            for pattern in _curated_patterns() for m in pattern.finditer(text, lo, hi)
            if curated(m.group(0), scope)]


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, ties by finder order, then position."""
    order = sorted(candidates, key=lambda c: (-(c.end - c.start), FINDERS.index(c.finder), c.start))
    taken: list[Candidate] = []
    for c in order:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: (c.start, c.end))


def _plan_for(text: str, c: Candidate, lo: int, scope: frozenset[str]) -> Candidate:
    """"the action plan for promoting the integrated development of the YRD": a plan of its own
    that implements a curated strategy, not the strategy itself."""
    if not any(curated(s, scope) for s in c.surfaces):
        return c
    m = _patterns()["plan_for"].search(text, max(lo, c.start - 80), c.start)
    if not m:
        return c
    return Candidate(m.start(1), c.end, (text[m.start(1):c.end],), "plan-for")


def _scope(meta: ReportMetadata) -> frozenset[str]:
    """The codes of the reporting government and its province: curated labels scoped to a
    province (ontology/policies.ttl kg:scope) apply only to reports from inside it."""
    return frozenset(p.code for p in (meta.jurisdiction, meta.province) if p is not None)


def extract_policies(seg: Segmented, meta: ReportMetadata, gazetteer=None) -> list[PolicyMention]:
    """Every policy mention of the report's paragraphs, keyed for cross-report resolution."""
    from ..gazetteer import default_gazetteer

    text = seg.document.text
    scope = _scope(meta)
    gazetteer = gazetteer or default_gazetteer()
    home = meta.jurisdiction.code if meta.jurisdiction else None
    found_places = gazetteer.find(text, within=home)
    places = [(s, e) for s, e, _ in found_places]
    levels = [(s, e, PLACE_LEVEL.get(p.level)) for s, e, p in found_places]
    out: list[PolicyMention] = []
    for para in seg.paragraphs():
        lo, hi = para.start, para.end
        found = _quoted(text, lo, hi, scope) + _plans(text, lo, hi) + _capitalised(text, lo, hi) + _curated(text, lo, hi, scope)
        for start, end, finder in (rules.packages(text, lo, hi) + rules.head_titled(text, lo, hi)
                                   + rules.brands(text, lo, hi, places) + rules.place_reforms(text, lo, hi, places)):
            s, e = _strip(text, start, end)
            if e > s:
                found.append(Candidate(s, e, (text[s:e],), finder))
        for c in _select(found):
            out.append(_mention(text, _plan_for(text, c, lo, scope), lo, hi, meta, scope, levels))
    return out


def _mention(text: str, c: Candidate, lo: int, hi: int, meta: ReportMetadata, scope: frozenset[str],
             places: list[tuple[int, int, str]]) -> PolicyMention:
    key, rule = key_of(c.surfaces, scope)
    concept = next((p for p in curated_policies() if p.notation == key), None)
    # the display name through the cleaning layer: split decimals and glued words mended
    name = concept.pref_label if concept else clean(clean_surface(c.surfaces[0])).text.strip()
    relation = relation_of(text, c.start, lo)
    named = next((level for s, e, level in places if c.start <= s and e <= c.end), None)
    level = level_of(text, c.start, c.end, lo, hi, meta, concept.level if concept else None, relation, named)
    return PolicyMention(c.start, c.end, key, name, level, relation, f"{c.finder}/{rule}")
