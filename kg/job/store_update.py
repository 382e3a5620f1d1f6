"""Bringing the build's Oxigraph store up to date: the graphs that changed replaced, or a new store bulk-loaded
(fed each file's quads while the documents are still being read, when the build knows from the start that the
store will be new: ``StoreLoader``)."""

from __future__ import annotations

import io
import os
import queue
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from kg.buildfiles import read_build_file, remove_path
from kg.errors import KgError
from kg.job.cache import FileResult, cached_lines, cached_parts
from kg.job.graphfile import GraphFile, graph_writers, recorded_files
from kg.rdf import ONTOLOGY_GRAPH, SHARED_GRAPH
from kg.store import OxigraphStore, change_marker

NEW_STORE = "store.new"   # (where a new store is loaded, beside the previous one, until it takes its place)


def _needs_new_store(out: Path, previous: Mapping[str, object] | None, changed: int, files: int) -> bool:
    """Whether the store is made anew rather than changed in place: no complete store from the previous build
    (or one whose change did not finish), or more than a quarter of the files changed."""
    store_dir = out / "store"
    return (previous is None or not previous.get("store_complete") or not store_dir.is_dir()
            or change_marker(store_dir).exists() or not _as_sealed(store_dir, previous)
            or changed > max(files, 1) / 4)


def start_new_store(out: Path, previous: Mapping[str, object] | None, cached: Iterable[FileResult],
                    jobs: list[tuple[str, str, str]]) -> StoreLoader | None:
    """A ``StoreLoader`` for ``out/store`` when the inputs (the ``cached`` results and the files of the ``jobs``:
    path, name, sha256) already show that the store will be made anew; else None (the store is then brought up
    to date by ``update_store`` once graph.nq is written)."""
    held = recorded_files(previous)
    cached = list(cached)
    names = [(r.path, r.sha256) for r in cached] + [(name, digest) for _, name, digest in jobs]
    changed = sum(1 for name, digest in names
                  if name not in held or held[name]["sha256"] != digest or held[name].get("error"))
    if not _needs_new_store(out, previous, changed, len(names)):
        return None
    loader = StoreLoader(out)
    for result in cached:
        loader.add(result)
    return loader


