"""Outputs are written atomically and with the permissions a plain open()/mkdir() gives."""

from __future__ import annotations

import os
import stat

import pytest

from kg import fsutil


@pytest.fixture
def umask_022(monkeypatch):
    monkeypatch.setattr(fsutil, "_umask", lambda: 0o022)


def test_atomic_write_is_readable_by_others(tmp_path, umask_022):
    path = fsutil.atomic_write(tmp_path / "graph.ttl", "x")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
    assert path.read_text() == "x"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_atomic_dir_is_traversable_by_others(tmp_path, umask_022):
    with fsutil.atomic_dir(tmp_path / "store") as tmp:
        (tmp / "a").write_text("1")
    assert stat.S_IMODE(os.stat(tmp_path / "store").st_mode) == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(TypeError):
        fsutil.atomic_write(target, 3)  # not str/bytes: fails before anything is renamed
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
