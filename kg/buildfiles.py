"""Reading the files a build wrote in its output folder (``manifest.json``, ``cache/shared.tsv``, the store's seal,
``analysis.nq``, ``metrics.json``, a cache summary) so that damage there can neither hang nor flood the reader.

What stands at such a name may be anything a hand or damage put there: a symbolic link to ``/dev/zero`` (read
without end), a FIFO (an ``open`` that waits for a writer for ever), a device, a sparse file of a terabyte. Only a
regular file of at most ``max_size`` bytes is read; it is opened without following a link and without blocking,
and checked by ``fstat`` on what was opened (not on the name, which may change meanwhile). Anything else is an
``OSError`` naming the file and what stood there, which the build takes as a missing file (and writes it afresh)
and a command that needs the file reports on one line.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "manifest.json").write_text('{"files": []}')
13
>>> load_build_json(folder / "manifest.json")
{'files': []}
>>> (folder / "link").symlink_to("/dev/zero")
>>> read_build_file(folder / "link")
Traceback (most recent call last):
...
kg.buildfiles.DamagedFileError: ...link: a symbolic link (to /dev/zero), not a file the build wrote
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import stat
from pathlib import Path

MAX_SIZE = 1 << 30   # (a manifest of 100k files is some 30 MB; analysis.nq of 100k nodes under 100 MB)

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class DamagedFileError(OSError):
    """What stands at the name of a build's file is no such file (a link, a FIFO, a device, far too large)."""

    def __init__(self, path: str | os.PathLike[str], reason: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, reason, os.fspath(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def read_build_file(path: str | os.PathLike[str], *, max_size: int = MAX_SIZE) -> bytes:
    """The bytes of the build's file ``path``: a regular file of at most ``max_size`` bytes, else
    ``DamagedFileError`` (a missing file: ``FileNotFoundError``, as ``open`` raises it)."""
    with open_build_file(path, max_size=max_size) as handle:
        data = handle.readall()
    if len(data) > max_size:   # (one that grew while it was read)
        raise DamagedFileError(path, f"larger than {max_size} bytes, not a file the build wrote", errno.EFBIG)
    return data


def open_build_file(path: str | os.PathLike[str], *, max_size: int = MAX_SIZE) -> io.FileIO:
    """The build's file ``path`` opened for reading (unbuffered), once it is known to be a regular file of at
    most ``max_size`` bytes: ``read_build_file``'s checks, for a reader that reads only part of it."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and os.path.islink(path):
            raise DamagedFileError(path, _a_link(path), errno.ELOOP) from None
        raise
    handle = io.FileIO(descriptor, "rb")
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise DamagedFileError(path, _not_a_file(status.st_mode))
        if status.st_size > max_size:
            raise DamagedFileError(path, f"larger than {max_size} bytes, not a file the build wrote", errno.EFBIG)
    except BaseException:
        handle.close()
        raise
    return handle


def load_build_json(path: str | os.PathLike[str], *, max_size: int = MAX_SIZE) -> object:
    """The JSON value of the build's file ``path``: ``OSError`` as ``read_build_file`` raises it, ``ValueError``
    for text that is no JSON, nested too deeply among it (Python's parser recurses: ``[`` a hundred thousand
    times deep is a ``RecursionError``)."""
    data = read_build_file(path, max_size=max_size)
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError(f"{os.fspath(path)}: JSON nested too deeply") from None


def damage_at(path: str | os.PathLike[str]) -> str | None:
    """What stands at the name of a build's file if it is no regular file ("a FIFO, not a file the build wrote");
    None for a regular file or for nothing."""
    try:
        status = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISLNK(status.st_mode):
        return _a_link(path)
    return None if stat.S_ISREG(status.st_mode) else _not_a_file(status.st_mode)


def _a_link(path: str | os.PathLike[str]) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"a symbolic link (to {target}), not a file the build wrote"


def _not_a_file(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"{kind}, not a file the build wrote"


def remove_path(path: Path) -> None:
    """Remove what stands at ``path``: a folder and what it holds, or a file or a link (a link only, never what
    it leads to) that damage or a hand put where a folder or file of the build belongs."""
    if path.is_symlink() or path.exists() and not path.is_dir():   # (a FIFO, a device: the name only)
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
