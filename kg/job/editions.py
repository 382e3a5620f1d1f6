"""Two different texts of one edition in one build: a user's copy of a resolution in two formats (a .txt and a
.docx), or a variant of it. Each is a graph of its own (named by its text), but their sections and clauses hang
under the edition (``.../wtsa-08/considering/b/iii``: the IRIs that DESIGN.md's rules make readable and stable),
so each clause gets two texts, two starts, two orders, and the graph does not conform. The build cannot tell which
text the user means: it names them, and its exit code says that the graph will not conform."""

from __future__ import annotations

from collections.abc import Iterable

from kg.job.cache import FileResult


def editions_with_two_texts(results: Iterable[FileResult]) -> tuple[str, ...]:
    """One line for each document whose text differs from that of an earlier document of the same edition (the
    same own work and edition), naming both, in input order; documents of one text (one graph) are one text.

    >>> from kg.job.cache import DocumentSummary
    >>> def doc(name, graph):
    ...     return DocumentSummary(name, "itu/wtsa/res/75", 0, 0, 0, (), (), edition="wtsa-08", graph=graph)
    >>> texts = [FileResult("a.txt", "1", documents=(doc("a.txt", "g1"),)),
    ...          FileResult("b.txt", "2", documents=(doc("b.txt", "g1"),)),
    ...          FileResult("c.docx", "3", documents=(doc("c.docx", "g2"),))]
    >>> for line in editions_with_two_texts(texts): print(line)
    a.txt and c.docx are two texts of wtsa-08 (itu/wtsa/res/75): their sections and clauses share IRIs; kg validate will reject the graph: keep one
    """
    first: dict[tuple[str, str], dict[str, str]] = {}   # (work, edition) -> each text's graph -> its first document
    lines = []
    for result in results:
        if result.error is not None:
            continue
        for document in result.documents:
            texts = first.setdefault((document.work, document.edition), {})
            if document.graph in texts:
                continue
            if texts:
                lines.append(f"{next(iter(texts.values()))} and {document.doc} are two texts of {document.edition} "
                             f"({document.work}): their sections and clauses share IRIs; kg validate will reject the "
                             "graph: keep one")
            texts[document.graph] = document.doc
    return tuple(lines)
