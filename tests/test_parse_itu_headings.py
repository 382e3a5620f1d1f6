"""ITU texts as they come: a resolution whose only header is its heading (the Radio Regulations, Vol. 3; WTSA and
WTDC books extracted page by page), page furniture printed on a line of text, several such resolutions in one
file, headings a converter glued into the paragraph before them, and the addressees of operative headings.

Every text here is written for the tests, in the layouts of the real publications.
"""

from __future__ import annotations

import pytest
from support import assert_covers_exactly_once

from kg.model import Block, Source
from kg.parse import parse_document, split_documents
from kg.parse.addressees import addressees_of, is_addressee
from kg.parse.glued import split_glued_headings
from kg.reference.vocabulary import load_vocabulary
from kg.resolve import extract_citations

BODY = "considering\na)\tthat the service needs protection;\nresolves\n1\tto study the matter.\n"

# (heading lines, kind, number, body, edition, title)
HEADINGS = [
    ("RESOLUTION 917 (REV.WRC-19)\nUse of the band 1 300-1 350 MHz\nby radionavigation-satellite systems",
     "resolution", "917", "wrc", "wrc-19", "Use of the band 1 300-1 350 MHz by radionavigation-satellite systems"),
    ("RESOLUTION 156 (WRC-23)\nUse of the band 19.7-20.2 GHz by earth stations in motion",
     "resolution", "156", "wrc", "wrc-23", "Use of the band 19.7-20.2 GHz by earth stations in motion"),
    ("RESOLUTION 95 (REV.WRC\u201119)\nGeneral review of the Resolutions", "resolution", "95", "wrc", "wrc-19",
     "General review of the Resolutions"),
    ("RESOLUTION 95 (REV.WRC\u201319)\nGeneral review of the Resolutions", "resolution", "95", "wrc", "wrc-19",
     "General review of the Resolutions"),
    ("RESOLUTION 26 (REV.WRC-2000)\nFootnotes to the Table", "resolution", "26", "wrc", "wrc-00",
     "Footnotes to the Table"),
    ("RESOLUTION 33 (REV.WARC-92)\nBringing into use of space stations", "resolution", "33", "wrc", "wrc-92",
     "Bringing into use of space stations"),
    ("RECOMMENDATION 7 (REV.WRC-97)\nStandard forms for licences", "recommendation", "7", "wrc", "wrc-97",
     "Standard forms for licences"),
    ("RESOLUTION 1 (Rev. Geneva, 2022)\nRules of procedure of the Standardization Sector", "resolution", "1",
     "wtsa", "wtsa-20", "Rules of procedure of the Standardization Sector"),
    ("RESOLUTION 2 (REV.WTSA-20)\nStudy group responsibility and mandate", "resolution", "2", "wtsa", "wtsa-20",
     "Study group responsibility and mandate"),
    ("RESOLUTION 37 (REV. KIGALI, 2022)\nBridging the digital divide", "resolution", "37", "wtdc", "wtdc-22",
     "Bridging the digital divide"),
    ("RESOLUTION 71 (Rev. Dubai, 2018)\nStrategic plan for the Union for 2020-2023", "resolution", "71", "pp",
     "pp-18", "Strategic plan for the Union for 2020-2023"),
    (("RESOLUTION ITU-R 1-8\nWorking methods of the Radiocommunication Assembly\n"
     "(1993-1995-1997-2000-2003-2007-2012-2015-2019)"), "resolution", "1-8", "ra", "ra-19",
     "Working methods of the Radiocommunication Assembly"),
    ("RESOLUTION ITU-R 2-8 (REV. RA-19)\nConference Preparatory Meeting", "resolution", "2-8", "ra", "ra-19",
     "Conference Preparatory Meeting"),
    ("RESOLUTION 1305 (MODIFIED 2019)\nThe Council's role in Internet public policy matters", "resolution", "1305",
     "council", "council-2019", "The Council's role in Internet public policy matters"),
    ("RESOLUTION 1333 (C09, last amended C19)\nGuiding principles", "resolution", "1333", "council", "council-2019",
     "Guiding principles"),
    # the Council's collection prints its sessions before 2000 with the year: "C-1997", "C-1985"
    ("RESOLUTION 1111 (C-1997)\nTELECOM surplus funds", "resolution", "1111", "council", "council-1997",
     "TELECOM surplus funds"),
    ("DECISION 387 (C-1980, last amended C-1999)\nPayment for publications", "decision", "387", "council",
     "council-1999", "Payment for publications"),
    # copies on the web name the conference before the kind ("(Rev. Dubai, 2012)" alone is WTSA-12's or WCIT-12's)
    ("WTSA RESOLUTION 1 (Rev. Dubai, 2012)\nRules of procedure", "resolution", "1", "wtsa", "wtsa-12",
     "Rules of procedure"),
    ("PP Resolution 101 (Rev. Dubai, 2018)\nInternet Protocol-based networks", "resolution", "101", "pp", "pp-18",
     "Internet Protocol-based networks"),
    # Sharm el-Sheikh 2019 held RA-19 and WRC-19: a heading that names no Sector is the conference's
    ("RESOLUTION 9 (Rev. Sharm el-Sheikh, 2019)\nParticipation in monitoring", "resolution", "9", "wrc", "wrc-19",
     "Participation in monitoring"),
]


