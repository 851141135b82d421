"""Numbers the number grammar finds that state no figure of their own (docs/gold.md: what is an observation).

Each rule is a way these reports use a number without reporting it:

* part of a unit: "talents per 10,000 workers", "every 666.7 square meters of land";
* a definite reference to a known set: "its four counties", "all seven districts",
  "the previous three years";
* a duration that only sets the period of another figure: "for 10 consecutive years",
  "over two years"; an age that defines a group: "people over 60 years old";
* part of a name: inside a short quoted name ("“20 measures”", "“zero breakthroughs”"),
  followed by a name in Title Case ("the 100 Exhibitions Assisting Enterprises campaign"; not
  "220 National People's Congress motions") or right after one ("brands such as Jingning 600");
* a threshold that defines a class: "2 new projects exceeding 10 billion yuan", "markets
  each with an annual turnover over ten billion yuan";
* a count inside the subject of another figure: "the added value of 17 major industries grew
  by 13.3%", "36 livelihood projects of ten categories";
* "the first in the province": an ordinal with "the" and no ranking verb is a first-ever, not a rank.

The cue words are data (kg/data/metric_cues.tsv: skip_left, skip_right, duration_left, threshold).
"""

from __future__ import annotations

import re

from .metrics_cues import cues
from .metrics_phrases import Words, noun_after
from .numbers import Quantity

DURATIONS = frozenset({"YR", "MO", "DAY", "HR", "MIN"})
_CLAUSE_GAP = re.compile(r"[,;:()]")
_OR_GAP = re.compile(r"^\s*(?:or|and)\s+$", re.I)
_TITLE = re.compile(r"[\s\-]*[A-Z][A-Za-z’'\-]*(?:[\s\-]+(?:(?:and|of|for|the|&)\s*)*(?:[A-Z]|[a-z]+[A-Z])[A-Za-z’'\-]*)+")
_NEXT_WORD = re.compile(r"[\s’'”\"]*([A-Za-z]+)")
_NAME_NOUNS = frozenset("campaign campaigns initiative initiatives program programs programme project projects "
                        "plan plans action actions".split())
_OF = re.compile(r"\bof\s*$", re.I)
_NAME_BEFORE = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+ $")
_SPACES = re.compile(r"[^\S\n]+")
_PHRASE_END = re.compile(r"\s*(?:[.,;:)”\"]|and\b|$)")
_THE_ORDINAL = re.compile(r"\bthe\s*$", re.I)
_WITH = re.compile(r"\bwith\s+(?:(?:an?|the|its|their)\s+)?(?:[A-Za-z\-]+\s+){1,3}$", re.I)
NAME_SPAN = 60  # a quoted name this short holds no figure


def excluded(words: Words, quantities: list[Quantity], i: int, skipped: set[int]) -> str | None:
    """Why quantity i states no figure (a short reason), or None when it is an observation."""
    q = quantities[i]
    text = words.text
    # cue patterns are written with single spaces: runs of spaces and NBSP read as one space
    left, right = squash(text[max(0, q.start - 60) : q.start]), squash(text[q.end : q.end + 40])
    c = cues()
    for pattern, applies in c.skip_left:
        if pattern.search(left) and _applies(applies, q):
            return "skip_left"
    for pattern, reason in c.skip_right:
        reason, _, unit = reason.partition(":")
        if pattern.match(right) and (not unit or q.unit == unit):
            return reason
    if q.unit in DURATIONS and c.any(c.duration_left, left):
        return "duration"
    if in_quoted_name(text, q.start, q.end) or _title_case_after(text, q) or _title_case_before(q, left, right):
        return "name"
    if _threshold(words, quantities, i, skipped):
        return "threshold"
    if _counted_subject(words, quantities, i):
        return "subject"
    if q.kind == "rank" and q.text[:1].isalpha() and _bare_ordinal(q) and _THE_ORDINAL.search(left):
        return "first-ever"
    return None


def squash(text: str) -> str:
    """Runs of horizontal whitespace (NBSP included) as one space."""
    return _SPACES.sub(" ", text)


def _applies(kinds: str, q: Quantity) -> bool:
    if kinds == "top":
        return q.kind == "rank" and q.text.lower().startswith("top")
    return q.kind != "rank" and (kinds == "any" or _is_count(q))


def _is_count(q: Quantity) -> bool:
    return q.kind == "count" and q.unit not in cues().level_units or q.unit in DURATIONS


