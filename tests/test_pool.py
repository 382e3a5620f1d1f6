"""The build's process pool (kg.job.pool): results in order, and a worker that dies (killed, crashed) costs only the
job it was doing, which is tried once more alone and then reported; no worker is left running."""

from __future__ import annotations

import ctypes
import faulthandler
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from kg.job.pool import JobFailure, WorkerDied, map_jobs


def _square(number: int, _: str = "") -> int:
    return number * number


def _dies_on(number: int, folder: str, how: str) -> int:
    """``number * number``, but the job 13 ends its process as ``how`` says, every time (``always``) or only the
    first time (``once``); each attempt at it leaves a file in ``folder``."""
    if number == 13:
        attempts = len(list(Path(folder).iterdir()))
        (Path(folder) / f"attempt-{attempts}").touch()
        if how == "segfault":
            faulthandler.disable()   # (pytest's handler, inherited, would print the stack)
            ctypes.string_at(0)   # (reads address 0: SIGSEGV)
        if how == "always" or attempts == 0:
            os.kill(os.getpid(), signal.SIGKILL)
    return number * number


def _raises(number: int) -> int:
    if number == 3:
        raise ValueError("no three")
    return number


def _said(failure: JobFailure) -> str:
    if failure.kind == "raised":
        return f"{failure.job[0]}: {failure.error}: {failure.how}"
    return f"{failure.job[0]}: {failure.how}"


@pytest.fixture(autouse=True)
def _no_worker_left():
    before = set(multiprocessing.active_children())
    yield
    assert set(multiprocessing.active_children()) - before == set()


@pytest.mark.parametrize(("processes", "chunksize"), [(1, 1), (2, 1), (2, 4), (3, 16)],
                         ids=["one-worker", "two-workers", "chunks-of-4", "more-workers-than-chunks"])
def test_the_results_come_in_the_order_of_the_jobs(processes, chunksize):
    assert list(map_jobs(_square, [(n,) for n in range(50)], processes=processes, chunksize=chunksize)) == \
        [n * n for n in range(50)]


# (case, how the job 13 ends its worker, what comes of it)
DEATHS = [
    ("killed-every-time", "always", "13: SIGKILL: killed, perhaps for want of memory"),
    ("killed-the-first-time-only", "once", 169),
    ("segfault", "segfault", "13: SIGSEGV: a crash in native code"),
]


@pytest.mark.skipif(sys.platform != "linux", reason="signals and a segfault as Linux gives them")
@pytest.mark.parametrize(("how", "thirteen"), [case[1:] for case in DEATHS], ids=[case[0] for case in DEATHS])
@pytest.mark.parametrize("chunksize", [1, 4])
def test_a_job_that_kills_its_worker_is_tried_once_more_alone_and_the_others_are_done(tmp_path, how, thirteen,
                                                                                      chunksize):
    assert len(DEATHS) == 3
    jobs = [(n, str(tmp_path), how) for n in range(40)]
    results = list(map_jobs(_dies_on, jobs, processes=2, chunksize=chunksize, failed=_said))
    assert results == [thirteen if n == 13 else n * n for n in range(40)]
    assert len(list(tmp_path.iterdir())) == 2   # tried twice, not more


def test_without_failed_a_second_death_raises(tmp_path):
    with pytest.raises(WorkerDied, match="died twice.*SIGKILL"):
        list(map_jobs(_dies_on, [(n, str(tmp_path), "always") for n in range(20)], processes=2))


def test_what_a_job_raises_is_its_failure_at_once():
    assert list(map_jobs(_raises, [(n,) for n in range(6)], processes=2, failed=_said)) == \
        [0, 1, 2, "3: ValueError: no three", 4, 5]


def test_a_caller_that_stops_reading_leaves_no_worker():
    results = map_jobs(_square, [(n,) for n in range(1000)], processes=2, chunksize=4)
    assert next(results) == 0
    results.close()   # (the fixture checks that no worker is left)


def _loops_on(number: int, folder: str) -> int:
    """``number * number``, but the job 7 never ends (an endless loop, as a catastrophic regex would be); each
    attempt at it leaves a file in ``folder``."""
    if number == 7:
        (Path(folder) / f"attempt-{len(list(Path(folder).iterdir()))}").touch()
        while True:
            pass
    return number * number


@pytest.mark.parametrize(("processes", "chunksize"), [(1, 1), (2, 1), (2, 4)],
                         ids=["one-worker", "two-workers", "chunks-of-4"])
def test_a_job_past_the_time_limit_is_its_failure_and_the_others_are_done_in_order(tmp_path, processes, chunksize):
    jobs = [(n, str(tmp_path)) for n in range(20)]
    results = list(map_jobs(_loops_on, jobs, processes=processes, chunksize=chunksize, failed=_said, time_limit=1))
    assert results == ["7: took longer than 1 s" if n == 7 else n * n for n in range(20)]
    assert len(list(tmp_path.iterdir())) == 1   # not tried again (the fixture checks that no worker is left)


def test_without_failed_a_time_out_raises(tmp_path):
    with pytest.raises(WorkerDied, match="took longer than 0.5 s"):
        list(map_jobs(_loops_on, [(n, str(tmp_path)) for n in range(10)], processes=2, time_limit=0.5))


def _sleeps(number: int) -> int:
    time.sleep(0.05)
    return number


def test_the_time_limit_is_per_job_not_per_chunk():
    """Chunks of 16 jobs of 0.05 s each: a chunk takes 0.8 s, each job a tenth of the limit of 0.5 s."""
    assert list(map_jobs(_sleeps, [(n,) for n in range(40)], processes=1, chunksize=16, failed=_said,
                         time_limit=0.5)) == list(range(40))
