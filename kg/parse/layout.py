"""Structure from layout, for plain text (and the text of Markdown, Word, PDF and HTML files).

The text gives no markup, so the layout is the evidence: a heading is a line that holds a section verb (and its
addressees) and nothing else (ITU), or the italic verb that opens a paragraph (UN); a label stands alone on its
line or opens one; blank lines separate paragraphs. The result is the same ``Block`` list that the Akoma Ntoso
reader records, so one assembler builds the ``Document`` from either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from kg.model import Block, Span
from kg.parse.header import (
    ADOPTION_LINE,
    ADOPTION_LINES_ABOVE,
    CHANGE_MARK,
    EDITION_LINE,
    NUMBER_LINE,
    SUPPRESSED_LINE,
    UN_NUMBER_LINE,
    UN_TITLE_LINE,
    formula_lines,
)
from kg.parse.labels import label_alone, label_inline
from kg.reference.vocabulary import Vocabulary, load_vocabulary

_HEADER_SEARCH_LINES = 400
_HEADING_TITLE_LINES = 6   # lines of title (and edition) under a heading that has no formula after it
_MARKDOWN_FOOTNOTE = re.compile(r"^\[\^(?P<marker>[^\]\s]{1,8})\]:[ \t]*")
_RULE = re.compile(r"^[ \t]*_{5,}[ \t]*$")
_RULED_FOOTNOTE = re.compile(r"^[ \t]*(?P<marker>\d{1,2}|\*)[ \t]+(?=\S)")
# the number that opens an ITU annex's paragraph ("1", "1.1", "2.", then a tab or spaces and its text)
# (the Radiocommunication Assembly's annexes print the annex's number before it: "A1.1", "A1.2.3" in Annex 1)
_ANNEX_NUMBER = re.compile(r"[ \t]*(?:A\d{1,2}\.)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]+(?=\S)")
_ANNEX = re.compile(r"^[ \t]*(?:ANNEX|APPENDIX|ATTACHMENT|Annex|Appendix|Attachment)(?:[ \t]+[A-Z0-9]{1,4})?"
                    r"(?:[ \t]+(?:TO|to)[ \t]+[^\n]{1,100})?[ \t]*$")
# Page furniture: a line that is one of these and nothing else is remainder (a clause it cuts goes on after it)
_FURNITURE_LINES = (
    r"[A-Z]{1,4}/(?:[A-Z0-9.]+/?)+(?:[ \t]+\d+/\d+)?",   # a UN symbol line, with its page: "A/RES/80/1 2/10"
    r"\d{1,3}/\d{1,3}",   # a UN page number: "2/3"
    # a UN job number, and the page however far from it: "25-19447", "25-19447      1/3", "2/3      25-19447"
    r"\d{2}-\d{5}\S*(?:[ \t]+\S.{0,40})?", r"\d{1,3}/\d{1,3}[ \t]+\d{2}-\d{5}\S*",
    # the job number's bar code under it on a UN document's first page, as its text prints it ("*1811057*"), and
    # the note beside it ("Please recycle")
    r"\*\d{7,8}\*", r"Please[ \t]+recycle\W{0,3}",
    r"-{3,}", r"\*{3,}",   # rules
    # the meeting that adopted the text, with its date on the line or not: "3rd plenary meeting", the Human Rights
    # Council's "40th meeting", the General Assembly's early "1883rd plenary meeting, 24 October 1970."
    (r"\d{1,4}(?:st|nd|rd|th)[ \t]+(?:\(resumed\)[ \t]+)?(?:plenary[ \t]+)?meeting"
     r",?(?:[ \t]+\d{1,2}[ \t]+[A-Z][a-z]+[ \t]+(?:19|20)\d\d\.?)?"),
    # an ITU page number, "- 12 -", "– XVII –", "– iii –", and the chapter of a collection beside it or on the next
    # line: the Council's resolutions and decisions print "– 41 –" / "(1.2 – Other finance matters)"
    r"[-–—][ \t]*(?:\d{1,4}|[IVXLCivxlc]{1,7})[ \t]*[-–—](?:[ \t]*\([^()\n]{2,80}\))?",
    r"\(\d{1,2}(?:\.\d{1,2})*[ \t]*[-–—][ \t]*[^()\n]{2,80}\)",
    r"(?:Page|PAGE)[ \t]+\d{1,4}(?:[ \t]+of[ \t]+\d{1,4})?",   # "Page 3 of 10"
    # an ITU conference's or Council's document under its page number: "PP18/146(Add.1)-E", "WTSA-20/12-E", "C23/120-E"
    r"[A-Z]{1,5}-?\d{2}/\d{1,4}(?:\([^()\n]{1,20}\))*-[EFSACR]",
    # a book's running head or foot, "Res. 136"; a WTSA resolution's "Res. 2 – 1" (its first page)
    r"Res\.[ \t]?\d{1,4}[A-Z]?(?:[ \t]+[-–—][ \t]+\d{1,3})?",
    # a book's running foot naming the conference, the text and its page: "WTSA-12 – Resolution 69 3",
    # "PP-10 – Resolution 136 – page 3"
    (r"[A-Z]{2,5}-\d{2}[ \t]+[-–—][ \t]+(?:Resolution|Recommendation|Opinion|Decision)[ \t]+\d{1,4}[A-Z]?"
     r"(?:[ \t]+[-–—][ \t]+[Pp]age)?[ \t]+\d{1,3}"),
    CHANGE_MARK,   # a Final Acts' "MOD" alone on its line, above the heading it marks
)
_FURNITURE = re.compile(rf"^[ \t]*(?:{'|'.join(_FURNITURE_LINES)})[ \t]*$")
# The Radio Regulations' running heads ("RES917-2": resolution 917, its second page; a WRC's Final Acts print
# "RES76" beside the page number; the collections of the Plenipotentiary's texts "RES 136 (Rev. Guadalajara, 2010)")
# and what a page prints after the text of its last line: a page number ("– 753 –") or the rule over its notes
# ("_______________")
_RUNNING_HEAD_ITSELF = r"(?:RES|REC)[ \t]?\d{1,4}[A-Z]?(?:-\d{1,3})*(?:[ \t]*\([^()\n]{0,30}\d\d\))?"
_PAGE_NUMBER = r"[-–—][ \t]*\d{1,4}[ \t]*[-–—]"
# (a page's number may stand before its running head: "– 753 – RES917-2 2 that ...")
_RUNNING_HEAD = re.compile(rf"^[ \t]*(?:(?:{_PAGE_NUMBER}|{_RUNNING_HEAD_ITSELF})(?=[ \t]|$)[ \t]*)+")
_FURNITURE_AFTER = re.compile(rf"[ \t]*(?:_{{5,}}|{_PAGE_NUMBER}|(?<=\s){_RUNNING_HEAD_ITSELF})[ \t]*$")
_FURNITURE_LAST = "_-–—\n"   # (with the digits: the last character of whatever _FURNITURE_AFTER finds)
_SECRETARIAT_NOTE = re.compile(r"^[ \t]*\*?[ \t]*Note[ \t]+by[ \t]+the[ \t]+(?:General[ \t]+)?Secretariat\b", re.IGNORECASE)
CONTINUED = "continued"   # the marker of a clause's rest after page furniture (it keeps the clause's label)
# how a Human Rights Council resolution ends: "[Adopted without a vote.]", or "[Adopted by a recorded vote of 28
# to 6, ... The voting was as follows:" and the lists of States, up to the closing "]"
_ADOPTION_NOTE = re.compile(r"^[ \t]*\[Adopted\b")
# how the Security Council closed a resolution until the 1990s: "Adopted unanimously at the 1382nd meeting.",
# "Adopted at the 1383rd meeting by 10 votes to none, with 5 abstentions (...)." (up to its full stop)
_ADOPTED_AT_MEETING = re.compile(r"^[ \t]*Adopted[ \t]+(?:unanimously[ \t]+)?at[ \t]+the[ \t]+\d{1,5}(?:st|nd|rd|th)[ \t]+meeting\b")
# the marker of a note after a paragraph's last punctuation ("Secretary-General,1", "2014), 3", "matter.[^4]")
_NOTE_AFTER = re.compile(r"(?:(?<=[,;:])[ \t]?\d{1,3}(?:,\d{1,3})*|(?<=[,;:.])(?:\*{1,3}|\[\^[^\]\s]{1,8}\]))$")
_DATE_LINE = re.compile(r"^[ \t]*\d{1,2}[ \t]+[A-Z][a-z]+[ \t]+(?:19|20)\d\d\.?[ \t]*$")   # ("24 October 1970.")
_UN_PARAGRAPH = re.compile(r"^[ \t]*(?:(?P<label>\d{1,3}\.|\([a-z]{1,4}\))[ \t]+)?(?P<rest>[A-Z][^\n]*)$")
# a paragraph of a President's statement, in its quotation marks: '"The Security Council recalls ...', "The Council
# requests ..."
_STATEMENT_PARAGRAPH = re.compile(r"^[ \t]*[\"“]?The[ \t]+(?:(?:Security|Human[ \t]+Rights)[ \t]+)?Council[ \t]+"
                                  r"(?P<rest>[a-z][^\n]*)$")
_WORD = re.compile(r"\S+")
# how the one paragraph of a UN decision opens ("The General Assembly, ... decided", "At its 50th plenary meeting, on
# 22 December 2023, the General Assembly ...")
_UN_DECISION_OPENING = re.compile(r"(?:The[ \t]+(?:General[ \t]+Assembly|Security[ \t]+Council|Human[ \t]+Rights[ \t]+"
                                  r"Council|Economic[ \t]+and[ \t]+Social[ \t]+Council)\b|At[ \t]+its\b)")
_ADDRESSEE_STOP = re.compile(r"^(?:that|to|on|in|as|with|for|of)\b|[;.]$")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int      # end of the line's text without its trailing white space
    text: str

    @property
    def first(self) -> int:
        """Offset of the first character that is not white space."""
        return self.start + len(self.text) - len(self.text.lstrip())


def _lines(text: str, start: int = 0) -> Iterator[_Line]:
    """The lines of ``text`` from ``start`` on, lazily (a 50 MB file is walked, not split)."""
    position = start
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        stop = length if newline < 0 else newline
        line = text[position:stop]
        yield _Line(position, position + len(line.rstrip()), line)
        if newline < 0:
            return
        position = newline + 1


def find_header(text: str) -> Span | None:
    """The span from the document's number line (or formula) to the end of its enacting formula."""
    head = list(islice(_lines(text), _HEADER_SEARCH_LINES))
    number_at = next((i for i, line in enumerate(head)
                      if NUMBER_LINE.match(line.text) or UN_NUMBER_LINE.match(line.text)), None)
    if number_at and UN_NUMBER_LINE.match(head[number_at].text):
        # "Resolution adopted by the General Assembly on 16 December 2020" / "[on the report of the Third
        # Committee (A/75/478)]" / "75/169. Title": the header opens at the adoption line
        above = islice((i for i in range(number_at - 1, -1, -1) if head[i].text.strip()), ADOPTION_LINES_ABOVE)
        number_at = next((i for i in above if ADOPTION_LINE.match(head[i].text)), number_at)
    formula_from = number_at or 0
    texts = [line.text for line in head]
    formula_until = min(formula_from + 60, len(head))
    if number_at is not None:   # (a heading with no formula: a clause that opens with "The ..." is none)
        vocabulary = load_vocabulary()
        formula_until = next((i for i in range(number_at + 1, formula_until)
                              if (stripped := texts[i].strip())[:1].islower() and vocabulary.match_verb(stripped)
                              and len(stripped.split()) <= 12), formula_until)
    formula_at, wrapped = next(((i, wrapped) for i in range(formula_from, formula_until)
                                if (wrapped := formula_lines(texts, i))), (None, 0))
    if number_at is None and formula_at is None:
        return None
    if number_at is None:
        number_at = _identity_above(head, formula_at)  # type: ignore[arg-type]
    first = head[number_at if number_at is not None else formula_at]  # type: ignore[index]
    if formula_at is not None:
        return Span(first.first, head[formula_at + wrapped - 1].end)
    return Span(first.first, head[_heading_only_end(head, number_at)].end)  # type: ignore[arg-type]


