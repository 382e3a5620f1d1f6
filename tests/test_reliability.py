"""Reliability: one bad file never stops a build, reads are bounded, builds into one folder take turns, and an
interrupted build leaves no process behind. Each case is a file written for the test in a real layout."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SEED
from documents import write_docx

from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, EXIT_UNREACHABLE, BusyError
from kg.job import build_graph
from kg.job.lock import holding_folder

AKN = ('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
       '<mainBody>{}</mainBody></statement></akomaNtoso>')
MARKDOWN = textwrap.dedent("""\
    ---
    symbol: {symbol}
    title: "Participation by the State of Palestine"
    date: "{date}"
    ---

    General Assembly

    Resolution adopted by the General Assembly on 19 September 2025

    80/1. Participation by the State of Palestine

    The General Assembly,

    Recalling its resolution 79/1 of 10 September 2024,

    1. Decides to continue the arrangements of resolution ES-10/23;
    """)


# YAML's "billion laughs": ten lists of ten references to the list before, a billion strings once written out
YAML_ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{before}'] * 10)}]\n" for before, name in zip("abcdefgh", "bcdefghi"))


def _deep_akn(path: Path) -> None:
    path.write_text(AKN.format("<hcontainer>" * 600 + "<p>Recalling resolution 70/1</p>" + "</hcontainer>" * 600))


def _non_utf8_akn(path: Path) -> None:
    path.write_bytes(AKN.format("<paragraph><content><p>Recalling resolution 70/1 caf\xff</p></content>"
                                "</paragraph>").encode("latin-1"))


def _symlink_loop(path: Path) -> None:
    path.with_name("other").symlink_to(path.name)
    path.symlink_to("other")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _socket(path: Path) -> None:
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(path))   # (the socket file stays after the object goes)
    listening.close()


def _docx_bomb(path: Path) -> None:
    """A real .docx whose document part unpacks to 100 MB of spaces (a few hundred KB packed)."""
    write_docx(path, "RESOLUTION 1\n")
    with zipfile.ZipFile(path) as package:
        parts = [(item, package.read(item.filename)) for item in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item, data in parts:
            if item.filename == "word/document.xml":
                data = data.replace(b"RESOLUTION 1", b"RESOLUTION 1" + b" " * (100 << 20))
            bomb.writestr(item.filename, data)


def _too_big(path: Path) -> None:
    path.write_bytes(SEED.read_bytes() * (2 * 1024 * 1024 // len(SEED.read_bytes()) + 1))


# (case, file name, how it is made, what its one-line error says: None for a file that builds)
BAD_FILES = [
    ("akn-nested-600-deep", "deep.xml", _deep_akn, "nested too deep"),
    ("akn-non-utf8-byte", "latin.xml", _non_utf8_akn, "malformed XML"),
    ("front-matter-date-not-a-date", "date.md",
     lambda p: p.write_text(MARKDOWN.format(symbol="A/RES/80/1", date="20x1-01-01")), None),
    ("front-matter-date-month-13", "month.md",
     lambda p: p.write_text(MARKDOWN.format(symbol="A/RES/80/1", date="2025-13-45").replace('"2025-13-45"', "2025-13-45")),
     None),
    ("front-matter-date-year-0", "zero.md",
     lambda p: p.write_text(MARKDOWN.format(symbol="A/RES/80/1", date="0000-00-00").replace('"0000-00-00"', "0000-00-00")),
     None),
    ("front-matter-tagged-timestamp-not-a-date", "tagged.md",
     lambda p: p.write_text(MARKDOWN.format(symbol="A/RES/80/1", date="x").replace('"x"', "!!timestamp 2025-02-30")),
     "front matter"),
    ("front-matter-lone-surrogate-escape", "surrogate.md",
     lambda p: p.write_text(MARKDOWN.format(symbol="A/RES/80/1", date="2025-09-19").replace(
         '"Participation by', '"\\ud800 Participation by')), None),
    ("front-matter-yaml-alias-bomb", "aliases.md", lambda p: p.write_text(MARKDOWN.format(
        symbol="*i", date="2025-09-19").replace("---\n", "---\n" + YAML_ALIAS_BOMB, 1)), None),
    ("symlink-loop", "loop.txt", _symlink_loop, "cannot open"),
    ("fifo", "fifo.txt", _fifo, "not a regular file (a FIFO)"),
    ("symlink-to-dev-zero", "zero.txt", _device, "not a regular file (a character device)"),
    ("socket", "socket.txt", _socket, "not a regular file (a socket)"),
    ("docx-zip-bomb", "bomb.docx", _docx_bomb, "unpacks to"),
    ("larger-than-max-file-size", "big.txt", _too_big, "larger than the limit"),
]


@pytest.mark.parametrize(("name", "make", "said"), [case[1:] for case in BAD_FILES],
                         ids=[case[0] for case in BAD_FILES])
def test_one_bad_file_is_one_error_line_and_the_rest_is_built(tmp_path, monkeypatch, capsys, name, make, said):
    assert len(BAD_FILES) == 14
    monkeypatch.chdir(tmp_path)
    inputs = tmp_path / "in"
    inputs.mkdir()
    make(inputs / name)
    (inputs / "seed.txt").write_bytes(SEED.read_bytes())
    started = time.monotonic()
    code = main(["build", str(inputs / name), str(inputs / "seed.txt"), "--out", "out", "--quiet",
                 "--workers", "1", "--max-file-size", "1M"])
    assert time.monotonic() - started < 120
    err = capsys.readouterr().err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("kg: error:")]
    if said is None:
        assert code == 0 and errors == []
    else:
        assert code == EXIT_BAD_INPUT
        assert len(errors) == 1 and name in errors[0] and said in errors[0], err
    documents = build_graph_documents(tmp_path / "out")
    assert "in/seed.txt" in documents


def build_graph_documents(out: Path) -> set[str]:
    import json
    manifest = json.loads((out / "manifest.json").read_text())
    return {entry["path"] for entry in manifest["files"] if entry["documents"] and not entry["error"]}


def test_a_bug_in_one_file_is_named_with_its_type_and_the_build_goes_on(tmp_path, monkeypatch, capsys):
    """Whatever a file raises (here a bug planted in the parser for one file) is that file's error."""
    from kg.job import worker
    real = worker.parse_document

    def failing(source):
        if "bad" in source.origin:
            raise ZeroDivisionError("planted")
        return real(source)

    monkeypatch.setattr(worker, "parse_document", failing)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    code = main(["build", "bad.txt", "good.txt", "--out", "out", "--quiet", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT
    assert [line for line in err.splitlines() if line.startswith("kg: error:")] == \
        ["kg: error: bad.txt: internal error (ZeroDivisionError): planted"]
    assert build_graph_documents(tmp_path / "out") == {"good.txt"}


def _seed_numbered(number: int) -> bytes:
    return SEED.read_bytes().replace(b"RESOLUTION 75", b"RESOLUTION %d" % number)


def _tarred(path: Path, members: dict[str, bytes]) -> None:
    import io
    import tarfile
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def _zipped(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


_THREE = {"res/a.txt": _seed_numbered(100), "res/b.txt": _seed_numbered(101), "res/c.txt": _seed_numbered(102)}
# (case, the file's name, how it is written, its documents, the one whose text the parser fails on)
DOCUMENT_BUGS = [
    ("zip", "many.zip", lambda path: _zipped(path, _THREE),
     {"many.zip!res/a.txt", "many.zip!res/b.txt", "many.zip!res/c.txt"}, "many.zip!res/b.txt"),
    ("tar.gz", "many.tar.gz", lambda path: _tarred(path, _THREE),
     {"many.tar.gz!res/a.txt", "many.tar.gz!res/b.txt", "many.tar.gz!res/c.txt"}, "many.tar.gz!res/b.txt"),
    ("text-of-several", "many.txt", lambda path: path.write_bytes(b"".join(_THREE.values())),
     {"many.txt#res-100", "many.txt#res-101", "many.txt#res-102"}, "many.txt#res-101"),
]


def _failing_on_resolution_101(parse_document):
    """``parse_document`` with a bug planted for the text of Resolution 101 (one of DOCUMENT_BUGS' documents)."""
    def failing(source):
        if "RESOLUTION 101\n" in source.text:
            raise ZeroDivisionError("planted")
        return parse_document(source)
    return failing


@pytest.fixture
def later_version(monkeypatch):
    """Call it to make the tool another version (a fixed parser): its cache entries are other ones."""
    from kg.job import cache

    def change() -> None:
        monkeypatch.setattr(cache, "__version__", cache.__version__ + ".post1")
        cache.cache_version.cache_clear()

    yield change
    monkeypatch.undo()
    cache.cache_version.cache_clear()


@pytest.mark.parametrize(("name", "write", "documents", "bad"), [case[1:] for case in DOCUMENT_BUGS],
                         ids=[case[0] for case in DOCUMENT_BUGS])
def test_a_bug_in_one_document_of_a_file_is_that_documents_error_and_the_others_are_built(
        tmp_path, monkeypatch, capsys, later_version, name, write, documents, bad):
    """An archive's member, or one of a text's several documents, whose text the parser fails on (a bug planted
    for it) is one error line naming it; the file's other documents are built. The file is cached so (the same
    tool gives the same), and a fixed parser, a new version of the tool, reads it again."""
    from kg.job import worker
    assert len(DOCUMENT_BUGS) == 3
    real = worker.parse_document
    monkeypatch.setattr(worker, "parse_document", _failing_on_resolution_101(real))
    monkeypatch.chdir(tmp_path)
    write(tmp_path / name)
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())

    def built() -> set[str]:
        graph = (tmp_path / "out" / "graph.nq").read_text()
        return {document for document in documents if f'"{document}"' in graph}

    said = [f"kg: error: {bad}: internal error (ZeroDivisionError): planted"]
    assert main(["build", name, "good.txt", "--out", "out", "--quiet", "--workers", "1"]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if line.startswith("kg: ")] == said, captured.err
    assert "built 3 documents from 2 files (2 parsed, 0 from the cache, 1 document not built)" in captured.out
    assert build_graph_documents(tmp_path / "out") == {name, "good.txt"}
    assert built() == documents - {bad}
    # the same tool: from the cache, with the same error
    assert main(["build", name, "good.txt", "--out", "out", "--quiet", "--workers", "1"]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if line.startswith("kg: ")] == said
    assert "(0 parsed, 2 from the cache, 1 document not built)" in captured.out
    # the parser fixed, in a new version of the tool: the file is read again, all its documents built
    monkeypatch.setattr(worker, "parse_document", real)
    later_version()
    assert main(["build", name, "good.txt", "--out", "out", "--quiet", "--workers", "1"]) == 0, capsys.readouterr()
    assert "built 4 documents from 2 files (2 parsed, 0 from the cache)" in capsys.readouterr().out
    assert built() == documents


@pytest.mark.parametrize("command", ["parse", "extract"])
@pytest.mark.parametrize(("name", "write", "documents", "bad"), [case[1:] for case in DOCUMENT_BUGS],
                         ids=[case[0] for case in DOCUMENT_BUGS])
def test_kg_parse_and_extract_go_on_past_a_document_the_parser_fails_on(
        tmp_path, monkeypatch, capsys, command, name, write, documents, bad):
    """As a build does: one document of several that the parser fails on is its own error line, and the file's
    other documents are printed (kg parse stopped the whole archive at the first)."""
    from kg import parse
    monkeypatch.setattr(parse, "parse_document", _failing_on_resolution_101(parse.parse_document))
    monkeypatch.chdir(tmp_path)
    write(tmp_path / name)
    assert main([command, name, "--format", "json"] if command == "parse" else [command, name]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if line.startswith("kg: ")] == [
        f"kg: error: {bad}: internal error (ZeroDivisionError): planted"]
    printed = {json.loads(line)["doc"] for line in captured.out.splitlines()}
    assert printed == documents - {bad}


def test_a_long_symbol_gives_a_view_file_of_a_bounded_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "long.md").write_text(MARKDOWN.format(symbol="A/RES/80/" + "1" * 290, date="2025-09-19"))
    assert main(["build", "long.md", "--out", "out", "--quiet", "--workers", "1", "--doc-views"]) == 0
    names = [path.name for path in (tmp_path / "out" / "views" / "doc").iterdir()]
    assert len(names) == 1 and len(names[0]) < 150, names
    assert not (tmp_path / "out" / "store.updating").exists()


def test_the_summary_counts_files_and_the_build_warns_of_cp1252(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "latin.txt").write_bytes(SEED.read_text(encoding="utf-8").replace("Member States", "Member Stat\u00e9s")
                                         .encode("cp1252", errors="replace"))
    assert main(["build", "latin.txt", "--out", "out", "--quiet", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "kg: warning: latin.txt: not UTF-8; decoded as cp1252" in captured.err
    assert "from 1 file (1 parsed, 0 from the cache)" in captured.out
    code = main(["build", "latin.txt", "nowhere.txt", "--out", "out", "--quiet", "--workers", "1"])
    captured = capsys.readouterr()
    assert code == EXIT_BAD_INPUT
    assert "from 1 file (0 parsed, 1 from the cache, 1 file skipped)" in captured.out, captured.out
    assert "kg: warning: latin.txt: not UTF-8" in captured.err


def test_a_second_build_into_the_same_folder_is_told_another_is_writing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    with holding_folder(tmp_path / "out"):   # (as a first build does, from this process: flock is per open file)
        with pytest.raises(BusyError):
            build_graph(["seed.txt"], tmp_path / "out", progress=False, workers=1)
        assert main(["build", "seed.txt", "--out", "out", "--quiet", "--workers", "1"]) == EXIT_UNREACHABLE
    err = capsys.readouterr().err
    assert err.strip() == f"kg: error: out: another kg command is writing there (kg build, process {os.getpid()}; " \
                          "wait for it to end)"
    assert main(["build", "seed.txt", "--out", "out", "--quiet", "--workers", "1"]) == 0


@pytest.fixture(scope="module")
def built_seed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "out"
    build_graph([SEED], out, progress=False, workers=1)
    return out


# (case, the command's arguments after the built folder's place is filled in; True: it writes into the folder)
FOLDER_COMMANDS = [
    ("analyze", ["analyze", "{out}"], True),
    ("site", ["site", "{out}"], True),
    ("view-under-the-folder", ["view", "ego", "itu/pp/res/71", "--store", "{out}"], True),
    ("push", ["push", "{out}", "--endpoint", "http://127.0.0.1:9/", "--retries", "0", "--timeout", "2"], True),
    ("build", ["build", str(SEED), "--out", "{out}", "--quiet", "--workers", "1"], True),
    ("view-written-elsewhere", ["view", "ego", "itu/pp/res/71", "--store", "{out}", "--output", "{elsewhere}"], False),
    ("query", ["query", "most-cited", "--store", "{out}"], False),
    ("stats", ["stats", "{out}"], False),
    ("validate", ["validate", "{out}", "--quiet"], False),
    ("deps", ["deps", "itu/wtsa/res/75", "--store", "{out}"], False),
    ("export", ["export", "{elsewhere}", "--format", "csv", "--store", "{out}"], False),
]


@pytest.mark.parametrize(("arguments", "writes"), [case[1:] for case in FOLDER_COMMANDS],
                         ids=[case[0] for case in FOLDER_COMMANDS])
def test_a_command_that_writes_into_a_folder_waits_for_no_build_and_one_that_reads_it_goes_on(
        built_seed, tmp_path, capsys, arguments, writes):
    """A writer is refused while a build holds the folder's lock (exit 3, one line naming the holder); a command
    that only reads the folder runs as usual."""
    assert len(FOLDER_COMMANDS) == 11
    command = [argument.format(out=built_seed, elsewhere=tmp_path / "elsewhere") for argument in arguments]
    with holding_folder(built_seed, command="kg build"):
        code = main(command)
    err = capsys.readouterr().err
    if writes:
        assert code == EXIT_UNREACHABLE
        assert err.strip() == (f"kg: error: {built_seed}: another kg command is writing there (kg build, process "
                               f"{os.getpid()}; wait for it to end)")
        code = main(command)   # the lock let go of: it runs (push then finds no endpoint there)
        err = capsys.readouterr().err
        assert code == (EXIT_UNREACHABLE if command[0] == "push" else 0), err
        assert "writing there" not in err
    else:
        assert code == 0, err
        assert "writing there" not in err


def test_the_python_api_writes_views_and_the_site_only_when_no_build_holds_the_folder(built_seed):
    import kg
    graph = kg.open(built_seed)
    with holding_folder(built_seed, command="kg build"):
        with pytest.raises(BusyError, match="kg build, process"):
            graph.view("ego", "itu/pp/res/71")
        with pytest.raises(BusyError):
            graph.site()
        assert len(graph.cites("itu/wtsa/res/75")) > 0   # (reading goes on)
    assert graph.view("ego", "itu/pp/res/71").path.exists()


def test_a_command_writing_into_a_folder_that_is_none_is_not_given_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "nowhere"]) == EXIT_UNREACHABLE
    assert not (tmp_path / "nowhere").exists()


def _locked(path: Path) -> bool:
    """Whether some process holds a flock on ``path`` (``/proc/locks`` lists its inode)."""
    try:
        inode = path.stat().st_ino
    except OSError:
        return False
    return any(line.split()[1] == "FLOCK" and line.split()[5].endswith(f":{inode}")
               for line in Path("/proc/locks").read_text().splitlines() if len(line.split()) > 5)


def test_two_builds_at_once_one_is_refused_and_the_folder_is_whole(tmp_path):
    """Two real processes: the one that comes second exits 3 at once; the first one's build is complete."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for index in range(40):
        (corpus / f"res-{index}.txt").write_bytes(SEED.read_bytes().replace(b"RESOLUTION 75", b"RESOLUTION %d"
                                                                             % (100 + index)))
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(tmp_path / "out"), "--quiet",
               "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _locked(tmp_path / "out" / ".lock") and time.monotonic() < deadline:
        time.sleep(0.01)   # (until the first build holds the lock: the kernel's table of locks says so)
    assert first.poll() is None, "the first build ended before the second could start"
    second = subprocess.run(command, check=False, env=env, capture_output=True, text=True, timeout=120)
    assert first.wait(timeout=300) == 0
    assert second.returncode == EXIT_UNREACHABLE, second.stderr
    assert f"another kg command is writing there (kg build, process {first.pid};" in second.stderr
    assert "Traceback" not in second.stderr
    assert main(["stats", str(tmp_path / "out")]) == 0


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc; PR_SET_PDEATHSIG is Linux's")
def test_kill_9_of_a_build_leaves_no_worker_or_scoring_process(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    text = SEED.read_bytes()
    for index in range(200):
        (corpus / f"res-{index}.txt").write_bytes(text.replace(b"RESOLUTION 75", b"RESOLUTION %d" % index) * 8)
    build = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(tmp_path / "out"),
                              "--quiet", "--workers", "2"], env={**os.environ, "PYTHONPATH": str(REPO)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    children: set[int] = set()
    while len(children) < 3 and time.monotonic() < deadline:   # the process beside and two pool workers
        children |= _children(build.pid)
        time.sleep(0.05)
    assert len(children) >= 3, "the build did not start its processes"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() and
                                              "Z" not in _state(pid) for pid in children):
        time.sleep(0.1)
    left = [pid for pid in children if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_a_file_edited_during_the_build_is_cached_under_the_bytes_that_were_parsed(tmp_path, monkeypatch):
    """The edit lands between the look-up's hash and the worker's read; the file is then put back as it was: the
    rebuild must give the graph of what the file holds, not the graph of the edit cached under the old hash."""
    from kg.job import worker
    path = tmp_path / "r.txt"
    before = SEED.read_bytes()
    path.write_bytes(before)
    real = worker.read_input

    def edited_meanwhile(given, **options):
        Path(given).write_bytes(before.replace(b"RESOLUTION 75", b"RESOLUTION 76"))
        return real(given, **options)

    monkeypatch.setattr(worker, "read_input", edited_meanwhile)
    build_graph([path], tmp_path / "out", progress=False, workers=1)
    monkeypatch.undo()
    path.write_bytes(before)
    build_graph([path], tmp_path / "out", progress=False, workers=1)
    build_graph([path], tmp_path / "fresh", progress=False, workers=1)
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (tmp_path / "fresh" / "graph.nq").read_bytes()


# (case, how much of a real PDF is kept)
TRUNCATED_PDFS = [
    ("half", lambda data: data[: len(data) // 2]),
    ("without-its-eof-marker", lambda data: data[: data.rindex(b"%%EOF")]),
    ("header-and-first-object", lambda data: data[:200]),
]


@pytest.mark.parametrize("cut", [case[1] for case in TRUNCATED_PDFS], ids=[case[0] for case in TRUNCATED_PDFS])
def test_a_truncated_pdf_is_one_line_on_stderr(tmp_path, cut):
    """pypdf logs what it repairs ("EOF marker not found"); with no logging configured (as under ``kg``, not under
    pytest, whose handlers would swallow it) Python printed that beside the error: run as a user runs it."""
    from documents import ITU_TEXT, write_pdf
    assert len(TRUNCATED_PDFS) == 3
    whole = write_pdf(tmp_path / "whole.pdf", ITU_TEXT).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(cut(whole))
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    for command in (["build", "cut.pdf", "seed.txt", "--out", "out", "--quiet", "--workers", "1"],
                    ["extract", "cut.pdf", "seed.txt"]):
        run = subprocess.run([sys.executable, "-m", "kg.cli", *command], cwd=tmp_path, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120, check=False)
        assert run.returncode == EXIT_BAD_INPUT
        assert len(run.stderr.splitlines()) == 1, run.stderr
        assert run.stderr.startswith("kg: error: cut.pdf: not a readable PDF"), run.stderr


def _document_graphs_in_store(out: Path) -> int:
    from kg.store import OxigraphStore
    store = OxigraphStore(out / "store", read_only=True)
    rows = store.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                       "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/resolution-kg/id/graph/')) }")
    store.close()
    return int(str(rows[0]["n"]))


def _kills_its_worker_on(name: str, *, times: int, attempts: Path):
    """``worker._process`` that ends its process with SIGKILL (as the kernel's OOM killer does) when it reads the
    file ``name``, the first ``times`` times (each attempt leaves a file in ``attempts``)."""
    from kg.job import worker
    real = worker._process

    def dying(path, given_name, *args):
        if Path(path).name == name:
            tried = len(list(attempts.iterdir()))
            (attempts / str(tried)).touch()
            if tried < times:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(path, given_name, *args)

    return dying


@pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked with the planted death in them")
@pytest.mark.parametrize(("times", "built"), [(2, False), (1, True)], ids=["killed-twice", "killed-once"])
def test_a_file_that_kills_its_worker_is_one_error_line_and_every_other_file_is_built(tmp_path, monkeypatch, capsys,
                                                                                      times, built):
    """A worker killed mid-file (here by a SIGKILL planted in the worker for one file: the workers are forked from
    this process) costs that file only: read once more alone, and if it dies again, one line; the pool goes on."""
    from kg.job import worker
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for index in range(12):
        (corpus / f"res-{index:02}.txt").write_bytes(SEED.read_bytes().replace(b"RESOLUTION 75", b"RESOLUTION %d"
                                                                                % (100 + index)))
    attempts = tmp_path / "attempts"
    attempts.mkdir()
    monkeypatch.setattr(worker, "_process", _kills_its_worker_on("res-05.txt", times=times, attempts=attempts))
    before = _children(os.getpid())
    code = main(["build", "in", "--out", "out", "--quiet", "--workers", "2"])
    err = capsys.readouterr().err
    assert _children(os.getpid()) <= before   # no worker (nor the process beside) left running
    assert len(list(attempts.iterdir())) == 2   # read once more, alone, and no more
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("kg: error:")]
    others = {f"in/res-{index:02}.txt" for index in range(12) if index != 5}
    if built:
        assert code == 0 and errors == [], err
        assert build_graph_documents(tmp_path / "out") == others | {"in/res-05.txt"}
    else:
        assert code == EXIT_BAD_INPUT
        said = ("kg: error: in/res-05.txt: the worker process reading it died, and again when it was read alone "
                "(SIGKILL: killed, perhaps for want of memory)")
        assert errors == [said]
        assert build_graph_documents(tmp_path / "out") == others   # (the manifest written, the others in it)
        assert "in/res-05.txt" in (tmp_path / "out" / "report.md").read_text()
    assert _document_graphs_in_store(tmp_path / "out") == (12 if built else 11) + 2   # (+ shared graph, scores)
    # nothing of the crash stays: once the file reads, a rebuild reads it again and gives a fresh build's graph
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert main(["build", "in", "--out", "out", "--quiet", "--workers", "2"]) == 0
    assert ("(1 parsed, 11 from the cache)" if not built else "(0 parsed, 12 from the cache)") in capsys.readouterr().out
    assert main(["build", "in", "--out", "fresh", "--quiet", "--workers", "2"]) == 0
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (tmp_path / "fresh" / "graph.nq").read_bytes()
    assert main(["query", "most-cited", "--store", "out", "--format", "csv"]) == 0
    assert main(["query", "most-cited", "--store", "fresh", "--format", "csv"]) == 0
    first, second = capsys.readouterr().out.split("work,", 2)[1:]
    assert first == second


def _loops_on(name: str, *, attempts: Path):
    """``worker._process`` that never ends (an endless loop, as a catastrophic regex or a parse that never ends
    would) when it reads the file ``name``; each attempt leaves a file in ``attempts``."""
    from kg.job import worker
    real = worker._process

    def looping(path, given_name, *args):
        if Path(path).name == name:
            (attempts / str(len(list(attempts.iterdir())))).touch()
            while True:
                pass
        return real(path, given_name, *args)

    return looping


# (case, files, --workers): with a time limit, one worker or one file are read in a worker process too
TIME_OUTS = [("two-workers", 12, "2"), ("one-worker", 3, "1"), ("one-file", 1, "2")]


@pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked with the planted loop in them")
@pytest.mark.parametrize(("files", "workers"), [case[1:] for case in TIME_OUTS], ids=[case[0] for case in TIME_OUTS])
def test_a_file_that_takes_longer_than_the_limit_is_one_error_line_and_every_other_file_is_built(
        tmp_path, monkeypatch, capsys, files, workers):
    """A worker stuck in a loop on one file (planted in the worker, which is forked from this process) is killed
    at --max-file-seconds: that file is one error line, not tried again, not cached; the others are built."""
    from kg.job import worker
    assert len(TIME_OUTS) == 3
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for index in range(files):
        (corpus / f"res-{index:02}.txt").write_bytes(SEED.read_bytes().replace(b"RESOLUTION 75", b"RESOLUTION %d"
                                                                                % (100 + index)))
    stuck = f"res-{files // 2:02}.txt"
    attempts = tmp_path / "attempts"
    attempts.mkdir()
    monkeypatch.setattr(worker, "_process", _loops_on(stuck, attempts=attempts))
    before = _children(os.getpid())
    code = main(["build", "in", "--out", "out", "--quiet", "--workers", workers, "--max-file-seconds", "2"])
    err = capsys.readouterr().err
    assert _children(os.getpid()) <= before   # the stuck worker killed, none left running
    assert len(list(attempts.iterdir())) == 1   # not read again alone: that would cost the limit twice
    assert code == EXIT_BAD_INPUT and "Traceback" not in err, err
    assert [line for line in err.splitlines() if line.startswith("kg: error:")] == \
        [f"kg: error: in/{stuck}: took longer than 2 s; not read (--max-file-seconds)"]
    others = {f"in/res-{index:02}.txt" for index in range(files)} - {f"in/{stuck}"}
    assert build_graph_documents(tmp_path / "out") == others
    assert _document_graphs_in_store(tmp_path / "out") == len(others) + (2 if others else 0)   # (+ shared, scores)
    # not cached: once the file reads, the next build reads it (and only it)
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert main(["build", "in", "--out", "out", "--quiet", "--workers", workers, "--max-file-seconds", "2"]) == 0
    assert f"(1 parsed, {files - 1} from the cache)" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_DATA is enforced on Linux")
def test_a_file_that_needs_more_memory_than_a_worker_may_use_is_one_error_line(tmp_path):
    """--max-worker-memory: a 1 MB line dense with citations needs more than 20 MB in its worker (60-100 MB: its
    citations, and its quads sorted in runs of 32 MB), the seed alone less than 5 MB; the one is an error, the other
    built, and a rebuild without the limit reads the large file again (the error is not cached). The builds run in
    a process of their own: a worker forked from pytest's, late in the suite, reuses heap that process already held
    and passed the limit (300 resolutions in one 2.8 MB text, which needed 60-120 MB while a file's quads were all
    held and 50-60 MB in runs, and this line too)."""
    from test_dense_line import ITU_HEAD, ITU_PROSE
    (tmp_path / "large.txt").write_text(ITU_HEAD + ITU_PROSE * (1_000_000 // len(ITU_PROSE)), encoding="utf-8")
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())

    def build(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())", "build",
                               "large.txt", "seed.txt", "--out", "out", "--quiet", "--workers", "1", *options],
                              cwd=tmp_path, capture_output=True, text=True, check=False, timeout=600,
                              env={**os.environ, "PYTHONPATH": str(REPO)})

    done = build("--max-worker-memory", "20M")
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith("kg: ")] == \
        ["kg: error: large.txt: out of the memory its worker process may use (--max-worker-memory)"]
    assert build_graph_documents(tmp_path / "out") == {"seed.txt"}
    done = build()
    assert done.returncode == 0, done.stderr
    assert "built 2 documents from 2 files (1 parsed, 1 from the cache)" in done.stdout


def test_a_task_that_fails_on_the_callers_executor_is_its_files_error(tmp_path, monkeypatch):
    """On an executor of the caller's (a dask cluster's, here threads), a task that fails there (a lost worker,
    say: here the task itself raises) names its file; the others are built."""
    from concurrent.futures import ThreadPoolExecutor

    from kg.job import worker
    real = worker.process_file

    def lost(path, name, *args):
        if name.endswith("bad.txt"):
            raise RuntimeError("worker lost\nwhile reading")
        return real(path, name, *args)

    monkeypatch.setattr(worker, "process_file", lost)
    for name in ("bad.txt", "good.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes().replace(b"RESOLUTION 75", b"RESOLUTION 7" + name[0].encode()))
    with ThreadPoolExecutor(2) as executor:
        result = build_graph([tmp_path / "bad.txt", tmp_path / "good.txt"], tmp_path / "out", progress=False,
                             executor=executor)
    assert [error.split(": ", 1)[1] for error in result.errors] == \
        ["the worker reading it failed (RuntimeError: worker lost while reading)"]
    assert result.errors[0].split(": ", 1)[0].endswith("bad.txt")
    assert [f.path.rsplit("/", 1)[-1] for f in result.files if f.documents] == ["good.txt"]


def _started(pid: int) -> int:
    """When the process started (clock ticks since boot), or 0 once it is gone."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return 0


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_kill_9_of_one_worker_of_a_real_build_costs_nothing(tmp_path):
    """A real ``kg build`` in a process of its own, one of whose workers is killed from outside mid-build (as the
    OOM killer would): the file it was reading is read again alone, the build exits 0, and its graph is a fresh
    build's, byte for byte."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    text = SEED.read_bytes()
    for index in range(120):   # (four resolutions of their own a file: the same text twice in a file is built once)
        (corpus / f"res-{index:03}.txt").write_bytes(b"".join(
            text.replace(b"RESOLUTION 75", b"RESOLUTION %d" % (4 * index + copy)) for copy in range(4)))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--quiet", "--workers", "2", "--out"]
    build = subprocess.Popen([*command, str(tmp_path / "out")], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    children: set[int] = set()
    while len(children) < 3 and time.monotonic() < deadline and build.poll() is None:
        children = _children(build.pid)   # the process beside (started first) and two pool workers
        time.sleep(0.02)
    assert len(children) >= 3, "the build did not start its workers"
    worker = max(children, key=_started)
    os.kill(worker, signal.SIGKILL)
    out, err = build.communicate(timeout=600)
    assert build.returncode == 0, err
    assert "Traceback" not in err and "error" not in err
    assert "built 480 documents from 120 files (120 parsed" in out
    subprocess.run([*command, str(tmp_path / "fresh")], env=env, check=True, capture_output=True, timeout=600)
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (tmp_path / "fresh" / "graph.nq").read_bytes()


@pytest.mark.parametrize("when", ["before-the-call", "after-the-call"])
def test_kill_9_of_the_scoring_process_costs_nothing(tmp_path, monkeypatch, when):
    """The process beside the build that makes the network's metrics, killed (the OOM killer, a ``kill -9``)
    before or after it was sent the call: the build makes them in its own process and exits as a fresh build
    does, with the same graph and scores (a traceback, 'ProcessFailed: the process for _score_and_draw ended
    without an answer (exit code -9)', before)."""
    import kg.job.process
    import kg.job.run

    killed: list[int] = []

    class KilledBeside(kg.job.process.Beside):
        def _kill(self) -> None:
            os.kill(self._process.pid, signal.SIGKILL)
            self._process.join()
            killed.append(self._process.exitcode)

        def __init__(self, **options):
            super().__init__(**options)
            if when == "before-the-call":
                self._kill()

        def call(self, function, *args):
            wait = super().call(function, *args)
            if when == "after-the-call":
                self._kill()
            return wait

    build_graph([SEED], tmp_path / "fresh", workers=1, progress=False)
    monkeypatch.setattr(kg.job.run, "Beside", KilledBeside)
    build_graph([SEED], tmp_path / "out", workers=1, progress=False)
    assert killed == [-signal.SIGKILL]
    for name in ("graph.nq", "analysis.nq", "metrics.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def _endless_answer(connection: socket.socket) -> None:
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n"
                       b'{"head": {"vars": ["a"]}, "results": {"bindings": [')
    row = b'{"a": {"type": "literal", "value": "' + b"x" * 1000 + b'"}},'
    while True:
        connection.sendall(row * 100)


# (case, what the server answers after reading the request, what the one error line says)
def _read_request(connection: socket.socket) -> None:
    """Read a whole HTTP request, its body too: a socket closed with a request still unread sends a reset, and
    the client then says it cannot reach the server instead of reading the answer it was sent."""
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(65536)
        if not chunk:
            return
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    while length is not None and len(body) < int(length.group(1)):
        chunk = connection.recv(65536)
        if not chunk:
            return
        body += chunk


def _close_after_the_client(connection: socket.socket) -> None:
    """Say the answer is complete and wait (5 s at most) for the client to close first: a socket closed before
    the client has read may reset the connection, and the client then says it cannot reach the server instead of
    judging the answer it was sent."""
    connection.shutdown(socket.SHUT_WR)
    connection.settimeout(5)
    while connection.recv(65536):
        pass


FAULTY_ANSWERS = [
    ("garbage-status-line", lambda c: c.sendall(b"HTTQ/9 abc\r\n\r\n"), "cannot reach the endpoint"),
    ("escape-codes-in-status-line", lambda c: c.sendall(b"HTTQ/9 \x1b[2J\x1b[31mred\r\n\r\n"), "cannot reach"),
    ("json-nested-100000-deep", lambda c: c.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 200000\r\n\r\n"
        + b"[" * 100000 + b"]" * 100000), "not SPARQL JSON results"),
    ("chunk-of-2-to-the-48-bytes", lambda c: c.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"FFFFFFFFFFFF\r\nabc"), "cannot reach the endpoint"),
    ("endless-answer", _endless_answer, "larger than"),
]


