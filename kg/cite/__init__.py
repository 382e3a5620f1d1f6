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
import re
from dataclasses import replace

from kg.cite.patterns import (
    NamedInstrument,
    _ADOPTED_BY_COUNCIL,
    _ADOPTION_DATE,
    _COUNCIL_ADOPTED,
    _EDITION_LIKE,
    _ITU_REC,
    _KEYWORD,
    _KEYWORD_TRIGGERS,
    _KINDS,
    _LABEL_AT_LINE_START,
    _MEMBER_ASIDE,
    _NUMBER,
    _OTHER_ORGAN,
    _PARAGRAPH_ANCHOR,
    _PARAGRAPH_ID,
    _PAREN,
    _PINPOINT_ANCHOR,
    _PINPOINT_ID,
    _PREFIX,
    _PREFIX_BODIES,
    _REC_ID,
    _SELF,
    _SEMICOLON,
    _SEPARATOR,
    _TRAILING,
    _TRAILING_BODIES,
    _WHITESPACE,
    _YEAR_NUMBER,
    _clean,
    _near_triggers,
    _un_symbol_pattern,
    _which,
    named_instruments,
)
from kg.model import Document, Mention
from kg.parse.header import UN_BODIES

def find_mentions(document: Document, *, family: str | None = None) -> list[Mention]:
    """Every mention in ``document``, in text order, each with the id of the clause it stands in.

    ``family`` is ``"itu"`` or ``"un"`` (which named instruments to look for); by default it follows the
    document's body.
    """
    text = document.source.text
    family = family or ("un" if document.header.body in UN_BODIES else "itu")
    folded = text.lower()   # the same length as ``text`` for the scripts of these documents; checked below
    if len(folded) != len(text):
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    found = (_instrument_mentions(text, folded) + _itu_recommendation_mentions(text, folded)
             + _pinpointed_mentions(text, folded, family))
    taken = sorted((m.start, m.end) for m in found)
    if family == "un":
        found += [m for m in _unnamed_security_council_mentions(text) if not _overlaps(m, taken)]
    taken = sorted((m.start, m.end) for m in found)
    found += [m for m in _symbol_mentions(text) if not _overlaps(m, taken)]
    taken = sorted((m.start, m.end) for m in found)
    found += [m for m in _named_mentions(text, family) if not _overlaps(m, taken)]
    found = _with_paragraph_pinpoints(text, found)
    locate = _clause_locator(document)
    located = [Mention(m.start, m.end, m.text, m.family, m.kind, m.number, m.body, m.edition, m.pinpoint,
                       locate(m.start)) for m in found]
    return sorted(located, key=lambda m: (m.start, m.end))


