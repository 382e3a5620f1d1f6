"""The header of each ITU body's layout (texts written for the test): kind, number, adopting body and edition."""

from __future__ import annotations

import pytest

from kg.model import Source
from kg.parse import parse_document
from kg.resolve import extract_citations

BODY = "considering\na)\tthat tests need a text;\nresolves\n1\tto read it.\n"

HEADERS = [
    ("RESOLUTION 76 (REV.WRC-15)\nProtection of satellite networks\n"
     "The World Radiocommunication Conference (Geneva, 2015),\n", ("resolution", "76", "wrc", "wrc-15")),
    ("RESOLUTION ITU-R 1-8\nWorking methods of the Radiocommunication Assembly\n"
     "(1993-1995-1997-2000-2003-2007-2012-2015-2019)\nThe ITU Radiocommunication Assembly,\n",
     ("resolution", "1-8", "ra", "ra-19")),
    ("RESOLUTION 1372 (modified 2019)\nCouncil Working Group on Languages\nThe Council,\n",
     ("resolution", "1372", "council", "council-2019")),
    ("RESOLUTION 1333 (Rev. 2016)\nGuiding principles\nThe Council,\n", ("resolution", "1333", "council", "council-2016")),
    ("DECISION 482 (modified 2019)\nSatellite network filings\nThe Council,\n",
     ("decision", "482", "council", "council-2019")),
    ("RESOLUTION 1113 (1997, last modified 2001)\nA test\nThe Council,\n",
     ("resolution", "1113", "council", "council-2001")),
    ("RESOLUTION 1 (Rev. Buenos Aires, 2017)\nRules of procedure of ITU-D\n"
     "The World Telecommunication Development Conference (Buenos Aires, 2017),\n", ("resolution", "1", "wtdc", "wtdc-17")),
    ("RESOLUTION 2 (Rev. Hammamet, 2016)\nStudy group responsibility\n"
     "The World Telecommunication Standardization Assembly (Hammamet, 2016),\n", ("resolution", "2", "wtsa", "wtsa-16")),
    ("RESOLUTION 71 (Rev. Dubai, 2018)\nStrategic plan\nThe Plenipotentiary Conference of the International "
     "Telecommunication Union (Dubai, 2018),\n", ("resolution", "71", "pp", "pp-18")),
]


@pytest.mark.parametrize(("header", "expected"), HEADERS, ids=[h.split("\n")[0] for h, _ in HEADERS])
def test_header_of_each_body(header, expected):
    document = parse_document(Source("t.txt", header + BODY, "text"))
    found = document.header
    assert (found.kind, found.number, found.body, found.edition) == expected
    assert [c.work for c in extract_citations(document)] == [], "the header's own number is no citation"


def test_every_header_row_was_collected():
    assert len(HEADERS) == 9
