"""Indicators as data: the SKOS scheme ontology/indicators.ttl, its loader and its matcher.

The scheme lists the indicators reports state figures for (GDP, CPI, new urban jobs, ...) with
the names translations use for them. Nothing here knows any indicator: adding one is a data
change in the Turtle file. ``IndicatorScheme.load`` validates the file (one English prefLabel
and one snake_case notation per concept, known predicates and references, no label of one
concept that matches the words of another's).

Matching (``match``)
--------------------
One compiled regex holds every label. A label matches case-insensitively, with: runs of
spaces, NBSP, hyphens, underscores or nothing between its words ("fixed-asset" = "fixed asset"
= "fixedasset", "PM_2.5" = "PM2.5"); an optional article before any word ("above the
designated size"); singular or plural words ("industry"/"industries", "asset"/"assets");
straight, curly or missing apostrophes ("residents' income" = "residents’ income" =
"residentsincome"); and words glued on by PDF extraction on either side ("theadded valueof").
Possessives in front of a label need nothing ("the city's GDP" is a mention of GDP).
Coordinated labels are read as two mentions: when two concepts' labels differ in one word,
"<prefix> W1 and W2 <suffix>" yields "<prefix> W1" and "W2 <suffix>" ("per capita disposable
incomes of urban and rural residents", "balances of deposits and loans").
Every start position is tried; overlapping candidates keep the longest ("GDP per capita" is
not GDP), and the result is in text order.

Which mention a number measures (``best_for``)
-----------------------------------------------
A *clause* ends at sentence ends, ";", ":", line breaks that end a paragraph, ", and"/", while"/
", but", "and the", and a comma before a word that starts a new predicate: after a comma,
participles ("accounting for", "ranking"), appositions ("an increase of"), "with", "which",
"of which", "respectively" and figures continue the clause; anything else ("we arranged",
"reduce ...", "the tax revenue ...") starts a new one. A *sentence* ignores these comma rules.
For a number at ``position`` (``end``: where it ends, when the caller knows):

0. a number inside a mention ("PM2.5", "per 10,000 people") measures nothing: None;
1. respectively: a number in a list that "respectively"/"a respective ..." distributes over
   gets the i-th mention before the list (see ``respectively``), or None when the counts differ;
2. ratio: "<A> ... N% of <B>" or "proportion of <A> in <B> ... N%" where the scheme has a
   ratio concept A/B (kg:numerator, kg:denominator) gives that concept, spanning A to B;
3. count noun: a mention right after the number, with only scale or unit words or
   "more"/"new" between ("146,000 new urban jobs", "29. 14-billion-yuan special bonds");
   a bare number before any other noun counts that noun ("1,040 evil gangs"): None;
4. the nearest mention before the number in its clause, skipping mentions that are a
   complement ("of/in/to/for/among/than [the] X") when another mention precedes;
5. else the first mention after the number in its clause, unless another number lies between
   or the mention is the number's denominator ("79.6% of the general public budget ...").
None means the indicator is not in the scheme: the caller labels it with a local concept.
"""

from __future__ import annotations

import bisect
import functools
import importlib.resources
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from .errors import DataError
from .rdf.namespaces import KG, RDF, SKOS, VOCAB_BASE

SCHEME = VOCAB_BASE + "def/indicator"
# the notations of the measure-type code list (observations.ttl), which kg:measureTypes draws from
MEASURE_TYPES = ("level", "count", "growth_rate", "pp_change", "share", "rate", "ratio", "rank")
POLARITIES = ("up", "down")
_P = {name: str(term) for name, term in {
    "type": RDF.type, "inScheme": SKOS.inScheme, "topConceptOf": SKOS.topConceptOf, "notation": SKOS.notation,
    "prefLabel": SKOS.prefLabel, "altLabel": SKOS.altLabel, "hiddenLabel": SKOS.hiddenLabel,
    "definition": SKOS.definition, "scopeNote": SKOS.scopeNote, "broader": SKOS.broader, "related": SKOS.related,
    "defaultUnit": KG.defaultUnit, "measureTypes": KG.measureTypes, "numerator": KG.numerator,
    "denominator": KG.denominator, "polarity": KG.polarity}.items()}
