"""What a build's graph.nq is made of: its quads and bytes by named graph, by kind of subject and by predicate, each
with its share; then, with --load, what Oxigraph's bulk loader costs for it (wall and CPU seconds, quads per CPU
second, in a fresh store in a temporary folder). The store's load is paid per quad (each quad is six sorted,
compressed index entries; parsing the text is a sixth of it), so these shares say where a smaller graph can come from.

The kind of a subject comes from its rdf:type in the same file (clause, section, citation, edition, work ...), or
its graph (the document's provenance, the shared graph's nodes, the analysis graph's scores). Asserts nothing.

Usage: python benchmarks/quads.py OUT/graph.nq [--load]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
KG = b"<https://w3id.org/resolution-kg/ontology#"
SHARED = b"<https://w3id.org/resolution-kg/id/graph/shared>"
ONTOLOGY = b"<https://w3id.org/resolution-kg/ontology>"
ANALYSIS = b"<https://w3id.org/resolution-kg/id/graph/analysis>"
PREFIXES = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:", "https://w3id.org/resolution-kg/ontology#": "kg:",
            "http://data.europa.eu/eli/ontology#": "eli:", "http://purl.org/spar/cito/": "cito:",
            "http://purl.org/dc/terms/": "dcterms:", "http://www.w3.org/ns/prov#": "prov:",
            "http://www.w3.org/2004/02/skos/core#": "skos:", "http://www.w3.org/2000/01/rdf-schema#": "rdfs:"}
KINDS = {b"PreambularSection": "section", b"OperativeSection": "section", b"UnresolvedMention": "unresolved mention",
         b"SourceDocument": "document (provenance)"}


def _split(line: bytes) -> tuple[bytes, bytes, bytes]:
    """(subject, predicate, graph) of an N-Quads line written by the build (IRIs and literals only)."""
    subject, predicate, _ = line.split(b" ", 2)
    return subject, predicate, line[line.rstrip().rfind(b" ", 0, -2) + 1:-3]


def _short(iri: str) -> str:
    for namespace, prefix in PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace):]
    return iri


def breakdown(path: Path) -> None:
    kinds: dict[bytes, str] = {}
    with path.open("rb") as handle:
        for line in handle:
            subject, predicate, _ = _split(line)
            if predicate == TYPE:
                name = line.split(b" ", 3)[2]
                if name.startswith(KG):
                    local = name[len(KG):-1]
                    kinds.setdefault(subject, KINDS.get(local, local.decode().lower()))
    quads, size = Counter(), Counter()
    total = total_bytes = 0
    with path.open("rb") as handle:
        for line in handle:
            subject, predicate, graph = _split(line)
            where = ("shared" if graph == SHARED else "ontology" if graph == ONTOLOGY
                     else "analysis" if graph == ANALYSIS else "document")
            kind = kinds.get(subject, "other")
            if where == "analysis":
                kind = "scores (analysis)"
            elif where == "ontology":
                kind = "ontology"
            elif where == "shared":
                kind = f"shared: {kind}"
            for key in (("graph", where), ("kind", kind), ("predicate", _short(predicate.decode()[1:-1]))):
                quads[key] += 1
                size[key] += len(line)
            total += 1
            total_bytes += len(line)
    print(f"{path}: {total:,} quads, {total_bytes:,} bytes ({total_bytes / max(total, 1):.0f} a quad)")
    for axis in ("graph", "kind", "predicate"):
        print(f"\nby {axis}:{'quads':>14}{'share':>8}{'MB':>9}{'share':>8}")
        for (each, name), count in sorted(quads.items(), key=lambda item: -item[1]):
            if each == axis:
                print(f"  {name[-40:]:<40}{count:>10,}{100 * count / total:>7.1f}%{size[each, name] / 1e6:>9.1f}"
                      f"{100 * size[each, name] / total_bytes:>7.1f}%")


def load(path: Path) -> None:
    import pyoxigraph as ox

    folder = tempfile.mkdtemp(prefix="kg-quads-")
    try:
        store = ox.Store(str(Path(folder) / "store"))
        before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True)
        after, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - started
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        count = len(store)
        print(f"\nbulk_load: {count:,} quads in {wall:.1f} s wall, {cpu:.1f} s CPU ({count / cpu:,.0f} quads per CPU s)")
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--load", action="store_true", help="also bulk-load it into a fresh store, timed")
    arguments = parser.parse_args()
    breakdown(arguments.graph)
    if arguments.load:
        load(arguments.graph)


if __name__ == "__main__":
    main()
