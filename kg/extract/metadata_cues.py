"""Cue phrases for report metadata, loaded once from kg/data/metadata_cues.tsv.

The phrases are data so that a new way of writing a heading, a role or a date
label is a one-line data change with a test. This module validates the file on
load (unknown kinds, duplicate rows, broken patterns) and compiles each pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import DataError

CUES_FILE = "metadata_cues.tsv"

KINDS = (
    "doctype", "role", "month", "ordinal", "five-year-plan", "published-label", "furniture",
    "salutation", "review-heading", "plan-heading", "partial-period", "level-word",
    "zh-suffix", "body-template",
)
# kinds whose pattern column is not a regular expression
PLAIN_KINDS = ("five-year-plan", "body-template", "zh-suffix")

YEAR_GROUP = r"(?P<year>(?:19|20)\d{2})"


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    key: str
    value: str
    pattern: re.Pattern | None
    source: str  # the raw pattern text, for alternations built from several cues
    line: int


@dataclass(slots=True, eq=False)
class Cues:
    """All cue rows, grouped by kind, in file order (hashed by identity: loaded once)."""

    by_kind: dict[str, list[Cue]] = field(default_factory=dict)

    def of(self, kind: str) -> list[Cue]:
        return self.by_kind.get(kind, [])

    def alternation(self, kind: str) -> str:
        """One regex alternation of every pattern of ``kind``, longest first."""
        parts = sorted({expand(c.source) for c in self.of(kind)}, key=lambda p: (-len(p), p))
        return "(?:" + "|".join(parts) + ")"

    def table(self, kind: str) -> dict[str, str]:
        """key -> value for the plain kinds (five-year plans, templates)."""
        return {c.key: c.value for c in self.of(kind)}


def expand(pattern: str) -> str:
    """Turn a data pattern into a regex: ' ' = optional whitespace run, {YEAR} = year group."""
    return pattern.replace(" ", r"\s*").replace("{YEAR}", YEAR_GROUP)


def _parse_row(raw: str, lineno: int, path: str) -> Cue | None:
    if not raw.strip() or raw.lstrip().startswith("#"):
        return None
    cols = raw.rstrip("\n").split("\t")
    if len(cols) != 4:
        raise DataError(f"line {lineno}: expected 4 tab-separated columns, got {len(cols)}", path=path)
    kind, key, value, source = cols
    if kind not in KINDS:
        raise DataError(f"line {lineno}: unknown kind {kind!r} (known: {', '.join(KINDS)})", path=path)
    pattern = None
    if kind not in PLAIN_KINDS:
        try:
            pattern = re.compile(expand(source), re.IGNORECASE)
        except re.error as err:
            raise DataError(f"line {lineno}: bad pattern {source!r}: {err}", path=path) from err
    return Cue(kind, key, value, pattern, source, lineno)


def _identity(cue: Cue) -> tuple[str, str]:
    """What must be unique: the key of a lookup table row, else the pattern."""
    if cue.kind in ("five-year-plan", "body-template"):
        return cue.kind, cue.key
    return cue.kind, cue.source


def parse_cues(text: str, path: str = CUES_FILE) -> Cues:
    """Parse and validate the cue table (duplicates are refused: they hide mistakes)."""
    cues = Cues()
    seen: dict[tuple[str, str, str], int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        cue = _parse_row(raw, lineno, path)
        if cue is None:
            continue
        ident = _identity(cue)
        if ident in seen:
            raise DataError(f"line {lineno}: duplicate of line {seen[ident]} ({cue.kind} {cue.key!r})", path=path)
        seen[ident] = lineno
        cues.by_kind.setdefault(cue.kind, []).append(cue)
    return cues


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The bundled cue table (read once per process)."""
    ref = resources.files("kg") / "data" / CUES_FILE
    try:
        text = ref.read_text(encoding="utf-8")
    except OSError as err:
        raise DataError(f"cannot read the metadata cue table: {err}", path=str(ref)) from err
    return parse_cues(text, path=str(Path("kg") / "data" / CUES_FILE))
