"""``kg export``: a build's citation network for the tools analysts use (GraphML and GEXF for Gephi and yEd, CSV,
JSON-LD, Cytoscape), and its documents as Akoma Ntoso 3.0 with their references tagged (``akn``).

>>> sorted(FORMATS)
['akn', 'csv', 'cytoscape', 'gexf', 'graphml', 'jsonld']
"""

from __future__ import annotations

from pathlib import Path

from kg.store import GraphStore

FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "csv": "", "jsonld": ".jsonld", "cytoscape": ".cyjs",
           "akn": ""}


def export_build(store: GraphStore, target: Path, *, format: str, grain: str = "instrument") -> list[Path]:  # noqa: A002
    """Write the network of ``grain`` (or, for ``akn``, every document) from ``store`` into the folder
    ``target``; returns the files written (``network-instrument.graphml``, ``akn/...xml`` ...)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    target.mkdir(parents=True, exist_ok=True)
    if format == "akn":
        from kg.export.akn import write_akn_documents
        return write_akn_documents(store, target / "akn")
    from kg.export import formats
    from kg.export.network import network_for_files
    G = network_for_files(store, grain)
    path = target / f"network-{grain}{FORMATS[format]}"
    written = getattr(formats, f"write_{format}")(G, path)
    return written if isinstance(written, list) else [written]
