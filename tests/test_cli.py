"""The CLI surface: --help is complete, --version works, the entry point is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = sorted(main.commands)


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_complete_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    cmd = main.commands[command]
    assert cmd.help and len(cmd.help.split()) >= 8, f"{command} needs a real description"
    for param in cmd.params:
        if param.param_type_name == "option" and not param.hidden:
            assert param.help, f"{command} {param.opts} has no help text"
            assert param.opts[-1] in result.output


def test_installed_entry_point():
    exe = shutil.which("kg") or str(Path(__import__("sys").executable).parent / "kg")
    proc = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\b", proc.stdout, re.M), command


@pytest.mark.parametrize("value, ok", [(0, True), (2, True), (-1, False), ("two", False), (True, False)])
def test_jobs_setting_in_kg_toml(tmp_path, value, ok):
    from kg.config import load_config
    from kg.errors import ConfigError

    (tmp_path / "kg.toml").write_text(f"jobs = {value!r}\n".replace("'", '"').replace("True", "true"))
    if ok:
        config = load_config(tmp_path)
        assert config.jobs == value and config.workers >= 1
    else:
        with pytest.raises(ConfigError, match="jobs must be a non-negative integer"):
            load_config(tmp_path)
