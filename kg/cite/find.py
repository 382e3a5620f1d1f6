"""Finding mentions: every place a document refers to an instrument, with the parts the text prints.

``find_mentions(document)`` scans the whole source text (clauses, footnotes, annexes; the header too, where
the document's own number is later recognised as itself). Each pattern reads one family of references; a list
("Resolutions 101, 102 and 133 (Rev. Antalya, 2006) of the Plenipotentiary Conference") gives one mention per
member, each carrying the edition printed after it (or after the members that follow it, up to the next
edition) and the body phrase that closes the list. Deciding what the parts mean is for ``resolve``.

>>> from kg.model import Source
>>> from kg.parse import parse_document
>>> text = "considering\\na) Resolutions 47 and 48 (Rev. Dubai, 2012) and 49 (Rev. Hammamet, 2016) of WTSA;\\n"
>>> [(m.text, m.number, m.edition, m.body) for m in find_mentions(parse_document(Source("x", text, "text")))]
[('Resolutions 47', '47', 'Rev. Dubai, 2012', 'wtsa'), ('48 (Rev. Dubai, 2012)', '48', 'Rev. Dubai, 2012', 'wtsa'), ('49 (Rev. Hammamet, 2016)', '49', 'Rev. Hammamet, 2016', 'wtsa')]
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.cite import patterns
from kg.cite.bodies import body_before, other_organ
from kg.cite.reading import ReadingText, joined_words
from kg.cite.triggers import find_triggers
from kg.model import Document, Mention
from kg.parse.header import UN_BODIES
from kg.reference.vocabulary import load_vocabulary

_Locator = Callable[[int], "str | None"]
# a list's member: start, end, number, printed edition, the body its Sector's prefix names ("ITU-R 9": ra, "ITU-D 19":
# wtdc, the WTDC's Recommendation)
_Member = tuple[int, int, str, "str | None", "str | None"]
_SECTOR_BODIES = {"ITU-R": "ra", "ITU-D": "wtdc"}
_Pin = tuple[int, int, str, "str | None"]   # a pinpoint of a list: start, end, id, printed edition
_Spans = list[tuple[int, int]]   # the spans of the mentions found so far (sorted)
_START_AND_END = operator.attrgetter("start", "end")
_START = operator.attrgetter("start")


@dataclass(frozen=True, slots=True)
class _Scan:
    """One document's text as the extractors read it: its triggers, family and clause locator."""

    text: str
    triggers: _Triggers
    family: str
    locate: _Locator


@dataclass(frozen=True, slots=True)
class Extractor:
    """One kind of mention: the literal ``triggers`` one of which each contains (the text is searched for them
    first, in one pass), the ``families`` of documents it reads, and ``find``, which reads the mentions around
    the triggers. Where ``yields``, its mentions are kept only where no mention found before stands; the
    others are given the spans found before (``taken``) and decide for themselves."""

    name: str
    triggers: tuple[str, ...]
    find: Callable[[_Scan, _Spans], list[Mention]]
    families: frozenset[str] = frozenset({"itu", "un"})
    yields: bool = False


@functools.cache
def _trigger_words(family: str) -> tuple[str, ...]:
    """Every trigger the extractors of one family look for, so that one pass finds them all (and "para", where a
    paragraph pinpoint may open, and "-\\n", where a word may be broken at a line's end)."""
    words = [word for extractor in EXTRACTORS if family in extractor.families for word in extractor.triggers]
    words += [word for named in patterns.named_instruments() if family in named.families for word in named.triggers]
    return tuple(dict.fromkeys([*words, "para", "-\n"]))


class _Triggers:
    """The trigger positions of one document, found in one pass; ``at(*words)`` merges those of some words."""

    def __init__(self, text: str, family: str) -> None:
        self.positions = find_triggers(text, _trigger_words(family))
        # where a paragraph pinpoint opens ("§ 35", "paragraphs 90 and 107", "para. 3")
        sections = [] if text.isascii() else [match.start() for match in re.finditer("§", text)]
        self.paragraph_anchors = [position for position in sorted(self.positions["para"] + sections)
                                  if patterns.PARAGRAPH_ANCHOR.match(text, position) is not None]

    def at(self, *words: str) -> list[int]:
        found = [positions for word in words if (positions := self.positions[word])]
        if len(found) < 2:
            return found[0] if found else []
        return sorted({position for positions in found for position in positions})


