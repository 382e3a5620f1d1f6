"""Paths through the citation network: dependency closure, citation paths, the main path, co-citation.

>>> import networkx as nx
>>> G = nx.DiGraph([("a", "b"), ("c", "b"), ("b", "d")])
>>> sorted(depends_on(G, "a")), sorted(rests_on(G, "b"))
(['b', 'd'], ['a', 'c'])
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import networkx as nx


def co_citation(G: nx.DiGraph, node: str, *, top: int = 10) -> list[tuple[str, int]]:
    """The instruments most often cited together with ``node`` (by the same citing instrument)."""
    together: Counter[str] = Counter()
    for citing in G.predecessors(node):
        together.update(other for other in G.successors(citing) if other != node)
    return sorted(together.items(), key=lambda item: (-item[1], item[0]))[:top]


def bibliographic_coupling(G: nx.DiGraph, node: str, *, top: int = 10) -> list[tuple[str, int]]:
    """The instruments that cite most of what ``node`` cites."""
    shared: Counter[str] = Counter()
    for cited in G.successors(node):
        shared.update(other for other in G.predecessors(cited) if other != node)
    return sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:top]


def depends_on(G: nx.DiGraph, node: str) -> set[str]:
    """What ``node`` rests on: everything it cites, directly or through what it cites."""
    return nx.descendants(G, node)


def rests_on(G: nx.DiGraph, node: str) -> set[str]:
    """What rests on ``node``: everything that cites it, directly or through others."""
    return nx.ancestors(G, node)


def citation_paths(G: nx.DiGraph, source: str, target: str, *, cutoff: int = 4,
                   limit: int = 50) -> dict[str, object]:
    """The shortest citation path from ``source`` to ``target`` (or the other way, or ignoring direction), and
    the first ``limit`` simple paths up to ``cutoff`` edges along the direction that has one, the shortest first;
    ``found`` counts them all. Every path runs from ``source`` to ``target``: ``steps`` says of each which way
    its citation goes.

    >>> found = citation_paths(nx.DiGraph([("b", "a"), ("b", "c")]), "a", "c")
    >>> found["direction"], found["shortest"], steps(nx.DiGraph([("b", "a"), ("b", "c")]), found["shortest"])
    ('linked', ['a', 'b', 'c'], 'a <- b -> c')
    """
    for start, end, view, direction in ((source, target, G, "cites"), (target, source, G, "cited by"),
                                        (source, target, G.to_undirected(as_view=True), "linked")):
        if start in view and end in view and nx.has_path(view, start, end):
            forward = start == source
            shortest = nx.shortest_path(view, start, end)
            paths = sorted((list(p) for p in nx.all_simple_paths(view, start, end, cutoff=cutoff)),
                           key=lambda p: (len(p), p))
            return {"direction": direction, "shortest": shortest if forward else shortest[::-1],
                    "paths": [p if forward else p[::-1] for p in paths[:limit]], "found": len(paths)}
    return {"direction": None, "shortest": [], "paths": [], "found": 0}


def steps(G: nx.DiGraph, path: list[str]) -> str:
    """A path with the true direction of each step: ``a -> b`` where a cites b, ``a <- b`` where b cites a,
    ``a <-> b`` where each cites the other."""
    text = path[0] if path else ""
    for here, there in pairwise(path):
        arrow = {(True, True): "<->", (True, False): "->", (False, True): "<-"}[G.has_edge(here, there),
                                                                              G.has_edge(there, here)]
        text += f" {arrow} {there}"
    return text


def main_path(G: nx.DiGraph) -> list[tuple[str, str, int]]:
    """Main path analysis by search path count (Hummon and Doreian): knowledge flows from the cited to the
    citing; an edge's SPC is the number of source-to-sink paths through it. Cycles are condensed first.
    Returns the main path's edges with their SPC, from a source with the heaviest edge, greedily."""
    flow = nx.condensation(G.reverse(copy=False))
    members = flow.graph["mapping"]
    label = {c: min(n for n, comp in members.items() if comp == c) for c in flow}
    order = list(nx.topological_sort(flow))
    from_sources = {node: 1 if flow.in_degree(node) == 0 else 0 for node in flow}
    for node in order:
        for successor in flow.successors(node):
            from_sources[successor] += from_sources[node]
    to_sinks = {node: 1 if flow.out_degree(node) == 0 else 0 for node in flow}
    for node in reversed(order):
        for successor in flow.successors(node):
            to_sinks[node] += to_sinks[successor]
    spc = {(u, v): from_sources[u] * to_sinks[v] for u, v in flow.edges}
    if not spc:
        return []
    path = []
    sources = [n for n in flow if flow.in_degree(n) == 0 and flow.out_degree(n) > 0]
    node = max(sources, key=lambda n: (max(spc[n, s] for s in flow.successors(n)), label[n]))
    while flow.out_degree(node) > 0:
        following = max(flow.successors(node), key=lambda s: (spc[node, s], label[s]))
        path.append((label[node], label[following], spc[node, following]))
        node = following
    return path


def neighbourhood(G: nx.DiGraph, node: str, *, depth: int = 1) -> nx.DiGraph:
    """The instruments within ``depth`` citation steps of ``node``, either way."""
    return G.subgraph(nx.ego_graph(G.to_undirected(as_view=True), node, radius=depth).nodes).copy()
