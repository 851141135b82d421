"""Cue phrases and word lists for the metric extractor, loaded once from kg/data/metric_cues.tsv."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafile import cue_rows
from ..errors import DataError

REGEX_KINDS = ("estimated", "target", "actual", "share", "growth", "period", "skip_left", "skip_right",
               "duration_left", "threshold", "category", "level_to")
WORD_KINDS = ("verb", "stop", "aux", "pronoun", "generic", "determiner", "more", "rank_area", "rate_word",
              "share_word", "share_verb", "np_ok", "np_stop", "neutral")
KINDS = REGEX_KINDS + WORD_KINDS + ("level_unit",)
DATA = "metric_cues.tsv"


@dataclass(frozen=True)
class Cues:
    estimated: tuple[re.Pattern, ...]
    target: tuple[re.Pattern, ...]
    commitment: tuple[re.Pattern, ...]  # the target cues that are explicit promises
    actual: tuple[re.Pattern, ...]
    share: tuple[re.Pattern, ...]
    growth: re.Pattern
    periods: tuple[tuple[re.Pattern, str], ...]
    skip_left: tuple[tuple[re.Pattern, str], ...]
    skip_right: tuple[tuple[re.Pattern, str], ...]
    duration_left: tuple[re.Pattern, ...]
    threshold: tuple[re.Pattern, ...]
    category: tuple[re.Pattern, ...]
    level_to: tuple[re.Pattern, ...]
    level_units: frozenset[str]
    words: dict[str, frozenset[str]]

    @staticmethod
    def any(patterns: tuple[re.Pattern, ...], text: str) -> bool:
        return any(p.search(text) for p in patterns)

    def has(self, kind: str, word: str) -> bool:
        """Is ``word`` (any case) in the word list ``kind``?"""
        return word.lower() in self.words[kind]

    @property
    def verbs(self) -> frozenset[str]:
        return self.words["verb"]

    @property
    def stops(self) -> frozenset[str]:
        return self.words["stop"]


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.I)
    except re.error as err:
        raise DataError(f"bad regex {pattern!r}: {err}", path=where) from err


def _rows() -> dict[str, list[tuple[str, str, str]]]:
    return cue_rows(DATA, KINDS)


@lru_cache(maxsize=1)
def cues() -> Cues:
    rows = _rows()
    pats = {k: tuple(_compile(p, w) for p, _, w in rows[k])
            for k in ("estimated", "target", "actual", "share", "duration_left", "threshold", "category", "level_to")}
    growth = _compile("|".join(f"(?:{p})" for p, _, _ in rows["growth"]) or r"(?!)", f"kg/data/{DATA}")
    commitment = tuple(_compile(p, w) for p, v, w in rows["target"] if v == "commitment")
    return Cues(
        growth=growth,
        commitment=commitment,
        periods=tuple((_compile(p, w), v) for p, v, w in rows["period"]),
        skip_left=tuple((_compile(p, w), v) for p, v, w in rows["skip_left"]),
        skip_right=tuple((_compile(p, w), v) for p, v, w in rows["skip_right"]),
        level_units=frozenset(u for p, _, _ in rows["level_unit"] for u in p.split()),
        words={k: frozenset(w.lower() for p, _, _ in rows[k] for w in p.split("|")) for k in WORD_KINDS},
        **pats,
    )
