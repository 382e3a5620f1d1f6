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


# ---- 3 and 4. a file named as the output folder, option values that make no sense: one line, exit 2 -------------

# (case, arguments: {file} a file, {built} a build; kg serve is given no build, so that it exits 3 rather than
# serve on a port it should refuse)
REFUSED = [
    ("build-out-a-file", ["build", str(SEED), "--out", "{file}", "--quiet"]),
    ("build-out-under-a-file", ["build", str(SEED), "--out", "{file}/out", "--quiet"]),
    ("export-into-a-file", ["export", "{file}", "--format", "csv", "--store", "{built}"]),
    ("export-akn-into-a-file", ["export", "{file}", "--format", "akn", "--store", "{built}"]),
    ("serve-port-too-high", ["serve", "{file}.nobuild", "--port", "99999"]),
    ("serve-port-65536", ["serve", "{file}.nobuild", "--port", "65536"]),
    ("serve-timeout-negative", ["serve", "{file}.nobuild", "--timeout", "-1"]),
    ("view-top-negative", ["view", "overview", "--store", "{built}", "--top", "-5"]),
    ("view-top-0", ["view", "overview", "--store", "{built}", "--top", "0"]),
    ("view-depth-negative", ["view", "ego", "itu/pp/res/71", "--store", "{built}", "--depth", "-1"]),
    ("path-cutoff-negative", ["path", "itu/wtsa/res/75", "itu/pp/res/71", "--store", "{built}", "--cutoff", "-1"]),
    ("path-cutoff-0", ["path", "itu/wtsa/res/75", "itu/pp/res/71", "--store", "{built}", "--cutoff", "0"]),
    ("path-limit-0", ["path", "itu/wtsa/res/75", "itu/pp/res/71", "--store", "{built}", "--limit", "0"]),
    ("build-workers-0", ["build", str(SEED), "--out", "{file}.out", "--workers", "0"]),
    ("build-workers-negative", ["build", str(SEED), "--out", "{file}.out", "--workers", "-2"]),
    ("query-timeout-negative", ["query", "most-cited", "--store", "{built}", "--timeout", "-1"]),
    ("push-timeout-0", ["push", "{built}", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "0"]),
    ("push-retries-negative", ["push", "{built}", "--endpoint", "http://127.0.0.1:9/query", "--retries", "-1"]),
    ("view-overview-edition", ["view", "overview", "--store", "{built}", "--edition", "x"]),
    ("view-overview-depth", ["view", "overview", "--store", "{built}", "--depth", "2"]),
    ("view-overview-key", ["view", "overview", "itu/pp/res/71", "--store", "{built}"]),
    ("view-doc-top", ["view", "doc", "itu/wtsa/res/75", "--store", "{built}", "--top", "5"]),
    ("view-ego-by", ["view", "ego", "itu/pp/res/71", "--store", "{built}", "--by", "hub"]),
    ("view-ego-edition", ["view", "ego", "itu/pp/res/71", "--store", "{built}", "--edition", "wtsa-08"]),
    ("export-akn-grain", ["export", "{file}.akn", "--format", "akn", "--grain", "clause", "--store", "{built}"]),
]


