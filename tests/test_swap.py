"""Putting a new file in the place of an old one (kg.swap)."""

from __future__ import annotations

import pytest

from kg.swap import swap_in


@pytest.mark.parametrize("before", [
    pytest.param({"graph.nq": "old"}, id="an old file"),
    pytest.param({}, id="no old file"),
    pytest.param({"graph.nq": "old", "graph.nq.old": "left by an interrupted build"}, id="a stale .old file too"),
])
@pytest.mark.parametrize("in_background", [False, True])
def test_the_new_file_takes_the_place_and_nothing_else_is_left(tmp_path, before, in_background):
    for name, text in before.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "graph.nq.tmp").write_text("new")
    deleting = swap_in(tmp_path / "graph.nq.tmp", tmp_path / "graph.nq", in_background=in_background)
    assert (tmp_path / "graph.nq").read_text() == "new"   # in place at once, whatever is still being deleted
    assert (deleting is not None) == (in_background and "graph.nq" in before)
    if deleting is not None:
        deleting.join()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq"]
