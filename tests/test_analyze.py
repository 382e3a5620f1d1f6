"""Network analysis: metrics on small graphs worked by hand, and the seed's instrument graph."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from conftest import SEED

from kg.analyze import (
    bibliographic_coupling,
    citation_paths,
    co_citation,
    compute_metrics,
    depends_on,
    instrument_graph,
    main_path,
    rests_on,
    steps,
)
from kg.cli import main
from kg.job import build_graph
from kg.store import OxigraphStore


def test_pagerank_of_one_citation_worked_by_hand():
    # a -> b, alpha 0.85; b is dangling and spreads its rank evenly:
    # x = 0.075 + 0.425 y and y = 0.075 + 0.85 x + 0.425 y give x = 20/57, y = 37/57
    scores = compute_metrics(nx.DiGraph([("a", "b")])).scores
    assert scores["a"]["pagerank"] == pytest.approx(20 / 57, abs=1e-6)
    assert scores["b"]["pagerank"] == pytest.approx(37 / 57, abs=1e-6)


def test_degrees_hits_and_betweenness_worked_by_hand():
    G = nx.DiGraph()
    G.add_edge("x", "c", weight=3)
    G.add_edge("y", "c", weight=1)
    G.add_edge("c", "z", weight=1)
    scores = compute_metrics(G).scores
    assert (scores["c"]["in_degree"], scores["c"]["out_degree"], scores["c"]["weighted_in_degree"]) == (2, 1, 4)
    # c lies on the only paths x->z and y->z: 2 of the (n-1)(n-2) = 6 ordered pairs
    assert scores["c"]["betweenness"] == pytest.approx(2 / 6)
    assert scores["x"]["betweenness"] == 0
    # HITS on the weighted adjacency A (x->c 3, y->c 1, c->z 1): A^T A is diag(c: 10, z: 1), so the authorities
    # are c = 1, z = 0; A A^T has the block [[9, 3], [3, 1]] on x and y, whose leading eigenvector is (3, 1):
    # hubs x = 3/4, y = 1/4, c = 0.
    assert scores["c"]["authority"] == pytest.approx(1.0) and scores["z"]["authority"] == pytest.approx(0.0, abs=1e-9)
    assert scores["x"]["hub"] == pytest.approx(0.75) and scores["y"]["hub"] == pytest.approx(0.25)
    assert scores["c"]["hub"] == pytest.approx(0.0, abs=1e-9)


def test_communities_split_two_triangles():
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d"), ("c", "d")])
    assert compute_metrics(G).communities == [["a", "b", "c"], ["d", "e", "f"]]


def test_co_citation_and_bibliographic_coupling():
    G = nx.DiGraph([("x", "a"), ("x", "b"), ("y", "a"), ("y", "b"), ("y", "c")])
    assert co_citation(G, "a") == [("b", 2), ("c", 1)]
    assert bibliographic_coupling(G, "x") == [("y", 2)]


def test_paths_and_dependency_closure():
    G = nx.DiGraph([("e", "d"), ("d", "b"), ("d", "c"), ("b", "a"), ("c", "a")])
    assert depends_on(G, "d") == {"a", "b", "c"}
    assert rests_on(G, "b") == {"d", "e"}
    found = citation_paths(G, "e", "a", cutoff=4)
    assert found["direction"] == "cites"
    assert len(found["shortest"]) == 4
    assert found["paths"] == [["e", "d", "b", "a"], ["e", "d", "c", "a"]]
    assert citation_paths(G, "a", "e")["direction"] == "cited by"


def test_paths_run_from_source_to_target_with_each_steps_true_direction_and_say_what_the_limit_cut():
    """kg path printed a path found ignoring direction as "a -> b -> c", a chain of citations, though b cites a;
    and cut its list at 50 without a word."""
    G = nx.DiGraph([("e", "d"), ("d", "b"), ("d", "c"), ("b", "a"), ("c", "a"), ("x", "a"), ("x", "y")])
    backwards = citation_paths(G, "a", "e")
    assert backwards["shortest"][0] == "a" and backwards["paths"] == [["a", "b", "d", "e"], ["a", "c", "d", "e"]]
    assert steps(G, backwards["paths"][0]) == "a <- b <- d <- e"
    linked = citation_paths(G, "y", "e", cutoff=5, limit=1)   # (x cites y and a: linked, no chain)
    assert linked["direction"] == "linked" and linked["found"] == 2
    assert linked["paths"] == [["y", "x", "a", "b", "d", "e"]]
    assert citation_paths(G, "y", "e", cutoff=4)["found"] == 0   # (5 steps)
    assert steps(G, linked["shortest"]) in ("y <- x -> a <- b <- d <- e", "y <- x -> a <- c <- d <- e")
    G.add_edge("a", "x")
    assert steps(G, ["y", "x", "a"]) == "y <- x <-> a"


def test_main_path_worked_by_hand():
    # B and C cite A, D cites B and C, E cites D. Knowledge flows A->B, A->C, B->D, C->D, D->E.
    # Paths from the source A to the sink E: A-B-D-E and A-C-D-E, so SPC(D,E) = 2 and every other edge 1.
    G = nx.DiGraph([("B", "A"), ("C", "A"), ("D", "B"), ("D", "C"), ("E", "D")])
    assert main_path(G) == [("A", "C", 1), ("C", "D", 1), ("D", "E", 2)]


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "out"
    build_graph([SEED], out, progress=False, workers=1)
    return out


def test_seed_instrument_graph_weights_counted_by_hand(seed_build):
    G = instrument_graph(OxigraphStore(seed_build / "store", read_only=True))
    weights = {target: data["weight"] for _, target, data in G.out_edges("itu/wtsa/res/75", data=True)}
    assert weights == {
        "itu/pp/res/71": 1, "itu/pp/res/101": 1, "itu/pp/res/102": 1, "itu/pp/res/130": 1, "itu/pp/res/133": 1,
        "itu/pp/res/140": 1, "itu/pp/dec/9": 1,
        "itu/council/res/1282": 3,     # noting a) (twice, one clause), noting b), resolves to request the Council
        "wsis/tunis-agenda": 5,        # considering d), recognizing a) b), recognizing further a) b)
    }
    assert G.nodes["itu/wtsa/res/75"]["years"] == [2008]
    assert G.nodes["itu/pp/res/71"]["body"] == "Plenipotentiary Conference"


def test_kg_analyze_writes_files_and_scores(seed_build, capsys):
    assert main(["analyze", str(seed_build)]) == 0
    rows = list(csv.DictReader((seed_build / "metrics.csv").open(encoding="utf-8")))
    assert {row["work"] for row in rows} >= {"itu/wtsa/res/75", "wsis/tunis-agenda"}
    assert rows[0]["work"] == "wsis/tunis-agenda"       # the heaviest cited edge
    data = json.loads((seed_build / "metrics.json").read_text(encoding="utf-8"))
    assert data["nodes"] == 10 and data["edges"] == 9
    assert main(["query", "by-centrality", "--store", str(seed_build), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-10].startswith("wsis/tunis-agenda,") or any(l.startswith("wsis/tunis-agenda,") for l in lines[1:3])
    assert len([l for l in lines if l.startswith(("itu/", "wsis/"))]) == 10


def test_betweenness_sampled_past_a_size_is_networkx_own():
    import random

    import networkx as nx

    from kg.analyze import BETWEENNESS_SAMPLE, EXACT_BETWEENNESS_UP_TO, SEED, compute_metrics
    rng = random.Random(7)
    G = nx.DiGraph()
    G.add_nodes_from(f"n{i}" for i in range(EXACT_BETWEENNESS_UP_TO + 300))
    nodes = list(G)
    G.add_edges_from((rng.choice(nodes), rng.choice(nodes[:200])) for _ in range(6000))
    metrics = compute_metrics(G)
    expected = nx.betweenness_centrality(G, k=BETWEENNESS_SAMPLE, seed=SEED)
    assert {node: s["betweenness"] for node, s in metrics.scores.items()} == pytest.approx(expected, abs=1e-12)
    assert sum(1 for value in expected.values() if value > 0) > 100
    assert list(metrics.scores["n0"]) == ["in_degree", "out_degree", "weighted_in_degree", "pagerank", "hub",
                                          "authority", "betweenness", "community"]
