"""Clause labels: reading a printed label, and placing it in the label path.

The level of a label is decided by the labels before it, not by the label alone: ``i)`` after ``h)`` is the
letter i, after ``b)`` it is the roman numeral one and opens a deeper level.

>>> stack = LabelStack()
>>> [stack.push(label) for label in ["a)", "b)", "i)", "ii)", "c)", "h)"]]
['a', 'b', 'b.i', 'b.ii', 'c', 'h']
>>> stack.push("i)")
'i'
>>> numbered = LabelStack()
>>> [numbered.push(label) for label in ["1", "1.1", "1.2", "2", "2 bis", "a)", "3", "3.1", "3.1bis", "i)", "3.2"]]
['1', '1.1', '1.2', '2', '2bis', '2bis.a', '3', '3.1', '3.1bis', '3.1bis.i', '3.2']

A label printed as the deepest level's is (a number after a number, "x)" after "x)") that goes back in its sequence
starts that level again, a restart or a repeat, and opens no level under it, unless the markup nests it (an AKN
point in its paragraph's list): a list nested in a list is printed another way ("1" / "a)", "(a)" / "(i)"), a bullet
under a bullet is the next bullet ("29. -", "-", "-"), and a conversion's runs of table cells ("0", "0", ...) or of a
table's numbered boxes ("1" ... "9", "1" ...) make no "0.0.0" chains.

>>> cells = LabelStack()
>>> [cells.push(label) for label in ["0", "0", "0", "17.2", "1", "9", "1", "2", "a)", "a)"]]
['0', '0', '0', '17.2', '17.2.1', '17.2.9', '17.2.1', '17.2.2', '17.2.2.a', '17.2.2.a']
>>> marked = LabelStack()
>>> marked.push("4"), marked.push("1", nested=True)   # (markup that nests it says more than its print)
('4', '4.1')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
_ROMAN = re.compile(r"^(?=[ivxl]+$)(x{0,3}|xl|l)(ix|iv|v?i{0,3})$")
_SUFFIX = re.compile(r"\s*(bis|ter|quater|quinquies|sexies)$", re.IGNORECASE)

# A label printed on its own or at the start of a clause: "a)", "(a)", "iv)", "a.", "1", "1.", "1)", "1.1", "2 bis",
# "a bis)" ("a." inline only before a word: "a. that ...", "b. Resolution 133 ...", not "e. g."). Letters are
# single (ITU and UN use a) to z)); roman numerals up to l.
LABEL = (r"(?:\(?(?:[a-z]|[ivxl]{1,6})(?:\s?(?:bis|ter|quater))?\)|(?:[a-z]|[ivxl]{1,6})\."
         r"|\(?\d{1,3}(?:\.\d{1,3})*(?:\s?(?:bis|ter|quater))?[.)]?)")
_LABEL_ALONE = re.compile(rf"^[ \t]*({LABEL})[ \t]*$")
# Inline: a parenthesised label followed by text, or a number followed by "." or by a lower-case word (ITU's
# "1 to hold ...", "3.1 a study group may ..."), never a number followed by a capital ("2030 Agenda") or a
# citation ("§§ 35 a)-e)").
_LABEL_INLINE = re.compile(
    r"^[ \t]*(\(?(?:[a-z]|[ivxl]{1,6})(?:\s?(?:bis|ter|quater))?\)|(?:[a-z]|[ivxl]{1,6})\.(?=[ \t]+(?:[a-z]{2}|[A-Z][a-z]|[(“\"']))"
    r"|\d{1,3}(?:\.\d{1,3})*(?:\s?(?:bis|ter|quater))?[.)]"
    r"|\d{1,3}(?:\.\d{1,3})*(?:\s?(?:bis|ter|quater))?(?=[ \t]+(?:[a-z]{2,}\b|a[ \t]+[a-z])))"
    r"[ \t]+(?=\S)"
)


def label_alone(line: str) -> str | None:
    """The label when ``line`` holds a label and nothing else.

    >>> label_alone("  b)  "), label_alone("2 bis"), label_alone("b) text")
    ('b)', '2 bis', None)
    """
    match = _LABEL_ALONE.match(line)
    return match.group(1) if match else None


def label_inline(text: str) -> tuple[str, int] | None:
    """The label that opens ``text`` and the offset where the clause's own text begins.

    >>> label_inline("a) relevant resolutions"), label_inline("1 to hold WTPF"), label_inline("2030 Agenda")
    (('a)', 3), ('1', 2), None)
    >>> label_inline("b. that the study groups"), label_inline("e. g. this"), label_inline("i.e. that")
    (('b.', 3), None, None)
    >>> label_inline("b. Resolution 133 (Rev. Dubai, 2018)")
    ('b.', 3)
    """
    match = _LABEL_INLINE.match(text)
    return (match.group(1), match.end()) if match else None


@lru_cache(maxsize=1024)   # (a pure function of a few hundred distinct labels, called once a clause)
def bare_label(printed: str) -> str:
    """The label without punctuation or spaces: ``"(a)"`` -> ``"a"``, ``"2 bis"`` -> ``"2bis"``.

    >>> bare_label("(iv)"), bare_label("1."), bare_label("2 bis"), bare_label("1.1")
    ('iv', '1', '2bis', '1.1')
    """
    core = printed.strip().strip("()").rstrip(".)").strip()
    return re.sub(r"\s+", "", core)


@dataclass(frozen=True, slots=True)
class _Reading:
    style: str        # "letter", "roman", "number"
    ordinal: float    # position in its sequence; "2 bis" is 2.5, after 2 and before 3


@lru_cache(maxsize=1024)
def _readings(bare: str) -> tuple[_Reading, ...]:
    suffix = _SUFFIX.search(bare)
    core = bare[: suffix.start()] if suffix else bare
    bump = 0.5 if suffix else 0.0
    readings = []
    if re.fullmatch(r"\d+(?:\.\d+)*", core):
        readings.append(_Reading("number", float(core.split(".")[-1]) + bump))
    if len(core) == 1 and core.isalpha():
        readings.append(_Reading("letter", ord(core.lower()) - ord("a") + 1 + bump))
    if _ROMAN.match(core.lower()):
        readings.append(_Reading("roman", _roman_value(core.lower()) + bump))
    return tuple(readings) or (_Reading("other", 1.0),)


def _shape(printed: str) -> str:
    """How a label is printed, its letters and numbers aside: ``"(iv)"`` -> ``"(a)"``, ``"12."`` -> ``"0."``.

    >>> _shape("(iv)"), _shape("12."), _shape(" b) "), _shape("2 bis")
    ('(a)', '0.', 'a)', '0a')
    """
    return re.sub(r"[a-z]+", "a", re.sub(r"\d+", "0", printed.strip().lower().replace(" ", "")))


def _roman_value(numeral: str) -> int:
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


class LabelStack:
    """Places printed labels in a path, one section at a time (a new section starts a new stack)."""

    def __init__(self) -> None:
        self._levels: list[tuple[_Reading, str]] = []
        self._deepest_shape = ""   # how the deepest level's label was printed: "0", "0.", "a)", "(a)"

    def push(self, printed: str, *, nested: bool = False) -> str:
        """Place ``printed`` and return the clause's label path (``"b.iii"``); ``nested`` where the markup puts the
        clause under the one before (an AKN point in its paragraph's list), which it then never starts again."""
        bare = bare_label(printed)
        if re.fullmatch(r"\d+(?:\.\d+)+(?:bis|ter|quater|quinquies|sexies)?", bare, re.IGNORECASE):
            self._deepest_shape = _shape(printed)   # ("0.0": a number after it is no part of it)
            return self._push_decimal(bare)   # ("1.1", "3.1bis")
        readings = _readings(bare)
        level = self._continuing_level(readings)
        if level is not None:
            index, reading = level
            del self._levels[index:]
        else:
            reading = min(readings, key=lambda r: (r.ordinal, r.style != "number"))
            same_style = [i for i, (known, _) in enumerate(self._levels) if known.style == reading.style]
            if same_style and reading.ordinal > 1:
                del self._levels[same_style[-1]:]   # a gap in a known sequence ("a)", "c)")
            elif not nested and self._restarts_deepest(reading, printed):
                del self._levels[-1]
        self._levels.append((reading, bare))
        self._deepest_shape = _shape(printed)
        return ".".join(label for _, label in self._levels)

    def _restarts_deepest(self, reading: _Reading, printed: str) -> bool:
        """Whether ``printed`` (which continues no level) starts the deepest level again: printed as that level's
        label was, of its style, at or before it in the sequence."""
        if not self._levels:
            return False
        deepest = self._levels[-1][0]
        return (deepest.style == reading.style and reading.ordinal <= deepest.ordinal
                and _shape(printed) == self._deepest_shape)

    def _push_decimal(self, bare: str) -> str:
        """A decimal label ("1.1") prints its own path: it replaces the numbered levels."""
        numbered = [i for i, (known, _) in enumerate(self._levels) if known.style == "number"]
        del self._levels[numbered[0] if numbered else len(self._levels):]
        for part in bare.split("."):
            self._levels.append((_readings(part)[0], part))
        return ".".join(label for _, label in self._levels)

    def _continuing_level(self, readings: tuple[_Reading, ...]) -> tuple[int, _Reading] | None:
        """The deepest level that ``readings`` continues (the next letter, numeral or number)."""
        for index in range(len(self._levels) - 1, -1, -1):
            known = self._levels[index][0]
            for reading in readings:
                if reading.style == known.style and 0 < reading.ordinal - known.ordinal <= 1:
                    return index, reading
        return None
