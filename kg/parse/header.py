"""The header of a resolution: its number line, title, edition, revision history and enacting formula.

>>> header = read_header("RESOLUTION 75\\nITU-T's contribution\\n(Johannesburg, 2008)\\n"
...                      "The World Telecommunication Standardization Assembly (Johannesburg, 2008),\\n")
>>> header.kind, header.number, header.body, header.edition, header.place, header.year, header.title
('resolution', '75', 'wtsa', 'wtsa-08', 'Johannesburg', 2008, "ITU-T's contribution")
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.model import Header, Hints, Span
from kg.reference.gazetteer import Conference, load_gazetteer
from kg.reference.keys import un_series_of
from kg.reference.vocabulary import load_vocabulary

_KINDS = "RESOLUTION|DECISION|RECOMMENDATION|OPINION"
# the mark a conference's Final Acts print in the margin of a text it adds, modifies or suppresses ("MOD", "ADD",
# "SUP", "(MOD)"): on the heading's line, or alone on the line above it
CHANGE_MARK = r"(?:ADD|MOD|SUP|NOC|\((?:ADD|MOD)\))\*?"
NUMBER_LINE = re.compile(
    rf"^[ \t]*(?:(?P<change>{CHANGE_MARK})[ \t]+)?(?:(?P<council>Council|WTSA|WTDC|PP|WRC|RA)[ \t]+)?(?P<kind>{_KINDS}|{_KINDS.title()})[ \t]+(?:(?P<sector>ITU-[RTD])[ \t]+)?"
    r"(?P<number>\d{1,4}[A-Z]?(?:-\d{1,2})?)(?![\w/])[ \t]*(?:\((?P<edition>[^()\n]*)\))?[ \t]*\*{0,3}[ \t]*$"
)   # (a heading may carry the marker of a note, "RESOLUTION 72 (REV.WRC-07)*", and name the Council, as the WRC's
#    agenda books print the Council's resolution: "Council RESOLUTION 1343 (C12)", or the conference, as copies on the
#    web do: "WTSA RESOLUTION 1 (Rev. Dubai, 2012)", "WTDC Resolution 82")
_BODY_BEFORE_KIND = {"Council": "council", "WTSA": "wtsa", "WTDC": "wtdc", "PP": "pp", "WRC": "wrc", "RA": "ra"}
# "80/1.", "2022/10."; before its 31st session the General Assembly numbered its resolutions with the session in
# roman numerals: "2625 (XXV).", "217 A (III).", "1874 (S-IV)."
_OLD_GA_NUMBER = r"\d{1,4}(?:[ \t][A-Z])?[ \t]*\((?:[IVXL]{1,7}|E?S-[IVX]{1,5})\)"
UN_NUMBER_LINE = re.compile(rf"^[ \t]*(?P<number>\d{{1,4}}/\d{{1,4}}|{_OLD_GA_NUMBER})\.[ \t]+(?P<title>\S[^\n]*?)[ \t]*$")
# the line that names a UN resolution where no number line does, as its copies on the web print it: "Security
# Council resolution 1257 (1999) on the situation in Timor, U.N. Doc. S/RES/1257 (1999).", "United Nations
# Security Council Resolution 1245 (1999)", "General Assembly resolution 52/1"
UN_TITLE_LINE = re.compile(r"^[ \t]*(?:United[ \t]+Nations[ \t]+)?(?P<organ>Security[ \t]+Council|General[ \t]+Assembly)"
                           r"[ \t]+[Rr]esolution[ \t]+(?P<number>\d{1,4}(?=[ \t]*\((?:19|20)\d\d\))|\d{1,3}/\d{1,4})"
                           r"(?:[ \t]*\((?P<year>(?:19|20)\d\d)\))?(?![\w/])")
# "(Suppressed by WRC-07)", "(Abrogated by ...)": a line under a heading that says the text is no longer in force
SUPPRESSED_LINE = re.compile(r"^[ \t]*\((?:Suppressed|Abrogated|Cancelled|Deleted|Replaced)\b", re.IGNORECASE)
# "of 22 November 1967": the date under a Security Council resolution's number line, as the Council printed its
# resolutions until the 1990s ("Resolution 242 (1967)" / "of 22 November 1967")
_OF_DATE_LINE = re.compile(r"^[ \t]*of[ \t]+(?P<date>\d{1,2}[ \t]+[A-Z][a-z]+[ \t]+(?:19|20)\d\d)[ \t]*$")
# "(adopted at the seventh Plenary Meeting)": a note under a Council session's heading, no part of the title
_ADOPTED_AT_LINE = re.compile(r"^[ \t]*\((?:adopted|approved)\b[^()\n]*\)[ \t]*$", re.IGNORECASE)
# the session a Council document was issued at, printed above its heading ("Council 2009", "Document C09/105-E")
_COUNCIL_SESSION_LINE = re.compile(r"^[ \t]*(?:Council[ \t]+(?P<year>(?:19|20)\d\d)\b[^\n]*"
                                   r"|Document[ \t]+C(?P<session>\d\d)/\d+[^\n]*)$", re.MULTILINE)
EDITION_LINE = re.compile(r"^[ \t]*\((?P<edition>[^()\n]*\d{2}[^()\n]*)\)[ \t]*$")
FORMULA_LINE = re.compile(r"^[ \t]*The[ \t]+[^\n]{4,200}?[,:]?[ \t]*$")
_REVISION = re.compile(r"^\s*(?:Revised\b|Rev\.?)\s*", re.IGNORECASE)
_PLACE_YEAR = re.compile(r"^(?P<place>[^,\d][^,]*?)(?:,\s*|\s+)(?P<year>\d{4})$")   # ("Dubai,2018": PDF text)
UN_BODIES = frozenset({"unga", "unsc", "hrc", "ecosoc"})   # the UN organs whose texts follow UN layout
# "Adopted by the Security Council at its 9518th meeting, on 21 December 2023", "Resolution adopted by the Human
# Rights Council on 6 October 2022": the date a UN text was adopted, when the reader had none ("Decision adopted
# by the Human Rights Council on ...": and that the text is a decision)
# (in capitals too, as a Word file's style may print it: "RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY ON 25 SEPTEMBER
# 2015")
_ADOPTION_OPENING = (r"^[ \t]*(?:(?P<adopted_kind>Resolution|Decision|RESOLUTION|DECISION)\s+)?(?:[Aa]dopted|ADOPTED)"
                     r"\s+(?:by|BY)\s+(?:the|THE)\s+")
ADOPTION_LINE = re.compile(_ADOPTION_OPENING + r"[^\n]{3,120}?(?:[ \t]*\n){0,2}[ \t]*\b(?:on|ON)\s*"
                                                r"(?P<date>\d{1,2}\s+[A-Z][A-Za-z]+\s+(?:19|20)\d\d)\b")
# the meeting that adopted a UN text and its date, printed under its last paragraph ("36th plenary meeting" /
# "4 November 1997"): the date of a General Assembly resolution whose heading prints none ("RESOLUTION ADOPTED BY
# THE GENERAL ASSEMBLY", as until the 2000s)
_MEETING_DATE = re.compile(r"^[ \t]*\d{1,4}(?:st|nd|rd|th)[ \t]+(?:\(resumed\)[ \t]+)?(?:plenary[ \t]+)?meeting,?"
                           r"[ \t]*\n?[ \t]*(?P<date>\d{1,2}[ \t]+[A-Z][a-z]+[ \t]+(?:19|20)\d\d)\.?[ \t]*$", re.MULTILINE)
# how many lines with text above a UN number line its adoption line may stand ("[on the report of ...]" between
# them; the blank lines of a PDF's text are not counted)
ADOPTION_LINES_ABOVE = 3
_MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")
# a Council text's edition, printed with no body: "(modified 2019)", "(C09, last amended C19)", "(Rev. 2016)"; its
# sessions before 2000 as the Council's collection prints them: "(C-1985, last amended C19)", "(C-1997)"
_COUNCIL_STYLE = re.compile(r"^\s*(?:Rev\.?\s*(?:19|20)\d\d\s*$|C-?(?:\d\d|(?:19|20)\d\d)\b)|\b(?:modified|amended)\b",
                            re.IGNORECASE)
_COUNCIL_YEAR = re.compile(r"\b(?:(?P<year>19[4-9]\d|20\d\d)|C-?(?P<session>\d{2}))\b")
_CLOSED_YEAR = re.compile(r"\b(?:19|20)\d\d\s*\)")   # "(Hammamet, 2016)" or the "2016)" of a wrapped one
_YEAR_AT_END = re.compile(r"\([^()]*\b(?:19|20)\d\d\)$")   # "... (Dubai, 2018)"
_YEAR_HISTORY = re.compile(r"\s*(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)*\s*")
def is_formula(line: str) -> bool:
    """An enacting formula: "The <body> (place, year)," (the comma may be missing when the line is short).

    >>> is_formula("The General Assembly"), is_formula("The role of the Radiocommunication Assembly in spectrum")
    (True, False)
    """
    if not FORMULA_LINE.match(line) or load_vocabulary().body_of_formula(line) is None:
        return False
    return line.rstrip().endswith((",", ":")) or len(re.sub(r"\([^()]*\)", "", line).split()) <= 6


def formula_lines(lines: Sequence[str], index: int) -> int:
    """How many lines from ``lines[index]`` on hold an enacting formula: 1 for one line, 2 or 3 for one that the
    page wrapped ("The Plenipotentiary Conference of the International Telecommunication Union" / "(Minneapolis,
    1998),"), 0 for none.

    A wrapped formula ends with its comma or colon, with its brackets closed; a line that is no formula alone
    ("The Plenipotentiary Conference of the International") goes on, and a short one that is ("The World
    Telecommunication Standardization Assembly (Hammamet,", "The General Assembly") only where the next line
    closes the bracket of a year ("2016),"). A line that opens with "The", a section verb or is a formula itself
    is no continuation (a title that opens with "The" before the formula).

    >>> formula_lines(["The Plenipotentiary Conference of the International", "Telecommunication Union "
    ...                "(Dubai, 2018),", "considering"], 0)
    2
    >>> formula_lines(["The General Assembly", "Recalling its resolution 2334 (2016),"], 0)
    1

    The header's last line may be its formula with no comma, when it names a body and closes with the bracket of
    a year ("The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018)"):

    >>> formula_lines(["Assistance to Somalia", "The Plenipotentiary Conference of the International "
    ...                "Telecommunication Union (Dubai, 2018)", ""], 1)
    1
    """
    first = lines[index].strip()
    if not FORMULA_LINE.match(first):
        return 0
    alone = is_formula(first)
    if (not alone and _YEAR_AT_END.search(first) and not any(line.strip() for line in lines[index + 1:])
            and load_vocabulary().body_of_formula(first) is not None):
        return 1
    if alone and first.endswith((",", ":")) and first.count("(") == first.count(")"):
        return 1
    joined = first
    for count, following in enumerate((line.strip() for line in lines[index + 1:index + 3]), start=2):
        if (not following or following.startswith("The ") or is_formula(following)
                or load_vocabulary().match_verb(following) is not None):
            break
        joined = join_lines([joined, following])
        if (joined.endswith((",", ":")) and joined.count("(") == joined.count(")") and is_formula(joined)
                and (not alone or _CLOSED_YEAR.search(following))):
            return count
    return 1 if alone else 0


def join_lines(lines: Sequence[str]) -> str:
    """Lines the page wrapped, as one: a word it hyphenated is whole again ("Telecommu-" / "nication"), a hyphen
    before a capital stays ("ITU-" / "T)").

    >>> join_lines(["The World Telecommu-", "nication Standardization Assembly (ITU-", "T),"])
    'The World Telecommunication Standardization Assembly (ITU-T),'
    """
    joined = ""
    for line in (line.strip() for line in lines):
        if joined.endswith("-") and joined[-2:-1].isalpha() and line[:1].isalpha():
            joined = joined[:-1] + line if line[0].islower() else joined + line
        else:
            joined = f"{joined} {line}" if joined else line
    return joined


def body_of_symbol(symbol: str | None) -> str | None:
    """The UN body whose resolutions carry ``symbol``'s series: "A/RES/80/5" -> "unga"."""
    series = un_series_of(symbol or "")
    return series.body if series else None


@dataclass(frozen=True, slots=True)
class EditionMention:
    """One part of a printed edition: "(Rev. Antalya, 2006)" -> Antalya, 2006, pp-06."""

    place: str | None
    year: int | None
    conference: Conference | None


def read_editions(printed: str, body: str | None) -> list[EditionMention]:
    """Read "Minneapolis, 1998; Rev. Marrakesh, 2002" or "Rev.WRC-03" into editions, oldest first.

    >>> [e.conference.id for e in read_editions("Minneapolis, 1998; Rev. Marrakesh, 2002", "pp")]
    ['pp-98', 'pp-02']
    >>> read_editions("Rev.WRC-03", None)[0].conference.id
    'wrc-03'
    """
    gazetteer = load_gazetteer()
    found = []
    for part in re.split(r"[;]", printed):
        text = _REVISION.sub("", part.strip().replace("\u2013", "-").replace("\u2011", "-")).strip().rstrip(".")
        if not text:
            continue
        match = _PLACE_YEAR.match(text)
        if match:
            place, year = match.group("place").strip(), int(match.group("year"))
            found.append(EditionMention(place.title() if place.isupper() else place, year,
                                        gazetteer.find(place=place, year=year, body=body)))
            continue
        conference = gazetteer.by_alias(text.replace("\u2011", "-"))
        if conference is not None:
            found.append(EditionMention(conference.place, conference.year, conference))
        elif re.fullmatch(r"\d{4}", text):
            found.append(EditionMention(None, int(text), None))
    return found


_NO_HINTS = Hints()


def read_header(text: str, *, start: int = 0, hints: Hints = _NO_HINTS, formulas: Sequence[Span] = ()) -> Header:
    """Read the header lines ``text`` (which begins at ``start`` in the source) into a ``Header``; a line in one of
    the spans ``formulas`` (of the source, as a reader's markup marks the enacting formula) is the formula, whatever
    its words (a formula with no comma after it is none by its words alone, and would run into the title).

    >>> text = "RESOLUTION 160\\nAssistance to Somalia\\nThe Plenipotentiary Conference of the International Union"
    >>> read_header(text).formula, read_header(text, formulas=[Span(37, len(text))]).title
    (None, 'Assistance to Somalia')
    """
    vocabulary = load_vocabulary()
    kind = hints.kind
    number = hints.number
    title_lines: list[str] = []
    edition_text = None
    formula = None
    body = hints.body
    sector = None
    reading_title = False
    adopted = None   # the date of an adoption line ("Adopted by the Security Council at its 9518th meeting, on ...")
    lines = text.split("\n")
    line_starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=start))
    index = -1
    while (index := index + 1) < len(lines):
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            continue
        if any(span.start <= line_starts[index] < span.end for span in formulas):
            formula = stripped
            body = vocabulary.body_of_formula(formula) or body
            reading_title = False
        elif (match := NUMBER_LINE.match(line)) and formula is None:
            kind = match.group("kind").lower()
            number = match.group("number")
            sector = match.group("sector")
            body = _BODY_BEFORE_KIND[match.group("council")] if match.group("council") else body
            edition_text = match.group("edition") or edition_text
            reading_title = True
        elif (match := UN_NUMBER_LINE.match(line)) and formula is None and number is None:
            number = match.group("number")
            kind = kind or "resolution"
            title_lines = [match.group("title")]
            reading_title = True   # (a long title goes on on the next line, before the formula)
        elif _ADOPTED_AT_LINE.match(line) and formula is None:
            continue
        elif (match := _OF_DATE_LINE.match(line)) and formula is None and number is not None:
            adopted = adopted or iso_date(" ".join(match.group("date").split()))
        elif (match := UN_TITLE_LINE.match(line)) and formula is None and number is None:
            number, kind = match.group("number"), kind or "resolution"
            body = body or ("unsc" if match.group("organ").startswith("S") else "unga")
            edition_text = match.group("year") or edition_text
        elif SUPPRESSED_LINE.match(line) and formula is None:
            reading_title = False   # "(Suppressed by WRC-07)": no edition of the text's own
        elif (match := EDITION_LINE.match(line)) and formula is None:
            edition_text = match.group("edition")
            reading_title = False
        elif formula is None and (wrapped := _wrapped_edition_lines(lines, index)):
            edition_text = join_lines(lines[index:index + wrapped])[1:-1]
            index += wrapped - 1
            reading_title = False
        elif formula is None and (match := ADOPTION_LINE.match(line) or _wrapped_adoption(lines, index)):
            adopted = adopted or iso_date(match.group("date"))
            if (match.group("adopted_kind") or "").lower() == "decision":   # ("Decision adopted by the Human Rights Council on ...")
                kind = kind or "decision"
            body = body or _adopting_organ(match.group(0))   # (a decision prints no formula: "The General Assembly,")
            index += match.string.count("\n")   # (the next line too, where the page wrapped it)
            reading_title = False
        elif wrapped := formula_lines(lines, index):
            formula = join_lines(lines[index:index + wrapped])
            index += wrapped - 1
            body = vocabulary.body_of_formula(formula) or body
            reading_title = False
        elif reading_title and re.fullmatch(r"[A-H]", stripped) and kind == "resolution" and "/" in (number or ""):
            reading_title = False   # (the letter of a part of a UN resolution adopted in parts: its title is the part's)
        elif reading_title:
            title_lines.append(stripped)
    if sector == "ITU-R":
        body = "ra"
    body = body or body_of_symbol(hints.symbol)
    header = Header(kind=kind or None, number=_number_only(number), symbol=hints.symbol,
                    title=join_lines(title_lines) or hints.title, work_title=hints.work_title, body=body, formula=formula,
                    span=Span(start, start + len(text.rstrip())))
    return _with_edition(header, edition_text, replace(hints, date=_calendar_date(hints.date) or adopted))


