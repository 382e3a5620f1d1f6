"""The build's inputs (kg/job/inputs.py): a symbolic link named as an input is followed; one found in a folder is
not, and is named in one warning line (as find and rsync leave links alone), so that nothing is lost in silence and
nothing outside the folder is read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from documents import ITU_TEXT

from kg.cli import main


def _itu_text(number: int) -> str:
    return ITU_TEXT.replace("RESOLUTION 12 ", f"RESOLUTION {number} ")


@pytest.fixture
def linked_folder(tmp_path, monkeypatch):
    """in/ with one document and links: to a document outside, to a folder of documents outside, a loop, and two
    that would not be taken anyway (hidden, not a document's name)."""
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "outside"
    (outside / "tree").mkdir(parents=True)
    (outside / "secret.txt").write_text(_itu_text(2))
    (outside / "tree" / "res-3.txt").write_text(_itu_text(3))
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "res-1.txt").write_text(_itu_text(1))
    (inputs / "sub" / "to-file.txt").symlink_to(outside / "secret.txt")
    (inputs / "to-tree").symlink_to(outside / "tree", target_is_directory=True)
    (inputs / "loop.xml").symlink_to("loop.xml")
    (inputs / ".hidden.txt").symlink_to(outside / "secret.txt")
    (inputs / "notes.csv").symlink_to(outside / "secret.txt")
    return inputs, outside


SKIPPED = [  # the warnings, in the order the paths sort
    "kg: warning: skipped symlink in/loop.xml -> loop.xml (links in a folder are not followed)",
    "kg: warning: skipped symlink in/sub/to-file.txt -> {outside}/secret.txt (links in a folder are not followed)",
    "kg: warning: skipped symlink in/to-tree -> {outside}/tree (links in a folder are not followed)",
]


def _built(out: Path) -> list[str]:
    manifest = json.loads((out / "manifest.json").read_text())
    return [entry["path"] for entry in manifest["files"] if entry["documents"]]


