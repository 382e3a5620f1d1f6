"""Layouts and phrasings met in the real publications of each body that the parser once read wrong: the UN's PDF
text with its blank lines, the closing lines of a Human Rights Council resolution, the change marks of a WRC's
Final Acts, a Council resolution's heading as the WRC's agenda books print it, resolutions copied onto web pages.

Every text here is written for the tests, in the layouts of the real publications (none is copied from them).
"""

from __future__ import annotations

import pytest
from support import assert_covers_exactly_once

from kg.model import Source
from kg.parse import parse_document, split_documents
from kg.resolve import extract_citations


def _parse(text: str, name: str = "t.txt"):
    document = parse_document(Source(name, text, "text"))
    assert_covers_exactly_once(document)
    return document


def _remainder(document) -> str:
    return "".join(document.source.text[span.start:span.end] for span in document.remainder)


# The UN's PDFs as pdftotext gives them: a blank line between the header's lines, so the adoption line stands five
# lines above the number line when the committee's line ("[on the report of ...]") is printed between them.
UN_PDF_TEXTS = [
    (("United Nations                                         A/RES/71/5\n\nGeneral Assembly          Distr.: General\n"
      "                                                       2 November 2016\n\nSeventy-first session\n"
      "Agenda item 14\n\nResolution adopted by the General Assembly on 31 October 2016\n\n"
      "[without reference to a Main Committee (A/71/L.7)]\n\n71/5. Cooperation between the United Nations and a "
      "regional body\n\nThe General Assembly,\n\nRecalling its resolution 69/12 of 20 November 2014,\n\n"
      "1. Welcomes the report of the Secretary-General;\n\n2. Decides to include the item in its next session.\n"),
     ("71/5", "unga", "2016-10-31", "2016-10-31"), ["recalling", "welcomes", "decides"]),
    (("Resolution adopted by the Economic and Social Council on 8 June 2021\n\n"
      "[on the recommendation of the Committee (E/2021/L.14)]\n\n2021/4. Support to a group of countries\n\n"
      "The Economic and Social Council,\n\nRecalling its resolution 2020/10 of 22 July 2020,\n\n"
      "1. Requests the Secretary-General to report to it at its 2022 session.\n"),
     ("2021/4", "ecosoc", "2021-06-08", "2021-06-08"), ["recalling", "requests"]),
    # (its Word file's style may print the adoption line in capitals)
    (("RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY ON 25 SEPTEMBER 2015\n\n[WITHOUT REFERENCE TO A MAIN COMMITTEE "
      "(A/70/L.1)]\n\n70/1. Transforming our world\n\nThe General Assembly,\n\nRecalling its resolution 69/313,\n\n"
      "1. Decides to act.\n"), ("70/1", "unga", "2015-09-25", "2015-09-25"), ["recalling", "decides"]),
]


@pytest.mark.parametrize(("text", "header", "sections"), UN_PDF_TEXTS, ids=["unga", "ecosoc", "unga-capitals"])
def test_un_adoption_line_above_blank_lines_gives_the_date(text, header, sections):
    document = _parse(text)
    found = document.header
    assert (found.number, found.body, found.date, found.edition) == header
    assert [section.id for section in document.sections] == sections


def test_un_resolutions_with_blank_lines_open_at_their_adoption_lines():
    one, two = UN_PDF_TEXTS[0][0], UN_PDF_TEXTS[0][0].replace("71/5.", "71/6.").replace("31 October", "1 November")
    parts = split_documents(Source("session.txt", one + "\n" + two, "text"))
    assert [part.origin for part in parts] == ["session.txt#res-71-5", "session.txt#res-71-6"]
    assert parts[1].text.startswith("Resolution adopted by the General Assembly on 1 November 2016")
    assert [parse_document(part).header.date for part in parts] == ["2016-10-31", "2016-11-01"]


# How a Human Rights Council resolution ends: the meeting (no "plenary" in it), the date, and the note of its
# adoption, with the recorded vote and the States on each side where there was one.
HRC_ENDINGS = [
    "\n40th meeting\n3 April 2023\n\n[Adopted without a vote.]\n",
    ("\n                                                        51st meeting\n"
     "                                                        4 April 2023\n\n"
     "[Adopted by a recorded vote of 28 to 6, with 13 abstentions. The voting was as follows:\n\nIn favour:\n"
     "    Algeria, Argentina, Bolivia (Plurinational State of), Cameroon, Chile, China,\n    Cuba, Gabon\n\n"
     "Against:\n    Czechia, Germany, United Kingdom of Great Britain and Northern Ireland,\n"
     "    United States of America\n\nAbstaining:\n    Belgium, Finland, France]\n"),
]