_ADOPTING_ORGANS = (("general assembly", "unga"), ("security council", "unsc"), ("human rights council", "hrc"),
                    ("economic and social council", "ecosoc"))


def _adopting_organ(line: str) -> str | None:
    """The UN organ an adoption line names ("Decision adopted by the General Assembly on ...": unga).

    >>> _adopting_organ("Adopted by the Security Council at its 8305th meeting, on 9 July 2018")
    'unsc'
    """
    folded = " ".join(line.lower().split())
    return next((body for name, body in _ADOPTING_ORGANS if f"by the {name}" in folded), None)


def _calendar_date(text: str | None) -> str | None:
    """A metadata date as written when it is a calendar date (``YYYY-MM-DD``), else None: a front matter's or an
    AKN file's date is whatever its writer typed, and a document with a mistyped one is still read.

    >>> _calendar_date("2024-12-04"), _calendar_date("20x1-01-01"), _calendar_date("2024-02-30")
    ('2024-12-04', None, None)
    """
    if text is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return None
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def meeting_date(text: str) -> str | None:
    """The date of the meeting that adopted a UN text, from the meeting line under its last paragraph.

    >>> meeting_date("1. Takes note of the report;\\n\\n   36th plenary meeting\\n   4 November 1997\\n")
    '1997-11-04'
    """
    found = _MEETING_DATE.search(text)
    return iso_date(" ".join(found.group("date").split())) if found else None


