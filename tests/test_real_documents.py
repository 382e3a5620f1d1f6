"""Whole documents of bodies the corpus holds no sample of, each in the layout its publication prints, that were
once read wrong: their identity (body, number, edition, date), their structure or their citations.

Every text here is written for the tests, in the layouts and wording of the real publications (none is copied).
"""

from __future__ import annotations

from support import assert_covers_exactly_once

from kg.model import Source
from kg.parse import parse_document
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
