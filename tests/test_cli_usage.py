"""What a new user following the README met on the command line: folders that are no build, option values that
make no sense, tracebacks, errors that said too little or the wrong thing, output that misled."""

from __future__ import annotations

import shutil

import pytest
from conftest import SEED

from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNREACHABLE


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "out"
    assert main(["build", str(SEED), "--out", str(out), "--quiet", "--workers", "1"]) == EXIT_OK
    return out


def _one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), captured.err
    return lines[0]


# ---- 1. every command that reads a build refuses a folder that is none, and writes nothing into it --------------

# (case, arguments: {dir} the folder that is no build)
READS_A_BUILD = [
    ("site", ["site", "{dir}"]),
    ("view-overview", ["view", "overview", "--store", "{dir}"]),
    ("view-ego", ["view", "ego", "itu/pp/res/71", "--store", "{dir}"]),
    ("view-doc", ["view", "doc", "itu/wtsa/res/75", "--store", "{dir}"]),
    ("optimize", ["optimize", "{dir}"]),
    ("analyze", ["analyze", "{dir}"]),
    ("export-store", ["export", "{dir}/../exported", "--format", "graphml", "--store", "{dir}"]),
    ("export-akn", ["export", "{dir}/../exported", "--format", "akn", "--store", "{dir}"]),
    ("path", ["path", "itu/wtsa/res/75", "itu/pp/res/71", "--store", "{dir}"]),
    ("deps", ["deps", "itu/wtsa/res/75", "--store", "{dir}"]),
    ("query", ["query", "most-cited", "--store", "{dir}"]),
    ("serve", ["serve", "{dir}", "--port", "1"]),
    ("push", ["push", "{dir}", "--endpoint", "http://127.0.0.1:9/query"]),
    ("validate", ["validate", "{dir}"]),
]
NO_BUILD = ["empty", "texts", "nonexistent"]


@pytest.mark.parametrize("folder", NO_BUILD)
@pytest.mark.parametrize("arguments", [case[1] for case in READS_A_BUILD], ids=[case[0] for case in READS_A_BUILD])
def test_a_folder_that_is_no_build_is_refused(tmp_path, capsys, arguments, folder):
    """`kg analyze` of a folder of texts (or an empty one) made an empty "build" there (a store, metrics, .lock)
    and said "0 instruments"; kg site, view, optimize then went on over it. Every command refuses it, exit 3."""
    assert len(READS_A_BUILD) == 14 and len(NO_BUILD) == 3
    where = tmp_path / "folder"
    if folder != "nonexistent":
        where.mkdir()
    if folder == "texts":
        shutil.copy(SEED, where / SEED.name)
    before = sorted(where.rglob("*")) if where.exists() else None
    # (kg validate takes a file too: a path that is nothing is a missing file, bad input as before)
    code = EXIT_BAD_INPUT if arguments[0] == "validate" and folder == "nonexistent" else EXIT_UNREACHABLE
    assert main([argument.format(dir=where) for argument in arguments]) == code
    line = _one_error_line(capsys)
    assert line.startswith(f"kg: error: {where}: "), line
    assert (sorted(where.rglob("*")) if where.exists() else None) == before   # (nothing written there)
    assert not (tmp_path / "exported").exists()


def test_stats_counts_a_folder_of_texts_and_refuses_a_build_without_its_store(tmp_path, seed_build, capsys):
    """kg stats DIR counts a build (a folder with its manifest) by its store, and any other folder as texts."""
    shutil.copy(SEED, tmp_path / SEED.name)
    assert main(["stats", str(tmp_path)]) == EXIT_OK
    assert capsys.readouterr().out.startswith("1 document, ")
    shutil.copytree(seed_build, tmp_path / "out")
    shutil.rmtree(tmp_path / "out" / "store")
    assert main(["stats", str(tmp_path / "out")]) == EXIT_UNREACHABLE
    assert "a build without its store" in _one_error_line(capsys)
