"""Plain text, as extracted from ITU Word and PDF publications (the seed) or written by users."""

from __future__ import annotations

from kg.model import Source
from kg.readers.decoding import decode_text


def read(data: bytes, *, origin: str) -> tuple[Source, ...]:
    text, warnings = decode_text(data, origin)
    return (Source(origin=origin, text=text, format="text", warnings=warnings),)
