"""Cleaning layer: a normalised copy of ``Document.text`` with a map back to it.

Extractors match patterns more reliably on text without the noise of PDF and web
extraction (no-break spaces, "29. 14" for 29.14, "Covid- 19", "packagesto", page
furniture), but every Fact must quote the *source*. So ``clean`` never edits the
source: it returns a :class:`Cleaned` whose ``text`` is the normalised copy and
whose offset map turns any cleaned range back into the source range it came from
(``source_span``). ``Document.text`` stays the single reference for offsets.

The rules run in this order (each is a small named rule; the data lives in
``kg/data/debris.txt`` and ``kg/data/clean_words.toml``):

1. ``one-to-one`` (length preserving, so no map entry): no-break, ideographic, tab
   and other Unicode spaces and private-use glyphs (PDF bullets) become " "; curly
   quotes become ' and "; full-width ASCII becomes ASCII; U+2028/U+2029/U+0085
   become "\\n". Missing apostrophes ("Partys") cannot be restored and are not.
2. ``debris``: whole lines of page/web furniture (patterns in debris.txt, plus
   lines written mostly in CJK inside an English text) are removed with their line
   break. ``debris_spans`` exposes them so segmentation can skip them too.
3. Space rules over what is left (three literal-led regex scans): ``line-break`` ("\\r\\n", "\\r" -> "\\n"),
   ``invisible`` (zero-width characters, soft hyphens: removed), ``decimal-space``
   ("29. 14-billion" -> "29.14-billion"), ``hyphen-digit`` ("Covid- 19" ->
   "Covid-19"), ``edge-space`` (spaces at line start/end: removed) and
   ``space-run`` (two or more spaces -> one).
4. Glue splits insert one space: ``glue-digits`` ("valued423.34"), ``glue-case``
   ("ZhejiangProvince") and ``glue-word`` ("packagesto", "Facingthe").

The map is a list of pieces, each a cleaned range and the source range it came
from: either *linear* (same length, character for character) or a single cleaned
character standing for a whole source range (a collapsed run, an inserted space
with an empty source range). Deleted source text lies between pieces. Only edited
places create pieces, so the map stays small and lookups are a bisect.
"""

from __future__ import annotations

import re
import tomllib
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .errors import DataError

RULES = (
    "linear", "line-break", "invisible", "decimal-space", "hyphen-digit", "edge-space",
    "space-run", "debris", "glue-digits", "glue-case", "glue-word",
)  # fmt: skip
_RULE_ID = {name: i for i, name in enumerate(RULES)}


# Rule 1, one-to-one: single characters replaced by single characters, so offsets
# do not move. Plain characters go through str.replace (a fast scan each); the two
# ranges (private use, full-width ASCII) through one regex with a lookup.
_ONE_TO_ONE_CHARS: tuple[tuple[str, str], ...] = (
    *((ch, " ") for ch in "\u00a0\u3000\t\u1680\u202f\u205f" + "".join(map(chr, range(0x2000, 0x200B)))),
    *((ch, "'") for ch in "\u2018\u2019\u201a\u201b\u2032"),
    *((ch, '"') for ch in "\u201c\u201d\u201e\u201f\u2033"),
    *((ch, "\n") for ch in "\u2028\u2029\u0085"),
)
# private use: symbol-font bullets from PDFs; full-width ASCII: "，", "：", "６％"
_ONE_TO_ONE_RANGES = re.compile("[\ue000-\uf8ff\uff01-\uff5e]")


def _range_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    return " " if code < 0xF900 else chr(code - 0xFEE0)


def normalize_chars(text: str) -> str:
    """Rule 1 alone: the one-to-one replacements (same length as ``text``)."""
    if text.isascii():
        return text.replace("\t", " ")
    for ch, repl in _ONE_TO_ONE_CHARS:
        if ch in text:
            text = text.replace(ch, repl)
    return _ONE_TO_ONE_RANGES.sub(_range_char, text)


# ---------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return (resources.files("kg") / "data" / name).read_text(encoding="utf-8")


