"""The README is tested: its two commands, its CLI reference, its preset list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.export import CHOICES as EXPORT_FORMATS, FORMATS as EXPORTERS
from kg.query import presets

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def test_readme_opens_with_install_and_test_commands():
    first, second = shell_blocks(README)[:2]
    assert "pip install" in first and "kg build" in first
    assert "pytest" in second


def test_ci_runs_the_readme_test_command():
    test_command = shell_blocks(README)[1].strip()
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert test_command in ci.splitlines(), f"{test_command!r} is not a line of .ci/run"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_cli_reference(command):
    assert re.search(rf"^kg {command}\b", README, re.M), f"`kg {command}` is missing from the README"
    assert f"### `kg {command}`" in README, f"no README section for kg {command}"


@pytest.mark.parametrize("name", sorted(presets()))
def test_every_preset_is_documented(name):
    rows = [line for line in README.splitlines() if line.startswith(f"| `{name}` |")]
    assert rows, f"preset {name} is not in the README's preset table"
    assert f"kg query {name}" in rows[0], f"the README row of preset {name} has no example command"


def test_every_output_file_is_documented():
    from kg.output import __doc__ as layout

    for name in re.findall(r"OUTDIR/(\S+)", layout):
        assert f"`OUTDIR/{name}`" in README, name


def section(title: str) -> str:
    """The README text from the heading ``title`` to the next heading of its level or higher."""
    start = README.index(title)
    level = title.split(" ")[0]
    rest = README[start + len(title):]
    ends = [m.start() for m in re.finditer(r"^#{1,%d} " % len(level), rest, re.M)]
    return rest[: ends[0] if ends else len(rest)]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_format_is_documented(fmt):
    text = section("### `kg export`")
    assert f"| `{fmt}` |" in text, f"export format {fmt} is not in the README's kg export table"
    if fmt in EXPORTERS:
        assert f"`{EXPORTERS[fmt].file}`" in text, f"the file of export format {fmt} is not named in the README"
