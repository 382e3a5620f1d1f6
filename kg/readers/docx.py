"""Word documents (.docx) through python-docx: one line per paragraph, tabs kept (ITU puts ``a)<TAB>text``).

Tables are read row by row (one line per row, the cells' text joined by a tab), in their place among the
paragraphs. Footnotes and endnotes are kept as the Markdown reader keeps them: the reference as ``[^1]`` where it
stands in the text, the note as a ``[^1]: ...`` line after the body; the parser attaches each note to its clause.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from kg.errors import InputError
from kg.model import Source

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# each kind of note: its part's relationship, its element, and what its marker opens with ("[^1]", "[^e1]")
_NOTE_KINDS = {"footnote": (RELATIONSHIP_TYPE.FOOTNOTES, ""), "endnote": (RELATIONSHIP_TYPE.ENDNOTES, "e")}
_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}   # a note part's own furniture


def read(path: Path, *, origin: str) -> tuple[Source, ...]:
    try:
        document = docx.Document(str(path))
        lines = [line for block in document.iter_inner_content() for line in _lines_of(block._element)]
        notes = [f"[^{marker}]: {text}" for marker, text in _notes(document)]
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise InputError(origin, f"not a readable .docx file: {error}") from None
    text = "\n".join(lines + ([""] + notes if notes else [])).replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, "the .docx file holds no text")
    return (Source(origin=origin, text=text + "\n", format="docx"),)


def _lines_of(element: etree._Element) -> list[str]:
    """A paragraph's line, or a table's: one per row."""
    if element.tag == f"{_W}tbl":
        return ["\t".join(" ".join(_text_of(paragraph) for paragraph in cell.iter(f"{_W}p")).strip()
                          for cell in row.iterchildren(f"{_W}tc"))
                for row in element.iter(f"{_W}tr")]
    return [_text_of(element)]


def _text_of(paragraph: etree._Element) -> str:
    """The text of a ``w:p``: its text runs, tabs and breaks, and ``[^N]`` where a note is referred to (deleted
    text and field codes left out)."""
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}footnoteReference",
                               f"{_W}endnoteReference"):
        tag = node.tag[len(_W):]
        if tag == "t":
            parts.append(node.text or "")
        elif node.getparent().tag != f"{_W}r":
            continue   # (a tab stop of the paragraph's properties, not a tab in its text)
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        else:
            parts.append(f"[^{_NOTE_KINDS[tag.removesuffix('Reference')][1]}{node.get(f'{_W}id')}]")
    return "".join(parts)


def _notes(document: docx.document.Document) -> list[tuple[str, str]]:
    """(marker, text) of every footnote and endnote, in the order of the note parts."""
    found = []
    for relationship in document.part.rels.values():
        for tag, (kind, prefix) in _NOTE_KINDS.items():
            if relationship.reltype != kind or relationship.is_external:
                continue
            root = etree.fromstring(relationship.target_part.blob)
            for note in root.iterchildren(f"{_W}{tag}"):
                if note.get(f"{_W}type") in _SEPARATORS:
                    continue
                text = " ".join(_text_of(paragraph) for paragraph in note.iter(f"{_W}p")).strip()
                found.append((f"{prefix}{note.get(f'{_W}id')}", " ".join(text.split())))
    return found
