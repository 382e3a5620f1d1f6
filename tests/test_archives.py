"""Archives (kg/readers/archive.py): each member read as a file of its name would be, named ARCHIVE!member, one
member's bytes in memory at a time; a bad member is its own error and the others are built; member names are
normalised and never collapse into one."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile

import pytest
from documents import AKN_STATEMENT, EXPECTED_OUTLINE, ITU_TEXT, write_docx

from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, InputError
from kg.parse import parse_document
from kg.readers import read, read_sources


def outline(document):
    return [(s.verb, s.kind, s.addressees, [c.label for c in s.clauses]) for s in document.sections]


def write_text(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _itu_text(number: int) -> str:
    """The test resolution under another number (so that each member is a document of its own)."""
    return ITU_TEXT.replace("RESOLUTION 12 ", f"RESOLUTION {number} ")


# Archives: each member read as a file of its name would be, named ARCHIVE!member; non-documents passed over.
def _archive_members(tmp_path):
    docx_path = write_docx(tmp_path / "member.docx", ITU_TEXT)
    return {
        "res/res-12.txt": ITU_TEXT.encode(), "res/res-12.xml": AKN_STATEMENT.encode(),
        "res/sub/res-12.docx": docx_path.read_bytes(),
        "res/lies.txt": AKN_STATEMENT.encode(),            # the format is sniffed, as for a file
        "README.md": b"# a collection\n", "res/LICENSE.txt": b"terms\n", "notes.csv": b"a,b\n",
        "__MACOSX/res/._res-12.txt": b"\x00\x05\x16\x07", ".hidden/res-12.txt": ITU_TEXT.encode(),
        "res/inner.zip": b"PK\x05\x06" + b"\x00" * 18,      # an archive inside is not opened
    }


def _write_archive(path, kind, members):
    """An archive of ``members`` (name: bytes), in that order (the names stored as they are given)."""
    if kind == "zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("res/", b"")
            for name, data in members.items():
                archive.writestr(name, data)
    else:
        with tarfile.open(path, {"tar": "w", "tar.gz": "w:gz", "tar.xz": "w:xz", "tar.bz2": "w:bz2"}[kind]) as archive:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return path


ARCHIVE_KINDS = ["zip", "tar", "tar.gz", "tar.xz", "tar.bz2"]


@pytest.mark.parametrize("kind", ARCHIVE_KINDS)
def test_an_archive_gives_the_documents_of_its_members(tmp_path, kind):
    # a zip's in the order the paths sort (its directory lists them first); a tar's in the archive's order
    path = _write_archive(tmp_path / f"collection.{kind}", kind, _archive_members(tmp_path))
    sources = read(path)
    in_order = {"res/lies.txt": "akn", "res/res-12.txt": "text", "res/res-12.xml": "akn", "res/sub/res-12.docx": "docx"}
    names = sorted(in_order) if kind == "zip" else [n for n in _archive_members(tmp_path) if n in in_order]
    assert [s.origin for s in sources] == [f"{path}!{name}" for name in names]
    assert [s.format for s in sources] == [in_order[name] for name in names]
    for source in sources:
        assert outline(parse_document(source)) == EXPECTED_OUTLINE, source.origin


def test_an_archive_is_sniffed_whatever_its_name(tmp_path):
    path = _write_archive(tmp_path / "collection.bin", "tar.xz", {"res-12.txt": ITU_TEXT.encode()})
    assert [s.origin for s in read(path)] == [f"{path}!res-12.txt"]


def _lie_about_the_size(path, size):
    """Rewrite the uncompressed size a zip's headers declare for its (only) member."""
    import struct
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, data.index(b"PK\x03\x04") + 22, size)
    struct.pack_into("<I", data, data.index(b"PK\x01\x02") + 24, size)
    path.write_bytes(bytes(data))


ARCHIVE_LIMITS = {   # case: (kind, members, member limit, total limit, what the error says)
    "member over the limit, zip": ("zip", {"big.txt": b"\x20" * 5000}, 1000, 10**6, "big.txt: 5,000 bytes"),
    "member over the limit, tar.xz": ("tar.xz", {"big.txt": b"\x20" * 5000}, 1000, 10**6, "big.txt: 5,000 bytes"),
    "documents over the total": ("tar.gz", {"a.txt": ITU_TEXT.encode(), "b.txt": ITU_TEXT.encode()}, 10**6,
                                 len(ITU_TEXT) + 10, "bytes of documents uncompressed"),
    "a header that lies": ("zip", {"big.txt": ITU_TEXT.encode() * 20}, 1000, 10**6, "big.txt"),
}


