"""SPARQL: the query library on the embedded store, on rdflib and on a real Oxigraph server after kg push;
faults of the endpoint; parameters that try to change the query."""

from __future__ import annotations

import html
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from conftest import SEED, corpus_files
from rdflib.compare import isomorphic
from servers import (
    EDITS_IN_PLACE,
    FaultyServer,
    NotAnEndpoint,
    OxigraphServer,
    TricklingServer,
    check_push_follows_the_endpoint,
    check_push_sees_a_graph_edited_in_place,
    free_port,
    graph_store_request,
    graphs_there,
    kg_serving,
    wait_until_up,
)

from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNREACHABLE
from kg.job import build_graph
from kg.job.lock import holding_folder
from kg.job.optimize import optimize_build
from kg.queries import list_queries, load_query, parse_parameters
from kg.store import MemoryStore, OxigraphStore
from kg.store.remote import PUSH_CATALOGUE, RemoteError, RemoteStore, graph_store_url, graphs_of, push_graphs
from kg.wording import counted

QUERIES = list_queries()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed, the PP-18 Final Acts and a few UN resolutions of each kind, built once."""
    out = tmp_path_factory.mktemp("sparql") / "out"
    inputs = [SEED, *corpus_files("itu-pp18"), *corpus_files("un-ga")[:8], *corpus_files("un-sc")[:8],
              *corpus_files("un-ga-80-pdftext")[:4]]
    result = build_graph(inputs, out, workers=2, progress=False)
    assert result.errors == ()
    optimize_build(out)   # (here, not by kg serve below: the tests read the store meanwhile)
    return out


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    running = OxigraphServer(tmp_path_factory.mktemp("server") / "db").start()
    push_graphs(built, f"{running.base}/store", progress=False)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def stores(built, server):
    memory = MemoryStore()
    memory.load((built / "graph.nq").read_text(encoding="utf-8"))
    return {"oxigraph": OxigraphStore(built / "store", read_only=True), "rdflib": memory,
            "server": RemoteStore(f"{server.base}/query")}


def example_parameters(query) -> dict[str, str]:
    example = re.search(r"^#\s*Example:\s*(?P<call>.*)$", query.text, re.MULTILINE).group("call")
    words = shlex.split(example)
    return parse_parameters([words[i + 1] for i, word in enumerate(words) if word == "--param"])


def answers(store, query) -> list[tuple[str, ...]]:
    variables, rows = store.select(query.text, bindings=query.bind(example_parameters(query)))
    return sorted(tuple(str(row.get(v, "")) for v in variables) for row in rows)


def test_the_library_was_found():
    assert len(QUERIES) >= 10
    for query in QUERIES:
        assert query.description and re.search(r"^#\s*Example: kg query ", query.text, re.MULTILINE), query.name


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_query_answers_the_same_everywhere(stores, query):
    local = answers(stores["oxigraph"], query)
    assert answers(stores["rdflib"], query) == local
    assert answers(stores["server"], query) == local
    if query.name not in ("by-centrality", "revision-chain", "citations-per-year"):
        assert local, f"{query.name} gave no answer on the example"


def test_citations_per_year_counts_every_citation_of_a_dated_edition(stores):
    """(the query counted the citations in clauses only, the report and the site those in headers too: 10,378
    against 10,394 on the demo build) Its years add up to every citation whose citing edition has a date."""
    query = next(q for q in QUERIES if q.name == "citations-per-year")
    store = stores["oxigraph"]
    by_year = sum(int(row[1]) for row in answers(store, query))
    every = store.query("""PREFIX kg: <https://w3id.org/resolution-kg/ontology#>
        PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX cito: <http://purl.org/spar/cito/>
        SELECT (COUNT(DISTINCT ?c) AS ?n) (SUM(IF(?header, 1, 0)) AS ?headers) WHERE {
          ?c a kg:Citation ; cito:hasCitingEntity ?x .
          { ?x eli:is_part_of/eli:is_part_of ?e BIND (false AS ?header) } UNION { ?x a kg:Edition BIND (?x AS ?e)
          BIND (true AS ?header) }
          ?e eli:date_document ?date }""")[0]
    assert int(every["headers"]) > 0   # (the build holds citations in a header: the case is tried)
    assert by_year == int(every["n"]) > 0


QUERY_FORMS = [
    ("ask-true", "ASK { ?s <urn:p> 1 }", ["ask"], [("true",)]),
    ("ask-false", "ASK { ?s <urn:p> 2 }", ["ask"], [("false",)]),
    ("select", "SELECT ?s ?x WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:q> ?x } }", ["s", "x"], [("urn:a", "")]),
    ("construct", "CONSTRUCT { ?s <urn:r> ?o } WHERE { ?s <urn:p> ?o }", ["s", "p", "o"], [("urn:a", "urn:r", "1")]),
]


@pytest.mark.parametrize("form", QUERY_FORMS, ids=[form[0] for form in QUERY_FORMS])
@pytest.mark.parametrize("kind", ["oxigraph", "rdflib"])
def test_each_query_form_answers_on_the_local_stores(tmp_path, kind, form):
    """An ASK gives one row ``ask`` (the Oxigraph store once iterated its QueryBoolean and failed), a SELECT leaves an
    unbound variable out of the row, a CONSTRUCT gives ``s``, ``p``, ``o``."""
    _, sparql, expected_variables, expected_rows = form
    store = OxigraphStore(tmp_path / "store") if kind == "oxigraph" else MemoryStore()
    store.load("<urn:a> <urn:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:g> .\n")
    variables, rows = store.select(sparql)
    assert variables == expected_variables
    assert [tuple(str(row.get(v, "")) for v in variables) for row in rows] == expected_rows


def test_pushed_graphs_are_isomorphic_to_the_local_ones(built, server):
    remote = RemoteStore(f"{server.base}/query")
    local = graphs_of(built / "graph.nq")
    for graph in sorted(local)[:12]:
        assert _isomorphic(remote, graph, local[graph]), graph


def _isomorphic(remote: RemoteStore, graph: str, triples: list[str]) -> bool:
    rows = remote.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    fetched = rdflib.Graph()
    for row in rows:
        fetched.add((row["s"], row["p"], row["o"]))
    return isomorphic(fetched, rdflib.Graph().parse(data="\n".join(triples), format="nt"))


def test_endpoint_down_gives_one_line_and_writes_nothing(built, tmp_path, capsys):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    port = free_port()
    code = main(["push", str(out), "--endpoint", f"http://127.0.0.1:{port}/query", "--quiet", "--retries", "1",
                 "--timeout", "2"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_UNREACHABLE
    # (push asks the query endpoint first which graphs it holds)
    assert len(err) == 1 and err[0].startswith(f"kg: error: http://127.0.0.1:{port}/query: cannot reach"), err
    # (nothing written beside the build but the folder's lock file, which every command writing there leaves)
    assert sorted(path.name for path in out.iterdir()) == [".lock", "graph.nq"]
    assert main(["query", "most-cited", "--endpoint", f"http://127.0.0.1:{port}/query", "--timeout", "2"]) == \
        EXIT_UNREACHABLE


def test_push_resumes_after_the_server_stopped_in_the_middle(built, tmp_path):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    server = OxigraphServer(tmp_path / "db").start()
    sent_before_stop = []

    def stop_after_three(graph: str) -> None:
        sent_before_stop.append(graph)
        if len(sent_before_stop) == 3:
            server.stop()

    try:
        with pytest.raises(RemoteError, match="cannot reach"):
            push_graphs(out, f"{server.base}/store", retries=1, timeout=2, progress=False, on_sent=stop_after_three)
        server.start()
        rerun = push_graphs(out, f"{server.base}/store", progress=False)
        local = graphs_of(out / "graph.nq")
        assert len(rerun.unchanged) == 3 and len(rerun.sent) == len(local) - 3
        remote = RemoteStore(f"{server.base}/query")
        for graph in sorted(local):
            assert _isomorphic(remote, graph, local[graph]), graph
    finally:
        server.stop()


@pytest.mark.parametrize("mode", ["error", "hang"])
def test_a_failing_server_gives_bounded_retries_and_an_error(built, tmp_path, mode):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    with FaultyServer(mode=mode, delay=2.0) as faulty:
        with pytest.raises(RemoteError):
            push_graphs(out, f"{faulty.base}/store", retries=2, timeout=0.5, progress=False)
        assert faulty.requests == 3          # one try and two retries, then it gives up
        with pytest.raises(RemoteError):
            RemoteStore(f"{faulty.base}/query", timeout=1, retries=1).query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert faulty.requests == 5
    assert sorted(path.name for path in out.iterdir()) == ["graph.nq"]   # (nothing written beside the build)


NOT_RESULTS = [b"<html>a web page</html>", b"{}", b"[]", b'{"results": {"bindings": []}}', b'"text"', b"null",
               b'{"head": {"vars": ["g"]}, "results": {"bindings": [1]}}', b'{"head": [], "results": {}}']


@pytest.mark.parametrize("body", NOT_RESULTS, ids=["html", "empty-object", "list", "no-head", "string", "null",
                                                  "row-not-object", "head-a-list"])
def test_push_to_a_server_that_is_not_an_endpoint_is_one_error(built, tmp_path, capsys, body):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    with NotAnEndpoint(body) as server:
        assert main(["push", str(out), "--endpoint", server.base, "--quiet", "--retries", "0"]) == EXIT_UNREACHABLE
        assert server.requests == 1   # (asked what it holds; nothing sent)
    error = capsys.readouterr().err
    assert "not SPARQL JSON results" in error, error   # (main raised KeyError, TypeError; the server's own
    # thread may print a traceback of its own here when kg closes the connection first)


def test_push_to_a_server_whose_count_of_triples_is_not_a_number_is_one_error(built, tmp_path, capsys):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    answer = (b'{"head": {"vars": ["g", "n"]}, "results": {"bindings": [{"g": {"type": "uri", "value": "urn:x:g"}, '
              b'"n": {"type": "literal", "value": "many"}}]}}')
    with NotAnEndpoint(answer) as server:
        assert main(["push", str(out), "--endpoint", server.base, "--quiet", "--retries", "0"]) == EXIT_UNREACHABLE
        assert server.requests == 2   # (what it holds, the counts; nothing sent)
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "the answer to a count of triples is not a number" in error[0], error


def test_push_to_a_server_that_answers_200_and_keeps_nothing_is_an_error(built, tmp_path, capsys):
    """A server that says yes to every PUT and answers every query with no rows (not the store behind the query
    endpoint: a --graph-store of another dataset, a web app) was reported "pushed N graphs"."""
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    with NotAnEndpoint(b'{"head": {"vars": ["g", "hash"]}, "results": {"bindings": []}}') as server:
        assert main(["push", str(out), "--endpoint", server.base, "--quiet", "--retries", "0"]) == EXIT_UNREACHABLE
    error = capsys.readouterr().err
    assert "does not hold what was sent" in error, error


def test_push_with_a_graph_store_of_another_server_is_an_error(built, tmp_path, capsys):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    asked, sent = OxigraphServer(tmp_path / "asked").start(), OxigraphServer(tmp_path / "sent").start()
    try:
        assert main(["push", str(out), "--endpoint", asked.base, "--graph-store", f"{sent.base}/store",
                     "--quiet"]) == EXIT_UNREACHABLE
        assert "does not hold what was sent" in capsys.readouterr().err
        assert main(["push", str(out), "--endpoint", sent.base, "--quiet"]) == EXIT_OK   # (the right pair)
        assert capsys.readouterr().out.startswith("pushed 0 graphs")
    finally:
        asked.stop()
        sent.stop()


BAD_GRAPH_NAMES = ["<https://w3id.org/resolution-kg/id/graph/x>}UNION{GRAPH<a>{?g<b>?hash}}#>",
                   '<https://w3id.org/resolution-kg/id/graph/x"y>', "<https://w3id.org/resolution-kg/id/graph/x{}>"]


@pytest.mark.parametrize("graph", BAD_GRAPH_NAMES, ids=["query-injection", "quote", "braces"])
def test_a_graph_file_edited_to_hold_an_invalid_graph_name_is_refused_before_any_request(built, tmp_path, capsys,
                                                                                           graph):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_text((built / "graph.nq").read_text(encoding="utf-8")
                                  + f"<http://example.org/s> <http://example.org/p> <http://example.org/o> {graph} .\n",
                                  encoding="utf-8")
    with NotAnEndpoint(b"{}") as server:
        assert main(["push", str(out), "--endpoint", server.base, "--quiet"]) == EXIT_BAD_INPUT
        assert server.requests == 0
    error = capsys.readouterr().err
    assert "not an N-Quads line in a named graph" in error, error


HOSTILE = ['x> } ; DROP ALL ; #', '"\n} INSERT DATA { <a> <b> <c> } #', "a" * 20000, "Résolution 决议 🚀 \u202e",
           "itu/pp/res/102> } UNION { ?s ?p ?o"]


def _count(store) -> int:
    return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])


@pytest.mark.parametrize("value", HOSTILE, ids=["drop-all", "insert-data", "very-long", "non-ascii", "union"])
def test_hostile_parameters_are_data(stores, value):
    before = {name: _count(store) for name, store in stores.items()}
    for name, store in stores.items():
        for query_name, parameter in (("cited-by", "work"), ("mandates-of", "addressee"), ("outline", "work")):
            query = next(q for q in QUERIES if q.name == query_name)
            rows = store.query(query.text, bindings=query.bind({parameter: value}))
            assert rows == [], (name, query_name)
    assert {name: _count(store) for name, store in stores.items()} == before


def test_kg_query_cli_formats(built, capsys):
    assert main(["query", "cited-by", "--store", str(built), "--param", "work=itu/pp/res/102", "--format", "csv"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "citing,edition,section,label,text"
    assert any(line.startswith("itu/wtsa/res/75,wtsa-08,considering,b.iii,") for line in lines)
    assert main(["query", "cited-by", "--store", str(built), "--param", "nope=1"]) == 2
    # bytes that are no UTF-8 on the command line (Python holds them as surrogates): one line, exit 2, no traceback
    for pair in ("work=\udcff", "addressee=\udcff"):
        query = "cited-by" if pair.startswith("work") else "mandates-of"
        assert main(["query", query, "--store", str(built), "--param", pair]) == 2
    assert capsys.readouterr().err.count("is not UTF-8 text") == 2


def test_a_value_the_graph_does_not_hold_is_told_from_an_answer_of_none(built, server, capsys):
    """A query of no rows says which value the graph holds nowhere and the nearest it holds (a work key's typo, a
    name's case), on the local store and on an endpoint alike; a value the graph holds with no answer says nothing."""
    for where in (["--store", str(built)], ["--endpoint", f"{server.base}/query"]):
        assert main(["query", "cited-by", *where, "--param", "work=itu/pp/res/1022"]) == EXIT_OK
        out, err = capsys.readouterr()
        assert out.strip().endswith("(0 rows)")
        assert "kg: note: work=itu/pp/res/1022: not in the graph (did you mean itu/pp/res/102" in err, where
        assert main(["query", "mandates-of", *where, "--param", "addressee=member states"]) == EXIT_OK
        assert "addressee=member states: not in the graph (did you mean Member States" in capsys.readouterr().err
        # the Charter: held (cited), and citing nothing (its text is not in the build)
        assert main(["query", "cites", *where, "--param", "work=un/charter"]) == EXIT_OK
        out, err = capsys.readouterr()
        assert out.strip().endswith("(0 rows)") and err == "", (where, err)


def test_kg_serve_answers_queries_and_shows_a_page(built, tmp_path):
    store_copy = tmp_path / "served"
    store_copy.mkdir()
    # the module's own server holds no lock on `built`; kg serve opens the store read-only
    with kg_serving(built) as (_, base):
        rows = RemoteStore(f"{base}/query").query(
            "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://w3id.org/resolution-kg/ontology#Clause> }")
        assert int(rows[0]["n"]) > 1000
        page = urllib.request.urlopen(f"{base}/", timeout=5).read().decode("utf-8", "replace")
        assert "<html" in page.lower()
    port = int(base.rsplit(":", 1)[1])
    # stopping kg serve (SIGTERM, as a service manager does) stops its Oxigraph server: the port is free again
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_server_that_trickles_its_answer_is_cut_off_at_the_time_out(capsys):
    """A 200 whose body comes a byte a second: ``--timeout 2`` ends each try after 2 s (it hung 100 s)."""
    with TricklingServer(every=0.5, length=400) as trickling:
        started = time.monotonic()
        code = main(["query", "most-cited", "--endpoint", f"{trickling.base}/query", "--timeout", "2"])
        took = time.monotonic() - started
        assert trickling.requests == 3   # (one try and two retries)
    assert code == EXIT_UNREACHABLE
    assert took < 15, took
    # (the lines of kg; a faulty server of another test may still print from its threads)
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("kg")]
    assert len(err) == 1 and err[0].startswith("kg: error:") and "no complete answer within 2 s" in err[0], err


