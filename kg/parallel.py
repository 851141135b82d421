"""Run one function over many items on several processes, results in input order.

Why processes: extraction and pyshacl validation are pure Python, so threads would share
one interpreter lock. Why fork where the platform has it: the workers then inherit what
the parent already loaded (gazetteer, indicator scheme, shapes, the report graphs) and
only an index crosses the process boundary; the results (Reports, validation results)
come back pickled. Elsewhere (spawn) the items themselves are pickled to the workers.

The output never depends on the number of processes: results are returned in the order of
``items`` and every caller merges them in that order.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_SHARED: tuple[Callable, Sequence] | None = None  # (function, items), inherited by forked workers


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _call_shared(index: int):
    fn, items = _SHARED
    return fn(items[index])


def imap(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """``fn(item)`` for each item, yielded in order; on ``jobs`` processes when there are
    several items and jobs > 1, else in this process. ``fn`` must be a module-level function."""
    global _SHARED
    jobs = min(jobs, len(items))
    if jobs <= 1:
        for item in items:
            yield fn(item)
        return
    if "fork" in mp.get_all_start_methods():
        _SHARED = (fn, items)
        try:
            with mp.get_context("fork").Pool(jobs) as pool:
                yield from pool.imap(_call_shared, range(len(items)), chunksize=1)
        finally:
            _SHARED = None
    else:
        with mp.get_context().Pool(jobs) as pool:
            yield from pool.imap(fn, items, chunksize=1)
