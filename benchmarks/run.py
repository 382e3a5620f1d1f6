"""`make bench`: figures for each stage on the shared corpus (and the seed). Prints a table; asserts nothing.

Usage: python benchmarks/run.py [CORPUS_DIR]   (default ../shared/corpus beside the project)
"""

from __future__ import annotations

import re
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.cite import find_mentions
from kg.job import build_graph
from kg.parse import parse_document
from kg.readers import read
from kg.resolve import resolve_citations
from kg.store import MemoryStore, OxigraphStore


def best_of(runs: int, work):
    """The fastest of ``runs`` timings of ``work()`` (seconds) and its last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpus"
    files = [REPO / "data" / "resolutions" / "wtsa-res-75-johannesburg-2008.txt"]
    if corpus.is_dir():
        files += sorted(p for p in corpus.rglob("*") if p.suffix in (".xml", ".md"))
    else:
        print(f"(no corpus at {corpus}: figures are for the seed only)")
    read_s, sources = best_of(3, lambda: [s for f in files for s in read(f)])
    parse_s, documents = best_of(3, lambda: [parse_document(s) for s in sources])
    megabytes = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    cite_s, mentions = best_of(3, lambda: [find_mentions(d) for d in documents])
    resolve_s, citations = best_of(3, lambda: [resolve_citations(d, m) for d, m in zip(documents, mentions)])
    pattern = re.compile(r"[Rr]esolution\s+\d+")
    regex_s, regex_hits = best_of(3, lambda: sum(1 for s in sources for _ in pattern.finditer(s.text)))
    tracemalloc.start()
    for document in documents:
        resolve_citations(document, find_mentions(document))
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    n = len(documents)
    total_citations = sum(len(c) for c in citations)
    resolved = sum(1 for cs in citations for c in cs if c.work)
    print(f"corpus: {len(files)} files, {n} documents, {megabytes:.1f} MB of text")
    print(f"{'stage':<22}{'seconds':>9}{'docs/s':>10}{'MB/s':>9}")
    for name, seconds in (("read", read_s), ("parse", parse_s), ("cite (find mentions)", cite_s),
                          ("resolve", resolve_s), ("extract = cite+resolve", cite_s + resolve_s),
                          ("plain regex pass", regex_s)):
        print(f"{name:<22}{seconds:>9.3f}{n / seconds:>10.0f}{megabytes / seconds:>9.1f}")
    print(f"extraction / plain regex pass: {(cite_s + resolve_s) / regex_s:.1f}x "
          f"({total_citations} citations, {resolved} resolved; the regex finds {regex_hits} 'Resolution N')")
    print(f"extraction peak traced memory: {peak:.1f} MB")
    bench_build([REPO / "data", corpus] if corpus.is_dir() else [REPO / "data"])


def bench_build(inputs: list[Path]) -> None:
    """kg build with 1 and 2 workers (cold cache), then loading graph.nq into Oxigraph and rdflib."""
    import resource
    import shutil
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    print()
    print(f"{'kg build':<22}{'seconds':>9}{'docs/s':>10}{'quads/s':>11}")
    for workers in (1, 2):
        out = work / f"out-{workers}"
        start = time.perf_counter()
        result = build_graph(inputs, out, workers=workers, progress=False)
        seconds = time.perf_counter() - start
        documents = sum(len(f.documents) for f in result.files)
        print(f"{f'{workers} worker(s)':<22}{seconds:>9.2f}{documents / seconds:>10.0f}{result.quads / seconds:>11.0f}")
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak resident memory of the builds: {peak / 1024:.0f} MB")
    nquads = (work / "out-2" / "graph.nq").read_text(encoding="utf-8")
    ox_s, _oxigraph = best_of(1, lambda: _loaded(OxigraphStore(), nquads))
    rdflib_s, memory = best_of(1, lambda: _loaded(MemoryStore(), nquads))
    print(f"load {result.quads} quads: Oxigraph in memory {ox_s:.2f} s, rdflib Dataset {rdflib_s:.2f} s "
          f"(Oxigraph {rdflib_s / ox_s:.1f}x faster)")
    bench_analysis(OxigraphStore(work / "out-2" / "store", read_only=True))
    bench_views(work / "out-2")
    bench_queries(work / "out-2", {"embedded Oxigraph": OxigraphStore(work / "out-2" / "store", read_only=True),
                                   "rdflib in memory": memory})
    shutil.rmtree(work, ignore_errors=True)


def bench_analysis(store) -> None:
    """The time of each metric on the corpus's instrument graph, the top 10, and the overview at two sizes."""
    import networkx as nx

    from kg.analyze import (
        BETWEENNESS_SAMPLE,
        EXACT_BETWEENNESS_UP_TO,
        compute_metrics,
        instrument_graph,
        main_path,
        top,
    )
    from kg.analyze.betweenness import betweenness
    from kg.analyze.louvain import louvain_communities
    from kg.view import overview

    seconds, G = best_of(1, lambda: instrument_graph(store))
    print()
    print(f"instrument graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, read in {seconds:.2f} s")
    k = BETWEENNESS_SAMPLE if G.number_of_nodes() > EXACT_BETWEENNESS_UP_TO else None   # as the build samples
    sample = f"k={k}" if k else "exact"
    for name, work in (("pagerank", lambda: nx.pagerank(G, weight="weight")),
                       ("hits", lambda: nx.hits(G, max_iter=1000)),
                       (f"betweenness, networkx ({sample})", lambda: nx.betweenness_centrality(G, k=k, seed=42)),
                       (f"betweenness, kg ({sample})", lambda: betweenness(G, k=k, seed=42)),
                       ("louvain, networkx", lambda: nx.community.louvain_communities(G.to_undirected(), seed=42)),
                       ("louvain, kg", lambda: louvain_communities(G, seed=42)),
                       ("main path (SPC)", lambda: main_path(G))):
        seconds, _ = best_of(1, work)
        print(f"  {name:<32}{seconds:>8.3f} s")
    seconds, metrics = best_of(1, lambda: compute_metrics(G))
    print(f"  {'all metrics':<32}{seconds:>8.3f} s")
    for by in ("pagerank", "in_degree"):
        print(f"top 10 by {by}: " + ", ".join(f"{key} ({value:.4g})" for key, value in top(metrics, by, 10)))
    for size in (500, 2000):
        seconds, view = best_of(1, lambda size=size: overview(G, metrics, top=size))
        print(f"overview of {size} nodes: {seconds:.2f} s, {len(view.html.encode()) / 1e6:.1f} MB")


