"""Policy mentions -> policy entities: the same policy in any spelling, in any report, is one key.

Rules, in order (the first that applies names the key and is recorded as the merge rule):

* ``curated-alias``: the normalised name equals a label of ontology/policies.ttl (prefLabel,
  altLabel, hiddenLabel), or does so once a generic head noun is dropped ("Belt and Road"
  initiative -> Belt and Road). Number-word spellings ("Eight-Eight" / "Double-Eight" / "8-8")
  merge only here, because the curated list says so: there is no general "double X = X-X" rule,
  which would merge different policies.
* ``ordinal-plan``: "Eighth Five-Year Plan" / "8th Five-Year Plan" -> five-year-plan-8.
* ``quoted-code``: a name that is a numeric code plus head nouns ("551" initiative / "551"
  Program, "1+8" action / "1+8" action plan): translators vary the head, the code is the name.
* ``normalized-form``: case, quotes, apostrophes, hyphens and spaces, a leading "the" and the
  plural of the head noun are ignored; every other word counts, so names that differ in a
  distinctive word ("Beautiful" / "Peaceful", "Projects" / "Actions") never merge.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError
from .extract.policies_cues import policy_cues
from .model import PolicyMention
from .rdf.iris import slug

SKOS = "http://www.w3.org/2004/02/skos/core#"
KG = "https://w3id.org/cngov/def/kg#"
POLICY_NS = "https://w3id.org/cngov/def/policy/"
QUOTES = "\u201c\u201d\u2018\u2019\"'`\u00b4\u300c\u300d"
GENERIC_HEADS = ("strategy", "initiative", "concept", "policy", "plan", "action", "program", "reform", "project")
FYP = re.compile(r"^(?:the )?(\w+) five year plan$")
CODE = re.compile(r"^[0-9][0-9+n]*$")


@dataclass(frozen=True)
class CuratedPolicy:
    notation: str
    pref_label: str
    labels: tuple[str, ...]  # every label, pref first
    level: str | None
    definition: str | None
    scope: str | None = None  # GB/T 2260 code: the labels name this policy only in reports from inside it


@dataclass
class PolicyEntity:
    """One policy across all reports: the resource the graph publishes."""

    key: str
    name: str  # prefLabel: the curated one, or the most frequent surface form (ties: sorted)
    aliases: list[str]  # every surface form, sorted
    level: str | None
    rule: str  # which rule made the key (and so every merge under it)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # (report, start, end)
    curated: bool = False

    @property
    def iri(self) -> str:
        return POLICY_NS + self.key.removeprefix("local:")


def normalize(surface: str) -> str:
    """Lower case, no quotes/apostrophes, hyphens and runs of spaces as one space, no leading
    "the", the final head noun singular (its canonical form in policy_cues.tsv)."""
    text = unicodedata.normalize("NFKC", surface).lower()
    text = re.sub(r"(\w)[\u2019']s\b", r"\1s", text)
    text = "".join(" " if ch in QUOTES else ch for ch in text)
    text = re.sub(r"[\s\-\u2010-\u2014_/,.;:()]+", " ", text).strip()
    text = re.sub(r"^(?:the|a|an|our) ", "", text)
    words = text.split()
    for size in (2, 1):
        if len(words) > size:
            head = policy_cues().head(" ".join(words[-size:]))
            if head:
                return " ".join(words[:-size] + [head.canonical])
    return " ".join(words)


def _spaceless(norm: str) -> str:
    return norm.replace(" ", "")


@lru_cache(maxsize=1)
def curated_policies() -> tuple[CuratedPolicy, ...]:
    """The concepts of ontology/policies.ttl, sorted by notation."""
    path = resources.files("kg.ontology") / "policies.ttl"
    subjects: dict[str, dict[str, list[str]]] = {}
    try:
        for q in ox.parse(path.read_bytes(), ox.RdfFormat.TURTLE):
            if isinstance(q.object, ox.Literal) or q.predicate.value == KG + "scope":
                subjects.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object.value)
    except (OSError, SyntaxError, ValueError) as e:
        raise DataError(f"cannot read the policy scheme: {e}", path=str(path)) from e
    out = []
    for iri, props in subjects.items():
        if not iri.startswith(POLICY_NS) or SKOS + "notation" not in props:
            continue
        pref = props.get(SKOS + "prefLabel", [None])[0]
        if pref is None:
            raise DataError(f"{iri} has no skos:prefLabel", path=str(path))
        alts = sorted(props.get(SKOS + "altLabel", []) + props.get(SKOS + "hiddenLabel", []))
        level = props.get(KG + "policyLevel", [None])[0]
        definition = props.get(SKOS + "definition", [None])[0]
        scope = props.get(KG + "scope", [None])[0]
        scope = scope.rsplit("/", 1)[-1] if scope else None
        out.append(CuratedPolicy(props[SKOS + "notation"][0], pref, (pref, *alts), level, definition, scope))
    return tuple(sorted(out, key=lambda c: c.notation))


@lru_cache(maxsize=1)
def curated_index() -> dict[str, dict[str | None, CuratedPolicy]]:
    """Spaceless normalised label -> scope -> concept. Two concepts may share a label only when
    their scopes differ ("Greater Bay Area": the national one, and Zhejiang's inside Zhejiang);
    otherwise it is a data error."""
    index: dict[str, dict[str | None, CuratedPolicy]] = {}
    for concept in curated_policies():
        for label in concept.labels:
            by_scope = index.setdefault(_spaceless(normalize(label)), {})
            other = by_scope.get(concept.scope)
            if other is not None and other.notation != concept.notation:
                raise DataError(f"label {label!r} belongs to both {other.notation} and {concept.notation}",
                                path="ontology/policies.ttl")
            by_scope[concept.scope] = concept
            # the label as written without spaces: a glued spelling ("Kunpeng ActionPlan") finds it
            index.setdefault("=" + _glued(label), {}).setdefault(concept.scope, concept)
    return index


def _glued(surface: str) -> str:
    return re.sub(r"[^\w+&]", "", unicodedata.normalize("NFKC", surface).lower())


def _in_scope(by_scope: dict[str | None, CuratedPolicy] | None, scope: frozenset[str]) -> CuratedPolicy | None:
    if not by_scope:
        return None
    return next((by_scope[s] for s in sorted(scope) if s in by_scope), None) or by_scope.get(None)


def curated(surface: str, scope: frozenset[str] = frozenset()) -> CuratedPolicy | None:
    """The curated concept a surface form names, directly or without its generic head noun.
    ``scope``: the place codes of the reporting government (a province-scoped label applies
    only inside that province)."""
    norm = normalize(surface)
    index = curated_index()
    hit = _in_scope(index.get(_spaceless(norm)), scope) or _in_scope(index.get("=" + _glued(surface)), scope)
    if hit is None:
        words = norm.split()
        if len(words) > 1 and words[-1] in GENERIC_HEADS:
            hit = _in_scope(index.get(_spaceless(" ".join(words[:-1]))), scope)
    return hit


def _ordinal_plan(norm: str) -> str | None:
    m = FYP.match(norm)
    if not m:
        return None
    token = m.group(1)
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", token)
    number = int(digits.group(1)) if digits else policy_cues().ordinals.get(token)
    return f"five-year-plan-{number}" if number else None


def _code(norm: str) -> str | None:
    words = norm.split()
    heads = {h.canonical for h in policy_cues().heads} | {h.phrase for h in policy_cues().heads}
    if words and CODE.match(words[0]) and all(w in heads or w in ("development", "upgraded") for w in words[1:]):
        return words[0]
    return None


def policy_key(surface: str, scope: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(key, rule) of one surface form; see the module docstring for the rules."""
    concept = curated(surface, scope)
    if concept:
        return concept.notation, "curated-alias"
    norm = normalize(surface)
    plan = _ordinal_plan(norm)
    if plan:
        concept = next((c for c in curated_policies() if c.notation == plan), None)
        return plan, "curated-alias" if concept else "ordinal-plan"
    code = _code(norm)
    if code:
        return "local:code-" + slug(code.replace("+", " plus ")), "quoted-code"
    return "local:" + slug(norm, max_len=80), "normalized-form"


def key_of(surfaces: Sequence[str], scope: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The key of a mention known by several surface forms (the name with its head noun, the
    quoted name alone): the first curated one wins, else the key of the first."""
    keys = [policy_key(s, scope) for s in surfaces if s.strip()]
    return next((k for k in keys if k[1] == "curated-alias"), keys[0])


def clean_surface(text: str) -> str:
    """A surface form for display: quotes dropped, runs of spaces as one space."""
    text = "".join(ch for ch in text if ch not in "\u201c\u201d\"")
    text = re.sub(r"^[\u2018\u2019']+|[\u2018\u2019']+$", "", text.strip())
    return re.sub(r"[\s\u00a0]+", " ", text).strip()


def _name(key: str, surfaces: Iterable[str]) -> tuple[str, bool]:
    concept = next((c for c in curated_policies() if c.notation == key), None)
    if concept:
        return concept.pref_label, True
    counts = Counter(surfaces)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0], False


def resolve_policies(
    mentions_by_report: Mapping[str, Sequence[PolicyMention]], texts: Mapping[str, str] | None = None
) -> dict[str, PolicyEntity]:
    """Group mentions of all reports by key. ``texts`` (report -> source text) adds each
    mention's span as written to the aliases; without it the mentions' names are used."""
    groups: dict[str, list[tuple[str, PolicyMention]]] = {}
    for report in sorted(mentions_by_report):
        for m in mentions_by_report[report]:
            groups.setdefault(m.key, []).append((report, m))
    entities = {}
    for key in sorted(groups):
        members = groups[key]
        surfaces = [m.name for _, m in members]
        if texts:
            surfaces += [clean_surface(texts[r][m.start:m.end]) for r, m in members if r in texts]
        name, is_curated = _name(key, [m.name for _, m in members])
        rule = policy_key(name)[1] if not is_curated else "curated-alias"
        rules = {m.rule.split("/")[-1] for _, m in members if "/" in m.rule}
        if not is_curated and rules:
            rule = min(rules)
        entities[key] = PolicyEntity(
            key=key, name=name, aliases=sorted(set(surfaces)), level=_level(key, [m.level for _, m in members]),
            rule=rule, mentions=sorted((r, m.start, m.end) for r, m in members), curated=is_curated)
    return entities


def _level(key: str, levels: list[str | None]) -> str | None:
    concept = next((c for c in curated_policies() if c.notation == key), None)
    if concept and concept.level:
        return concept.level
    counts = Counter(lv for lv in levels if lv)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def ontology_path() -> Path:
    return Path(str(resources.files("kg.ontology") / "policies.ttl"))


def _most_frequent(counts: Counter) -> str:
    return min(counts, key=lambda value: (-counts[value], value))


def project_names(mentions_by_report: Mapping[str, Sequence]) -> dict[str, tuple[str, str | None, str]]:
    """key -> (name, location, type) a project is published under across all reports: the
    most frequent spelling, location and type (ties: the first in sort order), so one
    project has one prefLabel, one type and at most one location however many reports
    name it."""
    spellings: dict[str, Counter] = {}
    places: dict[str, Counter] = {}
    types: dict[str, Counter] = {}
    for report in sorted(mentions_by_report):
        for m in mentions_by_report[report]:
            spellings.setdefault(m.key, Counter())[m.name] += 1
            types.setdefault(m.key, Counter())[m.type] += 1
            if m.location:
                places.setdefault(m.key, Counter())[m.location] += 1
    return {
        key: (_most_frequent(c), _most_frequent(places[key]) if key in places else None, _most_frequent(types[key]))
        for key, c in sorted(spellings.items())
    }
