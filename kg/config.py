"""One Config dataclass with every default.

Precedence: command-line options > ``kg.toml`` (top-level keys) or the
``[tool.kg]`` table of ``pyproject.toml`` in the working directory > defaults.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import ConfigError
from .rdf.namespaces import VOCAB_BASE

DEFAULT_OUT = Path("out")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    base_uri: str = VOCAB_BASE  # instance IRIs are minted under <base_uri>id/...
    out_dir: Path = DEFAULT_OUT
    max_bytes: int = DEFAULT_MAX_BYTES  # larger input files are refused
    validate: bool = True  # run SHACL validation during build
    jobs: int = 0  # processes for extraction and validation; 0 = one per core
    cache: bool = True  # reuse OUTDIR/cache (kg/cache.py); False: a full build

    @property
    def workers(self) -> int:
        """The number of processes to use: ``jobs``, or one per available core when 0."""
        from .parallel import default_jobs

        return self.jobs if self.jobs > 0 else default_jobs()

    def with_overrides(self, **values) -> "Config":
        """Return a copy with the non-None ``values`` applied."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _check_base_uri(value: str, origin: str) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ConfigError(f"base_uri must be an http(s) IRI, got {value!r}", path=origin)
    if not value.endswith(("/", "#")):
        value += "/"
    return value


def _from_table(table: dict, origin: str) -> Config:
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}", path=origin)
    values = dict(table)
    if "base_uri" in values:
        values["base_uri"] = _check_base_uri(values["base_uri"], origin)
    if "out_dir" in values:
        values["out_dir"] = Path(values["out_dir"])
    if "max_bytes" in values and (not isinstance(values["max_bytes"], int) or values["max_bytes"] <= 0):
        raise ConfigError("max_bytes must be a positive integer", path=origin)
    if "jobs" in values and (not isinstance(values["jobs"], int) or isinstance(values["jobs"], bool) or values["jobs"] < 0):
        raise ConfigError("jobs must be a non-negative integer (0: one per core)", path=origin)
    return Config(**values)


def load_config(directory: Path | None = None) -> Config:
    """Read kg.toml or pyproject.toml [tool.kg] from ``directory`` (default: cwd)."""
    directory = directory or Path.cwd()
    kg_toml = directory / "kg.toml"
    pyproject = directory / "pyproject.toml"
    try:
        if kg_toml.is_file():
            return _from_table(tomllib.loads(kg_toml.read_text("utf-8")), str(kg_toml))
        if pyproject.is_file():
            table = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("kg", {})
            return _from_table(table, f"{pyproject} [tool.kg]")
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"malformed TOML: {err}", path=str(kg_toml if kg_toml.is_file() else pyproject)) from err
    return Config()


def check_base_uri(value: str) -> str:
    return _check_base_uri(value, "--base-uri")