@pytest.mark.parametrize(("heading", "kind", "number", "body", "edition", "title"), HEADINGS,
                         ids=[row[0].split("\n")[0] for row in HEADINGS])
def test_heading_alone_gives_kind_number_body_edition_and_title(heading, kind, number, body, edition, title):
    document = parse_document(Source("heading.txt", f"{heading}\n{BODY}", "text"))
    header = document.header
    assert (header.kind, header.number, header.body, header.edition, header.title) == (
        kind, number, body, edition, title)
    assert [(s.verb, [c.label for c in s.clauses]) for s in document.sections] == [
        ("considering", ["a"]), ("resolves", ["1"])]
    assert_covers_exactly_once(document)


def test_every_heading_row_was_collected():
    assert len(HEADINGS) == 20


# Dubai 2012 held WTSA-12 and WCIT-12: what the text says tells which
@pytest.mark.parametrize(("text", "body", "edition"), [
    (("RESOLUTION 2 (Rev. Dubai, 2012)\nStudy groups\nconsidering\na)\tthat this Assembly met;\n"
     "instructs the Director of the Telecommunication Standardization Bureau\nto act.\n"), "wtsa", "wtsa-12"),
    (("RESOLUTION 3 (Dubai, 2012)\nSpecial measures\nconsidering\na)\tthat this Conference revised the "
     "International Telecommunication Regulations;\nresolves\nto act.\n"), "wcit", "wcit-12"),
    ("RESOLUTION 4 (Dubai, 2012)\nNothing to tell\nconsidering\na)\tthat it is so;\n", None, None),
], ids=["assembly-and-tsb", "conference-and-itrs", "no-cue"])
def test_a_place_and_year_of_two_conferences_is_told_by_the_text(text, body, edition):
    header = parse_document(Source("dubai.txt", text, "text")).header
    assert (header.body, header.edition) == (body, edition)


def test_a_clause_that_opens_like_a_formula_is_no_header():
    text = ("RESOLUTION 12 (REV.WRC-15)\nA title\nconsidering\na)\tthat the matter is urgent;\nresolves\n"
            "The World Radiocommunication Conference (Geneva, 2015),\nshall be informed.\n")
    document = parse_document(Source("res12.txt", text, "text"))
    assert document.header.formula is None and document.header.title == "A title"
    assert [s.verb for s in document.sections] == ["considering", "resolves"]


# (header lines, title, formula): a formula with no comma is one where it closes the header, never above another
FORMULA_WITHOUT_COMMA = {
    "closes the header": (
        ("RESOLUTION 160 (REV. DUBAI, 2018)\nAssistance to a country\n"
         "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018)"),
        "Assistance to a country",
        "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018)"),
    "a title above the formula": (
        ("RESOLUTION 77 (REV. DUBAI, 2018)\nThe Plenipotentiary Conference of the Union and its future (2019-2023)\n"
         "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),"),
        "The Plenipotentiary Conference of the Union and its future (2019-2023)",
        "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),"),
}


@pytest.mark.parametrize("case", sorted(FORMULA_WITHOUT_COMMA), ids=sorted(FORMULA_WITHOUT_COMMA))
def test_a_formula_with_no_comma_is_no_part_of_the_title(case):
    heading, title, formula = FORMULA_WITHOUT_COMMA[case]
    document = parse_document(Source("res.txt", f"{heading}\nrecalling\nResolution 34 of this conference,\n"
                                                "resolves\nto act.\n", "text"))
    assert (document.header.title, document.header.formula, document.header.edition) == (title, formula, "pp-18")
    assert [s.verb for s in document.sections] == ["recalling", "resolves"]
    assert_covers_exactly_once(document)


