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
    for junk in root.xpath("//script|//style|//noscript|//head|//nav|//aside|//form|//button"):
        junk.drop_tree()
    for bar in [element for element in root.iter("p", "div", "td", "li", "ul") if _is_link_bar(element)]:
        if bar.getparent() is not None:
            bar.drop_tree()
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


_SEPARATORS = frozenset("|•·/-–—:[]()")


def _is_link_bar(element: etree._Element) -> bool:
    """Whether ``element`` is a site's bar of links and nothing else ("Home || Treaties || Search", under a
    resolution copied onto a web page): two links or more, no text outside them but separators. A paragraph of a
    resolution is never that, and the bar would otherwise read as the text of its last paragraph.

    >>> _is_link_bar(lxml.html.fragment_fromstring('<p><a href="/">Home</a> || <a href="/t">Treaties</a></p>'))
    True
    >>> _is_link_bar(lxml.html.fragment_fromstring('<p><span>See <a href="/a">A/RES/70/1</a> and <a>70/2</a></span></p>'))
    False
    """
    if len(element.findall(".//a")) < 2:
        return False
    outside = "".join(element.xpath(".//text()[not(ancestor::a)]"))
    return all(character.isspace() or character in _SEPARATORS for character in outside)


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
