"""kg export: the citation network in GraphML, GEXF, CSV, JSON-LD and Cytoscape's JSON at three grains, each file
read back by the reader its users have (networkx, csv, rdflib, json) with every attribute present; and
graph.to_networkx() written by networkx itself."""

from __future__ import annotations

import csv
import json
import shutil

import networkx as nx
import pytest
import rdflib
from conftest import SEED, corpus_files

import kg
from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNREACHABLE
from kg.export.network import GRAINS, METRICS
from kg.job import build_graph
from kg.wording import counted

NODE_ATTRIBUTES = {"title", "body", "kind", "year", *METRICS}
EDGE_ATTRIBUTES = {"weight", "clauses"}
CASES = [(fmt, grain) for fmt in ("graphml", "gexf", "csv", "jsonld", "cytoscape") for grain in GRAINS]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "out"
    result = build_graph([SEED, *corpus_files("un-sc")[:6], *corpus_files("un-ga")[:4]], out, workers=2,
                         progress=False)
    assert result.errors == ()
    return out


@pytest.fixture(scope="module")
def expected(built):
    """The networks as kg builds them, by grain."""
    graph = kg.open(built)
    return {grain: graph.to_networkx(grain) for grain in GRAINS}


def _read_back(fmt: str, files: list) -> tuple[dict[str, dict], dict[tuple[str, str], dict]]:
    """Nodes and edges with their attributes, as the format's own reader gives them."""
    if fmt in ("graphml", "gexf"):
        G = nx.read_graphml(files[0]) if fmt == "graphml" else nx.read_gexf(files[0])
        return dict(G.nodes(data=True)), {(s, t): d for s, t, d in G.edges(data=True)}
    if fmt == "csv":
        nodes_file, edges_file = sorted(files, key=lambda p: "edges" in p.name)
        with nodes_file.open(encoding="utf-8") as handle:
            nodes = {row.pop("id"): row for row in csv.DictReader(handle)}
        with edges_file.open(encoding="utf-8") as handle:
            edges = {(row.pop("source"), row.pop("target")): row for row in csv.DictReader(handle)}
        return nodes, edges
    if fmt == "cytoscape":
        elements = json.loads(files[0].read_text(encoding="utf-8"))["elements"]
        return ({n["data"]["id"]: n["data"] for n in elements["nodes"]},
                {(e["data"]["source"], e["data"]["target"]): e["data"] for e in elements["edges"]})
    graph = rdflib.Graph().parse(files[0], format="json-ld")
    ns = rdflib.Namespace("https://w3id.org/resolution-kg/ontology#")
    cito = rdflib.Namespace("http://purl.org/spar/cito/")
    names = {"title": rdflib.URIRef("http://purl.org/dc/terms/title"), "body": ns.bodyName, "year": ns.year,
             "in_degree": ns.inDegree, "out_degree": ns.outDegree, "weighted_in_degree": ns.weightedInDegree,
             "pagerank": ns.pagerank, "hub": ns.hubScore, "authority": ns.authorityScore,
             "betweenness": ns.betweenness, "community": ns.community}
    nodes = {}
    for subject in set(graph.subjects(rdflib.RDF.type)) - set(graph.subjects(rdflib.RDF.type, ns.Link)):
        data = {name: graph.value(subject, term) for name, term in names.items()}
        data["kind"] = str(graph.value(subject, rdflib.RDF.type)).rsplit("#", 1)[1]
        nodes[str(subject)] = {name: value for name, value in data.items() if value is not None}
    edges = {}
    for link in graph.subjects(rdflib.RDF.type, ns.Link):
        edges[(str(graph.value(link, cito.hasCitingEntity)), str(graph.value(link, cito.hasCitedEntity)))] = {
            "weight": graph.value(link, ns.weight), "clauses": sorted(graph.objects(link, ns.citingClause))}
    return nodes, edges


