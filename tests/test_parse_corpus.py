"""Every file of the shared corpus reads and parses; the AKN clause counts agree with the XML's own."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS_FOLDERS, corpus_files
from lxml import etree
from support import assert_covers_exactly_once, assert_ids_unique

from kg.parse import parse_document
from kg.readers import read

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"

# Where the converted PP-18 file is itself wrong (see ../shared/corpus/SOURCES.md), the count cannot agree.
KNOWN_EXCEPTIONS: dict[str, tuple[str, tuple[int, int]]] = {}
# An annex heading that the PP-18 conversion ran into a body paragraph, after the paragraph's closing punctuation:
# "... calendar year 2021. ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018) TABLE 1 ...". The paragraphs after it are the
# annex's pages as the conversion cut them (a budget table's cells numbered "0"): annex text, no clauses. So are
# those after the heading of a part of the Final Acts run in the same way ("... in this regard. 489 PART VI -
# SIGNATORIES ...", then the declarations, numbered): no text of the document.
GLUED_ANNEX = re.compile(r"[.;,:]\s+(?:(?:ANNEX|APPENDIX|ATTACHMENT)(?:\s+[A-Z0-9]+)?\s+TO\s+(?:RESOLUTION|DECISION|"
                         r"RECOMMENDATION|OPINION)\s|(?:\d+\s+)?PART\s+[IVXL]+\s+[-\u2013]\s+[A-Z])")


@pytest.mark.parametrize("folder", CORPUS_FOLDERS)
def test_every_file_reads_and_parses(folder):
    files = corpus_files(folder)
    documents = [parse_document(source) for path in files for source in read(path)]
    assert len(documents) >= len(files)
    for document in documents:
        assert document.sections, f"{document.source.origin}: no sections found"
        assert any(s.kind == "operative" for s in document.sections), f"{document.source.origin}: no operative part"
        assert document.header.body is not None, f"{document.source.origin}: no adopting body"
        assert_covers_exactly_once(document)
        assert_ids_unique(document)


def _is_clause_element(element) -> bool:
    """A recital/container/paragraph/point that holds clause text: not a table (a paragraph with a table in it
    is one when it has words of its own beside it), not a bare (sub)heading, and not a cross-heading (one short
    paragraph, all of it one italic or bold span, with no closing punctuation). A list's closing words are one."""
    if etree.QName(element).localname in ("wrapUp", "listWrapUp"):
        return bool("".join(element.itertext()).split())
    tables = list(element.iter(f"{AKN}table"))
    paragraphs = [p for p in element.iter(f"{AKN}p") if not any(a in tables for a in p.iterancestors())]
    if not any("".join(p.itertext()).split() for p in paragraphs):
        return False   # (only a table, or only empty <p/>s)
    if etree.QName(element).localname == "hcontainer":   # a numbered paragraph marked as an hcontainer
        return element.find(f"{AKN}content") is not None and element.find(f"{AKN}heading") is None
    text = " ".join("".join(paragraphs[0].itertext()).split())
    emphasis = [child for child in paragraphs[0] if etree.QName(child).localname in ("span", "i", "b")]
    whole_in_emphasis = bool(emphasis) and " ".join("".join(emphasis[0].itertext()).split()) == text
    cross_heading = (element.find(f"{AKN}num") is None and len(paragraphs) == 1 and whole_in_emphasis
                     and not text.endswith((",", ";", ".", ":")))
    return not cross_heading


def _xml_clause_counts(statement) -> tuple[int, int, int]:
    """(preambular, operative, annex) clauses as the XML marks them. A part of an omnibus resolution marks its
    preambular paragraphs as ``crossHeading``s that refer to the preamble; an annex whose body has a numbered
    paragraph (a declaration) has its paragraphs as clauses, any other annex none."""
    def outside_attachments(element, holder) -> bool:
        node = element.getparent()
        while node is not None and node is not holder:
            if etree.QName(node).localname in ("attachment", "attachments", "components"):
                return False
            node = node.getparent()
        return True

    def before_glued_annex(holder):
        """The elements of ``holder`` up to the paragraph an annex heading was glued into (that paragraph's own
        clause counts), and from the next heading on."""
        kept, in_annex = set(), False
        for element in holder.iter():
            name = etree.QName(element).localname if isinstance(element.tag, str) else ""
            if name == "heading":
                in_annex = False
            if not in_annex:
                kept.add(element)
            if name == "p" and GLUED_ANNEX.search(" ".join("".join(element.itertext()).split())):
                in_annex = True
        return kept

    def counts(document) -> tuple[int, int]:
        preambular = operative = 0
        for preamble in document.findall(f"{AKN}preamble"):
            preambular += len([e for e in preamble.iter(f"{AKN}recital", f"{AKN}container", f"{AKN}item")
                               if outside_attachments(e, document) and _is_clause_element(e)])
        for body in document.findall(f"{AKN}mainBody"):
            kept = before_glued_annex(body)
            operative += len([e for e in body.iter(f"{AKN}paragraph", f"{AKN}point", f"{AKN}container",
                                                   f"{AKN}item", f"{AKN}wrapUp", f"{AKN}listWrapUp", f"{AKN}hcontainer")
                              if e in kept and outside_attachments(e, document) and _is_clause_element(e)])
            preambular += len([e for e in body.iter(f"{AKN}crossHeading") if e.get("refersTo") == "#preamble"
                               and outside_attachments(e, document)])
        return preambular, operative

    def numbered(document) -> bool:
        return any(e.find(f"{AKN}num") is not None
                   for holder in document.findall(f"{AKN}mainBody") + document.findall(f"{AKN}preamble")
                   for e in holder.iter(f"{AKN}paragraph", f"{AKN}point", f"{AKN}recital", f"{AKN}container")
                   if outside_attachments(e, document) and e.find(f".//{AKN}table") is None)

    preambular, operative = counts(statement)
    annexed = [child for attachment in statement.iter(f"{AKN}attachment") for child in attachment
               if etree.QName(child).localname in ("doc", "statement")]
    annex = sum(sum(counts(document)) for document in annexed if numbered(document))
    return preambular, operative, annex


