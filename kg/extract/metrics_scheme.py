"""The indicator scheme and the gazetteer as the metric extractor sees them within one sentence.

``SchemeView`` holds the scheme's mentions of one sentence and answers the questions the
assignment rules ask: which mention a number measures (``best``: the scheme's own rules, among
the mentions whose unit fits the number), which concept a phrase names (``covering``), where a
clause starts and ends, whether a subject is an entity (a place, a zone, "we") rather than an
indicator, and which places a coordinated subject lists.
"""

from __future__ import annotations

import re
from functools import cache

from ..indicators import Indicator, clause_span
from .metrics_cues import cues
from .metrics_phrases import Words
from .numbers import Quantity
from .numbers_lexicon import lexicon

_PREPOSITIONS = ("of", "in", "for", "to")
CLASSIFIERS = frozenset({"UNIT", "SET", "ITEM"})  # "28,900 units of affordable rental houses": the thing follows "of"
_FIGURE_KINDS = frozenset({"percent", "points", "multiple", "ratio", "rank"})


@cache
def _unit_words() -> dict[str, str]:
    """Single-word and multi-word unit aliases (lower case) -> unit code."""
    return dict(lexicon().suffix_alias)


def fits(ind: Indicator, q: Quantity, unit: str | None = None) -> bool:
    """Can the number be a figure of the indicator, by units? (no yuan for a count of jobs)."""
    if q.kind in _FIGURE_KINDS:
        return True
    u = ind.default_unit or ""
    code = unit or q.unit
    lex = lexicon()
    if code and lex.units[code].kind == "amount":
        return u == "" or "/currency/" in u
    if code in cues().level_units:
        return not ("/currency/" in u or u.endswith(("/NUM", "/PERCENT")))
    return u == "" or u.endswith("/NUM")


def coverage(words: Words, span: tuple[int, int], found, view: SchemeView, mentions=None) -> bool:
    """Does the mention ``found`` name all of the phrase ``span``, or do the words that modify it
    narrow it to something else ("“Similar” product exports", "exports to countries along the
    Belt and Road", "minimum income of low-income farmers")?

    The modifiers are the words right before the mention, back to a determiner, a preposition or a
    verb, and a prepositional phrase right after it, up to punctuation or a verb. They do not narrow
    when they are function words, generic words, places, proper names or periods ("Jiaxing's",
    "of the city", "in the first three quarters"), or name the population the figure is about
    ("... of industrial enterprises above designated size": a mention of a count concept).
    """
    mentions = view.mentions if mentions is None else mentions
    populations = [(m[0], m[1]) for m in mentions if m is not found and (m[2].default_unit or "").endswith("/NUM")]
    toks = words.toks[span[0] : span[1]]
    inside = [k for k, t in enumerate(toks) if t.end > found[0] and t.start < found[1]]
    if not inside:
        return True
    modifiers = _modifiers_before(toks, inside[0]) + _modifiers_after(toks, inside[-1])
    return all(view.neutral(t.text) for t in modifiers if not any(a <= t.start and t.end <= b for a, b in populations))


def _modifiers_before(toks, first: int) -> list:
    c = cues()
    out = []
    k = first - 1
    while k >= 0 and (toks[k].is_word or toks[k].is_quote):
        low = toks[k].low
        if c.has("determiner", low) or c.has("stop", low) or c.has("pronoun", low) or c.has("verb", low):
            break
        if k > 0 and toks[k - 1].low == "to":
            break  # "to achieve technological transaction volumes": a verb
        out.append(toks[k])
        k -= 1
    return [t for t in out if t.is_word]


def _modifiers_after(toks, last: int) -> list:
    c = cues()
    k = last + 1
    if k >= len(toks) or not toks[k].is_word:
        return []
    low = toks[k].low
    if not c.has("stop", low):  # "export credit insurance": the mention is itself a modifier
        verb = c.has("aux", low) or c.has("verb", low) or c.has("pronoun", low) or c.growth.fullmatch(low)
        return [] if verb else [toks[k]]
    if low in ("and", "or", "that", "which", "who"):
        return []
    out = []
    while k < len(toks) and (toks[k].is_word or toks[k].is_quote or toks[k].is_num):
        low = toks[k].low
        if c.has("aux", low) or (c.has("verb", low) and not c.has("np_ok", low)):
            break
        out.append(toks[k])
        k += 1
    return [t for t in out if t.is_word]