def _wrapped_adoption(lines: list[str], index: int) -> re.Match[str] | None:
    """An adoption line the page wrapped before its date ("Adopted by the Security Council at its 7853rd meeting,
    on" / "23 December 2016"; in the 1990s, with no comma: "... at its 4031st meeting" / "on 3 August 1999"),
    matched over both lines (and the blank line a web page may print between them)."""
    if not re.match(_ADOPTION_OPENING, lines[index]) or index + 1 >= len(lines):
        return None
    following = index + 2 if not lines[index + 1].strip() and index + 2 < len(lines) else index + 1
    return ADOPTION_LINE.match(lines[index].rstrip() + "\n" * (following - index) + lines[following].strip())


def _wrapped_edition_lines(lines: list[str], index: int) -> int:
    """How many lines from ``lines[index]`` on hold an edition line the page wrapped: a history that opens with
    "(" on one line and closes on the next or the one after ("(Helsinki, 1993; ...; Florianópolis, 2004;" /
    "Johannesburg, 2008; ...; Geneva, 2022)"); 0 where none does."""
    first = lines[index].strip()
    if not first.startswith("(") or ")" in first:
        return 0
    joined = first
    for count, following in enumerate((line.strip() for line in lines[index + 1:index + 3]), start=2):
        joined += " " + following
        if following.endswith(")"):
            return count if EDITION_LINE.match(joined) else 0
        if not following or "(" in following or ")" in following:
            return 0
    return 0


