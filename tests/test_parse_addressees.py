"""Whom an operative paragraph addresses, and its verb: the wording of real UN and ITU paragraphs (short quotes).

A paragraph whose verb asks someone to act ("Requests", "Urges", "Calls upon", "Encourages", "Invites") names them
before its infinitive's "to", known to data/addressees.csv or not; one that welcomes, notes or recalls addresses no
one, whatever names it holds.
"""

from __future__ import annotations

import pytest
from conftest import corpus_files

from kg.model import Source
from kg.parse import parse_document
from kg.readers import read


def _operative(paragraph: str) -> list[tuple[str, tuple[str, ...]]]:
    """The verb and addressees of ``paragraph`` as the one operative paragraph of a General Assembly text."""
    text = f"99/1. A test\nThe General Assembly,\n\nRecalling its resolution 70/1,\n\n1. {paragraph}\n"
    document = parse_document(Source("ga.txt", text, "text"))
    return [(section.verb, section.addressees) for section in document.sections if section.kind == "operative"]


@pytest.mark.parametrize(("paragraph", "expected"), [
    # A/RES/75/101 B, 9
    (("Requests the Department of Global Communications to pay particular attention to the promotion of sustained "
     "economic growth;"), ("requests", ("Department of Global Communications",))),
    ("Calls upon the international community to give priority to addressing the impacts of natural disasters;",
     ("calls upon", ("international community",))),
    (("Requests MINUSTAH, working in coordination with the United Nations country team, to continue to implement "
     "quick-impact projects;"), ("requests", ("MINUSTAH",))),
    (("Urges the Government of Burundi and all stakeholders committed to a peaceful solution, both those who are in "
     "Burundi and those outside the country, to extend their full cooperation;"),
     ("urges", ("Government of Burundi", "stakeholders committed to a peaceful solution"))),
    (("Requests the Special Representative of the Secretary-General for Children and Armed Conflict to continue to "
     "include in her reports;"),
     ("requests", ("Special Representative of the Secretary-General for Children and Armed Conflict",))),
    # a known name ("States") that opens a longer one: the longer (its "to" was taken for the infinitive's)
    ("Calls upon the States Parties to the Convention to implement it fully;",
     ("calls upon", ("States Parties to the Convention",))),
    (("Calls upon all parties to armed conflict in the CAR, including former Seleka elements and anti\u2011Balaka "
     "elements, to issue clear orders;"), ("calls upon", ("parties to armed conflict in the CAR",))),
    ("Requests the Panel of Experts established pursuant to resolution 1533 (2004) to include in its reports;",
     ("requests", ("Panel of Experts",))),
    # (a name in an aside that singles it out among the names is addressed too: A/RES/75/101 B)
    (("Requests the Secretariat, in particular the Department of Global Communications, to contribute to the "
     "observance of international days;"), ("requests", ("Secretariat", "Department of Global Communications"))),
    # (S/RES/2286 (2016): "parties" was taken from "parties to armed conflict", the "to" of "to armed" for the
    # infinitive's)
    ("Strongly urges States and all parties to armed conflict to develop effective measures;",
     ("strongly urges", ("States", "parties to armed conflict"))),
    # (one name: "bodies" was a name of its own)
    ("Encourages States and competent international organizations and bodies to support the effective implementation;",
     ("encourages", ("States", "competent international organizations and bodies"))),
    (("Reiterates its request to the Department of Global Communications and content-providing offices of the "
     "Secretariat to ensure that United Nations publications are produced in all six official languages;"),
     ("reiterates", ("Department of Global Communications", "content-providing offices of the Secretariat"))),
    # (the hyphen of "non‑governmental", U+2011 in the AKN files, is a hyphen: the same name as "non-governmental")
    (("Invites all Member States, the United Nations system, regional and non\u2011governmental organizations and "
     "other relevant stakeholders to increase their understanding;"),
     ("invites", ("Member States", "United Nations system", "regional organizations", "non-governmental organizations",
                  "other relevant stakeholders"))),
    # no noun phrase that can name who acts: what is asked for, a clause
    (("Encourages continued collaboration between the Department of Global Communications and the United Nations "
     "Educational, Scientific and Cultural Organization to promote culture;"), ("encourages", ())),
    ("Calls for the appropriate international monitoring bodies to be granted access to detainees;", ("calls", ())),
    ("Requests that the Secretary-General report back to the Security Council on the implementation;",
     ("requests", ())),
    # a paragraph that recalls, welcomes or endorses addresses no one: not the Council whose resolution it cites, nor
    # the Secretary-General whose report or intention it welcomes (S/RES/2135 (2014), S/RES/2155 (2014))
    ("Recalls Security Council resolution 2026 (2011), and calls upon the two leaders to:", ("recalls", ())),
    (("Welcomes the Secretary-General\u2019s intention to undertake a joint review of the respective comparative "
     "advantages;"), ("welcomes", ())),
    (("Endorses the Secretary-General\u2019s recommendation in his letter dated 28 August 2014 (S/2014/644) to defer "
     "consideration;"), ("endorses", ())),
    # the verb is the first after the adverbs, a verb of several words whole
    ("Once again urges the administering Powers concerned to take effective measures;",
     ("urges", ("administering Powers concerned",))),
    ("Fully supports the Secretary-General\u2019s recommendations related to adjustments to the integrated approach;",
     ("supports", ())),
    ("Further reaffirms rule 153 of its rules of procedure;", ("reaffirms", ())),
    (("Looks forward to the convening of the fifteenth session of the United Nations Conference on Trade and "
     "Development;"), ("looks forward to", ())),
    ("Continues to encourage States to pay due attention to the Bangkok Rules;", ("continues to encourage", ("States",))),
], ids=["department", "lower-case-name", "acronym-then-aside", "government-and-stakeholders", "long-name",
        "states-parties-to-the-convention", "parties-to-armed-conflict", "established-pursuant-to", "in-particular", "states-and-parties",
        "organizations-and-bodies", "its-request", "non-breaking-hyphen", "collaboration-no-name", "calls-for",
        "that-clause",
        "recalls-a-resolution", "welcomes-a-possessive", "endorses-a-possessive", "once-again", "fully",
        "further", "looks-forward-to", "continues-to"])
