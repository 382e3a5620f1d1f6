"""Fuzzing the readers, the parser and extraction together: whatever bytes a file holds, the one error that may come
out is ``InputError`` (a bad file, named), and what is read is covered exactly once by the parse, every citation's
text standing where its offsets say. Derandomized (the same cases on every run, so CI is repeatable); about a minute.

The cases are documents of each format written for the tests (an ITU text, a UN Markdown text with front matter,
an Akoma Ntoso statement, an HTML page, a .docx package), mutated byte by byte and with fragments that broke the
build before (an empty footnote ``[^1]: ``, a byte that is not UTF-8, a date that is no date, deep nesting)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import SEED
from documents import AKN_STATEMENT, ITU_TEXT, write_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import assert_covers_exactly_once

from kg.errors import InputError
from kg.parse import parse_document, split_documents
from kg.readers import read
from kg.resolve import extract_citations

MARKDOWN = """---
symbol: A/RES/80/10
title: "A test resolution"
date: "2025-12-05"
---

General Assembly

Resolution adopted by the General Assembly on 5 December 2025

80/10. A test resolution

The General Assembly,

Recalling its resolution 70/1 of 25 September 2015 and Security Council resolution 2286 (2016),[^1]

1. Requests the Secretary-General to report, in accordance with A/RES/79/16;

2. Decides to remain seized of the matter.

[^1]: See also A/79/139 (Part I).
"""

HTML = ("<!DOCTYPE html><html><head><title>Resolution 12</title></head><body><h1>RESOLUTION 12 (Rev. Busan, 2014)"
        "</h1><p>The Plenipotentiary Conference (Busan, 2014),</p><p>considering</p><ol type='a'><li>that "
        "Resolution 71 (Rev. Antalya, 2006) applies;</li></ol></body></html>")


def _docx_bytes() -> bytes:
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as folder:
        return write_docx(Path(folder) / "r.docx", ITU_TEXT).read_bytes()


SEEDS = {"seed.txt": SEED.read_bytes(), "itu.txt": ITU_TEXT.encode(), "un.md": MARKDOWN.encode(),
         "un.xml": AKN_STATEMENT.encode(), "page.html": HTML.encode(), "r.docx": _docx_bytes()}
FRAGMENTS = [b"[^1]: ", b"[^1]:", b"\n[^2]: \n", b"\xff", b"\xe9", b"\x00", b"<", b"&", b"&amp;", b"]]>", b"<p>",
             b"</p>", b"<hcontainer>" * 40, b'date: "20x1-01-01"\n', b"---\n", b"\r", b"\r\n", b"\t", b"\n\n",
             b"RESOLUTION 7 (Rev. Dubai, 2018)\n", b"The General Assembly,\n", b"resolution 70/1", b"a)", "\u2028".encode(), b"\xef\xbb\xbf", b"(", b")", b"; Rev. ", b"Resolution 9999999999 ("]

mutation = st.tuples(st.sampled_from(["insert", "delete", "replace", "fragment", "truncate"]),
                     st.floats(0, 1, allow_nan=False), st.integers(1, 64), st.binary(max_size=8),
                     st.sampled_from(FRAGMENTS))


def _mutated(data: bytes, mutations: list[tuple[str, float, int, bytes, bytes]]) -> bytes:
    for how, where, size, noise, fragment in mutations:
        at = int(where * len(data))
        if how == "insert":
            data = data[:at] + noise + data[at:]
        elif how == "delete":
            data = data[:at] + data[at + size:]
        elif how == "replace":
            data = data[:at] + noise + data[at + len(noise):]
        elif how == "fragment":
            data = data[:at] + fragment + data[at:]
        else:
            data = data[:at]
    return data


def _docx_with_mutated_part(data: bytes, mutations: list) -> bytes:
    """A .docx package whose document part (the XML) is mutated: the zip stays readable."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            part = source.read(item.filename)
            package.writestr(item.filename, _mutated(part, mutations) if item.filename == "word/document.xml" else part)
    return out.getvalue()


def _check(name: str, data: bytes) -> None:
    try:
        sources = read(name, data=data)
    except InputError:
        return
    for source in (part for whole in sources for part in split_documents(whole)):
        document = parse_document(source)
        assert_covers_exactly_once(document)
        for citation in extract_citations(document):
            assert citation.text == source.text[citation.start:citation.end], (name, citation)


