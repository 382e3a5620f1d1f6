"""ITU editions printed apart from the number, and the Radio Regulations in a WRC or RA text: one row per family
of sentences, each placed in a small resolution of the citing body written by the test."""

from __future__ import annotations

import pytest

from kg.model import Source
from kg.parse import parse_document
from kg.resolve import extract_citations

HEADERS = {
    "pp": "RESOLUTION 900 (DUBAI, 2018)\nTest\nThe Plenipotentiary Conference (Dubai, 2018),",
    "council": "RESOLUTION 9000 (C20)\nTest\nThe Council,",
    "wtdc": "RESOLUTION 900 (KIGALI, 2022)\nTest\nThe World Telecommunication Development Conference (Kigali, 2022),",
    # the Radio Regulations' layout: the heading alone
    "wrc": "RESOLUTION 900 (REV.WRC-19)\nTest",
    "ra": "RESOLUTION ITU-R 900\nTest\n(2015-2019)",
    "unga": "99/1. Test\nThe General Assembly,",
}


def cite(body: str, snippet: str) -> list[tuple[str | None, str | None, str | None]]:
    if body == "unga":
        text = f"{HEADERS[body]}\n\nRecalling {snippet},\n\n1. Decides to act.\n"
    else:
        text = f"{HEADERS[body]}\nconsidering\na)\t{snippet};\nresolves\nto act.\n"
    document = parse_document(Source(f"{body}.txt", text, "text"))
    return [(c.work, c.edition, c.pinpoint) for c in extract_citations(document)]


ROWS = [
    # a change mark with no place or year: the text as the citing body modifies it at the citing session
    ("council", "Resolution 1291 (MOD) and Decision 5 (Mod.)",
     [("itu/council/res/1291", "council-2020", None), ("itu/council/dec/5", "council-2020", None)]),
    ("pp", "Resolution 58 (Rev.)", [("itu/pp/res/58", "pp-18", None)]),
    # an appendix a WRC revised is the Radio Regulations' wherever it is cited
    ("pp", "Appendices 30 and 30A (Rev.WRC-19)", [("itu/rr", "wrc-19", "Appendix 30"), ("itu/rr", "wrc-19", "Appendix 30A")]),
    # a Council session printed after the number
    ("pp", "Council Resolution 1305, adopted at its 2009 session", [("itu/council/res/1305", "council-2009", None)]),
    ("pp", "Council Resolution 1305 (adopted at its 2009 session)", [("itu/council/res/1305", "council-2009", None)]),
    ("pp", "Resolution 1305 adopted by the Council at its 2009 session", [("itu/council/res/1305", "council-2009", None)]),
    ("pp", "Resolution 1305 of the Council, as last modified at its 2019 session",
     [("itu/council/res/1305", "council-2019", None)]),
    ("pp", "Council Resolution 1305 (2009), as last modified by the Council at its 2019 session",
     [("itu/council/res/1305", "council-2019", None)]),
    ("council", "Resolution 1305, adopted at its 2009 session", [("itu/council/res/1305", "council-2009", None)]),
    ("council", "Decision 588 adopted by the Council at its 2015 session", [("itu/council/dec/588", "council-2015", None)]),
    ("pp", "that the Council, at its 2019 session, adopted Resolution 1305", [("itu/council/res/1305", "council-2019", None)]),
    ("pp", "that the Council adopted at its 2015 session Decision 584", [("itu/council/dec/584", "council-2015", None)]),
    # a conference named with its year, or with its place and year, after the number
    ("pp", "Resolution 71 of the 2014 Plenipotentiary Conference", [("itu/pp/res/71", "pp-14", None)]),
    ("pp", "Resolution 71 adopted by the Plenipotentiary Conference (Busan, 2014)", [("itu/pp/res/71", "pp-14", None)]),
    ("pp", "Resolution 71, as revised by the Plenipotentiary Conference (Busan, 2014)",
     [("itu/pp/res/71", "pp-14", None)]),
    ("pp", "Resolution 37 adopted at WTDC-17", [("itu/wtdc/res/37", "wtdc-17", None)]),
    ("wtdc", "Resolutions 1 and 2 as revised by the World Telecommunication Standardization Assembly (Hammamet, 2016)",
     [("itu/wtsa/res/1", "wtsa-16", None), ("itu/wtsa/res/2", "wtsa-16", None)]),
    ("pp", "Resolution 8 as amended by the 2019 World Radiocommunication Conference", [("itu/wrc/res/8", "wrc-19", None)]),
    # a named instrument's edition after it
    ("pp", "the Radio Regulations as revised by the 2023 World Radiocommunication Conference",
     [("itu/rr", "wrc-23", None)]),
    ("pp", "the Radio Regulations, as amended by WRC-19", [("itu/rr", "wrc-19", None)]),
    ("pp", "the Radio Regulations (RR) as revised by WRC-19", [("itu/rr", "wrc-19", None)]),
    ("pp", "the Radio Regulations (as revised by WRC-15)", [("itu/rr", "wrc-15", None)]),
    ("pp", "No. 9.21 of the Radio Regulations as revised by WRC-15", [("itu/rr", "wrc-15", "No. 9.21")]),
    ("pp", "the Radio Regulations as revised by the World Radiocommunication Conference (Sharm el-Sheikh, 2019)",
     [("itu/rr", "wrc-19", None)]),
    ("pp", "the ITU Constitution as amended by the Plenipotentiary Conference (Busan, 2014)",
     [("itu/constitution", "pp-14", None)]),
    ("pp", ("the International Telecommunication Regulations as revised by the World Conference on International "
           "Telecommunications (Dubai, 2012)"), [("itu/itr", "wcit-12", None)]),
    ("pp", ("the ITU Convention, as amended by the Plenipotentiary Conference (Kyoto, 1994), the Plenipotentiary "
           "Conference (Minneapolis, 1998) and the Plenipotentiary Conference (Marrakesh, 2002)"),
     [("itu/convention", "pp-02", None)]),
    ("pp", "the Radio Regulations", [("itu/rr", None, None)]),
    # in a WRC or RA text the bare provisions are the Radio Regulations'
    ("wrc", "No. 9.21 (see Nos. 5.415 and 5.2.1)",
     [("itu/rr", None, "No. 9.21"), ("itu/rr", None, "No. 5.415"), ("itu/rr", None, "No. 5.2.1")]),
    ("wrc", "Article 21, Table 21-4, and Appendices 30 and 30A (Rev.WRC-19)",
     [("itu/rr", None, "Article 21"), ("itu/rr", "wrc-19", "Appendix 30"), ("itu/rr", "wrc-19", "Appendix 30A")]),
    ("ra", "Article 5 of the Radio Regulations and No. 4.4", [("itu/rr", None, "Article 5"), ("itu/rr", None, "No. 4.4")]),
    ("wrc", "Resolution 80 (Rev.WRC-07) and Resolution 900 (WRC-15)",
     [("itu/wrc/res/80", "wrc-07", None), ("itu/wrc/res/900", "wrc-15", None)]),
    ("wrc", "Resolution 900 (REV.WRC-19) of this Conference", []),
    # a UN text's sessions are its own organs' (ECOSOC's are years)
    ("unga", "Economic and Social Council resolution 2019/3, adopted at its 2019 session",
     [("un/E/RES/2019/3", None, None)]),
]


@pytest.mark.parametrize(("body", "snippet", "expected"), ROWS, ids=[f"{b}: {s[:60]}" for b, s, _ in ROWS])
def test_edition_printed_apart(body, snippet, expected):
    assert cite(body, snippet) == expected


def test_every_row_was_collected():
    assert len(ROWS) == 34
