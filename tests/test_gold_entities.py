"""The gold annotations of policies and projects (tests/gold_entities/*.json, format:
docs/gold-entities.md).

`kg eval` scores the policy and project extractors against these files, and the
cross-report grouping reads their ids, so each file is checked against the source it
points into: the documented keys, the hash of the decoded text, every mention quoting
the source exactly (the name as written, without enclosing quotes), unique ids, codes
from the closed lists (levels, project types, statuses) and places from the gazetteer,
and no span claimed by two entities. An id used in several reports must name the same
kind of thing at the same level, or the grouping would join different policies.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from kg.gazetteer import default_gazetteer
from kg.ingest import read_document

GOLD_DIR = Path(__file__).parent / "gold_entities"
# the tuning set and the blind held-out set (docs/gold-entities.md) obey the same format
GOLD_FILES = sorted(GOLD_DIR.glob("*.json")) + sorted((GOLD_DIR.parent / "gold_entities_heldout").glob("*.json"))

TOP_KEYS = {"source", "sha256", "policies", "projects"}
POLICY_KEYS = {"id", "name", "level", "mentions"}
PROJECT_KEYS = {"id", "name", "type", "status", "location", "mentions"}
MENTION_KEYS = {"start", "end", "text"}
# the closed lists of docs/gold-entities.md (project types: notations of ontology/project-types.ttl)
POLICY_LEVELS = {"national", "provincial", "municipal", "county", None}
PROJECT_TYPES = {
    "railway", "intercity_railway", "metro", "airport", "expressway", "bridge", "port", "laboratory",
    "research_institute", "campus", "industrial_park", "development_zone", "hospital", "station", "other",
}  # fmt: skip
PROJECT_STATUSES = {"planned", "started", "under_construction", "completed", "in_operation", "approved", "mentioned"}
QUOTES = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb\u300c\u300d"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

gold_files = pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])


def test_there_is_gold() -> None:
    assert GOLD_FILES, f"no gold entity annotations in {GOLD_DIR}"


@cache
def gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def source_text(reports_dir: Path, name: str) -> tuple[str, str]:
    """(decoded text, sha256) of a sample report, read the way `kg build` reads it."""
    doc = read_document(reports_dir / name)
    return doc.text, doc.sha256


def entities(data: dict) -> list[tuple[str, dict]]:
    """Every annotated entity with its kind ("policy" or "project"), in file order."""
    return [("policy", e) for e in data["policies"]] + [("project", e) for e in data["projects"]]


@gold_files
def test_format(path: Path) -> None:
    data = gold(path)
    assert set(data) == TOP_KEYS, f"{path.name}: top-level keys {sorted(data)}"
    assert data["source"] == path.stem + ".txt", f"{path.name}: named after another source"
    assert re.fullmatch(r"[0-9a-f]{64}", data["sha256"]), f"{path.name}: sha256 is not 64 hex digits"
    for kind, e in entities(data):
        keys = POLICY_KEYS if kind == "policy" else PROJECT_KEYS
        where = f"{path.name}: {kind} {e.get('id')!r}"
        assert set(e) == keys, f"{where}: keys {sorted(e)}"
        assert isinstance(e["id"], str) and SLUG.fullmatch(e["id"]), f"{where}: id is not a lower-case slug"
        assert isinstance(e["name"], str) and e["name"].strip(), f"{where}: empty name"
        assert e["mentions"], f"{where}: no mentions"
        for m in e["mentions"]:
            assert set(m) == MENTION_KEYS, f"{where}: mention keys {sorted(m)}"
            ok = isinstance(m["start"], int) and isinstance(m["end"], int) and 0 <= m["start"] < m["end"]
            assert ok, f"{where}: mention span {m['start']!r}..{m['end']!r}"


@gold_files
def test_codes(path: Path) -> None:
    data = gold(path)
    for e in data["policies"]:
        assert e["level"] in POLICY_LEVELS, f"{path.name}: policy {e['id']!r} level {e['level']!r}"
    gazetteer = default_gazetteer()
    for e in data["projects"]:
        where = f"{path.name}: project {e['id']!r}"
        assert e["type"] in PROJECT_TYPES, f"{where}: type {e['type']!r}"
        assert e["status"] in PROJECT_STATUSES, f"{where}: status {e['status']!r}"
        loc = e["location"]
        assert loc is None or gazetteer.get(loc) is not None, f"{where}: location {loc!r} is not in the gazetteer"


@gold_files
def test_ids_unique(path: Path) -> None:
    ids = [e["id"] for _, e in entities(gold(path))]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"{path.name}: ids used twice: {dupes}"


@gold_files
def test_source_identity(path: Path, reports_dir: Path) -> None:
    data = gold(path)
    assert (reports_dir / data["source"]).is_file(), f"{path.name}: no {data['source']} in {reports_dir}"
    _, sha = source_text(reports_dir, data["source"])
    assert data["sha256"] == sha, f"{path.name}: the source's decoded text has changed (sha256)"


@gold_files
def test_mentions_quote_the_source(path: Path, reports_dir: Path) -> None:
    data = gold(path)
    text, _ = source_text(reports_dir, data["source"])
    for kind, e in entities(data):
        for m in e["mentions"]:
            where = f"{path.name}: {kind} {e['id']!r} at {m['start']}"
            assert m["text"] == text[m["start"] : m["end"]], f"{where}: text {m['text']!r} != source"
            assert m["text"][0] not in QUOTES and m["text"][-1] not in QUOTES, f"{where}: enclosing quote in {m['text']!r}"
            assert m["text"] == m["text"].strip(), f"{where}: surrounding whitespace in {m['text']!r}"
        starts = [(m["start"], m["end"]) for m in e["mentions"]]
        assert starts == sorted(set(starts)), f"{path.name}: {e['id']!r} mentions repeated or out of text order"


@gold_files
def test_no_span_claimed_twice(path: Path) -> None:
    """Two entities never claim overlapping text, so a predicted span matches one gold entity."""
    spans = sorted((m["start"], m["end"], e["id"]) for _, e in entities(gold(path)) for m in e["mentions"])
    for (s1, e1, a), (s2, e2, b) in pairwise(spans):
        assert s2 >= e1, f"{path.name}: {a!r} [{s1}:{e1}] and {b!r} [{s2}:{e2}] overlap"


def test_shared_ids_agree() -> None:
    """An id in several reports is one policy (same level) or one project, never both."""
    seen: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for path in GOLD_FILES:
        for kind, e in entities(gold(path)):
            seen[e["id"]].add((kind, e["level"] if kind == "policy" else None))
    clashes = {i: sorted(v, key=str) for i, v in seen.items() if len(v) > 1}
    assert not clashes, f"ids used for different kinds or levels across reports: {clashes}"


@pytest.mark.parametrize(
    ("policy_id", "at_least"),
    [("double-eight-strategy", 2), ("yangtze-river-delta-integration", 3), ("two-mountains-concept", 3)],
)
def test_cross_report_groups(policy_id: str, at_least: int) -> None:
    """Policies every sample report cites under differing names are grouped by one id."""
    files = [p.name for p in GOLD_FILES if any(e["id"] == policy_id for e in gold(p)["policies"])]
    assert len(files) >= at_least, f"{policy_id!r} only in {files}"
