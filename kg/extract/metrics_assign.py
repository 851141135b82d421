"""Which indicator each number of a sentence measures: a concept of the scheme or a local phrase.

Rules, in the order they apply to one quantity (each is a way these reports state figures):

1. ranks (see ``ranks``): a rank right after a figure ranks that figure ("reached 93.36
   billion yuan, ranking second"); "both/all ranking first" ranks every item before it; a
   subject that is a place or "we" ranks what the scope or "in terms of X" names;
2. lists with "respectively": the i-th number goes to the i-th item of the coordinated
   subject ("Sales of A, B and C surged by 3%, 5% and 8% respectively"); a list that has no
   subject of its own ("a respective increase of 13.7% and 16.8%") goes to the figures before;
3. dependent figures: a change, share or multiple right after a figure, with no subject of its
   own, measures what that figure measures ("reached 292.5 billion yuan, an increase of 7.2%");
   so does "the total" ("making the total reach 80");
4. counts: the thing counted follows the number ("420 new high-tech enterprises"); "ones"
   stands for the noun of the count before ("26 policies ..., 40 ones for ..."); "were
   selected as X" counts X; the counted noun gives the unit ("733 more hectares" -> HA);
5. other figures: the scheme's choice (``IndicatorScheme.best_for``) among the mentions whose
   unit fits the number (no yuan for a count of jobs), unless the subject phrase around the
   mention narrows it to a thing the scheme has no concept for ("exports to countries along
   the Belt and Road"); else the subject phrase, else the object after the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..indicators import Indicator
from .metrics_cues import cues
from .metrics_phrases import Words, conjuncts, label, noun_after, object_after, subject_before
from .metrics_scheme import SchemeView, coverage
from .numbers import Quantity

_LIST_GAP = re.compile(r"^[\s,]*(?:(?:and|or)\s+)?$", re.I)
_RANK_GAP = re.compile(r"^\s*(?:,|\()\s*(?:and\s+)?(?:(?:respectively|both|all|each)\s*,?\s*)*$", re.I)
_BOTH = re.compile(r"\b(?:both|all|each)\s*$", re.I)
_RESPECTIVE = re.compile(r"\brespective(?:ly)?\b", re.I)
_IN_TERMS = re.compile(r"\bin\s+terms\s+of\s+(?:the\s+)?", re.I)
_COMPOUND = re.compile(r"-[A-Za-z]+$")  # "22.96-billion-yuan" before its noun
DEPENDENT_GAP = 60


@dataclass(frozen=True)
class Assignment:
    """What one quantity measures: a scheme concept, or a local label (the phrase as written)."""

    q: Quantity
    indicator: Indicator | None = None
    label: str | None = None
    span: tuple[int, int] | None = None  # sentence offsets of the phrase it was read from
    unit: str | None = None  # unit of the counted noun, when the number grammar has none
    area: str | None = None  # place code the list item names ("... in Hangzhou, Ningbo and Yiwu")


class Assigner:
    """Assigns the quantities of one sentence, in order (later rules look at earlier results)."""

    def __init__(self, words: Words, quantities: list[Quantity], view: SchemeView):
        self.words, self.qs, self.view = words, quantities, view
        self.done: dict[int, list[Assignment]] = {}

    @property
    def text(self) -> str:
        return self.words.text

    def run(self, keep: list[int]) -> list[Assignment]:
        out: list[Assignment] = []
        for i in keep:
            got = [a for a in self._assign(i) if a.indicator is not None or a.label]
            self.done[i] = got
            out.extend(got)
        return out

    def _assign(self, i: int) -> list[Assignment]:
        q = self.qs[i]
        if q.kind == "rank":
            return self._rank(i)
        run = self._run(i)
        if len(run) > 1 and self._respectively(run):
            got = self._respective(run, run.index(i))
            if got is not None:
                return [got]
        dep = self._dependent(i)
        if dep is not None:
            return [replace(a, q=q, unit=None, area=a.area) for a in self.done[dep][:1]]
        if self._counts_things(q):
            return [self._counted(i)]
        return [self._measured(i)]

    # ---------------------------------------------------------------- lists and dependents

    def _run(self, i: int) -> list[int]:
        """Indices of the list of same-kind numbers that quantity i is in ("3%, 5% and 8%")."""
        run = [i]
        k = i
        while k > 0 and self.qs[k - 1].kind == self.qs[i].kind and _LIST_GAP.match(self.text[self.qs[k - 1].end : self.qs[k].start]):
            k -= 1
            run.insert(0, k)
        k = i
        while k + 1 < len(self.qs) and self.qs[k + 1].kind == self.qs[i].kind and _LIST_GAP.match(self.text[self.qs[k].end : self.qs[k + 1].start]):
            k += 1
            run.append(k)
        return run

    def _respectively(self, run: list[int]) -> bool:
        first, last = self.qs[run[0]], self.qs[run[-1]]
        before = self.text[max(0, first.start - 40) : first.start]
        after = self.text[last.end : last.end + 20]
        return bool(re.search(r"\brespective\b", before, re.I) or re.match(r"^\W*respectively\b", after, re.I))

    def _respective(self, run: list[int], k: int) -> Assignment | None:
        """The k-th item of the subject a "respectively" list distributes over."""
        q = self.qs[run[k]]
        prev = self._previous_figures(run)
        if prev is not None:
            return replace(self.done[prev[k]][0], q=q, unit=None)
        c_lo = self.view.clause_start(self.text, q.start)
        found = self.view.respective(self.text, [(self.qs[r].start, self.qs[r].end) for r in run], k)
        span = subject_before(self.words, self.qs[run[0]].start, c_lo)
        items = self._items(span) if span else []
        areas = self.view.places([(self.words.toks[a].start, self.words.toks[b - 1].end) for a, b in items])
        area = areas[k] if len(areas) == len(run) else None
        if found is not None:
            return Assignment(q, found[2], span=found[:2], area=area)
        if len(items) == len(run) and area is None:
            return self._item(q, items, k)
        return None

    def _items(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        return conjuncts(self.words, span[0], span[1])

    def _item(self, q: Quantity, items: list[tuple[int, int]], k: int) -> Assignment:
        """Item k of a coordinated subject; later items share the head of the first
        ("the added value of A, B and C" -> "added value of B")."""
        a, b = items[k]
        text = self.words.span_text(a, b)
        first = self.words.span_text(*items[0])
        if k and " of " in first and " of " not in f" {text} ":
            text = first[: first.index(" of ") + 4] + text
        concept = self.view.covering(text, q)
        span = (self.words.toks[a].start, self.words.toks[b - 1].end)
        if concept is not None:
            return Assignment(q, concept, span=span)
        return Assignment(q, label=label(text.split()), span=span)

    def _previous_figures(self, run: list[int]) -> list[int] | None:
        """The figures a subjectless list refers to: "a respective increase of 13.7% and 16.8%"."""
        first = self.qs[run[0]]
        lo = self.qs[run[0] - 1].end if run[0] else 0
        if subject_before(self.words, first.start, lo) is not None or run[0] < len(run):
            return None
        prev = list(range(run[0] - len(run), run[0]))
        return prev if all(self.done.get(p) for p in prev) else None

    def _dependent(self, i: int) -> int | None:
        """The figure before quantity i that i is a change/share/multiple of, if i has no subject."""
        if i == 0 or not self.done.get(i - 1):
            return None
        q, prev = self.qs[i], self.qs[i - 1]
        gap = self.text[prev.end : q.start]
        if len(gap) > DEPENDENT_GAP or re.search(r"[;:]", gap):
            return None
        span = subject_before(self.words, q.start, prev.end)
        generic = span is not None and all(cues().has("generic", t.low) or cues().has("determiner", t.low)
                                            for t in self.words.toks[span[0] : span[1]])
        if span is not None and not generic:
            return None
        c = cues()
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", gap)}
        if generic or q.kind == "multiple" or words & c.words["share_verb"] or c.growth.search(gap):
            return i - 1
        return None

    # ---------------------------------------------------------------- counts

    def _counts_things(self, q: Quantity) -> bool:
        if q.kind == "count" and q.unit not in cues().level_units:
            return True
        return q.kind == "amount" and bool(_COMPOUND.search(q.text)) and bool(re.match(r"[^\S\n]+[A-Za-z]", self.text[q.end : q.end + 3]))

    def _counted(self, i: int) -> Assignment:
        """A count of the things named after it (or, when none is named, of the count before)."""
        q = self.qs[i]
        hi = self.view.clause_end(self.text, q.end)
        unit_tok = self.words.last_before(q.end) if q.unit else None
        start = self.words.toks[unit_tok].start if unit_tok is not None and q.kind == "count" else q.end
        np = noun_after(self.words, start, hi)
        if np is None or cues().has("generic", np.head):
            return self._elided(i, np)
        unit = None if q.unit else self.view.unit_in(self.words, np)
        got = self._counted_concept(q, np, unit)
        return replace(got, unit=unit)

    def _counted_concept(self, q: Quantity, np, unit: str | None) -> Assignment:
        w = self.words
        span = (w.toks[np.start].start, w.toks[(np.post or (0, np.end))[1] - 1].end)
        if np.category is not None:
            text = w.span_text(*np.category).replace(" ones", " " + np.head)
            concept = self.view.covering(text, q)
            return Assignment(q, concept, label=None if concept else label(text.split()), span=span)
        concept = self.view.in_span(q, w.toks[np.start].start, span[1], unit)
        if concept is not None:
            return Assignment(q, concept[2], span=concept[:2])
        words = w.span_text(np.start, np.end).split()
        if np.post is not None:
            post = w.span_text(*np.post).split()
            if self.view.is_classifier(unit or q.unit) and len(words) == 1 and post and post[0] == "of":
                words = post[1:]
            else:
                words += post
        return Assignment(q, label=label(words), span=span)

    def _elided(self, i: int, np) -> Assignment:
        """"40 ones for ...", "and 51 more to ...", "42.3 million in ...": the noun of the count before."""
        q = self.qs[i]
        before = next((a for k in range(i - 1, -1, -1) for a in self.done.get(k, []) if self._counts_things(a.q)), None)
        found = self.view.best(self.text, q)
        if found is not None:
            return Assignment(q, found[2], span=found[:2], unit=before.unit if before else None)
        if before is None:
            return self._measured(i)
        noun = (before.label or before.indicator.pref_label).split()
        head = self._head_of(before) or noun[-1]
        post = object_after(self.words, q.end, self.view.clause_end(self.text, q.end))
        rest = self.words.span_text(*post).split() if post else []
        prep = [self.words.toks[post[0] - 1].low] if post and post[0] > 0 and self.words.toks[post[0] - 1].is_word else []
        unit = before.unit or before.q.unit or None
        return Assignment(q, label=label([head] + prep + rest), unit=unit)

    def _head_of(self, a: Assignment) -> str | None:
        np = noun_after(self.words, a.q.end, len(self.text))
        return np.head if np is not None else None

    # ---------------------------------------------------------------- amounts, percents, ...

    def _measured(self, i: int) -> Assignment:
        q = self.qs[i]
        lo = self.view.clause_start(self.text, q.start)
        span = subject_before(self.words, q.start, lo)
        found = self.view.best(self.text, q)
        if found is not None and not self._narrowed(found, span):
            return Assignment(q, found[2], span=found[:2])
        if span is not None:
            return self._from_subject(q, span)
        obj = object_after(self.words, q.end, self.view.clause_end(self.text, q.end))
        if obj is not None:
            text = self.words.span_text(*obj)
            concept = self.view.covering(text, q)
            return Assignment(q, concept, label=None if concept else label(text.split()),
                              span=(self.words.toks[obj[0]].start, self.words.toks[obj[1] - 1].end))
        return Assignment(q, label=self._verb_label(q))

    def _narrowed(self, found, span) -> bool:
        """Does the subject phrase around a mention narrow it ("“Similar” product exports")?"""
        if span is None:
            return False
        start, end = self.words.toks[span[0]].start, self.words.toks[span[1] - 1].end
        if not (start <= found[0] and found[1] <= end):
            return False
        return not coverage(self.words, span, found, self.view)

    def _from_subject(self, q: Quantity, span: tuple[int, int]) -> Assignment:
        text = self.words.span_text(*span)
        pos = (self.words.toks[span[0]].start, self.words.toks[span[1] - 1].end)
        if re.search(r"\b(?:it|them)$", text):  # "the investment in it": it is the thing named before
            antecedent = self.view.antecedent(self.words, span[0])
            if antecedent:
                text = re.sub(r"\b(?:it|them)$", antecedent, text)
        concept = self.view.covering(text, q)
        return Assignment(q, concept, label=None if concept else label(text.split()), span=pos)

    def _verb_label(self, q: Quantity) -> str | None:
        """Nothing names the figure but its verb and unit: "saving 405,000 tons of standard coal"."""
        i = self.words.last_before(q.start)
        verb = self.words.toks[i].low if i >= 0 and self.words.toks[i].is_word else ""
        unit_words = [w for w in re.findall(r"[A-Za-z]+", q.text) if not w.lower() in ("billion", "million", "thousand", "trillion", "hundred")]
        return label(([verb] if verb and not cues().has("stop", verb) else []) + unit_words)

    # ---------------------------------------------------------------- ranks

    def _rank(self, i: int) -> list[Assignment]:
        q = self.qs[i]
        if i and self.done.get(i - 1) and _RANK_GAP.match(self.text[self.qs[i - 1].end : q.start]):
            group = self._group_before(i)
            return [replace(a, q=q, unit=None) for k in group for a in self.done.get(k, [])]
        lo = self.view.clause_start(self.text, q.start)
        span = subject_before(self.words, q.start, lo)
        if span is not None and _BOTH.search(self.text[: q.start]):
            items = self._items(span)
            if len(items) > 1:
                return [self._item(q, items, k) for k in range(len(items))]
        chain = self._chain(i)
        if span is not None and not self.view.is_entity(self.words, span):
            return [self._rank_subject(q, span, chain)]
        return [self._rank_scope(q, span, chain)]

    def _group_before(self, i: int) -> list[int]:
        """The figure before a rank, or all figures of a list when "both"/"respectively" joins them."""
        gap = self.text[self.qs[i - 1].end : self.qs[i].start]
        if re.search(r"\b(?:both|all|each)\b", gap, re.I):
            return [k for k in self._run(i - 1) if self.done.get(k)]
        return [i - 1]

    def _chain(self, i: int) -> tuple[int, int] | None:
        """"X and Y ranked first and third respectively": (position of this rank in the chain, length)."""
        members = [i]
        k = i
        while k > 0 and self.qs[k - 1].kind == "rank" and re.match(r"^\s*(?:,|and|,\s*and)\s*$", self.text[self.qs[k - 1].end : self.qs[k].start]):
            k -= 1
            members.insert(0, k)
        k = i
        while k + 1 < len(self.qs) and self.qs[k + 1].kind == "rank" and re.match(r"^\s*(?:,|and|,\s*and)\s*$", self.text[self.qs[k].end : self.qs[k + 1].start]):
            k += 1
            members.append(k)
        return (members.index(i), len(members)) if len(members) > 1 else None

    def _rank_subject(self, q: Quantity, span: tuple[int, int], chain) -> Assignment:
        found = self.view.best(self.text, q)
        start, end = self.words.toks[span[0]].start, self.words.toks[span[1] - 1].end
        if found is not None and start <= found[0] and found[1] <= end and coverage(self.words, span, found, self.view):
            return Assignment(q, found[2], span=found[:2])
        return self._from_subject(q, span)

    def _rank_scope(self, q: Quantity, span, chain) -> Assignment:
        """A place, a zone or "we" ranked: what is ranked is in the scope or "in terms of X"."""
        area = None
        if chain is not None and span is not None:
            items = self._items(span)
            areas = self.view.places([(self.words.toks[a].start, self.words.toks[b - 1].end) for a, b in items])
            area = areas[chain[0]] if len(areas) == chain[1] else None
        hi = self.view.clause_end(self.text, q.end)
        rest = self.text[q.end : hi]
        m = _IN_TERMS.search(rest)
        if m:
            run = object_after(self.words, q.end + m.end(), hi)
            if run is not None:
                return self._labelled(q, run, area)
        if q.scope and not self.view.is_area_scope(q.scope):
            run = object_after(self.words, q.scope_start, q.scope_end + 1)
            if run is not None:
                return self._labelled(q, run, area)
        m = re.search(r"\bin\s+(?:the\s+)?", rest)
        if m:
            run = object_after(self.words, q.end + m.end(), hi)
            if run is not None and not self.view.is_area_scope(self.words.span_text(*run)):
                return self._labelled(q, run, area)
        found = self.view.best(self.text, q)
        if found is not None:
            return Assignment(q, found[2], span=found[:2], area=area)
        return Assignment(q, label=None, area=area)

    def _labelled(self, q: Quantity, run: tuple[int, int], area: str | None) -> Assignment:
        text = self.words.span_text(*run)
        concept = self.view.covering(text, q)
        span = (self.words.toks[run[0]].start, self.words.toks[run[1] - 1].end)
        return Assignment(q, concept, label=None if concept else label(text.split()), span=span, area=area)
