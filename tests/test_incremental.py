"""Rebuilds: after any sequence of changes to the inputs, a build into the same folder (which copies what did not
change from the previous ``graph.nq`` and updates the store in place) gives what a build afresh gives."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED

from kg.job import build_graph
from kg.store import OxigraphStore

DEDICATED = "to submit contributions to the Dedicated"
PP_64 = "to apply Resolution 64 (Rev. Busan, 2014) of the Plenipotentiary Conference and " + DEDICATED
PP_2 = "to apply Resolution 2 (Rev. Dubai, 2018) of the Plenipotentiary Conference and " + DEDICATED


def _resolution(number: int, *, cites: str = DEDICATED) -> str:
    text = SEED.read_text(encoding="utf-8").replace("RESOLUTION 75", f"RESOLUTION {number}")
    assert DEDICATED in text
    return text.replace(DEDICATED, cites)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} does not hold {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Each step changes the inputs; every build after it must equal a fresh build of the same inputs.
STEPS = [
    ("edit a clause, no citation changed", lambda d: _edit(d / "r72.txt", "Group on", "Group indeed on")),
    ("one file cites a new work", lambda d: _edit(d / "r73.txt", DEDICATED, PP_64)),
    ("a second file cites it too", lambda d: _edit(d / "r74.txt", DEDICATED, PP_64)),
    ("the first stops citing it", lambda d: _edit(d / "r73.txt", PP_64, DEDICATED)),
    ("the only file citing PP-2 stops", lambda d: _edit(d / "r71.txt", PP_2, DEDICATED)),
    ("a file is removed", lambda d: (d / "r74.txt").unlink()),
    ("a file is added between the others", lambda d: (d / "r72b.txt").write_text(_resolution(90, cites=PP_2),
                                                                                 encoding="utf-8")),
    ("a copy of a document under another name", lambda d: (d / "r70.txt").write_text(
        (d / "r72.txt").read_text(encoding="utf-8"), encoding="utf-8")),
    ("the original of the copy changes", lambda d: _edit(d / "r72.txt", "Group indeed on", "Group on")),
    ("a file becomes unreadable XML", lambda d: (d / "r73.xml").write_text("<akomaNtoso><statement>",
                                                                            encoding="utf-8")),
    ("the bad file is removed, another touched", lambda d: ((d / "r73.xml").unlink(),
                                                             os.utime(d / "r71.txt"))),
]


def _state(out: Path) -> tuple[bytes, set[str], str, str]:
    store = OxigraphStore(out / "store", read_only=True)
    return ((out / "graph.nq").read_bytes(), set(store.dump().splitlines()),
            (out / "metrics.csv").read_text(encoding="utf-8"), (out / "report.md").read_text(encoding="utf-8"))


def _assert_same_as_fresh(inputs: Path, out: Path, fresh: Path) -> None:
    build_graph([inputs], fresh, progress=False, workers=1)
    assert not (out / "store.updating").exists()
    graph, stored, metrics, report = _state(out)
    fresh_graph, fresh_stored, fresh_metrics, fresh_report = _state(fresh)
    assert graph == fresh_graph
    assert stored == fresh_stored, f"store differs: {sorted(stored ^ fresh_stored)[:5]}"
    assert metrics == fresh_metrics
    assert report == fresh_report


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "r71.txt").write_text(_resolution(71, cites=PP_2), encoding="utf-8")
    for number in (72, 73, 74):
        (folder / f"r{number}.txt").write_text(_resolution(number), encoding="utf-8")
    return folder


def test_every_step_of_a_sequence_of_changes_gives_what_a_fresh_build_gives(inputs, tmp_path, monkeypatch):
    import kg.job.scoring

    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    copied = []
    analysis_by_difference = []   # builds into ``out`` that changed only the analysis lines that differ
    store_scores = kg.job.scoring.store_scores

    def spy(where, store, nquads, **options):
        if where == out and store is not None:
            analysis_by_difference.append(options.get("held") is not None)
        return store_scores(where, store, nquads, **options)

    monkeypatch.setattr(kg.job.scoring, "store_scores", spy)
    for number, (what, change) in enumerate(STEPS):
        change(inputs)
        build_graph([inputs], out, progress=False, workers=1)
        copied.append(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["graph_file"]["files_copied"])
        try:
            _assert_same_as_fresh(inputs, out, tmp_path / f"fresh-{number}")
        except AssertionError as error:
            raise AssertionError(f"after step {number} ({what}): {error}") from None
    assert len(copied) == len(STEPS) > 10
    assert analysis_by_difference.count(True) >= 4, analysis_by_difference   # (the network changed in those)
    assert all(count >= 1 for count in copied), copied    # the unchanged files' bytes were copied, not rewritten


def _empty_store(out: Path) -> None:   # rm -rf out/store/*
    for path in (out / "store").iterdir():
        shutil.rmtree(path) if path.is_dir() else path.unlink()


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _shift_spans(out: Path) -> None:
    """The manifest, still valid JSON, with the second file's span moved ten bytes on and the first's longer."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    first, second = manifest["files"][0]["span"], manifest["files"][1]["span"]
    first[1] += 10
    second[0] += 10
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _cache_entry_cut_and_graph_gone(out: Path) -> None:
    _truncate(max((out / "cache").glob("*.nq"), key=lambda path: path.stat().st_size))
    (out / "graph.nq").unlink()


