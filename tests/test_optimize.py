"""The store compacted for queries once (``kg optimize``, ``kg build --optimize``, ``kg serve``), recorded in the
manifest; the optimized store answers every query of the library as before."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
from conftest import SEED, corpus_files
from servers import kg_serving

from kg.cli import main
from kg.errors import EXIT_OK, EXIT_UNREACHABLE
from kg.job import build_graph
from kg.job.lock import holding_folder
from kg.queries import list_queries, parse_parameters
from kg.store import OxigraphStore
from kg.store.local import is_optimized

QUERIES = list_queries()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("optimize") / "out"
    inputs = [SEED, *corpus_files("itu-pp18")[:20], *corpus_files("un-ga")[:10], *corpus_files("un-sc")[:10]]
    assert build_graph(inputs, out, workers=2, progress=False).errors == ()
    return out, inputs


def optimized(out) -> bool:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["store_optimized"]


def all_answers(out) -> dict[str, list[tuple[str, ...]]]:
    store = OxigraphStore(out / "store", read_only=True)
    try:
        answers = {}
        for query in QUERIES:
            example = re.search(r"^#\s*Example:\s*(?P<call>.*)$", query.text, re.MULTILINE).group("call")
            words = shlex.split(example)
            bindings = query.bind(parse_parameters([words[i + 1] for i, word in enumerate(words) if word == "--param"]))
            variables, rows = store.select(query.text, bindings=bindings)
            answers[query.name] = sorted(tuple(str(row.get(v, "")) for v in variables) for row in rows)
        return answers
    finally:
        store.close()


def test_kg_optimize_compacts_the_store_once_and_every_query_answers_as_before(built, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(built[0], out)
    assert optimized(out) is False and not is_optimized(out / "store")
    before = all_answers(out)
    assert main(["optimize", str(out)]) == EXIT_OK
    assert re.fullmatch(r".*/store optimized in \d+\.\d s\n", capsys.readouterr().out)
    assert optimized(out) is True and is_optimized(out / "store")
    after = all_answers(out)
    assert after == before and len(after) == len(QUERIES) >= 12
    assert sum(len(rows) for rows in after.values()) > 100   # (answers with rows, not all empty)
    assert main(["optimize", str(out)]) == EXIT_OK
    assert capsys.readouterr().out.endswith("/store was optimized already\n")


def test_a_rebuild_keeps_the_mark_for_the_same_store_only(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built[0], out)
    assert main(["optimize", str(out)]) == EXIT_OK
    build_graph(built[1], out, workers=1, progress=False)   # nothing changed: the store is kept as it is
    assert optimized(out) is True
    build_graph(built[1][:-3], out, workers=1, progress=False)   # three graphs taken out, in place
    assert optimized(out) is True
    for path in (out / "store").iterdir():   # the store emptied: the build makes a new one, not optimized
        path.unlink()
    build_graph(built[1], out, workers=1, progress=False)
    assert optimized(out) is False and not is_optimized(out / "store")


def test_kg_build_optimize(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out), "--quiet", "--optimize"]) == EXIT_OK
    assert optimized(out) is True and is_optimized(out / "store")


def test_kg_optimize_waits_for_no_build_and_needs_a_store(built, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(built[0], out)
    with holding_folder(out):   # (as a build does)
        assert main(["optimize", str(out)]) == EXIT_UNREACHABLE
    assert "another kg command is writing there (kg build, process" in capsys.readouterr().err
    assert optimized(out) is False
    assert main(["optimize", str(tmp_path / "nothing")]) == EXIT_UNREACHABLE
    assert "nothing: no such folder" in capsys.readouterr().err


@pytest.mark.parametrize("content", [{}, {"notes.txt": "my own notes\n"}], ids=["empty", "a folder of files"])
def test_kg_optimize_makes_no_store_in_a_folder_that_holds_none(tmp_path, capsys, content):
    """A folder's store/ that is not a store (empty, or a folder of the user's own): Oxigraph made a new, empty store
    in it, marked optimized, and kg optimize said it had optimized it."""
    store = tmp_path / "out" / "store"
    store.mkdir(parents=True)
    for name, text in content.items():
        (store / name).write_text(text, encoding="utf-8")
    (tmp_path / "out" / "manifest.json").write_text("{}", encoding="utf-8")   # (as a build's, but its store)
    assert main(["optimize", str(tmp_path / "out")]) == EXIT_UNREACHABLE
    assert "a build without its store" in capsys.readouterr().err
    assert sorted(path.name for path in store.iterdir()) == sorted(content)


def test_kg_serve_optimizes_the_store_before_serving(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built[0], out)
    with kg_serving(out) as (process, _):
        assert optimized(out) is True
    said = process.stderr.read()
    assert said.startswith(f"optimizing {out / 'store'} for queries, once") and "optimized in" in said, said
