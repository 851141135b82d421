"""kg's number extraction beside quantulum3's on the same text (bench/run.py reports it).

Both get the same chunks (the non-blank lines of the first reports of the corpus, up to a
size cap: quantulum3 reads about 0.01 MB/s, so the whole of a large corpus would take hours)
and both are timed after a warm-up call (quantulum3 loads its unit data on first use, kg
compiles its grammar). "Found" is what each returns: kg's quantities (kg.extract.numbers.
find_quantities: numbers with their unit and scale, ranges as one) and quantulum3's
Quantity objects (with and without a unit other than "dimensionless"). They do not count
the same things, so the ratio of numbers found is a rough one.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Comparison:
    chunks: int
    mb: float
    kg_seconds: float
    kg_found: int
    q3_seconds: float | None = None
    q3_found: int = 0
    q3_with_unit: int = 0
    q3_version: str = ""
    error: str = ""

    @property
    def time_ratio(self) -> float | None:
        return self.q3_seconds / self.kg_seconds if self.q3_seconds and self.kg_seconds else None


def chunks_of(paths: list[Path], max_kb: int) -> list[str]:
    """The non-blank lines of the reports, in order, until ``max_kb`` KB of UTF-8."""
    from kg.ingest import read_document

    out: list[str] = []
    size = 0
    for path in paths:
        for line in read_document(path, max_bytes=1 << 30).text.splitlines():
            if line.strip():
                out.append(line)
                size += len(line.encode("utf-8"))
                if size >= max_kb * 1000:
                    return out
    return out


def compare(paths: list[Path], max_kb: int = 150) -> Comparison:
    """Time kg and quantulum3 on the same chunks; quantulum3 missing is reported, not fatal."""
    from kg.extract.numbers import find_quantities

    chunks = chunks_of(paths, max_kb)
    find_quantities("warm-up: 1.5 billion yuan, up 3%")
    start = time.perf_counter()
    kg_found = sum(len(find_quantities(c)) for c in chunks)
    result = Comparison(len(chunks), sum(len(c.encode("utf-8")) for c in chunks) / 1e6,
                        time.perf_counter() - start, kg_found)
    try:
        from importlib.metadata import version

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "classifier dependencies not installed": we use the rules only
            from quantulum3 import parser

            parser.parse("warm-up: 1.5 billion yuan, up 3%")
            start = time.perf_counter()
            found = [q for c in chunks for q in parser.parse(c)]
            result.q3_seconds = time.perf_counter() - start
        result.q3_found = len(found)
        result.q3_with_unit = sum(1 for q in found if q.unit.name != "dimensionless")
        result.q3_version = version("quantulum3")
    except ImportError as err:
        result.error = f"quantulum3 is not installed ({err}); pip install -e '.[bench]'"
    return result