def _cache_summary_edited(out: Path) -> None:
    for path in (out / "cache").glob("*.json"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"clauses": ', '"clauses": 1', 1), encoding="utf-8")


def _store_file_damaged(name: str):
    def damage(out: Path) -> None:
        files = sorted((out / "store").glob(name), key=lambda path: path.stat().st_size)
        assert files, f"no {name} in the store"
        with files[-1].open("r+b") as handle:
            size = files[-1].stat().st_size
            handle.seek(size // 2)
            handle.write(b"\xff" * min(64, size - size // 2))
    return damage


def _one_byte_of_graph_nq_changed(out: Path) -> None:
    """One letter of a document's text changed in graph.nq, its size and times set back."""
    path = out / "graph.nq"
    before = path.stat()
    data = path.read_bytes()
    at = data.index(b"Dedicated")
    path.write_bytes(data[:at] + b"E" + data[at + 1:])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _one_byte_of_graph_nq_changed_and_recorded_status_matched(out: Path) -> None:
    """One letter of a document's text changed in graph.nq, and the manifest's record of the file's size and times
    made to match it: only its bytes tell it is not the file the build wrote."""
    _one_byte_of_graph_nq_changed(out)
    status = (out / "graph.nq").stat()
    _manifest_edited(out, lambda m: m["graph_file"].update(size=status.st_size, mtime_ns=status.st_mtime_ns,
                                                           ctime_ns=status.st_ctime_ns))


def _store_lost_a_quad(out: Path) -> None:
    """A quad of the first file's graph taken out of the store (another program, or a lost write), its folder's
    seal left as the build wrote it."""
    store = OxigraphStore(out / "store")
    first = (out / "graph.nq").read_bytes().split(b"\n", 1)[0] + b"\n"
    before = store.count_quads()
    store.remove_quads(first)
    assert store.count_quads() == before - 1
    store.close()


DAMAGE = [
    pytest.param(lambda out: (out / "graph.nq").open("a").write("\n"), id="graph.nq edited"),
    pytest.param(lambda out: (out / "cache" / "shared.tsv").unlink(), id="shared counts gone"),
    pytest.param(lambda out: (out / "cache" / "shared.tsv").write_text("another build\n"), id="shared counts stale"),
    pytest.param(lambda out: _truncate(out / "cache" / "shared.tsv"), id="shared counts cut short"),
    pytest.param(lambda out: [p.unlink() for p in (out / "cache").glob("*.nq")], id="cache emptied"),
    pytest.param(_cache_entry_cut_and_graph_gone, id="a cache entry cut short, graph.nq gone"),
    pytest.param(_cache_summary_edited, id="cache summaries edited"),
    pytest.param(lambda out: (out / "store.updating").touch(), id="store update interrupted"),
    pytest.param(_empty_store, id="store emptied"),
    pytest.param(_store_lost_a_quad, id="store lost a quad, its seal kept"),
    pytest.param(_store_file_damaged("CURRENT"), id="store CURRENT damaged"),
    pytest.param(_store_file_damaged("*.sst"), id="a store .sst damaged"),
    pytest.param(_shift_spans, id="spans shifted in the manifest"),
    pytest.param(_one_byte_of_graph_nq_changed, id="one byte of graph.nq changed, times set back"),
    pytest.param(_one_byte_of_graph_nq_changed_and_recorded_status_matched,
                 id="one byte of graph.nq changed, the recorded size and times made to match"),
    # (the copied span's digest was checked, its line count not: a false count went into report.md's quads for good)
    pytest.param(lambda out: _manifest_edited(out, lambda m: m["files"][0]["span"].__setitem__(2, 999999)),
                 id="a span's line count edited in the manifest"),
    # (kept scores were read from analysis.nq unchecked when no citation changed: its lines went into graph.nq)
    pytest.param(lambda out: _drop_first_line(out / "analysis.nq"), id="analysis.nq lost a line"),
    pytest.param(lambda out: (out / "analysis.nq").write_text(""), id="analysis.nq emptied"),
    pytest.param(lambda out: _made_a_folder(max((out / "cache").glob("*.nq"))), id="a cache entry's quads a folder"),
    pytest.param(lambda out: _made_a_folder(max((out / "cache").glob("*.json"))), id="a cache summary a folder"),
    pytest.param(lambda out: (shutil.rmtree(out / "store"), (out / "store").write_text("x")), id="store a file"),
    pytest.param(lambda out: _made_a_folder(out / "manifest.json"), id="manifest a folder"),
    pytest.param(lambda out: (out / "manifest.json").write_text("[]"), id="manifest a JSON list"),
    pytest.param(lambda out: _manifest_edited(out, lambda m: m.update(files=None)), id="manifest files null"),
    pytest.param(lambda out: _manifest_edited(out, lambda m: m["files"][0].update(size="x", span="y", graphs=5)),
                 id="manifest file entry of other types"),
    pytest.param(lambda out: _manifest_edited(out, lambda m: m.update(graph_file=["x"])), id="manifest graph_file a list"),
    pytest.param(lambda out: (shutil.rmtree(out / "cache"), (out / "cache").write_text("x")), id="cache a file"),
    pytest.param(lambda out: (shutil.rmtree(out / "views"), (out / "views").write_text("x")), id="views a file"),
    pytest.param(lambda out: _made_a_folder(out / "graph.nq"), id="graph.nq a folder"),
    pytest.param(lambda out: _made_a_folder(out / "analysis.nq"), id="analysis.nq a folder"),
    pytest.param(lambda out: _made_a_folder(out / "report.md"), id="report.md a folder"),
    pytest.param(lambda out: (shutil.rmtree(out / "store"), (out / "store").symlink_to(out / "cache")),
                 id="store a link to another folder"),
]


def _manifest_edited(out: Path, edit) -> None:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    edit(manifest)
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _made_a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x")


def _drop_first_line(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) > 1, f"{path} holds no scores"
    path.write_text("".join(lines[1:]), encoding="utf-8")


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_output_folder_is_rebuilt_right(inputs, tmp_path, damage):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    damage(out)
    _edit(inputs / "r73.txt", DEDICATED, PP_64)
    (inputs / "r74.txt").unlink()
    build_graph([inputs], out, progress=False, workers=1)
    _assert_same_as_fresh(inputs, out, tmp_path / "fresh")


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_output_folder_is_rebuilt_right_when_no_input_changed(inputs, tmp_path, damage):
    """(Nothing to redo: the store is updated in place and graph.nq cut back, where they are as recorded.)"""
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    damage(out)
    build_graph([inputs], out, progress=False, workers=1)
    _assert_same_as_fresh(inputs, out, tmp_path / "fresh")


def test_a_file_rewritten_with_its_old_size_and_time_is_read_again(inputs, tmp_path):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    path = inputs / "r72.txt"
    before, text = path.stat(), path.read_text(encoding="utf-8")
    changed = text.replace("Group on", "Grupo on", 1)
    assert changed != text and len(changed.encode("utf-8")) == before.st_size
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))   # as `cp -p` or an unpacked archive leaves it
    rebuilt = build_graph([inputs], out, progress=False, workers=1)
    assert [name.rsplit("/", 1)[-1] for name in rebuilt.reparsed] == ["r72.txt"]
    _assert_same_as_fresh(inputs, out, tmp_path / "fresh")


def test_an_analysis_file_that_is_not_the_one_recorded_is_not_trusted(inputs, tmp_path):
    # the store's scores are changed line by line from the previous analysis.nq, which must be the one the
    # manifest recorded: had the edit below gone unnoticed, the store would keep the old PageRank scores
    for number in range(75, 80):
        (inputs / f"r{number}.txt").write_text(_resolution(number), encoding="utf-8")
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    analysis = out / "analysis.nq"
    analysis.write_text("".join(line for line in analysis.open(encoding="utf-8") if "#pagerank>" not in line),
                        encoding="utf-8")
    _edit(inputs / "r73.txt", DEDICATED, PP_64)
    build_graph([inputs], out, progress=False, workers=1)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["graph_file"]["files_copied"] == 8
    _assert_same_as_fresh(inputs, out, tmp_path / "fresh")


def test_a_rebuild_that_changes_nothing_cuts_graph_nq_back_in_place(inputs, tmp_path):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    before = (out / "graph.nq").stat().st_ino
    os.utime(inputs / "r72.txt")   # read again, the same bytes
    build_graph([inputs], out, progress=False, workers=1)
    assert (out / "graph.nq").stat().st_ino == before   # not written anew
    _assert_same_as_fresh(inputs, out, tmp_path / "fresh")


def test_a_graph_nq_edited_where_the_shared_graph_lies_is_written_anew(inputs, tmp_path):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    graph = out / "graph.nq"
    status = graph.stat()
    data = graph.read_bytes()
    line_start = data.rindex(b"\n", 0, data.index(b"<https://w3id.org/resolution-kg/id/graph/shared> .\n")) + 1
    at = data.index(b"/", line_start)   # a letter of the first shared line's subject: same size, another letter
    graph.write_bytes(data[:at + 1] + (b"Y" if data[at + 1:at + 2] != b"Y" else b"Z") + data[at + 2:])
    os.utime(graph, ns=(status.st_atime_ns, status.st_mtime_ns))   # size and time as the manifest recorded
    build_graph([inputs], out, progress=False, workers=1)
    assert graph.stat().st_ino != status.st_ino
    _assert_same_as_fresh(inputs, out, tmp_path / "fresh")


def test_a_rebuild_with_other_reference_data_reads_every_file_again(inputs, tmp_path):
    # what a file gave is cached under the code's and the reference data's version: a gazetteer edited in
    # $KG_DATA_DIR (or an upgrade) makes a rebuild read every file again, and it then equals a fresh build
    import subprocess
    import sys

    from kg.reference.datafiles import data_path

    def kg_build(out: Path, env: dict[str, str]) -> str:
        result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(inputs), "--out", str(out), "--quiet",
                                 "--workers", "1"], capture_output=True, text=True, env=env, check=True)
        return result.stdout

    assert "from 4 files (4 parsed, 0 from the cache)" in kg_build(tmp_path / "out", dict(os.environ))
    assert "from 4 files (0 parsed, 4 from the cache)" in kg_build(tmp_path / "out", dict(os.environ))
    data = tmp_path / "data"
    data.mkdir()
    # the Plenipotentiary Conference of Guadalajara held two weeks later: the same texts, other reference data
    gazetteer = data_path("conferences.csv").read_text(encoding="utf-8")
    assert "2010-10-04" in gazetteer
    (data / "conferences.csv").write_text(gazetteer.replace("2010-10-04", "2010-10-18"), encoding="utf-8")
    edited = {**os.environ, "KG_DATA_DIR": str(data)}
    assert "from 4 files (4 parsed, 0 from the cache)" in kg_build(tmp_path / "out", edited)
    assert "from 4 files (0 parsed, 4 from the cache)" in kg_build(tmp_path / "out", edited)
    kg_build(tmp_path / "fresh", edited)
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (tmp_path / "fresh" / "graph.nq").read_bytes()