class SchemeView:
    def __init__(self, scheme, gazetteer, home, text: str):
        self.scheme, self.gazetteer, self.home = scheme, gazetteer, home
        self._text = text
        self.mentions = scheme.match(text)

    # ---------------------------------------------------------------- clauses

    @staticmethod
    def clause_start(text: str, pos: int, soft: bool = True) -> int:
        return clause_span(text, pos, soft)[0]

    @staticmethod
    def clause_end(text: str, pos: int) -> int:
        return clause_span(text, max(0, pos - 1))[1]

    # ---------------------------------------------------------------- concepts

    def best(self, text: str, q: Quantity, unit: str | None = None, after: int | None = None):
        """The scheme's choice of mention for the number, among mentions whose unit fits (and that
        start at ``after`` or later, when given)."""
        ms = [m for m in self.mentions if fits(m[2], q, unit) and (after is None or m[0] >= after)]
        if not ms:
            return None
        return self.scheme.best_for(text, q.start, q.end, mentions=ms)

    def respective(self, text: str, run_spans: list[tuple[int, int]], k: int):
        """The k-th mention a "respectively" list distributes over, when there is one per number."""
        lo = self.clause_start(text, run_spans[0][0])
        listed = self.scheme.respectively(text, (lo, min(len(text), run_spans[-1][1] + 25)))
        return listed[k] if len(listed) == len(run_spans) else None

    def covering(self, phrase: str, q: Quantity, unit: str | None = None) -> Indicator | None:
        """The concept a phrase names: one mention that covers all its content words."""
        every = self.scheme.match(phrase)
        found = [m for m in every if fits(m[2], q, unit)]
        if not found:
            return None
        best = max(found, key=lambda m: m[1] - m[0])
        words = Words(phrase)
        return best[2] if coverage(words, (0, len(words.toks)), best, self, every) else None

    def in_span(self, q: Quantity, start: int, end: int, unit: str | None):
        """The first concept mentioned in [start, end) whose unit fits the count: "146,000 new urban
        jobs", "222,000 houses in former shantytowns", "29.14-billion-yuan special bonds"."""
        return next((m for m in self.mentions if start <= m[0] and m[1] <= end and fits(m[2], q, unit)), None)

    # ---------------------------------------------------------------- words

    def neutral(self, word: str) -> bool:
        """A word that does not narrow an indicator: function word, generic, place, proper name."""
        c = cues()
        low = word.lower()
        if word[0].isupper() and not low in ("similar",):
            return True
        base = re.sub(r"['’]s$|s['’]$", "", low)
        return (c.has("determiner", low) or c.has("np_ok", low) or c.has("stop", low) or c.has("generic", low)
                or c.has("more", low) or c.has("neutral", base) or c.has("rank_area", base)
                or c.has("pronoun", low))

    def unit_in(self, words: Words, np) -> str | None:
        """The unit of a counted noun: its head word (or the last words) when they are a unit alias."""
        aliases = _unit_words()
        toks = [t for t in words.toks[np.start : np.end] if t.is_word]
        for n in (3, 2, 1):
            phrase = " ".join(t.low for t in toks[-n:])
            if len(toks) >= n and phrase in aliases:
                return aliases[phrase]
        return None

    @staticmethod
    def is_classifier(unit: str | None) -> bool:
        return bool(unit) and (unit in CLASSIFIERS or unit in cues().level_units)

    def is_entity(self, words: Words, span: tuple[int, int]) -> bool:
        """A subject that is a place, a zone, a company or "we": it is ranked, it is not a figure."""
        toks = [t for t in words.toks[span[0] : span[1]] if t.is_word]
        if not toks:
            return True
        if len(toks) == 1:  # "we", "Jiaxing"; not "Exports" at the start of a sentence
            start, end = toks[0].start, toks[0].end
            found = self.gazetteer.find(self._text[start:end], within=self._province())
            return cues().has("pronoun", toks[0].low) or any(a == 0 and b == end - start for a, b, _ in found)
        return all(t.text[0].isupper() or t.low in ("and", "of", "the") for t in toks)

    def is_area_scope(self, scope: str) -> bool:
        """"in Zhejiang", "among the top 20 ports of the country": a set of places, not a measure."""
        words = re.findall(r"[A-Za-z][A-Za-z’'\-]*|\d+", scope)
        c = cues()
        return all(w[0].isupper() or w.isdigit() or c.has("rank_area", re.sub(r"['’]s$", "", w.lower()))
                   or c.has("determiner", w) or c.has("stop", w) for w in words)

    def places(self, spans: list[tuple[int, int]]) -> list[str]:
        """Codes of the places the items name, one per item, or [] unless every item names one
        inside the jurisdiction ("in Hangzhou, Ningbo, and Yiwu")."""
        if self.home is None:
            return []
        codes = []
        for start, end in spans:
            found = [p for _, _, p in self._find(start, end) if p.code == self.home.code or self._within(p)]
            if not found:
                return []
            codes.append(found[-1].code)
        return codes if len(set(codes)) > 1 else []

    def _find(self, start: int, end: int):
        text = self._text[start:end]
        try:
            return self.gazetteer.find(text, within=self.home.code)
        except TypeError:
            return self.gazetteer.find(text)

    def _province(self) -> str | None:
        """The province of the jurisdiction (places of the province are the ones reports name)."""
        if self.home is None or self.home.level in ("province", "country"):
            return self.home.code if self.home else None
        return next((a.code for a in self.gazetteer.ancestors(self.home) if a.level == "province"), None)

    def _within(self, place) -> bool:
        if self.home.level == "country":
            return True
        return any(a.code == self.home.code for a in self.gazetteer.ancestors(place))

    def antecedent(self, words: Words, i: int) -> str | None:
        """What "it" refers to: the noun after the last "of" before the clause ("transformation of
        the manufacturing industry, driving the investment in it ...")."""
        k = i - 1
        while k >= 0 and words.toks[k].is_word:
            k -= 1
        if k < 0 or words.toks[k].text != ",":
            return None
        e, s = k, k
        while s > 0 and e - s < 4 and words.toks[s - 1].is_word and words.toks[s - 1].low not in _PREPOSITIONS:
            s -= 1
        return words.span_text(s, e) if s < e else None