def _overlaps(mention: Mention, taken: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(taken, (mention.start, float("inf"))) - 1
    for start, end in taken[max(index, 0):index + 2]:
        if start < mention.end and mention.start < end:
            return True
    return False


def _instrument_mentions(text: str, folded: str) -> list[Mention]:
    """Numbered resolutions, decisions, recommendations and opinions, with lists, editions and body phrases."""
    mentions: list[Mention] = []
    for keyword in _near_triggers(_KEYWORD, text, _KEYWORD_TRIGGERS, back=1, ahead=20, folded=folded):
        kind = _KINDS[keyword.group("kw").lower().rstrip("s")]
        position = keyword.end()
        gap = re.match(r"[ \t\u00a0]+(?:No\.\s*)?", text[position:position + 12])
        if gap is None:
            continue
        position += gap.end()
        members = _read_list(text, position)
        if not members:
            continue
        tail_at = members[-1][1]
        if (date := _ADOPTION_DATE.match(text, tail_at)) is not None:
            tail_at = date.end()
        body = None
        after = text[tail_at:tail_at + 160]
        if (council := _ADOPTED_BY_COUNCIL.match(after)) is not None:
            body = "council"
            members[-1] = (*members[-1][:3], members[-1][3] or council.group("year"), members[-1][4])
        elif _SELF.match(after):
            body = "self"
        elif (trailing := _TRAILING.match(after)) is not None:
            body = _which(_TRAILING_BODIES, _clean(trailing.group("body")))
        elif (organ := _OTHER_ORGAN.match(after)) is not None:
            body = "other: " + _clean(organ.group("organ"))
        window_start = _word_start(text, keyword.start() - 80)
        prefix = _PREFIX.search(text, window_start, keyword.start())
        prefix_body = _which(_PREFIX_BODIES, _clean(prefix.group("body"))) if prefix else None
        adopted = _COUNCIL_ADOPTED.search(text, window_start, keyword.start())
        if adopted is not None and body is None:
            prefix, prefix_body = None, "council"   # "the Council adopted at its 2015 session Decision 584"
            if adopted.group("year"):
                members = [(s_, e_, n_, ed or adopted.group("year"), r_) for s_, e_, n_, ed, r_ in members]
        editions = _spread_editions([member[3] for member in members])
        first_start = keyword.start()
        if prefix is not None and prefix_body != "its":
            first_start = prefix.start()
        for index, (start, end, number, _, itu_r) in enumerate(members):
            member_body = "ra" if itu_r else (body or prefix_body)
            mention_start = first_start if index == 0 else start
            mentions.append(Mention(mention_start, end, text[mention_start:end], "instrument", kind, number,
                                    member_body, editions[index]))
    return mentions


def _word_start(text: str, position: int) -> int:
    """``position``, moved forward to the start of a word (a look-back window never starts mid-word)."""
    if position <= 0:
        return 0
    while position < len(text) and not text[position - 1].isspace():
        position += 1
    return position


def _read_list(text: str, position: int) -> list[tuple[int, int, str, str | None, bool]]:
    """Members of a number list at ``position``: (start, end, number, printed edition, is ITU-R)."""
    members: list[tuple[int, int, str, str | None, bool]] = []
    while True:
        number = _NUMBER.match(text, position)
        if number is None:
            break
        end = number.end()
        edition = None
        paren = _PAREN.match(text, end)
        if paren is not None and _EDITION_LIKE.search(paren.group("inner")):
            edition, end = _clean(paren.group("inner")), paren.end()
        printed = _clean(number.group("num"))
        members.append((number.start(), end, printed, edition, bool(number.group("itur"))))
        date = _ADOPTION_DATE.match(text, end)
        after = date.end() if date else end
        aside = _MEMBER_ASIDE.match(text, after)
        after = aside.end() if aside else after
        separator = _SEPARATOR.match(text, after)
        if separator is None and ("/" in printed or edition):
            separator = _SEMICOLON.match(text, after)
        if separator is None or _NUMBER.match(text, separator.end()) is None:
            break
        if _crosses_paragraph(text, end, separator.end()):
            break
        if separator.group("range") and not members[-1][2].isdigit():
            break
        if separator.group("range"):
            following = _NUMBER.match(text, separator.end())
            assert following is not None
            low, high = int(members[-1][2]), following.group("num")
            if not high.isdigit() or not 0 < int(high) - low <= 10 or edition is not None:
                break
            members += [(number.start(), end, str(n), None, members[-1][4]) for n in range(low + 1, int(high))]
        position = separator.end()
    return members




def _crosses_paragraph(text: str, start: int, end: int) -> bool:
    """A list never runs over a blank line, nor onto a line that opens with a clause label ("1. Decides")."""
    gap = text[start:end]
    if gap.count("\n") > 1:
        return True
    return "\n" in gap and _LABEL_AT_LINE_START.match(text, end) is not None


def _spread_editions(editions: list[str | None]) -> list[str | None]:
    """In a list, an edition marker applies to the members before it back to the previous marker."""
    spread: list[str | None] = list(editions)
    pending: str | None = None
    for index in range(len(spread) - 1, -1, -1):
        if spread[index] is not None:
            pending = spread[index]
        else:
            spread[index] = pending
    return spread




def _unnamed_security_council_mentions(text: str) -> list[Mention]:
    """ "its previous resolutions on Iraq, in particular 1500 (2003), 1546 (2004)": in a UN text a number with
    a year, in a sentence that speaks of resolutions, is a Security Council resolution though the keyword is
    not printed right before it."""
    mentions = []
    for match in _near_triggers(_YEAR_NUMBER, text, ("(19", "(20"), back=6, ahead=6):
        before = text[max(0, match.start() - 300):match.start()]
        said_at = max(before.rfind("resolution"), before.rfind("Resolution"))
        if said_at < 0 or "." in before[said_at:].replace("S/RES", "").rstrip("."):
            continue
        number, year = re.match(r"(\d+)\s?\((\d{4})\)", match.group(0)).groups()  # type: ignore[union-attr]
        mentions.append(Mention(match.start(), match.end(), match.group(0), "instrument", "res", number, "unsc",
                                year))
    return mentions


def _itu_recommendation_mentions(text: str, folded: str) -> list[Mention]:
    """ "Recommendation ITU-T A.1", "ITU-T Recommendation E.164", "Recommendations ITU-R M.1036-6 and M.1457"."""
    mentions = []
    for anchor in _near_triggers(_ITU_REC, text, ("ecommendation",), back=12, ahead=60, folded=folded):
        sector = (anchor.group("pre") or anchor.group("post") or "").replace(" ", "-")
        position = anchor.end()
        first = True
        while (rec := _REC_ID.match(text, position)) is not None:
            start = anchor.start() if first else rec.start()
            mentions.append(Mention(start, rec.end(), text[start:rec.end()], "itu-rec", "rec", rec.group("id"),
                                    sector.lower() or None))
            first = False
            separator = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)(?:(?:ITU[-\s][TRD])\s+)?", text[rec.end():])
            if separator is None or _REC_ID.match(text, rec.end() + separator.end()) is None:
                break
            position = rec.end() + separator.end()
    return mentions


