"""``kg optimize OUT`` (and ``kg build --optimize``, ``kg serve``): the build's store compacted for reading, once.

The build leaves the store as Oxigraph's bulk loader wrote it (loaded while the documents are read; compacting it
would add a fifth to the build's time), and queries that read much of it take 25-70% more time so. The store is
compacted by whoever holds the build folder next and asks for it: ``kg optimize`` or ``kg build --optimize``, or
``kg serve`` before it serves (a server is there to answer many queries). A query command does not: it would
surprise with a pause of seconds (minutes at 100,000 documents) before a query of milliseconds. The manifest says
whether the store was optimized (``store_optimized``), so it is done once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from kg.job.lock import holding_folder
from kg.job.manifest import read_manifest, record_optimized
from kg.store.folder import built_folder
from kg.store.local import is_optimized, optimize_store


def optimize_build(out: Path, *, say: Callable[[str], None] | None = None) -> float | None:
    """Optimize ``out/store`` unless it is optimized already (then None); returns the seconds it took. Holds the
    build folder meanwhile (``BusyError`` while a build writes there)."""
    store_dir = built_folder(out) / "store"   # (Oxigraph would make a new, empty store in any other folder)
    with holding_folder(out, command="kg optimize"):
        if is_optimized(store_dir):   # (the mark inside the store's folder goes with a store made anew)
            record_optimized(out)
            return None
        manifest = read_manifest(out) or {}
        if say is not None:
            quads = _store_quads(out, manifest.get("quads"))
            say(f"optimizing {store_dir} for queries, once" +
                (f" ({quads:,} quads: a few seconds a million)" if isinstance(quads, int) else "") + " ...")
        started = time.perf_counter()
        optimize_store(store_dir)
        record_optimized(out)
        return time.perf_counter() - started


def _store_quads(out: Path, graph_quads: object) -> int | None:
    """The quads of the build's store: the manifest counts ``graph.nq``'s before the network's scores, which the
    store holds too (``analysis.nq``, a quad a line)."""
    if not isinstance(graph_quads, int):
        return None
    try:
        with (out / "analysis.nq").open("rb") as scores:
            return graph_quads + sum(1 for line in scores if line.strip())
    except OSError:
        return graph_quads