def test_suppressed_resolution_is_a_document_with_no_clauses():
    document = parse_document(Source("res5.txt", "RESOLUTION 5 (WRC-03)\n(Suppressed by WRC-07)\n", "text"))
    assert (document.header.number, document.header.body, document.header.edition) == ("5", "wrc", "wrc-03")
    assert document.sections == () and document.clauses == ()
    assert extract_citations(document) == []
    assert_covers_exactly_once(document)


# (line as printed, the clause texts of "resolves", what the remainder holds)
FURNITURE = [
    (("1\tthat administrations shall apply No. 9.21; _______________\n"
     "Note by the Secretariat: This Resolution was revised by WRC-23. – 753 –\n"
     "RES917-2 2\tthat the Bureau shall publish the results.\n"),
     [("1", "that administrations shall apply No. 9.21;"), ("2", "that the Bureau shall publish the results.")],
     ["_______________", "Note by the Secretariat", "– 753 –", "RES917-2"]),
    ("1\tthat administrations shall apply\n– 754 –\nRES917-3\nNo. 9.21 to such systems;\n",
     [("1", "that administrations shall apply"), ("1", "No. 9.21 to such systems;")], ["– 754 –", "RES917-3"]),
    ("1\tthat administrations shall apply No. 9.21;\nRESOLUTION 917 (REV.WRC-19)\n2\tthat BR shall publish them.\n",
     [("1", "that administrations shall apply No. 9.21;"), ("2", "that BR shall publish them.")],
     ["RESOLUTION 917 (REV.WRC-19)"]),
    ("1\tthat administrations shall apply\nResolution 917\nNo. 9.21 to such systems;\n",
     [("1", "that administrations shall apply"), ("1", "No. 9.21 to such systems;")], ["Resolution 917\n"]),
    ("1\tthat administrations shall apply No. 9.21; RES917-2\n– 13 – RES917-3 2\tthat BR shall publish them.\n",
     [("1", "that administrations shall apply No. 9.21;"), ("2", "that BR shall publish them.")],
     ["RES917-2", "– 13 – RES917-3"]),
    ("1\tthat administrations shall apply No. 9.21 – 12 –\n2\tthat BR shall publish them.\n",
     [("1", "that administrations shall apply No. 9.21"), ("2", "that BR shall publish them.")], ["– 12 –"]),
]


@pytest.mark.parametrize(("lines", "clauses", "furniture"), FURNITURE,
                         ids=["rule-note-page-running-head", "page-break-mid-clause", "heading-as-running-head",
                              "book-running-head", "running-heads-after-and-before-text", "page-number-after-text"])
def test_page_furniture_is_remainder_and_not_clause_text(lines, clauses, furniture):
    text = f"RESOLUTION 917 (REV.WRC-19)\nA title\nresolves\n{lines}"
    document = parse_document(Source("rr.txt", text, "text"))
    (resolves,) = document.sections
    assert [(c.label, c.text) for c in resolves.clauses] == clauses
    remainder = "".join(text[span.start:span.end] for span in document.remainder)
    for piece in furniture:
        assert piece in remainder
        assert not any(piece in clause.text for clause in document.clauses)
    assert_covers_exactly_once(document)
    assert [c.work for c in extract_citations(document)] == ["itu/rr"]   # (the running head is no citation)


