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
    # (huge_tree: libxml2 stops at 256 levels of nesting without it, at 2048 with it, and keeps what it had read)
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise InputError(origin, f"not readable as HTML: {error}") from None
    if too_deep := next((error for error in parser.error_log if "Excessive depth" in error.message), None):
        raise InputError(origin, f"not readable as HTML: its elements nest deeper than lxml's HTML parser reads, "
                                 f"line {too_deep.line} ({too_deep.message.strip()})")
    title = (root.findtext(".//title") or "").strip() or None
    for junk in root.xpath("//script|//style|//noscript|//head|//nav|//aside|//form|//button"):
        junk.drop_tree()
    for bar in [element for element in root.iter("p", "div", "td", "li", "ul") if _is_link_bar(element)]:
        if bar.getparent() is not None:
            bar.drop_tree()
    lines = _collected_lines(root)
    text = "\n".join(line for line in (" ".join(part.split()) for part in lines) if line) + "\n"
    if not text.strip():
        raise InputError(origin, "the HTML page holds no text")
    return (Source(origin=origin, text=text, format="html", hints=Hints(title=title), warnings=warnings),)


def _collected_lines(root: etree._Element) -> list[str]:
    """The text of the tree in lines: a block element ends the current line before and after itself. (A walk with
    a stack of its own, not a recursion: elements may nest two thousand deep.)"""
    lines: list[str] = []
    current: list[str] = []
    given: dict[etree._Element, int] = {}   # (each ordered list's last number: see _list_label)

    def flush() -> None:
        if current:
            lines.append("".join(current))
            current.clear()

    def enter(element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""   # (a comment's text is no text)
        if tag in _BLOCKS:
            flush()
        if tag == "li" and (label := _list_label(element, given)):
            current.append(f"{label}\t")
        if element.text and tag:
            current.append(element.text)

    enter(root)
    walking = [(root, iter(root))]
    while walking:
        element, children = walking[-1]
        child = next(children, None)
        if child is not None:
            enter(child)
            walking.append((child, iter(child)))
            continue
        walking.pop()
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            flush()
        if element.tail and walking:   # (the root's tail is outside the page)
            current.append(element.tail)
    flush()   # (text after the last block: the end of the page ends its line)
    return lines


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


def _list_label(item: etree._Element, given: dict[etree._Element, int]) -> str | None:
    """The label a browser shows before an item of an ordered list (``<ol type="a" start="3">``), written as
    resolutions print labels: "1.", "a)", "i)". ``given``: the number each list gave its last item so far (the
    items come in document order: counting an item's siblings again for each made a long list quadratic)."""
    parent = item.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return None
    if parent in given:
        number = given[parent] + 1
    else:
        number = int(parent.get("start", "1")) if parent.get("start", "1").isdigit() else 1
    if item.get("value", "").isdigit():
        number = int(item.get("value"))
    given[parent] = number
    kind = _LIST_KINDS.get(parent.get("type", "1"), "decimal")
    return f"{list_number(number, kind)}." if kind == "decimal" else f"{list_number(number, kind)})"


_LIST_KINDS = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