def _identity_above(head: list[_Line], formula_at: int) -> int | None:
    """Where a UN text with no number line says which it is, above its formula, as the copies of its resolutions
    on the web print them: the line that names it ("Security Council resolution 1257 (1999) on ...", "United
    Nations Security Council Resolution 1245 (1999)") or its adoption line ("Adopted by the Security Council at
    its 4031st meeting," / "on 3 August 1999"), at most ``ADOPTION_LINES_ABOVE`` lines with text up; None where
    neither stands there."""
    above = islice((i for i in range(formula_at - 1, -1, -1) if head[i].text.strip()), ADOPTION_LINES_ABOVE)
    found = [i for i in above if UN_TITLE_LINE.match(head[i].text) or ADOPTION_LINE.match(head[i].text)
             or (i + 1 < formula_at and ADOPTION_LINE.match(f"{head[i].text}\n{head[i + 1].text.strip()}"))]
    return found[-1] if found else None


def _heading_only_end(head: list[_Line], number_at: int) -> int:
    """The index of the last line of a header that is its heading alone (the Radio Regulations' "RESOLUTION 917
    (REV.WRC-19)" / title / "considering", no formula): the number line, then its title, edition or history and a
    "(Suppressed by WRC-07)" line, up to the first section heading, label, annex or piece of page furniture (at most
    ``_HEADING_TITLE_LINES`` lines)."""
    vocabulary = load_vocabulary()
    last = number_at
    un_number = UN_NUMBER_LINE.match(head[number_at].text) is not None
    for index in range(number_at + 1, min(number_at + 1 + _HEADING_TITLE_LINES, len(head))):
        line = head[index].text
        stripped = line.strip()
        if not stripped:
            continue
        if un_number and not head[index - 1].text.strip() and _UN_DECISION_OPENING.match(stripped):
            break   # (a UN decision's one paragraph after its title: "The General Assembly, recalling ..., decided")
        un_number = un_number or UN_NUMBER_LINE.match(line) is not None   # (the header opened at the adoption line)
        if (vocabulary.match_verb(stripped) is not None and stripped[:1].islower()) or label_alone(line) is not None \
                or label_inline(line) is not None or _ANNEX.match(line) or _FURNITURE.match(line) \
                or _RULE.match(line) or NUMBER_LINE.match(line) or running_head(line) is not None:
            break
        last = index
        if EDITION_LINE.match(line) and not SUPPRESSED_LINE.match(line):
            break   # (the edition or history closes the header: "(1993-1995-2000-2019)")
    return last


