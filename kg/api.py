"""The notebook-friendly API: ``kg.build(paths, out=...)`` and ``kg.open(DIR)`` give a ``KnowledgeGraph``.

Tables come back as pandas DataFrames, networks as networkx graphs, views and resolutions with an HTML
representation that Jupyter shows inline (views in an ``iframe`` whose page needs no network).
"""

from __future__ import annotations

import html
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.analyze import (
    DocumentOutline,
    Metrics,
    citation_paths,
    compute_metrics,
    document_outline,
    instrument_graph,
)
from kg.job import build_graph
from kg.job.lock import holding_folder
from kg.queries import load_query
from kg.rdf import work_iri
from kg.store import OxigraphStore
from kg.view import View, document_view, ego, overview, view_file_name
from kg.wording import counted

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


def _python(term: object) -> object:
    return term.toPython() if isinstance(term, Literal) else str(term)


@dataclass(frozen=True)
class ViewResult:
    """A view written to ``path``; in Jupyter it renders inline (the page is embedded, nothing is fetched)."""

    path: Path
    view: View

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.view.html, quote=True)}" style="width:100%;height:600px;'
                f'border:1px solid #ddd" sandbox="allow-scripts"></iframe>'
                f"<p>{html.escape(str(self.path))}: {counted(self.view.nodes, 'node')}, {counted(self.view.edges, 'edge')}</p>")

    def __repr__(self) -> str:
        return f"ViewResult({str(self.path)!r}, nodes={self.view.nodes}, edges={self.view.edges})"


@dataclass(frozen=True)
class Resolution:
    """One resolution of the graph: its sections and clauses, and what each clause cites."""

    outline: DocumentOutline

    def _repr_html_(self) -> str:
        parts = [f"<h3>{html.escape(self.outline.key)}</h3><p>{html.escape(self.outline.title)}</p>"]
        for _, heading, clauses in self.outline.sections:
            parts.append(f"<p><i>{html.escape(heading)}</i></p><ul>")
            for _, label, text, cited in clauses:
                links = ", ".join(f'<a href="{html.escape(work_iri(key), quote=True)}">{html.escape(key)}</a>'
                                  for key in cited)
                parts.append(f"<li><b>{html.escape(label or '¶')}</b> {html.escape(text)}"
                             + (f" <small>cites {links}</small>" if links else "") + "</li>")
            parts.append("</ul>")
        return "".join(parts)

    def __repr__(self) -> str:
        clauses = sum(len(c) for _, _, c in self.outline.sections)
        return f"Resolution({self.outline.key!r}, sections={len(self.outline.sections)}, clauses={clauses})"


