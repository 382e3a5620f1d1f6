"""The network's metrics and views for a build: made beside the store's update, or kept when no citation changed."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.analyze.links import Cites, cites_of, works_of
from kg.analyze.scores import store_scores
from kg.buildfiles import read_build_file
from kg.job.cache import FileResult, cache_version
from kg.job.process import Beside, ProcessDied
from kg.rdf import work_facts
from kg.store import OxigraphStore


@dataclass(frozen=True, slots=True)
class Scores:
    """The network's scores for this build, as N-Quads of the analysis graph: made afresh (``fresh``) or kept
    from the previous build."""

    nquads: str
    fresh: bool
    held: str | None = None   # made afresh: the analysis graph the store holds from the previous build, if known

    @property
    def digest(self) -> str:
        return _analysis_digest(self.nquads)


def start_scoring(beside: Beside, out: Path, results: list[FileResult],
           previous: Mapping[str, object] | None) -> tuple[str, Callable[[], Scores]]:
    """The network's signature, and the metrics of the network the build extracted started ``beside``: the
    returned function waits for them. When the network is the one the previous build analysed (same instruments,
    facts and citing clauses: a rebuild that changed no citation), the previous scores are kept."""
    signature = network_signature(results)
    kept = [out / "analysis.nq", out / "metrics.json", out / "metrics.csv", out / "views" / "overview.html"]
    held = _analysis_held(out, previous)   # (read before the new scores replace it)
    # (kept only while analysis.nq is the one the manifest recorded: an edited or damaged one is made afresh)
    if previous is not None and previous.get("network") == signature and held is not None \
            and all(path.exists() for path in kept):
        beside.stop()
        return signature, lambda: Scores(held, fresh=False)
    arguments = (out, *links_of_summaries(results), function_counts(results))
    scoring = beside.call(_score_and_draw, *arguments)

    def scored() -> Scores:
        try:
            nquads = scoring()
        except ProcessDied:   # (killed, by the OOM killer or a kill -9: the metrics are made here instead)
            nquads = _score_and_draw(*arguments)
        return Scores(nquads, fresh=True, held=held)

    return signature, scored


def function_counts(results: list[FileResult]) -> dict[str, int]:
    """The citations counted by CiTO function (``unknown``: none told), as ``metrics.json`` gives them."""
    return dict(Counter(function or "unknown" for r in results if not r.error for d in r.documents
                        for function in d.functions))


def _score_and_draw(out: Path, cites: Mapping[str, Mapping[str, Collection[str]]],
                    facts: Mapping[str, Mapping[str, object]], functions: Mapping[str, int]) -> str:
    """The network of ``cites`` and its metrics, written to ``metrics.csv``/``.json`` and ``analysis.nq``, and the
    overview view (``views/`` made anew). Returns the analysis graph's N-Quads. Reads no store."""
    from kg.analyze import network_of_links, score_network
    from kg.view import overview
    G = network_of_links(cites, facts)
    metrics, nquads = score_network(out, G, functions=functions)
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
    try:
        text = read_build_file(path).decode("utf-8") if recorded else None
    except (OSError, ValueError):   # (missing, or damage: made afresh)
        return None
    return text if text is not None and _analysis_digest(text) == recorded else None


def _analysis_digest(nquads: str) -> str:
    """What the manifest records of the analysis graph the store holds (``"analysis"``)."""
    return hashlib.sha256(nquads.encode("utf-8")).hexdigest()


def store_and_draw(out: Path, store: OxigraphStore, scores: Scores, *, results: list[FileResult],
                    fresh_store: bool, doc_views: bool) -> None:
    """The scores into the store and ``graph.nq``, and with ``doc_views`` one view per resolution."""
    views = out / "views"
    # graph.nq was written without the scores; a store updated in place holds the kept ones already
    store_scores(out, store if scores.fresh or fresh_store else None, scores.nquads,
                 graph_file_has_scores=False, held=None if fresh_store else scores.held)
    if doc_views:
        from kg.analyze import document_outline
        from kg.view import document_view
        for work, edition, stem in document_views(results):
            try:
                outline = document_outline(store, work, edition=edition)
            except KeyError:        # a document the store holds no edition of: no view, the rest still drawn
                continue
            document_view(outline).write(views / "doc" / f"{stem}.html")


def document_views(results: Sequence[FileResult]) -> list[tuple[str, str, str]]:
    """The views ``--doc-views`` draws: (work, edition, file stem under ``views/doc/``), one per edition of each
    document's work, so that the parts of a resolution adopted in parts ("75/101 A" and "B", or "75/251 B" and "C"
    in two files) each have theirs; a work read in one edition keeps the plain name of its work, one in several
    adds the edition ("un_A_RES_75_101-2020-12-10-A"). Two documents of the same work and edition (one text in
    two formats) are one view.

    >>> from kg.job.cache import DocumentSummary, FileResult
    >>> def doc(work, edition): return DocumentSummary("f", work, 0, 0, 0, (), (), edition=edition)
    >>> [stem for _, _, stem in document_views([FileResult("f", "", documents=(doc("itu/wtsa/res/75", "wtsa-08"),
    ...     doc("un/A/RES/75/101", "2020-12-10-A"), doc("un/A/RES/75/101", "2020-12-10-B")))])]
    ['itu_wtsa_res_75', 'un_A_RES_75_101-2020-12-10-A', 'un_A_RES_75_101-2020-12-10-B']
    """
    from kg.view import view_file_stem
    editions: dict[str, list[str]] = {}
    for document in (d for r in results if not r.error for d in r.documents if d.work):
        if document.edition not in editions.setdefault(document.work, []):
            editions[document.work].append(document.edition)
    return [(work, edition, view_file_stem(work) + (f"-{view_file_stem(edition)}" if len(found) > 1 else ""))
            for work, found in sorted(editions.items()) for edition in sorted(found)]


def network_signature(results: list[FileResult]) -> str:
    """A hash of all that ``links_of_summaries`` makes the instrument graph from (each document's work,
    edition, title, year and citing links, in order, and the version of the code that read them): equal
    signatures, equal networks, without making the network."""
    digest = hashlib.sha256(cache_version().encode("utf-8"))
    for document in (d for r in results if not r.error for d in r.documents):
        # (the repr of strings, numbers, None and tuples is exact and stable, and far quicker than JSON)
        record = (document.work, document.edition, document.title, document.year, document.links)
        digest.update(repr(record).encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def links_of_summaries(results: list[FileResult]) -> tuple[Cites, dict[str, dict[str, object]]]:
    """What the instrument graph is made from (``kg.analyze.network_of_links``): the clauses where each work
    cites each other (citing -> cited -> clauses, distinct, in order), and each work's facts."""
    documents = [d for r in results if not r.error for d in r.documents]
    cites = cites_of((document.work, cited, clause or document.edition)
                     for document in documents for clause, cited in document.links)
    years: dict[str, list[int]] = {key: [] for key in works_of(cites)}   # (each work's facts hold its list)
    facts: dict[str, dict[str, object]] = {key: {**work_facts(key), "years": years[key]} for key in years}
    for document in documents:
        if document.work in facts:
            if document.title:
                facts[document.work]["title"] = document.title
            if document.year and document.year not in years[document.work]:
                years[document.work].append(document.year)
    return cites, facts