@pytest.mark.parametrize(("answer", "said"), [case[1:] for case in FAULTY_ANSWERS],
                         ids=[case[0] for case in FAULTY_ANSWERS])
def test_a_server_that_answers_garbage_is_one_error_line_with_its_words_escaped(capsys, monkeypatch, answer, said):
    import threading

    from kg.store import remote
    monkeypatch.setattr(remote, "MAX_ANSWER", 4 << 20)   # (an endless answer is refused past it: 4 MB here)
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen(8)

    def serve() -> None:
        while True:
            try:
                connection, _ = listening.accept()
            except OSError:
                return
            with connection:
                _read_request(connection)
                with contextlib.suppress(OSError):
                    answer(connection)
                    _close_after_the_client(connection)

    threading.Thread(target=serve, daemon=True).start()
    try:
        code = main(["query", "most-cited", "--endpoint", f"http://127.0.0.1:{listening.getsockname()[1]}/query",
                     "--timeout", "20"])
    finally:
        listening.close()
    err = capsys.readouterr().err
    assert code == EXIT_UNREACHABLE
    assert len(err.splitlines()) == 1 and err.startswith("kg: error:") and said in err, err
    assert "\x1b" not in err and "\r" not in err


def test_a_value_a_server_answers_with_escape_codes_is_shown_escaped_in_a_table(capsys):
    """(A terminal obeys the escape codes printed to it: clearing the screen, retitling the window.)"""
    import json
    import threading
    value = "itu/pp/res/1\x1b[2J\x1b]0;title\x07\r\x00"
    body = json.dumps({"head": {"vars": ["work"]}, "results": {"bindings": [
        {"work": {"type": "literal", "value": value}}]}}).encode()
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen(8)

    def serve() -> None:
        with contextlib.suppress(OSError):
            connection, _ = listening.accept()
            with connection:
                _read_request(connection)
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                   b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    threading.Thread(target=serve, daemon=True).start()
    try:
        code = main(["query", "most-cited", "--endpoint", f"http://127.0.0.1:{listening.getsockname()[1]}/query",
                     "--timeout", "20", "--format", "table"])
    finally:
        listening.close()
    out = capsys.readouterr().out
    assert code == 0 and "itu/pp/res/1\\x1b[2J" in out, out
    assert not any(character in out for character in "\x1b\x07\r\x00"), repr(out)


