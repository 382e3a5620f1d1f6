"""Resolving mentions: from the parts a text prints to a work key, an edition and a pinpoint.

The body of a cited instrument comes, in this order, from an explicit marker ("of the Plenipotentiary
Conference", "Council", "ITU-R", "Rev.WRC-03"); "this Conference"/"this Assembly"/"its" (the citing document's
own body); the edition's place and year in the conference gazetteer; and last, for a bare "Resolution N", the
citing document's own body. A mention that cannot be resolved keeps ``work=None`` and says why.

>>> from kg.model import Mention
>>> context = CitingContext(doc="x", body="wtsa", family="itu", work="itu/wtsa/res/75", edition="wtsa-08")
>>> citation = resolve_mention(Mention(0, 34, "Resolution 71 (Rev. Antalya, 2006)", "instrument", "res", "71", "pp",
...                                    "Rev. Antalya, 2006"), context)
>>> citation.work, citation.edition, citation.pinpoint
('itu/pp/res/71', 'pp-06', None)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from kg.cite import find_mentions
from kg.cite.organs import organ_named, organ_of_suffix
from kg.model import Citation, Document, Mention
from kg.parse.header import NUMBER_LINE, UN_BODIES, body_of_symbol, council_edition, council_years, read_editions
from kg.reference.datafiles import read_csv_rows
from kg.reference.gazetteer import Gazetteer, load_gazetteer
from kg.reference.keys import KIND_CLASSES, un_series_prefix

_SYMBOL_VOLUME = re.compile(r"\s*\((?:Part\s*[IVX]+|supp\.?|vol\.\s*[IVX]+)\)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_LOWER_SESSION = re.compile(r"\(([a-z\-]+)\)$")
_PART_LETTER = re.compile(r"^((?:A|E)/(?:HRC/)?RES/(?:E?S-)?\d+/\d+)[A-Za-z](?:-[A-Za-z])?$")
_YEAR = re.compile(r"(19|20)\d\d")
_NUMBERS_ONLY = re.compile(r"[\d\s,;.]*")
_PLAIN_NUMBER = re.compile(r"\d{1,4}[A-Z]?")
_SC_SYMBOL = re.compile(r"S/RES/(\d{1,4})")
_SC_WORK = re.compile(r"un/S/RES/(\d{1,4})\(\d{4}\)")
_REV = re.compile(r"^Rev\.?\s*")
_REVISED_BY_WRC = re.compile(r"\bWA?RC\b")
_CHANGE_MARK = re.compile(r"\s*(?:MOD|Mod\.?|Rev\.?)\s*")   # (a change mark with no place or year)

_UN_BODIES = UN_BODIES | {"chr"}   # and the Commission on Human Rights, cited but not parsed
_ROMAN = re.compile(r"^(?:E?S-)?[IVXL]+$", re.IGNORECASE)
_ROMAN_SESSION = re.compile(r"[IVXL]+")
_FIRST_GA_SESSION_NUMBERED = 31   # the first session whose resolutions are numbered session/number
_COUNCIL_WORDS = re.compile(r"\bRev\.?|\b(?:last\s+)?(?:modified|amended|revised)\b|\band\b|\bC-?(?:\d\d|(?:19|20)\d\d)\b", re.IGNORECASE)
_ITU_R_SERIES = {"BO", "BR", "BS", "BT", "F", "M", "P", "RA", "RS", "S", "SA", "SF", "SM", "SNG", "TF", "V"}
_SECTORS = {"itu-t": "t", "itu-r": "r", "itu-d": "d"}
_SECTOR_OF_BODY = {"wtsa": "t", "wrc": "r", "ra": "r", "wtdc": "d"}
class Unresolved(StrEnum):
    """Why a mention has no work key (or, for ``EDITION_NOT_IN_GAZETTEER``, no edition): the code a citation
    carries in ``reason_code``, beside the message in ``reason``."""

    AMBIGUOUS_EDITION = "ambiguous-edition"
    EDITION_NOT_IN_GAZETTEER = "edition-not-in-gazetteer"
    BODY_NOT_STATED = "body-not-stated"
    NOT_AN_ITU_NUMBER = "not-an-itu-number"
    SECTOR_NOT_STATED = "sector-not-stated"
    INSTRUMENT_NOT_NAMED = "instrument-not-named"
    UNKNOWN_SERIES = "unknown-series"
    NOT_A_UN_RESOLUTION = "not-a-un-resolution"
    NUMBER_SHAPE = "number-shape"
    WITHOUT_YEAR = "without-year"
    ROMAN_SESSION = "roman-session"
    NOT_THE_GENERAL_ASSEMBLY = "not-the-general-assembly"
    ORGAN_WITHOUT_SERIES = "organ-without-series"
    NO_SYMBOL_OF_ITS_OWN = "no-symbol-of-its-own"


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason with its code: what the text prints (``subject``) and why it is not resolved (``detail``); as a
    string, "subject: detail", the message a citation's ``reason`` holds.

    >>> str(Reason(Unresolved.WITHOUT_YEAR, "resolution 1112", "Security Council resolution cited without its year"))
    'resolution 1112: Security Council resolution cited without its year'
    """

    code: Unresolved
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.detail}"