@pytest.mark.parametrize("ending", HRC_ENDINGS, ids=["without-a-vote", "recorded-vote"])
def test_hrc_meeting_and_adoption_note_are_no_part_of_the_last_paragraph(ending):
    text = ("Resolution adopted by the Human Rights Council on 4 April 2023\n\n52/31. The right to food\n\n"
            "The Human Rights Council,\n\nRecalling its resolution 49/19 of 1 April 2022,\n\n"
            "1. Reaffirms that hunger is a violation of human dignity;\n\n"
            f"2. Decides to continue its consideration of this matter.\n{ending}")
    document = _parse(text)
    assert [(c.label, c.text) for c in document.clauses] == [
        ("", "its resolution 49/19 of 1 April 2022,"), ("1", "that hunger is a violation of human dignity;"),
        ("2", "to continue its consideration of this matter.")]
    assert "meeting" in _remainder(document) and "[Adopted" in _remainder(document)
    assert [c.work for c in extract_citations(document)] == ["un/A/HRC/RES/49/19"]


# A WRC's Final Acts: each text under the mark of what the conference did to it ("MOD", "ADD", "SUP": alone on the
# line above the heading, or on the heading's own line), the page's running head "RES76" beside its number, and
# the headings of suppressed texts with nothing under them.
FINAL_ACTS_MARKS = [
    "RES76                                   \u2013 215 \u2013\n\nMOD\n\nRESOLUTION 76 (REV.WRC-15)\n",
    "RES76\n\u2013 215 \u2013\nMOD RESOLUTION 76 (REV.WRC-15)\n",
    "(MOD)\tRESOLUTION 76 (REV.WRC-15)\n",
]


@pytest.mark.parametrize("opening", FINAL_ACTS_MARKS, ids=["mark-alone", "mark-on-the-heading", "bracketed-mark"])
def test_final_acts_change_marks_running_heads_and_suppressed_headings(opening):
    text = (f"{opening}\nProtection of satellite networks\n\nThe World Radiocommunication Conference (Geneva, 2015),\n\n"
            "considering\n\na)\tthat WRC-97 set limits in Article 22;\n\nresolves\n\n1\tthat administrations shall "
            "apply\n\n\u2013 216 \u2013\nRES76\n\nNo. 9.12 to such systems;\n\ninstructs the Director of the "
            "Radiocommunication Bureau\n\nto report to the next conference.\n\n\u2013 217 \u2013\nRES76\n\n"
            "ADD\n\nRESOLUTION 155 (WRC-15)\n\nUse of frequency bands by unmanned aircraft\n\n"
            "The World Radiocommunication Conference (Geneva, 2015),\n\nconsidering\n\na)\tthat ICAO asked for "
            "spectrum;\n\ninvites ITU-R\n\nto study the matter in line with Resolution 76 (Rev.WRC-15).\n\n"
            "SUP\n\nRESOLUTION 23 (REV.WRC-12)\n\nSUP RESOLUTION 24 (REV.WRC-12)\n")
    parts = split_documents(Source("fa.txt", text, "text"))
    assert [part.origin for part in parts] == ["fa.txt#res-76", "fa.txt#res-155"]
    first, second = (_parse(part.text, part.origin) for part in parts)
    assert [(d.header.number, d.header.body, d.header.edition, d.header.title) for d in (first, second)] == [
        ("76", "wrc", "wrc-15", "Protection of satellite networks"),
        ("155", "wrc", "wrc-15", "Use of frequency bands by unmanned aircraft")]
    assert [(c.id, c.text) for c in first.clauses] == [
        ("considering.a", "that WRC-97 set limits in Article 22;"), ("resolves.1", "that administrations shall apply"),
        ("resolves.1-2", "No. 9.12 to such systems;"),
        ("instructs", "to report to the next conference.")]
    assert [(c.id, c.text) for c in second.clauses] == [
        ("considering.a", "that ICAO asked for spectrum;"),
        ("invites", "to study the matter in line with Resolution 76 (Rev.WRC-15).")]
    for furniture in ("RES76", "ADD", "SUP", "RESOLUTION 23 (REV.WRC-12)"):
        assert not any(furniture in clause.text for document in (first, second) for clause in document.clauses)
    # (the suppressed texts' headings are the conference's act on them: no citation of the resolution before them)
    assert [(c.work, c.clause) for c in extract_citations(second)] == [("itu/wrc/res/76", "invites")]


