"""One colour per body (and, in a resolution's view, per node kind), the same in every view and every page.

The colours are data (``data/palette.csv``: group, colour, note): Okabe-Ito colours and others chosen so that
every two differ by at least ΔE 10 in normal vision and for protanopes, deuteranopes and tritanopes (as
tests/test_palette.py simulates them). A group the file does not name takes the colour of ``other``.

>>> colour_of("UN Security Council")
'#D55E00'
>>> colour_of("a body nobody has heard of") == colour_of("other")
True
>>> legend(["UN Security Council", "UN General Assembly", "UN Security Council"])[0]
{'group': 'UN Security Council', 'colour': '#D55E00', 'count': 2}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache

from kg.reference.datafiles import read_csv_rows

OTHER = "other"


@cache
def palette() -> dict[str, str]:
    """The palette: group -> colour (``#RRGGBB``), in the file's order."""
    colours = {row["group"]: row["colour"].strip() for row in read_csv_rows("palette.csv")}
    colours.setdefault(OTHER, "#999999")
    return colours


def colour_of(group: str) -> str:
    """The colour of a body (a node's ``body``: ``"General Assembly"``) or node kind (``"clause"``)."""
    colours = palette()
    return colours.get(group, colours[OTHER])


def legend(groups: Iterable[str]) -> list[dict[str, object]]:
    """The legend of the nodes drawn, given each node's group: one entry per group drawn, with its colour and its
    count, most nodes first. Only colours drawn are shown, and every colour drawn is shown."""
    counts = Counter(groups)
    return [{"group": group, "colour": colour_of(group), "count": count}
            for group, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def text_colour(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (its relative luminance)."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#000000" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45 else "#ffffff"
