"""Typed citations: the CiTO function of each citation, from its clause's verb and the words before it
(data/verbs.toml), written on the graph and counted in metrics.json."""

from __future__ import annotations

import json

import pytest
from conftest import SEED

from kg.job import build_graph
from kg.model import Source
from kg.parse import parse_document
from kg.queries import load_query
from kg.rdf.functions import FUNCTIONS, citation_functions, load_functions
from kg.resolve import extract_citations
from kg.store import OxigraphStore

UN_HEAD = ("United Nations S/RES/2999 (2030)\nSecurity Council Distr.: General\n1 January 2030\n"
           "Resolution 2999 (2030)\nAdopted by the Security Council at its 9999th meeting, on 1 January 2030\n"
           "The Security Council,\n")
ITU_HEAD = "RESOLUTION 9 (Busan, 2014)\nA title\nThe Plenipotentiary Conference (Busan, 2014),\n"

# (id, text, function of each resolved citation in order)
CASES = [
    ("un-recalling", UN_HEAD + "Recalling its resolutions 1718 (2006) and 1874 (2009),\n"
     "1. Decides to remain seized of the matter.\n", ["citesForInformation", "citesForInformation"]),
    ("un-reaffirming", UN_HEAD + "Reaffirming its resolution 2231 (2015),\n1. Decides to remain seized.\n",
     ["confirms"]),
    ("un-welcoming", UN_HEAD + "Welcoming the report of the Secretary-General (S/2029/100),\n"
     "1. Decides to remain seized.\n", ["agreesWith"]),
    ("un-acting-under-chapter-vii", UN_HEAD + "Noting the situation,\n"
     "Acting under Chapter VII of the Charter of the United Nations,\n1. Decides to remain seized.\n",
     ["citesAsAuthority"]),
    ("un-pursuant-to-beats-decides", UN_HEAD + "Noting the situation,\n1. Decides, pursuant to paragraph 5 "
     "of resolution 2093 (2013), to extend the mandate;\n", ["citesAsAuthority"]),
    ("un-in-accordance-with", UN_HEAD + "Noting the situation,\n1. Requests the Secretary-General to act in "
     "accordance with resolution 1325 (2000);\n", ["citesAsAuthority"]),
    ("un-decides-tells-nothing", UN_HEAD + "Noting the situation,\n1. Decides to extend resolution 2093 "
     "(2013);\n", [None]),
    ("un-condemning-tells-nothing", UN_HEAD + "Condemning the attacks described in S/2029/7,\n"
     "1. Decides to remain seized.\n", [None]),
    ("un-condemns-violation-of", UN_HEAD + "Noting the situation,\n1. Condemns the launches in violation "
     "of resolution 1718 (2006);\n", ["citesAsAuthority"]),
    ("itu-recalling", ITU_HEAD + "recalling\na) Resolution 71 (Rev. Antalya, 2006) of the Plenipotentiary "
     "Conference;\nresolves\n1 to continue;\n", ["citesForInformation"]),
    ("itu-bearing-in-mind", ITU_HEAD + "bearing in mind\nResolution 71 (Rev. Antalya, 2006);\nresolves\n"
     "1 to continue;\n", ["citesForInformation"]),
    ("itu-noting-with-appreciation", ITU_HEAD + "noting with appreciation\nResolution 71 (Rev. Antalya, 2006);"
     "\nresolves\n1 to continue;\n", ["agreesWith"]),
    ("itu-resolves-tells-nothing", ITU_HEAD + "considering\na) the need;\nresolves\n1 to apply Resolution 2 "
     "(Rev. Antalya, 2006);\n", [None]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_verb_or_the_words_before_tell_the_function(text, expected):
    document = parse_document(Source("case.txt", text, "text"))
    citations = [c for c in extract_citations(document) if c.work]
    functions = dict(zip(map(id, citations), citation_functions(document, citations), strict=True))
    assert [functions[id(c)] for c in citations] == expected, [(c.text, c.clause) for c in citations]


def test_the_table_uses_only_the_five_functions():
    table = load_functions()
    assert {function for _, function in table.verbs} == set(FUNCTIONS)
    assert table.of_verb("recalling further") == "citesForInformation"
    assert table.of_verb("noting with appreciation") == "agreesWith"
    assert table.of_verb("decides") is None


def test_metrics_json_counts_what_the_query_counts(tmp_path):
    out = tmp_path / "out"
    build_graph([SEED], out, workers=1, progress=False)
    counted = json.loads((out / "metrics.json").read_text())["citation_functions"]
    query = load_query("citations-by-function")
    rows = OxigraphStore(out / "store", read_only=True).query(query.text)
    assert {str(row["function"]): int(row["citations"]) for row in rows} == counted
    # read from the seed: considering b) i)-vii) and noting a), b) recall for information, considering d) cites
    # the Tunis Agenda "in accordance with"; the recognizing clauses and resolves to request tell nothing
    assert counted == {"citesForInformation": 10, "citesAsAuthority": 1, "unknown": 5}
