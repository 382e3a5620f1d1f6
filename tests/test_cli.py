"""The ``kg`` command line, in-process (``main(argv)``) and, for the large file, as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CORPUS, SEED, corpus_files
from documents import AKN_STATEMENT, ITU_TEXT

import kg
from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, EXIT_OK


def test_parse_json_contract(capsys):
    assert main(["parse", str(SEED), "--format", "json"]) == EXIT_OK
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert record["doc"] == str(SEED)
    assert {k: record["header"][k] for k in ("kind", "number", "body", "edition", "place", "year")} == {
        "kind": "resolution", "number": "75", "body": "wtsa", "edition": "wtsa-08", "place": "Johannesburg",
        "year": 2008}
    text = SEED.read_text(encoding="utf-8")
    section = record["sections"][1]
    assert (section["heading"], section["verb"], section["kind"], section["addressees"]) == (
        "considering further", "considering further", "preambular", [])
    for clause in (c for s in record["sections"] for c in s["clauses"]):
        assert text[clause["start"]:clause["end"]] == clause["text"]
    assert record["remainder"][0] == {"start": 0, "end": text.index("RESOLUTION 75")}


def test_parse_text_outline(capsys):
    assert main(["parse", str(SEED), "--format", "text"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "  instructs the Director of the Telecommunication Standardization Bureau  [operative] -> " \
           "Director of the Telecommunication Standardization Bureau" in out
    assert "      b.vii  Decision 9 (Antalya, 2006) of the Plenipotentiary Conference" in out


def test_collection_gives_one_object_per_document(tmp_path, capsys):
    statement = AKN_STATEMENT.split("<statement", 1)[1].rsplit("</statement>", 1)[0]
    path = tmp_path / "acts.xml"
    path.write_text('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><documentCollection>'
                    f"<components><component><statement{statement}</statement></component>"
                    f'<component><statement{statement.replace("res-12", "res-14")}</statement></component>'
                    "</components></documentCollection></akomaNtoso>", encoding="utf-8")
    assert main(["parse", str(path)]) == EXIT_OK
    docs = [json.loads(line)["doc"] for line in capsys.readouterr().out.splitlines()]
    assert docs == [f"{path}#res-12", f"{path}#res-14"]


def test_bad_files_are_reported_and_the_rest_is_parsed(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(ITU_TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(AKN_STATEMENT[:900], encoding="utf-8")
    not_akn = tmp_path / "other.xml"
    not_akn.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n', encoding="utf-8")
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes(ITU_TEXT.replace("a document", "a résumé").encode("cp1252"))
    code = main(["parse", str(empty), str(good), str(binary), str(truncated), str(not_akn), str(cp1252)])
    captured = capsys.readouterr()
    assert code == EXIT_BAD_INPUT
    assert [json.loads(line)["doc"] for line in captured.out.splitlines()] == [str(good), str(cp1252)]
    errors = [line for line in captured.err.splitlines() if line.startswith("kg: error:")]
    assert errors == [
        f"kg: error: {empty}: empty file: no text to parse",
        f"kg: error: {binary}:3: binary file, not text (NUL byte)",  # after "\\r\\n" and "\\n"
        f"kg: error: {truncated}:{AKN_STATEMENT[:900].count(chr(10)) + 1}: malformed XML: "
        + errors[2].split("malformed XML: ", 1)[1],
        f"kg: error: {not_akn}:2: XML but not Akoma Ntoso (root element <rss>)",
    ]
    assert f"kg: warning: {cp1252}: not UTF-8; decoded as cp1252" in captured.err


def test_stats_counts(capsys):
    assert main(["stats", str(SEED)]) == EXIT_OK
    # 11 sections; clauses: considering 11 (a, b, b.i-b.vii, c, d) + 4 x 2 preambular + 2 + 1 + 1 + 3 + 2 + 1 = 29
    assert capsys.readouterr().out.strip() == "1 document, 11 sections, 29 clauses, 0 footnotes"


@pytest.mark.slow
def test_a_50_mb_file_is_parsed_in_bounded_memory(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    copies = 50_000_000 // len(seed.encode("utf-8")) + 1
    big.write_text(seed * copies, encoding="utf-8")
    out = tmp_path / "big.jsonl"
    # the child reports its own peak, VmHWM of its own memory map (ru_maxrss survives fork and exec on Linux, so
    # it would report the test session's peak)
    program = ("import re, sys\nfrom kg.cli import main\ncode = main(sys.argv[1:])\n"
               "status = open('/proc/self/status').read()\n"
               "print('peak', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\nsys.exit(code)")
    with out.open("w") as handle:
        result = subprocess.run([sys.executable, "-c", program, "parse", "--format", "json", str(big)],
                                stdout=handle, stderr=subprocess.PIPE, text=True, check=False)
    peak_kib = int(result.stderr.rsplit("peak ", 1)[1].split()[0])
    assert result.returncode == EXIT_OK, result.stderr
    assert big.stat().st_size >= 50_000_000
    with out.open() as handle:   # (the seed once after another: as many documents, each whole)
        sections = [len(json.loads(line)["sections"]) for line in handle]
    assert sections == [11] * copies
    assert peak_kib < 1_500_000, f"peak memory {peak_kib / 1024:.0f} MiB for a 50 MB file"


def test_extract_jsonl_contract(capsys):
    assert main(["extract", str(SEED), "--format", "jsonl"]) == EXIT_OK
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert len(records) == 16   # 7 in considering b), 5 Tunis Agenda paragraphs, 4 mentions of Resolution 1282
    for record in records:
        assert list(record) == ["doc", "clause", "text", "start", "end", "work", "edition", "pinpoint", "reason"]
        assert text[record["start"]:record["end"]] == record["text"]
        assert record["doc"] == str(SEED)
    assert records[0] == {"doc": str(SEED), "clause": "considering.b.i",
                          "text": "Resolution 71 (Rev. Antalya, 2006)", "start": text.index("Resolution 71"),
                          "end": text.index("Resolution 71") + len("Resolution 71 (Rev. Antalya, 2006)"),
                          "work": "itu/pp/res/71", "edition": "pp-06", "pinpoint": None, "reason": None}
    assert [r["start"] for r in records] == sorted(r["start"] for r in records)


def test_extract_table(capsys):
    assert main(["extract", str(SEED), "--format", "table"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "clause\twork\tedition\tpinpoint\ttext"
    assert "considering.d\twsis/tunis-agenda\t-\t§ 35 a)-e)\t§§ 35 a)-e) of the Tunis Agenda" in lines


def test_eval_command(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "wtsa-res-75-johannesburg-2008.txt", "work": "itu/pp/res/71", "edition": "pp-06"}\n'
                    '{"doc": "wtsa-res-75-johannesburg-2008.txt", "work": "itu/pp/res/999"}\n', encoding="utf-8")
    assert main(["eval", "--gold", str(gold), str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    # found 9 works, 1 of them in the gold; the gold's other work is missed
    assert out[0] == "precision 0.111  recall 0.500  F1 0.182  edition accuracy 1.000 (1/1)"
    assert "miss       wtsa-res-75-johannesburg-2008.txt  itu/pp/res/999" in out
    assert main(["eval", "--gold", str(gold), "--min-f1", "0.9", str(SEED)]) == 1


# ---- one error path: every command, every kind of mistake, one line and its exit code ----------------------------

def _seed_build(folder):
    out = folder / "built"
    if not (out / "manifest.json").exists():
        assert main(["build", str(SEED), "--out", str(out), "--quiet", "--workers", "1"]) == EXIT_OK
    return out


# (case, arguments: {missing} a folder with no store, {built} a built folder, {bad} a bad file; exit code)
MISTAKES = [
    ("view-overview-missing-store", ["view", "overview", "--store", "{missing}"], 3),
    ("view-ego-missing-store", ["view", "ego", "itu/pp/res/71", "--store", "{missing}"], 3),
    ("view-doc-missing-store", ["view", "doc", "itu/wtsa/res/75", "--store", "{missing}"], 3),
    ("path-missing-store", ["path", "itu/wtsa/res/75", "itu/pp/res/71", "--store", "{missing}"], 3),
    ("deps-missing-store", ["deps", "itu/wtsa/res/75", "--store", "{missing}"], 3),
    ("query-missing-store", ["query", "most-cited", "--store", "{missing}"], 3),
    ("analyze-missing-store", ["analyze", "{missing}"], 3),
    ("serve-missing-store", ["serve", "{missing}"], 3),
    ("site-missing-store", ["site", "{missing}"], 3),
    ("push-missing-build", ["push", "{missing}", "--endpoint", "http://127.0.0.1:9/query"], 3),
    ("validate-missing-build", ["validate", "{missing}"], 2),
    ("stats-missing-file", ["stats", "{missing}/x.txt"], 2),
    ("view-ego-unknown-key", ["view", "ego", "no/such/key", "--store", "{built}"], 2),
    ("view-doc-unknown-key", ["view", "doc", "no/such/key", "--store", "{built}"], 2),
    ("path-unknown-key", ["path", "no/such/key", "itu/pp/res/71", "--store", "{built}"], 2),
    ("deps-unknown-key", ["deps", "no/such/key", "--store", "{built}"], 2),
    ("query-unknown-query", ["query", "no-such-query", "--store", "{built}"], 2),
    ("query-missing-parameter", ["query", "cites", "--store", "{built}"], 2),
    ("query-bad-parameter", ["query", "cites", "--param", "work", "--store", "{built}"], 2),
    ("view-ego-without-key", ["view", "ego", "--store", "{built}"], 2),
    ("push-without-endpoint", ["push", "{built}"], 2),
    ("eval-without-gold", ["eval", "{bad}"], 2),
    ("build-bad-max-file-size", ["build", "{bad}", "--out", "{missing}/o", "--max-file-size", "lots"], 2),
    ("build-bad-max-file-seconds", ["build", "{bad}", "--out", "{missing}/o", "--max-file-seconds", "-1"], 2),
    ("unknown-command", ["frobnicate"], 2),
    ("parse-bad-file", ["parse", "{bad}"], 2),
    ("extract-bad-file", ["extract", "{bad}"], 2),
    ("stats-bad-file", ["stats", "{bad}"], 2),
    ("eval-bad-gold", ["eval", "--gold", "{bad}", str(SEED)], 2),
    ("build-bad-file", ["build", "{bad}", "--out", "{missing}/o", "--quiet", "--workers", "1"], 2),
    ("validate-bad-file", ["validate", "{bad}"], 2),
]


@pytest.mark.parametrize(("arguments", "code"), [case[1:] for case in MISTAKES], ids=[case[0] for case in MISTAKES])
def test_every_mistake_is_one_error_line_and_its_exit_code(tmp_path_factory, tmp_path, capsys, arguments, code):
    assert len(MISTAKES) == 31
    built = _seed_build(tmp_path_factory.getbasetemp())
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?>\n<akomaNtoso><statement>', encoding="utf-8")
    values = {"missing": str(tmp_path / "missing"), "built": str(built), "bad": str(bad)}
    capsys.readouterr()
    assert main([argument.format(**values) for argument in arguments]) == code
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if not line.startswith(("building", "\r"))]
    assert "Traceback" not in err
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), err


def test_view_of_a_key_is_written_under_a_bounded_name(tmp_path_factory, capsys):
    built = _seed_build(tmp_path_factory.getbasetemp())
    assert main(["view", "ego", "itu/pp/res/71", "--store", str(built)]) == EXIT_OK
    assert (built / "views" / "ego-itu_pp_res_71-depth1.html").exists(), capsys.readouterr()
    # a view of other settings is a file of its own; the build's overview stays as the build drew it
    overview = (built / "views" / "overview.html").read_bytes()
    assert main(["view", "overview", "--store", str(built), "--top", "5", "--by", "in_degree"]) == EXIT_OK
    assert (built / "views" / "overview-top5-in_degree.html").exists()
    assert (built / "views" / "overview.html").read_bytes() == overview


def test_path_says_what_its_list_is(tmp_path_factory, capsys):
    """kg path prints the shortest path, then a heading for the list of every path up to --cutoff (it was an
    unlabelled list under the shortest, read as its continuation)."""
    built = _seed_build(tmp_path_factory.getbasetemp())
    capsys.readouterr()
    assert main(["path", "itu/wtsa/res/75", "itu/pp/res/71", "--store", str(built)]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        "shortest (a chain of citations; X -> Y: X cites Y, X <- Y: Y cites X):",
        "  itu/wtsa/res/75 -> itu/pp/res/71",
        "1 path of at most 4 steps:",
        "  itu/wtsa/res/75 -> itu/pp/res/71"]
    assert main(["path", "itu/pp/res/71", "itu/wtsa/res/75", "--store", str(built)]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[1:] == [   # (the other way: Resolution 75 cites 71)
        "  itu/pp/res/71 <- itu/wtsa/res/75", "1 path of at most 4 steps:", "  itu/pp/res/71 <- itu/wtsa/res/75"]


def test_path_with_no_path_is_an_answer_not_a_failure(tmp_path, capsys):
    """(kg path exited 1, "does not conform", where two instruments are not linked: as a query with no rows, it is
    an answer, exit 0)"""
    out = tmp_path / "out"
    assert main(["build", str(SEED), str(corpus_files("un-sc")[0]), "--out", str(out), "--quiet",
                 "--workers", "1"]) == EXIT_OK
    un = next(key for key in kg.open(out).to_networkx() if key.startswith("un/S/RES/"))
    capsys.readouterr()
    assert main(["path", "itu/wtsa/res/75", un, "--store", str(out)]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [f"no citation path between itu/wtsa/res/75 and {un}"]


def test_a_key_not_in_the_graph_names_the_nearest_ones(tmp_path, capsys):
    """(a UN symbol without its family or its year, "A/RES/70/1" or "un/S/RES/1325", was "not in the graph" with
    no hint; an edition not there did not say which there are)"""
    out = tmp_path / "out"
    assert main(["build", str(SEED), str(CORPUS / "un-ga-multipart" / "75_101A-B_E.xml"), "--out", str(out),
                 "--quiet", "--workers", "1"]) == EXIT_OK
    capsys.readouterr()
    assert main(["deps", "pp/res/102", "--store", str(out)]) == 2
    assert "pp/res/102: not in the citation network of" in (err := capsys.readouterr().err)
    assert "(did you mean itu/pp/res/102" in err
    assert main(["path", "itu/wtsa/res/75", "A/RES/70/1", "--store", str(out)]) == 2
    assert "A/RES/70/1: not in the citation network" in (err := capsys.readouterr().err)
    assert "(did you mean un/A/RES/70/1" in err
    assert main(["view", "doc", "un/A/RES/75/101", "--edition", "2020-12-10-C", "--store", str(out)]) == 2
    assert "edition 2020-12-10-C: not in the graph" in (err := capsys.readouterr().err)
    assert "(did you mean 2020-12-10-A, 2020-12-10-B?)" in err or "(did you mean 2020-12-10-B, 2020-12-10-A?)" in err


def test_a_folder_whose_first_build_is_running_is_said_so(tmp_path, capsys):
    """(kg stats on the folder of a first build still running said "skipped DIR: a kg build's output folder" and
    counted 0 documents, exit 0; kg site said "not a build"; kg stats of a missing path printed its zeros too)"""
    import os

    from kg.job.lock import holding_folder
    out = tmp_path / "out"
    (out / "cache").mkdir(parents=True)
    with holding_folder(out, command="kg build"):
        for command in (["stats", str(out)], ["site", str(out)], ["query", "most-cited", "--store", str(out)]):
            assert main(command) == 3, command
            said = capsys.readouterr()
            assert said.err.strip() == (f"kg: error: {out}: a build is being written there (kg build, process "
                                        f"{os.getpid()}): wait for it to end"), command
            assert said.out == ""
    assert main(["stats", str(tmp_path / "nowhere")]) == 2
    said = capsys.readouterr()
    assert said.out == "" and "nowhere" in said.err


def test_what_is_printed_for_a_terminal_shows_a_texts_escape_codes_escaped(tmp_path, capsys):
    """(kg parse --format text wrote a clause's terminal escape codes raw: a title set, the screen cleared)"""
    path = tmp_path / "e.md"
    path.write_text("99/1. A test\nThe General Assembly,\n\n1. Requests the Evil\x1b]0;pwned\x07\x1b[2J Committee "
                    "to recall resolution 70/1;\n", encoding="utf-8")
    assert main(["parse", str(path), "--format", "text"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil\\x1b]0;pwned\\x07\\x1b[2J Committee" in out


def test_what_rdflib_logs_is_one_warning_line_with_its_control_characters_escaped(tmp_path_factory, tmp_path,
                                                                                  capsys):
    """(a literal rdflib could not convert, from a query's answer, was logged raw, a terminal's escape codes and
    all, with a traceback: `ESC]0;...BEL` retitles the terminal, `ESC[2J` clears it)"""
    built = _seed_build(tmp_path_factory.getbasetemp())
    query = tmp_path / "duration.rq"
    query.write_text('SELECT ?v WHERE { BIND(STRDT("2\\u001B[2J\\u001B]0;owned\\u0007", '
                     "<http://www.w3.org/2001/XMLSchema#duration>) AS ?v) }\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["query", str(query), "--store", str(built)]) == EXIT_OK
    err = capsys.readouterr().err
    assert err.startswith("kg: warning: rdflib.term: Failed to convert Literal") and len(err.splitlines()) == 1, err
    assert "\\x1b[2J\\x1b]0;owned\\x07" in err and "\x1b" not in err and "\x07" not in err
    assert main(["query", str(query), "--store", str(built)]) == EXIT_OK   # (said once a run, not once more a run)
    assert len(capsys.readouterr().err.splitlines()) == 1


class _ReaderGone:
    """A stdout whose reader stopped reading after ``keep`` characters (`kg validate | head -1`)."""

    def __init__(self, keep: int) -> None:
        self.keep, self.written = keep, 0

    def write(self, text: str) -> int:
        self.written += len(text)
        if self.written > self.keep:
            raise BrokenPipeError(32, "Broken pipe")
        return len(text)

    def flush(self) -> None:
        pass


def _graph_without_labels(built, tmp_path):
    lines = (built / "graph.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "unlabelled.nq"
    path.write_text("".join(line for line in lines if "ontology#label>" not in line), encoding="utf-8")
    return path


BROKEN_PIPES = {   # case: (command, the exit code README gives it, what it says on stderr)
    "validate, does not conform": (["validate", "{unlabelled}", "--quiet"], 1, []),
    "parse, a bad file before": (["parse", "{bad}", "{seed}", "{seed}"], 2, ["kg: error: {bad}:1: malformed XML"]),
    "extract, a bad file before": (["extract", "{bad}", "{seed}", "{seed}"], 2, ["kg: error: {bad}:1: malformed XML"]),
    "query": (["query", "cites", "--param", "work=itu/wtsa/res/75", "--store", "{built}"], 0, []),
}


@pytest.mark.parametrize("case", sorted(BROKEN_PIPES))
def test_a_reader_that_stops_reading_leaves_the_exit_code_and_the_errors(tmp_path_factory, tmp_path, capsys,
                                                                          monkeypatch, case):
    """(`kg validate | head -1` exited 0 for a graph that does not conform, and `kg parse bad.xml DIR | head -1`
    0 with the bad file's error unsaid: the broken pipe was taken for the end of the work)"""
    built = _seed_build(tmp_path_factory.getbasetemp())
    (tmp_path / "bad.xml").write_text("<akomaNtoso><statement>", encoding="utf-8")
    names = {"unlabelled": _graph_without_labels(built, tmp_path), "bad": tmp_path / "bad.xml", "seed": SEED,
             "built": built}
    command, code, said = BROKEN_PIPES[case]
    monkeypatch.setattr(sys, "stdout", _ReaderGone(keep=10))
    assert main([part.format(**names) for part in command]) == code
    err = capsys.readouterr().err.splitlines()
    assert len(err) == len(said) and all(line.startswith(s.format(**names)) for line, s in zip(err, said)), err


def test_a_closed_pipe_says_nothing(tmp_path):
    """The real thing: `kg parse ... | head -1` says nothing on stderr (no traceback, no "Exception ignored")."""
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "parse", *[str(SEED)] * 12],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline().startswith(b'{"doc": ')
    process.stdout.close()   # (12 documents' JSON, 160 KB, more than a pipe holds: the writer meets the closed end)
    assert process.wait(timeout=60) == EXIT_OK
    assert process.stderr.read() == b""
