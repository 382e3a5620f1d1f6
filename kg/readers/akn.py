"""Akoma Ntoso 3.0 XML: one ``Source`` per ``statement`` (a ``documentCollection`` holds many).

The XML structure is the evidence of the document's structure: the reader renders each document as text and
records, as ``Block`` objects with spans into that text, which parts are header, headings, clauses (with their
printed ``num``), footnotes (``authorialNote``, rendered after the body with the offset they are anchored at) and
annexes (``attachment``). Existing links are kept as text; whether they are citations is for ``cite`` to decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from kg.errors import InputError
from kg.model import Block, Hints, Source

_SPACE = re.compile(r"\s+")
# PP-18's converter left some footnotes in the running text after a rule of underscores: "...; ____ 1 These ..."
_INLINE_FOOTNOTE = re.compile(r"\s*_{5,}\s*(\d{1,2}|\*)\s+(?=\S)")
_AUTHOR_BODIES = {"itu-pp": "pp", "ga": "unga", "unga": "unga", "sc": "unsc", "unsc": "unsc", "hrc": "hrc",
                  "ecosoc": "ecosoc", "itu-council": "council", "itu-wtsa": "wtsa", "itu-wtdc": "wtdc",
                  "itu-wrc": "wrc", "itu-ra": "ra"}
_DOCUMENT_TYPES = {"statement", "act", "bill", "doc", "judgment", "debateReport", "officialGazette"}


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child) in names]


def _first(element: etree._Element, path: str) -> etree._Element | None:
    found = element.xpath(path)
    return found[0] if found else None


def read(path: Path, *, origin: str) -> tuple[Source, ...]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as error:
        raise InputError(origin, f"malformed XML: {error.msg}", line=error.lineno) from None
    if _local(root) != "akomaNtoso":
        raise InputError(origin, f"XML but not Akoma Ntoso (root element <{_local(root) or root.tag}>)",
                         line=root.sourceline)
    top = next((child for child in root if _local(child)), None)
    if top is None:
        raise InputError(origin, "Akoma Ntoso file with no document in it", line=root.sourceline)
    if _local(top) == "documentCollection":
        # the components sit inside the collection, or (the UN's resolutions adopted in parts, "75/101 A-B")
        # beside it, under the root
        documents = [doc for holder in (top, root)
                     for doc in holder.xpath("./*[local-name()='components']/*[local-name()='component']/*")
                     if _local(doc) in _DOCUMENT_TYPES]
        if not documents:
            raise InputError(origin, "documentCollection with no documents in its components",
                             line=top.sourceline)
        collection = _hints(top)
        shared_header = _children(top, "preface")
        return tuple(_render(doc, f"{origin}#{_document_id(doc, index)}", collection=collection,
                             shared_header=shared_header)
                     for index, doc in enumerate(documents, 1))
    return (_render(top, origin),)


_PART_LETTER = re.compile(r"[A-Z]{1,2}")
_PART_RANGE = re.compile(r"\s+[A-Z]{1,2}(?:\s*(?:-|to)\s*[A-Z]{1,2})?$")


def _part_hints(hints: Hints, collection: Hints) -> Hints:
    """A part of a resolution adopted in parts numbers itself by its letter alone ("A"): its number and symbol are
    the collection's with that letter ("75/101 A", "A/RES/75/101 A"); what it does not say, the collection does.

    >>> _part_hints(Hints(number="B", date="2020-12-10"), Hints(number="75/101", symbol="A/RES/75/101 A-B",
    ...                                                         body="unga"))
    Hints(kind=None, number='75/101 B', symbol='A/RES/75/101 B', title=None, body='unga', date='2020-12-10', \
work_title=None)
    """
    if not (hints.number and _PART_LETTER.fullmatch(hints.number) and collection.number):
        return hints
    symbol = f"{_PART_RANGE.sub('', collection.symbol)} {hints.number}" if collection.symbol else None
    return replace(hints, number=f"{collection.number.rstrip('.')} {hints.number}", symbol=hints.symbol or symbol,
                   body=hints.body or collection.body, date=hints.date or collection.date,
                   work_title=collection.title)


def _document_id(document: etree._Element, index: int) -> str:
    number = _first(document, "./*[local-name()='meta']//*[local-name()='FRBRWork']/*[local-name()='FRBRnumber']")
    if number is not None and number.get("value"):
        return str(number.get("value"))
    this = _first(document, "./*[local-name()='meta']//*[local-name()='FRBRWork']/*[local-name()='FRBRthis']")
    if this is not None and this.get("value"):
        parts = [part for part in str(this.get("value")).split("/") if part and not part.startswith("!")]
        if parts:
            return parts[-1]
    return f"doc-{index}"


@dataclass
class _Writer:
    """Accumulates rendered text and the blocks that point into it."""

    parts: list[str] = field(default_factory=list)
    position: int = 0
    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[int, etree._Element]] = field(default_factory=list)
    inline_notes: list[tuple[int, str, str]] = field(default_factory=list)

    def write(self, text: str) -> tuple[int, int]:
        start = self.position
        self.parts.append(text)
        self.position += len(text)
        return start, self.position

    def line(self, text: str, notes: list[tuple[int, etree._Element]] = ()) -> tuple[int, int]:  # type: ignore[assignment]
        start, end = self.write(text)
        self.notes.extend((start + offset, note) for offset, note in notes)
        self.write("\n")
        return start, end

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _flatten(element: etree._Element) -> tuple[str, list[tuple[int, etree._Element]]]:
    """The element's text with white space collapsed, and its footnotes with the offsets they anchor at."""
    pieces: list[str | etree._Element] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            pieces.append(node.text)
        for child in node:
            name = _local(child)
            if name == "authorialNote":
                pieces.append(child)
            elif name in ("eol", "br"):
                pieces.append(" ")
            elif name:
                walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    text = ""
    notes: list[tuple[int, etree._Element]] = []
    for piece in pieces:
        if isinstance(piece, str):
            collapsed = _SPACE.sub(" ", piece)
            if text.endswith(" ") and collapsed.startswith(" "):
                collapsed = collapsed[1:]
            if not text and collapsed.startswith(" "):
                collapsed = collapsed[1:]
            text += collapsed
        else:
            notes.append((len(text), piece))
    stripped = text.rstrip()
    return stripped, [(min(offset, len(stripped)), note) for offset, note in notes]


