"""Literal triggers: the words one of which every mention contains ("esolution", "Constitution", "(20", "/").

Finding them is the only work done over the whole text; the patterns then run only around each trigger. All
triggers are found in one pass: by Hyperscan (the ``hyperscan`` package, where it is installed: every literal at
once, at several hundred MB/s) or else by ``bytes.find``, one pass per trigger. Both engines search the same
bytes (the text with each non-ASCII character replaced by one ``?``, so that offsets stay those of the text)
and give the same positions; lower-case triggers match in any case (ASCII case folding).

>>> positions = find_triggers("Resolution 71 and RESOLUTION 72 of the Constitution", ("esolution", "Constitution"))
>>> positions["esolution"], positions["Constitution"]
([1, 19], [39])
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import cache
from types import ModuleType

hyperscan: ModuleType | None
try:
    import hyperscan
except ImportError:   # an optional engine (it has wheels for some platforms only)
    hyperscan = None


def find_triggers(text: str, triggers: Iterable[str], *, engine: str | None = None) -> dict[str, list[int]]:
    """The start offsets in ``text`` of every occurrence of each trigger (overlapping ones too), in order.

    ``engine`` is ``"hyperscan"`` or ``"find"``; by default Hyperscan where it is installed."""
    words = tuple(dict.fromkeys(triggers))
    haystack = text.encode("ascii", "replace")
    if (engine or ("hyperscan" if hyperscan is not None else "find")) == "hyperscan":
        return _scan(haystack, words)
    lowered = haystack.lower() if any(_folded(word) for word in words) else haystack
    positions = {}
    for word in words:
        found = []
        target = lowered if _folded(word) else haystack
        needle = word.encode("ascii")
        position = target.find(needle)
        while position >= 0:
            found.append(position)
            position = target.find(needle, position + 1)
        positions[word] = found
    return positions


def _folded(word: str) -> bool:
    """A lower-case trigger matches in any case; one with a capital, as written."""
    return word == word.lower()


def _hyperscan() -> ModuleType:
    if hyperscan is None:
        raise ImportError("the hyperscan engine needs the hyperscan package")
    return hyperscan


@cache
def _database(words: tuple[str, ...]):
    hs = _hyperscan()
    database = hs.Database(mode=hs.HS_MODE_BLOCK)
    database.compile(expressions=[re.escape(word).encode("ascii") for word in words], ids=list(range(len(words))),
                     elements=len(words),
                     flags=[hs.HS_FLAG_CASELESS if _folded(word) else 0 for word in words])
    return database


_scratch = threading.local()   # a scan's scratch space is not to be shared by two threads at once


def _scan(haystack: bytes, words: tuple[str, ...]) -> dict[str, list[int]]:
    """Hyperscan reports the matches in the order they end in; those of one literal also start in that order."""
    database = _database(words)
    spaces = _scratch.__dict__.setdefault("by_words", {})
    if words not in spaces:
        spaces[words] = _hyperscan().Scratch(database)
    found: list[list[int]] = [[] for _ in words]
    lengths = _lengths(words)

    def on_match(index: int, _start: int, end: int, _flags: int, _context: object) -> None:
        found[index].append(end - lengths[index])

    database.scan(haystack, match_event_handler=on_match, scratch=spaces[words])
    return dict(zip(words, found, strict=True))


@cache
def _lengths(words: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(map(len, words))
