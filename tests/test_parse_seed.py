"""The seed, WTSA Resolution 75 (Johannesburg, 2008), against an outline written by reading it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED
from support import assert_covers_exactly_once

from kg.parse import parse_document
from kg.readers import read

GOLDEN = json.loads((Path(__file__).parent / "golden/seed/wtsa-res-75-outline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed():
    (source,) = read(SEED)
    return parse_document(source)


@pytest.mark.parametrize("field", sorted(GOLDEN["header"]))
def test_header(seed, field):
    assert getattr(seed.header, field) == GOLDEN["header"][field]


def test_sections_in_order(seed):
    found = [{"heading": s.heading, "verb": s.verb, "kind": s.kind, "addressees": list(s.addressees),
              "labels": [c.label for c in s.clauses]} for s in seed.sections]
    assert found == GOLDEN["sections"]


@pytest.mark.parametrize("clause_id", sorted(GOLDEN["clause_openings"]))
def test_clause_text(seed, clause_id):
    clauses = {c.id: c for c in seed.clauses}
    assert clauses[clause_id].text.startswith(GOLDEN["clause_openings"][clause_id])


def test_foreword_is_not_a_clause(seed):
    for clause in seed.clauses:
        for words in GOLDEN["not_clause_text"]:
            assert words not in clause.text
    assert seed.header.span.start == seed.source.text.index("RESOLUTION 75")


def test_citation_pinpoint_is_not_a_label(seed):
    (clause,) = [c for c in seed.clauses if "§§ 35 a)-e)" in c.text]
    assert clause.id == "considering.d"
    assert not any(c.label.endswith(("e", "a")) and c.id.startswith("considering.d.") for c in seed.clauses)


def test_nothing_is_lost(seed):
    assert_covers_exactly_once(seed)