def _distribution_metadata(folder: Path, name: str, version: str) -> None:
    """What importlib.metadata finds of an installed distribution ``name`` at ``version``, in ``folder``."""
    info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")


def test_an_upgraded_reading_library_makes_a_rebuild_read_every_file_again(inputs, tmp_path):
    # a library that reads the files (lxml, pypdf, python-docx, PyYAML), upgraded as the package's metadata tells
    # it (a newer version's metadata first on the path): what it read before may not be what it reads now
    import subprocess
    import sys

    def kg_build(*path: Path) -> str:
        search = [str(folder) for folder in path] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(inputs), "--out", str(tmp_path / "out"),
                                 "--quiet", "--workers", "1"], capture_output=True, text=True, check=True,
                                env={**os.environ, "PYTHONPATH": os.pathsep.join(search)})
        return result.stdout

    assert "from 4 files (4 parsed, 0 from the cache)" in kg_build()
    assert "from 4 files (0 parsed, 4 from the cache)" in kg_build()
    for name in ("lxml", "pypdf", "python-docx", "PyYAML"):
        _distribution_metadata(tmp_path / name, name, "999.0")
        assert "from 4 files (4 parsed, 0 from the cache)" in kg_build(tmp_path / name), name
    # and back to the installed versions: the entries they made are still in the cache
    assert "from 4 files (0 parsed, 4 from the cache)" in kg_build()


