"""The per-file work (read -> parse -> cite -> resolve -> rdf), in a worker process, and the pool that runs it."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from kg.errors import InputError
from kg.job.cache import DocumentSummary, FileResult, cache_version, runs_path, store_cached
from kg.job.pool import JobFailure, map_jobs
from kg.job.runs import RUN_SIZE, QuadRuns
from kg.model import Source
from kg.parse import parse_document, split_documents_of
from kg.rdf import clause_iris, document_graph_iri, document_quad_batches, own_work_key
from kg.rdf.functions import citation_functions
from kg.readers import MAX_FILE_SIZE, read_input, read_sources
from kg.reference.gazetteer import load_gazetteer
from kg.resolve import extract_citations

MAX_FILE_SECONDS = 300.0   # the default time limit per file (--max-file-seconds)


def process_file(path: str, name: str, out: str | None = None, digest: str | None = None,
                 version: str | None = None, max_size: int = MAX_FILE_SIZE, *, run_size: int = RUN_SIZE) -> FileResult:
    """Read, parse, extract and turn into quads every document of one file (runs in a worker process).

    With ``out`` the worker writes the file's cache entry itself and returns the result without its quads, so
    that no large text travels back to the parent process (the workers then need ``out`` on a shared disk), under
    the build's cache ``version``. ``digest`` is the file's sha256 as the caller found it: the result carries the
    hash of the bytes read here, which is what they are cached under (a file edited meanwhile is not cached
    under its old hash with its new graph).

    The quads are sorted in runs of at most ``run_size`` bytes of lines held in memory, spilled beside the cache
    entry and merged into it (``kg.job.runs``: a dense text's would not fit in memory).

    Whatever one file raises becomes that file's error, on one line: ``InputError`` as it is, anything else as
    a bug (``FILE: internal error (RecursionError): ...``); the build goes on with the other files."""
    try:
        data = read_input(path, max_size=max_size)
    except InputError as error:
        return FileResult(name, digest or "", error=str(error).replace(path, name, 1))
    digest = hashlib.sha256(data).hexdigest()
    runs = QuadRuns(runs_path(Path(out), digest, name, version=version) if out is not None else None,
                    run_size=run_size)
    try:
        try:
            result = _process(path, name, data, digest, max_size, runs)
        except InputError as error:
            result = FileResult(name, digest, error=str(error).replace(path, name, 1))
        except MemoryError:   # (past --max-worker-memory: what the file made is dropped, the worker goes on)
            return FileResult(name, digest, error=f"{name}: {_OUT_OF_MEMORY}")   # (not cached: with more, it may read)
        except Exception as error:   # noqa: BLE001 (a bug: said so, with its type, and the build goes on)
            result = FileResult(name, digest, error=str(InputError.from_bug(name, error)))
        if out is None:
            return replace(result, quads=runs.sorted_lines()) if result.error is None else result
        return store_cached(Path(out), result, runs if result.error is None else None, version=version)
    finally:
        runs.discard()


def _process(path: str, name: str, data: bytes, digest: str, max_size: int, runs: QuadRuns) -> FileResult:
    """One file's documents. Errors are per document: an archive's member that cannot be read, or one of several
    documents (an archive's, a collection's, a text's of many) that the parser or extraction fails on, is its own
    error (``ARCHIVE!member: internal error (KeyError): ...``) and the file's other documents are built; the file's
    only document raises (the file's error). A file built so is cached with those errors: the cache is keyed by
    the tool's code, so a fixed parser reads it again. The documents' quads go to ``runs``; a document whose quads
    fail after some went there (a bug in making them) is the file's error: they cannot be taken back.

    A second document with the same text (and metadata) as an earlier one of the file, an archive's twin members,
    is built once, as across files: its graph is the same, and the first document's name stays its only source
    (two would not conform); the second is named in a warning, ``a.zip!b.xml: the same text as a.zip!a.xml; built
    once``."""
    failed: list[InputError] = []   # (in the order of the documents)
    warnings: list[str] = []
    passed: list[str] = []   # (an archive's members passed over that may be documents)
    sources = read_sources(path, data=data, max_size=max_size, errors=failed, warnings=passed)
    summaries = []
    built: dict[str, str] = {}   # each document graph built, with the name of the document that wrote it
    for whole in sources:
        warnings += [warning.replace(path, name, 1) for warning in passed]
        passed.clear()
        for source in split_documents_of(whole, whole=path, failed=failed):
            warnings += [warning.replace(path, name, 1) for warning in source.warnings]
            graph = document_graph_iri(source)
            if graph in built:
                warnings.append(f"{source.origin.replace(path, name, 1)}: the same text as {built[graph]}; "
                                "built once")
                continue
            try:
                summary = _document(source, path, name, runs, graph=graph)
            except MemoryError:   # (the whole file's: see process_file)
                raise
            except _PartlyWritten as partly:   # (the whole file's too)
                raise partly.error from None
            except Exception as error:
                if source.origin == path:   # (the file's only document: the file's error)
                    raise
                failed.append(InputError.of_document(source.origin, error))
                continue
            built[graph] = summary.doc
            summaries.append(summary)
    warnings += [warning.replace(path, name, 1) for warning in passed]   # (those after the last document)
    return FileResult(name, digest, (), tuple(summaries), graphs=tuple(built),
                      warnings=tuple(dict.fromkeys(warnings)),
                      member_errors=tuple(str(error).replace(path, name, 1) for error in failed))


class _PartlyWritten(Exception):
    """A document's quads failed (``error``) after some of them went to the file's runs."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _document(source: Source, path: str, name: str, runs: QuadRuns, *, graph: str) -> DocumentSummary:
    """One document's summary, its quads added to ``runs`` (read -> parse -> cite -> resolve -> rdf); ``graph``
    is its named graph."""
    document = parse_document(source)
    citations = extract_citations(document)
    doc = source.origin.replace(path, name, 1)
    functions = citation_functions(document, citations)
    batches = 0
    try:
        for lines in document_quad_batches(document, citations, source_name=doc, functions=functions):
            runs.add(lines)
            batches += 1
    except Exception as error:
        if batches:   # (an ordinary document's quads come in one batch, at the end: only a long one's come sooner)
            raise _PartlyWritten(error) from error
        raise
    clauses = clause_iris(document)
    date = document.header.date or (conference.end_date if (conference := load_gazetteer().by_id(
        document.header.edition or "")) else None)
    return DocumentSummary(
        doc=doc,
        work=own_work_key(document),
        sections=len(document.sections), clauses=len(document.clauses), citations=len(citations),
        cited=tuple(c.work for c in citations if c.work),
        unresolved=tuple((c.text, c.reason or "", c.reason_code or "") for c in citations if c.work is None),
        title=document.header.work_title or document.header.title, year=int(date[:4]) if date else None,
        edition=document.header.edition or "unknown",
        links=tuple((clauses.get(c.clause or "", ""), c.work) for c in citations if c.work),
        functions=tuple(function or "" for c, function in zip(citations, functions, strict=True) if c.work),
        graph=graph)


def run_jobs(jobs: list[tuple[str, str, str]], out: Path, executor: Executor | None, workers: int | None,
             progress: bool, *, max_size: int = MAX_FILE_SIZE, max_memory: int | None = None,
             max_seconds: float | None = MAX_FILE_SECONDS) -> Iterable[FileResult]:
    """Each job's result, in order: on ``executor``, in this process (one worker, or one job, and neither
    ``max_memory`` nor ``max_seconds``), or in worker processes of their own (``kg.job.pool``), each of which may
    allocate at most ``max_memory`` bytes beyond what it starts with, and is killed when one file takes it longer
    than ``max_seconds`` (that file's error; None or 0: no limit). On an executor neither limit is set."""
    bar = tqdm(total=len(jobs), desc="building", unit="file", disable=not progress, file=sys.stderr)
    # (the entries are written under the build's cache version: a worker elsewhere, or one that started after the
    # code changed, would make another)
    calls = [(path, name, str(out), digest, cache_version(), max_size) for path, name, digest in jobs]
    if executor is not None:
        results = _run_on(executor, calls)
    elif (workers == 1 or len(jobs) <= 1) and max_memory is None and not max_seconds:   # (in this process)
        results = (process_file(*call) for call in calls)
    else:
        # (with a limit, one file is read in a worker too: only a process of its own can be stopped, whatever its
        # file makes it do, and a crash then costs that file only)
        processes = workers or os.cpu_count() or 1
        # chunks of up to 16 files, but at least four chunks a process: a few large files (archives) are shared out
        results = map_jobs(process_file_within, [(max_memory, *call) for call in calls], processes=processes,
                           failed=_worker_failed, chunksize=max(1, min(16, len(jobs) // (4 * processes))),
                           time_limit=max_seconds or None)
    for result in results:
        yield result
        bar.update()
    bar.close()


@contextmanager
def _memory_limited(limit: int) -> Iterator[None]:
    """Let this process allocate at most ``limit`` bytes more than it holds now, for the ``with`` block
    (``RLIMIT_DATA``, which counts the heap and private mappings; what it holds counts what a worker forked from
    the build shares with it, and what earlier files left in its heap); past it, allocations fail
    (``MemoryError``: the file's error). Linux only: elsewhere no limit is set."""
    if sys.platform != "linux":
        yield
        return
    import resource
    try:
        held = next(int(line.split()[1]) * 1024 for line in Path("/proc/self/status").read_text().splitlines()
                    if line.startswith("VmData:"))
    except (OSError, StopIteration, ValueError):
        held = None
    before = resource.getrlimit(resource.RLIMIT_DATA)
    hard = before[1]
    if held is not None:
        wanted = held + limit if hard == resource.RLIM_INFINITY else min(held + limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, before)


def _worker_failed(failure: JobFailure) -> FileResult:
    """The error of a file whose worker process died reading it, twice (see ``kg.job.pool``), was killed for
    taking longer than the time limit (not tried again: that would cost the limit twice), or ran out of the memory
    it may use. Not cached: a rebuild reads the file again."""
    _, _, name, _, digest, _, _ = failure.job
    if failure.kind == "died":
        error = f"{name}: the worker process reading it died, and again when it was read alone ({failure.how})"
    elif failure.kind == "timed out":
        error = f"{name}: {failure.how}; not read (--max-file-seconds)"
    elif failure.error == "MemoryError":
        error = f"{name}: {_OUT_OF_MEMORY}"
    else:
        error = f"{name}: internal error ({failure.error}): {failure.how}"
    return FileResult(name, digest, error=error)


_OUT_OF_MEMORY = "out of the memory its worker process may use (--max-worker-memory)"


def process_file_within(limit: int | None, path: str, name: str, out: str | None = None, digest: str | None = None,
                        version: str | None = None, max_size: int = MAX_FILE_SIZE) -> FileResult:
    """``process_file`` in a worker process that may allocate at most ``limit`` bytes more while it reads this
    file (``None``: no limit)."""
    if limit is None:
        return process_file(path, name, out, digest, version, max_size)
    with _memory_limited(limit):
        return process_file(path, name, out, digest, version, max_size)


def _run_on(executor: Executor, calls: list[tuple[str, str, str, str, str, int]]) -> Iterator[FileResult]:
    """The calls on a caller's executor (a dask cluster's), one file a task: a task that fails there (its worker
    lost, say) is that file's error."""
    futures = [executor.submit(process_file, *call) for call in calls]
    for future, call in zip(futures, calls, strict=True):
        try:
            yield future.result()
        except Exception as error:   # noqa: BLE001 (the executor's own failure: the file is named, the build goes on)
            _, name, _, digest, _, _ = call
            yield FileResult(name, digest, error=f"{name}: the worker reading it failed ({type(error).__name__}: "
                                                 f"{' '.join(str(error).split())[:300]})")
