"""The build cache (OUTDIR/cache/): what `kg build` need not compute again.

Two kinds of entries, both keyed by content, never by file name or time:

* extraction: a Report, keyed by the input file's bytes and the *code fingerprint* (every
  source file of the kg package and every data, ontology and shapes file it ships, plus
  the kg version and the size limit) — after one report changes, only it is extracted
  again; after kg or a lexicon changes, everything is;
* validation: a report graph's validation result, keyed by the graph's sorted N-Triples
  and the fingerprint — a report whose graph did not change (even if another report's
  did) is not validated again. (A report's graph can change without its text changing:
  policy names and aliases are resolved across all reports.)

Entries are pickles written by kg itself into the build's own directory; an entry that
cannot be read is ignored and recomputed. After a build the cache holds exactly the
entries that build used, so deleted reports leave nothing behind. ``--no-cache`` skips
reading it (a full build) and writes fresh entries.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .fsutil import atomic_write

log = logging.getLogger("kg.cache")

CACHE_DIR = "cache"
PACKAGES = ("kg", "kg.data", "kg.extract", "kg.rdf", "kg.ontology", "kg.shapes")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of kg's version, code and shipped data: any change to them invalidates the cache."""
    from . import __version__

    digest = hashlib.sha256(__version__.encode())
    for package in PACKAGES:
        root = resources.files(package)
        for entry in sorted(root.iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith((".py", ".tsv", ".txt", ".toml", ".ttl", ".jsonld")):
                digest.update(f"{package}/{entry.name}\0".encode())
                digest.update(entry.read_bytes())
    return digest.hexdigest()


class BuildCache:
    """Read and write cache entries under ``out_dir``/cache; ``use=False`` never reads."""

    def __init__(self, out_dir: Path, use: bool = True):
        self.directory = Path(out_dir) / CACHE_DIR
        self.use = use
        self.used: set[str] = set()
        self.hits = 0

    def _path(self, kind: str, key: str) -> Path:
        return self.directory / f"{kind}-{key}.pickle"

    def extraction_key(self, path: Path, max_bytes: int) -> str | None:
        """The key of an input file (its path as given, which the report records, and its
        bytes), or None when it cannot be read here (the extractor then reports why)."""
        try:
            if path.stat().st_size > max_bytes:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        head = f"{fingerprint()}\0{max_bytes}\0{path}\0".encode()
        return hashlib.sha256(head + data).hexdigest()

    @staticmethod
    def graph_key(graph) -> str:
        lines = sorted(graph.serialize(format="nt").splitlines())
        return hashlib.sha256(fingerprint().encode() + "\n".join(lines).encode("utf-8")).hexdigest()

    def get(self, kind: str, key: str | None):
        if key is None:
            return None
        self.used.add(f"{kind}-{key}.pickle")
        if not self.use:
            return None
        path = self._path(kind, key)
        if not path.is_file():
            return None
        try:
            value = pickle.loads(path.read_bytes())
        except Exception as err:  # noqa: BLE001 - a damaged entry is recomputed, never fatal
            log.warning("%s: unreadable cache entry, recomputed (%s)", path, err)
            return None
        self.hits += 1
        return value

    def put(self, kind: str, key: str | None, value) -> None:
        if key is None:
            return
        self.used.add(f"{kind}-{key}.pickle")
        atomic_write(self._path(kind, key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> None:
        """Delete the entries this build did not use."""
        if not self.directory.is_dir():
            return
        for entry in self.directory.glob("*.pickle"):
            if entry.name not in self.used:
                entry.unlink(missing_ok=True)
