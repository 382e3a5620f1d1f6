"""Readers: one module per input format, each turning a file into ``Source`` objects.

``read(path)`` chooses the reader by the file's suffix, and by sniffing its first bytes where the suffix does
not tell (an ``.xml`` file that is HTML, a ``.txt`` that is really a PDF). A file holding a collection of
documents (an Akoma Ntoso ``documentCollection``) gives one ``Source`` per document, hence a tuple. An archive
(.zip, .tar, .tar.gz, .tar.xz, .tar.bz2) gives the documents of its members, each named ``ARCHIVE!member/path``
(``kg/readers/archive.py``); ``read_sources`` gives them one at a time, one member's bytes in memory at a time,
and goes on past a member that cannot be read.

>>> from pathlib import Path
>>> sources = read(Path(__file__).parents[2] / "data/resolutions/wtsa-res-75-johannesburg-2008.txt")
>>> sources[0].format, "RESOLUTION 75" in sources[0].text
('text', True)
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from kg.errors import InputError
from kg.model import Source

# format -> module under kg.readers, imported only when a file of that format turns up
_MODULES = {"text": "text", "markdown": "markdown", "akn": "akn", "docx": "docx", "pdf": "pdf", "html": "html",
            "archive": "archive"}
_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".xml": "akn", ".akn": "akn",
    ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html",
}
_SNIFF_BYTES = 2048
# formats a resolution may come in that no reader here takes: named in a clear error rather than read as text
# (and found in a folder, so that none is passed over in silence)
_UNREADABLE = {".doc": "a Word 97-2003 document (.doc)", ".rtf": "a Rich Text Format document (.rtf)",
               ".odt": "an OpenDocument text (.odt)", ".wpd": "a WordPerfect document (.wpd)"}
DOCUMENT_SUFFIXES = frozenset(_SUFFIXES) | frozenset(_UNREADABLE)
# RDF named on the command line (a build's graph.nq given to kg stats or kg parse): said so, not read as a text
_RDF = {".nq": "N-Quads", ".nt": "N-Triples", ".ttl": "Turtle", ".trig": "TriG", ".n3": "N3", ".rdf": "RDF/XML",
        ".owl": "RDF/XML", ".jsonld": "JSON-LD"}
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2")
# files that describe a folder (or an archive) rather than being one of its documents
_FOLDER_NOTES = frozenset({"readme", "license", "licence", "notice", "copying", "sources", "changelog", "contributing",
                           "authors"})


def is_document_name(name: str, *, archives: bool = True) -> bool:
    """Whether a file of this name, found in a folder (or in an archive), is taken as input: it has a document's
    suffix (or an archive's, unless ``archives`` is false), and it is not a note about the folder: its README,
    LICENSE, NOTICE, COPYING, SOURCES, CHANGELOG, CONTRIBUTING or AUTHORS file (any suffix, any case).

    >>> [is_document_name(n) for n in ("a.xml", "un-sc.tar.xz", "README.md", "bodies.csv", "x.xml.gz", "SOURCES.md")]
    [True, True, False, False, False, False]
    """
    lowered = PurePosixPath(name.replace("\\", "/")).name.lower()
    if lowered.split(".", 1)[0] in _FOLDER_NOTES:
        return False
    return PurePosixPath(lowered).suffix in DOCUMENT_SUFFIXES or (archives and lowered.endswith(ARCHIVE_SUFFIXES))


def passed_over_reason(name: str, *, archives: bool = True) -> str | None:
    """Why a file of this name, found in a folder (or in an archive: ``archives`` false), that ``is_document_name``
    does not take may be a document all the same, said in a warning rather than passed over in silence: it has no
    suffix to tell its format (``data/RES75``), or it is an archive inside an archive; None for the others (the CSV
    and TOML reference data, the folder's notes, other suffixes).

    >>> [passed_over_reason(n, archives=False) is None for n in ("RES75", "README", "a.csv", "inner.zip", "a.xml")]
    [False, True, True, False, True]
    """
    lowered = PurePosixPath(name.replace("\\", "/")).name.lower()
    if is_document_name(lowered, archives=archives) or lowered.split(".", 1)[0] in _FOLDER_NOTES:
        return None
    if lowered.endswith(ARCHIVE_SUFFIXES):
        return "an archive inside an archive is not opened (unpack it to read its documents)"
    if not PurePosixPath(lowered).suffix:
        return ("no suffix tells its format (give it one, .txt, .md, .xml ...; a file named on the command line is read as "
                "its content shows)")
    return None


def source_file(source: str) -> Path | None:
    """The file a document's source name (``kg:source``) was read from, if it is still there: the name without its
    ``#document`` part; for a member of an archive (``ARCHIVE!member``), the archive (the longest such prefix that
    is a file: a file's own name may hold a ``#`` or a ``!``).

    >>> from pathlib import Path
    >>> seed = str(Path(__file__).parents[2] / "data/resolutions/wtsa-res-75-johannesburg-2008.txt")
    >>> [source_file(name) == Path(seed) for name in (seed, seed + "#res_75", seed + "!member.xml#a")]
    [True, True, True]
    >>> source_file("gone.zip!a.xml") is None
    True
    """
    cuts = [len(source)] + [mark.start() for mark in reversed(list(re.finditer("[#!]", source)))]
    return next((Path(source[:cut]) for cut in cuts if cut and os.path.isfile(source[:cut])), None)


def sniff_format(path: Path, head: bytes) -> str:
    """The format of a file from its first bytes, falling back to its suffix, then to plain text ("unreadable"
    for a format no reader takes: a Word 97-2003 file, RTF, OpenDocument)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = stripped[:512].lower()
    if stripped.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xffWPC")) or stripped.startswith(b"{\\rtf") or (
            head.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument" in head[:200]):
        return "unreadable"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "archive" if path.suffix.lower() == ".zip" else "docx"
    if head.startswith((b"\x1f\x8b", b"\xfd7zXZ\x00")) or (head.startswith(b"BZh") and head[4:10] == b"1AY&SY") or \
            head[257:262] == b"ustar":
        return "archive"   # gzip, xz, bzip2 or a plain tar: a tar archive of documents
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if lowered.startswith((b"<?xml", b"<akomantoso")):
        return "html" if b"<html" in lowered and b"akomantoso" not in lowered else "akn"
    if stripped.startswith((b"---\n", b"---\r\n")):
        return "markdown"
    return _SUFFIXES.get(path.suffix.lower(), "text")


MAX_FILE_SIZE = 64 * 1024 * 1024   # bytes of one input file, and of each part of a .docx package, unpacked
_KINDS = {stat.S_IFDIR: "a directory", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket"}


def open_input(path: str | Path, *, max_size: int = MAX_FILE_SIZE) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file no larger than ``max_size`` bytes, and its status; ``InputError``
    for anything else (a FIFO would wait for a writer for ever, ``/dev/zero`` never ends). The caller closes it."""
    try:
        _regular(path, os.stat(path))   # (a socket cannot be opened: told what it is first)
        # (O_NONBLOCK: opening a FIFO does not wait for a writer; a regular file reads as usual)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise InputError(str(path), f"cannot open: {error.strerror or error}") from None
    status = os.fstat(descriptor)
    try:
        _regular(path, status)   # (again: it may have been swapped since)
    except InputError:
        os.close(descriptor)
        raise
    if status.st_size > max_size:
        os.close(descriptor)
        raise InputError(str(path), f"{status.st_size:,} bytes: larger than the limit of {max_size:,} "
                                    "(--max-file-size)")
    return descriptor, status


def _regular(path: str | Path, status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise InputError(str(path), f"not a regular file ({_KINDS.get(stat.S_IFMT(status.st_mode), 'special')})")


def read_input(path: str | Path, *, max_size: int = MAX_FILE_SIZE) -> bytes:
    """The bytes of one input file (see ``open_input``), read once: what is hashed is what is parsed."""
    descriptor, status = open_input(path, max_size=max_size)
    with os.fdopen(descriptor, "rb") as handle:
        # (the size it has, and a byte more: reading max_size at once would allocate that much for any file, past
        # --max-worker-memory; a file that grows while it is read stops at the limit too)
        data = handle.read(status.st_size + 1)
        if len(data) > status.st_size:
            data += handle.read(max_size + 1 - len(data))
    if len(data) > max_size:
        raise InputError(str(path), f"larger than the limit of {max_size:,} bytes (--max-file-size)")
    return data


def read(path: str | Path, *, data: bytes | None = None, max_size: int = MAX_FILE_SIZE) -> tuple[Source, ...]:
    """Read one file (or ``data``, its bytes read already) into its documents' ``Source`` objects; raise
    ``InputError`` naming the file (or the first bad member of an archive)."""
    return tuple(read_sources(path, data=data, max_size=max_size))


def read_sources(path: str | Path, *, data: bytes | None = None, max_size: int = MAX_FILE_SIZE,
                 errors: list[InputError] | None = None, warnings: list[str] | None = None) -> Iterator[Source]:
    """The documents of one file as ``read`` gives them, one at a time: an archive's are read member by member
    (one member's bytes in memory at a time). With ``errors``, a member of an archive that cannot be read is
    added to it and the others are still read; the file itself that cannot be read is raised, as by ``read``.
    With ``warnings``, a member passed over that may be a document (an archive inside the archive, a name with no
    suffix) is named there.

    >>> from pathlib import Path
    >>> [s.format for s in read_sources(Path(__file__).parents[2] / "data/resolutions/wtsa-res-75-johannesburg-2008.txt")]
    ['text']
    """
    _refuse_rdf(Path(path), origin=str(path))
    if data is None:
        data = read_input(path, max_size=max_size)
    yield from _read_data(data, Path(path), origin=str(path), max_size=max_size, archives=True, errors=errors,
                          warnings=warnings)


def read_member(data: bytes, name: str, *, origin: str, max_size: int = MAX_FILE_SIZE) -> tuple[Source, ...]:
    """Read an archive's member (its bytes) as ``read`` reads a file called ``name``: the format sniffed the same
    way, the same reader; ``origin`` names it (``ARCHIVE!member``). An archive inside an archive is not opened."""
    return tuple(_read_data(data, Path(PurePosixPath(name)), origin=origin, max_size=max_size, archives=False))


def _refuse_rdf(path: Path, *, origin: str) -> None:
    """An RDF file (by its suffix: ``graph.nq``) is no resolution: ``InputError`` saying what it is."""
    syntax = _RDF.get(path.suffix.lower())
    if syntax is not None:
        raise InputError(origin, f"an RDF file ({syntax}), not a resolution text: kg validate FILE checks one, "
                                 "kg stats DIR counts a built folder")


def _read_data(data: bytes, file_path: Path, *, origin: str, max_size: int, archives: bool,
               errors: list[InputError] | None = None, warnings: list[str] | None = None) -> Iterable[Source]:
    _refuse_rdf(file_path, origin=origin)
    head = data[:_SNIFF_BYTES]
    if not head.strip():
        raise InputError(origin, "empty file: no text to parse")
    fmt = sniff_format(file_path, head)
    if fmt == "unreadable":
        what = _UNREADABLE.get(file_path.suffix.lower(), "a word-processor file of a format not read here")
        raise InputError(origin, f"{what}: save it as .docx, PDF or text to read it")
    if fmt == "archive" and not archives:
        raise InputError(origin, "an archive inside an archive is not opened")
    module = importlib.import_module(f"kg.readers.{_MODULES[fmt]}")
    if fmt == "archive":
        return module.read(data, origin=origin, max_size=max_size, errors=errors,  # type: ignore[no-any-return]
                           warnings=warnings)
    if fmt == "docx":
        return module.read(data, origin=origin, max_size=max_size)  # type: ignore[no-any-return]
    sources: tuple[Source, ...] = module.read(data, origin=origin)
    return sources
