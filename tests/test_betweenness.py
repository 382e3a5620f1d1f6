"""Betweenness by sparse matrices (kg.analyze.betweenness) against networkx's own, on graphs of every shape."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analyze.betweenness import betweenness


@st.composite
def graphs(draw):
    size = draw(st.integers(min_value=0, max_value=25))
    G = nx.DiGraph()
    G.add_nodes_from(f"n{i}" for i in range(size))
    if size:
        pairs = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1))
        G.add_edges_from((f"n{u}", f"n{v}") for u, v in draw(st.lists(pairs, max_size=size * 3)))
    return G


@given(G=graphs(), data=st.data())
@settings(max_examples=300, deadline=None)
def test_the_scores_are_networkx_own(G, data):
    k = data.draw(st.none() | st.integers(min_value=1, max_value=max(len(G), 1))) if len(G) else None
    seed = data.draw(st.integers(0, 1000))
    expected = nx.betweenness_centrality(G, k=k, seed=seed)
    found = betweenness(G, k=k, seed=seed)
    assert list(found) == list(expected)
    assert found == pytest.approx(expected, abs=1e-12, nan_ok=True)


def test_a_path_worked_by_hand():
    # a -> b -> c -> d: b lies on a-c and a-d, c on a-d and b-d; 3 * 2 ordered pairs that could pass a node
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    assert betweenness(G) == pytest.approx({"a": 0.0, "b": 2 / 6, "c": 2 / 6, "d": 0.0})


def test_sources_are_searched_in_batches_as_one(monkeypatch):
    from kg.analyze import betweenness as module

    G = nx.gnp_random_graph(150, 0.03, seed=3, directed=True)
    whole = betweenness(G)
    monkeypatch.setattr(module, "BATCH", 7)   # 150 sources in 22 batches
    assert betweenness(G) == pytest.approx(whole, abs=1e-12)
    assert sum(1 for value in whole.values() if value > 0) > 50