def iso_date(printed: str) -> str | None:
    """ "21 December 2023" -> "2023-12-21"."""
    day, month, year = printed.split()
    number = _MONTHS.get(month.lower())
    return f"{year}-{number:02d}-{int(day):02d}" if number else None


def _number_only(number: str | None) -> str | None:
    """ "2 (REV. DUBAI, 2018)" -> "2"; "75/100." -> "75/100"; an old General Assembly number keeps its session:
    "2625 (XXV)"."""
    if number is None:
        return None
    if re.fullmatch(_OLD_GA_NUMBER, number.strip()):
        return " ".join(number.split())
    return re.split(r"\s*\(", number.strip(), maxsplit=1)[0].rstrip(".") or None


# a part of a UN resolution adopted in parts ("75/101 A"): the parts share the work (a citation of "75/101 A" is
# one of resolution 75/101) and each is an edition of its own, named by the date and the letter ("2020-12-10-A";
# an omnibus's parts I to XV by their numeral: "2021-12-24-XIV")
_UN_PART = re.compile(r"\d \s*([A-Z]{1,2}|[IVXL]{1,7})$")


def _with_edition(header: Header, edition_text: str | None, hints: Hints) -> Header:
    if header.body in UN_BODIES:
        year = int(hints.date[:4]) if hints.date else None
        if year is None and edition_text and re.fullmatch(r"\s*(?:19|20)\d\d\s*", edition_text):
            year = int(edition_text)   # "Resolution 2088 (2013)"
        part = _UN_PART.search(header.number or "")
        edition = f"{hints.date}-{part.group(1)}" if hints.date and part else hints.date
        dated = replace(header, edition=edition, date=hints.date, year=year)
        return replace(dated, symbol=header.symbol or _un_symbol(dated))
    if edition_text is None and header.formula:
        in_formula = re.search(r"\(([^()]*\d{2}[^()]*)\)", header.formula)
        edition_text = in_formula.group(1) if in_formula else None
    if edition_text is None and hints.number and "(" in hints.number:
        edition_text = hints.number.split("(", 1)[1].rstrip(")")
    if header.body is None and edition_text and _COUNCIL_STYLE.search(edition_text) and council_years(edition_text):
        header = replace(header, body="council")   # "RESOLUTION 1305 (MODIFIED 2019)", no formula after it
    editions = read_editions(edition_text or "", header.body) if header.body != "council" else []
    if not editions:
        return _with_dated_edition(header, edition_text or "", hints)
    current = editions[-1]
    revisions = tuple(e.conference.id for e in editions if e.conference is not None)
    if header.body is None and current.conference is not None:
        # a heading with no formula after it ("RESOLUTION 917 (REV.WRC-19)", "RESOLUTION 71 (REV. DUBAI, 2018)"):
        # the body is the conference's that the edition names
        header = replace(header, body=current.conference.body)
    return replace(header, place=current.place, year=current.year, date=hints.date,
                   edition=current.conference.id if current.conference else None,
                   revisions=revisions if len(revisions) > 1 else ())


