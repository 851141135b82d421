"""The data segmentation reads: heading cue phrases and closed word classes.

Kept as TSV under ``kg/data/`` so that a new heading wording ("Work arrangements
for 2024") or a new abbreviation is a data change with a test, not a Python branch.
Both files are validated on load; a bad row raises ``DataError`` naming the file
and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from .errors import DataError
from .model import SECTION_KINDS

HEADINGS_FILE = "section_headings.tsv"
WORDS_FILE = "segment_words.tsv"
SCOPES = ("heading", "paragraph", "measure")
WORD_CLASSES = ("abbreviation", "continuation", "unit")


@dataclass(frozen=True)
class Cue:
    kind: str
    pattern: re.Pattern[str]
    order: int  # row order in the file: breaks ties between cues matching at the same place


@dataclass(frozen=True)
class Lexicon:
    heading_cues: tuple[Cue, ...]
    paragraph_cues: tuple[Cue, ...]
    measure_cues: tuple[Cue, ...]
    abbreviations: frozenset[str]
    continuations: frozenset[str]
    units: frozenset[str]


def _rows(path: str, text: str, width: int):
    """Yield (line number, fields) of the non-comment rows of a TSV file."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != width or any(f != f.strip() or not f for f in fields):
            raise DataError(f"line {number}: expected {width} tab-separated non-empty fields, got {line!r}", path=path)
        yield number, fields


def parse_headings(path: str, text: str) -> dict[str, tuple[Cue, ...]]:
    """Parse section_headings.tsv into {scope: cues in file order}."""
    cues: dict[str, list[Cue]] = {scope: [] for scope in SCOPES}
    seen: set[tuple[str, str]] = set()
    for number, (scope, kind, pattern) in _rows(path, text, 3):
        if scope not in SCOPES:
            raise DataError(f"line {number}: unknown scope {scope!r}; expected one of {', '.join(SCOPES)}", path=path)
        if kind not in SECTION_KINDS or kind == "front" or (scope != "heading" and kind != "targets"):
            raise DataError(f"line {number}: section kind {kind!r} is not allowed for {scope} cues", path=path)
        if (scope, pattern) in seen:
            raise DataError(f"line {number}: duplicate {scope} cue {pattern!r}", path=path)
        seen.add((scope, pattern))
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as e:
            raise DataError(f"line {number}: bad regular expression {pattern!r}: {e}", path=path) from e
        cues[scope].append(Cue(kind, compiled, number))
    if scope_missing := [s for s in SCOPES if not cues[s]]:
        raise DataError(f"no {' or '.join(scope_missing)} cues", path=path)
    return {scope: tuple(found) for scope, found in cues.items()}


def parse_words(path: str, text: str) -> dict[str, frozenset[str]]:
    """Parse segment_words.tsv into {word class: words}."""
    words: dict[str, set[str]] = {c: set() for c in WORD_CLASSES}
    for number, (word_class, word) in _rows(path, text, 2):
        if word_class not in WORD_CLASSES:
            raise DataError(f"line {number}: unknown word class {word_class!r}", path=path)
        if word != word.lower() or " " in word:
            raise DataError(f"line {number}: words are lower case without spaces, got {word!r}", path=path)
        if word in words[word_class]:
            raise DataError(f"line {number}: duplicate {word_class} {word!r}", path=path)
        words[word_class].add(word)
    return {c: frozenset(w) for c, w in words.items()}


def load_lexicon(headings_path: Path, words_path: Path) -> Lexicon:
    """Read and validate both data files."""
    try:
        headings_text = headings_path.read_text(encoding="utf-8")
        words_text = words_path.read_text(encoding="utf-8")
    except OSError as e:
        raise DataError(f"cannot read segmentation data: {e}") from e
    cues = parse_headings(str(headings_path), headings_text)
    words = parse_words(str(words_path), words_text)
    return Lexicon(
        cues["heading"], cues["paragraph"], cues["measure"],
        words["abbreviation"], words["continuation"], words["unit"],
    )  # fmt: skip


@cache
def default_lexicon() -> Lexicon:
    """The bundled lexicon, loaded once per process."""
    data = files("kg") / "data"
    return load_lexicon(Path(str(data / HEADINGS_FILE)), Path(str(data / WORDS_FILE)))