_Resolved = tuple["str | None", "str | None", "Reason | None"]   # work, edition, reason


@dataclass(frozen=True, slots=True)
class CitingContext:
    """What the citing document says about itself, which fills in what a mention leaves out."""

    doc: str
    body: str | None
    family: str
    work: str | None = None
    edition: str | None = None
    security_council_years: dict[str, str] = field(default_factory=dict)


def un_work_key(symbol: str) -> str:
    """The work key of a UN document symbol: spaces, part and supplement designators and part letters dropped.

    >>> [un_work_key(s) for s in ["S/RES/2286 (2016)", "A/79/139 (Part I)", "A/47/40(supp)", "A/RES/48/218b",
    ...                           "A/RES/57/130A-B", "A/RES/1874(s-iv)", "A/RES/74/261 c", "A/75/49 (vol. I)"]]
    ['un/S/RES/2286(2016)', 'un/A/79/139', 'un/A/47/40', 'un/A/RES/48/218', 'un/A/RES/57/130', \
'un/A/RES/1874(S-IV)', 'un/A/RES/74/261', 'un/A/75/49']
    """
    compact = _SYMBOL_VOLUME.sub("", symbol.strip())
    compact = _SPACES.sub("", compact).rstrip(".,;")
    compact = _LOWER_SESSION.sub(lambda m: f"({m.group(1).upper()})", compact)
    compact = _PART_LETTER.sub(r"\1", compact)
    return f"un/{compact}"


def security_council_year(number: str) -> str | None:
    """The year of Security Council resolution ``number``: the resolutions are numbered in one series, so the year
    follows from the first and last number of each year (``data/sc_resolution_years.csv``; before 2000 only the
    numbers seen printed with their year).

    >>> security_council_year("2139"), security_council_year("1285"), security_council_year("1")
    ('2014', '2000', None)
    """
    if not number.isdigit():
        return None
    firsts, lasts, years = _security_council_years()
    index = bisect.bisect_right(firsts, int(number)) - 1
    return years[index] if index >= 0 and int(number) <= lasts[index] else None


@cache
def _security_council_years() -> tuple[list[int], list[int], list[str]]:
    rows = sorted((int(row["first"]), int(row["last"]), row["year"]) for row in read_csv_rows("sc_resolution_years.csv"))
    return [row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows]


def citing_context(document: Document, mentions: list[Mention] | None = None) -> CitingContext:
    """The citing document's body, family, own work key and edition, and the SC years it prints."""
    header = document.header
    family = "un" if header.body in _UN_BODIES or body_of_symbol(header.symbol) else "itu"
    work = None
    if header.symbol:
        work = un_work_key(header.symbol)
    elif (family == "itu" and header.body and header.number
          and header.kind in ("resolution", "decision", "recommendation", "opinion")):
        kind = {"resolution": "res", "decision": "dec", "recommendation": "rec", "opinion": "opinion"}[header.kind]
        body = header.body
        work = f"itu/{body}/{kind}/{header.number.split('-')[0]}"
    years: dict[str, str] = {}
    for mention in mentions or []:
        if mention.family == "instrument" and mention.edition and _YEAR.fullmatch(mention.edition):
            years.setdefault(mention.number or "", mention.edition)
    return CitingContext(document.source.origin, header.body, family, work, header.edition, years)