_ALLOWED = frozenset(_P.values())
_INDICATOR = str(KG.Indicator)
_NOTATION_FORM = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Indicator:
    iri: str
    notation: str  # stable snake_case id (the CSV and the tests use it)
    pref_label: str
    alt_labels: tuple[str, ...]
    default_unit: str | None  # QUDT unit IRI
    broader: str | None  # notation of the broader concept
    measure_types: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # notations
    definition: str = ""
    hidden_labels: tuple[str, ...] = ()  # misspellings: matched, never shown
    numerator: str | None = None  # ratio indicators: notation of what is divided ...
    denominator: str | None = None  # ... and of what it is divided by
    polarity: str = "up"  # "down": lower is better (CPI, unemployment): a target is met at or below it

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)


Mention = tuple[int, int, Indicator]  # start, end (offsets into the text given), indicator

# ------------------------------------------------------------------ label patterns

# The matcher reads a folded copy of the text: ASCII lower case, one apostrophe, one hyphen, one
# space. Every mapping is one character to one, so offsets are those of the text as given.
_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(65, 91)},
                       **dict.fromkeys("\u00a0\u202f\u3000" + "".join(map(chr, range(0x2000, 0x200B))), " "),
                       **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"),
                       **dict.fromkeys("\u2018\u2019\u02bc\u2032", "'")})
_SEP = r"[-\s_]"  # between the words of a label: spaces, hyphens, "_", or nothing at all
_GAP = _SEP + "*"
_ARTICLE = f"(?:(?:the|a|an){_SEP}+)?"
_APOSTROPHE = "(?:'s?)?"
_LABEL_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|['\u2019\u02bc]|[^\sA-Za-z\d'\u2019\u02bc\-\u2010\u2011\u2013_]")
_FUNCTION_WORDS = frozenset("a an and as at by for from in of on or per than the to with".split())
_BEFORE_ARTICLE = frozenset("above among as at between by for from in into of on than to with".split())
# words PDF extraction glues onto a label ("theadded value", "valueof", "incomesgrow")
_GLUED_BEFORE = ("the", "our", "and", "of", "in", "to", "its", "yuan")
_GLUED_AFTER = ("and", "of", "in", "to", "the", "was", "were", "is", "are", "grew", "grow", "rose", "reached",
                "increased", "that", "for", "by", "with")
_START = (f"(?:(?<![a-z0-9])|(?<=[{''.join(sorted({w[-1] for w in _GLUED_BEFORE}))}])(?:"  # cheap test first
          + "|".join(rf"(?<=\b{w})" for w in _GLUED_BEFORE) + "))")
_END = rf"(?:(?![a-z0-9])|(?=(?:{'|'.join(_GLUED_AFTER)})(?![a-z])))"


class _Tok(NamedTuple):
    kind: str  # word | apos | num | punct
    key: str  # comparison form: "industries" and "industry" -> "industry"
    pattern: str


def _word(word: str) -> _Tok:
    """A word with its singular/plural variants; short and function words stay literal."""
    low = word.lower()
    if len(low) < 3 or low in _FUNCTION_WORDS:
        return _Tok("word", low, re.escape(low))
    if low.endswith("ies") and len(low) > 4:
        return _Tok("word", low[:-3] + "y", low[:-3] + "(?:y|ies)")
    if low.endswith("y") and low[-2] not in "aeiou":
        return _Tok("word", low, low[:-1] + "(?:y|ies)")
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        low = low[:-1]
    return _Tok("word", low, re.escape(low) + "(?:e?s)?")


