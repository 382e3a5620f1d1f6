"""The citation network at one grain as a networkx graph whose attributes are plain values (strings, integers,
floats), ready for GraphML, GEXF, CSV, JSON-LD and Cytoscape: each node with its title, body, kind, year and the
network's metrics, each edge with its weight and its citing clauses.

Grains: ``instrument`` (works citing works; an edge's weight counts the distinct citing clauses), ``edition``
(``work/edition`` citing ``work/edition`` where the citation names the edition, else the work; weight: citations)
and ``clause`` (clause IRIs citing works; weight: citations).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import networkx as nx

from kg.analyze.metrics import compute_metrics
from kg.analyze.network import SPARQL_PREFIXES, citation_rows, network_of_citations, work_facts_of
from kg.rdf import edition_iri, work_facts
from kg.store import GraphStore

GRAINS = ("instrument", "edition", "clause")
METRICS = ("in_degree", "out_degree", "weighted_in_degree", "pagerank", "hub", "authority", "betweenness",
           "community")
CLAUSE_SEPARATOR = " "   # clause IRIs hold no space


def network_for_files(store: GraphStore, grain: str = "instrument") -> nx.DiGraph:
    """The network of ``grain`` with plain attributes: nodes ``label``, ``title``, ``body``, ``kind``, ``year``
    (the first year of its editions; absent when none is known, so that no format writes a year 0), ``years`` (all, ``;``-separated) and the metrics of
    ``kg.analyze.compute_metrics``; edges ``weight``, ``clauses`` (the citing clauses' IRIs, space-separated)
    and ``clause_count``."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {', '.join(GRAINS)}, not {grain!r}")
    rows = citation_rows(store)
    facts = work_facts_of(store)
    if grain == "instrument":
        G = _plain(network_of_citations(rows, facts))
    else:
        G = _grain_graph(rows, facts, _edition_years(store), grain)
    metrics = compute_metrics(G)
    for node, data in G.nodes(data=True):
        data.update({name: metrics.scores[node][name] for name in METRICS})
    return G


def _facts(key: str, facts: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    known: dict[str, object] = {**work_facts(key), **facts.get(key, {})}
    listed = known.get("years") or []
    years = sorted(int(str(y)) for y in (listed if isinstance(listed, (list, tuple)) else []))
    return {"work": key, "title": str(known.get("title", "")), "body": str(known.get("body", "")),
            "kind": str(known.get("kind", "Instrument")), "number": str(known.get("number", "")),
            **({"year": years[0]} if years else {}), "years": ";".join(map(str, years))}


def _dated(data: dict[str, object], year: int | None) -> None:
    """``data`` with the year of its edition, where one is known (else the work's first, where one is)."""
    if year is not None:
        data["year"] = year


def _plain(G: nx.DiGraph) -> nx.DiGraph:
    plain = nx.DiGraph()
    for node, data in G.nodes(data=True):
        plain.add_node(node, label=node, **_facts(node, {node: data}))
    for source, target, data in G.edges(data=True):
        # (a citation outside any clause is its citing edition: the network names it by its id alone)
        clauses = [c if c.startswith(("http://", "https://")) else edition_iri(source, c)
                   for c in data.get("clauses", [])]
        plain.add_edge(source, target, weight=int(data["weight"]), clauses=CLAUSE_SEPARATOR.join(clauses),
                       clause_count=len(clauses))
    return plain


def _edition_years(store: GraphStore) -> dict[tuple[str, str], int]:
    """The year of each edition: its adoption date, or its conference's last day."""
    rows = store.query(SPARQL_PREFIXES + """SELECT DISTINCT ?key ?edition ?date WHERE {
        ?node eli:realizes/kg:workKey ?key ; kg:editionId ?edition .
        { ?node eli:date_document ?date } UNION { ?node kg:adoptedAt/kg:endDate ?date } }""")
    years: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (str(row["key"]), str(row["edition"]))
        years[key] = min(years.get(key, 9999), int(str(row["date"])[:4]))
    return years


def _grain_graph(rows: list[dict[str, str]], facts: Mapping[str, Mapping[str, object]],
                 edition_years: Mapping[tuple[str, str], int], grain: str) -> nx.DiGraph:
    G = nx.DiGraph()
    clauses: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        citing_edition = f"{row['citing']}/{row['edition']}"
        source = citing_edition if grain == "edition" else (row.get("clause") or citing_edition)
        where = row.get("clause") or edition_iri(row["citing"], row["edition"])
        target = f"{row['cited']}/{row['citedEdition']}" if grain == "edition" and row.get("citedEdition") \
            else row["cited"]
        for node, key, edition in ((source, row["citing"], row["edition"]),
                                   (target, row["cited"], row.get("citedEdition", "") if grain == "edition" else "")):
            if node not in G:
                data = _facts(key, facts)
                if edition:
                    data.update(edition=edition)
                    _dated(data, edition_years.get((key, edition)))
                if node == row.get("clause"):
                    data.update(kind="Clause", edition=row["edition"], label_path=row.get("label", ""))
                    _dated(data, edition_years.get((key, row["edition"])))
                G.add_node(node, label=node, **data)
        clauses[source, target].append(where)
    for (source, target), met in clauses.items():
        distinct = list(dict.fromkeys(met))
        G.add_edge(source, target, weight=len(met), clauses=CLAUSE_SEPARATOR.join(distinct),
                   clause_count=len(distinct))
    return G
