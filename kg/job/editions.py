"""Two different texts of one edition in one build: a user's copy of a resolution in two formats (a .txt and a
.docx), or a variant of it. Each is a graph of its own (named by its text), but their sections, clauses and
citations hang under the edition (``.../wtsa-08/considering/b/iii``: DESIGN.md's IRIs, readable and stable, name
the edition, not the file), so a clause gets two texts, two starts, two orders, and the graph does not conform.
The build cannot tell which text the user means: it names both, and its exit code says the graph will not conform.

Texts that differ only where the graph does not look (a trailing blank line, a foreword before the resolution)
say the same under the edition: they are one text to the graph, and no clash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from kg.job.cache import FileResult


class EditionLines:
    """What one document says under its own edition: the digest of the set of its triples whose subject is the
    edition or a part of it (sections, clauses, citations), without the graph they stand in and without the links
    to the document's own graph (``prov:wasDerivedFrom``: one per text, by design). Two documents of one edition
    with the same digest say the same there; with different ones, their union does not conform.

    >>> def lines(text): return {f"<E/s/1> <text> {text!r} <G{text}> .\\n", "<W> <title> 'a' <G> .\\n"}
    >>> one, two = EditionLines("E", "G1"), EditionLines("E", "G2")
    >>> one.add(lines("x")); two.add(lines("x"))
    >>> one.digest() == two.digest()
    True
    >>> two.add(lines("y"))
    >>> one.digest() == two.digest()
    False
    """

    def __init__(self, edition: str, graph: str) -> None:
        self._subject, self._part, self._graph = f"<{edition}>", f"<{edition}/", f"<{graph}>"
        self._hashes: set[bytes] = set()   # (a set: a long document's batches may repeat a line)

    def add(self, lines: Iterable[str]) -> None:
        under, graph = (self._part, self._subject), self._graph
        for line in lines:
            if line.startswith(under):
                triple = line.rsplit(" ", 2)[0]   # (the graph and the final dot taken off)
                if graph not in triple:
                    self._hashes.add(hashlib.blake2b(triple.encode("utf-8"), digest_size=12).digest())

    def digest(self) -> str:
        return hashlib.sha256(b"".join(sorted(self._hashes))).hexdigest()[:32]


def editions_with_two_texts(results: Iterable[FileResult]) -> tuple[str, ...]:
    """One line for each document that says something else under its edition (the same own work and edition)
    than an earlier document, naming both, in input order; documents that say the same there are one text.

    >>> from kg.job.cache import DocumentSummary
    >>> def doc(name, digest):
    ...     return DocumentSummary(name, "itu/wtsa/res/75", 0, 0, 0, (), (), edition="wtsa-08", edition_digest=digest)
    >>> texts = [FileResult("a.txt", "1", documents=(doc("a.txt", "d1"),)),
    ...          FileResult("b.txt", "2", documents=(doc("b.txt", "d1"),)),
    ...          FileResult("c.docx", "3", documents=(doc("c.docx", "d2"),))]
    >>> print(*editions_with_two_texts(texts))
    a.txt and c.docx are two texts of wtsa-08 (itu/wtsa/res/75): their sections and clauses share IRIs; kg \
validate will reject the graph: keep one
    """
    first: dict[tuple[str, str], dict[str, str]] = {}   # (work, edition) -> each text's digest -> its first document
    lines = []
    for result in results:
        if result.error is not None:
            continue
        for document in result.documents:
            texts = first.setdefault((document.work, document.edition), {})
            if document.edition_digest in texts:
                continue
            if texts:
                lines.append(f"{next(iter(texts.values()))} and {document.doc} are two texts of {document.edition} "
                             f"({document.work}): their sections and clauses share IRIs; kg validate will reject the "
                             "graph: keep one")
            texts[document.edition_digest] = document.doc
    return tuple(lines)