class StoreLoader:
    """A new ``out/store`` bulk-loaded by Oxigraph (outside the GIL, in threads of its own) from the quads of each
    file as its result comes in, while the other files are still being read, instead of from ``graph.nq`` once
    it is written: the store then holds what loading ``graph.nq`` would give (the document graphs, each from the
    first file in input order that holds it, the shared graph and the ontology; the analysis graph is added
    later as before). A file's cache entry goes to the loader as it is, less the shared graph's lines that an
    earlier file fed; only a file with a graph that another file fed already has its own lines sorted out.
    ``add`` only hands the file's result to the loader's thread, which reads the cache entry itself, 4 MB at a
    time, and feeds Oxigraph in bulk_load calls of about ``BULK_PART_SIZE`` bytes
    (``OxigraphStore.bulk_load_parts``: one call holds all it reads in memory): the build never waits for the
    loader until ``finish``, and what waits for it is results, not their quads.
    The new store is loaded beside the previous one (``store.new``), which stays whole and readable until
    ``finish`` puts the new one in its place: a query during the build reads the last build's answers, and a build
    that ends with nothing built (its every input unreadable) or fails leaves the previous store as it was.
    Call ``finish`` once every result was added (or ``stop`` to give up)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._building = out / NEW_STORE
        remove_path(self._building)
        self.store = OxigraphStore(self._building)
        self._results: queue.SimpleQueue[FileResult | None] = queue.SimpleQueue()
        self._fed: dict[str, tuple[str, str]] = {}   # each document graph -> the file (path, sha256) that fed it
        self._shared: set[bytes] = set()   # the shared graph's lines fed so far
        self._error: BaseException | None = None
        self._finished = False
        self._stopping = False
        self._thread = threading.Thread(target=self._load, name="store loader", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        pieces = self._pieces()
        try:
            self.store.bulk_load_parts(lambda: next(pieces, None))
        except BaseException as error:  # noqa: BLE001 (handed to the build's thread by finish, which raises it)
            self._error = error

    def _pieces(self) -> Iterator[bytes]:
        """The ontology's N-Quads, then each file's as its result comes, until the end (None) or ``stop``."""
        from kg.rdf.ontology import ontology_quads

        yield "".join(line + "\n" for line in ontology_quads()).encode("utf-8")
        while (result := self._results.get()) is not None and not self._stopping:
            yield from self._pieces_of(result)

    def _pieces_of(self, result: FileResult) -> Iterator[bytes]:
        writer = (result.path, result.sha256)
        taken = {graph for graph in result.graphs if graph in self._fed}
        for graph in result.graphs:
            self._fed.setdefault(graph, writer)
        skipped = {f"<{graph}>".encode() for graph in taken}
        for own, shared in cached_parts(self.out, result.sha256, result.path, size=1 << 22):   # (4 MB at a time)
            if self._stopping:
                return
            if skipped:
                own = b"".join(line for line in io.BytesIO(own).readlines()
                               if line.rsplit(b" ", 2)[1] not in skipped)
            # (the shared graph's lines that an earlier file fed are not fed again: the loader would parse, sort
            # and drop them, and files cite the same works: a tenth of its quads at real scale)
            fresh = [line for line in io.BytesIO(shared).readlines() if line not in self._shared]
            self._shared.update(fresh)
            if own:
                yield own
            if fresh:
                yield b"".join(fresh)

    def add(self, result: FileResult) -> None:
        """Feed the quads of one file's result (none for a file that could not be read)."""
        if not result.error and result.graphs and self._error is None:
            self._results.put(result)

    def finish(self, ordered: list[FileResult]) -> OxigraphStore:
        """Wait for the loader; then put right the graphs that a file other than their writer in input order fed
        (the same document in two files, the later one read first), and return the store."""
        self._finished = True
        self._results.put(None)
        self._thread.join()
        if self._error is not None:
            self.store.close()
            raise self._error
        current = [r for r in ordered if not r.error]
        writers = graph_writers((r.path, r.sha256, r.graphs) for r in current)
        wrong = sorted(graph for graph, writer in writers.items() if self._fed.get(graph) != writer)
        if wrong:
            self.store.remove_graphs(wrong)
            wanted = {f"<{graph}> .\n".encode() for graph in wrong}
            self.store.load(b"".join(line for path, digest in sorted({writers[g] for g in wrong})
                                     for line in cached_lines(self.out, digest, path)
                                     if line[line.rfind(b"<"):] in wanted), bulk=True)
        self.store.close()   # (put in the previous store's place; marked as changing until the build seals it)
        store_dir = self.out / "store"
        change_marker(store_dir).touch()
        remove_path(store_dir)
        os.replace(self._building, store_dir)
        self.store = OxigraphStore(store_dir)
        return self.store

    def stop(self) -> None:
        """Give up unless finished (the build failed, or found nothing to build): the loader ends after the piece
        it is at, and what it loaded is removed; the previous store stays as it was."""
        if self._finished:
            return
        self._finished = self._stopping = True
        self._results.put(None)
        self._thread.join()
        self.store.close()
        remove_path(self._building)


