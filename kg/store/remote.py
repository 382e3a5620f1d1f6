"""Remote SPARQL 1.1 endpoints: queries by the SPARQL 1.1 Protocol, loading through the Graph Store HTTP Protocol.

``push_graphs`` sends each named graph of a build with one ``PUT`` (the server replaces that graph whole, so a
failed push leaves the previous version, never half of it). What the endpoint holds is asked of the endpoint
itself, cheaply (``endpoint_state``): the graphs of this project there, and a small catalogue graph that the
pushes keep there, each graph's sha256 as sent, and each graph's number of triples there (a graph edited in place
on the endpoint is seen by its count, or whole with ``verify``); only what is missing or different is sent (a wiped
endpoint, or one graph dropped, is sent what it lacks), and the graphs of this project that the build no longer has are
removed (a document edited since the last push). Every request has a time-out for the whole of it (a server that
answers a byte at a time is cut off too; SPARQLWrapper's time-out is per read, so queries are sent here without
it) and a bounded number of retries with back-off. Credentials go as
HTTP basic or digest authentication, whichever the server asks for (Virtuoso's ``/sparql-graph-crud-auth`` asks
for digest).
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier
from tqdm import tqdm

from kg import __version__
from kg.analyze.scores import ANALYSIS_GRAPH
from kg.buildfiles import DamagedFileError, open_build_file
from kg.errors import InputError, KgError, UnreachableError
from kg.ns import BASE, KG
from kg.rdf import ONTOLOGY_GRAPH, SHARED_GRAPH
from kg.store import Row, bind_values
from kg.store.canonical import canonical_digest
from kg.store.exchange import AnswerTooLarge, exchange
from kg.wording import counted

_OWN_GRAPHS = (f"{BASE}graph/", ONTOLOGY_GRAPH)   # the named graphs a build of this project writes, by prefix

USER_AGENT = f"resolution-kg/{__version__} (+https://w3id.org/resolution-kg)"


class RemoteError(UnreachableError):
    """An endpoint that cannot be reached, times out, or keeps answering with an error."""


@dataclass(frozen=True, slots=True)
class Credentials:
    user: str
    password: str

    @classmethod
    def from_environment(cls) -> Credentials | None:
        """``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD``, when both are set."""
        user, password = os.environ.get("KG_ENDPOINT_USER"), os.environ.get("KG_ENDPOINT_PASSWORD")
        return cls(user, password) if user and password is not None else None

    def header(self) -> str:
        return "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()


class _Authorizer:
    """The ``Authorization`` header of each request to one server: none until the server asks (401), then basic
    or digest as its ``WWW-Authenticate`` says; a digest challenge is reused, its nonce counted, until the server
    answers 401 again (a stale nonce), so each graph's body goes once."""

    def __init__(self, credentials: Credentials | None) -> None:
        self.credentials = credentials
        self.scheme: str | None = None
        self.challenge: dict[str, str] = {}
        self._passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        self._digest = urllib.request.HTTPDigestAuthHandler(self._passwords)

    def header(self, method: str, url: str, body: bytes | None) -> dict[str, str]:
        if self.credentials is None or self.scheme is None:
            return {}
        if self.scheme == "basic":
            return {"Authorization": self.credentials.header()}
        self._passwords.add_password(self.challenge.get("realm"), url, self.credentials.user,
                                     self.credentials.password)
        value = self._digest.get_authorization(urllib.request.Request(url, data=body, method=method), self.challenge)
        return {"Authorization": f"Digest {value}"} if value else {}

    def challenged(self, error: urllib.error.HTTPError) -> bool:
        """Take the server's 401 challenge; True when the request should be sent again with it."""
        if self.credentials is None or error.code != 401 or error.headers is None:
            return False
        offers = error.headers.get_all("WWW-Authenticate") or []
        digest = next((offer for offer in offers if offer.lower().startswith("digest ")), None)
        if digest is not None:
            challenge = urllib.request.parse_keqv_list(
                [item for item in urllib.request.parse_http_list(digest[len("digest "):]) if item])
            stale = self.scheme == "digest" and challenge.get("stale", "").lower() == "true"
            retry = self.scheme != "digest" or stale or challenge.get("nonce") != self.challenge.get("nonce")
            self.scheme, self.challenge = "digest", challenge
            return retry
        if self.scheme is None and any(offer.lower().startswith("basic") for offer in offers):
            self.scheme = "basic"
            return True
        return False


