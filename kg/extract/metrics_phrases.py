"""Reading indicator phrases around a number: the words of a sentence and the noun phrases in it.

The reports name what a number measures in a few ways, each read here from the words alone:

* the subject before the verb: "the penetration rate of new energy vehicles has reached 41.4%"
  (``subject_before`` skips the verb group "has reached" and reads the noun phrase before it);
* the thing counted after a count: "420 new high-tech enterprises were recognised"
  (``noun_after``: the noun phrase, its head word and what follows it: "for ...", "were ...");
* the object after an amount whose verb has no subject of its own: "obtained 6.76 billion
  yuan through policy-based financial instruments" (``object_after``);
* the items of a coordinated subject: "Sales of A, B and C surged by 3%, 5% and 8%
  respectively" (``conjuncts``).

Offsets are offsets into the sentence string given to ``Words``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .metrics_cues import cues

# words (a number joined to a word by a hyphen is a word: "10-minute"), numbers, punctuation marks
TOKEN = re.compile(r"\d+(?:\.\d+)?-[A-Za-z][A-Za-z0-9'’\-&]*|\d+[A-Za-z][A-Za-z0-9]*|[A-Za-z][A-Za-z0-9'’\-&]*"
                   r"|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")
QUOTES = frozenset("“”\"‘’'«»「」")
# a past participle or gerund followed by one of these is a verb, not a word of a noun phrase
_OBJECT_START = frozenset("the a an its our their this these that those his her".split())
_IRREGULAR_PAST = frozenset("built won made became went took set held began saw got gave brought kept led put "
                            "grew rose fell hit spent sold bought".split())
MAX_NP = 20  # words of a noun phrase (subjects with long "of" complements)
MAX_POST = 7  # words after its head ("for stabilizing economic development")


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        """Words, and numbers glued to letters ("10-minute", "5G")."""
        return self.text[0].isalpha() or any(ch.isalpha() for ch in self.text)

    @property
    def is_num(self) -> bool:
        return self.text[0].isdigit() and not self.is_word

    @property
    def is_quote(self) -> bool:
        return self.text in QUOTES


class Words:
    """The tokens of one sentence (words, numbers, punctuation marks) with lookups by offset."""

    def __init__(self, text: str):
        self.text = text
        self.toks = [Tok(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        self._starts = [t.start for t in self.toks]

    def first_at(self, pos: int) -> int:
        """Index of the first token that starts at or after ``pos``."""
        return bisect.bisect_left(self._starts, pos)

    def last_before(self, pos: int) -> int:
        """Index of the last token that ends at or before ``pos`` (-1 if none)."""
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0 and self.toks[i].end > pos:
            i -= 1
        return i

    def span_text(self, i: int, j: int) -> str:
        """The phrase made of tokens i..j-1: words as written, quotes dropped."""
        words = [t.text for t in self.toks[i:j] if not t.is_quote]
        return " ".join(words).replace(" ’s", "’s").replace(" 's", "'s").replace(" ,", ",")


def label(words: list[str]) -> str | None:
    """A local indicator label from words: lower case, determiners and joiners trimmed at both ends."""
    c = cues()
    while words and (c.has("determiner", words[0]) or words[0].lower() in ("and", "or", "of", "with")):
        words = words[1:]
    while words and words[-1].lower() in ("and", "or", "of", "the", "a", "an", "with", "in", "for", "to"):
        words = words[:-1]
    text = " ".join(w for w in words if w not in QUOTES and not c.has("aux", w)).lower().replace(" ,", ",")
    return text.strip(" ,") or None


def is_verb_form(words: Words, i: int, strict: bool = False) -> bool:
    """A participle, gerund or past tense that opens a verb phrase: "driving the investment", "built an ...".

    ``strict`` (reading backwards): only after punctuation, "and" or a pronoun, so that a
    participle inside a phrase ("countries jointly building the Belt and Road") stays in it."""
    t = words.toks[i]
    low = t.low
    verbal = (low.endswith(("ed", "ing")) and len(low) > 4 and t.text[0].islower()) or low in _IRREGULAR_PAST
    if not verbal or i + 1 >= len(words.toks):
        return False
    nxt = words.toks[i + 1]
    if not (nxt.is_num or nxt.low in _OBJECT_START or cues().has("pronoun", nxt.low)):
        return False
    if not strict or i == 0:
        return True
    before = words.toks[i - 1]
    return not before.is_word or before.low in ("and", "or", "then") or cues().has("pronoun", before.low)


def verb_word(low: str) -> bool:
    """A verb of the cue list, also in its third-person form ("exceeds", "reaches")."""
    c = cues()
    if c.has("verb", low):
        return True
    return low.endswith("s") and (c.has("verb", low[:-1]) or (low.endswith("es") and c.has("verb", low[:-2])))


def _skippable(tok: Tok) -> bool:
    """Words of the verb group between a subject and its number: "has reached", "increased by about"."""
    c = cues()
    low = tok.low
    if verb_word(low) or c.has("aux", low) or c.has("share_verb", low):
        return True
    return tok.text[0].islower() and len(low) > 4 and low.endswith(("ly", "ed", "ing"))  # not "Beijing"


def verb_group_start(words: Words, pos: int, lo: int) -> int:
    """Index of the first token after the subject: the verb group before ``pos`` is skipped."""
    i = words.last_before(pos)
    while i >= 0 and words.toks[i].start >= lo and words.toks[i].is_word and _skippable(words.toks[i]):
        i -= 1
    return i + 1


def subject_before(words: Words, pos: int, lo: int, verb: bool = True) -> tuple[int, int] | None:
    """Token range [i, j) of the noun phrase a number at ``pos`` is said of, or None.

    The verb group right before the number is skipped; the phrase then runs back to
    punctuation, a pronoun subject, a verb or a clause joiner ("with", "while", ...). A subject
    is followed by its verb: with ``verb``, a phrase right before the number is none ("rectify
    10,000 enterprises"); ranks carry their verb ("the index ranking second"): ``verb=False``.
    """
    j = verb_group_start(words, pos, lo)
    if verb and j >= words.first_at(pos):
        return None
    i = j
    c = cues()
    if j > 0 and j < len(words.toks) and words.toks[j - 1].low in ("and", "or") and _verbal(words, j):
        return None  # "... and reclaimed 1,867 hectares": the subject is that of the first verb
    n = 0
    while i > 0 and n < MAX_NP:
        t = words.toks[i - 1]
        if t.start < lo or not (t.is_word or t.is_quote or _per_number(words, i - 1)):
            break
        low = t.low
        if c.has("np_stop", low) or c.has("aux", low) or (c.has("pronoun", low) and not _after_prep(words, i - 1)):
            break
        if (c.has("verb", low) and not c.has("np_ok", low)) or is_verb_form(words, i - 1, strict=True):
            break
        if low.endswith("ing") and t.text[0].islower() and i > 1 and words.toks[i - 2].text in (",", ";", ":"):
            break  # ", reducing corporate burdens by ...": a participle clause, not part of the name
        if i > 1 and words.toks[i - 2].is_num and t.text[0].islower() and _unit_word(low):
            break  # "41.8 percent of meetings and ...": the unit of the number before
        n += t.is_word
        i -= 1
    i, j = _trim(words, i, j)
    return (i, j) if i < j else None


def list_subject(words: Words, pos: int, lo: int, verb: bool = True) -> tuple[int, int] | None:
    """``subject_before``, extended back over the items of a list: "Sales of A, B and C surged by"."""
    span = subject_before(words, pos, lo, verb)
    if span is None:
        return None
    i, j = span
    while True:
        k = i
        while k > 0 and (words.toks[k - 1].low in ("and", "or") or cues().has("determiner", words.toks[k - 1].low)):
            k -= 1
        if k < 2 or words.toks[k - 1].text != "," or not any(t.low in ("and", "or") for t in words.toks[k - 1 : j]):
            break
        k -= 1
        n = 0
        while k > 0 and n < MAX_NP and _list_word(words, k - 1, lo):
            n += words.toks[k - 1].is_word
            k -= 1
        if _trim(words, k, i)[0] >= i:
            break
        i = _trim(words, k, j)[0]
    return i, j


def _list_word(words: Words, k: int, lo: int) -> bool:
    t = words.toks[k]
    if t.start < lo or not (t.is_word or t.is_quote):
        return False
    c = cues()
    low = t.low
    if c.has("np_stop", low) or c.has("aux", low) or c.has("pronoun", low):
        return False
    return not ((c.has("verb", low) and not c.has("np_ok", low)) or is_verb_form(words, k, strict=True))


def _per_number(words: Words, i: int) -> bool:
    """A number inside a phrase: "talents per 10,000 workers", a name: "the Double 11 Day"."""
    if not words.toks[i].is_num:
        return False
    if i > 0 and words.toks[i - 1].low in ("per", "every", "top"):
        return True  # "talents per 10,000 workers", "funds for the top 10 projects"
    if i > 0 and words.toks[i - 1].is_word and words.toks[i - 1].text[0].isupper():
        return True  # "Level 3.0", "Line 5"
    nxt = words.toks[i + 1] if i + 1 < len(words.toks) else None
    return nxt is not None and nxt.is_word and nxt.text[0].isupper()


def _after_prep(words: Words, i: int) -> bool:
    """A pronoun object of a preposition ("investment in it") belongs to the phrase."""
    return i > 0 and words.toks[i - 1].low in ("in", "of", "for", "to", "from", "on")


def _trim(words: Words, i: int, j: int) -> tuple[int, int]:
    c = cues()
    while i < j and (words.toks[i].is_quote or c.has("determiner", words.toks[i].low)
                     or words.toks[i].low in ("and", "or", "of", "to", "by", "in", "on", "at", "for")):
        i += 1
    while j > i and (words.toks[j - 1].is_quote or words.toks[j - 1].low in ("and", "or", "of", "the", "a", "an")):
        j -= 1
    return i, j


@dataclass(frozen=True)
class NounPhrase:
    """What a count counts: "2,284 high-consumption but low-efficiency enterprises ..."."""

    start: int  # token range of the noun phrase
    end: int
    head: str  # its last word, lower case ("enterprises")
    more: bool  # "more"/"new"/"additional" before it: the count is an increase
    post: tuple[int, int] | None  # token range of what follows ("for ...", "included into ...")
    category: tuple[int, int] | None  # "were selected as X": the token range of X


def noun_after(words: Words, pos: int, hi: int) -> NounPhrase | None:
    """The noun phrase that starts at ``pos`` (after "more", "new", ...), or None."""
    c = cues()
    i = words.first_at(pos)
    more = False
    while i < len(words.toks) and words.toks[i].start < hi and c.has("more", words.toks[i].low):
        more, i = True, i + 1
    start, j = i, i
    while j < len(words.toks) and words.toks[j].start < hi and j - start < MAX_NP:
        t = words.toks[j]
        if t.is_quote:
            j += 1
            continue
        if not t.is_word or _ends_np(words, j, start):
            break
        j += 1
    s, e = _trim_quotes(words, start, j)
    if s >= e:
        return None
    head = words.toks[e - 1].low
    post, category = qualifier(words, j, hi)
    return NounPhrase(s, e, head, more, post, category)


def _trim_quotes(words: Words, i: int, j: int) -> tuple[int, int]:
    while i < j and words.toks[i].is_quote:
        i += 1
    while j > i and words.toks[j - 1].is_quote:
        j -= 1
    return i, j


def _ends_np(words: Words, j: int, start: int) -> bool:
    """Does token j end a noun phrase read forwards from ``start``?"""
    c = cues()
    low = words.toks[j].low
    if low in ("and", "or"):
        return _coordination_ends(words, j, start)
    if c.has("stop", low) or c.has("aux", low) or c.has("pronoun", low):
        return True
    if low.endswith("ly") and j > start and j + 1 < len(words.toks) and words.toks[j + 1].low.endswith("ed"):
        return True  # "37,000 care beds newly provided"
    if low.endswith(("able", "ible")) and j > start and looks_plural(words.toks[j - 1].low):
        return True  # "kindergartens able to enrol 18,000 children"
    return j > start and is_verb_form(words, j)


def _coordination_ends(words: Words, j: int, start: int) -> bool:
    """"small and medium-sized enterprises" goes on; "schools and kindergartens", "3 A and 4 B" end."""
    if j == start or j + 1 >= len(words.toks):
        return True
    after = words.toks[j + 1]
    if not after.is_word or cues().has("determiner", after.low) or _number_word(after.low):
        return True
    return _verbal(words, j + 1)


def _verbal(words: Words, k: int) -> bool:
    """A word that starts a predicate: "and built five farms", "and reclaimed approximately ..."."""
    low = words.toks[k].low
    c = cues()
    if (c.has("verb", low) and not c.has("np_ok", low)) or low in _IRREGULAR_PAST or c.has("aux", low):
        return True
    if is_verb_form(words, k):
        return True
    if k + 1 < len(words.toks) and (words.toks[k + 1].is_num or words.toks[k + 1].low in _OBJECT_START):
        return True  # "and build 20 centres", "and build a system": a word right before its object is a verb
    if not (low.endswith("ed") and len(low) > 4) or "-" in low:
        return False
    nxt = words.toks[k + 1] if k + 1 < len(words.toks) else None
    return nxt is None or not nxt.is_word or nxt.low.endswith("ly") or c.has("stop", nxt.low)


def _unit_word(word: str) -> bool:
    from .numbers_lexicon import lexicon  # the number grammar's unit aliases

    return word in lexicon().suffix_alias


def _number_word(word: str) -> bool:
    from .numbers_lexicon import lexicon  # the number grammar's own list of number words

    return lexicon().has("cardinal", word)


def looks_plural(word: str) -> bool:
    """A plural noun ends a phrase before "and": "canteens and ...", not "small and ..."."""
    return word.endswith("s") and not word.endswith(("ss", "ous", "is", "us")) and len(word) > 3


def qualifier(words: Words, j: int, hi: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """What follows a counted noun: a prepositional phrase, or a verb phrase without its auxiliaries;
    and the X of "were selected as X"."""
    if j >= len(words.toks) or words.toks[j].start >= hi or not words.toks[j].is_word:
        return None, None
    if words.toks[j].low in ("and", "or"):
        return None, None
    c = cues()
    rest = words.text[words.toks[j].start : hi]
    for pattern in c.category:
        m = pattern.match(rest)
        if m:
            k = words.first_at(words.toks[j].start + m.end())
            return None, _phrase_run(words, k, hi)
    if not (c.has("stop", words.toks[j].low) or c.has("aux", words.toks[j].low)):
        return None, None  # "5 projects exceeding ...", "10 enterprises built ...": a verb, no qualifier
    k = j
    while k < len(words.toks) and words.toks[k].is_word and (
            c.has("aux", words.toks[k].low) or words.toks[k].low.endswith("ly")):
        k += 1
    run = _phrase_run(words, k, hi)
    if run is not None and k < run[0] and k == j and words.toks[k].low not in ("and", "or"):
        run = (k, run[1])  # keep the preposition: "places in public kindergartens"
    return run, None


def _phrase_run(words: Words, k: int, hi: int) -> tuple[int, int] | None:
    """Tokens from k up to punctuation, a number or MAX_POST words."""
    e = k
    while e < len(words.toks) and words.toks[e].start < hi and e - k < MAX_POST:
        t = words.toks[e]
        if not (t.is_word or t.is_quote) or cues().has("pronoun", t.low):
            break
        ends = e + 1 >= len(words.toks) or not words.toks[e + 1].is_word or _verbal(words, e + 1)
        if t.low in ("and", "or") and ends:
            break
        e += 1
    s, e = _trim(words, k, e) if e > k else (k, k)
    return (s, e) if e > s else None


def object_after(words: Words, pos: int, hi: int) -> tuple[int, int] | None:
    """The thing an amount is of, read after it: "of water", "through X", "to support X", "X"."""
    i = words.first_at(pos)
    if i < len(words.toks) and words.toks[i].start < hi and words.toks[i].low in (
            "of", "through", "from", "for", "in", "to", "on"):
        i += 1
    run = _phrase_run(words, i, hi)
    if run is None:
        return None
    first = words.toks[run[0]].low
    return None if first in ("and", "or") or cues().has("stop", first) else run


def conjuncts(words: Words, i: int, j: int) -> list[tuple[int, int]]:
    """The items of a coordinated phrase (token range): "A, B and C", "A and B"."""
    commas = [k for k in range(i, j) if words.toks[k].text == ","]
    items, s = [], i
    for k in commas:
        items.append((s, k))
        s = k + 1
    items.append((s, j))
    last_s, last_e = items.pop()
    ands = [k for k in range(last_s, last_e) if words.toks[k].low in ("and", "or")]
    if ands and commas:
        split = ands[-1]
    elif len(ands) == 1:
        split = ands[0]
    elif ands:
        split = next((k for k in ands if k + 1 < last_e and cues().has("determiner", words.toks[k + 1].low)), ands[-1])
    else:
        split = None
    if split is None:
        items.append((last_s, last_e))
    else:
        items += [(last_s, split), (split + 1, last_e)]
    return [r for r in (_trim(words, a, b) for a, b in items) if r[0] < r[1]]
