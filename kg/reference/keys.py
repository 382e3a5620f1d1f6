"""Work keys as values: ``WorkKey.parse("itu/pp/res/71")`` knows its family, body, kind and number, so no module
splits key strings of its own.

A key is a slash path (DESIGN.md, "Citation keys"): ``itu/{body}/{kind}/{number}`` for a numbered ITU instrument,
``itu/{treaty}`` for a basic text, ``itu/{sector}/rec/{id}`` for a Recommendation, ``wsis/{document}``,
``un/{symbol}`` for a UN document (the UN series it opens with, in ``data/un_series.csv``, tells its body and kind),
``un/charter``, and ``local/{hash}`` for a text whose number or body was not found.

>>> key = WorkKey.parse("itu/pp/res/71")
>>> key.family, key.body, key.kind, key.number, key.ontology_class, str(key)
('itu', 'pp', 'res', '71', 'Resolution', 'itu/pp/res/71')
>>> [WorkKey.parse(k).ontology_class for k in ("un/A/RES/70/1", "un/S/PRST/2021/13", "un/charter", "itu/rr")]
['Resolution', 'Document', 'Treaty', 'Treaty']
>>> WorkKey.parse("un/A/HRC/RES/35/7").body, WorkKey.parse("un/A/HRC/RES/35/7").number
('hrc', '35/7')
>>> WorkKey.parse("un/S/PRST/2021/13").number, WorkKey.parse("un/S/PRST/2021/13").body
('2021/13', 'unsc')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.reference.datafiles import read_csv_rows

FAMILY_NAMES = {"itu": "ITU", "un": "United Nations", "wsis": "WSIS"}
ITU_TREATIES = frozenset({"constitution", "convention", "general-rules", "itr", "rr"})
KIND_CLASSES = {"res": "Resolution", "dec": "Decision", "rec": "Recommendation", "opinion": "Opinion"}
_NUMBERED_AFTER = {"/RES/": "res", "/DEC/": "dec", "/PRST/": "prst"}


@dataclass(frozen=True, slots=True)
class UnSeries:
    """One UN symbol series whose documents are an organ's resolutions or decisions ("A/RES/": the General
    Assembly's resolutions)."""

    prefix: str
    body: str
    kind: str


@cache
def un_series() -> tuple[UnSeries, ...]:
    """The UN series of ``data/un_series.csv``, longest prefix first (so "A/HRC/RES/" is found before "A/RES/")."""
    rows = [UnSeries(row["prefix"], row["body"], row["kind"]) for row in read_csv_rows("un_series.csv")]
    return tuple(sorted(rows, key=lambda series: -len(series.prefix)))


def un_series_of(symbol: str) -> UnSeries | None:
    """The series a UN symbol belongs to: ``un_series_of("A/HRC/RES/35/7").body == "hrc"``."""
    compact = symbol.replace(" ", "")
    return next((series for series in un_series() if compact.startswith(series.prefix)), None)


def un_series_prefix(body: str, kind: str) -> str | None:
    """The symbol prefix of an organ's resolutions or decisions: ``un_series_prefix("unga", "res") == "A/RES/"``."""
    return next((series.prefix for series in un_series() if (series.body, series.kind) == (body, kind)), None)


# a part of a UN resolution adopted in parts ("75/101 A") is an edition of the resolution, named by its adoption
# date and its letter or numeral ("2020-12-10-A", "2021-12-24-XIV"), as kg.parse.header names it
_UN_PART_EDITION = re.compile(r"\d{4}-\d{2}-\d{2}-([A-Z]{1,2}|[IVXL]{1,7})")


def un_part(work_key: str, edition: str | None) -> str | None:
    """The part of a UN resolution adopted in parts that ``edition`` of ``work_key`` is; None for a whole text.

    >>> un_part("un/A/RES/75/101", "2020-12-10-B"), un_part("un/A/RES/76/247", "2021-12-24-XIV")
    ('B', 'XIV')
    >>> un_part("un/A/RES/70/1", "2015-09-25"), un_part("itu/wtsa/res/75", "wtsa-08")
    (None, None)
    """
    found = _UN_PART_EDITION.fullmatch(edition or "") if work_key.startswith("un/") else None
    return found.group(1) if found else None


@dataclass(frozen=True, slots=True)
class WorkKey:
    """A cited or citing instrument, whatever its revision."""

    family: str
    body: str | None
    kind: str | None
    number: str | None
    path: str

    @classmethod
    def parse(cls, key: str) -> WorkKey:
        family, _, rest = key.partition("/")
        parts = rest.split("/")
        if family == "itu" and len(parts) >= 3:
            return cls(family, parts[0], parts[1], "/".join(parts[2:]), key)
        if family == "un" and (series := un_series_of(rest)) is not None:
            return cls(family, series.body, series.kind, rest[len(series.prefix):], key)
        # another organ's resolutions, decisions or presidential statements: numbered after the series' marker
        marker = next((m for m in _NUMBERED_AFTER if m in rest), None)
        number = rest.split(marker, 1)[1] if marker else None
        return cls(family, None, _NUMBERED_AFTER.get(marker or ""), number, key)

    def __str__(self) -> str:
        return self.path

    @property
    def family_name(self) -> str:
        """``"ITU"``, ``"United Nations"``, ``"WSIS"`` (or ``"other"``)."""
        return FAMILY_NAMES.get(self.family, "other")

    @property
    def ontology_class(self) -> str:
        """The class of the work in the ontology (``kg:Resolution``, ``kg:Treaty`` ...)."""
        if self.path == "un/charter" or (self.family == "itu" and self.path[4:] in ITU_TREATIES):
            return "Treaty"
        if self.family == "wsis":
            return "OutcomeDocument"
        if self.family == "itu" and self.kind is not None:
            return KIND_CLASSES.get(self.kind, "Instrument")
        if self.family == "un" and self.kind in ("res", "dec"):
            return KIND_CLASSES[self.kind]   # (a presidential statement is a Document)
        return "Document"
