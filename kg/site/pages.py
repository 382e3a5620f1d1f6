"""The site's pages: the index (search, most cited, counts by body, timeline), the overview, one reading page per
document and one page per cited instrument that no document defines; and the search index they search.

Every page is rendered by Jinja2 with autoescaping (every text from a document is escaped), loads nothing but the
site's own files (``assets/``), and carries a Content Security Policy that forbids any request elsewhere.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.palette import colour_of, legend, text_colour
from kg.readers import source_file
from kg.site.chart import timeline_svg
from kg.site.corpus import Cite, Clause, Corpus, Document
from kg.view import Drawing, document_name, draw_ego, draw_overview, known_title, script_json, short_name
from kg.wording import counted

MOST_CITED = 30
EGO_TOP = 80


@cache
def environment() -> jinja2.Environment:
    here = Path(__file__).resolve().parent
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([here / "templates", here.parent / "templates"]),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["short_name"] = short_name
    env.globals.update(colour_of=colour_of, text_colour=text_colour, short_name=short_name, counted=counted,
                       document_name=document_name)
    return env


def _slug(key: str) -> str:
    """A file name for a work key: its characters that need no quoting, and a short hash (two keys that differ
    only in other characters still get two files).

    >>> _slug("un/S/RES/2286(2016)")
    'un_S_RES_2286-2016-_76b4d9'
    """
    readable = re.sub(r"[^A-Za-z0-9._-]", "-", key.replace("/", "_"))
    return f"{readable}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:6]}"


def undocs_url(key: str) -> str | None:
    """The UN's own address of a UN document (``un/A/RES/70/1`` -> ``https://undocs.org/en/A/RES/70/1``)."""
    if not key.startswith("un/") or key == "un/charter":
        return None
    return "https://undocs.org/en/" + quote(key[3:], safe="/()")


@dataclass(frozen=True, slots=True)
class Site:
    """Where each work's page is (relative to the site's root): a document's reading page, or an instrument's."""

    corpus: Corpus
    pages: dict[str, str]          # work key -> "doc/....html" or "work/....html"
    documents: dict[str, str]      # (key, edition) of each document -> its page

    def href(self, key: str, *, root: str = "../") -> str | None:
        page = self.pages.get(key)
        return root + quote(page) if page else None


def plan_site(corpus: Corpus) -> Site:
    """The page of every document and of every work cited that no document defines."""
    documents: dict[str, str] = {}
    pages: dict[str, str] = {}
    editions = Counter(document.key for document in corpus.documents)
    for document in corpus.documents:           # sorted by key and edition: the latest edition is a work's page
        suffix = f"_{_slug(document.edition)}" if editions[document.key] > 1 else ""
        documents[f"{document.key}\0{document.edition}"] = f"doc/{_slug(document.key)}{suffix}.html"
        pages[document.key] = documents[f"{document.key}\0{document.edition}"]
    for key in corpus.cited_in:
        pages.setdefault(key, f"work/{_slug(key)}.html")
    return Site(corpus, pages, documents)


def segments(clause: Clause) -> list[tuple[str, Cite | None]]:
    """A clause's text cut at its citations: plain text, and each citation's printed text with what it cites
    (citations that overlap one placed before them are left to the list after the clause)."""
    parts: list[tuple[str, Cite | None]] = []
    at = 0
    for cite in sorted((c for c in clause.cites if c.start >= 0), key=lambda c: (c.start, -c.end)):
        if cite.start < at:
            continue
        parts.append((clause.text[at:cite.start], None))
        parts.append((clause.text[cite.start:cite.end], cite))
        at = cite.end
    parts.append((clause.text[at:], None))
    return [(text, cite) for text, cite in parts if text]


def _unplaced(clause: Clause) -> list[Cite]:
    placed = {id(cite) for _, cite in segments(clause) if cite is not None}
    return [cite for cite in clause.cites if id(cite) not in placed]


def _graph(drawing: Drawing) -> dict[str, object]:
    return {"drawing": drawing, "data_json": script_json(drawing.data())}


