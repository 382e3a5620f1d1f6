"""HTML pages through lxml: the text of each block element on its own line, scripts and styles dropped."""

from __future__ import annotations

import lxml.html
from lxml import etree

from kg.errors import InputError
from kg.model import Hints, Source
from kg.readers.decoding import decode_text
from kg.readers.lists import list_number

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br", "dt", "dd",
           "blockquote", "pre", "section", "article", "header", "footer", "table", "ul", "ol", "title"}


def read(data: bytes, *, origin: str) -> tuple[Source, ...]:
    markup, warnings = decode_text(data, origin)
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
    if tag.lower() == "li" and (label := _list_label(element)):
        current.append(f"{label}\t")
    if element.text and tag:
        current.append(element.text)
    for child in element:
        _collect_lines(child, lines, current)
        if child.tail:
            current.append(child.tail)
    if is_block:
        flush()


def _list_label(item: etree._Element) -> str | None:
    """The label a browser shows before an item of an ordered list (``<ol type="a" start="3">``), written as
    resolutions print labels: "1.", "a)", "i)"."""
    parent = item.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return None
    number = int(parent.get("start", "1")) if parent.get("start", "1").isdigit() else 1
    for sibling in parent.iterchildren("li"):
        if sibling.get("value", "").isdigit():
            number = int(sibling.get("value"))
        if sibling is item:
            break
        number += 1
    kind = _LIST_KINDS.get(parent.get("type", "1"), "decimal")
    return f"{list_number(number, kind)}." if kind == "decimal" else f"{list_number(number, kind)})"


_LIST_KINDS = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
