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
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.datafiles import read_csv_rows, split_aliases


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


@lru_cache(maxsize=4096)   # the same few names are folded again at every look-up
def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents and punctuation spacing, for matching names.

    >>> fold("Florianópolis")
    'florianopolis'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("\u2011", "-").lower().split())


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Look-ups over the conferences, by id, by alias, or by place and year."""

    conferences: tuple[Conference, ...]

    def by_id(self, conference_id: str) -> Conference | None:
        return next((c for c in self.conferences if c.id == conference_id), None)

    def by_alias(self, alias: str) -> Conference | None:
        """The conference named by an alias or id such as ``WRC-03`` or ``WARC-79``."""
        wanted = fold(alias).replace(" ", "-")
        # "WRC-2015" is "WRC-15": ids and aliases print the year in two digits
        short = re.sub(r"-(?:19|20)(\d\d)$", r"-\1", wanted)
        for conference in self.conferences:
            names = {fold(name).replace(" ", "-") for name in (conference.id, *conference.aliases)}
            if wanted in names or short in names:
                return conference
        return None

    def candidates(self, *, place: str | None = None, year: int | None = None,
                   body: str | None = None) -> list[Conference]:
        """Every conference that fits all the facts given (a place matches its name or an alias)."""
        found = []
        for conference in self.conferences:
            if body is not None and conference.body != body:
                continue
            if year is not None and not (conference.year <= year <= int(conference.end_date[:4])):
                continue
            if place is not None and fold(place) not in {fold(conference.place), *map(fold, conference.aliases)}:
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