def _authorized(authorizer: _Authorizer, method: str, url: str, *, body: bytes | None, headers: Mapping[str, str],
                timeout: float) -> bytes:
    """One request, answering the server's authentication challenge (at most twice: basic or digest, then a stale
    digest nonce)."""
    for _ in range(3):
        try:
            return _http(method, url, body=body, headers={**headers, **authorizer.header(method, url, body)},
                         timeout=timeout)
        except urllib.error.HTTPError as error:
            if not authorizer.challenged(error):
                raise
    raise RemoteError(f"{url}: the endpoint refused the credentials")


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL of a server, from the URL a user gives: its base URL or its query endpoint.

    >>> graph_store_url("http://127.0.0.1:7878"), graph_store_url("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/store', 'http://127.0.0.1:7878/store')
    >>> graph_store_url("http://localhost:8890/sparql")        # Virtuoso
    'http://localhost:8890/sparql-graph-crud-auth'
    >>> graph_store_url("http://localhost:3030/ds/sparql")     # Fuseki
    'http://localhost:3030/ds/data'
    >>> graph_store_url("http://localhost:7200/repositories/kg")  # GraphDB, RDF4J
    'http://localhost:7200/repositories/kg/rdf-graphs/service'
    """
    parts = urllib.parse.urlsplit(endpoint.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(endpoint, "not an http(s) URL")
    path = parts.path.rstrip("/")
    segments = path.split("/")[1:] if path else []
    if not segments or segments == ["query"]:           # Oxigraph (kg serve, oxigraph serve): /query and /store
        store = "/store"
    elif segments == ["sparql"]:                         # Virtuoso: /sparql and /sparql-graph-crud-auth
        store = "/sparql-graph-crud-auth"
    elif len(segments) == 2 and segments[1] in ("query", "sparql"):   # Fuseki: /DATASET/query and /DATASET/data
        store = f"/{segments[0]}/data"
    elif len(segments) == 2 and segments[0] == "repositories":       # GraphDB, RDF4J
        store = f"{path}/rdf-graphs/service"
    else:
        raise InputError(endpoint, "cannot tell this server's Graph Store URL from its query URL: give it with "
                                   "--graph-store (Oxigraph: BASE/store; Fuseki: BASE/DATASET/data; Virtuoso: "
                                   "BASE/sparql-graph-crud-auth)")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, store, "", ""))


def query_url(endpoint: str) -> str:
    """The query endpoint of a server given by its base URL (Oxigraph's ``/query``); any other URL as it is.

    >>> query_url("http://127.0.0.1:7878/"), query_url("http://localhost:8890/sparql")
    ('http://127.0.0.1:7878/query', 'http://localhost:8890/sparql')
    """
    parts = urllib.parse.urlsplit(endpoint.strip())
    if parts.path.strip("/") or parts.query:
        return endpoint.strip()
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/query", "", ""))


def _to_term(binding: Mapping[str, str]) -> Identifier:
    kind = binding["type"]
    if kind == "uri":
        return URIRef(binding["value"])
    if kind == "bnode":
        return BNode(binding["value"])
    if "xml:lang" in binding:
        return Literal(binding["value"], lang=binding["xml:lang"])
    if binding.get("datatype") and binding["datatype"] != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(binding["value"], datatype=URIRef(binding["datatype"]))
    return Literal(binding["value"])


class RemoteStore:
    """A SPARQL 1.1 query endpoint (the store's named graphs must be its default graph, as with Oxigraph's
    ``--union-default-graph``)."""

    def __init__(self, endpoint: str, *, timeout: float = 30.0, retries: int = 2,
                 credentials: Credentials | None = None) -> None:
        self.endpoint = query_url(endpoint)
        self.timeout = timeout
        self.retries = retries
        self.credentials = credentials
        self._authorizer = _Authorizer(credentials)

    def select(self, sparql: str, *,
               bindings: Mapping[str, Identifier] | None = None) -> tuple[list[str], list[Row]]:
        body = urllib.parse.urlencode({"query": bind_values(sparql, bindings or {})}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT,
                   "Accept": "application/sparql-results+json"}
        answer = _with_retries(lambda: _authorized(self._authorizer, "POST", self.endpoint, body=body,
                                                   headers=headers, timeout=self.timeout),
                               self.endpoint, self.retries)
        not_results = RemoteError(f"{self.endpoint}: the answer is not SPARQL JSON results (is it a SPARQL endpoint?)")
        try:
            result = json.loads(answer)
        except (ValueError, RecursionError):   # (RecursionError: arrays nested 100,000 deep)
            raise not_results from None
        if isinstance(result, dict) and "boolean" in result:
            return ["ask"], [{"ask": Literal(bool(result["boolean"]))}]
        try:   # (JSON of another shape, from a server that is not an endpoint: an error, not a traceback)
            names = [str(name) for name in result["head"].get("vars", [])]
            rows = [{str(name): _to_term(value) for name, value in binding.items()}
                    for binding in result["results"]["bindings"]]
        except (KeyError, TypeError, AttributeError):
            raise not_results from None
        return names, rows

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        return self.select(sparql, bindings=bindings)[1]


def _with_retries(call, where: str, retries: int, *, backoff: float = 0.5):
    """Run ``call``; on a time-out, a refused connection or a 5xx answer, retry ``retries`` times with back-off."""
    for attempt in range(retries + 1):
        try:
            return call()
        except AnswerTooLarge as error:
            raise RemoteError(f"{where}: {error}") from None
        except urllib.error.HTTPError as error:
            if error.code < 500 or attempt == retries:
                raise RemoteError(f"{where}: the endpoint answered {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            if attempt == retries:
                reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
                raise RemoteError(f"{where}: cannot reach the endpoint ({reason})") from None
        time.sleep(backoff * (2 ** attempt))
    raise AssertionError("unreachable")


# the largest answer held in memory (JSON results of a few hundred thousand rows; an endless answer stops here)
MAX_ANSWER = 256 << 20


def _http(method: str, url: str, *, body: bytes | None = None, headers: Mapping[str, str],
          timeout: float) -> bytes:
    """One request and its whole answer within ``timeout`` seconds (``kg.store.exchange``). ``HTTPError`` for a
    4xx or 5xx answer; ``TimeoutError`` when the answer is not complete in time."""
    parts = urllib.parse.urlsplit(url)
    answer = exchange(parts.hostname or "localhost", parts.port, method,
                      (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), body=body, headers=headers,
                      timeout=timeout, https=parts.scheme == "https", max_size=MAX_ANSWER)
    if answer.status >= 400:
        message = http.client.HTTPMessage()   # (the answer's headers: a 401's challenge is read from them)
        for name, value in answer.headers:
            message[name] = value
        raise urllib.error.HTTPError(url, answer.status, answer.reason, message, None)
    return answer.body


_MOST_GRAPH_FILE = 1 << 40   # (no bound that a real graph.nq reaches: the check is that it is a regular file)
_GRAPH_NAME = re.compile(r"<[^\x00-\x20<>\"{}|^`\\]+>")   # an IRI as N-Quads writes it (no escapes in our names)


def graphs_of(nquads_file: Path) -> dict[str, list[str]]:
    """The N-Triples lines of each named graph of an N-Quads file, by graph IRI."""
    graphs: dict[str, list[str]] = defaultdict(list)
    try:   # (a regular file only: a link to /dev/zero in its place was read without end)
        raw = open_build_file(nquads_file, max_size=_MOST_GRAPH_FILE)
    except DamagedFileError as error:
        raise InputError(str(nquads_file), error.strerror or "not a file the build wrote") from None
    with io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            parts = line.rsplit(" ", 2)
            # (a file edited by hand: a graph's IRI is written into queries and requests, so it must be one)
            if len(parts) != 3 or parts[2] != "." or not _GRAPH_NAME.fullmatch(parts[1]):
                raise InputError(str(nquads_file), "not an N-Quads line in a named graph", line=number)
            graphs[parts[1][1:-1]].append(parts[0] + " .")
    return graphs


@dataclass(frozen=True, slots=True)
class PushResult:
    sent: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()   # (of ``sent``: the graphs found edited on the endpoint since they were pushed)


_KNOWN_GRAPHS = (SHARED_GRAPH, ANALYSIS_GRAPH, ONTOLOGY_GRAPH)   # the graphs of a build that are not a document's
PUSH_CATALOGUE = f"{BASE}graph/pushed"   # what kg push sent to this endpoint: each graph's sha256, kg:pushedHash
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def query_url_of(graph_store: str) -> str:
    """The query endpoint beside a Graph Store Protocol URL (the inverse of ``graph_store_url``).

    >>> query_url_of("http://127.0.0.1:7878/store"), query_url_of("http://localhost:8890/sparql-graph-crud-auth")
    ('http://127.0.0.1:7878/query', 'http://localhost:8890/sparql')
    >>> query_url_of("http://localhost:3030/ds/data")
    'http://localhost:3030/ds/query'
    """
    parts = urllib.parse.urlsplit(graph_store.strip())
    path = parts.path.rstrip("/")
    for store, query in (("/store", "/query"), ("/sparql-graph-crud-auth", "/sparql"), ("/sparql-graph-crud", "/sparql"),
                         ("/data", "/query"), ("/rdf-graphs/service", "")):
        if path.endswith(store):
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[:-len(store)] + query, "", ""))
    raise InputError(graph_store, "cannot tell the query endpoint beside this Graph Store URL: give it (--endpoint)")


@dataclass(frozen=True, slots=True)
class EndpointState:
    """What an endpoint holds, asked of the endpoint itself: the graphs of this project there (``present``), the
    sha256 of each graph as kg push last sent it (``pushed``, read from the push catalogue graph), and the number
    of triples in each named graph there (``sizes``)."""
    present: frozenset[str]
    pushed: Mapping[str, str]
    sizes: Mapping[str, int]


# one grouped count of every named graph: 0.05 s on Virtuoso for the shared corpus's build (it answers from its
# indexes), 0.3 s on Oxigraph (it reads every quad); naming the graphs in a VALUES block made Virtuoso take 2.5 s
COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def endpoint_state(endpoint: str, others: list[str], *, timeout: float = 30.0,
                   retries: int = 2, credentials: Credentials | None = None) -> EndpointState:
    """Ask the endpoint, in one query that reads no more than an index entry a graph: which document graphs of this
    project it holds (each names itself a ``kg:SourceDocument`` inside it: a lookup by predicate and object, on
    Oxigraph and Virtuoso alike), which of the ``others`` (the shared, analysis and ontology graphs) it holds
    (one probe each), and the push catalogue. ``SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }`` read every
    quad (over 30 s on Virtuoso for the shared corpus); Virtuoso answers ``GRAPH ?g { }`` with one unbound row,
    and a ``FILTER EXISTS`` probe of every graph costs it about 2 ms a graph. A second query counts the triples of each
    named graph (``COUNT_BY_GRAPH``), so that a graph edited in place on the endpoint (a triple added or removed, its
    catalogue entry left as it was) is seen."""
    probe = " ".join(URIRef(graph).n3() for graph in others)
    sparql = (f"SELECT ?g ?hash WHERE {{ {{ GRAPH ?g {{ ?g <{_TYPE}> <{KG.SourceDocument}> }} }}"
              + (f" UNION {{ VALUES ?g {{ {probe} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}" if probe else "")
              + f" UNION {{ GRAPH <{PUSH_CATALOGUE}> {{ ?g <{KG.pushedHash}> ?hash }} }} }}")
    store = RemoteStore(endpoint, timeout=timeout, retries=retries, credentials=credentials)
    present: set[str] = set()
    pushed: dict[str, str] = {}
    for row in store.query(sparql):
        if "g" not in row:
            continue
        if "hash" in row:   # (two entries of one graph, a catalogue edited by hand: neither is trusted)
            graph, digest = str(row["g"]), str(row["hash"])
            pushed[graph] = digest if pushed.get(graph, digest) == digest else ""
        else:
            present.add(str(row["g"]))
    try:
        sizes = {str(row["g"]): int(row["n"]) for row in store.query(COUNT_BY_GRAPH) if "g" in row and "n" in row}
    except ValueError:   # (a count that is not a number: not an endpoint's answer)
        raise RemoteError(f"{store.endpoint}: the answer to a count of triples is not a number") from None
    return EndpointState(frozenset(present), pushed, sizes)


def push_graphs(out: Path, graph_store: str, *, endpoint: str | None = None, timeout: float = 30.0,
                retries: int = 2, credentials: Credentials | None = None, progress: bool = True, force: bool = False,
                verify: bool = False, on_sent: Callable[[str], None] | None = None) -> PushResult:
    """PUT every named graph of ``out/graph.nq`` to a Graph Store Protocol endpoint that the endpoint does not hold
    as it is (``endpoint_state``, asked of its query ``endpoint``: by default the one beside ``graph_store``), then
    DELETE the graphs of this project the build no longer has. The push catalogue graph on the endpoint records
    each graph's sha256: the entries of the graphs about to change are taken out first, and each graph's entry
    added once the endpoint has it (so an interrupted push is taken up where it stopped, and any push, from any
    folder, sees what the endpoint holds). A graph whose entry is right but whose number of triples there is not
    the number sent was edited in place on the endpoint, and is sent again; with ``verify``, every other graph is
    fetched and compared whole (``canonical_digest``: a literal changed in place, the count unchanged).
    ``on_sent`` is called with each graph once the endpoint has it."""
    graph_file = out / "graph.nq"
    if not graph_file.exists():
        raise KgError(f"{out}: no graph.nq (run kg build first)")
    graphs = graphs_of(graph_file)

    def body_of(graph: str) -> bytes:
        return ("\n".join(graphs[graph]) + "\n").encode("utf-8")

    digests = {graph: hashlib.sha256(body_of(graph)).hexdigest() for graph in graphs}
    others = sorted({graph for graph, lines in graphs.items()   # (not a document graph, which names itself one)
                     if f"<{graph}> <{_TYPE}> <{KG.SourceDocument}> ." not in lines}
                    | set(_KNOWN_GRAPHS))   # (probed even when this build has none: an earlier build's are stale)
    sizes = {graph: len(set(lines)) for graph, lines in graphs.items()}

    def as_sent(state: EndpointState) -> set[str]:
        """The graphs the endpoint holds as this build has them: there, with the catalogue entry of what was sent
        and the number of triples sent."""
        return {graph for graph in graphs if graph in state.present and state.pushed.get(graph) == digests[graph]
                and state.sizes.get(graph) == sizes[graph]}

    query_endpoint = endpoint or query_url_of(graph_store)
    state = endpoint_state(query_endpoint, others, timeout=timeout, retries=retries, credentials=credentials)
    authorizer = _Authorizer(credentials)

    def request(method: str, graph: str, body: bytes | None, headers: Mapping[str, str]) -> bytes:
        url = f"{graph_store}{'&' if '?' in graph_store else '?'}graph={quote(graph, safe='')}"
        return _with_retries(lambda: _authorized(authorizer, method, url, body=body, timeout=timeout,
                                                 headers={**headers, "User-Agent": USER_AGENT}),
                             graph_store, retries)

    def send(method: str, graph: str, body: bytes | None) -> None:
        try:
            request(method, graph, body, {"Content-Type": "application/n-triples"})
        except RemoteError as error:
            if method != "DELETE" or " 404 " not in str(error):   # (gone already)
                raise

    def same_there(graph: str) -> bool:
        """The graph fetched from the endpoint holds what the build has (``kg push --verify``)."""
        fetched = request("GET", graph, None, {"Accept": "application/n-triples"})
        if set(fetched.decode("utf-8", "replace").splitlines()) - {""} == set(graphs[graph]):
            return True   # (written back as it was sent: Oxigraph's answer but for its doubles)
        try:
            return canonical_digest(fetched) == canonical_digest(body_of(graph))
        except SyntaxError:
            raise RemoteError(f"{graph_store}: what it answered for {graph} is not N-Triples") from None

    def entries(hashes: Mapping[str, str]) -> bytes:
        return "".join(f"{URIRef(graph).n3()} <{KG.pushedHash}> {Literal(digest).n3()} .\n"
                       for graph, digest in sorted(hashes.items())).encode("utf-8")

    def put_catalogue(hashes: Mapping[str, str]) -> None:
        if hashes:
            send("PUT", PUSH_CATALOGUE, entries(hashes))
        else:
            send("DELETE", PUSH_CATALOGUE, None)

    entered = {graph for graph in graphs if graph in state.present and state.pushed.get(graph) == digests[graph]}
    edited = entered - as_sent(state)   # (its catalogue entry right, its count not: edited in place there)
    if verify:
        edited |= {graph for graph in tqdm(sorted(entered - edited), desc="verifying", unit="graph",
                                           disable=not progress)
                   if not same_there(graph)}
    changed = [graph for graph in sorted(graphs) if force or graph not in entered or graph in edited]
    to_change = set(changed)
    unchanged = sorted(set(graphs) - to_change)
    stale = sorted({graph for graph in state.present | set(state.pushed)
                    if graph.startswith(_OWN_GRAPHS) and graph != PUSH_CATALOGUE} - set(graphs))
    kept = {graph: digest for graph, digest in state.pushed.items() if graph in graphs and graph not in to_change}
    # (the entries of what changes taken out first; a stale graph's entry kept until the graph is deleted, so that a
    # push interrupted before then still finds it next time)
    listed = {**kept, **{graph: state.pushed[graph] for graph in stale if graph in state.pushed}}
    if changed or listed.keys() != state.pushed.keys():
        put_catalogue(listed)
    for graph in tqdm(changed, desc="pushing", unit="graph", disable=not progress):
        send("PUT", graph, body_of(graph))
        send("POST", PUSH_CATALOGUE, entries({graph: digests[graph]}))
        if on_sent is not None:
            on_sent(graph)
    for graph in stale:
        send("DELETE", graph, None)
    if listed.keys() != kept.keys():   # (the stale graphs' entries, now that they are gone)
        put_catalogue({**kept, **{graph: digests[graph] for graph in changed}})
    if changed or stale:   # (asked again: a server that answers 200 and keeps nothing, a Graph Store not behind
        after = endpoint_state(query_endpoint, others, timeout=timeout, retries=retries,  # the query endpoint)
                               credentials=credentials)
        wrong = sorted(set(graphs) - as_sent(after))
        if wrong or after.present & set(stale):
            raise RemoteError(f"{query_endpoint}: after the push it does not hold what was sent to {graph_store} "
                              f"({len(wrong)} of {counted(len(graphs), 'graph')} missing or different, "
                              f"{len(after.present & set(stale))} not removed): is that Graph Store the one behind "
                              "this query endpoint?")
    return PushResult(tuple(changed), tuple(unchanged), tuple(stale), tuple(sorted(edited)))
