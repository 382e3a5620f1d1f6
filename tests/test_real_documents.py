"""Whole documents of bodies the corpus holds no sample of, each in the layout its publication prints, that were
once read wrong: their identity (body, number, edition, date), their structure or their citations.

Every text here is written for the tests, in the layouts and wording of the real publications (none is copied).
"""

from __future__ import annotations

import pytest
from documents import write_pdf
from support import assert_covers_exactly_once

from kg.model import Source
from kg.parse import parse_document
from kg.rdf.quads import work_facts
from kg.readers import read
from kg.resolve import extract_citations


def _parse(text: str, name: str = "t.txt"):
    document = parse_document(Source(name, text, "text"))
    assert_covers_exactly_once(document)
    return document


def _cited(document) -> list[tuple[str, str | None, str | None]]:
    return [(c.text, c.work, c.edition) for c in extract_citations(document)]


# The Council's collection of its resolutions and decisions prints the sessions before 2000 with their year
# ("C-1985"), those after with two digits ("C19"); a text cites them as printed.
COUNCIL_1985 = (
    "RESOLUTION 925 (C-1985, last amended C19)\n\nFinancial conditions for the participation of the United Nations\n\n"
    "The Council,\n\nnoting\n\na)\tResolution 925 (C-1985, last amended C17), which it revises;\n"
    "b)\tResolution 1111 (C-1997) and Decision 387 (C-1980);\n"
    "c)\tDecision 482 (C01, last amended C20),\n\ndecides\n\nthat the participation shall be free of charge.\n")


def test_council_sessions_printed_with_their_year_are_editions():
    document = _parse(COUNCIL_1985)
    assert (document.header.body, document.header.edition) == ("council", "council-2019")
    # (its own work in an earlier edition is a citation)
    assert _cited(document) == [
        ("Resolution 925 (C-1985, last amended C17)", "itu/council/res/925", "council-2017"),
        ("Resolution 1111 (C-1997)", "itu/council/res/1111", "council-1997"),
        ("Decision 387 (C-1980)", "itu/council/dec/387", "council-1980"),
        ("Decision 482 (C01, last amended C20)", "itu/council/dec/482", "council-2020")]


# A Security Council resolution as pdftotext gives its PDF: the job number and the bar code under it at the foot of
# the first page, the symbol heading the next.
SC_PDF = (
    "United Nations                                                      S/RES/2999 (2018)\n\n"
    "Security Council                                                    Distr.: General\n"
    "                                                                    9 July 2018\n\n"
    "Resolution 2999 (2018)\n\nAdopted by the Security Council at its 8999th meeting, on 9 July 2018\n\n"
    "        The Security Council,\n\n"
    "        Recalling its resolutions 1261 (1999) and 2225 (2015),\n\n"
    "        1.   Condemns all violations of applicable international law;\n\n"
    "        2.   Requests the Secretary-General to include in his annual reports information on\n"
    "the implementation of resolution 1612 (2005);\n\n"
    "18-11999 (E)     100718\n*1811999*\nPlease recycle\n"
    "S/RES/2999 (2018)\n\n        3.   Decides to remain actively seized of the matter.\n\n"
    "2/2                                                                        18-11999\n")


def test_un_bar_code_under_the_job_number_is_page_furniture():
    document = _parse(SC_PDF)
    assert (document.header.number, document.header.body, document.header.date) == ("2999", "unsc", "2018-07-09")
    assert [(c.id, c.text.split()[-1]) for c in document.clauses] == [
        ("recalling", "(2015),"), ("condemns.1", "law;"), ("requests.2", "(2005);"), ("decides.3", "matter.")]


# A statement by the President of the Security Council: no number line and no formula; its symbol at the top of the
# first page, its title, the meeting it was made at, then the statement's paragraphs in quotation marks.
SC_PRST = (
    "United Nations                                                   S/PRST/2021/99\n\n"
    "Security Council                                                 Distr.: General\n"
    "                                                                 8 July 2021\n\n"
    "                                                                 Original: English\n\n"
    "Statement by the President of the Security Council\n\n"
    "        At the 8999th meeting of the Security Council, held on 7 July 2021, in connection\n"
    "with the Council's consideration of the item entitled \"Children and armed conflict\", the President of\n"
    "the Security Council made the following statement on behalf of the Council:\n\n"
    "               \"The Security Council recalls its resolutions 2427 (2018) and 1612 (2005) and\n"
    "        the statement of its President S/PRST/2020/6.\n\n"
    "               \"The Security Council requests the Secretary-General to report to it by\n"
    "        31 December 2021.\"\n\n"
    "21-09999 (E)    080721\n*2109999*\n")
