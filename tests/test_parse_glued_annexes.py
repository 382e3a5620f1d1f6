"""Annexes and the Final Acts' parts that the PP-18 conversion ran into the last operative paragraph.

The converted PP-18 Final Acts (../shared/corpus/SOURCES.md) glue "ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018) TABLE 1
..." into Decision 5's last "invites Member States" paragraph and cut the budget tables after it into paragraphs
numbered "0"; Resolution 71's strategic plan comes out as paragraphs numbered "1" ... "9", "1" ...; the declarations
after "489 PART VI - SIGNATORIES" as numbered paragraphs of Recommendation 7's "instructs the Secretary-General".
None of that is a clause of the section it was glued into, nor a mandate of its addressees.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import corpus_files
from support import assert_covers_exactly_once

from kg.parse import parse_document
from kg.readers import read

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def _decision(body: str) -> str:
    """A PP-18 decision in the converted file's markup, with ``body`` in its mainBody."""
    return (f'<akomaNtoso xmlns="{NS}"><statement name="decision"><meta><identification source="#itu"><FRBRWork>'
            '<FRBRthis value="/akn/un/statement/deliberation/itu-pp/2018-11-15/dec-5/!main"/>'
            '<FRBRdate date="2018-11-15" name="adoption"/><FRBRauthor href="#itu-pp"/>'
            '<FRBRnumber value="dec-5" showAs="DECISION 5 (REV. DUBAI, 2018)"/></FRBRWork></identification></meta>'
            "<preface><longTitle><p><docType>DECISION</docType><docNumber>5 (REV. DUBAI, 2018)</docNumber></p>"
            '</longTitle><container name="title"><p>Revenue and expenses for the Union for the period 2020-2023</p>'
            '</container></preface><preamble><formula name="enactingFormula"><p>The Plenipotentiary Conference of '
            "the International Telecommunication Union (Dubai, 2018),</p></formula><recitals><intro><p><i>considering"
            "</i></p></intro><recital><num>a)</num><p>Resolution 91 (Rev. Guadalajara, 2010) of the Plenipotentiary "
            f"Conference, on general principles for cost recovery,</p></recital></recitals></preamble><mainBody>{body}"
            "</mainBody></statement></akomaNtoso>")


def _section(heading: str, *paragraphs: tuple[str, str]) -> str:
    return (f"<hcontainer><heading><i>{heading}</i></heading>"
            + "".join(f"<paragraph>{f'<num>{num}</num>' if num else ''}<content><p>{text}</p></content></paragraph>"
                      for num, text in paragraphs) + "</hcontainer>")


# Decision 5's last section, as the conversion left it (its wording, shortened)
BUDGET = _section(
    "invites Member States",
    ("", ("to announce their provisional class of contribution for the period 2024-2027 before the end of the calendar "
         "year 2021. ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018) TABLE 1 Financial plan of the Union for 2020-2023: "
         "Revenue and expenses a b a+b Draft budget")),
    ("0", "0"),
    ("0", "F. Savings from budget implementation 4,263 1,832 6,095 G. Funding gap"),
    ("0", "0"),
    ("0", "TOTAL REVENUE 331,341 328,910 660,251 Planned expenses General Secretariat 183,223 182,921 366,144"),
    ("0", "0"),
    ("0", ("Estimates 2022-2023 ANNEX 2 TO DECISION 5 (REV. DUBAI, 2018) Measures for improving ITU's efficiency "
          "and reducing its expenses")),
)


def _parsed(tmp_path, xml: str):
    path = tmp_path / "pp18.xml"
    path.write_text(xml, encoding="utf-8")
    (source,) = read(path)
    document = parse_document(source)
    assert_covers_exactly_once(document)
    return document


def test_a_budget_table_glued_into_the_last_paragraph_is_its_annex_and_no_mandate(tmp_path):
    document = _parsed(tmp_path, _decision(_section("invites the ITU Council", ("", ("to fix the preliminary amount "
                                                    "of the contributory unit at its 2021 ordinary session,")))
                                           + BUDGET))
    invites = document.sections[-1]
    assert invites.addressees == ("Member States",)
    assert [(c.label, c.text) for c in invites.clauses] == [
        ("", ("to announce their provisional class of contribution for the period 2024-2027 before the end of the "
             "calendar year 2021."))]
    assert [annex.heading[:40] for annex in document.annexes] == ["ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)",
                                                                "ANNEX 2 TO DECISION 5 (REV. DUBAI, 2018)"]
    text = document.source.text
    assert "TOTAL REVENUE 331,341" in text[document.annexes[0].start:document.annexes[0].end]
    assert "Measures for improving" in text[document.annexes[1].start:document.annexes[1].end]
    assert not any(section.part == "annex" for section in document.sections)   # (the table opens no clause)
    assert [c.label for s in document.sections for c in s.clauses] == ["a", "", ""]