def _small_build(folder: Path, *, changed: bool = False) -> Path:
    inputs = folder / "in"
    inputs.mkdir(exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    (inputs / "a.txt").write_text(text, encoding="utf-8")
    (inputs / "b.txt").write_text(text.replace("RESOLUTION 75", "RESOLUTION 76")
                                  .replace("Group on", "Group indeed on" if changed else "Group on"), encoding="utf-8")
    build_graph([inputs], folder / "out", workers=1, progress=False)
    return folder / "out"


def test_push_removes_the_graph_of_an_edited_document_and_resends_to_a_wiped_endpoint(tmp_path, capsys):
    server = OxigraphServer(tmp_path / "db").start()
    try:
        endpoint = f"{server.base}/query"
        out = _small_build(tmp_path)
        assert main(["push", str(out), "--endpoint", endpoint, "--quiet"]) == EXIT_OK
        first = graphs_there(endpoint) - {PUSH_CATALOGUE}
        assert first == set(graphs_of(out / "graph.nq"))
        _small_build(tmp_path, changed=True)   # b.txt edited: its graph has another name
        capsys.readouterr()
        assert main(["push", str(out), "--endpoint", endpoint, "--quiet"]) == EXIT_OK
        assert "1 no longer built removed" in capsys.readouterr().out
        second = graphs_there(endpoint) - {PUSH_CATALOGUE}
        assert second == set(graphs_of(out / "graph.nq")) and second != first
        server.stop()   # the endpoint wiped: its store deleted, while all beside the build says it was pushed
        shutil.rmtree(tmp_path / "db")
        server.start()
        assert main(["push", str(out), "--endpoint", endpoint, "--quiet"]) == EXIT_OK
        assert capsys.readouterr().out.startswith(f"pushed {counted(len(second), 'graph')}")
        assert graphs_there(endpoint) == second | {PUSH_CATALOGUE}
    finally:
        server.stop()


def test_a_push_interrupted_before_it_removed_an_earlier_builds_graphs_removes_them_next_time(tmp_path):
    """Two builds pushed into one endpoint: the second has no analysis graph (a folder that cites nothing); its
    push stopped after sending, before removing the first build's graphs (kill -9, Ctrl-C), must still remove
    them when run again (the first build's analysis graph stayed for good: in no catalogue entry, probed by
    nobody, naming no document)."""
    (tmp_path / "first").mkdir()
    first = _small_build(tmp_path / "first")
    second = tmp_path / "second"
    (second / "in").mkdir(parents=True)
    (second / "in" / "note.txt").write_text("A note that names no resolution at all.\n", encoding="utf-8")
    build_graph([second / "in"], second / "out", workers=1, progress=False)
    second = second / "out"
    analysis = "https://w3id.org/resolution-kg/id/graph/analysis"
    assert analysis in graphs_of(first / "graph.nq") and analysis not in graphs_of(second / "graph.nq")
    server = OxigraphServer(tmp_path / "db").start()

    def interrupt(_graph: str) -> None:
        raise KeyboardInterrupt

    try:
        store = f"{server.base}/store"
        push_graphs(first, store, progress=False)
        with pytest.raises(KeyboardInterrupt):
            push_graphs(second, store, progress=False, on_sent=interrupt)
        result = push_graphs(second, store, progress=False)
        assert analysis in result.removed
        assert graphs_there(f"{server.base}/query") == set(graphs_of(second / "graph.nq")) | {PUSH_CATALOGUE}
        again = push_graphs(second, store, progress=False)   # (and the catalogue lists no graph that is gone)
        assert again.sent == () and again.removed == ()
    finally:
        server.stop()


@pytest.mark.parametrize("bogus", ["0", "1", "e", "f"])   # (the first digit of the true hash replaced: the order the
def test_a_catalogue_with_two_hashes_for_one_graph_gets_the_graph_sent_again(tmp_path, bogus):  # entries come in varies
    """The push catalogue edited by hand: a graph listed twice, once with its true hash; which entry the endpoint
    answers first decided whether the graph was trusted. Neither is: the graph is sent, the catalogue mended."""
    out = _small_build(tmp_path)
    server = OxigraphServer(tmp_path / "db").start()
    try:
        store = f"{server.base}/store"
        push_graphs(out, store, progress=False)
        shared = "https://w3id.org/resolution-kg/id/graph/shared"
        remote = RemoteStore(f"{server.base}/query")
        true_hash = str(remote.query(f"SELECT ?h WHERE {{ GRAPH <{PUSH_CATALOGUE}> {{ <{shared}> ?p ?h }} }}")[0]["h"])
        if true_hash.startswith(bogus):
            bogus = "a"
        graph_store_request(store, "POST", PUSH_CATALOGUE,
                            f'<{shared}> <https://w3id.org/resolution-kg/ontology#pushedHash> "{bogus}{true_hash[1:]}" .\n'
                            .encode())
        result = push_graphs(out, store, progress=False)
        assert result.sent == (shared,)
        hashes = remote.query(f"SELECT ?h WHERE {{ GRAPH <{PUSH_CATALOGUE}> {{ <{shared}> ?p ?h }} }}")
        assert [str(row["h"]) for row in hashes] == [true_hash]
        assert push_graphs(out, store, progress=False).sent == ()
    finally:
        server.stop()


def test_push_sends_what_the_endpoint_lacks_and_removes_what_the_build_no_longer_has(built, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    server = OxigraphServer(tmp_path / "db").start()

    def push(folder: Path) -> str:
        capsys.readouterr()
        assert main(["push", str(folder), "--endpoint", server.base, "--quiet"]) == EXIT_OK
        return capsys.readouterr().out

    try:
        checked = check_push_follows_the_endpoint(out, f"{server.base}/query", f"{server.base}/store", push)
    finally:
        server.stop()
    assert len(checked) == 8


@pytest.fixture(scope="module")
def pushed(built, tmp_path_factory):
    """An Oxigraph server of its own and a copy of the build pushed to it, for the tests that edit the server behind
    kg push's back."""
    folder = tmp_path_factory.mktemp("edited")
    (folder / "out").mkdir()
    (folder / "out" / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    running = OxigraphServer(folder / "db").start()
    push_graphs(folder / "out", f"{running.base}/store", progress=False)
    yield running, folder / "out"
    running.stop()


@pytest.mark.parametrize("case", EDITS_IN_PLACE)
def test_push_sends_again_a_graph_edited_in_place_on_the_endpoint(pushed, capsys, case):
    """A triple added to a pushed graph or removed from it on the endpoint, its catalogue entry left as it was,
    was reported "already there" and left as edited; a literal changed in place (the count unchanged) too, which
    ``--verify`` now sees."""
    server, out = pushed

    def push(folder: Path, *options: str) -> str:
        capsys.readouterr()
        assert main(["push", str(folder), "--endpoint", server.base, "--quiet", *options]) == EXIT_OK
        return capsys.readouterr().out

    checked = check_push_sees_a_graph_edited_in_place(case, out, f"{server.base}/query", f"{server.base}/store", push)
    assert len(checked) == (2 if case == "a literal changed" else 1)


def test_every_edit_in_place_is_checked():
    assert len(EDITS_IN_PLACE) == 4


def _request(url: str, *, data: bytes | None = None, host: str | None = None,
             origin: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data)
    if host is not None:
        request.add_header("Host", host)
    if origin is not None:
        request.add_header("Origin", origin)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _raw_status(port: int, headers: list[bytes], body: bytes = b"") -> int:
    """The status kg serve answers a POST to /query written byte for byte (urllib joins repeated headers)."""
    import socket
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"\r\n".join([b"POST /query HTTP/1.1", b"Host: 127.0.0.1:%d" % port, *headers,
                                         b"Connection: close", b"", b""]) + body)
        return int(connection.recv(64).split(b" ", 2)[1])


def test_kg_serve_has_a_time_out_no_service_a_host_check_and_one_line_for_a_port_in_use(tmp_path):
    out = _small_build(tmp_path)
    with kg_serving(out, "--timeout", "2") as (_, base):
        port = int(base.rsplit(":", 1)[1])
        form = lambda query: urllib.parse.urlencode({"query": query}).encode()
        assert _request(f"{base}/query", data=form("ASK {}"))[0] == 200
        status, text = _request(f"{base}/query", data=form("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> "
                                                           "{ ?s ?p ?o } }"))
        assert (status, "SERVICE is off" in text) == (403, True)
        # (a "." that ends a triple pattern right before SERVICE slipped past the check: the server called out)
        status, text = _request(f"{base}/query", data=form("SELECT * WHERE { ?s ?p ?o .SERVICE "
                                                           "<http://127.0.0.1:9/sparql> { ?a ?b ?c } } LIMIT 1"))
        assert (status, "SERVICE is off" in text) == (403, True)
        # (a comment ended by a carriage return: SPARQL ends it there, the check read on to the line's end)
        status, text = _request(f"{base}/query", data=form("SELECT * WHERE { # hi\rSERVICE <http://127.0.0.1:9/> "
                                                           "{ ?s ?p ?o } }"))
        assert (status, "SERVICE is off" in text) == (403, True)
        # a page of another site posting to it (the Host check passes: the browser sends the server's own)
        assert _request(f"{base}/query", data=form("ASK {}"), origin="http://evil.example")[0] == 403
        assert _request(f"{base}/query", data=form("ASK {}"), origin="null")[0] == 403
        assert _request(f"{base}/query", data=form("ASK {}"), origin=f"http://127.0.0.1:{port}")[0] == 200
        assert _request(f"{base}/query?query=ASK%7B%7D", host=f"rebound.example:{port}")[0] == 421
        assert _request(f"{base}/query?query=ASK%7B%7D", host=f"localhost:{port}")[0] == 200
        # a second Content-Type (the check read the first, the forward sent the last) and bodies past the cap
        service = b"SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
        assert _raw_status(port, [b"Content-Type: text/plain", b"Content-Type: application/sparql-query",
                                  b"Content-Length: %d" % len(service)], service) == 400
        assert _raw_status(port, [b"Content-Type: application/sparql-query", b"Content-Length: 99999999999999"]) == 413
        assert _raw_status(port, [b"Content-Type: application/sparql-query", b"Content-Length: -1"]) == 400
        started = time.monotonic()
        status, text = _request(f"{base}/query", data=form(CARTESIAN))
        assert (status, "time-out of 2 s" in text) == (503, True)
        assert time.monotonic() - started < 15
        assert _request(f"{base}/query", data=form("ASK {}"))[0] == 200   # (served again, the query stopped)
        taken = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(out), "--port", str(port)], check=False,
                               capture_output=True, text=True, timeout=60)
        assert taken.returncode == EXIT_UNREACHABLE
        assert taken.stderr.startswith(f"kg: error: 127.0.0.1:{port}: cannot listen there") and \
            len(taken.stderr.splitlines()) == 1, taken.stderr


