"""The literal triggers that every mention search starts from: both engines (Hyperscan, bytes.find) find the same
positions, and the mentions found are the same whichever engine ran."""

from __future__ import annotations

from unittest import mock

import pytest
from conftest import SEED, corpus_files
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.cite import find_mentions
from kg.cite import triggers as trigger_module
from kg.cite.bodies import _body_phrase_before
from kg.cite.find import _outside, _trigger_words
from kg.cite.patterns import PREFIX, PREFIX_BODIES, near_triggers, un_symbol_openings, un_symbol_pattern
from kg.cite.triggers import find_triggers, hyperscan
from kg.parse import parse_document
from kg.readers import read

needs_hyperscan = pytest.mark.skipif(hyperscan is None, reason="the hyperscan package is not installed here")
WORDS = _trigger_words("un")


def _expected(text: str, word: str) -> list[int]:
    """By hand: every offset where ``word`` stands, in any case when it is lower-case."""
    folded = word == word.lower()
    return [i for i in range(len(text) - len(word) + 1)
            if (text[i:i + len(word)].lower() if folded else text[i:i + len(word)]) == word]


def test_positions_worked_by_hand():
    text = "See RESOLUTION 1 and resolution 2 (2020), A/RES/70/1, §§ 3 and Paragraph 4 of the Tunis Agenda."
    positions = find_triggers(text, ("esolution", "(20", "/", "para", "Agenda", "Charter"), engine="find")
    assert positions == {"esolution": [5, 22], "(20": [34], "/": [43, 47, 50], "para": [63], "Agenda": [88],
                         "Charter": []}


@pytest.mark.parametrize("engine", [pytest.param("hyperscan", marks=needs_hyperscan), "find"])
@given(text=st.text(alphabet=st.sampled_from(list("Resolution ESOLUTION/(20§ paraNo.nos Charter é\n")), max_size=300))
@settings(max_examples=200, deadline=None)
def test_each_engine_finds_every_occurrence(engine, text):
    found = find_triggers(text, WORDS, engine=engine)
    for word in WORDS:
        assert found[word] == _expected(text, word), word


@needs_hyperscan
def test_the_engines_agree_on_every_corpus_document():
    files = [SEED] + [f for folder in ("itu-pp18", "un-sc", "un-ga", "un-ga-80-pdftext") for f in corpus_files(folder)]
    texts = [source.text for path in files for source in read(path)]
    assert len(texts) > 400
    for text in texts:
        assert find_triggers(text, WORDS, engine="hyperscan") == find_triggers(text, WORDS, engine="find")


@needs_hyperscan
def test_the_mentions_do_not_depend_on_the_engine():
    documents = [parse_document(source) for path in [SEED, *corpus_files("un-sc")[:40]] for source in read(path)]
    with_hyperscan = [find_mentions(document) for document in documents]
    with mock.patch.object(trigger_module, "hyperscan", None):
        with_find = [find_mentions(document) for document in documents]
    assert with_hyperscan == with_find
    assert sum(len(mentions) for mentions in with_find) > 500


@given(pieces=st.lists(st.sampled_from(["A", "S", "E", "/", "RES", "CN.", "70", "1", " ", ".", "-", "(2019)", "x",
                                         "HRC", "L.", "Add.2"]), max_size=30))
@example(pieces=["A", "/", "RES", "/", "70", "/", "1", " ", "S", "/", "70", " ", "(2019)", "A", "/", "CN.", "/", "L."])
@settings(max_examples=300, deadline=None)
def test_trying_a_pattern_only_where_it_can_open_finds_the_same_matches(pieces):
    text = "".join(pieces)
    positions = [index for index, character in enumerate(text) if character == "/"]
    everywhere = near_triggers(un_symbol_pattern(), text, positions, back=12, ahead=80)
    at_openings = near_triggers(un_symbol_pattern(), text, positions, back=12, ahead=80,
                                 opening=un_symbol_openings())
    assert [m.span() for m in at_openings] == [m.span() for m in everywhere]


def test_the_symbols_of_the_example_above_are_found():
    text = "A/RES/70/1 S/70 (2019)A/CN./L."
    found = near_triggers(un_symbol_pattern(), text, [i for i, c in enumerate(text) if c == "/"], back=12, ahead=80,
                           opening=un_symbol_openings())
    # (a part's "." goes on only into another letter or digit: "A/CN" has no digit and is dropped later)
    assert [m.group("sym") for m in found] == ["A/RES/70/1", "S/70", "A/CN"]


BODY_WORDS = ["United", "Nations", "General", "Assembly", "(UNGA)", "(A)", "Security", "Council", "ITU", "WTSA", "its",
              "the", "resolution", "Human", "Rights", "Commission", "on", "Economic", "and", "Social", "ITU-T", "PP",
              "Plenipotentiary", "Conference", "World", "Radiocommunication", "of", "x"]


@given(words=st.lists(st.sampled_from(BODY_WORDS), max_size=14),
       spaces=st.lists(st.sampled_from([" ", "  ", "\n", "\u00a0"]), min_size=15, max_size=15))
@example(words=["the", "United", "Nations", "General", "Assembly", "(UNGA)", "(A)"], spaces=[" "] * 15)
@settings(max_examples=400, deadline=None)
def test_the_body_phrase_before_a_keyword_is_the_one_a_plain_search_finds(words, spaces):
    text = "".join(word + space for word, space in zip(words, spaces))
    shortcut = _body_phrase_before(text, 0, len(text))
    plain = PREFIX.search(text, 0, len(text))
    assert (shortcut and shortcut.span()) == (plain and plain.span())


@pytest.mark.parametrize("pattern", [pattern for pattern, _ in PREFIX_BODIES])
@given(data=st.data())
@settings(max_examples=30, deadline=None)
def test_every_body_phrase_is_searched_for(pattern, data):
    phrase = data.draw(st.from_regex(rf"(?:{pattern})(?:\s+\(\w+\))?", fullmatch=True))
    text = "recalling the " + phrase + " "
    found = _body_phrase_before(text, 0, len(text))
    assert found is not None and found.end() == len(text)


@given(positions=st.lists(st.integers(0, 60), max_size=20),
       spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)), max_size=8))
@settings(max_examples=300, deadline=None)
def test_trigger_positions_within_a_mention_found_already_are_left_out(positions, spans):
    taken = sorted((start, start + length) for start, length in spans)
    positions = sorted(positions)
    assert _outside(positions, taken) == [p for p in positions if not any(s <= p < e for s, e in taken)]
