"""The candidate regex of the number grammar, built once from the lexicon data.

One compiled pattern (``scan``) describes every candidate; its alternatives are tried in
this order at a position, so earlier ones win:

  skipd  ISO dates and clock times ("2023-05-10 11:25")      -> never quantities
  rank   "ranking third", "ranked No. 1", "top 20", "first place", "second in Zhejiang"
  skip   "16 December 2020", "(1)", a list number at the start of a line, digit ordinals
         ("14th"), "17+1"/"8+4" names (a number after a month name or a label, "February 27",
         "Line 5", "No. 1", is dropped by numbers_read, which looks at the word before it)
  ratio  "1.56:1"
  qty    [prefix currency] number [scale words] [unit | -word] [-level]

Speed: trying ~30 alternatives at every character costs ~0.3 MB/s in Python's ``re``.
So one cheap compiled pass (``trigger``) finds the only places a candidate can start (a
digit, "(", a currency sign, or the start of a grammar word) and ``scan`` is anchored
there. The trigger begins with a negated character class, which ``re`` skips through in C;
it runs on ``text.lower()`` (same length, so same offsets) to avoid case-folding per char.
``candidates`` yields exactly what ``scan.finditer`` would (a test checks this).

Whitespace inside a pattern is ``H`` = any horizontal whitespace, NBSP included, so the
text is never cleaned and offsets stay exact; a line break is never crossed (one paragraph
per line in some inputs). Word lists are joined longest-first, so "percentage points" wins
over "percent" and "controlled within" over "within".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .numbers_lexicon import Lexicon, lexicon

H = r"[^\S\r\n]"  # horizontal whitespace, NBSP included (str patterns are Unicode)
SEP = rf"(?:{H}+|-)"
W = r"(?=[A-Za-z])"  # guard: word alternatives are rejected by one class test where a digit is
YEARLIKE = r"(?:1[89]|2[01])\d\d"  # 1800-2199 written as four bare digits
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
ORD_DIGIT = r"\d+(?:st|nd|rd|th)"
QUOTES_OPEN = "“\"‘'«「"
QUOTES_CLOSE = "”\"’'»」"
# "a million", "a quarter of": the article is matched by lookbehind, so that "a" need not be
# a trigger (it is the commonest word); numbers_read puts it back into the span.
ARTICLE_BEFORE = "|".join(
    rf"(?<=(?<![A-Za-z]){art}{H * n})" for art in ("[Aa]", "[Aa]n") for n in (1, 2)
)


def phrase(words, *, ci: bool = True, boundary: bool = True) -> str:
    """Regex for a set of phrases, compiled as a trie (fast to reject, longest match first).

    A space matches any run of H; with ``boundary`` a phrase ending in a letter or digit
    must not run on into another letter or digit.
    """
    body = trie({" ".join(w.split()) for w in words}, boundary)
    return f"(?i:{body})" if ci else f"(?:{body})"


def trie(words, boundary: bool = False) -> str:
    """A regex for a set of strings compiled as a trie: longer continuations are tried first."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, last: str) -> str:
        alts = [(f"{H}+" if ch == " " else re.escape(ch)) + build(kid, ch) for ch, kid in sorted(node.items()) if ch]
        if "" in node:
            alts.append(r"(?![A-Za-z0-9])" if boundary and last.isalnum() else "")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return build(root, "")


@dataclass(frozen=True)
class Grammar:
    scan: re.Pattern  # the candidate grammar, anchored where a trigger matches
    trigger: re.Pattern  # on lower-cased text: where a candidate can start
    trigger_ci: re.Pattern  # the same on the original text (when lower() changes the length)
    number: re.Pattern  # fullmatch: a number with optional scale (parse_number)
    scale_word: re.Pattern  # finds scale phrases inside a scale group
    scale_tail: re.Pattern  # the trailing scale words of a number written in words
    word_token: re.Pattern  # tokens of a number written in words
    labels: tuple[str, ...]  # "Line", "No.": a number right after one is a name, not a quantity
    months: tuple[str, ...]  # "February": a small number right after one is a day
    label_after: re.Pattern  # "2.0 version": a label right after a number
    ordinal: str  # regex source: an ordinal word or digit ordinal
    scope_stop: str  # regex source: words that end a rank scope


def _word_parts(lex: Lexicon) -> dict[str, str]:
    """Regex pieces for numbers written in words ("twenty-five", "one hundred and five thousand")."""
    card = lex.words["cardinal"]
    units = [w for w, v in card.items() if 1 <= int(v) <= 9]
    teens = [w for w, v in card.items() if 10 <= int(v) <= 19]
    tens = [w for w, v in card.items() if int(v) >= 20]
    zero = [w for w, v in card.items() if int(v) == 0]
    muls = list(lex.words["multiplier"]) + [w for w in lex.words["scale"] if w.isalpha()]
    one_to_99 = units + teens + tens + zero + [f"{t}-{u}" for t in tens for u in units]
    simple = rf"{W}{phrase(one_to_99)}"
    mul = phrase(muls)
    mulseq = rf"{mul}(?:{SEP}{mul})*"
    and_after = "|".join(f"(?<={re.escape(m)})" for m in sorted(set(muls)))
    link = rf"(?:{SEP}|(?:{and_after}){H}+(?i:and){H}+)"
    wnum = rf"(?:{simple}{SEP}{mulseq}{link}(?={simple}))*{simple}(?:{SEP}{mulseq})?"
    article = rf"(?:{ARTICLE_BEFORE})(?={mul}){mulseq}"
    return {"simple": simple, "mul": mul, "wnum": rf"{W}(?<![A-Za-z])(?:{article}|{wnum})"}