@pytest.mark.parametrize("case", sorted(ARCHIVE_LIMITS))
def test_an_archive_bomb_is_refused_before_it_fills_memory(tmp_path, case):
    from kg.readers import archive
    kind, members, member_limit, total_limit, message = ARCHIVE_LIMITS[case]
    path = _write_archive(tmp_path / f"bomb.{kind}", kind, members)
    if case == "a header that lies":
        _lie_about_the_size(path, 10)
    with pytest.raises(InputError) as raised:
        tuple(archive.read(path.read_bytes(), origin=str(path), max_size=member_limit, total_limit=total_limit))
    assert str(path) in str(raised.value) and message in str(raised.value)


@pytest.mark.parametrize(("members", "message"), [
    ({"res/bad.xml": AKN_STATEMENT[:700].encode(), "res/good.txt": ITU_TEXT.encode()},
     f"!res/bad.xml:{AKN_STATEMENT[:700].count(chr(10)) + 1}: malformed XML"),
    ({"README.md": b"# nothing else\n"}, ": the archive holds no document"),
    ({"old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64}, "!old.doc: a Word 97-2003 document"),
], ids=["bad member", "no document", "word 97 member"])
def test_read_raises_the_first_bad_member_of_an_archive(tmp_path, members, message):
    path = _write_archive(tmp_path / "collection.zip", "zip", members)
    with pytest.raises(InputError) as raised:
        read(path)
    assert f"{path}{message}" in str(raised.value)


def test_a_broken_archive_is_named(tmp_path):
    path = tmp_path / "broken.tar.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    with pytest.raises(InputError, match="not a readable archive"):
        read(path)


def test_archives_in_a_folder_are_inputs(tmp_path, capsys):
    from kg.job.inputs import input_files

    _write_archive(tmp_path / "a.tar.xz", "tar.xz", {"un/res-12.txt": ITU_TEXT.encode()})
    _write_archive(tmp_path / "b.zip", "zip", {"res-12.xml": AKN_STATEMENT.encode()})
    write_text(tmp_path / "c.txt", ITU_TEXT)
    write_text(tmp_path / "README.md", "# what this folder holds\n")
    write_text(tmp_path / "SOURCES.md", "# where these come from: resolution 70/1 of the General Assembly\n")
    (tmp_path / "notes.tar.xz.part").write_bytes(b"partial download")
    assert [p.name for p in input_files([tmp_path])] == ["a.tar.xz", "b.zip", "c.txt"]
    assert main(["parse", str(tmp_path), "--format", "json"]) == 0
    docs = [json.loads(line)["doc"] for line in capsys.readouterr().out.splitlines()]
    assert sorted(set(docs)) == [f"{tmp_path / 'a.tar.xz'}!un/res-12.txt", f"{tmp_path / 'b.zip'}!res-12.xml",
                                 str(tmp_path / "c.txt")]


def test_an_archive_is_read_one_member_at_a_time(tmp_path):
    """20 members of 1 MB: reading them all holds about one at a time (before: all 20 at once, and their texts)."""
    import tracemalloc
    filler = "that the sector should continue its work on networks and services;\n" * (2**20 // 68)
    members = {f"res/res-{n:02d}.txt": (_itu_text(n) + filler).encode() for n in range(1, 21)}
    for kind in ("zip", "tar.gz"):
        path = _write_archive(tmp_path / f"big.{kind}", kind, members)
        tracemalloc.start()
        try:
            count = sum(1 for _ in read_sources(path, max_size=2 * 2**20, errors=[]))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert count == 20
        assert peak < 6 * 2**20, f"{kind}: {peak:,} bytes at the peak for 20 MB of members"


def _corrupt_zip_member(path, name):
    """Flip bytes in the middle of one member's compressed data (its headers left whole)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zipped:
        info = zipped.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + info.compress_size // 3, start + info.compress_size // 3 + 8):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _cut_tar_gz(path):
    """A download cut short: the gzip stream ends inside its last member."""
    path.write_bytes(path.read_bytes()[:int(path.stat().st_size * 0.7)])


_GOOD = {"res/a-good.txt": _itu_text(1).encode(), "res/b-good.xml": AKN_STATEMENT.encode()}
_TRUNCATED_XML = AKN_STATEMENT[:700].encode()
_OVER_THE_LIMIT = (_itu_text(3) + " " * 300_000).encode()
# incompressible, so that it fills the end of the compressed stream (where a cut or a flipped byte falls)
_NOISE = (_itu_text(4) + "".join(f"{n * 2654435761 % 2**32:08x}" for n in range(20_000))).encode()

BAD_MEMBERS = {   # case: (kind, members in order, how the archive is damaged, the members named in the errors)
    "zip": ("zip", {**_GOOD, "res/c-truncated.xml": _TRUNCATED_XML, "res/d-huge.txt": _OVER_THE_LIMIT,
                    "res/e-corrupt.txt": _NOISE, "res/f-good.txt": _itu_text(6).encode()},
            lambda path: _corrupt_zip_member(path, "res/e-corrupt.txt"),
            {"!res/c-truncated.xml:": "malformed XML", "!res/d-huge.txt:": "larger than the limit",
             "!res/e-corrupt.txt:": "damaged"}),
    "tar.gz": ("tar.gz", {**_GOOD, "res/c-truncated.xml": _TRUNCATED_XML, "res/d-huge.txt": _OVER_THE_LIMIT,
                          "res/f-good.txt": _itu_text(6).encode(), "res/z-cut.txt": _NOISE},
               _cut_tar_gz,
               {"!res/c-truncated.xml:": "malformed XML", "!res/d-huge.txt:": "larger than the limit",
                "!res/z-cut.txt:": "damaged", ": damaged after res/z-cut.txt": "the rest of the archive is not read"}),
}


@pytest.mark.parametrize("case", sorted(BAD_MEMBERS))
def test_a_bad_member_is_one_error_line_and_the_other_members_are_built(tmp_path, monkeypatch, capsys, case):
    kind, members, damage, said = BAD_MEMBERS[case]
    monkeypatch.chdir(tmp_path)
    path = _write_archive(tmp_path / f"collection.{kind}", kind, members)
    damage(path)
    code = main(["build", path.name, "--out", "out", "--quiet", "--workers", "1", "--max-file-size", "200K"])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and "Traceback" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == len(said), err
    for where, reason in said.items():
        assert any(f"collection.{kind}{where}" in line and reason in line for line in errors), (where, err)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    (entry,) = manifest["files"]
    assert entry["error"] is None and entry["documents"] == 3
    graph = (tmp_path / "out" / "graph.nq").read_text()
    for name in ("a-good.txt", "b-good.xml", "f-good.txt"):
        assert f"collection.{kind}!res/{name}" in graph
    # a rebuild takes the file from the cache, its members' errors with it
    assert main(["build", path.name, "--out", "out", "--quiet", "--workers", "1", "--max-file-size", "200K"]) == \
        EXIT_BAD_INPUT
    assert [line for line in capsys.readouterr().err.splitlines() if line.startswith("kg: error:")] == errors


def test_kg_parse_names_a_bad_member_and_prints_the_others(tmp_path, capsys):
    path = _write_archive(tmp_path / "collection.zip", "zip",
                          {**_GOOD, "res/c-truncated.xml": _TRUNCATED_XML})
    assert main(["parse", str(path), "--format", "json"]) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc"] for line in out.splitlines()] == [f"{path}!res/a-good.txt",
                                                                      f"{path}!res/b-good.xml"]
    assert f"{path}!res/c-truncated.xml:" in err


# Member names: (name as stored, name shown); a tar stores any name as it is given
MEMBER_NAMES = [
    ("plain", "res/a.txt", "res/a.txt"),
    ("parent", "../../a.txt", "a.txt"),
    ("absolute", "/etc/res/a.txt", "etc/res/a.txt"),
    ("backslashes", "res\\sub\\a.txt", "res/sub/a.txt"),
    ("windows drive", "C:\\res\\a.txt", "res/a.txt"),
    ("dots and empty parts", "./res//./a.txt", "res/a.txt"),
    ("escape sequence", "res/\x1b[2Ja.txt", "res/\\x1b[2Ja.txt"),
    ("newline", "res/a\nkg: error: forged.txt", "res/a\\nkg: error: forged.txt"),
    ("right-to-left override", "res/a\u202etxt.exe.txt", "res/a\\u202etxt.exe.txt"),
]


@pytest.mark.parametrize(("stored", "shown"), [case[1:] for case in MEMBER_NAMES], ids=[c[0] for c in MEMBER_NAMES])
def test_a_member_is_shown_under_a_normalised_name(tmp_path, stored, shown):
    path = _write_archive(tmp_path / "names.tar", "tar", {stored: _itu_text(1).encode()})
    assert [s.origin for s in read(path)] == [f"{path}!{shown}"]


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_members_whose_names_normalise_alike_keep_names_of_their_own(tmp_path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)
    members = {"res/a.txt": _itu_text(1).encode(), "../res/a.txt": _itu_text(2).encode(),
               "/res/a.txt": _itu_text(3).encode(), "res/a.txt~2": _itu_text(4).encode()}   # (the last no document)
    path = _write_archive(tmp_path / f"same.{kind}", kind, members)
    sources = read(path.name)
    assert sorted(s.origin for s in sources) == [f"{path.name}!res/a.txt", f"{path.name}!res/a.txt~2",
                                                 f"{path.name}!res/a.txt~3"]
    assert sorted(s.text.split(" ", 2)[1] for s in sources) == ["1", "2", "3"]
    before = sorted(p.relative_to(tmp_path.parent) for p in tmp_path.parent.rglob("*"))
    assert main(["build", path.name, "--out", "out", "--quiet", "--workers", "1"]) == 0
    # nothing is written under a member's name: the build wrote into out/ only
    after = sorted(p.relative_to(tmp_path.parent) for p in tmp_path.parent.rglob("*"))
    assert [p for p in after if p not in before and p.parts[1] != "out"] == []


@pytest.mark.parametrize("kind", ["zip", "tar"])
def test_a_link_stored_in_an_archive_is_passed_over(tmp_path, kind):
    path = tmp_path / f"links.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("res/a.txt", _itu_text(1))
            link = zipfile.ZipInfo("res/passwd.txt")
            link.external_attr = 0o120777 << 16   # (as Info-ZIP's zip -y stores a link: its target as the data)
            archive.writestr(link, "/etc/passwd")
    else:
        with tarfile.open(path, "w") as archive:
            data = _itu_text(1).encode()
            info = tarfile.TarInfo("res/a.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            for name, link_type in (("res/passwd.txt", tarfile.SYMTYPE), ("res/hard.txt", tarfile.LNKTYPE)):
                info = tarfile.TarInfo(name)
                info.type, info.linkname = link_type, "/etc/passwd" if link_type == tarfile.SYMTYPE else "res/a.txt"
                archive.addfile(info)
    assert [s.origin for s in read(path)] == [f"{path}!res/a.txt"]


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_an_archive_inside_an_archive_is_named_not_passed_over_in_silence(tmp_path, monkeypatch, capsys, kind):
    """(a .zip inside a .zip, and a member with no suffix, were passed over in silence: their documents lost)"""
    monkeypatch.chdir(tmp_path)
    inner = _write_archive(tmp_path / "inner.zip", "zip", {"res-2.txt": _itu_text(2).encode()})
    _write_archive(tmp_path / f"outer.{kind}", kind, {"res-1.txt": _itu_text(1).encode(),
                                                    "more/inner.zip": inner.read_bytes(),
                                                    "RES3": _itu_text(3).encode()})
    warnings = [(f"kg: warning: skipped outer.{kind}!RES3: no suffix tells its format (give it one, .txt, .md, .xml "
                 "...; a file named on the command line is read as its content shows)"),
                (f"kg: warning: skipped outer.{kind}!more/inner.zip: an archive inside an archive is not opened "
                 "(unpack it to read its documents)")]
    for command in (["build", f"outer.{kind}", "--out", "out", "--quiet", "--workers", "1"],
                    ["build", f"outer.{kind}", "--out", "out", "--quiet", "--workers", "1"],   # (from the cache)
                    ["parse", f"outer.{kind}", "--format", "json"]):
        assert main(command) == 0
        assert sorted(capsys.readouterr().err.splitlines()) == warnings, command   # (a tar's in its own order)