def test_kg_serve_outlives_a_query_that_ends_its_oxigraph_and_a_client_that_leaves(tmp_path):
    """(a query of 10,000 patterns ended the Oxigraph server behind kg serve, which then answered 502 to every
    request for good; a client that left before its answer printed tracebacks)"""
    out = _small_build(tmp_path)
    with kg_serving(out, "--timeout", "2") as (process, base):
        huge = "SELECT * WHERE { " + " ".join(f"?s <urn:p{i}> ?o{i} ." for i in range(10000)) + " }"
        status, text = _request(f"{base}/query", data=urllib.parse.urlencode({"query": huge}).encode())
        assert status in (200, 400, 502, 503), (status, text[:200])
        assert _request(f"{base}/query?query=ASK%7B%7D")[0] == 200   # (answered again)
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as client:   # (a client that asks and goes away)
            query = urllib.parse.quote(CARTESIAN)
            client.sendall(f"GET /query?query={query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        time.sleep(4)
        assert _request(f"{base}/query?query=ASK%7B%7D")[0] == 200
    assert "Traceback" not in process.stderr.read()


def test_kg_serve_on_port_0_says_and_answers_the_port_it_was_given(tmp_path):
    """(with --port 0 it printed http://127.0.0.1:0/query and answered every request 421: the hosts it took were
    made from the port asked for, not the one the system gave)"""
    out = _small_build(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(out), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/query", line)
        assert found and found.group(1) != "0", line
        assert _request(f"http://127.0.0.1:{found.group(1)}/query?query=ASK%7B%7D")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_kg_serve_refuses_a_store_a_build_is_writing(tmp_path):
    """kg serve while kg build writes the folder (it holds OUT/.lock): the store is half loaded, or about to be
    deleted and made anew under the server; it was served as it was, with only a warning that it was not optimized."""
    out = _small_build(tmp_path)
    with holding_folder(out):   # (as a build does, from this process: the lock is per open file)
        served = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(out), "--port", str(free_port())],
                                check=False, capture_output=True, text=True, timeout=60)
    assert served.returncode == EXIT_UNREACHABLE, served.stderr
    assert "is writing there" in served.stderr and "Traceback" not in served.stderr, served.stderr
    assert "SPARQL endpoint" not in served.stdout


