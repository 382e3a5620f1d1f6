"""``OUT/graph.nq``, the whole graph in one N-Quads file: every document's named graph in the order of the input
paths (each graph's lines sorted), then the shared graph and the ontology (sorted); the build appends the analysis
graph after them. The same inputs give the same bytes.

A rebuild does not write it from the cache again. The bytes of the files that did not change are copied from the
previous ``graph.nq`` (the manifest records where each file's graphs lie; the copy is done by the kernel), only
the changed files are read from the cache, and the shared graph is kept as counts (how many files describe each of
its lines, ``OUT/cache/shared.tsv``), so that a changed file's lines are taken out or put in without reading the
other files. When nothing changed, the file is only cut back to its end before the analysis graph. Whatever does
not match what the manifest recorded (graph.nq edited, another version of the code, a cache entry gone) makes the
file be written whole from the cache instead. The manifest records the sha256 of each file's span too (hashed as it
is written, or the one it was copied under): a span whose bytes no longer hash to it (graph.nq damaged, its size and
times set back) is written from the cache, never copied.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, cast

from kg.buildfiles import read_build_file
from kg.job.cache import FileResult, cache_version, cached_parts, has_quads
from kg.swap import swap_in

_COPY_CHUNK = 1 << 24


@dataclass(frozen=True, slots=True)
class Span:
    """Where one input file's document graphs lie in ``graph.nq``; ``complete`` when it wrote all of them (a
    graph that an earlier file holds too is written once, by the earlier file); ``digest``: the sha256 of those
    bytes, checked before they are copied or kept."""

    offset: int
    length: int
    lines: int
    complete: bool
    digest: str

    def record(self) -> list[int | bool | str]:
        """The span as the manifest keeps it (a file entry's ``span``)."""
        return [self.offset, self.length, self.lines, self.complete, self.digest]

    @classmethod
    def recorded(cls, entry: FileEntry | None) -> Span | None:
        """The span a manifest's file ``entry`` recorded (None: none, or not of the shape ``record`` gives)."""
        span = entry.get("span") if entry is not None else None
        if not isinstance(span, list) or len(span) != 5:
            return None
        offset, length, lines, complete, digest = span
        if isinstance(offset, int) and isinstance(length, int) and isinstance(lines, int) \
                and min(offset, length, lines) >= 0 and isinstance(complete, bool) and isinstance(digest, str):
            return cls(offset, length, lines, complete, digest)
        return None


@dataclass(frozen=True, slots=True)
class GraphFile:
    """What ``write_graph_file`` wrote: its quads, each file's span, and the shared graph (with the ontology)
    and how it changed since the previous build (``shared_removed`` is None when that is not known)."""

    spans: dict[str, Span]
    changed: frozenset[str]   # the files new or changed since the previous build
    shared: tuple[bytes, ...]
    shared_added: tuple[bytes, ...]
    shared_removed: tuple[bytes, ...] | None
    record: dict[str, object]   # what the manifest keeps to reuse this file next time (see ``graph_file_record``)
    deleting: threading.Thread | None = None   # the previous graph.nq, deleted meanwhile: join it before the build ends

    @property
    def quads(self) -> int:
        return sum(span.lines for span in self.spans.values()) + len(self.shared)


def ontology_digest(ontology: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(ontology)).encode("utf-8")).hexdigest()


def graph_writers(files: Iterable[tuple[str, str, Iterable[str]]]) -> dict[str, tuple[str, str]]:
    """Each document graph with the file that writes it into graph.nq, as (path, sha256), from the files' (path,
    sha256, graphs) in input order: the first file that holds it (two files with the same document hold the same
    graph; the later one writes none of it)."""
    writers: dict[str, tuple[str, str]] = {}
    for path, digest, graphs in files:
        for graph in graphs:
            writers.setdefault(graph, (path, digest))
    return writers


class FileEntry(TypedDict, total=False):
    """One file of a manifest's ``files`` (see manifest.write_manifest); a manifest of another version of the code
    may lack a key, so each is read with ``get`` unless it is one every version wrote (``path``, ``sha256``)."""
    path: str
    sha256: str
    size: int
    mtime_ns: int
    ctime_ns: int
    documents: int
    reparsed: bool
    error: str | None
    graphs: list[str]
    span: list[int | bool | str] | None   # [offset, length, lines, complete, sha256]: see Span.record


