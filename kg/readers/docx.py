"""Word documents (.docx) through python-docx: one line per paragraph, tabs kept (ITU puts ``a)<TAB>text``).

Tables are read row by row (one line per row, the cells' text joined by a tab), in their place among the
paragraphs. Footnotes and endnotes are kept as the Markdown reader keeps them: the reference as ``[^1]`` where it
stands in the text, the note as a ``[^1]: ...`` line after the body; the parser attaches each note to its clause.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part
from lxml import etree

from kg.errors import InputError
from kg.model import Source
from kg.readers.lists import list_number

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# each kind of note: its part's relationship, its element, and what its marker opens with ("[^1]", "[^e1]")
_NOTE_KINDS = {"footnote": (RELATIONSHIP_TYPE.FOOTNOTES, ""), "endnote": (RELATIONSHIP_TYPE.ENDNOTES, "e")}
_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}   # a note part's own furniture


def read(data: bytes, *, origin: str, max_size: int) -> tuple[Source, ...]:
    """The text of a .docx package; ``InputError`` when a part, unpacked, would pass ``max_size`` bytes (or all
    of them four times that): a zip bomb of a few hundred KB would otherwise take minutes and gigabytes."""
    try:
        _check_unpacked_size(zipfile.ZipFile(io.BytesIO(data)), origin, max_size)
        document = docx.Document(io.BytesIO(data))
        if not hasattr(document.element, "body"):   # (a part of another namespace: python-docx gives a plain element)
            raise InputError(origin, f"not a readable .docx file: its document part is {document.element.tag}, "
                                     f"not WordprocessingML's document")
        numbers = _ListNumbers(document)
        caps = _capital_styles(document)
        lines = [line for block in document.iter_inner_content() for line in _lines_of(block._element, numbers, caps)]
        notes = [f"[^{marker}]: {text}" for marker, text in _notes(document, caps)]
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError,
            zlib.error, EOFError, NotImplementedError, RuntimeError) as error:   # (a damaged, unknown or locked part)
        raise InputError(origin, f"not a readable .docx file: {error}") from None
    text = "\n".join(lines + ([""] + notes if notes else [])).replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, "the .docx file holds no text")
    return (Source(origin=origin, text=text + "\n", format="docx"),)


def _check_unpacked_size(package: zipfile.ZipFile, origin: str, max_size: int) -> None:
    """Every part's unpacked size as the package declares it within the limit (zipfile unpacks no more than a
    part declares, and a part that unpacks otherwise fails its CRC check)."""
    sizes = [(member.filename, member.file_size) for member in package.infolist()]
    for name, size in sizes:
        if size > max_size:
            raise InputError(origin, f"part {name} unpacks to {size:,} bytes: larger than the limit of "
                                     f"{max_size:,} (--max-file-size)")
    if sum(size for _, size in sizes) > 4 * max_size:
        raise InputError(origin, f"unpacks to {sum(size for _, size in sizes):,} bytes: larger than four times "
                                 f"the limit of {max_size:,} (--max-file-size)")


def _lines_of(element: etree._Element, numbers: _ListNumbers, caps: frozenset[str]) -> list[str]:
    """A paragraph's line (with the label Word numbers it with), or a table's: one per row."""
    if element.tag == f"{_W}tbl":
        return ["\t".join(" ".join(_text_of(paragraph, caps) for paragraph in cell.iter(f"{_W}p")).strip()
                          for cell in row.iterchildren(f"{_W}tc"))
                for row in element.iter(f"{_W}tr")]
    label = numbers.label(element)
    return [f"{label}\t{_text_of(element, caps)}" if label else _text_of(element, caps)]


def _capital_styles(document: docx.document.Document) -> frozenset[str]:
    """The ids of the styles that show their text in capitals (``w:caps`` or ``w:smallCaps``, theirs or a style's
    they are based on): the ITU's templates type a resolution's heading "Resolution 69 (Rev. Dubai, 2012)", or in
    lower case, and print it "RESOLUTION 69 ..." through the style."""
    styles = _part_root(document, RELATIONSHIP_TYPE.STYLES)
    if styles is None:
        return frozenset()
    own: dict[str, bool | None] = {}
    based_on: dict[str, str | None] = {}
    for style in styles.iterchildren(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        own[style_id] = _capitals(style.find(f"{_W}rPr"))
        based_on[style_id] = _val(style.find(f"{_W}basedOn"))

    def shows_capitals(style_id: str | None, depth: int = 0) -> bool:
        if style_id is None or style_id not in own or depth > 20:   # (a loop of basedOn in a damaged file)
            return False
        value = own[style_id]
        return value if value is not None else shows_capitals(based_on[style_id], depth + 1)

    return frozenset(style_id for style_id in own if shows_capitals(style_id))


def _capitals(properties: etree._Element | None) -> bool | None:
    """Whether run properties set capitals on (True), off (False) or say nothing of them (None)."""
    if properties is None:
        return None
    for tag in ("caps", "smallCaps"):
        if (element := properties.find(f"{_W}{tag}")) is not None:
            return element.get(f"{_W}val", "true") not in ("false", "0", "off")
    return None


class _ListNumbers:
    """Word's automatic numbering: the label a numbered paragraph shows ("1.", "a)", "(iii)") is not in its text
    but made from the numbering part (each level's format, label pattern and start), counted paragraph by
    paragraph; the numbering comes from the paragraph or its style. A bullet or an unknown list gives none."""

    def __init__(self, document: docx.document.Document) -> None:
        numbering = _part_root(document, RELATIONSHIP_TYPE.NUMBERING)
        styles = _part_root(document, RELATIONSHIP_TYPE.STYLES)
        abstract = {} if numbering is None else {
            element.get(f"{_W}abstractNumId"): {int(level.get(f"{_W}ilvl", "0")): _level(level)
                                                 for level in element.iterchildren(f"{_W}lvl")}
            for element in numbering.iterchildren(f"{_W}abstractNum")}
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for num in () if numbering is None else numbering.iterchildren(f"{_W}num"):
            levels = dict(abstract.get(_val(num.find(f"{_W}abstractNumId")), {}))
            for override in num.iterchildren(f"{_W}lvlOverride"):
                level = int(override.get(f"{_W}ilvl", "0"))
                if (start := _val(override.find(f"{_W}startOverride"))) is not None and level in levels:
                    levels[level] = (*levels[level][:2], int(start))
            self.levels[num.get(f"{_W}numId")] = levels
        self.style_numbers = {} if styles is None else {
            style.get(f"{_W}styleId"): numbered for style in styles.iterchildren(f"{_W}style")
            if (numbered := _numbered(style.find(f"{_W}pPr"))) is not None}
        self.counts: dict[str, list[int]] = {}

    def label(self, paragraph: etree._Element) -> str | None:
        properties = paragraph.find(f"{_W}pPr")
        numbered = _numbered(properties)
        if numbered is None and properties is not None:
            numbered = self.style_numbers.get(_val(properties.find(f"{_W}pStyle")))
        if (numbered is None or numbered[0] not in self.levels or numbered[1] not in self.levels[numbered[0]]
                or not 0 <= numbered[1] < 9):
            return None   # (Word has nine levels, 0 to 8)
        num_id, level = numbered
        levels = self.levels[num_id]
        counts = self.counts.setdefault(num_id, [levels[n][2] - 1 if n in levels else 0 for n in range(9)])
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = levels[deeper][2] - 1 if deeper in levels else 0
        kind, pattern, _ = levels[level]
        if kind in ("bullet", "none"):
            return None
        label = pattern
        for shown in range(level + 1):
            label = label.replace(f"%{shown + 1}", list_number(counts[shown], levels.get(shown, ("decimal",))[0]))
        return label.strip() or None


def _internal_parts(document: docx.document.Document) -> Iterator[tuple[str, Part]]:
    """The package's own parts the document refers to (no external link), with their relationship types, in the
    package's order."""
    return ((r.reltype, r.target_part) for r in document.part.rels.values() if not r.is_external)


def _part_root(document: docx.document.Document, kind: str) -> etree._Element | None:
    return next((etree.fromstring(part.blob) for reltype, part in _internal_parts(document) if reltype == kind), None)


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{_W}val")


def _level(level: etree._Element) -> tuple[str, str, int]:
    """A numbering level's format ("decimal", "lowerLetter", ...), label pattern ("%1.") and first number."""
    return (_val(level.find(f"{_W}numFmt")) or "decimal", _val(level.find(f"{_W}lvlText")) or "",
            int(_val(level.find(f"{_W}start")) or 1))


def _numbered(properties: etree._Element | None) -> tuple[str, int] | None:
    """The list (numId) and level a paragraph's or style's properties number it with; numId 0 is none."""
    number = None if properties is None else properties.find(f"{_W}numPr")
    num_id = _val(None if number is None else number.find(f"{_W}numId"))
    if num_id in (None, "0"):
        return None
    return num_id, int(_val(number.find(f"{_W}ilvl")) or 0)  # type: ignore[union-attr]


def _text_of(paragraph: etree._Element, caps: frozenset[str] = frozenset()) -> str:
    """The text of a ``w:p``: its text runs, tabs and breaks, and ``[^N]`` where a note is referred to (deleted
    text and field codes left out)."""
    parts = []
    properties = paragraph.find(f"{_W}pPr")
    paragraph_caps = properties is not None and _val(properties.find(f"{_W}pStyle")) in caps
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}footnoteReference",
                               f"{_W}endnoteReference"):
        tag = node.tag[len(_W):]
        if tag == "t":
            text = node.text or ""
            parts.append(text.upper() if _in_capitals(node.getparent(), paragraph_caps, caps) else text)
        elif node.getparent().tag != f"{_W}r":
            continue   # (a tab stop of the paragraph's properties, not a tab in its text)
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        else:
            parts.append(f"[^{_NOTE_KINDS[tag.removesuffix('Reference')][1]}{node.get(f'{_W}id')}]")
    return "".join(parts)


def _in_capitals(run: etree._Element, paragraph_caps: bool, caps: frozenset[str]) -> bool:
    """Whether a run shows its text in capitals: its own properties say so, or its character style's, or else its
    paragraph's style."""
    properties = run.find(f"{_W}rPr") if run.tag == f"{_W}r" else None
    own = _capitals(properties)
    if own is not None:
        return own
    if properties is not None and _val(properties.find(f"{_W}rStyle")) in caps:
        return True
    return paragraph_caps


def _notes(document: docx.document.Document, caps: frozenset[str]) -> list[tuple[str, str]]:
    """(marker, text) of every footnote and endnote, in the order of the note parts."""
    found = []
    for reltype, part in _internal_parts(document):
        for tag, (kind, prefix) in _NOTE_KINDS.items():
            if reltype != kind:
                continue
            root = etree.fromstring(part.blob)
            for note in root.iterchildren(f"{_W}{tag}"):
                if note.get(f"{_W}type") in _SEPARATORS:
                    continue
                text = " ".join(_text_of(paragraph, caps) for paragraph in note.iter(f"{_W}p")).strip()
                found.append((f"{prefix}{note.get(f'{_W}id')}", " ".join(text.split())))
    return found
