"""A text printed on one line (a file whose extraction lost every line break): its line breaks put back where its
layout had them, a space made a newline, so that the layout reader finds its header and sections and every offset
stays the text's own.

A break goes after the number line ("RESOLUTION 900 (DUBAI, 2018)") and before a UN number ("79/901. Title"),
around the enacting formula ("The Plenipotentiary Conference (Dubai, 2018),"), before a section's verb that opens
after a comma, semicolon, colon or full stop ("; resolves", ", Recalling"), and before a clause's label that opens
there, and after an ITU verb that stands alone on its line ("considering a) that", "; 1 to act", "; 2. Decides").

>>> text = ("RESOLUTION 900 (DUBAI, 2018) Test The Plenipotentiary Conference (Dubai, 2018), considering a) that it "
...         "holds; b) that it goes on, resolves 1 to act; 2 to report.")
>>> print(with_line_breaks(text))
RESOLUTION 900 (DUBAI, 2018)
Test
The Plenipotentiary Conference (Dubai, 2018),
considering
a) that it holds;
b) that it goes on,
resolves
1 to act;
2 to report.
"""

from __future__ import annotations

import re
from functools import cache

from kg.reference.vocabulary import load_vocabulary

_HEAD_REACH = 1000   # (the number line and the formula stand in the text's first characters)
_NUMBER_LINE = re.compile(r"(?:RESOLUTION|DECISION|RECOMMENDATION|OPINION|Resolution|Decision|Recommendation"
                          r"|Opinion)\s+(?:ITU-[RTD]\s+)?\d{1,4}[A-Z]?(?:-\d{1,2})?(?:\s*\([^()]{1,60}\))?\*{0,3}(?= )")
_WORD = re.compile(r"\S+")
_SENTENCE_WORD = re.compile(r"\b[a-z]{3,}\b")
_WORDS_BEFORE_NUMBER_LINE = 16   # ("United Nations S/RES/2998 (2019) Security Council Distr.: General 27 June 2019")
# a UN text's adoption line, after what stood above it ("A/RES/80/8 Resolution adopted by the General Assembly on")
_ADOPTION = re.compile(r" (?=(?:Resolution|Decision|RESOLUTION|DECISION) (?:adopted|ADOPTED) |Adopted by the )")
# the meeting that adopted a UN text, after its last paragraph: "... of the matter. 50th plenary meeting 19 December 2023"
_MEETING = re.compile(r"(?<=[.;]) (?=\d{1,4}(?:st|nd|rd|th) (?:plenary )?meeting\b)")
_UN_NUMBER = re.compile(r" (?=\d{1,4}/\d{1,4}\. [A-Z])")
_FORMULA = re.compile(r" (?P<formula>The (?:[A-Z][\w/-]*|of|the|and|for|on)(?: (?:[A-Z][\w/-]*|of|the|and|for|on)){0,12}"
                      r"(?: \([^()]{1,60}\))?,) ")
# a clause's label: "a) that", "(a) the", "iv) of", "1 to act", "1.1 the", "2. Decides"
# (a number after a full stop only where the full stop ends a sentence, not "No." / "para.": "No. 9.7 of")
_LABEL = (r"(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|(?<![.] )\d{1,3}(?:\.\d{1,2})*(?= [a-z]{2})"
          r"|(?:(?<![.] )|(?<=[a-z]{4}[.] ))\d{1,3}\.(?= [A-Z]))(?= \S)")


_OPENS_CLAUSE = re.compile(rf" (?:{_LABEL}|that\b|to\b)")


@cache
def _breaks() -> re.Pattern[str]:
    """A space after which a section's verb or a clause's label opens, after a punctuation mark (the verb in the
    group ``verb``)."""
    verbs = sorted({verb for verb, _ in load_vocabulary().verbs if verb}, key=len, reverse=True)
    alternatives = "|".join(re.escape(verb) for verb in verbs)
    capitalised = "|".join(re.escape(verb[0].upper() + verb[1:]) for verb in verbs)
    # (not a verb after a paragraph's number: "1. Urges")
    return re.compile(rf"(?<=[,;:.]) (?:(?<!\d\. )(?P<verb>{alternatives}|{capitalised})(?![\w-])|(?={_LABEL}))")


def _after_verb(text: str, verb: re.Match[str]) -> bool:
    """Whether the line breaks after a section's verb, as the ITU prints it alone on its line: a verb of the
    preamble ("recalling" / "Resolution 71 ..."), or one of the operative part before its clause ("resolves" / "1 to
    ...", "that ...") rather than before its addressees ("instructs the Director ..."). A UN verb opens its
    paragraph's text ("Recalling its resolution")."""
    printed = verb.group("verb")
    if not printed[:1].islower():
        return False
    found = load_vocabulary().match_verb(printed)
    return (found is not None and found[1] == "preambular") or _OPENS_CLAUSE.match(text, verb.end()) is not None


# the longest one-line text read so: a resolution's is some tens of KB; past this a line is bulk text (as the dense
# benchmark's), read as it stands, since its structure would cost a quarter more CPU and a third more memory
_MOST_CHARACTERS = 512 * 1024


def is_one_line(text: str) -> bool:
    """Whether ``text`` is one line, long enough to hold a resolution (newlines at its start and end aside) and no
    longer than a resolution is."""
    return 200 < len(text) <= _MOST_CHARACTERS and "\n" not in text.strip()


def _number_line(text: str) -> re.Match[str] | None:
    """The number line ``text`` opens with, after the page furniture a conversion may have put before it ("- 2 -",
    "Res. 75", "WTSA-12", "A/RES/73/1", "PP18/146-E": a few words, none of a sentence, a lower-case word of three
    letters or more).

    >>> _number_line("- 3 - WTSA-12 RESOLUTION 75 (Rev. Dubai, 2012) Title").group()
    'RESOLUTION 75 (Rev. Dubai, 2012)'
    >>> _number_line("recalling Resolution 71 (Rev. Dubai, 2018) and") is None
    True
    """
    for count, word in enumerate(_WORD.finditer(text)):
        if count > _WORDS_BEFORE_NUMBER_LINE or _SENTENCE_WORD.search(text, 0, word.start()):
            return None
        if (number := _NUMBER_LINE.match(text, word.start())) is not None:
            return number
    return None


def with_line_breaks(text: str) -> str:
    """``text`` (one line) with a newline for each space where its layout broke a line; the same length."""
    breaks: list[int] = []
    if (number := _number_line(text)) is not None:
        breaks += [number.start() - 1, number.end()] if number.start() else [number.end()]
    elif (un_number := _UN_NUMBER.search(text, 0, _HEAD_REACH)) is not None:
        breaks.append(un_number.start())
        if (adoption := _ADOPTION.search(text, 0, un_number.start())) is not None:
            breaks.append(adoption.start())
    if (formula := _FORMULA.search(text, 0, _HEAD_REACH)) is not None:
        breaks += [formula.start(), formula.end("formula")]
    breaks += [meeting.start() for meeting in _MEETING.finditer(text, max(0, len(text) - _HEAD_REACH))]
    for match in _breaks().finditer(text):
        breaks.append(match.start())
        if match.group("verb") and _after_verb(text, match):
            breaks.append(match.end())
    pieces, last = [], 0
    for position in sorted(set(breaks)):
        if text[position] == " ":
            pieces += [text[last:position], "\n"]
            last = position + 1
    return "".join([*pieces, text[last:]])   # (in pieces, not a list of characters: a long line is 8 bytes a one)
