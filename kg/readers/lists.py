"""The numbers of automatic lists (Word's numbering, HTML's ``<ol>``), as the page shows them.

>>> [list_number(3, kind) for kind in ("decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman")]
['3', 'c', 'C', 'iii', 'III']
"""

from __future__ import annotations

_ROMAN_VALUES = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def list_number(count: int, kind: str) -> str:
    """``count`` as a list of ``kind`` (Word's format names: "decimal", "lowerLetter", "upperLetter",
    "lowerRoman", "upperRoman") shows it."""
    if kind in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)
        return letters if kind == "lowerLetter" else letters.upper()
    if kind in ("lowerRoman", "upperRoman"):
        numeral = ""
        for value, letters in _ROMAN_VALUES:
            while count >= value:
                numeral, count = numeral + letters, count - value
        return numeral.lower() if kind == "lowerRoman" else numeral
    return str(count)
