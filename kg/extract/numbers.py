"""The number grammar: find every quantity expression in a text and parse it to exact values.

``find_quantities(text)`` returns every quantity in text order, non-overlapping, with offsets
into the very string passed in (raw source text: NBSP, runs of spaces, curly quotes and glued
words are tolerated inside the patterns, never cleaned away). ``parse_number`` reads one number.

Values are exact ``Decimal``s with scale words applied ("673.95 billion yuan" -> 673950000000
CNY; "5.6 10,000 yuan" -> 56000 CNY). Units are not converted into one another (470.6 km stays
470.6 KiloM) and PERCENT STAYS IN PERCENT UNITS: "5.6%" -> 5.6 PERCENT, not 0.056, so the value
reads like the source; divide by 100 when a fraction is needed. Percentage points are kept apart
(PERCENT_POINT, kind "points"), fractions written in words are FRACTION ("one-tenth" -> 0.1).

Rules, each from the language of these documents (tests/test_numbers.py has a row for each):

* SCALE WORDS (kg/data/number_words.tsv): thousand, million, billion, trillion, "hundred
  million", "ten thousand", bn; "10,000" and "100 million" are scales only between a number
  and a unit ("5.6 10,000 yuan", the translation of 万元); alone, "10,000 yuan" is 10000 yuan.
  Numbers in words are parsed with their scales ("two million three hundred thousand");
  fractions divide exactly where they can (one third keeps 28 significant digits).

* SPLIT DECIMALS. PDF extraction splits decimals: "29. 14-billion-yuan", "USD 3. 16 billion",
  "2. 1 times". "N. DD" is read as one decimal only when DD has one or two digits and is followed
  by a scale word, a hyphen, or a unit that measures (money, percent, times, area, energy ...):
  a sentence that ends with a number and a next one that starts with a count ("... in 2022. 15
  projects ...", "top 500. 47 companies") stays two things. A year-like N (1800-2199) never
  starts a split decimal.
* YEARS. Four bare digits 1800-2199 without a separator are a year unless a money/measure unit
  follows ("2000 yuan"); a count noun after a year preposition stays a year ("in 2022
  enterprises ..."); "2,022 enterprises" is a number. Year ranges ("2021-2025") are skipped.
* NOT QUANTITIES: dates and clock times, ordinals ("20th National Congress", "the third"),
  labels ("No. 1", "Line 5", "Level 3.0", "2.0 version"), list numbers ("1. Striving ...",
  "(2)"), codes glued to letters ("G60", "PM2.5", "5G", "COVID-19", "Covid- 19"), numbers
  alone in quotes ("“551”"), "17+1"-style names, number words in Title Case mid-sentence
  ("Three Zones and One Platform", "Five-Year Plan"), a bare "one" ("one-stop", "one of"),
  vague words ("dozens", "hundreds of"), and periods ("first three quarters", "first half").
  Digits glued after a lower-case word ("valued423.34 billion RMB") are a number.
* RANGES: "6%-6.5%", "6-6.5%", "6 to 6.5 percent", "between 5% and 6%"; the bound without a
  unit or scale takes them from the other ("5-6 billion yuan"). "from 5% to 6%" is a change,
  two quantities, not a range.
* RANKS: "ranking third", "ranked No. 1", "top 20" (comparator le), "first place", and an
  ordinal directly followed by a scope ("second in Zhejiang"); ``scope`` holds the scope phrase
  ("in Zhejiang", "among the top 20 ports of the country"); numbers inside a scope are part of it.
* Comparator, direction and attributive compounds: see numbers_context.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from . import numbers_context as ctx
from .numbers_grammar import H, candidates, grammar
from .numbers_lexicon import Lexicon, lexicon
from .numbers_read import Cand, left_of, number, read, scale, times

__all__ = ["Quantity", "find_quantities", "parse_number"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity expression: where it is, what it says, and the words around it that qualify it."""

    start: int  # offsets into the string passed in (the caller adds the sentence offset)
    end: int
    text: str  # as written: text[start:end]
    value: Decimal | None  # normalized to base units; None for ranges -> value_min/value_max
    value_min: Decimal | None
    value_max: Decimal | None
    unit: str  # code from kg/data/units.tsv, "" for a pure count or a rank
    unit_iri: str | None  # QUDT IRI where QUDT has the unit
    kind: str  # "amount" | "percent" | "points" | "multiple" | "ratio" | "count" | "rank"
    comparator: str  # "eq" | "approx" | "gt" | "ge" | "lt" | "le" | "range"
    direction: str | None  # "up" | "down" | None: the change cue next to the number
    attributive: bool  # a hyphen compound naming a class: "ten-billion-yuan companies"
    scale_text: str | None  # the scale words as written: "billion", "hundred million", "10,000"
    scope: str | None = None  # ranks: "in Zhejiang", "among the top 20 ports of the country"
    scope_start: int | None = None
    scope_end: int | None = None


_DASH_GAP = re.compile(rf"{H}*[-–—~～]{H}*\Z")
_TO_GAP = re.compile(rf"{H}+(?i:to){H}+\Z")
_AND_GAP = re.compile(rf"{H}+(?i:and){H}+\Z")
_LIST_GAP = re.compile(rf"{H}*,?{H}*(?:(?i:and|or){H}+)?\Z")


