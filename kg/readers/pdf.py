"""PDF publications through pypdf: the text of each page, pages separated by a blank line.

The page furniture is left out: the running heads and feet ("Res. 71", "PP-18 – Resolution 71 – page 3": a line
at the top or the bottom of a page that comes back, digits aside, on other pages) and the page numbers (a lone
number at the top or the bottom of three or more pages that runs with the pages). Left in, a page number would
read as a clause label and a running head as a clause's text.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from kg.errors import InputError
from kg.model import Source

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"[-–\s]*(?:[Pp]age\s+)?(?P<number>\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?[-–\s]*")
_EDGES = 2   # lines looked at, at the top and at the bottom of each page

# pypdf tells what it repaired or gave up on through the logging module ("EOF marker not found"); where nothing
# is configured, Python's last resort prints that on stderr beside the one line that names a broken file. A handler
# that drops the records silences the last resort and leaves a caller's own configuration as it is (the records
# still go up to the handlers of the root logger).
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read(data: bytes, *, origin: str) -> tuple[Source, ...]:
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise InputError(origin, f"not a readable PDF: {error}") from None
    text = "\n\n".join(without_furniture(pages))
    if not text.strip():
        raise InputError(origin, "the PDF holds no extractable text (scanned images need OCR first)")
    return (Source(origin=origin, text=text + "\n", format="pdf"),)


def without_furniture(pages: list[str]) -> list[str]:
    """Each page's text without its running head, running foot and page number.

    >>> without_furniture(["RESOLUTION 1\\nconsidering\\n1", "Res. 1\\na) that ...\\n2", "Res. 1\\nb) that ...\\n3"])
    ['RESOLUTION 1\\nconsidering', 'a) that ...', 'b) that ...']
    """
    lines = [[line for line in page.split("\n")] for page in pages]
    for page_lines in lines:
        _trim_blank(page_lines)
    for edge in (0, -1):   # the top of each page, then the bottom
        for _ in range(_EDGES):
            at_edge = [page_lines[edge].strip() if page_lines else None for page_lines in lines]
            furniture = _repeated(at_edge) | _page_numbers(at_edge)
            if not furniture:
                break
            for index in furniture:
                lines[index].pop(edge)
                _trim_blank(lines[index])
    return ["\n".join(page_lines) for page_lines in lines]


def _trim_blank(lines: list[str]) -> None:
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()


def _repeated(at_edge: list[str | None]) -> set[int]:
    """The pages whose line at the edge comes back, digits aside, on at least two pages and two fifths of them (a
    line of a number alone is for ``_page_numbers``)."""
    shapes = [_DIGITS.sub("#", " ".join(line.split())) if line and not _PAGE_NUMBER.fullmatch(line) else None
              for line in at_edge]
    counts: dict[str, int] = {}
    for shape in shapes:
        if shape is not None:
            counts[shape] = counts.get(shape, 0) + 1
    return {index for index, shape in enumerate(shapes)
            if shape is not None and counts[shape] >= 2 and counts[shape] * 5 >= len(at_edge) * 2}


def _page_numbers(at_edge: list[str | None]) -> set[int]:
    """The pages whose line at the edge is a number that runs with the pages (number minus page index the same),
    where at least three pages have one."""
    runs: dict[int, list[int]] = {}
    for index, line in enumerate(at_edge):
        if line and (number := _PAGE_NUMBER.fullmatch(line)) is not None:
            runs.setdefault(int(number.group("number")) - index, []).append(index)
    return {index for pages in runs.values() if len(pages) >= 3 for index in pages}
