"""Cue words of policy extraction and resolution, loaded once from kg/data/policy_cues.tsv.

Why data: which head nouns name a policy, which verbs state what a government does with it
and which words tell its level are facts of the language of these reports, not of the code;
adding one is a data change with a test row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafile import cue_rows
from ..errors import DataError
from ..model import POLICY_LEVELS, POLICY_RELATIONS

DATA = "policy_cues.tsv"
KINDS = ("head", "relation", "level", "not_name", "not_head", "brand", "package", "lead_stop", "ordinal")
SPACE = r"[\s\u00a0]+"


@dataclass(frozen=True)
class Head:
    phrase: str  # as listed, lower case
    canonical: str  # singular canonical head ("project")
    named_only: bool  # only after a quoted or numbered name


@dataclass(frozen=True)
class PolicyCues:
    heads: tuple[Head, ...]  # longest first
    relations: tuple[tuple[str, str, int], ...]  # (phrase, relation, priority), longest first
    levels: tuple[tuple[str, str], ...]  # (phrase, level), longest first
    not_name: frozenset[str]
    not_head: frozenset[str]
    brands: tuple[tuple[str, str], ...]  # (phrase as written, canonical), longest first
    packages: tuple[tuple[str, str], ...]  # (phrase, canonical head), longest first
    lead_stop: frozenset[str]
    ordinals: dict[str, int]

    def head(self, phrase: str) -> Head | None:
        """The head whose phrase equals ``phrase`` (any case, any spacing/hyphenation)."""
        norm = re.sub(r"[\s\u00a0\-]+", " ", phrase.lower()).strip()
        return next((h for h in self.heads if h.phrase == norm), None)

    @property
    def head_pattern(self) -> str:
        """A regex alternation of every head phrase, longest first, whole words."""
        return "|".join(phrase_regex(h.phrase) for h in self.heads)


def phrase_regex(phrase: str, glued: bool = False) -> str:
    """A cue phrase as a regex: words separated by any run of spaces, NBSP or a hyphen (or by
    nothing, when ``glued``: PDF extraction glues words, "Projectsand")."""
    words = re.split(r"[\s\-]+", phrase.strip())
    return (r"[\s\u00a0\-]*" if glued else r"[\s\u00a0\-]+").join(re.escape(w).replace("'", "['\u2019]?") for w in words)


def _raw_rows() -> dict[str, list[tuple[str, str, str]]]:
    return cue_rows(DATA, KINDS)


def _rows() -> dict[str, list[tuple[str, str, str]]]:
    rows = _raw_rows()
    return {k: [(p.strip().lower(), v.strip(), w) for p, v, w in items] for k, items in rows.items()}


def _relation(value: str, where: str) -> tuple[str, int]:
    relation, _, priority = value.partition(":")
    if relation not in POLICY_RELATIONS or not priority.isdigit():
        raise DataError(f"bad relation {value!r} (expected one of {POLICY_RELATIONS} ':' priority)", path=where)
    return relation, int(priority)


def _check_level(value: str, where: str) -> str:
    if value not in POLICY_LEVELS and value != "jurisdiction":
        raise DataError(f"bad level {value!r} (expected one of {POLICY_LEVELS} or jurisdiction)", path=where)
    return value


@lru_cache(maxsize=1)
def policy_cues() -> PolicyCues:
    rows = _rows()
    heads = [Head(p, v.split("|")[0], "named" in v.split("|")[1:]) for p, v, _ in rows["head"]]
    relations = [(p, *_relation(v, w)) for p, v, w in rows["relation"]]
    levels = [(p, _check_level(v, w)) for p, v, w in rows["level"]]
    by_len = lambda item: (-len(item[0] if isinstance(item, tuple) else item.phrase), item)
    return PolicyCues(
        heads=tuple(sorted(heads, key=lambda h: (-len(h.phrase), h.phrase))),
        relations=tuple(sorted(relations, key=by_len)),
        levels=tuple(sorted(levels, key=by_len)),
        not_name=frozenset(p for p, _, _ in rows["not_name"]),
        not_head=frozenset(p for p, _, _ in rows["not_head"]),
        brands=tuple(sorted(((p, v) for p, v, _ in _raw_rows()["brand"]), key=by_len)),
        packages=tuple(sorted(((p, v) for p, v, _ in rows["package"]), key=by_len)),
        lead_stop=frozenset(p for p, _, _ in rows["lead_stop"]),
        ordinals={p: int(v) for p, v, _ in rows["ordinal"]},
    )
