"""Load and validate the data of the number grammar: kg/data/units.tsv and kg/data/number_words.tsv.

Units, scale words, number words and the cue words around numbers are data, not Python
branches: adding a unit or a comparator phrase is a one-line data change. Both files are
read once (``lexicon()`` is cached) and checked on load: unknown kinds, bad values,
duplicate words and aliases claimed by two units raise ``DataError`` naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources import files

from ..errors import DataError

UNIT_KINDS = ("amount", "percent", "points", "multiple", "ratio", "count")
COMPOUND_RULES = ("round", "class", "amount")
COMPARATORS = ("approx", "gt", "ge", "lt", "le")
WORD_KINDS = (
    "cardinal", "multiplier", "scale", "ordinal", "fraction", "month", "comparator",
    "comparator_after", "direction", "rank_verb", "rank_top", "rank_place", "scope_prep",
    "scope_stop", "label", "label_after", "class_suffix", "period_cue", "year_prep", "vague",
)
NUMERIC_KINDS = ("cardinal", "multiplier", "scale", "ordinal", "fraction", "month")
CASE_SENSITIVE_KINDS = ("month", "label")
UNITS_HEADER = ["code", "kind", "iri", "split", "compound", "prefix", "suffix"]
WORDS_HEADER = ["kind", "word", "value"]

_WS = re.compile(r"\s+")


def norm(phrase: str) -> str:
    """Lookup key of a phrase as written: lower-case, any whitespace run (NBSP too) -> one space."""
    return " ".join(phrase.split()).lower()


@dataclass(frozen=True)
class Unit:
    code: str
    kind: str  # Quantity.kind of numbers in this unit
    iri: str | None  # QUDT IRI, None where QUDT has no such unit
    split: bool  # "29. 14 <unit>" may be a decimal split by a space
    compound: str  # how "N-<unit> <noun>" reads: see units.tsv header
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, Unit]  # code -> Unit
    prefix_alias: dict[str, str]  # norm(alias) -> code
    suffix_alias: dict[str, str]  # norm(alias) -> code
    words: dict[str, dict[str, str]]  # kind -> {norm(word): value}
    written: dict[str, tuple[str, ...]]  # kind -> words as written in the file (for regexes)
    numbers: dict[str, dict[str, Decimal]]  # numeric kinds -> {norm(word): value}

    def value(self, kind: str, phrase: str) -> Decimal:
        return self.numbers[kind][norm(phrase)]

    def has(self, kind: str, phrase: str) -> bool:
        return norm(phrase) in self.words[kind]


UNITS_PATH = "kg/data/units.tsv"
WORDS_PATH = "kg/data/number_words.tsv"


def _rows(text: str, header: list[str], path: str) -> list[tuple[int, list[str]]]:
    """Data rows of a TSV text (comments and blank lines skipped), with line numbers."""
    rows: list[tuple[int, list[str]]] = []
    seen_header = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not seen_header:
            if fields != header:
                raise DataError(f"line {lineno}: expected the header {'/'.join(header)}, got {line!r}", path=path)
            seen_header = True
            continue
        if len(fields) != len(header):
            raise DataError(f"line {lineno}: expected {len(header)} tab-separated fields, got {len(fields)}", path=path)
        rows.append((lineno, fields))
    if not rows:
        raise DataError("no data rows", path=path)
    return rows


def _aliases(field: str) -> tuple[str, ...]:
    return () if field == "-" else tuple(a for a in field.split("|"))


def _unit(lineno: int, f: list[str], path: str) -> Unit:
    code, kind, iri, split, compound, prefix, suffix = f
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]*", code):
        raise DataError(f"line {lineno}: bad unit code {code!r}", path=path)
    if kind not in UNIT_KINDS:
        raise DataError(f"line {lineno}: unknown kind {kind!r} (expected one of {', '.join(UNIT_KINDS)})", path=path)
    if iri != "-" and not iri.startswith("http://qudt.org/vocab/"):
        raise DataError(f"line {lineno}: iri must be a QUDT vocab IRI or -, got {iri!r}", path=path)
    if split not in ("yes", "no") or compound not in COMPOUND_RULES:
        raise DataError(f"line {lineno}: split must be yes/no and compound one of {COMPOUND_RULES}", path=path)
    aliases = _aliases(prefix) + _aliases(suffix)
    if any(not a or a != a.strip() for a in aliases):
        raise DataError(f"line {lineno}: empty alias or alias with outer spaces in {code}", path=path)
    return Unit(code, kind, None if iri == "-" else iri, split == "yes", compound, _aliases(prefix), _aliases(suffix))


def _load_units(text: str, path: str) -> tuple[dict[str, Unit], dict[str, str], dict[str, str]]:
    units: dict[str, Unit] = {}
    prefix_alias: dict[str, str] = {}
    suffix_alias: dict[str, str] = {}
    for lineno, fields in _rows(text, UNITS_HEADER, path):
        unit = _unit(lineno, fields, path)
        if unit.code in units:
            raise DataError(f"line {lineno}: duplicate unit code {unit.code}", path=path)
        units[unit.code] = unit
        for table, aliases in ((prefix_alias, unit.prefixes), (suffix_alias, unit.suffixes)):
            for alias in aliases:
                other = table.setdefault(norm(alias), unit.code)
                if other != unit.code:
                    msg = f"line {lineno}: alias {alias!r} of {unit.code} is already an alias of {other}"
                    raise DataError(msg, path=path)
    return units, prefix_alias, suffix_alias


def _check_value(lineno: int, kind: str, value: str, path: str) -> None:
    if kind in NUMERIC_KINDS:
        try:
            ok = Decimal(value) > 0 if kind == "fraction" else Decimal(value) >= 0
        except InvalidOperation:
            ok = False
        if not ok:
            need = "a positive" if kind == "fraction" else "a non-negative"
            raise DataError(f"line {lineno}: {kind} needs {need} number as value, got {value!r}", path=path)
    elif kind in ("comparator", "comparator_after") and value not in COMPARATORS:
        expected = ", ".join(COMPARATORS)
        raise DataError(f"line {lineno}: comparator value must be one of {expected}, got {value!r}", path=path)
    elif kind == "direction" and value not in ("up", "down"):
        raise DataError(f"line {lineno}: direction value must be up or down, got {value!r}", path=path)
    elif kind not in NUMERIC_KINDS + ("comparator", "comparator_after", "direction") and value:
        raise DataError(f"line {lineno}: {kind} takes no value, got {value!r}", path=path)


def _load_words(text: str, path: str) -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, ...]]]:
    words: dict[str, dict[str, str]] = {k: {} for k in WORD_KINDS}
    written: dict[str, list[str]] = {k: [] for k in WORD_KINDS}
    for lineno, (kind, word, value) in _rows(text, WORDS_HEADER, path):
        if kind not in WORD_KINDS:
            raise DataError(f"line {lineno}: unknown kind {kind!r}", path=path)
        if not word or word != word.strip():
            raise DataError(f"line {lineno}: empty word or word with outer spaces", path=path)
        _check_value(lineno, kind, value, path)
        key = _WS.sub(" ", word) if kind in CASE_SENSITIVE_KINDS else norm(word)
        if key in words[kind]:
            raise DataError(f"line {lineno}: duplicate {kind} {word!r}", path=path)
        words[kind][key] = value
        written[kind].append(word)
    for kind in WORD_KINDS:
        if not words[kind]:
            raise DataError(f"no entries of kind {kind}", path=path)
    return words, {k: tuple(v) for k, v in written.items()}


def _cross_check(words: dict[str, dict[str, str]], suffix_alias: dict[str, str], path: str) -> None:
    """A word may not be both a number and a unit, nor a number and a non-number ("dozens")."""
    numbers = set(words["cardinal"]) | set(words["multiplier"]) | set(words["scale"])
    for clash in sorted(numbers & set(suffix_alias)):
        raise DataError(f"{clash!r} is both a number word and a unit alias in {UNITS_PATH}", path=path)
    for clash in sorted(numbers & set(words["vague"])):
        raise DataError(f"{clash!r} is both a number word and a vague (non-number) word", path=path)


def build_lexicon(
    units_text: str, words_text: str, *, units_path: str = UNITS_PATH, words_path: str = WORDS_PATH
) -> Lexicon:
    """Parse and validate both files' text (``lexicon()`` does this once for the packaged data)."""
    units, prefix_alias, suffix_alias = _load_units(units_text, units_path)
    words, written = _load_words(words_text, words_path)
    _cross_check(words, suffix_alias, words_path)
    numbers = {k: {w: Decimal(v) for w, v in words[k].items()} for k in NUMERIC_KINDS}
    return Lexicon(units, prefix_alias, suffix_alias, words, written, numbers)


def _read(name: str) -> str:
    try:
        return files("kg").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as e:
        raise DataError(f"cannot read the number grammar data ({e})", path=f"kg/data/{name}") from e


@cache
def lexicon() -> Lexicon:
    """The validated data of the number grammar, loaded once per process."""
    return build_lexicon(_read("units.tsv"), _read("number_words.tsv"))
