"""One build at a time in an output folder: ``OUT/.lock``, held (``fcntl.flock``) while a build writes there.

Two builds into one folder would write the same ``graph.nq``, cache counts and store at once (the store refuses
a second writer half-way through, leaving the folder damaged and no manifest); the second build is told at once
instead. The kernel lets go of the lock when the process ends, however it ends (``kill -9`` too), so a lock is
never left behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import BusyError

try:
    import fcntl
except ImportError:   # (not POSIX: no lock)
    fcntl = None  # type: ignore[assignment]


@contextmanager
def holding_folder(out: Path) -> Iterator[None]:
    """Hold ``out/.lock`` for the ``with`` block; ``BusyError`` when another process holds it."""
    out.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BusyError(f"{out}: another build is writing there (wait for it to end)") from None
        yield
    finally:
        os.close(descriptor)   # (the lock goes with the descriptor)
