"""Turning bytes into text: UTF-8, falling back to cp1252 with a warning, never a crash."""

from __future__ import annotations

from kg.errors import InputError


def decode_text(data: bytes, origin: str) -> tuple[str, tuple[str, ...]]:
    """Decode ``data`` as UTF-8 (or cp1252) and normalise line ends; return the text and any warnings.

    A file with a NUL byte in its first 64 KiB is not text: ``InputError`` with the line of the first NUL.

    >>> decode_text("café".encode("cp1252"), "f.txt")
    ('café', ('f.txt: not UTF-8; decoded as cp1252',))
    """
    first_nul = data.find(b"\x00", 0, 65536)
    if first_nul >= 0:
        raise InputError(origin, "binary file, not text (NUL byte)", line=data.count(b"\n", 0, first_nul) + 1)
    warnings: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings = (f"{origin}: not UTF-8; decoded as cp1252",)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings
