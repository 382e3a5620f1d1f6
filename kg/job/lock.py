"""One writer at a time in an output folder: ``OUT/.lock``, held (``fcntl.flock``) while a command writes there.

Two builds into one folder would write the same ``graph.nq``, cache counts and store at once (the store refuses
a second writer half-way through, leaving the folder damaged and no manifest); ``kg analyze`` rewrites the scores
in the store and ``graph.nq``, ``kg optimize`` (and ``kg serve`` before it serves) compacts the store, ``kg site``
and ``kg view`` write pages from a store a build may be changing, ``kg push`` reads ``graph.nq`` all along the push.
Each of them holds the lock, and the second writer is told at once who holds it (the holder writes its command and
process id into the file). Commands that only read a folder (``kg query``, ``kg stats``, ``kg validate``, ...)
take no lock. The kernel lets go of the lock when
the process ends, however it ends (``kill -9`` too), so a lock is never left behind.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import BusyError, InputError, UnreachableError

try:
    import fcntl
except ImportError:   # (not POSIX: no lock)
    fcntl = None  # type: ignore[assignment]


@contextmanager
def holding_folder(out: Path, *, command: str = "kg build", create: bool = True) -> Iterator[None]:
    """Hold ``out/.lock`` for the ``with`` block; ``BusyError`` when another process holds it. ``create`` False
    (a command that writes into a folder built before): a folder that does not exist, or where the lock cannot be
    made (read-only), is left to the command's own error, unlocked."""
    if create:
        make_folder(out)
    elif not out.is_dir():
        yield
        return
    try:
        descriptor = _open_lock(out / ".lock")
    except OSError as error:
        if create:   # (a folder in its place, a read-only folder: one error line, as a held lock is)
            raise UnreachableError(f"{out / '.lock'}: cannot take the lock ({error.strerror or error})") from None
        yield
        return
    try:
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(descriptor)
                raise BusyError(f"{out}: another kg command is writing there ({holder}wait for it to end)") from None
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{command}, process {os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)   # (the lock goes with the descriptor)


def writer_of(out: Path) -> str | None:
    """Who holds ``out/.lock`` now, as its holder wrote it ("kg build, process 1234"; "a kg command" when it wrote
    nothing), or None when no process holds it (or there is none to hold): read without taking or making it."""
    if fcntl is None:
        return None
    try:
        descriptor = os.open(out / ".lock", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder(descriptor).removesuffix("; ") or "a kg command"
        return None
    finally:
        os.close(descriptor)


def make_folder(out: Path) -> Path:
    """Make the output folder ``out`` (and its parents) where it is not one yet: a file in its place is bad input
    (``kg build --out README.md``), a folder that cannot be made an ``UnreachableError``, each one line."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(str(out), "not a folder (a file is in its place or on its path): name another for the "
                                   "outputs") from None
    except OSError as error:
        raise UnreachableError(f"{out}: cannot make the folder ({error.strerror or error})") from None
    return out


def _open_lock(path: Path) -> int:
    """The lock file opened for writing: a regular file. What damage or a hand put in its place (a symbolic link,
    to ``/dev/zero`` or anywhere; a FIFO; a device) is taken away, only the name, never what a link leads to, and
    a lock file made afresh (opened without following a link and without blocking, checked by ``fstat``)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    for _ in range(2):
        try:
            descriptor = os.open(path, flags, 0o644)
        except OSError as error:
            if error.errno != errno.ELOOP:   # (a link: taken away below)
                raise
        else:
            if stat.S_ISREG(os.fstat(descriptor).st_mode):
                return descriptor
            os.close(descriptor)
        os.unlink(path)
    raise OSError(errno.EAGAIN, "not a regular file, and put back when it was taken away", str(path))


def _holder(descriptor: int) -> str:
    """Who holds the lock, as its holder wrote it, followed by "; " ("kg build, process 1234; "), or ""."""
    try:
        said = os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        said = ""
    return f"{said}; " if said else ""
