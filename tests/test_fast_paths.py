"""The fast paths of the per-document work give what their plain definitions give: folding (an ASCII shortcut, a
translate table), the vocabulary's look-ups (one regular expression instead of a loop over the table), the AKN
reader's white space and flattening (str.split and itertext instead of a regex and a walk)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kg.rdf.functions import load_functions
from kg.readers import akn
from kg.reference.gazetteer import fold
from kg.reference.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()
FUNCTIONS = load_functions()


def fold_by_definition(text: str) -> str:
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(plain.replace("\u2011", "-").lower().split())


def first_word_prefix(table: tuple[tuple[str, str], ...], folded: str) -> str | None:
    """What a loop over ``table`` (longest first) finds: the first entry ``folded`` starts with as whole words."""
    for entry, value in table:
        if folded.startswith(entry) and (len(folded) == len(entry) or not folded[len(entry)].isalnum()):
            return value
    return None


SPECIAL = ["é", "e\u0301", "ﬁ", "İ", "ß", "Ⅻ", "²", "\u00a0", "\u2011", "\u2028", "\x1c", "\x85", "_", "-", "ǅ", "٣"]
ENTRIES = [verb for verb, _ in VOCABULARY.verbs] + [alias for alias, _ in VOCABULARY.addressees]
texts = st.lists(st.one_of(st.sampled_from(ENTRIES), st.sampled_from(ENTRIES).map(str.upper),
                           st.sampled_from(SPECIAL), st.text(max_size=6)), max_size=5).map(" ".join)


@pytest.mark.parametrize("text", ["Florianópolis", "noting with concern", "NOTING\u00a0 WITH", "ﬁnal", "İstanbul",
                                  "Ⅻ", "\u2011", "e\u0301 ", "", " \t\n"],
                         ids=["accent", "ascii", "nbsp", "ligature", "dotted-i", "roman", "hyphen", "combining",
                              "empty", "space"])
def test_fold_cases(text):
    assert fold(text) == fold_by_definition(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), texts))
def test_fold_is_its_definition(text):
    assert fold(text) == fold_by_definition(text)


def test_fold_of_every_character():
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000 or not (code < 0x3400 or 0xF900 <= code < 0x10000 or code >= 0x1D000):
            continue   # (surrogates; the large ideograph blocks have nothing to fold)
        text = f"A{chr(code)}b"
        assert fold(text) == fold_by_definition(text), hex(code)


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(["", "s", " x", "_x", "é", "2", ",", " with concern", "Ⅻ"]))
def test_vocabulary_lookups_are_the_loops_over_their_tables(text, suffix):
    text += suffix
    verb = first_word_prefix(tuple((v, v) for v, _ in VOCABULARY.verbs), fold(text[:200]))
    assert VOCABULARY.match_verb(text) == (None if verb is None else (verb, dict(
        reversed(VOCABULARY.verbs))[verb]))
    opening = re.sub(r"^(?:the|all)\s+", "", text.lstrip(), flags=re.IGNORECASE)
    assert VOCABULARY.known_addressee_at(text) == first_word_prefix(VOCABULARY.addressees, fold(opening[:120]))
    assert FUNCTIONS.of_verb(text) == first_word_prefix(FUNCTIONS.verbs, " ".join(text.lower().split()))


def test_the_lookups_found_something():
    assert VOCABULARY.match_verb("Noting with concern that") == ("noting with concern", "preambular")
    assert VOCABULARY.match_verb("notings") is None
    assert VOCABULARY.known_addressee_at("  the  Director of TSB to") == \
        "Director of the Telecommunication Standardization Bureau"
    assert VOCABULARY.normalise_addressee("the Director of TSB") == \
        "Director of the Telecommunication Standardization Bureau"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "\t", "a", "b", *SPECIAL]), max_size=30).map("".join))
def test_collapse_is_the_regex(text):
    assert akn._collapse(text) == re.sub(r"\s+", " ", text)


def flatten_by_walking(element: etree._Element) -> tuple[str, list[tuple[int, object]]]:
    """The reader's flattening as first written: a walk, each piece collapsed as it comes."""
    pieces: list[object] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            pieces.append(node.text)
        for child in node:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if name == "authorialNote":
                pieces.append(child)
            elif name in ("eol", "br"):
                pieces.append(" ")
            elif name:
                walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    text, notes = "", []
    for piece in pieces:
        if isinstance(piece, str):
            collapsed = re.sub(r"\s+", " ", piece)
            if (text.endswith(" ") or not text) and collapsed.startswith(" "):
                collapsed = collapsed[1:]
            text += collapsed
        else:
            notes.append((len(text), piece))
    stripped = text.rstrip()
    return stripped, [(min(offset, len(stripped)), note) for offset, note in notes]


WORDS = st.sampled_from(["", " ", "  ", "\n", "a", "b c", " d ", "e\n\nf", "\u00a0", " g"])
NAMES = st.sampled_from(["p", "i", "span", "eol", "br", "authorialNote", "{urn:x}p", "{urn:x}authorialNote"])


@st.composite
def trees(draw, depth=0):
    element = etree.Element(draw(NAMES))
    element.text = draw(WORDS) + draw(WORDS)
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        child = draw(trees(depth + 1)) if draw(st.booleans()) else draw(st.sampled_from(
            [etree.Comment("c"), etree.Entity("amp"), etree.ProcessingInstruction("pi", "x"), etree.Element("eol")]))
        element.append(child)
        child.tail = draw(WORDS) + draw(WORDS)
    return element


@settings(max_examples=400, deadline=None)
@given(trees())
def test_flatten_is_the_walk(tree):
    assert akn._flatten(tree) == flatten_by_walking(tree)