# The Council's resolutions as the WRC's agenda books print them (the heading names the Council), and as a Council
# session issues them (the session's document above the heading, which prints no edition, and the plenary that
# adopted it under it).
COUNCIL_HEADINGS = [
    (("Council RESOLUTION 1343 (C12)\n\nPlace, dates and agenda of the next World\nRadiocommunication Conference\n\n"
      "The Council,\n\n"), ("resolution", "1343", "council", "council-2012"),
     "Place, dates and agenda of the next World Radiocommunication Conference"),
    (("Council 2009\nGeneva, 20-30 October 2009\n\nDocument C09/105-E\n28 October 2009\nOriginal: English\n\n"
      "RESOLUTION 1305\n\n(adopted at the seventh Plenary Meeting)\n\nRole of the Dedicated Group on\n"
      "Internet-related issues\n\nThe Council,\n\n"), ("resolution", "1305", "council", "council-2009"),
     "Role of the Dedicated Group on Internet-related issues"),
    (("Document C19/120-E\n\nRESOLUTION 1407\n\n(approved at the fifth Plenary Meeting)\n\nA new group\n\n"
      "The Council,\n\n"), ("resolution", "1407", "council", "council-2019"), "A new group"),
]


@pytest.mark.parametrize(("heading", "header", "title"), COUNCIL_HEADINGS,
                         ids=["agenda-book", "session-document-council-year", "session-document-number"])
def test_council_heading_layouts(heading, header, title):
    text = (f"{heading}noting\n\nthat Resolution 807 of the World Radiocommunication Conference (Geneva, 2012) "
            "invited the Council to act,\n\nresolves\n\nto convene the conference, in line with Council Resolution "
            "1282 (modified 2019);\n\ninstructs the Secretary-General\n\n1\tto make the arrangements.\n")
    document = _parse(text)
    found = document.header
    assert (found.kind, found.number, found.body, found.edition) == header
    assert found.title == title
    assert [(s.verb, s.addressees) for s in document.sections] == [
        ("noting", ()), ("resolves", ()), ("instructs", ("Secretary-General",))]
    assert [(c.work, c.edition) for c in extract_citations(document)] == [
        ("itu/wrc/res/807", "wrc-12"), ("itu/council/res/1282", "council-2019")]


# UN resolutions whose header prints their date where the parser did not look: the Security Council's of the 1990s
# (the adoption line wrapped before "on", with no comma), the General Assembly's of the same years (no date in the
# heading: the meeting under the last paragraph gives it), and the copies on the web that print no number line
# (the line naming the resolution, or the adoption line, above the formula; a blank line in the adoption line).
UN_DATED = [
    (("                   Security Council                    Distr.\n                                       GENERAL\n\n"
      "                                                       S/RES/1257 (1999)\n"
      "                                                       3 August 1999\n\n                   RESOLUTION 1257 (1999)\n\n"
      "       Adopted by the Security Council at its 4031st meeting\n                          on 3 August 1999\n\n"
      "       The Security Council,\n\n       Recalling its resolution 1246 (1999) of 11 June 1999,\n\n"
      "       1.    Decides to extend the mandate of the Mission until 30 September 1999;\n"),
     ("1257", "unsc", "1999-08-03", "S/RES/1257 (1999)", None), "un/S/RES/1246(1999)"),
    (("                                                       A/RES/52/1\n"
      "                                                       6 November 1997\n\nFifty-second session\n"
      "Agenda item 10\n\n         RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY\n\n"
      "               [without reference to a Main Committee (A/52/L.5)]\n\n"
      "       52/1. Report on the work of the Organization\n\n       The General Assembly,\n\n"
      "       Recalling its resolution 51/241 of 31 July 1997,\n\n       1.    Takes note of the report;\n\n"
      "                                                        36th plenary meeting\n"
      "                                                        4 November 1997\n"),
     ("52/1", "unga", "1997-11-04", "A/RES/52/1", "Report on the work of the Organization"), "un/A/RES/51/241"),
    (("Security Council resolution 1257 (1999) on the situation in Timor, U.N. Doc. S/RES/1257 (1999).\n\n\n"
      "Adopted by the Security Council at its 4031st meeting,\n\non 3 August 1999\n\n\nThe Security Council,\n\n"
      "Recalling its resolution 1246 (1999) of 11 June 1999,\n\n1. Decides to extend the mandate until 30 September "
      "1999;\n"), ("1257", "unsc", "1999-08-03", "S/RES/1257 (1999)", None), "un/S/RES/1246(1999)"),
    (("United Nations Security Council Resolution 1245 (1999)\n\nAdopted by the Security Council at its 4012th "
      "meeting, on 11 June 1999.\n\nThe Security Council,\n\nRecalling its resolution 1246 (1999) of 11 June 1999,"
      "\n\n1. Decides to extend the mandate until 13 December 1999;\n"),
     ("1245", "unsc", "1999-06-11", "S/RES/1245 (1999)", None), "un/S/RES/1246(1999)"),
]


@pytest.mark.parametrize(("text", "header", "cited"), UN_DATED,
                         ids=["unsc-1990s", "unga-1990s", "web-copy-naming-line", "web-copy-title"])