def test_links_in_a_folder_are_not_followed_but_named(linked_folder, capsys):
    _, outside = linked_folder
    assert main(["build", "in", "--out", "out", "--quiet", "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [line.format(outside=outside) for line in SKIPPED]
    assert _built(Path("out")) == ["in/res-1.txt"]


def test_kg_parse_names_the_links_it_passes_over(linked_folder, capsys):
    _, outside = linked_folder
    assert main(["parse", "in", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["in/res-1.txt"]
    assert err.splitlines() == [line.format(outside=outside) for line in SKIPPED]


@pytest.mark.parametrize(("given", "built"), [
    ("in/sub/to-file.txt", ["in/sub/to-file.txt"]),
    ("in/to-tree", ["in/to-tree/res-3.txt"]),
], ids=["link to a file", "link to a folder"])
def test_a_link_named_as_an_input_is_followed(linked_folder, capsys, given, built):
    assert main(["build", given, "--out", "out", "--quiet", "--workers", "1"]) == 0
    assert "kg: warning" not in capsys.readouterr().err
    assert [os.path.basename(path) for path in _built(Path("out"))] == [os.path.basename(b) for b in built]


@pytest.fixture
def built_folder(tmp_path, monkeypatch):
    """texts/ with two documents, built into out/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    for number in (1, 2):
        (tmp_path / "texts" / f"res-{number}.txt").write_text(_itu_text(number))
    assert main(["build", "texts", "--out", "out", "--quiet", "--workers", "1"]) == 0
    return tmp_path


def test_a_mistyped_input_builds_nothing_and_leaves_the_last_build(built_folder, capsys):
    """(a typo in the folder's name rewrote out/ as a build of nothing: 0 documents, and a push after it would
    have emptied the endpoint)"""
    before = Path("out/manifest.json").read_bytes()
    capsys.readouterr()
    assert main(["build", "textz", "--out", "out", "--quiet"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "kg: error: textz: no such file or folder; nothing was built (out is as it was)"]
    assert Path("out/manifest.json").read_bytes() == before
    assert _built(Path("out")) == ["texts/res-1.txt", "texts/res-2.txt"]


def test_a_missing_input_among_others_is_its_error_and_the_others_are_built(built_folder, capsys):
    capsys.readouterr()
    assert main(["build", "texts/res-1.txt", "textz", "--out", "out", "--quiet", "--workers", "1"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("kg: error: textz: "), err
    assert _built(Path("out")) == ["texts/res-1.txt"]


def test_an_input_with_no_document_leaves_the_last_build(built_folder, capsys):
    Path("empty").mkdir()
    before = Path("out/graph.nq").read_bytes()
    capsys.readouterr()
    assert main(["build", "empty", "--out", "out", "--quiet"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "kg: error: empty: no document found there; nothing was built (out keeps the 2 files of its last build)"]
    assert Path("out/graph.nq").read_bytes() == before
    assert main(["build", "empty", "--out", "new", "--quiet"]) == 0   # (a first build of nothing is no loss)


@pytest.mark.parametrize("command", [["build", "texts", "--out", "texts/out", "--quiet", "--workers", "1"],
                                     ["parse", "texts", "--format", "json"]], ids=["build", "parse"])
def test_a_build_folder_inside_the_input_is_no_input(built_folder, capsys, command):
    """(a build into texts/out read its own report.md and views back: 1 document, then 3 from 3 files)"""
    assert main(["build", "texts", "--out", "texts/out", "--quiet", "--workers", "1"]) == 0   # (the first build)
    capsys.readouterr()
    assert main(command) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [("kg: warning: skipped texts/out: a kg build's output folder (its views, report and "
                                 "exports are no inputs)")]
    if command[0] == "build":
        assert _built(Path("texts/out")) == ["texts/res-1.txt", "texts/res-2.txt"]
    else:
        assert [json.loads(line)["doc"] for line in out.splitlines()] == ["texts/res-1.txt", "texts/res-2.txt"]


def test_inputs_that_give_only_errors_leave_the_last_build(built_folder, capsys):
    """(a missing path beside an empty folder replaced the build with an empty one: the error counted as found)"""
    Path("empty").mkdir()
    before = Path("out/graph.nq").read_bytes()
    capsys.readouterr()
    assert main(["build", "textz", "empty", "--out", "out", "--quiet"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "nothing was built (out keeps the 2 files of its last build)" in err[0], err
    assert "textz" in err[0] and Path("out/graph.nq").read_bytes() == before


def test_a_folder_with_only_a_manifest_like_a_builds_is_read(built_folder, capsys):
    """(a folder holding a manifest.json that named the tool was skipped as a build, its documents lost)"""
    (Path("texts") / "sub").mkdir()
    (Path("texts") / "sub" / "manifest.json").write_text('{"tool": "resolution-kg 0.1.0"}')
    (Path("texts") / "sub" / "res-3.txt").write_text(_itu_text(3))
    capsys.readouterr()
    assert main(["build", "texts", "--out", "out", "--quiet", "--workers", "1"]) == 0
    assert "skipped" not in capsys.readouterr().err
    assert _built(Path("out")) == ["texts/res-1.txt", "texts/res-2.txt", "texts/sub/res-3.txt"]


@pytest.mark.parametrize("command", [["build", "in", "--out", "out", "--quiet", "--workers", "1"],
                                     ["parse", "in", "--format", "json"]], ids=["build", "parse"])
def test_a_file_with_no_suffix_in_a_folder_is_named(tmp_path, monkeypatch, capsys, command):
    """(data/RES75, a resolution saved without a suffix, was passed over in silence: in a folder the name decides, and
    a file with none may be a document as well as a Makefile, so it is named in a warning; named itself, it is read)"""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "res-1.txt").write_text(_itu_text(1))
    (tmp_path / "in" / "RES75").write_text(_itu_text(75))
    (tmp_path / "in" / "README").write_text("what this folder holds\n")   # (a folder's note: passed over)
    assert main(command) == 0
    assert capsys.readouterr().err.splitlines() == [
        ("kg: warning: skipped in/RES75: no suffix tells its format (give it one, .txt, .md, .xml ...; a file named on "
         "the command line is read as its content shows)")]
    assert main(["parse", "in/RES75", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["doc"] == "in/RES75"
    # a link with no suffix (a loop here) is said to be the link it is, as one with a suffix is
    (tmp_path / "in" / "loop1").symlink_to("loop2")
    (tmp_path / "in" / "loop2").symlink_to("loop1")
    assert main(command) == 0
    said = capsys.readouterr().err
    assert "skipped symlink in/loop1 -> loop2" in said and "skipped symlink in/loop2 -> loop1" in said
    assert "in/loop1: no suffix" not in said
