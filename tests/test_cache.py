"""Incremental builds (issue 7): after one report changes only it is extracted again; the
outputs equal a full build's; a deleted report's graph and cache entries disappear."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import sample

NAMES = ("003", "004")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path, reports_dir):
    directory = tmp_path / "in"
    directory.mkdir()
    for name in NAMES:
        shutil.copy(sample(name), directory / sample(name).name)
    return directory


def extracted(output: str) -> list[str]:
    """The inputs a build extracted (progress lines "kg: extract [k/N] PATH")."""
    return [line.rsplit(" ", 1)[-1] for line in output.splitlines() if "extract  [" in line]


def test_only_the_changed_report_is_extracted_again(corpus, tmp_path):
    out = tmp_path / "out"
    first = run("build", corpus, "-o", out, "-j", "1")
    assert first.exit_code == 0 and len(extracted(first.output)) == 2
    changed = corpus / sample("004").name
    changed.write_text(changed.read_text("utf-8") + "\n\nThe GDP of the city grew by 7.5% in 2020.\n", "utf-8")
    second = run("build", corpus, "-o", out, "-j", "1")
    assert second.exit_code == 0
    assert extracted(second.output) == [str(changed)]
    assert "1 of 2 from the cache" in second.output
    full = tmp_path / "full"
    assert run("build", corpus, "-o", full, "-q", "--no-cache").exit_code == 0
    for name in ("graph.trig", "graph.ttl", "validation.ttl"):
        assert (out / name).read_bytes() == (full / name).read_bytes(), name
    assert "grew by 7.5%" in (out / "graph.ttl").read_text("utf-8")


def test_no_cache_extracts_everything(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("build", corpus, "-o", out, "-q").exit_code == 0
    again = run("build", corpus, "-o", out, "--no-cache", "-j", "1")
    assert len(extracted(again.output)) == 2


def test_a_deleted_report_leaves_nothing_behind(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("build", corpus, "-o", out, "-q").exit_code == 0
    entries = sorted(p.name for p in (out / "cache").iterdir())
    assert len([e for e in entries if e.startswith("extract-")]) == 2
    (corpus / sample("003").name).unlink()
    assert run("build", corpus, "-o", out, "-q").exit_code == 0
    trig = (out / "graph.trig").read_text("utf-8")
    assert "320400-2024-gwr" not in trig and "330700-2020-plenary" in trig
    assert len([p for p in (out / "cache").iterdir() if p.name.startswith("extract-")]) == 1


def test_a_damaged_entry_is_recomputed(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("build", corpus, "-o", out, "-q").exit_code == 0
    for entry in (out / "cache").iterdir():
        entry.write_bytes(b"not a pickle")
    again = run("build", corpus, "-o", out, "-j", "1")
    assert again.exit_code == 0 and len(extracted(again.output)) == 2
