"""One file's quads sorted in bounded memory: gathered as they are made, and when they pass ``run_size`` bytes of
lines, sorted and written as a run to a temporary file beside the file's cache entry; the runs are then merged
(``heapq.merge``) into the entry, each line once. A file whose quads stay under ``run_size`` (every ordinary
document) is sorted in memory and never touches the temporary file; either way the entry's bytes are the same.

A 20 MB line dense with citations makes 3.8 million quads (960 MB of N-Quads, three times that as Python strings):
held whole they were most of its build's memory; in runs of 32 MB it holds one run at a time.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> runs = QuadRuns(folder / "x.nq.runs", run_size=10)   # (a run every 10 bytes of lines: a spill at each add)
>>> shared = "<w> <p> <o> <https://w3id.org/resolution-kg/id/graph/shared> ."
>>> runs.add({"<c> <p> <o> <g> .", shared, "<a> <p> <o> <g> ."})
>>> runs.add({"<b> <p> <o> <g> .", "<a> <p> <o> <g> ."})
>>> runs.spilled
3
>>> with (folder / "x.nq").open("wb") as handle:
...     runs.write(handle)   # (the bytes written)
117
>>> print((folder / "x.nq").read_text(), end="")
<a> <p> <o> <g> .
<b> <p> <o> <g> .
<c> <p> <o> <g> .
<w> <p> <o> <https://w3id.org/resolution-kg/id/graph/shared> .
>>> (folder / "x.nq.runs").exists()
False
"""

from __future__ import annotations

import heapq
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.rdf.iris import SHARED_GRAPH

RUN_SIZE = 32 << 20   # (bytes of lines held before they are sorted and spilled: 32 MB, about 45 MB as strings)
_LINES_A_PIECE = 8192   # (lines encoded and written at a time: a few MB)
_SHARED_END = f"<{SHARED_GRAPH}> ."
_MIN_READ, _MAX_READ = 1 << 16, 1 << 20   # (bytes read from a run at a time while merging)


class QuadRuns:
    """The quads of one file, own graphs' and shared graph's apart once sorted (see ``kg.job.cache``: the entry
    holds its own lines sorted, then the shared graph's sorted), in sorted runs spilled to ``path`` past
    ``run_size`` bytes.
    ``write`` writes the entry's lines once; ``discard`` (also done by ``write``) removes the temporary file."""

    def __init__(self, path: Path | None, *, run_size: int = RUN_SIZE) -> None:
        self.path = path
        self.run_size = run_size if path is not None else sys.maxsize   # (no path: all held in memory)
        self._lines: set[str] = set()
        self._size = 0   # (the characters of the lines held)
        self._file: BinaryIO | None = None
        self._runs: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])   # (offset, length) own, shared

    @property
    def spilled(self) -> int:
        """How many runs were written to the temporary file."""
        return len(self._runs[0]) + len(self._runs[1])

    def add(self, lines: set[str]) -> None:
        """Take these lines (the set becomes the runs' own: the caller lets go of it)."""
        self._size += sum(map(len, lines))
        self._lines = _union(self._lines, lines)
        if self._size > self.run_size:
            self._spill()

    def sorted_lines(self) -> tuple[str, ...]:
        """Every line once, sorted (own and shared together), of runs that were never spilled."""
        assert self._file is None, "sorted_lines of spilled runs"
        return tuple(sorted(self._lines))

    def _spill(self) -> None:
        if self._file is None:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("wb+")
        for lines, runs in zip(_own_and_shared(self._lines), self._runs, strict=True):
            if lines:
                start = self._file.tell()
                _write_lines(self._file, lines)
                runs.append((start, self._file.tell() - start))
        self._lines, self._size = set(), 0

    def write(self, handle: BinaryIO) -> int:
        """Write every line once, own lines sorted then shared lines sorted, to ``handle``; return the bytes
        written."""
        try:
            if self._file is None:   # (all in memory: sorted there)
                return sum(_write_lines(handle, lines) for lines in _own_and_shared(self._lines))
            self._spill()
            self._file.flush()
            size = 0
            for runs in self._runs:   # (read a block of each run at a time: all the blocks about a run's size)
                block = max(_MIN_READ, min(_MAX_READ, self.run_size // max(len(runs), 1)))
                size += _write_merged(handle, [_run_lines(self._file.fileno(), *run, block) for run in runs])
            return size
        finally:
            self.discard()

    def discard(self) -> None:
        """Forget the lines and remove the temporary file."""
        self._lines, self._size = set(), 0
        if self._file is not None:
            self._file.close()
            self._file = None
            if self.path is not None:
                self.path.unlink(missing_ok=True)


def _union(held: set[str], lines: set[str]) -> set[str]:
    """The two sets as one (the smaller added to the larger: a document's one batch is taken as it is)."""
    if len(lines) > len(held):
        held, lines = lines, held
    held |= lines
    return held


def _own_and_shared(lines: set[str]) -> tuple[list[str], list[str]]:
    """``lines`` sorted, in two lists: those of the documents' own graphs, those of the shared graph."""
    ordered = sorted(lines)
    return ([line for line in ordered if not line.endswith(_SHARED_END)],
            [line for line in ordered if line.endswith(_SHARED_END)])


def _write_lines(handle: BinaryIO, lines: list[str]) -> int:
    """``lines``, each with its newline, in UTF-8 (encoded a piece at a time: one string of them all would be
    their size again)."""
    size = 0
    for start in range(0, len(lines), _LINES_A_PIECE):
        size += handle.write(("\n".join(lines[start:start + _LINES_A_PIECE]) + "\n").encode("utf-8"))
    return size


def _run_lines(fd: int, offset: int, length: int, size: int) -> Iterator[bytes]:
    """The lines (each with its newline) of the run written at ``offset``, read ``size`` bytes at a time."""
    rest = b""
    while length > 0:
        block = os.pread(fd, min(size, length), offset)
        if not block:
            raise OSError(f"a run of quads ended {length} bytes early")
        offset, length = offset + len(block), length - len(block)
        block = rest + block
        cut = block.rfind(b"\n") + 1
        rest = block[cut:]
        yield from io.BytesIO(block[:cut]).readlines()   # (at b"\n" only)
    if rest:
        yield rest


def _write_merged(handle: BinaryIO, runs: list[Iterator[bytes]]) -> int:
    """The sorted ``runs`` merged, each line once. (UTF-8 bytes sort as their characters do, and no N-Quads line
    is the beginning of another, so the newline at the end of each changes no order.)"""
    size = 0
    piece: list[bytes] = []
    last = None
    for line in heapq.merge(*runs):
        if line != last:
            piece.append(line)
            last = line
            if len(piece) >= _LINES_A_PIECE:
                size += handle.write(b"".join(piece))
                piece = []
    return size + handle.write(b"".join(piece))