def resolve_mention(mention: Mention, context: CitingContext, *,
                    gazetteer: Gazetteer | None = None) -> Citation | None:
    """The citation a mention makes, or ``None`` when the document mentions itself."""
    gazetteer = gazetteer or load_gazetteer()
    if mention.family == "instrument":
        work, edition, reason = _resolve_instrument(mention, context, gazetteer)
    elif mention.family == "itu-rec":
        work, edition, reason = _resolve_itu_recommendation(mention, context)
    elif mention.family == "symbol":
        work, edition, reason = _resolve_symbol(mention, context)
    else:
        work, edition, reason = _resolve_named(mention, context, gazetteer)
        if work is None and reason is None:
            return None
    if work is not None and work == context.work and not _earlier_edition(edition, context.edition):
        # the document naming itself ("ANNEX TO RESOLUTION 25 (REV. DUBAI, 2018)", its heading printed again as a
        # running head); an earlier edition of its own work is a citation ("Resolution 71 (Rev. Busan, 2014)" in
        # Resolution 71 (Rev. Dubai, 2018))
        return None
    return Citation(context.doc, mention.clause, mention.text, mention.start, mention.end, work, edition,
                    mention.pinpoint, str(reason) if reason else None, reason.code.value if reason else None)


def _earlier_edition(cited: str | None, own: str | None) -> bool:
    """Whether the edition ``cited`` is older than the citing document's own (``own``): both known, and the
    conference (or the Council session, or the UN adoption date) of ``cited`` comes first.

    >>> _earlier_edition("pp-14", "pp-18"), _earlier_edition("wrc-19", "wrc-19"), _earlier_edition("wrc-19", None)
    (True, False, False)
    """
    if cited is None or own is None or cited == own:
        return False
    gazetteer = load_gazetteer()
    cited_conference, own_conference = gazetteer.by_id(cited), gazetteer.by_id(own)
    if cited_conference is not None and own_conference is not None:
        return cited_conference.start_date < own_conference.start_date
    return cited < own   # ("council-2009" and "council-2019", UN dates: their ids sort by time)


def resolve_citations(document: Document, mentions: list[Mention], *,
                      gazetteer: Gazetteer | None = None) -> list[Citation]:
    """Resolve every mention of ``document`` in its citing context; self-mentions are left out."""
    context = citing_context(document, mentions)
    if "SUP" in document.source.text:
        mentions = [mention for mention in mentions if not _suppressed_heading(document.source.text, mention)]
    resolved = (resolve_mention(mention, context, gazetteer=gazetteer) for mention in mentions)
    return _without_repeats([citation for citation in resolved if citation is not None])


def _without_repeats(citations: list[Citation]) -> list[Citation]:
    """The citations less those that lie inside another one of the same work (a longer reading of the same printed
    reference: "resolutions 1325 (2000)" and the "1325 (2000)" in it, "recommendation No. 40 (2024)" and its "40
    (2024)"), unless the inner one has a pinpoint the outer one lacks, and less a second one of the same span, work,
    edition and pinpoint (a list read twice: "... and its resolutions 1325 (2000), 1820 (2008) and 2122 (2013)").
    Citations of one span with other pinpoints are all kept.

    >>> def cite(start, end, work, pinpoint=None):
    ...     return Citation("d", None, "x" * (end - start), start, end, work, pinpoint=pinpoint)
    >>> kept = _without_repeats([cite(0, 23, "un/S/RES/1325(2000)"), cite(12, 23, "un/S/RES/1325(2000)"),
    ...                                 cite(12, 23, "un/A/RES/1/1"), cite(30, 40, "w", "§ 1"), cite(30, 40, "w", "§ 2"),
    ...                                 cite(30, 40, "w", "§ 2")])
    >>> [(c.start, c.work, c.pinpoint) for c in kept]
    [(0, 'un/S/RES/1325(2000)', None), (12, 'un/A/RES/1/1', None), (30, 'w', '§ 1'), (30, 'w', '§ 2')]
    """
    dropped: set[int] = set()
    by_work: dict[str | None, list[int]] = {}
    seen: set[tuple[int, int, str | None, str | None, str | None]] = set()
    for index, citation in enumerate(citations):
        same = (citation.start, citation.end, citation.work, citation.edition, citation.pinpoint)
        if same in seen:
            dropped.add(index)
            continue
        seen.add(same)
        by_work.setdefault(citation.work, []).append(index)
    for indices in by_work.values():
        outer: Citation | None = None   # (the one reaching furthest of those that start before)
        for index in sorted(indices, key=lambda i: (citations[i].start, -citations[i].end)):
            citation = citations[index]
            if outer is not None and citation.end <= outer.end \
                    and (citation.start, citation.end) != (outer.start, outer.end) \
                    and citation.pinpoint in (None, outer.pinpoint):
                dropped.add(index)
            elif outer is None or citation.end > outer.end:
                outer = citation
    return [citation for index, citation in enumerate(citations) if index not in dropped] if dropped else citations