def find_mentions(document: Document, *, family: str | None = None) -> list[Mention]:
    """Every mention in ``document``, in text order, each with the id of the clause it stands in.

    ``family`` is ``"itu"`` or ``"un"`` (which named instruments to look for); by default it follows the
    document's body.
    """
    printed = document.source.text
    # a non-breaking hyphen reads as "-" ("resolutions ES\u201110/15", "WRC\u201119"); the offsets stay the text's
    text = printed.replace("\u2011", "-") if "\u2011" in printed else printed
    text = _without_furniture_in_clauses(text, document)
    family = family or ("un" if document.header.body in UN_BODIES else "itu")
    triggers = _Triggers(text, family)
    reading = joined_words(text, triggers.positions["-\n"])   # ("Resolu-" / "tion 71": a word broken at a line's end)
    if reading.joins:   # (rare: the triggers are found again in the text as read)
        text = reading.text
        triggers = _Triggers(text, family)
    locate = _clause_locator(document)
    if reading.joins:   # (the patterns' offsets are not the printed ones)
        printed_locate = locate

        def locate(offset: int) -> str | None:
            return printed_locate(reading.printed_start(offset))
    scan = _Scan(text, triggers, family, locate)
    found: list[Mention] = []
    taken: _Spans = []
    for extractor in EXTRACTORS:
        if family not in extractor.families:
            continue
        mentions = extractor.find(scan, taken)
        if extractor.yields:
            mentions = [mention for mention in mentions if not _overlaps(mention, taken)]
        found += mentions
        taken = sorted(taken + list(map(_START_AND_END, mentions)))
    found.sort(key=_START_AND_END)
    found = _with_paragraph_pinpoints(text, found, locate, triggers.paragraph_anchors)
    if family == "itu":
        found = _with_section_pinpoints(text, found, locate)
    if text is not printed:   # (each mention's offsets and text as printed)
        found = [_as_printed(mention, printed, reading) for mention in found]
    return sorted(found, key=_START_AND_END)   # (a pinpoint moves the start of its mention back to the anchor)


def _without_furniture_in_clauses(text: str, document: Document) -> str:
    """``text`` with the page furniture that cut a clause (the remainder between a clause and its rest, the next
    clause of its section with its label) read as spaces: a list that the page broke goes on after it ("51/17 of
    12 November" / running head / "1996, 52/10 of 5 November 1997, ..."); the offsets stay the text's.

    >>> from kg.model import Source
    >>> from kg.parse import parse_document
    >>> document = parse_document(Source("t.md", "80/9. Regional disarmament\\n\\nThe General Assembly,\\n\\n"
    ...     "Recalling its resolutions 47/19 of 24 November\\n\\nRegional disarmament\\n\\n1992 and 48/16,\\n\\n"
    ...     "1. Decides to act.\\n", "markdown"))
    >>> _without_furniture_in_clauses(document.source.text, document).count("Regional disarmament")
    1
    """
    pieces: list[tuple[int, int]] = []
    for section in document.sections:
        for before, after in zip(section.clauses, section.clauses[1:]):
            if after.label == before.label and text[before.end:after.start].strip():
                pieces.append((before.end, after.start))
    if not pieces:
        return text
    parts, last = [], 0
    for start, end in pieces:
        parts += [text[last:start], " " * (end - start)]
        last = end
    return "".join([*parts, text[last:]])


def _as_printed(mention: Mention, printed: str, reading: ReadingText) -> Mention:
    start, end = reading.printed_start(mention.start), reading.printed_end(mention.end)
    return dataclasses.replace(mention, start=start, end=end, text=printed[start:end])


def _overlaps(mention: Mention, taken: list[tuple[int, int]]) -> bool:
    return _span_overlaps(mention.start, mention.end, taken)


def _outside(positions: list[int], taken: list[tuple[int, int]]) -> list[int]:
    """The trigger ``positions`` (sorted) that no mention found already (``taken``: sorted spans) covers: no match
    there can be kept. One walk along both lists."""
    kept, index, size = [], 0, len(taken)
    reach = 0   # how far the spans that start at or before the position reach
    for position in positions:
        while index < size and taken[index][0] <= position:
            reach = max(reach, taken[index][1])
            index += 1
        if position >= reach:
            kept.append(position)
    return kept