@pytest.mark.parametrize(("fmt", "grain"), CASES, ids=[f"{f}-{g}" for f, g in CASES])
def test_each_format_reads_back_with_every_attribute(built, expected, tmp_path, capsys, fmt, grain):
    assert main(["export", str(tmp_path), "--format", fmt, "--grain", grain, "--store", str(built)]) == EXIT_OK
    files = sorted(p for p in tmp_path.iterdir() if p.is_file())
    assert capsys.readouterr().out.startswith(f"wrote {counted(len(files), 'file')} into {tmp_path}")
    nodes, edges = _read_back(fmt, files)
    G = expected[grain]
    assert G.number_of_nodes() > 20 and G.number_of_edges() > 20
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    iri = (lambda node: node if node.startswith("http") else kg.rdf.work_iri(node)) if fmt == "jsonld" else str
    for node, data in G.nodes(data=True):
        read = nodes[iri(node)]
        wanted = NODE_ATTRIBUTES - ({"title"} if not data["title"] else set()) - \
            ({"year"} if "year" not in data and fmt != "csv" else set())
        assert wanted <= set(read), (node, wanted - set(read))
        assert str(read["kind"]) == data["kind"]
        assert float(read["pagerank"]) == pytest.approx(data["pagerank"])
    for source, target, data in G.edges(data=True):
        read = edges[iri(source), iri(target)]
        assert EDGE_ATTRIBUTES <= set(read) and int(read["weight"]) == data["weight"]
        clauses = read["clauses"] if isinstance(read["clauses"], list) else str(read["clauses"]).split()
        assert sorted(map(str, clauses)) == sorted(data["clauses"].split())


def test_networkx_writes_to_networkx_itself(built, tmp_path):
    graph = kg.open(built)
    for grain in GRAINS:
        G = graph.to_networkx(grain)
        nx.write_graphml(G, tmp_path / f"{grain}.graphml")
        nx.write_gexf(G, tmp_path / f"{grain}.gexf")
        back = nx.read_graphml(tmp_path / f"{grain}.graphml")
        assert back.number_of_edges() == G.number_of_edges()
    seed = graph.to_networkx()
    assert seed.edges["itu/wtsa/res/75", "itu/council/res/1282"]["weight"] == 3
    assert seed.nodes["itu/wtsa/res/75"]["year"] == 2008 and seed.nodes["itu/wtsa/res/75"]["kind"] == "Resolution"


def test_a_built_folder_exports_its_own_network(built, tmp_path, capsys, monkeypatch):
    """`kg export BUILD --format F` with no --store reads BUILD itself, not the out/ of the folder it runs in (where
    another build, or none, may lie); a DIR that is no build still reads --store's default, out/."""
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(built), "--format", "csv"]) == EXIT_OK
    nodes, _ = _read_back("csv", [built / "network-instrument-nodes.csv", built / "network-instrument-edges.csv"])
    assert len(nodes) == kg.open(built).to_networkx("instrument").number_of_nodes()
    capsys.readouterr()
    assert main(["export", str(tmp_path / "exports"), "--format", "csv"]) == EXIT_UNREACHABLE
    assert capsys.readouterr().err.startswith("kg: error: out: no such folder")


def test_an_export_into_a_folder_of_other_files_names_its_build(built, tmp_path, capsys, monkeypatch):
    """(`kg export data --format csv`, run beside a build in out/, wrote out/'s network into data/, where its CSV
    files became reference data: the next build read every file again)"""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(built, tmp_path / "out")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "res-1.txt").write_text("RESOLUTION 1\n")
    capsys.readouterr()
    assert main(["export", "texts", "--format", "csv"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "name it (--store out) to write there" in err[0], err
    assert [path.name for path in (tmp_path / "texts").iterdir()] == ["res-1.txt"]
    assert main(["export", "texts", "--format", "csv", "--store", "out"]) == EXIT_OK   # (named: written there)
    assert (tmp_path / "texts" / "network-instrument-nodes.csv").is_file()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "jsonld", "cytoscape"])
def test_a_node_of_no_known_year_has_none_written(built, expected, tmp_path, fmt):
    """(a year unknown was written 0, a year a tool sorts and plots: "no year" in GraphML and GEXF is no attribute,
    in CSV an empty cell)"""
    assert main(["export", str(tmp_path), "--format", fmt, "--store", str(built)]) == EXIT_OK
    nodes, _ = _read_back(fmt, sorted(p for p in tmp_path.iterdir() if p.is_file()))
    G = expected["instrument"]
    undated = [node for node, data in G.nodes(data=True) if not data["years"]]
    assert undated and all("year" not in G.nodes[node] for node in undated)
    iri = (lambda node: kg.rdf.work_iri(node)) if fmt == "jsonld" else str
    assert all(nodes[iri(node)].get("year", "") == "" for node in undated), [nodes[iri(n)] for n in undated][:3]
    assert all(int(nodes[iri(node)]["year"]) > 0 for node in G if node not in undated)
