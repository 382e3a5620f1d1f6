"""Archives of documents: .zip, and .tar plain or compressed (.tar.gz/.tgz, .tar.xz/.txz, .tar.bz2/.tbz2), as
collections are published.

Each member is read as a file of that name would be (``kg.readers.read_member``: the same format sniffing, the
same readers) and its documents are named ``ARCHIVE!member/path.xml`` (``!`` as in a jar: URL; ``#`` keeps its meaning,
one document of a collection, so ``un-ga.tar.xz!un-ga-multipart/75_101A-B_E.xml#...``). Members come in the order
the paths sort, part by part, as the files of a folder do. Members that are no documents are passed over as a
folder's are: folders, hidden files (and macOS's ``__MACOSX/``), READMEs and licences, other suffixes, archives
inside the archive. One member that cannot be read makes the whole archive an error that names it.

Bounded: the archive itself is an input file no larger than ``--max-file-size``; a member's uncompressed size is
checked against the same limit before it is read, and no more than that is ever read from it (a zip's header may
lie); the documents' bytes together may not pass ``total_limit``, so an archive bomb is refused rather than filling
memory.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO

from kg.errors import InputError
from kg.model import Source

TOTAL_LIMIT = 2 * 2**30   # bytes of all the documents of one archive, uncompressed


def read(data: bytes, *, origin: str, max_size: int, total_limit: int = TOTAL_LIMIT) -> tuple[Source, ...]:
    from kg.readers import read_member

    members = sorted(_members(data, origin, member_limit=max_size, total_limit=total_limit),
                     key=lambda member: member[0].split("/"))
    if not members:
        raise InputError(origin, "the archive holds no document")
    return tuple(source for name, member in members
                 for source in read_member(member, name, origin=f"{origin}!{name}", max_size=max_size))


def is_member_document(name: str) -> bool:
    """Whether an archive's member (a path with ``/``) is a document to read.

    >>> [is_member_document(n) for n in ("un-sc/S_RES_2100.xml", "__MACOSX/un-sc/._S.xml", "un/.hidden.xml",
    ...                                  "un/README.md", "un/inner.zip", "un/notes.csv")]
    [True, False, False, False, False, False]
    """
    from kg.readers import is_document_name

    parts = PurePosixPath(name).parts
    return bool(parts) and not any(part.startswith(".") or part == "__MACOSX" for part in parts) and \
        is_document_name(parts[-1], archives=False)


def _members(data: bytes, origin: str, *, member_limit: int, total_limit: int) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each document member, each read only after its declared size passed the limits."""
    total = 0

    def bounded(name: str, size: int, handle: IO[bytes]) -> bytes:
        nonlocal total
        if size > member_limit:
            raise InputError(f"{origin}!{name}", f"{size:,} bytes uncompressed: larger than the limit of "
                                                 f"{member_limit:,} (--max-file-size)")
        if total + size > total_limit:
            raise InputError(origin, f"more than {total_limit:,} bytes of documents uncompressed")
        data = handle.read(member_limit + 1)
        if len(data) > member_limit:   # more than its header declared
            raise InputError(f"{origin}!{name}", f"larger uncompressed than the limit of {member_limit:,} bytes "
                                                 "(--max-file-size)")
        total += len(data)
        return data

    try:
        if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):   # (not zipfile.is_zipfile: a tar holding a zip is a tar)
            with zipfile.ZipFile(io.BytesIO(data)) as zipped:
                for info in zipped.infolist():
                    if not info.is_dir() and is_member_document(info.filename):
                        with zipped.open(info) as handle:
                            yield info.filename, bounded(info.filename, info.file_size, handle)
            return
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tarred:
            for member in tarred:   # one pass: a compressed tar is read as a stream
                if member.isfile() and is_member_document(member.name):
                    extracted = tarred.extractfile(member)
                    if extracted is not None:
                        yield member.name, bounded(member.name, member.size, extracted)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, tarfile.TarError, EOFError, OSError, NotImplementedError) \
            as error:
        raise InputError(origin, f"not a readable archive: {error}") from None
