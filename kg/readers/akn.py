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
from functools import cache

from lxml import etree

from kg.errors import InputError
from kg.model import Block, Hints, Source

# PP-18's converter left some footnotes in the running text after a rule of underscores: "...; ____ 1 These ..."
_INLINE_FOOTNOTE = re.compile(r"\s*_{5,}\s*(\d{1,2}|\*)\s+(?=\S)")
_AUTHOR_BODIES = {"itu-pp": "pp", "ga": "unga", "unga": "unga", "sc": "unsc", "unsc": "unsc", "hrc": "hrc",
                  "ecosoc": "ecosoc", "itu-council": "council", "itu-wtsa": "wtsa", "itu-wtdc": "wtdc",
                  "itu-wrc": "wrc", "itu-ra": "ra"}
_DOCUMENT_TYPES = {"statement", "act", "bill", "doc", "judgment", "debateReport", "officialGazette"}


def _local(element: etree._Element) -> str:
    """The element's name without its namespace (``""`` for a comment or processing instruction)."""
    tag = element.tag
    return _local_name(tag) if isinstance(tag, str) else ""


@cache   # (a document has a few dozen distinct tags and hundreds of thousands of elements)
def _local_name(tag: str) -> str:
    """``"{ns}p"`` -> ``"p"``, as ``etree.QName(tag).localname`` says, without making a ``QName`` per element.

    >>> _local_name("{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}p"), _local_name("p")
    ('p', 'p')
    """
    return tag.partition("}")[2] if tag.startswith("{") else tag


def _words(element: etree._Element) -> str:
    """The text of ``element`` and all it holds, its white space collapsed and stripped."""
    return " ".join("".join(element.itertext()).split())


def _collapse(text: str) -> str:
    """Each run of white space in ``text`` as one space (``re.sub(r"\\s+", " ", text)``: ``str.split`` and ``\\s``
    split at the same characters, and the split runs in C without a regular expression's step per character).

    >>> _collapse(" a \\n\\t b  "), _collapse("\\n"), _collapse("")
    (' a b ', ' ', '')
    """
    words = " ".join(text.split())
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + words + (" " if text[-1].isspace() else "")


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child) in names]


def _first(element: etree._Element, path: str) -> etree._Element | None:
    found = _xpath(path)(element)
    return found[0] if found else None   # type: ignore[index]


@cache
def _xpath(path: str) -> etree.XPath:
    """``path`` compiled once per process (``element.xpath(path)`` compiles it at every call)."""
    return etree.XPath(path)


def read(data: bytes, *, origin: str) -> tuple[Source, ...]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(origin, f"malformed XML: {error.msg}", line=error.lineno) from None
    try:
        return _documents(root, origin)
    except RecursionError:   # (the rendering walks the tree; no real document comes near)
        raise InputError(origin, "elements nested too deep to be read (hundreds of levels)") from None


def _documents(root: etree._Element, origin: str) -> tuple[Source, ...]:
    if _local(root) != "akomaNtoso":
        raise InputError(origin, f"XML but not Akoma Ntoso (root element <{_local(root) or root.tag}>)",
                         line=root.sourceline)
    top = next((child for child in root if _local(child)), None)
    if top is None:
        raise InputError(origin, "Akoma Ntoso file with no document in it", line=root.sourceline)
    if _local(top) == "documentCollection":
        documents = _collection_documents(root)
        if not documents:
            raise InputError(origin, "documentCollection with no documents in its components",
                             line=top.sourceline)
        collection = _hints(top)
        shared_header = _children(top, "preface")
        return tuple(_render(doc, f"{origin}#{_document_id(doc, index)}", collection=collection,
                             shared_header=shared_header, part_id=_document_id(doc, index), index=index)
                     for index, doc in enumerate(documents, 1))
    return (_render(top, origin),)


