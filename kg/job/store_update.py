"""Bringing the build's Oxigraph store up to date: the graphs that changed replaced, or ``graph.nq`` bulk-loaded."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from kg.errors import KgError
from kg.job.cache import FileResult, cached_lines
from kg.job.graphfile import GraphFile, graph_writers, recorded_files
from kg.rdf import ONTOLOGY_GRAPH, SHARED_GRAPH
from kg.store import OxigraphStore, change_marker


def update_store(out: Path, ordered: list[FileResult], previous: dict[str, object] | None,
                  graph_file: GraphFile) -> tuple[OxigraphStore, bool]:
    """Bring ``out/store`` up to date: replace only the graphs of the files that changed, and only the lines of
    the shared graph that changed, when the previous build's store is there and complete; else (or when more than
    a quarter of the files changed) bulk-load ``graph.nq`` into a new store (then the second value is True).
    The store's change marker is left for the caller to take away once the analysis is in the store too."""
    store_dir = out / "store"
    current = [r for r in ordered if not r.error]
    marker = change_marker(store_dir)   # left behind by a change that did not finish: start the store afresh
    if not (previous is None or not previous.get("store_complete") or not store_dir.is_dir() or marker.exists()
            or not _as_sealed(store_dir, previous) or len(graph_file.changed) > max(len(current), 1) / 4):
        marker.touch()
        store = None
        try:
            store = OxigraphStore(store_dir)
            _update_in_place(store, out, current, previous, graph_file)
            return store, False
        except (KgError, OSError, ValueError, RuntimeError):   # a damaged store (an .sst, CURRENT): made afresh
            if store is not None:
                store.close()
    marker.touch()
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store = OxigraphStore(store_dir)
    store.load_file(out / "graph.nq")
    return store, True


_SEAL = "kg-build"   # a file inside the store's folder: the build that last completed it


def seal_store(out: Path) -> str:
    """Mark ``out/store`` as complete (once the build's scores are in it and it is closed): a new token in a file
    inside its folder, which the manifest records, and the change marker taken away. Returns the token."""
    token = uuid.uuid4().hex
    (out / "store" / _SEAL).write_text(token + "\n", encoding="ascii")
    change_marker(out / "store").unlink()
    return token


def _as_sealed(store_dir: Path, previous: dict[str, object]) -> bool:
    """The store is the one the previous build completed (its folder emptied, or another put there, is not)."""
    try:
        return (store_dir / _SEAL).read_text(encoding="ascii").strip() == previous.get("store_token")
    except (OSError, ValueError):
        return False


def _update_in_place(store: OxigraphStore, out: Path, current: list[FileResult], previous: dict[str, object] | None,
                     graph_file: GraphFile) -> None:
    held = recorded_files(previous).values()
    before = graph_writers((e["path"], e["sha256"], e.get("graphs", ())) for e in held  # type: ignore[union-attr]
                           if not e.get("error"))
    now = graph_writers((r.path, r.sha256, r.graphs) for r in current)
    store.remove_graphs([graph for graph, writer in before.items() if now.get(graph) != writer])
    wanted: dict[tuple[str, str], set[bytes]] = {}
    for graph, writer in now.items():
        if before.get(graph) != writer:
            wanted.setdefault(writer, set()).add(f"<{graph}> .\n".encode("utf-8"))
    store.load(b"".join(line for (path, digest), graphs in wanted.items()
                        for line in cached_lines(out, digest, path) if line[line.rfind(b"<"):] in graphs), bulk=True)
    if graph_file.shared_removed is None:   # the previous shared graph is not known: replace it whole
        store.remove_graphs([SHARED_GRAPH, ONTOLOGY_GRAPH])
        store.load(b"".join(graph_file.shared), bulk=True)
    else:
        store.remove_quads(b"".join(graph_file.shared_removed))
        store.load(b"".join(graph_file.shared_added), bulk=True)
    # (no optimize: a few graphs replaced do not need the store compacted)