def _is_cross_heading(paragraphs: list[etree._Element]) -> bool:
    """One short paragraph, all of it in one italic or bold span, with no closing punctuation."""
    if len(paragraphs) != 1:
        return False
    text, _ = _flatten(paragraphs[0])
    emphasis = [child for child in paragraphs[0] if _local(child) in ("span", "i", "b")]
    if not text or len(text) > 150 or text.endswith((",", ";", ":", ".")) or len(emphasis) != 1:
        return False
    return _SPACE.sub(" ", "".join(emphasis[0].itertext())).strip() == text


def _leading_emphasis(paragraph: etree._Element | None) -> str | None:
    """The italic words a UN paragraph opens with ("Recalling", "Takes note"), if any."""
    if paragraph is None or (paragraph.text or "").strip():
        return None
    first = next(iter(paragraph), None)
    if first is None or _local(first) not in ("span", "i", "b", "inline"):
        return None
    if _local(first) == "span" and "italic" not in (first.get("class") or ""):
        return None
    words = _SPACE.sub(" ", "".join(first.itertext())).strip()
    return words or None


def _render(document: etree._Element, origin: str, *, collection: Hints | None = None,
            shared_header: Sequence[etree._Element] = ()) -> Source:
    """One document as text with its blocks; a part of a collection also gets the collection's own preface (the
    number and title its parts share) at the head of its header."""
    writer = _Writer()
    hints = _hints(document)
    if collection is not None:
        hints = _part_hints(hints, collection)
    preface = _children(document, "preface")
    cover = _children(document, "coverPage")
    for part in [*shared_header, *(preface or cover)]:
        for paragraph in part.iter():
            if _local(paragraph) == "p" and not any(_local(a) == "p" for a in paragraph.iterancestors()
                                                    if a is not part):
                text, notes = _flatten(paragraph)
                if text:
                    writer.line(text, notes)
    preamble = next(iter(_children(document, "preamble")), None)
    if preamble is not None:
        for formula in _children(preamble, "formula"):
            text, notes = _flatten(formula)
            writer.line(text, notes)
    if writer.position:
        writer.blocks.append(Block("header", 0, writer.position - 1))
    if preamble is not None:
        _render_part(preamble, "preambular", writer)
    for body in _children(document, "mainBody", "body"):
        _render_part(body, "operative", writer)
    for attachments in _children(document, "attachments", "components"):
        for attachment in attachments:
            _render_annex(attachment, writer)
    for conclusions in _children(document, "conclusions"):
        text, notes = _flatten(conclusions)
        writer.line(text, notes)
    _render_notes(writer)
    return Source(origin=origin, text=writer.text, format="akn", hints=hints, blocks=tuple(writer.blocks))