def _tokens(label: str) -> list[_Tok]:
    out = []
    for t in _LABEL_TOKEN.findall(label):
        if t.lower() in ("the", "a", "an"):
            continue  # articles are optional everywhere
        if t.isalpha():
            out.append(_word(t))
        elif t in "'\u2019\u02bc":
            out.append(_Tok("apos", "'", _APOSTROPHE))
        elif t[0].isdigit():
            out.append(_Tok("num", t, re.escape(t)))
        else:
            out.append(_Tok("punct", t, ",?" if t == "," else re.escape(t)))
    return out


def _join(toks: list[_Tok]) -> str:
    parts = []
    for i, t in enumerate(toks):
        if i and t.kind != "apos":
            parts.append(_GAP + (_ARTICLE if toks[i - 1].key in _BEFORE_ARTICLE else ""))
        parts.append(t.pattern)
    return "".join(parts)


def label_key(label: str) -> str:
    """What a label matches, as a string: two labels with one key match the same text."""
    return "".join(t.key for t in _tokens(label) if t.kind != "apos" and t.key != ",")


class _Coordination(NamedTuple):
    regex: re.Pattern  # with groups w1, w2 for the two coordinated words
    words: tuple[tuple[re.Pattern, Indicator], ...]


class _Matcher:
    """Finds label spans with one scan regex tried at every start position (no capture groups
    but one: named groups in a large alternation make the regex engine slow), then tells which
    label matched with a small regex per first character, compiled on first use."""

    def __init__(self, indicators: list[Indicator]):
        alternatives: list[tuple[int, int, str, str, Indicator | _Coordination]] = []
        labelled = [(ind, _tokens(lab)) for ind in indicators for lab in ind.labels]
        patterns = set()
        for ind, toks in labelled:
            key, pattern = "".join(t.key for t in toks), _join(toks)
            if pattern not in patterns:
                patterns.add(pattern)
                alternatives.append((-len(key), 0, key[0], pattern, ind))
        for prefix, suffix, words in self._coordinations(labelled):
            variable = "(?:" + "|".join(p for _, p, _ in sorted(words, key=lambda w: -len(w[1]))) + ")"
            both = f"(?P<w1>{variable}){_GAP}(?:and|or|&){_GAP}(?P<w2>{variable})"
            pattern = _join(prefix + [_Tok("word", "*", both)] + suffix)
            co = _Coordination(re.compile(pattern), tuple((re.compile(p), i) for _, p, i in words))
            length = sum(len(t.key) for t in prefix + suffix) + 3 + 2 * min(len(k) for k, _, _ in words)
            plain = pattern.replace("(?P<w1>", "(?:").replace("(?P<w2>", "(?:")
            for ch in sorted({prefix[0].key[0]} if prefix else {k[0] for k, _, _ in words}):
                alternatives.append((-length, 1, ch, plain, co))
        self.groups: dict[str, list[tuple[str, Indicator | _Coordination]]] = defaultdict(list)
        for _, _, ch, pattern, payload in sorted(alternatives, key=lambda a: a[:4]):
            self.groups[ch].append((pattern, payload))
        branches = [f"(?={re.escape(ch)})(?:{'|'.join(p for p, _ in alts)})"
                    for ch, alts in sorted(self.groups.items())]
        self.scan = re.compile(f"{_START}(?=((?:{'|'.join(branches)})){_END})")
        self._which: dict[str, re.Pattern] = {}

    @staticmethod
    def _coordinations(labelled):
        """Labels of different concepts that differ in one content word: (prefix, suffix, words)."""
        slots: dict[tuple, dict[str, tuple[str, Indicator, list[_Tok]]]] = defaultdict(dict)
        for ind, toks in labelled:
            for i, t in enumerate(toks):
                if t.kind == "word" and t.key not in _FUNCTION_WORDS and len(t.key) > 2:
                    mask = (i, tuple(x.key for x in toks[:i]), tuple(x.key for x in toks[i + 1:]))
                    slots[mask].setdefault(t.key, (t.pattern, ind, toks))
        for (i, _, _), words in sorted(slots.items()):
            if len({ind.notation for _, ind, _ in words.values()}) > 1:
                toks = next(iter(words.values()))[2]
                yield toks[:i], toks[i + 1:], [(k, p, ind) for k, (p, ind, _) in sorted(words.items())]

    def _identify(self, text: str, start: int, end: int) -> Indicator | _Coordination | None:
        ch = text[start]
        if ch not in self._which:
            alts = self.groups.get(ch, [])
            plain = (p.replace("(?P<w1>", "(?:").replace("(?P<w2>", "(?:") for p, _ in alts)
            self._which[ch] = re.compile("|".join(f"(?P<a{n}>{p})" for n, p in enumerate(plain)))
        m = self._which[ch].fullmatch(text, start, end)
        return self.groups[ch][int(m.lastgroup[1:])][1] if m else None

    def find(self, text: str) -> list[Mention]:
        text = text.translate(_FOLD)
        candidates = [m.span(1) for m in self.scan.finditer(text)]
        out: list[Mention] = []
        for start, end in _longest_first(candidates):
            payload = self._identify(text, start, end)
            if isinstance(payload, Indicator):
                out.append((start, end, payload))
            elif payload is not None:
                out.extend(self._split(text, start, end, payload))
        return out

    def _split(self, text: str, start: int, end: int, co: _Coordination) -> list[Mention]:
        """The two mentions of a coordination. Two words of one concept are no ellipsis
        ("tourists and tourism revenue"): then each half counts only if it is a label itself."""
        m = co.regex.match(text, start, end)
        if m is None:
            return []
        first, second = (next((ind for p, ind in co.words if p.fullmatch(m[g])), None) for g in ("w1", "w2"))
        if first is None or second is None:
            return []
        halves = [(start, m.end("w1"), first), (m.start("w2"), end, second)]
        if first is not second:
            return halves
        return [h for h in halves if isinstance(self._identify(text, h[0], h[1]), Indicator)]


