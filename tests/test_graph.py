"""The graph: ontology and namespace agree, the seed's graph equals the golden graph, shapes hold."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import rdflib
from conftest import REPO, SEED
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from kg.ns import KG
from kg.parse import parse_document
from kg.rdf import document_quads, graph_iri
from kg.readers import read
from kg.resolve import extract_citations
from kg.store import MemoryStore, OxigraphStore
from kg.validate import validate_graph, validate_nquads

ONTOLOGY = rdflib.Graph().parse(REPO / "ontology" / "kg.ttl")
KG_PREFIX = "https://w3id.org/resolution-kg/ontology#"
GOLDEN = Path(__file__).parent / "golden" / "seed" / "graph.ttl"
LEFT_OUT = {KG.text, KG.start, KG.end, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")}


def seed_quads() -> list[str]:
    (source,) = read(SEED)
    document = parse_document(source)
    return document_quads(document, extract_citations(document), source_name="wtsa-res-75-johannesburg-2008.txt")


def as_graph(quads: list[str]) -> rdflib.Graph:
    dataset = rdflib.Dataset()
    dataset.parse(data="\n".join(quads), format="nquads")
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def test_ontology_terms_equal_the_namespace():
    declared = {str(s) for s in ONTOLOGY.subjects() if str(s).startswith(KG_PREFIX)}
    in_code = {KG_PREFIX + name for name in KG.__annotations__}
    assert declared == in_code


def test_every_ontology_term_the_build_writes_is_declared(tmp_path):
    """Classes and properties in the project's namespace, as a build of the seed writes them (with its scores)."""
    from kg.job import build_graph

    build_graph([SEED], tmp_path / "out", progress=False, workers=1)
    dataset = rdflib.Dataset()
    dataset.parse(tmp_path / "out" / "graph.nq", format="nquads")
    written = {p for _, p, _, _ in dataset.quads((None, None, None, None)) if str(p).startswith(KG_PREFIX)}
    written |= {o for _, _, o, _ in dataset.quads((None, RDF.type, None, None)) if str(o).startswith(KG_PREFIX)}
    assert {KG.Resolution, KG.Clause, KG.workKey, KG.pagerank} <= written   # (the classes, the citations, the scores)
    declared = {s for s in ONTOLOGY.subjects() if str(s).startswith(KG_PREFIX)}
    assert written - declared == set()


