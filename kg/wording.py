"""A count and its noun, the noun in the plural unless the count is one: what every message that counts says.

>>> counted(1, "instrument"), counted(0, "instrument"), counted(2, "file")
('1 instrument', '0 instruments', '2 files')
>>> counted(1, "citation step"), counted(3, "entry", plural="entries")
('1 citation step', '3 entries')
"""

from __future__ import annotations


def counted(count: int, noun: str, *, plural: str | None = None) -> str:
    """``"{count} {noun}"``, ``noun`` in the plural (``plural``, or the regular plural) unless ``count`` is 1."""
    return f"{count} {noun if count == 1 else plural or _plural(noun)}"


def _plural(noun: str) -> str:
    """The plural of a regular noun (or of a phrase's last word): "instrument" -> "instruments",
    "citation link" -> "citation links", "match" -> "matches", "body" -> "bodies".

    >>> [_plural(n) for n in ("graph", "match", "body", "day", "violation")]
    ['graphs', 'matches', 'bodies', 'days', 'violations']
    """
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"