class _Builder:
    """Walks the body's lines once, emitting blocks; holds the one clause, footnote or annex still open."""

    def __init__(self, vocabulary: Vocabulary, *, un_style: bool, statement: bool = False) -> None:
        self.vocabulary = vocabulary
        self.un_style = un_style
        self.statement = statement
        self.blocks: list[Block] = []
        self.open: Block | None = None
        self.open_text_end = ""
        self.pending_label: str | None = None
        self.part = ""
        self.in_section = False
        self.section_has_labels = False
        self.footnote_zone = False
        self.seen_numbered = False
        self.after_meeting_line = False   # (the line before was "3rd plenary meeting": a date alone follows it)
        self.in_adoption_note = False   # (in "[Adopted by a recorded vote ...", before its "]")
        self.in_meeting_note = False   # (in "Adopted at the 1383rd meeting by 10 votes ...", before its ".")
        self.last_number = 0   # the last UN paragraph number
        self.in_annex = False   # (in the numbered paragraphs of an annexed declaration)
        self.annex_heading = False   # (on an annex's heading lines: "I." / "Global context and ...")
        self.annex_number: tuple[int, ...] = ()   # (the last numbered paragraph of an ITU annex: (1, 2) for "1.2")
        # the clause that page furniture (a page number, a running head, a rule and the notes under it) cut, while
        # the text after the furniture may still be its rest: (its printed label, whether it ended a sentence)
        self.cut: tuple[str, bool] | None = None

    def cut_here(self) -> None:
        """Page furniture: the open clause ends before it (the furniture is remainder), its rest may follow. (An
        annex goes on over it: an annex's pages are the annex's.)"""
        if self.open is not None and self.open.role == "annex":
            return
        if self.open is not None and self.open.role == "clause":
            self.cut = (self.open.label, self.open_text_end.endswith((";", ".", ",", ":")))
        self.close()

    def close(self) -> None:
        if self.open is not None:
            self.blocks.append(self.open)
            self.open = None

    def start(self, role: str, start: int, end: int, *, label: str = "", marker: str = "") -> None:
        self.close()
        self.open = Block(role, start, end, part=self.part if role == "clause" else "", label=label,
                          marker=marker)
        self.open_text_end = ""

    def extend(self, end: int, last_text: str) -> None:
        assert self.open is not None
        self.open = Block(self.open.role, self.open.start, end, part=self.open.part, label=self.open.label,
                          marker=self.open.marker)
        self.open_text_end = last_text

    def heading(self, start: int, end: int, part: str) -> None:
        self.close()
        self.cut = None
        self.pending_label = None
        self.part = part
        self.in_section = True
        self.section_has_labels = False
        self.footnote_zone = False
        self.blocks.append(Block("heading", start, end, part=part))

    def clause(self, start: int, end: int, label: str, text: str) -> None:
        self.start("clause", start, end, label=label)
        self.cut = None
        self.open_text_end = text
        self.section_has_labels = self.section_has_labels or bool(label)
        if label.rstrip(".").isdigit():
            self.last_number = int(label.rstrip("."))

    def text_ends_with(self, marks: tuple[str, ...]) -> bool:
        """Whether the open clause's text ends with one of ``marks``, or with one and the marker of a note after it
        ("... of the Secretary-General,1", "..., 2", "...;[^3]", as a UN text's PDF or Word gives a paragraph's
        last line)."""
        text = self.open_text_end
        if text.endswith(marks):
            return True
        note = _NOTE_AFTER.search(text)
        return note is not None and text[:note.start()].endswith(marks)

    def is_next_number(self, printed: str) -> bool:
        """Whether a UN paragraph number is the next one ("1." after none, "5." after "4."): it opens a paragraph
        though the line before ended with no punctuation (a heading such as a declaration's title)."""
        return self.un_style and printed.rstrip(".").isdigit() and int(printed.rstrip(".")) == self.last_number + 1