@pytest.mark.parametrize("term", sorted(KG.__annotations__))
def test_every_term_is_typed_labelled_and_defined(term):
    iri = KG[term]
    types = set(ONTOLOGY.objects(iri, RDF.type))
    assert types & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"{term} is not typed"
    assert ONTOLOGY.value(iri, RDFS.label) is not None, f"{term} has no label"
    assert ONTOLOGY.value(iri, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#definition")) is not None
    if OWL.Class in types and term != "Instrument":
        assert ONTOLOGY.value(iri, RDFS.subClassOf) is not None, f"{term} is not placed in a hierarchy"
    if types & {OWL.ObjectProperty, OWL.DatatypeProperty} and term not in ("start", "end", "order", "surfaceText"):
        assert ONTOLOGY.value(iri, RDFS.domain) is not None, f"{term} has no domain"
    if types & {OWL.ObjectProperty, OWL.DatatypeProperty} and term not in ("mentionedIn",):
        assert ONTOLOGY.value(iri, RDFS.range) is not None, f"{term} has no range"


def test_seed_graph_equals_the_golden_graph():
    built = as_graph(seed_quads())
    graph_node = rdflib.URIRef(graph_iri(hashlib.sha256(SEED.read_text(encoding="utf-8").encode()).hexdigest()))
    comparable = rdflib.Graph()
    for s, p, o in built:
        if p not in LEFT_OUT and s != graph_node:
            comparable.add((s, p, o))
    golden = rdflib.Graph().parse(GOLDEN)
    if not isomorphic(comparable, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(comparable), to_isomorphic(golden))
        pytest.fail("graphs differ\nonly in the built graph:\n" + only_built.serialize(format="nt") +
                    "\nonly in the golden graph:\n" + only_golden.serialize(format="nt"))


def test_seed_graph_texts_and_offsets_come_from_the_source():
    built = as_graph(seed_quads())
    text = SEED.read_text(encoding="utf-8")
    clauses = list(built.subjects(RDF.type, KG.Clause))
    assert len(clauses) == 29
    for clause in clauses:
        start, clause_text = int(built.value(clause, KG.start)), str(built.value(clause, KG.text))
        assert clause_text == text[start:start + len(clause_text)]   # (its end is not written: start + length)
    for citation in built.subjects(RDF.type, KG.Citation):
        start, end = int(built.value(citation, KG.start)), int(built.value(citation, KG.end))
        assert str(built.value(citation, KG.surfaceText)) == text[start:end]


def test_provenance_names_file_hash_and_tool():
    built = as_graph(seed_quads())
    digest = hashlib.sha256(SEED.read_text(encoding="utf-8").encode()).hexdigest()
    node = rdflib.URIRef(graph_iri(digest))
    assert built.value(node, RDF.type) == KG.SourceDocument
    assert str(built.value(node, KG.contentHash)) == f"sha256:{digest}"
    assert str(built.value(node, rdflib.URIRef("http://purl.org/dc/terms/source"))) == \
        "wtsa-res-75-johannesburg-2008.txt"
    assert str(built.value(node, KG.toolVersion)).startswith("resolution-kg ")


def test_seed_graph_conforms_to_the_shapes():
    conforms, violations = validate_nquads("\n".join(seed_quads()))
    assert conforms, violations


BROKEN = {
    "edition realising two works": lambda g, e: g.add((e, rdflib.URIRef("http://data.europa.eu/eli/ontology#realizes"),
                                                        rdflib.URIRef("https://w3id.org/resolution-kg/id/x/other"))),
    "clause in no section": lambda g, e: g.remove((next(g.subjects(RDF.type, KG.Clause)),
                                                   rdflib.URIRef("http://data.europa.eu/eli/ontology#is_part_of"), None)),
    "citation without its cited work": lambda g, e: g.remove((next(g.subjects(RDF.type, KG.Citation)),
                                                              rdflib.URIRef("http://purl.org/spar/cito/hasCitedEntity"),
                                                              None)),
    "citation without surface text": lambda g, e: g.remove((next(g.subjects(RDF.type, KG.Citation)),
                                                            KG.surfaceText, None)),
    "citation ending before it starts": lambda g, e: g.set((next(g.subjects(RDF.type, KG.Citation)), KG.end,
                                                            rdflib.Literal(0))),
}


@pytest.mark.parametrize("breakage", sorted(BROKEN))
def test_a_broken_graph_does_not_conform(breakage):
    graph = as_graph(seed_quads())
    edition = rdflib.URIRef("https://w3id.org/resolution-kg/id/itu/wtsa/res/75/wtsa-08")
    BROKEN[breakage](graph, edition)
    conforms, violations = validate_graph(graph)
    assert not conforms
    assert violations


def test_quads_are_deterministic():
    assert seed_quads() == seed_quads()


@pytest.mark.parametrize("make_store", [OxigraphStore, MemoryStore], ids=["oxigraph", "rdflib"])
def test_quads_taken_out_of_a_store_are_those_written(make_store):
    (source,) = read(SEED)
    document = parse_document(source)
    lines = sorted(document_quads(document, extract_citations(document), source_name="seed.txt"))
    store = make_store()
    store.load("".join(line + "\n" for line in lines))
    removed, kept = lines[::3], [line for index, line in enumerate(lines) if index % 3]
    store.remove_quads("".join(line + "\n" for line in removed))
    assert len(removed) > 50
    left = rdflib.Dataset()
    left.parse(data=store.dump(), format="nquads")
    expected = rdflib.Dataset()
    expected.parse(data="".join(line + "\n" for line in kept), format="nquads")
    assert sorted(left.quads()) == sorted(expected.quads())


def test_an_instrument_cited_by_name_has_its_title():
    """(the Tunis Agenda, the Constitution, the Charter had no title: the views, the site and the exports showed
    their keys, "itu/constitution", or nothing)"""
    document = parse_document(read(SEED)[0])
    lines = document_quads(document, extract_citations(document), source_name="seed.txt")
    agenda = "<https://w3id.org/resolution-kg/id/wsis/tunis-agenda> <http://purl.org/dc/terms/title> "
    assert [line for line in lines if line.startswith(agenda)] == [
        f'{agenda}"Tunis Agenda for the Information Society" <https://w3id.org/resolution-kg/id/graph/shared> .']
