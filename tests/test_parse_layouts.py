"""Each body's layout (texts written for the test): the header (kind, number, body, edition) and the sections."""

from __future__ import annotations

import pytest

from kg.model import Source
from kg.parse import parse_document
from kg.resolve import extract_citations

BODY = "considering\na)\tthat tests need a text;\nresolves\n1\tto read it.\n"

HEADERS = [
    (("RESOLUTION 76 (REV.WRC-15)\nProtection of satellite networks\n"
     "The World Radiocommunication Conference (Geneva, 2015),\n"), ("resolution", "76", "wrc", "wrc-15")),
    (("RESOLUTION ITU-R 1-8\nWorking methods of the Radiocommunication Assembly\n"
     "(1993-1995-1997-2000-2003-2007-2012-2015-2019)\nThe ITU Radiocommunication Assembly,\n"),
     ("resolution", "1-8", "ra", "ra-19")),
    ("RESOLUTION 1372 (modified 2019)\nCouncil Working Group on Languages\nThe Council,\n",
     ("resolution", "1372", "council", "council-2019")),
    ("RESOLUTION 1333 (Rev. 2016)\nGuiding principles\nThe Council,\n", ("resolution", "1333", "council", "council-2016")),
    ("DECISION 482 (modified 2019)\nSatellite network filings\nThe Council,\n",
     ("decision", "482", "council", "council-2019")),
    ("RESOLUTION 1113 (1997, last modified 2001)\nA test\nThe Council,\n",
     ("resolution", "1113", "council", "council-2001")),
    ("RESOLUTION 1380 (C16, last amended C17)\nPreparations\nThe Council,\n",
     ("resolution", "1380", "council", "council-2017")),
    (("RESOLUTION 1 (Rev. Buenos Aires, 2017)\nRules of procedure of ITU-D\n"
     "The World Telecommunication Development Conference (Buenos Aires, 2017),\n"), ("resolution", "1", "wtdc", "wtdc-17")),
    (("RESOLUTION 2 (Rev. Hammamet, 2016)\nStudy group responsibility\n"
     "The World Telecommunication Standardization Assembly (Hammamet, 2016),\n"), ("resolution", "2", "wtsa", "wtsa-16")),
    (("RESOLUTION 71 (Rev. Dubai, 2018)\nStrategic plan\nThe Plenipotentiary Conference of the International "
     "Telecommunication Union (Dubai, 2018),\n"), ("resolution", "71", "pp", "pp-18")),
    # a long formula wrapped by the page, and a title over three lines (as PDF text gives them)
    (("DECISION 3 (Minneapolis, 1998)\n   Treatment of decisions,\n   resolutions and recommendations\n"
     "   of plenipotentiary conferences\n\nThe Plenipotentiary Conference of the International Telecommunication Union"
     "\n(Minneapolis, 1998),\n"), ("decision", "3", "pp", "pp-98")),
    (("RESOLUTION 2 (Rev. Hammamet, 2016)\nStudy group responsibility\n"
     "The World Telecommunication Standardization Assembly (Hammamet,\n2016),\n"), ("resolution", "2", "wtsa", "wtsa-16")),
    (("RESOLUTION 71 (Rev. Dubai, 2018)\nThe Strategic plan of the Union\nThe Plenipotentiary Conference of the "
     "International\nTelecommunication Union (Dubai, 2018),\n"), ("resolution", "71", "pp", "pp-18")),
]


@pytest.mark.parametrize(("header", "expected"), HEADERS, ids=[h.split("\n")[0] for h, _ in HEADERS])
def test_header_of_each_body(header, expected):
    document = parse_document(Source("t.txt", header + BODY, "text"))
    found = document.header
    assert (found.kind, found.number, found.body, found.edition) == expected
    assert [c.work for c in extract_citations(document)] == [], "the header's own number is no citation"


def test_every_header_row_was_collected():
    assert len(HEADERS) == 13


def test_wrapped_revision_history_is_the_history_and_not_the_title():
    header = ("RESOLUTION 1 (Rev. Geneva, 2022)\nRules of procedure of the Sector\n(Helsinki, 1993; Geneva, 1996; "
              "Montreal, 2000; Florianópolis, 2004;\nJohannesburg, 2008; Dubai, 2012; Hammamet, 2016; Geneva, 2022)\n"
              "The World Telecommunication Standardization Assembly (Geneva, 2022),\n")
    found = parse_document(Source("t.txt", header + BODY, "text")).header
    assert (found.title, found.edition) == ("Rules of procedure of the Sector", "wtsa-20")
    assert found.revisions == ("wtsa-93", "wtsa-96", "wtsa-00", "wtsa-04", "wtsa-08", "wtsa-12", "wtsa-16", "wtsa-20")


