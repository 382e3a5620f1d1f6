"""``kg build``, the main job (``kg.build`` in Python). Read, parse, extract and resolve every document, write the graph and the store.

Per-file work (read -> parse -> cite -> resolve -> rdf) is a pure function of the file's bytes, so it runs in
parallel through any ``concurrent.futures.Executor`` and its result is cached under ``OUT/cache/`` by the
hash of those bytes: a rebuild only redoes the files that changed. The outputs:

- ``OUT/graph.nq``: every named graph, as sorted N-Quads (the same inputs give the same bytes);
- ``OUT/store/``: the Oxigraph store, bulk-loaded from ``graph.nq`` and optimised;
- ``OUT/report.md``: documents, sections, clauses, citations, unresolved mentions, most-cited instruments;
- ``OUT/manifest.json``: what was built from what, when, and which files were parsed again this time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from kg import __version__
from kg.errors import InputError
from kg.parse import parse_document
from kg.gazetteer import load_gazetteer
from kg.rdf import SHARED_GRAPH, clause_iris, content_hash, document_quads, graph_iri, own_work_key, work_facts
from kg.readers import DOCUMENT_SUFFIXES, read
from kg.resolve import extract_citations
from kg.store import OxigraphStore

CACHE_VERSION = f"{__version__}-2"


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the report says of one document."""

    doc: str
    work: str
    sections: int
    clauses: int
    citations: int
    cited: tuple[str, ...]
    unresolved: tuple[tuple[str, str], ...]
    title: str | None = None
    year: int | None = None
    edition: str = "unknown"
    links: tuple[tuple[str, str], ...] = ()   # (citing clause IRI, or "" outside any clause; cited work)


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome of one input file: its documents' summaries and named graphs, or the error that made it be
    skipped. ``quads`` travels from the worker to the cache only; the build streams them from there."""

    path: str
    sha256: str
    quads: tuple[str, ...] = ()
    documents: tuple[DocumentSummary, ...] = ()
    error: str | None = None
    reparsed: bool = True
    graphs: tuple[str, ...] = ()


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
            yield from (p for p in sorted(path.rglob("*"))
                        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                        and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            yield path


def _display_name(path: Path) -> str:
    """The file's path relative to the working directory where it lies below it (stable across machines)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def process_file(path: str, name: str, out: str | None = None, digest: str | None = None) -> FileResult:
    """Read, parse, extract and turn into quads every document of one file (runs in a worker process).

    With ``out`` the worker writes the file's cache entry itself and returns the result without its quads, so
    that no large text travels back to the parent process (the workers then need ``out`` on a shared disk).
    ``digest`` is the file's sha256 when the caller has hashed it already."""
    digest = digest or hashlib.sha256(Path(path).read_bytes()).hexdigest()
    try:
        sources = read(path)
    except InputError as error:
        return FileResult(name, digest, error=str(error).replace(path, name, 1))
    quads: list[str] = []
    summaries = []
    graphs = []
    for source in sources:
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
    return _store_cached(_cache_path(Path(out), digest, name), result) if out is not None else result


def _cache_path(out: Path, digest: str, name: str) -> Path:
    key = hashlib.sha256(f"{CACHE_VERSION}\0{name}\0{digest}".encode()).hexdigest()
    return out / "cache" / f"{key}.json"


def _load_cached(path: Path) -> FileResult | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not path.with_suffix(".nq").exists():
        return None
    documents = tuple(DocumentSummary(**{**d, "cited": tuple(d["cited"]),
                                         "unresolved": tuple(tuple(u) for u in d["unresolved"]),
                                         "links": tuple(tuple(link) for link in d["links"])})
                      for d in raw["documents"])
    return FileResult(raw["path"], raw["sha256"], (), documents, raw["error"], reparsed=False,
                      graphs=tuple(raw["graphs"]))