# several resolutions in the Radio Regulations' layout, one after another, with no formula
RR_VOLUME = (
    "– 301 –\n"
    "RESOLUTION 5 (WRC-03)\n(Suppressed by WRC-07)\n"
    "RESOLUTION 12 (REV.WRC-15)\nAssistance to the territory of a Member State\n"
    "The World Radiocommunication Conference (Geneva, 2015),\n"
    "considering\na)\tthat Article 5 and Appendix 30 (Rev.WRC-15) apply;\n"
    "resolves\nto invite administrations to assist, in accordance with Resolution 917 (REV.WRC-19).\n"
    "RESOLUTION 917 (REV.WRC-19)\nUse of the frequency band 1 300-1 350 MHz\nby radionavigation-satellite systems\n"
    "considering\n"
    "a)\tthat WRC-07 revised the limits in Article 21, Table 21-4, for this band;\n"
    "b)\tthat the use is subject to agreement obtained under No. 9.21 (see Nos. 5.415 and 5.2.1);\n"
    "c)\tthat Resolution 12 (Rev.WRC-15) applies; _______________\n"
    "Note by the Secretariat: This Resolution was revised by WRC-23. – 302 –\n"
    "RES917-2 resolves\n"
    "1\tthat administrations apply Recommendation ITU-R M.1036-6;\n"
    "2\tthat, for systems other than those in resolves 1, Appendix 30 applies;\n"
    "instructs the Radiocommunication Bureau\n"
    "to report to the next conference.\n"
    "ANNEX TO RESOLUTION 917 (REV.WRC-19)\nTechnical characteristics of the systems in No. 9.21\n"
    "RECOMMENDATION 7 (REV.WRC-97)\nStandard forms for licences\nrecognizing\n"
    "that administrations issue licences under Article 18;\nrecommends\nthat administrations use the forms.\n"
)


def test_a_file_of_headed_resolutions_gives_one_document_each():
    source = Source("rr-vol3.txt", RR_VOLUME, "text")
    parts = split_documents(source)
    assert [part.origin for part in parts] == [
        "rr-vol3.txt#res-5", "rr-vol3.txt#res-12", "rr-vol3.txt#res-917", "rr-vol3.txt#rec-7"]
    assert "".join(part.text for part in parts) == RR_VOLUME
    documents = [parse_document(part) for part in parts]
    assert [(d.header.kind, d.header.number, d.header.body, d.header.edition) for d in documents] == [
        ("resolution", "5", "wrc", "wrc-03"), ("resolution", "12", "wrc", "wrc-15"),
        ("resolution", "917", "wrc", "wrc-19"), ("recommendation", "7", "wrc", "wrc-97")]
    assert documents[2].header.title == "Use of the frequency band 1 300-1 350 MHz by radionavigation-satellite systems"
    suppressed, _res12, res917, _rec7 = documents
    assert suppressed.clauses == ()
    assert [(s.verb, s.addressees, [c.label for c in s.clauses]) for s in res917.sections] == [
        ("considering", (), ["a", "b", "c"]), ("resolves", (), ["1", "2"]),
        ("instructs", ("Radiocommunication Bureau",), [""])]
    assert res917.clauses[2].text == "that Resolution 12 (Rev.WRC-15) applies;"
    assert [a.heading for a in res917.annexes] == ["ANNEX TO RESOLUTION 917 (REV.WRC-19)"]
    for document in documents:
        assert_covers_exactly_once(document)
    citations = {d.source.origin.rsplit("#", 1)[1]: [(c.clause, c.work, c.edition, c.pinpoint)
                                                      for c in extract_citations(d)] for d in documents}
    assert citations == {
        "res-5": [],
        "res-12": [("considering.a", "itu/rr", None, "Article 5"), ("considering.a", "itu/rr", "wrc-15", "Appendix 30"),
                   ("resolves", "itu/wrc/res/917", "wrc-19", None)],
        # no citation of itself (its heading as a running head, "ANNEX TO RESOLUTION 917 (REV.WRC-19)"); the bare
        # numbers, articles and appendices of a WRC text are the Radio Regulations
        "res-917": [("considering.a", "itu/rr", None, "Article 21"), ("considering.b", "itu/rr", None, "No. 9.21"),
                    ("considering.b", "itu/rr", None, "No. 5.415"), ("considering.b", "itu/rr", None, "No. 5.2.1"),
                    ("considering.c", "itu/wrc/res/12", "wrc-15", None),
                    ("resolves.1", "itu/r/rec/M.1036", None, None), ("resolves.2", "itu/rr", None, "Appendix 30"),
                    (None, "itu/rr", None, "No. 9.21")],
        "rec-7": [("recognizing", "itu/rr", None, "Article 18")],
    }


def test_an_earlier_edition_of_its_own_work_is_still_a_citation():
    text = ("RESOLUTION 917 (REV.WRC-19)\nA title\nconsidering\na)\tthat Resolution 917 (WRC-15) was adopted;\n"
            "b)\tthat Resolution 917 (REV.WRC-19) of this Conference replaces it;\n")
    document = parse_document(Source("res917.txt", text, "text"))
    assert [(c.work, c.edition) for c in extract_citations(document)] == [("itu/wrc/res/917", "wrc-15")]


