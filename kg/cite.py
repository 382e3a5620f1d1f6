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
from dataclasses import dataclass, replace
from functools import cache

from kg.datafiles import read_csv_rows, read_toml
from kg.model import Document, Mention

_KEYWORD = re.compile(
    r"\b(?P<kw>(?:R|r)esolutions?|RESOLUTIONS?|(?:D|d)ecisions?|DECISIONS?|(?:R|r)ecommendations?|RECOMMENDATIONS?"
    r"|(?:O|o)pinions?|OPINIONS?)\b")
_KEYWORD_TRIGGERS = ("esolution", "ecision", "ecommendation", "pinion")
_KINDS = {"resolution": "res", "decision": "dec", "recommendation": "rec", "opinion": "opinion"}
# A member of a list of numbered instruments: ITU "71", "1282", "25A"; RA "ITU-R 9-7"; UN "70/1", "S-26/2",
# "57/130 B", "2006/46"; the part letter of an old GA resolution ("217 A (III)") is read and dropped.
_NUMBER = re.compile(
    r"(?P<itur>ITU-R\s+)?(?P<num>(?:E?S-\d{1,2}/\d{1,4})|\d{1,4}/\d{1,4}|\d{1,4}[A-Z]?(?:-\d{1,2})?)"
    r"(?!\w|[/.]\d)(?P<part>\s?[A-H](?:\s?(?:-|and)\s?[A-H])?(?=\s*(?:\(|,|;|\.|\band\b|\bof\b|\)|$)))?")
_PAREN = re.compile(r"\s*\((?P<inner>[^()\n]{1,70})\)")
_EDITION_LIKE = re.compile(r"\d{4}|\b[A-Z]{2,5}(?:\s\w{3})?[-\u2011]\d{2,4}\b|^\s*Rev|^[IVXL]+$|^(?:E?S-)[IVXL]+$",
                           re.IGNORECASE)
_ADOPTION_DATE = re.compile(r"\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}")
# What may stand between the members of a list: a title ("74/270 of 2 April 2020, entitled “...”, and") or a
# pinpoint ("52/214, sect. C, para. 3; 55/222").
_MEMBER_ASIDE = re.compile(r",?\s*(?:entitled\s+[“\"][^”\"]{1,300}[”\"]"
                           r"|(?:on|concerning|relating\s+to|regarding)\s+[^,;()“”]{1,150}?"
                           r"(?=[,;]?\s*(?:and\s+)?\d{1,4}(?:\s?\((?:19|20)\d\d\)|/\d))"
                           r"|(?:,\s*)?(?:sect\.|section|annex|paras?\.|paragraphs?)\s*[\w.–-]{1,9}"
                           r"(?:,\s*(?:sect\.|paras?\.)\s*[\w.–-]{1,9})*)")
# "52/214, sect. C, para. 3; 55/222", "2143 (2014) on children and armed conflict; and 1502 (2003)"
# (and a comma left out: "1998 (2011) 2068 (2012)")
_SEMICOLON = re.compile(r"(?P<range>(?!))?(?:;\s*(?:and\s+)?(?=\d{1,4}(?:/\d|\s?\((?:19|20)\d\d\)))"
                        r"|\s+(?=\d{1,4}\s?\((?:19|20)\d\d\)))")
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*(?P<range>-|–|to)\s*)")
_ITU_REC = re.compile(
    r"\b(?:(?P<pre>ITU[-\s][TRD])\s+)?(?P<kw>Recommendations?|RECOMMENDATIONS?)\s+(?:(?P<post>ITU[-\s][TRD])\s+)?"
    r"(?=[A-Z]{1,3}\.\d)")