def _clause_counts_by_xml_part(document) -> tuple[int, int, int]:
    """(preambular, operative, annex) clauses of ``document`` that open an XML paragraph (at its start, after its
    label, or with the italic words held before it), counted by the part of that paragraph: a section heading the
    converter glued into a paragraph ("..., having noted") is split off by the parser, and the clause after it is
    not one of the XML's."""
    blocks = [b for b in document.source.blocks if b.role == "clause"]
    counts = [0, 0, 0]
    for section in document.sections:
        for clause in section.clauses:
            block = next((b for b in blocks if b.start <= clause.end - 1 < b.end or b.end == clause.end), None)
            if block is None or clause.start > block.start + 6:
                continue
            counts[2 if section.part == "annex" else 0 if block.part == "preambular" else 1] += 1
    return counts[0], counts[1], counts[2]


@pytest.mark.parametrize("folder", ["itu-pp18", "un-sc", "un-ga", "un-ga-multipart"])
def test_akn_clause_counts_equal_the_xml(folder):
    compared = 0
    for path in corpus_files(folder):
        statements = list(etree.parse(str(path)).getroot().iter(f"{AKN}statement"))
        sources = read(path)
        assert len(sources) == len(statements)
        for source, statement in zip(sources, statements, strict=True):
            document = parse_document(source)
            found = _clause_counts_by_xml_part(document)
            expected = _xml_clause_counts(statement)
            name = source.origin.rsplit("/", 1)[-1]
            if name in KNOWN_EXCEPTIONS:
                delta = KNOWN_EXCEPTIONS[name][1]
                expected = (expected[0] + delta[0], expected[1] + delta[1], expected[2])
            assert found == expected, (f"{source.origin}: (preambular, operative, annex) clauses {found}, "
                                       f"XML {expected}")
            compared += 1
    assert compared >= len(corpus_files(folder))


@pytest.mark.parametrize("folder", ["itu-pp18", "un-sc", "un-ga", "un-ga-multipart"])
def test_no_word_of_an_akn_file_is_lost(folder):
    """Every run of text outside the metadata is in the text read (a table's cells, a nested sublist's points, a
    list's closing words, an annex's headings). The UN's cover page (symbol, distribution, session, agenda item)
    is read as metadata where a preface follows it, as it does in every one of these files."""
    checked = 0
    for path in corpus_files(folder):
        text = " ".join(" ".join(source.text for source in read(path)).split())
        for element in etree.parse(str(path)).getroot().iter():
            if not isinstance(element.tag, str) or any(etree.QName(a).localname in ("meta", "coverPage")
                                                       for a in [element, *element.iterancestors()]):
                continue
            for run in (element.text, element.tail):
                if run and run.split():
                    assert " ".join(run.split()) in text, f"{path.name}: lost {run.strip()[:80]!r}"
        checked += 1
    assert checked == len(corpus_files(folder)) > 0


def test_known_exceptions_still_exist(pp18_path):
    origins = {source.origin.rsplit("/", 1)[-1] for source in read(pp18_path)}
    assert set(KNOWN_EXCEPTIONS) <= origins


def test_un_links_stay_in_the_text():
    """The UN's <a href> links are kept as plain text, so ``cite`` can find them like any other reference."""
    (path,) = [p for p in corpus_files("un-ga") if p.name == "75_100_E.xml"]
    text = read(path)[0].text
    assert "<a" not in text and "undocs.org" not in text
    assert re.search(r"its resolutions 67/123 of 18 December 2012, 68/85 of", text)