@pytest.mark.parametrize(("header", "title", "formula"), [
    (HEADERS[10][0], "Treatment of decisions, resolutions and recommendations of plenipotentiary conferences",
     "The Plenipotentiary Conference of the International Telecommunication Union (Minneapolis, 1998),"),
    (HEADERS[11][0], "Study group responsibility",
     "The World Telecommunication Standardization Assembly (Hammamet, 2016),"),
    (HEADERS[12][0], "The Strategic plan of the Union",
     "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),"),
    # words the page hyphenated are whole again
    (("DECISION 3 (Minneapolis, 1998)\nTreatment of decisions, resolutions and recom-\nmendations\n"
     "The Plenipotentiary Conference of the International Telecommu-\nnication Union (Minneapolis, 1998),\n"),
     "Treatment of decisions, resolutions and recommendations",
     "The Plenipotentiary Conference of the International Telecommunication Union (Minneapolis, 1998),"),
])
def test_wrapped_formula_is_one_formula_and_not_the_title(header, title, formula):
    document = parse_document(Source("t.txt", header + BODY, "text"))
    assert (document.header.title, document.header.formula) == (title, formula)
    assert [section.id for section in document.sections] == ["considering", "resolves"]


# UN texts as PDF text often comes: no blank line between paragraphs; the adoption line gives the date
UN_TEXTS = [
    (("United Nations A/RES/75/169\nGeneral Assembly\nSeventy-fifth session\nAgenda item 72 (b)\n"
     "Resolution adopted by the General Assembly on 16 December 2020\n"
     "[on the report of the Third Committee (A/75/478/Add.2)]\n75/169. Combating glorification of Nazism\n"
     "The General Assembly,\nGuided by the Charter of the United Nations,\n"
     "Recalling its resolution 74/136 of 18 December 2019,\n1. Reaffirms the Durban Declaration;\n"
     "2. Decides to remain seized of the question.\n"),
     ("resolution", "75/169", "A/RES/75/169", "unga", "2020-12-16"),
     ["guided", "recalling", "reaffirms", "decides"], ["un/A/75/478/Add.2", "un/charter", "un/A/RES/74/136"]),
    (("United Nations A/HRC/RES/51/1\nHuman Rights Council\nFifty-first session\n"
     "Resolution adopted by the Human Rights Council on 6 October 2022\n51/1. Human rights and indigenous peoples\n"
     "The Human Rights Council,\nGuided by the Charter of the United Nations,\n"
     "Recalling its resolution 48/11 of 8 October 2021 and General Assembly resolution 61/295,\n"
     "1. Decides to continue its consideration of this question;\n2. Requests the Secretary-General to report.\n"),
     ("resolution", "51/1", "A/HRC/RES/51/1", "hrc", "2022-10-06"),
     ["guided", "recalling", "decides", "requests"], ["un/charter", "un/A/HRC/RES/48/11", "un/A/RES/61/295"]),
    (("United Nations E/RES/2022/10\nEconomic and Social Council\n"
     "Resolution adopted by the Economic and Social Council on 22 July 2022\n2022/10. Coordination of the outcomes\n"
     "The Economic and Social Council,\nRecalling General Assembly resolution 70/1 of 25 September 2015,\n"
     "Recalling also its resolution 2021/5 and Human Rights Council resolution 47/1,\n"
     "1. Decides to consider the matter at its 2023 session.\n"),
     ("resolution", "2022/10", "E/RES/2022/10", "ecosoc", "2022-07-22"),
     ["recalling", "recalling-also", "decides"], ["un/A/RES/70/1", "un/E/RES/2021/5", "un/A/HRC/RES/47/1"]),
    (("United Nations S/RES/2719 (2023)\nSecurity Council\nResolution 2719 (2023)\n"
     "Adopted by the Security Council at its 9518th meeting, on 21 December 2023\nThe Security Council,\n"
     "Recalling its resolutions 2033 (2012) and 2320 (2016),\n1. Decides that resolution 2719 (2023) shall be reviewed;\n"
     "2. Decides to remain seized of the matter.\n"),
     ("resolution", "2719", "S/RES/2719 (2023)", "unsc", "2023-12-21"),
     ["recalling", "decides", "decides-2"], ["un/S/RES/2033(2012)", "un/S/RES/2320(2016)"]),
    # the adoption line wrapped before its date; a paragraph's second line opening with a verb in lower case
    (("United Nations S/RES/2334 (2016)\nSecurity Council Distr.: General\n23 December 2016\n16-22939 (E)\n"
     "Resolution 2334 (2016)\nAdopted by the Security Council at its 7853rd meeting, on\n23 December 2016\n"
     "The Security Council,\nReaffirming its relevant resolutions, including resolutions 242 (1967), 338\n"
     "(1973) and 1850 (2008),\nGuided by the principles of the Charter of the United Nations, and\n"
     "reaffirming, inter alia, the inadmissibility of the acquisition of territory by force,\n"
     "Recalling the Quartet Roadmap, endorsed by its resolution\n1515 (2003),\n"
     "1. Reaffirms that the settlements have no legal validity;\n2. Decides to remain seized of the matter.\n"),
     ("resolution", "2334", "S/RES/2334 (2016)", "unsc", "2016-12-23"),
     ["reaffirming", "guided", "recalling", "reaffirms", "decides"],
     ["un/S/RES/242(1967)", "un/S/RES/338(1973)", "un/S/RES/1850(2008)", "un/charter", "un/S/RES/1515(2003)"]),
]


