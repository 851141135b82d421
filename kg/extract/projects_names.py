"""Project names in running text: capitalised word runs that end in a type head noun.

A name as these reports write it is a run of capitalised words on one line, joined by
spaces and the connectors "of", "the", "and", "&", and ending in a head noun from
kg/data/project_cues.tsv ("Jiaxing Nanhu Airport", "Shanghai-Jiaxing Intercity
Railway"); a head may be followed by an "of ..." tail ("Institute of Flexible
Electronics Technology of Tsinghua", "First Hospital of Jiaxing") or a number ("Metro
Line 6"). Route names written with hyphens may carry a lower-case head
("Shanghai-Hangzhou expressway"), and so may a capitalised name followed by a few lower-case
modifiers ("Jiangsu-Anhui cooperation demonstration zone"): such a name counts only when a
status cue governs it. Two names joined by "and" are split. PDF glue is undone where it
can be seen: camel-case words ("RailwayStation") are split, and a possessive ("City's") or
a quote inside a name ("Two Lakes" Innovation Zone) does not break it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .projects_cues import Head, ProjectCues

_WORD = r"[0-9A-Za-z\u00C0-\u024F]+"
# a word, with inner hyphens and apostrophes (Ji'an, High-speed, Children's); or "&"; or a
# parenthesised capitalised qualifier ("(Jiashan)", "(Zhejiang)")
# parenthesised capitalised qualifier ("(Jiashan)", "(Zhejiang)"); a possessive ending ("'s",
# or the "'" of "Workers'") is a token of its own, so that "City's ability" ends at "City"
_TOKEN = re.compile(
    rf"No\.(?=[ \u00a0]*\d)|{_WORD}(?:(?:['\u2019](?!s\b)|[\-\u2010\u2011]){_WORD})*"
    rf"|['\u2019]s\b|(?<=s)['\u2019](?!\w)|&|\((?:[A-Z][\w\-]*[ \u00a0]?){{1,3}}\)"
)
# what may separate two words of one name: spaces and double quotes, never a line break
_GAP = re.compile(r"[ \t\u00a0\u201c\u201d\"]*")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # PDF glue: "WestHangzhou", "RailwayStation"
POSSESSIVE = frozenset({"'s", "'"})
_CODE = re.compile(r"[A-Z]{0,2}\d+")  # a number or code after the head: "Metro Line 6", "Corridor G60"
CONNECTORS = frozenset({"of", "the", "and", "&"})
MAX_MODIFIERS = 4  # lower-case words between a capitalised name and a lower-case head


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
        return c.isupper() or c.isdigit() or c in "('\u2019" or any(ch.isupper() for ch in self.text[1:4])


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    head: Head  # the head that gives the type (before an "of" tail, else the last)
    specific: bool  # a proper word, an "of" tail or a number makes it name one thing
    rule: str
    lower: bool = False  # lower-case words before a lower-case head: counts only with a status cue


def _tokens(text: str) -> list[Tok]:
    """The tokens of ``text``; a camel-case glue ("RailwayStation") gives two tokens."""
    out: list[Tok] = []
    for m in _TOKEN.finditer(text):
        cuts = [0] + [c.start() for c in CAMEL.finditer(m.group())] + [len(m.group())]
        out += [Tok(m.start() + a, m.start() + b, m.group()[a:b]) for a, b in pairwise(cuts)]
    return out


def _runs(text: str) -> list[list[Tok]]:
    """Runs of tokens separated only by spaces (or quotes) on one line, no other punctuation."""
    runs: list[list[Tok]] = []
    current: list[Tok] = []
    for tok in _tokens(text):
        if current and not _GAP.fullmatch(text, current[-1].end, tok.start):
            runs.append(current)
            current = []
        current.append(tok)
    if current:
        runs.append(current)
    return runs


def _lower_head(run: list[Tok], i: int, cues: ProjectCues) -> int:
    """Tokens from ``i`` to the end of a lower-case head after at most ``MAX_MODIFIERS``
    lower-case modifiers ("cooperation demonstration zone"); 0 when there is none."""
    for j in range(i, min(i + MAX_MODIFIERS + 1, len(run))):
        n = _head_at(run, j, cues, lower_ok=True)
        if n and run[j].low not in cues.stop:
            return j + n - i
        tok = run[j]
        if tok.capital or tok.low in cues.stop or not tok.text.isalpha() and "-" not in tok.text:
            return 0
    return 0


def _proper_end(cur: list[Tok], cues: ProjectCues) -> bool:
    """Whether ``cur`` ends in a capitalised word that may take a lower-case head: not a number
    ("15 base stations") and not only a sentence-initial article or verb ("The new campus")."""
    return bool(cur) and cur[-1].capital and cur[-1].text[0].isalpha() and any(t.low not in cues.lead for t in cur)


def _chunks(run: list[Tok], cues: ProjectCues) -> list[list[Tok]]:
    """Maximal capitalised stretches of a run (connectors inside only), each extended by a
    lower-case head right after it, with or without a few lower-case modifiers."""
    out: list[list[Tok]] = []
    cur: list[Tok] = []
    i = 0
    while i < len(run):
        tok = run[i]
        if tok.capital or (cur and tok.low in CONNECTORS):
            cur.append(tok)
            i += 1
            continue
        n = _lower_head(run, i, cues) if _proper_end(cur, cues) else 0
        cur.extend(run[i : i + n])
        i += max(n, 1)
        if n and i + 1 < len(run) and run[i].low == "of" and run[i + 1].capital:
            continue  # "the Changzhou campus of Hohai University": an "of" tail goes on
        if cur:
            out.append(cur)
        cur = []
    if cur:
        out.append(cur)
    return [_strip(c, CONNECTORS) for c in out if _strip(c, CONNECTORS)]


def _strip(toks: list[Tok], words: frozenset[str]) -> list[Tok]:
    i, j = 0, len(toks)
    while i < j and (toks[i].low in words or toks[i].low in POSSESSIVE):
        i += 1
    while j > i and (toks[j - 1].low in CONNECTORS or toks[j - 1].low in POSSESSIVE):
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
    """Split at "and" when both sides hold a head, the left side ends in one ("Jintan Port
    and Donggang"), or the left side is a place name."""
    for i, tok in enumerate(toks):
        if tok.low != "and" or i == 0:
            continue
        left, right = toks[:i], toks[i + 1 :]
        heads = _heads(left, cues)
        ends_in_head = bool(heads) and heads[-1][1] == len(left) and left[-1].capital
        if (heads and _heads(right, cues)) or ends_in_head or is_place(left):
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


def _end(toks: list[Tok], end: int, cues: ProjectCues) -> tuple[int, str] | None:
    """Where the name ends, given its last head ends at ``end``: after an "of" tail or a number,
    before a word that only says what happens to it ("... Park Construction", "... Park
    Selected"); None when other capitalised words follow (the head is a modifier)."""
    rule = "name-head"
    if end < len(toks) and toks[end].low == "of" and len(toks) > end + 1:
        end, rule = len(toks), "name-of-tail"
    elif end < len(toks) and _CODE.fullmatch(toks[end].text):
        end, rule = end + 1, "name-number"
    elif end + 1 < len(toks) and toks[end].text == "No." and _CODE.fullmatch(toks[end + 1].text):
        end, rule = end + 2, "name-number"
    if end < len(toks) and any(p.fullmatch(toks[end].low) for p in cues.trails):
        return end, rule
    if any(not t.text.startswith("(") for t in toks[end:]):
        return None
    return end, rule


def _name(toks: list[Tok], cues: ProjectCues, is_place) -> Name | None:
    """The project name in a chunk: up to the last head, with an "of" tail or a number.

    A chunk that goes on with other capitalised words after its last head uses the head as a
    modifier ("Maple Bridge Experience", "Grand Canal Cultural Belt"): no name."""
    toks = _drop_owner(_strip(toks, cues.lead | CONNECTORS), cues, is_place)
    heads = _heads(toks, cues)
    if not heads or not toks[0].capital or toks[0].low in POSSESSIVE:
        return None
    # the last head that can end the name: "New City of Canal Bay" is a "new city" with an
    # "of" tail, though "Canal" is a head too
    ended = next((e for e in (_end(toks, h[1], cues) for h in reversed(heads)) if e), None)
    if ended is None:
        return None
    end, rule = ended
    toks = toks[:end]
    while toks[-1].text.startswith("("):  # "(Phase II)" qualifies the stage, not the name
        toks = toks[:-1]
    of_at = next((i for i, t in enumerate(toks) if t.low == "of"), None)
    governing = [h for h in heads if (of_at is None or h[1] <= of_at) and h[1] <= len(toks)] or heads
    start, stop = governing[-1]
    head = cues.heads[tuple(t.low for t in toks[start:stop])]
    before, tail = toks[:start], toks[stop:]
    proper = any(t.low not in cues.generic and not _is_head_word(t, cues) for t in before)
    proper = proper or any(t.capital and t.low not in cues.generic for t in tail)
    if not before and not tail:
        return None
    lower = any(not t.capital and t.low not in CONNECTORS for t in before) or (
        not toks[start].capital and bool(before) and "-" not in before[-1].text)
    return Name(toks[0].start, toks[-1].end, head, proper, rule, lower)


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
