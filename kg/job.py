"""``kg build``, the main job (``kg.build`` in Python). Read, parse, extract and resolve every document, write the graph and the store.

Per-file work (read -> parse -> cite -> resolve -> rdf) is a pure function of the file's bytes, so it runs in
parallel through any ``concurrent.futures.Executor`` (a process pool, or a dask.distributed cluster's) and its
result is cached under ``OUT/cache/`` by the hash of those bytes: a rebuild only redoes the files that changed.
Then ``graph.nq`` (``kg.graphfile``, copying what did not change) and the store (updated in place), while the
network metrics and the overview view are made in a process of their own (``kg.process``); then the scores into
the store and ``graph.nq``, and the report. The outputs:

- ``OUT/graph.nq``: every named graph, as sorted N-Quads (the same inputs give the same bytes);
- ``OUT/store/``: the Oxigraph store, bulk-loaded from ``graph.nq`` and optimised, or updated in place;
- ``OUT/report.md``: documents, sections, clauses, citations, unresolved mentions, most-cited instruments;
- ``OUT/manifest.json``: what was built from what, when, which files were parsed again this time, where each
  file's graphs lie in ``graph.nq``, and the seconds each stage took."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from kg import __version__
from kg.cache import DocumentSummary, FileResult, cache_version, cached_lines, load_cached, store_cached
from kg.errors import InputError
from kg.gazetteer import load_gazetteer
from kg.graphfile import (ONTOLOGY_GRAPH, GraphFile, graph_file_record, graph_writers, recorded_files,
                          write_graph_file)
from kg.links import Cites, cites_of, works_of
from kg.parse import parse_document, split_documents
from kg.process import Beside
from kg.rdf import SHARED_GRAPH, clause_iris, content_hash, document_quads, graph_iri, own_work_key, work_facts
from kg.readers import DOCUMENT_SUFFIXES, read
from kg.resolve import extract_citations
from kg.scores import store_scores
from kg.store import OxigraphStore, change_marker


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``build_graph`` did: the files, the errors, and where the outputs are."""

    out: Path
    files: tuple[FileResult, ...]
    quads: int
    errors: tuple[str, ...] = field(default=())
    network: str = ""

    @property
    def reparsed(self) -> list[str]:
        return [f.path for f in self.files if f.reparsed and f.error is None]


def input_files(inputs: Sequence[str | Path]) -> Iterator[Path]:
    """Each file input as given; a directory stands for the documents below it, sorted (files with a document
    suffix, hidden ones skipped: the CSV and TOML reference data beside them are not resolutions)."""
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            yield from (path / relative for relative in _documents_below(path))
        else:
            yield path


