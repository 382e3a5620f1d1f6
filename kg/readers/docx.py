"""Word documents (.docx) through python-docx: one line per paragraph, tabs kept (ITU puts ``a)<TAB>text``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from kg.errors import InputError
from kg.model import Source


def read(path: Path, *, origin: str) -> tuple[Source, ...]:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise InputError(origin, f"not a readable .docx file: {error}") from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    text = "\n".join(lines).replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, "the .docx file holds no text")
    return (Source(origin=origin, text=text + "\n", format="docx"),)