@pytest.mark.parametrize(("text", "header", "sections", "works"), UN_TEXTS, ids=[t[1][3] for t in UN_TEXTS])
def test_un_text_without_blank_lines(text, header, sections, works):
    document = parse_document(Source("t.txt", text, "text"))
    found = document.header
    assert (found.kind, found.number, found.symbol, found.body, found.edition) == header
    assert [section.id for section in document.sections] == sections
    assert [c.work for c in extract_citations(document)] == works


def test_an_adoption_line_glued_to_its_date_is_no_title():
    """The UN's AKN writes "on<docDate>31 December 2016</docDate>": no space between the two."""
    text = ("Resolution 2336 (2016)\nAdopted by the Security Council at its 7855th meeting, on31 December 2016\n"
            "The Security Council,\nRecalling its resolution 2254 (2015),\n1. Decides to remain seized of the matter.\n")
    header = parse_document(Source("t.txt", text, "text")).header
    assert (header.number, header.title, header.date) == ("2336", None, "2016-12-31")


def test_un_declaration_with_a_long_title_and_the_meeting_after_it():
    text = ("Resolution adopted by the General Assembly on 21 September 2020\n"
            "[without reference to a Main Committee (A/75/L.1)]\n75/1. Declaration on the commemoration of the "
            "seventy-fifth\nanniversary of the United Nations\nThe General Assembly\nAdopts the following "
            "declaration:\nDeclaration on the commemoration of the seventy-fifth anniversary of\nthe United Nations\n"
            "1. We, the Heads of State and Government, recall resolution 70/1.\n2. We pledge to act.\n"
            "3rd plenary meeting\n21 September 2020\n")
    document = parse_document(Source("t.txt", text, "text"))
    assert document.header.title == "Declaration on the commemoration of the seventy-fifth anniversary of the United Nations"
    # "1." opens a paragraph after the declaration's title (the next number, though no punctuation ends the line
    # before); the meeting and its date are no part of the last paragraph
    assert [(c.label, c.text) for c in document.clauses][1:] == [
        ("1", "We, the Heads of State and Government, recall resolution 70/1."), ("2", "We pledge to act.")]


def test_every_un_text_was_collected():
    assert len(UN_TEXTS) == 5


@pytest.mark.parametrize("end", [",", ";"])
def test_itu_section_verb_and_its_clause_on_one_line(end):
    text = ("RESOLUTION 50 (Rev. Hammamet, 2016)\nCybersecurity\nThe World Telecommunication Standardization Assembly "
            "(Hammamet, 2016),\nrecalling\na) Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference,\n"
            f"considering that ITU is the lead facilitator for Action Line C5 of the Tunis Agenda{end}\n"
            "noting\nthat the work goes on,\nresolves\nto continue it.\n")
    document = parse_document(Source("t.txt", text, "text"))
    assert [(s.id, [c.text for c in s.clauses]) for s in document.sections] == [
        ("recalling", ["Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference,"]),
        ("considering", [f"that ITU is the lead facilitator for Action Line C5 of the Tunis Agenda{end}"]),
        ("noting", ["that the work goes on,"]),
        ("resolves", ["to continue it."])]
    assert [(c.work, c.clause) for c in extract_citations(document)] == [
        ("itu/pp/res/130", "recalling.a"), ("wsis/tunis-agenda", "considering")]


def test_un_verb_alone_on_its_line():
    text = "80/1. Test\n\nThe General Assembly,\n\nRecalling\n\nits resolution 70/1,\n\nIn\n\n1. Decides\n\nto act.\n"
    document = parse_document(Source("t.txt", text, "text"))
    assert [(s.id, [(c.label, c.text) for c in s.clauses]) for s in document.sections] == [
        ("recalling", [("", "its resolution 70/1,\n\nIn")]), ("decides", [("1", "to act.")])]