def update_store(out: Path, ordered: list[FileResult], previous: dict[str, object] | None, graph_file: GraphFile,
                 loader: StoreLoader | None = None) -> tuple[OxigraphStore, bool, int | None]:
    """Bring ``out/store`` up to date: replace only the graphs of the files that changed, and only the lines of
    the shared graph that changed, when the previous build's store is there, complete and holds as many quads as
    the manifest recorded; else (or when more than
    a quarter of the files changed) make a new store (then the second value is True): the one ``loader`` made
    while the documents were read, or ``graph.nq`` bulk-loaded. The store's change marker is left for the caller
    to take away once the analysis is in the store too. The third value: how many quads the store holds when it
    was kept and nothing in it changed (as counted before), else None."""
    if loader is not None:
        return loader.finish(ordered), True, None
    store_dir = out / "store"
    current = [r for r in ordered if not r.error]
    marker = change_marker(store_dir)   # left behind by a change that did not finish: start the store afresh
    if not _needs_new_store(out, previous, len(graph_file.changed), len(current)):
        marker.touch()
        store = None
        try:
            held = quads_in(store_dir)
            if held != (previous or {}).get("store_quads"):   # (its files damaged, or changed by another program)
                raise KgError(f"{store_dir}: not the quads the previous build left")
            store = OxigraphStore(store_dir)
            changed = _update_in_place(store, out, current, previous, graph_file)
            return store, False, None if changed else held
        except (KgError, OSError, ValueError, RuntimeError):   # a damaged store (an .sst, CURRENT): made afresh
            if store is not None:
                store.close()
    marker.touch()
    remove_path(store_dir)
    store = OxigraphStore(store_dir)
    store.load_file(out / "graph.nq")
    return store, True, None


def quads_in(store_dir: Path) -> int:
    """How many quads the store in ``store_dir`` holds, counted through a read-only opening (twice as fast as
    through a writer's: 0.3 s at two million quads), which is let go of again."""
    store = OxigraphStore(store_dir, read_only=True)
    try:
        return store.count_quads()
    finally:
        store.close()


_SEAL = "kg-build"   # a file inside the store's folder: the build that last completed it


def seal_store(out: Path) -> str:
    """Mark ``out/store`` as complete (once the build's scores are in it and it is closed): a new token in a file
    inside its folder, which the manifest records, and the change marker taken away. Returns the token."""
    token = uuid.uuid4().hex
    temporary = out / "store" / f"{_SEAL}.tmp"   # (renamed over whatever stands there: a FIFO would block a write)
    temporary.write_text(token + "\n", encoding="ascii")
    temporary.replace(out / "store" / _SEAL)
    change_marker(out / "store").unlink()
    return token


def _as_sealed(store_dir: Path, previous: Mapping[str, object]) -> bool:
    """The store is the one the previous build completed (its folder emptied, or another put there, is not)."""
    try:
        return read_build_file(store_dir / _SEAL, max_size=256).decode("ascii").strip() == previous.get("store_token")
    except (OSError, ValueError):
        return False


def _update_in_place(store: OxigraphStore, out: Path, current: list[FileResult], previous: dict[str, object] | None,
                     graph_file: GraphFile) -> bool:
    """Replace the graphs that changed; whether anything was taken out or put in."""
    held = recorded_files(previous).values()
    before = graph_writers((e["path"], e["sha256"], e.get("graphs", ())) for e in held  # type: ignore[union-attr]
                           if not e.get("error"))
    now = graph_writers((r.path, r.sha256, r.graphs) for r in current)
    gone = [graph for graph, writer in before.items() if now.get(graph) != writer]
    store.remove_graphs(gone)
    wanted: dict[tuple[str, str], set[bytes]] = {}
    for graph, writer in now.items():
        if before.get(graph) != writer:
            wanted.setdefault(writer, set()).add(f"<{graph}> .\n".encode())
    lines = b"".join(line for (path, digest), graphs in wanted.items()
                     for line in cached_lines(out, digest, path) if line[line.rfind(b"<"):] in graphs)
    store.load(lines, bulk=True)
    if graph_file.shared_removed is None:   # the previous shared graph is not known: replace it whole
        store.remove_graphs([SHARED_GRAPH, ONTOLOGY_GRAPH])
        store.load(b"".join(graph_file.shared), bulk=True)
    else:
        store.remove_quads(b"".join(graph_file.shared_removed))
        store.load(b"".join(graph_file.shared_added), bulk=True)
    # (no optimize: a few graphs replaced do not need the store compacted)
    return bool(gone or lines or graph_file.shared_removed is None or graph_file.shared_removed
                or graph_file.shared_added)
