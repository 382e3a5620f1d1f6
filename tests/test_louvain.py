"""Louvain communities (kg.analyze.louvain) against networkx's own, on graphs of every shape and on ones with many
levels."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analyze.louvain import louvain_communities


def _canonical(communities):
    return sorted(sorted(community) for community in communities)


@st.composite
def weighted_graphs(draw):
    size = draw(st.integers(min_value=0, max_value=30))
    G = nx.Graph()
    G.add_nodes_from(f"n{i}" for i in draw(st.permutations(range(size))))   # any insertion order
    if size:
        edges = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1), st.integers(1, 6))
        G.add_weighted_edges_from((f"n{u}", f"n{v}", w) for u, v, w in draw(st.lists(edges, max_size=size * 4)))
    return G


@given(G=weighted_graphs(), seed=st.integers(0, 10_000), resolution=st.sampled_from([0.5, 1, 2]))
@settings(max_examples=400, deadline=None)
def test_the_communities_are_networkx_own(G, seed, resolution):
    expected = nx.community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed)
    found = louvain_communities(G, resolution=resolution, seed=seed)
    assert _canonical(found) == _canonical(expected)


@given(data=st.data(), seed=st.integers(0, 10_000))
@settings(max_examples=200, deadline=None)
def test_a_directed_network_is_taken_as_networkx_makes_it_undirected(data, seed):
    # two works citing each other are one pair: the weight met last stands, as nx.Graph keeps it
    size = data.draw(st.integers(min_value=1, max_value=30))
    edges = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1), st.integers(1, 2))   # (ties: order counts)
    G = nx.DiGraph()
    G.add_nodes_from(f"n{i}" for i in data.draw(st.permutations(range(size))))
    G.add_weighted_edges_from((f"n{u}", f"n{v}", w) for u, v, w in data.draw(st.lists(edges, max_size=size * 4)))
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_weighted_edges_from(G.edges(data="weight"))
    expected = nx.community.louvain_communities(H, weight="weight", seed=seed)
    assert _canonical(louvain_communities(G, seed=seed)) == _canonical(expected)


@pytest.mark.parametrize("seed", [0, 7, 42])
def test_a_network_merged_over_several_levels(seed):
    # 40 groups of 3 to 12 nodes, dense inside and sparse between: Louvain merges for more than one level
    G = nx.random_partition_graph([3 + i % 10 for i in range(40)], 0.6, 0.01, seed=seed)
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_weighted_edges_from((u, v, 1 + (u * v) % 4) for u, v in G.edges())
    expected = nx.community.louvain_communities(H, weight="weight", seed=seed)
    levels = len(list(nx.community.louvain_partitions(H, weight="weight", seed=seed)))
    assert levels >= 2
    assert _canonical(louvain_communities(H, seed=seed)) == _canonical(expected)


def test_two_triangles_joined_by_one_edge():
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    assert _canonical(louvain_communities(G, seed=3)) == [["a", "b", "c"], ["x", "y", "z"]]


def test_a_network_without_edges_is_one_community_per_node():
    G = nx.Graph()
    G.add_nodes_from(["b", "a"])
    assert _canonical(louvain_communities(G)) == [["a"], ["b"]]
