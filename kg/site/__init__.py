"""``kg site DIR``: an offline explorer of a build, written to ``DIR/site/``.

``index.html`` (a search over titles, keys and clause text, searched in the page; the most cited instruments;
counts by body; citations by year), ``overview.html`` (the network), one reading page per document
(``doc/``: its text as printed, each citation a link, each clause's mandate, the graph of what it cites, what cites
it) and one page per cited instrument that no document defines (``work/``: what cites it, clause by clause, its
metrics, its neighbourhood). Pages link both ways, load only the site's own files and request nothing from the
network.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from kg.buildfiles import remove_path
from kg.site.corpus import Corpus, read_corpus
from kg.site.pages import (
    plan_site,
    render_document,
    render_index,
    render_overview,
    render_work,
    search_index,
    stylesheet,
)
from kg.store import OxigraphStore
from kg.view import vis_assets

__all__ = ["SiteResult", "write_site"]


@dataclass(frozen=True, slots=True)
class SiteResult:
    """What ``write_site`` wrote: where, how many pages, how many bytes, in how many seconds."""

    path: Path
    pages: int
    documents: int
    instruments: int
    size: int
    seconds: float


def write_site(out: str | Path, *, store: OxigraphStore | None = None) -> SiteResult:
    """Write the site of the build in ``out`` to ``out/site/`` (made anew)."""
    started = time.perf_counter()
    out = Path(out)
    own = store is None
    store = store or OxigraphStore(out / "store", read_only=True)
    try:
        corpus = read_corpus(out, store)
    finally:
        if own:
            store.close()
    return _write(out / "site", corpus, started)


def _write(root: Path, corpus: Corpus, started: float) -> SiteResult:
    remove_path(root)   # (a link in its place: the link only, never what it leads to)
    for folder in ("doc", "work", "assets"):
        (root / folder).mkdir(parents=True)
    script, style = vis_assets()
    (root / "assets" / "vis-network.min.js").write_text(script, encoding="utf-8")
    (root / "assets" / "vis-network.css").write_text(style, encoding="utf-8")
    (root / "assets" / "site.css").write_text(str(stylesheet()), encoding="utf-8")
    site = plan_site(corpus)
    with (root / "assets" / "search-index.js").open("w", encoding="utf-8") as handle:
        handle.writelines(search_index(site))
    (root / "index.html").write_text(render_index(site), encoding="utf-8")
    (root / "overview.html").write_text(render_overview(site), encoding="utf-8")
    pages = 2
    written: set[str] = set()
    for document in corpus.documents:
        page = site.documents[f"{document.key}\0{document.edition}"]
        (root / page).write_text(render_document(site, document, page), encoding="utf-8")
        written.add(page)
        pages += 1
    instruments = 0
    for key, page in sorted(site.pages.items()):
        if page in written:
            continue
        (root / page).write_text(render_work(site, key, page), encoding="utf-8")
        pages += 1
        instruments += 1
    size = sum(path.stat().st_size for path in root.rglob("*") if path.is_file())
    return SiteResult(root, pages, len(corpus.documents), instruments, size, time.perf_counter() - started)
