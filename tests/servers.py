"""Real servers on loopback for the tests: the Oxigraph server, and a deliberately faulty HTTP server."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

from kg.store.serve import server_command
from kg.wording import counted


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, *, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up within {seconds} s")


@contextlib.contextmanager
def kg_serving(folder: Path, *options: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``kg serve FOLDER`` on a free loopback port: its process and base URL once it has said its endpoint and
    answers; stopped as a service manager stops it (SIGTERM) afterwards."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(folder), "--port", str(port), *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        said = process.stdout.readline() if process.stdout else ""
        assert said.startswith(f"SPARQL endpoint: {base}/query"), said
        wait_until_up(f"{base}/query?query=ASK%7B%7D")
        yield process, base
    finally:
        process.terminate()
        process.wait(timeout=10)


class OxigraphServer:
    """``oxigraph serve`` on 127.0.0.1, persisting to ``location`` so it can be stopped and started again."""

    def __init__(self, location: Path, port: int | None = None) -> None:
        self.location = location
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> OxigraphServer:
        self.process = subprocess.Popen(server_command(self.location, self.port, read_only=False),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(f"{self.base}/query?query=ASK%7B%7D")
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


class _LoopbackServer:
    """A threaded HTTP server on a free loopback port whose every request ``answer(handler)`` answers, counted in
    ``requests``; a context manager that starts and stops it."""

    def __init__(self) -> None:
        self.requests = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                owner.requests += 1
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.answer(self)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class FaultyServer(_LoopbackServer):
    """An HTTP server on loopback that answers 500 to everything, or never answers in time."""

    def __init__(self, *, mode: str, delay: float = 3.0) -> None:
        super().__init__()
        self.mode, self.delay = mode, delay

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        if self.mode == "hang":
            time.sleep(self.delay)
        handler.send_response(500)
        handler.end_headers()
        handler.wfile.write(b"internal error")


class NotAnEndpoint(_LoopbackServer):
    """An HTTP server on loopback that answers 200 to everything with a body that is not SPARQL JSON results."""

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.body = body

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        handler.wfile.write(self.body)


class TricklingServer(_LoopbackServer):
    """An HTTP server on loopback that answers 200 at once, then sends its body a byte every ``every`` seconds."""

    def __init__(self, *, every: float = 1.0, length: int = 1000) -> None:
        super().__init__()
        self.every, self.length = every, length

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.send_header("Content-Length", str(self.length))
        handler.end_headers()
        try:
            for _ in range(self.length):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(self.every)
        except OSError:
            pass


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


class VirtuosoServer:
    """OpenLink Virtuoso (Debian's ``virtuoso-opensource``) with its database in ``folder`` and both of its ports
    (SQL and HTTP) on 127.0.0.1; the administrator is ``dba``/``dba``, as in a fresh database. Its SPARQL endpoint
    is ``/sparql``, its Graph Store (digest authentication) ``/sparql-graph-crud-auth``."""

    USER = PASSWORD = "dba"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.http_port, self.sql_port = free_port(), free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self) -> VirtuosoServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=self.folder, sql_port=self.sql_port, http_port=self.http_port))
        self.process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)],
                                        cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(f"{self.base}/sparql?query=ASK%7B%7D", seconds=120)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self.process = None


def graphs_there(query_endpoint: str, among: set[str] | None = None) -> set[str]:
    """The named graphs the endpoint holds: all of them (by scanning it: for the tests' small Oxigraph stores), or
    those of ``among`` (one probe each: Virtuoso took minutes to scan even a test's store, and holds graphs of its
    own)."""
    from rdflib import URIRef

    from kg.store.remote import Credentials, RemoteStore
    store = RemoteStore(query_endpoint, timeout=300, credentials=Credentials.from_environment())
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }" if among is None else (
        "SELECT ?g WHERE { VALUES ?g { " + " ".join(URIRef(g).n3() for g in sorted(among)) +
        " } FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }")
    return {str(row["g"]) for row in store.query(query) if "g" in row}


def graph_store_request(graph_store: str, method: str, graph: str, body: bytes | None = None) -> None:
    """One Graph Store Protocol request made behind kg push's back (credentials from the environment)."""
    from urllib.parse import quote

    from kg.store.remote import Credentials, _authorized, _Authorizer
    _authorized(_Authorizer(Credentials.from_environment()), method, f"{graph_store}?graph={quote(graph, safe='')}",
                body=body, headers={"Content-Type": "application/n-triples"}, timeout=120)


def check_push_follows_the_endpoint(out: Path, query_endpoint: str, graph_store: str, push) -> list[str]:
    """Damage the endpoint behind kg push's back, case by case, and check that the next ``push(folder)`` (which
    returns kg push's summary line) sends exactly what the endpoint lacks and removes what the build no longer
    has, whatever ``push-state.json`` or anything else beside the build says. Returns the cases checked."""
    from kg.ns import BASE
    from kg.store.remote import PUSH_CATALOGUE, graphs_of

    built = set(graphs_of(out / "graph.nq"))
    document = min(g for g in built if g.startswith(f"{BASE}graph/") and not g.endswith(("/shared", "/analysis")))
    shared, extra = f"{BASE}graph/shared", f"{BASE}graph/00000000000000000000000000000000"
    other = out.parent / f"{out.name}-other"   # another build folder whose shared graph differs by one line
    other.mkdir(exist_ok=True)
    candidates = built | {PUSH_CATALOGUE, extra}
    line = f'<urn:x:s> <urn:x:p> "another build" <{shared}> .\n'
    (other / "graph.nq").write_text((out / "graph.nq").read_text(encoding="utf-8") + line, encoding="utf-8")

    def drop(*graphs: str):
        return lambda: [graph_store_request(graph_store, "DELETE", graph) for graph in graphs]

    def put_extra() -> None:   # a document graph an earlier push left (its document since edited): not built now
        graph_store_request(graph_store, "PUT", extra, (
            f"<{extra}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            f"<https://w3id.org/resolution-kg/ontology#SourceDocument> .\n").encode())

    cases = [  # id, what is done behind push's back, graphs then sent, removed
        ("an empty endpoint", lambda: drop(*graphs_there(query_endpoint, candidates))(), len(built), 0),
        ("nothing changed", lambda: None, 0, 0),
        ("one document graph dropped", drop(document), 1, 0),
        ("the shared graph dropped", drop(shared), 1, 0),
        ("a stale graph of this project", put_extra, 0, 1),
        ("another folder pushed another shared graph", lambda: push(other), 1, 0),
        ("the catalogue dropped", drop(PUSH_CATALOGUE), len(built), 0),
        ("wiped", lambda: drop(*graphs_there(query_endpoint, candidates))(), len(built), 0),
    ]
    checked = []
    for case, damage, sent, removed in cases:
        damage()
        summary = push(out)
        assert summary.startswith(f"pushed {counted(sent, 'graph')} to {graph_store} ({len(built) - sent} already there"), \
            (case, summary)
        assert (f", {removed} no longer built removed" in summary) == bool(removed), (case, summary)
        assert graphs_there(query_endpoint, candidates) == built | {PUSH_CATALOGUE}, case
        checked.append(case)
    from kg.store.remote import RemoteStore
    assert RemoteStore(query_endpoint).query('ASK { ?s ?p "another build" }')[0]["ask"].toPython() is False
    return checked


def holds(query_endpoint: str, graph: str, line: str) -> bool:
    """The endpoint holds the triple of an N-Triples ``line`` in ``graph`` (asked with its terms bound)."""
    import rdflib
    from rdflib import URIRef

    from kg.store.remote import RemoteStore
    ((s, p, o),) = rdflib.Graph().parse(data=line, format="nt")
    rows = RemoteStore(query_endpoint, timeout=120).query("ASK { GRAPH ?g { ?s ?p ?o } }",
                                                          bindings={"g": URIRef(graph), "s": s, "p": p, "o": o})
    return rows[0]["ask"].toPython() is True


EDITS_IN_PLACE = ["a triple added", "a triple removed", "a literal changed", "nothing changed"]


def check_push_sees_a_graph_edited_in_place(case: str, out: Path, query_endpoint: str, graph_store: str,
                                            push) -> list[str]:
    """Edit a pushed document graph in place on the endpoint (``case``, one of ``EDITS_IN_PLACE``), its type triple
    and the push catalogue left as they are, and check that the next ``push(folder, *options)`` (which returns kg
    push's summary line) sends it again, and that the endpoint then holds the build's triples. A literal changed
    with the number of triples unchanged is seen by ``--verify`` only; with nothing changed, ``--verify`` sends
    nothing. Returns the steps checked."""
    from kg.ns import BASE
    from kg.store.remote import graphs_of

    built = graphs_of(out / "graph.nq")
    document = min(g for g in built if g.startswith(f"{BASE}graph/") and not g.endswith(("/shared", "/analysis")))
    lines = sorted(built[document])
    # a triple with a plain string literal (its source file, its title), not the type triple that names the graph
    edited_line = next(line for line in lines if line.endswith('" .') and "#type>" not in line)
    changed_line = edited_line[:-len('" .')] + ' (edited)" .'
    added_line = f'<{document}> <http://purl.org/dc/terms/description> "added behind kg push\'s back" .'

    def put(graph_lines: list[str]):
        return lambda: graph_store_request(graph_store, "PUT", document, "".join(f"{line}\n" for line in graph_lines)
                                           .encode("utf-8"))

    def nothing() -> None:
        pass

    steps = {  # each step: the edit made behind push's back, push's options, graphs then sent, a line there or not
        "a triple added": [(lambda: graph_store_request(graph_store, "POST", document, f"{added_line}\n".encode()),
                            (), 1, (added_line, False))],
        "a triple removed": [(put([line for line in lines if line != edited_line]), (), 1, (edited_line, True))],
        "a literal changed": [   # (the count unchanged: the count does not see it, --verify does)
            (put([changed_line if line == edited_line else line for line in lines]), (), 0, (changed_line, True)),
            (nothing, ("--verify",), 1, (changed_line, False))],
        "nothing changed": [(nothing, ("--verify",), 0, (edited_line, True))],
    }[case]
    checked = []
    for edit, options, sent, (line, there) in steps:
        edit()
        summary = push(out, *options)
        step = f"{case} {options}"
        assert summary.startswith(f"pushed {counted(sent, 'graph')} to {graph_store} ({len(built) - sent} already "
                                  "there"), (step, summary)
        assert (f", {sent} edited there since sent again" in summary) == bool(sent), (step, summary)
        assert holds(query_endpoint, document, line) is there, step
        checked.append(step)
    assert holds(query_endpoint, document, edited_line) and not holds(query_endpoint, document, added_line)
    return checked
