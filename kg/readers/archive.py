"""Archives of documents: .zip, and .tar plain or compressed (.tar.gz/.tgz, .tar.xz/.txz, .tar.bz2/.tbz2), as
collections are published.

Each member is read as a file of that name would be (``kg.readers.read_member``: the same format sniffing, the
same readers) and its documents are named ``ARCHIVE!member/path.xml`` (``!`` as in a jar: URL; ``#`` keeps its meaning,
one document of a collection, so ``un-ga.tar.xz!un-ga-multipart/75_101A-B_E.xml#...``). Members that are no
documents are passed over as a folder's are: folders, links, hidden files (and macOS's ``__MACOSX/``), READMEs and
licences, other suffixes; a member that may be a document all the same, an archive inside the archive or a name
with no suffix, is named in a warning (``ARCHIVE!inner.zip: an archive inside an archive is not opened ...``).

Streamed: one member's bytes at a time are in memory (besides the archive's own, compressed), whatever the
archive holds in all. A zip's members come in the order their paths sort, part by part, as a folder's files do
(its central directory names them all first); a tar's in the archive's own order, as ``tar -t`` lists them (a
compressed tar is one stream: another order would decompress it again for each member). Either order is a
function of the archive's bytes, so a rebuild gives the same output.

One bad member is its own error (``ARCHIVE!member: ...``) and the other members are still read: with ``errors``
given, its error is added there; without, it is raised. (A member's document that the parser or extraction then
fails on is that document's error in the build, the others built: ``kg.job.worker``.) Bounded: a member's uncompressed size is checked against
``max_size`` (``--max-file-size``) before it is read, and no more than that is ever read from it (a zip's header
may lie); past ``total_limit`` bytes of documents uncompressed the rest of the archive is not read (one error), so
an archive bomb costs seconds, not hours.

Member names are shown as ``member_name`` normalises them: nothing is ever written to disk under a member's name.
"""

from __future__ import annotations

import io
import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO

from kg.errors import InputError
from kg.model import Source

TOTAL_LIMIT = 2 * 2**30   # bytes of all the documents of one archive, uncompressed, read at most
# what a damaged member's data raises while it is decompressed (lzma's and bz2's errors are OSError)
_DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, tarfile.TarError, zlib.error, EOFError, OSError,
           NotImplementedError, RuntimeError, ValueError)


def read(data: bytes, *, origin: str, max_size: int, total_limit: int = TOTAL_LIMIT,
         errors: list[InputError] | None = None, warnings: list[str] | None = None) -> Iterator[Source]:
    """The documents of the archive ``data``, member by member (lazily); a bad member is added to ``errors`` (the
    others still read) or, without ``errors``, raised; a member passed over that may be a document (an archive, a
    name with no suffix) is named in ``warnings``."""
    from kg.readers import read_member

    found = False
    for name, reader_name, member in _members(data, origin, member_limit=max_size, total_limit=total_limit,
                                                errors=errors):
        if isinstance(member, str):   # (passed over, and why)
            if warnings is not None:
                warnings.append(f"skipped {origin}!{name}: {member}")
            continue
        found = True
        if isinstance(member, InputError):
            _fail(member, errors)
            continue
        try:
            sources = read_member(member, reader_name, origin=f"{origin}!{name}", max_size=max_size)
        except InputError as error:
            _fail(error, errors)
            continue
        except Exception as error:   # (a bug in a reader: this member's error, the others go on)
            if errors is None:
                raise
            errors.append(InputError.from_bug(f"{origin}!{name}", error))
            continue
        del member   # (its bytes go before its documents are worked on)
        yield from sources
    if not found:
        raise InputError(origin, "the archive holds no document")


def _fail(error: InputError, errors: list[InputError] | None) -> None:
    if errors is None:
        raise error
    errors.append(error)


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


# characters that would break a one-line message or disguise a name: C0 and C1 controls, DEL, line and paragraph
# separators, and the bidirectional overrides and isolates ("Trojan Source")
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def member_name(raw: str) -> str:
    """The name a member is shown and recorded under: a relative path with ``/`` between its parts (a backslash
    is a separator, as Windows tools write them), without a drive, a leading ``/``, ``.``, ``..`` or empty parts
    (as ``unzip`` and GNU tar strip them), and each control character written as an escape (``\\x1b``, ``\\u202e``:
    a backslash is left in a name only by an escape).

    >>> [member_name(n) for n in ("un/a.xml", "../../etc/a.xml", "/abs/a.xml", "C:\\\\docs\\\\a.xml", "a/./b//c.xml",
    ...                           "bell\\x07.xml", "evil\\u202egpj.xml")]
    ['un/a.xml', 'etc/a.xml', 'abs/a.xml', 'docs/a.xml', 'a/b/c.xml', 'bell\\\\x07.xml', 'evil\\\\u202egpj.xml']
    """
    parts = [part for part in raw.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    if parts and re.fullmatch(r"[A-Za-z]:", parts[0]):
        parts = parts[1:]
    return _HIDDEN.sub(lambda found: repr(found.group())[1:-1], "/".join(parts))


class _Names:
    """Each member's shown name, unique in its archive: a later member whose name normalises to one already given
    (a second ``x.xml``, or ``../x.xml`` beside ``x.xml``) is ``x.xml~2``, ``x.xml~3`` (no document's name ends so:
    its suffix is not a document's, so it cannot be another member's name)."""

    def __init__(self) -> None:
        self._taken: dict[str, int] = {}

    def give(self, name: str) -> str:
        count = self._taken.get(name, 0) + 1
        self._taken[name] = count
        return name if count == 1 else f"{name}~{count}"


# one item per document member: (shown name, name for the reader, its bytes or the error that it cannot be read),
# or per member passed over that may be a document: (shown name, name, why it is passed over)
_Member = tuple[str, str, "bytes | InputError | str"]


def _passed_over(name: str) -> str | None:
    """Why a member that is no document to read may be one all the same (see ``kg.readers.passed_over_reason``);
    None for a folder's notes, hidden files, other suffixes."""
    from kg.readers import passed_over_reason

    parts = PurePosixPath(name).parts
    if not parts or any(part.startswith(".") or part == "__MACOSX" for part in parts):
        return None
    return passed_over_reason(parts[-1], archives=False)


def _members(data: bytes, origin: str, *, member_limit: int, total_limit: int,
             errors: list[InputError] | None) -> Iterator[_Member]:
    """Each document member, its bytes read only after its declared size passed the limits, one at a time."""
    names = _Names()
    budget = _Budget(origin, member_limit, total_limit)
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):   # (not zipfile.is_zipfile: a tar holding a zip is a tar)
        yield from _zip_members(data, origin, names, budget, errors)
    else:
        yield from _tar_members(data, origin, names, budget, errors)


