"""Whether a section addresses anyone, and where in its paragraph the names of those it addresses stand: its verb
asks someone to act ("requests", "once again urges", "its call upon"), the name its paragraph opens with is the one
asked, not a possessive's or a citation's, and the names run from past the verb's adverbs and asides
(``names_opening``) to the "to" of the infinitive (``infinitive_to``).

>>> addresses_someone("requests"), addresses_someone("welcomes"), names_addressee("the Secretary-General's report")
(True, False, False)
"""

from __future__ import annotations

import re

# the verbs of a UN paragraph that address someone, who is named after them ("Requests the Panel of Experts to")
ADDRESSING_VERBS = frozenset({"requests", "urges", "calls", "invites", "encourages", "instructs", "authorizes",
                              "demands", "appeals", "directs", "asks", "recommends"})

# the words before a verb that are not it ("Once again urges", "Strongly calls upon", "Continues to urge"), and a
# heading that calls upon someone after another verb ("Renews its call upon", "Reiterates its call upon")
_ADVERBS = re.compile(r"^(?:(?:once|again|also|further|still|[a-z]+ly|continues\s+to|resolves\s+to|decides\s+to)\s+)+")
_ITS_CALL = re.compile(r"\bits\s+(?:call|appeal|request)\b", re.IGNORECASE)
_CALLS_FOR = re.compile(r"\bcalls\s+(?:also\s+|once\s+again\s+)?for\b", re.IGNORECASE)


def addresses_someone(verb: str, heading: str = "") -> bool:
    """Whether a section whose verb is ``verb`` (under ``heading``) addresses someone: a request-type verb after any
    adverb ("requests", "once again urges", "continues to encourage", "resolves to instruct"), or "its call upon";
    not "welcomes", "notes", "recalls" ..., whose names are what they welcome or recall ("Recalls Security Council
    resolution 2026", "Welcomes the Secretary-General's report"), nor "calls for" (``heading``: "Calls for").

    >>> [addresses_someone(v) for v in ("requests", "once again urges", "continues to encourage", "recalls")]
    [True, True, True, False]
    >>> addresses_someone("reiterates", "Reiterates its call upon"), addresses_someone("calls", "Calls for the")
    (True, False)
    """
    words = _ADVERBS.sub("", verb.lower()).split()
    if _CALLS_FOR.search(heading):
        return False   # (what it calls for is no one: "Calls for the appropriate bodies to be granted access")
    if not words:
        return bool(_ITS_CALL.search(heading))
    head = words[0] if words[0].endswith("s") else f"{words[0]}s"   # ("continues to urge": "urges")
    return head in ADDRESSING_VERBS or bool(_ITS_CALL.search(heading))


def names_addressee(text: str) -> bool:
    """Whether the name ``text`` opens with is an addressee's, not a possessive's or a citation's ("the
    Secretary-General's report", "Security Council resolution 2026 (2011)").

    >>> [names_addressee(t) for t in ("the Secretary-General to report", "the Secretary-General’s intention to",
    ...                               "Security Council resolution 2026 (2011), and calls upon")]
    [True, False, False]
    """
    first = re.match(r"\s*(?:(?:the|all)\s+)?[^\s,;:'’]+(?:\s+[A-Z][^\s,;:'’]*)*", text)
    return first is None or not re.match(r"['’](?:s\b|\s)|\s+(?:resolutions?|decisions?|statements?|reports?)\b",
                                         text[first.end():])


# the names a UN paragraph opens with, before its "to" ("Requests the Secretary-General and the Office of the High
# Commissioner to ..."): a couple of hundred characters at most
MOST_NAMES_CHARACTERS = 260


# the "to" of an infinitive ("Requests the Panel of Experts to report", "calls upon the entities ... to:"), not a
# preposition's: "all parties to armed conflict to", "States Parties to the Convention to", "the Committee established
# pursuant to resolution 1533 (2004) to", "committed to ensuring"
_TO = re.compile(r" to(?=[\s:])(?:\s+(?P<word>\S+))?")
_NOT_AN_INFINITIVE = re.compile(r"(?:the|a|an|all|its|their|his|her|this|these|those|which|whom|whose|each|any|such|"
                                r"other|both|resolutions?|paragraphs?|decisions?|articles?|date|(?!bring)[a-z]*[a-z]{2}ing|"
                                r"[a-z]*[^e]ed|[^a-z].*)$")
_PREPOSITION_BEFORE_TO = re.compile(r"\b(?:pursuant|prior|according|due|relating|related|contributing|regard|respect)$")


def infinitive_to(text: str, end: int = MOST_NAMES_CHARACTERS) -> int:
    """Where the " to " of the infinitive after the names stands in ``text`` (within ``end`` characters), or -1.

    >>> text = "all parties to armed conflict in the CAR to issue clear orders"
    >>> text[:infinitive_to(text)]
    'all parties to armed conflict in the CAR'
    >>> infinitive_to("the role of the Secretary-General")
    -1
    """
    for found in _TO.finditer(text, 0, end + 4):
        if found.start() >= end:
            break
        word = (found.group("word") or "").strip(",;:")
        if (not word or not _NOT_AN_INFINITIVE.match(word)) and not _PREPOSITION_BEFORE_TO.search(text[:found.start()]):
            return found.start()
    return -1


# what a paragraph may open with before its names: an adverb or an aside ("Once again calls upon", "Urges in this
# regard the Transitional Authorities to"), the rest of its verb ("Calls | upon States to", "Appeals | to all
# Governments to")
_BEFORE_THE_NAMES = re.compile(r"^(?:(?:once\s+again|again|also|further|in\s+(?:this|that)\s+(?:regard|context)|"
                               r"in\s+particular|[a-z]+ly|upon|on|its\s+(?:call|request|appeal)\s+(?:upon|on))\b,?\s+|"
                               r"(?:its\s+(?:call|request|appeal)\s+)?to\s+(?=[A-Z]|(?:the|all|its)\s))+")


def names_opening(text: str) -> str:
    """``text`` (a paragraph's words after its verb) from where its names may stand: past an adverb, an aside or the
    rest of its verb ("upon States to" -> "States to", "in this regard the Transitional Authorities to" -> "the
    Transitional Authorities to").

    >>> names_opening("once again upon all States to"), names_opening("its request to the Department to")
    ('all States to', 'the Department to')
    """
    opening = _BEFORE_THE_NAMES.match(text)
    return text[opening.end():] if opening else text
