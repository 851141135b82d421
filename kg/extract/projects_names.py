"""Project names in running text: capitalised word runs that end in a type head noun.

A name as these reports write it is a run of capitalised words on one line, joined by
spaces and the connectors "of", "the", "and", "&", and ending in a head noun from
kg/data/project_cues.tsv ("Jiaxing Nanhu Airport", "Shanghai-Jiaxing Intercity
Railway"); a head may be followed by an "of ..." tail ("Institute of Flexible
Electronics Technology of Tsinghua", "First Hospital of Jiaxing") or a number ("Metro
Line 6"). Route names written with hyphens may carry a lower-case head
("Shanghai-Hangzhou expressway"). Two names joined by "and" are split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .projects_cues import Head, ProjectCues

_WORD = r"[0-9A-Za-z\u00C0-\u024F]+"
# a word, with inner hyphens and apostrophes (Ji'an, High-speed, Children's); or "&"; or a
# parenthesised capitalised qualifier ("(Jiashan)", "(Zhejiang)")
_TOKEN = re.compile(rf"No\.(?=[ \u00a0]*\d)|{_WORD}(?:['\u2019\-\u2010\u2011]{_WORD})*|&|\((?:[A-Z][\w\-]*[ \u00a0]?){{1,3}}\)")
_GAP = re.compile(r"[ \t\u00a0]*")  # what may separate two words of one name: never a line break
_CODE = re.compile(r"[A-Z]{0,2}\d+")  # a number or code after the head: "Metro Line 6", "Corridor G60"
CONNECTORS = frozenset({"of", "the", "and", "&"})


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower().replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")

    @property
    def capital(self) -> bool:
        c = self.text[0]
        return c.isupper() or c.isdigit() or c == "("


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    head: Head  # the head that gives the type (before an "of" tail, else the last)
    specific: bool  # a proper word, an "of" tail or a number makes it name one thing
    rule: str


def _runs(text: str) -> list[list[Tok]]:
    """Runs of tokens separated only by spaces on one line (no punctuation between)."""
    runs: list[list[Tok]] = []
    current: list[Tok] = []
    for m in _TOKEN.finditer(text):
        tok = Tok(m.start(), m.end(), m.group())
        if current and not _GAP.fullmatch(text, current[-1].end, tok.start):
            runs.append(current)
            current = []
        current.append(tok)
    if current:
        runs.append(current)
    return runs


def _chunks(run: list[Tok], cues: ProjectCues) -> list[list[Tok]]:
    """Maximal capitalised stretches of a run (connectors inside only), plus lower-case heads
    right after a hyphenated route name."""
    out: list[list[Tok]] = []
    cur: list[Tok] = []
    for i, tok in enumerate(run):
        if tok.capital or (cur and tok.low in CONNECTORS):
            cur.append(tok)
            continue
        n = _head_at(run, i, cues, lower_ok=True)
        if cur and n and "-" in cur[-1].text and cur[-1].capital:
            cur.extend(run[i : i + n])
        if cur:
            out.append(cur)
        cur = []
    if cur:
        out.append(cur)
    return [_strip(c, CONNECTORS) for c in out if _strip(c, CONNECTORS)]


def _strip(toks: list[Tok], words: frozenset[str]) -> list[Tok]:
    i, j = 0, len(toks)
    while i < j and toks[i].low in words:
        i += 1
    while j > i and toks[j - 1].low in CONNECTORS:
        j -= 1
    return toks[i:j]


def _head_at(toks: list[Tok], i: int, cues: ProjectCues, lower_ok: bool = False) -> int:
    """Number of tokens of the longest head starting at ``i`` (0: none)."""
    for n in range(min(cues.max_head, len(toks) - i), 0, -1):
        words = tuple(t.low for t in toks[i : i + n])
        if words in cues.heads and (lower_ok or toks[i].capital):
            return n
    return 0


def _heads(toks: list[Tok], cues: ProjectCues) -> list[tuple[int, int]]:
    """(start index, end index) of every head in ``toks``, longest match, left to right,
    preferring the longest head that ends at a given token ("Intercity Railway")."""
    found: dict[int, tuple[int, int]] = {}
    for i in range(len(toks)):
        n = _head_at(toks, i, cues, lower_ok=True)
        if n and (i + n) not in found:
            found[i + n] = (i, i + n)
    return sorted(found.values())


def _split_and(toks: list[Tok], cues: ProjectCues, is_place) -> list[list[Tok]]:
    """Split at "and" when both sides hold a head, or the left side is a place name."""
    for i, tok in enumerate(toks):
        if tok.low != "and" or i == 0:
            continue
        left, right = toks[:i], toks[i + 1 :]
        if (_heads(left, cues) and _heads(right, cues)) or is_place(left):
            return [left] + _split_and(right, cues, is_place)
    return [toks]


def _drop_owner(toks: list[Tok], cues: ProjectCues, is_place) -> list[Tok]:
    """Drop "X of (the)" before a name when X holds no head and names no part of it:
    "Fund of the G60 Innovation Valley" -> "G60 Innovation Valley", "Jiaxing of the ..."."""
    while True:
        of_at = next((i for i, t in enumerate(toks) if t.low == "of"), None)
        if of_at is None or of_at == 0:
            return toks
        left = toks[:of_at]
        if _heads(left, cues) or (left[-1].low in cues.parts and not is_place(left)):
            return toks
        rest = _strip(toks[of_at + 1 :], CONNECTORS)
        if not _heads(rest, cues):
            return toks
        toks = rest


def _name(toks: list[Tok], cues: ProjectCues, is_place) -> Name | None:
    """The project name in a chunk: up to the last head, with an "of" tail or a number.

    A chunk that goes on with other capitalised words after its last head uses the head as a
    modifier ("Maple Bridge Experience", "Grand Canal Cultural Belt"): no name."""
    toks = _drop_owner(_strip(toks, cues.lead | CONNECTORS), cues, is_place)
    heads = _heads(toks, cues)
    if not heads:
        return None
    end = heads[-1][1]
    rule = "name-head"
    of_at = next((i for i, t in enumerate(toks) if t.low == "of"), None)
    if end < len(toks) and toks[end].low == "of" and len(toks) > end + 1:
        end, rule = len(toks), "name-of-tail"
    elif end < len(toks) and _CODE.fullmatch(toks[end].text):
        end, rule = end + 1, "name-number"
    elif end + 1 < len(toks) and toks[end].text == "No." and _CODE.fullmatch(toks[end + 1].text):
        end, rule = end + 2, "name-number"
    if any(not t.text.startswith("(") for t in toks[end:]):
        return None
    toks = toks[:end]
    while toks[-1].text.startswith("("):  # "(Phase II)" qualifies the stage, not the name
        toks = toks[:-1]
    governing = [h for h in heads if of_at is None or h[1] <= of_at] or heads
    start, stop = governing[-1]
    head = cues.heads[tuple(t.low for t in toks[start:stop])]
    before, tail = toks[:start], toks[stop:]
    proper = any(t.low not in cues.generic and not _is_head_word(t, cues) for t in before)
    proper = proper or any(t.capital and t.low not in cues.generic for t in tail)
    if not before and not tail:
        return None
    return Name(toks[0].start, toks[-1].end, head, proper, rule)


def _is_head_word(tok: Tok, cues: ProjectCues) -> bool:
    return (tok.low,) in cues.heads


def find_names(text: str, cues: ProjectCues, is_place) -> list[Name]:
    """Every project name in ``text`` (one paragraph), in text order; offsets into ``text``.

    ``is_place(tokens)`` tells whether a token list is exactly a place name (the left side
    of "Jiashan and Shanghai University" is not part of a name)."""
    names: list[Name] = []
    for run in _runs(text):
        for chunk in _chunks(run, cues):
            for part in _split_and(chunk, cues, is_place):
                name = _name(part, cues, is_place)
                if name is not None:
                    names.append(name)
    return names