def _store_cached(path: Path, result: FileResult) -> FileResult:
    """Write the summary (JSON) and the quads (N-Quads) of one file; return the result without its quads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    quads = path.with_suffix(".nq")
    temporary = quads.with_suffix(".nq.tmp")
    temporary.write_text("".join(line + "\n" for line in result.quads), encoding="utf-8")
    temporary.replace(quads)
    record = asdict(result)
    for transient in ("reparsed", "quads"):
        record.pop(transient)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)
    return replace(result, quads=())


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
            for result in pool.map(process_file, paths, names, [str(out)] * len(jobs), digests,
                                   chunksize=1 if executor is not None else 16):
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
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = list(dict.fromkeys(input_files(inputs)))
    results: dict[str, FileResult] = {}
    jobs = []
    errors = []
    for path in files:
        name = _display_name(path)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            errors.append(f"{name}: cannot open: {error.strerror or error}")
            continue
        cached = _load_cached(_cache_path(out, digest, name))
        if cached is not None:
            results[name] = cached
        else:
            jobs.append((str(path), name, digest))
    for result in _run(jobs, out, executor, workers, progress):
        results[result.path] = result
    ordered = [results[name] for name in sorted(results)]
    errors += [r.error for r in ordered if r.error]
    previous = _read_manifest(out)
    quads = _write_graph_file(out, ordered)
    network = ""
    if load_store:
        store, fresh_store = _update_store(out, ordered, previous)
        network = _analyse_and_draw(out, store, doc_views=doc_views, results=ordered, previous=previous,
                                    fresh_store=fresh_store)
        store.close()
    result = BuildResult(out, tuple(ordered), quads, tuple(errors), network)
    (out / "report.md").write_text(build_report(result), encoding="utf-8")
    _write_manifest(result, store_complete=load_store)
    return result


_SHARED_SUFFIX = f"<{SHARED_GRAPH}> .\n"


def _cached_lines(out: Path, result: FileResult) -> Iterator[str]:
    with _cache_path(out, result.sha256, result.path).with_suffix(".nq").open(encoding="utf-8") as handle:
        yield from handle


def _write_graph_file(out: Path, ordered: list[FileResult]) -> int:
    """Stream every document's graph (in the order of the input paths, each graph's lines sorted) into
    ``graph.nq``, then the shared graph and the ontology, sorted; a document found in two files is written once.
    Only the shared graph is held in memory. Returns the number of quads."""
    shared: set[str] = {line + "\n" for line in ontology_quads()}
    written_graphs: set[str] = set()
    count = 0
    temporary = out / "graph.nq.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        for result in ordered:
            if result.error:
                continue
            fresh = {graph for graph in result.graphs if graph not in written_graphs}
            for line in _cached_lines(out, result):
                if line.endswith(_SHARED_SUFFIX):
                    shared.add(line)
                elif line.rsplit(" ", 2)[1][1:-1] in fresh:
                    handle.write(line)
                    count += 1
            written_graphs |= fresh
        for line in sorted(shared):
            handle.write(line)
        count += len(shared)
    temporary.replace(out / "graph.nq")
    return count


def _read_manifest(out: Path) -> dict[str, object] | None:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _update_store(out: Path, ordered: list[FileResult],
                  previous: dict[str, object] | None) -> tuple[OxigraphStore, bool]:
    """Bring ``out/store`` up to date: replace only the graphs of the files that changed when the previous build's
    store is there and complete, else bulk-load ``graph.nq`` into a new store (then the second value is True)."""
    store_dir = out / "store"
    held = {entry["path"]: entry for entry in (previous or {}).get("files", [])}  # type: ignore[union-attr]
    updating = out / "store.updating"   # left behind by an update that did not finish: start the store afresh
    if previous is None or not previous.get("store_complete") or not store_dir.is_dir() or updating.exists():
        if store_dir.exists():
            shutil.rmtree(store_dir)
        store = OxigraphStore(store_dir)
        store.load_file(out / "graph.nq")
        updating.unlink(missing_ok=True)
        return store, True
    updating.touch()
    store = OxigraphStore(store_dir)
    current = {r.path: r for r in ordered if not r.error}
    stale = [graph for path, entry in held.items()
             if path not in current or current[path].sha256 != entry["sha256"] for graph in entry.get("graphs", [])]
    fresh = [r for path, r in current.items() if path not in held or held[path]["sha256"] != r.sha256]
    kept = {graph for path, r in current.items() if r not in fresh for graph in r.graphs}
    store.remove_graphs([graph for graph in stale if graph not in kept] + [SHARED_GRAPH,
                                                                             "https://w3id.org/resolution-kg/ontology"])
    for result in fresh:
        store.load("".join(line for line in _cached_lines(out, result) if not line.endswith(_SHARED_SUFFIX)),
                   bulk=False)
    shared = "".join(line for line in _graph_lines(out / "graph.nq", {SHARED_GRAPH,
                                                                       "https://w3id.org/resolution-kg/ontology"}))
    store.load(shared, bulk=False)   # (no optimize: a few graphs replaced do not need the store compacted)
    updating.unlink()
    return store, False


def _graph_lines(path: Path, graphs: set[str]) -> Iterator[str]:
    suffixes = tuple(f"<{graph}> .\n" for graph in graphs)
    with path.open(encoding="utf-8") as handle:
        yield from (line for line in handle if line.endswith(suffixes))


def _analyse_and_draw(out: Path, store: OxigraphStore, *, doc_views: bool, results: list[FileResult],
                      previous: dict[str, object] | None, fresh_store: bool) -> str:
    """Metrics written back into the store and ``graph.nq``, the overview view, and with ``doc_views`` one view
    per resolution. When the network is the one the previous build analysed (same instruments, facts and
    citing clauses: a rebuild that changed no citation), its scores and overview are kept. Returns the network's
    signature."""
    from kg.analyze import ANALYSIS_GRAPH, analyze_build, document_outline
    from kg.view import document_view, overview
    G = network_of_summaries(results)
    signature = network_signature(G)
    views = out / "views"
    kept = [out / "analysis.nq", out / "metrics.json", out / "metrics.csv", views / "overview.html"]
    if previous is not None and previous.get("network") == signature and all(path.exists() for path in kept):
        scores = (out / "analysis.nq").read_text(encoding="utf-8")
        if fresh_store:
            store.load(scores, bulk=False)
        with (out / "graph.nq").open("a", encoding="utf-8") as handle:
            handle.write(scores)
        assert scores == "" or scores.endswith(f"<{ANALYSIS_GRAPH}> .\n")
    else:
        G, metrics = analyze_build(out, store=store, G=G, graph_file_has_scores=False)
        if views.exists():
            shutil.rmtree(views)
        overview(G, metrics).write(views / "overview.html")
    if doc_views:
        for work in sorted({d.work for r in results for d in r.documents if d.work}):
            document_view(document_outline(store, work)).write(views / "doc" / f"{work.replace('/', '_')}.html")
    return signature


def network_signature(G) -> str:  # noqa: ANN001
    """A hash of the instrument graph: its nodes with their data and its edges with their data."""
    record = json.dumps([sorted(G.nodes(data=True)), sorted(G.edges(data=True))], sort_keys=True, default=str)
    return hashlib.sha256(record.encode("utf-8")).hexdigest()


def network_of_summaries(results: list[FileResult]):  # noqa: ANN201 (networkx loads only when building)
    """The instrument graph from what the build extracted: the same graph ``instrument_graph`` reads from the
    store, made without a query."""
    from kg.analyze import network_of_citations
    documents = [d for r in results if not r.error for d in r.documents]
    rows = [{"citing": d.work, "edition": d.edition, "clause": clause, "cited": cited}
            for d in documents for clause, cited in d.links]
    facts: dict[str, dict[str, object]] = {}
    for row in rows:
        for key in (row["citing"], row["cited"]):
            facts.setdefault(key, {**work_facts(key), "years": []})
    for document in documents:
        if document.work in facts:
            if document.title:
                facts[document.work]["title"] = document.title
            years = facts[document.work]["years"]
            if document.year and document.year not in years:   # type: ignore[operator]
                years.append(document.year)  # type: ignore[union-attr]
    return network_of_citations([{k: v for k, v in r.items() if v} for r in rows], facts)


def ontology_quads() -> list[str]:
    """The ontology as a named graph of its own, so SPARQL over the store can follow ``rdfs:subClassOf``."""
    import rdflib
    ontology = rdflib.Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl")
    name = "<https://w3id.org/resolution-kg/ontology>"
    return [f"{s.n3()} {p.n3()} {o.n3()} {name} ." for s, p, o in ontology if not isinstance(s, rdflib.BNode)
            and not isinstance(o, rdflib.BNode)]


def _write_manifest(result: BuildResult, *, store_complete: bool) -> None:
    manifest = {
        "tool": f"resolution-kg {__version__}",
        "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "quads": result.quads,
        "store_complete": store_complete,
        "network": result.network,
        "files": [{"path": f.path, "sha256": f.sha256, "documents": len(f.documents), "reparsed": f.reparsed,
                   "error": f.error, "graphs": list(f.graphs)} for f in result.files],
        "errors": list(result.errors),
    }
    (result.out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                              encoding="utf-8")


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
