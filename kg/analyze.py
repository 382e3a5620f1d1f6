"""The citation network: graphs read from the store, and what networkx says about them.

Three grains: instrument -> instrument (``instrument_graph``: an edge's ``weight`` is the number of citing
clauses, its ``clauses`` those clauses), edition -> edition or work (``edition_graph``), clause -> work
(``clause_graph``). Functions take a networkx graph ``G`` and return plain data, as networkx does.

>>> import networkx as nx
>>> G = nx.DiGraph([("a", "b"), ("c", "b"), ("b", "d")])
>>> sorted(depends_on(G, "a")), sorted(rests_on(G, "b"))
(['b', 'd'], ['a', 'c'])
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.betweenness import betweenness
from kg.links import cites_of, works_of
from kg.louvain import louvain_communities
from kg.rdf import work_family, work_iri
from kg.scores import score_quads, store_scores
from kg.store import GraphStore

EXACT_BETWEENNESS_UP_TO = 2000
BETWEENNESS_SAMPLE = 200
SEED = 42
_PREFIXES = """PREFIX kg: <https://w3id.org/resolution-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _citations(store: GraphStore) -> list[dict[str, str]]:
    """Every resolved citation: citing work and edition, clause (IRI and label), cited work and edition.

    Two queries, one for citations in clauses and one for those outside any clause: a ``UNION`` of the two
    makes the store's planner join far more than it needs to.
    """
    in_clauses = store.query(_PREFIXES + """
        SELECT DISTINCT ?citation ?citing ?edition ?clause ?label ?cited ?citedEdition WHERE {
          ?citation a kg:Citation ; cito:hasCitingEntity ?clause ; cito:hasCitedEntity/kg:workKey ?cited .
          ?clause a kg:Clause ; kg:label ?label ; eli:is_part_of/eli:is_part_of ?editionNode .
          ?editionNode kg:editionId ?edition ; eli:realizes/kg:workKey ?citing .
          OPTIONAL { ?citation kg:citedEdition/kg:editionId ?citedEdition }
        }""")
    outside = store.query(_PREFIXES + """
        SELECT DISTINCT ?citation ?citing ?edition ?cited ?citedEdition WHERE {
          ?citation a kg:Citation ; cito:hasCitingEntity ?editionNode ; cito:hasCitedEntity/kg:workKey ?cited .
          ?editionNode a kg:Edition ; kg:editionId ?edition ; eli:realizes/kg:workKey ?citing .
          OPTIONAL { ?citation kg:citedEdition/kg:editionId ?citedEdition }
        }""")
    return [{name: str(value) for name, value in row.items()} for row in in_clauses + outside]


def _work_facts(store: GraphStore) -> dict[str, dict[str, object]]:
    """Node data of every work: kind, body, number, title, and the years of its editions known to the graph."""
    facts: dict[str, dict[str, object]] = defaultdict(lambda: {"years": []})
    rows = store.query(_PREFIXES + """
        SELECT DISTINCT ?key ?type ?body ?number ?title WHERE {
          ?work kg:workKey ?key ; a ?type .
          OPTIONAL { ?work eli:passed_by/skos:prefLabel ?body }
          OPTIONAL { ?work kg:number ?number }
          OPTIONAL { ?work dcterms:title ?title }
        }""")
    for row in rows:
        data = facts[str(row["key"])]
        data["kind"] = str(row["type"]).rsplit("#", 1)[-1]
        data["body"] = str(row.get("body", "")) or work_family(str(row["key"]))
        if "number" in row:
            data["number"] = str(row["number"])
        if "title" in row:
            data["title"] = str(row["title"])
    for row in store.query(_PREFIXES + """
            SELECT DISTINCT ?key ?date WHERE { ?edition eli:realizes/kg:workKey ?key ; eli:date_document ?date }"""):
        years = facts[str(row["key"])]["years"]
        assert isinstance(years, list)
        year = int(str(row["date"])[:4])
        if year not in years:
            years.append(year)
    return facts


def instrument_graph(store: GraphStore) -> nx.DiGraph:
    """Works citing works, read from the store; ``weight`` counts the distinct citing clauses."""
    return network_of_citations(_citations(store), _work_facts(store))


def network_of_citations(citations: Iterable[Mapping[str, str]],
                         facts: Mapping[str, Mapping[str, object]]) -> nx.DiGraph:
    """Works citing works from citation rows (``citing``, ``edition``, ``clause`` or none, ``cited``):
    ``weight`` counts the distinct citing clauses, ``clauses`` lists them; ``facts`` gives node data by key."""
    return network_of_links(cites_of((row["citing"], row["cited"], row.get("clause") or row["edition"])
                                     for row in citations), facts)