def _collection_documents(root: etree._Element) -> list[etree._Element]:
    """The documents of a collection, in order: in its ``collectionBody`` or its ``components``, in
    ``components`` beside it under the root (the UN's resolutions adopted in parts, "75/101 A-B"), or in its
    attachments; never a document nested in one of those (an annex of a part is the part's)."""
    documents = []
    for component in root.iter("{*}component"):
        if not any(_local(ancestor) in _DOCUMENT_TYPES for ancestor in component.iterancestors()):
            documents += [child for child in component if _local(child) in _DOCUMENT_TYPES]
    return documents


# a part's own number: a letter or two ("A", "AA") or a roman numeral ("II", "XIV"), as the UN numbers them
_PART = r"(?:[A-Z]{1,2}|[IVXL]{1,7})"
_PART_LETTER = re.compile(_PART)
_PART_RANGE = re.compile(rf"\s+{_PART}(?:\s*(?:-|to)\s*{_PART})?$")


def _part_hints(hints: Hints, collection: Hints, *, part_id: str = "", index: int = 1) -> Hints:
    """A part of a resolution adopted in parts numbers itself by its letter alone ("A"): its number and symbol are
    the collection's with that letter ("75/101 A", "A/RES/75/101 A"); what it does not say, the collection does.
    A part that prints no number of its own takes it from its FRBR name ("75-101B"), else from its place in the
    collection's range ("A-C": the second part is B; "I-XV": it is II).

    >>> _part_hints(Hints(number="B", date="2020-12-10"), Hints(number="75/101", symbol="A/RES/75/101 A-B",
    ...                                                         body="unga"))
    Hints(kind=None, number='75/101 B', symbol='A/RES/75/101 B', title=None, body='unga', date='2020-12-10', \
work_title=None)
    >>> _part_hints(Hints(), Hints(number="76/245", symbol="A/RES/76/245 I-III"), index=3).number
    '76/245 III'
    """
    if not collection.number:
        return hints
    number = _part_number(hints.number, collection, part_id, index)
    if number is None:
        return hints
    symbol = f"{_PART_RANGE.sub('', collection.symbol)} {number}" if collection.symbol else None
    return replace(hints, number=f"{collection.number.rstrip('.')} {number}", symbol=hints.symbol or symbol,
                   body=hints.body or collection.body, date=hints.date or collection.date,
                   work_title=collection.title)


def _part_number(printed: str | None, collection: Hints, part_id: str, index: int) -> str | None:
    if printed:
        return printed if _PART_LETTER.fullmatch(printed) else None
    stem = str(collection.number).rstrip(".").replace("/", "-")
    if part_id.startswith(stem) and _PART_LETTER.fullmatch(part_id[len(stem):]):
        return part_id[len(stem):]
    first = re.search(rf"\s({_PART})(?:\s*(?:-|to)\s*{_PART})?$", collection.symbol or "")
    if first is None:
        return None
    if re.fullmatch(r"[IVXL]+", first.group(1)) and first.group(1) in ("I", "II", "III", "IV", "V"):
        return _roman(_roman_value(first.group(1)) + index - 1)
    if len(first.group(1)) == 1 and ord(first.group(1)) + index - 1 <= ord("Z"):
        return chr(ord(first.group(1)) + index - 1)
    return None


_ROMAN_DIGITS = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(value: int) -> str:
    numeral = ""
    for amount, digits in _ROMAN_DIGITS:
        while value >= amount:
            numeral, value = numeral + digits, value - amount
    return numeral


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    return sum(-values[c] if i + 1 < len(numeral) and values[c] < values[numeral[i + 1]] else values[c]
               for i, c in enumerate(numeral))


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


# what ``_flatten`` must walk the tree for: a footnote (kept apart), a line break (a space), a node that is no element
_NOT_PLAIN = ("{*}authorialNote", "{*}eol", "{*}br", etree.Entity, etree.Comment, etree.ProcessingInstruction)