# Plain SPARQL clients (SPARQLWrapper, curl) against kg serve, its page, and kg push to a writable server.

PARAMETRISED = [q for q in QUERIES if q.parameters]


@pytest.fixture(scope="module")
def served(built):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(built), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(f"{base}/query?query=ASK%7B%7D")
    yield base
    process.terminate()
    process.wait(timeout=10)


def _wrapper_rows(endpoint: str, text: str) -> list[tuple[str, ...]]:
    from SPARQLWrapper import JSON, SPARQLWrapper
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(text)
    wrapper.setReturnFormat(JSON)
    result = wrapper.queryAndConvert()
    variables = result["head"]["vars"]
    return sorted(tuple(row[v]["value"] if v in row else "" for v in variables)
                  for row in result["results"]["bindings"])


def _curl_rows(endpoint: str, text: str) -> list[tuple[str, ...]]:
    answer = subprocess.run(["curl", "-sS", "--fail", endpoint, "-H", "Accept: text/csv", "--data-urlencode",
                             "query@-"], input=text.encode("utf-8"), capture_output=True, check=True)
    import csv
    import io
    rows = list(csv.reader(io.StringIO(answer.stdout.decode("utf-8"))))
    return sorted(tuple(row) for row in rows[1:])


def test_sparqlwrapper_reads_every_query_as_a_query():
    from SPARQLWrapper import SPARQLWrapper
    for query in QUERIES:
        wrapper = SPARQLWrapper("http://127.0.0.1:1/query")
        wrapper.setQuery(query.text)
        assert wrapper.queryType == "SELECT" and not wrapper.isSparqlUpdateRequest(), query.name


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_plain_clients_get_the_answer_of_kg_query(stores, served, query):
    expected = answers(stores["oxigraph"], query)
    text = query.plain_text(query.bind(example_parameters(query)))
    assert _wrapper_rows(f"{served}/query", text) == expected
    if shutil.which("curl"):
        assert len(_curl_rows(f"{served}/query", text)) == len(expected)


