"""Checking a built graph against the SHACL shapes (``ontology/shapes.ttl``), and plain counts.

Two engines give the same verdicts. ``validate_graph`` runs pySHACL on an rdflib graph (the reference: the tests
hold the shapes against it). ``kg validate`` (``validate_path``) runs each constraint of the shapes as one SPARQL
query on Oxigraph, over the union of the named graphs with the ontology beside them (so that ``sh:class`` sees
the sub-classes: a ``kg:Resolution`` is a ``kg:Instrument``): a build of a few hundred thousand quads is checked
in seconds, where pySHACL took minutes and gigabytes. The shapes use only what ``_constraint_query`` translates
(targetClass; minCount, maxCount, datatype, class, ``or`` of classes, lessThan, minInclusive, minLength, pattern);
any other constraint is refused rather than passed over. The report lists each violation in a line.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, SH, URIRef

from kg.errors import InputError
from kg.resources import resource_dir
from kg.store import OxigraphStore
from kg.wording import counted

ONTOLOGY_DIR = resource_dir("ontology")
_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@cache
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl")


@cache
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl")


def validate_graph(graph: rdflib.Graph) -> tuple[bool, list[str]]:
    """Whether ``graph`` conforms, and one readable line per violation (pySHACL)."""
    from pyshacl import validate

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
    """Validate the union of the named graphs of an N-Quads text with pySHACL (a document's graph points to nodes
    that the shared graph describes)."""
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads, format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union)


@dataclass(frozen=True, slots=True)
class Constraint:
    """One constraint of a property shape, as the SPARQL query that selects its violations (``?focus``)."""

    target: str     # the shape's target class
    path: str
    kind: str       # the SHACL parameter: "minCount", "datatype", ...
    message: str
    query: str


_PARAMETERS = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["or"], SH["in"], SH.lessThan,
               SH.minInclusive, SH.minLength, SH.pattern}
_IGNORED = {SH.path, SH.message, SH.name, SH.description, RDF.type}


@cache
def shape_constraints() -> tuple[Constraint, ...]:
    """Every constraint of ``shapes.ttl`` as a SPARQL query."""
    shapes = _shapes()
    constraints = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):   # (named shapes: IRIs)
        targets = list(shapes.objects(shape, SH.targetClass))
        if len(targets) != 1 or set(shapes.predicates(shape)) - {RDF.type, SH.targetClass, SH.property}:
            raise ValueError(f"{shape}: only shapes of one sh:targetClass and sh:property are run as SPARQL")
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if not isinstance(path, URIRef):
                raise ValueError(f"{shape}: only IRI paths are run as SPARQL")  # noqa: TRY004 (the shapes file's, not a type error)
            message = shapes.value(prop, SH.message)
            for parameter, value in sorted(shapes.predicate_objects(prop)):
                if parameter in _IGNORED:
                    continue
                if parameter not in _PARAMETERS:
                    raise ValueError(f"{shape}: {parameter} is not run as SPARQL")
                kind = str(parameter).split("#")[1]
                query = _constraint_query(str(targets[0]), str(path), kind, value, shapes)
                text = str(message) if message is not None else f"{kind} {_readable(value, shapes)} not met"
                constraints.append(Constraint(str(targets[0]), str(path), kind, text, query))
    return tuple(constraints)


def _readable(value: rdflib.term.Node, shapes: rdflib.Graph) -> str:
    if isinstance(value, rdflib.BNode):   # an sh:or list of classes, or an sh:in list of terms
        members = list(rdflib.collection.Collection(shapes, value))
        return " or ".join(str(shapes.value(member, SH["class"]) or member) for member in members)
    return str(value)


def _instance(variable: str, cls: str) -> str:
    return f"{variable} <{RDF.type}>/<{RDFS.subClassOf}>* <{cls}>"


def _constraint_query(target: str, path: str, kind: str, value: rdflib.term.Node, shapes: rdflib.Graph) -> str:
    """The SPARQL query that selects the focus nodes (of class ``target``) violating one constraint on the values
    of ``path``; a comparison that cannot be made is a violation, as in SHACL."""
    focus = f"{{ SELECT DISTINCT ?focus WHERE {{ {_instance('?focus', target)} }} }}"
    if kind in ("minCount", "maxCount"):
        test = f"< {int(str(value))}" if kind == "minCount" else f"> {int(str(value))}"   # (xsd:integer literals)
        return (f"SELECT ?focus WHERE {{ {focus} OPTIONAL {{ ?focus <{path}> ?value }} }} "
                f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) {test})")
    values = f"{focus} ?focus <{path}> ?value ."
    if kind == "datatype":
        check = f"isLiteral(?value) && datatype(?value) = <{value}>"
    elif kind == "class":
        return f"SELECT DISTINCT ?focus WHERE {{ {values} FILTER NOT EXISTS {{ {_instance('?value', str(value))} }} }}"
    elif kind == "or":
        members = list(rdflib.collection.Collection(shapes, value))
        classes = [shapes.value(member, SH["class"]) for member in members]
        if any(c is None for c in classes) or any(len(set(shapes.predicates(m))) != 1 for m in members):
            raise ValueError("only an sh:or of sh:class constraints is run as SPARQL")
        absent = " && ".join(f"NOT EXISTS {{ {_instance('?value', str(c))} }}" for c in classes)
        return f"SELECT DISTINCT ?focus WHERE {{ {values} FILTER({absent}) }}"
    elif kind == "in":   # (sh:in compares terms, as sameTerm does)
        allowed = ", ".join(member.n3() for member in rdflib.collection.Collection(shapes, value))
        return f"SELECT DISTINCT ?focus WHERE {{ {values} FILTER(?value NOT IN ({allowed})) }}"
    elif kind == "lessThan":
        return (f"SELECT DISTINCT ?focus WHERE {{ {values} ?focus <{value}> ?other . "
                f"FILTER(!COALESCE(?value < ?other, false)) }}")
    elif kind == "minInclusive":
        check = f"?value >= {value.n3()}"
    elif kind == "minLength":
        check = f"!isBlank(?value) && STRLEN(STR(?value)) >= {int(str(value))}"
    else:   # pattern
        check = f"!isBlank(?value) && REGEX(STR(?value), {rdflib.Literal(str(value)).n3()})"
    return f"SELECT DISTINCT ?focus WHERE {{ {values} FILTER(!COALESCE({check}, false)) }}"


def validate_store(store: OxigraphStore, *, progress: bool = False) -> tuple[bool, list[str]]:
    """Whether the union of the store's graphs (which must hold the ontology too) conforms, and one line per
    violation (focus node, path: message), each constraint one SPARQL query."""
    from tqdm import tqdm

    lines = []
    for constraint in tqdm(shape_constraints(), desc="validating", unit="constraint", disable=not progress,
                           file=sys.stderr):
        for row in store.query(constraint.query):
            lines.append(f"{row['focus']} {constraint.path}: {constraint.message}")
    return not lines, sorted(lines)


def validate_path(target: str | Path, *, progress: bool = False) -> tuple[bool, str]:
    """``kg validate``: a build folder (its ``graph.nq``) or an RDF file; returns (conforms, report)."""
    import pyoxigraph as ox

    path = Path(target)
    file = path / "graph.nq" if path.is_dir() else path
    if not file.exists():
        raise InputError(str(target), "no graph to validate (expected a build folder or an .nq/.trig/.ttl file)")
    store = OxigraphStore()
    formats = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
               ".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
               ".jsonld": ox.RdfFormat.JSON_LD, ".n3": ox.RdfFormat.N3}
    try:
        store.load_path(file, formats.get(file.suffix.lower(), ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as error:
        raise InputError(str(target), f"not readable as RDF: {error}") from None
    store.load_path(ONTOLOGY_DIR / "kg.ttl", ox.RdfFormat.TURTLE)
    conforms, lines = validate_store(store, progress=progress)
    verdict = "conforms" if conforms else f"does not conform: {counted(len(lines), 'violation')}"
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
        counts[name] = int(str(rows[0]["n"])) if rows else 0   # (a COUNT: an integer literal)
    counts["quads"] = store.count_quads()
    return counts
