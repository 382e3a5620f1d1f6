"""Turning bytes into text: UTF-8, falling back to cp1252 with a warning, never a crash."""

from __future__ import annotations

from kg.errors import InputError

_CONTROL_BYTES = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def decode_text(data: bytes, origin: str) -> tuple[str, tuple[str, ...]]:
    """Decode ``data`` as UTF-8 (or cp1252) and normalise line ends; return the text and any warnings.

    A file whose bytes are mostly control characters is not text: ``InputError`` with the line of the first NUL.

    >>> decode_text("café".encode("cp1252"), "f.txt")
    ('café', ('f.txt: not UTF-8; decoded as cp1252',))
    """
    if b"\x00" in data[:65536]:
        sample = data[:65536]
        controls = sum(byte in _CONTROL_BYTES for byte in sample)
        if controls * 10 > len(sample) or b"\x00" in sample:
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise InputError(origin, "binary file, not text (NUL byte)", line=line)
    warnings: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings = (f"{origin}: not UTF-8; decoded as cp1252",)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings
