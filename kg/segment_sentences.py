"""Sentence boundaries inside a paragraph.

A sentence ends at . ! ? or … (with any closing quotes and brackets) followed by
space and a capital, a digit or an opening quote, or glued to the next sentence
by PDF extraction ("areas.We will"). Semicolons never end a sentence. The
period does not end a sentence after an abbreviation ("No. 1", "i.e."), after a
list marker ("as follows: 1. Improve"), inside a quotation that closes shortly
after, or inside a decimal split by a space ("29. 14-billion-yuan", "2. 1 times":
digits, ". ", digits, then a unit word; "top 100. 25 firms" is a boundary).
"""

from __future__ import annotations

import re

from .model import Sentence
from .segment_data import Lexicon
from .segment_lines import SPACE

_PUNCT = re.compile(r"[.!?…]+[”\"’)\]]*")
_OPENING = "“\"‘(["
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_INT_BEFORE = re.compile(r"(?<![\d,.])(\d{1,3})$")
_FRACTION = re.compile(r"\d+[\s\u00a0-]*(%|[A-Za-z]+)")
_LIST_MARKER_ALONE = re.compile(r"\(?(?:\d{1,2}|[IVXL]{1,7})")
_LIST_MARKER_AFTER = re.compile(r"(?<!\d)[:;][\s\u00a0]*\(?\d{1,2}$")  # not a ratio "1.56:1."
_QUOTE_WINDOW = 80
_LOOK_BACK = 40  # enough for any abbreviation or number before a period


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in SPACE


def _inside_quote(v: str, start: int, p_start: int, p_end: int) -> bool:
    """Is the period inside a quotation that closes within the next few words?"""
    closers = v[p_start:p_end]
    before = v[start:p_start]
    ahead = v[p_end : p_end + _QUOTE_WINDOW]
    if "”" not in closers and before.count("“") > before.count("”"):
        close = ahead.find("”")
        if close >= 0 and ahead.find("“", 0, close) < 0:
            return True
    if '"' not in closers and before.count('"') % 2 == 1:
        return '"' in ahead
    return False


def _period_continues(v: str, start: int, p_start: int, nxt: int, lexicon: Lexicon) -> bool:
    """After a single period: abbreviation, list marker or split decimal (no boundary)?"""
    head = v[max(0, p_start - _LOOK_BACK) : p_start]
    token = _TOKEN_BEFORE.search(head)
    if token:
        word = token.group(1)
        if word.lower() in lexicon.abbreviations or (len(word) == 1 and word.isupper()):
            return True
    if p_start - start <= 12 and _LIST_MARKER_ALONE.fullmatch(v[start:p_start].strip()):
        return True
    if _LIST_MARKER_AFTER.search(v, max(start, p_start - 8), p_start):
        return True
    integer = _INT_BEFORE.search(head)
    if integer and v[nxt].isdigit() and "\n" not in v[p_start:nxt]:
        fraction = _FRACTION.match(v, nxt)
        return bool(fraction) and fraction.group(1).lower() in lexicon.units
    return False


def _is_boundary(v: str, start: int, m: re.Match[str], lexicon: Lexicon) -> int | None:
    """Where the next sentence starts if the punctuation ``m`` ends one, else None."""
    p_start, p_end = m.span()
    nxt = p_end
    while nxt < len(v) and _is_space(v[nxt]):
        nxt += 1
    if nxt >= len(v):
        return None
    ch = v[nxt]
    if nxt > p_end:  # spaced: the next sentence starts with a capital, digit or quote
        if not (ch.isupper() or ch.isdigit() or ch in _OPENING):
            return None
    else:  # glued: "areas.We", "do?The"
        follow = v[nxt + 1 : nxt + 2]
        glued_word = v[p_start - 2 : p_start].isalpha() and v[p_start - 2 : p_start].islower() or v[p_start] in "!?"
        if not (ch.isupper() and follow.islower() and glued_word):
            return None
    punct = v[p_start:p_end].rstrip("”\"’)]")
    if punct == "." and _period_continues(v, start, p_start, nxt, lexicon):
        return None
    if _inside_quote(v, start, p_start, p_end):
        return None
    return nxt


def _trimmed(v: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_space(v[start]):
        start += 1
    while end > start and _is_space(v[end - 1]):
        end -= 1
    return start, end


def sentence_spans(v: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Tight [start, end) spans of the sentences of the text ``v``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _PUNCT.finditer(v):
        if m.start() < start:
            continue
        nxt = _is_boundary(v, start, m, lexicon)
        if nxt is None:
            continue
        s, e = _trimmed(v, start, m.end())
        if s < e:
            spans.append((s, e))
        start = nxt
    s, e = _trimmed(v, start, len(v))
    if s < e:
        spans.append((s, e))
    return spans


def split_sentences(text: str, parts: list[tuple[int, int]], lexicon: Lexicon) -> list[Sentence]:
    """Sentences of a paragraph made of ``parts`` of ``text``, as offsets into ``text``.

    The parts are read as one text joined by single spaces, so a sentence cut by a
    page break is one sentence; its span then covers the gap between the parts.
    """
    pieces = [text[s:e] for s, e in parts]
    virtual = " ".join(pieces)
    offsets, pos = [], 0
    for piece in pieces:
        offsets.append(pos)
        pos += len(piece) + 1

    def to_source(vi: int) -> int:
        k = max(i for i, o in enumerate(offsets) if o <= vi)
        return parts[k][0] + min(vi - offsets[k], parts[k][1] - parts[k][0] - 1)

    return [Sentence(to_source(s), to_source(e - 1) + 1) for s, e in sentence_spans(virtual, lexicon)]