def test_un_header_date_where_the_layout_prints_it(text, header, cited):
    document = _parse(text)
    found = document.header
    assert (found.number, found.body, found.date, found.symbol, found.title) == header
    assert found.edition == found.date
    assert [section.verb for section in document.sections][:1] == ["recalling"]
    assert [c.work for c in extract_citations(document) if c.clause] == [cited]
    assert [c.work for c in extract_citations(document) if not c.clause] in ([], ["un/A/52/L.5"])


# Running heads and feet printed between two lines of one clause, in text extracted page by page: the collections
# of the Plenipotentiary's texts ("RES 136 (Rev. Guadalajara, 2010)", "Res. 136"), a WTSA resolution's foot, the
# Council's collection (the page number and the chapter), the documents of a conference or a Council session (the
# page number and the document's number: "PP18/146(Add.1)-E"), and the UN's pages (the job number and the page however
# far apart, the symbol with the short title).
PAGE_BREAKS = [
    ("- 412 -\nRES 136 (Rev. Guadalajara, 2010)", False),
    ("Res. 136", False),
    ("Res. 136 \u2013 2", False),
    ("\u2013 41 \u2013\n(1.2 \u2013 Other finance matters)", False),
    ("\u2013 41 \u2013(1.2 \u2013 Other finance matters)", False),
    ("- 3 -\nPP18/146(Add.1)-E", False),
    ("- 4 -\nC23/120-E", False),
    ("WTSA-12 \u2013 Resolution 69 3", False),
    ("PP-10 \u2013 Resolution 136 \u2013 page 3", False),
    (("25-19447                                                                              1/3\n\n"
      "A/RES/80/10                                    International Day of Indigenous Women"), True),
    ("2/3                                                                              25-19447\n\nA/RES/80/10", True),
]


@pytest.mark.parametrize(("furniture", "un"), PAGE_BREAKS, ids=["pp-book-heading", "pp-book-short", "wtsa-foot", "council-book-chapter",
                                                                 "council-book-chapter-beside", "conference-document",
                                                                 "council-document", "wtsa-book-foot", "pp-book-foot",
                                                                 "un-foot-and-head",
                                                                 "un-page-and-symbol"])
def test_page_furniture_between_two_lines_of_a_clause_is_remainder(furniture, un):
    if un:
        text = ("Resolution adopted by the General Assembly on 26 November 2025\n\n80/10. International Day\n\n"
                "The General Assembly,\n\nRecalling its resolution 61/185 of 20 December 2006 and Economic and Social "
                f"Council\n\n{furniture}\n\nresolution 1980/67 of 25 July 1980,\n\n1. Decides to proclaim the Day.\n")
        expected = [("recalling", "its resolution 61/185 of 20 December 2006 and Economic and Social Council"),
                    ("recalling-2", "resolution 1980/67 of 25 July 1980,"), ("decides.1", "to proclaim the Day.")]
    else:
        text = ("RESOLUTION 136 (REV. GUADALAJARA, 2010)\n\nTelecommunications for humanitarian assistance\n\n"
                "The Plenipotentiary Conference of the International Telecommunication Union (Guadalajara, 2010),\n\n"
                "resolves\n\n1\tto continue the work, in line with Resolution 646 (Rev.WRC-12)\n\n"
                f"{furniture}\n\nand with Article 40 of the Constitution;\n\n2\tto report.\n")
        expected = [("resolves.1", "to continue the work, in line with Resolution 646 (Rev.WRC-12)"),
                    ("resolves.1-2", "and with Article 40 of the Constitution;"), ("resolves.2", "to report.")]
    document = _parse(text)
    assert [(c.id, c.text) for c in document.clauses] == expected
    assert furniture.split("\n")[-1].strip() in _remainder(document)