def test_what_an_interrupted_build_left_in_the_cache_goes_with_the_next_build(inputs, tmp_path):
    # what a `kill -9` of a build leaves in OUT/cache: an entry's quads or summary half written under their
    # temporary names, the sorted runs of a long file, the shared counts being written (planted here where the
    # build writes them)
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    kept = sorted(path.name for path in (out / "cache").iterdir())
    assert any(name.endswith(".nq") for name in kept) and any(name.endswith(".json") for name in kept), kept
    key = "0" * 64
    orphans = [f"{key}.nq.tmp", f"{key}.tmp", f"{key}.nq.runs", "shared.tmp"]
    for name in orphans:
        (out / "cache" / name).write_bytes(b"<a> <b> <c> <g> .\n" * 1000)
    build_graph([inputs], out, progress=False, workers=1)
    assert sorted(path.name for path in (out / "cache").iterdir()) == kept


def test_a_store_that_holds_what_the_manifest_recorded_is_changed_in_place(inputs, tmp_path):
    # the manifest's count of the store's quads is the store's own (were it not, every rebuild would load the
    # store afresh): a store made anew, one left unchanged and one changed in place are each kept next time
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    steps = [lambda: None, lambda: _edit(inputs / "r72.txt", "Group on", "Group indeed on"),
             lambda: _edit(inputs / "r73.txt", DEDICATED, PP_64), lambda: None]
    for number, step in enumerate(steps):
        (out / "store" / "kept").write_text(str(number), encoding="utf-8")   # (gone with a store made anew)
        step()
        build_graph([inputs], out, progress=False, workers=1)
        assert (out / "store" / "kept").exists(), f"step {number}: the store was made anew"
        recorded = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["store_quads"]
        assert recorded == OxigraphStore(out / "store", read_only=True).count_quads() > 0, number
    _assert_same_as_fresh(inputs, out, tmp_path / "fresh")