class KnowledgeGraph:
    """A built folder (``kg build``): its store, its metrics, its views."""

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        if not (self.out / "store").is_dir():
            raise FileNotFoundError(f"{self.out}: no store here (build it with kg.build or kg build)")
        self.store = OxigraphStore(self.out / "store", read_only=True)
        self._instruments: nx.DiGraph | None = None
        self._metrics: Metrics | None = None

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.out)!r})"

    def _counts(self) -> dict[str, int]:
        rows = self.store.query("""PREFIX kg: <https://w3id.org/resolution-kg/ontology#>
            SELECT (COUNT(DISTINCT ?e) AS ?editions) (COUNT(DISTINCT ?c) AS ?clauses) (COUNT(DISTINCT ?x) AS ?citations)
            WHERE { { ?e a kg:Edition } UNION { ?c a kg:Clause } UNION { ?x a kg:Citation } }""")
        return {name: int(str(value)) for name, value in rows[0].items()}   # (COUNTs: integer literals)

    def _repr_html_(self) -> str:
        counts = self._counts()
        cells = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in counts.items())
        return f"<b>{html.escape(repr(self))}</b><table>{cells}</table>"

    def query(self, name_or_text: str, **params: object) -> pd.DataFrame:
        """A query of the library by name (``"cited-by"``, ``work="itu/pp/res/102"``) or SPARQL text, as a
        DataFrame. Parameters are bound as RDF terms (strings of a library query take its declared types)."""
        import pandas as pd

        bindings: dict[str, Identifier]
        if "{" in name_or_text:
            text = name_or_text
            bindings = {name: value if isinstance(value, (URIRef, Literal)) else Literal(value)
                        for name, value in params.items()}
        else:
            query = load_query(name_or_text)
            text = query.text
            bindings = query.bind({name: str(value) for name, value in params.items()})
        variables, rows = self.store.select(text, bindings=bindings)
        return pd.DataFrame([[_python(row.get(v)) if v in row else None for v in variables] for row in rows],
                            columns=variables)

    def cites(self, key: str) -> pd.DataFrame:
        """What the resolution ``key`` cites, clause by clause."""
        return self.query("cites", work=key)

    def cited_by(self, key: str, *, transitive: bool = False) -> pd.DataFrame:
        """What cites ``key`` (directly, or with ``transitive`` through other instruments too)."""
        return self.query("cited-by-transitive" if transitive else "cited-by", work=key)

    def to_networkx(self, grain: str = "instrument") -> nx.DiGraph:
        """The citation network at one grain (``instrument``, ``edition`` or ``clause``), its attributes plain
        values so that ``networkx.write_graphml`` and ``write_gexf`` take it: nodes with ``title``, ``body``,
        ``kind``, ``year`` and the metrics, edges with ``weight`` and ``clauses`` (space-separated IRIs)."""
        from kg.export.network import network_for_files
        return network_for_files(self.store, grain)

    def _network(self) -> nx.DiGraph:
        """The instrument network as the analysis and the views use it (an edge's ``clauses`` a list)."""
        if self._instruments is None:
            self._instruments = instrument_graph(self.store)
        return self._instruments

    def _computed(self) -> Metrics:
        if self._metrics is None:
            self._metrics = compute_metrics(self._network())
        return self._metrics

    def metrics(self) -> pd.DataFrame:
        """One row per instrument: degrees, PageRank, HITS, betweenness, community; highest PageRank first."""
        import pandas as pd

        scores = self._computed().scores
        frame = pd.DataFrame.from_dict(scores, orient="index")
        frame.index.name = "work"
        return frame.sort_values(["pagerank"], ascending=False)

    def path(self, a: str, b: str, *, cutoff: int = 4) -> dict[str, object]:
        """The shortest citation path between two instruments, and every path up to ``cutoff`` steps."""
        return citation_paths(self._network(), a, b, cutoff=cutoff)

    def view(self, kind: str = "overview", key: str | None = None, *, top: int = 300, by: str = "pagerank",
             depth: int = 1) -> ViewResult:
        """An interactive view (``overview``, ``ego`` or ``doc``), written under ``out/views/`` and shown inline."""
        if kind == "overview":
            view = overview(self._network(), self._computed(), top=top, by=by)
        elif kind == "ego" and key:
            view = ego(self._network(), key, depth=depth, top=top)
        elif kind == "doc" and key:
            view = document_view(document_outline(self.store, key))
        else:
            raise ValueError("kind is overview, or ego or doc with a key")
        with holding_folder(self.out, command="kg.open(...).view", create=False):   # (BusyError while a build writes)
            path = view.write(self.out / "views" / view_file_name(kind, key, top=top, by=by, depth=depth))
        return ViewResult(path, view)

    def site(self) -> Path:
        """Write the offline explorer of this build to ``out/site/`` (as ``kg site``); returns its index page."""
        from kg.site import write_site
        with holding_folder(self.out, command="kg.open(...).site", create=False):
            return write_site(self.out, store=self.store).path / "index.html"

    def document(self, key: str) -> Resolution:
        """The resolution whose work key is ``key``, as the graph holds it."""
        return Resolution(document_outline(self.store, key))


def open_graph(out: str | Path) -> KnowledgeGraph:
    """Open a built folder."""
    return KnowledgeGraph(out)


def build(paths: list[str | Path] | str | Path, *, out: str | Path = "out", workers: int | None = None,
          progress: bool = False, doc_views: bool = False, executor: Executor | None = None) -> KnowledgeGraph:
    """Build ``out`` from ``paths`` (as ``kg build`` does) and open it. ``executor`` runs the per-file work (any
    ``concurrent.futures.Executor``: a dask.distributed ``Client(...).get_executor()`` runs it on a cluster)."""
    inputs = [paths] if isinstance(paths, (str, Path)) else list(paths)
    result = build_graph(inputs, out, workers=workers, progress=progress, doc_views=doc_views, executor=executor)
    for error in result.errors:
        print(f"skipped: {error}")
    return KnowledgeGraph(out)
