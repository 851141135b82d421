"""Jurisdiction and issuing body: which government or party committee speaks.

The jurisdiction is read from how the document names the body that delivers
it, not from how often a place is mentioned (a city report names its province
and neighbours all the time). Bodies are written in a handful of shapes:

  "<Name> Municipal (People's) Government"   "People's Government of <Name> Province"
  "Municipal People's Government of <Name>"  "Government Work Report of <Name>"
  "<Name> Municipal Party Committee"         "CPC <Name> Municipal Committee"
  "<Name> Municipal Committee of the Communist Party of China"
  "<Name> People's Congress"                 "Municipal People's Congress of <Name>"
  "State Council", "National People's Congress", "CPC Central Committee" (the country)

Where they are read, best first: the title line; "On behalf of the <body>" (the
speaker saying whom they speak for); the other headline lines (speaker line,
session line, plenary headline); a gazetteer place in the title. The level word
("Municipal", "County", "Province") picks among places of the same name, and the
places the text names (provinces, parents) pick among namesakes in different
provinces (Taizhou, Zhejiang versus Taizhou, Jiangsu).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import Place
from .metadata_cues import Cues
from .metadata_front import NAME_WORD, PEOPLES, Front, title_end
from .metadata_text import Hit

# words that end a place name rather than belong to it
NOT_NAME = r"(?:people|peoples|government|party|committee|congress|cpc|state|national|central)"
DEFAULT_LEVELS = ("province", "prefecture", "county")
FALLBACK_LEVEL_WORD = {"province": "Province", "prefecture": "Municipal", "county": "County"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase naming a government, party committee or people's congress."""

    kind: str  # "gov" | "party" | "congress"
    start: int
    end: int
    name: str | None  # the place name as written (None for "the Municipal Government")
    name_start: int
    name_end: int
    anchor: str  # "right": name before the level word; "left": name after "of"
    level_word: str | None  # canonical level word ("Municipal", "Province", ...)
    country: bool = False


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    place: Place
    hit: Hit  # value = place; span = the place name (or the national body) as written
    mention: Mention | None


@lru_cache(maxsize=4)
def _mention_patterns(cues: Cues) -> tuple[tuple[str, str, bool, re.Pattern], ...]:
    """(kind, anchor, country, pattern) in order of specificity."""
    levels = cues.alternation("level-word")
    word = rf"(?!(?:{levels}|{NOT_NAME})\b){NAME_WORD}"
    NAMES = rf"(?P<name>{word}(?:\s+{word}){{0,2}})"
    lv = rf"(?P<lvl>\b{levels})\b"
    lv2 = rf"(?:\s+(?P<lvl2>{cues.alternation('level-word')})\b)?"
    party = r"(?:party\s+|cpc\s+|communist\s+party\s+)"
    cpc = r"(?:cpc|communist\s+party\s+of\s+china)"
    specs = [
        ("gov", "right", False, rf"{NAMES}\s+{lv}\s+(?:{PEOPLES}\s+)?government\b"),
        ("gov", "left", False, rf"(?:(?:{lv}\s+)?{PEOPLES}\s+)?government\s+of\s+(?:the\s+)?{NAMES}{lv2}"),
        ("gov", "left", False, rf"government\s+work\s+report\s+(?:of|for)\s+{NAMES}"),
        ("gov", "right", True, r"\bstate\s+council\b"),
        ("party", "right", False, rf"{NAMES}\s+{lv}\s+{party}committee\b"),
        ("party", "right", False, rf"{NAMES}\s+{lv}\s+committee\s+of\s+the\s+{cpc}\b"),
        ("party", "right", False, rf"\b{cpc}\s+{NAMES}\s+{lv}\s+committee\b"),
        ("party", "left", False, rf"{lv}\s+{party}committee\s+of\s+{NAMES}"),
        ("party", "right", True, rf"\b(?:cpc|party)\s+central\s+committee\b|\bcentral\s+committee\s+of\s+the\s+{cpc}\b"),
        ("congress", "right", True, rf"\bnational\s+{PEOPLES}\s+congress\b"),
        ("congress", "right", False, rf"{NAMES}\s+(?:{lv}\s+)?{PEOPLES}\s+congress\b"),
        ("congress", "left", False, rf"(?:{lv}\s+)?{PEOPLES}\s+congress\s+of\s+(?!the\b){NAMES}{lv2}"),
        ("gov", "right", False, rf"{NAMES}\s+(?:{PEOPLES}\s+)?government\b"),
        ("gov", "right", False, rf"{lv}\s+{PEOPLES}\s+government\b"),
        ("party", "right", False, rf"{lv}\s+(?:party|cpc)\s+committee\b"),
    ]
    return tuple((k, a, c, re.compile(p, re.IGNORECASE)) for k, a, c, p in specs)


