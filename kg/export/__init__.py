"""``kg export``: a build's citation network for the tools analysts use (GraphML and GEXF for Gephi and yEd, CSV,
JSON-LD, Cytoscape), and its documents as Akoma Ntoso 3.0 with their references tagged (``akn``).

>>> sorted(FORMATS)
['akn', 'csv', 'cytoscape', 'gexf', 'graphml', 'jsonld']
"""

from __future__ import annotations

from pathlib import Path

FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "csv": "", "jsonld": ".jsonld", "cytoscape": ".cyjs",
           "akn": ""}


def export_build(out: Path, target: Path, *, format: str, grain: str = "instrument") -> list[Path]:
    """Write the network of ``grain`` of the build in ``out`` (from its store) into the folder ``target``, or, for
    ``akn``, every document (its input files read again) into ``target/akn/``; returns the files written
    (``network-instrument.graphml``, ``akn/itu_wtsa_res_75_wtsa-08.xml`` ...)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if format == "akn":
        from kg.export.akn import documents_of_build, write_akn_documents
        return write_akn_documents(documents_of_build(out), target / "akn")
    from kg.export import formats
    from kg.export.network import network_for_files
    from kg.store import OxigraphStore
    G = network_for_files(OxigraphStore(out / "store", read_only=True), grain)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"network-{grain}{FORMATS[format]}"
    written = getattr(formats, f"write_{format}")(G, path)
    return written if isinstance(written, list) else [written]