def _flatten(element: etree._Element) -> tuple[str, list[tuple[int, etree._Element]]]:
    """The element's text with white space collapsed, and its footnotes with the offsets they anchor at."""
    if next(element.iterdescendants(*_NOT_PLAIN), None) is None:
        return _words(element), []   # (most paragraphs: no footnote, line break or entity in them)
    # the words between two footnotes are one run, collapsed at once (a run of spaces across two elements' texts
    # is one space); a run that opens with a space after text that ends with one, or at the start, loses it
    run: list[str] = []
    texts: list[str] = []
    notes: list[tuple[int, etree._Element]] = []
    length = 0

    def end_run() -> None:
        nonlocal length
        collapsed = _collapse("".join(run))
        run.clear()
        if collapsed.startswith(" ") and (not length or texts[-1].endswith(" ")):
            collapsed = collapsed[1:]
        if collapsed:
            texts.append(collapsed)
            length += len(collapsed)

    def walk(node: etree._Element) -> None:
        if node.text:
            run.append(node.text)
        for child in node:
            name = _local(child)
            if name == "authorialNote":
                end_run()
                notes.append((length, child))
            elif name in ("eol", "br"):
                run.append(" ")
            elif name:
                walk(child)
            if child.tail:
                run.append(child.tail)

    walk(element)
    end_run()
    stripped = "".join(texts).rstrip()
    return stripped, [(min(offset, len(stripped)), note) for offset, note in notes]


def _is_cross_heading(paragraphs: list[etree._Element], text: str) -> bool:
    """One short paragraph (whose flattened ``text`` is given), all of it in one italic or bold span, with no
    closing punctuation."""
    if len(paragraphs) != 1:
        return False
    emphasis = [child for child in paragraphs[0] if _local(child) in ("span", "i", "b")]
    if not text or len(text) > 150 or text.endswith((",", ";", ":", ".")) or len(emphasis) != 1:
        return False
    return _words(emphasis[0]) == text


def _leading_emphasis(paragraph: etree._Element | None) -> str | None:
    """The italic words a UN paragraph opens with ("Recalling", "Takes note"), if any."""
    if paragraph is None or (paragraph.text or "").strip():
        return None
    first = next(iter(paragraph), None)
    if first is None or _local(first) not in ("span", "i", "b", "inline"):
        return None
    if _local(first) == "span" and "italic" not in (first.get("class") or ""):
        return None
    words = _words(first)
    return words or None


def _render(document: etree._Element, origin: str, *, collection: Hints | None = None,
            shared_header: Sequence[etree._Element] = (), part_id: str = "", index: int = 1) -> Source:
    """One document as text with its blocks; a part of a collection also gets the collection's own preface (the
    number and title its parts share) at the head of its header."""
    writer = _Writer()
    hints = _hints(document)
    if collection is not None:
        hints = _part_hints(hints, collection, part_id=part_id, index=index)
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
    formulas = []
    if preamble is not None:
        for formula in _children(preamble, "formula"):
            text, notes = _flatten(formula)
            if text:   # (an empty formula in no preface made an empty header)
                start, end = writer.line(text, notes)
                formulas.append(Block("formula", start, end))
    if writer.position:
        # (the formula is marked: its words alone do not always say so, "The Plenipotentiary Conference of the
        # International Telecommunication Union (Dubai, 2018)" with no comma, and it ran into the title)
        writer.blocks += [Block("header", 0, writer.position - 1), *formulas]
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
_HEADINGS = ("num", "heading", "subheading")
_UN_HEADING_CLASS = re.compile(r"H\d{1,2}")
# the number of a part of an omnibus resolution: "II", "III.", "A", "Part IV"
_PART_NUM = re.compile(r"(?:Part\s+)?(?:[IVXL]{1,7}|[A-Z])\.?")


def _render_part(part: etree._Element, kind: str, writer: _Writer) -> None:
    for child in part:
        if _local(child) != "formula":
            _render_child(child, kind, writer)


