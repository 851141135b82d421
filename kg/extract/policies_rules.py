"""Policy finders for names that carry no quotes and no capitalised head noun.

Each finder reads the language these reports use for a kind of name (kg/extract/policies.py
has the quoted and capitalised ones):

* ``package``: a numbered policy package, "26 policies for relieving enterprises'
  difficulties", "ten measures of provincial governance modernization", "10 major policies",
  "the three major battles"; a following "40 ones for stabilizing ..." in the same sentence
  is another package of the same kind;
* ``head-titled``: a head noun right before an unquoted Title Case name, as in texts whose
  quotes were lost ("launched the campaign Release of Caged Birds ...");
* ``brand``: a campaign brand made of a capitalised word and a place, "Beautiful Zhejiang",
  "Peaceful Jiaxing", "Made in Zhejiang" (provincial and municipal campaigns are named so);
* ``place-reform``: a reform named after the place that pilots it, "Wenzhou financial
  reform", "the green financial reform of Huzhou and Quzhou".

Numbers, brands and package heads are data (kg/data/policy_cues.tsv, kinds ``brand`` and
``package``); places come from the gazetteer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .policies_cues import phrase_regex, policy_cues

SP = r"[\s\u00a0]+"
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "fifteen", "twenty", "thirty", "forty", "fifty", "hundred")
NUMBER = r"(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
QUALIFIER = r"(?:major|key|new|specific|supporting|preferential|policy|special|tough|big)"
# a package's purpose: "for/to/of/on ..." up to the end of the clause (no comma, stop, "and <number>")
TAIL = (r"(?P<tail>" + SP + r"(?:for|to|of|on|supporting|that)" + SP +
        r"(?:(?!" + SP + r"(?:and" + SP + NUMBER + r"|with|by|through|so|which|while|in" + SP + r"order)\b)"
        r"[^.,;:!?()\n\u201c\u201d\"])+)?")
CONNECT = r"(?:of|and|for|in|on|the|with|to|a|about|from|by)"
TITLE_WORD = r"(?:[A-Z&][\w\-\u2019'&+]*|\d[\d,.]*[\w\-+]*)"
TITLE_HEADS = r"(?:campaign|project|program(?:me)?|initiative|plan|strategy|policy|action)"
GLUED_TAIL = re.compile(r"(?<=[a-z]{3})(?:and|of|the|in|to|for)$")
MAX_TAIL_WORDS = 14
# words that make a clause, not a name, between a place and "reform" ("has deepened the")
VERBAL = r"(?:the|a|an|has|have|was|were|is|are|will|to|its|our|of|in|on|we|which|that|promote|deepen|implement)"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    cues = policy_cues()
    heads = "|".join(phrase_regex(p) for p, _ in cues.packages)
    return {
        "package": re.compile(rf"(?<![\w.,\-])(?P<num>{NUMBER})(?:{SP}{QUALIFIER})*{SP}(?P<head>{heads})\b" + TAIL,
                              re.IGNORECASE),
        "ones": re.compile(rf"(?<![\w.,\-])(?P<num>{NUMBER}){SP}ones\b" + TAIL, re.IGNORECASE),
        "titled": re.compile(rf"\b(?:the{SP})?(?i:{TITLE_HEADS})(?:es|s)?{SP}"
                             rf"[\u201c\"\u2018]?(?P<name>{TITLE_WORD}(?:,?{SP}(?:{CONNECT}{SP})*{TITLE_WORD}){{1,10}})"),
        "brand": re.compile(r"(?:" + "|".join(phrase_regex(p) for p, _ in cues.brands) + rf"){SP}$"),
        "reform_after": re.compile(rf"((?:{SP}(?:(?!{VERBAL}\b)[a-z][\w\-]*|and)){{1,5}}?){SP}reform\b"),
        "reform_before": re.compile(rf"\b((?:(?!{VERBAL}\b)[a-z][\w\-]*{SP}){{1,4}})reform{SP}(?:of|in){SP}$"),
    }


def _tail_ok(tail: str | None) -> bool:
    return tail is None or len(tail.split()) <= MAX_TAIL_WORDS


def packages(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, finder) of numbered packages; "N ones for ..." only after a package in the
    same sentence."""
    pats = _patterns()
    out = []
    for m in pats["package"].finditer(text, lo, hi):
        head = m.group("head").lower()
        if not m.group("tail") and not re.search(QUALIFIER, text[m.end("num"):m.start("head")], re.IGNORECASE) \
                and head not in ("battles", "tough battles"):
            continue  # "implemented 26 policies" with no purpose and no "major": a count
        if _tail_ok(m.group("tail")):
            out.append((m.start(), m.end(), "package"))
    for m in pats["ones"].finditer(text, lo, hi):
        sentence_start = max(text.rfind(". ", lo, m.start()), lo)
        if m.group("tail") and any(sentence_start <= e <= m.start() for _, e, _ in out):
            out.append((m.start(), m.end(), "package"))
    return out


def head_titled(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """A head noun, then an unquoted name of two or more capitalised words."""
    out = []
    for m in _patterns()["titled"].finditer(text, lo, hi):
        start, end = m.span("name")
        end = cut_glued(text, start, end)
        words = [w for w in re.split(r"[\s\u00a0,]+", text[start:end]) if w and w[0].isupper()]
        if len(words) >= 2:
            out.append((start, end, "head-titled"))
    return out


def cut_glued(text: str, start: int, end: int) -> int:
    """The end of a Title Case name before a word glued to a connector ("Needyand", "Enterprisesand"):
    in PDF text the name ends there."""
    for w in re.finditer(r"[^\s\u00a0,]+", text[start:end]):
        glued = GLUED_TAIL.search(w.group())
        if glued and w.group()[:1].isupper():
            return start + w.start() + glued.start()
    return end


def brands(text: str, lo: int, hi: int, places: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """A brand word right before a place name: "Beautiful Zhejiang", "Made in Zhejiang"."""
    out = []
    pat = _patterns()["brand"]
    for start, end in places:
        if lo <= start and end <= hi and text[start:start + 1].isupper():
            m = pat.search(text, max(lo, start - 30), start)
            if m and (m.start() == lo or not text[m.start() - 1].isalnum()):
                out.append((m.start(), end, "brand"))
    return out


def place_reforms(text: str, lo: int, hi: int, places: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """<Place> <adjectives> reform; <adjectives> reform of <Place> (and <Place>)."""
    pats, out = _patterns(), []
    for i, (start, end) in enumerate(places):
        if not (lo <= start and end <= hi):
            continue
        after = pats["reform_after"].match(text, end, min(hi, end + 60))
        if after and not _verbal(after.group(1)):
            out.append((start, after.end(), "place-reform"))
            continue
        before = pats["reform_before"].search(text, max(lo, start - 60), start)
        if before and not _verbal(before.group(1)):
            stop = end
            if i + 1 < len(places) and re.fullmatch(rf"{SP}and{SP}", text[end:places[i + 1][0]]):
                stop = places[i + 1][1]
            out.append((before.start(1), stop, "place-reform"))
    return out


def _verbal(words: str) -> bool:
    """Words between a place and "reform" that make a clause, not a name ("has deepened the")."""
    return bool(re.search(rf"\b{VERBAL}\b", words, re.IGNORECASE))
