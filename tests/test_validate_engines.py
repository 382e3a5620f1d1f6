"""``kg validate`` runs the shapes as SPARQL on Oxigraph; pySHACL is the reference. Both must give the same
verdict, and name the same focus nodes and paths, on a graph that conforms and on each kind of broken graph."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import RDF
from test_graph import BROKEN, KG, as_graph, seed_quads

from kg.store import OxigraphStore
from kg.validate import ONTOLOGY_DIR, shape_constraints, validate_graph, validate_store

ELI = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
CITO = rdflib.Namespace("http://purl.org/spar/cito/")
EDITION = rdflib.URIRef("https://w3id.org/resolution-kg/id/itu/wtsa/res/75/wtsa-08")

# more ways to break a graph than test_graph's, one per kind of constraint the shapes use
MORE_BROKEN = {
    "work key twice": lambda g: g.add((next(g.subjects(KG.workKey, None)), KG.workKey, rdflib.Literal("x/y"))),
    "section order as a string": lambda g: g.set((next(g.subjects(RDF.type, KG.OperativeSection)), KG.order,
                                                  rdflib.Literal("1"))),
    "citation start below zero": lambda g: g.set((next(g.subjects(RDF.type, KG.Citation)), KG.start,
                                                  rdflib.Literal(-1))),
    "empty surface text": lambda g: g.set((next(g.subjects(RDF.type, KG.Citation)), KG.surfaceText,
                                           rdflib.Literal(""))),
    "content hash not sha256": lambda g: g.set((next(g.subjects(RDF.type, KG.SourceDocument)), KG.contentHash,
                                                rdflib.Literal("md5:00"))),
    "citing entity neither clause nor edition": lambda g: g.set((next(g.subjects(RDF.type, KG.Citation)),
                                                                 CITO.hasCitingEntity, rdflib.URIRef("https://w3id.org/resolution-kg/id/nothing"))),
    "section in a work, not an edition": lambda g: g.set((next(g.subjects(RDF.type, KG.OperativeSection)),
                                                          ELI.is_part_of,
                                                          rdflib.URIRef("https://w3id.org/resolution-kg/id/itu/pp/res/71"))),
    "addressee without a label": lambda g: g.remove((next(g.subjects(RDF.type, KG.Addressee)), None, None)),
    "citation function not one of the five": lambda g: g.set((next(g.subjects(RDF.type, KG.Citation)),
                                                               CITO.hasCitationCharacterization, CITO.extends)),
}
CASES = {**{name: (lambda g, f=f: f(g, EDITION)) for name, f in BROKEN.items()}, **MORE_BROKEN,
         "unbroken": lambda g: None}


def _sparql(graph: rdflib.Graph) -> tuple[bool, set[tuple[str, str]]]:
    store = OxigraphStore()
    store.load("".join(f"{s.n3()} {p.n3()} {o.n3()} <urn:g> .\n" for s, p, o in graph))
    store.load("".join(f"{s.n3()} {p.n3()} {o.n3()} <urn:ontology> .\n"
                       for s, p, o in rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl")))
    conforms, lines = validate_store(store)
    return conforms, {tuple(line.split(": ", 1)[0].rsplit(" ", 1)) for line in lines}


def _pyshacl(graph: rdflib.Graph) -> tuple[bool, set[tuple[str, str]]]:
    conforms, lines = validate_graph(graph)
    return conforms, {tuple(line.split(": ", 1)[0].rsplit(" ", 1)) for line in lines}


def test_every_case_is_there():
    assert len(CASES) == len(BROKEN) + len(MORE_BROKEN) + 1 > 12


@pytest.mark.parametrize("case", sorted(CASES))
def test_sparql_and_pyshacl_give_the_same_verdict(case):
    graph = as_graph(seed_quads())
    CASES[case](graph)
    sparql, reference = _sparql(graph), _pyshacl(graph)
    assert sparql[0] == reference[0] == (case == "unbroken")
    assert sparql[1] == reference[1]


def test_every_constraint_of_the_shapes_is_run():
    kinds = {c.kind for c in shape_constraints()}
    assert kinds == {"minCount", "maxCount", "datatype", "class", "or", "in", "lessThan", "minInclusive",
                     "minLength", "pattern"}
    assert len(shape_constraints()) > 80
