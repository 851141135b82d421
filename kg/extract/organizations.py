"""Named organizations in a report: government and party bodies, universities, companies.

Three rules, each a reading of how these documents name organizations (cues in
kg/data/organization_cues.tsv); a span one rule took is not read again:

1. known   fixed names and names without a head word ("the State Council", "Ministry of
           Commerce", "CPC Central Committee", "Alibaba", "Huawei's");
2. local   a local body: [CPC|CPPCC] [place] Provincial|Municipal|County|District [Party|People's]
           <core> Committee|Commission|Government|Congress|Bureau|... [of <place> [Province]]
           [of the CPC|of the CPPCC]. Without a written place, the scope word points at the report's
           own jurisdiction or province ("the Provincial Development and Reform Commission" in a
           Jiaxing report is Zhejiang's). Cores that name no single body (a standing committee, a
           party congress; a committee of no party) are skipped. The canonical name is built from
           the place and the core, so every spelling of one body gets one name and one IRI;
3. head    a run of capitalised words ending in a head ("Jiaxing Nanhu University", "Tongkun
           Group", "STL Energy Co., Ltd."): "of" and "the" end the run, "and" joins two words unless
           the word before it is a place or a head ("Jiashan and Shanghai University" names
           Shanghai University), and one word must be specific (neither generic nor a head).

Laboratories and research institutes are projects (kg.extract.projects), not organizations here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafile import cue_rows
from ..errors import DataError
from ..model import ORGANIZATION_TYPES, OrganizationMention, Place
from ..rdf.iris import slug

DATA = "organization_cues.tsv"
KINDS = ("head", "tail", "generic", "lead", "known", "scope", "marker", "body", "core", "province_core",
         "skip", "alias")
LEVELS = ("province", "prefecture", "county")
_S = r"[ \u00a0]+"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['\u2019\-][A-Za-z0-9]+)*|\d+(?:st|nd|rd|th)\b|&")
_SPACE = re.compile(r"[ \u00a0]+")
_HEAD_GAP = re.compile(r"[ \u00a0.,]*")  # "Co., Ltd"
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                      r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth", re.I)


@dataclass(frozen=True)
class Cues:
    heads: dict[tuple[str, ...], str]  # head words -> type
    tails: frozenset[tuple[str, ...]]
    generic: frozenset[str]
    lead: frozenset[str]
    known: tuple[tuple[re.Pattern, str, str], ...]  # (pattern, type, canonical name or "=")
    scopes: dict[str, str]  # scope word (lower) -> level
    markers: dict[tuple[str, ...], str]  # marker words (lower) -> party | cppcc | people
    bodies: frozenset[str]
    cores: dict[str, str]  # core key -> template
    province_cores: dict[str, str]
    skip: frozenset[str]
    aliases: dict[str, str]  # lower-case cleaned name -> canonical


def norm(word: str) -> str:
    """Comparison form of a word: lower case, straight apostrophes."""
    return word.replace("\u2019", "'").lower()


def _type(value: str, where: str) -> str:
    if value not in ORGANIZATION_TYPES:
        raise DataError(f"unknown organization type {value!r} (known: {', '.join(ORGANIZATION_TYPES)})", path=where)
    return value


def _known(pattern: str, value: str, where: str) -> tuple[re.Pattern, str, str]:
    kind, _, name = value.partition("|")
    try:
        compiled = re.compile(pattern.replace("{S}", _S))
    except re.error as err:
        raise DataError(f"bad regex {pattern!r}: {err}", path=where) from err
    if not name:
        raise DataError("a known organization needs 'type|Canonical Name' (or 'type|=')", path=where)
    return compiled, _type(kind, where), name


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue table, loaded and checked once."""
    rows = cue_rows(DATA, KINDS)
    words = lambda text: tuple(norm(w) for w in _TOKEN.findall(text))  # noqa: E731
    for pattern, value, where in rows["scope"]:
        if value not in LEVELS:
            raise DataError(f"scope level must be one of {', '.join(LEVELS)}", path=where)
    return Cues(
        heads={words(p): _type(v, w) for p, v, w in rows["head"]},
        tails=frozenset(words(p) for p, _, _ in rows["tail"]),
        generic=frozenset(norm(p) for p, _, _ in rows["generic"]),
        lead=frozenset(p for p, _, _ in rows["lead"]),
        known=tuple(_known(p, v, w) for p, v, w in rows["known"]),
        scopes={norm(p): v for p, v, _ in rows["scope"]},
        markers={words(p): v for p, v, _ in rows["marker"]},
        bodies=frozenset(norm(p) for p, _, _ in rows["body"]),
        cores={p: v for p, v, _ in rows["core"]},
        province_cores={p: v for p, v, _ in rows["province_core"]},
        skip=frozenset(p for p, _, _ in rows["skip"]),
        aliases={p.lower(): v for p, v, _ in rows["alias"]},
    )