def _named_at(text: str, position: int, family: str) -> tuple[NamedInstrument, re.Match[str]] | None:
    for instrument in named_instruments():
        if family not in instrument.families:
            continue
        match = instrument.pattern.match(text, position)
        if match is not None:
            return instrument, match
    return None


def _pinpointed_mentions(text: str, folded: str, family: str) -> list[Mention]:
    """ "Article 17 of the ITU Constitution", "Nos. 5.1 and 5.2 of the Radio Regulations", "No. 47 in Article 8 of
    the Convention", "Appendix 30 (Rev.WRC-15)": one mention per pinpoint; without a named instrument the
    pinpoint is kept (``kind`` None) for ``resolve`` to read in the citing context (the Radio Regulations in a
    WRC or RA text)."""
    mentions = []
    consumed = 0
    for anchor in _near_triggers(_PINPOINT_ANCHOR, text, ("article", "no.", "nos", "appendi", "section"), back=0, ahead=16,
                                 folded=folded):
        if anchor.start() < consumed:
            continue   # the "Article 8" of "No. 47 in Article 8 of the ITU Constitution"
        label = {"articles": "Article", "article": "Article", "no.": "No.", "nos.": "No.", "no": "No.", "nos": "No.",
                 "appendix": "Appendix", "appendices": "Appendix", "section": "Section",
                 "sections": "Section"}[anchor.group("kind").lower()]
        position = anchor.end()
        members: list[tuple[int, int, str, str | None]] = []
        while (pin := _PINPOINT_ID.match(text, position)) is not None:
            end, edition = pin.end(), None
            paren = _PAREN.match(text, end)
            if paren is not None and re.search(r"WRC|WARC|Rev", paren.group("inner")):
                edition, end = _clean(paren.group("inner")), paren.end()
            members.append((pin.start(), end, pin.group(0), edition))
            separator = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)", text[end:end + 12])
            if separator is None or _PINPOINT_ID.match(text, end + separator.end()) is None:
                break
            position = end + separator.end()
        if not members:
            continue
        after = members[-1][1]
        within = re.match(r"\s+(?:in|of)\s+Article\s+\d{1,3}[A-Z]?(?=\s+of\b)", text[after:after + 40])
        if within:
            after += within.end()
            consumed = after
        named = None
        of = re.match(r"\s*,?\s*(?:of|in)\s+(?:the\s+)?", text[after:after + 12])
        if of is not None:
            named = _named_at(text, after + of.end(), family)
        editions = _spread_editions([member[3] for member in members])
        for index, (start, end, pin_id, _) in enumerate(members):
            mention_start = anchor.start() if index == 0 else start
            mention_end = end
            key = None
            if named is not None:
                key = named[0].key
                if index == len(members) - 1:
                    mention_end = named[1].end()
            mentions.append(Mention(mention_start, mention_end, text[mention_start:mention_end], "named", key, None,
                                    None, editions[index], f"{label} {pin_id}"))
    return mentions


