"""``kg serve``: a local SPARQL endpoint over a built store, on 127.0.0.1.

The Oxigraph server answers the queries (read-only: an on-disk Oxigraph store has one writer at a time, so it is
stopped before the next build), behind a small front server of ours on the port asked for, which keeps what a
local endpoint must keep and Oxigraph does not:

- a query's time-out (``--timeout``, 60 s): Oxigraph's own does not stop a query that is still computing (a
  cartesian product kept both cores busy for minutes after its client had gone), so a query past it is answered
  503 and stopped by starting the Oxigraph server again;
- ``SERVICE`` off unless ``--allow-service``: it makes the server call any address a query names;
- requests whose ``Host`` is not this machine's loopback name refused (421): a web page elsewhere could
  otherwise reach the endpoint through DNS rebinding; and those whose ``Origin`` is another site's (403): a page
  elsewhere could post queries to it;
- a port in use: one line, exit 3.

Before serving, ``kg serve`` has the store optimized (once: ``kg.job.optimize``), as a server answers many queries.

Its web page at ``/`` is the query library, ready to run (``kg.store.page``: each query's rows at ``/run``).
"""

from __future__ import annotations

import http.client
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KgError, UnreachableError
from kg.queries import list_queries
from kg.store.exchange import exchange
from kg.store.folder import built_folder
from kg.store.page import POLICY, index_page, results_page

QUERY_TIMEOUT = 60.0   # seconds
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
               "transfer-encoding", "upgrade", "content-length", "host"}
_LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]"}
# what in a query is not a keyword: strings (long ones first), IRIs, comments
_NOT_KEYWORDS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
                           r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n\r]*")   # (a comment ends at CR too)
