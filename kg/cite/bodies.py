"""The body a numbered instrument's mention names before its keyword: a known body's phrase ("General Assembly
resolution", "WTDC-17 Resolution"), "its" (the citing body, or the organ just named), the list it is picked from
("Human Rights Council resolutions ..., including resolution 42/9"), or an organ with no series of its own
("Commission on the Status of Women resolution": "other: Commission on the Status of Women")."""

from __future__ import annotations

import re

from kg.cite import patterns
from kg.cite.organs import Organ, organ_printed_in
from kg.reference.vocabulary import load_vocabulary


def body_before(text: str, start: int, end: int, family: str) -> tuple[int, str, str | None] | None:
    """The body named right before a keyword at ``end``, where the mention starts with it, and the edition the
    phrase prints: "General Assembly resolution" (unga, from "General"); "WTDC-17 Resolution" (wtdc, edition
    "WTDC-17"); "its resolution" ("its", the citing document's body, from the keyword); "the Human Rights Council,
    in its resolution" (hrc, from the keyword); and in a UN text an organ with no series of its own ("Commission on
    the Status of Women resolution": "other: Commission on the Status of Women")."""
    prefix = _body_phrase_before(text, start, end)
    body = patterns.which(patterns.PREFIX_BODIES, patterns.clean(prefix.group("body"))) if prefix is not None else None
    if prefix is not None and body == "its":
        its_start = prefix.start()
        joiner = text[max(start, its_start - 9):its_start].split()[-1:]
        if not joiner or joiner[0] not in patterns.JOINERS_BEFORE_ITS:
            # "instructs the Council to revise its Resolution 1372": the organ told to act
            told = patterns.BODY_TOLD_TO.search(text, max(start, its_start - 60), its_start)
            return end, patterns.which(patterns.PREFIX_BODIES, patterns.clean(told.group("body"))) if told else "its", None
        space = text.find(" ", max(0, its_start - 140), its_start)   # (from a word's start; the lead may be long)
        reach = space + 1 if space >= 0 else its_start
        if (named := patterns.BODY_BEFORE_ITS.search(text, reach, its_start)) is not None:
            return end, patterns.which(patterns.PREFIX_BODIES, patterns.clean(named.group("body"))), None
        lead = patterns.LEAD_TO_ITS.search(text, max(reach, its_start - 80), its_start) if family == "un" else None
        organ = _organ_before(text, reach, lead.start()) if lead is not None else None
        return end, (_known_body(organ[1]) or f"other: {organ[1]}") if organ is not None else "its", None
    # (and not "Security Council" ..., nor "United Nations Environment Assembly")
    generic = prefix is not None and prefix.group("body") in ("Council", "Assembly")
    if family == "un" and (prefix is None or generic) and (organ := _organ_before(text, start, end)) is not None:
        organ_start, name = organ
        if prefix is None or (organ_start < prefix.start() and _names_another_organ(text[organ_start:prefix.start()])):
            return organ_start, _known_body(name) or f"other: {name}", None
    if family == "un" and prefix is None and (organ_body := _organ_of_context(text, end)) is not None:
        return end, organ_body, None
    if prefix is None and text[max(start, end - 13):end].rstrip().endswith(patterns.LIST_PICKS):
        listed = patterns.BODY_OF_LIST_BEFORE.search(text, max(0, end - 200), end)
        if listed is None:
            return None
        listed_body = patterns.clean(listed.group("body") or listed.group("adopter"))
        return end, patterns.which(patterns.PREFIX_BODIES, listed_body), None
    if prefix is None or body is None:
        return None
    return prefix.start(), body, prefix.group("body") + prefix.group("year") if prefix.group("year") else None


def _organ_of_context(text: str, end: int) -> str | None:
    """The organ whose resolution a keyword at ``end`` is, by what precedes it on its line: the document that
    prints it, right before it ("Supplement No. 53A (A/74/53/Add.1), chap. III, resolution 42/12": the Human Rights
    Council's; "document CBD/COP/14/14, decision 14/8"), or the organ that adopted it ("the adoption, by the
    Economic and Social Commission for Asia and the Pacific at its seventy-second session, of resolution 72/7")."""
    lead = text[max(0, end - 8):end]
    if ", of" not in lead and "," not in lead[-3:]:
        return None   # (both end in a comma: "..., of resolution 72/7", "CBD/COP/14/14, decision 14/8")
    reach = max(0, end - 250)
    line_start = max(reach, text.rfind("\n", reach, end) + 1)
    if ", of" in lead and (adopted := patterns.ADOPTION_BY_ORGAN.search(text, max(line_start, end - 200), end)):
        return other_organ(patterns.clean(adopted.group("organ")))
    organ = organ_printed_in(text, line_start, end)
    if organ is None:
        # "Report of the International Conference on Population and Development, ..., chap. I, resolution 1"
        in_report = patterns.CHAPTER_OF_REPORT.search(text, max(line_start, end - 40), end)
        return "other: conference whose report the text cites" if in_report is not None else None
    between = text[_last_end(organ, text, line_start, end):end]
    if patterns.REFERENCE_TAIL.fullmatch(between) is None:
        return None
    return organ.body or f"other: {organ.organ}"


