"""From a grammar match to a candidate quantity: values, units, and the NOT QUANTITIES filters.

See the module docstring of numbers.py for the rules; each filter below names the rule it
implements. A candidate is mutable while the rules of numbers.py (ranges, years) apply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Context, Decimal

from . import numbers_context as ctx
from .numbers_grammar import H, QUOTES_CLOSE, QUOTES_OPEN, YEARLIKE, grammar
from .numbers_lexicon import Lexicon, norm

_ARTICLE = re.compile(rf"(?<![A-Za-z])[Aa]n?{H}{{1,2}}\Z")
_YEARLIKE = re.compile(YEARLIKE)
_LETTERS_AFTER = re.compile(r"[A-Za-z]*")
_SPACES = " \t\u00a0"
_EXACT = Context(prec=120)  # scale words never round: 28 digits would round "1e28 yuan"
_OF_AFTER = re.compile(rf"{H}+of(?![A-Za-z])")
Groups = re.Match | Mapping[str, "str | None"]  # a match, or its groups (parse_number)


@dataclass(slots=True)
class Cand:
    """A candidate between the regex match and the Quantity."""

    start: int
    end: int
    value: Decimal | None
    unit: str = ""
    kind: str = "count"
    scale: Decimal = Decimal(1)
    scale_text: str | None = None
    lo: Decimal | None = None
    hi: Decimal | None = None
    words: bool = False  # the number is written in words
    yearlike: bool = False  # four bare digits 1800-2199
    prefixed: bool = False  # the unit is written before the number ("RMB 5 billion")
    compound: bool = False  # a hyphen joins number, scale or unit ("22.96-billion-yuan")
    attr_suffix: bool = False  # "-level", "-class"
    comparator: str | None = None  # fixed by the grammar (ranks, ranges)
    scope: tuple[int, int] | None = None
    left: list[str] | None = None  # words before the number (computed once, see left_of)


def left_of(c: Cand, text: str) -> list[str]:
    """The words before a candidate, read once (several rules look at them)."""
    if c.left is None:
        c.left = ctx.left_words(text, c.start)
    return c.left


def canon(d: Decimal) -> Decimal:
    """Exact value without trailing zeros or exponent: 673950000000, 5.6, 0.1."""
    return Decimal(int(d)) if d == d.to_integral_value(context=_EXACT) else d.normalize(context=_EXACT)


def times(a: Decimal, b: Decimal) -> Decimal:
    """a * b, exact, canonical (the common case, an integer times one, returns ``a`` as it is)."""
    if b == 1 and a.as_tuple().exponent == 0:
        return a
    return canon(_EXACT.multiply(a, b))


def words_value(words: str, lex: Lexicon) -> Decimal:
    """Value of a number written in words: "one hundred and five thousand" -> 105000."""
    total, current = Decimal(0), Decimal(0)
    cardinal, multiplier, scales = lex.numbers["cardinal"], lex.numbers["multiplier"], lex.numbers["scale"]
    for tok in grammar().word_token.findall(words.lower()):
        if tok in cardinal:
            current += cardinal[tok]
        elif tok in multiplier:
            current = (current or 1) * multiplier[tok]
        elif tok in scales:
            total += (current or 1) * scales[tok]
            current = Decimal(0)
        elif tok in ("a", "an"):
            current = Decimal(1)
    return total + current


def _simple_value(s: str, lex: Lexicon) -> Decimal:
    s = s.replace(",", "")
    if s[0].isdigit():
        return Decimal(s)
    return Decimal(1) if s.lower() in ("a", "an") else words_value(s, lex)


def number(g: Groups, lex: Lexicon) -> Decimal:
    """The number of a match (or a mapping of its groups), before the scale is applied."""
    if g["fden"]:
        return _simple_value(g["fnum"], lex) / lex.value("fraction", g["fden"])
    if g["fart"]:
        return 1 / lex.value("fraction", g["fart"])
    if g["fden2"]:
        return _simple_value(g["fwhole"], lex) + 1 / lex.value("fraction", g["fden2"])
    if g["fhalf"]:
        return Decimal("0.5")
    if g["split"]:
        return Decimal(re.sub(r"\s+", "", g["split"]))
    if g["digits"]:
        return Decimal(g["digits"].replace(",", ""))
    if g["barescale"]:
        return Decimal(1)
    return words_value(g["words"], lex)


def scale(g: Groups, lex: Lexicon) -> tuple[Decimal, str | None]:
    """Factor and text of the scale words: a scale group, a bare scale, or the tail of a word number."""
    text = g["scale"] or g["barescale"]
    if not text and g["words"]:
        tail = grammar().scale_tail.search(g["words"])
        if tail and any(lex.has("scale", t) for t in grammar().word_token.findall(tail[0])):
            return Decimal(1), tail[0]  # already in the value of the words
        return Decimal(1), None
    if not text:
        return Decimal(1), None
    factor = lex.numbers["scale"].get(norm(text))  # one scale word or phrase: "billion", "hundred million"
    if factor is None:
        factor = Decimal(1)
        for part in grammar().scale_word.finditer(text):
            factor = _EXACT.multiply(factor, lex.value("scale", part[0]))
    return factor, text


def read(m: re.Match, text: str, lex: Lexicon) -> list[Cand]:
    """Candidates of one grammar match (none for skips, several for chained ranks)."""
    if m["skipd"] is not None or m["skip"] is not None:
        return []
    if m["ratio"]:
        right = Decimal(m["rr"])
        return [Cand(m.start(), m.end(), canon(Decimal(m["rl"]) / right), "RATIO", "ratio")] if right else []
    if m["rverb"] or m["rtop"] or m["rord"] or m["rord2"]:
        return _read_rank(m, text, lex)
    c = _read_qty(m, text, lex)
    return [c] if c else []


def _read_qty(match: re.Match, text: str, lex: Lexicon) -> Cand | None:
    m = match.groupdict()
    pre, unit, words, digits = m["pre"], m["unit"], m["words"], m["digits"]
    factor, scale_text = scale(m, lex)
    code = lex.prefix_alias[norm(pre)] if pre else ""
    if unit and not code:
        code = lex.suffix_alias[norm(unit)]
    value = times(number(m, lex), factor)
    c = Cand(match.start("qty"), match.end("qty"), value, code, scale=factor, scale_text=scale_text)
    c.prefixed = bool(pre)
    c.kind = lex.units[code].kind if code else "count"
    fnum, fart, fhalf, barescale = m["fnum"], m["fart"], m["fhalf"], m["barescale"]
    c.words = bool(words or fnum and not fnum[0].isdigit() or fart or fhalf or barescale)
    c.yearlike = bool(digits and len(digits) == 4 and _YEARLIKE.fullmatch(digits) and not pre and not m["scale"])
    c.compound = "-" in (m["ssep"], m["usep"]) or bool(m["hyword"] or barescale)
    c.attr_suffix = bool(m["attr"])
    if (m["fden"] or fart or m["fden2"] or fhalf) and not code:
        c.unit, c.kind = "FRACTION", "ratio"
    first = words.split()[0] if words else ""
    if fart or first and (lex.has("multiplier", first) or lex.has("scale", first)):  # "a million"
        article = _ARTICLE.search(text, max(0, c.start - 4), c.start)
        c.start = article.start() if article else c.start
    if (digits or m["split"]) and c.start and text[c.start - 1] in "-−":
        _negative(c, text)
    return c if _keep_qty(c, m, text, lex) else None


def _negative(c: Cand, text: str) -> None:
    """A minus sign glued to the number after a space or bracket: "growth of -2.1%"."""
    s = c.start
    if s == 1 or text[s - 2] in " \t\u00a0(":
        c.start, c.value = s - 1, -c.value


def _glued_ok(run: str) -> bool:
    """Digits glued to a lower-case word are PDF gluing ("valued423"); to codes they are codes ("G60")."""
    return run.islower() and len(run) >= 3


def _word_before(text: str, start: int) -> tuple[str, bool]:
    """The letters right before ``start`` (skipping spaces) and whether they are glued to it."""
    i = start
    while i > 0 and text[i - 1] in _SPACES:
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "_"):
        j -= 1
    return text[j:i], i == start


def _keep_qty(c: Cand, m: dict, text: str, lex: Lexicon) -> bool:
    """NOT QUANTITIES filters that need the text around the match (numbers.py docstring)."""
    word, glued = _word_before(text, c.start)
    if glued and word and not m["pre"] and not _glued_ok(word):
        return False  # G60, PM2.5, Summit2024
    stripped = text[max(0, c.start - 4) : c.start].rstrip(_SPACES)
    if stripped[-1:] == "-" and stripped[-2:-1].isalpha():
        hyphen = c.start - 1
        while text[hyphen] != "-":
            hyphen -= 1
        if norm(_word_before(text, hyphen)[0]) not in lex.suffix_alias:  # "6 percent-6.5 percent" is a range
            return False  # COVID-19, Covid- 19
    if not m["pre"] and _named(c, m, text, word, glued):
        return False  # Line 5, No. 1, DigitalizationLevel 3.0, February 27
    if c.end < len(text) and text[c.end].isalpha() and not (m["unit"] or m["scale"] or m["hyword"]):
        if not _glued_ok(_LETTERS_AFTER.match(text, c.end, c.end + 20)[0]):
            return False  # 5G, 3A, 135N
    if c.start and text[c.start - 1] in QUOTES_OPEN and text[c.end : c.end + 1] in tuple(QUOTES_CLOSE):
        return False  # “551”
    if c.words and not _words_ok(c, m, text, lex):
        return False
    if m["barescale"] and not m["unit"]:
        return False
    return bool(c.unit) or not grammar().label_after.match(text, c.end)  # "2.0 version"


def _named(c: Cand, m: dict, text: str, word: str, glued: bool) -> bool:
    """Is the number the name of a thing ("Line 5", "No. 1") or a day ("February 27")?"""
    g = grammar()
    before = text[max(0, c.start - 14) : c.start].rstrip(_SPACES)
    if before.endswith(g.labels):
        label = next(lab for lab in g.labels if before.endswith(lab))
        ahead = before[-len(label) - 1 : -len(label)]
        if label[0].isupper() or not ahead.isalpha():  # "DigitalizationLevel 3.0" but not "conversion 5"
            return True
    if word in g.months and not glued and not m["unit"] and m["digits"] and len(m["digits"]) <= 2:
        return int(m["digits"]) <= 31
    return False


def _sentence_start(text: str, start: int) -> bool:
    """Nothing but spaces, brackets or quotes since the last sentence end (or the text start)?"""
    i = start - 1
    while i >= 0 and (text[i] in " \t\u00a0([" or text[i] in QUOTES_OPEN):
        i -= 1
    return i < 0 or text[i] in ".!?;:\n\r"


def _words_ok(c: Cand, m: dict, text: str, lex: Lexicon) -> bool:
    """Number words: names in Title Case, bare "one", "one-stop", periods and "a tenth" are out."""
    if text[c.start].isupper() and not _sentence_start(text, c.start):
        return False  # Three Zones and One Platform, Five-Year Plan
    if m["hyword"]:
        return False  # one-stop, eight-point
    if c.value == 1 and not c.unit and c.scale == 1:
        return False  # one of, one process
    left = left_of(c, text)
    if (m["fden"] or m["fart"] or m["fhalf"]) and left and lex.has("period_cue", left[-1]):
        return False  # first three quarters, second half
    if m["fart"]:
        return bool(_OF_AFTER.match(text, c.end))  # "a quarter of", not "a tenth consecutive year"
    return True


def _read_rank(m: re.Match, text: str, lex: Lexicon) -> list[Cand]:
    """One candidate per ordinal of the rank ("ranked first and third" gives two), with the scope."""
    if m["rtop"]:
        val = m["rtopn"]
        value = Decimal(val.replace(",", "")) if val[0].isdigit() else words_value(val, lex)
        cands = [Cand(m.start(), m.end(), value, kind="rank", comparator="le")]
    else:
        first = m["rval"] or m["rord"] or m["rord2"]
        cands = [Cand(m.start(), m.end(), _ordinal(first, lex), kind="rank", comparator="eq")]
        for s, e in ctx.rank_chain(text, m.end()):
            cands.append(Cand(s, e, _ordinal(text[s:e], lex), kind="rank", comparator="eq"))
    scope = ctx.rank_scope(text, cands[-1].end)
    for c in cands:
        c.scope = scope
    return cands


def _ordinal(s: str, lex: Lexicon) -> Decimal:
    """ "3rd" -> 3, "third" -> 3."""
    digits = re.match(r"\d+", s)
    return Decimal(digits[0]) if digits else lex.value("ordinal", s)
