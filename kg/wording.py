"""A count and its noun, the noun in the plural unless the count is one: what every message that counts says.

>>> counted(1, "instrument"), counted(0, "instrument"), counted(2, "file")
('1 instrument', '0 instruments', '2 files')
>>> counted(1, "citation step"), counted(3, "entry", plural="entries")
('1 citation step', '3 entries')
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


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


def did_you_mean(given: str, known: Iterable[str], *, at_most: int = 3) -> str:
    """`` (did you mean a, b?)`` with the ``known`` values nearest to ``given`` (the same but for case first), or ""
    when none is near: what a message about a key, a name or an edition that is not there adds.

    >>> did_you_mean("un/a/res/70/1", ["un/A/RES/70/1", "un/A/RES/70/11", "un/charter"])
    ' (did you mean un/A/RES/70/1, un/A/RES/70/11?)'
    >>> did_you_mean("A/RES/70/1", ["un/A/RES/70/1"]), did_you_mean("xyz", ["un/charter"])
    (' (did you mean un/A/RES/70/1?)', '')
    >>> did_you_mean("un/S/RES/1325", ["un/A/RES/71/32", "un/S/RES/1325(2000)", "un/S/RES/2213(2015)"])
    ' (did you mean un/S/RES/1325(2000), un/A/RES/71/32, un/S/RES/2213(2015)?)'

    """
    known = list(known)
    folded = given.casefold()
    same_but_case = [k for k in known if k.casefold() == folded and k != given]
    # a key given without its family or its year: "A/RES/70/1" for un/A/RES/70/1, "un/S/RES/1325" for
    # un/S/RES/1325(2000)
    shortened = sorted((k for k in known if _shortened_to(k.casefold(), folded)
                        or _shortened_to(k.casefold().partition("/")[2], folded)), key=len)
    by_folded: dict[str, str] = {}
    for k in known:
        by_folded.setdefault(k.casefold(), k)
    close = [by_folded[k] for k in difflib.get_close_matches(folded, by_folded, n=at_most, cutoff=0.6)]
    near = list(dict.fromkeys(same_but_case + shortened + close))
    return f" (did you mean {', '.join(near[:at_most])}?)" if near else ""


def _shortened_to(key: str, given: str) -> bool:
    """Whether ``given`` is ``key`` without what follows its number (a year, a part: "(2000)", " B")."""
    return key == given or (key.startswith(given) and key[len(given):len(given) + 1] in ("(", " ", "-"))


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")   # (tabs stay; a newline would make two lines)


def printable(text: str) -> str:
    """``text`` with its control characters shown escaped, for a terminal, which would obey them (a document's text
    or a file's name may hold a terminal's escape codes: "\\x1b[2J" clears the screen).

    >>> printable("the Evil" + chr(27) + "]0;pwned" + chr(7) + " Committee")
    'the Evil\\\\x1b]0;pwned\\\\x07 Committee'
    """
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)
