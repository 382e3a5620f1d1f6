"""The build's cache: what one input file gave (its documents' summaries and its N-Quads), kept under
``OUT/cache/`` by the hash of the file's bytes, so that a rebuild only redoes the files that changed.

Each entry is two files named by a hash of the file name (its tag) and one of (cache version: the code's, the
reading libraries' and the reference data's, file name, file hash): ``{tag}-{key}.json`` (the summary)
and ``{tag}-{key}.nq`` (the file's quads: its own graphs' lines sorted, then the shared graph's lines sorted, so that
the build takes the two parts apart with one search rather than a look at every line: ``split_shared``). Both are
written to a temporary name first and renamed, so an interrupted build never leaves half an entry (a long
file's quads are sorted in runs spilled beside it first, ``{tag}-{key}.nq.runs``: ``kg.job.runs``); what an interrupted
build left of those the next build removes (``remove_orphans``), and a build that completes removes the entries of
files no longer among its inputs (``remove_stale_entries``; an input's entries of other versions or earlier contents
stay: switching back to them reads nothing again). The summary's
last line is the sha256 of the rest, and the summary records the file name and hash it is the entry of, and the
size, sha256, modification and change times of the quads (checked as git checks its index: ``_quads_as_written``):
an entry edited, cut short or swapped with another since is no entry (the file is read again).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from kg import __version__
from kg.buildfiles import open_build_file, read_build_file, remove_path
from kg.job.runs import QuadRuns
from kg.rdf import SHARED_GRAPH
from kg.reference.datafiles import reference_files

SHARED_SUFFIX = f"<{SHARED_GRAPH}> .\n"
_SHARED_LINE_END = SHARED_SUFFIX[:-1]
_SHARED_BYTES = SHARED_SUFFIX.encode("utf-8")


# the distributions whose reading of a file shapes its cache entry (the readers'), by name
READING_LIBRARIES = ("lxml", "pypdf", "python-docx", "PyYAML")


@functools.cache
def cache_version() -> str:
    """The version of what turns a file into its cache entry: the package's version and a hash of its code, of
    the versions of the libraries that read the files (``reading_libraries``) and of the reference data in use
    (``data/``, or ``$KG_DATA_DIR``), so that after an upgrade (of the package or of one of those libraries) or an
    edited gazetteer every file is read again rather than taken from what other code or data made of it."""
    digest = hashlib.sha256(__version__.encode("utf-8"))
    digest.update(f"\0{reading_libraries()}".encode())
    package = Path(__file__).resolve().parents[1]   # the whole kg package
    for path in sorted(package.rglob("*.py")):
        digest.update(f"\0{path.relative_to(package).as_posix()}\0".encode() + path.read_bytes())
    for path in reference_files():
        digest.update(f"\0{path.name}\0".encode() + path.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:16]}"


def reading_libraries() -> str:
    """The versions of what reads a file besides the package's code, one a line: Python's (its regular expressions
    and Unicode tables), each of ``READING_LIBRARIES`` as installed, and the libxml2 that lxml runs on (a build of
    lxml against the system's libxml2 changes with it)."""
    from lxml import etree

    versions = [f"python {sys.version_info.major}.{sys.version_info.minor}", f"unicode {unicodedata.unidata_version}",
                f"libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}"]
    for name in READING_LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return "\n".join(versions)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the report and the network need of one document."""

    doc: str
    work: str
    sections: int
    clauses: int
    citations: int
    cited: tuple[str, ...]
    unresolved: tuple[tuple[str, str, str], ...]   # (text, reason, reason code: kg.resolve.Unresolved)
    title: str | None = None
    year: int | None = None
    edition: str = "unknown"
    links: tuple[tuple[str, str], ...] = ()   # (citing clause IRI, or "" outside any clause; cited work)
    functions: tuple[str, ...] = ()   # each link's CiTO citation function ("" where none is told)
    graph: str = ""   # its named graph (documents of one text have one)


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome of one input file: its documents' summaries and named graphs, or the error that made it be
    skipped. ``quads`` is filled only for a caller that asks for no cache entry (``process_file`` with no ``out``):
    the build streams them from the cache entry."""

    path: str
    sha256: str
    quads: tuple[str, ...] = ()
    documents: tuple[DocumentSummary, ...] = ()
    error: str | None = None
    reparsed: bool = True
    graphs: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()   # what was said of the file (not UTF-8, read as cp1252; a text twice: built once)
    member_errors: tuple[str, ...] = ()   # an archive's members that could not be read (the others were built)


_SUMMARY_FIELDS = tuple(f.name for f in fields(DocumentSummary))


def cache_path(out: Path, digest: str, name: str, *, version: str | None = None) -> Path:
    """The summary file of the entry for the file ``name`` whose bytes hash to ``digest`` (its quads: ``.nq``),
    under this process's ``cache_version()`` or the ``version`` given (the build's, in a worker)."""
    return Path(_cache_base(str(out), digest, name, version) + ".json")


def _cache_base(out: str, digest: str, name: str, version: str | None = None) -> str:
    key = hashlib.sha256(f"{version or cache_version()}\0{name}\0{digest}".encode()).hexdigest()
    return os.path.join(out, "cache", f"{_name_tag(name)}-{key}")


def _name_tag(name: str) -> str:
    """What of an entry's file name the input file's name alone decides (16 hex digits of its sha256): the entries
    of a file gone from the inputs are told by it, unread (``remove_stale_entries``)."""
    return hashlib.sha256(name.encode()).hexdigest()[:16]


def load_cached(out: Path, digest: str, name: str) -> FileResult | None:
    """The cached result for this file and hash, or None when there is none (or only part of one). (With plain
    strings for paths: a rebuild reads ten thousand of these, and pathlib's objects were a fifth of the time.)"""
    base = _cache_base(str(out), digest, name)
    try:
        # (a regular file only: a link to /dev/zero would be read without end, a FIFO would block)
        text, _, check = read_build_file(base + ".json").rpartition(b"\n")
        if check != hashlib.sha256(text).hexdigest().encode("ascii"):
            return None
        raw = json.loads(text)
        if raw["path"] != name or raw["sha256"] != digest or not _quads_as_written(base + ".nq", raw):
            return None   # (another entry's summary or quads put in this one's place, or its quads edited)
        documents = tuple(DocumentSummary(**{**d, "cited": tuple(d["cited"]),
                                             "unresolved": tuple(tuple(u) for u in d["unresolved"]),
                                             "links": tuple(tuple(link) for link in d["links"]),
                                             "functions": tuple(d.get("functions", ()))})
                          for d in raw["documents"])
        return FileResult(raw["path"], raw["sha256"], (), documents, raw["error"], reparsed=False,
                          graphs=tuple(raw["graphs"]), warnings=tuple(raw.get("warnings", ())),
                          member_errors=tuple(raw.get("member_errors", ())))
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def _quads_as_written(path: str, raw: dict[str, object]) -> bool:
    """Whether the entry's quads are those its summary records, as git checks its index: a file whose size,
    modification and change times (``lstat``: a link in its place is no entry) are those recorded is trusted
    unread; one whose times differ (copied, touched, edited) is hashed and compared."""
    status = os.lstat(path)
    if not stat.S_ISREG(status.st_mode) or status.st_size != raw["quads_size"]:
        return False
    if status.st_mtime_ns == raw["quads_mtime_ns"] and status.st_ctime_ns == raw["quads_ctime_ns"]:
        return True
    digest = hashlib.sha256()
    with open_build_file(path) as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest() == raw["quads_sha256"]


class _HashingWriter:
    """A binary file that hashes what is written to it on the way (the entry's quads are hashed as they are
    written: no second pass over a gigabyte)."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self._handle.write(data)


def remove_orphans(out: Path) -> int:
    """Remove what interrupted builds left in ``out/cache/``: the temporary files of entries being written
    (``*.tmp``, ``*.nq.tmp``, ``shared.tmp``) and the sorted runs of files being read (``*.nq.runs``). Only a
    build that holds ``out/.lock`` calls it, before its workers start: nothing else writes there. Returns how many
    were removed."""
    removed = 0
    try:
        entries = list(os.scandir(os.path.join(out, "cache")))
    except OSError:   # (no cache yet, or not a folder: the build's own checks see to that)
        return 0
    for entry in entries:
        if entry.name.endswith((".tmp", ".nq.runs")):
            remove_path(Path(entry.path))
            removed += 1
    return removed


# an entry's files (and those of entries named before the tag was: a key alone)
_ENTRY = re.compile(r"(?:(?P<tag>[0-9a-f]{16})-)?[0-9a-f]{64}\.(?:json|nq)")


def remove_stale_entries(out: Path, names: Iterable[str]) -> int:
    """Remove the cache entries of files other than ``names`` (the inputs of the build that has just completed):
    files gone from the inputs, whose entries no build would read again but one given that file once more. The
    entries of ``names`` under other versions of the code or libraries, or of their earlier contents, stay (a
    switch back reads nothing again). Only a build that holds ``out/.lock`` calls it, once its manifest is
    written. Returns how many files were removed."""
    tags = {_name_tag(name) for name in names}
    removed = 0
    try:
        entries = list(os.scandir(os.path.join(out, "cache")))
    except OSError:
        return 0
    for entry in entries:
        if (match := _ENTRY.fullmatch(entry.name)) is not None and match["tag"] not in tags:
            remove_path(Path(entry.path))
            removed += 1
    return removed


def store_cached(out: Path, result: FileResult, runs: QuadRuns | None = None, *,
                 version: str | None = None) -> FileResult:
    """Write the summary (JSON) and the quads (N-Quads: those gathered in ``runs``, none without) of one file,
    under the build's cache ``version`` (by default this process's); return the result."""
    path = cache_path(out, result.sha256, result.path, version=version)
    path.parent.mkdir(parents=True, exist_ok=True)
    quads = path.with_suffix(".nq")
    temporary = quads.with_suffix(".nq.tmp")
    with temporary.open("wb") as handle:
        writer = _HashingWriter(handle)
        size = runs.write(writer) if runs is not None else 0  # type: ignore[arg-type]
    if quads.is_dir():   # (a folder in an entry's place: nothing can replace it)
        remove_path(quads)
    temporary.replace(quads)
    written = os.lstat(quads)   # (after the rename, which may change the change time)
    # (not asdict: it deep-copies every tuple of every summary, a dense text's half a million links, only for them
    # to be dropped, 7-12% of a worker's time; json writes a tuple as a list all the same)
    record = {"path": result.path, "sha256": result.sha256,
              "documents": [{name: getattr(d, name) for name in _SUMMARY_FIELDS} for d in result.documents],
              "error": result.error, "graphs": result.graphs, "warnings": result.warnings,
              "member_errors": result.member_errors,
              "quads_size": size, "quads_sha256": writer.digest.hexdigest(),
              "quads_mtime_ns": written.st_mtime_ns, "quads_ctime_ns": written.st_ctime_ns}
    temporary = path.with_suffix(".tmp")
    text = json.dumps(record, ensure_ascii=False).encode("utf-8")
    temporary.write_bytes(text + b"\n" + hashlib.sha256(text).hexdigest().encode("ascii"))
    if path.is_dir():
        remove_path(path)
    temporary.replace(path)
    return replace(result, quads=())


def runs_path(out: Path, digest: str, name: str, *, version: str | None = None) -> Path:
    """Where the sorted runs of the file's quads are spilled while they are made (``kg.job.runs``): beside its
    cache entry, removed once the entry is written."""
    return cache_path(out, digest, name, version=version).with_suffix(".nq.runs")


def cached_lines(out: Path, digest: str, name: str) -> list[bytes]:
    """The N-Quads lines of a cache entry (UTF-8), each with its newline (the file read in one call and split in
    C: a rebuild reads the entries of every changed file twice)."""
    return io.BytesIO(cache_path(out, digest, name).with_suffix(".nq").read_bytes()).readlines()   # (at b"\n" only)


def cached_parts(out: Path, digest: str, name: str, *, size: int = 1 << 24) -> Iterator[tuple[bytes, bytes]]:
    """The N-Quads of a cache entry in pieces of about ``size`` bytes cut at line ends (a dense text's entry is a
    gigabyte: never all in memory at once), each piece in two parts: the lines of the entry's own graphs, and those
    of the shared graph (which come last in the entry, so that a piece's own lines all precede its shared ones)."""
    with cache_path(out, digest, name).with_suffix(".nq").open("rb") as handle:
        rest = b""
        while block := handle.read(size):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            if cut:
                yield split_shared(block[:cut])
        if rest:
            yield split_shared(rest)


def split_shared(data: bytes) -> tuple[bytes, bytes]:
    """A cache entry's N-Quads (``data``) cut where the shared graph's lines begin (they come last: see
    ``store_cached``). The first line ending with the shared graph's name is the first of them (a line's graph
    stands at its end, and no literal holds a raw newline).

    >>> split_shared(b'<a> <b> "c" <g> .\\n<w> <p> "x" <https://w3id.org/resolution-kg/id/graph/shared> .\\n')
    (b'<a> <b> "c" <g> .\\n', b'<w> <p> "x" <https://w3id.org/resolution-kg/id/graph/shared> .\\n')
    """
    found = data.find(_SHARED_BYTES)
    if found < 0:
        return data, b""
    start = data.rfind(b"\n", 0, found) + 1
    return data[:start], data[start:]


def has_quads(out: Path, digest: str, name: str) -> bool:
    return cache_path(out, digest, name).with_suffix(".nq").is_file()   # (not a folder put in its place)
