"""Putting a new file in the place of an old one (kg.swap)."""

from __future__ import annotations

import pytest

from kg.swap import swap_in


@pytest.mark.parametrize("before", [
    pytest.param({"graph.nq": "old"}, id="an old file"),
    pytest.param({}, id="no old file"),
    pytest.param({"graph.nq": "old", "graph.nq.old": "left by an interrupted build"}, id="a stale .old file too"),
])
def test_the_new_file_takes_the_place_and_nothing_else_is_left(tmp_path, before):
    for name, text in before.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "graph.nq.tmp").write_text("new")
    swap_in(tmp_path / "graph.nq.tmp", tmp_path / "graph.nq")
    assert (tmp_path / "graph.nq").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq"]