def test_security_council_resolutions_as_printed_until_the_1990s():
    """The Security Council's yearly volumes (and the UN's copies of each of their resolutions): the date under the
    number line ("of 22 November 1967"), the meeting that adopted it closing the text ("Adopted unanimously at the
    1382nd meeting.", or with its vote over several lines), the decisions of the Council printed between two
    resolutions."""
    text = ("Resolution 242 (1967)\nof 22 November 1967\n\nThe Security Council,\n\nExpressing its concern with the "
            "situation,\n\n1. Affirms that a just and lasting peace is required;\n\n2. Requests the Secretary-General "
            "to report to the Security Council.\n\nAdopted unanimously at the 1382nd meeting.\n\nDecisions\n\n"
            "At its 1383rd meeting, on 25 November 1967, the Council decided to invite the representative of a State."
            "\n\nResolution 243 (1967)\nof 12 December 1967\n\nThe Security Council,\n\nHaving examined the "
            "application of a State (S/8284),\n\nRecommends to the General Assembly that the applicant be admitted, in "
            "accordance with resolution 242 (1967).\n\nAdopted at the 1389th meeting by 10 votes to none,\nwith 5 "
            "abstentions (France, India,\nNigeria).\n")
    parts = split_documents(Source("sc1967.txt", text, "text"))
    assert [part.origin for part in parts] == ["sc1967.txt#res-242", "sc1967.txt#res-243"]
    first, second = (_parse(part.text, part.origin) for part in parts)
    assert [(d.header.number, d.header.date, d.header.edition, d.header.symbol, d.header.title) for d in (first, second)] == [
        ("242", "1967-11-22", "1967-11-22", "S/RES/242 (1967)", None),
        ("243", "1967-12-12", "1967-12-12", "S/RES/243 (1967)", None)]
    assert [(c.id, c.text) for c in first.clauses] == [
        ("expressing", "its concern with the situation,"), ("affirms.1", "that a just and lasting peace is required;"),
        ("requests.2", "the Secretary-General to report to the Security Council.")]
    assert [(c.id, c.text) for c in second.clauses][-1] == (
        "recommends", "to the General Assembly that the applicant be admitted, in accordance with resolution 242 (1967).")
    assert "Adopted unanimously" in _remainder(first) and "At its 1383rd meeting" in _remainder(first)
    assert "Nigeria)." in _remainder(second)
    assert [(c.text, c.work) for c in extract_citations(second)] == [
        ("S/8284", "un/S/8284"), ("resolution 242 (1967)", "un/S/RES/242(1967)")]


def test_general_assembly_resolutions_numbered_with_their_session():
    """The General Assembly's resolutions of its first thirty sessions, as its yearly volumes print them one after
    another: the number with the session in roman numerals ("2625 (XXV). Title"), the meeting and its date under
    the text, each with a comma or a full stop ("1883rd plenary meeting," / "24 October 1970.")."""
    text = ("2625 (XXV). Declaration on Principles of International Law concerning Friendly Relations\n\n"
            "The General Assembly,\n\nRecalling its resolutions 1815 (XVII) of 18 December 1962 and 2103 (XX),\n\n"
            "1. Approves the Declaration;\n\n2. Expresses its appreciation to the Special Committee.\n\n"
            "1883rd plenary meeting,\n24 October 1970.\n\n"
            "217 A (III). International Bill of Human Rights\n\nThe General Assembly,\n\nProclaims the Declaration, "
            "in line with resolution 2625 (XXV).\n\n183rd plenary meeting,\n10 December 1948.\n")
    parts = split_documents(Source("ga1970.txt", text, "text"))
    assert [part.origin for part in parts] == ["ga1970.txt#res-2625-XXV", "ga1970.txt#res-217-A-III"]
    first, second = (_parse(part.text, part.origin) for part in parts)
    assert [(d.header.number, d.header.symbol, d.header.date, d.header.body) for d in (first, second)] == [
        ("2625 (XXV)", "A/RES/2625(XXV)", "1970-10-24", "unga"), ("217 A (III)", "A/RES/217(III)", "1948-12-10", "unga")]
    assert first.header.title == "Declaration on Principles of International Law concerning Friendly Relations"
    assert [(c.id, c.text) for c in first.clauses] == [
        ("recalling", "its resolutions 1815 (XVII) of 18 December 1962 and 2103 (XX),"),
        ("approves.1", "the Declaration;"), ("expresses-its-appreciation.2", "to the Special Committee.")]
    assert [(c.text, c.work) for c in extract_citations(second)] == [("resolution 2625 (XXV)", "un/A/RES/2625(XXV)")]
    assert [c.work for c in extract_citations(first)] == ["un/A/RES/1815(XVII)", "un/A/RES/2103(XX)"]


def test_hrc_decision_is_a_decision_with_the_decision_symbol():
    """The Human Rights Council's decisions (the outcome of each universal periodic review: some forty a session)
    say what they are in their adoption line; their symbol, printed at the top, is then no citation of another."""
    text = ("United Nations                                                   A/HRC/DEC/52/101\n\nGeneral Assembly"
            "                                      Distr.: General\n\nHuman Rights Council\nFifty-second session\n\n"
            "Decision adopted by the Human Rights Council on 30 March 2023\n\n52/101. Outcome of the universal "
            "periodic review: Example State\n\nThe Human Rights Council,\n\nActing in compliance with its resolution "
            "5/1 of 18 June 2007,\n\nHaving conducted the review of Example State on 8 November 2022,\n\nDecides to "
            "adopt the outcome of the review (A/HRC/52/10).\n\n37th meeting\n30 March 2023\n\n"
            "[Adopted without a vote.]\n")
    document = _parse(text)
    header = document.header
    assert (header.kind, header.number, header.symbol, header.date) == (
        "decision", "52/101", "A/HRC/DEC/52/101", "2023-03-30")
    assert [s.verb for s in document.sections] == ["acting", "having conducted", "decides"]
    assert [(c.text, c.work) for c in extract_citations(document)] == [
        ("resolution 5/1", "un/A/HRC/RES/5/1"), ("A/HRC/52/10", "un/A/HRC/52/10")]