def recorded_files(manifest: Mapping[str, object] | None) -> dict[str, FileEntry]:
    """The file entries a build's ``manifest`` recorded, by path (none without a manifest)."""
    entries = cast(list[FileEntry], (manifest or {}).get("files", []))   # (as manifest.write_manifest wrote them)
    return {entry["path"]: entry for entry in entries}


def write_graph_file(out: Path, ordered: list[FileResult], previous: Mapping[str, object] | None, *,
                     ontology: list[str]) -> GraphFile:
    """Write ``out/graph.nq`` (without the analysis graph) and ``out/cache/shared.tsv`` for ``ordered`` (the
    results in input-path order), reusing the previous build's file where the manifest ``previous`` allows."""
    old_files = recorded_files(previous)
    known = (previous or {}).get("graph_file") or {}
    assert isinstance(known, dict)
    ontology_version = ontology_digest(ontology)
    same_code = known.get("cache_version") == cache_version() and known.get("ontology") == ontology_version
    old_counts = _read_shared_counts(out, known.get("token")) if same_code else None
    current = {r.path: r for r in ordered if not r.error}
    changed = {path for path, r in current.items()
               if path not in old_files or old_files[path]["sha256"] != r.sha256 or old_files[path].get("error")}
    dropped = [entry for path, entry in old_files.items() if not entry.get("error")
               and (path not in current or path in changed)]
    target = out / "graph.nq"
    counts, collect = _starting_counts(out, old_counts, dropped, ontology, current=set(current), changed=changed)
    reusable = (collect == changed and _as_recorded(target, known)   # (counted afresh, every file is read again)
                and _spans_in_order(old_files.values()))
    # the spans that would be copied or kept, checked against the sha256 the manifest recorded
    damaged = _damaged_spans(target, [old_files[path] for path in current if path not in changed]) if reusable \
        else set()
    record = {"cache_version": cache_version(), "ontology": ontology_version}
    if reusable and not changed and not dropped and not damaged:
        shared = _present(counts)
        kept = _cut_back(target, list(current), old_files, b"".join(shared))
        if kept is not None:   # (the shared counts and their token stay as they are)
            return GraphFile(kept, frozenset(), shared, (), (),
                             {**record, "token": known.get("token"), "files_copied": len(kept)})
    temporary = out / "graph.nq.tmp"
    spans: dict[str, Span] = {}
    writers = graph_writers((r.path, r.sha256, r.graphs) for r in current.values())
    copied = 0
    with temporary.open("wb", buffering=0) as raw, (target.open("rb") if reusable else open(os.devnull, "rb")) as old:
        writer = _Writer(raw, old)
        for result in current.values():
            writes = (result.path, result.sha256)
            complete = all(writers[graph] == writes for graph in result.graphs)
            span = Span.recorded(old_files.get(result.path))
            start, lines = writer.position, 0
            if reusable and result.path not in changed and result.path not in damaged and span and span.complete \
                    and complete:
                writer.copy(span.offset, span.length)
                lines, digest = span.lines, span.digest
                copied += 1
            else:
                hashed = hashlib.sha256()   # (the bytes hashed as they are written: no second pass over them)
                own_graphs = {f"<{graph}>".encode() for graph in result.graphs if writers[graph] == writes}
                for own, shared_part in cached_parts(out, result.sha256, result.path):   # (a piece at a time)
                    if result.path in collect:
                        counts.update(io.BytesIO(shared_part).readlines())
                    if not complete:   # (some of its graphs an earlier file writes: its lines are looked at)
                        own = b"".join(line for line in io.BytesIO(own).readlines()
                                       if line.rsplit(b" ", 2)[1] in own_graphs)
                    writer.write(own)
                    hashed.update(own)
                    lines += own.count(b"\n")
                digest = hashed.hexdigest()
            spans[result.path] = Span(start, writer.position - start, lines, complete, digest)
        shared = _present(counts)
        writer.write(b"".join(shared))
        writer.flush()
    token = uuid.uuid4().hex
    _write_shared_counts(out, token, {line: counts[line] for line in shared})
    deleting = swap_in(temporary, target, in_background=True)
    if old_counts is None:
        added, removed = shared, None
    else:
        before = {line for line, count in old_counts.items() if count > 0}
        added = tuple(line for line in shared if line not in before)
        removed = tuple(sorted(before.difference(shared)))
    return GraphFile(spans, frozenset(changed), shared, added, removed,
                     {**record, "token": token, "files_copied": copied}, deleting)