def layout_blocks(text: str, *, body_start: int, un_style: bool, number: str | None = None,
                  statement: bool = False, title: str | None = None) -> list[Block]:
    """The headings, clauses, footnotes and annexes of ``text`` after ``body_start``, found from the layout.
    ``number`` is the document's own number: its heading printed again as a running head is page furniture, as is
    a UN text's ``title`` alone on a line (its running head, where a conversion dropped the symbol before it);
    ``statement``: the text is a council President's statement, whose paragraphs open with the council and its verb
    ("The Security Council recalls ...")."""
    builder = _Builder(load_vocabulary(), un_style=un_style, statement=statement)
    running_title = " ".join(title.split()) if title else None
    blank_before = True
    for whole in _lines(text, body_start):
        if not whole.text.strip():
            blank_before = True
            continue
        line, head, after = _without_furniture(whole, number)
        if un_style and running_title is not None and line is not None and " ".join(line.text.split()) == running_title:
            line, head, after = None, True, ""
        if head:
            builder.cut_here()
            builder.footnote_zone = False
        if line is not None:
            stripped = line.text.strip()
            _take_line(builder, line, stripped, blank_before or line is not whole)
        if after:   # a page number or a rule after the text: the page ends there (the rule's notes follow)
            builder.cut_here()
            builder.footnote_zone = after == "rule"
        blank_before = False
    builder.close()
    return builder.blocks


