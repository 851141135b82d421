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


def sample(prefix: str) -> Path:
    """The sample report whose file name starts with ``prefix`` (e.g. "000")."""
    matches = [p for p in SAMPLES if p.name.startswith(prefix)]
    if len(matches) != 1:
        pytest.fail(f"expected one sample report starting with {prefix!r} in {REPORTS_DIR}")
    return matches[0]