_GROUPS = ("recitals", "hcontainer", "section", "chapter", "part", "title", "division")
_CLAUSES = ("recital", "container", "paragraph", "point", "tblock", "blockList")


def _render_part(part: etree._Element, kind: str, writer: _Writer) -> None:
    for child in part:
        if _local(child) != "formula":
            _render_child(child, kind, writer)


def _render_group(group: etree._Element, kind: str, writer: _Writer) -> None:
    """A headed group: ITU's ``recitals`` with an ``intro`` and ``hcontainer`` with a ``heading``; UN sections."""
    for child in group:
        if _local(child) in ("intro", "heading") and kind and _local(group) in ("recitals", "hcontainer"):
            text, notes = _flatten(child)
            if text:
                start, end = writer.line(text, notes)
                writer.blocks.append(Block("heading", start, end, part=kind))
        else:
            _render_child(child, kind, writer)


def _render_child(child: etree._Element, kind: str, writer: _Writer) -> None:
    name = _local(child)
    if name in _GROUPS:
        _render_group(child, kind, writer)
    elif name in _CLAUSES:
        _render_clause(child, kind, writer, depth=0)
    elif name:
        _render_plain(child, writer)


def _render_plain(element: etree._Element, writer: _Writer) -> None:
    text, notes = _flatten(element)
    if text:
        writer.line(text, notes)


def _render_clause(clause: etree._Element, kind: str, writer: _Writer, *, depth: int) -> None:
    """A recital, container, paragraph or point: its ``num``, an opening italic verb, its text, its sub-points."""
    if clause.find(".//{*}table") is not None or not clause.xpath(".//*[local-name()='p']"):
        _render_plain(clause, writer)  # a table, or a paragraph that is only a (sub)heading: not a clause
        return
    num = next(iter(_children(clause, "num")), None)
    label = _SPACE.sub(" ", "".join(num.itertext())).strip() if num is not None else ""
    body_parts = [child for child in clause if _local(child) not in ("num", "list", "blockList", "heading",
                                                                      "subheading", "crossHeading")]
    sublists = [child for child in clause if _local(child) in ("list", "blockList")]
    for child in clause:
        if _local(child) in ("heading", "subheading", "crossHeading"):
            _render_plain(child, writer)
    intros = [intro for sub in sublists for intro in _children(sub, "intro", "listIntroduction")]
    paragraphs = [p for part in body_parts + intros for p in ([part] if _local(part) == "p" else part.iter("{*}p"))
                  if not any(_local(a) == "authorialNote" for a in p.iterancestors())]
    if not label and not sublists and _is_cross_heading(paragraphs):
        _render_plain(clause, writer)   # "Designation criteria", "United Nations mandate": a heading, not a clause
        return
    if label:
        writer.write(label + " ")
    heading = _leading_emphasis(paragraphs[0]) if depth == 0 and paragraphs else None
    texts = [_flatten(p) for p in paragraphs] or [_flatten(clause)]
    if heading and texts[0][0].rstrip(" ,;:.") == heading.rstrip(" ,;:."):
        heading = heading.split(" ", 1)[0]  # all of it italic: "Acting under Chapter VII ...,"
    combined, notes = "", []
    for text, text_notes in texts:
        if text:
            separator = "\n" if combined else ""
            notes += [(len(combined) + len(separator) + offset, note) for offset, note in text_notes]
            combined += separator + text
    offset = 0
    if heading and combined.startswith(heading):
        start, end = writer.write(heading)
        writer.blocks.append(Block("heading", start, end, part=kind))
        offset = len(heading)
        while offset < len(combined) and combined[offset] in " ,":
            writer.write(combined[offset])
            offset += 1
    _write_clause_text(combined[offset:], [(o - offset, n) for o, n in notes if o >= offset], kind, label,
                       depth, writer)
    writer.write("\n")
    for sub in sublists:
        for item in sub:
            if _local(item) in ("point", "item", "indent", "alinea"):
                _render_clause(item, kind, writer, depth=depth + 1)
            elif _local(item) in ("list", "sublist", "blockList"):
                for point in item.iter():
                    if _local(point) in ("point", "item") and point.getparent() is item:
                        _render_clause(point, kind, writer, depth=depth + 2)


