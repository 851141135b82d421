"""Which indicator each number of a sentence measures: a concept of the scheme or a local phrase.

Rules, in the order they apply to one quantity (each is a way these reports state figures):

1. ranks (``_rank``): a rank with no subject of its own right after a figure ranks that figure
   ("reached 93.36 billion yuan, ranking second"); "both/all ranking first" ranks every figure
   of the list before it, or every item of the subject ("A, B and C all ranked first"); a
   subject that is a place, a zone or "we" ranks what the scope or "in terms of X" names, and
   "X and Y ranked first and third respectively" gives each rank the place its item names;
2. lists with "respectively": the i-th number goes to the i-th item of the coordinated
   subject ("Sales of A, B and C surged by 3%, 5% and 8% respectively"; items share the head
   "sales of" and the tail "of X" of "A and B of X"), or to the i-th place it lists; a list
   with no subject of its own ("a respective increase of 13.7% and 16.8%", ", up 4.8% and
   6.9%") goes to the list of figures before it;
3. dependent figures: a change, share or multiple after a figure, with no subject of its own,
   measures what that figure measures ("reached 292.5 billion yuan, an increase of 7.2%",
   "rose by 0.8 points to 53.1%", "30% more than in 2022"); so does "the total" ("making the
   total reach 80");
4. counts (and compound amounts, "540-million-yuan consumption coupons"): the thing counted
   follows the number ("420 new high-tech enterprises"); "ones" stands for the noun of the
   count before ("26 policies ..., 40 ones for ..."); "were selected as X" counts X; the
   counted noun gives the unit ("733 more hectares" -> HA); a count whose noun is only its
   unit measures what its subject names ("Tourists received reached 85 million person-times");
5. other figures: the scheme's choice (``IndicatorScheme.best_for``) among the mentions whose
   unit fits the number (no yuan for a count of jobs; for the object of "we <verb>", only the
   mentions after the verb), unless the words around the mention narrow it to a thing the
   scheme has no concept for ("exports to countries along the Belt and Road"); else the
   subject phrase ("it" resolved to the thing named before), else the object after the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..indicators import Indicator
from .metrics_cues import cues
from .metrics_phrases import (Words, conjuncts, label, list_subject, noun_after, object_after, qualifier,
                              subject_before, verb_group_start)
from .metrics_scheme import SchemeView, coverage
from .numbers import Quantity
from .numbers_lexicon import lexicon

_LIST_GAP = re.compile(r"^[\s,]*(?:(?:and|or)\s+)?$", re.I)
_RANK_GAP = re.compile(r"^\s*(?:respectively\s*)?(?:,|\()\s*(?:and\s+)?(?:(?:respectively|both|all|each)\s*,?\s*)*$",
                       re.I)
_CHAIN_GAP = re.compile(r"^\s*(?:,|and|,\s*and)\s*$")
_NOUN_NEXT = re.compile(r"[^\S\n]+[A-Za-z]")
_ELLIPSIS = re.compile(r"\s*(?:more\s+|additional\s+)?(?:in|to|for|of|into|from|on|ones?)\b", re.I)
_FROM_BY = re.compile(r"\b(?:from|by)\s*$", re.I)
_TO = re.compile(r"\bto\s*$", re.I)
_BOTH = re.compile(r"\b(?:both|all|each)\s*$", re.I)
_IN_TERMS = re.compile(r"\bin\s+terms\s+of\s+(?:the\s+)?", re.I)
_COMPOUND = re.compile(r"-[A-Za-z]+$")  # "22.96-billion-yuan" before its noun
_OF_AFTER = re.compile(r"[^\S\n]+of[^\S\n]")
_THAN = re.compile(r"[^\S\n]+(?:more|higher|less|lower|fewer|greater)[^\S\n]+than\b", re.I)
DEPENDENT_GAP = 100
MULTIPLE_GAP = 160  # "2.1 times the total of the previous three years" may close a long clause


@dataclass(frozen=True)
class Assignment:
    """What one quantity measures: a scheme concept, or a local label (the phrase as written)."""

    q: Quantity
    indicator: Indicator | None = None
    label: str | None = None
    span: tuple[int, int] | None = None  # sentence offsets of the phrase it was read from
    unit: str | None = None  # unit of the counted noun, when the number grammar has none
    area: str | None = None  # place code the list item names ("... in Hangzhou, Ningbo and Yiwu")
    comparator: str | None = None  # "more than A and B respectively": the first item's comparator


class Assigner:
    """Assigns the quantities of one sentence, in order (later rules look at earlier results)."""

    def __init__(self, words: Words, quantities: list[Quantity], view: SchemeView):
        self.words, self.qs, self.view = words, quantities, view
        self.done: dict[int, list[Assignment]] = {}

    @property
    def text(self) -> str:
        return self.words.text

    def run(self) -> list[Assignment]:
        """The assignments of every quantity (the caller passes only those that state figures)."""
        out: list[Assignment] = []
        for i in range(len(self.qs)):
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
        if len(run) > 1:  # "reached 75,300 yuan and 46,900 yuan respectively, up 4.8% and 6.9%"
            prev = self._previous_figures(run, listed=True)
            if prev is not None:
                return [replace(self.done[prev[run.index(i)]][0], q=q, unit=None)]
        dep = self._dependent(i)
        if dep is not None:
            return [replace(a, q=q, unit=None) for a in self.done[dep][:1]]
        if self._counts_things(q):
            return [self._counted(i)]
        return [self._measured(i)]

    # ---------------------------------------------------------------- lists and dependents

    def _run(self, i: int) -> list[int]:
        """Indices of the list of same-kind numbers that quantity i is in ("3%, 5% and 8%")."""
        return self._joined(i, lambda a, b: a.kind == b.kind and _LIST_GAP.match(self.text[a.end : b.start]))

    def _joined(self, i: int, joins) -> list[int]:
        """The indices around i whose neighbours ``joins`` (earlier quantity, later quantity) links."""
        lo = hi = i
        while lo > 0 and joins(self.qs[lo - 1], self.qs[lo]):
            lo -= 1
        while hi + 1 < len(self.qs) and joins(self.qs[hi], self.qs[hi + 1]):
            hi += 1
        return list(range(lo, hi + 1))

    def _respectively(self, run: list[int]) -> bool:
        first, last = self.qs[run[0]], self.qs[run[-1]]
        before = self.text[max(0, first.start - 40) : first.start]
        after = self.text[last.end : last.end + 100]
        return bool(re.search(r"\brespective\b|\brespectively\s+(?:[a-z\-]+\s+){0,3}$", before, re.I)
                    or re.match(r"^\s*,?[^,;.]{0,80}?\brespectively\b", after, re.I))

    def _respective(self, run: list[int], k: int) -> Assignment | None:
        """The k-th item of the subject a "respectively" list distributes over; a comparator before
        the list ("more than A and B respectively") holds for every item."""
        got = self._respective_item(run, k)
        first = self.qs[run[0]]
        if got is not None and k and got.q.comparator == "eq" and first.comparator not in ("eq", "range"):
            got = replace(got, comparator=first.comparator)
        return got

    def _respective_item(self, run: list[int], k: int) -> Assignment | None:
        q = self.qs[run[k]]
        prev = self._previous_figures(run)
        if prev is not None:
            return replace(self.done[prev[k]][0], q=q, unit=None)
        c_lo = max(self.view.clause_start(self.text, q.start, soft=False), self.qs[run[0] - 1].end if run[0] else 0)
        found = self.view.respective(self.text, [(self.qs[r].start, self.qs[r].end) for r in run], k)
        span = list_subject(self.words, self.qs[run[0]].start, c_lo)
        items = self._items(span) if span else []
        areas = self.view.places([(self.words.toks[a].start, self.words.toks[b - 1].end) for a, b in items])
        area = areas[k] if len(areas) == len(run) else None
        if found is not None:
            return Assignment(q, found[2], span=found[:2], area=area)
        if area is not None:  # the items are places: one indicator, one place each
            best = self.view.best(self.text, q)
            if best is not None:
                return Assignment(q, best[2], span=best[:2], area=area)
            return replace(self._from_subject(q, span), area=area)
        if len(items) == len(run):
            return self._item(q, items, k)
        return None

    def _items(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        return conjuncts(self.words, span[0], span[1])

    def _item(self, q: Quantity, items: list[tuple[int, int]], k: int) -> Assignment:
        """Item k of a coordinated subject; later items share the head of the first
        ("the added value of A, B and C" -> "added value of B")."""
        a, b = items[k]
        text = self.words.span_text(a, b)
        first, last = self.words.span_text(*items[0]), self.words.span_text(*items[-1])
        if k and " of " in first and " of " not in f" {text} ":
            text = first[: first.index(" of ") + 4] + text
        elif k < len(items) - 1 and " of " not in f" {text} " and " of " in last and self._bare(items[-1]):
            text += last[last.index(" of ") :]  # "the added value and tax revenue of X" -> "added value of X"
        concept = self.view.covering(text, q)
        span = (self.words.toks[a].start, self.words.toks[b - 1].end)
        if concept is not None:
            return Assignment(q, concept, span=span)
        return Assignment(q, label=label(text.split()), span=span)

    def _bare(self, item: tuple[int, int]) -> bool:
        """An item without a determiner of its own shares the rest of the phrase ("A and B of X")."""
        return not cues().has("determiner", self.words.toks[item[0] - 1].low) if item[0] else True

    def _previous_figures(self, run: list[int], listed: bool = False) -> list[int] | None:
        """The figures a subjectless list refers to: "a respective increase of 13.7% and 16.8%".
        ``listed``: only when those figures are a list of their own, right before this one."""
        first = self.qs[run[0]]
        lo = self.qs[run[0] - 1].end if run[0] else 0
        span = subject_before(self.words, first.start, lo)
        if (span is not None and not self._generic(span)) or run[0] < len(run):
            return None
        prev = list(range(run[0] - len(run), run[0]))
        if listed and (self._run(prev[-1]) != prev or not self._dependent_gap(self.qs[prev[-1]], first)):
            return None
        return prev if all(self.done.get(p) for p in prev) else None

    def _dependent_gap(self, prev: Quantity, q: Quantity) -> bool:
        """Words between two figures that make the second a change or share of the first."""
        gap = self.text[prev.end : q.start]
        if len(gap) > DEPENDENT_GAP or re.search(r"[;:]", gap):
            return False
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", gap)}
        return bool(words & cues().words["share_verb"] or cues().growth.search(gap))

    def _dependent(self, i: int) -> int | None:
        """The figure before quantity i that i is a change/share/multiple of, if i has no subject."""
        if i == 0 or not self.done.get(i - 1):
            return None
        q, prev = self.qs[i], self.qs[i - 1]
        gap = self.text[prev.end : q.start]
        if len(gap) > (MULTIPLE_GAP if q.kind == "multiple" else DEPENDENT_GAP) or re.search(r"[;:]", gap):
            return None
        span = subject_before(self.words, q.start, prev.end)
        generic = span is not None and self._generic(span)
        if span is not None and not generic:
            return None
        if generic:
            return i - 1  # "making the total reach 80"
        if _FROM_BY.search(self.text[max(0, prev.start - 8) : prev.start]) and _TO.search(gap):
            return i - 1  # "increased from 12.9% ... to 13.3%", "rose by 0.8 percentage points to 53.1%"
        if _THAN.match(self.text, q.end) and q.kind in ("percent", "multiple"):
            return i - 1  # "trained 65,000 workers, 30% more than in 2022"
        if q.kind not in ("percent", "points", "multiple", "ratio"):
            return None
        return i - 1 if q.kind == "multiple" or self._dependent_gap(prev, q) else None

    # ---------------------------------------------------------------- counts

    def _counts_things(self, q: Quantity) -> bool:
        if q.kind == "count" and q.unit not in cues().level_units:
            return True
        return q.kind == "amount" and bool(_COMPOUND.search(q.text)) and bool(_NOUN_NEXT.match(self.text, q.end))

    def _counted(self, i: int) -> Assignment:
        """A count of the things named after it (or, when none is named, of the count before)."""
        q = self.qs[i]
        hi = self.view.clause_end(self.text, q.end)
        unit_tok = self.words.first_at(q.end) - 1 if q.unit and q.kind == "count" else None  # the unit word
        start = self.words.toks[unit_tok].start if unit_tok is not None else q.end
        np = noun_after(self.words, start, hi)
        if np is None or cues().has("generic", np.head) or self._participle_only(np):
            return self._elided(i, np)
        if q.unit and np.end - np.start == 1 and np.post is None and np.category is None:
            subject = subject_before(self.words, q.start, self.view.clause_start(self.text, q.start))
            if subject is not None and not self._generic(subject) and not self.view.is_entity(self.words, subject):
                return self._measured(i)  # "Tourists received reached 85 million person-times"
        unit = None if q.unit else self.view.unit_in(self.words, np)
        return replace(self._counted_concept(q, np, unit, start), unit=unit)

    def _participle_only(self, np) -> bool:
        """"with 119,500 completed": no noun, the count is of the thing counted before."""
        toks = [t for t in self.words.toks[np.start : np.end] if t.is_word]
        return len(toks) == 1 and toks[0].low.endswith("ed") and np.post is None

    def _counted_concept(self, q: Quantity, np, unit: str | None, start: int) -> Assignment:
        w = self.words
        end = w.toks[(np.post or np.category or (0, np.end))[1] - 1].end
        span = (w.toks[np.start].start, end)
        if np.category is not None:
            text = re.sub(r"\bones\b", np.head, w.span_text(*np.category))
            concept = self.view.covering(text, q, unit)
            return Assignment(q, concept, label=None if concept else label(text.split()), span=span)
        concept = self.view.in_span(q, start, end, unit)
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
        """"40 ones for ...", "and 51 more to ...", "42.3 million in ...", "with 119,500 completed":
        the noun of the count before (its unit too, when the count is a list item without a noun)."""
        q = self.qs[i]
        before = next((a for k in range(i - 1, -1, -1) for a in self.done.get(k, []) if self._counts_things(a.q)), None)
        ellipsis = _ELLIPSIS.match(self.text, q.end)
        unit = (before.unit or before.q.unit or None) if before is not None and ellipsis else None
        found = self.view.best(self.text, q)
        if found is not None:
            return Assignment(q, found[2], span=found[:2], unit=unit)
        if before is None:
            return self._measured(i)
        if before.indicator is not None:
            return Assignment(q, before.indicator, span=before.span, unit=unit)
        head = self._head_of(before) or (before.label or "").split()[-1:]
        return Assignment(q, label=label(head + self._rest(q)), unit=unit)

    def _rest(self, q: Quantity) -> list[str]:
        """What follows a count without a noun: "[40 ones] for stabilizing jobs", "[2.4 million] in X",
        "[33 ones] were included into X"."""
        w, c = self.words, cues()
        k = w.first_at(q.end)
        while k < len(w.toks) and (c.has("more", w.toks[k].low) or c.has("generic", w.toks[k].low)):
            k += 1
        post, category = qualifier(w, k, self.view.clause_end(self.text, q.end))
        run = category or post
        return w.span_text(*run).split() if run else []

    def _head_of(self, a: Assignment) -> list[str]:
        if a.q.unit and a.q.kind == "count":  # "54.61 million people participated ...": people
            return [self.words.toks[self.words.first_at(a.q.end) - 1].low]
        np = noun_after(self.words, a.q.end, len(self.text))
        return [np.head] if np is not None else []

    # ---------------------------------------------------------------- amounts, percents, ...

    def _measured(self, i: int) -> Assignment:
        q = self.qs[i]
        lo = self.view.clause_start(self.text, q.start)
        span = subject_before(self.words, q.start, lo, verb=False)  # "completed the plans two months in advance"
        if span is not None and self._generic(span):
            span = None
        found = self.view.best(self.text, q, after=self._object_of(q) if span is None else None)
        if found is not None and not self._narrowed(found, span):
            return Assignment(q, found[2], span=found[:2])
        hi = self.view.clause_end(self.text, q.end)
        if q.unit in cues().level_units and _OF_AFTER.match(self.text, q.end):
            obj = object_after(self.words, q.end, hi)  # "1,867 hectares of land not used efficiently"
            if obj is not None:
                return self._labelled(q, obj, None)
        if span is not None:
            return self._from_subject(q, span)
        obj = object_after(self.words, q.end, hi)
        if obj is not None:
            return self._labelled(q, obj, None)
        return Assignment(q, label=self._verb_label(q))

    def _object_of(self, q: Quantity) -> int | None:
        """Where the verb starts when the number is the object of "we <verb>" or "and <verb>"
        ("we issued ... and provided 310 million yuan in subsidies"): what the clause named before
        that verb is not what the number measures."""
        w = self.words
        j = verb_group_start(w, q.start, 0)
        if j == 0 or j >= len(w.toks) or w.toks[j].start >= q.start:
            return None
        before = w.toks[j - 1].low
        return w.toks[j].start if before in ("and", "then") or cues().has("pronoun", before) else None

    def _generic(self, span: tuple[int, int]) -> bool:
        """"a total of", "the goal of": a subject whose head names nothing ("the investment in it"
        names the investment)."""
        toks = [t for t in self.words.toks[span[0] : span[1]] if t.is_word]
        if not toks:
            return True
        if not cues().has("generic", toks[-1].low):
            return False
        # "a settlement amount": a word before the head says what it is; "insist on the goal": it does not
        before = toks[-2].low if len(toks) > 1 else ""
        return not before or cues().has("determiner", before)

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
        scales = lexicon().words["scale"]
        unit_words = [w for w in re.findall(r"[A-Za-z]+", q.text) if w.lower() not in scales]
        return label(([verb] if verb and not cues().has("stop", verb) else []) + unit_words)

    # ---------------------------------------------------------------- ranks

    def _rank(self, i: int) -> list[Assignment]:
        q = self.qs[i]
        if i and self.done.get(i - 1) and self._ranks_figure(i):
            group = self._group_before(i)
            return [replace(a, q=q, unit=None) for k in group for a in self.done.get(k, [])]
        chain = self._chain(i)
        head = self.qs[i - chain[0]] if chain else q  # "X and Y ranked first and third": the subject of "ranked first"
        lo = self.view.clause_start(self.text, head.start)
        span = subject_before(self.words, head.start, lo, verb=False)
        if _BOTH.search(self.text[: q.start]):
            hard = max(self.view.clause_start(self.text, q.start, soft=False), self.qs[i - 1].end if i else 0)
            whole = list_subject(self.words, q.start, hard, verb=False)
            items = self._items(whole) if whole else []
            if len(items) > 1:
                return [self._item(q, items, k) for k in range(len(items))]
        if span is not None and not self.view.is_entity(self.words, span):
            return [self._rank_subject(q, span)]
        return [self._rank_scope(q, span, chain)]

    def _ranks_figure(self, i: int) -> bool:
        """"reached 93.36 billion yuan, ranking second": a rank with no subject of its own ranks the
        figure before it in its sentence."""
        prev, q = self.qs[i - 1], self.qs[i]
        gap = self.text[prev.end : q.start]
        if _RANK_GAP.match(gap):
            return True
        if len(gap) > DEPENDENT_GAP or re.search(r"[;:]", gap) or not re.search(r",\s*(?:and\s+)?$|\(\s*$", gap):
            return False
        return subject_before(self.words, q.start, prev.end, verb=False) is None

    def _group_before(self, i: int) -> list[int]:
        """The figure before a rank, or all figures of a list when "both"/"respectively" joins them."""
        gap = self.text[self.qs[i - 1].end : self.qs[i].start]
        if re.search(r"\b(?:both|all|each)\b", gap, re.I):
            return [k for k in self._run(i - 1) if self.done.get(k)]
        return [i - 1]

    def _chain(self, i: int) -> tuple[int, int] | None:
        """"X and Y ranked first and third respectively": (position of this rank in the chain, length)."""
        members = self._joined(i, lambda a, b: a.kind == b.kind == "rank"
                               and _CHAIN_GAP.match(self.text[a.end : b.start]))
        return (members.index(i), len(members)) if len(members) > 1 else None

    def _rank_subject(self, q: Quantity, span: tuple[int, int]) -> Assignment:
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
