"""``kg build``: the whole corpus builds, conforms, answers SPARQL; builds are deterministic and incremental."""

from __future__ import annotations

import gc
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import CORPUS, REPO, SEED, corpus_files
from rdflib import URIRef

from kg.cli import main
from kg.errors import EXIT_BAD_INPUT
from kg.job import build_graph
from kg.store import OxigraphStore
from kg.validate import validate_path

PREFIXES = """PREFIX kg: <https://w3id.org/resolution-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
"""


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    corpus_files("itu-pp18")   # skips with the reason where the corpus is absent
    out = tmp_path_factory.mktemp("build") / "out"
    # data/ holds the UN's un-sc, un-ga and un-ga-multipart files (the demo corpus): the shared corpus adds the rest
    result = build_graph([REPO / "data", CORPUS / "itu-pp18", CORPUS / "un-ga-80-pdftext"], out, workers=2,
                         progress=False)
    return result


@pytest.fixture(scope="module")
def store(corpus_build):
    return OxigraphStore(corpus_build.out / "store", read_only=True)


def test_corpus_builds_without_errors(corpus_build):
    assert corpus_build.errors == ()
    assert sum(len(f.documents) for f in corpus_build.files) >= 485
    for name in ("graph.nq", "report.md", "manifest.json"):
        assert (corpus_build.out / name).stat().st_size > 0


def test_corpus_graph_conforms_to_the_shapes(corpus_build):
    conforms, report = validate_path(corpus_build.out)
    assert conforms, report[:3000]


def test_which_resolutions_cite_pp_102(store):
    rows = store.query(PREFIXES + """
        SELECT DISTINCT ?key WHERE {
          ?citation cito:hasCitedEntity ?cited ; cito:hasCitingEntity/eli:is_part_of/eli:is_part_of ?edition .
          ?edition eli:realizes/kg:workKey ?key .
        } ORDER BY ?key""", bindings={"cited": URIRef("https://w3id.org/resolution-kg/id/itu/pp/res/102")})
    keys = [str(row["key"]) for row in rows]
    assert "itu/wtsa/res/75" in keys            # the seed: considering b) iii)
    assert len(keys) >= 5 and all(key.startswith("itu/") for key in keys)


def test_every_clause_of_the_seed_with_its_citations(store):
    rows = store.query(PREFIXES + """
        SELECT DISTINCT ?label ?start ?sectionOrder ?c ?cited WHERE {
          ?clause a kg:Clause ; kg:label ?label ; kg:start ?start ; eli:is_part_of ?section .
          ?section kg:order ?sectionOrder ; eli:is_part_of ?edition .
          OPTIONAL { ?c cito:hasCitingEntity ?clause ; cito:hasCitedEntity/kg:workKey ?cited }
        } ORDER BY ?sectionOrder ?start ?cited""",
        bindings={"edition": URIRef("https://w3id.org/resolution-kg/id/itu/wtsa/res/75/wtsa-08")})
    clauses = {(int(r["sectionOrder"]), int(r["start"])) for r in rows}
    assert len(clauses) == 29
    cited = [(str(r["label"]), str(r["cited"])) for r in rows if "cited" in r]
    assert ("b.iii", "itu/pp/res/102") in cited and ("d", "wsis/tunis-agenda") in cited
    assert len(cited) == 16