def _write_clause_text(text: str, notes: list[tuple[int, etree._Element]], kind: str, label: str, depth: int,
                       writer: _Writer) -> None:
    """Write a clause's text; a footnote the converter left inline after "____" becomes a footnote."""
    inline = _INLINE_FOOTNOTE.search(text)
    body = text[: inline.start()] if inline else text
    start, end = writer.write(body)
    writer.notes.extend((start + offset, note) for offset, note in notes if offset <= len(body))
    if body.strip():
        writer.blocks.append(Block("clause", start, end, part=kind, label=label, depth=depth))
    if inline:
        writer.write(text[inline.start():inline.end()])
        note_start, note_end = writer.write(text[inline.end():])
        writer.inline_notes.append((end, inline.group(1), text[inline.end():]))
        writer.blocks.append(Block("footnote", note_start, note_end, marker=inline.group(1), anchor=end))


def _render_annex(attachment: etree._Element, writer: _Writer) -> None:
    """An annex's text, one line per paragraph; its footnotes go with the others (a declaration annexed to a
    resolution cites in its footnotes: "Resolution 70/1.")."""
    lines: list[str] = []
    notes: list[tuple[int, etree._Element]] = []
    offset = 0
    for paragraph in attachment.iter("{*}p", "{*}heading", "{*}num"):
        if any(_local(a) == "p" for a in paragraph.iterancestors()):
            continue
        text, paragraph_notes = _flatten(paragraph)
        if text:
            notes += [(offset + at, note) for at, note in paragraph_notes]
            lines.append(text)
            offset += len(text) + 1
    if not lines:
        return
    writer.write("\n")
    start, end = writer.write("\n".join(lines))
    writer.notes.extend((start + at, note) for at, note in notes)
    writer.write("\n")
    writer.blocks.append(Block("annex", start, end))


def _render_notes(writer: _Writer) -> None:
    """Footnotes go after the body, each on its own line, anchored where the text refers to them."""
    if writer.notes:
        writer.write("\n")
    for anchor, note in writer.notes:
        marker = note.get("marker") or ""
        text, _ = _flatten(note)
        writer.write(f"{marker} " if marker else "")
        start, end = writer.write(text)
        writer.write("\n")
        writer.blocks.append(Block("footnote", start, end, marker=marker, anchor=anchor))


def _hints(document: etree._Element) -> Hints:
    meta = _first(document, "./*[local-name()='meta']")
    kind = document.get("name")
    number = symbol = title = body = date = None
    if meta is not None:
        author = _first(meta, ".//*[local-name()='FRBRWork']/*[local-name()='FRBRauthor']")
        if author is not None:
            body = _AUTHOR_BODIES.get(str(author.get("href", "")).lstrip("#").lower())
        adoption = _first(meta, ".//*[local-name()='FRBRWork']/*[local-name()='FRBRdate']")
        if adoption is not None:
            date = adoption.get("date")
    for element in document.iter("{*}docNumber"):
        text = _SPACE.sub(" ", "".join(element.itertext())).strip()
        if re.match(r"^[A-Z]+/", text):
            symbol = text
        elif number is None:
            number = text.rstrip(".")
    titles = [element for element in document.iter("{*}docTitle")
              if element.get("refersTo") in (None, "#resolutionTitle")]
    titles.sort(key=lambda element: element.get("refersTo") != "#resolutionTitle")
    if titles and document.find("{*}preface") is not None:
        title = _SPACE.sub(" ", "".join(titles[0].itertext())).strip()
    if title is None:
        container = _first(document, "./*[local-name()='preface']/*[local-name()='container'][@name='title']")
        if container is not None:
            title = _SPACE.sub(" ", "".join(container.itertext())).strip()
    doc_type = next(iter(document.iter("{*}docType")), None)
    if doc_type is not None:
        kind = _SPACE.sub(" ", "".join(doc_type.itertext())).strip().lower()
    return Hints(kind=kind, number=number, symbol=symbol, title=title, body=body, date=date)
