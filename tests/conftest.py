from __future__ import annotations

from pathlib import Path

import pytest

REPORTS_DIR = Path(__file__).resolve().parents[2] / "shared" / "reports"
SAMPLES = sorted(REPORTS_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def reports_dir() -> Path:
    if not REPORTS_DIR.is_dir():
        pytest.fail(f"sample reports not found at {REPORTS_DIR} (../shared/reports beside the checkout)")
    return REPORTS_DIR


@pytest.fixture(scope="session")
def samples_build(tmp_path_factory, reports_dir) -> Path:
    """One `kg build` of the five samples for every test that only reads a build (presets,
    eval, export, network): building once saves minutes of CI. Tests must not change it;
    writing beside it (OUTDIR/export/, eval.json) is fine."""
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path_factory.mktemp("samples-build")
    result = CliRunner().invoke(main, ["build", *map(str, SAMPLES), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def sample(prefix: str) -> Path:
    """The sample report whose file name starts with ``prefix`` (e.g. "000")."""
    matches = [p for p in SAMPLES if p.name.startswith(prefix)]
    if len(matches) != 1:
        pytest.fail(f"expected one sample report starting with {prefix!r} in {REPORTS_DIR}")
    return matches[0]
