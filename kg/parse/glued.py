"""Section headings, and annex headings, that a conversion glued into the paragraph before them.

Text converted from PDF (the PP-18 Final Acts in Akoma Ntoso do this) may run an ITU heading into the previous
paragraph: "... cannot be achieved without embracing the principle of inclusiveness, having noted" / "a) ...", or
"... to report to the next conference, encourages least developed countries ... to continue ...". Unsplit, that
section's clauses and mandates go to the previous section and its addressee. A known section verb (``data/verbs.toml``)
is split off where it opens a line after a line that ended a clause, or follows a clause's final punctuation (";" "."
","), and reads as a heading: an operative verb with its addressees, then the end of the paragraph, a label or "to" /
"that"; a preambular verb only alone at the paragraph's end ("..., having noted"), or a longer one ("noting also")
before "that" (a participle inside a clause, "..., taking into account the views of ...", is no heading).

>>> from kg.model import Block
>>> text = "that X applies, having noted\\nthat Y;"
>>> [(b.role, text[b.start:b.end]) for b in split_glued_headings(text, [Block("clause", 0, len(text))])]
[('clause', 'that X applies,'), ('heading', 'having noted'), ('clause', 'that Y;')]

An annex heading glued into the last paragraph ("... before the end of the calendar year 2021. ANNEX 1 TO DECISION 5
(REV. DUBAI, 2018) TABLE 1 ...") ends that clause: from it on, the paragraphs the conversion made of the annex's
pages (a budget table's cells numbered "0", a strategic plan's boxes) are the annex's text, as an ITU annex read
from plain text is, and no clauses of the section before it (see ``split_glued_annexes``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.model import Block
from kg.reference.vocabulary import Vocabulary, load_vocabulary

# where a glued heading may open (group 1): after a clause's final punctuation, or at the start of a line (the
# punctuation matched, not looked behind for: six times faster, as the search then starts only at a mark)
_OPENING = re.compile(r"[;.,:]([ \t]+(?=[a-z])|[ \t]*\n[ \t]*(?=[a-z]))")
# the operative verbs that head an ITU section (not "notes", "recalls": words a clause also uses)
_HEADING_VERBS = frozenset({"resolves", "instructs", "requests", "invites", "encourages", "urges", "calls",
                            "decides", "further", "also", "strongly", "authorizes"})
# what ends the addressees of a glued operative heading: the paragraph's end, a label, or the clause's "to"/"that"
_AFTER_ADDRESSEES = re.compile(r"[ \t,:]*(?:\n[ \t]*)?(?:\Z|(?=(?:\d{1,2}|[a-z]\))[ \t]+(?:to|that)\b)|\b(?=(?:to|that)[ \t]))")
_NO_ADDRESSEE = re.compile(r"[;.()\d\n]")   # (addressees are names: no clause's punctuation, number or line break)
_MOST_ADDRESSEE_WORDS = 20
_WORD = re.compile(r"[A-Za-z]+")
# an annex heading as ITU prints it, in capitals, naming the text it is annexed to: "ANNEX 1 TO DECISION 5",
# "ANNEX TO RESOLUTION 25 (REV. DUBAI, 2018)", "APPENDIX A TO RECOMMENDATION 7"; or the heading of a part of the Final
# Acts that print the texts, after the page number the conversion kept: "489 PART VI - SIGNATORIES"
_GLUED_HEADING = re.compile(r"\b(?:(?P<annex>(?:ANNEX|APPENDIX|ATTACHMENT)(?:[ \t]+[A-Z0-9]{1,4})?[ \t]+TO[ \t]+"
                            r"(?:THE[ \t]+)?(?:RESOLUTION|DECISION|RECOMMENDATION|OPINION)[ \t]+[A-Z0-9])"
                            r"|(?:\d{1,4}[ \t]+)?PART[ \t]+[IVXL]{1,6}[ \t]+[-\u2013][ \t]+[A-Z]{3,})")
# where a clause may end before one: after its closing punctuation or at a line's end
_CLAUSE_END = re.compile(r"(?:[.;,:][ \t]+|[ \t]*\n[ \t]*)$")


def split_glued_headings(text: str, blocks: list[Block], *, vocabulary: Vocabulary | None = None) -> list[Block]:
    """``blocks`` with each heading glued into a clause (or a footnote the converter ran on) split off: the clause before it, the heading, the clause
    after it (if any text is left); the clauses that follow it, up to the next heading, are of its part."""
    vocabulary = vocabulary or load_vocabulary()
    result: list[Block] = []
    part: str | None = None   # the part of the last glued heading, for the clauses after it
    for block in blocks:
        if block.role == "heading":
            part = None
            result.append(block)
            continue
        if block.role not in ("clause", "footnote"):
            result.append(block)
            continue
        if part is not None and block.role == "clause" and block.part and block.part != part:
            block = replace(block, part=part)
        for piece in _split_clause(text, block, vocabulary):
            if piece.role == "heading":
                part = piece.part
            result.append(piece)
    return result


def _split_clause(text: str, block: Block, vocabulary: Vocabulary) -> list[Block]:
    pieces: list[Block] = []
    start = block.start
    label = block.label
    for opening in _OPENING.finditer(text, max(block.start - 1, 0), block.end):   # (its mark may end the block before)
        if opening.start(1) < start:
            continue
        found = _glued_heading(text, opening.end(1), block.end, vocabulary)
        if found is None:
            continue
        heading_end, clause_start, part = found
        pieces.append(replace(block, start=start, end=opening.start(1), label=label))
        pieces.append(Block("heading", opening.end(1), heading_end, part=part))
        start, label = clause_start, ""
        # (what follows is a clause of the heading's part, also where the heading was glued into a footnote)
        block = Block("clause", block.start, block.end, part=part, depth=block.depth)
    if not pieces:
        return [block]
    if start < block.end:
        pieces.append(replace(block, start=start, label=label))
    return pieces


def _glued_heading(text: str, position: int, end: int, vocabulary: Vocabulary) -> tuple[int, int, str] | None:
    """Where the heading that opens at ``position`` ends, where its clause's text starts (``end`` for none), and
    its part; ``None`` where the words there are no heading."""
    word = _WORD.match(text, position, end)
    if word is None or word.group(0).lower() not in vocabulary.first_words:
        return None   # (most words after a comma open no verb: the vocabulary is not searched for them)
    found = vocabulary.match_verb(text[position:min(end, position + 80)])
    if found is None:
        return None
    verb, part = found
    printed = re.compile(r"\s+".join(map(re.escape, verb.split())), re.IGNORECASE).match(text, position, end)
    if printed is None:   # (a verb is matched folded: accents and spacing aside, as printed)
        return None
    verb_end = printed.end()
    rest = text[verb_end:end]
    if part == "preambular":
        if not rest.strip(" \t\n,:"):
            return verb_end, end, part   # "..., having noted" at the paragraph's end
        if (line_end := re.match(r"[ \t,:]*\n[ \t]*", rest)) is not None:
            return verb_end, verb_end + line_end.end(), part   # "..., having noted" at a line's end
        if " " in verb and re.match(r"[ \t,]+that\b", rest):
            return verb_end, verb_end + len(rest) - len(rest.lstrip(" \t,")), part
        return None
    if verb.split()[0] not in _HEADING_VERBS:
        return None
    stop = _AFTER_ADDRESSEES.search(rest)
    addressees = rest[:stop.start()] if stop is not None else rest
    if stop is None or _NO_ADDRESSEE.search(addressees) or len(addressees.split()) > _MOST_ADDRESSEE_WORDS:
        return None
    heading_end = verb_end + len(addressees.rstrip(" \t,:"))
    return heading_end, (verb_end + stop.end() if stop.end() < len(rest) else end), part


def split_glued_annexes(text: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` with each annex heading that a conversion glued into a clause, after the clause's closing
    punctuation, split off: the clause ends before it, and the annex runs from it over the clauses after it (and
    the footnotes left inline between them), up to the next block of another kind (a heading, a part, a real
    annex, the footnotes after the body); another annex heading glued into that text opens the next annex. The
    heading of a part of the Final Acts ("489 PART VI - SIGNATORIES", then the declarations, numbered) ends the
    document's own text in the same way: from it on, that text is remainder.

    >>> from kg.model import Block
    >>> text = "to announce their class. ANNEX 1 TO DECISION 5 TABLE 1\\n0 0\\n0 TOTAL REVENUE 331,341\\n"
    >>> blocks = [Block("clause", 0, 54), Block("clause", 57, 58, label="0"), Block("clause", 61, 82, label="0")]
    >>> [(b.role, text[b.start:b.end]) for b in split_glued_annexes(text, blocks)]
    [('clause', 'to announce their class.'), ('annex', 'ANNEX 1 TO DECISION 5 TABLE 1\\n0 0\\n0 TOTAL REVENUE 331,341')]
    """
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        heading = _glued_part_heading(text, block) if block.role == "clause" else None
        if heading is None:
            result.append(block)
            continue
        if text[block.start:heading].strip():
            end = heading - len(text[block.start:heading]) + len(text[block.start:heading].rstrip())
            result.append(replace(block, end=end))
        # the annex's own text: the clauses after it, and a footnote only where a clause follows it
        last = index - 1
        while last + 1 < len(blocks) and blocks[last + 1].role in ("clause", "footnote"):
            last += 1
        while last >= index and blocks[last].role != "clause":
            last -= 1
        result += _annexes(text, heading, blocks[last].end)
        index = last + 1
    return result


def _glued_part_heading(text: str, block: Block) -> int | None:
    """Where an annex (or Final Acts part) heading glued into the clause ``block`` after its closing punctuation
    opens."""
    for match in _GLUED_HEADING.finditer(text, block.start, block.end):
        if match.start() > block.start and _CLAUSE_END.search(text, block.start, match.start()):
            return match.start()
    return None


def _annexes(text: str, start: int, end: int) -> list[Block]:
    """The annexes of ``text[start:end]``, which opens with a glued heading: one at each annex heading in it, up to
    the next heading; none from a Final Acts part heading on."""
    headings = list(_GLUED_HEADING.finditer(text, start, end))
    annexes = []
    for heading, following in zip(headings, [*(h.start() for h in headings[1:]), end], strict=True):
        if heading.group("annex") is None:
            break
        annexes.append(Block("annex", heading.start(), heading.start() + len(text[heading.start():following].rstrip())))
    return annexes