def test_un_paragraph_verb_and_addressees(paragraph, expected):
    assert _operative(paragraph) == [expected]


def _parsed(folder: str, name: str) -> list:
    path = next((p for p in corpus_files(folder) if p.name == name), None)
    if path is None:
        pytest.skip(f"{name} is not in {folder}")
    return [parse_document(source) for source in read(path)]


def test_a_res_75_101_b_requests_of_the_department_of_global_communications():
    """A/RES/75/101 B asks the Department of Global Communications for something in some twenty paragraphs; 14 of
    them named it before (those with a clause of "and its network of ..." or an aside before the "to" none)."""
    editions = _parsed("un-ga-multipart", "75_101A-B_E.xml")
    part_b = [d for d in editions if d.source.origin.endswith("B")]
    assert len(part_b) == 1
    asked = [s for s in part_b[0].sections if "Department of Global Communications" in s.addressees]
    assert len(asked) >= 20
    assert {s.verb.split()[-1] for s in asked} <= {"requests", "urges", "encourages", "invites", "reiterates", "upon"}


def test_akn_verb_finished_in_the_clause_after_its_heading():
    """S/RES/2089 (2013) marks "Calls" alone as the verb, "on both sides to continue" as the text after it: the verb
    is "calls on", its addressees those after the "on"."""
    document = _parsed("un-sc", "S_RES_2089_1321640e.xml")[0]
    calls = [(s.verb, s.addressees) for s in document.sections if s.heading == "Calls"]
    assert calls and all(verb == "calls on" for verb, _ in calls)
    assert ("calls on", ("both sides",)) in calls
    assert ("calls on", ("Turkish Cypriot side", "Turkish forces")) in calls


def test_pp18_names_whole(pp18_path):
    """PP-18's headings: two Bureaux' Directors one each (Res. 204), a party to a convention named with it (Res.
    136, whose heading ends before its "to the Tampere Convention"), adjectives kept with their noun (Res. 135), no
    "thereof" (Res. 167)."""
    sections = {(source.origin.rsplit("#", 1)[-1], section.id): section.addressees
                for source in read(pp18_path) if source.origin.endswith(("#res-204", "#res-136", "#res-135", "#res-167"))
                for section in parse_document(source).sections}
    assert sections[("res-204", "instructs-3")] == ("Director of the Telecommunication Standardization Bureau",
                                                    "Director of the Telecommunication Development Bureau")
    assert sections[("res-136", "urges")] == ("Member States Parties to the Tampere Convention",)
    assert sections[("res-135", "invites")][:2] == ("regional and international financial organizations and agencies",
                                                    "equipment providers")
    assert sections[("res-167", "further-instructs")] == ("Director of the Telecommunication Development Bureau",)
