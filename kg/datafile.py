"""Reading the tab-separated cue tables in kg/data/ (one loader for every extractor)."""

from __future__ import annotations

from importlib import resources

from .errors import DataError


def cue_rows(name: str, kinds: tuple[str, ...]) -> dict[str, list[tuple[str, str, str]]]:
    """kind -> [(pattern, value, "kg/data/<name>:<line>")] of a three-column TSV; '#' comments.

    Wrong column counts and unknown kinds are DataErrors naming the file and line.
    """
    rows: dict[str, list[tuple[str, str, str]]] = {k: [] for k in kinds}
    text = resources.files("kg").joinpath("data", name).read_text("utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"kg/data/{name}:{number}"
        parts = line.split("\t")
        if len(parts) != 3:
            raise DataError(f"expected 3 tab-separated columns, got {len(parts)}", path=where)
        kind, pattern, value = parts
        if kind not in rows:
            raise DataError(f"unknown cue kind {kind!r} (known: {', '.join(kinds)})", path=where)
        rows[kind].append((pattern, value, where))
    return rows