def render_document(site: Site, document: Document, page: str) -> str:
    corpus = site.corpus
    G = corpus.G
    cites = sorted(G.successors(document.key)) if document.key in G else []
    drawing = None
    if cites:   # a star: the document and what it cites (the links among those would hide it)
        small = nx.DiGraph()
        small.add_nodes_from((n, G.nodes[n]) for n in [document.key, *cites])
        small.add_edges_from((document.key, n, G.edges[document.key, n]) for n in cites)
        drawing = draw_ego(small, document.key, top=EGO_TOP, link=site.href)
    cited_by = corpus.cited_in.get(document.key, [])
    source = source_file(document.source) if document.source else None
    source_url = source.resolve().as_uri() if source else None
    return environment().get_template("document.html").render(
        root="../", page=page, document=document, title=known_title(document.title), site=site,
        segments=segments, unplaced=_unplaced, undocs_url=undocs_url, source_url=source_url,
        cited_by=cited_by, graph=_graph(drawing) if drawing else None,
        metrics=corpus.metrics.scores.get(document.key, {}))


def render_work(site: Site, key: str, page: str) -> str:
    corpus = site.corpus
    facts = corpus.works.get(key, {})
    drawing = draw_ego(corpus.G, key, top=EGO_TOP, link=site.href) if key in corpus.G else None
    return environment().get_template("work.html").render(
        root="../", page=page, key=key, facts=facts, title=known_title(facts.get("title", "")), site=site,
        undocs_url=undocs_url(key), cited_by=corpus.cited_in.get(key, []),
        metrics=corpus.metrics.scores.get(key, {}), graph=_graph(drawing) if drawing else None)


def render_index(site: Site) -> str:
    corpus = site.corpus
    ranked = sorted((n for n in corpus.G if corpus.G.in_degree(n)), key=lambda n: (-corpus.G.in_degree(n), n))[:MOST_CITED]
    by_year: Counter[int] = Counter()
    for document in corpus.documents:
        if document.year:
            by_year[document.year] += document.citations()
    bodies = legend(document.body for document in corpus.documents)
    cited_bodies = legend(str(corpus.G.nodes[n].get("body", "other")) for n in corpus.G if corpus.G.in_degree(n))
    return environment().get_template("index.html").render(
        root="", site=site, most_cited=[(key, corpus.G.in_degree(key), corpus.G.in_degree(key, weight="weight"))
                                        for key in ranked],
        bodies=bodies, cited_bodies=cited_bodies, timeline=timeline_svg(dict(by_year)),
        documents=len(corpus.documents), citations=sum(d.citations() for d in corpus.documents),
        instruments=sum(1 for n in corpus.G if corpus.G.in_degree(n)))   # (cited ones: the report's count)


def render_overview(site: Site) -> str:
    drawing = draw_overview(site.corpus.G, site.corpus.metrics, link=lambda key: site.href(key, root=""))
    return environment().get_template("overview.html").render(root="", graph=_graph(drawing))


def search_index(site: Site) -> Iterator[str]:
    """The search index, as the lines of a script (``assets/search-index.js``) that sets ``window.kgIndex``: one
    entry per page (title, key, short name, body, and a document's clauses), JSON with ``<``, ``>`` and ``&``
    escaped, so that no text of a document can end the script."""
    yield "window.kgIndex = [\n"
    for document in site.corpus.documents:
        page = site.documents[f"{document.key}\0{document.edition}"]
        entry = {"u": page, "k": document.key, "n": document_name(document.key, document.edition),
                 "t": known_title(document.title), "b": document.body, "y": document.year or "",
                 "c": [[c.anchor, f"{s.heading} {c.label}".strip(), c.text] for s in document.sections
                       for c in s.clauses]}
        yield f"{script_json(entry)},\n"
    defined = {document.key for document in site.corpus.documents}
    for key, page in sorted(site.pages.items()):
        if key in defined:
            continue
        facts = site.corpus.works.get(key, {})
        entry = {"u": page, "k": key, "n": short_name(key), "t": known_title(facts.get("title", "")),
                 "b": facts.get("body", ""), "y": "", "c": []}
        yield f"{script_json(entry)},\n"
    yield "];\n"


def stylesheet() -> Markup:
    return Markup((Path(__file__).resolve().parent / "templates" / "site.css").read_text(encoding="utf-8"))