def test_an_annex_named_in_lower_case_in_a_clause_is_a_reference_not_a_heading(tmp_path):
    clause = "to adopt the strategic plan contained in Annex 1 to this resolution."
    document = _parsed(tmp_path, _decision(_section("resolves", ("", clause), ("1", "to report annually;"))))
    assert [(c.label, c.text) for c in document.sections[-1].clauses] == [("", clause), ("1", "to report annually;")]
    assert document.annexes == ()


def test_the_final_acts_part_after_the_last_paragraph_is_no_clause(tmp_path):
    """Recommendation 7's last paragraph, and the declarations after the Final Acts' part heading glued to it."""
    document = _parsed(tmp_path, _decision(_section(
        "instructs the Secretary-General",
        ("2", ("to make appropriate administrative arrangements to keep Member States informed in this regard. 489 "
              "PART VI - SIGNATORIES The undersigned plenipotentiaries have signed the original of the Final Acts")),
        ("1", "Original: English For Georgia: At the ITU Plenipotentiary Conference the delegation"),
        ("1", "The Government of Georgia is deprived of the possibility to exercise"))))
    assert [(c.label, c.text) for c in document.sections[-1].clauses] == [
        ("2", "to make appropriate administrative arrangements to keep Member States informed in this regard.")]
    assert document.annexes == ()
    text = document.source.text
    assert any("PART VI - SIGNATORIES" in text[r.start:r.end] and "Government of Georgia" in text[r.start:r.end]
               for r in document.remainder)


PP18 = "pp18_final_acts_akn.xml"


@pytest.fixture(scope="module")
def pp18():
    paths = [path for path in corpus_files("itu-pp18") if path.name == PP18]
    assert paths, f"{PP18} not in the shared corpus"
    return {source.origin.rsplit("#", 1)[1]: parse_document(source) for source in read(paths[0])}


def test_no_pp18_clause_label_is_a_chain_or_a_table_cell(pp18):
    """No label of 0, no path of more than three levels: the deepest the Final Acts print is "4.1.a"-like."""
    assert len(pp18) == 64
    labels = Counter(c.label for document in pp18.values() for s in document.sections for c in s.clauses)
    assert sum(labels.values()) > 2000
    assert [label for label in labels if "0" in label.split(".") or label.count(".") > 2] == []


def test_pp18_decision_5_has_its_two_annexes_and_one_mandate_to_member_states(pp18):
    document = pp18["dec-5"]
    assert [a.heading[:40] for a in document.annexes] == ["ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)",
                                                        "ANNEX 2 TO DECISION 5 (REV. DUBAI, 2018)"]
    member_states = [s for s in document.sections if "Member States" in s.addressees]
    assert [[c.text[-41:] for c in s.clauses] for s in member_states] == [["before the end of the calendar year 2021."]]
    assert_covers_exactly_once(document)


@pytest.mark.parametrize(("number", "annexes", "last_clause_ends"), [
    ("res-25", ["ANNEX TO RESOLUTION 25 (REV. DUBAI, 2018)"], "regional activities through regional offices."),
    ("res-34", ["ANNEX TO RESOLUTION 34 (REV. DUBAI, 2018)"], "to update the annex to this resolution as needed."),
    ("res-71", ["ANNEX 1 TO RESOLUTION 71 (REV. DUBAI, 2018)", "ANNEX 2 TO RESOLUTION 71 (REV. DUBAI, 2018)",
                "ANNEX 3 TO RESOLUTION 71 (REV. DUBAI, 2018)"],
     "their relevant Sectors and the corresponding advisory groups."),
    ("res-208", ["ANNEX 1 TO RESOLUTION 208 (DUBAI, 2018)", "ANNEX 2 TO RESOLUTION 208 (DUBAI, 2018)",
                 "ANNEX 3 TO RESOLUTION 208 (DUBAI, 2018)"], "study groups and other groups."),
    ("rec-7", [], "to keep Member States informed in this regard."),
])
def test_pp18_annexes_glued_into_a_paragraph_end_its_section(pp18, number, annexes, last_clause_ends):
    document = pp18[number]
    assert [a.heading[:len(t)] for a, t in zip(document.annexes, annexes, strict=False)] == annexes
    assert len(document.annexes) == len(annexes)
    assert document.sections[-1].clauses[-1].text.endswith(last_clause_ends)
    assert_covers_exactly_once(document)