def network_of_links(cites: Mapping[str, Mapping[str, Collection[str]]],
                     facts: Mapping[str, Mapping[str, object]]) -> nx.DiGraph:
    """Works citing works from the clauses (or editions, for citations outside any clause) where each work cites
    each other (``cites[citing][cited]``, distinct); ``facts`` gives node data by key."""
    G = nx.DiGraph()
    G.add_nodes_from(sorted(works_of(cites)))
    # in a fixed order: the same scores, to the last bit (an edition citing an earlier edition of itself is not
    # an edge of the network)
    G.add_edges_from((citing, cited, {"weight": len(where), "clauses": sorted(where)})
                     for citing in sorted(cites) for cited, where in sorted(cites[citing].items()) if citing != cited)
    for node, data in G.nodes(data=True):
        data.update({"kind": "Instrument", "body": work_family(node)}, **facts.get(node, {}))
        data["years"] = sorted(data.get("years", []))
    return G


def edition_graph(store: GraphStore) -> nx.DiGraph:
    """Editions citing editions (where the citation names one) or works (``citing-work/edition`` -> target)."""
    G = nx.DiGraph()
    for row in _citations(store):
        source = f"{row['citing']}/{row['edition']}"
        target = f"{row['cited']}/{row['citedEdition']}" if row.get("citedEdition") else row["cited"]
        weight = G.edges[source, target]["weight"] + 1 if G.has_edge(source, target) else 1
        G.add_edge(source, target, weight=weight)
    return G


def clause_graph(store: GraphStore) -> nx.DiGraph:
    """Clauses (IRIs) citing works; a citation outside any clause starts from its edition."""
    G = nx.DiGraph()
    for row in _citations(store):
        G.add_edge(row.get("clause") or f"{row['citing']}/{row['edition']}", row["cited"])
    return G


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
                     "hub": hubs[node], "authority": authorities[node], "betweenness": between[node],
                     "community": community_of[node]} for node in G}
    return Metrics(scores, communities)


def _communities(G: nx.DiGraph, seed: int) -> list[list[str]]:
    """Louvain communities of ``G`` taken as undirected, largest first; where two works cite each other, the edge
    keeps the weight met last, as ``G.to_undirected()`` does."""
    communities = [sorted(c) for c in louvain_communities(G, weight="weight", seed=seed)]   # networkx's, faster
    communities.sort(key=lambda c: (-len(c), c))
    return communities


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


def citation_paths(G: nx.DiGraph, source: str, target: str, *, cutoff: int = 4) -> dict[str, object]:
    """The shortest citation path from ``source`` to ``target`` (or the other way, or ignoring direction), and
    every simple path up to ``cutoff`` edges along the direction that has one."""
    for start, end, view, direction in ((source, target, G, "cites"), (target, source, G, "cited by"),
                                        (source, target, G.to_undirected(as_view=True), "linked")):
        if start in view and end in view and nx.has_path(view, start, end):
            shortest = nx.shortest_path(view, start, end)
            paths = [list(p) for p in nx.all_simple_paths(view, start, end, cutoff=cutoff)]
            return {"direction": direction, "shortest": shortest,
                    "paths": sorted(paths, key=lambda p: (len(p), p))[:50]}
    return {"direction": None, "shortest": [], "paths": []}


def citations_per_year(store: GraphStore) -> dict[int, int]:
    """How many citations the editions of each year make."""
    rows = store.query(_PREFIXES + """
        SELECT ?year (COUNT(DISTINCT ?citation) AS ?n) WHERE {
          ?citation a kg:Citation ; cito:hasCitingEntity/eli:is_part_of/eli:is_part_of ?edition .
          ?edition eli:date_document ?date . BIND (YEAR(?date) AS ?year)
        } GROUP BY ?year ORDER BY ?year""")
    return {int(row["year"]): int(row["n"]) for row in rows}


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


def write_metrics(out: Path, G: nx.DiGraph, metrics: Metrics) -> list[str]:
    """``metrics.csv`` and ``metrics.json`` in ``out``, and the N-Quads that write the scores back."""
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
    (out / "metrics.json").write_text(
        f'{{"nodes": {G.number_of_nodes()}, "edges": {G.number_of_edges()},\n "scores": {{\n  {scores}\n }},\n'
        f' "communities": [\n  {communities}\n ]}}\n', encoding="utf-8")
    return score_quads(metrics.scores)