@settings(max_examples=1200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(SEEDS)), st.lists(mutation, min_size=1, max_size=8))
def test_any_mutation_of_a_document_gives_its_parse_or_an_input_error(name, mutations):
    data = SEEDS[name]
    data = _docx_with_mutated_part(data, mutations) if name.endswith(".docx") else _mutated(data, mutations)
    _check(name, data)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(sorted(SEEDS)), st.binary(max_size=400))
def test_any_bytes_under_any_name_give_a_parse_or_an_input_error(name, data):
    _check(name, data)


def test_the_fuzzed_documents_parse_as_they_are():
    """(The seeds themselves are read, so the mutations start from real parses.)"""
    for name, data in SEEDS.items():
        sources = read(name, data=data)
        assert sources and all(parse_document(source).sections for source in sources), name


# Documents that the mutation fuzz over the real texts broke (tests/test_fuzz.py checks each the same way); the
# real UN files gave each of them from one edit.
FOUND = [
    ("akn-empty-footnote", "un.xml", AKN_STATEMENT.replace("<authorialNote marker=\"1\"><p>See Resolution 9.</p>"
                                                          "</authorialNote>", "<authorialNote marker=\"1\"/>")),
    ("akn-blank-footnote", "un.xml", AKN_STATEMENT.replace("See Resolution 9.", " \n ")),
    ("akn-empty-formula-no-preface", "un.xml", re.sub(r"<preface>.*</preface>", "", AKN_STATEMENT, flags=re.DOTALL)
     .replace("The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),", "")),
    # (no header of its own: a number line standing in the body was taken for one, over a clause)
    ("akn-no-header-a-number-line-in-the-body", "un.xml", re.sub(
        r"<preface>.*</preface>|<formula .*</formula>", "", AKN_STATEMENT, flags=re.DOTALL).replace(
        "<p>to check it,</p>", "<p>to check it,</p></content></paragraph><paragraph><content>"
                               "<p>75/199. Education for democracy</p>")),
]


@pytest.mark.parametrize(("name", "text"), [case[1:] for case in FOUND], ids=[case[0] for case in FOUND])
def test_a_document_the_fuzz_broke_gives_its_parse(name, text):
    assert text not in SEEDS.values() and text.encode() != SEEDS[name], "the case no longer edits its seed"
    _check(name, text.encode())


def _damaged_docx(how: str) -> bytes:
    """The seed .docx with its document part damaged inside the package (the zip's directory intact)."""
    data = bytearray(SEEDS["r.docx"])
    part = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    name_length, extra_length = int.from_bytes(data[part.header_offset + 26:part.header_offset + 28], "little"), \
        int.from_bytes(data[part.header_offset + 28:part.header_offset + 30], "little")
    body = part.header_offset + 30 + name_length + extra_length
    if how == "deflate-stream":   # a deflate stream that refers back too far
        data[body:body + 8] = b"\xed\xfd\xff\xff\x00\x00\x00\x00"
    else:   # the part's entry in the central directory: a method zipfile does not know, or "encrypted"
        entry = bytes(data).index(b"PK\x01\x02")
        while data[entry + 46:entry + 46 + len(b"word/document.xml")] != b"word/document.xml":
            entry += 46 + sum(int.from_bytes(data[entry + at:entry + at + 2], "little") for at in (28, 30, 32))
        if how == "compression-method":
            data[entry + 10] = 99
        else:
            data[entry + 8] |= 1
    return bytes(data)


DAMAGED_DOCX = ["deflate-stream", "compression-method", "encrypted"]


@pytest.mark.parametrize("how", DAMAGED_DOCX)
def test_a_docx_with_a_damaged_part_is_an_input_error(how):
    data = _damaged_docx(how)
    assert data != SEEDS["r.docx"]
    with pytest.raises(InputError, match="not a readable .docx"):
        read("r.docx", data=data)


def test_a_docx_whose_document_part_is_of_another_namespace_is_an_input_error():
    """(python-docx reads such a part as a plain XML element, and its document has no body: AttributeError.)"""
    source = zipfile.ZipFile(io.BytesIO(SEEDS["r.docx"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "word/document.xml":
                assert b"openxmlformats.org/wordprocessingml" in part
                part = part.replace(b"openxmlformats.org/wordprocessingml", b"opEnxmlformats.org/wordprocessingml")
            package.writestr(item.filename, part)
    with pytest.raises(InputError, match="not a readable .docx"):
        read("r.docx", data=out.getvalue())
