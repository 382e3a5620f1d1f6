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

from kg.parse.addressing import infinitive_to, names_opening
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
             for part in _and_parts(segment)]
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


# the names a UN paragraph opens with come before its "to", with no clause punctuation on the way (_CLAUSE_MARK),
# and a couple of hundred characters at most (MOST_NAMES_CHARACTERS)
_CLAUSE_MARK = re.compile(r"[;:.()\n]")
# an aside between the names, not a name: "States, individually and collectively, ...", "while undertaking ...",
# "who have the primary responsibility", "in particular ..."
# (in lower case, as mid-sentence: "Assembly" and "Italy" are names)
_ASIDE = re.compile(r"^(?:[a-z]+ly|while|who|which|whose|having|bearing|taking|but|together|from|upon|either|in|with|"
                    r"to|for|on|as|through|within|by|where|when|if|including|especially|particularly|notably)\b")
# words no name of an addressee holds: a clause's ("invites", "seeking", "referred", "consistent with paragraph 31")
_NOT_IN_A_NAME = re.compile(r"\b(?:[a-z]+ly|[a-z]+ing|[a-z]+ed|or|with|without|after|before|whose|which|who|"
                            r"invites?|encourages?|requests?|urges?|calls?|operate|paragraph|position|capacity|"
                            r"competence|increase|prejudice)\b")   # (in lower case: "Assembly", "United" are names)
# what the last word of an addressee's name is: a plural noun, a capitalised name, or one of these
_NAME_ENDINGS = frozenset({"community", "system", "sector", "society", "academia", "media", "secretariat"})
_ARTICLE = re.compile(r"^(?:the|all|its)\s+", re.IGNORECASE)
_MOST_NAME_WORDS = 7
_KEPT_COMMA = "\x1f"



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
    to = infinitive_to(text)   # ("the States Parties to the Convention to act": the second "to")
    names = text[:to] if to > 0 else ""
    if ("," not in names and " and " not in names) or _CLAUSE_MARK.search(names):
        return [known]   # (most name one addressee: "Requests the Secretary-General to")
    listed = _listed_names(names, vocabulary)
    # (the known name first, as the vocabulary reads it: otherwise the phrase is not a list of names)
    return listed if listed and listed[0] == known else [known]


def _printed_names(text: str, vocabulary: Vocabulary) -> list[str]:
    """The names before the "to" of ``text`` where they are a plain list of capitalised names ("the Panel of Experts
    and MONUSCO to"), none of them known to the vocabulary; [] otherwise."""
    to = infinitive_to(text)
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


# a name's end that is not its own ("the two Governments immediately to", "all parties not to", "the Director ...
# thereof")
_AFTER_A_NAME = re.compile(r"(?:\s+(?:[a-z]+ly|not|thereof|also|further|again))+$")
_ACRONYM_AFTER = re.compile(r"\s*\((?!\d)[^()]*\)?$|\s*\[\^?\d+\]$")   # "Directorate (CTED)", "Tlatelolco[^9]"
# the words after a body's name that say how it was established, not its name ("the Committee established pursuant to
# resolution 1267 (1999)": "Committee")
_ESTABLISHED = re.compile(r"\s+established\s+(?:pursuant|by|under|in)\b.*$")
# a phrase between commas that opens with a preposition or holds another paragraph's verb names no one ("under the
# leadership of the Secretary-General", "and Encourages the Special Representative")
_NO_NAME = re.compile(r"^(?:under|among|between|at|from|after|before|during|following|pursuant|consistent|without|"
                      r"inter\s+alia|in|with|to|for|on|as|through|within|by|where|when|if|including)\b|"
                      r"\b(?:[Ii]nvites?|[Ee]ncourages?|[Rr]equests?|[Uu]rges?|[Cc]alls?|[Dd]ecides?|[Ww]elcomes?)\b")
# words of a clause or a relative clause, not of a noun phrase ("those States which are cooperating")
_CLAUSE_IN_A_NAME = re.compile(r"\b(?:that|which|who|whom|whose|shall|should|may|will|must|is|are|was|were|be|been|"
                               r"has|have|had|where|when|if|while|or|whether)\b")
# the words that end a name's head: the head is the word before the first of them ("the entities of the system")
_AFTER_THE_HEAD = re.compile(r"\s(?:of|for|on|in|with|by|at|from|to|under|between|among|within|across|"
                             r"(?:[a-z]+ed|[a-z]+ing)\s+(?:in|to|by|from|on|with|for|at|under)|concerned|involved)\b")
# a lower-case head that names who acts: a plural noun (but not "efforts", "measures" ...) or one of these
_AGENT_NOUNS = _NAME_ENDINGS | frozenset({
    "government", "team", "leadership", "component", "mission", "force", "presidency", "administration", "board",
    "committee", "council", "commission", "office", "panel", "group", "bureau", "unit", "authority", "membership",
    "family", "party", "state", "country", "side"})