def _span_overlaps(first: int, last: int, taken: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(taken, (first, float("inf"))) - 1
    for start, end in taken[max(index, 0):index + 2]:
        if start < last and first < end:
            return True
    return False


def _instrument_mentions(scan: _Scan, taken: _Spans) -> list[Mention]:
    """Numbered resolutions, decisions, recommendations and opinions, with lists, editions and body phrases."""
    text, triggers, family, locate = scan.text, scan.triggers, scan.family, scan.locate
    mentions: list[Mention] = []
    size = len(text)
    for keyword in _keywords_at(text, triggers.at(*patterns.KEYWORD_TRIGGERS)):
        gap = patterns.GAP.match(text, keyword.end(), keyword.end() + 12)
        if gap is None or gap.end() == size or text[gap.end()] not in patterns.LIST_OPENERS:
            continue
        members = _read_list(text, gap.end())
        if not members:
            continue
        body = None
        if (phrase := patterns.BODY_PHRASE_AFTER.match(text, members[-1][1])) is not None:
            after = text[phrase.end():phrase.end() + 160]   # (after the adoption date, if one is printed)
            if (council := patterns.ADOPTED_BY_COUNCIL.match(after)) is not None and (council.group("council")
                                                                                         or family == "itu"):
                # "adopted by the Council at its 2009 session"; in an ITU text a session is the Council's
                # ("Council Resolution 1305, adopted at its 2009 session"); a year of a change is the edition
                body = "council"
                changed = council.group("verb") in ("modified", "amended", "revised")
                members[-1] = (*members[-1][:3], (None if changed else members[-1][3]) or council.group("year"),
                               members[-1][4])
            elif patterns.SELF.match(after):
                body = "self"
            elif (trailing := patterns.TRAILING.match(after)) is not None:
                body = patterns.which(patterns.TRAILING_BODIES, patterns.clean(trailing.group("body")))
                if body == "council" and (session := patterns.ADOPTED_BY_COUNCIL.match(after[trailing.end():])):
                    # "of the Council, as last modified at its 2019 session"
                    members = _with_edition(members, session.group("year"))
                elif trailing.group("pre") and (body == "council" or body in patterns.CONFERENCE_ACRONYMS):
                    # "of the 2014 Plenipotentiary Conference", "adopted by the 2019 World Radiocommunication Conference"
                    pre = trailing.group("pre")
                    members = _with_edition(members, pre if body == "council"
                                            else f"{patterns.CONFERENCE_ACRONYMS[body]}-{pre}")
                elif trailing.group("year"):   # "of WTSA-20": the edition of every member that prints none
                    members = _with_edition(members, trailing.group("body") + trailing.group("year"))
                elif (edition := trailing.group("edition")) and patterns.EDITION_LIKE.search(edition):
                    # "of the Plenipotentiary Conference (Rev. Dubai, 2018)"
                    members = _with_edition(members, patterns.clean(edition))
            elif (organ := patterns.OTHER_ORGAN.match(after)) is not None:
                body = other_organ(patterns.clean(organ.group("organ")))
        keyword_start = keyword.start()
        window_start = _word_start(text, keyword_start - 80)
        first_start, prefix_body, prefix_edition = (body_before(text, window_start, keyword_start, family)
                                                    or (keyword_start, None, None))
        if prefix_edition is not None:   # "WTDC-17 Resolution 37"
            members = _with_edition(members, prefix_edition)
        adopted = (patterns.COUNCIL_ADOPTED.search(text, window_start, keyword_start)
                   if text.find("Council", window_start, keyword_start) >= 0 else None)
        if adopted is not None and body is None:
            first_start, prefix_body = keyword_start, "council"   # "the Council adopted at its 2015 session Decision 584"
            if year := adopted.group("year") or adopted.group("before"):
                members = _with_edition(members, year)
        kind = patterns.KIND_OF_KEYWORD[keyword.group("kw")]
        body = body or prefix_body
        editions = _spread_editions([member[3] for member in members])
        for index, (start, end, number, _, sector) in enumerate(members):
            if index == 0:
                start = first_start
            mentions.append(Mention(start, end, text[start:end], "instrument", kind, number, sector or body,
                                    editions[index], None, locate(start)))
    return mentions


def _with_edition(members: list[_Member], edition: str) -> list[_Member]:
    """The members of a list, each without an edition of its own given ``edition``."""
    return [(start, end, number, printed or edition, sector) for start, end, number, printed, sector in members]


def _keywords_at(text: str, positions: list[int]) -> list[re.Match[str]]:
    """The keywords ("Resolutions", "decision", "OPINION") whose trigger ("esolution", ...) is at ``positions``:
    each keyword starts one character before its trigger."""
    found = []
    for position in positions:
        if position > 0 and (keyword := patterns.KEYWORD.match(text, position - 1)) is not None:
            found.append(keyword)
    return found


def _word_start(text: str, position: int) -> int:
    """``position``, moved forward to the start of a word (a look-back window never starts mid-word)."""
    if position <= 0:
        return 0
    return min(len(text), patterns.NON_SPACE.match(text, position - 1).end() + 1)  # type: ignore[union-attr]


def _read_list(text: str, position: int) -> list[_Member]:
    """Members of a number list at ``position``: (start, end, number, printed edition, the body its Sector names,
    or the member's before it: "Resolutions ITU-R 9 and 10", "Recommendations ITU-D 22 and 23")."""
    members: list[_Member] = []
    member = patterns.MEMBER.match(text, position)
    while member is not None:
        end = member.end("member")
        edition = None
        if ((inner := member.group("inner")) is not None and patterns.EDITION_LIKE.search(inner)
                and patterns.SYMBOL_IN_BRACKETS.search(inner) is None):   # ("resolution 1325 (S/2015/716)")
            edition, end = patterns.clean(inner), member.end()
        printed = member.group("num")   # (digits, letters, "/" and "-": nothing to clean)
        sector = (_SECTOR_BODIES[member.group("sector").strip()] if member.group("sector")
                  else members[-1][4] if members else None)
        members.append((member.start(), end, printed, edition, sector))
        separator = (patterns.NEXT_MEMBER_OR_SEMICOLON if "/" in printed or edition else patterns.NEXT_MEMBER).match(text, end)
        if separator is None and patterns.SESSION_NUMBER.fullmatch(printed):
            separator = patterns.NEXT_DATED_MEMBER.match(text, end)   # ("... of DATE on a long subject, 70/286 of")
        if separator is None:
            break
        following = patterns.MEMBER.match(text, separator.end())
        if (following is None or _crosses_paragraph(text, end, separator.end())
                or not _continues_list(text, printed, following)
                or (" and " not in separator.group() and patterns.PARAGRAPH_NUMBER.match(text, separator.end()))):
            break   # (", 1. Authorizes": the next paragraph's number, in a text whose line breaks were lost)
        if separator.group("range"):
            high = following.group("num")
            if not (printed.isdigit() and high.isdigit() and 0 < int(high) - int(printed) <= 10 and edition is None):
                break   # a range ("71 to 73") runs up at most ten, between plain numbers with no edition
            members += [(member.start(), end, str(n), None, members[-1][4])
                        for n in range(int(printed) + 1, int(high))]
        member = following
    return members


def _continues_list(text: str, printed: str, following: re.Match[str]) -> bool:
    """Whether the number after a list's member (``printed``) is another member. It is not where it is a plain
    number after a session/number member, with no bracket after it: a footnote marker ("resolution 79/16,2") or a
    paragraph ("resolution S-10/2, paras. 30, 31 and 92"); nor where the paragraph of the next mention follows
    it ("resolution 1959 (2010) and 2 (a) and (b) of resolution 1960 (2010)"); nor where it is a date's day ("1379
    (2001) or 20 November 2001", a misprint of "of")."""
    number = following.group("num")
    if "/" in printed and "/" not in number and following.group("inner") is None:
        return False
    if patterns.MONTH_AFTER.match(text, following.end("member")) is not None:
        return False   # ("1379 (2001) or 20 November 2001": a date)
    return patterns.PARAGRAPH_OF_NEXT.match(text, following.end("member")) is None


def _crosses_paragraph(text: str, start: int, end: int) -> bool:
    """A list never runs over a blank line, nor onto a line that opens with a clause label ("1. Decides")."""
    gap = text[start:end]
    if gap.count("\n") > 1:
        return True
    return "\n" in gap and patterns.LABEL_AT_LINE_START.match(text, end) is not None


def _spread_editions(editions: list[str | None]) -> list[str | None]:
    """In a list, an edition marker applies to the members before it back to the previous marker."""
    if len(editions) == 1:
        return editions
    spread: list[str | None] = list(editions)
    pending: str | None = None
    for index in range(len(spread) - 1, -1, -1):
        if spread[index] is not None:
            pending = spread[index]
        else:
            spread[index] = pending
    return spread




def _unnamed_security_council_mentions(scan: _Scan, taken: _Spans) -> list[Mention]:
    """ "its previous resolutions on Iraq, in particular 1500 (2003), 1546 (2004)": in a UN text a number with
    a year, in a sentence that speaks of resolutions, is a Security Council resolution though the keyword is
    not printed right before it. (Those within a mention found already, ``taken``, are not looked at.)"""
    text, triggers, locate = scan.text, scan.triggers, scan.locate
    mentions: list[Mention] = []
    positions = _outside(triggers.at(*patterns.YEAR_TRIGGERS), taken)
    for match in patterns.near_triggers(patterns.YEAR_NUMBER, text, positions, back=6, ahead=6):
        if _span_overlaps(match.start(), match.end(), taken):
            continue
        # a long list goes on however far its opening "resolutions" is: the member before this one is found
        follows = mentions and patterns.LIST_SEPARATOR.fullmatch(text, mentions[-1].end, match.start()) is not None
        if not follows:
            before = text[max(0, match.start() - 300):match.start()]
            said_at = max(before.rfind("resolution"), before.rfind("Resolution"))
            if said_at < 0 or "." in before[said_at:].replace("S/RES", "").rstrip("."):
                continue
        number, year = patterns.NUMBER_AND_YEAR.match(match.group(0)).groups()  # type: ignore[union-attr]
        mentions.append(Mention(match.start(), match.end(), match.group(0), "instrument", "res", number, "unsc",
                                year, None, locate(match.start())))
    return mentions


def _president_statement_mentions(scan: _Scan, taken: _Spans) -> list[Mention]:
    """ "President's statement 9/2", "PRST 9/2": a statement of the President of the Human Rights Council, whose
    symbol is A/HRC/PRST/9/2 (those within a mention found already, ``taken``, are not looked at)."""
    text, triggers, locate = scan.text, scan.triggers, scan.locate
    positions = _outside(triggers.at(*patterns.PRESIDENT_STATEMENT_TRIGGERS), taken)
    return [Mention(match.start(), match.end(), match.group(), "symbol", None, f"A/HRC/PRST/{match.group('num')}",
                    "hrc", None, None, locate(match.start()))
            for match in patterns.near_triggers(patterns.HRC_PRESIDENT_STATEMENT, text, positions, back=24, ahead=40)
            if not _span_overlaps(match.start(), match.end(), taken)]


def _itu_recommendation_mentions(scan: _Scan, taken: _Spans) -> list[Mention]:
    """ "Recommendation ITU-T A.1", "ITU-T Recommendation E.164", "Recommendations ITU-R M.1036-6 and M.1457"."""
    text, triggers, locate = scan.text, scan.triggers, scan.locate
    mentions = []
    for anchor in patterns.near_triggers(patterns.ITU_REC, text, triggers.at("ecommendation"), back=12, ahead=60):
        sector = (anchor.group("pre") or anchor.group("post") or "").replace(" ", "-")
        position = anchor.end()
        first = True
        while (rec := patterns.REC_ID.match(text, position)) is not None:
            start = anchor.start() if first else rec.start()
            mentions.append(Mention(start, rec.end(), text[start:rec.end()], "itu-rec", "rec", rec.group("id"),
                                    sector.lower() or None, None, None, locate(start)))
            first = False
            separator = patterns.REC_SEPARATOR.match(text, rec.end())
            if separator is None or patterns.REC_ID.match(text, separator.end()) is None:
                break
            position = separator.end()
    return mentions


def _named_at(text: str, position: int, family: str) -> tuple[patterns.NamedInstrument, re.Match[str]] | None:
    for instrument in patterns.named_instruments():
        if family not in instrument.families:
            continue
        match = instrument.pattern.match(text, position)
        if match is not None and instrument.named_at(text, position):
            return instrument, match
    return None


def _named_before(text: str, position: int, family: str) -> tuple[patterns.NamedInstrument, re.Match[str]] | None:
    """The instrument whose short name is the word right before ``position`` ("RR No. 4.4", "RR Appendix 30B")."""
    end = position
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if end == position or end == 0 or not text[end - 1].isalpha():
        return None
    word = patterns.LAST_WORD.search(text, max(0, end - 12), end)
    named = _named_at(text, word.start(), family) if word is not None else None
    return named if named is not None and named[1].end() == end else None


def _pinpointed_mentions(scan: _Scan, taken: _Spans) -> list[Mention]:
    """ "Article 17 of the ITU Constitution", "Nos. 5.1 and 5.2 of the Radio Regulations", "No. 47 in Article 8 of
    the Convention", "Appendix 30 (Rev.WRC-15)": one mention per pinpoint; without a named instrument the
    pinpoint is kept (``kind`` None) for ``resolve`` to read in the citing context (the Radio Regulations in a
    WRC or RA text)."""
    text, triggers, family, locate = scan.text, scan.triggers, scan.family, scan.locate
    mentions = []
    consumed = 0
    for anchor in patterns.near_triggers(patterns.PINPOINT_ANCHOR, text, triggers.at(*patterns.PINPOINT_TRIGGERS), back=0, ahead=16):
        if anchor.start() < consumed:
            continue   # the "Article 8" of "No. 47 in Article 8 of the ITU Constitution"
        kind = anchor.group("kind") or anchor.group("chapter")
        label = {"articles": "Article", "article": "Article", "no.": "No.", "nos.": "No.", "no": "No.", "nos": "No.",
                 "appendix": "Appendix", "appendices": "Appendix", "section": "Section", "sections": "Section",
                 "chapter": "Chapter", "chapters": "Chapter"}[kind.lower()]
        pin_pattern = patterns.CHAPTER_ID if label == "Chapter" else patterns.PINPOINT_ID
        position = anchor.end()
        members: list[_Pin] = []
        ranged: re.Match[str] | None = None   # (the separator before this pin is a range's: "Nos. 9.12 to 9.14")
        while (pin := pin_pattern.match(text, position)) is not None:
            end, edition = pin.end(), None
            paren = patterns.PAREN.match(text, end)
            if paren is not None and patterns.PIN_EDITION.search(paren.group("inner")):
                edition, end = patterns.clean(paren.group("inner")), paren.end()
            if ranged is not None:
                members[-1:] = _pin_range(members[-1], (pin.start(), end, pin.group(0), edition))
            else:
                members.append((pin.start(), end, pin.group(0), edition))
            separator = patterns.PIN_SEPARATOR.match(text, end, end + 12)
            if separator is None or pin_pattern.match(text, separator.end()) is None:
                break
            ranged = separator if separator.group("range") and ranged is None else None
            position = separator.end()
        if not members or (label == "Article" and patterns.NO_AFTER_ARTICLE.match(text, members[-1][1])):
            continue   # ("Article 8 No. 137A of the ITU Convention": the number's own mention names the instrument)
        if label == "Article" and (paragraph := patterns.ARTICLE_PARAGRAPH.match(text, members[-1][1])) is not None:
            start, _, pin_id, edition = members[-1]   # "Article 101, paragraph 3, of the Charter"
            members[-1] = (start, paragraph.end(), f"{pin_id}, paragraph {paragraph.group('paragraph')}", edition)
        if label == "Article" and (provision := patterns.PROVISION_OF_ARTICLE.match(text, members[-1][1])):
            start, _, pin_id, edition = members[-1]   # "Article 44 (No. 196) of the Constitution": one provision
            members[-1] = (start, provision.end(), f"{pin_id} ({patterns.clean(provision.group('no'))})", edition)
            consumed = provision.end()
        if label in ("Article", "Section") and (appendix := patterns.OF_APPENDIX.match(text, members[-1][1])):
            start, _, pin_id, edition = members[-1]   # "Article 6 of Appendix 30B": the appendix's article
            members[-1] = (start, appendix.end(), pin_id, edition or appendix.group("edition"))
            label = f"{patterns.clean(appendix.group('appendix'))}, {label}"
            consumed = appendix.end()
        after = members[-1][1]
        within = patterns.WITHIN_ARTICLE.match(text[after:after + 40])
        if within:
            after += within.end()
            consumed = after
        named: tuple[patterns.NamedInstrument, re.Match[str] | None] | None = None   # (no match: named before)
        of = patterns.OF_THE.match(text, after, after + 12)
        if of is not None:
            named = _named_at(text, of.end(), family)
        first_start = anchor.start()
        if named is None and (before := _named_before(text, first_start, family)) is not None:
            named, first_start = (before[0], None), before[1].start()   # "RR No. 4.4": the name is the mention's start
        if named is None and label == "Chapter":
            continue   # (the Charter is cited when named: a bare "Chapter VII" or "Chapter V of the Agreement" is none)
        editions = _spread_editions([member[3] for member in members])
        revised_body, revised = (_edition_after(text, named[1].end()) if named is not None and named[1] is not None
                                 else (None, None))   # "No. 9.21 of the Radio Regulations as revised by WRC-19"
        editions = [edition or revised for edition in editions]
        for index, (start, end, pin_id, _) in enumerate(members):
            mention_start = first_start if index == 0 else start
            mention_end = end
            key = None
            if named is not None:
                key = named[0].key
                if index == len(members) - 1 and named[1] is not None:
                    mention_end = named[1].end()
            mentions.append(Mention(mention_start, mention_end, text[mention_start:mention_end], "named", key, None,
                                    revised_body, editions[index], f"{label} {pin_id}", locate(mention_start)))
    return mentions


def _pin_range(low: _Pin, high: _Pin) -> list[_Pin]:
    """The members a range of pinpoints stands for: each number of a short range of whole numbers ("Articles 5 to
    7", as a paragraph range), each with the range's span; else one pinpoint for the range ("Nos. 9.12 to 9.14":
    provisions between are numbered 9.12A ..., and cannot be counted).

    >>> _pin_range((0, 1, "5", None), (5, 6, "7", None))
    [(0, 6, '5', None), (0, 6, '6', None), (0, 6, '7', None)]
    >>> _pin_range((0, 4, "9.12", None), (8, 12, "9.14", None))
    [(0, 12, '9.12-9.14', None)]
    """
    start, end = low[0], high[1]
    if low[2].isdigit() and high[2].isdigit() and 0 < int(high[2]) - int(low[2]) <= 10:
        return [(start, end, str(number), high[3]) for number in range(int(low[2]), int(high[2]) + 1)]
    return [(start, end, f"{low[2]}-{high[2]}", high[3])]


def _symbol_mentions(scan: _Scan, taken: _Spans) -> list[Mention]:
    """UN document symbols written out ("A/RES/70/1", "S/2020/724"), but for those within a mention found already
    (``taken``: "resolution 70/1")."""
    text, triggers, locate = scan.text, scan.triggers, scan.locate
    mentions = []
    # in a symbol every "/" opens a part that begins with a capital or a digit ("and/or", "https://" are none)
    positions = [p for p in _outside(triggers.at("/"), taken)
                 if p + 1 < len(text) and (text[p + 1].isdigit() or "A" <= text[p + 1] <= "Z")]
    for match in patterns.near_triggers(patterns.un_symbol_pattern(), text, positions, back=12, ahead=80,
                                opening=patterns.un_symbol_openings()):
        symbol = match.group("sym").rstrip(".")
        if not patterns.DIGIT.search(symbol) or symbol.count("/") < 1:
            continue
        end = match.start() + len(symbol) + (len(match.group("year")) if match.group("year") and
                                             len(symbol) == len(match.group("sym")) else 0)
        if _span_overlaps(match.start(), end, taken):
            continue
        mentions.append(Mention(match.start(), end, text[match.start():end], "symbol", None,
                                "".join(text[match.start():end].split()), None, None, None, locate(match.start())))
    return mentions


def _edition_after(text: str, position: int) -> tuple[str | None, str | None]:
    """The body and edition printed after a named instrument that ends at ``position``: "as revised by the 2023
    World Radiocommunication Conference" (wrc, "WRC-2023"), "as amended by WRC-19" (wrc, "WRC-19"), "as revised by
    the Plenipotentiary Conference (Busan, 2014)" (pp, "Busan, 2014"); (None, None) where none is printed."""
    revised = patterns.NAMED_REVISED.match(text, position, position + 160)
    if revised is None:
        return None, None
    body = patterns.which(patterns.TRAILING_BODIES, patterns.clean(revised.group("body")))
    if revised.group("pre"):
        return body, f"{patterns.CONFERENCE_ACRONYMS[body]}-{revised.group('pre')}"
    if revised.group("year"):
        return body, f"{patterns.CONFERENCE_ACRONYMS[body]}{revised.group('year')}"
    if (edition := revised.group("edition")) and patterns.EDITION_LIKE.search(edition):
        # "as amended by the Plenipotentiary Conference (Kyoto, 1994), the Plenipotentiary Conference (Minneapolis,
        # 1998) and ...": the last conference of the list
        position = revised.end()
        while (following := patterns.NEXT_CONFERENCE.match(text, position, position + 160)) is not None and \
                patterns.which(patterns.TRAILING_BODIES, patterns.clean(following.group("body"))) == body:
            edition, position = following.group("edition"), following.end()
        return body, patterns.clean(edition)
    return None, None


def _named_mentions(scan: _Scan, taken: _Spans) -> list[Mention]:
    text, triggers, family, locate = scan.text, scan.triggers, scan.family, scan.locate
    mentions = []
    for instrument in patterns.named_instruments():
        if family not in instrument.families:
            continue
        positions = triggers.at(*instrument.triggers)
        # (a name may open up to 60 characters before its trigger: "International Telecommunication Regulations")
        for match in patterns.near_triggers(instrument.pattern, text, positions, back=60) if positions else ():
            if not instrument.named_at(text, match.start()):
                continue
            body, edition = _edition_after(text, match.end())
            mentions.append(Mention(match.start(), match.end(), match.group(0), "named", instrument.key, None, body,
                                    edition, None, locate(match.start())))
    mentions.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _with_paragraph_pinpoints(text: str, mentions: list[Mention], locate: _Locator,
                              anchors: list[int]) -> list[Mention]:
    """ "§§ 35 a)-e) of the Tunis Agenda", "paragraphs 90 and 107 of", "paragraph 29 of resolution 1929 (2010)":
    the paragraphs printed before "of" become the pinpoint of the mention after it: one reference, one mention,
    however many paragraphs and ranges it lists ("§ 90, 107").
    ``mentions`` are in text order; ``anchors`` are the (sorted) places where a paragraph anchor opens. Only the
    mentions that start at most 160 characters after an anchor are looked at."""
    starts = [mention.start for mention in mentions]
    near = sorted({index for anchor in anchors
                   for index in range(bisect.bisect_right(starts, anchor), bisect.bisect_right(starts, anchor + 160))})
    result: list[Mention] = []
    done = 0
    for index in near:
        result += mentions[done:index]
        result += _paragraph_pinpointed(text, mentions[index], locate, anchors)
        done = index + 1
    return result + mentions[done:] if near else mentions


def _paragraph_pinpointed(text: str, mention: Mention, locate: _Locator, anchors: list[int]) -> list[Mention]:
    """``mention`` with the paragraphs printed before it as its pinpoint (or as it is)."""
    if mention.pinpoint is not None:
        return [mention]
    window_start = max(0, mention.start - 160)
    window = text[window_start:mention.start]
    nearest = bisect.bisect_left(anchors, window_start)
    anchor = None
    for candidate in patterns.PARAGRAPH_ANCHOR.finditer(window, anchors[nearest] - window_start):   # (none before)
        anchor = candidate
    if anchor is None:
        return [mention]
    pinpoints, position = [], anchor.end()
    while (paragraph := patterns.PARAGRAPH_ID.match(window, position)) is not None:
        pinpoints.append(patterns.clean(paragraph.group(0)).replace(" )", ")"))
        separator = patterns.PARAGRAPH_SEPARATOR.match(window, paragraph.end())
        if separator is None:
            position = paragraph.end()
            break
        following = patterns.PARAGRAPH_ID.match(window, separator.end())
        if following is None:
            position = paragraph.end()
            break
        if separator.group("range"):   # a range is one item of the list, "-" for "to" or "–" ("55-65", "177-188")
            pinpoints[-1] += "-" + patterns.clean(following.group(0)).replace(" )", ")")
            position = following.end()
            separator = patterns.PARAGRAPH_SEPARATOR.match(window, position)
            if separator is None or patterns.PARAGRAPH_ID.match(window, separator.end()) is None:
                break
        position = separator.end()
    joiner = patterns.PARAGRAPH_JOINER.fullmatch(window, position)
    start = window_start + anchor.start()
    if ((not pinpoints or joiner is None) and (elliptic := patterns.ELLIPTIC_PARAGRAPH.search(window, anchor.end()))
            and " of " in window[anchor.end():elliptic.start()]):
        # "paragraph 9 of resolution 1945 (2010) and 4 of resolution 2035 (2012)": "paragraph" said once, for
        # the mention before this one
        pinpoints, joiner, start = [patterns.clean(elliptic.group("id"))], elliptic, window_start + elliptic.start("id")
    if not pinpoints or joiner is None:
        return [mention]
    clause, printed = locate(start), text[start:mention.end]
    return [Mention(start, mention.end, printed, mention.family, mention.kind, mention.number, mention.body,
                    mention.edition, _paragraph_pinpoint(pinpoints), clause)]


def _paragraph_pinpoint(paragraphs: list[str]) -> str:
    """The pinpoint of the paragraphs one reference prints, one citation's: "§", then the paragraphs (and ranges)
    as printed, joined by ", " ("paragraphs 1-4, 6-9, 12, and 15", "§§ 55 to 65", "paragraphs 90 and 107").

    >>> _paragraph_pinpoint(["1-4", "6-9", "12", "15"]), _paragraph_pinpoint(["35 a)-e)"])
    ('§ 1-4, 6-9, 12, 15', '§ 35 a)-e)')
    """
    return "§ " + ", ".join(paragraphs)


@functools.cache
def _section_pinpoint() -> re.Pattern[str]:
    """The part of an ITU text that a mention after it cites, printed just before it: a section's verb and a
    clause's label ("resolves 2 of", "considering a) of", "recognizing d) iii) of", "instructs 1.1 of") or an annex
    ("Annex 1 to", "the Annex to": "Annex")."""
    verbs = "|".join(re.escape(verb) for verb, _ in load_vocabulary().verbs if verb[:1].islower())
    label = r"(?:\d{1,2}(?:\.\d{1,2})*(?:\s?bis)?|[a-z]\)(?:\s?[ivx]{1,4}\))?)"
    return re.compile(rf"(?<![\w-])(?P<pin>(?:{verbs})\s+{label}(?:\s*(?:,|and)\s*{label})*|(?:Annex|ANNEX|annex)(?:\s+\d{{1,2}}[A-Z]?)?)"
                      r"\s+(?:of|to)\s+$")


def _with_section_pinpoints(text: str, mentions: list[Mention], locate: _Locator) -> list[Mention]:
    """ "resolves 2 of Resolution 222 (Rev.WRC-12)", "recognizing d) of Resolution 200 (Rev. Dubai, 2018)", "Annex 1
    to Resolution 76 (Rev.WRC-15)": the section and label (or the annex) printed just before an ITU text's mention
    is its pinpoint ("resolves 2", "Annex 1"), as "paragraph 5 of" is a UN mention's; the mention then opens there.
    A mention that has a pinpoint, or no "of"/"to" just before it, is as it was."""
    result = []
    for mention in mentions:
        window = text[max(0, mention.start - 80):mention.start]
        if (mention.pinpoint is None and mention.family in ("instrument", "itu-rec") and window.endswith((" ", "\n", "\t"))
                and window.rstrip().endswith((" of", " to")) and (found := _section_pinpoint().search(window))):
            start = mention.start - len(window) + found.start("pin")
            pin = " ".join(found.group("pin").split())
            pin = "Annex" + pin[5:] if pin.startswith("annex") else pin   # ("the annex to Council Resolution 1305")
            mention = dataclasses.replace(mention, start=start, text=text[start:mention.end], pinpoint=pin,
                                          clause=locate(start))
        result.append(mention)
    return result


def _clause_locator(document: Document) -> _Locator:
    """A function from an offset to the id of the clause (or footnote's clause) that holds it.

    The parser tiles the text (no two spans overlap), so an offset is in at most one clause or footnote: the
    last section that starts at or before it, then the last of that section's clauses, tells the clause."""
    sections = document.sections
    section_starts = [section.start for section in sections]
    footnotes = document.footnotes
    footnote_starts = [footnote.start for footnote in footnotes]

    def locate(offset: int) -> str | None:
        if (index := bisect.bisect_right(section_starts, offset) - 1) >= 0:
            clauses = sections[index].clauses
            if (inner := bisect.bisect_right(clauses, offset, key=_START) - 1) >= 0 and offset < clauses[inner].end:
                return clauses[inner].id
        if (index := bisect.bisect_right(footnote_starts, offset) - 1) >= 0 and offset < footnotes[index].end:
            return footnotes[index].clause
        return None

    return locate


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("numbered instrument", patterns.KEYWORD_TRIGGERS, _instrument_mentions),
    Extractor("ITU recommendation", ("ecommendation",), _itu_recommendation_mentions),
    Extractor("pinpoint", patterns.PINPOINT_TRIGGERS, _pinpointed_mentions),
    Extractor("Security Council resolution without its keyword", patterns.YEAR_TRIGGERS,
              _unnamed_security_council_mentions, frozenset({"un"})),
    Extractor("Human Rights Council President's statement", patterns.PRESIDENT_STATEMENT_TRIGGERS,
              _president_statement_mentions, frozenset({"un"})),
    Extractor("UN document symbol", ("/",), _symbol_mentions),
    Extractor("named instrument", (), _named_mentions, yields=True),   # (its triggers: named_instruments())
)
"""The extractors, in the order they run: a later one is given the spans the earlier ones found."""
