"""The one interface the rest of the code uses to talk to a store.

``OxigraphStore`` is the embedded default (pyoxigraph, on disk or in memory); ``MemoryStore`` is rdflib's own
in-memory ``Dataset``, for small graphs and as a reference. Both take N-Quads in bulk, answer SPARQL with the
named graphs seen as one default graph, and take query parameters as RDF terms (never pasted into the text).
Results are rows of rdflib terms, whichever store answered.

>>> store = OxigraphStore()
>>> store.load('<http://a> <http://p> "1" <http://g> .\\n')
>>> [row["o"].toPython() for row in store.query("SELECT ?o WHERE { ?s ?p ?o }", bindings={"s": URIRef("http://a")})]
['1']
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol, cast

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.query import ResultRow
from rdflib.term import Identifier

from kg.errors import EXIT_UNREACHABLE, KgError

Row = dict[str, Identifier]


class StoreError(KgError):
    """A query the store refuses, or a store that cannot be opened (``StoreUnavailableError``)."""


class StoreUnavailableError(StoreError):
    """A store that cannot be opened: not there, held by another process, or damaged."""

    exit_code = EXIT_UNREACHABLE


class GraphStore(Protocol):
    def load(self, nquads: str | bytes, *, bulk: bool = True) -> None: ...
    def remove_graphs(self, graphs: list[str]) -> None: ...
    def remove_quads(self, nquads: str | bytes) -> None: ...
    def select(self, sparql: str, *,
               bindings: Mapping[str, Identifier] | None = None) -> tuple[list[str], list[Row]]: ...
    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> list[Row]: ...
    def count_quads(self) -> int: ...
    def graphs(self) -> list[str]: ...
    def dump(self) -> str: ...


BULK_PART_SIZE = 128 << 20   # bytes of N-Quads for one call of the bulk loader (see bulk_load_parts)
_BULK_FROM = 500_000   # characters (or bytes) of N-Quads: about 3,000 quads
_WHERE = re.compile(r"\bWHERE\s*\{|\{", re.IGNORECASE)
# A query's own VALUES block for one variable: each query of the library that takes a parameter holds one with a
# placeholder (``{ VALUES ?work { <urn:resolution-kg:parameter:work> } FILTER (BOUND(?work)) }``), which a plain
# SPARQL client replaces; a bound parameter takes the placeholder's place.
_OWN_VALUES = re.compile(r"\bVALUES\s+\?(?P<name>[A-Za-z_]\w*)\s*\{[^{}]*\}", re.IGNORECASE)


def bind_values(sparql: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with each parameter bound to an RDF term in a ``VALUES`` block, written by rdflib's own
    serialiser (``n3()``), so a value can never change the query around it: the query's own block of that
    variable (a placeholder) takes the term, or a new block opens the ``WHERE`` block.

    >>> print(bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('x" } ; DROP ALL ; #')}))
    SELECT ?s WHERE { VALUES (?o) { ("x\\" } ; DROP ALL ; #") } ?s ?p ?o }
    >>> print(bind_values("SELECT ?s WHERE { { VALUES ?o { <urn:x> } } ?s ?p ?o }", {"o": URIRef("http://a")}))
    SELECT ?s WHERE { { VALUES ?o { <http://a> } } ?s ?p ?o }
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise StoreError(f"not a SPARQL variable name: {name!r}")
        if not isinstance(bindings[name], (URIRef, Literal)):
            raise StoreError(f"parameter {name} is not an IRI or a literal: {bindings[name]!r}")
    own = {match.group("name") for match in _OWN_VALUES.finditer(sparql)} & set(bindings)
    sparql = _OWN_VALUES.sub(lambda match: f"VALUES ?{match.group('name')} {{ {bindings[match.group('name')].n3()} }}"
                             if match.group("name") in own else match.group(0), sparql)
    names = sorted(set(bindings) - own)
    if not names:
        return sparql
    values = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + \
             " ".join(bindings[n].n3() for n in names) + ") } "
    match = _WHERE.search(sparql)
    if match is None:
        raise StoreError("cannot bind parameters: the query has no WHERE block")
    return f"{sparql[:match.end()]} {values}{sparql[match.end():].lstrip()}"


def _from_oxigraph(term: object) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")


def _shortened(message: str, *, tokens: int = 8) -> str:
    """A parser's message with its list of expected tokens cut to the first few (Oxigraph lists a hundred).

    >>> _shortened("error at 3:1: expected one of A, B, C", tokens=2)
    'error at 3:1: expected one of A, B, ... (1 more)'
    """
    head, said, listed = message.partition("expected one of ")
    expected = listed.split(", ")
    if not said or len(expected) <= tokens:
        return message
    return f"{head}{said}{', '.join(expected[:tokens])}, ... ({len(expected) - tokens} more)"


def change_marker(store_dir: Path) -> Path:
    """The file that stands beside an on-disk store while a build or ``kg analyze`` changes it (bulk loads are
    not transactions): one left behind says that a change did not finish, and the next build starts afresh."""
    return store_dir.with_name(store_dir.name + ".updating")


_OPTIMIZED = "kg-optimized"   # a file inside an on-disk store's folder: the store was compacted for reading


def is_optimized(store_dir: Path) -> bool:
    """Whether ``optimize_store`` compacted the store in ``store_dir`` (a store made anew, in a new folder, is not;
    one changed in place since keeps the mark: a few graphs replaced do not need it again)."""
    return (store_dir / _OPTIMIZED).is_file()


def optimize_store(store_dir: Path) -> bool:
    """Compact the on-disk store in ``store_dir`` for reading, once (Oxigraph's ``optimize``: a bulk load leaves one
    file per million quads in each index, which queries that read much of the store pay for: 25-70% more time).
    Returns whether it did anything. The caller must hold the store (no other process may have it open, even
    read-only: Oxigraph says that reading a store while another process writes it is undefined)."""
    if is_optimized(store_dir):
        return False
    store = OxigraphStore(store_dir)
    try:
        store.optimize()
    except OSError as error:
        raise StoreUnavailableError(f"{store_dir}: cannot optimize the store ({error})") from None
    finally:
        store.close()
    (store_dir / _OPTIMIZED).write_text("optimized by kg\n", encoding="ascii")
    return True


def _open_read_only(path: Path) -> ox.Store:
    """The store at ``path`` opened read-only. A build that makes the store anew at that moment (its folder taken
    away and bulk-loaded again) can leave RocksDB a folder without all its column families ("Column family not
    found: id2str", once in some hundred opens): tried once more, then one error line rather than a traceback."""
    try:
        return ox.Store.read_only(str(path))
    except RuntimeError:
        time.sleep(0.2)
    try:
        return ox.Store.read_only(str(path))
    except RuntimeError as error:
        raise StoreUnavailableError(f"{path}: cannot open the store: the store is being rebuilt "
                                    f"({' '.join(str(error).split())[:200]})") from None


class OxigraphStore:
    """An Oxigraph store: on disk at ``path`` (held by one writer at a time), or in memory when ``path`` is None."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = _open_read_only(self.path)
            else:
                self._store = ox.Store(str(self.path))
        except OSError as error:
            raise StoreUnavailableError(f"{path}: cannot open the store ({error})") from None

    def load(self, nquads: str | bytes, *, bulk: bool = True) -> None:
        """Add N-Quads; an on-disk store takes more than a few thousand of them through the bulk loader unless
        ``bulk`` is False (the plain loader is one transaction: readers see all of it or none; the bulk loader
        is faster past some 3,000 quads, slower below)."""
        if self.path is not None and bulk and len(nquads) > _BULK_FROM:
            self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        else:
            self._store.load(nquads, format=ox.RdfFormat.N_QUADS)

    def remove_graphs(self, graphs: list[str]) -> None:
        for graph in graphs:
            self._store.remove_graph(ox.NamedNode(graph)) if self._store.contains_named_graph(
                ox.NamedNode(graph)) else None

    def remove_quads(self, nquads: str | bytes) -> None:
        """Take out the quads written in ``nquads``."""
        for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            self._store.remove(quad)

    def optimize(self) -> None:
        """Compact the store for reading (after a bulk load: read queries are several times faster)."""
        self._store.optimize()

    def load_file(self, path: str | Path, *, part_size: int | None = None) -> None:
        """Bulk-load an N-Quads file the build wrote, in calls of about ``part_size`` bytes (``bulk_load_parts``).
        Not optimised: a bulk load leaves one file per million quads in each index, which queries read as fast
        (see ``optimize``)."""
        with open(path, "rb") as handle:
            self.bulk_load_parts(lambda: handle.read(1 << 22) or None, part_size=part_size)

    def load_path(self, path: str | Path, rdf_format: ox.RdfFormat) -> None:
        """Add the RDF file at ``path`` (triples go to the default graph)."""
        self._store.load(path=str(path), format=rdf_format)

    def bulk_load_parts(self, next_chunk: Callable[[], bytes | None], *, part_size: int | None = None) -> int:
        """Bulk-load the N-Quads of the chunks ``next_chunk()`` gives until it gives None, written by the build
        (``lenient``: their IRIs are not checked again, a twentieth of the loader's time), in one ``bulk_load``
        call for each part of about ``part_size`` bytes, cut at the first line end past that size: the loader holds
        what one call reads (parsed, encoded and sorted: about 1 KB a quad) until the call ends, so one call of a
        gigabyte grew to 2 GB (``part_size`` by default ``BULK_PART_SIZE``). Returns the number of calls."""
        reader = _PartReader(next_chunk, part_size or BULK_PART_SIZE)
        calls = 0
        while reader.next_part():
            self._store.bulk_load(reader,  # type: ignore[arg-type]  # stub says IO; a raw stream with read() loads too
                                  format=ox.RdfFormat.N_QUADS, lenient=True)
            calls += 1
        return calls

    def select(self, sparql: str, *,
               bindings: Mapping[str, Identifier] | None = None) -> tuple[list[str], list[Row]]:
        """The projected variables, in order, and the rows (an ASK gives ``ask``; a CONSTRUCT ``s``, ``p``, ``o``)."""
        try:
            result = self._store.query(bind_values(sparql, bindings or {}), use_default_graph_as_union=True)
        except SyntaxError as error:
            raise StoreError(f"SPARQL syntax error: {_shortened(str(error))}") from None
        if isinstance(result, ox.QueryBoolean):   # (an ASK)
            return ["ask"], [{"ask": Literal(bool(result))}]
        if isinstance(result, ox.QuerySolutions):
            names = [variable.value for variable in result.variables]
            return names, [{name: _from_oxigraph(solution[name]) for name in names if solution[name] is not None}
                           for solution in result]
        return ["s", "p", "o"], [{"s": _from_oxigraph(t.subject), "p": _from_oxigraph(t.predicate),
                                  "o": _from_oxigraph(t.object)} for t in result]

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        return self.select(sparql, bindings=bindings)[1]

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """The rows of a SELECT as tuples of plain values (a term's lexical form, None where unbound), in the
        order of the projection: for bulk reads (the site reads the whole corpus), where making rdflib terms of
        every value costs twice the query."""
        result = self._store.query(sparql, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("values() reads the rows of a SELECT")
        return [tuple(None if term is None else term.value for term in solution) for solution in result]

    def count_quads(self) -> int:
        return len(self._store)

    def graphs(self) -> list[str]:
        return sorted(graph.value for graph in self._store.named_graphs())

    def dump(self) -> str:
        dumped = self._store.dump(format=ox.RdfFormat.N_QUADS)
        assert dumped is not None   # (bytes when no output is given)
        return dumped.decode("utf-8")

    def close(self) -> None:
        """Let go of the on-disk store (another process may then open it). Not flushed: what was written is in
        RocksDB's write-ahead log already, which the next opening reads; a flush here would wait, when many files
        have piled up from in-place updates, for a compaction to make room (seconds, now and then)."""
        del self._store


class _PartReader(io.RawIOBase):
    """The chunks ``next_chunk()`` gives (until None) as a binary stream read in parts, one ``bulk_load`` call a
    part: a part ends (``readinto`` says end of stream) at the first line end past ``part_size`` bytes, and
    ``next_part`` starts the next one with what is left.

    >>> chunks = iter([b"a\\nbb\\nc", b"c\\nd\\n", None])
    >>> reader, parts = _PartReader(lambda: next(chunks), 3), []
    >>> while reader.next_part():
    ...     parts.append(reader.read())
    >>> parts
    [b'a\\nbb\\n', b'cc\\n', b'd\\n']
    """

    def __init__(self, next_chunk: Callable[[], bytes | None], part_size: int) -> None:
        self._next_chunk = next_chunk
        self._part_size = max(part_size, 1)
        self._current = memoryview(b"")   # what is left of the chunk in hand
        self._left = 0   # bytes the part may still take (at most 0: it ends at the next line end)
        self._open_line = False   # the last byte given was not a line end
        self._ended = False   # next_chunk gave None

    def readable(self) -> bool:
        return True

    def next_part(self) -> bool:
        """Start the next part: False once every chunk was read."""
        self._fill()
        self._left = self._part_size
        return bool(self._current)

    def _fill(self) -> None:
        while not self._current and not self._ended:
            chunk = self._next_chunk()
            if chunk is None:
                self._ended = True
            else:
                self._current = memoryview(chunk)

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]  # (io's own: any writable buffer)
        if self._left <= 0 and not self._open_line:
            return 0
        self._fill()
        view = memoryview(buffer).cast("B")
        size = min(len(view), len(self._current))
        start = max(self._left, 1) - 1   # the part's last byte is at or after this one: look for a line end there
        if size > start:
            end = bytes(self._current[start:size]).find(b"\n")
            size = size if end < 0 else start + end + 1
        view[:size] = self._current[:size]
        self._current = self._current[size:]
        self._left -= size
        self._open_line = size > 0 and view[size - 1] != 0x0A
        return size


class MemoryStore:
    """rdflib's in-memory ``Dataset``: slow past a few hundred thousand quads, but the reference."""

    def __init__(self) -> None:
        self.dataset = rdflib.Dataset(default_union=True)

    def load(self, nquads: str | bytes, *, bulk: bool = True) -> None:
        self.dataset.parse(data=nquads, format="nquads")

    def remove_graphs(self, graphs: list[str]) -> None:
        for graph in graphs:
            self.dataset.remove_graph(self.dataset.graph(URIRef(graph)))

    def remove_quads(self, nquads: str | bytes) -> None:
        removed = rdflib.Dataset()
        removed.parse(data=nquads, format="nquads")
        for quad in removed.quads((None, None, None, None)):
            self.dataset.remove(quad)  # type: ignore[arg-type]  # rdflib's hint: a Graph; the identifier works too

    def select(self, sparql: str, *,
               bindings: Mapping[str, Identifier] | None = None) -> tuple[list[str], list[Row]]:
        result = self.dataset.query(bind_values(sparql, bindings or {}))
        if result.type == "ASK":
            return ["ask"], [{"ask": Literal(bool(result.askAnswer))}]
        if result.type == "SELECT":
            names = [str(v) for v in result.vars or []]
            rows = cast(Iterable[ResultRow], result)   # (a SELECT's result gives rows)
            return names, [{name: value for name in names if isinstance(value := row[name], Identifier)}
                           for row in rows]   # (an unbound variable: None)
        triples = cast(Iterable[tuple[Identifier, Identifier, Identifier]], result)   # (a CONSTRUCT's: triples)
        return ["s", "p", "o"], [{"s": s, "p": p, "o": o} for s, p, o in triples]

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> list[Row]:
        return self.select(sparql, bindings=bindings)[1]

    def count_quads(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def graphs(self) -> list[str]:
        return sorted(str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef)
                      and str(g.identifier) != "urn:x-rdflib:default")

    def dump(self) -> str:
        return self.dataset.serialize(format="nquads")