def canonical_level(cues: Cues, word: str | None) -> str | None:
    if not word:
        return None
    for cue in cues.of("level-word"):
        if cue.pattern.fullmatch(word.strip()):
            return cue.key
    return None


def find_mentions(cues: Cues, text: str, start: int, end: int) -> list[Mention]:
    """Body mentions in text[start:end], most specific pattern first where they overlap."""
    found: list[tuple[int, Mention]] = []
    for order, (kind, anchor, country, pattern) in enumerate(_mention_patterns(cues)):
        for m in pattern.finditer(text, start, end):
            groups = m.groupdict()
            ns, ne = (m.span("name") if groups.get("name") else (m.start(), m.end()))
            level = canonical_level(cues, groups.get("lvl2") or groups.get("lvl"))
            name = groups.get("name")
            found.append((order, Mention(kind, m.start(), m.end(), name, ns, ne, anchor, level, country)))
    accepted: list[Mention] = []
    for _, mention in sorted(found, key=lambda f: (f[0], f[1].start)):
        if all(mention.end <= a.start or mention.start >= a.end for a in accepted):
            accepted.append(mention)
    return sorted(accepted, key=lambda m: m.start)


def name_candidates(mention: Mention) -> list[tuple[str, int, int]]:
    """Sub-sequences of the written name, nearest the level word first
    ("The Jiaxing" -> "Jiaxing"; "Jiaxing February" -> "Jiaxing")."""
    if mention.name is None:
        return []
    words = [(m.group(), m.start() + mention.name_start) for m in re.finditer(r"\S+", mention.name)]
    spans = []
    for size in range(len(words), 0, -1):
        if mention.anchor == "right":
            part = words[len(words) - size :]
        else:
            part = words[:size]
        spans.append((" ".join(w for w, _ in part).replace("’", "'"), part[0][1], part[-1][1] + len(part[-1][0])))
    return spans


class Resolver:
    """Looks names up in the gazetteer and ranks namesakes by what the text names."""

    def __init__(self, gazetteer, cues: Cues, text: str):
        self.gaz = gazetteer
        self.cues = cues
        self.text = text
        self._counts: Counter | None = None

    def counts(self) -> Counter:
        if self._counts is None:
            self._counts = Counter(place.code for _, _, place in self.gaz.find(self.text))
        return self._counts

    def country(self) -> Place | None:
        return self.gaz.get("CN")

    def _levels(self, level_word: str | None) -> tuple[str, ...]:
        for cue in self.cues.of("level-word"):
            if cue.key == level_word:
                return tuple(cue.value.split(","))
        return DEFAULT_LEVELS

    def _context(self, place: Place) -> int:
        """How much the text speaks of the place's province and parent (namesakes differ there)."""
        counts = self.counts()
        province = self.gaz.province_of(place)
        score = counts[province.code] if province is not None else 0
        if place.parent and (province is None or place.parent != province.code):
            score += counts[place.parent]
        return score

    def pick(self, name: str, level_word: str | None) -> Place | None:
        levels = self._levels(level_word)
        places = [p for p in self.gaz.lookup(name) if p.level in levels]
        if len(places) < 2:
            return places[0] if places else None
        ranked = sorted(places, key=lambda p: (-self._context(p), levels.index(p.level), p.code))
        return ranked[0]

    def resolve(self, mention: Mention) -> tuple[Place, int, int] | None:
        """The place a mention names, with the span of the name that resolved."""
        if mention.country:
            place = self.country()
            return (place, mention.start, mention.end) if place else None
        for name, start, end in name_candidates(mention):
            place = self.pick(name, mention.level_word)
            if place is not None:
                return place, start, end
        return None

    def is_place(self, name: str) -> bool:
        return bool(self.gaz.lookup(name.replace("’", "'")))


def behalf_mentions(cues: Cues, text: str) -> list[Mention]:
    """Bodies named right after "on behalf of (the)": whom the speaker speaks for."""
    out = []
    for m in re.finditer(r"\bon\s+behalf\s+of\s+(?:the\s+)?", text, re.IGNORECASE):
        near = find_mentions(cues, text, m.end(), min(len(text), m.end() + 120))
        if near and near[0].start == m.end():
            out.append(near[0])
    return out