@pytest.mark.parametrize("arguments", [case[1] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_a_file_for_a_folder_and_a_senseless_option_are_one_line_and_exit_2(tmp_path, seed_build, capsys,
                                                                             arguments):
    """They were tracebacks (FileExistsError, OverflowError: exit 1), or accepted: --top -5 wrote an empty view,
    --edition of an overview and --grain of akn were ignored without a word."""
    assert len(REFUSED) == 25
    file = tmp_path / "README.md"
    file.write_text("# notes\n", encoding="utf-8")
    views = sorted((seed_build / "views").rglob("*"))
    capsys.readouterr()
    assert main([argument.format(file=file, built=seed_build) for argument in arguments]) == EXIT_BAD_INPUT
    line = _one_error_line(capsys)
    assert str(file) in line or "argument --" in line or "not an option of" in line or "KEY" in line, line
    assert file.read_text(encoding="utf-8") == "# notes\n"
    assert sorted(tmp_path.iterdir()) == [file]   # (nothing else written)
    assert sorted((seed_build / "views").rglob("*")) == views


def test_a_usage_error_points_to_its_own_commands_help(capsys):
    assert main(["view", "ego"]) == EXIT_BAD_INPUT
    assert _one_error_line(capsys).endswith("(see: kg view --help)")
    assert main(["query", "most-cited", "--frob"]) == EXIT_BAD_INPUT
    assert _one_error_line(capsys) == "kg: error: unrecognized arguments: --frob (see: kg query --help)"


# ---- 7. what kg optimize, kg serve and kg analyze say; no "-0" among the scores --------------------------------

def test_optimize_says_the_stores_true_count_of_quads(tmp_path, seed_build):
    """It said the manifest's count, graph.nq's before the network's scores, which the store holds too."""
    from kg.job.optimize import optimize_build
    from kg.store import OxigraphStore
    out = shutil.copytree(seed_build, tmp_path / "out")
    store = OxigraphStore(out / "store", read_only=True)
    quads = store.count_quads()
    store.close()
    said: list[str] = []
    optimize_build(out, say=said.append)
    assert said and f"({quads:,} quads:" in said[0], said


def test_hits_scores_are_never_below_0():
    """HITS left -1e-17 to the nodes of the smaller components, written "-0.0" in metrics.csv and "-0" in the
    graph (2,451 of the demo's 2,643 instruments)."""
    import networkx as nx

    from kg.analyze import compute_metrics
    G = nx.DiGraph([("a", "b"), ("c", "b"), ("a", "d"), ("x", "y"), ("z", "y"), ("w", "q")])
    scores = compute_metrics(G).scores
    assert [node for node, score in scores.items() if score["hub"] < 0 or score["authority"] < 0] == []
    # (nor -0.0, which is not below 0 but is written "-0.0": max(-0.0, 0.0) is -0.0; the sinks of a tree of 20
    # nodes get -0.0 from scipy)
    tree = nx.relabel_nodes(nx.DiGraph(nx.gnr_graph(20, 0.3, seed=1)), str)
    tree.add_edges_from([("x", "y"), ("z", "y"), ("w", "q")])
    written = {str(score[name]) for score in compute_metrics(tree).scores.values() for name in ("hub", "authority")}
    assert not [text for text in written if text.startswith("-")], written
    assert scores["w"]["hub"] == scores["q"]["authority"] == 0.0 and scores["a"]["hub"] > 0


def test_analyze_heads_its_list_of_the_highest_pagerank(tmp_path, seed_build, capsys):
    out = shutil.copytree(seed_build, tmp_path / "out")
    capsys.readouterr()
    assert main(["analyze", str(out)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("the ") and lines[1].endswith(" of highest PageRank:"), lines
    assert len(lines) >= 3 and lines[2].startswith("  0.")


# ---- 5 and 6. errors that said the wrong thing, or too little ----------------------------------------------------

def test_errors_name_the_file_and_say_what_is_wrong(tmp_path, seed_build, capsys):
    """A query path that is not there was "no such query"; a syntax error in a query file named no file and listed
    every token the parser expected; a missing gold file was a bare [Errno 2]; a build's graph.nq given to kg stats
    was read as a text, "1 document, 0 sections"."""
    missing = tmp_path / "q" / "nothere.rq"
    assert main(["query", str(missing), "--store", str(seed_build)]) == EXIT_BAD_INPUT
    assert _one_error_line(capsys) == f"kg: error: {missing}: no such file (a query of your own is a .rq file; " \
                                      "kg query NAME runs one of the library)"
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?x WHERE {\n  ?x ?p ?o FILTER (?x = )\n}\n", encoding="utf-8")
    assert main(["query", str(broken), "--store", str(seed_build)]) == EXIT_BAD_INPUT
    line = _one_error_line(capsys)
    assert line.startswith(f"kg: error: {broken}: SPARQL syntax error: error at ") and len(line) < 300 + len(str(broken))
    assert main(["eval", "--gold", str(tmp_path / "missing.jsonl"), str(SEED)]) == EXIT_BAD_INPUT
    assert _one_error_line(capsys) == f"kg: error: {tmp_path / 'missing.jsonl'}: cannot read the gold file of " \
                                      "--gold (No such file or directory)"
    assert main(["stats", str(seed_build / "analysis.nq")]) == EXIT_BAD_INPUT
    assert "analysis.nq: an RDF file (N-Quads), not a resolution text" in capsys.readouterr().err


def test_view_doc_of_an_instrument_cited_but_not_built_says_so(seed_build, capsys):
    """The seed cites the Tunis Agenda, whose text is not among the inputs: it was "not in the graph" (as the UN
    Charter of the demo build, cited by 248 resolutions)."""
    assert main(["view", "doc", "wsis/tunis-agenda", "--store", str(seed_build)]) == EXIT_BAD_INPUT
    line = _one_error_line(capsys)
    assert line.startswith("kg: error: wsis/tunis-agenda: cited by 1 instrument of ") and "own text is not in the graph" \
        in line, line
    assert main(["view", "doc", "no/such/key", "--store", str(seed_build)]) == EXIT_BAD_INPUT
    assert _one_error_line(capsys) == f"kg: error: no/such/key: not in the graph of {seed_build}"


@pytest.mark.parametrize(("target", "said"), [
    ("graph.nq", "there is a file there that is no HTML page"),
    ("text.txt", "there is a file there that is no HTML page"),
    ("folder", "a folder"),
    ("missing/view.html", "its folder does not exist"),
], ids=["the build's graph.nq", "an input text", "a folder", "a missing folder"])
def test_view_output_never_writes_over_what_is_no_page(tmp_path, seed_build, capsys, target, said):
    """(kg view --output out/graph.nq replaced the build's graph with HTML, exit 0; a folder gave a traceback; a
    missing folder was made, /nonexistent/dir at the root)"""
    out = shutil.copytree(seed_build, tmp_path / "out")
    (tmp_path / "text.txt").write_text("RESOLUTION 1\n")
    (tmp_path / "folder").mkdir()
    path = out / "graph.nq" if target == "graph.nq" else tmp_path / target
    before = path.read_bytes() if path.is_file() else None
    capsys.readouterr()
    assert main(["view", "overview", "--store", str(out), "--output", str(path)]) == EXIT_BAD_INPUT
    assert said in _one_error_line(capsys)
    assert (path.read_bytes() if path.is_file() else None) == before and not (tmp_path / "missing").exists()
    assert main(["view", "overview", "--store", str(out), "--output", str(tmp_path / "v.html")]) == EXIT_OK
    assert main(["view", "overview", "--store", str(out), "--output", str(tmp_path / "v.html")]) == EXIT_OK   # (a page)