def _render_group(group: etree._Element, kind: str, writer: _Writer) -> None:
    """A headed group: ITU's ``recitals`` with an ``intro`` and ``hcontainer`` with a ``heading``; UN sections.

    A group with a ``num`` is a part of an omnibus resolution ("II" / "Conditions of service ..."): its number
    and title open the part, its ``crossHeading``s marked as preamble are the part's preambular paragraphs and its
    paragraphs the part's operative ones."""
    if _children(group, "content") and not _children(group, "heading", "subheading"):
        _render_clause(group, kind, writer, depth=0)   # an hcontainer that is a numbered paragraph: a clause
        return
    nums = _children(group, "num")
    if nums and _PART_NUM.fullmatch(_words(nums[0])):
        lines = [(_flatten(child), child) for child in group if _local(child) in _HEADINGS]
        start = writer.position
        for (text, notes), _ in lines:
            if text:
                writer.line(text, notes)
        label = _words(nums[0]).rstrip(".").removeprefix("Part").strip()
        writer.blocks.append(Block("part", start, max(start, writer.position - 1), label=label))
        for child in group:
            if _local(child) not in _HEADINGS:
                _render_child(child, kind, writer)
        return
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
    elif name == "crossHeading" and child.get("refersTo") == "#preamble":
        _render_clause(child, "preambular", writer, depth=0)   # a part's preambular paragraph (75/253 B, part II)
    elif name:
        _render_plain(child, writer)


def _render_plain(element: etree._Element, writer: _Writer) -> None:
    text, notes = _flatten(element)
    if text:
        writer.line(text, notes)


def _render_table(table: etree._Element, writer: _Writer) -> None:
    """A table, a line per row (its cells apart), so that no two rows run together."""
    rows = [row for row in table.iter("{*}tr")]
    if not rows:
        _render_plain(table, writer)
        return
    for row in rows:
        text, notes = _row(row)
        if text:
            writer.line(text, notes)


def _row(row: etree._Element) -> tuple[str, list[tuple[int, etree._Element]]]:
    """A table row's cells, apart by tabs, and their footnotes."""
    text, notes = "", []
    for cell in row:
        cell_text, cell_notes = _flatten(cell) if _local(cell) in ("td", "th") else ("", [])
        if cell_text:
            separator = "\t" if text else ""
            notes += [(len(text) + len(separator) + at, note) for at, note in cell_notes]
            text += separator + cell_text
    return text, notes


def _direct(element: etree._Element, holder: etree._Element) -> bool:
    """Whether ``element`` belongs to ``holder``'s own text: not inside a footnote, a table or a (sub-)list of it."""
    return _within(element, holder, ("authorialNote", "table", "list", "blockList"))


def _within(element: etree._Element, holder: etree._Element, apart: tuple[str, ...]) -> bool:
    """Whether no element named in ``apart`` stands between ``element`` and ``holder``."""
    node = element.getparent()
    while node is not None and node is not holder:
        if _local(node) in apart:
            return False
        node = node.getparent()
    return True


def _text_elements(part: etree._Element) -> list[etree._Element]:
    """The elements whose text is ``part``'s own: itself if a ``p``, else its ``p``s (an introduction to a list
    may hold its words without one)."""
    if _local(part) == "p":
        return [part]
    paragraphs = [p for p in part.iter("{*}p") if _direct(p, part)]
    if not paragraphs and _local(part) in ("intro", "listIntroduction"):
        return [part]
    return paragraphs


_LISTS = ("list", "blockList")
_CLAUSE_HEADINGS = ("heading", "subheading", "crossHeading")
_NOT_BODY = ("num", *_LISTS, *_CLAUSE_HEADINGS)


