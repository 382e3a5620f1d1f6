"""The network's metrics (degrees, PageRank, HITS, betweenness, communities), written to ``metrics.csv``,
``metrics.json`` and the analysis graph."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.analyze.betweenness import betweenness
from kg.analyze.louvain import louvain_communities
from kg.analyze.network import instrument_graph
from kg.analyze.scores import score_quads, store_scores
from kg.store import GraphStore

EXACT_BETWEENNESS_UP_TO = 2000


def _at_least_zero(score: float) -> float:
    """``score``, or 0.0 for one below zero and for -0.0 (``max(-0.0, 0.0)`` is -0.0: the first of equals)."""
    return score if score > 0 else 0.0


def _communities(G: nx.DiGraph, seed: int) -> list[list[str]]:
    """Louvain communities of ``G`` taken as undirected, largest first; where two works cite each other, the edge
    keeps the weight met last, as ``G.to_undirected()`` does."""
    communities = [sorted(str(node) for node in c)   # (the nodes: work keys, strings already)
                   for c in louvain_communities(G, weight="weight", seed=seed)]   # networkx's, faster
    communities.sort(key=lambda c: (-len(c), c))
    return communities


BETWEENNESS_SAMPLE = 200


SEED = 42


@dataclass(frozen=True, slots=True)
class Metrics:
    """Per-node scores of an instrument graph, and the communities found."""

    scores: dict[str, dict[str, float]]
    communities: list[list[str]]


def compute_metrics(G: nx.DiGraph, *, seed: int = SEED) -> Metrics:
    """Degrees, weighted in-degree, PageRank, HITS, betweenness (sampled past a size) and Louvain communities."""
    if G.number_of_nodes() == 0:
        return Metrics({}, [])
    pagerank = nx.pagerank(G, weight="weight")
    try:
        # a fixed start vector: without one, scipy's svds starts from a random vector and the last digits of the
        # scores change from run to run
        hubs, authorities = nx.hits(G, max_iter=1000, normalized=True, nstart=dict.fromkeys(G, 1.0))
    except nx.PowerIterationFailedConvergence:
        hubs = authorities = dict.fromkeys(G, 0.0)
    between = betweenness(G, k=BETWEENNESS_SAMPLE if len(G) > EXACT_BETWEENNESS_UP_TO else None, seed=seed)
    communities = _communities(G, seed)
    community_of = {node: index for index, members in enumerate(communities) for node in members}
    in_degree, out_degree = dict(G.in_degree()), dict(G.out_degree())
    weighted_in = dict(G.in_degree(weight="weight"))
    scores = {node: {"in_degree": in_degree[node], "out_degree": out_degree[node],
                     "weighted_in_degree": weighted_in[node], "pagerank": pagerank[node],
                     # (HITS scores are 0 or more: scipy leaves -1e-17 to the nodes of the other components,
                     # which were written rounded, "-0.0" and "-0"^^xsd:double)
                     "hub": _at_least_zero(hubs[node]), "authority": _at_least_zero(authorities[node]),
                     "betweenness": between[node],
                     "community": community_of[node]} for node in G}
    return Metrics(scores, communities)


FUNCTIONS_QUERY = """PREFIX kg: <https://w3id.org/resolution-kg/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
SELECT ?function (COUNT(DISTINCT ?citation) AS ?citations) WHERE {
  ?citation a kg:Citation .
  OPTIONAL { ?citation cito:hasCitationCharacterization ?characterization }
  BIND (COALESCE(STRAFTER(STR(?characterization), str(cito:)), "unknown") AS ?function)
}
GROUP BY ?function"""


def citation_function_counts(store: GraphStore) -> dict[str, int]:
    """How many citations have each CiTO function (``unknown``: none told), counted in the store."""
    return {str(row["function"]): int(row["citations"]) for row in store.query(FUNCTIONS_QUERY)}


def write_metrics(out: Path, G: nx.DiGraph, metrics: Metrics, *,
                  functions: Mapping[str, int] | None = None) -> list[str]:
    """``metrics.csv`` and ``metrics.json`` in ``out`` (with ``functions``, the citations counted by CiTO
    function, where given), and the N-Quads that write the scores back."""
    columns = ["in_degree", "out_degree", "weighted_in_degree", "pagerank", "hub", "authority", "betweenness",
               "community"]
    ranked = sorted(metrics.scores, key=lambda n: (-metrics.scores[n]["pagerank"], n))
    with (out / "metrics.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["work", "kind", "body", *columns])
        for node in ranked:
            writer.writerow([node, G.nodes[node].get("kind", ""), G.nodes[node].get("body", ""),
                             *[metrics.scores[node][c] for c in columns]])
    # one line per node and per community (json's indenting writer is ten times slower than its plain one)
    scores = ",\n  ".join(f"{json.dumps(node)}: {json.dumps(metrics.scores[node])}" for node in ranked)
    communities = ",\n  ".join(json.dumps(community) for community in metrics.communities)
    counted = f' "citation_functions": {json.dumps(dict(sorted(functions.items())))},\n' if functions is not None else ""
    (out / "metrics.json").write_text(
        f'{{"nodes": {G.number_of_nodes()}, "edges": {G.number_of_edges()},\n{counted} "scores": {{\n  {scores}\n }},\n'
        f' "communities": [\n  {communities}\n ]}}\n', encoding="utf-8")
    return score_quads(metrics.scores)


def top(metrics: Metrics, by: str, n: int = 10) -> list[tuple[str, float]]:
    """The ``n`` nodes with the highest ``by`` score."""
    return sorted(((node, s[by]) for node, s in metrics.scores.items()), key=lambda item: (-item[1], item[0]))[:n]


def analyze_build(out: Path, *, store: GraphStore | None = None, G: nx.DiGraph | None = None,
                  graph_file_has_scores: bool = True) -> tuple[nx.DiGraph, Metrics]:
    """``kg analyze``: metrics of a build's instrument graph, written to ``metrics.csv``/``metrics.json`` and back
    into the store and ``graph.nq`` (as the analysis graph; also kept as ``analysis.nq``). ``G`` is the instrument
    graph when the caller has it already; ``graph_file_has_scores`` False says that ``graph.nq`` was just written
    without scores, so they are appended instead of replaced."""
    from kg.store import OxigraphStore, change_marker
    from kg.store.folder import built_folder
    opened = None
    if store is None:   # (a folder that is no build is refused: Oxigraph would make a new, empty store in it)
        store = opened = OxigraphStore(built_folder(out) / "store")
    G = G if G is not None else instrument_graph(store)
    metrics, nquads = score_network(out, G, functions=citation_function_counts(store))
    store_scores(out, store, nquads, graph_file_has_scores=graph_file_has_scores)
    if opened is not None:
        opened.close()
        change_marker(out / "store").unlink()   # (a build takes its own marker away once it has closed the store)
    return G, metrics


def score_network(out: Path, G: nx.DiGraph, *,
                  functions: Mapping[str, int] | None = None) -> tuple[Metrics, str]:
    """The metrics of ``G``, written to ``metrics.csv``, ``metrics.json`` and ``analysis.nq`` (whose N-Quads are
    returned too). Needs no store: ``kg build`` runs it while the store loads."""
    metrics = compute_metrics(G)
    nquads = "".join(line + "\n" for line in write_metrics(out, G, metrics, functions=functions))
    (out / "analysis.nq").write_text(nquads, encoding="utf-8")
    return metrics, nquads
