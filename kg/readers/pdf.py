"""PDF publications through pypdf: the text of each page, pages separated by a blank line."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from kg.errors import InputError
from kg.model import Source


def read(path: Path, *, origin: str) -> tuple[Source, ...]:
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise InputError(origin, f"not a readable PDF: {error}") from None
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError(origin, "the PDF holds no extractable text (scanned images need OCR first)")
    return (Source(origin=origin, text=text + "\n", format="pdf"),)