def _bare_ordinal(q: Quantity) -> bool:
    return len(q.text.split()) == 1 and not q.text.lower().startswith(("top", "rank", "no"))


def quote_depths(text: str) -> list[int]:
    """Quote nesting depth at each offset: curly quotes open/close; a straight quote opens after a
    space or an opening bracket and closes otherwise; an apostrophe between letters is no quote."""
    depth, out = 0, []
    for k, ch in enumerate(text):
        prev = text[k - 1] if k else " "
        nxt = text[k + 1] if k + 1 < len(text) else " "
        if ch in "“«「" or (ch == "‘" and not prev.isalpha()):
            depth += 1
        elif ch in "”»」" or (ch == "’" and not (prev.isalpha() and nxt.isalpha()) and depth):
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = depth + 1 if (prev.isspace() or prev in "([") and depth == 0 else max(0, depth - 1)
        out.append(depth)
    return out


def in_quoted_name(text: str, start: int, end: int) -> bool:
    """Is [start, end) inside a quoted phrase that closes within NAME_SPAN characters?"""
    depths = quote_depths(text[: min(len(text), end + NAME_SPAN)])
    if start >= len(depths) or depths[start] == 0:
        return False
    level = depths[start]
    return any(d < level for d in depths[end:])


def _title_case_after(text: str, q: Quantity) -> bool:
    """"the 100 Exhibitions Assisting Enterprises campaign": two Title Case words after the number
    name something; not when a lower-case noun follows them, which they modify ("220 National
    People's Congress motions"), unless the number opens a quote ("“1,000 Projects ... all started")."""
    m = _TITLE.match(text, q.end)
    if m is None:
        return False
    if text[m.end() : m.end() + 1] in ("”", '"', "’"):
        return True  # the name closes a quote: "... 100 Exhibitions Assisting Enterprises” to help firms"
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is None or not nxt[1][0].islower() or nxt[1].lower() in _NAME_NOUNS:
        return True
    depths = quote_depths(text[: q.start + 1])
    return bool(depths) and depths[q.start] > 0


def _title_case_before(q: Quantity, left: str, right: str) -> bool:
    """"brands such as Jingning 600.", "Highway 312,": a bare number right after a Title Case word
    (mid-sentence) that ends the phrase is the end of a name ("... Platform and 12 cases were" is not)."""
    return (q.kind == "count" and not q.unit and _NAME_BEFORE.search(left) is not None
            and _PHRASE_END.match(right) is not None)


def _threshold(words: Words, quantities: list[Quantity], i: int, skipped: set[int]) -> bool:
    """"2 new projects exceeding 10 billion yuan (or US$1 billion)": a class, not a figure."""
    q = quantities[i]
    if q.kind in ("rank", "percent", "points"):
        return False
    text = words.text
    prev = quantities[i - 1] if i else None
    if prev is not None and (i - 1) in skipped and _OR_GAP.match(text[prev.end : q.start]):
        return True
    left = text[max(0, q.start - 60) : q.start]
    m = next((m for p in cues().threshold if (m := p.search(left))), None)
    if m is None:
        return False
    cut = q.start - len(left) + m.start()  # where the comparator starts
    if _WITH.search(text[max(0, cut - 50) : cut]):
        return True
    if prev is None or _CLAUSE_GAP.search(text[prev.end : cut]) or not _is_count(prev):
        return False
    np = noun_after(words, prev.end, cut + 1)
    return np is not None and words.toks[np.end - 1].end <= cut and not text[words.toks[np.end - 1].end : cut].strip()


def _counted_subject(words: Words, quantities: list[Quantity], i: int) -> bool:
    """A count that only says which things another figure is about."""
    q = quantities[i]
    if not _is_count(q) or q.unit:
        return False
    text = words.text
    left = text[max(0, q.start - 30) : q.start]
    if not _OF.search(left):
        return False
    nxt = quantities[i + 1] if i + 1 < len(quantities) else None
    if nxt is not None and nxt.kind in ("percent", "amount", "points") and not re.search(
            r"[,;:()]|\band\b", text[q.end : nxt.start]) and cues().growth.search(text[q.end : nxt.start]):
        return True  # "the added value of 17 major industries grew by 13.3%"
    prev = quantities[i - 1] if i else None
    if prev is None or not _is_count(prev) or _CLAUSE_GAP.search(text[prev.end : q.start]):
        return False
    np = noun_after(words, prev.end, q.start)
    return np is not None and np.post is None and text[words.toks[np.end - 1].end : q.start].strip().lower() == "of"