HRC_PRST = (
    "United Nations                                                   A/HRC/PRST/OS/99/1\n\n"
    "General Assembly                                                 Distr.: General\n"
    "                                                                 14 January 2023\n\n"
    "Human Rights Council\nOrganizational session for the ninety-ninth cycle\n\n"
    "President's statement on the programme of work of the cycle\n\n"
    "        At its organizational meeting, held on 5 December 2022, the Human Rights Council\n"
    "decided, in accordance with its resolution 5/1 and President's statement 9/2, to adopt its programme.\n")


def test_security_council_presidential_statement_is_the_councils():
    document = _parse(SC_PRST)
    header = document.header
    assert (header.kind, header.number, header.symbol, header.body, header.date, header.edition, header.title) == (
        "statement", "2021/99", "S/PRST/2021/99", "unsc", "2021-07-07", "2021-07-07",
        "Statement by the President of the Security Council")
    assert [(s.verb, s.addressees) for s in document.sections] == [
        ("recalls", ()), ("requests", ("Secretary-General of the United Nations",))]
    # (the Security Council's resolutions, not the ITU Council's; its own symbol at the top is no citation)
    assert [(c.clause, c.text, c.work) for c in extract_citations(document)] == [
        ("recalls", "resolutions 2427 (2018)", "un/S/RES/2427(2018)"),
        ("recalls", "1612 (2005)", "un/S/RES/1612(2005)"),
        ("recalls", "S/PRST/2020/6", "un/S/PRST/2020/6")]


def test_human_rights_council_presidential_statement_is_the_councils():
    document = _parse(HRC_PRST)
    header = document.header
    assert (header.kind, header.number, header.body, header.date) == ("statement", "OS/99/1", "hrc", "2022-12-05")
    assert [c.work for c in extract_citations(document)] == ["un/A/HRC/RES/5/1", "un/A/HRC/PRST/9/2"]


def test_presidential_statement_with_front_matter_is_the_councils(tmp_path):
    path = tmp_path / "S_PRST_2021_99.md"
    path.write_text("---\nsymbol: S/PRST/2021/99\ntitle: \"Statement by the President of the Security Council\"\n"
                    "date: \"2021-07-07\"\n---\n\n" + SC_PRST, encoding="utf-8")
    (source,) = read(path)
    document = parse_document(source)
    assert (document.header.kind, document.header.body, document.header.date) == ("statement", "unsc", "2021-07-07")
    assert [c.work for c in extract_citations(document)] == [
        "un/S/RES/2427(2018)", "un/S/RES/1612(2005)", "un/S/PRST/2020/6"]


def test_a_statement_whose_front_matter_names_another_symbol_keeps_it(tmp_path):
    """(front matter naming a resolution's symbol above a statement's first page raised IndexError in the parser)"""
    path = tmp_path / "x.md"
    path.write_text("---\nsymbol: A/RES/75/1\n---\n\n" + SC_PRST, encoding="utf-8")
    (source,) = read(path)
    document = parse_document(source)
    assert document.header.symbol == "A/RES/75/1" and document.header.kind != "statement"


@pytest.mark.parametrize(("key", "body"), [("un/S/PRST/2021/13", "UN Security Council"),
                                           ("un/A/HRC/PRST/OS/17/1", "UN Human Rights Council")])
def test_presidential_statement_cited_is_its_councils(key, body):
    # (its council, not "United Nations", in the graph and the views)
    assert work_facts(key)["body"] == body


