"""Readers: one module per input format, each turning a file into ``Source`` objects.

``read(path)`` chooses the reader by the file's suffix, and by sniffing its first bytes where the suffix does
not tell (an ``.xml`` file that is HTML, a ``.txt`` that is really a PDF). A file holding a collection of
documents (an Akoma Ntoso ``documentCollection``) gives one ``Source`` per document, hence a tuple.

>>> from pathlib import Path
>>> sources = read(Path(__file__).parents[2] / "data/resolutions/wtsa-res-75-johannesburg-2008.txt")
>>> sources[0].format, "RESOLUTION 75" in sources[0].text
('text', True)
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path

from kg.errors import InputError
from kg.model import Source

# format -> module under kg.readers, imported only when a file of that format turns up
_MODULES = {"text": "text", "markdown": "markdown", "akn": "akn", "docx": "docx", "pdf": "pdf", "html": "html"}
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
    if stripped.startswith(b"PK\x03\x04"):
        return "docx"
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if lowered.startswith(b"<?xml") or lowered.startswith(b"<akomantoso"):
        return "html" if b"<html" in lowered and b"akomantoso" not in lowered else "akn"
    if stripped.startswith(b"---\n") or stripped.startswith(b"---\r\n"):
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
    descriptor, _ = open_input(path, max_size=max_size)
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(max_size + 1)   # (a file that grows while it is read stops at the limit too)
    if len(data) > max_size:
        raise InputError(str(path), f"larger than the limit of {max_size:,} bytes (--max-file-size)")
    return data


def read(path: str | Path, *, data: bytes | None = None, max_size: int = MAX_FILE_SIZE) -> tuple[Source, ...]:
    """Read one file (or ``data``, its bytes read already) into its documents' ``Source`` objects; raise
    ``InputError`` naming the file."""
    path_text = str(path)
    file_path = Path(path)
    if data is None:
        data = read_input(path, max_size=max_size)
    head = data[:_SNIFF_BYTES]
    if not head.strip():
        raise InputError(path_text, "empty file: no text to parse")
    fmt = sniff_format(file_path, head)
    if fmt == "unreadable":
        what = _UNREADABLE.get(file_path.suffix.lower(), "a word-processor file of a format not read here")
        raise InputError(path_text, f"{what}: save it as .docx, PDF or text to read it")
    module = importlib.import_module(f"kg.readers.{_MODULES[fmt]}")
    if fmt == "docx":
        return module.read(data, origin=path_text, max_size=max_size)  # type: ignore[no-any-return]
    sources: tuple[Source, ...] = module.read(data, origin=path_text)
    return sources