def _suppressed_heading(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is the heading of a text that a conference's Final Acts suppress ("SUP" / "RESOLUTION 23
    (REV.WRC-12)", or on one line): the conference's act on it, printed after the text before, which cites nothing.

    >>> text = "to study it.\\nSUP\\nRESOLUTION 23 (REV.WRC-12)\\n"
    >>> _suppressed_heading(text, Mention(17, 43, "RESOLUTION 23 (REV.WRC-12)", "instrument"))
    True
    """
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.start)
    heading = NUMBER_LINE.match(text[line_start:len(text) if line_end < 0 else line_end])
    if heading is None or heading.start("kind") != mention.start - line_start:
        return False
    if heading.group("change") is not None:
        return heading.group("change").startswith("SUP")
    above = text[:max(line_start - 1, 0)].rstrip().rsplit("\n", 1)[-1].strip()
    return above.startswith("SUP") and len(above) <= 4


def _resolve_instrument(mention: Mention, context: CitingContext,
                        gazetteer: Gazetteer) -> _Resolved:
    number = mention.number or ""
    printed = mention.edition or ""
    if (suffixed := organ_of_suffix(number)) is not None:   # "decision 1/CP.21": the suffix names the organ
        return _resolve_other_organ(mention, suffixed.organ)
    if mention.body and mention.body.startswith("other: "):
        return _resolve_other_organ(mention, mention.body[7:])
    marker = context.body if mention.body in ("self", "its") else mention.body
    if marker == "council" and context.family == "un":
        marker = _un_council(number)
    elif marker == "itu-council":
        marker = "council"   # ("ITU Council Resolution 1332", in a UN text too)
    if marker == "assembly":   # "Assembly resolution 60/251": the General Assembly in a UN text; an ITU text's own
        marker = "unga" if context.family == "un" else None
    un_shaped = "/" in number or bool(_ROMAN.match(printed)) or (
        context.family == "un" and marker in (None, *_UN_BODIES) and mention.body != "ra")
    if marker in _UN_BODIES or (marker is None and un_shaped) or (context.family == "un" and "/" in number):
        return _resolve_un_instrument(mention, marker, context)
    if mention.kind in ("rec", "opinion") and "/" in number:
        return None, None, Reason(Unresolved.UNKNOWN_SERIES, f"{mention.kind} {number}", "not an instrument of a known series")
    if mention.body == "ra" and marker == "ra":
        number = number.split("-")[0]
    return _resolve_itu_instrument(mention, number, printed, marker, context, gazetteer)


_UN_ORGAN_NAMES = {"unga": "General Assembly", "unsc": "Security Council", "hrc": "Human Rights Council",
                   "ecosoc": "Economic and Social Council"}


def _kind_word(kind: str) -> str:
    """The word a reason prints for a mention's kind: "res" is "resolution", "dec" "decision"."""
    return KIND_CLASSES.get(kind, kind).lower()


def _resolve_other_organ(mention: Mention, name: str) -> _Resolved:
    """A resolution or decision of an organ this project has no series for: the symbol ``data/un_organs.csv``
    gives its resolutions or decisions ("United Nations Environment Assembly resolution 4/14": UNEP/EA.4/Res.14),
    or why it has none."""
    kind, number = mention.kind or "res", mention.number or ""
    organ = organ_named(name, kind=kind, number=number)
    if organ is None:
        return None, None, Reason(Unresolved.ORGAN_WITHOUT_SERIES, mention.text,
                                  f"a {_kind_word(kind)} of the {name}, an organ with no known series")
    if (symbol := organ.symbol(kind, number)) is not None:
        return un_work_key(symbol), None, None
    if organ.suffix is not None:
        return None, None, Reason(Unresolved.NO_SYMBOL_OF_ITS_OWN, mention.text,
                                  f"a {_kind_word(kind)} of the {organ.organ}, which has no document symbol of its own "
                                  "(it is printed in the report of the session)")
    return None, None, Reason(Unresolved.ORGAN_WITHOUT_SERIES, mention.text,
                              f"a {_kind_word(kind)} of the {organ.organ}, whose {_kind_word(kind)}s have no known symbol")


def _un_council(number: str) -> str:
    """The UN council whose resolution "Council resolution <number>" is in a UN text, by the shape of the number:
    a year and a number ("2019/3") the Economic and Social Council's; a session and a number ("43/25", "S-29/1")
    the Human Rights Council's; a number alone ("2046") the Security Council's."""
    if "/" not in number:
        return "unsc"
    first = number.split("/")[0]
    return "ecosoc" if first.isdigit() and int(first) >= 1946 else "hrc"


def _resolve_itu_instrument(mention: Mention, number: str, printed: str, marker: str | None,
                            context: CitingContext, gazetteer: Gazetteer) -> _Resolved:
    kind = mention.kind or "res"
    body = marker
    edition = None
    reason: Reason | None = None
    years = council_years(printed)
    # a Council resolution prints years only: "(2009)", "(Rev. 2016)", "(1996, last modified 2001)", "(C16, amended
    # C17)"
    council_style = bool(years) and _NUMBERS_ONLY.fullmatch(_COUNCIL_WORDS.sub("", printed)) is not None
    if _CHANGE_MARK.fullmatch(printed) and body in (None, context.body) and context.family == "itu":
        # "Resolution 1291 (MOD)", "(Rev.)": the text as the citing body modifies it at the citing session
        body, edition = context.body, context.edition
    elif body == "council" or (body is None and council_style):
        body = "council"
        edition = council_edition(years[-1]) if years else None
    elif printed:
        editions = read_editions(printed, body)
        if editions and editions[-1].conference is not None:
            conference = editions[-1].conference
            body, edition = body or conference.body, conference.id
        elif editions:
            place, year = editions[-1].place, editions[-1].year
            candidates = gazetteer.candidates(place=place, year=year, body=body) if place else []
            if not candidates and place:
                candidates = gazetteer.candidates(place=place, year=year)
            if len(candidates) == 1 and (body is None or candidates[0].body == body):
                body, edition = candidates[0].body, candidates[0].id
            elif len(candidates) > 1:
                mine = [c for c in candidates if c.body == (body or context.body)]
                if len(mine) == 1:
                    body, edition = mine[0].body, mine[0].id
                else:
                    names = " or ".join(c.id for c in candidates)
                    return None, None, Reason(Unresolved.AMBIGUOUS_EDITION, f"ambiguous edition ({printed})", names)
            else:
                reason = Reason(Unresolved.EDITION_NOT_IN_GAZETTEER, f"edition ({printed})",
                                "not in the conference gazetteer")
    if body is None:
        if context.family != "itu" or context.body is None:
            return None, None, Reason(Unresolved.BODY_NOT_STATED, mention.text, "the adopting body is not stated")
        body = context.body
    if body in _UN_BODIES:
        return _resolve_un_instrument(mention, body, context)
    if not _PLAIN_NUMBER.fullmatch(number):
        return None, None, Reason(Unresolved.NOT_AN_ITU_NUMBER, number, f"not the number of an ITU {kind}")
    return f"itu/{body}/{kind}/{number}", edition, reason


def _resolve_un_instrument(mention: Mention, marker: str | None,
                           context: CitingContext) -> _Resolved:
    number = mention.number or ""
    printed = mention.edition or ""
    kind = mention.kind or "res"
    if kind not in ("res", "dec"):
        return None, None, Reason(Unresolved.NOT_A_UN_RESOLUTION, mention.text, f"a UN {_kind_word(kind)} is not a resolution or decision")
    if _ROMAN.match(printed):   # "resolution 217 A (III)", "Economic and Social Council resolution 163 B (VIII)"
        old_series = "E/RES" if marker == "ecosoc" else "A/RES"
        return f"un/{old_series}/{number}({printed.upper()})", None, None
    body = marker
    if "/" not in number:
        # "resolution 2165 (2014)": a number and a year is the Security Council's, whoever "its" refers to
        stated_year = printed if _YEAR.fullmatch(printed) else None
        if kind == "dec" and body in (None, "unsc") and stated_year and security_council_year(number) == stated_year:
            # "Reaffirming its decision 2133 (2014)" (S/RES/2199): the Council numbers only its resolutions, and a
            # number with the year of the resolution so numbered is that resolution
            kind = "res"
        elif kind == "dec" and body == "unsc":
            return None, None, Reason(Unresolved.NUMBER_SHAPE, mention.text, "the Security Council numbers no decisions")
        if (stated_year is None and body not in (None, "unsc")) or kind != "res":
            return None, None, Reason(Unresolved.NUMBER_SHAPE, mention.text,
                                      f"a {_UN_ORGAN_NAMES.get(body or '', 'UN')} {_kind_word(kind)} is numbered "
                                      "session/number")
        year = stated_year or context.security_council_years.get(number) or security_council_year(number)
        if year is None and body is None and context.body != "unsc":
            # "resolution 1 adopted on 20 November 2013 by the General Conference of UNESCO": not the Council's
            return None, None, Reason(Unresolved.BODY_NOT_STATED, mention.text,
                                      "no organ named before the number, and no year: another organ's, or a Security "
                                      "Council resolution printed without its year")
        if year is None and (own := _citing_security_council_number(context)) is not None and \
                number.isdigit() and int(number) > own:
            # "Resolution 7804 (7 September 2014)" in S/RES/2199: the Council cites only resolutions before its own
            return None, None, Reason(Unresolved.BODY_NOT_STATED, mention.text,
                                      f"numbered above the citing Security Council resolution ({own}): another "
                                      "organ's, not named before the number")
        if year is None:
            return None, None, Reason(Unresolved.WITHOUT_YEAR, mention.text,
                                      "Security Council resolution cited without its year")
        return f"un/S/RES/{number}({year})", None, None
    if body is None or body == "unsc":
        first = number.split("/")[0]
        body = "ecosoc" if first.isdigit() and int(first) >= 1946 else (
            context.body if context.body in ("unga", "hrc", "ecosoc") else "unga")
        if body == "hrc" and not _hrc_session(first, context.edition):
            body = "unga"   # ("resolution 77/1" in a Human Rights Council text of 2024: the Council had held 55)
        if first.upper().startswith("S-") and body not in ("unga", "hrc") and mention.body != "its":
            body = "unga"   # (a special session numbered S-NN is the General Assembly's or the Council's: not ECOSOC's)
    session = number.split("/")[0]
    if session.upper().startswith("ES-"):
        body = "unga"   # (an emergency special session is the General Assembly's alone: "resolution ES-10/19")
    if body == "unga" and session.isdigit() and int(session) >= 1946:
        body = "ecosoc"
    if _ROMAN_SESSION.fullmatch(session):
        return None, None, Reason(Unresolved.ROMAN_SESSION, mention.text,
                                  f"a {_kind_word(kind)} numbered with a roman session is another organ's")
    if body == "unga" and session.isdigit() and int(session) < _FIRST_GA_SESSION_NUMBERED:
        # the General Assembly numbered its resolutions "NNNN (session)" before its 31st session
        return None, None, Reason(Unresolved.NOT_THE_GENERAL_ASSEMBLY, mention.text,
                                  "not the General Assembly's (before its 31st session it printed NNNN (session))")
    series = un_series_prefix(body, kind)
    if series is None:
        return None, None, Reason(Unresolved.UNKNOWN_SERIES, mention.text, f"no symbol series for a {body} {kind}")
    return f"un/{series}{number}", None, None


def _citing_security_council_number(context: CitingContext) -> int | None:
    """The number of the citing document where it is a Security Council resolution ("un/S/RES/2199(2015)": 2199).

    >>> _citing_security_council_number(CitingContext("x", "unsc", "un", "un/S/RES/2199(2015)"))
    2199
    """
    own = _SC_WORK.fullmatch(context.work or "")
    return int(own.group(1)) if own is not None else None


_HRC_FIRST_YEAR = 2006   # the Human Rights Council holds three regular sessions a year from 2006 on


def _hrc_session(session: str, citing_edition: str | None) -> bool:
    """Whether ``session`` can be a session of the Human Rights Council that a text adopted on ``citing_edition``
    (its date, "2024-04-05") cites: a special session ("S-30"), or a regular one it had held by then (three a
    year); any where the date is not known.

    >>> _hrc_session("55", "2024-04-05"), _hrc_session("77", "2024-04-05"), _hrc_session("77", None)
    (True, False, True)
    """
    if not session.isdigit() or citing_edition is None or not _YEAR.match(citing_edition):
        return True
    return int(session) <= 3 * (int(citing_edition[:4]) - _HRC_FIRST_YEAR + 1)


def _resolve_itu_recommendation(mention: Mention, context: CitingContext) -> _Resolved:
    sector = _SECTORS.get(mention.body or "")
    identifier = mention.number or ""
    if sector is None:
        sector = _SECTOR_OF_BODY.get(context.body or "")
    if sector is None and identifier.split(".")[0] in _ITU_R_SERIES - {"F", "S"}:
        sector = "r"
    if sector is None:
        return None, None, Reason(Unresolved.SECTOR_NOT_STATED, f"Recommendation {identifier}",
                                  "the Sector (ITU-T, ITU-R, ITU-D) is not stated")
    return f"itu/{sector}/rec/{identifier}", None, None


def _resolve_symbol(mention: Mention, context: CitingContext) -> _Resolved:
    symbol = mention.number or mention.text
    match = _SC_SYMBOL.fullmatch(_SPACES.sub("", symbol))
    if match and (year := context.security_council_years.get(match.group(1)) or security_council_year(match.group(1))):
        symbol = f"S/RES/{match.group(1)}({year})"
    return un_work_key(symbol), None, None


def _resolve_named(mention: Mention, context: CitingContext,
                   gazetteer: Gazetteer) -> _Resolved:
    work = mention.kind
    if work is None:
        if context.body in ("wrc", "ra") or _REVISED_BY_WRC.search(mention.edition or ""):
            # in a WRC or RA text a bare "No. 9.21" or "Appendix 30" is the Radio Regulations, and anywhere one a
            # WRC revised ("Appendices 30 and 30A (Rev.WRC-19)")
            work = "itu/rr"
        elif context.family == "itu":
            return None, None, Reason(Unresolved.INSTRUMENT_NOT_NAMED, mention.pinpoint or "",
                                      "the instrument it belongs to is not named")
        else:
            return None, None, None
    edition = None
    if mention.edition:
        conference = gazetteer.by_alias(_REV.sub("", mention.edition))
        if conference is None and (editions := read_editions(mention.edition, mention.body)):
            conference = editions[-1].conference   # "as revised by the Plenipotentiary Conference (Busan, 2014)"
        edition = conference.id if conference else None
    return work, edition, None


def extract_citations(document: Document, *, gazetteer: Gazetteer | None = None) -> list[Citation]:
    """Find and resolve every citation of ``document``, in document order."""
    return resolve_citations(document, find_mentions(document), gazetteer=gazetteer)


def citation_record(citation: Citation) -> dict[str, object]:
    """The ``kg extract --format jsonl`` object of one citation (``reason`` says why ``work`` is null)."""
    return {"doc": citation.doc, "clause": citation.clause, "text": citation.text, "start": citation.start,
            "end": citation.end, "work": citation.work, "edition": citation.edition,
            "pinpoint": citation.pinpoint, "reason": citation.reason}
