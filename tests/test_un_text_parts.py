"""UN text (as extracted from the PDFs) with an omnibus resolution's roman-numbered parts and annexed declarations.

Texts written for the tests in the layout of ../shared/corpus/un-ga-80-pdftext: Markdown front matter, the UN's
header, paragraphs with or without blank lines between them, footnotes as ``[^1]:`` at the end.
"""

from __future__ import annotations

import pytest
from conftest import corpus_files
from support import assert_covers_exactly_once

from kg.parse import parse_document
from kg.readers import read

FRONT = """---
symbol: A/RES/75/253 B
title: Special subjects relating to the programme budget for 2021
date: 2021-04-16
---

United Nations

General Assembly Distr.: General 19 April 2021

Resolution adopted by the General Assembly on 16 April 2021

[on the report of the Fifth Committee (A/75/682/Add.1, para. 6)]

75/253. Special subjects relating to the programme budget for 2021

The General Assembly,

"""

OMNIBUS = FRONT + """I
Revised estimates resulting from resolutions and decisions adopted by the Human Rights Council

Having considered the report of the Secretary-General,1 and the related report of the Advisory Committee,2

1. Takes note of the report of the Secretary-General;

2. Endorses the conclusions and recommendations contained in the report of the Advisory Committee;

II
Conditions of service and compensation for officials other than Secretariat officials

Recalling its resolutions 37/240 of 21 December 1982 and 40/257 A to C of 18 December 1985,

Recalling also Article 32 of the Statute of the International Court of Justice,

1. Takes note of the report of the Secretary-General;3

2. Requests the Secretary-General to report thereon at its seventy-seventh session;

III. Financial performance report for the period from 1 July 2019 to 30 June 2020

Recalling its resolutions 72/266 A of 24 December 2017 and 73/307 of 28 June 2019,

1. Decides to maintain the three-year cycle for the review;

49th plenary meeting 16 April 2021

[^1]: A/75/588/Add.2.

[^2]: A/75/7/Add.38.

[^3]: A/74/354.
"""

# the same parts as PDF text often comes: no blank line between paragraphs
OMNIBUS_TIGHT = FRONT + """II
Conditions of service and compensation for officials other than Secretariat officials
Recalling its resolutions 37/240 of 21 December 1982,
1. Takes note of the report of the Secretary-General;
2. Decides to maintain the three-year cycle;
III
Special Tribunal for Lebanon
Recalling its resolution 74/263,
1. Appropriates an amount of 15,503,355 dollars;
2. The Secretary-General shall be authorized to transfer credits;
IV
Income estimates for 2021
1. Estimates of income other than assessments on Member States are approved;
"""

DECLARATION = FRONT.replace("75/253. Special subjects relating to the programme budget for 2021",
                            "75/284. Political Declaration on HIV and AIDS") + """\
1. Adopts the Political Declaration on HIV and AIDS annexed to the present resolution.

74th plenary meeting 8 June 2021

Annex

Political Declaration on HIV and AIDS: Ending Inequalities and Getting on Track to End AIDS by 2030

1. In order to get the world on track to end AIDS as a public health threat by 2030, we, Heads of State and
Government and representatives of States and Governments assembled at the United Nations:

(a) Regret that over 75 million people have become infected with HIV;

(b) Commit to urgent and transformative action to end inequalities;

To this end we:

2. Reaffirm the 2030 Agenda for Sustainable Development,1 including Sustainable Development Goal 3;

3. Reaffirm the Universal Declaration of Human Rights2 and commit to respect it;

The end of AIDS is within reach, but urgent action is needed

4. Express deep concern that the global AIDS epidemic continues to affect every region;

[^1]: Resolution 70/1.

[^2]: Resolution 217 A (III).
"""

# as in A/RES/80/3: the annex's own parts by roman numeral, and the PDF's text glued a title to a number
DECLARATION_PARTS = DECLARATION.split("Annex\n", 1)[0] + """Annex

Awaza Political Declaration

1. We, the Heads of State and Government, met in Awaza, Turkmenistan, from 5 to 8 August 2025.

2. We welcome the Awaza Programme of Action.

I.
Global context and shared commitments 3. We gather at a critical juncture marked by overlapping global challenges.
4. We stress the specific needs of landlocked developing countries.

II. Implementation of the Awaza Programme of Action 5. We strongly commit ourselves to its full implementation.

Partnerships and support mechanisms 6. We invite the development partners to support it.
"""

LIST_ANNEX = DECLARATION.split("Annex\n", 1)[0] + """Annex

Members of the Committee on Conferences

Afghanistan
Albania
Algeria
"""

