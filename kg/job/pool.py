"""The build's own process pool, which survives the death of a worker and tells which file killed it.

Each worker process takes the jobs it is sent one after another and answers job by job, so when one dies (the
kernel's OOM killer, a crash in a reader's native code, a ``kill -9``) the parent knows the very job it was doing:
the first one sent to it and not answered. That job is done once more after all the others, alone (one worker,
nothing beside it: a file that needed more memory than was left while others were read gets the machine to
itself); dying again, it becomes ``failed(JobFailure(...))``, the file's one-line error, and is not tried a third
time.
The dead worker is replaced, and the jobs it was sent but had not begun go to the next worker free. Results come
in the order of the jobs, as ``Executor.map`` gives them.

With ``time_limit``, a job still not answered that many seconds after its worker began it (an endless loop, a
catastrophic regex, a parse that never ends) has its worker killed and replaced, and is ``failed(JobFailure(...,
kind="timed out"))`` at once: not tried again (that would cost the limit twice, and a job slow in a busy pool is
as slow alone: a worker has a core of its own, as long as there are no more workers than cores).

(``concurrent.futures.ProcessPoolExecutor`` cannot do this: one dead worker breaks the whole pool, every pending
job fails with ``BrokenProcessPool``, and which one killed it is not told.)

>>> list(map_jobs(divmod, [(7, 2), (9, 4)], processes=2))
[(3, 1), (2, 1)]
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Literal, TypeVar

from kg.job.process import die_with_parent

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class JobFailure:
    """A job that gave no result: its worker died doing it, twice (``kind`` "died"; ``how``: "SIGKILL: killed,
    perhaps for want of memory"), its function raised ("raised"; ``error``, the exception's type; ``how``: its
    message), or it was not done within the time limit ("timed out"; ``how``: "took longer than 300 s")."""

    job: tuple[Any, ...]
    how: str
    kind: Literal["died", "raised", "timed out"] = "died"
    error: str = ""


def map_jobs(function: Callable[..., T], jobs: Sequence[tuple[Any, ...]], *, processes: int, chunksize: int = 1,
             failed: Callable[[JobFailure], T] | None = None, time_limit: float | None = None) -> Iterator[T]:
    """``function(*job)`` for each job, in ``processes`` worker processes, the results in the order of ``jobs``.
    A job that kills its worker, and kills it again when done alone, gives ``failed(JobFailure(job, how))``
    (without ``failed``: ``WorkerDied``). A job not done ``time_limit`` seconds after its worker began it (None: no
    limit) has its worker killed, and gives ``failed(JobFailure(job, how, kind="timed out"))``. A worker ends when
    its parent does (``die_with_parent``). ``function`` should not raise: what it raises anyway is the job's
    ``failed`` at once (``kind`` "raised"), the worker going on."""
    pool = _Pool(function, jobs, time_limit=time_limit)
    report = failed if failed is not None else _raise_died
    results: dict[int, T] = {}
    ready = 0

    def done(index: int, succeeded: bool, value: Any) -> None:
        results[index] = value if succeeded else report(JobFailure(jobs[index], value[1], kind="raised",
                                                                   error=value[0]))

    def timed_out(index: int, how: str) -> None:
        results[index] = report(JobFailure(jobs[index], how, kind="timed out"))

    try:
        again: list[int] = []
        for _ in pool.run(deque(range(len(jobs))), processes=processes, chunksize=chunksize,
                          done=done, died=lambda index, how: again.append(index), timed_out=timed_out):
            while ready in results:
                yield results.pop(ready)
                ready += 1
        # the jobs that killed a worker, each alone in a worker of its own; a second death is the job's error
        for _ in pool.run(deque(again), processes=1, chunksize=1, done=done,
                          died=lambda index, how: done(index, True, report(JobFailure(jobs[index], how))),
                          timed_out=timed_out):
            pass
        while ready in results:
            yield results.pop(ready)
            ready += 1
    finally:
        pool.close()


class WorkerDied(RuntimeError):
    """A job killed its worker twice, raised, or timed out (raised by ``map_jobs`` when no ``failed`` is given)."""


def _raise_died(failure: JobFailure) -> Any:
    if failure.kind == "died":
        raise WorkerDied(f"the worker doing {failure.job!r} died twice ({failure.how})")
    if failure.kind == "timed out":
        raise WorkerDied(f"{failure.job!r} {failure.how}: its worker was killed")
    raise WorkerDied(f"{failure.job!r} raised {failure.error}: {failure.how}")


def how_it_died(exit_code: int | None) -> str:
    """A process's end, told from its exit code (minus a signal's number when a signal ended it).

    >>> how_it_died(-9), how_it_died(-11), how_it_died(3)
    ('SIGKILL: killed, perhaps for want of memory', 'SIGSEGV: a crash in native code', 'exit code 3')
    """
    if exit_code is None or exit_code >= 0:
        return f"exit code {exit_code}"
    try:
        name = signal.Signals(-exit_code).name
    except ValueError:
        name = f"signal {-exit_code}"
    said = {"SIGKILL": "killed, perhaps for want of memory", "SIGSEGV": "a crash in native code",
            "SIGBUS": "a crash in native code", "SIGABRT": "aborted", "SIGTERM": "terminated"}
    return f"{name}: {said[name]}" if name in said else name


class _Worker:
    """One worker process, its end of the pipe, and the jobs sent to it and not answered yet (oldest first)."""

    def __init__(self, context: Any, function: Callable[..., Any]) -> None:
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(theirs, function, os.getpid()),
                                       daemon=True, name="kg worker")
        self.process.start()
        theirs.close()   # (only the worker holds its end: the pipe ends when the worker does)
        self.sent: deque[int] = deque()
        self.began = 0.0   # when it began the first job of ``sent`` (time.monotonic(); as the parent saw it)

    def send(self, chunk: list[tuple[int, tuple[Any, ...]]]) -> None:
        if not self.sent:   # (idle: it begins this chunk now; else when it answers the job before)
            self.began = time.monotonic()
        self.sent.extend(index for index, _ in chunk)
        try:
            self.connection.send(chunk)
        except OSError:   # (dead already: its sentinel says so next)
            pass

    def stop(self, *, at_once: bool = False) -> None:
        if not at_once and self.process.is_alive():
            try:
                self.connection.send(None)   # (no more jobs)
            except OSError:
                pass
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class _Pool:
    def __init__(self, function: Callable[..., Any], jobs: Sequence[tuple[Any, ...]], *,
                 time_limit: float | None = None) -> None:
        self._context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        self._function, self._jobs = function, jobs
        self._time_limit = time_limit or None   # (0: none)
        self._workers: list[_Worker] = []

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self._function)
        self._workers.append(worker)
        return worker

    def run(self, waiting: deque[int], *, processes: int, chunksize: int, done: Callable[[int, bool, Any], None],
            died: Callable[[int, str], None], timed_out: Callable[[int, str], None]) -> Iterator[None]:
        """Do the jobs ``waiting`` (indices), calling ``done(index, succeeded, result or error)`` for each answer,
        ``died(index, how)`` for a job whose worker died doing it and ``timed_out(index, how)`` for one whose worker
        was killed for taking longer than the time limit; yields after each. Leaves no worker running."""
        try:
            while len(self._workers) < min(processes, len(waiting)):
                self._start()
            while waiting or any(worker.sent for worker in self._workers):
                for worker in self._workers:   # each worker a chunk ahead, so that it never waits for the next
                    while waiting and len(worker.sent) <= chunksize:
                        worker.send([(index, self._jobs[index]) for index in
                                     (waiting.popleft() for _ in range(min(chunksize, len(waiting))))])
                busy = [worker for worker in self._workers if worker.sent]
                ready = set(wait([worker.connection for worker in busy] + [worker.process.sentinel for worker in busy],
                                 timeout=self._time_left(busy)))
                for worker in busy:
                    if worker.connection in ready or worker.process.sentinel in ready:
                        alive = self._receive(worker, done)
                        yield
                        if not alive:
                            self._replace(worker, waiting, died)
                    elif self._overdue(worker):
                        self._stop_overdue(worker, waiting, done, timed_out)
                        yield
        except BaseException:   # (an error, Ctrl-C, or the caller gone: the workers end at once)
            self.close()
            raise
        for worker in self._workers:
            worker.stop()
        self._workers = []

    @staticmethod
    def _receive(worker: _Worker, done: Callable[[int, bool, Any], None]) -> bool:
        """Take the answers the worker has sent; False when it has ended (its pipe closed)."""
        try:
            while worker.connection.poll():
                index, succeeded, value = worker.connection.recv()
                expected = worker.sent.popleft()
                assert index == expected, (index, expected)
                worker.began = time.monotonic()   # (it begins the next job as it answers this one)
                done(index, succeeded, value)
        except (EOFError, OSError):
            return False
        return worker.process.is_alive() or worker.connection.poll()

    def _time_left(self, busy: list[_Worker]) -> float | None:
        """Seconds until the first of the ``busy`` workers' jobs passes the time limit (None: no limit)."""
        if self._time_limit is None or not busy:
            return None
        return max(0.0, min(worker.began for worker in busy) + self._time_limit - time.monotonic())

    def _overdue(self, worker: _Worker) -> bool:
        return self._time_limit is not None and bool(worker.sent) and \
            time.monotonic() - worker.began >= self._time_limit

    def _stop_overdue(self, worker: _Worker, waiting: deque[int], done: Callable[[int, bool, Any], None],
                      timed_out: Callable[[int, str], None]) -> None:
        """Kill a worker whose job passed the time limit; the job is ``timed_out``, the jobs after it go to the
        next worker. What it answered before it was killed counts (an answer may cross the kill)."""
        overdue = worker.sent[0]
        worker.process.kill()
        worker.process.join()
        self._receive(worker, done)
        if worker.sent and worker.sent[0] == overdue:
            self._replace(worker, waiting, timed_out, how=f"took longer than {self._time_limit:g} s")
        else:   # (it answered in time after all: the job it had just begun is not to blame)
            self._replace(worker, waiting, None)

    def _replace(self, worker: _Worker, waiting: deque[int], ended: Callable[[int, str], None] | None, *,
                 how: str = "") -> None:
        """Remove a worker that has ended and start another; the job it was doing, its first unanswered one, is
        ``ended(job, how)`` (by default ``how`` tells how the worker died), the jobs after it had not begun and
        are done next, by the next worker. With ``ended`` None, no job is blamed: they all are done again."""
        worker.process.join()
        worker.connection.close()
        self._workers.remove(worker)
        if worker.sent and ended is not None:
            culprit = worker.sent.popleft()
            ended(culprit, how or how_it_died(worker.process.exitcode))
        waiting.extendleft(reversed(worker.sent))
        if waiting:
            self._start()

    def close(self) -> None:
        for worker in self._workers:
            worker.stop(at_once=True)
        self._workers = []


def _work(connection: Connection, function: Callable[..., Any], parent: int) -> None:
    """A worker: jobs in, answers out, one by one, until told to stop (``None``) or its parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # (Ctrl-C is the parent's: it ends its workers)
    die_with_parent(parent)
    while True:
        try:
            chunk = connection.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for index, job in chunk:
            try:
                answer = (index, True, function(*job))
            except Exception as error:   # noqa: BLE001 (a job's function should not raise: told, not re-raised)
                answer = (index, False, (type(error).__name__, " ".join(str(error).split())[:300]))
            connection.send(answer)
