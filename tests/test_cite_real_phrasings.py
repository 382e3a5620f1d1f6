"""Citation phrasings met in real resolutions that were once resolved wrong, one row each: (body, paragraph, the
citations expected as (surface text, work key)).

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
}

ROWS = [
    # an emergency special session is the General Assembly's alone, whatever organ adopts the citing text
    ("hrc", "Recalling General Assembly resolution 217 A (III) and resolution ES-10/19 of 21 December 2017",
     [("General Assembly resolution 217 A (III)", "un/A/RES/217(III)"), ("resolution ES-10/19", "un/A/RES/ES-10/19")]),
    ("unga", "Recalling its resolution ES-11/1 of 2 March 2022",
     [("resolution ES-11/1", "un/A/RES/ES-11/1")]),
    # a session the Human Rights Council had not held when it adopted the citing text is the General Assembly's
    ("hrc", "Taking note of resolution 77/1 B of 7 December 2022 and recalling its resolution 49/4",
     [("resolution 77/1 B", "un/A/RES/77/1"), ("resolution 49/4", "un/A/HRC/RES/49/4")]),
    ("hrc", "Recalling its resolution S-30/1 and resolution 55/1",
     [("resolution S-30/1", "un/A/HRC/RES/S-30/1"), ("resolution 55/1", "un/A/HRC/RES/55/1")]),
    # (with no date, the Council's own is taken, as before)
    ("hrc-undated", "Recalling its resolution 70/2", [("resolution 70/2", "un/A/HRC/RES/70/2")]),
]


@pytest.mark.parametrize(("head", "paragraph", "expected"), ROWS, ids=[f"{h}-{i}" for i, (h, _, _) in enumerate(ROWS)])
def test_real_phrasing(head, paragraph, expected):
    text = f"{HEADS[head]}{paragraph},\n\n1. Decides to remain seized of the matter.\n"
    document = parse_document(Source("t.txt", text, "text"))
    assert [(c.text, c.work) for c in extract_citations(document) if c.clause] == expected


def test_every_row_was_collected():
    assert len(ROWS) == 5