@pytest.mark.parametrize("marker", ["1", " 1", "1,2", "[^1]"], ids=["glued", "spaced", "two-notes", "markdown"])
def test_un_paragraph_ending_with_a_note_marker_ends_there(marker):
    """A UN text with no blank line between its paragraphs (its PDF's or Word file's text): a paragraph whose last
    punctuation carries the marker of a note ("... of the Secretary-General,1") ends there, and the next opens with
    its verb (it went on as the next paragraph's text, whose number made a section with no verb)."""
    text = ("Resolution adopted by the General Assembly on 22 December 2015\n70/229. Cooperation\n"
            "The General Assembly,\nRecalling its resolution 44/236 of 22 December 1989,\n"
            f"Taking note of the report of the Secretary-General,{marker}\n\t1.\tTakes note of the report;{marker}\n"
            "\t2.\tRequests the Secretary-General to report to it.\n")
    document = _parse(text)
    assert [(s.id, [c.label for c in s.clauses]) for s in document.sections] == [
        ("recalling", [""]), ("taking-note", [""]), ("takes-note", ["1"]), ("requests", ["2"])]


def test_security_council_verbs_of_chapter_vii_and_adverbs_after_the_verb():
    """A Security Council resolution's text with no blank line between its paragraphs: "Determining that ..." opens
    a preambular paragraph of its own (it went on as the text of the one before), "Regrets" an operative one, and a
    verb with its adverb after it ("Requests also", "Calls also upon") names its addressees as "Also requests" does."""
    text = ("Resolution 2719 (2023)\nAdopted by the Security Council at its 9518th meeting, on 21 December 2023\n"
            "The Security Council,\nRecalling its resolution 2033 (2012),\nDetermining that the situation continues "
            "to constitute a threat to international peace and security,\nActing under Chapter VII of the Charter of "
            "the United Nations,\n1. Requests also the Secretary-General to report;\n2. Calls also upon all Member "
            "States to cooperate;\n3. Regrets the lack of progress;\n4. Decides to remain seized of the matter.\n")
    document = _parse(text)
    assert [(s.verb, s.addressees, [c.label for c in s.clauses]) for s in document.sections] == [
        ("recalling", (), [""]), ("determining", (), [""]), ("acting", (), [""]),
        ("requests also", ("Secretary-General of the United Nations",), ["1"]), ("calls also upon", ("Member States",), ["2"]),
        ("regrets", (), ["3"]), ("decides", (), ["4"])]


def test_itu_labels_printed_with_a_full_stop():
    """A WTSA resolution as some copies print it: "a." for "a)" under each preambular heading; the clauses are
    labelled and their text begins after the label (it read "a. Resolution 133 ..." with no label)."""
    text = ("RESOLUTION 48 (Rev. Geneva, 2022)\n\nInternationalized (multilingual) domain names\n\n"
            "The World Telecommunication Standardization Assembly (Geneva, 2022),\n\nrecognizing\n\n"
            "a. Resolution 133 (Rev. Dubai, 2018) of the Plenipotentiary Conference;\n\n"
            "b. that the use of multilingual domain names is increasing,\n\nconsidering\n\n"
            "a. that Internet users should be able to use domain names in their own languages,\n\n"
            "resolves to instruct Study Group 16\n\n1. to continue studying internationalized domain names.\n")
    document = _parse(text)
    assert [(s.id, [(c.label, c.text[:12]) for c in s.clauses]) for s in document.sections] == [
        ("recognizing", [("a", "Resolution 1"), ("b", "that the use")]), ("considering", [("a", "that Interne")]),
        ("resolves-to-instruct", [("1", "to continue ")])]


def test_every_case_was_collected():
    assert (len(UN_PDF_TEXTS), len(HRC_ENDINGS), len(FINAL_ACTS_MARKS), len(COUNCIL_HEADINGS), len(UN_DATED),
            len(PAGE_BREAKS)) == (3, 2, 3, 3, 4, 11)