def _load_debris() -> re.Pattern[str]:
    patterns = []
    for number, line in enumerate(_data_text("debris.txt").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            re.compile(line)
        except re.error as e:
            raise DataError(f"line {number}: bad regex ({e})", path="kg/data/debris.txt") from e
        patterns.append(f"(?:{line})")
    return re.compile("|".join(patterns), re.IGNORECASE)


_GLUE_KEYS = {
    "word", "position", "min_rest", "lower_only", "rest_endings", "keep_endings",
    "next_letters", "keep_words",
}  # fmt: skip
_SECTIONS = {"decimal", "letters_digits", "digits_letters", "camel", "glue"}


@dataclass(frozen=True, slots=True)
class GlueRule:
    """One function word that PDF extraction glues to its neighbour (see clean_words.toml)."""

    word: str
    position: str  # "suffix" | "prefix"
    min_rest: int
    lower_only: bool = False
    rest_endings: tuple[str, ...] = ()
    keep_endings: tuple[str, ...] = ()
    next_letters: str = ""
    keep_words: frozenset[str] = frozenset()

    def split(self, piece: str) -> int | None:
        """Offset in ``piece`` where a space belongs, or None if this rule does not apply."""
        if self.lower_only and not piece[:1].islower():
            return None
        if piece.lower() in self.keep_words or len(piece) < len(self.word) + self.min_rest:
            return None
        if self.position == "prefix":
            rest = piece[len(self.word) :]
            ok = piece.startswith(self.word) and rest.islower() and rest[0] in self.next_letters
            return len(self.word) if ok else None
        rest = piece[: -len(self.word)]
        if not piece.endswith(self.word) or not rest[-1].islower():
            return None
        low = rest.lower()
        if self.rest_endings and not low.endswith(self.rest_endings):
            return None
        if low.endswith(self.keep_endings):
            return None
        return len(rest)


def _load_words() -> dict:
    path = "kg/data/clean_words.toml"
    try:
        data = tomllib.loads(_data_text("clean_words.toml"))
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"not valid TOML ({e})", path=path) from e
    if set(data) != _SECTIONS:
        raise DataError(f"expected sections {sorted(_SECTIONS)}, found {sorted(data)}", path=path)
    rules = []
    for entry in data["glue"]:
        unknown = set(entry) - _GLUE_KEYS
        if unknown or entry.get("position") not in ("suffix", "prefix"):
            raise DataError(f"bad [[glue]] entry for {entry.get('word')!r}: {sorted(unknown)}", path=path)
        rules.append(
            GlueRule(
                word=entry["word"], position=entry["position"], min_rest=entry["min_rest"],
                lower_only=entry.get("lower_only", False),
                rest_endings=tuple(entry.get("rest_endings", ())),
                keep_endings=tuple(entry.get("keep_endings", ())),
                next_letters=entry.get("next_letters", ""),
                keep_words=frozenset(entry.get("keep_words", ())),
            )  # fmt: skip
        )
    data["glue"] = tuple(rules)
    followers = [w.lower() for w in data["decimal"]["followers"]]
    if len(set(followers)) != len(followers):
        raise DataError("duplicate word in [decimal] followers", path=path)
    data["decimal"]["followers"] = frozenset(followers)
    return data


_DEBRIS_RE = _load_debris()
_WORDS = _load_words()
_GLUE_RULES: tuple[GlueRule, ...] = _WORDS["glue"]
_FOLLOWERS: frozenset[str] = _WORDS["decimal"]["followers"]
_LD = _WORDS["letters_digits"]
_DL = _WORDS["digits_letters"]
_LD_KEEP = frozenset(t.lower() for t in _LD["keep_tokens"])
_DL_KEEP = frozenset(t.lower() for t in _DL["keep_suffixes"])
_CAMEL_KEEP = frozenset(_WORDS["camel"]["keep_tokens"])
_CAMEL_PREFIXES = frozenset(_WORDS["camel"]["keep_prefixes"])