def test_ten_most_cited_works(store):
    rows = store.query(PREFIXES + """
        SELECT ?key (COUNT(DISTINCT ?edition) AS ?citing) WHERE {
          ?edition eli:cites ?work . ?work kg:workKey ?key .
        } GROUP BY ?key ORDER BY DESC(?citing) ?key LIMIT 10""")
    assert len(rows) == 10
    counts = [int(r["citing"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert str(rows[0]["key"]) == "un/charter"


def test_the_network_made_by_the_build_equals_the_one_read_from_the_store(corpus_build, store):
    from kg.analyze import instrument_graph, network_of_links
    from kg.job.scoring import links_of_summaries
    made, read_back = network_of_links(*links_of_summaries(list(corpus_build.files))), instrument_graph(store)
    assert made.number_of_edges() > 5000
    assert sorted(made.nodes(data=True)) == sorted(read_back.nodes(data=True))
    assert sorted(made.edges(data=True)) == sorted(read_back.edges(data=True))


def test_build_is_deterministic_and_incremental(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "seed.txt")
    (inputs / "other.txt").write_text(SEED.read_text(encoding="utf-8").replace("RESOLUTION 75", "RESOLUTION 76"),
                                      encoding="utf-8")
    first = build_graph([inputs], tmp_path / "a", progress=False, workers=1)
    again = build_graph([inputs], tmp_path / "b", progress=False, workers=1)
    assert (tmp_path / "a" / "graph.nq").read_bytes() == (tmp_path / "b" / "graph.nq").read_bytes()
    assert len(first.reparsed) == 2
    unchanged = build_graph([inputs], tmp_path / "a", progress=False, workers=1)
    assert unchanged.reparsed == []
    (inputs / "other.txt").write_text((inputs / "other.txt").read_text(encoding="utf-8") + "\nA new line.\n",
                                      encoding="utf-8")
    touched = build_graph([inputs], tmp_path / "a", progress=False, workers=1)
    assert [name.rsplit("/", 1)[-1] for name in touched.reparsed] == ["other.txt"]
    assert touched.network == first.network      # no citation changed: the network's scores were kept
    assert again.quads == first.quads
    # the store updated in place holds exactly what a store built afresh from the same files holds
    fresh = build_graph([inputs], tmp_path / "c", progress=False, workers=1)
    assert (tmp_path / "a" / "graph.nq").read_bytes() == (tmp_path / "c" / "graph.nq").read_bytes()
    updated = set(OxigraphStore(tmp_path / "a" / "store", read_only=True).dump().splitlines())
    assert updated == set(OxigraphStore(tmp_path / "c" / "store", read_only=True).dump().splitlines())
    assert len(updated) == len((tmp_path / "c" / "graph.nq").read_text(encoding="utf-8").splitlines()) > fresh.quads
    # a change that does cite something new is analysed again, and still equals a fresh build
    (inputs / "other.txt").write_text((inputs / "other.txt").read_text(encoding="utf-8").replace(
        "to submit contributions to the Dedicated", "to apply Resolution 64 (Rev. Busan, 2014) of the "
        "Plenipotentiary Conference and to submit contributions to the Dedicated"), encoding="utf-8")
    cited = build_graph([inputs], tmp_path / "a", progress=False, workers=1)
    assert cited.network != first.network
    assert (tmp_path / "a" / "graph.nq").read_bytes() == \
        (build_graph([inputs], tmp_path / "d", progress=False, workers=1), tmp_path / "d" / "graph.nq")[1].read_bytes()
    assert "itu/pp/res/64" in (tmp_path / "a" / "metrics.csv").read_text(encoding="utf-8")


def test_any_executor_runs_the_per_file_work(tmp_path):
    with ThreadPoolExecutor(max_workers=2) as executor:
        result = build_graph([SEED], tmp_path / "out", executor=executor, progress=False)
    assert result.errors == () and len(result.reparsed) == 1


def test_a_bad_file_is_reported_and_the_rest_is_built(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "seed.txt")
    (inputs / "broken.xml").write_text("<akomaNtoso><statement>", encoding="utf-8")
    code = main(["build", str(inputs), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1"])
    captured = capsys.readouterr()
    assert code == EXIT_BAD_INPUT
    assert "broken.xml:1: malformed XML" in captured.err
    assert "built 1 document from 1 file " in captured.out
    assert "broken.xml" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert validate_path(tmp_path / "out")[0]


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch):
    # the build pauses the collector and freezes what it reads (kg.job.run._collector_paused); afterwards both are
    # undone, except that objects a caller froze itself stay frozen
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, 0), "as an earlier test left it"
    build_graph([SEED], tmp_path / "out", progress=False, workers=1)
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, 0)
    gc.freeze()
    unfreeze, unfrozen = gc.unfreeze, []
    # (the frozen count itself may drop: a frozen object that dies leaves the permanent generation)
    monkeypatch.setattr(gc, "unfreeze", lambda: unfrozen.append(True))
    try:
        build_graph([SEED], tmp_path / "again", progress=False, workers=1)
        assert gc.isenabled() and gc.get_freeze_count() > 0 and unfrozen == []
    finally:
        monkeypatch.undo()
        unfreeze()


def test_the_united_nations_are_acknowledged_as_the_source_of_its_documents(tmp_path):
    # the UN's terms of use ask for it: the report says so, and so does the note of the views
    (un_text,) = corpus_files("un-sc")[:1]
    shutil.copy(un_text, tmp_path / un_text.name)
    shutil.copy(SEED, tmp_path / "seed.txt")
    build_graph([tmp_path / un_text.name], tmp_path / "un", progress=False, workers=1)
    build_graph([tmp_path / "seed.txt"], tmp_path / "itu", progress=False, workers=1)
    report = (tmp_path / "un" / "report.md").read_text(encoding="utf-8")
    assert "- sources: United Nations (1 of the documents; unofficial copies)" in report
    assert "UN documents: source United Nations." in (tmp_path / "un" / "views" / "overview.html").read_text(
        encoding="utf-8")
    assert "sources" not in (tmp_path / "itu" / "report.md").read_text(encoding="utf-8")


def test_two_files_of_one_text_under_other_front_matter_are_two_documents(tmp_path):
    """The graph of a document is named by its text and its metadata: one name for both lost one of them."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    body = "The General Assembly,\nRecalling its resolution 70/1,\n1. Decides to remain seized of the matter.\n"
    for number in (1, 2):
        (inputs / f"r{number}.md").write_text(f'---\nsymbol: A/RES/99/{number}\ndate: "2024-12-0{number}"\n---\n'
                                              f"{body}", encoding="utf-8")
    result = build_graph([inputs], tmp_path / "out", progress=False, workers=1)
    assert [len(f.graphs) for f in result.files] == [1, 1]
    assert result.files[0].graphs != result.files[1].graphs
    store = OxigraphStore(tmp_path / "out" / "store", read_only=True)
    rows = store.query(PREFIXES + "SELECT DISTINCT ?key WHERE { ?e eli:realizes/kg:workKey ?key ; eli:date_document ?d }")
    assert sorted(str(row["key"]) for row in rows) == ["un/A/RES/99/1", "un/A/RES/99/2"]


def test_a_report_with_nothing_unresolved_says_so(tmp_path):
    """The seed's mentions all resolve: its report says so under its heading, not two empty tables."""
    shutil.copy(SEED, tmp_path / "seed.txt")
    build_graph([tmp_path / "seed.txt"], tmp_path / "out", progress=False, workers=1)
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert report.endswith("## Unresolved mentions\n\nNone: every mention was resolved to an instrument.\n"), report
    assert "| reason |" not in report and "| document |" not in report