# A decision of the General Assembly or of the Economic and Social Council: its adoption line names the organ, its
# title stands under its number, and its one paragraph follows with no formula of its own.
UN_DECISIONS = [
    (("United Nations                                                        A/DEC/78/999\n\n"
      "General Assembly                                                      Distr.: General\n"
      "                                                                      2 January 2024\n\n"
      "Seventy-eighth session\nAgenda item 20\n\nDecision adopted by the General Assembly on 22 December 2023\n\n"
      "[on the report of the Second Committee (A/78/459)]\n\n78/999. Sustainable development\n\n"
      "The General Assembly, recalling its resolution 77/165 of 14 December 2022, decided to include in the\n"
      "provisional agenda of its seventy-ninth session the item entitled \"Sustainable development\".\n"),
     ("decision", "78/999", "A/DEC/78/999", "unga", "2023-12-22", "Sustainable development")),
    (("Decision adopted by the Economic and Social Council on 7 June 2023\n\n2023/299. Dates of the session\n\n"
      "At its 12th plenary meeting, on 7 June 2023, the Economic and Social Council, recalling its\n"
      "resolution 2022/9, decided that its session would be held from 3 to 6 July 2023.\n"),
     ("decision", "2023/299", "E/DEC/2023/299", "ecosoc", "2023-06-07", "Dates of the session")),
]


@pytest.mark.parametrize(("text", "header"), UN_DECISIONS, ids=["unga", "ecosoc"])
def test_un_decision_has_its_organ_symbol_date_and_title(text, header):
    document = _parse(text)
    found = document.header
    assert (found.kind, found.number, found.symbol, found.body, found.date, found.title) == header
    # (the symbol at its top is its own, no citation; the resolution its paragraph recalls is)
    assert [c.work for c in extract_citations(document) if "RES" in (c.work or "")] == [
        "un/A/RES/77/165" if found.body == "unga" else "un/E/RES/2022/9"]
    assert f"un/{header[2]}" not in [c.work for c in extract_citations(document)]


# A General Assembly resolution as pdftotext gives its PDF: the notes of a page under their rule, one a line with no
# blank line between them (the third wrapped), then the foot of the page.
GA_NOTES = (
    "Resolution adopted by the General Assembly on 19 December 2023\n\n"
    "[on the report of the Third Committee (A/78/481/Add.2)]\n\n78/999. Protection of migrants\n\n"
    "    The General Assembly,\n\n"
    "    Reaffirming the Universal Declaration of Human Rights,1 and recalling the\n"
    "International Covenant on Civil and Political Rights,2\n\n"
    "    Recalling Human Rights Council resolution 51/21 of 7 October 2022,3\n\n"
    "    1.     Requests all States to protect the human rights of migrants;\n\n"
    "__________________\n1 Resolution 217 A (III).\n2 See resolution 2200 A (XXI), annex.\n"
    "3 See Official Records of the General Assembly, Seventy-seventh Session, Supplement No. 53A\n"
    "(A/77/53/Add.1), chap. II.\n\n23-25999 (E)    020124\n*2325999*\n\n"
    "A/RES/78/999                                                    Protection of migrants\n\n"
    "    2.     Decides to continue its consideration of the question.\n")


def test_un_page_notes_on_consecutive_lines_are_each_a_note():
    document = _parse(GA_NOTES)
    assert [(f.marker, f.clause, f.text.split()[-1]) for f in document.footnotes] == [
        ("1", "reaffirming", "(III)."), ("2", "reaffirming", "annex."), ("3", "recalling", "II.")]
    assert [(c.clause, c.work) for c in extract_citations(document) if c.clause] == [
        ("recalling", "un/A/HRC/RES/51/21"), ("reaffirming", "un/A/RES/217(III)"),
        ("reaffirming", "un/A/RES/2200(XXI)"), ("recalling", "un/A/77/53/Add.1")]


def test_presidential_statement_from_pdf(tmp_path):
    """A statement as its PDF gives it, with no blank line between paragraphs: each opens with its quotation mark."""
    (statement,) = read(write_pdf(tmp_path / "prst.pdf", SC_PRST))
    assert [s.verb for s in parse_document(statement).sections] == ["recalls", "requests"]


def test_un_page_foot_under_the_notes_from_pdf(tmp_path):
    """A page's foot under its last note ("23-25999 (E)", the bar code) is no part of the note: the UN paragraph
    after the next page's head, "2. Decides", went on as a clause of the paragraph before."""
    (resolution,) = read(write_pdf(tmp_path / "ga.pdf", GA_NOTES.replace("\n\n", "\n")))
    document = parse_document(resolution)
    assert [(s.verb, [c.label for c in s.clauses]) for s in document.sections] == [
        ("reaffirming", [""]), ("recalling", [""]), ("requests", ["1"]), ("decides", ["2"])]
    assert document.footnotes[-1].text.endswith("chap. II.")


