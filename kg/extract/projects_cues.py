"""Cues of the project extractor, loaded once from kg/data/project_cues.tsv.

The file holds the head nouns that end a project name (and the type each implies),
the words that do not make a name specific, the words dropped at the start of a
name, the status cues, and the spelling aliases of resolution keys. See the header
of the data file for the columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataError
from ..model import PROJECT_STATUSES

DATA = "project_cues.tsv"
KINDS = ("head", "generic", "lead", "status", "alias", "key_drop", "title", "part", "stop", "trail", "exclude")
SIDES = ("before", "after", "any", "noun")


@dataclass(frozen=True)
class Head:
    words: tuple[str, ...]  # lower case, e.g. ("high-speed", "railway")
    type: str  # notation of ontology/project-types.ttl
    needs_status: bool  # a name with this head counts only when a status cue governs it


@dataclass(frozen=True)
class StatusCue:
    pattern: re.Pattern
    review: str  # the status in a review (or other) section
    plan: str  # the status in a tasks or targets section
    side: str  # before | after | any | noun (before, deferring to a verb cue before it)


@dataclass(frozen=True)
class ProjectCues:
    heads: dict[tuple[str, ...], Head]
    max_head: int  # the number of words of the longest head
    generic: frozenset[str]
    lead: frozenset[str]
    parts: frozenset[str]  # words before "of" naming a part of the project after it
    statuses: tuple[StatusCue, ...]  # in file order: earlier cues win overlaps
    aliases: dict[str, str]
    key_drops: tuple[re.Pattern, ...]
    titles: tuple[re.Pattern, ...]
    stop: frozenset[str] = frozenset()  # words never among the lower-case modifiers of a name
    trails: tuple[re.Pattern, ...] = ()  # a word after the head that ends the name ("Construction")
    excluded: tuple[re.Pattern, ...] = ()  # whole names that are policies ("Belt and Road")


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.I)
    except re.error as err:
        raise DataError(f"bad regex {pattern!r}: {err}", path=where) from err


def _status(pattern: str, review: str, extra: str, where: str) -> StatusCue:
    plan, _, side = extra.partition(":")
    for status in (review, plan):
        if status not in PROJECT_STATUSES:
            raise DataError(f"unknown project status {status!r} (known: {', '.join(PROJECT_STATUSES)})", path=where)
    if side not in SIDES:
        raise DataError(f"status cue side must be one of {', '.join(SIDES)}, got {side!r}", path=where)
    return StatusCue(_compile(pattern, where), review, plan, side)


def _rows(text: str) -> dict[str, list[tuple[str, str, str, str]]]:
    """Rows by kind, each (text, value, extra, where); validates the column count and kind."""
    rows: dict[str, list[tuple[str, str, str, str]]] = {k: [] for k in KINDS}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"kg/data/{DATA}:{number}"
        parts = line.split("\t")
        if len(parts) != 4:
            raise DataError(f"expected 4 tab-separated columns, got {len(parts)}", path=where)
        kind, phrase, value, extra = parts
        if kind not in rows:
            raise DataError(f"unknown cue kind {kind!r} (known: {', '.join(KINDS)})", path=where)
        rows[kind].append((phrase, value, extra, where))
    return rows


def parse_cues(text: str, types: frozenset[str] | None = None) -> ProjectCues:
    """Build the cues from the TSV text; ``types``: the notations a head may name."""
    rows = _rows(text)
    heads: dict[tuple[str, ...], Head] = {}
    for phrase, value, extra, where in rows["head"]:
        words = tuple(phrase.lower().split())
        if words in heads:
            raise DataError(f"head {phrase!r} is listed twice", path=where)
        if types is not None and value not in types:
            raise DataError(f"head {phrase!r}: unknown project type {value!r}", path=where)
        heads[words] = Head(words, value, extra == "status")
    return ProjectCues(
        heads=heads,
        max_head=max((len(w) for w in heads), default=1),
        generic=frozenset(r[0].lower() for r in rows["generic"]),
        lead=frozenset(r[0].lower() for r in rows["lead"]),
        parts=frozenset(r[0].lower() for r in rows["part"]),
        statuses=tuple(_status(p, v, x, w) for p, v, x, w in rows["status"]),
        aliases={r[0].lower(): r[1].lower() for r in rows["alias"]},
        key_drops=tuple(_compile(r[0], r[3]) for r in rows["key_drop"]),
        titles=tuple(_compile(r[0], r[3]) for r in rows["title"]),
        stop=frozenset(r[0].lower() for r in rows["stop"]),
        trails=tuple(_compile(r[0], r[3]) for r in rows["trail"]),
        excluded=tuple(_compile(r[0], r[3]) for r in rows["exclude"]),
    )


def project_types() -> frozenset[str]:
    """The notations of ontology/project-types.ttl (read with a regex: no RDF parser needed)."""
    text = resources.files("kg.ontology").joinpath("project-types.ttl").read_text("utf-8")
    return frozenset(re.findall(r'skos:notation\s+"([a-z_]+)"', text))


@lru_cache(maxsize=1)
def cues() -> ProjectCues:
    """The bundled cues, validated against the project-type scheme, loaded once."""
    text = resources.files("kg").joinpath("data", DATA).read_text("utf-8")
    return parse_cues(text, project_types())
