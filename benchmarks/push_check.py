"""What kg push's checks of an endpoint cost: asking which graphs it holds, counting each graph's triples (every
push), and fetching every graph to compare it whole (``kg push --verify``), on a real Oxigraph server and, where
it is installed, on Virtuoso, both on 127.0.0.1 with the build pushed to them. Prints a table; asserts nothing.

Usage: python benchmarks/push_check.py OUT [--runs N]   (OUT: a built folder, e.g. the shared corpus's build)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from servers import OxigraphServer, VirtuosoServer

from kg.store.remote import COUNT_BY_GRAPH, Credentials, RemoteStore, endpoint_state, graphs_of, push_graphs


def _server_cpu(pid: int) -> float:
    """CPU seconds (user and system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measure(pid: int, runs: int, work: Callable[[], object]) -> tuple[float, float, float]:
    """Median wall seconds, and the median CPU seconds of the server and of this client, of ``runs`` runs."""
    wall, server, client = [], [], []
    for _ in range(runs):
        server_before, client_before, started = _server_cpu(pid), _client_cpu(), time.perf_counter()
        work()
        wall.append(time.perf_counter() - started)
        server.append(_server_cpu(pid) - server_before)
        client.append(_client_cpu() - client_before)
    return statistics.median(wall), statistics.median(server), statistics.median(client)


def bench(name: str, pid: int, query: str, store: str, out: Path, runs: int,
          credentials: Credentials | None) -> None:
    graphs = graphs_of(out / "graph.nq")
    started = time.perf_counter()
    push_graphs(out, store, endpoint=query, progress=False, credentials=credentials, timeout=600, force=True)
    print(f"{name}: {len(graphs)} graphs, {sum(map(len, graphs.values())):,} triples pushed in "
          f"{time.perf_counter() - started:.1f} s")
    remote = RemoteStore(query, timeout=600, credentials=credentials)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("which graphs it holds (the state, counts included)",
         lambda: endpoint_state(query, [], timeout=600, credentials=credentials)),
        ("the grouped count alone", lambda: remote.query(COUNT_BY_GRAPH)),
        ("kg push, nothing to send", lambda: push_graphs(out, store, endpoint=query, progress=False,
                                                         credentials=credentials, timeout=600)),
        ("kg push --verify, nothing to send", lambda: push_graphs(out, store, endpoint=query, progress=False,
                                                                  credentials=credentials, timeout=600,
                                                                  verify=True)),
    ]
    print(f"{'':<52}{'wall s':>9}{'server CPU s':>14}{'client CPU s':>14}")
    for label, work in steps:
        wall, server, client = _measure(pid, runs, work)
        print(f"{label:<52}{wall:>9.2f}{server:>14.2f}{client:>14.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="kg-bench-push-"))
    try:
        oxigraph = OxigraphServer(scratch / "oxigraph").start()
        try:
            assert oxigraph.process is not None
            bench("Oxigraph", oxigraph.process.pid, f"{oxigraph.base}/query", f"{oxigraph.base}/store", args.out,
                  args.runs, None)
        finally:
            oxigraph.stop()
        if shutil.which("virtuoso-t") is None:
            print("Virtuoso: virtuoso-t not installed, skipped")
            return
        virtuoso = VirtuosoServer(scratch / "virtuoso").start()
        try:
            assert virtuoso.process is not None
            bench("Virtuoso", virtuoso.process.pid, f"{virtuoso.base}/sparql",
                  f"{virtuoso.base}/sparql-graph-crud-auth", args.out, args.runs,
                  Credentials(VirtuosoServer.USER, VirtuosoServer.PASSWORD))
        finally:
            virtuoso.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
