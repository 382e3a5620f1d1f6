"""resolution-kg: a knowledge graph of what international resolutions cite.

The pipeline's stages are plain functions over plain data: ``kg.readers.read`` a file into Sources,
``kg.parse.parse_document`` a Source into a Document, ``kg.resolve.extract_citations`` its citations,
``kg.rdf.document_quads`` its named graph. For notebooks, ``kg.build(paths, out=...)`` and ``kg.open(DIR)`` give a
``KnowledgeGraph`` with tables as DataFrames, networks as networkx graphs and views shown inline.

>>> import kg
>>> graph = kg.build(["data"], out=__import__("tempfile").mkdtemp())
>>> graph.cites("itu/wtsa/res/75")["cited"].nunique()
9
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph


def build(paths: list[str | Path] | str | Path, *, out: str | Path = "out", workers: int | None = None,
          progress: bool = False, doc_views: bool = False) -> KnowledgeGraph:
    """Build ``out`` from ``paths`` (files or folders) and open it."""
    from kg.api import build as _build
    return _build(paths, out=out, workers=workers, progress=progress, doc_views=doc_views)


def open(out: str | Path) -> KnowledgeGraph:
    """Open a built folder: ``kg.open("out")``."""
    from kg.api import open_graph
    return open_graph(out)