# what a text says that tells which body adopted it, where its heading's place and year fit two conferences
# ("(Rev. Dubai, 2012)": WTSA-12 or WCIT-12; "(Sharm el-Sheikh, 2019)": RA-19 or WRC-19)
_BODY_CUES = (
    (re.compile(r"\b(?:this|the present)\s+Assembly\b"), ("wtsa", "ra")),
    (re.compile(r"\b(?:this|the present)\s+Conference\b"), ("pp", "wtdc", "wrc", "wcit")),
    (re.compile(r"\bTelecommunication Standardization (?:Bureau|Sector)\b|\b(?:TSB|TSAG|ITU-T)\b"), ("wtsa",)),
    (re.compile(r"\bTelecommunication Development (?:Bureau|Sector)\b|\b(?:BDT|TDAG|ITU-D)\b"), ("wtdc",)),
    (re.compile(r"\bRadiocommunication Bureau\b|\bRadio Regulations\b|\bNos?\.\s*\d+\.\d|\b(?:BR|RRB)\b"),
     ("wrc", "ra")),
    (re.compile(r"\bInternational Telecommunication Regulations\b|\bITRs\b"), ("wcit",)),
    (re.compile(r"\bPlenipotentiary\s+Conference\b"), ("pp",)),
)


def body_of_text(text: str, bodies: Sequence[str]) -> str | None:
    """Which of ``bodies`` (those whose conferences fit a heading's place and year) ``text`` is most likely the
    text of, by what it says ("this Assembly", the bureau it instructs, "No. 9.21"); ``None`` where no cue tells.

    >>> body_of_text("resolves that this Assembly instructs the Director of TSB", ["wtsa", "wcit"])
    'wtsa'
    """
    scores = dict.fromkeys(bodies, 0)
    for cue, cued in _BODY_CUES:
        count = len(cue.findall(text))
        for body in cued:
            if body in scores:
                scores[body] += count
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def ambiguous_bodies(header: Header) -> list[str]:
    """The bodies whose conferences fit the place and year of ``header``'s edition where it names no body and
    more than one conference fits ("(Rev. Dubai, 2012)"); [] otherwise."""
    if header.body is not None or header.edition is not None or header.place is None or header.year is None:
        return []
    # (an Assembly's heading names its Sector, "RESOLUTION ITU-R 9", and its body is known: the RA is not one of them)
    return sorted({c.body for c in load_gazetteer().candidates(place=header.place, year=header.year)} - {"ra"})


