"""The per-file work (read -> parse -> cite -> resolve -> rdf), in a worker process, and the pool that runs it."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

from kg.errors import InputError
from kg.job.cache import DocumentSummary, FileResult, cache_version, store_cached
from kg.job.process import die_with_parent
from kg.parse import parse_document, split_documents
from kg.rdf import clause_iris, document_graph_iri, document_quads, own_work_key
from kg.rdf.functions import citation_functions
from kg.readers import MAX_FILE_SIZE, read, read_input
from kg.reference.gazetteer import load_gazetteer
from kg.resolve import extract_citations


def process_file(path: str, name: str, out: str | None = None, digest: str | None = None,
                 version: str | None = None, max_size: int = MAX_FILE_SIZE) -> FileResult:
    """Read, parse, extract and turn into quads every document of one file (runs in a worker process).

    With ``out`` the worker writes the file's cache entry itself and returns the result without its quads, so
    that no large text travels back to the parent process (the workers then need ``out`` on a shared disk), under
    the build's cache ``version``. ``digest`` is the file's sha256 as the caller found it: the result carries the
    hash of the bytes read here, which is what they are cached under (a file edited meanwhile is not cached
    under its old hash with its new graph).

    Whatever one file raises becomes that file's error, on one line: ``InputError`` as it is, anything else as
    a bug (``FILE: internal error (RecursionError): ...``); the build goes on with the other files."""
    try:
        data = read_input(path, max_size=max_size)
    except InputError as error:
        return FileResult(name, digest or "", error=str(error).replace(path, name, 1))
    digest = hashlib.sha256(data).hexdigest()
    try:
        result = _process(path, name, data, digest, max_size)
    except InputError as error:
        result = FileResult(name, digest, error=str(error).replace(path, name, 1))
    except Exception as error:   # noqa: BLE001 (a bug: said so, with its type, and the build goes on)
        message = " ".join(str(error).split())[:300]
        result = FileResult(name, digest, error=f"{name}: internal error ({type(error).__name__}): {message}")
    return store_cached(Path(out), result, version=version) if out is not None else result


def _process(path: str, name: str, data: bytes, digest: str, max_size: int) -> FileResult:
    sources = read(path, data=data, max_size=max_size)
    warnings: list[str] = []
    quads: list[str] = []
    summaries = []
    graphs = []
    for source in (part for whole in sources for part in split_documents(whole)):
        warnings += [warning.replace(path, name, 1) for warning in source.warnings]
        document = parse_document(source)
        citations = extract_citations(document)
        quads += document_quads(document, citations, source_name=source.origin.replace(path, name, 1))
        graphs.append(document_graph_iri(source))
        clauses = clause_iris(document)
        date = document.header.date or (conference.end_date if (conference := load_gazetteer().by_id(
            document.header.edition or "")) else None)
        summaries.append(DocumentSummary(
            doc=source.origin.replace(path, name, 1),
            work=own_work_key(document),
            sections=len(document.sections), clauses=len(document.clauses), citations=len(citations),
            cited=tuple(c.work for c in citations if c.work),
            unresolved=tuple((c.text, c.reason or "", c.reason_code or "") for c in citations if c.work is None),
            title=document.header.work_title or document.header.title, year=int(date[:4]) if date else None,
            edition=document.header.edition or "unknown",
            links=tuple((clauses.get(c.clause or "", ""), c.work) for c in citations if c.work),
            functions=tuple(function or "" for c, function in zip(citations, citation_functions(document, citations),
                                                                   strict=True) if c.work)))
    return FileResult(name, digest, tuple(sorted(set(quads))), tuple(summaries), graphs=tuple(dict.fromkeys(graphs)),
                      warnings=tuple(dict.fromkeys(warnings)))


def run_jobs(jobs: list[tuple[str, str, str]], out: Path, executor: Executor | None, workers: int | None,
             progress: bool, *, max_size: int = MAX_FILE_SIZE) -> Iterable[FileResult]:
    bar = tqdm(total=len(jobs), desc="building", unit="file", disable=not progress, file=sys.stderr)
    if executor is None and (workers == 1 or len(jobs) <= 1):
        for path, name, digest in jobs:
            yield process_file(path, name, str(out), digest, max_size=max_size)
            bar.update()
    else:
        own = executor is None
        processes = workers or os.cpu_count() or 1
        pool = executor or ProcessPoolExecutor(max_workers=processes, initializer=die_with_parent,
                                               initargs=(os.getpid(),))
        # chunks of up to 16 files, but at least four chunks a process: a few large files (archives) are shared out
        chunksize = 1 if executor is not None else max(1, min(16, len(jobs) // (4 * processes)))
        try:
            paths, names, digests = zip(*jobs)
            # (the entries are written under the build's cache version: a worker elsewhere, or one that started
            # after the code changed, would make another)
            for result in pool.map(process_file, paths, names, [str(out)] * len(jobs), digests,
                                   [cache_version()] * len(jobs), [max_size] * len(jobs),
                                   chunksize=chunksize):
                yield result
                bar.update()
        finally:
            if own:
                pool.shutdown()
    bar.close()
