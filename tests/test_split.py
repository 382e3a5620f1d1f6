"""Several documents in one text file (a conference's Final Acts, a Council session's texts): one document each."""

from __future__ import annotations

import json

from support import assert_covers_exactly_once

from kg.cli import main
from kg.errors import EXIT_OK
from kg.model import Hints, Source
from kg.parse import parse_document, split_documents
from kg.resolve import extract_citations

# as text taken from a PDF: a cover page, titles over two lines, page furniture between the documents
FINAL_ACTS = (
    "FINAL ACTS\nof the conferences (a test)\n\n"
    "RESOLUTION 71 (REV. DUBAI, 2018)\nStrategic plan for the Union\nfor 2020-2023\n"
    "The Plenipotentiary Conference of the International Telecommunication Union\n(Dubai, 2018),\n"
    "considering\na)\tResolution 71 (Rev. Busan, 2014) of the Plenipotentiary Conference;\n"
    "b)\tthat the plan is needed,\nresolves\nto adopt the plan.\n\n- 12 -\n\n"
    "RESOLUTION 2 (Rev. Hammamet, 2016)\nStudy group responsibility\n(Helsinki, 1993; Hammamet, 2016)\n"
    "The World Telecommunication Standardization Assembly (Hammamet, 2016),\n"
    "considering\nResolution 1 (Rev. Hammamet, 2016);\nresolves\nto assign the work.\n\n"
    "DECISION 482 (C01, last amended C19)\nSatellite network filings\nThe Council,\n"
    "noting\nResolution 88 (Rev. Dubai, 2018) of the Plenipotentiary Conference,\ndecides\nto apply it.\n")

GENERAL_ASSEMBLY = (
    "Resolution adopted by the General Assembly on 16 December 2020\n75/169. Combating glorification of Nazism\n"
    "The General Assembly,\nRecalling its resolution 74/136 of 18 December 2019,\n1. Reaffirms the Durban "
    "Declaration;\n\nResolution adopted by the General Assembly on 16 December 2020\n"
    "[on the report of the Third Committee (A/75/478)]\n75/170. A second title\nThe General Assembly,\n"
    "Recalling its resolution 75/169,\n1. Decides to remain seized of the question.\n")


def test_final_acts_give_one_document_each():
    parts = split_documents(Source("fa.txt", FINAL_ACTS, "text"))
    assert [part.origin for part in parts] == ["fa.txt#res-71", "fa.txt#res-2", "fa.txt#dec-482"]
    assert "".join(part.text for part in parts) == FINAL_ACTS   # nothing is lost
    documents = [parse_document(part) for part in parts]
    assert [(d.header.kind, d.header.number, d.header.body, d.header.edition) for d in documents] == [
        ("resolution", "71", "pp", "pp-18"), ("resolution", "2", "wtsa", "wtsa-16"),
        ("decision", "482", "council", "council-2019")]
    assert [[c.work for c in extract_citations(d)] for d in documents] == [
        ["itu/pp/res/71"], ["itu/wtsa/res/1"], ["itu/pp/res/88"]]
    assert [section.verb for section in documents[2].sections] == ["noting", "decides"]
    assert documents[0].clauses[-1].text == "to adopt the plan."   # ("- 12 -", a page number, is remainder)
    for document in documents:   # (header, headings, clauses, footnotes, annexes and remainder tile each part)
        assert_covers_exactly_once(document)


def test_un_resolutions_open_at_their_adoption_lines():
    parts = split_documents(Source("ga.txt", GENERAL_ASSEMBLY, "text"))
    assert [part.origin for part in parts] == ["ga.txt#res-75-169", "ga.txt#res-75-170"]
    assert parts[1].text.startswith("Resolution adopted by the General Assembly on 16 December 2020\n[on the report")
    documents = [parse_document(part) for part in parts]
    assert [(d.header.number, d.header.body, d.header.date) for d in documents] == [
        ("75/169", "unga", "2020-12-16"), ("75/170", "unga", "2020-12-16")]
    assert [c.work for c in extract_citations(documents[1])] == ["un/A/75/478", "un/A/RES/75/169"]