def test_split_needs_a_title_under_a_heading_in_capitals():
    # a citation alone on its line (lower case), an ANNEX TO heading and a running head are no document's start
    text = ("RESOLUTION 12 (REV.WRC-15)\nA title\nconsidering\na)\tthat\nResolution 71 (Rev. Dubai, 2018)\n"
            "of the Plenipotentiary Conference applies;\nresolves\nto act;\nRESOLUTION 12 (REV.WRC-15)\nrecognizing\n"
            "that it is so;\nANNEX TO RESOLUTION 12 (REV.WRC-15)\nA list\nconsidering\nthe list.\n")
    source = Source("one.txt", text, "text")
    assert split_documents(source) == (source,)


# (text of an AKN-like paragraph, the blocks it gives: role and text)
GLUED = [
    ("that the vision cannot be achieved without inclusiveness, having noted",
     [("clause", "that the vision cannot be achieved without inclusiveness,"), ("heading", "having noted")]),
    (("to report to the next conference, encourages least developed countries and small island developing states "
     "to continue according high priority to ICT projects,"),
     [("clause", "to report to the next conference,"),
      ("heading", "encourages least developed countries and small island developing states"),
      ("clause", "to continue according high priority to ICT projects,")]),
    (("former Resolution 49 (Doha, 2006) of WTDC, resolves to instruct the Secretary-General and the Director of the "
     "Telecommunication Development Bureau 1 to continue to review the state of services;"),
     [("clause", "former Resolution 49 (Doha, 2006) of WTDC,"),
      ("heading", ("resolves to instruct the Secretary-General and the Director of the Telecommunication Development "
                  "Bureau")),
      ("clause", "1 to continue to review the state of services;")]),
    ("to consider the needs of these countries; instructs the Director of the Telecommunication Development Bureau",
     [("clause", "to consider the needs of these countries;"),
      ("heading", "instructs the Director of the Telecommunication Development Bureau")]),
    ("that offices represent the Union, noting also that their activities should be coordinated;",
     [("clause", "that offices represent the Union,"), ("heading", "noting also"),
      ("clause", "that their activities should be coordinated;")]),
    ("to review the results, further resolves",
     [("clause", "to review the results,"), ("heading", "further resolves")]),
    # a participle or a verb inside a clause is no heading
    ("to assist them, taking into account the views of the Coordination Committee;",
     [("clause", "to assist them, taking into account the views of the Coordination Committee;")]),
    ("that the Statement, noting the delegation's view, recalls its reservations;",
     [("clause", "that the Statement, noting the delegation's view, recalls its reservations;")]),
    ("to ensure, considering the limited resources in developing countries, that work goes on;",
     [("clause", "to ensure, considering the limited resources in developing countries, that work goes on;")]),
]


@pytest.mark.parametrize(("text", "expected"), GLUED,
                         ids=["having-noted-at-end", "encourages-addressees-to", "resolves-to-instruct-label",
                              "instructs-at-end", "noting-also-that", "further-resolves", "participle-in-clause",
                              "recalls-in-clause", "considering-in-clause"])
def test_glued_heading_is_split_off(text, expected):
    blocks = split_glued_headings(text, [Block("clause", 0, len(text), part="preambular")])
    assert [(b.role, text[b.start:b.end]) for b in blocks] == expected


def test_glued_headings_give_their_sections_their_clauses_and_addressees():
    text = ("RESOLUTION 34 (REV. DUBAI, 2018)\nA title\nThe Plenipotentiary Conference (Dubai, 2018),\n"
            "recognizing\na)\tthat the vision cannot be achieved without inclusiveness, having noted\n"
            "a)\tResolution 16 (Rev. Buenos Aires, 2017) of the World Telecommunication Development Conference;\n"
            "b)\tResolution 1 (Dubai, 2012) of the World Conference on International Telecommunications,\n"
            "instructs the ITU Council\n1\tto consider the reports;\n"
            "2\tto report to the next conference, instructs the Director of the Telecommunication Development "
            "Bureau\n1\tto carry out an assessment;\n2\tto mobilize resources.\n")
    document = parse_document(Source("res34.txt", text, "text"))
    assert [(s.verb, s.addressees, [c.label for c in s.clauses]) for s in document.sections] == [
        ("recognizing", (), ["a"]), ("having noted", (), ["a", "b"]), ("instructs", ("ITU Council",), ["1", "2"]),
        ("instructs", ("Director of the Telecommunication Development Bureau",), ["1", "2"])]
    assert_covers_exactly_once(document)