def ordered_mentions(front: Front, cues: Cues) -> list[tuple[str, Mention]]:
    """(rule, mention) in order of trust: title, on behalf of, other headlines."""
    text = front.text
    title = front.title
    out: list[tuple[str, Mention]] = []
    if title is not None:  # the title proper, without a subtitle run into its line
        end = title_end(front)
        out += [("title-body", m) for m in find_mentions(cues, text, title.start, end)]
    out += [("on-behalf", m) for m in behalf_mentions(cues, text)]
    for line in sorted(front.headlines, key=lambda ln: ln.start):
        start = title_end(front) if line == title else line.start
        out += [("headline-body", m) for m in find_mentions(cues, text, start, line.end)]
    return out


def read_jurisdiction(front: Front, resolver: Resolver, mentions: list[tuple[str, Mention]]) -> Jurisdiction | None:
    for rule, mention in mentions:
        if mention.kind not in ("gov", "party", "congress"):
            continue
        found = resolver.resolve(mention)
        if found is not None:
            place, start, end = found
            return Jurisdiction(place, Hit(place, start, end, rule), mention)
    if front.title is not None:
        text = front.text[front.title.start : front.title.end]
        for start, end, place in resolver.gaz.find(text):
            s, e = front.title.start + start, front.title.start + end
            return Jurisdiction(place, Hit(place, s, e, "title-place"), None)
    return None


# -------------------------------------------------------------------- issuing body

BODY_RULE_RANK = {"on-behalf": 0, "title-body": 1, "headline-body": 2}


def level_word_of(cues: Cues, place: Place) -> str | None:
    """The level word a place's Chinese name implies (市 -> Municipal, 县 -> County)."""
    suffixes = sorted(cues.of("zh-suffix"), key=lambda c: (-len(c.source), c.line))
    return next((c.key for c in suffixes if place.name_zh.endswith(c.source)), None)


def body_name(cues: Cues, kind: str, place: Place, level_word: str | None) -> str | None:
    """The normalized name of a place's government or party committee."""
    templates = cues.table("body-template")
    if place.level == "country":
        return templates.get(f"{kind}:country")
    word = level_word_of(cues, place) or level_word or FALLBACK_LEVEL_WORD.get(place.level)
    template = templates.get(f"{kind}:{word}") or templates.get(f"{kind}:{FALLBACK_LEVEL_WORD.get(place.level)}")
    return template.format(name=_name_before(place, word)) if template else None


def _name_before(place: Place, word: str | None) -> str:
    """The name as it stands before the level word: the longest variant ending in it
    ("Guangxi Zhuang Autonomous Region" -> "Guangxi Zhuang"), else the English name."""
    if word:
        names = [v[: -len(word) - 1] for v in place.variants if v.endswith(" " + word)]
        if names:
            return sorted(names, key=lambda n: (-len(n), n))[0]
    return place.name_en


def _names_jurisdiction(resolver: Resolver, mention: Mention, place: Place) -> bool:
    if mention.country:
        return place.level == "country"
    if mention.name is None:  # "the Municipal People's Government": the level must fit
        return place.level in resolver._levels(mention.level_word)
    found = resolver.resolve(mention)
    return found is not None and found[0].code == place.code


def read_issuing_body(
    cues: Cues, resolver: Resolver, jur: Jurisdiction, mentions: list[tuple[str, Mention]], doctype: str
) -> Hit | None:
    """The delivering body: the government for a work report, the party committee for a
    plenary; read from "on behalf of", the title or a headline, else implied by the type."""
    kind = {"government-work-report": "gov", "party-plenary": "party"}.get(doctype)
    if kind is None:
        kind = jur.mention.kind if jur.mention and jur.mention.kind in ("gov", "party") else None
    if kind is None:
        return None
    ranked = sorted(mentions, key=lambda rm: BODY_RULE_RANK.get(rm[0], 9))
    for rule, mention in ranked:
        if mention.kind == kind and _names_jurisdiction(resolver, mention, jur.place):
            name = body_name(cues, kind, jur.place, mention.level_word)
            if name:
                return Hit(name, mention.start, mention.end, rule)
    name = body_name(cues, kind, jur.place, None)
    if name and doctype in ("government-work-report", "party-plenary"):
        return Hit(name, jur.hit.start, jur.hit.end, "implied-by-document-type")
    return None