_NOT_AGENTS = frozenset({"efforts", "measures", "steps", "activities", "actions", "contributions", "resources", "means",
                         "obligations", "commitments", "recommendations", "initiatives", "provisions", "results",
                         "discussions", "negotiations", "talks", "consultations", "elections", "preparations",
                         "reforms", "investments", "needs", "rights", "resolutions", "decisions", "reports",
                         "proposals", "views", "sanctions", "progress", "services", "supplies", "frameworks"})
_MOST_PRINTED_WORDS = 16
# an aside that names one of the names before it, who is addressed too ("the Secretariat, in particular the Department
# of Global Communications, to"; "the United Nations system, especially the Department ..., to")
_NAMED_IN_PARTICULAR = re.compile(r"^\s*(?:in\s+particular|especially|notably|particularly|including)\s+"
                                  r"(?=(?:the|its)\s+[A-Z])")   # (not "notably Sahel, West Africa and ...")
# a clause of an -ing participle after the names, not their part ("relevant UN agencies operating in humanitarian
# crises ... to"), or what established a body ("the Committee established pursuant to resolution 1267 (1999) to")
# (after a name's last word: "the Special Rapporteur on trafficking in persons" is a name)
_PARTICIPLE_CLAUSE = re.compile(r"(?<!\bon)(?<!\bof)(?<!\bin)(?<!\bfor)(?<!\bto)(?<!\bby)(?<!\bagainst)\s+(?:(?!bring)[a-z]{2,}ing|established)\s+"
                                r"(?:in|from|to|by|on|under|with|for|at|pursuant|within)\b.*$", re.DOTALL)
_NAME_LIST_END = re.compile(r"[;:\n]")


def addressees_printed(text: str, vocabulary: Vocabulary) -> list[str]:
    """The addressees a paragraph whose verb addresses someone names before its infinitive's "to", as printed, where
    the words before the "to" open with a noun phrase that can name who is to act (an article, a name or acronym,
    a plural noun that names people or bodies), up to the first aside; [] where they do not ("that the Council ...",
    "the efforts of the Government to", "renewed efforts to"). Names normalised as ``normalise_addressee`` does.

    >>> from kg.reference.vocabulary import load_vocabulary
    >>> addressees_printed("the Department of Global Communications to continue", load_vocabulary())
    ['Department of Global Communications']
    >>> addressees_printed("MINUSTAH, working in coordination with the United Nations country team, to continue",
    ...                    load_vocabulary())
    ['MINUSTAH']
    >>> addressees_printed("all parties to armed conflict in the CAR, including former Seleka elements, to issue",
    ...                    load_vocabulary())
    ['parties to armed conflict in the CAR']
    >>> addressees_printed("the efforts of the Government to continue", load_vocabulary())
    []
    """
    text = names_opening(text)
    to = infinitive_to(text)
    if to <= 0 or _NAME_LIST_END.search(text[:to]):
        return []
    printed: list[str] = []   # (each name as printed)
    adjectives = ""   # ("relevant international, regional and subregional organizations": one name)
    pieces = _COMMA_AND.split(_AS_WELL_AS.sub(" and ", _kept_whole(_PARTICIPLE_CLAUSE.sub("", text[:to]), vocabulary)))
    for segment, joiner in zip(pieces[::2], ["", *pieces[1::2]], strict=True):
        segment = _NAMED_IN_PARTICULAR.sub("", segment.replace(_KEPT_COMMA, ","))   # ("the Secretariat, in particular the Department ...,")
        if _ASIDE.match(segment.strip()):
            break   # ("MINUSTAH, working in ...", "..., including former Seleka elements, to")
        parts = [part.replace(_KEPT_AND, " and ") for part in _split_at_and(segment)]
        if printed and not adjectives and _shares_modifiers(printed[-1], parts[0]):
            printed[-1] += joiner + parts.pop(0)   # ("relevant United Nations organs, agencies, funds and programmes")
        for index, part in enumerate(parts):
            part = adjectives + (" and " if adjectives and index else joiner if adjectives else "") + part
            adjectives = ""
            if printed and _shares_modifiers(printed[-1], part):
                printed[-1] += " and " + part   # ("competent international organizations and bodies")
            elif _adjectives_only(part):
                adjectives = part   # (an adjective whose noun comes after the next comma or "and")
            elif _printed_addressee(part, vocabulary) is None:
                break   # (an aside, or words that are no name: the names are those before it)
            else:
                printed.append(part)
        else:
            continue
        break
    names = [_printed_addressee(part, vocabulary) for part in printed]
    return list(dict.fromkeys(name for name in names if name is not None))


_KEPT_AND = "\x1e"


def _kept_whole(phrase: str, vocabulary: Vocabulary) -> str:
    """``phrase`` with the commas and "and"s of the names the vocabulary holds kept from splitting it ("the Division
    for Ocean Affairs and the Law of the Sea", "the United Nations Entity for Gender Equality and the Empowerment of
    Women": one name each)."""
    for name in {alias for alias, _ in vocabulary.addressees if "," in alias or " and " in alias}:
        phrase = re.sub(re.escape(name).replace(r"\ ", r"\s+"),
                        lambda found: found.group().replace(",", _KEPT_COMMA).replace(" and ", _KEPT_AND), phrase,
                        flags=re.IGNORECASE)
    return phrase


