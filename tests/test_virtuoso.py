"""OpenLink Virtuoso, as users run it: kg push with its digest authentication, then every query of the library
answers there as on the embedded store; a second push after a change sends only what changed.

Virtuoso (Debian's ``virtuoso-opensource``) is started by the tests with a throwaway ``virtuoso.ini``, its database
in a temporary folder and its ports on 127.0.0.1. Where it is not installed the tests skip with the reason, and
fail with KG_REQUIRE_VIRTUOSO=1 (``.ci/run`` installs it and sets that)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import time

import pytest
from conftest import SEED, corpus_files
from servers import (
    EDITS_IN_PLACE,
    VirtuosoServer,
    check_push_follows_the_endpoint,
    check_push_sees_a_graph_edited_in_place,
)

from kg.cli import main
from kg.errors import EXIT_OK, EXIT_UNREACHABLE
from kg.job import build_graph
from kg.queries import list_queries, parse_parameters
from kg.store import OxigraphStore
from kg.store.remote import RemoteStore, graphs_of
from kg.wording import counted

QUERIES = list_queries()
DOUBLE = "http://www.w3.org/2001/XMLSchema#double"


def _require_virtuoso() -> None:
    if shutil.which("virtuoso-t") is None:
        reason = "virtuoso-t not found (apt-get install virtuoso-opensource)"
        if os.environ.get("KG_REQUIRE_VIRTUOSO") == "1":
            pytest.fail(reason + " but KG_REQUIRE_VIRTUOSO=1")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    _require_virtuoso()
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso") / "db").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("virtuoso-build") / "out"
    inputs = [SEED, *corpus_files("itu-pp18"), *corpus_files("un-ga")[:10], *corpus_files("un-sc")[:10],
              *corpus_files("un-ga-80-pdftext")[:4]]
    result = build_graph(inputs, out, workers=2, progress=False)
    assert result.errors == ()
    return out


@pytest.fixture
def credentials(monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_USER", VirtuosoServer.USER)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", VirtuosoServer.PASSWORD)


def example_parameters(query) -> dict[str, str]:
    example = re.search(r"^#\s*Example:\s*(?P<call>.*)$", query.text, re.MULTILINE).group("call")
    words = shlex.split(example)
    return parse_parameters([words[i + 1] for i, word in enumerate(words) if word == "--param"])


def _cell(term) -> str:
    # Virtuoso writes an xsd:double with 6 significant digits (0.00234419548361 comes back as 0.0023442)
    if getattr(term, "datatype", None) is not None and str(term.datatype) == DOUBLE:
        return f"{float(term):.6g}"
    return "" if term is None else str(term)


def answers(store, query) -> list[tuple[str, ...]]:
    variables, rows = store.select(query.text, bindings=query.bind(example_parameters(query)))
    return sorted(tuple(_cell(row.get(v)) for v in variables) for row in rows)


def test_push_without_credentials_is_refused_with_one_line(virtuoso, built, capsys, monkeypatch):
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    code = main(["push", str(built), "--endpoint", f"{virtuoso.base}/sparql", "--quiet", "--retries", "0"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_UNREACHABLE and len(err) == 1 and "401" in err[0], err


def test_push_then_every_query_answers_as_on_the_embedded_store(virtuoso, built, credentials, capsys):
    started = time.perf_counter()
    assert main(["push", str(built), "--endpoint", f"{virtuoso.base}/sparql", "--quiet",
                 "--timeout", "300"]) == EXIT_OK
    seconds = time.perf_counter() - started
    graphs = graphs_of(built / "graph.nq")
    assert capsys.readouterr().out.startswith(
        f"pushed {len(graphs)} graphs to {virtuoso.base}/sparql-graph-crud-auth (0 already there)")
    print(f"\npushed {len(graphs)} graphs to Virtuoso in {seconds:.1f} s")
    local = OxigraphStore(built / "store", read_only=True)
    remote = RemoteStore(f"{virtuoso.base}/sparql", timeout=120)
    checked = []
    for query in QUERIES:
        assert answers(remote, query) == answers(local, query), query.name
        checked.append(query.name)
    assert len(checked) == len(QUERIES) >= 12


def test_a_second_push_after_a_change_sends_what_changed(virtuoso, built, credentials, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    assert main(["push", str(out), "--endpoint", f"{virtuoso.base}/sparql", "--quiet",
                 "--timeout", "300"]) == EXIT_OK
    capsys.readouterr()
    before = graphs_of(out / "graph.nq")
    inputs = [SEED, *corpus_files("itu-pp18"), *corpus_files("un-ga")[:10], *corpus_files("un-sc")[:10],
              *corpus_files("un-ga-80-pdftext")[:4], corpus_files("un-sc")[10]]
    assert build_graph(inputs, out, workers=2, progress=False).errors == ()
    after = graphs_of(out / "graph.nq")
    changed = {graph for graph in after if after[graph] != before.get(graph)}
    assert len(after) == len(before) + 1 and changed
    assert main(["push", str(out), "--endpoint", f"{virtuoso.base}/sparql", "--quiet",
                 "--timeout", "300"]) == EXIT_OK
    assert capsys.readouterr().out.startswith(f"pushed {counted(len(changed), 'graph')} to ")
    local = OxigraphStore(out / "store", read_only=True)
    remote = RemoteStore(f"{virtuoso.base}/sparql", timeout=120)
    for query in QUERIES:
        assert answers(remote, query) == answers(local, query), query.name


def test_push_sends_what_virtuoso_lacks_and_removes_what_the_build_no_longer_has(virtuoso, built, credentials,
                                                                                   tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())

    def push(folder) -> str:
        capsys.readouterr()
        assert main(["push", str(folder), "--endpoint", f"{virtuoso.base}/sparql", "--quiet",
                     "--timeout", "300"]) == EXIT_OK
        return capsys.readouterr().out

    checked = check_push_follows_the_endpoint(out, f"{virtuoso.base}/sparql",
                                              f"{virtuoso.base}/sparql-graph-crud-auth", push)
    assert len(checked) == 8


@pytest.mark.parametrize("case", EDITS_IN_PLACE)
def test_push_sends_again_a_graph_virtuoso_holds_edited_in_place(virtuoso, built, credentials, tmp_path, capsys,
                                                                  case):
    """As on Oxigraph: a triple added or removed there is seen by every push, a literal changed in place by
    ``--verify``; and ``--verify`` sends nothing when nothing changed, though Virtuoso writes its doubles (the
    analysis graph's scores) with 6 significant digits and its N-Triples with tabs."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.nq").write_bytes((built / "graph.nq").read_bytes())

    def push(folder, *options: str) -> str:
        capsys.readouterr()
        assert main(["push", str(folder), "--endpoint", f"{virtuoso.base}/sparql", "--quiet", "--timeout", "300",
                     *options]) == EXIT_OK
        return capsys.readouterr().out

    push(out)   # (what the other tests left there, mended)
    checked = check_push_sees_a_graph_edited_in_place(case, out, f"{virtuoso.base}/sparql",
                                                      f"{virtuoso.base}/sparql-graph-crud-auth", push)
    assert len(checked) == (2 if case == "a literal changed" else 1)