def test_one_document_stays_whole():
    # a citation alone on its line (as a page wraps it) is no number line of another document
    text = ("RESOLUTION 9 (DUBAI, 2018)\nA title\nThe Plenipotentiary Conference (Dubai, 2018),\nconsidering\n"
            "a)\tthat\nResolution 71 (Rev. Dubai, 2018)\nof the Plenipotentiary Conference applies;\n"
            "resolves\nThe Plenipotentiary Conference (Dubai, 2018), to act.\n")
    source = Source("one.txt", text, "text")
    assert split_documents(source) == (source,)
    assert split_documents(Source("ga.md", GENERAL_ASSEMBLY, "markdown", hints=Hints(symbol="A/RES/75/169"))) == (
        Source("ga.md", GENERAL_ASSEMBLY, "markdown", hints=Hints(symbol="A/RES/75/169")),)


def test_an_html_page_of_several_documents_is_split(tmp_path):
    from kg.readers import read

    path = tmp_path / "acts.html"
    body = "".join(f"<p>{line}</p>" for line in FINAL_ACTS.splitlines())
    path.write_text(f"<html><head><title>Final Acts</title></head><body>{body}</body></html>", encoding="utf-8")
    (source,) = read(path)
    parts = split_documents(source)
    assert [part.origin.rsplit("#", 1)[1] for part in parts] == ["res-71", "res-2", "dec-482"]
    assert [parse_document(part).header.title for part in parts] == [
        "Strategic plan for the Union for 2020-2023", "Study group responsibility", "Satellite network filings"]


def test_a_pdf_of_several_documents_is_split(tmp_path):
    from documents import write_pdf

    from kg.readers import read

    pages = FINAL_ACTS.replace("- 12 -\n", "\f").replace("\t", " ")   # (a page per resolution or two)
    (source,) = read(write_pdf(tmp_path / "acts.pdf", pages))
    documents = [parse_document(part) for part in split_documents(source)]
    assert [(d.source.origin.rsplit("#", 1)[1], d.header.body, d.header.edition) for d in documents] == [
        ("res-71", "pp", "pp-18"), ("res-2", "wtsa", "wtsa-16"), ("dec-482", "council", "council-2019")]


def test_kg_parse_and_extract_name_each_document(tmp_path, capsys):
    path = tmp_path / "final-acts.txt"
    path.write_text(FINAL_ACTS, encoding="utf-8")
    assert main(["parse", str(path)]) == EXIT_OK
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["doc"], r["header"]["number"]) for r in records] == [
        (f"{path}#res-71", "71"), (f"{path}#res-2", "2"), (f"{path}#dec-482", "482")]
    assert main(["extract", str(path)]) == EXIT_OK
    cited = [(r["doc"], r["work"]) for r in map(json.loads, capsys.readouterr().out.splitlines())]
    assert cited == [(f"{path}#res-71", "itu/pp/res/71"), (f"{path}#res-2", "itu/wtsa/res/1"),
                     (f"{path}#dec-482", "itu/pp/res/88")]


def test_kg_build_makes_a_work_of_each_document(tmp_path):
    from kg.job import build_graph
    from kg.store import OxigraphStore

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "final-acts.txt").write_text(FINAL_ACTS, encoding="utf-8")
    result = build_graph([inputs], tmp_path / "out", progress=False, workers=1)
    assert result.errors == ()
    (file,) = result.files
    assert sorted(summary.work for summary in file.documents) == [
        "itu/council/dec/482", "itu/pp/res/71", "itu/wtsa/res/2"]
    store = OxigraphStore(tmp_path / "out" / "store", read_only=True)
    rows = store.query("PREFIX kg: <https://w3id.org/resolution-kg/ontology#> SELECT (COUNT(*) AS ?n) "
                       "WHERE { ?citation a kg:Citation }")
    assert int(rows[0]["n"]) == 3
