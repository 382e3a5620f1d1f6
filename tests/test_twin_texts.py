"""Duplicate and variant texts in one build (kg/job/worker.py, kg/job/editions.py): a second identical text inside
one file is built once, as across files, and named in a warning; two different texts of one edition share their
sections' and clauses' IRIs, so they are named at the end of the build and the build exits 1, as `kg validate`
does on the graph they make."""

from __future__ import annotations

import io
import re
import shutil
import tarfile
import zipfile

import pytest
from conftest import SEED, corpus_files
from documents import ITU_TEXT, write_docx

from kg.cli import main
from kg.errors import EXIT_NONCONFORMING, EXIT_OK
from kg.validate import validate_path

SOURCE = "<http://purl.org/dc/terms/source>"


def _un_resolution():
    """A UN resolution in the UN's own Akoma Ntoso: A/RES/75/100, adopted on 10 December 2020 (in the shared
    corpus and in the demo corpus)."""
    (path,) = (path for path in corpus_files("un-ga") if path.name == "75_100_E.xml")
    return path


def _build(capsys, out, *inputs):
    code = main(["build", *map(str, inputs), "--out", str(out), "--quiet", "--workers", "1"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _sources(out):
    """The dcterms:source of every document graph in ``out/graph.nq``."""
    return [line.split(SOURCE)[1].rsplit(" ", 2)[0].strip()
            for line in (out / "graph.nq").read_text(encoding="utf-8").splitlines() if SOURCE in line]


def _write_archive(path, members):
    """A zip (its members read in the order their paths sort) or a tar (in its own order) of ``members``."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in members:
                archive.writestr(name, data)
    else:
        with tarfile.open(path, "w") as archive:
            for name, data in members:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize(("archive", "order", "first", "second"), [
    ("twin.zip", ("b.xml", "a.xml"), "a.xml", "b.xml"),   # a zip's members in the order their paths sort
    ("twin.tar", ("b.xml", "a.xml"), "b.xml", "a.xml"),   # a tar's in its own order
], ids=["zip", "tar"])
def test_two_identical_members_of_an_archive_are_built_once(tmp_path, capsys, archive, order, first, second):
    un_text = _un_resolution().read_bytes()
    path = _write_archive(tmp_path / archive, [(name, un_text) for name in order])
    code, said, warned = _build(capsys, tmp_path / "out", path)
    assert code == EXIT_OK, warned
    assert f"kg: warning: {path}!{second}: the same text as {path}!{first}; built once\n" in warned
    assert said.startswith("built 1 document from 1 file ")
    assert _sources(tmp_path / "out") == [f'"{path}!{first}"']   # one graph, one source: the first in the file
    assert validate_path(tmp_path / "out")[0]
    # as the same two files in a folder: the graph is the same (the source named as the file is)
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in order:
        (folder / name).write_bytes(un_text)
    assert _build(capsys, tmp_path / "folder-out", folder)[0] == EXIT_OK
    assert _sources(tmp_path / "folder-out") == [f'"{folder / "a.xml"}"']
    assert validate_path(tmp_path / "folder-out")[0]


def test_a_resolution_printed_twice_in_one_text_is_built_once(tmp_path, capsys):
    other = ITU_TEXT.replace("RESOLUTION 12 ", "RESOLUTION 13 ")
    path = tmp_path / "final-acts.txt"
    path.write_text(f"{ITU_TEXT}\n{other}\n{ITU_TEXT}\n", encoding="utf-8")
    code, said, warned = _build(capsys, tmp_path / "out", path)
    assert code == EXIT_OK, warned
    assert f"kg: warning: {path}#res-12-2: the same text as {path}#res-12; built once\n" in warned
    assert said.startswith("built 2 documents from 1 file ")
    assert sorted(_sources(tmp_path / "out")) == [f'"{path}#res-12"', f'"{path}#res-13"']
    assert validate_path(tmp_path / "out")[0]


def _one_word_changed(path):
    """The UN's Akoma Ntoso text of a resolution with one word of its operative part changed."""
    text = path.read_text(encoding="utf-8")
    body = text.index("<mainBody")
    changed = body + text[body:].index(" the ")
    return text[:changed] + " that " + text[changed + len(" the "):]


def _seed_as_word_file(path):
    """The seed as a Word file would hold it: the resolution alone, without the foreword, each label on the line of
    its text ("a) the relevant outcomes ...")."""
    text = SEED.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^([a-z]+\)|\d+)\n", r"\1 ", text[text.index("RESOLUTION 75"):])
    return write_docx(path, text)


def _variant(folder):
    original = _un_resolution()
    shutil.copy(original, folder / "a.xml")
    (folder / "b.xml").write_text(_one_word_changed(original), encoding="utf-8")
    return [folder / "a.xml", folder / "b.xml"]


def _two_formats(folder):
    shutil.copy(SEED, folder / "res75.txt")
    return [_seed_as_word_file(folder / "res75.docx"), folder / "res75.txt"]


@pytest.mark.parametrize(("make", "edition", "work"), [
    (_variant, "2020-12-10", "un/A/RES/75/100"),
    (_two_formats, "wtsa-08", "itu/wtsa/res/75"),
], ids=["variant", "txt-and-docx"])
def test_two_texts_of_one_edition_are_named_and_the_build_exits_1(tmp_path, capsys, make, edition, work):
    folder = tmp_path / "in"
    folder.mkdir()
    first, second = make(folder)
    assert first.read_bytes() != second.read_bytes()
    code, said, warned = _build(capsys, tmp_path / "out", folder)
    assert code == EXIT_NONCONFORMING, warned
    assert warned.endswith(f"kg: warning: {first} and {second} are two texts of {edition} ({work}): their "
                           "sections and clauses share IRIs; kg validate will reject the graph: keep one\n")
    assert said.startswith("built 2 documents from 2 files ")   # (both built: the user chooses)
    # a rebuild, its files unchanged (what each text says is read from the cache), says it again
    assert _build(capsys, tmp_path / "out", folder)[::2] == (code, warned)
    conforms, report = validate_path(tmp_path / "out")
    assert not conforms and "maxCount 1 not met" in report   # what the warning says kg validate finds
    # either text alone builds and conforms, with no such warning
    for text in (first, second):
        code, _, warned = _build(capsys, tmp_path / text.name, text)
        assert code == EXIT_OK and "two texts" not in warned
        assert validate_path(tmp_path / text.name)[0]


def test_texts_that_say_the_same_under_their_edition_are_no_clash(tmp_path, capsys):
    # the seed and a copy with a blank line more at its end: two texts (two graphs), but the same sections and
    # clauses at the same places, so their union conforms; and a copy of the same bytes is one graph
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b.txt")
    (folder / "c.txt").write_text(SEED.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    code, said, warned = _build(capsys, tmp_path / "out", folder)
    assert code == EXIT_OK and "two texts" not in warned, warned
    assert said.startswith("built 3 documents from 3 files ")
    assert len(set(_sources(tmp_path / "out"))) == 2   # a.txt's graph (b.txt's is the same) and c.txt's
    assert validate_path(tmp_path / "out")[0]
