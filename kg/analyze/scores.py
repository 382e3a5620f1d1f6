"""The analysis graph: the network's scores (``kg.analyze``) as N-Quads, and put into the store and ``graph.nq``.
Apart from the analysis so that a build that only puts scores in does not load networkx."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kg.ns import KG
from kg.rdf import work_iri
from kg.store import GraphStore, change_marker
from kg.swap import swap_in

ANALYSIS_GRAPH = "https://w3id.org/resolution-kg/id/graph/analysis"
_SCORE_TERMS = {"pagerank": ("pagerank", "double"), "in_degree": ("inDegree", "integer"),
                "out_degree": ("outDegree", "integer"), "betweenness": ("betweenness", "double"),
                "hub": ("hubScore", "double"), "authority": ("authorityScore", "double"),
                "community": ("community", "integer")}


def score_quads(scores_by_work: Mapping[str, Mapping[str, float]]) -> list[str]:
    """The scores (``kg.analyze.Metrics.scores``) as N-Quads in the analysis graph, one triple per work and
    score."""
    lines = []
    for node, scores in sorted(scores_by_work.items()):
        subject = f"<{work_iri(node)}>"
        for name, (term, datatype) in _SCORE_TERMS.items():
            value = scores[name]
            # 12 significant digits: the iterative algorithms' last bits are noise, not information
            lexical = f"{float(value):.12g}" if datatype == "double" else str(int(value))
            lines.append(f"{subject} <{KG[term]}> "
                         f'"{lexical}"^^<http://www.w3.org/2001/XMLSchema#{datatype}> <{ANALYSIS_GRAPH}> .')
    return lines


def store_scores(out: Path, store: GraphStore | None, nquads: str, *, graph_file_has_scores: bool,
                 held: str | None = None) -> None:
    """Put the analysis graph ``nquads`` into the store (None: it holds them already) and into ``graph.nq``, in
    place of the previous one. ``held`` is the analysis graph the store holds, when it is known: then only the
    lines that differ are taken out and put in (a few new citations change a third of them)."""
    if store is not None:
        if getattr(store, "path", None) is not None:
            # the bulk loader is not a transaction: an interrupted load makes the next build start afresh
            change_marker(store.path).touch()  # type: ignore[attr-defined]
        if held is None:
            store.remove_graphs([ANALYSIS_GRAPH])
            store.load(nquads, bulk=True)
        else:
            before, after = set(held.splitlines(keepends=True)), set(nquads.splitlines(keepends=True))
            if gone := before - after:
                store.remove_quads("".join(sorted(gone)))
            if new := after - before:
                store.load("".join(sorted(new)), bulk=True)
    graph_file = out / "graph.nq"
    if graph_file.exists() and not graph_file_has_scores:   # just written by the build: the scores go at the end
        with graph_file.open("a", encoding="utf-8") as handle:
            handle.write(nquads)
    elif graph_file.exists():   # graph.nq stays the whole dataset: the scores replace the previous ones there too
        scores = f"<{ANALYSIS_GRAPH}> .\n"
        temporary = graph_file.with_suffix(".nq.tmp")
        with graph_file.open(encoding="utf-8") as source, temporary.open("w", encoding="utf-8") as target:
            target.writelines(line for line in source if not line.endswith(scores))
            target.write(nquads)
        swap_in(temporary, graph_file)