# A UN paragraph that names several addressees before its "to": each is one. Sentences of General Assembly and
# Security Council resolutions of ../shared/corpus (75/171, 75/130, 75/325, 75/239, S/RES/2227 (2015)), shortened;
# where the words before "to" are not a plain list of names (an aside that runs past a comma), only the first.
UN_ADDRESSEES = [
    (("Requests the Secretary-General and the United Nations High Commissioner for Human Rights to continue to "
     "provide the Working Group with all the assistance and support necessary"),
     ["Secretary-General of the United Nations", "Office of the United Nations High Commissioner for Human Rights"]),
    (("Encourages Member States, international organizations and other relevant stakeholders to work "
     "collaboratively at all levels"), ["Member States", "international organizations", "other relevant stakeholders"]),
    (("Invites the General Assembly and its Main Committees and the Economic and Social Council and its subsidiary "
     "bodies to consider ways to address those Sustainable Development Goals"),
     ["UN General Assembly", "Main Committees", "UN Economic and Social Council", "subsidiary bodies"]),
    (("Calls upon States and international organizations, including through bilateral, regional and global "
     "cooperation programmes, technical partnerships and fellowships, to continue to support capacity-building"),
     ["States", "international organizations"]),
    (("Calls upon all Member States, notably Sahel, West Africa and Maghreb States, as well as regional, bilateral "
     "and multilateral partners, to enhance their coordination"), ["Member States"]),
    (("Invites the Secretary-General, in cooperation with Member States, international financial institutions, donor "
     "agencies and intergovernmental organizations, to endeavour to expand the capacity-building activities"),
     ["Secretary-General of the United Nations"]),
]


@pytest.mark.parametrize(("paragraph", "addressees"), UN_ADDRESSEES, ids=[p[:40] for p, _ in UN_ADDRESSEES])
def test_un_paragraph_names_each_addressee(paragraph, addressees):
    document = _parse("Resolution adopted by the General Assembly on 16 December 2020\n\n75/999. Test\n\n"
                      f"The General Assembly,\n\nRecalling its resolution 74/1,\n\n1. {paragraph};\n")
    assert [list(section.addressees) for section in document.sections if section.kind == "operative"] == [addressees]


def test_every_addressee_row_was_collected():
    assert len(UN_ADDRESSEES) == 6


def test_letter_labels_with_a_full_stop():
    """ "a." / "b." (as a Word list or a web page prints the ITU's "a)"), with "i." under them, are clause labels; "e. g."
    is no label."""
    document = _parse("RESOLUTION 1372 (MODIFIED 2019)\nTest\nThe Council,\nconsidering\n"
                      "a. that the Council, at its 2019 session, adopted Resolution 1333 (modified 2019);\n"
                      "b. the work of the Council Working Group on languages, e. g. its reports;\n"
                      "i. first;\nii. second,\nresolves\n1. to act.\n")
    assert [(c.id, c.text) for c in document.clauses] == [
        ("considering.a", "that the Council, at its 2019 session, adopted Resolution 1333 (modified 2019);"),
        ("considering.b", "the work of the Council Working Group on languages, e. g. its reports;"),
        ("considering.b.i", "first;"), ("considering.b.ii", "second,"), ("resolves.1", "to act.")]
    assert [(c.clause, c.work) for c in extract_citations(document)] == [("considering.a", "itu/council/res/1333")]


def test_itu_annex_paragraphs_are_clauses():
    """An ITU annex's numbered paragraphs ("1 Introduction", "1.1 The group ...", lettered items under them) are its
    clauses, so a citation in an annex names the paragraph it stands in; a line of a paragraph that opens with a
    number ("2019.", "2 and 3 of ...") goes on with it. (The layout of the annexes of the Final Acts, words written
    for the test.)"""
    document = _parse(
        "RESOLUTION 900 (DUBAI, 2018)\nTest\nThe Plenipotentiary Conference (Dubai, 2018),\nconsidering\n"
        "a) that it holds,\nresolves\n1 to act.\n\nANNEX TO RESOLUTION 900 (DUBAI, 2018)\nGuidelines for the group\n"
        "1 Introduction\n1.1 The group applies Resolution 71 (Rev. Dubai, 2018) and Nos.\n2 and 3 of the Constitution;\n"
        "1.2 The second:\na) first item;\nb) second item.\n2 Working methods\n2.1 The group meets in\n2019 and 2020.\n")
    assert [(c.id, c.text) for c in document.clauses if c.id.startswith("annex")] == [
        ("annex.1", "Introduction"),
        ("annex.1.1", "The group applies Resolution 71 (Rev. Dubai, 2018) and Nos.\n2 and 3 of the Constitution;"),
        ("annex.1.2", "The second:"), ("annex.1.2.a", "first item;"), ("annex.1.2.b", "second item."),
        ("annex.2", "Working methods"), ("annex.2.1", "The group meets in\n2019 and 2020.")]
    assert [a.heading for a in document.annexes] == ["ANNEX TO RESOLUTION 900 (DUBAI, 2018)"]
    assert [(c.clause, c.work, c.pinpoint) for c in extract_citations(document)] == [
        ("annex.1.1", "itu/pp/res/71", None), ("annex.1.1", "itu/constitution", "No. 2"),
        ("annex.1.1", "itu/constitution", "No. 3")]


