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
_COMMA_AND = re.compile(r"(,\s*(?:and\s+)?)")   # (_COMMA, each joiner kept)
_AS_WELL_AS = re.compile(r",?\s+as\s+well\s+as\s+")
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
# Commissioner to ..."): no clause punctuation on the way (_CLAUSE_MARK), and a couple of hundred characters at most
_MOST_NAMES_CHARACTERS = 260
_CLAUSE_MARK = re.compile(r"[;:.()\n]")
# an aside between the names, not a name: "States, individually and collectively, ...", "while undertaking ...",
# "who have the primary responsibility", "in particular ..."
# (in lower case, as mid-sentence: "Assembly" and "Italy" are names)
_ASIDE = re.compile(r"^(?:[a-z]+ly|while|who|which|whose|having|bearing|taking|but|together|from|upon|either|in|with|"
                    r"to|for|on|as|through|within|by|where|when|if|including|especially|particularly|notably)\b")
_AND = re.compile(r"\s+and\s+")
_COMMA_AND = re.compile(r"(,\s*(?:and\s+)?)")   # (_COMMA, each joiner kept)
_AS_WELL_AS = re.compile(r",?\s+as\s+well\s+as\s+")
# words no name of an addressee holds: a clause's ("invites", "seeking", "referred", "consistent with paragraph 31")
_NOT_IN_A_NAME = re.compile(r"\b(?:[a-z]+ly|[a-z]+ing|[a-z]+ed|or|with|without|after|before|whose|which|who|"
                            r"invites?|encourages?|requests?|urges?|calls?|operate|paragraph|position|capacity|"
                            r"competence|increase|prejudice)\b")   # (in lower case: "Assembly", "United" are names)
# what the last word of an addressee's name is: a plural noun, a capitalised name, or one of these
_NAME_ENDINGS = frozenset({"community", "system", "sector", "society", "academia", "media", "secretariat"})
_ARTICLE = re.compile(r"^(?:the|all|its)\s+", re.IGNORECASE)
_MOST_NAME_WORDS = 7
_KEPT_COMMA = "\x1f"
# the verbs of a UN paragraph that address someone, who is named after them ("Requests the Panel of Experts to")
ADDRESSING_VERBS = frozenset({"requests", "urges", "calls", "invites", "encourages", "instructs", "authorizes",
                              "demands", "appeals", "directs", "asks", "recommends"})


def addressees_opening(text: str, vocabulary: Vocabulary, *, addressing: bool = False) -> list[str]:
    """The addressees a UN paragraph names after its verb, each of them, where it opens with a known one; only
    the known one where the words before its "to" are not a plain list of names. Where its verb addresses someone
    (``addressing``: "Requests", "Urges", "Calls upon" ...), names the vocabulary does not hold too, as printed,
    where the words before its "to" are a plain list of capitalised names ("Requests the Panel of Experts to",
    "Authorizes MONUSCO to"). (Names as the vocabulary gives them: ``kg.parse`` renames the ITU's that a UN text
    means otherwise.)

    >>> from kg.reference.vocabulary import load_vocabulary
    >>> addressees_opening("the Secretary-General and the Office of the High Commissioner to continue",
    ...                    load_vocabulary())
    ['Secretary-General', 'Office of the United Nations High Commissioner for Human Rights']
    >>> addressees_opening("States, individually and collectively, and relevant international and regional "
    ...                    "organizations to act", load_vocabulary())
    ['States', 'relevant international organizations', 'regional telecommunication organizations']
    >>> addressees_opening("the General Assembly, its Main Committees, the Economic and Social Council and its "
    ...                    "subsidiary bodies to act", load_vocabulary())
    ['UN General Assembly', 'Main Committees', 'UN Economic and Social Council', 'subsidiary bodies']
    >>> addressees_opening("States, in cases where a dispute arises, their archives and premises or the staff to act",
    ...                    load_vocabulary())
    ['States']
    >>> addressees_opening("Member States, notably Sahel, West Africa and Maghreb States, as well as regional, "
    ...                    "bilateral and multilateral partners, to enhance", load_vocabulary())
    ['Member States']
    >>> addressees_opening("the Secretary-General and the President of the General Assembly to promote",
    ...                    load_vocabulary())
    ['Secretary-General', 'President of the General Assembly']
    >>> addressees_opening("the role of the Secretary-General", load_vocabulary())
    []
    >>> addressees_opening("the Panel of Experts and MONUSCO to share information", load_vocabulary(), addressing=True)
    ['Panel of Experts', 'MONUSCO']
    >>> addressees_opening("the efforts of the Government to continue", load_vocabulary(), addressing=True)
    []
    """
    known = vocabulary.known_addressee_at(text)
    if known is None:
        return _printed_names(text, vocabulary) if addressing else []
    to = text.find(" to ", 0, _MOST_NAMES_CHARACTERS)
    names = text[:to] if to > 0 else ""
    if ("," not in names and " and " not in names) or _CLAUSE_MARK.search(names):
        return [known]   # (most name one addressee: "Requests the Secretary-General to")
    listed = _listed_names(names, vocabulary)
    # (the known name first, as the vocabulary reads it: otherwise the phrase is not a list of names)
    return listed if listed and listed[0] == known else [known]