class _Budget:
    """The limits: each member's, and the archive's in all (past it, nothing more is read)."""

    def __init__(self, origin: str, member_limit: int, total_limit: int) -> None:
        self.origin, self.member_limit, self.total_limit, self.total = origin, member_limit, total_limit, 0

    def read(self, shown: str, size: int, handle: IO[bytes]) -> bytes | InputError:
        where = f"{self.origin}!{shown}"
        if size > self.member_limit:
            return InputError(where, f"{size:,} bytes uncompressed: larger than the limit of {self.member_limit:,} "
                                     "(--max-file-size)")
        if self.total + size > self.total_limit:
            raise _Exhausted(shown)
        try:
            data = handle.read(size + 1)   # (not read(limit): a buffer of the limit would be set aside each time)
            if len(data) > size:   # more than its header declared: read on, to the limit
                data += handle.read(self.member_limit + 1 - len(data))
        except _DAMAGE as error:
            return InputError(where, f"damaged: {error}")
        if len(data) > self.member_limit:   # more than its header declared
            return InputError(where, f"larger uncompressed than the limit of {self.member_limit:,} bytes "
                                     "(--max-file-size)")
        self.total += len(data)
        return data


class _Exhausted(Exception):
    """The archive's documents passed the total limit at this member."""


def _exhausted(origin: str, shown: str, total_limit: int) -> InputError:
    return InputError(origin, f"more than {total_limit:,} bytes of documents uncompressed: not read from "
                              f"{shown} on")


def _zip_members(data: bytes, origin: str, names: _Names, budget: _Budget,
                 errors: list[InputError] | None) -> Iterator[_Member]:
    try:
        zipped = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise InputError(origin, f"not a readable archive: {error}") from None
    with zipped:
        listed = [(member_name(info.filename), info) for info in zipped.infolist()
                  if not info.is_dir() and not _is_link(info)]
        # (a stable sort: members of one name keep the directory's order)
        for name, info in sorted(((n, i) for n, i in listed if is_member_document(n) or _passed_over(n)),
                                 key=lambda item: item[0].split("/")):
            shown = names.give(name)
            if (reason := _passed_over(name)) is not None:
                yield shown, name, reason
                continue
            try:
                with zipped.open(info) as handle:
                    yield shown, name, budget.read(shown, info.file_size, handle)
            except _Exhausted:
                _fail(_exhausted(origin, shown, budget.total_limit), errors)
                return
            except _DAMAGE as error:   # (a damaged local header, an encrypted member, an unknown compression)
                yield shown, name, InputError(f"{origin}!{shown}", f"damaged: {error}")


def _is_link(info: zipfile.ZipInfo) -> bool:
    """A symbolic link stored in a zip (by Info-ZIP's ``zip -y``): Unix mode bits in the high half of the
    external attributes. Not followed, as a link in a folder is not."""
    return (info.external_attr >> 16) & 0o170000 == 0o120000


def _tar_members(data: bytes, origin: str, names: _Names, budget: _Budget,
                 errors: list[InputError] | None) -> Iterator[_Member]:
    try:
        tarred = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")  # noqa: SIM115 (closed below, by `with`)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise InputError(origin, f"not a readable archive: {error}") from None
    last = None
    with tarred:
        while True:   # one pass: a compressed tar is read as a stream
            try:
                member = tarred.next()
            except _DAMAGE as error:   # (the stream is broken: nothing past this point can be read)
                _fail(InputError(origin, f"damaged after {last}: {error}; the rest of the archive is not read")
                      if last else InputError(origin, f"not a readable archive: {error}"), errors)
                return
            if member is None:
                return
            # (tarfile would keep every member's header to the end: not needed here)
            tarred.members.clear()  # type: ignore[attr-defined]
            if not member.isfile():   # (folders, links, devices)
                continue
            name = member_name(member.name)
            if not is_member_document(name):
                if (reason := _passed_over(name)) is not None:
                    yield names.give(name), name, reason
                continue
            last = shown = names.give(name)
            try:
                extracted = tarred.extractfile(member)
                if extracted is None:
                    continue
                yield shown, name, budget.read(shown, member.size, extracted)
            except _Exhausted:
                _fail(_exhausted(origin, shown, budget.total_limit), errors)
                return
            except _DAMAGE as error:
                yield shown, name, InputError(f"{origin}!{shown}", f"damaged: {error}")