def _unit_parts(lex: Lexicon) -> dict[str, str]:
    prefixes = [a for u in lex.units.values() for a in u.prefixes]
    suffixes = [a for u in lex.units.values() for a in u.suffixes]
    split_ok = [a for u in lex.units.values() if u.split for a in u.suffixes]
    # currency words are distinctive enough to read when PDF extraction glues them to the next word
    glued = [a for u in lex.units.values() if u.kind == "amount" for a in u.suffixes if a.isalpha() and len(a) >= 4]
    not_possessive = r"(?!['’]s(?![A-Za-z]))"
    return {
        "prefix": rf"(?<![A-Za-z])(?:{phrase(prefixes, boundary=False)}){H}*(?=[\da-z])",
        "suffix": rf"(?:{phrase(suffixes)}{not_possessive}|{phrase(glued, boundary=False)}(?=[a-z]))",
        "split_follow": rf"(?:-|{phrase(split_ok)})",
    }


def _scale_parts(lex: Lexicon, suffix: str) -> dict[str, str]:
    """Scale words after a digit number; scales written in digits ("10,000") need a unit after them."""
    words = [w for w in lex.written["scale"] if not any(c.isdigit() for c in w)]
    digits = [w for w in lex.written["scale"] if any(c.isdigit() for c in w)]
    one = rf"(?:{phrase(words)}|(?<=\s){phrase(digits)}(?={H}*-?{suffix}))"
    return {"seq": rf"{one}(?:{SEP}{one})*", "words": phrase(words)}


def _number(lex: Lexicon, w: dict[str, str], split_follow: str, scale_words: str) -> str:
    """The number alternatives; named groups tell the reader which one matched."""
    fden = phrase(lex.words["fraction"])
    frac = (
        rf"(?<![A-Za-z])(?P<fwhole>\d+|{w['simple']}){H}+(?i:and){H}+(?i:an?){H}+(?P<fden2>{fden})"
        rf"|(?<![A-Za-z])(?P<fnum>\d+|{w['simple']})(?:-|{H}+)(?P<fden>{fden})"
        rf"|{W}(?:{ARTICLE_BEFORE})(?P<fart>{fden})"
        rf"|{W}(?<![A-Za-z])(?P<fhalf>(?i:half))(?![A-Za-z\-])"
    )
    split = rf"(?!{YEARLIKE}\.)(?P<split>\d+\.{H}{{1,2}}\d{{1,2}})(?!\d)(?={H}*{split_follow})"
    barescale = rf"{W}(?<![A-Za-z])(?P<barescale>{scale_words})(?=-)"
    return rf"(?:{frac}|{split}|(?P<digits>{DIGITS})|(?P<words>{w['wnum']})|{barescale})"


def _rank(lex: Lexicon, w: dict[str, str]) -> tuple[str, str]:
    ordinal = rf"(?:{W}{phrase(lex.words['ordinal'])}|{ORD_DIGIT}(?![A-Za-z]))"
    verb = phrase(lex.words["rank_verb"])
    top = phrase(lex.words["rank_top"])
    place = phrase(lex.words["rank_place"])
    prep = phrase(lex.words["scope_prep"])
    rank = (
        rf"{W}(?<![A-Za-z])(?P<rverb>{verb}){H}+(?:(?i:the){H}+)?(?:(?:No\.?|(?i:number)){H}*)?"
        rf"(?P<rval>{ordinal}|\d+(?!\d)(?![.,]\d))"
        rf"|{W}(?<![A-Za-z])(?P<rtop>{top}){H}+(?P<rtopn>{DIGITS}(?!\d)(?!\.\d)|{w['simple']})"
        rf"|(?<![A-Za-z])(?P<rord>{ordinal}){H}+(?P<rplace>{place})"
        rf"|(?<![A-Za-z\d])(?P<rord2>{ordinal})(?={H}+{prep}{H}+(?!\d))"
    )
    return rank, ordinal


def _skips(lex: Lexicon) -> tuple[str, str]:
    """Alternatives that consume what is never a quantity, so that no part of it is read as one."""
    month = phrase(lex.written["month"], ci=False)
    line_start = rf"(?:(?<![^\n])|(?<=\n{H})|(?<=\n{H}{H}))"
    datetime = (
        rf"(?P<skipd>{YEARLIKE}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:{H}+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
        rf"|(?<![\d.])(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?(?![\d.]))"
    )
    other = (
        rf"(?P<skip>\d{{1,2}}(?:st|nd|rd|th)?{H}+(?:of{H}+)?{month}(?![A-Za-z])(?:,?{H}+{YEARLIKE}(?!\d))?"
        rf"|{line_start}(?:\(\d{{1,2}}\)|\d{{1,2}}[.)、](?={H}*[A-Z“\"‘(]))"
        rf"|\(\d{{1,2}}\)"
        rf"|{ORD_DIGIT}(?![A-Za-z])"
        rf"|\d+(?:{H}*\+{H}*(?:\d+|[A-Z](?![A-Za-z])))+)"
    )
    return datetime, other