def _symbol_mentions(text: str) -> list[Mention]:
    mentions = []
    for match in _near_triggers(_un_symbol_pattern(), text, ("/",), back=12, ahead=80):
        symbol = match.group("sym").rstrip(".")
        if not re.search(r"\d", symbol) or symbol.count("/") < 1:
            continue
        end = match.start() + len(symbol) + (len(match.group("year")) if match.group("year") and
                                             len(symbol) == len(match.group("sym")) else 0)
        mentions.append(Mention(match.start(), end, text[match.start():end], "symbol", None,
                                _WHITESPACE.sub("", text[match.start():end])))
    return mentions


def _named_mentions(text: str, family: str) -> list[Mention]:
    mentions = []
    for instrument in named_instruments():
        if family not in instrument.families:
            continue
        for match in _near_triggers(instrument.pattern, text, instrument.triggers, back=30):
            mentions.append(Mention(match.start(), match.end(), match.group(0), "named", instrument.key))
    mentions.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _with_paragraph_pinpoints(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "§§ 35 a)-e) of the Tunis Agenda", "paragraphs 90 and 107 of", "paragraph 29 of resolution 1929 (2010)":
    the paragraphs printed before "of" become the pinpoints of the mention after it, one mention each."""
    result = []
    for mention in mentions:
        if mention.pinpoint is not None:
            result.append(mention)
            continue
        window_start = max(0, mention.start - 160)
        window = text[window_start:mention.start]
        if "§" not in window and "ara" not in window:
            result.append(mention)
            continue
        anchor = None
        for candidate in _PARAGRAPH_ANCHOR.finditer(window):
            anchor = candidate
        if anchor is None:
            result.append(mention)
            continue
        pinpoints, position = [], anchor.end()
        while (paragraph := _PARAGRAPH_ID.match(window, position)) is not None:
            pinpoints.append(_clean(paragraph.group(0)).replace(" )", ")"))
            separator = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*(?P<range>-|–|to)\s*)", window[paragraph.end():])
            if separator is None:
                position = paragraph.end()
                break
            following = _PARAGRAPH_ID.match(window, paragraph.end() + separator.end())
            if following is None:
                position = paragraph.end()
                break
            if separator.group("range") and pinpoints[-1].isdigit() and following.group(0).isdigit():
                low, high = int(pinpoints[-1]), int(following.group(0))
                if 0 < high - low <= 10:
                    pinpoints += [str(n) for n in range(low + 1, high)]
                else:
                    pinpoints[-1] = f"{low}-{high}"
                    position = following.end()
                    break
            position = paragraph.end() + separator.end()
        joiner = re.fullmatch(r"\s*(?:of|in|to)\s+(?:the\s+)?(?:WSIS\s+)?(?:[A-Z][\w-]*\s+){0,4}?", window[position:])
        if not pinpoints or joiner is None:
            result.append(mention)
            continue
        start = window_start + anchor.start()
        result += [replace(mention, start=start, text=text[start:mention.end], pinpoint=f"§ {pin}")
                   for pin in pinpoints]
    return result


def _clause_locator(document: Document):  # noqa: ANN202
    """A function from an offset to the id of the clause (or footnote's clause) that holds it."""
    spans = sorted([(c.start, c.end, c.id) for c in document.clauses] +
                   [(f.start, f.end, f.clause) for f in document.footnotes], key=lambda span: span[0])
    starts = [span[0] for span in spans]

    def locate(offset: int) -> str | None:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and spans[index][0] <= offset < spans[index][1]:
            return spans[index][2]
        return None

    return locate