def _printed_names(text: str, vocabulary: Vocabulary) -> list[str]:
    """The names before the "to" of ``text`` where they are a plain list of capitalised names ("the Panel of Experts
    and MONUSCO to"), none of them known to the vocabulary; [] otherwise."""
    to = text.find(" to ", 0, _MOST_NAMES_CHARACTERS)
    names = text[:to] if to > 0 else ""
    if not names or _CLAUSE_MARK.search(names):
        return []
    listed = _listed_names(names, vocabulary) or []
    return listed if listed and all(name[:1].isupper() for name in listed) else []


def _listed_names(phrase: str, vocabulary: Vocabulary) -> list[str] | None:
    """The names of ``phrase`` ("States, the United Nations system and other relevant stakeholders"), asides left
    out; None where a part is no name (a clause's words, a phrase joined by "or", a long one)."""
    parts: list[str] = []
    after_aside = False
    for name in {name for _, name in vocabulary.addressees if "," in name}:
        # (a name with a comma in it is one name: "United Nations Educational, Scientific and Cultural Organization")
        phrase = re.sub(re.escape(name), lambda found: found.group().replace(",", _KEPT_COMMA), phrase,
                        flags=re.IGNORECASE)
    pieces = [piece.replace(_KEPT_COMMA, ",") for piece in _COMMA_AND.split(_AS_WELL_AS.sub(" and ", phrase))]
    for segment, joiner in zip(pieces[::2], ["", *pieces[1::2]], strict=True):
        after_aside = after_aside and "and" not in joiner   # (", and ..." opens the list's next name)
        if _ASIDE.match(segment.strip()):
            after_aside = True
            continue
        if after_aside and vocabulary.known_addressee_at(segment) is None and not _ARTICLE.match(segment.strip()):
            # an aside may go on past a comma ("including through bilateral, regional and global cooperation
            # programmes"): a name after it opens with its article or is a known one; a capital is a name's part
            # ("in cooperation with the United Nations Educational, Scientific and Cultural Organization")
            if segment.strip()[:1].isupper():
                return None
            continue
        after_aside = False
        parts += [_ARTICLE.sub("", part.strip()) for part in _split_at_and(segment)
                  if part.strip() and not _ASIDE.match(part.strip())]
    names: list[str] = []
    for index, part in enumerate(parts):
        if vocabulary.known_addressee_at(part) != vocabulary.normalise_addressee(part):
            if _NOT_IN_A_NAME.search(part) or len(part.split()) > _MOST_NAME_WORDS:
                return None
            if not _ends_a_name(part.split()[-1]):
                # "relevant international and regional organizations": the adjectives' noun is the next name's
                head = next((later.split()[-1] for later in parts[index + 1:] if _ends_a_name(later.split()[-1])), None)
                if head is None or not part.islower():
                    return None
                part = f"{part} {head}"
        name = vocabulary.normalise_addressee(part)
        if not is_addressee(name):
            return None
        if name not in names:
            names.append(name)
    return names


def _split_at_and(segment: str) -> list[str]:
    """``segment`` split at each "and" between two names, not at one inside a name ("Economic and Social Council":
    a capitalised word on either side and no article after)."""
    parts, start = [], 0
    for joiner in _AND.finditer(segment):
        before = segment[:joiner.start()].split()[-1:]
        after = segment[joiner.end():].split()[:1]
        if before and after and before[0][:1].isupper() and after[0][:1].isupper() and after[0] not in ("The", "All") \
                and not (after[0].isupper() and len(after[0]) > 1):   # (an acronym is a name of its own: "and MONUSCO")
            continue
        parts.append(segment[start:joiner.start()])
        start = joiner.end()
    return [*parts, segment[start:]]


def _ends_a_name(word: str) -> bool:
    return word[:1].isupper() or word.endswith("s") or word.lower() in _NAME_ENDINGS


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