@pytest.mark.parametrize("query", PARAMETRISED, ids=[q.name for q in PARAMETRISED])
def test_a_parameter_left_unbound_gives_no_rows(served, query):
    assert len(PARAMETRISED) >= 6
    assert _wrapper_rows(f"{served}/query", query.text) == []
    # a VALUES block appended after the query is joined with its (empty) answer: no rows, never the whole graph
    name = next(iter(query.parameters))
    term = "<https://w3id.org/resolution-kg/id/itu/pp/res/102>" if query.parameters[name] == "iri" else '"Member States"'
    assert _wrapper_rows(f"{served}/query", f"{query.text}VALUES ?{name} {{ {term} }}\n") == []
    # and so does the query with its VALUES line deleted
    without = re.sub(r"VALUES \?\w+ \{[^}]*\}", "", query.text)
    assert "VALUES ?" not in without and _wrapper_rows(f"{served}/query", without) == []


def test_co_cited_counts_the_resolutions_citing_both(stores):
    query = next(q for q in QUERIES if q.name == "co-cited")
    rows = stores["oxigraph"].query(query.text, bindings=query.bind({"work": "itu/pp/res/102"}))
    citing = {str(row["e"]) for row in stores["oxigraph"].query(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> SELECT DISTINCT ?e WHERE { ?e eli:cites "
        "<https://w3id.org/resolution-kg/id/itu/pp/res/102> }")}
    assert rows and all(1 <= int(row["together"]) <= len(citing) for row in rows)


def test_the_page_offers_the_library_escaped_and_runs_it(served):
    with urllib.request.urlopen(f"{served}/", timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode("utf-8")
    assert "default-src 'none'" in policy and "<script" not in page
    for query in QUERIES:
        assert f'id="{query.name}"' in page and html.escape(query.description) in page, query.name
    assert "VALUES ?work { &lt;https://w3id.org/resolution-kg/id/itu/pp/res/102&gt; }" in page
    hostile = 'SELECT ?x WHERE { BIND ("<script>alert(1)</script>" AS ?x) }'
    form = urllib.parse.urlencode({"query": hostile}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{served}/run", data=form), timeout=10) as response:
        result = response.read().decode("utf-8")
    assert "<script>" not in result and result.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    query = next(q for q in QUERIES if q.name == "cited-by")
    form = urllib.parse.urlencode({"query": query.plain_text(query.bind({"work": "itu/pp/res/102"}))}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{served}/run", data=form), timeout=10) as response:
        result = response.read().decode("utf-8")
    assert "<td>itu/wtsa/res/75</td><td>wtsa-08</td><td>considering</td><td>b.iii</td>" in result


def test_kg_serve_is_read_only_and_kg_push_says_so(built, served, tmp_path, capsys):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    code = main(["push", str(out), "--endpoint", served, "--quiet", "--retries", "0"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != EXIT_OK and len(err) == 1 and "403" in err[0], err


@pytest.mark.parametrize("endpoint", ["{base}", "{base}/", "{base}/query"], ids=["base", "base-slash", "query"])
def test_kg_push_to_a_writable_oxigraph_server_by_its_base_url(built, tmp_path, capsys, endpoint):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())
    server = OxigraphServer(tmp_path / "db").start()
    try:
        assert main(["push", str(out), "--endpoint", endpoint.format(base=server.base), "--quiet"]) == EXIT_OK
        assert capsys.readouterr().out.startswith(f"pushed {len(graphs_of(out / 'graph.nq'))} graphs to "
                                                  f"{server.base}/store ")
        query = next(q for q in QUERIES if q.name == "most-cited")
        assert answers(RemoteStore(server.base), query) == answers(OxigraphStore(built / "store", read_only=True),
                                                                   query)
    finally:
        server.stop()


GRAPH_STORES = [
    ("http://127.0.0.1:7878", "http://127.0.0.1:7878/store"),
    ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),
    ("https://example.org:8890/sparql/", "https://example.org:8890/sparql-graph-crud-auth"),
    ("http://localhost:3030/ds/query", "http://localhost:3030/ds/data"),
    ("http://localhost:3030/ds/sparql", "http://localhost:3030/ds/data"),
    ("http://localhost:7200/repositories/kg", "http://localhost:7200/repositories/kg/rdf-graphs/service"),
]


@pytest.mark.parametrize(("endpoint", "expected"), GRAPH_STORES, ids=["oxigraph-base", "oxigraph-query", "virtuoso",
                                                                      "fuseki-query", "fuseki-sparql", "graphdb"])
def test_the_graph_store_url_is_derived_from_what_users_type(endpoint, expected):
    assert graph_store_url(endpoint) == expected


def test_an_endpoint_whose_graph_store_cannot_be_told_is_named(built, capsys):
    code = main(["push", str(built), "--endpoint", "http://127.0.0.1:9/a/b/c", "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--graph-store" in err[0]


def test_a_parameter_given_twice_is_an_error_not_a_choice(built, capsys):
    code = main(["query", "cited-by", "--store", str(built), "--param", "work=itu/pp/res/102",
                 "--param", "work=itu/pp/res/71"])
    assert code == EXIT_BAD_INPUT
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "work given twice" in lines[0], lines
    assert parse_parameters(["work=a", "addressee=b"]) == {"work": "a", "addressee": "b"}   # (two names: both)


# integers past 18 digits (an int64 holds 19), past Python's own limit of 4300 digits for str -> int, and one written
# with a sign and leading zeros (the canonical form is what the store holds)
BIG_INTEGERS = [("9" * 19, "9" * 19), ("-" + "1234567890" * 4, "-" + "1234567890" * 4), ("7" * 5000, "7" * 5000),
                (" +000" + "4" * 25, "4" * 25), ("-000", "0")]


@pytest.mark.parametrize(("given", "canonical"), BIG_INTEGERS, ids=["19-digits", "40-digits-negative", "5000-digits",
                                                                     "sign-and-zeros", "minus-zero"])
def test_an_integer_parameter_of_any_size_is_bound(tmp_path, capsys, given, canonical):
    (tmp_path / "out").mkdir()
    store = OxigraphStore(tmp_path / "out" / "store")
    store.load(f'<urn:kg:small> <urn:kg:n> "5"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:kg:g> .\n'
               f'<urn:kg:found> <urn:kg:n> "{canonical}"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:kg:g> .\n')
    store.close()
    (tmp_path / "out" / "manifest.json").write_text('{"tool": "resolution-kg"}')   # (a build, for kg query)
    query = tmp_path / "numbered.rq"
    query.write_text("# Who holds a number.\n# Parameters: n (integer) - the number.\n"
                     "SELECT ?who WHERE { VALUES ?n { \"parameter:n\" } GRAPH ?g { ?who <urn:kg:n> ?n } }\n",
                     encoding="utf-8")
    assert main(["query", str(query), "--store", str(tmp_path / "out"), "--param", f"n={given}",
                 "--format", "csv"]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.splitlines() == ["who", "urn:kg:found"]
    assert captured.err == ""   # (rdflib logs a traceback when it cannot make a Python int of the digits)
    memory = MemoryStore()
    memory.load(f'<urn:kg:found> <urn:kg:n> "{canonical}"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:kg:g> .\n')
    bindings = load_query(str(query)).bind({"n": given})
    assert [row["who"] for row in memory.query(query.read_text(encoding="utf-8"), bindings=bindings)] == \
        [rdflib.URIRef("urn:kg:found")]


@pytest.mark.parametrize("value", ["1.5", "1e3", "١٢", "12 34", "", "0x10", "--1"])
def test_an_integer_parameter_that_is_not_an_integer_is_an_error(built, tmp_path, capsys, value):
    query = tmp_path / "numbered.rq"
    query.write_text("# Who holds a number.\n# Parameters: n (integer) - the number.\nSELECT ?who WHERE { ?who ?p ?n }\n",
                     encoding="utf-8")
    assert main(["query", str(query), "--store", str(built), "--param", f"n={value}"]) == EXIT_BAD_INPUT
    assert "must be an integer" in capsys.readouterr().err
