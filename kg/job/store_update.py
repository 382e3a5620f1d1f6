"""Bringing the build's Oxigraph store up to date: the graphs that changed replaced, or ``graph.nq`` bulk-loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

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
    held = recorded_files(previous).values()
    current = [r for r in ordered if not r.error]
    marker = change_marker(store_dir)   # left behind by a change that did not finish: start the store afresh
    if (previous is None or not previous.get("store_complete") or not store_dir.is_dir() or marker.exists()
            or len(graph_file.changed) > max(len(current), 1) / 4):
        marker.touch()
        if store_dir.exists():
            shutil.rmtree(store_dir)
        store = OxigraphStore(store_dir)
        store.load_file(out / "graph.nq")
        return store, True
    marker.touch()
    store = OxigraphStore(store_dir)
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
    return store, False