def _documents_below(folder: Path) -> list[str]:
    """The paths, relative to ``folder``, of the documents below it, in the order paths sort (part by part)."""
    found = []
    for current, subfolders, names in os.walk(folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        relative = os.path.relpath(current, folder)
        found += [name if relative == "." else os.path.join(relative, name) for name in names
                  if not name.startswith(".") and os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES]
    return sorted(found, key=lambda path: path.split(os.sep))


def _display_name(path: Path) -> str:
    """The file's path relative to the working directory where it lies below it (stable across machines)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def process_file(path: str, name: str, out: str | None = None, digest: str | None = None,
                 version: str | None = None) -> FileResult:
    """Read, parse, extract and turn into quads every document of one file (runs in a worker process).

    With ``out`` the worker writes the file's cache entry itself and returns the result without its quads, so
    that no large text travels back to the parent process (the workers then need ``out`` on a shared disk), under
    the build's cache ``version``. ``digest`` is the file's sha256 when the caller has hashed it already."""
    digest = digest or hashlib.sha256(Path(path).read_bytes()).hexdigest()
    try:
        sources = read(path)
    except InputError as error:
        return FileResult(name, digest, error=str(error).replace(path, name, 1))
    quads: list[str] = []
    summaries = []
    graphs = []
    for source in (part for source in sources for part in split_documents(source)):
        document = parse_document(source)
        citations = extract_citations(document)
        quads += document_quads(document, citations, source_name=source.origin.replace(path, name, 1))
        graphs.append(graph_iri(content_hash(source.text)))
        clauses = clause_iris(document)
        date = document.header.date or (conference.end_date if (conference := load_gazetteer().by_id(
            document.header.edition or "")) else None)
        summaries.append(DocumentSummary(
            doc=source.origin.replace(path, name, 1),
            work=own_work_key(document),
            sections=len(document.sections), clauses=len(document.clauses), citations=len(citations),
            cited=tuple(c.work for c in citations if c.work),
            unresolved=tuple((c.text, c.reason or "") for c in citations if c.work is None),
            title=document.header.title, year=int(date[:4]) if date else None,
            edition=document.header.edition or "unknown",
            links=tuple((clauses.get(c.clause or "", ""), c.work) for c in citations if c.work)))
    result = FileResult(name, digest, tuple(sorted(set(quads))), tuple(summaries), graphs=tuple(dict.fromkeys(graphs)))
    return store_cached(Path(out), result, version=version) if out is not None else result


def _run(jobs: list[tuple[str, str, str]], out: Path, executor: Executor | None, workers: int | None,
         progress: bool) -> Iterable[FileResult]:
    bar = tqdm(total=len(jobs), desc="building", unit="file", disable=not progress, file=sys.stderr)
    if executor is None and (workers == 1 or len(jobs) <= 1):
        for path, name, digest in jobs:
            yield process_file(path, name, str(out), digest)
            bar.update()
    else:
        own = executor is None
        pool = executor or ProcessPoolExecutor(max_workers=workers or os.cpu_count())
        try:
            paths, names, digests = zip(*jobs)
            # (the entries are written under the build's cache version: a worker elsewhere, or one that started
            # after the code changed, would make another)
            for result in pool.map(process_file, paths, names, [str(out)] * len(jobs), digests,
                                   [cache_version()] * len(jobs), chunksize=1 if executor is not None else 16):
                yield result
                bar.update()
        finally:
            if own:
                pool.shutdown()
    bar.close()


def build_graph(inputs: Sequence[str | Path], out: str | Path, *, executor: Executor | None = None,
                workers: int | None = None, progress: bool = True, load_store: bool = True,
                doc_views: bool = False) -> BuildResult:
    """Build ``out`` from the files under ``inputs``; unchanged files (by content hash) come from the cache."""
    # the network's metrics are made in a process of their own, which imports what they need meanwhile
    beside = Beside(preload=_SCORING_MODULES) if load_store else None
    frozen_before = gc.get_freeze_count()
    try:
        return _build(inputs, Path(out), executor=executor, workers=workers, progress=progress, beside=beside,
                      doc_views=doc_views)
    finally:
        if frozen_before == 0:   # (see _collector_paused; what a caller froze itself stays frozen, with ours)
            gc.unfreeze()
        if beside is not None:
            beside.stop()


_SCORING_MODULES = ("kg.analyze", "kg.view")


def _build(inputs: Sequence[str | Path], out: Path, *, executor: Executor | None, workers: int | None,
           progress: bool, beside: Beside | None, doc_views: bool) -> BuildResult:
    out.mkdir(parents=True, exist_ok=True)
    stages = _Stages()
    with _collector_paused():   # (what is read here lives as long as the build; see _collector_paused)
        previous = _read_manifest(out)
        results, jobs, errors, status = _look_up_inputs(inputs, out, previous)
    stages.done("inputs")
    for result in _run(jobs, out, executor, workers, progress):
        results[result.path] = result
    stages.done("documents")
    ordered = [results[name] for name in sorted(results)]
    errors += [r.error for r in ordered if r.error]
    if beside is None:   # (no store, no metrics)
        graph_file = write_graph_file(out, ordered, previous, ontology=ontology_quads())
        stages.done("graph.nq")
        result = BuildResult(out, tuple(ordered), graph_file.quads, tuple(errors))
        report, analysis = build_report(result), ""
    else:
        # the network's metrics (pure Python, mostly) are made beside while graph.nq is written and the store
        # brought up to date (the kernel's and Oxigraph's work, mostly) here
        signature, scored = _score(beside, out, ordered, previous)
        stages.done("network inputs")
        graph_file = write_graph_file(out, ordered, previous, ontology=ontology_quads())
        stages.done("graph.nq")
        store, fresh_store = _update_store(out, ordered, previous, graph_file)
        stages.done("store")
        result = BuildResult(out, tuple(ordered), graph_file.quads, tuple(errors), signature)
        report = build_report(result)
        stages.done("report")
        scores = scored()
        stages.done("metrics (waited for)")
        _store_and_draw(out, store, scores, results=ordered, fresh_store=fresh_store, doc_views=doc_views)
        analysis = scores.digest
        store.close()
        change_marker(out / "store").unlink()
        stages.done("scores and views")
    (out / "report.md").write_text(report, encoding="utf-8")
    _write_manifest(result, store_complete=beside is not None, status=status, graph_file=graph_file,
                    seconds=stages.seconds, analysis=analysis)
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


def _look_up_inputs(inputs: Sequence[str | Path], out: Path, previous: Mapping[str, object] | None):  # noqa: ANN202
    """The cached results of the unchanged input files, the jobs for the others (path, name, sha256), the files
    that cannot be opened, and each file's (size, modification time, change time)."""
    hashed = recorded_files(previous)
    results: dict[str, FileResult] = {}
    jobs: list[tuple[str, str, str]] = []
    errors: list[str] = []
    status: dict[str, tuple[int, int, int]] = {}
    for path, name in _named_inputs(inputs):
        try:
            stat = os.stat(path)
            status[name] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            entry = hashed.get(name)
            if entry is not None and [entry.get("size"), entry.get("mtime_ns"), entry.get("ctime_ns")] == \
                    list(status[name]):
                digest = entry["sha256"]   # as git does: a file of the same size and times is not read again
            else:
                with open(path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
        except OSError as error:
            errors.append(f"{name}: cannot open: {error.strerror or error}")
            continue
        cached = load_cached(out, digest, name)
        if cached is not None:
            results[name] = cached
        else:
            jobs.append((path, name, digest))
    return results, jobs, errors, status


def _named_inputs(inputs: Sequence[str | Path]) -> Iterator[tuple[str, str]]:
    """Each input file once (its path as a string), with the name the build knows it by (``_display_name``); the
    files found in a directory are named below the directory's own name, which is worked out once."""
    seen: set[str] = set()
    for given in inputs:
        root = Path(given)
        if root.is_dir():
            root_name = _display_name(root)
            named = [(os.path.join(root, relative), os.path.join(root_name, relative))
                     for relative in _documents_below(root)]
        else:
            named = [(str(root), _display_name(root))]
        for path, name in named:
            if name not in seen:
                seen.add(name)
                yield path, name


def _read_manifest(out: Path) -> dict[str, object] | None:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _update_store(out: Path, ordered: list[FileResult], previous: dict[str, object] | None,
                  graph_file: GraphFile) -> tuple[OxigraphStore, bool]:
    """Bring ``out/store`` up to date: replace only the graphs of the files that changed, and only the lines of
    the shared graph that changed, when the previous build's store is there and complete; else (or when more than
    a quarter of the files changed) bulk-load ``graph.nq`` into a new store (then the second value is True).
    The store's change marker is left for the caller to take away once the analysis is in the store too."""
    store_dir = out / "store"
    held = recorded_files(previous).values()
    current = [r for r in ordered if not r.error]
    marker = change_marker(store_dir)   # left behind by a change that did not finish: start the store afresh
    if (previous is None or not previous.get("store_complete") or not store_dir.is_dir() or marker.exists()
            or len(graph_file.changed) > max(len(current), 1) / 4):
        marker.touch()
        if store_dir.exists():
            shutil.rmtree(store_dir)
        store = OxigraphStore(store_dir)
        store.load_file(out / "graph.nq")
        return store, True
    marker.touch()
    store = OxigraphStore(store_dir)
    before = graph_writers((e["path"], e["sha256"], e.get("graphs", ())) for e in held  # type: ignore[union-attr]
                           if not e.get("error"))
    now = graph_writers((r.path, r.sha256, r.graphs) for r in current)
    store.remove_graphs([graph for graph, writer in before.items() if now.get(graph) != writer])
    wanted: dict[tuple[str, str], set[bytes]] = {}
    for graph, writer in now.items():
        if before.get(graph) != writer:
            wanted.setdefault(writer, set()).add(f"<{graph}> .\n".encode("utf-8"))
    store.load(b"".join(line for (path, digest), graphs in wanted.items()
                        for line in cached_lines(out, digest, path) if line[line.rfind(b"<"):] in graphs), bulk=True)
    if graph_file.shared_removed is None:   # the previous shared graph is not known: replace it whole
        store.remove_graphs([SHARED_GRAPH, ONTOLOGY_GRAPH])
        store.load(b"".join(graph_file.shared), bulk=True)
    else:
        store.remove_quads(b"".join(graph_file.shared_removed))
        store.load(b"".join(graph_file.shared_added), bulk=True)
    # (no optimize: a few graphs replaced do not need the store compacted)
    return store, False


@dataclass(frozen=True, slots=True)
class _Scores:
    """The network's scores for this build, as N-Quads of the analysis graph: made afresh (``fresh``) or kept
    from the previous build."""

    nquads: str
    fresh: bool
    held: str | None = None   # made afresh: the analysis graph the store holds from the previous build, if known

    @property
    def digest(self) -> str:
        return _analysis_digest(self.nquads)


def _score(beside: Beside, out: Path, results: list[FileResult],
           previous: Mapping[str, object] | None) -> tuple[str, Callable[[], _Scores]]:
    """The network's signature, and the metrics of the network the build extracted started ``beside``: the
    returned function waits for them. When the network is the one the previous build analysed (same instruments,
    facts and citing clauses: a rebuild that changed no citation), the previous scores are kept."""
    signature = network_signature(results)
    kept = [out / "analysis.nq", out / "metrics.json", out / "metrics.csv", out / "views" / "overview.html"]
    if previous is not None and previous.get("network") == signature and all(path.exists() for path in kept):
        beside.stop()
        nquads = (out / "analysis.nq").read_text(encoding="utf-8")
        return signature, lambda: _Scores(nquads, fresh=False)
    held = _analysis_held(out, previous)   # (read before the new scores replace it)
    scoring = beside.call(_score_and_draw, out, *links_of_summaries(results))
    return signature, lambda: _Scores(scoring(), fresh=True, held=held)


def _score_and_draw(out: Path, cites: Mapping[str, Mapping[str, Collection[str]]],
                    facts: Mapping[str, Mapping[str, object]]) -> str:
    """The network of ``cites`` and its metrics, written to ``metrics.csv``/``.json`` and ``analysis.nq``, and the
    overview view (``views/`` made anew). Returns the analysis graph's N-Quads. Reads no store."""
    from kg.analyze import network_of_links, score_network
    from kg.view import overview
    G = network_of_links(cites, facts)
    metrics, nquads = score_network(out, G)
    views = out / "views"
    if views.exists():
        shutil.rmtree(views)
    overview(G, metrics).write(views / "overview.html")
    return nquads


def _analysis_held(out: Path, previous: Mapping[str, object] | None) -> str | None:
    """The analysis graph the previous build put into its store: its ``analysis.nq``, while that is still the
    one the manifest recorded (``kg analyze`` run since rewrites it)."""
    path = out / "analysis.nq"
    recorded = (previous or {}).get("analysis")
    if not recorded or not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    return text if _analysis_digest(text) == recorded else None


def _analysis_digest(nquads: str) -> str:
    """What the manifest records of the analysis graph the store holds (``"analysis"``)."""
    return hashlib.sha256(nquads.encode("utf-8")).hexdigest()


def _store_and_draw(out: Path, store: OxigraphStore, scores: _Scores, *, results: list[FileResult],
                    fresh_store: bool, doc_views: bool) -> None:
    """The scores into the store and ``graph.nq``, and with ``doc_views`` one view per resolution."""
    views = out / "views"
    # graph.nq was written without the scores; a store updated in place holds the kept ones already
    store_scores(out, store if scores.fresh or fresh_store else None, scores.nquads,
                 graph_file_has_scores=False, held=None if fresh_store else scores.held)
    if doc_views:
        from kg.analyze import document_outline
        from kg.view import document_view
        for work in sorted({d.work for r in results for d in r.documents if d.work}):
            document_view(document_outline(store, work)).write(views / "doc" / f"{work.replace('/', '_')}.html")


def network_signature(results: list[FileResult]) -> str:
    """A hash of all that ``network_of_summaries`` makes the instrument graph from (each document's work,
    edition, title, year and citing links, in order, and the version of the code that read them): equal
    signatures, equal networks, without making the network."""
    digest = hashlib.sha256(cache_version().encode("utf-8"))
    for document in (d for r in results if not r.error for d in r.documents):
        # (the repr of strings, numbers, None and tuples is exact and stable, and far quicker than JSON)
        record = (document.work, document.edition, document.title, document.year, document.links)
        digest.update(repr(record).encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def network_of_summaries(results: list[FileResult]):  # noqa: ANN201 (networkx loads only when building)
    """The instrument graph from what the build extracted: the same graph ``instrument_graph`` reads from the
    store, made without a query."""
    from kg.analyze import network_of_links
    return network_of_links(*links_of_summaries(results))


def links_of_summaries(results: list[FileResult]) -> tuple[Cites, dict[str, dict[str, object]]]:
    """What the instrument graph is made from (``kg.analyze.network_of_links``): the clauses where each work
    cites each other (citing -> cited -> clauses, distinct, in order), and each work's facts."""
    documents = [d for r in results if not r.error for d in r.documents]
    cites = cites_of((document.work, cited, clause or document.edition)
                     for document in documents for clause, cited in document.links)
    facts: dict[str, dict[str, object]] = {key: {**work_facts(key), "years": []} for key in works_of(cites)}
    for document in documents:
        if document.work in facts:
            if document.title:
                facts[document.work]["title"] = document.title
            years = facts[document.work]["years"]
            if document.year and document.year not in years:   # type: ignore[operator]
                years.append(document.year)  # type: ignore[union-attr]
    return cites, facts


def ontology_quads() -> list[str]:
    """The ontology as a named graph of its own, so SPARQL over the store can follow ``rdfs:subClassOf``."""
    import rdflib
    ontology = rdflib.Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl")
    return [f"{s.n3()} {p.n3()} {o.n3()} <{ONTOLOGY_GRAPH}> ." for s, p, o in ontology if not isinstance(s, rdflib.BNode)
            and not isinstance(o, rdflib.BNode)]


def _write_manifest(result: BuildResult, *, store_complete: bool, status: dict[str, tuple[int, int, int]],
                    graph_file: GraphFile, seconds: dict[str, float], analysis: str) -> None:
    spans = graph_file.spans
    manifest = {
        "tool": f"resolution-kg {__version__}",
        "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "quads": result.quads,
        "store_complete": store_complete,
        "network": result.network,
        "analysis": analysis,   # the sha256 of the analysis graph in the store (and in analysis.nq)
        "seconds": seconds,
        "graph_file": graph_file_record(result.out, graph_file),
        "files": [{"path": f.path, "sha256": f.sha256, "size": status[f.path][0], "mtime_ns": status[f.path][1],
                   "ctime_ns": status[f.path][2],
                   "documents": len(f.documents), "reparsed": f.reparsed, "error": f.error,
                   "graphs": list(f.graphs),
                   "span": [spans[f.path].offset, spans[f.path].length, spans[f.path].lines, spans[f.path].complete]
                   if f.path in spans else None} for f in result.files],
        "errors": list(result.errors),
    }
    # one line per file (json's indented writer is ten times slower than its plain one, which counts at 100k files)
    files = ",\n    ".join(json.dumps(entry, ensure_ascii=False) for entry in manifest.pop("files"))
    text = json.dumps(manifest, indent=2, ensure_ascii=False)
    (result.out / "manifest.json").write_text(f'{text[:-2]},\n  "files": [\n    {files}\n  ]\n}}\n', encoding="utf-8")


def build_report(result: BuildResult, *, top: int = 20) -> str:
    """The Markdown report of a build."""
    documents = [d for f in result.files for d in f.documents]
    cited_by = Counter(work for d in documents for work in set(d.cited))
    mentions = Counter(work for d in documents for work in d.cited)
    lines = ["# resolution-kg build report", "",
             f"- documents: {len(documents)} (from {sum(1 for f in result.files if not f.error)} files)",
             f"- sections: {sum(d.sections for d in documents)}",
             f"- clauses: {sum(d.clauses for d in documents)}",
             f"- citations: {sum(d.citations for d in documents)} "
             f"({sum(len(d.unresolved) for d in documents)} unresolved)",
             f"- distinct instruments cited: {len(cited_by)}",
             f"- quads: {result.quads}", ""]
    if result.errors:
        lines += ["## Files skipped", ""] + [f"- {error}" for error in result.errors] + [""]
    lines += ["## Most-cited instruments", "", "| instrument | citing documents | citations |", "|---|---:|---:|"]
    lines += [f"| `{work}` | {count} | {mentions[work]} |" for work, count in
              sorted(cited_by.items(), key=lambda item: (-item[1], -mentions[item[0]], item[0]))[:top]]
    reasons = Counter(reason.split(": ", 1)[-1] for d in documents for _, reason in d.unresolved)
    lines += ["", "## Unresolved mentions", "", "| reason | mentions |", "|---|---:|"]
    lines += [f"| {reason} | {count} |" for reason, count in reasons.most_common()]
    lines += ["", "| document | mention | reason |", "|---|---|---|"]
    lines += [f"| {d.doc} | {text.replace('|', '/')} | {reason.replace('|', '/')} |"
              for d in documents for text, reason in d.unresolved]
    return "\n".join(lines) + "\n"
