"""Reliability: one bad file never stops a build, reads are bounded, builds into one folder take turns, and an
interrupted build leaves no process behind. Each case is a file written for the test in a real layout."""

from __future__ import annotations

import os
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
    assert len(BAD_FILES) == 9
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
    assert err.strip() == "kg: error: out: another build is writing there (wait for it to end)"
    assert main(["build", "seed.txt", "--out", "out", "--quiet", "--workers", "1"]) == 0


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
    assert "another build is writing there" in second.stderr and "Traceback" not in second.stderr
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