ONE_LINE = [
    # an ITU resolution whose extraction lost every line break (the layout of the Final Acts, words written for the test)
    pytest.param("RESOLUTION 900 (DUBAI, 2018) Test The Plenipotentiary Conference (Dubai, 2018), recalling Resolution "
                 "71 (Rev. Busan, 2014), considering a) that it holds; b) that No. 9.7 of the Radio Regulations applies, "
                 "instructs the Director of the Telecommunication Standardization Bureau 1 to act under Resolution 900 "
                 "(Dubai, 2018); 2 to report, resolves that it applies.",
                 ("900", "pp-18"),
                 [("recalling", (), ["recalling"]), ("considering", (), ["considering.a", "considering.b"]),
                  ("instructs", ("Director of the Telecommunication Standardization Bureau",), ["instructs.1", "instructs.2"]),
                  ("resolves", (), ["resolves"])],
                 [("recalling", "itu/pp/res/71"), ("considering.b", "itu/rr")], id="itu"),
    # a General Assembly resolution as a web page's text gives it on one line (the wording of 80/8, shortened)
    pytest.param("Resolution adopted by the General Assembly on 20 November 2025 80/8. Building a peaceful and better "
                 "world through sport and the Olympic ideal The General Assembly, Recalling its resolution 78/10 of 21 "
                 "November 2023, Welcoming the designation of 6 April as the International Day of Sport for Development "
                 "and Peace, 1. Urges Member States to observe the Olympic Truce; 2. Requests the Secretary-General and "
                 "the President of the General Assembly to promote the observance of the Olympic Truce.",
                 ("80/8", "2025-11-20"),
                 [("recalling", (), ["recalling"]), ("welcoming", (), ["welcoming"]),
                  ("urges", ("Member States",), ["urges.1"]),
                  ("requests", ("Secretary-General of the United Nations", "President of the General Assembly"),
                   ["requests.2"])],
                 [("recalling", "un/A/RES/78/10")], id="unga"),
]
    # a Security Council resolution's PDF text on one line: the first page's furniture before its number line, its
    # adoption line, its paragraphs numbered after a comma ("2423 (2018), 1. Authorizes": no third member of a list)
ONE_LINE.append(pytest.param(
    "United Nations S/RES/2998 (2019) Security Council Distr.: General 27 June 2019 Resolution 2998 (2019) Adopted "
    "by the Security Council at its 8999th meeting, on 27 June 2019 The Security Council, Recalling its resolution "
    "2423 (2018), 1. Authorizes MINUSMA to use all necessary means; 2. Decides to remain seized of the matter.",
    ("2998", "2019-06-27"),
    [("recalling", (), ["recalling"]), ("authorizes", ("MINUSMA",), ["authorizes.1"]), ("decides", (), ["decides.2"])],
    [("recalling", "un/S/RES/2423(2018)")], id="unsc"))
# the same texts with what a conversion put before them: a page's furniture before the heading, a line break
ONE_LINE += [
    pytest.param(prefix + ONE_LINE[which].values[0], *ONE_LINE[which].values[1:], id=f"{ONE_LINE[which].id}-{name}")
    for which, prefix, name in ((0, "- 2 - PP-18 ", "page-head"), (0, "Res. 900 ", "running-head"),
                                (0, "\n", "newline"), (0, "\n\n  ", "blank-lines"),
                                (1, "A/RES/80/8 ", "symbol"), (1, "\n", "newline"))]
# and the meeting that adopted it after the last paragraph (it was the last clause's text)
ONE_LINE.append(pytest.param(ONE_LINE[1].values[0] + " 50th plenary meeting 20 November 2025", *ONE_LINE[1].values[1:],
                             id="unga-meeting"))


@pytest.mark.parametrize(("text", "header", "sections", "cited"), ONE_LINE)
def test_a_text_on_one_line_has_its_header_and_sections(text, header, sections, cited):
    document = _parse(text)
    assert (document.header.number, document.header.edition) == header
    assert [(s.id, s.addressees, [c.id for c in s.clauses]) for s in document.sections] == sections
    assert all(c.text == text[c.start:c.end] and "\n" not in c.text for c in document.clauses)
    assert not any("meeting" in c.text for c in document.clauses)   # (the meeting under the text is no clause's)
    assert [(c.clause, c.work) for c in extract_citations(document)] == cited   # (not itself: its header is known)


def test_every_one_line_case_was_collected():
    assert len(ONE_LINE) == 10
