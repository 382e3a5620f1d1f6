"""Remote SPARQL 1.1 endpoints: queries through SPARQLWrapper, loading through the Graph Store HTTP Protocol.

``push_graphs`` sends each named graph of a build with one ``PUT`` (the server replaces that graph whole, so a
failed push leaves the previous version, never half of it). It keeps, beside the build, which graph contents
each endpoint already holds: a second push after a failure sends only what is missing or changed. Every request
has a time-out and a bounded number of retries with back-off.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
from tqdm import tqdm

from kg import __version__
from kg.errors import KgError, UnreachableError
from kg.store import Row, bind_values

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
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.credentials = credentials

    def select(self, sparql: str, *,
               bindings: Mapping[str, Identifier] | None = None) -> tuple[list[str], list[Row]]:
        wrapper = SPARQLWrapper(self.endpoint, agent=USER_AGENT)
        # whole-line comments go: SPARQLWrapper reads the query type from the text and can be misled by them
        plain = "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
        wrapper.setQuery(bind_values(plain, bindings or {}))
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(max(1, self.timeout)))
        if self.credentials is not None:
            wrapper.setCredentials(self.credentials.user, self.credentials.password)
        result = _with_retries(lambda: wrapper.queryAndConvert(), self.endpoint, self.retries)
        if "boolean" in result:
            return ["ask"], [{"ask": Literal(bool(result["boolean"]))}]
        names = list(result["head"].get("vars", []))
        rows = [{name: _to_term(value) for name, value in binding.items()} for binding in result["results"]["bindings"]]
        return names, rows

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        return self.select(sparql, bindings=bindings)[1]


def _with_retries(call, where: str, retries: int, *, backoff: float = 0.5):  # noqa: ANN001, ANN202
    """Run ``call``; on a time-out, a refused connection or a 5xx answer, retry ``retries`` times with back-off."""
    for attempt in range(retries + 1):
        try:
            return call()
        except urllib.error.HTTPError as error:
            if error.code < 500 or attempt == retries:
                raise RemoteError(f"{where}: the endpoint answered {error.code} {error.reason}") from None
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as error:
            if attempt == retries:
                reason = getattr(error, "reason", error)
                raise RemoteError(f"{where}: cannot reach the endpoint ({reason})") from None
        except SPARQLWrapperException as error:
            text = str(error).splitlines()[0]
            if "500" not in text or attempt == retries:
                raise RemoteError(f"{where}: {text}") from None
        time.sleep(backoff * (2 ** attempt))
    raise AssertionError("unreachable")


def graphs_of(nquads_file: Path) -> dict[str, list[str]]:
    """The N-Triples lines of each named graph of an N-Quads file, by graph IRI."""
    graphs: dict[str, list[str]] = defaultdict(list)
    with nquads_file.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                continue
            triple, graph, _ = line.rsplit(" ", 2)
            graphs[graph.strip("<>")].append(triple + " .")
    return graphs


@dataclass(frozen=True, slots=True)
class PushResult:
    sent: tuple[str, ...]
    unchanged: tuple[str, ...]


def push_graphs(out: Path, graph_store: str, *, timeout: float = 30.0, retries: int = 2,
                credentials: Credentials | None = None, progress: bool = True, force: bool = False,
                on_sent: Callable[[str], None] | None = None) -> PushResult:
    """PUT every named graph of ``out/graph.nq`` to a Graph Store Protocol endpoint, skipping those the endpoint
    already holds (as recorded in ``out/push-state.json`` after each successful PUT). ``on_sent`` is called with
    each graph once the endpoint has it."""
    graph_file = out / "graph.nq"
    if not graph_file.exists():
        raise KgError(f"{out}: no graph.nq (run kg build first)")
    state_file = out / "push-state.json"
    state: dict[str, dict[str, str]] = json.loads(state_file.read_text()) if state_file.exists() else {}
    held = state.setdefault(graph_store, {})
    sent, unchanged = [], []
    graphs = graphs_of(graph_file)
    for graph in tqdm(sorted(graphs), desc="pushing", unit="graph", disable=not progress):
        body = "\n".join(graphs[graph]) + "\n"
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        if held.get(graph) == digest and not force:
            unchanged.append(graph)
            continue
        url = f"{graph_store}{'&' if '?' in graph_store else '?'}graph={quote(graph, safe='')}"
        request = urllib.request.Request(url, data=body.encode("utf-8"), method="PUT", headers={
            "Content-Type": "application/n-triples", "User-Agent": USER_AGENT})
        if credentials is not None:
            request.add_header("Authorization", credentials.header())
        _with_retries(lambda: urllib.request.urlopen(request, timeout=timeout).close(), graph_store, retries)
        held[graph] = digest
        sent.append(graph)
        temporary = state_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=1, sort_keys=True))
        temporary.replace(state_file)
        if on_sent is not None:
            on_sent(graph)
    return PushResult(tuple(sent), tuple(unchanged))