def _render_clause(clause: etree._Element, kind: str, writer: _Writer, *, depth: int) -> None:
    """A recital, container, paragraph or point: its ``num``, an opening italic verb, its text, its sub-points; a
    table in it comes after its text, a line per row; the list's closing words (``wrapUp``) after its points."""
    name = _local(clause)
    tables = [table for table in clause.iter("{*}table") if _direct(table, clause)]
    if name != "crossHeading" and (next(clause.iterdescendants("{*}p"), None) is None
                                   or (tables and not _text_outside(clause, tables))):
        if tables:
            _render_plain_with_tables(clause, writer)
        else:
            _render_plain(clause, writer)  # a paragraph that is only a (sub)heading: not a clause
        return
    children = [(child, _local(child)) for child in clause]
    num = next((child for child, child_name in children if child_name == "num"), None)
    label = _words(num) if num is not None else ""
    body_parts = [child for child, child_name in children if child_name not in _NOT_BODY]
    sublists = [child for child, child_name in children if child_name in _LISTS]
    sublists += [block for part in body_parts if _local(part) != "p" for block in part
                 if _local(block) in _LISTS]   # a blockList inside the paragraph's content
    if name != "crossHeading":
        for child, child_name in children:
            if child_name in _CLAUSE_HEADINGS:
                _render_plain(child, writer)
    intros = [intro for sub in sublists for intro in _children(sub, "intro", "listIntroduction")]
    if name == "crossHeading":
        paragraphs = [clause]
    else:
        paragraphs = [p for part in body_parts + intros for p in _text_elements(part)]
    texts = [_flatten(p) for p in paragraphs] or [_flatten(clause)]
    if not label and not sublists and name != "crossHeading" and _is_cross_heading(paragraphs, texts[0][0]):
        _render_plain(clause, writer)   # "Designation criteria", "United Nations mandate": a heading, not a clause
        return
    if label:
        writer.write(label + " ")
    # (a paragraph in one of the UN's heading styles opens no section: "(b) Good offices and reconciliation" is an
    # item of the mandate in the paragraph before it, not a section "Good")
    heading = (_leading_emphasis(paragraphs[0]) if depth == 0 and paragraphs
               and not _UN_HEADING_CLASS.fullmatch(clause.get("class") or "") else None)
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
    for table in tables:
        _render_table(table, writer)
    for sub in sublists:
        _render_list(sub, kind, writer, depth=depth + 1)


def _render_list(points: etree._Element, kind: str, writer: _Writer, *, depth: int, nested: bool = False) -> None:
    """A list's points, and the points of the lists nested in it (2231's "1.9.1.3" inside "1.9.1" inside "1.9"),
    each a clause; its closing words (``wrapUp``) a clause after its points, and so is the introduction of a list
    nested in another."""
    for item in points:
        name = _local(item)
        if name in ("point", "item", "indent", "alinea"):
            _render_clause(item, kind, writer, depth=depth)
        elif name in ("list", "sublist", "blockList"):
            _render_list(item, kind, writer, depth=depth + 1, nested=True)
        elif name in ("wrapUp", "listWrapUp") or (nested and name in ("intro", "listIntroduction")):
            text, notes = _flatten(item)
            if text:
                _write_clause_text(text, notes, kind, "", depth, writer)
                writer.write("\n")


def _text_outside(clause: etree._Element, tables: list[etree._Element]) -> bool:
    """Whether a clause holding a table has words of its own besides the table's."""
    return any(_flatten(p)[0] for p in clause.iter("{*}p")
               if not any(a in tables or _local(a) == "authorialNote" for a in p.iterancestors()))


