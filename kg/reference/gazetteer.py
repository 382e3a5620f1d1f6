"""The conference gazetteer: which conference met where and when, loaded from ``data/conferences.csv``.

Places repeat across bodies (Dubai 2012 was both WTSA-12 and WCIT-12), so a lookup without a body says
"ambiguous" rather than guessing.

>>> gazetteer = load_gazetteer()
>>> gazetteer.find(place="Antalya", year=2006, body="pp").id
'pp-06'
>>> [c.id for c in gazetteer.candidates(place="Dubai", year=2012)]
['wtsa-12', 'wcit-12']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kg.reference.datafiles import read_csv_rows, split_aliases


@dataclass(frozen=True, slots=True)
class Conference:
    """One conference of an ITU body (or a WSIS phase)."""

    id: str
    body: str
    place: str
    start_date: str
    end_date: str
    aliases: tuple[str, ...]

    @property
    def year(self) -> int:
        return int(self.start_date[:4])


class _Uncombined(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks: each code point is looked up in ``unicodedata`` once
    per process (``__missing__``), not once a character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNCOMBINED = _Uncombined()


@lru_cache(maxsize=4096)   # the same few names are folded again at every look-up
def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents and punctuation spacing, for matching names. ASCII text (most of
    what is folded: headings, clause openings) has no accent to strip and no compatibility form to decompose.

    >>> fold("Florianópolis")
    'florianopolis'
    >>> fold("  Noting\u00a0 with  CONCERN ")
    'noting with concern'
    """
    if text.isascii():
        return " ".join(text.lower().split())
    plain = unicodedata.normalize("NFKD", text).translate(_UNCOMBINED)
    return " ".join(plain.replace("\u2011", "-").lower().split())


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Look-ups over the conferences, by id, by alias, or by place and year.

    Every name is folded once, when the gazetteer is made, into two indexes (name -> conferences, place ->
    conferences); a look-up reads the index instead of folding every conference's names again."""

    conferences: tuple[Conference, ...]
    _named: dict[str, int] = field(init=False, repr=False, compare=False)
    _at_place: dict[str, tuple[Conference, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        named: dict[str, int] = {}
        at_place: dict[str, list[Conference]] = {}
        for index, conference in enumerate(self.conferences):
            for name in (conference.id, *conference.aliases):
                named.setdefault(fold(name).replace(" ", "-"), index)   # (the first conference of a name wins)
            for place in dict.fromkeys(map(fold, (conference.place, *conference.aliases))):
                at_place.setdefault(place, []).append(conference)
        object.__setattr__(self, "_named", named)
        object.__setattr__(self, "_at_place", {place: tuple(found) for place, found in at_place.items()})

    def by_id(self, conference_id: str) -> Conference | None:
        return next((c for c in self.conferences if c.id == conference_id), None)

    def by_alias(self, alias: str) -> Conference | None:
        """The conference named by an alias or id such as ``WRC-03`` or ``WARC-79``."""
        wanted = fold(alias).replace(" ", "-")
        # "WRC-2015" is "WRC-15": ids and aliases print the year in two digits
        short = re.sub(r"-(?:19|20)(\d\d)$", r"-\1", wanted)
        found = [index for name in (wanted, short) if (index := self._named.get(name)) is not None]
        return self.conferences[min(found)] if found else None

    def candidates(self, *, place: str | None = None, year: int | None = None,
                   body: str | None = None) -> list[Conference]:
        """Every conference that fits all the facts given (a place matches its name or an alias)."""
        found = []
        for conference in self.conferences if place is None else self._at_place.get(fold(place), ()):
            if body is not None and conference.body != body:
                continue
            if year is not None and not (conference.year <= year <= int(conference.end_date[:4])):
                continue
            found.append(conference)
        return found

    def find(self, *, place: str | None = None, year: int | None = None,
             body: str | None = None) -> Conference | None:
        """The one conference that fits, or ``None`` when none or several do."""
        found = self.candidates(place=place, year=year, body=body)
        return found[0] if len(found) == 1 else None


@cache
def load_gazetteer() -> Gazetteer:
    """Load ``data/conferences.csv`` once per process."""
    rows = read_csv_rows("conferences.csv")
    return Gazetteer(tuple(
        Conference(row["id"], row["body"], row["place"], row["start_date"], row["end_date"],
                   split_aliases(row["aliases"]))
        for row in rows
    ))
