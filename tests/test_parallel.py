"""kg.parallel: results in input order whatever the number of processes."""

from __future__ import annotations

import os

import pytest

from kg.parallel import default_jobs, imap


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_keep_the_input_order(jobs):
    items = list(range(12))
    results = list(imap(square_and_pid, items, jobs))
    assert [r for r, _ in results] == [x * x for x in items]
    pids = {pid for _, pid in results}
    assert (pids == {os.getpid()}) if jobs == 1 else (os.getpid() not in pids)


def test_one_item_runs_in_this_process():
    assert list(imap(square_and_pid, [3], 4)) == [(9, os.getpid())]


def test_default_jobs_is_at_least_one():
    assert default_jobs() >= 1
