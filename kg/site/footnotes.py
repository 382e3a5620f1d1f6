"""The footnotes of the documents of a build, which the graph does not hold: each source file read and parsed
again, and a document's footnotes kept only where its text is still the one built (the same content hash as its
named graph records), so that a page never shows footnotes of another text.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.errors import KgError
from kg.parse import parse_document
from kg.rdf import content_hash
from kg.readers import read, source_file


def read_footnotes(sources: Iterable[tuple[str, str]]) -> dict[str, list[tuple[str, str, str | None]]]:
    """``sources``: (source name as built, ``sha256:`` hash of the text) of each document. Returns, by hash, the
    footnotes (marker, text, id of the clause it is attached to) of each document found unchanged (an archive's
    member's too: the archive is read again); a file that is gone or no longer reads gives none."""
    wanted: dict[str, set[str]] = {}
    for source, digest in sources:
        file = source_file(source)
        if file is not None:
            wanted.setdefault(str(file), set()).add(digest)
    found: dict[str, list[tuple[str, str, str | None]]] = {}
    for path, digests in sorted(wanted.items()):
        try:
            documents = read(path)
        except (KgError, OSError, ValueError):
            continue
        for text in documents:
            digest = f"sha256:{content_hash(text.text)}"
            if digest not in digests:
                continue
            try:
                document = parse_document(text)
            except Exception:  # noqa: BLE001, S112 - a file the build read once may fail no page: it has no notes
                continue
            found[digest] = [(note.marker, note.text, note.clause) for note in document.footnotes]
    return found