def _last_end(organ: Organ, text: str, start: int, end: int) -> int:
    last = 0
    for match in organ.printed_in.finditer(text, start, end):  # type: ignore[union-attr]
        last = match.end()
    return last


def _organ_before(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The name of an organ that ends right before ``end``: two or more capitalised words (with "and", "of", "the"
    ... between them) among which an organ's noun ("Commission", "Board", "Assembly"); the word that opens the
    sentence ("Recalling", "See") is not part of it. Where it starts, and the name."""
    last_space = text.rfind(" ", start, end - 1)
    if last_space < 0 or not text[last_space + 1].isupper():
        return None   # (most keywords follow a word in lower case: "the resolution", "its decision")
    run: list[re.Match[str]] = []
    for word in reversed(list(patterns.WORD.finditer(text, start, end))):
        printed = word.group()
        if not run and printed.endswith(","):   # "Indian Ocean Tuna Commission, resolutions 12/07 and 13/07"
            printed = printed[:-1]
        if not (printed and ((printed[0].isupper() and printed[-1].isalnum()) or printed.lower() in patterns.NAME_JOINERS)):
            break
        run.append(word)
    if (run and run[-1].group() not in patterns.ORGAN_NOUNS | patterns.QUALIFIERS and _opens_sentence(text, run[-1].start())
            and (len(run) > 2 or load_vocabulary().match_verb(run[-1].group()) is not None)):
        run.pop()   # "Recalling", "See", "Recalls": the word that opens the sentence (but "Governing Council")
    elif run and (run[-1].group() in patterns.OPENING_WORDS or patterns.ROMAN_NUMERAL.fullmatch(run[-1].group())):
        # (and a part's number: "section XX of Assembly resolution 75/253")
        run.pop()   # "12 See World Meteorological Organization resolution" (a footnote's number before it)
    while run and run[-1].group().lower() in patterns.NAME_JOINERS:
        run.pop()
    names = [word.group() for word in reversed(run)]
    if len(names) < 2:
        return None
    names[-1] = names[-1].rstrip(",")
    if patterns.ORGAN_NOUNS.isdisjoint(names):
        return None
    return run[-1].start(), " ".join(names)


def _opens_sentence(text: str, position: int) -> bool:
    """Whether ``position`` opens a line, a sentence or a bracket (spaces aside)."""
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position == 0 or text[position - 1] in "\n.:;("


def _names_another_organ(extra: str) -> bool:
    """Whether the words before a known body's phrase make it another organ's name ("Governing Council" is not
    the ITU Council), rather than qualify it ("UN Security Council") or end another phrase ("Plenipotentiary
    Conference and Council")."""
    words = extra.split()
    return not (words[-1].lower() in patterns.NAME_JOINERS or all(word in patterns.QUALIFIERS for word in words))


def other_organ(name: str) -> str:
    """The body of an organ named after a list that the trailing phrases do not know: the one its bracketed
    acronym names ("World Telecommunication Conference (WTDC)", a misprint), else "other: <name>"."""
    acronym = patterns.ACRONYM_IN_BRACKETS.search(name)
    return (_known_body(acronym.group("acronym")) if acronym is not None else None) or f"other: {name}"


def _known_body(name: str) -> str | None:
    """The body an organ's printed name is, where it is one this project knows ("World Conference on International
    Telecommunications": wcit)."""
    for table in (patterns.NAMED_BODIES, patterns.TRAILING_BODIES):
        for pattern, body in table:
            if re.fullmatch(pattern, name):
                return body
    return None


def _body_phrase_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """The body phrase of ``patterns.PREFIX`` ("General Assembly", "WTSA", "its") that ends ``text[start:end]``, if any.

    It is only searched for where it can be: the last word must be one such a phrase ends with (or a bracketed
    acronym), and no phrase has more than ``patterns.PREFIX_MOST_WORDS`` words. Most keywords follow another word ("the
    resolution"), and then there is no search at all."""
    before = text[start:end]
    words = before.rsplit(None, patterns.PREFIX_MOST_WORDS)
    if not words:
        return None
    last = words[-1]
    if not (last in patterns.PREFIX_LAST_WORDS or last[-1] == ")" or (
            last[-1].isdigit() and (dated := patterns.ACRONYM_AND_YEAR.fullmatch(last)) is not None
            and dated.group("acronym") in patterns.PREFIX_LAST_WORDS)):
        return None
    if len(words) > patterns.PREFIX_MOST_WORDS:
        start += before.index(words[1], len(words[0]))
    return patterns.PREFIX.search(text, start, end)