def _longest_first(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest of overlapping candidates (earlier on ties), in text order."""
    starts: list[int] = []
    kept: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        i = bisect.bisect(starts, cand[0])
        if (i and kept[i - 1][1] > cand[0]) or (i < len(kept) and kept[i][0] < cand[1]):
            continue
        starts.insert(i, cand[0])
        kept.insert(i, cand)
    return kept


# ------------------------------------------------------------------ clauses and numbers

# sentence ends: a full stop before a space (after a digit only when no digit follows: "29. 14"
# is a split decimal), or glued to the next sentence ("respectively.335", "progress.We")
_STOP = re.compile(r"[;；!?。！？]|:(?!\d)|\.(?<![0-9]\.)(?<!\bNo\.)(?=[\s\u00a0\"”’)]*(?:\s|$))"  # literal first: fast
                   r"|\.(?<=[0-9]\.)(?=[\s\u00a0]+(?![\s\u00a0]*\d))|\.(?<=[A-Za-z%\"”)]\.)(?=[A-Z0-9])")
# after a comma, these words (and participles, and figures) continue the subject's predicate:
# "reached X, an increase of Y%, accounting for Z% of ..."; any other word starts a new clause
_CONTINUE = "a|an|with|which|of|up|down|both|all|each|respectively|year|compared|as|or|more|over|than|from|to|about"
_SOFT_STOP = re.compile(rf",[\s\u00a0]*(?:(?:and|while|but)\b|(?=[A-Za-z])(?!(?:{_CONTINUE})\b|[A-Za-z]+ing\b))"
                        r"|(?<![A-Za-z])and[\s\u00a0]+(?=the\b)", re.I)
_NEWLINES = re.compile(r"[ \t\u00a0]*\n\s*")
_NUMBER = re.compile(r"(?<![A-Z0-9_.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.[ \u00a0]?\d+)?(?![A-Za-z0-9])")
_MORE = r"(?:more|new|newly|additional|extra)\b"
# after a bare number, these words do not make it a count of a thing ("26 policies" does)
_NEXT_WORD = re.compile(rf"(?:[\s\u00a0\-]|{_MORE})*([A-Za-z]+)", re.I)
_NOT_A_THING = frozenset("and or to in of over from by for than on at as with compared respectively year years "
                         "which while per".split())
_DENOMINATOR_GAP = re.compile(r"[\s\u00a0]*(?:%|percent|per[\s\u00a0]*cent)[\s\u00a0]*(?:of|in|to)[\s\u00a0]+"
                              r"(?:that[\s\u00a0]+of[\s\u00a0]+)?(?:the[\s\u00a0]+)?(?:total[\s\u00a0]+)?", re.I)
_COMPLEMENT = re.compile(r"\b(?:of|in|to|for|among|than)[\s\u00a0]+(?:the[\s\u00a0]+)?(?:total[\s\u00a0]+)?$", re.I)
_RESPECTIVE = re.compile(r"\brespective(?:ly)?\b", re.I)
_WINDOW = 1500  # characters looked at on each side for a clause or sentence end


def _stops(text: str, lo: int, hi: int, soft: bool) -> list[tuple[int, int]]:
    spans = [m.span() for m in _STOP.finditer(text, lo, hi)]
    if soft:
        spans += [m.span() for m in _SOFT_STOP.finditer(text, lo, hi)]
    for m in _NEWLINES.finditer(text, lo, hi):
        before = text[max(0, m.start() - 80):m.start()].rstrip()[-1:]
        wrapped = (before.isalpha() or before == ",") and text[m.end():m.end() + 1].islower()
        if not wrapped:
            spans.append(m.span())
    return spans


def clause_span(text: str, position: int, soft: bool = True) -> tuple[int, int]:
    """The clause (``soft``) or sentence around ``position``: see the module docstring."""
    lo, hi = max(0, position - _WINDOW), min(len(text), position + _WINDOW)
    stops = _stops(text, lo, hi, soft)
    start = max((e for s, e in stops if e <= position), default=lo)
    end = min((s for s, e in stops if s >= position), default=hi)
    return start, max(end, start)


def _number_at(text: str, position: int) -> tuple[int, int]:
    """The number the caller points at (its digits may follow a prefix such as "RMB ")."""
    m = _NUMBER.search(text, position, min(len(text), position + 16))
    return m.span() if m else (position, position)


@functools.cache
def _units() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Unit and scale words of the number grammar (kg/data/units.tsv, number_words.tsv), as a
    pattern, and the gaps built from it: within a list of numbers, between a number and its noun."""
    from .extract.numbers_lexicon import lexicon  # late: extractors import this module

    lex = lexicon()
    words = sorted({*lex.suffix_alias, *lex.prefix_alias, *lex.words["scale"]}, key=lambda w: (-len(w), w))
    unit = "(?:" + "|".join(r"[\s\u00a0]+".join(map(re.escape, w.split())) + ("(?![A-Za-z])" if w[-1].isalpha() else "")
                            for w in words) + ")"
    run_gap = re.compile(rf"(?:[\s\u00a0,\-]|(?:and|or)\b|{unit})*", re.I)
    count_gap = re.compile(rf"(?:[\s\u00a0\-]|{_MORE}|{unit})*", re.I)
    return re.compile(unit, re.I), run_gap, count_gap


def _counts_a_thing(text: str, num_end: int) -> bool:
    """A bare number followed by a noun that is no unit counts that noun: "1,040 evil gangs"."""
    m = _NEXT_WORD.match(text, num_end)
    if m is None or m[1].lower() in _NOT_A_THING:
        return False
    return _units()[0].match(text, m.start(1)) is None


def _runs(text: str, numbers: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Lists of numbers joined by commas/"and" and unit words: "103 billion yuan and 59.6 billion yuan"."""
    runs: list[list[tuple[int, int]]] = []
    for num in numbers:
        gap = text[runs[-1][-1][1]:num[0]] if runs else ""
        if runs and _units()[1].fullmatch(gap) and re.search(r",|\b(?:and|or)\b", gap, re.I):
            runs[-1].append(num)
        else:
            runs.append([num])
    return [r for r in runs if len(r) > 1]


# ------------------------------------------------------------------ the scheme


class IndicatorScheme:
    """Read-only view of indicators.ttl: lookup by notation, label matcher, number attribution."""

    def __init__(self, indicators: list[Indicator], where: str):
        self.where = where
        self._by_notation = {i.notation: i for i in indicators}
        self._by_iri = {i.iri: i for i in indicators}
        self._ratios = {(i.numerator, i.denominator): i for i in indicators if i.numerator and i.denominator}
        self._matcher = _Matcher(sorted(indicators, key=lambda i: i.notation))

    @classmethod
    def load(cls, path: Path | str | None = None) -> IndicatorScheme:
        """Parse and validate indicators.ttl (default: the copy shipped as ``kg.ontology``)."""
        resource = Path(path) if path else importlib.resources.files("kg.ontology") / "indicators.ttl"
        where = str(resource)
        by_subject: dict[str, list[ox.Quad]] = defaultdict(list)
        try:
            for q in ox.parse(resource.read_bytes(), ox.RdfFormat.TURTLE):
                by_subject[q.subject.value].append(q)
        except (OSError, SyntaxError, ValueError) as e:
            raise DataError(f"cannot read the indicator scheme: {e}", path=where) from e
        from .indicators_read import _read_indicators  # the reader imports this module's names

        return cls(_read_indicators(by_subject, where), where)

    def __len__(self) -> int:
        return len(self._by_notation)

    def __iter__(self):
        return (self._by_notation[n] for n in sorted(self._by_notation))

    def get(self, notation: str) -> Indicator | None:
        return self._by_notation.get(notation)

    def by_iri(self, iri: str) -> Indicator | None:
        return self._by_iri.get(iri)

    def ratio(self, numerator: Indicator, denominator: Indicator) -> Indicator | None:
        """The ratio concept numerator/denominator (R&D expenditure / GDP -> R&D intensity), if any."""
        return self._ratios.get((numerator.notation, denominator.notation))

    def match(self, text: str) -> list[Mention]:
        """Every indicator mention in ``text``: longest-first, non-overlapping, in text order."""
        return self._matcher.find(text)

    def _mentions(self, text: str, span: tuple[int, int], mentions: list[Mention] | None) -> list[Mention]:
        if mentions is None:
            return [(s + span[0], e + span[0], i) for s, e, i in self.match(text[span[0]:span[1]])]
        lo = bisect.bisect_left(mentions, span[0], key=lambda m: m[0])
        return [m for m in mentions[lo:] if m[0] < span[1] and m[1] <= span[1]]

    def _constructions(self, text: str, scope: tuple[int, int], ms: list[Mention]):
        """(keyword, number run, mentions) for each "respectively"/"respective" in the sentence."""
        numbers = [m.span() for m in _NUMBER.finditer(text, *scope)]
        runs = _runs(text, numbers)
        out: list[tuple[tuple[int, int], list[tuple[int, int]], list[Mention]]] = []
        for kw in _RESPECTIVE.finditer(text, *scope):
            before = [r for r in runs if r[-1][1] <= kw.start()]
            after = [r for r in runs if r[0][0] >= kw.end()]
            pick = before[-1:] if kw[0].lower().endswith("ly") and before else after[:1]
            if not pick or any(pick[0] is r for _, r, _ in out):
                continue
            run = pick[0]
            i = numbers.index(run[0])
            prev_end = numbers[i - 1][1] if i else scope[0]
            listed = [m for m in ms if m[0] >= prev_end and m[1] <= run[0][0]]
            out.append((kw.span(), run, listed or (out[-1][2] if out else [])))
        return out

    def respectively(self, text: str, span: tuple[int, int]) -> list[Mention]:
        """The mentions the first "respectively" (or "a respective ...") in ``span`` distributes
        its numbers over, in order: "the total fiscal revenue and general public budget revenue
        reached X and Y respectively" -> [total fiscal revenue, general public budget revenue].
        They are the mentions between the number list and the number before it in the sentence;
        "a respective increase of A and B" reuses the mentions of the list before it. [] if none."""
        kw = _RESPECTIVE.search(text, *span)
        if kw is None:
            return []
        scope = clause_span(text, kw.start(), soft=False)
        for found, _, listed in self._constructions(text, scope, self._mentions(text, scope, None)):
            if found == kw.span():
                return list(listed)
        return []

    def best_for(self, text: str, position: int, end: int | None = None,
                 mentions: list[Mention] | None = None) -> Mention | None:
        """The mention the number at ``position`` most plausibly measures (rules in the module
        docstring), or None. ``end``: where the number expression ends, when the caller knows;
        the rules read the words after its digits either way ("1,070 yuan per person": "yuan").
        ``mentions``: ``match(text)``, to save matching per call."""
        number = _number_at(text, position)
        digits = number[1] > number[0]  # False for "ranking third", "two million"
        num_end = number[1] if digits else (end if end is not None else position)
        sentence = clause_span(text, position, soft=False)
        ms = self._mentions(text, sentence, mentions)
        if any(s <= position < e for s, e, _ in ms):
            return None
        for _, run, listed in self._constructions(text, sentence, ms):
            for k, (s, e) in enumerate(run):
                if s < max(number[1], position + 1) and position < e:
                    return listed[k] if len(listed) == len(run) else None
        clause = clause_span(text, position)
        for m in ms:  # a clause never cuts a mention ("technology-based medium, small and micro enterprises")
            clause = (min(clause[0], m[0]) if m[0] < clause[0] < m[1] else clause[0],
                      max(clause[1], m[1]) if m[0] < clause[1] < m[1] else clause[1])
        cs = [m for m in ms if m[0] >= clause[0] and m[1] <= clause[1]]
        found = self._ratio_rule(text, cs, position, num_end) or _count_noun(text, cs, num_end)
        if found or (digits and _counts_a_thing(text, num_end)):
            return found
        return _preceding(text, clause, cs, position) or _following(text, cs, num_end)

    def _ratio_rule(self, text: str, cs: list[Mention], position: int, num_end: int) -> Mention | None:
        for a, b in zip(cs, cs[1:]):
            concept = self.ratio(a[2], b[2])
            if concept is None or a[1] > position or not _COMPLEMENT.search(text[max(0, b[0] - 40):b[0]]):
                continue
            if position >= b[1] or (position < b[0] and _DENOMINATOR_GAP.fullmatch(text, num_end, b[0])):
                return (a[0], b[1], concept)
        return None


def _count_noun(text: str, cs: list[Mention], num_end: int) -> Mention | None:
    after = [m for m in cs if m[0] >= num_end]
    return after[0] if after and _units()[2].fullmatch(text, num_end, after[0][0]) else None


def _preceding(text: str, clause: tuple[int, int], cs: list[Mention], position: int) -> Mention | None:
    before = [m for m in cs if m[1] <= position]
    heads = [m for m in before if not _COMPLEMENT.search(text[max(clause[0], m[0] - 40):m[0]])]
    return (heads or before or [None])[-1]


def _following(text: str, cs: list[Mention], num_end: int) -> Mention | None:
    after = [m for m in cs if m[0] >= num_end]
    if not after:
        return None
    gap = text[num_end:after[0][0]]
    return None if _NUMBER.search(gap) or _DENOMINATOR_GAP.fullmatch(gap) else after[0]


@functools.cache
def default_scheme() -> IndicatorScheme:
    """The bundled scheme, loaded once."""
    return IndicatorScheme.load()


def respectively(text: str, span: tuple[int, int], scheme: IndicatorScheme | None = None) -> list[Mention]:
    """``IndicatorScheme.respectively`` with the bundled scheme by default."""
    return (scheme or default_scheme()).respectively(text, span)
