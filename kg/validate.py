"""Checking a built graph: SHACL shapes (``ontology/shapes.ttl``) through pySHACL, and plain counts.

The union of the named graphs is checked, with the ontology beside it so that ``sh:class`` sees the
sub-classes (a ``kg:Resolution`` is a ``kg:Instrument``). The report lists each violation in a line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import rdflib
from pyshacl import validate

from kg.errors import InputError
from kg.store import OxigraphStore

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@cache
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl")


@cache
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl")


def validate_graph(graph: rdflib.Graph) -> tuple[bool, list[str]]:
    """Whether ``graph`` conforms, and one readable line per violation."""
    conforms, results, _ = validate(graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
                                    allow_warnings=True)
    lines = []
    for result in results.subjects(rdflib.RDF.type, _SH.ValidationResult):
        focus = results.value(result, _SH.focusNode)
        path = results.value(result, _SH.resultPath)
        message = results.value(result, _SH.resultMessage)
        lines.append(f"{focus} {path or ''}: {message}")
    return bool(conforms), sorted(lines)


def validate_nquads(nquads: str) -> tuple[bool, list[str]]:
    """Validate the union of the named graphs of an N-Quads text (a document's graph points to nodes that the
    shared graph describes)."""
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads, format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union)


def validate_path(target: str | Path) -> tuple[bool, str]:
    """``kg validate``: a build folder (its ``graph.nq``) or an RDF file; returns (conforms, report)."""
    path = Path(target)
    file = path / "graph.nq" if path.is_dir() else path
    if not file.exists():
        raise InputError(str(target), "no graph to validate (expected a build folder or an .nq/.trig/.ttl file)")
    if file.suffix in (".nq", ".trig"):
        conforms, lines = validate_nquads(file.read_text(encoding="utf-8")) if file.suffix == ".nq" else \
            validate_nquads(rdflib.Dataset().parse(file, format="trig").serialize(format="nquads"))
    else:
        try:
            conforms, lines = validate_graph(rdflib.Graph().parse(file))
        except Exception as error:  # rdflib raises many parser errors; all mean "not RDF we can read"
            raise InputError(str(target), f"not readable as RDF: {error}") from None
    verdict = "conforms" if conforms else f"does not conform: {len(lines)} violations"
    return conforms, "\n".join([f"{file}: {verdict}", *lines])


def graph_statistics(out: Path) -> dict[str, int]:
    """Counts of a built folder, answered by its store."""
    store = OxigraphStore(out / "store", read_only=True)
    counts = {}
    for name, cls in (("documents", "SourceDocument"), ("editions", "Edition"), ("sections", "Section"),
                      ("clauses", "Clause"), ("citations", "Citation"), ("unresolved mentions", "UnresolvedMention")):
        query = ("PREFIX kg: <https://w3id.org/resolution-kg/ontology#> "
                 "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                 f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a ?type . ?type rdfs:subClassOf* kg:{cls} }}"
                 if cls == "Section" else
                 f"PREFIX kg: <https://w3id.org/resolution-kg/ontology#> SELECT (COUNT(DISTINCT ?x) AS ?n) "
                 f"WHERE {{ ?x a kg:{cls} }}")
        rows = store.query(query)
        counts[name] = int(rows[0]["n"].toPython()) if rows else 0
    counts["quads"] = store.count_quads()
    return counts