def _is_range(a: Cand, b: Cand, text: str) -> bool:
    """RANGES: "6%-6.5%", "6 to 6.5 percent", "between 5% and 6%"; "from 5% to 6%" is a change."""
    if "rank" in (a.kind, b.kind) or "RATIO" in (a.unit, b.unit) or a.lo is not None:
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    gap = text[a.end : b.start]
    if _DASH_GAP.match(gap):
        return True
    if _TO_GAP.match(gap):
        left = left_of(a, text)
        return not (left and left[-1] == "from")
    if _AND_GAP.match(gap):
        left = left_of(a, text)
        return bool(left) and left[-1] == "between"
    return False


def _merge(a: Cand, b: Cand, lex: Lexicon) -> Cand:
    """One range from two bounds; a bound without unit or scale takes them from the other."""
    lo, hi = a.value, b.value
    if a.scale == 1 and (not a.unit or a.prefixed) and b.scale != 1:  # "5-6 billion yuan", "RMB 3-4 billion"
        lo = times(lo, b.scale)
    unit = a.unit or b.unit
    return replace(
        b, start=a.start, value=None, lo=min(lo, hi), hi=max(lo, hi), unit=unit,
        kind=lex.units[unit].kind if unit else "count", scale_text=b.scale_text or a.scale_text,
        yearlike=a.yearlike and b.yearlike, words=a.words and b.words, comparator="range", left=a.left,
    )


def _merge_ranges(cands: list[Cand], text: str, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    for c in cands:
        if out and _is_range(out[-1], c, text):
            out[-1] = _merge(out[-1], c, lex)
        else:
            out.append(c)
    return out


def _is_year(c: Cand, text: str, lex: Lexicon) -> bool:
    """YEARS: bare 1800-2199 is a year unless a money/measure unit follows (numbers.py docstring)."""
    if not c.yearlike:
        return False
    if not c.unit:
        return True
    unit = lex.units[c.unit]
    if unit.compound == "class":
        return True  # "2022 year-end"
    if unit.kind == "count" and not unit.split:
        left = left_of(c, text)
        return bool(left) and lex.has("year_prep", left[-1])
    return False


def _quantity(c: Cand, text: str, lex: Lexicon) -> Quantity:
    comparator, direction, attributive = c.comparator, None, False
    if c.kind != "rank":
        before = left_of(c, text)
        found, at = ctx.comparator_before(before)
        after = ctx.right_words(text, c.end)
        comparator = comparator or found or ctx.comparator_after(after) or "eq"
        direction = ctx.direction(before[:at], after, c.kind)
        if c.compound:
            rule = lex.units[c.unit].compound if c.unit else "round"
            value = c.value if c.value is not None else c.hi
            attributive = ctx.attributive(text, c.end, after, value, rule, c.attr_suffix)
    unit = lex.units.get(c.unit)
    s0, s1 = c.scope if c.scope else (None, None)
    return Quantity(
        c.start, c.end, text[c.start : c.end], c.value, c.lo, c.hi, c.unit, unit.iri if unit else None,
        c.kind, comparator, direction, attributive, c.scale_text,
        text[s0:s1] if c.scope else None, s0, s1,
    )


def _propagate_direction(qs: list[Quantity], text: str) -> list[Quantity]:
    """"increased by 45.3%, 41.6% and 28.3% respectively": the cue covers the whole list."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if (
            prev and prev.direction and q.direction is None and prev.kind == q.kind
            and q.start > prev.end and _LIST_GAP.match(text, prev.end, q.start)
        ):
            q = replace(q, direction=prev.direction)
        out.append(q)
    return out


def _drop_scoped(cands: list[Cand]) -> list[Cand]:
    """Numbers inside a rank scope ("among the top 20 ports") belong to the scope (a rank is never
    inside its own scope, which starts after it)."""
    scopes = sorted({c.scope for c in cands if c.scope})
    if not scopes:
        return cands
    out, i = [], 0
    for c in cands:
        while i < len(scopes) and scopes[i][1] <= c.start:
            i += 1
        inside = i < len(scopes) and scopes[i][0] <= c.start and c.end <= scopes[i][1]
        if not inside:
            out.append(c)
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression in ``text``, in text order, non-overlapping (see the module doc)."""
    lex = lexicon()
    cands = [c for m in candidates(text) for c in read(m, text, lex)]
    cands = [c for c in _merge_ranges(cands, text, lex) if not _is_year(c, text, lex)]
    return _propagate_direction([_quantity(c, text, lex) for c in _drop_scoped(cands)], text)


def parse_number(text: str) -> Decimal | None:
    """One number as written, or None: "29. 14" -> 29.14, "1,234.5", "two million", "one-tenth" -> 0.1."""
    m = grammar().number.fullmatch(text.strip())
    if not m:
        return None
    lex = lexicon()
    g = defaultdict(lambda: None, m.groupdict())  # groups only the scan has read as None
    factor, _ = scale(g, lex)
    value = times(number(g, lex), factor)
    return -value if m["neg"] else value