def _take_line(b: _Builder, line: _Line, stripped: str, blank_before: bool) -> None:
    if b.in_adoption_note or (b.un_style and _ADOPTION_NOTE.match(line.text)):
        b.close()   # (the note and the votes it lists are remainder)
        b.in_adoption_note = not stripped.endswith("]")
        return
    if b.in_meeting_note or (b.un_style and _ADOPTED_AT_MEETING.match(line.text)):
        b.close()   # (the text has ended: what follows, up to an annex or the next text, is no clause of it)
        b.in_meeting_note, b.in_section = not stripped.endswith("."), False
        return
    open_role = b.open.role if b.open is not None else None
    if open_role == "annex" and not _ANNEX.match(line.text) and not _MARKDOWN_FOOTNOTE.match(line.text):
        if not (_annexed_paragraph(b, line, blank_before) if b.un_style else _itu_annex_paragraph(b, line, stripped)):
            b.extend(line.end, stripped)
        return
    if open_role == "part" and not _MARKDOWN_FOOTNOTE.match(line.text) and not _opens_un_paragraph(b, line):
        b.extend(line.end, stripped)   # the title of an omnibus resolution's part: "Conditions of service ..."
        return
    if (match := _MARKDOWN_FOOTNOTE.match(line.text)) and line.start + match.end() < line.end:   # ("[^1]: ": no note)
        b.start("footnote", line.start + match.end(), line.end, marker=match.group("marker"))
        return
    if open_role == "footnote" and (line.text[:1] in " \t" or not blank_before) and not _next_ruled_note(b, line) \
            and not _FURNITURE.match(line.text):   # (the page's foot under its last note: "23-25999 (E)", "*2325999*")
        b.extend(line.end, stripped)
        return
    if _RULE.match(line.text):
        b.close()
        b.footnote_zone = True
        return
    if b.footnote_zone and (match := _RULED_FOOTNOTE.match(line.text)):
        b.start("footnote", line.start + match.end(), line.end, marker=match.group("marker"))
        return
    if _FURNITURE.match(line.text):
        b.after_meeting_line = line.text.rstrip().endswith(("meeting", "meeting,"))
        b.cut_here()   # (the clause it cut goes on after it)
        return
    if b.after_meeting_line and _DATE_LINE.match(line.text):
        return   # "3rd plenary meeting" / "21 September 2020": where the text was adopted
    b.after_meeting_line = False
    if _ANNEX.match(line.text):
        b.start("annex", line.first, line.end)
        b.in_section = False
        b.in_annex, b.last_number, b.annex_number = False, 0, ()
        return
    if (heading := NUMBER_LINE.match(line.text)) is not None and (heading.group("change")
                                                                  or heading.group("kind").isupper()):
        # another text's heading, where no document of its own opens (a Final Acts' "SUP RESOLUTION 23
        # (REV.WRC-12)", suppressed with no text): remainder, and no clause goes on over it
        b.close()
        b.in_section, b.cut, b.pending_label = False, None, None
        return
    if b.un_style and b.in_annex:
        _annexed_line(b, line, stripped, blank_before)
        return
    if b.in_annex:
        if not _itu_annex_paragraph(b, line, stripped) and b.open is not None and b.open.role == "clause":
            b.extend(line.end, stripped)
        return
    if b.un_style and _roman_part(b, line):
        return
    if _itu_heading(b, line, stripped):
        return
    if b.un_style and _un_subheading(b, stripped, blank_before):
        b.close()   # (remainder: "Peacebuilding financing", between two paragraphs of an omnibus text)
        return
    if b.un_style and _un_paragraph(b, line, blank_before):
        return
    if (printed := label_alone(line.text)) is not None:
        b.close()
        b.pending_label = printed
        b.footnote_zone = False
        return
    if (inline := label_inline(line.text)) is not None and (blank_before or b.open is None or b.pending_label
                                                            or b.text_ends_with((";", ",", ":", "."))
                                                            or b.is_next_number(inline[0])):
        printed, offset = inline
        b.pending_label = None
        b.footnote_zone = False
        if b.un_style and printed.endswith(".") and printed[:-1].isdigit():
            b.part, b.seen_numbered = "operative", True   # (a UN paragraph with a number is operative, whatever its verb)
        b.clause(line.start + offset, line.end, printed, stripped)
        return
    if b.pending_label is not None:
        b.clause(line.first, line.end, b.pending_label, stripped)
        b.pending_label = None
        return
    if b.open is not None and b.open.role in ("clause", "footnote"):
        new_unlabelled = (blank_before and b.open.role == "clause" and not b.section_has_labels
                          and b.open_text_end.endswith((";", ".", ",")) and not b.un_style)
        if not new_unlabelled:
            b.extend(line.end, stripped)
            return
    if b.cut is not None and not (b.cut[1] and blank_before and not b.section_has_labels):
        label, _ = b.cut
        b.clause(line.first, line.end, label, stripped)   # the rest of the clause the furniture cut
        b.open = Block("clause", line.first, line.end, part=b.part, label=label, marker=CONTINUED)
        return
    if b.in_section:
        b.clause(line.first, line.end, "", stripped)


