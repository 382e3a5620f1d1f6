"""A file's quads sorted in runs spilled to disk (kg/job/runs.py) give the bytes that sorting them all in memory
gives: its own graphs' lines sorted and each once, then the shared graph's; the worker takes that path for a file
whose quads pass the run size, and leaves nothing behind."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from conftest import SEED
from documents import ITU_TEXT
from test_dense_line import ITU_HEAD, ITU_PROSE, UN_HEAD, UN_PROSE

from kg.job.cache import cache_path, cache_version, runs_path
from kg.job.runs import QuadRuns
from kg.job.worker import process_file

G, S = "<g>", "<https://w3id.org/resolution-kg/id/graph/shared>"


def own(*subjects: str) -> set[str]:
    return {f"<{s}> <p> <o> {G} ." for s in subjects}


def shared(*subjects: str) -> set[str]:
    return {f"<{s}> <p> <o> {S} ." for s in subjects}


def numbered(start: int) -> set[str]:
    return own(*(f"x{n:03d}" for n in range(start, 300, 3)))


# (batches of (own lines, shared lines) as a document's quads come; the run size in bytes of lines; whether runs
# are spilled to the file)
RUNS = [
    pytest.param([(own("b", "a"), shared("w"))], 1 << 20, False, id="one-batch-in-memory"),
    pytest.param([(own("c", "a"), shared("w")), (own("b", "a"), shared("w", "v")), (own("a"), set())], 1, True,
                 id="repeats-across-runs"),
    pytest.param([(numbered(0), set()), (numbered(1), set()), (numbered(2), shared("a"))], 2000, True,
                 id="interleaved-runs"),
    pytest.param([(set(), shared("z", "y")), (set(), shared("x"))], 1, True, id="shared-only"),
    pytest.param([(own("é", "e", "f", "中", "ab"), set()), (own("eé", "e\\u00e9", "zz"), set())], 1, True,
                 id="non-ascii-sorts-by-character"),
    pytest.param([(set(), set())], 1, False, id="empty"),
]


@pytest.mark.parametrize(("batches", "run_size", "spills"), RUNS)
def test_runs_write_each_line_once_sorted_own_then_shared(tmp_path, batches, run_size, spills):
    expected_own = sorted(set().union(*(o for o, _ in batches)))
    expected_shared = sorted(set().union(*(s for _, s in batches)))
    runs = QuadRuns(tmp_path / "entry.nq.runs", run_size=run_size)
    for own_lines, shared_lines in batches:
        runs.add(own_lines | shared_lines)
    assert (runs.spilled > 0) == spills, runs.spilled
    sink = io.BytesIO()
    size = runs.write(sink)
    assert sink.getvalue() == "".join(line + "\n" for line in expected_own + expected_shared).encode("utf-8")
    assert size == len(sink.getvalue())
    assert not (tmp_path / "entry.nq.runs").exists()


def test_runs_discarded_leave_no_file(tmp_path):
    runs = QuadRuns(tmp_path / "entry.nq.runs", run_size=1)
    runs.add(own("a") | shared("w"))
    assert (tmp_path / "entry.nq.runs").exists()
    runs.discard()
    assert not (tmp_path / "entry.nq.runs").exists()


def _archive(path, members):
    with tarfile.open(path, "w:gz") as archive:
        for name, text in members.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _files(tmp_path):
    """Files whose quads make several runs at a small run size: documents that share works (the shared graph's
    lines repeat from run to run), one line dense with citations, an archive of several."""
    seed = SEED.read_text(encoding="utf-8")
    texts = {
        "dense.txt": ITU_HEAD + ITU_PROSE * 400,
        "dense.md": "---\nsymbol: A/RES/79/901\ntitle: Dense\ndate: 2024-12-04\n---\n" + UN_HEAD + UN_PROSE * 400,
        "several.txt": "\n\n".join(ITU_TEXT.replace("RESOLUTION 12 ", f"RESOLUTION {n} ") for n in range(12, 20)),
    }
    paths = []
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    paths.append(_archive(tmp_path / "members.tar.gz",
                          {f"res/{n}.txt": seed.replace("RESOLUTION 75", f"RESOLUTION {n}") for n in range(70, 80)}))
    return paths


RUN_SIZES = [pytest.param(1, id="a-run-each-batch"), pytest.param(20_000, id="runs-of-20kB")]


def _summary(path: Path) -> dict:
    """A cache entry's summary, less the times of its quads' file (recorded for the check of the entry: two
    entries written one after the other differ there)."""
    text, _, _ = path.read_bytes().rpartition(b"\n")
    return {name: value for name, value in json.loads(text).items()
            if name not in ("quads_mtime_ns", "quads_ctime_ns")}


@pytest.mark.parametrize("run_size", RUN_SIZES)
def test_a_file_spilled_in_runs_gives_the_cache_entry_sorting_in_memory_gives(tmp_path, run_size):
    paths = _files(tmp_path)
    assert len(paths) == 4
    for path in paths:
        memory, spilled = tmp_path / "memory", tmp_path / f"spilled-{run_size}"
        whole = process_file(str(path), path.name, str(memory))
        parts = process_file(str(path), path.name, str(spilled), run_size=run_size)
        assert whole.error is None and parts.error is None, (whole.error, parts.error)
        assert len(whole.documents) == len(parts.documents) >= 1
        entry = cache_path(memory, whole.sha256, path.name)
        again = cache_path(spilled, parts.sha256, path.name)
        assert again.with_suffix(".nq").read_bytes() == entry.with_suffix(".nq").read_bytes(), path.name
        assert _summary(again) == _summary(entry), path.name
        assert entry.with_suffix(".nq").stat().st_size > 3 * max(run_size, 1000)   # (several runs' worth)
        assert all(p.suffix in (".json", ".nq") for p in (spilled / "cache").iterdir())   # (no runs, no .tmp left)


@pytest.mark.parametrize(("run_size", "spills"), [pytest.param(1, True, id="tiny-runs-spill"),
                                                  pytest.param(1 << 30, False, id="default-in-memory")])
def test_the_worker_spills_runs_beside_the_cache_entry_only_past_the_run_size(tmp_path, run_size, spills):
    """A folder standing where the runs would be written makes the file fail only when runs are spilled."""
    path = tmp_path / "dense.txt"
    path.write_text(ITU_HEAD + ITU_PROSE * 200, encoding="utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    runs_path(tmp_path / "out", digest, "dense.txt", version=cache_version()).mkdir(parents=True)
    result = process_file(str(path), "dense.txt", str(tmp_path / "out"), run_size=run_size)
    if spills:
        assert result.error is not None and "internal error (IsADirectoryError)" in result.error, result.error
    else:
        assert result.error is None, result.error


@pytest.mark.parametrize(("after_batches", "file_fails"), [pytest.param(0, False, id="before-any-batch"),
                                                           pytest.param(1, True, id="after-a-batch")])
def test_a_document_whose_quads_fail_part_way_fails_its_file(tmp_path, monkeypatch, after_batches, file_fails):
    """One of a text's three documents whose quads fail (a bug planted): before any of them went to the runs it is
    that document's error and the others are built, as for a parser's bug; after some did, they cannot be taken
    back, and the whole file is the error (never a graph with part of a document)."""
    from kg.job import worker
    real = worker.document_quad_batches

    def failing(document, citations, **options):
        batches = real(document, citations, **options)
        if "RESOLUTION 13 " not in document.source.text:
            yield from batches
            return
        for _ in range(after_batches):
            yield next(batches)
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(worker, "document_quad_batches", failing)
    path = tmp_path / "several.txt"
    path.write_text("\n\n".join(ITU_TEXT.replace("RESOLUTION 12 ", f"RESOLUTION {n} ") for n in (12, 13, 14)),
                    encoding="utf-8")
    result = process_file(str(path), "several.txt", str(tmp_path / "out"), run_size=1)
    if file_fails:
        assert result.error == "several.txt: internal error (ZeroDivisionError): planted", result.error
        assert result.documents == () and result.graphs == ()
    else:
        assert result.error is None and len(result.documents) == 2 and len(result.graphs) == 2
        assert [error.split(": ", 1)[1] for error in result.member_errors] == [
            "internal error (ZeroDivisionError): planted"]
        entry = cache_path(tmp_path / "out", result.sha256, "several.txt").with_suffix(".nq")
        written = {line.rsplit(" ", 2)[1] for line in entry.read_text(encoding="utf-8").splitlines()}
        assert written == {f"<{graph}>" for graph in result.graphs} | {S}
    assert not any(p.suffix == ".runs" for p in (tmp_path / "out" / "cache").iterdir())