def council_years(printed: str) -> list[int]:
    """The years a Council text's edition prints, in order: "(1996, last modified 2001)" -> [1996, 2001]; the
    short names of its sessions count as their years: "(C16, amended C17)" -> [2016, 2017]. (The Council first
    met in 1947: an earlier year is none of its.)

    >>> council_years("C01, last amended C-19"), council_years("Rev. 1995"), council_years("1932")
    ([2001, 2019], [1995], [])
    """
    years = []
    for match in _COUNCIL_YEAR.finditer(printed):
        if match.group("year"):
            years.append(int(match.group("year")))
        else:
            session = int(match.group("session"))
            years.append(session + (1900 if session >= 47 else 2000))
    return years


def council_edition(year: int | str) -> str:
    """The id of the Council's edition of ``year`` ("council-2019"): a Council text's own edition and a citation's
    of it are made here alike."""
    return f"council-{year}"


def with_council_session(header: Header, above: str) -> Header:
    """``header`` (a Council text's, with no edition printed: "RESOLUTION 1305") with the edition of the session
    that the lines ``above`` its heading name: the session document's "Council 2009" or "Document C09/105-E".

    >>> with_council_session(Header(body="council"), "Council 2009\\nGeneva, 20-30 October 2009\\n").edition
    'council-2009'
    """
    if header.body != "council" or header.edition is not None:
        return header
    sessions = list(_COUNCIL_SESSION_LINE.finditer(above))
    if not sessions:
        return header
    last = sessions[-1]
    year = int(last.group("year")) if last.group("year") else council_years(f"C{last.group('session')}")[0]
    return replace(header, year=year, edition=council_edition(year))