def _next_ruled_note(b: _Builder, line: _Line) -> bool:
    """Whether ``line``, under the rule of a page's notes, opens the note after the one open: its marker is the next
    number ("1 Resolution 217 A (III)." / "2 See resolution 2200 A (XXI), annex."; a UN page's notes stand on
    consecutive lines, with no blank line between them)."""
    if not b.footnote_zone or b.open is None or not b.open.marker.isdigit():
        return False
    match = _RULED_FOOTNOTE.match(line.text)
    return match is not None and match.group("marker") == str(int(b.open.marker) + 1)


def running_head(line: str) -> re.Match[str] | None:
    """The running head a line opens with: "RES917-2", "REC 7-3" (the Radio Regulations' "resolution 917, page 2")."""
    return _RUNNING_HEAD.match(line)


def _without_furniture(line: _Line, number: str | None) -> tuple[_Line | None, bool, str]:
    """``line`` without the page furniture printed on it (``None`` where it is furniture alone), whether furniture
    opens it or is all of it, and what ends it: "rule" (the notes of the page follow), "page" (a page number) or "": a running head before the text ("RES917-2 2 that ..."), a page number
    or a rule after it ("...; _______________", "... WRC-23. – 753 –"), the secretariat's note ("Note by the
    Secretariat: ..."), and the document's own heading printed again at the top of a page."""
    text = line.text
    start, end = 0, len(text.rstrip())
    if _SECRETARIAT_NOTE.match(text):
        return None, True, ""
    if (head := _RUNNING_HEAD.match(text)) is not None:
        start = head.end()
    after = ""
    # (furniture after the text ends it with "_", a dash or a digit: a line that ends otherwise is not searched)
    while (end > start and (text[end - 1] in _FURNITURE_LAST or text[end - 1].isdecimal())
           and (tail := _FURNITURE_AFTER.search(text, start, end)) is not None):
        after = "rule" if after == "rule" or "_" in tail.group(0) else "page"
        end = tail.start()
    if number is not None and (heading := NUMBER_LINE.match(text[start:end])) and heading.group("number") == number \
            and (heading.group("kind").isupper() or not heading.group("edition")):
        return None, True, ""   # ("RESOLUTION 917 (REV.WRC-19)", or a book's running head "Resolution 1")
    if number is not None and _un_running_head(text[start:end], number):
        return None, True, ""   # ("A/RES/80/10      International Day of ...", at the top of a UN page)
    if start == 0 and end == len(text.rstrip()):
        return line, False, ""
    if not text[start:end].strip():
        return None, after != "rule", "rule" if after == "rule" else ""
    return _Line(line.start, line.start + end, " " * start + text[start:end]), start > 0, after


def _un_running_head(text: str, number: str) -> bool:
    """Whether ``text`` is a UN page's running head: the document's own symbol, alone or with its short title
    after a gap ("A/RES/80/10      International Day of ...", "A/HRC/RES/52/1", "S/RES/2250 (2015)").

    >>> _un_running_head("A/RES/80/10        International Day", "80/10"), _un_running_head("A/RES/80/1", "80/10")
    (True, False)
    """
    stripped = text.strip()
    if not stripped.startswith(("A/", "E/", "S/")) or number not in stripped:
        return False
    return re.match(rf"(?:A/(?:HRC/)?|E/|S/)RES/{re.escape(number)}(?:[ \t]*\((?:19|20)\d\d\))?(?:[ \t]{{2,}}\S.*)?$",
                    stripped) is not None


def _itu_heading(b: _Builder, line: _Line, stripped: str) -> bool:
    """A line holding a section verb and its addressees only: "instructs the Director of ... Bureau"; or a
    section verb and the section's one clause: "considering that ITU is ... ,"."""
    if stripped[:1].isupper() and b.un_style:
        return False
    found = b.vocabulary.match_verb(stripped)
    if found is None:
        return False
    verb, part = found
    words = len(verb.split())
    rest = " ".join(stripped.split()[words:]).strip(" ,:")
    if stripped[0].isupper() and rest:
        return False
    if rest.startswith("that ") and (b.open is None or b.open_text_end.endswith((",", ";", ".", ":"))):
        _verb_and_clause(b, line, line.first, words, part, "")   # "considering that ITU is ...", on one line
        return True
    if len(stripped) > 220 or stripped.endswith((";", ".")):
        return False
    if rest and (part == "preambular" or _ADDRESSEE_STOP.search(rest)):
        return False   # (only an operative verb names addressees: "reaffirming, inter alia, the ..." goes on)
    b.heading(line.first, line.first + len(stripped.rstrip(" ,:")), part)
    return True


_SUBHEADING_MOST_WORDS = 10
_LINE_GOES_ON = frozenset({"a", "an", "the", "of", "to", "in", "on", "for", "with", "by", "and", "or", "as", "at",
                           "from", "that", "its", "their", "upon"})


