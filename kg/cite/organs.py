"""UN organs other than the principal ones, as ``data/un_organs.csv`` describes them: the names they are printed
with, the documents their resolutions and decisions are printed in ("Supplement No. 53A" holds the Human Rights
Council's; "CBD/COP/14/14" the Conference of the Parties to the Convention on Biological Diversity's), the
symbol their resolutions and decisions have where they have one ("UNEP/EA.{session}/Res.{number}"), and the
suffix their decisions are numbered with where that names them ("1/CP.21": the UNFCCC's COP).

>>> organ_named("United Nations Environment Assembly of the United Nations Environment Programme").organ
'United Nations Environment Assembly'
>>> organ_named("Conference of the Parties to the Convention on Biological Diversity").symbol("dec", "X/2")
'UNEP/CBD/COP/DEC/X/2'
>>> organ_of_suffix("1/CP.21").organ
'Conference of the Parties to the United Nations Framework Convention on Climate Change'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.reference.datafiles import read_csv_rows, split_aliases

_ROMAN = re.compile(r"[IVXL]+")
_SUFFIXED = re.compile(r"\d{1,3}/(?P<suffix>[A-Z]{2,4})\.\d{1,3}")


@dataclass(frozen=True, slots=True)
class Organ:
    """One organ (a row of ``data/un_organs.csv``)."""

    organ: str
    body: str | None                 # a body this project has a series for ("hrc"), or None
    names: tuple[str, ...]
    printed_in: re.Pattern[str] | None
    resolution: str | None           # the symbol of its resolutions, "{session}" and "{number}" filled in
    decision: str | None
    sessions: str | None             # "roman" or "arabic": how the sessions of the numbers the symbols take are printed
    suffix: str | None               # "CP" of "decision 1/CP.21"

    def symbol(self, kind: str, number: str) -> str | None:
        """The symbol of its resolution or decision ``number`` ("4/14"), where it has symbols of that form."""
        template = {"res": self.resolution, "dec": self.decision}.get(kind)
        session, _, rest = number.partition("/")
        if template is None or not rest.isdigit() or not self.fits(session):
            return None
        return template.format(session=session, number=rest)

    def fits(self, session: str) -> bool:
        return (self.sessions != "roman" or _ROMAN.fullmatch(session) is not None) and (
            self.sessions != "arabic" or session.isdigit())


@cache
def organs() -> tuple[Organ, ...]:
    return tuple(Organ(row["organ"], row["body"] or None, split_aliases(row["names"]),
                       re.compile(row["printed_in"]) if row["printed_in"] else None, row["resolution"] or None,
                       row["decision"] or None, row["sessions"] or None, row["suffix"] or None)
                 for row in read_csv_rows("un_organs.csv"))


def organ_named(name: str, *, kind: str | None = None, number: str | None = None) -> Organ | None:
    """The organ whose name ``name`` is (or opens with: "United Nations Environment Assembly of the United Nations
    Environment Programme"); of several rows, the one whose symbols fit ``number``."""
    folded = " ".join(name.split()).casefold()
    found = [organ for organ in organs()
             if any(folded == alias.casefold() or folded.startswith(alias.casefold() + " ") for alias in organ.names)]
    if number is not None and kind is not None:
        fitting = [organ for organ in found if organ.symbol(kind, number) is not None]
        found = fitting or found
    return found[0] if found else None


def organ_of_suffix(number: str) -> Organ | None:
    """The organ a decision's number names by its suffix ("1/CP.21", "25/COP.14")."""
    match = _SUFFIXED.fullmatch(number)
    if match is None:
        return None
    return next((organ for organ in organs() if organ.suffix == match.group("suffix")), None)


@cache
def _printed_in() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<o{index}>{organ.printed_in.pattern})" for index, organ in enumerate(organs())
                               if organ.printed_in is not None))


def organ_printed_in(text: str, start: int, end: int) -> Organ | None:
    """The organ whose document is the last printed in ``text[start:end]`` (a footnote's "document CBD/COP/14/14,
    decision 14/8", "Supplement No. 53A (A/74/53/Add.1), chap. III, resolution 42/12")."""
    last = None
    for last in _printed_in().finditer(text, start, end):
        pass
    if last is None:
        return None
    return organs()[int(next(name for name, value in last.groupdict().items() if value is not None)[1:])]
