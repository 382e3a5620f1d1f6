"""Two different texts of one edition in one build: a user's copy of a resolution in two formats (a .txt and a
.docx), or a variant of it. Each is a graph of its own (named by its text), but their sections, clauses and
citations hang under the edition (``.../wtsa-08/considering/b/iii``: DESIGN.md's IRIs, readable and stable, name
the edition, not the file), so a clause gets two texts, two starts, two orders, and the graph does not conform.
The build cannot tell which text the user means: it names both, and its exit code says the graph will not conform.

Texts that differ only where the graph does not look (a trailing blank line, a foreword before the resolution)
say the same under the edition: they are one text to the graph, and no clash. What each says there is read from
the cache entries of their files, and only where an edition has two texts: a build without any reads nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from kg.job.cache import FileResult, cached_parts
from kg.rdf import edition_iri


def editions_with_two_texts(out: Path, results: Iterable[FileResult]) -> tuple[str, ...]:
    """One line for each document that says something else under its edition (the same own work and edition)
    than an earlier document, naming both, in input order; documents of one text (one graph), or whose graphs say
    the same under the edition, are one text. ``results`` in input order, their cache entries under ``out``."""
    texts: dict[tuple[str, str], dict[str, tuple[str, FileResult]]] = {}   # each text's graph: its first document
    for result in results:
        if result.error is None:
            for document in result.documents:
                texts.setdefault((document.work, document.edition), {}).setdefault(document.graph,
                                                                                   (document.doc, result))
    lines = []
    for (work, edition), graphs in texts.items():
        if len(graphs) < 2:
            continue
        said: dict[str, str] = {}   # what a text says under the edition: its first document
        for graph, (doc, result) in graphs.items():
            digest = said_under(out, result, edition=edition_iri(work, edition), graph=graph)
            if digest not in said:
                if said:
                    lines.append(f"{next(iter(said.values()))} and {doc} are two texts of {edition} ({work}): their "
                                 "sections and clauses share IRIs; kg validate will reject the graph: keep one")
                said[digest] = doc
    return tuple(lines)


def said_under(out: Path, result: FileResult, *, edition: str, graph: str) -> str:
    """The digest of what ``graph`` (one document's, in the cache entry of ``result``'s file) says about
    ``edition`` and its parts (sections, clauses, citations): those triples without the graph they stand in, and
    without the links to the graph itself (``prov:wasDerivedFrom``: one per text, by design). A cache entry that
    cannot be read says what no other does (its graph's name).

    >>> import shutil, tempfile
    >>> from kg.job.cache import cache_path
    >>> out = Path(tempfile.mkdtemp())
    >>> def entry(name, graph, text):
    ...     (out / "cache").mkdir(exist_ok=True)
    ...     cache_path(out, "0", name).with_suffix(".nq").write_text(
    ...         f'<E/s> <text> "{text}" <{graph}> .\\n<E> <derivedFrom> <{graph}> <{graph}> .\\n<E/s> <t> "x" <H> .\\n')
    ...     return FileResult(name, "0")
    >>> one, two, three = entry("a", "G1", "x"), entry("b", "G2", "x"), entry("c", "G3", "y")
    >>> said_under(out, one, edition="E", graph="G1") == said_under(out, two, edition="E", graph="G2")
    True
    >>> said_under(out, one, edition="E", graph="G1") == said_under(out, three, edition="E", graph="G3")
    False
    >>> shutil.rmtree(out)
    """
    under = (f"<{edition}/".encode(), f"<{edition}> ".encode())
    graph_term = f"<{graph}>".encode()
    suffix = b" " + graph_term + b" ."
    triples = []
    try:
        for own, _ in cached_parts(out, result.sha256, result.path):
            for line in own.splitlines():
                if line.startswith(under) and line.endswith(suffix):
                    triple = line[:-len(suffix)]
                    if graph_term not in triple:
                        triples.append(triple)
    except OSError:
        return graph
    return hashlib.sha256(b"\n".join(sorted(set(triples)))).hexdigest()
