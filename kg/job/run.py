"""``kg build``, the main job (``kg.build`` in Python): read, parse, extract and resolve every document, write the
graph and the store.

Per-file work (read -> parse -> cite -> resolve -> rdf) is a pure function of the file's bytes, so it runs in
parallel through any ``concurrent.futures.Executor`` (a process pool, or a dask.distributed cluster's) and its
result is cached under ``OUT/cache/`` by the hash of those bytes: a rebuild only redoes the files that changed.
Then ``graph.nq`` (``kg.job.graphfile``, copying what did not change) and the store (updated in place), while the
network metrics and the overview view are made in a process of their own (``kg.job.process``); then the scores into
the store and ``graph.nq``, and the report. The outputs:

- ``OUT/graph.nq``: every named graph, as sorted N-Quads (the same inputs give the same bytes);
- ``OUT/store/``: the Oxigraph store, made anew by Oxigraph's bulk loader fed each file's quads while the documents
  are read (``kg.job.store_update.StoreLoader``), or updated in place;
- ``OUT/report.md``: documents, sections, clauses, citations, unresolved mentions, most-cited instruments;
- ``OUT/manifest.json``: what was built from what, when, which files were parsed again this time, where each
  file's graphs lie in ``graph.nq``, and the seconds each stage took."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path

from kg.buildfiles import damage_at, remove_path
from kg.errors import InputError
from kg.job.cache import remove_orphans, remove_stale_entries
from kg.job.editions import editions_with_two_texts
from kg.job.graphfile import recorded_files, write_graph_file
from kg.job.inputs import look_up_inputs
from kg.job.lock import holding_folder
from kg.job.manifest import read_manifest, write_manifest
from kg.job.process import Beside
from kg.job.report import build_report
from kg.job.result import BuildResult
from kg.job.scoring import start_scoring, store_and_draw
from kg.job.store_update import NEW_STORE, StoreLoader, quads_in, seal_store, start_new_store, update_store
from kg.job.worker import MAX_FILE_SECONDS, run_jobs
from kg.rdf.ontology import ontology_quads
from kg.readers import MAX_FILE_SIZE
from kg.wording import counted


def build_graph(inputs: Sequence[str | Path], out: str | Path, *, executor: Executor | None = None,
                workers: int | None = None, progress: bool = True, load_store: bool = True,
                doc_views: bool = False, max_file_size: int = MAX_FILE_SIZE,
                max_worker_memory: int | None = None, max_file_seconds: float | None = MAX_FILE_SECONDS) -> BuildResult:
    """Build ``out`` from the files under ``inputs``; unchanged files (by content hash) come from the cache.
    A file larger than ``max_file_size`` bytes is an input error, as is one that is not a regular file, one
    for which a worker process would need more than ``max_worker_memory`` bytes (beyond what it starts with), and
    one that takes its worker longer than ``max_file_seconds`` (None or 0: no limit). ``BusyError`` when another
    build is writing ``out``. When no input path exists, that is an ``InputError`` before anything is written: a
    mistyped folder would otherwise give a build of nothing in place of the one ``out`` held (one missing among
    others is that path's error, and the others are built)."""
    missing = [str(given) for given in inputs if not os.path.lexists(given)]
    if missing and len(missing) == len(inputs):
        raise InputError(", ".join(missing), f"no such file or folder; nothing was built ({out} is as it was)")
    with holding_folder(Path(out)):
        return _build_held(inputs, Path(out), executor=executor, workers=workers, progress=progress,
                           load_store=load_store, doc_views=doc_views, max_size=max_file_size,
                           max_memory=max_worker_memory, max_seconds=max_file_seconds)


def _build_held(inputs: Sequence[str | Path], out: Path, *, executor: Executor | None, workers: int | None,
                progress: bool, load_store: bool, doc_views: bool, max_size: int,
                max_memory: int | None, max_seconds: float | None) -> BuildResult:
    # the network's metrics are made in a process of their own, which imports what they need meanwhile
    beside = Beside(preload=_SCORING_MODULES) if load_store else None
    frozen_before = gc.get_freeze_count()
    loading: list[StoreLoader] = []
    try:
        return _build(inputs, out, executor=executor, workers=workers, progress=progress, beside=beside,
                      doc_views=doc_views, max_size=max_size, max_memory=max_memory, max_seconds=max_seconds,
                      loading=loading)
    finally:
        for loader in loading:   # (a build that failed before its new store was complete: the marker stays)
            loader.stop()
        if frozen_before == 0:   # (see _collector_paused; what a caller froze itself stays frozen, with ours)
            gc.unfreeze()
        if beside is not None:
            beside.stop()


_SCORING_MODULES = ("kg.analyze.metrics", "kg.view")
# what a build writes in OUT: files, and folders (the store's folder is made anew where it is not one)
_OUTPUT_FILES = ("manifest.json", "graph.nq", "analysis.nq", "report.md", "metrics.csv", "metrics.json")
_OUTPUT_FOLDERS = ("cache", "views", "views/doc", "store", "site")
_OWN_FILES_WITHIN = ("cache/shared.tsv", "store/kg-build")   # (read by the next build: kg.buildfiles)
# what a build or kg analyze cut short leaves beside its outputs (kg.swap's old graph.nq, the files written before
# they are renamed into place): no build would write over it where it writes nothing anew (an unchanged rebuild)
_LEFTOVERS = ("graph.nq.old", "graph.nq.tmp", "manifest.tmp", NEW_STORE)


def _clear_misplaced(out: Path) -> None:
    """A folder, a link, a FIFO or a device where the build writes a file, or a file where it keeps a folder (damage,
    or a hand), is taken away first, so that the build writes it afresh rather than stop with a traceback."""
    for name in (*_OUTPUT_FILES, *_OWN_FILES_WITHIN):   # (a link, a FIFO, a device: written over, never through)
        if damage_at(out / name) is not None:
            remove_path(out / name)
    for name in _OUTPUT_FOLDERS:   # (a link too, to a folder or not: the build writes into OUT, never through a link)
        if (out / name).is_symlink() or (out / name).exists() and not (out / name).is_dir():
            remove_path(out / name)


def _build(inputs: Sequence[str | Path], out: Path, *, executor: Executor | None, workers: int | None,
           progress: bool, beside: Beside | None, doc_views: bool, max_size: int, max_memory: int | None,
           max_seconds: float | None, loading: list[StoreLoader]) -> BuildResult:
    out.mkdir(parents=True, exist_ok=True)
    _clear_misplaced(out)
    remove_orphans(out)   # (what a build interrupted while it wrote the cache left there)
    for name in _LEFTOVERS:
        if os.path.lexists(out / name):
            remove_path(out / name)
    stages = _Stages()
    with _collector_paused():   # (what is read here lives as long as the build; see _collector_paused)
        previous = read_manifest(out)
        skipped: list[str] = []   # (the links in folders, not followed: warnings)
        results, jobs, errors, status = look_up_inputs(inputs, out, previous, max_size=max_size, skipped=skipped)
    if not (results or jobs) and (held := recorded_files(previous)):   # (bad files alone, or none: nothing to build)
        unread = f" (of {counted(len(errors), 'file')} that could not be read, the first: {errors[0]})" if errors else ""
        raise InputError(", ".join(map(str, inputs)), f"no document found there{unread}; nothing was built "
                         f"({out} keeps the {counted(len(held), 'file')} of its last build)")
    # a store made anew is loaded while the documents are read (Oxigraph's loader works outside the GIL)
    loader = start_new_store(out, previous, results.values(), jobs) if beside is not None else None
    loading += [loader] if loader is not None else []
    stages.done("inputs")
    for file_result in run_jobs(jobs, out, executor, workers, progress, max_size=max_size, max_memory=max_memory,
                                max_seconds=max_seconds):
        results[file_result.path] = file_result
        if loader is not None:
            loader.add(file_result)
    stages.done("documents")
    if not any(r.documents for r in results.values()) and (held := recorded_files(previous)):
        if loader is not None:   # (every input unreadable: the last build stays, its store too)
            loader.stop()
        errors += [r.error for r in results.values() if r.error]
        raise InputError(", ".join(map(str, inputs)), f"no document could be read there (the first error: "
                         f"{errors[0] if errors else 'none'}); nothing was built ({out} keeps the "
                         f"{counted(len(held), 'file')} of its last build)")
    ordered = [results[name] for name in sorted(results)]
    errors += [error for r in ordered for error in ((r.error,) if r.error else r.member_errors)]
    two_texts = editions_with_two_texts(out, ordered)
    if beside is None:   # (no store, no metrics)
        graph_file = write_graph_file(out, ordered, previous, ontology=ontology_quads())
        stages.done("graph.nq")
        result = BuildResult(out, tuple(ordered), graph_file.quads, tuple(errors), warnings=tuple(skipped),
                             editions_with_two_texts=two_texts)
        report, analysis, store_token, store_quads = build_report(result), "", None, None
    else:
        # the network's metrics (pure Python, mostly) are made beside while graph.nq is written and the store
        # brought up to date (the kernel's and Oxigraph's work, mostly) here
        signature, scored = start_scoring(beside, out, ordered, previous)
        stages.done("network inputs")
        graph_file = write_graph_file(out, ordered, previous, ontology=ontology_quads())
        stages.done("graph.nq")
        store, fresh_store, unchanged_quads = update_store(out, ordered, previous, graph_file, loader)
        stages.done("store")
        result = BuildResult(out, tuple(ordered), graph_file.quads, tuple(errors), signature,
                             warnings=tuple(skipped), editions_with_two_texts=two_texts)
        report = build_report(result)
        stages.done("report")
        scores = scored()
        stages.done("metrics (waited for)")
        store_and_draw(out, store, scores, results=ordered, fresh_store=fresh_store, doc_views=doc_views)
        analysis = scores.digest
        store.close()
        # what the next build checks the store against: counted again unless nothing changed it (scores kept too)
        store_quads = unchanged_quads if unchanged_quads is not None and not scores.fresh else quads_in(out / "store")
        store_token = seal_store(out)
        stages.done("scores and views")
    (out / "report.md").write_text(report, encoding="utf-8")
    write_manifest(result, store_complete=beside is not None, status=status, graph_file=graph_file,
                    seconds=stages.seconds, analysis=analysis, store_token=store_token, store_quads=store_quads)
    remove_stale_entries(out, status)   # (the entries of files no longer among the inputs)
    if graph_file.deleting is not None:
        graph_file.deleting.join()
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the previous build's manifest and the cached results are
    read (a million objects at 10,000 files, none in a cycle), and those objects then set aside from its later
    passes (``gc.freeze``) until the build ends: each pass would go through all of them again (a quarter of a
    second of a rebuild at 10,000 files), and forked processes would copy the pages it touches."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class _Stages:
    """The seconds each stage of a build took (the manifest keeps them: ``make bench`` prints them)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._since = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(now - self._since, 3)
        self._since = now