# ---------------------------------------------------------------- debris

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
_CJK_RE = re.compile(r"[\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_MAX_DEBRIS_LINE = 200
# A CJK character carries about as much as a short English word, so a line counts
# as written in Chinese when its CJK characters are at least a third of its Latin
# letters ("Produced By 大汉网络 ..."); a Chinese name in brackets inside an English
# sentence stays far below that.
_CJK_WEIGHT = 3


def _is_debris_line(line: str, english: bool) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_DEBRIS_LINE:
        return False
    if _DEBRIS_RE.fullmatch(stripped):
        return True
    if english and not stripped.isascii():
        cjk = len(_CJK_RE.findall(stripped))
        return cjk > 0 and cjk * _CJK_WEIGHT >= len(_LATIN_RE.findall(stripped))
    return False


def _debris(t1: str) -> list[tuple[int, int]]:
    cjk = len(_CJK_RE.findall(t1))
    english = cjk * _CJK_WEIGHT < len(t1) - cjk  # the CJK line rule only applies to non-CJK texts
    spans: list[tuple[int, int]] = []
    for m in _LINE_RE.finditer(t1):
        start, end = m.span()
        if start == end:
            break
        if end - start <= _MAX_DEBRIS_LINE + 2 and _is_debris_line(m.group(), english):
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def debris_spans(text: str) -> list[tuple[int, int]]:
    """Source ranges of page/web furniture lines (each with its line break), merged."""
    return _debris(normalize_chars(text))


# ---------------------------------------------------------------- space rules

# Each pattern starts with a literal or a character set, so the regex engine skips
# ahead in C; alternatives that start with a look-behind would be tried at every
# position and were 20x slower. A space run is only matched where it may need an
# edit: after a line break, ".", "-"; before a line break, a digit or the end; or
# when it is two or more spaces. Single spaces between words are never visited.
_SPACE_RE = re.compile(r"\ (?:(?<![^\n\r.\-]\ )|(?=[\ \r\n0-9])|\Z)\ *")
_LINE_BREAK_RE = re.compile(r"\r\n?")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_FOLLOWER_RE = re.compile(r"(\d{1,2})(?:[%‰]|-[A-Za-z]|\ +([A-Za-z$]+))")


def _decimal_ok(t1: str, dot: int, frac: int) -> bool:
    """Is "<int>. <frac>" at ``dot`` a decimal that PDF extraction split?

    A sentence that ends with a number and a sentence that starts with one look
    alike ("... top 500. 47 companies ..." vs "USD 3. 16 billion"). The language
    tells them apart: a split decimal keeps its quantity context (the fraction is
    1-2 digits followed by %, a hyphenated compound "14-billion-yuan" or a unit or
    scale word), while a new sentence goes on with the thing counted. A 4-digit
    integer is a year ending a sentence ("in 2022. 15 projects"), and an integer
    alone at the start of a line is a list number ("2. 10 billion yuan ...").
    """
    start = dot
    while start > 0 and t1[start - 1].isdigit():
        start -= 1
    if not 1 <= dot - start <= 3 or (start > 0 and (t1[start - 1].isalnum() or t1[start - 1] in ",.")):
        return False
    line_start = t1.rfind("\n", 0, start) + 1
    if not t1[line_start:start].strip():
        return False
    m = _FOLLOWER_RE.match(t1, frac)
    if not m or (m.end(1) < len(t1) and t1[m.end(1)].isdigit()):
        return False
    return m.group(2) is None or m.group(2).lower() in _FOLLOWERS


def _space_rule(t1: str, a: int, b: int) -> str | None:
    """Which rule edits the space run t1[a:b] (None: leave it)."""
    before = t1[a - 1] if a else "\n"
    after = t1[b] if b < len(t1) else "\n"
    if before in "\r\n" or after in "\r\n":
        return "edge-space"
    if after.isdigit():
        if before == "." and b - a <= 2 and _decimal_ok(t1, a - 1, b):
            return "decimal-space"
        if before == "-" and a >= 2 and (t1[a - 2].isalnum()):
            return "hyphen-digit"
    return "space-run" if b - a >= 2 else None


def _space_edits(t1: str, start: int, end: int, out: list) -> None:
    """Rule 3: line breaks, invisible characters and spaces in t1[start:end]."""
    for m in _SPACE_RE.finditer(t1, start, end):
        rule = _space_rule(t1, *m.span())
        if rule is not None:
            out.append((*m.span(), " " if rule == "space-run" else "", _RULE_ID[rule]))
    if t1.find("\r", start, end) >= 0:
        for m in _LINE_BREAK_RE.finditer(t1, start, end):
            out.append((*m.span(), "\n", _RULE_ID["line-break"]))
    if any(t1.find(ch, start, end) >= 0 for ch in _INVISIBLE):
        for m in _INVISIBLE_RE.finditer(t1, start, end):
            out.append((*m.span(), "", _RULE_ID["invisible"]))


# ---------------------------------------------------------------- glue rules

_RUN_RE = re.compile(r"[A-Za-z]+|[0-9]+(?:\.[0-9]+)*")
_CAMEL_RE = re.compile(r"(?<=[a-z][a-z])(?=[A-Z])")
_TOKEN_RE = re.compile(r"(?:[A-Za-z0-9]|(?<=\d)\.(?=\d))+")
_SUFFIX_WORDS = sorted({r.word for r in _GLUE_RULES if r.position == "suffix"})
_PREFIX_WORDS = sorted({r.word for r in _GLUE_RULES if r.position == "prefix"})
# Where a glued token may be: one pattern per kind, each starting with a literal or
# a set so that the engine skips ahead in C (see _SPACE_RE).
_GLUE_HINTS = (
    re.compile(r"[0-9](?:[a-z]{3}|(?<=[A-Za-z][0-9]))"),  # "valued423", "240proposals"
    re.compile(r"[A-Z](?<=[a-z][a-z][A-Z])"),  # "ZhejiangProvince"
    re.compile("(?:" + "|".join(f"{w}(?<=[a-z]{w})" for w in _SUFFIX_WORDS) + ")(?![A-Za-z0-9])"),
    re.compile("(?:" + "|".join(f"{w}[a-z](?<![A-Za-z0-9]{w}[a-z])" for w in _PREFIX_WORDS) + ")"),
)
_NO_GLUE_BEFORE = frozenset("/@\\:._")
_NO_GLUE_AFTER = frozenset("/@\\_")


def _word_splits(piece: str) -> list[int]:
    """Function-word splits inside one run of letters (offsets into ``piece``)."""
    points, lo, hi = [], 0, len(piece)
    for rule in _GLUE_RULES:
        at = rule.split(piece[lo:hi])
        if at is None:
            continue
        points.append(lo + at)
        if rule.position == "prefix":
            lo += at
        else:
            hi = lo + at
    return points


@lru_cache(maxsize=1 << 16)
def split_points(token: str) -> tuple[tuple[int, int], ...]:
    """Where to insert a space in a glued ``token``: (offset, rule id) pairs, sorted.

    ``token`` is one run of ASCII letters and digits (digits may hold inner dots).
    """
    points: list[tuple[int, int]] = []
    runs = list(_RUN_RE.finditer(token))
    for prev, run in zip(runs, runs[1:]):
        p, r = prev.group(), run.group()
        if p[0].isalpha():  # letters -> digits: "valued423.34", not "PM2.5", "G60"
            if len(p) >= _LD["min_letters"] and not p.isupper() and token.lower() not in _LD_KEEP:
                points.append((run.start(), _RULE_ID["glue-digits"]))
        elif r.islower() and len(r) >= _DL["min_letters"] and r not in _DL_KEEP:
            points.append((run.start(), _RULE_ID["glue-digits"]))  # "240proposals", not "15th"
    for run in runs:
        letters = run.group()
        if not letters[0].isalpha():
            continue
        bounds = [0]
        if letters not in _CAMEL_KEEP:
            cuts = (m.start() for m in _CAMEL_RE.finditer(letters))
            bounds += [at for at in cuts if letters[:at] not in _CAMEL_PREFIXES]
        for at in bounds[1:]:
            points.append((run.start() + at, _RULE_ID["glue-case"]))
        for lo, hi in zip(bounds, bounds[1:] + [len(letters)]):
            for at in _word_splits(letters[lo:hi]):
                points.append((run.start() + lo + at, _RULE_ID["glue-word"]))
    return tuple(sorted(set(points)))


def _token_start(t1: str, i: int, start: int) -> int:
    """Start of the letters/digits token around index ``i`` (digits may hold a '.')."""
    while i > start:
        ch = t1[i - 1]
        if not (ch.isascii() and ch.isalnum()) and not (
            ch == "." and i - 2 >= start and t1[i - 2].isdigit() and t1[i].isdigit()
        ):
            break
        i -= 1
    return i


def _glue_edits(t1: str, start: int, end: int, out: list) -> None:
    """Rule 4: spaces inserted into glued tokens of t1[start:end]."""
    hints = sorted({m.start() for rx in _GLUE_HINTS for m in rx.finditer(t1, start, end)})
    done = start
    for hint in hints:
        if hint < done:
            continue
        a = _token_start(t1, hint, start)
        m = _TOKEN_RE.match(t1, a, end)
        if m is None:
            continue
        done = m.end()
        if (a > start and t1[a - 1] in _NO_GLUE_BEFORE) or (done < end and t1[done] in _NO_GLUE_AFTER):
            continue  # URLs, e-mail addresses, file names
        for at, rule in split_points(m.group()):
            out.append((a + at, a + at, " ", rule))


# ---------------------------------------------------------------- the map


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned text plus the piecewise map back to the source (see module docstring)."""

    text: str = field(repr=False)
    source_length: int
    _c: array = field(repr=False)  # cleaned start of each piece
    _s: array = field(repr=False)  # source start of each piece
    _e: array = field(repr=False)  # source end of each piece
    _rule: array = field(repr=False)  # RULES index of each piece (0: linear)

    def __len__(self) -> int:
        return len(self.text)

    def _piece(self, i: int) -> int:
        if not 0 <= i <= len(self.text):
            raise IndexError(f"cleaned index {i} outside 0..{len(self.text)}")
        return bisect_right(self._c, i) - 1

    def to_source(self, i: int) -> int:
        """Source index of cleaned character ``i``; ``len(text)`` maps to the end of the
        last kept source character (trailing debris is not part of any range)."""
        if i == len(self.text):
            return self._e[-1] if len(self._e) else 0
        j = self._piece(i)
        return self._s[j] + (i - self._c[j]) if self._rule[j] == 0 else self._s[j]

    def _char_end(self, i: int) -> int:
        j = self._piece(i)
        return self._s[j] + (i - self._c[j]) + 1 if self._rule[j] == 0 else self._e[j]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source range [s, e) holding exactly the characters of cleaned range [start, end)."""
        if start >= end:
            at = self.to_source(start)
            return at, at
        return self.to_source(start), self._char_end(end - 1)

    def from_source(self, i: int) -> int:
        """Cleaned index nearest to source index ``i`` (deleted text maps to where it was)."""
        j = bisect_right(self._s, i) - 1
        if j < 0:
            return 0
        length = (self._c[j + 1] if j + 1 < len(self._c) else len(self.text)) - self._c[j]
        if self._rule[j] == 0:
            return self._c[j] + min(i - self._s[j], length)
        return self._c[j] + (length if i >= self._e[j] else 0)

    def rule_at(self, i: int) -> str | None:
        """Name of the rule that produced cleaned character ``i`` (None: copied)."""
        j = self._piece(i)
        return RULES[self._rule[j]] if self._rule[j] else None


def clean(text: str) -> Cleaned:
    """Normalise ``text`` for extraction; linear in its length."""
    t1 = normalize_chars(text)
    edits: list[tuple[int, int, str, int]] = []
    pos = 0
    for a, b in _debris(t1) + [(len(t1), len(t1))]:
        _space_edits(t1, pos, a, edits)
        _glue_edits(t1, pos, a, edits)
        if b > a:
            edits.append((a, b, "", _RULE_ID["debris"]))
        pos = b
    edits.sort()
    return _build(t1, edits)


def _build(t1: str, edits: list[tuple[int, int, str, int]]) -> Cleaned:
    chunks: list[str] = []
    c, s, e, rule = array("q"), array("q"), array("q"), array("b")
    pos = length = 0
    for a, b, repl, rid in edits + [(len(t1), len(t1), "", 0)]:
        if a > pos:
            chunks.append(t1[pos:a])
            c.append(length), s.append(pos), e.append(a), rule.append(0)
            length += a - pos
        if repl:
            chunks.append(repl)
            c.append(length), s.append(a), e.append(b), rule.append(rid)
            length += 1
        pos = max(pos, b)
    return Cleaned("".join(chunks), len(t1), c, s, e, rule)
