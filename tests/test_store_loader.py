"""A new store is loaded while the documents are read (``kg.job.store_update.StoreLoader``): it must hold exactly
what ``graph.nq`` holds, whatever order the files came in, and a build that fails on the way must leave a store
that the next build makes anew."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED

import kg.job.store_update
import kg.store.local
from kg.job import build_graph
from kg.store import OxigraphStore


def _resolution(number: int) -> str:
    return SEED.read_text(encoding="utf-8").replace("RESOLUTION 75", f"RESOLUTION {number}")


def _stored(out: Path) -> set[str]:
    store = OxigraphStore(out / "store", read_only=True)
    try:
        return set(store.dump().splitlines())
    finally:
        store.close()


def _graph_file(out: Path) -> set[str]:
    return set((out / "graph.nq").read_text(encoding="utf-8").splitlines())


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for number in (71, 72, 73):
        (folder / f"r{number}.txt").write_text(_resolution(number), encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_a_new_store_holds_what_graph_nq_holds(inputs, tmp_path, workers):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=workers)
    stored = _stored(out)
    assert len(stored) > 1000
    assert stored == _graph_file(out)


def test_a_document_fed_first_by_the_later_of_two_files_is_put_right(inputs, tmp_path):
    # r80.txt is built (and cached) first; then r70.txt, the same document under a name that sorts before it, is
    # new while the store is made anew: the loader is fed r80 (cached) before r70, but r70 writes the graph
    out = tmp_path / "out"
    (inputs / "r80.txt").write_text(_resolution(80), encoding="utf-8")
    build_graph([inputs], out, progress=False, workers=1)
    (inputs / "r70.txt").write_text(_resolution(80), encoding="utf-8")
    shutil.rmtree(out / "store")
    build_graph([inputs], out, progress=False, workers=1)
    stored = _stored(out)
    assert stored == _graph_file(out)
    assert any('"inputs/r70.txt"' in line or "r70.txt\"" in line for line in stored)
    assert not any("r80.txt\"" in line for line in stored)


def test_a_build_that_fails_while_the_store_loads_leaves_it_to_be_made_anew(inputs, tmp_path, monkeypatch):
    import kg.job.run

    out = tmp_path / "out"

    def failing(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(kg.job.run, "write_graph_file", failing)
        with pytest.raises(OSError, match="disk full"):
            build_graph([inputs], out, progress=False, workers=1)
    assert not (out / "store").exists() and not (out / "store.new").exists()   # (what it loaded, removed)
    build_graph([inputs], out, progress=False, workers=1)
    assert not (out / "store.updating").exists()
    assert _stored(out) == _graph_file(out)


def test_the_previous_store_answers_until_the_new_one_takes_its_place(inputs, tmp_path, monkeypatch):
    """(a new store was made in the previous one's place as the build began: a query during the build found an
    empty store, `kg stats` 0 documents with exit 0) It is loaded beside, as store.new; a build that fails before
    it is done leaves the previous store whole."""
    import kg.job.run

    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    before = _stored(out)
    for number in (71, 72, 73):   # (every file changed: the store is made anew)
        (inputs / f"r{number}.txt").write_text(_resolution(number + 100), encoding="utf-8")
    seen: list[set[str]] = []

    def failing(*args, **kwargs):
        seen.append(_stored(out))   # (the documents are read and loaded: what a query would find now)
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(kg.job.run, "write_graph_file", failing)
        with pytest.raises(OSError, match="disk full"):
            build_graph([inputs], out, progress=False, workers=1)
    assert seen == [before] and _stored(out) == before
    assert not (out / "store.new").exists() and not (out / "store.updating").exists()
    build_graph([inputs], out, progress=False, workers=1)
    assert _stored(out) == _graph_file(out) != before


def test_inputs_that_are_all_unreadable_leave_the_last_build_whole(inputs, tmp_path):
    """(a folder whose one file is no XML rewrote the last build as a build of nothing, its store and cache too)"""
    from kg.errors import InputError

    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    stored = _stored(out)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.xml").write_text("garbage", encoding="utf-8")
    with pytest.raises(InputError, match=r"no document could be read there .*nothing was built .*keeps the 3 files"):
        build_graph([bad], out, progress=False, workers=1)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == files
    assert _stored(out) == stored and not (out / "store.new").exists()


class _CallSizes:
    """A pyoxigraph store whose ``bulk_load`` records the bytes each call reads (and loads them)."""

    def __init__(self, store, sizes: list[int]) -> None:
        self._store, self._sizes = store, sizes

    def __getattr__(self, name):
        return getattr(self._store, name)

    def __len__(self) -> int:   # (the build counts the store's quads for the manifest)
        return len(self._store)

    def bulk_load(self, input=None, *, path=None, **options):
        data = Path(path).read_bytes() if path is not None else input if isinstance(input, bytes) else input.read()
        self._sizes.append(len(data))
        self._store.bulk_load(data, **options)


@pytest.fixture()
def call_sizes(monkeypatch) -> list[int]:
    """The bytes of each ``bulk_load`` call of every store the build opens, with parts of 20,000 bytes."""
    sizes: list[int] = []

    class Recording(OxigraphStore):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._store = _CallSizes(self._store, sizes)

    monkeypatch.setattr(kg.store.local, "BULK_PART_SIZE", 20_000, raising=False)
    monkeypatch.setattr(kg.job.store_update, "OxigraphStore", Recording)
    return sizes


def _longest_line(out: Path) -> int:
    return max(len(line) for line in (out / "graph.nq").read_bytes().splitlines(keepends=True))


def test_a_new_store_is_bulk_loaded_in_bounded_calls(inputs, tmp_path, call_sizes):
    # the bulk loader holds what one call reads until the call ends (a dense line's gigabyte: 2 GB): the store is
    # fed in calls of about BULK_PART_SIZE bytes, each cut at a line end, and holds what graph.nq holds
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    assert len(call_sizes) > 5
    assert max(call_sizes) <= 20_000 + _longest_line(out)
    assert _stored(out) == _graph_file(out)


def test_graph_nq_is_bulk_loaded_in_bounded_calls(inputs, tmp_path, call_sizes):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1, load_store=False)
    store = kg.job.store_update.OxigraphStore(tmp_path / "store")   # (the recording one)
    store.load_file(out / "graph.nq")
    assert len(call_sizes) > 5
    assert max(call_sizes) <= 20_000 + _longest_line(out)
    assert set(store.dump().splitlines()) == _graph_file(out)
    store.close()