def bench_views(out: Path) -> None:
    """A resolution's view for every document of the build (as ``--doc-views`` draws them), then the site."""
    from kg.analyze import document_outline
    from kg.site import write_site
    from kg.view import document_view

    store = OxigraphStore(out / "store", read_only=True)
    keys = sorted({str(row["key"]) for row in store.query(
        "PREFIX kg: <https://w3id.org/resolution-kg/ontology#> PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT ?key WHERE { ?edition prov:wasDerivedFrom ?graph ; eli:realizes/kg:workKey ?key }")})
    times = []
    cpu = time.process_time()
    for key in keys:
        start = time.perf_counter()
        document_view(document_outline(store, key))
        times.append(time.perf_counter() - start)
    cpu = time.process_time() - cpu
    if times:
        print(f"resolution views: {len(times)} in {sum(times):.1f} s ({cpu:.1f} s CPU), median "
              f"{sorted(times)[len(times) // 2] * 1000:.0f} ms, slowest {max(times):.2f} s")
    store.close()
    cpu = time.process_time()
    result = write_site(out)
    print(f"site: {result.pages} pages ({result.documents} documents, {result.instruments} instruments), "
          f"{result.size / 1e6:.1f} MB in {result.seconds:.1f} s ({time.process_time() - cpu:.1f} s CPU)")


def _loaded(store, nquads: str):
    store.load(nquads)
    return store


def bench_queries(out: Path, stores: dict) -> None:
    """The median latency of each query of queries/ (its documented example) on each store and on the server."""
    import re
    import shlex
    import statistics
    import tempfile

    sys.path.insert(0, str(REPO / "tests"))
    from servers import OxigraphServer

    from kg.queries import list_queries, parse_parameters
    from kg.store.remote import RemoteStore, push_graphs

    server = OxigraphServer(Path(tempfile.mkdtemp(prefix="kg-bench-server-")) / "db").start()
    try:
        push_graphs(out, f"{server.base}/store", progress=False)
        stores = {**stores, "Oxigraph server": RemoteStore(f"{server.base}/query", timeout=300)}
        print()
        print(f"{'query (median ms)':<22}" + "".join(f"{name:>20}" for name in stores))
        for query in list_queries():
            example = re.search(r"^#\s*Example:\s*(.*)$", query.text, re.MULTILINE).group(1)
            words = shlex.split(example)
            bindings = query.bind(parse_parameters([words[i + 1] for i, w in enumerate(words) if w == "--param"]))
            cells = []
            for store in stores.values():
                runs = 1 if isinstance(store, MemoryStore) else 5
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    store.select(query.text, bindings=bindings)
                    times.append((time.perf_counter() - start) * 1000)
                cells.append(f"{statistics.median(times):>20.1f}")
            print(f"{query.name:<22}" + "".join(cells))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