# A General Assembly resolution as a converter gives its PDF (the layout of un-ga-80-pdftext): the running head's
# title alone on a line where the symbol before it was dropped, and an omnibus text's headings between its
# paragraphs.
GA_HEADS = (
    "Resolution adopted by the General Assembly on 1 December 2025\n\n80/999. Regional disarmament\n\n"
    "The General Assembly,\n\nRecalling its resolution 79/40 of 2 December 2024,\n\n"
    "Regional disarmament\n\n"
    "Convinced that regional efforts contribute to disarmament,\n\n"
    "Peacebuilding Commission\n\n"
    "1. Reaffirms the role of the Peacebuilding Commission, and requests the Commission to report in\n\n"
    "Regional disarmament\n\n"
    "accordance with resolution 60/180;\n\nPeacebuilding financing\n\n"
    "2. Calls for the implementation of resolution 78/257;\n")


def test_first_line_of_a_wrapped_paragraph_is_no_heading():
    """A PDF's text with a blank line between a paragraph's lines: its first line, short and with no punctuation at
    its end, still opens the paragraph (it ends with a word the next line goes on from)."""
    document = _parse("Resolution adopted by the General Assembly on 1 December 2025\n\n80/999. Test\n\n"
                      "The General Assembly,\n\nRecalling its resolution 79/1,\n\nCalling upon Member States to\n\n"
                      "consider ratifying the Convention,\n\n1. Decides to act.\n")
    assert [(s.verb, [c.text.split()[0] for c in s.clauses]) for s in document.sections] == [
        ("recalling", ["its"]), ("calling", ["upon"]), ("decides", ["to"])]


def test_un_running_title_and_headings_between_paragraphs_are_no_paragraphs():
    document = _parse(GA_HEADS)
    assert [(s.verb, [c.label for c in s.clauses]) for s in document.sections] == [
        ("recalling", [""]), ("convinced", [""]), ("reaffirms", ["1", "1"]), ("calls", ["2"])]
    texts = " ".join(c.text for c in document.clauses)
    assert "disarmament\n" not in texts and "Peacebuilding financing" not in texts
    assert [(c.clause, c.work) for c in extract_citations(document)] == [
        ("recalling", "un/A/RES/79/40"), ("reaffirms.1-2", "un/A/RES/60/180"), ("calls.2", "un/A/RES/78/257")]


# A Security Council resolution's operative paragraphs name whom they address after their verb: a mission, a panel,
# a Government, none of them in data/addressees.csv; a paragraph that welcomes or decides addresses no one.
SC_ADDRESSEES = (
    "Resolution 2999 (2019)\n\nAdopted by the Security Council at its 8999th meeting, on 27 June 2019\n\n"
    "The Security Council,\n\nRecalling its resolution 2423 (2018),\n\n"
    "1. Authorizes MINUSMA to use all necessary means to carry out its mandate;\n\n"
    "2. Requests the Panel of Experts and the Government of Mali to share information with the Committee;\n\n"
    "3. Welcomes the efforts of the Government of Mali to implement the Agreement;\n\n"
    "4. Encourages the Office of the High Commissioner and the United Nations Educational, Scientific and Cultural "
    "Organization to assist the Malian authorities;\n\n"
    "5. Calls upon the Malian parties, individually and collectively, to act;\n\n"
    "6. Decides to remain seized of the matter.\n")


def test_un_paragraph_addresses_those_named_before_its_to():
    document = _parse(SC_ADDRESSEES)
    assert [(s.verb, s.addressees) for s in document.sections if s.kind == "operative"] == [
        ("authorizes", ("MINUSMA",)), ("requests", ("Panel of Experts", "Government of Mali")),
        ("welcomes", ()),
        ("encourages", ("Office of the United Nations High Commissioner for Human Rights",
                        "United Nations Educational, Scientific and Cultural Organization")),
        ("calls upon", ("Malian parties",)), ("decides", ())]


def test_title_read_without_the_marker_of_its_note():
    """A title whose word carries a note's marker ("developing1", the note saying which countries; PP-18's
    Resolutions 123 and 169 print theirs so) is read without it; a number that is the title's own stays."""
    text = ("RESOLUTION 44 (Rev. Geneva, 2022)\n\nBridging the standardization gap between developing1 and developed "
            "countries for IPv6\n\nThe World Telecommunication Standardization Assembly (Geneva, 2022),\n\n"
            "considering\n\nthat the gap persists,\n\nresolves\n\nto act.\n\n_______________\n"
            "1\tThese include the least developed countries and small island developing states.\n")
    document = _parse(text)
    assert document.header.title == "Bridging the standardization gap between developing and developed countries for IPv6"
    assert [f.marker for f in document.footnotes] == ["1"]