def test_the_entries_of_a_file_gone_from_the_inputs_go_with_the_next_build(inputs, tmp_path):
    """(the cache kept every entry it was ever given: a file removed, or renamed, left its entry for good)"""
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    entries = sorted(path.name for path in (out / "cache").iterdir() if path.name != "shared.tsv")
    assert len(entries) == 2 * len(list(inputs.iterdir())), entries
    (inputs / "r74.txt").rename(inputs / "r74-renamed.txt")
    _edit(inputs / "r72.txt", "Group on", "Group indeed on")
    build_graph([inputs], out, progress=False, workers=1)
    after = sorted(path.name for path in (out / "cache").iterdir() if path.name != "shared.tsv")
    r74 = {name for name in entries if name not in after}
    assert len(r74) == 2 and len(after) == len(entries) + 2, (entries, after)   # r74's gone; r72's earlier kept
    _edit(inputs / "r72.txt", "Group indeed on", "Group on")   # (an input's earlier contents: still in the cache)
    result = build_graph([inputs], out, progress=False, workers=1)
    assert not any(file.reparsed for file in result.files)


@pytest.mark.parametrize("left", ["graph.nq.old", "graph.nq.tmp", "manifest.tmp"])
@pytest.mark.parametrize("graph_file", ["kept", "gone"])
def test_what_an_interrupted_swap_left_beside_the_outputs_goes_with_the_next_build(inputs, tmp_path, left,
                                                                                    graph_file):
    """(kg.swap renames graph.nq to graph.nq.old before it puts the new one in place: a build killed between the
    two, or while the old one was deleted, left it for good, as a rebuild with nothing to write never swaps)"""
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    kept = sorted(path.name for path in out.iterdir())
    (out / left).write_bytes((out / "graph.nq").read_bytes())
    if graph_file == "gone":   # (killed between the renames: graph.nq is at graph.nq.old)
        (out / "graph.nq").unlink()
    build_graph([inputs], out, progress=False, workers=1)
    assert not (out / left).exists() and (out / "graph.nq").is_file()
    assert sorted(path.name for path in out.iterdir()) == kept
