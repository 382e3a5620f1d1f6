"""Citation phrasings met in real resolutions that were once resolved wrong, one row each: (body, paragraph, the
citations expected as (surface text, work key, pinpoint)).

Every paragraph is written for the test, in the layout and wording the body prints (none is copied).
"""

from __future__ import annotations

import pytest

from kg.model import Source
from kg.parse import parse_document
from kg.resolve import extract_citations

HEADS = {
    "hrc": "Resolution adopted by the Human Rights Council on 5 April 2024\n\n55/99. Test\n\nThe Human Rights Council,\n\n",
    "hrc-undated": "55/99. Test\n\nThe Human Rights Council,\n\n",
    "unga": "Resolution adopted by the General Assembly on 5 December 2023\n\n78/999. Test\n\nThe General Assembly,\n\n",
    "ecosoc": ("Resolution adopted by the Economic and Social Council on 8 June 2021\n\n2021/99. Test\n\n"
               "The Economic and Social Council,\n\n"),
    "pp": ("RESOLUTION 999 (BUCHAREST, 2022)\nTest\nThe Plenipotentiary Conference of the International "
           "Telecommunication Union (Bucharest, 2022),\nconsidering\n"),
}

ROWS = [
    # an emergency special session is the General Assembly's alone, whatever organ adopts the citing text
    ("hrc", "Recalling General Assembly resolution 217 A (III) and resolution ES-10/19 of 21 December 2017",
     [("General Assembly resolution 217 A (III)", "un/A/RES/217(III)", None),
      ("resolution ES-10/19", "un/A/RES/ES-10/19", None)]),
    ("unga", "Recalling its resolution ES-11/1 of 2 March 2022",
     [("resolution ES-11/1", "un/A/RES/ES-11/1", None)]),
    # a session the Human Rights Council had not held when it adopted the citing text is the General Assembly's
    ("hrc", "Taking note of resolution 77/1 B of 7 December 2022 and recalling its resolution 49/4",
     [("resolution 77/1 B", "un/A/RES/77/1", None), ("resolution 49/4", "un/A/HRC/RES/49/4", None)]),
    ("hrc", "Recalling its resolution S-30/1 and resolution 55/1",
     [("resolution S-30/1", "un/A/HRC/RES/S-30/1", None), ("resolution 55/1", "un/A/HRC/RES/55/1", None)]),
    # (with no date, the Council's own is taken, as before)
    ("hrc-undated", "Recalling its resolution 70/2", [("resolution 70/2", "un/A/HRC/RES/70/2", None)]),
    # the part of an ITU text that is cited, printed before it, is the pinpoint: a section and its label, an annex
    ("pp", "that resolves 2 of Resolution 58 (Rev. Busan, 2014) and recognizing e) of Resolution 4 (Dubai, 2018) apply",
     [("resolves 2 of Resolution 58 (Rev. Busan, 2014)", "itu/pp/res/58", "resolves 2"),
      ("recognizing e) of Resolution 4 (Dubai, 2018)", "itu/pp/res/4", "recognizing e)")]),
    ("pp", "that Annex 2 to Decision 5 (Rev. Dubai, 2018) and recommends 1 of Recommendation ITU-R M.1036-6 apply",
     [("Annex 2 to Decision 5 (Rev. Dubai, 2018)", "itu/pp/dec/5", "Annex 2"),
      ("recommends 1 of Recommendation ITU-R M.1036-6", "itu/r/rec/M.1036", "recommends 1")]),
    ("pp", "that considering a) and b) of Resolution 71 (Rev. Dubai, 2018), and the resolves of Resolution 70, apply",
     [("considering a) and b) of Resolution 71 (Rev. Dubai, 2018)", "itu/pp/res/71", "considering a) and b)"),
      ("Resolution 70", "itu/pp/res/70", None)]),
    # an S-NN special session is the General Assembly's or the Human Rights Council's: never the Economic and Social
    # Council's but where it says "its"; "Assembly" alone is the General Assembly in a UN text
    ("ecosoc", "Recalling General Assembly resolution S-26/2 of 27 June 2001 and resolution S-27/2 of 10 May 2002",
     [("General Assembly resolution S-26/2", "un/A/RES/S-26/2", None), ("resolution S-27/2", "un/A/RES/S-27/2", None)]),
    ("hrc", "Recalling Assembly resolution S-30/1 of 19 April 2016 and its resolution S-30/1 of 27 May 2021",
     [("Assembly resolution S-30/1", "un/A/RES/S-30/1", None), ("resolution S-30/1", "un/A/HRC/RES/S-30/1", None)]),
    # a statement of the President of the Human Rights Council, numbered as its resolutions are (A/HRC/PRST/9/2)
    ("hrc", "Recalling its resolutions 5/1 and 5/2 of 18 June 2007 and President's statement 9/2 of 24 September 2008",
     [("resolutions 5/1", "un/A/HRC/RES/5/1", None), ("5/2", "un/A/HRC/RES/5/2", None),
      ("President's statement 9/2", "un/A/HRC/PRST/9/2", None)]),
    ("unga", ("Taking note of Human Rights Council presidential statement PRST OS/13/1 and of the statement by the "
             "President of the Security Council of 20 May 2014 (S/PRST/2014/9)"),
     [("presidential statement PRST OS/13/1", "un/A/HRC/PRST/OS/13/1", None),
      ("S/PRST/2014/9", "un/S/PRST/2014/9", None)]),
    # a UN text that cites the ITU: "ITU Council" is the ITU's ("Council resolution 1332" alone would be the Security
    # Council's), and the Geneva Declaration of Principles of the WSIS is cited by name (not any declaration of
    # principles)
    ("unga", ("Taking note of ITU Council Resolution 1332 (modified 2019), recalling the Geneva Declaration of "
              "Principles and the Declaration of Principles on Tolerance"),
     [("ITU Council Resolution 1332 (modified 2019)", "itu/council/res/1332", None),
      ("Geneva Declaration of Principles", "wsis/geneva-declaration", None)]),
    # a list that ends a sentence keeps its last member (only a paragraph's number and verb, "1. Decides", ends one)
    ("pp", "that it recalls Resolutions 70, 71. The Conference notes Resolutions 101, 102. Member States act",
     [("Resolutions 70", "itu/pp/res/70", None), ("71", "itu/pp/res/71", None),
      ("Resolutions 101", "itu/pp/res/101", None), ("102", "itu/pp/res/102", None)]),
    # ITU provisions: a range of Radio Regulations numbers is one pinpoint (the numbers between, 9.12A ..., cannot
    # be counted), a short range of articles each article; an article with its number in brackets is one provision
    ("pp", "that Nos. 9.12 to 9.14 of the Radio Regulations and Articles 5 to 7 of the Convention apply",
     [("Nos. 9.12 to 9.14 of the Radio Regulations", "itu/rr", "No. 9.12-9.14"),
      ("Articles 5 to 7", "itu/convention", "Article 5"), ("5 to 7", "itu/convention", "Article 6"),
      ("5 to 7 of the Convention", "itu/convention", "Article 7")]),
    ("pp", "that Article 44 (No. 196) of the Constitution and Appendices 30 and 30A (Rev.WRC-19) apply",
     [("Article 44 (No. 196) of the Constitution", "itu/constitution", "Article 44 (No. 196)"),
      ("Appendices 30", "itu/rr", "Appendix 30"), ("30A (Rev.WRC-19)", "itu/rr", "Appendix 30A")]),
    # the WTDC's Recommendations are numbered after their Sector ("Recommendation ITU-D 19"), as the Radiocommunication
    # Assembly's resolutions are ("Resolution ITU-R 9"); a list's Sector is its members'
    ("pp", "that Recommendation ITU-D 19 (Rev. Kigali, 2022) and Recommendations ITU-D 22 and 23 apply",
     [("Recommendation ITU-D 19 (Rev. Kigali, 2022)", "itu/wtdc/rec/19", None),
      ("Recommendations ITU-D 22", "itu/wtdc/rec/22", None), ("23", "itu/wtdc/rec/23", None)]),
    # an article of an appendix of the Radio Regulations is one provision, the appendix's ("Article 6" of the
    # Regulations themselves was cited beside the appendix)
    ("pp", ("that Article 6 of Appendix 30B to the Radio Regulations and Articles 6 and 7 of Appendix 30 (Rev.WRC-19) "
            "apply"),
     [("Article 6 of Appendix 30B to the Radio Regulations", "itu/rr", "Appendix 30B, Article 6"),
      ("Articles 6", "itu/rr", "Appendix 30, Article 6"),
      ("7 of Appendix 30 (Rev.WRC-19)", "itu/rr", "Appendix 30, Article 7")]),
    ("pp", "that Resolutions ITU-R 9-6 and 22 apply",
     [("Resolutions ITU-R 9-6", "itu/ra/res/9", None), ("22", "itu/ra/res/22", None)]),
]


@pytest.mark.parametrize(("head", "paragraph", "expected"), ROWS, ids=[f"{h}-{i}" for i, (h, _, _) in enumerate(ROWS)])
def test_real_phrasing(head, paragraph, expected):
    text = f"{HEADS[head]}{paragraph},\n\n1. Decides to remain seized of the matter.\n"
    if head == "pp":
        text = f"{HEADS[head]}{paragraph};\nresolves\n1 to act.\n"
    document = parse_document(Source("t.txt", text, "text"))
    assert [(c.text, c.work, c.pinpoint) for c in extract_citations(document) if c.clause] == expected


def test_every_row_was_collected():
    assert len(ROWS) == 19