# A name given on the command line that reaches a query, with a line break and a terminal's escape codes in it.
NAME_COMMANDS = [
    ("deps", ["deps", "{key}"]),
    ("deps-reverse", ["deps", "{key}", "--reverse"]),
    ("path-from", ["path", "{key}", "itu/pp/res/71"]),
    ("view-ego", ["view", "ego", "{key}"]),
    ("view-doc", ["view", "doc", "{key}"]),
]


@pytest.mark.parametrize("arguments", [case[1] for case in NAME_COMMANDS], ids=[case[0] for case in NAME_COMMANDS])
def test_a_name_that_is_no_instrument_is_one_error_line_whatever_it_holds(built_seed, tmp_path, capsys, arguments):
    key = "itu/pp/res/1\n} DELETE WHERE { ?s ?p ?o } #\x1b[2J"
    argv = [part.replace("{key}", key) for part in arguments] + ["--store", str(built_seed)]
    if arguments[0] == "view":
        argv += ["--output", str(tmp_path / "view.html")]
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("kg: error: itu/pp/res/1\\n}"), err
    assert "\x1b" not in err


@pytest.mark.parametrize("suffix", [".json", ".nq"])
def test_a_cache_entry_that_is_a_link_to_dev_zero_is_not_read(tmp_path, suffix):
    """(Read, it never ends: the build took memory until the kernel killed it. In a process of its own, with
    its memory bounded, so that a failure here costs only this test.)"""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    build_graph([tmp_path / "in"], out, progress=False, workers=1)
    fresh = (out / "graph.nq").read_bytes()
    entries = sorted((out / "cache").glob(f"*{suffix}"))
    assert len(entries) == 1
    entries[0].unlink()
    entries[0].symlink_to("/dev/zero")
    (tmp_path / "in" / "seed.txt").touch()   # (so the build looks the file up in the cache)
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30)); "
    done = subprocess.run([sys.executable, "-c", limit + "from kg.cli import main; raise SystemExit(main())",
                           "build", str(tmp_path / "in"), "--out", str(out), "--quiet", "--workers", "1"],
                          check=False, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert (out / "graph.nq").read_bytes() == fresh


def test_a_lock_that_is_a_folder_is_one_error_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out" / ".lock").mkdir(parents=True)
    code = main(["build", str(SEED), "--out", "out", "--quiet", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == EXIT_UNREACHABLE
    assert len(err.splitlines()) == 1 and "out/.lock" in err and "Traceback" not in err, err
