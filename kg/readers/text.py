"""Plain text, as extracted from ITU Word and PDF publications (the seed) or written by users."""

from __future__ import annotations

from pathlib import Path

from kg.model import Source
from kg.readers.decoding import decode_text


def read(path: Path, *, origin: str) -> tuple[Source, ...]:
    text, warnings = decode_text(path.read_bytes(), origin)
    return (Source(origin=origin, text=text, format="text", warnings=warnings),)