def _present(counts: Mapping[bytes, int]) -> tuple[bytes, ...]:
    """The lines of the shared graph that some file still describes, sorted."""
    return tuple(sorted(line for line, count in counts.items() if count > 0))


def _cut_back(target: Path, paths: list[str], old_files: Mapping[str, FileEntry],
              shared: bytes) -> dict[str, Span] | None:
    """When no file changed, came or went, ``graph.nq`` already holds what would be written (the files' graphs in
    the same order, then the ``shared`` graph): it is cut back to that, dropping the analysis graph at its end,
    instead of copied, and the files' spans are returned. None when the file is not laid out so (then it is
    written as usual)."""
    spans, position = {}, 0
    for path in paths:
        span = Span.recorded(old_files[path])
        if span is None or span.offset != position or not span.complete:
            return None
        spans[path] = span
        position += span.length
    with target.open("rb") as handle:
        if os.pread(handle.fileno(), len(shared), position) != shared:
            return None
    os.truncate(target, position + len(shared))
    return spans


def _starting_counts(out: Path, old_counts: Counter[bytes] | None, dropped: list[FileEntry],
                     ontology: list[str], *, current: set[str], changed: set[str]) -> tuple[Counter[bytes], set[str]]:
    """The shared-graph counts before the files in the returned set add their lines: the previous build's counts
    less the lines of the files that changed or went (``dropped``), or, when those are not all known, the
    ontology alone, every file then adding its lines."""
    if old_counts is not None and all(has_quads(out, e["sha256"], e["path"]) for e in dropped):
        counts = Counter(old_counts)
        for entry in dropped:
            counts.subtract(_shared_lines(out, entry["sha256"], entry["path"]))
        return counts, changed
    return Counter(line.encode("utf-8") + b"\n" for line in ontology), current


def graph_file_record(out: Path, graph_file: GraphFile) -> dict[str, object]:
    """What the manifest keeps of ``graph.nq`` once the build has finished writing it (the analysis graph
    appended): its token, size and modification time, so the next build can tell it was not changed since."""
    status = (out / "graph.nq").stat()
    return {**graph_file.record, "size": status.st_size, "mtime_ns": status.st_mtime_ns,
            "ctime_ns": status.st_ctime_ns}


def _as_recorded(path: Path, known: Mapping[str, object]) -> bool:
    """``graph.nq`` as the previous build left it: its size and times (the change time too: a byte changed and
    the modification time set back still changes it, as git finds)."""
    try:
        status = path.stat()
    except OSError:
        return False
    return (known.get("size") == status.st_size and known.get("mtime_ns") == status.st_mtime_ns
            and known.get("ctime_ns") == status.st_ctime_ns)


def _spans_in_order(entries: Iterable[FileEntry]) -> bool:
    """The recorded spans lie one after another from the file's start, as the build writes them (a manifest
    edited, still valid JSON, would have bytes copied from the wrong places)."""
    position = 0
    for entry in entries:
        if entry.get("span") is not None:
            span = Span.recorded(entry)
            if span is None or span.offset != position:
                return False
            position += span.length
    return True


def _damaged_spans(path: Path, entries: Iterable[FileEntry]) -> set[str]:
    """The files among ``entries`` whose span of ``path`` (graph.nq) no longer holds the bytes the manifest
    recorded: their sha256 differs (one byte changed, the file's size and times set back, goes unseen by
    ``_as_recorded``), or their number of lines (a manifest edited: the count is carried into the report)."""
    spans = {entry["path"]: span for entry in entries if (span := Span.recorded(entry)) is not None and span.complete}
    try:
        with path.open("rb") as handle:
            return {name for name, span in spans.items()
                    if _sha256_and_lines(handle.fileno(), span.offset, span.length) != (span.digest, span.lines)}
    except OSError:
        return set(spans)