@dataclass(frozen=True, slots=True)
class DocumentOutline:
    """One resolution as the doc view draws it: sections, clauses and what each clause cites."""

    key: str
    title: str
    sections: list[tuple[str, str, list[tuple[str, str, str, list[str]]]]]  # (id, heading, [(iri, label, text, cited)])


def document_outline(store: GraphStore, key: str) -> DocumentOutline:
    """The outline of the resolution whose work key is ``key`` (its latest edition in the graph)."""
    from rdflib import URIRef
    rows = store.query(_PREFIXES + """
        SELECT DISTINCT ?edition ?title ?section ?sectionOrder ?heading ?clause ?clauseOrder ?label ?text ?cited WHERE {
          ?editionNode eli:realizes ?work ; kg:editionId ?edition .
          ?sectionNode eli:is_part_of ?editionNode ; kg:order ?sectionOrder ; kg:heading ?heading .
          BIND (STR(?sectionNode) AS ?section)
          ?clause eli:is_part_of ?sectionNode ; kg:order ?clauseOrder ; kg:label ?label ; kg:text ?text .
          OPTIONAL { ?work dcterms:title ?title }
          OPTIONAL { ?citation cito:hasCitingEntity ?clause ; cito:hasCitedEntity/kg:workKey ?cited }
        } ORDER BY DESC(?edition) ?sectionOrder ?clauseOrder ?cited""", bindings={"work": URIRef(work_iri(key))})
    if not rows:
        raise KeyError(key)
    latest = str(rows[0]["edition"])
    sections: dict[str, tuple[str, dict[str, tuple[str, str, str, list[str]]]]] = {}
    for row in rows:
        if str(row["edition"]) != latest:
            continue
        section = sections.setdefault(str(row["section"]), (str(row["heading"]), {}))
        clause = section[1].setdefault(str(row["clause"]), (str(row["clause"]), str(row["label"]), str(row["text"]), []))
        if "cited" in row and str(row["cited"]) not in clause[3]:
            clause[3].append(str(row["cited"]))
    title = str(rows[0].get("title", ""))
    return DocumentOutline(key, title, [(section_id.rsplit("/", 1)[-1], heading, list(clauses.values()))
                                        for section_id, (heading, clauses) in sections.items()])


def top(metrics: Metrics, by: str, n: int = 10) -> list[tuple[str, float]]:
    """The ``n`` nodes with the highest ``by`` score."""
    return sorted(((node, s[by]) for node, s in metrics.scores.items()), key=lambda item: (-item[1], item[0]))[:n]


def neighbourhood(G: nx.DiGraph, node: str, *, depth: int = 1) -> nx.DiGraph:
    """The instruments within ``depth`` citation steps of ``node``, either way."""
    return G.subgraph(nx.ego_graph(G.to_undirected(as_view=True), node, radius=depth).nodes).copy()


def analyze_build(out: Path, *, store: GraphStore | None = None, G: nx.DiGraph | None = None,
                  graph_file_has_scores: bool = True) -> tuple[nx.DiGraph, Metrics]:
    """``kg analyze``: metrics of a build's instrument graph, written to ``metrics.csv``/``metrics.json`` and back
    into the store and ``graph.nq`` (as the analysis graph; also kept as ``analysis.nq``). ``G`` is the instrument
    graph when the caller has it already; ``graph_file_has_scores`` False says that ``graph.nq`` was just written
    without scores, so they are appended instead of replaced."""
    from kg.store import OxigraphStore, change_marker
    own = store is None
    store = store or OxigraphStore(out / "store")
    G = G if G is not None else instrument_graph(store)
    metrics, nquads = score_network(out, G)
    store_scores(out, store, nquads, graph_file_has_scores=graph_file_has_scores)
    if own:
        store.close()
        change_marker(out / "store").unlink()   # (a build takes its own marker away once it has closed the store)
    return G, metrics


def score_network(out: Path, G: nx.DiGraph) -> tuple[Metrics, str]:
    """The metrics of ``G``, written to ``metrics.csv``, ``metrics.json`` and ``analysis.nq`` (whose N-Quads are
    returned too). Needs no store: ``kg build`` runs it while the store loads."""
    metrics = compute_metrics(G)
    nquads = "".join(line + "\n" for line in write_metrics(out, G, metrics))
    (out / "analysis.nq").write_text(nquads, encoding="utf-8")
    return metrics, nquads
