"""Damage where a build keeps its own files (a link to /dev/zero, a FIFO, JSON nested too deep, a cache entry forged
or swapped, a damaged lock): the build takes the file as missing and writes it afresh, a command that needs it says
so on one line; nothing is read without end, waited on for ever, or ends in a traceback.

What could read without end or wait for ever runs in a process of its own, its memory bounded and its time limited,
so that a failure costs only the test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED

from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, EXIT_UNREACHABLE
from kg.job import build_graph
from kg.job.cache import cache_path
from kg.store import OxigraphStore

_BOUNDED = "import resource; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30)); "
DEDICATED = "to submit contributions to the Dedicated"
PP_64 = "to apply Resolution 64 (Rev. Busan, 2014) of the Plenipotentiary Conference and " + DEDICATED


def _bounded(code: str, *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``code`` run in a Python of its own, with 3 GB of address space and ``timeout`` seconds."""
    return subprocess.run([sys.executable, "-c", _BOUNDED + code], check=False, capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def _kg(*arguments: str) -> subprocess.CompletedProcess[str]:
    return _bounded(f"from kg.cli import main; raise SystemExit(main({list(arguments)!r}))")


def _link_to_dev_zero(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _deep_json(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} does not hold {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    assert DEDICATED in text and "RESOLUTION 75" in text
    for number in (72, 73, 74):
        (folder / f"r{number}.txt").write_text(text.replace("RESOLUTION 75", f"RESOLUTION {number}"), encoding="utf-8")
    return folder


def _state(out: Path) -> tuple[bytes, set[str]]:
    store = OxigraphStore(out / "store", read_only=True)
    return (out / "graph.nq").read_bytes(), set(store.dump().splitlines())


BUILD_FILES = [
    pytest.param(name, damage, id=f"{name} {damage.__name__.strip('_')}")
    for name in ("manifest.json", "cache/shared.tsv", "store/kg-build", "analysis.nq")
    for damage in (_link_to_dev_zero, _fifo)
] + [pytest.param("manifest.json", _deep_json, id="manifest.json deep_json")]


@pytest.mark.parametrize("name", ["cache", "views", "views/doc", "store", "site"])
def test_an_output_folder_that_is_a_link_is_replaced_never_written_through(inputs, tmp_path, name):
    """(OUT/cache or OUT/views/doc as a link to a folder elsewhere: the build wrote its cache entries or its views
    there; OUT/views or OUT/site as one: rmtree's "cannot call rmtree on a symbolic link", a traceback)"""
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1, doc_views=True)
    assert main(["site", str(out)]) == 0
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    (victim / "kept.txt").write_text("not the build's", encoding="utf-8")
    shutil.rmtree(out / name)
    (out / name).symlink_to(victim, target_is_directory=True)
    _edit(inputs / "r73.txt", "Group on", "Group indeed on")
    done = _kg("build", str(inputs), "--out", str(out), "--quiet", "--workers", "1", "--doc-views")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert not (out / name).is_symlink()
    shutil.rmtree(out / "site", ignore_errors=True)   # (kg site itself, its folder a link: the link replaced too)
    (out / "site").symlink_to(victim, target_is_directory=True)
    site = _kg("site", str(out))
    assert site.returncode == 0 and "Traceback" not in site.stderr, site.stderr[-2000:]
    assert not (out / "site").is_symlink() and (out / "site" / "index.html").is_file()
    assert sorted(p.name for p in victim.iterdir()) == ["kept.txt"]
    build_graph([inputs], tmp_path / "fresh", progress=False, workers=1, doc_views=True)
    assert _state(out) == _state(tmp_path / "fresh")


@pytest.mark.parametrize(("name", "damage"), BUILD_FILES)
def test_a_build_file_replaced_by_damage_is_written_afresh(inputs, tmp_path, name, damage):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    assert (out / name).is_file()
    damage(out / name)
    _edit(inputs / "r73.txt", "Group on", "Group indeed on")
    done = _kg("build", str(inputs), "--out", str(out), "--quiet", "--workers", "1")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert (out / name).is_file() and not (out / name).is_symlink()
    build_graph([inputs], tmp_path / "fresh", progress=False, workers=1)
    assert _state(out) == _state(tmp_path / "fresh")


# each reader of a build's file, in a process of its own: what it gives for damage (what it gives for none)
READERS = {
    "manifest": ("manifest.json", "from kg.job.manifest import read_manifest as f; print(f(OUT))", "None"),
    "manifest marked optimized": ("manifest.json", "from kg.job.manifest import record_optimized as f; print(f(OUT))",
                                  "None"),
    "build folder test": ("manifest.json", "from kg.job.inputs import is_build_folder as f; print(f(str(OUT)))",
                          "False"),
    "shared counts": ("cache/shared.tsv", "from kg.job.graphfile import _read_shared_counts as f; print(f(OUT, 't'))",
                      "None"),
    "store seal": ("store/kg-build",
                   "from kg.job.store_update import _as_sealed as f; print(f(OUT / 'store', {'store_token': 't'}))",
                   "False"),
    "analysis": ("analysis.nq", "from kg.job.scoring import _analysis_held as f; print(f(OUT, {'analysis': 'x'}))",
                 "None"),
    "site metrics": ("metrics.json",   # (computed afresh: the empty network's)
                     ("import networkx; from kg.site.corpus import _metrics as f; "
                      "print(f(OUT, networkx.DiGraph()).scores)"), "{}"),
    "cache summary": (str(Path("cache") / cache_path(Path(""), "d", "n").name),
                      "from kg.job.cache import load_cached as f; print(f(OUT, 'd', 'n'))", "None"),
}


@pytest.mark.parametrize("damage", [_link_to_dev_zero, _fifo], ids=["link to /dev/zero", "FIFO"])
@pytest.mark.parametrize("reader", sorted(READERS))
def test_each_reader_of_a_build_file_takes_damage_for_a_missing_file(tmp_path, reader, damage):
    name, code, missing = READERS[reader]
    out = tmp_path / "out"
    (out / name).parent.mkdir(parents=True)
    damage(out / name)
    done = _bounded(f"from pathlib import Path; OUT = Path({str(out)!r}); {code}", timeout=30)
    assert done.returncode == 0 and done.stdout.strip() == missing, done.stderr[-2000:]
    assert len(READERS) == 8


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("built")
    (folder / "in").mkdir()
    shutil.copy(SEED, folder / "in" / SEED.name)
    build_graph([folder / "in"], folder / "out", progress=False, workers=1)
    return folder / "out"


@pytest.mark.parametrize(("damage", "said", "code"), [
    # (a manifest that is no regular file: the folder is refused as a build, as every reading command checks it)
    pytest.param(_link_to_dev_zero, "a symbolic link (to /dev/zero)", EXIT_UNREACHABLE, id="link to /dev/zero"),
    pytest.param(_fifo, "a FIFO", EXIT_UNREACHABLE, id="FIFO"),
    pytest.param(_deep_json, "nested too deeply", EXIT_BAD_INPUT, id="deep JSON"),
    pytest.param(lambda path: path.write_text("{}"), "not a manifest kg build wrote", EXIT_BAD_INPUT, id="{}"),
])
def test_kg_export_akn_says_in_one_line_that_the_manifest_is_damaged(built, tmp_path, damage, said, code):
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    damage(out / "manifest.json")
    done = _kg("export", str(out), "--format", "akn", "--store", str(out))   # (the CLI picks the folder by its manifest)
    assert done.returncode == code, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and f"{out / 'manifest.json'}: " in lines[0] and said in lines[0], done.stderr


@pytest.mark.parametrize("damage", [_link_to_dev_zero, _fifo, _deep_json], ids=["link to /dev/zero", "FIFO", "deep"])
def test_kg_site_computes_the_metrics_where_metrics_json_is_damaged(built, tmp_path, damage):
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    damage(out / "metrics.json")
    done = _kg("site", str(out))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert (out / "site" / "index.html").is_file()


@pytest.mark.parametrize("damage", [_link_to_dev_zero, _fifo], ids=["link to /dev/zero", "FIFO"])
@pytest.mark.parametrize("command", ["build", "site"])
def test_a_damaged_lock_is_made_afresh(built, tmp_path, monkeypatch, capsys, command, damage):
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    damage(out / ".lock")
    monkeypatch.chdir(tmp_path)
    arguments = ["build", str(built.parent / "in"), "--out", "out", "--quiet", "--workers", "1"] \
        if command == "build" else ["site", "out"]
    code = main(arguments)
    assert code == 0, capsys.readouterr().err
    assert (out / ".lock").is_file() and not (out / ".lock").is_symlink()


def test_a_store_being_rebuilt_when_it_is_opened_is_tried_again_then_one_line(built, monkeypatch, capsys):
    """(Seen once in some hundred ``kg stats`` run beside a build that loaded its store afresh; made here.)"""
    import pyoxigraph

    opened = pyoxigraph.Store.read_only
    failures = []

    def rebuilt(path: str, *, times: int) -> pyoxigraph.Store:
        if len(failures) < times:
            failures.append(path)
            raise RuntimeError("Invalid argument: Column family not found: id2str")
        return opened(path)

    monkeypatch.setattr(pyoxigraph.Store, "read_only", lambda path: rebuilt(path, times=1))
    assert main(["stats", str(built)]) == 0
    assert failures == [str(built / "store")]
    capsys.readouterr()
    failures.clear()
    monkeypatch.setattr(pyoxigraph.Store, "read_only", lambda path: rebuilt(path, times=2))
    assert main(["stats", str(built)]) == EXIT_UNREACHABLE
    err = capsys.readouterr().err
    assert len(failures) == 2
    assert len(err.splitlines()) == 1 and "the store is being rebuilt" in err and str(built / "store") in err, err


def test_kg_eval_with_gold_nested_too_deeply_is_one_line(tmp_path, capsys):
    gold = tmp_path / "deep.json"
    _deep_json(gold)
    assert main(["eval", "--gold", str(gold), str(SEED)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and f"{gold}:1: JSON nested too deeply" in err, err


def _entry_of(out: Path, name: str) -> Path:
    """The cache summary of the input ``name``."""
    found = [path for path in (out / "cache").glob("*.json")
             if json.loads(path.read_bytes().rpartition(b"\n")[0])["path"].endswith(name)]
    assert len(found) == 1, found
    return found[0]


def test_a_cache_entry_forged_at_the_same_size_is_not_taken(inputs, tmp_path):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    quads = _entry_of(out, "r72.txt").with_suffix(".nq")
    before = quads.stat()
    data = quads.read_bytes()
    assert data.count(b"Dedicated") >= 1
    quads.write_bytes(data.replace(b"Dedicated", b"Forgedxxx"))
    os.utime(quads, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert quads.stat().st_size == before.st_size
    _edit(inputs / "r72.txt", "Group on", "Group indeed on")   # (the file read again, its entry not looked up)
    build_graph([inputs], out, progress=False, workers=1)
    _edit(inputs / "r72.txt", "Group indeed on", "Group on")   # (its bytes as before: its entry looked up)
    build_graph([inputs], out, progress=False, workers=1)
    assert b"Forgedxxx" not in (out / "graph.nq").read_bytes()
    build_graph([inputs], tmp_path / "fresh", progress=False, workers=1)
    assert _state(out) == _state(tmp_path / "fresh")


def test_two_cache_entries_swapped_are_not_taken(inputs, tmp_path):
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    first, second = _entry_of(out, "r72.txt"), _entry_of(out, "r74.txt")
    for suffix in (".json", ".nq"):
        parked = first.with_suffix(".parked")
        first.with_suffix(suffix).rename(parked)
        second.with_suffix(suffix).rename(first.with_suffix(suffix))
        parked.rename(second.with_suffix(suffix))
    _edit(inputs / "r73.txt", DEDICATED, PP_64)
    build_graph([inputs], out, progress=False, workers=1)
    build_graph([inputs], tmp_path / "fresh", progress=False, workers=1)
    assert _state(out) == _state(tmp_path / "fresh")


def test_a_cache_entry_copied_with_new_times_is_still_taken(inputs, tmp_path):
    """(Its times differ from those recorded: its quads are hashed, and they are the ones written.)"""
    out = tmp_path / "out"
    build_graph([inputs], out, progress=False, workers=1)
    shutil.copytree(out, tmp_path / "copy")   # (new modification and change times)
    (inputs / "r72.txt").touch()
    result = build_graph([inputs], tmp_path / "copy", progress=False, workers=1)
    assert not any(f.reparsed for f in result.files)


@pytest.mark.parametrize("damage", ["link", "fifo"])
def test_a_graph_file_replaced_by_damage_is_one_error_for_push(tmp_path, damage):
    """(kg push read graph.nq with a plain open: a link to /dev/zero was read without end, a FIFO hung; kg push
    refuses such a folder first, as no build, and the API's push reads it here)"""
    from kg.errors import InputError
    from kg.store.remote import graphs_of
    graph_file = tmp_path / "graph.nq"
    if damage == "link":
        graph_file.symlink_to("/dev/zero")
    else:
        os.mkfifo(graph_file)
    with pytest.raises(InputError, match="not a file the build wrote"):
        graphs_of(graph_file)