def _with_dated_edition(header: Header, edition_text: str, hints: Hints) -> Header:
    """The editions printed as years only: a Council text's "(modified 2019)", "(Rev. 2016)", "(1996, last modified
    2001)" (the edition ``council-2019``, as a citation of it reads), and a Radiocommunication Assembly text's
    history "(1993-1995-2000-2019)" (the assembly of the last year)."""
    if header.body == "council":
        council = council_years(edition_text)
        return replace(header, year=council[-1], date=hints.date, edition=council_edition(council[-1])) if council \
            else header
    years = _YEARS.findall(edition_text)
    if not years:
        return header
    year = int(years[-1])
    if _YEAR_HISTORY.fullmatch(edition_text) and (conference := load_gazetteer().find(year=year, body=header.body)):
        return replace(header, place=conference.place, year=year, date=hints.date, edition=conference.id)
    return header


def _un_symbol(header: Header) -> str | None:
    if header.number is None:
        return None
    series = {"unga": "A/RES/", "hrc": "A/HRC/RES/", "ecosoc": "E/RES/"}.get(header.body or "")
    if series is not None and header.kind == "decision":
        series = series.replace("RES/", "DEC/")   # (the Human Rights Council's decisions: "A/HRC/DEC/52/101")
    if series is not None and "/" in header.number:
        return f"{series}{header.number}"
    if header.body == "unga" and header.kind == "resolution" and re.fullmatch(_OLD_GA_NUMBER, header.number):
        # "A/RES/2625(XXV)", as a citation of it reads; a part's letter is no part of the symbol ("217 A (III)":
        # A/RES/217(III))
        number, session = header.number.split("(")
        return f"A/RES/{number.split()[0]}({session}"
    if header.body == "unsc" and header.number.isdigit() and header.year:
        return f"S/RES/{header.number} ({header.year})"
    return None