@pytest.mark.parametrize(("printed", "expected"), [
    ("the Secretary-General and the Directors of the three Bureaux", ["Secretary-General", "Directors of the three Bureaux"]),
    ("the Secretary-General of the United Nations", ["Secretary-General of the United Nations"]),
    ("the United Nations Secretary-General", ["Secretary-General of the United Nations"]),
    ("the ITU Secretary-General", ["Secretary-General"]),
    ("the", []),
    ("1", []),
    ("BR shall", []),
    ("the Directors of the Radiocommunication Bureau and the Telecommunication Standardization Bureau",
     ["Director of the Radiocommunication Bureau", "Director of the Telecommunication Standardization Bureau"]),
    ("the Secretary-General, in consultation with the Directors of the Bureaux,", ["Secretary-General"]),
    ("Member States, Sector Members and Associates", ["Member States", "Sector Members", "Associates"]),
    # an aside that holds an "and" of its own names no one ("coordination with the Directors of the Bureaux" was one)
    ("the Secretary-General, in consultation and coordination with the Directors of the Bureaux,", ["Secretary-General"]),
    (("the Director of the Telecommunication Development Bureau, in close collaboration with the Director of the "
      "Radiocommunication Bureau and the Director of TSB, and the Secretary-General"),
     ["Director of the Telecommunication Development Bureau", "Secretary-General"]),
    # "and of the ...": one Director each ("Director of the of the Telecommunication Development Bureau")
    ("the Directors of the Telecommunication Standardization Bureau and of the Telecommunication Development Bureau",
     ["Director of the Telecommunication Standardization Bureau", "Director of the Telecommunication Development Bureau"]),
], ids=["two-agents", "un-sg", "un-sg-alias", "itu-sg-alias", "article", "number", "clause-words",
        "directors-of-two-bureaux", "consultation-aside", "list", "aside-with-and", "collaboration-aside-with-and",
        "directors-and-of"])
def test_addressees_are_names_or_noun_phrases(printed, expected):
    assert addressees_of(printed, load_vocabulary()) == expected
    assert all(is_addressee(name) for name in expected)


def test_the_un_secretary_general_is_not_the_itu_one():
    un = parse_document(Source("ga.txt", "99/1. A test\nThe General Assembly,\n\nRecalling its resolution 70/1,\n\n"
                                         "1. Requests the Secretary-General to report.\n", "text"))
    itu = parse_document(Source("pp.txt", "RESOLUTION 9 (DUBAI, 2018)\nA\nThe Plenipotentiary Conference (Dubai, "
                                          "2018),\ninstructs the Secretary-General\nto report.\n", "text"))
    assert [s.addressees for s in un.sections if s.kind == "operative"] == [("Secretary-General of the United Nations",)]
    assert [s.addressees for s in itu.sections] == [("Secretary-General",)]


def test_build_draws_a_resolution_with_no_body_and_the_edition_it_holds(tmp_path):
    from kg.analyze import document_outline
    from kg.cli import main
    from kg.errors import EXIT_OK
    from kg.store import OxigraphStore

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "res5.txt").write_text("RESOLUTION 5 (WRC-03)\n(Suppressed by WRC-07)\n", encoding="utf-8")
    (inputs / "res12.txt").write_text("RESOLUTION 12 (REV.WRC-15)\nA title\nconsidering\na)\tthat Resolution 5 "
                                      "(WRC-03) applied;\nresolves\nto act.\n", encoding="utf-8")
    # (a later edition of Resolution 12 is cited: the graph holds it, with no text)
    (inputs / "res20.txt").write_text("RESOLUTION 20 (REV.WRC-19)\nA title\nresolves\nto apply Resolution 12 "
                                      "(Rev.WRC-19).\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out), "--doc-views"]) == EXIT_OK
    assert {path.name for path in (out / "views" / "doc").iterdir()} == {"itu_wrc_res_5.html", "itu_wrc_res_12.html",
                                                                     "itu_wrc_res_20.html"}
    store = OxigraphStore(out / "store", read_only=True)
    assert document_outline(store, "itu/wrc/res/5").sections == []
    assert [heading for _, heading, _ in document_outline(store, "itu/wrc/res/12").sections] == [
        "considering", "resolves"]