CASES = {
    "omnibus parts, blank lines": (OMNIBUS, [
        ("i-having-considered", "preambular", "I", [""]),
        ("i-takes-note", "operative", "I", ["1"]),
        ("i-endorses", "operative", "I", ["2"]),
        ("ii-recalling", "preambular", "II", [""]),
        ("ii-recalling-also", "preambular", "II", [""]),
        ("ii-takes-note", "operative", "II", ["1"]),
        ("ii-requests", "operative", "II", ["2"]),
        ("iii-recalling", "preambular", "III", [""]),
        ("iii-decides", "operative", "III", ["1"])],
        {"1": "i-having-considered", "2": "i-having-considered", "3": "ii-takes-note.1"}, []),
    "omnibus parts, no blank lines": (OMNIBUS_TIGHT, [
        ("ii-recalling", "preambular", "II", [""]),
        ("ii-takes-note", "operative", "II", ["1"]),
        ("ii-decides", "operative", "II", ["2"]),
        ("iii-recalling", "preambular", "III", [""]),
        ("iii-appropriates", "operative", "III", ["1", "2"]),
        ("iv", "operative", "IV", ["1"])], {}, []),
    "annexed declaration": (DECLARATION, [
        ("adopts", "operative", "", ["1"]),
        ("annex", "operative", "annex", ["1", "1.a", "1.b", "2", "3", "4"])],
        {"1": "annex.2", "2": "annex.3"},
        ["Annex"]),
    "annexed declaration with parts and glued numbers": (DECLARATION_PARTS, [
        ("adopts", "operative", "", ["1"]),
        ("annex", "operative", "annex", ["1", "2", "3", "4", "5", "6"])], {}, ["Annex"]),
    "annex that is a list": (LIST_ANNEX, [
        ("adopts", "operative", "", ["1"])], {}, ["Annex"]),
}


def _parse(tmp_path, text):
    path = tmp_path / "r.md"
    path.write_text(text, encoding="utf-8")
    (source,) = read(path)
    return parse_document(source)


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_un_text_parts_and_annexes(tmp_path, case):
    text, expected_sections, expected_notes, expected_annexes = CASES[case]
    document = _parse(tmp_path, text)
    assert [(s.id, s.kind, s.part, [c.label for c in s.clauses]) for s in document.sections] == expected_sections
    assert {f.marker: f.clause for f in document.footnotes} == expected_notes
    assert [a.heading for a in document.annexes] == expected_annexes
    assert_covers_exactly_once(document)


def test_the_cases_were_found():
    assert len(CASES) >= 5


def test_a_part_title_and_an_annex_heading_are_not_clause_text(tmp_path):
    document = _parse(tmp_path, OMNIBUS)
    texts = [c.text for c in document.clauses]
    assert not any("Conditions of service" in t or "Financial performance report" in t for t in texts)
    assert texts[-1] == "to maintain the three-year cycle for the review;"
    declaration = _parse(tmp_path, DECLARATION_PARTS)
    annex = [c.text for s in declaration.sections if s.part == "annex" for c in s.clauses]
    assert annex[2] == "We gather at a critical juncture marked by overlapping global challenges."
    assert annex[4] == "We strongly commit ourselves to its full implementation."
    assert not any("Global context" in t or "Partnerships and support" in t for t in annex)
    listed = _parse(tmp_path, LIST_ANNEX)
    (annex_block,) = listed.annexes
    assert listed.source.text[annex_block.start:annex_block.end].endswith("Algeria")


def test_the_real_annexed_declarations_have_their_paragraphs_as_clauses():
    """A/RES/80/3 and 80/5 annex political declarations: their numbered paragraphs, and the footnotes anchored in
    them, belong to the annex (the PDF's text lost a few numbers where it ran two paragraphs together)."""
    files = [p for p in corpus_files("un-ga-80-pdftext") if p.name in ("A_RES_80_3.md", "A_RES_80_5.md")]
    assert len(files) == 2
    for path in files:
        (source,) = read(path)
        document = parse_document(source)
        annex = [c for s in document.sections if s.part == "annex" for c in s.clauses]
        numbers = [int(c.label) for c in annex if c.label.isdigit()]
        assert numbers[0] == 1 and numbers == sorted(numbers) and len(numbers) >= 20, path.name
        attached = [f for f in document.footnotes if f.clause and f.clause.startswith("annex")]
        assert len(attached) >= len(document.footnotes) - 2, path.name
        assert_covers_exactly_once(document)
