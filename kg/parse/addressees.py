"""The addressees an operative heading names: "instructs the Secretary-General and the Directors of the Bureaux".

An addressee is a name of ``data/addressees.csv`` (as its canonical name) or a well-formed noun phrase as printed
without its article: never a function word, a number or a clause's words ("the", "1", "BR shall").

>>> from kg.reference.vocabulary import load_vocabulary
>>> addressees_of("the Director of TSB, in consultation with the Directors of the other Bureaux, and the", load_vocabulary())
['Director of the Telecommunication Standardization Bureau']
>>> addressees_of("the Secretary-General1 and ITU-T Study Group 17", load_vocabulary())
['Secretary-General', 'ITU-T Study Group 17']
>>> addressees_of("the Directors of the Radiocommunication Bureau and the Telecommunication Development Bureau",
...               load_vocabulary())
['Director of the Radiocommunication Bureau', 'Director of the Telecommunication Development Bureau']
>>> addressees_of("the Secretary-General, in consultation and coordination with the Directors of the Bureaux,",
...               load_vocabulary())
['Secretary-General']
"""

from __future__ import annotations

import re

from kg.reference.vocabulary import Vocabulary

_COMMA = re.compile(r",\s*(?:and\s+)?")
_AND = re.compile(r"\s+and\s+")
_OPENING_PREPOSITION = re.compile(r"^(?:in|with|to|for|on|as|through|within|by|where|when|if|including|especially|"
                                  r"particularly|notably)\b", re.IGNORECASE)
_FUNCTION_WORDS = frozenset({"the", "a", "an", "and", "or", "of", "to", "that", "in", "on", "with", "for", "by", "as",
                             "its", "their", "all", "this", "these", "those", "further", "also", "inter", "alia"})
# words of a clause, not of a name: "BR shall", "the Council to"
_CLAUSE_WORDS = re.compile(r"\b(?:shall|should|may|will|must|is|are|was|were|be|to|that)\b", re.IGNORECASE)
_MOST_WORDS = 14
_NOTE_MARKER = re.compile(r"[ \t]?(?:\d{1,2}|\*{1,3})$")   # (after a name: "Member States 1", "Secretary-General*")
# "the Directors of the Radiocommunication Bureau and the Telecommunication Development Bureau": one Director each
_DIRECTORS_OF = re.compile(r"^(?:the\s+)?Directors\s+of\s+(?:the\s+)?(?P<bureau>.+\bBureau)$")


def addressees_of(printed: str, vocabulary: Vocabulary) -> list[str]:
    """The addressees named in ``printed`` (a heading's words after its verb), normalised, in order, once each."""
    # a phrase between commas that opens with a preposition names no addressee, whatever "and" it holds ("the
    # Secretary-General, in consultation and coordination with the Directors of the Bureaux,")
    parts = [part.strip() for segment in _COMMA.split(printed) if not _OPENING_PREPOSITION.match(segment.strip())
             for part in _AND.split(segment)]
    names: list[str] = []
    for index, part in enumerate(parts):
        if not part or _OPENING_PREPOSITION.match(part):
            continue
        directors = _DIRECTORS_OF.match(part)
        if directors is not None and index + 1 < len(parts) and re.search(r"\bBureau$", parts[index + 1]):
            part = f"Director of the {directors.group('bureau')}"
        elif index > 0 and re.search(r"\bBureau$", part) and _DIRECTORS_OF.match(parts[index - 1]):
            part = "Director of the " + re.sub(r"^(?:of\s+)?(?:the\s+)?", "", part)   # ("... Bureau and of the ...")
        name = vocabulary.normalise_addressee(part)
        if (marked := _NOTE_MARKER.search(part)) is not None and vocabulary.known_addressee_at(part[:marked.start()]):
            name = vocabulary.normalise_addressee(part[:marked.start()])   # "the Secretary-General1": a note's marker
        if is_addressee(name) and name not in names:
            names.append(name)
    return names


# the names a UN paragraph opens with, before its "to" ("Requests the Secretary-General and the Office of the High
# Commissioner to ..."): no clause punctuation on the way, and a few hundred characters at most
_NAMES_BEFORE_TO = re.compile(r"[^;:.()\n]{1,400}?(?=\s+to\s)")


def addressees_opening(text: str, vocabulary: Vocabulary) -> list[str]:
    """The addressees a UN paragraph names after its verb, each of them, where it opens with a known one.

    >>> from kg.reference.vocabulary import load_vocabulary
    >>> addressees_opening("the Secretary-General and the Office of the High Commissioner to continue",
    ...                    load_vocabulary())
    ['Secretary-General', 'Office of the High Commissioner']
    >>> addressees_opening("States, including through cooperation, to cooperate fully", load_vocabulary())
    ['States']
    >>> addressees_opening("the role of the Secretary-General", load_vocabulary())
    []
    """
    known = vocabulary.known_addressee_at(text)
    if known is None:
        return []
    names = _NAMES_BEFORE_TO.match(text)
    named = addressees_of(names.group(), vocabulary) if names is not None else []
    # (the known name first, as the vocabulary reads it: otherwise the phrase is not a list of names)
    return named if named and named[0] == known else [known]


def is_addressee(name: str) -> bool:
    """Whether ``name`` can name an addressee: a noun phrase, not a function word, a number or a clause's words.

    >>> [is_addressee(n) for n in ("Member States", "the", "1", "BR shall", "least developed countries")]
    [True, False, False, False, True]
    """
    words = name.split()
    if not words or len(words) > _MOST_WORDS or name.lower() in _FUNCTION_WORDS:
        return False
    if not any(character.isalpha() for character in name) or words[0].lower() in _FUNCTION_WORDS:
        return False
    return _CLAUSE_WORDS.search(name) is None