def _render_plain_with_tables(element: etree._Element, writer: _Writer) -> None:
    """A container that is a table (the budget's appropriations by section): its other text, then its rows."""
    if (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        _render_plain(element, writer)   # (words between its elements: kept as they stand, on one line)
        return
    for child in element:
        if _local(child) == "table":
            _render_table(child, writer)
        elif child.find(".//{*}table") is not None:
            _render_plain_with_tables(child, writer)
        elif _local(child):
            _render_plain(child, writer)


def _write_clause_text(text: str, notes: list[tuple[int, etree._Element]], kind: str, label: str, depth: int,
                       writer: _Writer) -> None:
    """Write a clause's text; a footnote the converter left inline after "____" becomes a footnote."""
    inline = _INLINE_FOOTNOTE.search(text) if "_____" in text else None   # (the search tries every space)
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
    """An annex. One whose body is numbered paragraphs (a declaration annexed to a resolution: "3. Reaffirm ...")
    is read as the body is, its paragraphs clauses of the annex and its opening lines (the annex's title) the
    annex's heading; any other (a table, a list of names, an oath) is one annex block, a line per paragraph. The
    footnotes of either go with the others (a declaration cites in its footnotes: "Resolution 70/1.")."""
    document = next((child for child in attachment if _local(child) in _DOCUMENT_TYPES), attachment)
    if _numbered_body(document):
        _render_annexed_document(document, writer)
        return
    lines: list[str] = []
    notes: list[tuple[int, etree._Element]] = []
    offset = 0
    for paragraph in attachment.iter("{*}p", "{*}heading", "{*}num", "{*}subheading", "{*}tr"):
        if any(_local(a) in ("p", "heading", "subheading", "authorialNote", "meta", "tr")
               for a in paragraph.iterancestors()):
            continue
        text, paragraph_notes = _row(paragraph) if _local(paragraph) == "tr" else _flatten(paragraph)
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


def _numbered_body(document: etree._Element) -> bool:
    """Whether an annexed document's body (not its own annexes) has a numbered paragraph."""
    for holder in _children(document, "preamble", "mainBody", "body"):
        for element in holder.iter("{*}paragraph", "{*}point", "{*}recital", "{*}container"):
            if _children(element, "num") and _within(element, holder, ("attachments", "components", "table")):
                return True
    return False


def _render_annexed_document(document: etree._Element, writer: _Writer) -> None:
    writer.write("\n")
    start, first_block = writer.position, len(writer.blocks)
    for part in _children(document, "coverPage", "preface"):
        for paragraph in part.iter("{*}p"):
            if not any(_local(a) in ("p", "authorialNote") for a in paragraph.iterancestors()):
                _render_plain(paragraph, writer)
    preamble = next(iter(_children(document, "preamble")), None)
    if preamble is not None:
        for formula in _children(preamble, "formula"):
            _render_plain(formula, writer)
        _render_part(preamble, "preambular", writer)
    for body in _children(document, "mainBody", "body"):
        _render_part(body, "operative", writer)
    for conclusions in _children(document, "conclusions"):
        _render_plain(conclusions, writer)
    for attachments in _children(document, "attachments", "components"):
        for attachment in attachments:
            _render_annex(attachment, writer)
    # the lines before the annex's first paragraph are its heading: "Political Declaration on HIV and AIDS ..."
    structure = next((b for b in writer.blocks[first_block:] if b.role in ("clause", "heading", "part")), None)
    before = writer.text[start:structure.start] if structure is not None else ""
    heading_end = start + len(before[:before.rfind("\n")].rstrip()) if "\n" in before else start
    opening = (Block("annex", start, heading_end) if heading_end > start
               else Block("part", start, start, label="annex"))
    writer.blocks.insert(first_block, opening)


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
        if end > start:   # (an empty note, <authorialNote marker="2"/>, leaves its marker as remainder)
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
    found: dict[str, list[etree._Element]] = {"docNumber": [], "docTitle": [], "docType": []}
    for element in document.iter("{*}docNumber", "{*}docTitle", "{*}docType"):   # (one walk of the tree, not three)
        found[_local(element)].append(element)
    for element in found["docNumber"]:
        text = _words(element)
        if re.match(r"^[A-Z]+/", text):
            symbol = text
        elif number is None:
            number = text.rstrip(".")
    titles = [element for element in found["docTitle"] if element.get("refersTo") in (None, "#resolutionTitle")]
    titles.sort(key=lambda element: element.get("refersTo") != "#resolutionTitle")
    if titles and document.find("{*}preface") is not None:
        title = _words(titles[0])
    if title is None:
        container = _first(document, "./*[local-name()='preface']/*[local-name()='container'][@name='title']")
        if container is not None:
            title = _words(container)
    doc_type = next(iter(found["docType"]), None)
    if doc_type is not None:
        kind = _words(doc_type).lower()
    return Hints(kind=kind, number=number, symbol=symbol, title=title, body=body, date=date)