def test_radiocommunication_assembly_annex_paragraphs_numbered_with_the_annex():
    """A Radiocommunication Assembly resolution's annex numbers its paragraphs after the annex ("A1.1", "A1.1.1"):
    they are the annex's clauses, and a citation in one is in that clause (it was in none)."""
    text = ("RESOLUTION ITU-R 1-9\n\nWorking methods of the Radiocommunication Assembly\n\n"
            "(1993-1995-1997-2000-2003-2007-2012-2015-2019-2023)\n\nThe ITU Radiocommunication Assembly,\n\n"
            "considering\n\nthat the Convention sets out the functions of the Sector,\n\nresolves\n\n"
            "that the working methods shall be as given in Annex 1.\n\nAnnex 1\n\nWorking methods\n\n"
            "A1.1\tGeneral\n\nA1.1.1\tThe Assembly shall apply Article 13 of the Convention.\n\n"
            "A1.1.2\tThe Director shall report, in accordance with Resolution ITU-R 2-9.\n\n"
            "A1.2\tStudy groups\n\nA1.2.1\tEach study group shall apply Recommendation ITU-R M.1036-6.\n")
    document = _parse(text)
    assert (document.header.number, document.header.body, document.header.edition) == ("1-9", "ra", "ra-23")
    assert [c.id for c in document.clauses if c.id.startswith("annex")] == [
        "annex.1", "annex.1.1", "annex.1.2", "annex.2", "annex.2.1"]
    assert [(c.clause, c.work) for c in extract_citations(document) if c.clause.startswith("annex")] == [
        ("annex.1.1", "itu/convention"), ("annex.1.2", "itu/ra/res/2"), ("annex.2.1", "itu/r/rec/M.1036")]


def test_a_list_of_resolutions_goes_on_over_the_page_furniture_that_cut_it():
    """A list the page broke ("... 51/17 of 12 November" / the running head / "1996, 52/10 of 5 November 1997, ..."):
    its members after the furniture are cited too, in the clause the furniture cut (un-ga-80-pdftext's 80/4 lost
    27 so)."""
    text = ("Resolution adopted by the General Assembly on 1 December 2025\n\n80/999. Regional disarmament\n\n"
            "The General Assembly,\n\nRecalling its resolutions 50/5 of 2 November 1995, 51/17 of 12 November\n\n"
            "Regional disarmament\n\n1996, 52/10 of 5 November 1997 and 53/4 of 14 October 1998,\n\n"
            "1. Decides to act.\n")
    document = _parse(text)
    cited = extract_citations(document)
    assert [c.work for c in cited] == ["un/A/RES/50/5", "un/A/RES/51/17", "un/A/RES/52/10", "un/A/RES/53/4"]
    assert [c.clause for c in cited] == ["recalling", "recalling", "recalling-2", "recalling-2"]
    assert all(c.text == text[c.start:c.end] for c in cited)


def test_un_resolution_adopted_in_parts_as_its_pdf_prints_it():
    """A General Assembly resolution adopted in parts, as the text of its PDF gives it: each part's letter alone on a
    line, its title and its formula; the second part's were text of the first part's last paragraph, and the
    title the resolution's title, the letter and the first part's title run together."""
    text = ("Resolution adopted by the General Assembly on 10 December 2020\n\n75/998. Assistance in mine action\n\n"
            "A\n\nAssistance in mine action\n\nThe General Assembly,\n\nRecalling its resolution 74/80,\n\n"
            "1. Welcomes the report of the Secretary-General;\n\n"
            "B\n\nComprehensive approach to mine action\n\nThe General Assembly,\n\nRecalling its resolution 74/81,\n\n"
            "1. Requests the Secretary-General to report.\n")
    document = _parse(text)
    assert document.header.title == "Assistance in mine action"
    assert [(s.id, s.part, [c.text for c in s.clauses]) for s in document.sections] == [
        ("recalling", "", ["its resolution 74/80,"]), ("welcomes", "", ["the report of the Secretary-General;"]),
        ("b-recalling", "B", ["its resolution 74/81,"]), ("b-requests", "B", ["the Secretary-General to report."])]
