"""A process of its own for one call, started before the call is known: ``Beside(preload=...)`` starts the process,
which imports the modules the call will need while the caller goes on; ``call(function, *args)`` sends it the call
and returns a function that waits for the result; ``close()`` ends it unused.

A build makes the network's metrics in such a process while it writes ``graph.nq`` and the store: importing
networkx, scipy and pyvis takes a third of a second, which the process spends while the build reads its inputs.
The arguments then travel pickled through a pipe (the citation network of 10,000 documents in a tenth of a second),
and the result, or the error with its traceback, comes back the same way. On Linux the process is forked (it
starts with the modules the caller has loaded already). It makes one call and ends, so its cyclic garbage
collector is off: its passes would go through every object of a large argument again and again.

>>> beside = Beside(preload=["fractions"])
>>> wait = beside.call(sum, [1, 2, 3])
>>> wait()
6
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")


class ProcessFailed(RuntimeError):
    """The call failed in its process (the message holds the traceback there), or the process ended without an
    answer."""


class ProcessDied(ProcessFailed):
    """The process ended without an answer (killed, ``kill -9`` or the OOM killer, or it crashed): the call
    itself may well succeed if made again."""


class Beside:
    """A process ready to make one call (see the module's text)."""

    def __init__(self, *, preload: Sequence[str] = ()) -> None:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs, tuple(preload), self._connection, os.getpid()),
                                        daemon=True, name="kg beside")
        self._process.start()
        theirs.close()   # (the parent's copy of the process's end: the pipe then ends when the process does)

    def call(self, function: Callable[..., T], *args: object) -> Callable[[], T]:
        """Send ``function(*args)`` to the process; the returned function waits for its result (or raises
        ``ProcessFailed``)."""
        name = getattr(function, "__name__", "the call")
        try:
            self._connection.send((function, args))
            sent = True
        except (BrokenPipeError, ConnectionResetError):   # (the process died before the call)
            sent = False

        def result() -> T:
            try:
                answer = self._connection.recv() if sent else None
            except (EOFError, ConnectionResetError):
                answer = None
            self._connection.close()
            self._process.join()   # (it ends once it has answered)
            if answer is None:
                raise ProcessDied(f"the process for {name} ended without an answer (exit code "
                                    f"{self._process.exitcode})")
            succeeded, value = answer
            if not succeeded:
                raise ProcessFailed(f"{name} failed in its process:\n{value}")
            return value

        return result

    def stop(self) -> None:
        """End the process, whatever it is doing (nothing, once its answer is in)."""
        self._connection.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def die_with_parent(parent: int) -> None:
    """End this process when its parent (``parent``, its process id) ends, however it ends (``kill -9`` too):
    on Linux the kernel sends it SIGKILL (``prctl(PR_SET_PDEATHSIG)``); a parent gone already ends it now. A
    build's pool workers and its process beside start with this, so an interrupted build leaves none running."""
    if sys.platform == "linux":
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):   # (no prctl: the pipe's end, below, still tells the process beside)
            pass
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _serve(connection: Connection, preload: tuple[str, ...], parents_end: Connection, parent: int) -> None:
    parents_end.close()   # (forked, the child holds the parent's end too: closed, a parent's end ends the pipe)
    die_with_parent(parent)
    gc.disable()
    failure = value = None
    try:
        for module in preload:
            importlib.import_module(module)
    except BaseException:   # noqa: BLE001 (told when the call comes)
        failure = traceback.format_exc()
    try:
        function, args = connection.recv()
    except EOFError:   # stopped unused
        return
    if failure is None:
        try:
            value = function(*args)
        except BaseException:   # noqa: BLE001 (sent to the parent, which raises it)
            failure = traceback.format_exc()
    connection.send((True, value) if failure is None else (False, failure))
    connection.close()
