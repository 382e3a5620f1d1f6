"""HTML pages through lxml: the text of each block element on its own line, scripts and styles dropped."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml import etree

from kg.errors import InputError
from kg.model import Hints, Source
from kg.readers.decoding import decode_text

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br", "dt", "dd",
           "blockquote", "pre", "section", "article", "header", "footer", "table", "ul", "ol", "title"}


def read(path: Path, *, origin: str) -> tuple[Source, ...]:
    markup, warnings = decode_text(path.read_bytes(), origin)
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise InputError(origin, f"not readable as HTML: {error}") from None
    title = (root.findtext(".//title") or "").strip() or None
    for junk in root.xpath("//script|//style|//noscript|//head"):
        junk.drop_tree()
    lines: list[str] = []
    _collect_lines(root, lines, [])
    text = "\n".join(line for line in (" ".join(part.split()) for part in lines) if line) + "\n"
    if not text.strip():
        raise InputError(origin, "the HTML page holds no text")
    return (Source(origin=origin, text=text, format="html", hints=Hints(title=title), warnings=warnings),)


def _collect_lines(element: etree._Element, lines: list[str], current: list[str]) -> None:
    """Walk the tree; a block element ends the current line before and after itself."""
    def flush() -> None:
        if current:
            lines.append("".join(current))
            current.clear()

    tag = element.tag if isinstance(element.tag, str) else ""
    is_block = tag.lower() in _BLOCKS
    if is_block:
        flush()
    if element.text and tag:
        current.append(element.text)
    for child in element:
        _collect_lines(child, lines, current)
        if child.tail:
            current.append(child.tail)
    if is_block:
        flush()