# (a "." before it ends a triple pattern, "?s ?p ?o .SERVICE <...>": no exception for it; a prefixed name with a
# dot before "SERVICE" in it, ex:a.SERVICE, is refused too: better a harmless query refused than a call let out)
_SERVICE = re.compile(r"(?<![\w:?$-])SERVICE(?![\w:.-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether the query holds the keyword ``SERVICE`` (in a string, an IRI, a comment or a name it is not one).

    >>> uses_service("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"), uses_service('SELECT ("SERVICE" AS ?x) {}')
    (True, False)
    >>> uses_service("SELECT ?service WHERE { ?service <http://x/service> ex:service }")
    False
    >>> uses_service("SELECT * WHERE { ?s ?p ?o .SERVICE <http://x/> {} }"), uses_service("{ {}SERVICE <x:> {} }")
    (True, True)
    >>> uses_service("SELECT * WHERE { # a comment\\rSERVICE <http://x/> {} }")
    True
    """
    return bool(_SERVICE.search(_NOT_KEYWORDS.sub(" ", query)))


def oxigraph_command() -> str:
    """The ``oxigraph`` program of the PyPI package ``oxigraph`` (in this environment's ``bin``, or on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise KgError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def server_command(location: Path | None, port: int, *, read_only: bool) -> list[str]:
    """The command line that serves ``location`` (in memory when None) on 127.0.0.1:port."""
    command = [oxigraph_command(), "serve-read-only" if read_only else "serve"]
    if location is not None:
        command += ["--location", str(location)]
    return command + ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]


class _Backend:
    """The Oxigraph server behind the front one, on a free loopback port; started again to stop a query."""

    def __init__(self, store: Path, timeout: float) -> None:
        self.store, self.timeout = store, timeout
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.start()

    def start(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # (its errors in a file, not a pipe: a server that logs much would block on a full pipe; the server keeps
        # its own descriptor of the file)
        with tempfile.TemporaryFile() as errors:
            self.process = subprocess.Popen(server_command(self.store, self.port, read_only=True) +
                                            ["--timeout-s", str(max(1, int(self.timeout)))],
                                            stdout=subprocess.DEVNULL, stderr=errors)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    errors.seek(0)
                    message = errors.read(4096).decode("utf-8", "replace")
                    raise UnreachableError(f"{self.store}: the Oxigraph server did not start "
                                           f"({message.strip().splitlines()[0] if message.strip() else 'no reason given'})")
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{self.port}/query?query=ASK%7B%7D", timeout=1).close()
                    return
                except OSError:
                    time.sleep(0.1)
        raise UnreachableError(f"{self.store}: the Oxigraph server did not answer within 20 s")

    def ended(self, port_seen: int, *, within: float = 2.0) -> bool:
        """Whether the server that answered on ``port_seen`` has ended (waiting ``within`` seconds for a process
        that closed its connections to be gone); one started again since has not."""
        process = self.process
        if self.port != port_seen or process is None:
            return self.port != port_seen
        try:
            process.wait(timeout=within)
        except subprocess.TimeoutExpired:
            return False
        return True

    def restart(self, port_seen: int) -> None:
        """Stop the server (and the query it computes) and start another, unless that was done already."""
        with self.lock:
            if self.port != port_seen:
                return
            self.stop()
            self.start()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def serve(out: Path, port: int, *, timeout: float = QUERY_TIMEOUT, allow_service: bool = False,
          ready: threading.Event | None = None, prepare: Callable[[], object] | None = None) -> int:
    """Serve ``out/store`` on 127.0.0.1:``port`` until interrupted (Ctrl-C, SIGTERM); returns 0. ``prepare`` is
    called once the port is taken, before the store is opened (``kg serve`` optimizes the store there)."""
    store = built_folder(out) / "store"
    try:
        front = ThreadingHTTPServer(("127.0.0.1", port), _handler(timeout, allow_service))
    except OSError as error:
        raise UnreachableError(f"127.0.0.1:{port}: cannot listen there ({error.strerror or error}): another "
                               "server holds it? (--port N)") from None
    front.daemon_threads = True
    port = front.server_port   # (the one the system gave for --port 0)
    backend = None
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if on_main_thread else None
    try:
        if prepare is not None:
            prepare()
        backend = front.backend = _Backend(store, timeout)  # type: ignore[attr-defined]
        print(f"SPARQL endpoint: http://127.0.0.1:{port}/query  (web page: http://127.0.0.1:{port}/ ; Ctrl-C stops)",
              flush=True)
        if ready is not None:
            ready.set()
        front.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        front.server_close()
        if backend is not None:
            backend.stop()
        if on_main_thread:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


MAX_REQUEST_BYTES = 16 * 1024 * 1024   # a query or one named graph pushed through the front


def _handler(timeout: float, allow_service: bool) -> type[BaseHTTPRequestHandler]:
    index = index_page(list_queries())

    class Front(BaseHTTPRequestHandler):
        server_version = "kg-serve"
        protocol_version = "HTTP/1.1"

        def _forward(self) -> None:
            names = [name.lower() for name in self.headers]
            if len(names) != len(set(names)):   # (what is checked must be what is forwarded: one value a header)
                self.close_connection = True
                return self._refuse(400, "a header given twice (kg serve takes each header once)")
            length_text = self.headers.get("Content-Length") or "0"
            if not length_text.isdigit() or int(length_text) > MAX_REQUEST_BYTES:
                self.close_connection = True
                return self._refuse(413 if length_text.isdigit() else 400,
                                    f"a request body of at most {MAX_REQUEST_BYTES:,} bytes (Content-Length: "
                                    f"{length_text[:40]})")
            length = int(length_text)
            body = self.rfile.read(length) if length else None
            port = self.server.server_port  # type: ignore[attr-defined]  # (an HTTPServer)
            hosts = {f"{name}:{port}" for name in _LOOPBACK_NAMES} | (_LOOPBACK_NAMES if port == 80 else set())
            host = (self.headers.get("Host") or "").lower()
            if host not in hosts:
                return self._refuse(421, f"kg serve answers requests for 127.0.0.1:{port} or localhost:{port} only "
                                         f"(Host: {host or 'none'})")
            origin = (self.headers.get("Origin") or "").lower()
            if origin and origin.removeprefix("http://") not in hosts:
                # (a page of another site posting to the server: it cannot read the answer, but it would make the
                # server work, or call out if SERVICE were on)
                return self._refuse(403, f"kg serve answers its own page and clients that send no Origin only "
                                         f"(Origin: {origin[:80]})")
            query = _query_of(self.path, self.headers.get("Content-Type") or "", body)
            if query is not None and not allow_service and uses_service(query):
                return self._refuse(403, "SERVICE is off in kg serve (it would make the server call other "
                                         "addresses); kg serve --allow-service turns it on")
            backend = self.server.backend  # type: ignore[attr-defined]
            port_seen = backend.port
            where = urllib.parse.urlsplit(self.path).path
            if self.command in ("GET", "HEAD") and where in ("/", "/index.html"):
                return self._page(200, index)
            if self.command == "POST" and where == "/run":
                text = query or ""
                try:
                    status, _, _, answer = _exchange(port_seen, "POST", "/query", text.encode("utf-8"), {
                        "Content-Type": "application/sparql-query; charset=utf-8",
                        "Accept": "application/sparql-results+json"}, timeout)
                except TimeoutError:
                    backend.restart(port_seen)
                    status, answer = 503, f"the query ran past the time-out of {timeout:g} s".encode()
                except (OSError, http.client.HTTPException) as error:
                    status, answer = 502, f"the Oxigraph server did not answer ({error})".encode()
                return self._page(200 if status == 200 else 400, results_page(text, status, answer))
            headers = {name: value for name, value in self.headers.items() if name.lower() not in _HOP_BY_HOP}
            for attempt in (1, 2):
                try:
                    status, reason, answer_headers, answer = _exchange(port_seen, self.command, self.path, body,
                                                                        headers, timeout)
                    break
                except TimeoutError:
                    backend.restart(port_seen)
                    return self._refuse(503, f"the query ran past the time-out of {timeout:g} s and was stopped "
                                             "(kg serve --timeout)")
                except (OSError, http.client.HTTPException) as error:
                    if not backend.ended(port_seen):
                        return self._refuse(502, f"the Oxigraph server did not answer ({error})")
                    backend.restart(port_seen)   # (a query ended it: this one, or, refused at once, one before)
                    port_seen = backend.port
                    if attempt == 2 or not isinstance(error, ConnectionRefusedError):
                        return self._refuse(502, f"the Oxigraph server stopped on this query ({error}) and was "
                                                 "started again")
            self.send_response(status, reason)
            for name, value in answer_headers:
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer)

        def _page(self, status: int, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy", POLICY)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _refuse(self, status: int, message: str) -> None:
            data = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = _forward

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError, TimeoutError):   # (the client went away: no one to tell)
                self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    return Front


def _query_of(path: str, content_type: str, body: bytes | None) -> str | None:
    """The query (or update) a request carries: in the URL, a form, or the body itself."""
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("query", []) + \
        urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("update", [])
    if body:
        kind = content_type.split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            found += form.get("query", []) + form.get("update", [])
        elif kind in ("application/sparql-query", "application/sparql-update"):
            found.append(body.decode("utf-8", "replace"))
    return "\n".join(found) if found else None


def _exchange(port: int, method: str, path: str, body: bytes | None, headers: dict[str, str],
              timeout: float) -> tuple[int, str, list[tuple[str, str]], bytes]:
    """One request to the Oxigraph server and its whole answer within ``timeout`` (else ``TimeoutError``)."""
    answer = exchange("127.0.0.1", port, method, path, body=body, headers=headers, timeout=timeout)
    return answer.status, answer.reason, answer.headers, answer.body