def _un_subheading(b: _Builder, stripped: str, blank_before: bool) -> bool:
    """A heading inside a UN text's body, a paragraph of its own between two paragraphs that ended with their
    punctuation ("Peacebuilding Commission", "Peacebuilding financing", before "1. Reaffirms ..."): a few words with
    no punctuation at their end (a preambular paragraph ends with its comma, an operative one with its semicolon or
    full stop) and no verb at their start."""
    if not (blank_before and b.in_section and stripped[:1].isupper()) or stripped.endswith((",", ";", ".", ":")):
        return False
    if not 1 < len(stripped.split()) <= _SUBHEADING_MOST_WORDS or stripped[-1].isdigit():
        return False   # (a paragraph's first line; "... of the Secretary-General,1" ends with a note's marker; a word
        #                 alone goes on as the text before)
    if b.vocabulary.match_verb(stripped) is not None or label_inline(stripped):
        return False
    if stripped.split()[-1].lower() in _LINE_GOES_ON:
        return False   # (the first line of a paragraph the page wrapped: "Calling upon Member States to")
    return b.open is not None and b.open.role == "clause" and b.text_ends_with((",", ";", ".", ":"))


def _un_paragraph(b: _Builder, line: _Line, blank_before: bool) -> bool:
    """A UN paragraph opening with its verb: "Recalling its resolution ...", "2. Requests the ...".

    A paragraph whose first word is not a known verb still opens a new preambular section when it starts a new
    paragraph after one that ended with a comma (the preamble's punctuation). Text without blank lines between
    paragraphs (as PDF text often is) opens one where a line opens with a known verb after a line that ended a
    paragraph ("," ";" "." ":").
    """
    match = _UN_PARAGRAPH.match(line.text)
    said = _STATEMENT_PARAGRAPH.match(line.text) if b.statement else None
    if said is not None:
        match = said   # (the council's name is remainder, its verb the heading)
    if match is None:
        return False
    rest = match.group("rest")
    label = match.groupdict().get("label") or ""
    found = b.vocabulary.match_verb(rest)
    if found is None and (adverbs := b.vocabulary.match_verb_after_adverbs(rest)) is not None:
        found = adverbs[0], adverbs[2]   # ("Once again urges": the heading's words up to its verb's end)
    if said is not None and line.text.lstrip()[:1] in "\"“":
        blank_before = True   # (a statement's paragraph opens with its quotation mark, a blank line before it or not)
    if not blank_before and (found is None or not (b.text_ends_with((",", ";", ".", ":"))
                                                   or (label and b.is_next_number(label)))):
        return False
    if found is None:
        if label or b.seen_numbered or not b.text_ends_with((",",)) or len(rest.split()) < 2:
            return False   # (a word alone on its line opens no paragraph: there would be no clause after it)
        verb_words, part = 1, "preambular"
    else:
        verb_words, part = len(found[0].split()), found[1]
    if label and not label.startswith("("):
        part, b.seen_numbered = "operative", True
    elif label:
        return False  # "(a) ..." is a sub-paragraph, not a new section
    elif b.seen_numbered and part == "preambular":
        part = "operative"
    _verb_and_clause(b, line, line.start + match.start("rest"), verb_words, part, label)
    return True


def _verb_and_clause(b: _Builder, line: _Line, start: int, verb_words: int, part: str, label: str) -> None:
    """The ``verb_words`` words from ``start`` (an offset in ``line``) as a section's heading, without a comma after
    them; the rest of the line as its first clause, with ``label``. A label with no text after the verb ("1.
    Decides" alone on its line) waits for the next line."""
    heading_end = start
    for word in _WORD.finditer(line.text, start - line.start):
        verb_words -= 1
        if verb_words == 0:
            heading_end = line.start + word.end()
            break
    heading_text_end = start + len(line.text[start - line.start:heading_end - line.start].rstrip(","))
    b.heading(start, heading_text_end, part)
    clause_start = heading_end
    while clause_start < line.end and line.text[clause_start - line.start] in " \t,":
        clause_start += 1
    if clause_start < line.end:
        b.clause(clause_start, line.end, label, line.text.strip())
    elif label:
        b.pending_label = label


# An omnibus resolution's part: "II" alone (its title on the lines after) or "III. Financial performance report ...";
# or a part of a resolution adopted in parts, its letter alone ("B" / "Comprehensive approach" / "The General
# Assembly,")
_ROMAN_PART = re.compile(r"^[ \t]*(?:(?P<num>[IVXL]{1,7})\.?(?:[ \t]+(?P<title>[A-Z“\"][^\n]*))?|(?P<letter>[A-H]))[ \t]*$")
# a paragraph number the PDF's text glued to a heading: "Global context and shared commitments 3. We gather ..."
_GLUED_NUMBER = re.compile(r"(?<=\s)(?P<label>\d{1,3}\.)[ \t]+(?=[A-Z“\"(])")


def _opens_un_paragraph(b: _Builder, line: _Line) -> bool:
    """Whether ``line`` opens a UN paragraph: with a number ("1. Takes note ...") or a known verb ("Recalling")."""
    match = _UN_PARAGRAPH.match(line.text)
    if match is None:
        return False
    if match.group("label") or b.vocabulary.match_verb(match.group("rest")) is not None:
        b.close()
        b.open_text_end = "."   # (the part's title ended: the paragraph opens though its line has no blank before)
        return True
    return False