def _sha256_and_lines(descriptor: int, offset: int, length: int) -> tuple[str, int]:
    """The sha256 of ``length`` bytes of a file from ``offset`` (of fewer where the file ends first), and how many
    lines they hold."""
    digest = hashlib.sha256()
    lines = 0
    end = offset + length
    while offset < end and (chunk := os.pread(descriptor, min(end - offset, _COPY_CHUNK), offset)):
        digest.update(chunk)
        lines += chunk.count(b"\n")
        offset += len(chunk)
    return digest.hexdigest(), lines


def _shared_lines(out: Path, digest: str, name: str) -> list[bytes]:
    return [line for _, shared in cached_parts(out, digest, name) for line in io.BytesIO(shared).readlines()]


def _shared_counts_path(out: Path) -> Path:
    return out / "cache" / "shared.tsv"


def _read_shared_counts(out: Path, token: object) -> Counter[bytes] | None:
    """The counts the previous build left, if they belong to the graph.nq its manifest describes and are whole
    (the first line holds the token and the sha256 of the rest)."""
    try:
        token_line, _, rows = read_build_file(_shared_counts_path(out)).partition(b"\n")   # (one read)
        if token is None or token_line.strip() != f"{token} {hashlib.sha256(rows).hexdigest()}".encode("ascii"):
            return None
        counts: Counter[bytes] = Counter()
        for row in rows.split(b"\n")[:-1]:
            line, _, count = row.rpartition(b"\t")
            counts[line + b"\n"] = int(count)
        return counts
    except (OSError, ValueError):
        return None


def _write_shared_counts(out: Path, token: str, counts: Mapping[bytes, int]) -> None:
    path = _shared_counts_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    rows = b"".join(line[:-1] + b"\t%d\n" % count for line, count in counts.items())
    temporary.write_bytes(f"{token} {hashlib.sha256(rows).hexdigest()}\n".encode("ascii") + rows)
    temporary.replace(path)


class _Writer:
    """Buffered writes to an unbuffered file, and copies of byte ranges of ``old`` into it (by the kernel where
    it can: ``os.copy_file_range``); adjacent copies are merged into one."""

    def __init__(self, raw, old) -> None:
        self.raw, self.old = raw, old
        self.position = 0
        self._buffer = bytearray()
        self._pending: tuple[int, int] | None = None   # (offset in old, length) not yet copied

    def write(self, data: bytes) -> None:
        self._copy_pending()
        self._buffer += data
        self.position += len(data)
        if len(self._buffer) >= _COPY_CHUNK:
            self._write_buffer()

    def copy(self, offset: int, length: int) -> None:
        if self._pending is not None and self._pending[0] + self._pending[1] == offset:
            self._pending = (self._pending[0], self._pending[1] + length)
        else:
            self._copy_pending()
            self._pending = (offset, length)
        self.position += length

    def flush(self) -> None:
        self._copy_pending()
        self._write_buffer()

    def _write_buffer(self) -> None:
        view = memoryview(self._buffer)
        while view:
            view = view[self.raw.write(view):]
        self._buffer = bytearray()

    def _copy_pending(self) -> None:
        if self._pending is None:
            return
        self._write_buffer()
        offset, length = self._pending
        self._pending = None
        source, target = self.old.fileno(), self.raw.fileno()
        while length > 0:
            try:
                done = os.copy_file_range(source, target, min(length, _COPY_CHUNK), offset)
            except (AttributeError, OSError):   # not Linux, or not between these files: copy through memory
                done = len(chunk := os.pread(source, min(length, _COPY_CHUNK), offset))
                view = memoryview(chunk)
                while view:
                    view = view[self.raw.write(view):]
            if done == 0:
                raise OSError(f"graph.nq ended before the {length} bytes to copy at offset {offset}")
            offset, length = offset + done, length - done