_REC_ID = re.compile(r"(?P<id>[A-Z]{1,3}\.\d{1,4}(?:\.\d{1,3})*)(?P<rev>-\d{1,2})?(?!\w|\.\d)")
_PINPOINT_ANCHOR = re.compile(r"\b(?P<kind>Articles?|Nos?\.?|Appendix|Appendices|APPENDIX|ARTICLE|Sections?)\s*(?=\d)")
_PINPOINT_ID = re.compile(r"\d{1,3}(?:\.\d{1,3})?[A-Z]{0,2}(?!\w|[/.]\d)")
_PARAGRAPH_ANCHOR = re.compile(r"(?P<kind>§§?|\b[Pp]aragraphs?|\bparas?\.)\s*(?=\d)")
_PARAGRAPH_ID = re.compile(r"\d{1,3}(?:\s?[a-z]\)(?:\s?[-–]\s?[a-z]\))?)?(?![\d/])")
_SELF = re.compile(r"^\s*,?\s*(?:of|by|adopted\s+by)\s+(?:this|the\s+present)\s+(?:[Cc]onference|[Aa]ssembly|"
                   r"[Ff]orum|[Cc]ouncil)\b")
_ADOPTED_BY_COUNCIL = re.compile(r"^\s*,?\s*adopted\s+by\s+the\s+(?:ITU\s+)?Council\s+at\s+its\s+(?P<year>\d{4})"
                                 r"\s+session")
_PREFIX_BODIES = [
    (r"United\s+Nations\s+General\s+Assembly(?:\s+\(UNGA\))?|UNGA|UN\s+General\s+Assembly|General\s+Assembly", "unga"),
    (r"(?:United\s+Nations\s+)?Security\s+Council", "unsc"),
    (r"Human\s+Rights\s+Council", "hrc"),
    (r"Economic\s+and\s+Social\s+Council|ECOSOC", "ecosoc"),
    (r"Commission\s+on\s+Human\s+Rights", "chr"),
    (r"ITU\s+Council|Council", "council"),
    (r"WTSA|World\s+Telecommunication\s+Standardization\s+Assembly", "wtsa"),
    (r"WTDC|World\s+Telecommunication\s+Development\s+Conference", "wtdc"),
    (r"PP|Plenipotentiary(?:\s+Conference)?", "pp"),
    (r"WRC|World\s+Radiocommunication\s+Conference", "wrc"),
    (r"RA|Radiocommunication\s+Assembly", "ra"),
    (r"ITU-D", "wtdc"), (r"ITU-T", "wtsa"), (r"ITU-R", "ra"),
    (r"its|their", "its"),
]
_COUNCIL_ADOPTED = re.compile(r"\b(?:ITU\s+)?Council\s+(?:adopted|approved)(?:\s+at\s+its\s+(?P<year>\d{4})\s+"
                              r"session)?\s+$")
_PREFIX = re.compile(r"(?:\b(?P<body>" + "|".join(f"(?:{p})" for p, _ in _PREFIX_BODIES) + r")(?:\s+\(\w+\))?)\s+$")
_TRAILING_BODIES = [
    (r"(?:ITU\s+)?Plenipotentiary\s+Conference|PP", "pp"),
    (r"World\s+Telecommunication\s+Standardization\s+Assembly|WTSA", "wtsa"),
    (r"World\s+Telecommunication\s+Standardization\s+Conference|WTSC", "wtsa"),
    (r"World\s+Telecommunication\s+Development\s+Conference|WTDC", "wtdc"),
    (r"World\s+(?:Administrative\s+)?Radio(?:communication)?\s+Conference|WRC|WARC", "wrc"),
    (r"Radiocommunication\s+Assembly|RA", "ra"),
    (r"World\s+Conference\s+on\s+International\s+Telecommunications|WCIT(?:-12)?", "wcit"),
    (r"World\s+Telecommunication/(?:ICT|[Ii]nformation\s+and\s+[Cc]ommunication\s+[Tt]echnology)\s+Policy\s+Forum"
     r"|World\s+Telecommunication\s+Policy\s+Forum|WTPF", "wtpf"),
    (r"(?:ITU\s+)?Council", "council"),
    (r"(?:United\s+Nations\s+)?General\s+Assembly(?:\s+of\s+the\s+United\s+Nations)?|UNGA", "unga"),
    (r"(?:United\s+Nations\s+)?Security\s+Council", "unsc"),
    (r"Human\s+Rights\s+Council", "hrc"),
    (r"Economic\s+and\s+Social\s+Council|ECOSOC", "ecosoc"),
]
_TRAILING = re.compile(r"^\s*,?\s*(?:of|by|adopted\s+by|from)\s+(?:the\s+)?(?:(?:last|latest|most\s+recent)\s+)?"
                       r"(?P<body>" + "|".join(f"(?:{p})" for p, _ in _TRAILING_BODIES) + r")\b")