def _roman_part(b: _Builder, line: _Line) -> bool:
    """A part of an omnibus resolution opens ("II" / "Conditions of service ..."): its number and title are the
    part's, and the part has a preamble and numbered paragraphs of its own."""
    match = _ROMAN_PART.match(line.text)
    if match is None:
        return False
    b.start("part", line.first, line.end, label=match.group("num") or match.group("letter"))
    b.seen_numbered, b.last_number, b.part, b.pending_label = False, 0, "", None
    return True


def _numbered(b: _Builder, line: _Line, blank_before: bool) -> tuple[str, int] | None:
    """The label and text offset of an annexed declaration's numbered paragraph or sub-paragraph opening ``line``:
    the next number (or one a few on, where the PDF's text lost a number in a line before), "(a)"."""
    inline = label_inline(line.text)
    if inline is None:
        return None
    printed = inline[0]
    ended = blank_before or b.open is None or b.text_ends_with((";", ",", ":", "."))
    if printed.endswith(".") and printed[:-1].isdigit():
        number = int(printed[:-1])
        return inline if number == b.last_number + 1 or (ended and b.last_number < number <= b.last_number + 3) \
            else None
    return inline if printed.startswith("(") and ended and b.in_annex else None


def _annexed_paragraph(b: _Builder, line: _Line, blank_before: bool) -> bool:
    """An annex's heading lines end where its paragraph 1 opens: from there on its paragraphs are clauses."""
    found = _numbered(b, line, blank_before)
    if found is None or found[0] != "1.":
        return False
    b.close()
    b.in_annex, b.annex_heading, b.part = True, False, "operative"
    b.clause(line.start + found[1], line.end, found[0], line.text.strip())
    return True


def _itu_annex_paragraph(b: _Builder, line: _Line, stripped: str) -> bool:
    """An ITU annex's numbered paragraph opening ``line`` ("1 Introduction", "1.1 The group shall ...", "2 ..."),
    where its number is the first ("1") or follows the one before (the next at a level, or the first under it) and
    its text opens with a capital (or the paragraph before ends with ";" or ":");
    or, among them, a lettered one ("a) ..."). From its paragraph 1 on, an annex's paragraphs are clauses."""
    number = _ANNEX_NUMBER.match(line.text)
    if number is not None:
        printed = tuple(int(part) for part in number.group("number").split("."))
        opening = line.text[number.end():number.end() + 1]
        if not _follows(b.annex_number, printed) or not (opening.isupper() or b.text_ends_with((";", ":"))):
            return False   # (nor a number that a line of a paragraph opens with: "Nos." / "2 and 3 of ...")
        if not b.in_annex:
            b.close()   # (the annex's heading lines before it are the annex's heading)
            b.in_annex, b.part = True, "operative"
        b.annex_number = printed
        b.clause(line.start + number.end(), line.end, number.group("number"), stripped)
        return True
    if b.in_annex and (inline := label_inline(line.text)) is not None and inline[0].endswith(")") \
            and b.text_ends_with((";", ",", ":", ".")):
        b.clause(line.start + inline[1], line.end, inline[0], stripped)
        return True
    return False


def _follows(before: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Whether paragraph ``number`` can come next after ``before`` (``()`` before the first): the next at one of
    its levels, or the first under it.

    >>> _follows((), (1,)), _follows((1,), (1, 1)), _follows((1, 2), (2,)), _follows((1, 2), (1, 4)), _follows((), (3,))
    (True, True, True, False, False)
    """
    if number == (*before, 1):
        return True
    return any(number == (*before[:level], before[level] + 1) for level in range(len(before)))


def _annexed_line(b: _Builder, line: _Line, stripped: str, blank_before: bool) -> None:
    """A line of an annexed declaration: a numbered paragraph opens ("3. Reaffirm ..."), or a sub-paragraph
    ("(a) Regret that ..."); a heading of the annex ("I." / "Global context and shared commitments", or a short
    line alone with no closing punctuation) stands apart, and a paragraph number glued to it opens a paragraph;
    any other line goes on with the paragraph before it."""
    glued = _GLUED_NUMBER.search(line.text)
    ended = blank_before and b.open_text_end.endswith((".", ";", ":"))
    heading = (_ROMAN_PART.match(line.text) is not None
               or (ended and len(stripped) < 150 and stripped[:1].isupper()
                   and not stripped.endswith((".", ";", ",", ":")) and label_inline(line.text) is None)
               or (ended and glued is not None and int(glued.group("label")[:-1]) == b.last_number + 1
                   and re.fullmatch(r"[A-Z][^.;:,!?]{2,120}", line.text[:glued.start()].strip()) is not None))
    if heading or b.annex_heading:
        if heading:
            b.close()
            b.annex_heading = True
        if glued and b.last_number < int(glued.group("label")[:-1]) <= b.last_number + 3:
            b.annex_heading = False
            b.clause(line.start + glued.end(), line.end, glued.group("label"), stripped)
            return
        if heading or _numbered(b, line, blank_before) is None:
            return   # (a heading line: remainder)
    if (found := _numbered(b, line, blank_before)) is not None:
        b.annex_heading = False
        b.clause(line.start + found[1], line.end, found[0], stripped)
    elif b.open is not None and b.open.role == "clause":
        b.extend(line.end, stripped)