def _trigger(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """Where an alternative of ``scan`` can start: "(", a digit, a currency sign, a grammar word.

    The pattern starts with one negated class (the character before a word, or the digit or
    sign itself), so ``re`` skips letters in C. A match that ends in a word starts one
    character after the class; ``candidates`` moves there.
    """
    kinds = ("cardinal", "multiplier", "scale", "fraction", "ordinal", "rank_verb", "rank_top")
    firsts = {re.match(r"[A-Za-z]*", w)[0].lower() for k in kinds for w in lex.written[k]}
    firsts |= {a.lower() for u in lex.units.values() for a in u.prefixes if a[0].isalpha()}
    firsts.discard("")
    signs = {a[0] for u in lex.units.values() for a in u.prefixes if not a[0].isalpha()}
    signs = re.escape("".join(sorted(signs)))
    words = trie(sorted(firsts))
    lower = re.compile(rf"[^a-z](?:(?<=[\d{signs}])|(?<=\()(?=\d)|{words}(?![a-z]))")
    ci = re.compile(rf"[^A-Za-z](?:(?<=[\d{signs}])|(?<=\()(?=\d)|(?i:{words})(?![A-Za-z]))")
    return lower, ci


@cache
def grammar() -> Grammar:
    """Compile the grammar once from the lexicon."""
    lex = lexicon()
    w = _word_parts(lex)
    u = _unit_parts(lex)
    s = _scale_parts(lex, u["suffix"])
    number = _number(lex, w, rf"(?:{s['words']}|{u['split_follow']})", s["words"])
    rank, ordinal = _rank(lex, w)
    datetime, skips = _skips(lex)
    ratio = rf"(?!{YEARLIKE}:)(?P<ratio>(?P<rl>\d+(?:\.\d+)?):(?P<rr>\d+(?:\.\d+)?))(?![\d:])"
    qty = (
        rf"(?P<qty>(?:(?P<pre>{u['prefix']}))?(?<!\d)(?<!\d[.,]){number}"
        rf"(?:(?P<ssep>{H}*|-)(?P<scale>{s['seq']}))?"
        rf"(?:(?P<usep>{H}*|-)(?P<unit>{u['suffix']})"
        rf"(?:-(?P<attr>{phrase(lex.words['class_suffix'])}))?|(?P<hyword>-[A-Za-z]+))?)"
    )
    fraction = phrase(lex.words["fraction"])
    number_only = re.compile(
        rf"(?P<neg>[-−])?(?:(?P<split>\d+\.{H}{{1,2}}\d{{1,2}})|(?P<digits>{DIGITS})|(?P<words>{w['wnum']})"
        rf"|(?P<fnum>{w['simple']}|(?i:an?)|\d+)(?:-|{H}+)(?P<fden>{fraction})"
        rf"|(?P<fhalf>(?i:half)))(?:(?:{H}*|-)(?P<scale>{s['seq']}))?"
    )
    trigger, trigger_ci = _trigger(lex)
    return Grammar(
        scan=re.compile(rf"{datetime}|{rank}|{skips}|{ratio}|{qty}"),
        trigger=trigger,
        trigger_ci=trigger_ci,
        number=number_only,
        scale_word=re.compile(phrase(lex.written["scale"])),
        scale_tail=re.compile(rf"(?:{w['mul']}(?:{SEP}{w['mul']})*)$"),
        word_token=re.compile(r"[A-Za-z]+"),
        labels=tuple(lex.written["label"]),
        months=tuple(lex.written["month"]),
        label_after=re.compile(rf"{H}+{phrase(lex.words['label_after'])}"),
        ordinal=ordinal,
        scope_stop=phrase(lex.words["scope_stop"]),
    )


def candidates(text: str) -> Iterator[re.Match]:
    """The matches of ``scan`` in ``text``, leftmost first and non-overlapping, like ``finditer``."""
    g = grammar()
    low = text.lower()
    trigger = g.trigger if len(low) == len(text) else g.trigger_ci
    probe = low if trigger is g.trigger else text
    scan = g.scan.match
    pos, n = 0, len(text)
    while pos < n:
        # a word right at ``pos`` has its preceding character before ``pos``: try it directly
        if probe[pos].isalpha() and (pos == 0 or not probe[pos - 1].isalpha()):
            m = scan(text, pos)
            if m and m.end() > m.start():
                yield m
                pos = m.end()
                continue
        t = trigger.search(probe, pos)
        if t is None:
            return
        start = t.start() if t.end() == t.start() + 1 else t.start() + 1
        m = scan(text, start)
        if m and m.end() > m.start():
            yield m
            pos = m.end()
        else:
            pos = start + 1
