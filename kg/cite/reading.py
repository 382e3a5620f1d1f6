"""The text as the patterns read it, and the way back to the printed offsets: a word the page hyphenated at a
line's end is whole again ("Resolu-" / "tion 71"), as in the PDF text of older Final Acts.

>>> printed = "See Resolu-\\ntion 71 and Reso-\\n  lution 72 (ITU-\\nT)."
>>> reading = joined_words(printed, [10, 28, 46])
>>> reading.text
'See Resolution 71 and Resolution 72 (ITU-\\nT).'
>>> start = reading.text.index("Resolution 72")
>>> printed[reading.printed_start(start):reading.printed_end(start + len("Resolution 72"))]
'Reso-\\n  lution 72'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# after a hyphen that ends a line: the next line's indent and the lower-case letter that goes on with the word (a
# capital is a name's own hyphen: "ITU-" / "T")
_WORD_GOES_ON = re.compile(r"[ \t]*(?=[a-z])")


@dataclass(frozen=True, slots=True)
class ReadingText:
    """``text`` as read; ``joins`` are where in it a broken word was joined (the offset of the first character
    after the join), ``removed`` how many printed characters were left out up to and including each join."""

    text: str
    joins: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()

    def printed_start(self, offset: int) -> int:
        """The printed offset of the character at ``offset``."""
        index = bisect.bisect_right(self.joins, offset)
        return offset + (self.removed[index - 1] if index else 0)

    def printed_end(self, offset: int) -> int:
        """The printed offset of an end at ``offset`` (what is left out after the last character is not in)."""
        index = bisect.bisect_left(self.joins, offset)
        return offset + (self.removed[index - 1] if index else 0)


def joined_words(text: str, breaks: list[int]) -> ReadingText:
    """``text`` with each word broken at a line's end whole again; ``breaks`` are where "-\\n" stands in it
    (found with the other triggers, in one pass)."""
    parts, joins, removed = [], [], []
    last = total = 0
    for position in breaks:
        if position > 0 and text[position - 1].isascii() and text[position - 1].isalpha() and (
                goes_on := _WORD_GOES_ON.match(text, position + 2)) is not None:
            parts.append(text[last:position])
            joins.append(position - total)
            total += goes_on.end() - position
            removed.append(total)
            last = goes_on.end()
    if not joins:
        return ReadingText(text)
    parts.append(text[last:])
    return ReadingText("".join(parts), tuple(joins), tuple(removed))
