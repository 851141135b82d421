"""Reading the words around a number: comparator, direction, attributive compounds, rank scope.

All cue words come from kg/data/number_words.tsv. The rules are about English word order
around a figure in these reports, not about any one sentence:

* comparator: the phrase that ends right before the number ("more than", "controlled within"),
  possibly followed by a connective ("approximately by 6%", "at about 5%", "approximately a
  5.5% increase"); else a phrase right after it ("5% or more"); else eq. Longest phrase wins.
* direction: a change cue word next to the number: "fell by 35.7%", "a decline of 5%",
  "a 4.5% growth", or, when the number follows "by", the nearest cue earlier in the same clause
  ("reduced the number of accidents by 28%"). A bare verb ("increased 6.5%", "cut 5 billion
  yuan") counts for rates and amounts, not for plain counts ("set up 24 communities").
  "dropped to 0.91%" has no direction: "to" introduces a level, not a change.
* attributive: see ``attributive``.
* rank scope: "in Zhejiang", "among the top 20 ports": a scope preposition and up to eight
  words, ending before punctuation or a stop word ("in terms of", "for", "and", ...).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from .numbers_grammar import H, grammar
from .numbers_lexicon import Lexicon, lexicon

_WORD = r"[A-Za-z][A-Za-z'’\-]*"
# Words before a number, read on the reversed window: the run of words separated by spaces
# that ends at the number, stopping at punctuation, a digit or a line break.
_LEFT = re.compile(rf"{H}*((?:{_WORD}{H}+)*(?:{_WORD})?)")
_RIGHT = re.compile(rf"{H}*({_WORD}(?:{H}+{_WORD}){{0,2}})")
_NOUN_AFTER = re.compile(rf"{H}+[A-Za-z]")
_CONNECTIVES = ("by", "of", "at", "a", "an")
_MAX_LEFT = 14  # words looked at before a number


def left_words(text: str, start: int, width: int = 72) -> list[str]:
    """Lower-cased words right before ``start``, back to the nearest punctuation, digit or line break."""
    rev = text[max(0, start - width) : start][::-1].lower()
    words = _LEFT.match(rev)[1].split()[:_MAX_LEFT]
    return [w[::-1] for w in reversed(words)]


def right_words(text: str, end: int, width: int = 40) -> list[str]:
    """Up to three lower-cased words right after ``end``, up to the nearest punctuation."""
    m = _RIGHT.match(text, end, end + width)
    return m[1].lower().split() if m else []


@cache
def _phrases(kind: str) -> tuple[dict[tuple[str, ...], str], int]:
    table = {tuple(w.split()): v for w, v in lexicon().words[kind].items()}
    return table, max(len(k) for k in table)


def _suffix_hit(words: list[str], kind: str) -> tuple[str, int] | None:
    """The longest phrase of ``kind`` that ``words`` end with: (value, number of words)."""
    table, longest = _phrases(kind)
    for n in range(min(longest, len(words)), 0, -1):
        value = table.get(tuple(words[-n:]))
        if value is not None:
            return value, n
    return None


def comparator_before(words: list[str]) -> tuple[str | None, int]:
    """(comparator, index of its first word in ``words``); connectives may follow the phrase."""
    w = words
    for _ in range(3):
        hit = _suffix_hit(w, "comparator")
        if hit:
            return hit[0], len(w) - hit[1]
        if not w or w[-1] not in _CONNECTIVES:
            break
        w = w[:-1]
    return None, len(words)


def comparator_after(words: list[str]) -> str | None:
    """The comparator phrase that ``words`` (after the number) start with: "or more" -> ge."""
    table, longest = _phrases("comparator_after")
    for n in range(min(longest, len(words)), 0, -1):
        if tuple(words[:n]) in table:
            return table[tuple(words[:n])]
    return None


def direction(before: list[str], after: list[str], kind: str) -> str | None:
    """"up"/"down" from the change cue next to the number (see the module docstring)."""
    cues = lexicon().words["direction"]
    w = list(before)
    via = None
    while w and w[-1] in _CONNECTIVES:
        via = via or w[-1]
        w.pop()
    if w and w[-1] in cues and (via in ("by", "of") or (via is None and kind != "count")):
        return cues[w[-1]]
    if via == "by":
        for word in reversed(w):
            if word in cues:
                return cues[word]
    if after and after[0] in cues and kind not in ("count", "rank"):
        return cues[after[0]]
    return None


def is_power_of_ten(value: Decimal) -> bool:
    """1, 10, 100, ... 10**k: the round numbers that name classes ("ten-billion-yuan companies")."""
    sign, digits, exponent = value.normalize().as_tuple()
    return not sign and digits == (1,) and isinstance(exponent, int) and exponent >= 0


def attributive(text: str, end: int, after: list[str], value: Decimal, rule: str, attr_suffix: bool) -> bool:
    """Does a hyphen compound ("N-billion-yuan ...") name a class of things rather than an amount?

    Every hyphen compound modifies a noun; it names a class ("ten-billion-yuan companies",
    "100-billion-yuan-level industry", "15-minute service circles") when it carries a class
    suffix (-level, -class) or is followed by one ("10,000-mu scale"), when its unit says so
    (durations), or when its number is a round power of ten. A precise figure
    ("22.96-billion-yuan VAT credit refunds") is the amount of those things, not a class.
    """
    if attr_suffix:
        return True
    if after and lexicon().has("class_suffix", after[0]):
        return True
    if not _NOUN_AFTER.match(text, end, end + 3):
        return False
    return rule == "class" or (rule == "round" and is_power_of_ten(value))


@cache
def _rank_patterns() -> tuple[re.Pattern, re.Pattern]:
    g = grammar()
    lex: Lexicon = lexicon()
    prep = "|".join(re.escape(p) for p in sorted(lex.words["scope_prep"], key=len, reverse=True))
    word = r"[A-Za-z0-9][\w’'\-]*"
    scope = re.compile(
        rf"{H}+(?:(?i:respectively){H}+)?(?P<scope>(?i:{prep})(?:{H}+(?!{g.scope_stop}){word}){{1,8}})"
    )
    chain = re.compile(
        rf"(?:{H}*,{H}*(?:(?i:and|or){H}+)?|{H}+(?i:and|or){H}+)(?:(?i:the){H}+)?(?P<ord>{g.ordinal})"
    )
    return scope, chain


def rank_scope(text: str, end: int) -> tuple[int, int] | None:
    """Span of the scope phrase right after a rank ("in Zhejiang"), if there is one."""
    m = _rank_patterns()[0].match(text, end)
    return (m.start("scope"), m.end("scope")) if m else None


def rank_chain(text: str, end: int) -> list[tuple[int, int]]:
    """Spans of further ordinals chained to a rank: "ranked first and third respectively"."""
    spans: list[tuple[int, int]] = []
    chain = _rank_patterns()[1]
    m = chain.match(text, end)
    while m:
        spans.append((m.start("ord"), m.end("ord")))
        m = chain.match(text, m.end())
    return spans