def clean(name: str) -> str:
    """A name as written, on one line: single spaces, straight apostrophes, "Peoples" -> "People's"."""
    name = _SPACE.sub(" ", name.replace("\u2019", "'")).strip()
    name = re.sub(r"\b(People|Party)s\b", r"\1's", name)
    return re.sub(r"\bCo\b[ .,]*Ltd\b\.?", "Co., Ltd.", name)


def mention(start: int, end: int, name: str, kind: str, rule: str, c: Cues) -> OrganizationMention:
    name = c.aliases.get(name.lower(), name)
    return OrganizationMention(start, end, slug(name, 80), name, kind, rule)


class _Text:
    """The text with its words, for the token rules."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]

    def joined(self, i: int, j: int, gap: re.Pattern = _SPACE) -> bool:
        """Tokens i and j (= i + 1) are separated by spaces only."""
        return 0 <= i and j < len(self.tokens) and bool(gap.fullmatch(self.text, self.tokens[i][1], self.tokens[j][0]))

    def word(self, i: int) -> str:
        return norm(self.tokens[i][2]) if 0 <= i < len(self.tokens) else ""

    def match(self, i: int, words: tuple[str, ...], gap: re.Pattern = _SPACE) -> bool:
        """The words start at token i, joined by ``gap`` (the last may carry a possessive 's)."""
        if i + len(words) > len(self.tokens):
            return False
        for n, w in enumerate(words):
            got = self.word(i + n)
            if got != w and not (n == len(words) - 1 and got == w + "'s"):
                return False
            if n and not self.joined(i + n - 1, i + n, gap):
                return False
        return True

    def end(self, i: int) -> int:
        """End offset of token i without a possessive 's."""
        start, end, word = self.tokens[i]
        return end - 2 if norm(word).endswith("'s") and norm(word) not in ("people's", "party's") else end


def find_organizations(text: str, jurisdiction: Place | None, province: Place | None, gazetteer) -> list[OrganizationMention]:
    """Every named organization in ``text`` (rules in the module docstring), in text order."""
    c = cues()
    out: list[OrganizationMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(m: OrganizationMention | None) -> None:
        if m is not None and m.start < m.end and free(m.start, m.end):
            out.append(m)
            taken.append((m.start, m.end))

    for m in _known_mentions(text, c):
        add(m)
    doc = _Text(text)
    for i in range(len(doc.tokens)):
        add(_local(doc, i, c, jurisdiction, province, gazetteer))
    for i in range(len(doc.tokens)):
        add(_headed(doc, i, c, gazetteer))
    return sorted(out, key=lambda m: (m.start, m.end))


def _known_mentions(text: str, c: Cues):
    found = []
    for pattern, kind, name in c.known:
        for m in pattern.finditer(text):
            written = re.sub(r"^the ", "", clean(m.group()))
            found.append(mention(m.start(), m.end(), written if name == "=" else name, kind, "known", c))
    # longest first, then text order: a longer known name wins an overlap
    return sorted(found, key=lambda m: (m.start - m.end, m.start))


def _place_at(doc: _Text, last: int, gazetteer, level: str | None) -> tuple[int, Place] | None:
    """A place name ending at token ``last`` (up to three words): (first token, place)."""
    for n in (3, 2, 1):
        first = last - n + 1
        if first < 0 or not all(doc.joined(k, k + 1) for k in range(first, last)):
            continue
        if not doc.tokens[first][2][0].isupper():
            continue
        name = " ".join(doc.tokens[k][2] for k in range(first, last + 1))
        places = [p for p in gazetteer.lookup(name) if level is None or _fits(p, level, gazetteer)]
        if places:
            return first, places[0]
    return None


def _fits(place: Place, level: str, gazetteer) -> bool:
    """A place of the level a scope word names (a municipality or county-level city is "Municipal")."""
    kind = gazetteer.kind(place)
    if level == "prefecture":
        return place.level == "prefecture" or kind in ("municipality", "county-level city")
    return place.level == level and (level != "province" or kind != "municipality")


def _scope_word(place: Place, gazetteer) -> str:
    kind = gazetteer.kind(place)
    if place.level == "province":
        return "Municipal" if kind == "municipality" else "Provincial"
    if place.level == "prefecture" or kind == "county-level city":
        return "Municipal"
    return "District" if kind == "district" else "County"


def _marker(doc: _Text, i: int, c: Cues) -> tuple[int, str] | None:
    """(number of tokens, marker) of a marker starting at token i."""
    for words, kind in sorted(c.markers.items(), key=lambda kv: -len(kv[0])):
        if doc.match(i, words):
            return len(words), kind
    return None


def _local(doc: _Text, s: int, c: Cues, jurisdiction, province, gazetteer) -> OrganizationMention | None:
    """A local government or party body whose scope word is token ``s`` (rule 2)."""
    level = c.scopes.get(doc.word(s)) if doc.tokens[s][2][0].isupper() else None
    if level is None:
        return _of_place(doc, s, c, gazetteer)
    start, markers, place = s, set(), None
    if doc.joined(s - 1, s) and (found := _place_at(doc, s - 1, gazetteer, level)):
        start, place = found
    before = c.markers.get((doc.word(start - 1),)) if doc.joined(start - 1, start) else None
    if before in ("party", "cppcc"):
        start -= 1
        markers.add(before)
    k, core, head = s + 1, [], None
    while k < len(doc.tokens) and doc.joined(k - 1, k) and k - s <= 8 and head is None:
        mk = _marker(doc, k, c)
        if mk:
            markers.add(mk[1])
            k += mk[0]
            continue
        word = doc.word(k).removesuffix("'s")
        if not (doc.tokens[k][2][0].isupper() or word in ("and", "for")):
            return None
        core.append(doc.tokens[k][2])
        head = k if word in c.bodies else None
        k += 1
    if head is None:
        return None
    end, k = doc.end(head), head + 1
    while doc.word(k) == "of" and doc.joined(k - 1, k):
        if doc.word(k + 1) == "the" and (mk := _marker(doc, k + 2, c)):
            markers.add(mk[1])
            end, k = doc.tokens[k + 1 + mk[0]][1], k + 2 + mk[0]
        elif place is None and (found := _tail_place(doc, k + 1, gazetteer, level)):
            place, last = found
            end, k = doc.end(last), last + 1
        else:
            break
    return _local_mention(doc.tokens[start][0], end, core, markers, level, place, jurisdiction, province, c, gazetteer)


def _of_place(doc: _Text, s: int, c: Cues, gazetteer) -> OrganizationMention | None:
    """A body named by its place after "of", no scope word: "People's Government of Zhejiang Province"."""
    mk = _marker(doc, s, c)
    if not mk or mk[1] != "people" or c.scopes.get(doc.word(s - 1)) and doc.joined(s - 1, s):
        return None
    head = s + mk[0]
    if not (doc.joined(head - 1, head) and doc.word(head) in c.bodies and doc.word(head + 1) == "of"
            and doc.joined(head, head + 1)):
        return None
    found = _tail_place(doc, head + 2, gazetteer, None)
    if found is None:
        return None
    place, last = found
    level = "prefecture" if _fits(place, "prefecture", gazetteer) else place.level
    return _local_mention(doc.tokens[s][0], doc.end(last), [doc.tokens[head][2]], {"people"}, level, place,
                          None, None, c, gazetteer)


def _tail_place(doc: _Text, i: int, gazetteer, level: str | None) -> tuple[Place, int] | None:
    """A place after "of" ("of Zhejiang", "of Zhejiang Province"): (place, its last token)."""
    for n in (4, 3, 2, 1):
        last = i + n - 1
        if last < len(doc.tokens) and (found := _place_at(doc, last, gazetteer, level)) and found[0] == i:
            return found[1], last
    return None


def _local_mention(start, end, core, markers, level, place, jurisdiction, province, c: Cues, gazetteer):
    words = [norm(w).removesuffix("'s") for w in core]
    head = words[-1]
    prefix = [m for m in ("party", "cppcc", "people") if m in markers]
    if head == "committee" and not {"party", "cppcc"} & markers:
        return None
    key = " ".join(prefix + words)
    if key in c.skip or any(_ORDINAL.fullmatch(w) for w in words):
        return None
    if place is None:
        place = _implied_place(level, jurisdiction, province, gazetteer)
        if place is None:
            return None
    is_province = place.level == "province" and gazetteer.kind(place) != "municipality"
    template = (c.province_cores.get(key) if is_province else None) or c.cores.get(key)
    if template is None:
        written = clean(" ".join(core))
        template = "{place} {scope} " + ("People's " if "people" in markers else "") + written
    name = template.format(place=place.name_en, scope=_scope_word(place, gazetteer))
    return mention(start, end, name, "government_body", "local", c)


def _implied_place(level: str, jurisdiction: Place | None, province: Place | None, gazetteer) -> Place | None:
    """The place a scope word without a written place means in this report."""
    if level == "province":
        return province
    if jurisdiction is not None and _fits(jurisdiction, level, gazetteer):
        return jurisdiction
    return None


def _headed(doc: _Text, i: int, c: Cues, gazetteer) -> OrganizationMention | None:
    """A run of capitalised words ending in a head that starts at token ``i`` (rule 3)."""
    if not doc.tokens[i][2][0].isupper():
        return None
    for words, kind in sorted(c.heads.items(), key=lambda kv: -len(kv[0])):
        if doc.match(i, words, _HEAD_GAP):
            last = i + len(words) - 1
            first = _name_start(doc, i, c, gazetteer)
            if words in c.tails:
                last = _tail(doc, last, gazetteer)
            names = [doc.tokens[k][2] for k in range(first, last + 1)]
            if not any(norm(w).removesuffix("'s") not in c.generic and norm(w) not in _head_words(c) for w in names):
                return None
            name = clean(doc.text[doc.tokens[first][0] : doc.end(last)])
            return mention(doc.tokens[first][0], doc.end(last), name, kind, "head", c)
    return None


def _head_words(c: Cues) -> frozenset[str]:
    """Every word of every head ("university", "group", "co", "ltd", ...)."""
    return frozenset(w for words in c.heads for w in words)


def _name_start(doc: _Text, i: int, c: Cues, gazetteer) -> int:
    """The first token of the name whose head starts at token ``i``: walk back over capitalised words."""
    first = i
    while first > 0 and doc.joined(first - 1, first):
        prev = doc.tokens[first - 1][2]
        if prev in ("and", "&"):
            before = first - 2
            if not (doc.joined(before, first - 1) and doc.tokens[before][2][0].isupper()):
                break
            word = norm(doc.tokens[before][2])
            if word in _head_words(c) or gazetteer.lookup(doc.tokens[before][2]):
                break
            first -= 1
            continue
        if not prev[0].isupper() or norm(prev).endswith("'s") and norm(prev) not in ("people's",):
            break
        first -= 1
    while first < i and doc.tokens[first][2] in c.lead | {"and", "&"}:
        first += 1
    return first


def _tail(doc: _Text, last: int, gazetteer) -> int:
    """Extend a head by "of <Capitalised words>" ("University of Science and Technology of China")."""
    k = last
    while doc.word(k + 1) == "of" and doc.joined(k, k + 1) and doc.joined(k + 1, k + 2) \
            and doc.tokens[k + 2][2][0].isupper():
        k += 2
        while doc.joined(k, k + 1) and (doc.tokens[k + 1][2][0].isupper() or
                                        doc.word(k + 1) == "and" and doc.joined(k + 1, k + 2)
                                        and doc.tokens[k + 2][2][0].isupper()):
            k += 1
    return k


def extract_organizations(segmented, metadata, gazetteer) -> list[OrganizationMention]:
    """The organizations named in one report (its jurisdiction and province resolve scope words)."""
    return find_organizations(segmented.document.text, metadata.jurisdiction, metadata.province, gazetteer)