# "resolution 8/10 of the Conference of the States Parties to ...": an organ this project has no series for
_OTHER_ORGAN = re.compile(r"^\s*,?\s*(?:of|adopted\s+by)\s+the\s+(?P<organ>(?:Conference|Meeting|Assembly|Board|"
                          r"Commission|Committee|Governing|Executive|Council)\b[^,;.]{0,80})")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class NamedInstrument:
    key: str
    families: tuple[str, ...]
    pattern: re.Pattern[str]
    triggers: tuple[str, ...]


@cache
def named_instruments() -> tuple[NamedInstrument, ...]:
    """The instruments cited by name (``data/instruments.toml``): key, the families that cite them, a pattern,
    and the words one of which every match contains."""
    rows = read_toml("instruments.toml")["instrument"]
    return tuple(NamedInstrument(str(row["key"]), tuple(row["families"]), re.compile(rf"\b(?:{row['pattern']})"),
                                 tuple(row["triggers"]))
                 for row in rows)  # type: ignore[union-attr]


def _near_triggers(pattern: re.Pattern[str], text: str, triggers: tuple[str, ...], *, back: int,
                   ahead: int = 200, folded: str | None = None) -> list[re.Match[str]]:
    """The matches of ``pattern`` that contain one of the literal ``triggers``, in text order, not overlapping.

    Literal search is fast; a pattern with an optional opening ("(?:ITU\\s+)?Constitution") is not, so the
    pattern is only tried within ``back`` characters before each trigger and ``ahead`` after it. With
    ``folded`` (the text in lower case) the triggers are lower-case words looked for in it.
    """
    haystack = folded if folded is not None else text
    hits = []
    for trigger in triggers:
        position = haystack.find(trigger)
        while position >= 0:
            hits.append(position)
            position = haystack.find(trigger, position + 1)
    matches: list[re.Match[str]] = []
    for position in sorted(set(hits)):
        if matches and position < matches[-1].end():
            continue
        start = max(0, position - back, matches[-1].end() if matches else 0)
        for match in pattern.finditer(text, start, min(len(text), position + ahead)):
            if match.start() <= position < match.end():
                matches.append(match)
                break
            if match.start() > position:
                break
    return matches


@cache
def _un_symbol_pattern() -> re.Pattern[str]:
    series = sorted((row["series"] for row in read_csv_rows("un_symbols.csv")), key=len, reverse=True)
    # a joint symbol ("A/74/959-S/2020/724") is two symbols: "-" may stand before a series
    return re.compile(r"(?<![\w/.])(?P<sym>(?:" + "|".join(map(re.escape, series)) +
                      r")(?:/(?:E?S-\d{1,2}|[A-Z]{1,5}\(\d{1,2}\)|[A-Z][A-Za-z]{0,5}\.?\d{0,3}|\d{1,5}[A-Za-z]?))+)"
                      r"(?P<year>\s?\((?:19|20)\d{2}\))?")


def _which(patterns: list[tuple[str, str]], printed: str) -> str:
    for pattern, body in patterns:
        if re.fullmatch(pattern, printed):
            return body
    raise ValueError(printed)  # unreachable: ``printed`` was matched by one of ``patterns``


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def find_mentions(document: Document, *, family: str | None = None) -> list[Mention]:
    """Every mention in ``document``, in text order, each with the id of the clause it stands in.

    ``family`` is ``"itu"`` or ``"un"`` (which named instruments to look for); by default it follows the
    document's body.
    """
    text = document.source.text
    family = family or ("un" if document.header.body in ("unga", "unsc", "hrc", "ecosoc") else "itu")
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


_LABEL_AT_LINE_START = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]?[ \t]*(?:$|[A-Za-z])", re.MULTILINE)


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


_YEAR_NUMBER = re.compile(r"(?<![\w/.(-])\d{3,4}\s?\((?:19[4-9]\d|20\d\d)\)")


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
