"""Properties: parsing never raises on any text, and never loses or doubles a character."""

from __future__ import annotations

from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import assert_covers_exactly_once, assert_ids_unique

from kg.model import Source
from kg.parse import parse_document

FRAGMENTS = [
    "RESOLUTION 12 (Rev. Dubai, 2018)", "Resolution 5", "80/10. A title", "(Kyoto, 1994; Rev. Busan, 2014)",
    "The Plenipotentiary Conference (Busan, 2014),", "The General Assembly,", "The Security Council",
    "considering", "considering further", "resolves to request the Council", "instructs the Director of TSB",
    "invites Member States and Sector Members", "Recalling its resolution 70/1,", "1. Decides to act;",
    "2. Requests the Secretary-General to report,", "(a) To continue;", "a)", "b)", "i)", "ii)", "h)", "1", "2 bis",
    "1.1", "a) that X;", "§§ 35 a)-e) of the Tunis Agenda", "____________________", "1 A footnote.",
    "[^1]: Resolution 70/1.", "ANNEX", "ANNEX TO RESOLUTION 12", "A/RES/80/10", "2/3", "---", "that Y,", "to do Z.",
    "\t", "   ", "", "\u00a0", "é", "\r",
]

lines = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines, st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_resolution_like_text_parses_without_loss(parts, separator):
    document = parse_document(Source("generated.txt", separator.join(parts), "text"))
    assert_covers_exactly_once(document)
    assert_ids_unique(document)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_parses_without_loss(text):
    assert_covers_exactly_once(parse_document(Source("any.txt", text, "text")))


SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SEED_LINES) - 1), st.sampled_from(["drop", "dup", "swap", "cut"])),
                max_size=12))
def test_mutated_seed_parses_without_loss(mutations):
    lines_ = list(SEED_LINES)
    for index, how in mutations:
        index %= max(len(lines_), 1)
        if not lines_:
            break
        if how == "drop":
            del lines_[index]
        elif how == "dup":
            lines_.insert(index, lines_[index])
        elif how == "swap" and index + 1 < len(lines_):
            lines_[index], lines_[index + 1] = lines_[index + 1], lines_[index]
        elif how == "cut":
            lines_[index] = lines_[index][: len(lines_[index]) // 2]
    assert_covers_exactly_once(parse_document(Source("mutated.txt", "\n".join(lines_), "text")))