def _adjectives_only(part: str) -> bool:
    """Whether ``part`` is a few lower-case words that end in no noun ("relevant international", "regional")."""
    words = _ARTICLE.sub("", part.strip()).split()
    return 0 < len(words) <= 3 and all(word.islower() and word not in _FUNCTION_WORDS for word in words) \
        and not _ends_a_name(words[-1])


def _shares_modifiers(name: str, part: str) -> bool:
    """Whether ``part`` is a bare plural noun that shares the modifiers of the ``name`` before it, so one name with it
    ("regional fisheries management organizations" and "arrangements with competence")."""
    words, before = part.split(), name.split()
    return (len(before) > 1 and before[0] != "other" and before[-1][:1].islower() and before[-1].endswith("s")
            and bool(words) and words[0][:1].islower() and words[0].endswith("s") and words[0] not in _NOT_AGENTS
            and words[0] != before[-1] and (len(words) == 1 or words[1] == "with"))


def _printed_addressee(part: str, vocabulary: Vocabulary) -> str | None:
    """``part`` as an addressee's name, normalised, where it can be one; None otherwise."""
    part = _without_tail(_ACRONYM_AFTER, _without_tail(_AFTER_A_NAME, plain_hyphens(part.strip())))
    if _NO_NAME.search(part):
        return None
    body = _ARTICLE.sub("", part)
    words = body.split()
    if not words or len(words) > _MOST_PRINTED_WORDS or _CLAUSE_IN_A_NAME.search(body):
        return None
    head_words = body[:head_end.start()].split() if (head_end := _AFTER_THE_HEAD.search(body)) else words
    if not head_words:
        return None
    head = head_words[-1]
    if not head[:1].isupper():
        plural = head.endswith("s") and not head.endswith("ss") and head not in _NOT_AGENTS
        if not plural and head not in _AGENT_NOUNS:
            return None
    name = vocabulary.normalise_addressee(body)
    return name if name[:1].isalnum() and any(character.isalpha() for character in name) else None   # ("1540 Committee")


def plain_hyphens(name: str) -> str:
    """``name`` with its non-breaking hyphens (U+2011) and hyphens (U+2010) as "-": one name, however printed.

    >>> plain_hyphens("non\u2011governmental organizations")
    'non-governmental organizations'
    """
    return name.replace("\u2011", "-").replace("\u2010", "-")


# "the Directors of the Telecommunication Standardization and Telecommunication Development Bureaux": one Director each
_DIRECTORS_OF_BUREAUX = re.compile(r"^(?:the\s+)?Directors\s+of\s+(?:the\s+)?(?P<first>[A-Z][\w ]*?)\s+and\s+(?:the\s+)?"
                                   r"(?P<second>[A-Z][\w ]*?)\s+Bureaux$")


def _and_parts(segment: str) -> list[str]:
    """The parts of ``segment`` (a heading's words between commas) at its "and"s, where each is a name: two
    Bureaux' Directors one each; an adjective alone ("regional and international financial organizations") and a
    plural noun that shares the modifiers before it ("... organizations and agencies") kept with the name they
    belong to; a name's trailing "thereof" left off.

    >>> _and_parts("the Directors of the Telecommunication Standardization and Telecommunication Development Bureaux")
    ['Director of the Telecommunication Standardization Bureau', 'Director of the Telecommunication Development Bureau']
    >>> _and_parts("regional and international financial organizations and agencies")
    ['regional and international financial organizations and agencies']
    """
    directors = _DIRECTORS_OF_BUREAUX.match(segment.strip()) if len(segment) <= _MOST_TAIL else None
    if directors is not None:
        return [f"Director of the {directors.group(name)} Bureau" for name in ("first", "second")]
    parts: list[str] = []
    for part in _AND.split(segment):
        part = _without_tail(_AFTER_A_NAME, part.strip())
        lone = parts[-1].split() if parts else []
        if len(lone) == 1 and lone[0].islower() and lone[0] not in _FUNCTION_WORDS and not _ends_a_name(lone[0]) \
                or parts and _shares_modifiers(parts[-1], part):
            parts[-1] += " and " + part
        else:
            parts.append(part)
    return parts


_MOST_TAIL = 300   # (characters: a name's tail, or a heading the Directors' pattern is tried on)


def _without_tail(pattern: re.Pattern[str], text: str) -> str:
    """``text`` less what ``pattern``, anchored at the end, matches within its last ``_MOST_TAIL`` characters (a
    repeated group tried at every position of a long heading is quadratic: 200 KB took minutes).

    >>> _without_tail(_AFTER_A_NAME, "the Director thereof"), len(_without_tail(_AFTER_A_NAME, " only" * 40000 + " X"))
    ('the Director', 200002)
    """
    found = pattern.search(text, max(0, len(text) - _MOST_TAIL))
    return text[:found.start()] if found else text
