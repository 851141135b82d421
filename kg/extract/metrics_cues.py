"""Cue phrases for the metric extractor, loaded once from kg/data/metric_cues.tsv."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataError

KINDS = ("estimated", "target", "actual", "share", "growth", "period", "level_unit", "verb", "stop")
DATA = "metric_cues.tsv"


@dataclass(frozen=True)
class Cues:
    estimated: tuple[re.Pattern, ...]
    target: tuple[re.Pattern, ...]
    actual: tuple[re.Pattern, ...]
    share: tuple[re.Pattern, ...]
    growth: re.Pattern
    periods: tuple[tuple[re.Pattern, str], ...]
    level_units: frozenset[str]
    verbs: frozenset[str]
    stops: frozenset[str]

    @staticmethod
    def any(patterns: tuple[re.Pattern, ...], text: str) -> bool:
        return any(p.search(text) for p in patterns)


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.I)
    except re.error as err:
        raise DataError(f"bad regex {pattern!r}: {err}", path=where) from err


@lru_cache(maxsize=1)
def cues() -> Cues:
    rows: dict[str, list[tuple[str, str, str]]] = {k: [] for k in KINDS}
    text = resources.files("kg").joinpath("data", DATA).read_text("utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"kg/data/{DATA}:{number}"
        parts = line.split("\t")
        if len(parts) != 3:
            raise DataError(f"expected 3 tab-separated columns, got {len(parts)}", path=where)
        kind, pattern, value = parts
        if kind not in rows:
            raise DataError(f"unknown cue kind {kind!r} (known: {', '.join(KINDS)})", path=where)
        rows[kind].append((pattern, value, where))
    pats = {k: tuple(_compile(p, w) for p, _, w in rows[k]) for k in ("estimated", "target", "actual", "share")}
    growth = _compile("|".join(f"(?:{p})" for p, _, _ in rows["growth"]) or r"(?!)", f"kg/data/{DATA}")
    return Cues(
        growth=growth,
        periods=tuple((_compile(p, w), v) for p, v, w in rows["period"]),
        level_units=frozenset(u for p, _, _ in rows["level_unit"] for u in p.split()),
        verbs=frozenset(w.lower() for p, _, _ in rows["verb"] for w in p.split("|")),
        stops=frozenset(w.lower() for p, _, _ in rows["stop"] for w in p.split("|")),
        **pats,
    )
