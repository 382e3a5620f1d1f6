"""The structural parser: ``parse_document(source) -> Document``.

For Akoma Ntoso input the reader's blocks (from the XML structure) are the evidence; for every other format
the layout of the text is. Both go through the same assembler, so both give the same ``Document`` model.

>>> from kg.model import Source
>>> text = "RESOLUTION 9\\nA title\\n(Rev. Antalya, 2006)\\nThe Plenipotentiary Conference (Antalya, 2006),\\n"
>>> text += "considering\\na)\\nthat X;\\nb)\\nthat Y,\\nresolves\\nto do Z.\\n"
>>> document = parse_document(Source("demo.txt", text, "text"))
>>> document.header.edition, [(s.verb, [c.id for c in s.clauses]) for s in document.sections]
('pp-06', [('considering', ['considering.a', 'considering.b']), ('resolves', ['resolves'])])
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.model import Document, Header, Source, Span
from kg.parse.assemble import assemble_document
from kg.parse.glued import split_glued_annexes, split_glued_headings
from kg.parse.header import (
    UN_BODIES,
    ambiguous_bodies,
    body_of_text,
    meeting_date,
    read_header,
    with_council_session,
)
from kg.parse.layout import find_header, layout_blocks
from kg.parse.oneline import is_one_line, with_line_breaks
from kg.parse.split import split_documents, split_documents_of
from kg.parse.statements import statement_hints
from kg.reference.datafiles import read_csv_rows

__all__ = ["parse_document", "split_documents", "split_documents_of"]


def parse_document(source: Source) -> Document:
    """Find the header, sections, clauses, footnotes, annexes and remainder of one document."""
    if not source.blocks and is_one_line(source.text):
        # (its layout read from the text with its line breaks put back; its texts are the text's own)
        return _title_without_note_markers(
            _as_printed(_parse_document(replace(source, text=with_line_breaks(source.text))), source))
    return _title_without_note_markers(_parse_document(source))


# a note's marker printed after a word of the title: "between developing1 and developed", "(Dubai, 2012)1"
_TITLE_MARKER = re.compile(r"(?P<word>\b[a-z]{3,}|\))(?P<marker>\d{1,2})(?=[\s,;]|$)")


def _title_without_note_markers(document: Document) -> Document:
    """``document`` with its title read without the markers of the notes it has ("Bridging the gap between
    developing1 and developed countries", note 1 below: "... developing and developed ...")."""
    title = document.header.title
    markers = {footnote.marker for footnote in document.footnotes}
    if not title or not markers:
        return document
    cleaned = _TITLE_MARKER.sub(lambda found: found.group("word") if found.group("marker") in markers else found.group(),
                                title)
    return document if cleaned == title else replace(document, header=replace(document.header, title=cleaned))


def _as_printed(document: Document, source: Source) -> Document:
    """``document`` (parsed from ``source``'s text with line breaks put back) with the texts of ``source``."""
    text = source.text
    sections = tuple(replace(section, clauses=tuple(replace(clause, text=text[clause.start:clause.end])
                                                    for clause in section.clauses))
                     for section in document.sections)
    footnotes = tuple(replace(footnote, text=text[footnote.start:footnote.end]) for footnote in document.footnotes)
    return replace(document, source=source, sections=sections, footnotes=footnotes)


def _parse_document(source: Source) -> Document:
    text = source.text
    header_blocks = [block for block in source.blocks if block.role == "header"]
    if header_blocks:
        span = header_blocks[0]
        header = read_header(text[span.start:span.end], start=span.start, hints=source.hints,
                             formulas=[Span(b.start, b.end) for b in source.blocks if b.role == "formula"])
        blocks = [b for b in source.blocks if b.role not in ("header", "formula")]
        if not _un_style(header, source):
            return assemble_document(source, header, split_glued_headings(text, split_glued_annexes(text, blocks)))
        return _with_un_addressees(assemble_document(source, header, blocks))
    # a reader that marked the text's blocks (AKN) and no header: none is looked for where its blocks stand (a
    # number line in the body would be taken for one, over a clause)
    before_blocks = min((block.start for block in source.blocks), default=len(text))
    header_span = find_header(text[:before_blocks]) if before_blocks else None
    if header_span is None:
        # (a presidential statement prints no number line nor formula: its first page says which it is)
        header = read_header("", start=0, hints=statement_hints(text, source.hints))
        header = header.__class__(**{**{f: getattr(header, f) for f in header.__slots__}, "span": None})
        body_start = 0
    else:
        header = read_header(text[header_span.start:header_span.end], start=header_span.start,
                             hints=source.hints)
        bodies = ambiguous_bodies(header)
        if bodies and (body := bodies[0] if len(bodies) == 1 else body_of_text(text, bodies)) is not None:
            # a heading with no formula whose place and year fit two conferences: the text tells which
            header = read_header(text[header_span.start:header_span.end], start=header_span.start,
                                 hints=replace(source.hints, body=body))
        header = with_council_session(header, text[:header_span.start])
        if header.date is None and _un_style(header, source) and (date := meeting_date(text)) is not None:
            # (a heading that prints no date: the meeting under the last paragraph gives it)
            header = read_header(text[header_span.start:header_span.end], start=header_span.start,
                                 hints=replace(source.hints, body=header.body, date=date))
        body_start = header_span.end
    un_style = _un_style(header, source)
    blocks = list(source.blocks) if source.blocks else layout_blocks(text, body_start=body_start, un_style=un_style,
                                                                    number=header.number,
                                                                    statement=header.kind == "statement",
                                                                    title=header.title)
    if not un_style:
        return assemble_document(source, header, split_glued_headings(text, split_glued_annexes(text, blocks)))
    return _with_un_addressees(assemble_document(source, header, blocks))


# the UN's Secretary-General is not the ITU's: in a UN text "the Secretary-General" is the one of the United Nations
# (and its "regional organizations" are not the ITU's regional telecommunication organizations, the name
# data/addressees.csv gives them)
_UN_ADDRESSEES = {"Secretary-General": "Secretary-General of the United Nations",
                  "regional telecommunication organizations": "regional organizations"}
_ITU_COUNCIL = "ITU Council"   # (the name data/addressees.csv gives "the Council", "Council of the Union")


def _with_un_addressees(document: Document) -> Document:
    """``document`` (a UN text) with its addressees named as the UN's own ("Secretary-General of the United
    Nations"), so that they are not the ITU's of the same name; "the Council" of a UN text is the council that
    adopts it (the Security Council's, the Human Rights Council's), never the ITU Council, and as printed where
    the text is no council's."""
    if not any(name in _UN_ADDRESSEES or name == _ITU_COUNCIL for section in document.sections
               for name in section.addressees):
        return document
    names = {**_UN_ADDRESSEES, _ITU_COUNCIL: _addressee_of_body(document.header.body) or "Council"}
    sections = tuple(replace(section, addressees=tuple(dict.fromkeys(names.get(name, name)
                                                                     for name in section.addressees)))
                     if any(name in names for name in section.addressees) else section
                     for section in document.sections)
    return replace(document, sections=sections)


def _addressee_of_body(body: str | None) -> str | None:
    """The addressee that is the body ``body`` itself, by its id in ``data/addressees.csv`` ("unsc": "UN Security
    Council"), where the body is a council.

    >>> _addressee_of_body("unsc"), _addressee_of_body("unga")
    ('UN Security Council', None)
    """
    names = {row["id"]: row["name"] for row in read_csv_rows("addressees.csv")}
    return names.get(body) if body is not None and "Council" in names.get(body, "") else None


def _un_style(header: Header, source: Source) -> bool:
    """Whether the text is laid out as the UN's (a paragraph opens with its verb), not as the ITU's."""
    return header.body in UN_BODIES or source.hints.symbol is not None
