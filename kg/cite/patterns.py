"""The patterns that find mentions: keywords, numbers, lists, body phrases, pinpoints, UN symbols, and the
instruments cited by name (``data/instruments.toml``), with the literal triggers that keep the search fast."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NotRequired, TypedDict, cast

from kg.reference.datafiles import read_csv_rows, read_toml

KEYWORD = re.compile(
    r"\b(?P<kw>(?:R|r)esolutions?|RESOLUTIONS?|(?:D|d)ecisions?|DECISIONS?|(?:R|r)ecommendations?|RECOMMENDATIONS?"
    r"|(?:O|o)pinions?|OPINIONS?)\b")
KEYWORD_TRIGGERS = ("esolution", "ecision", "ecommendation", "pinion")
KIND_OF_KEYWORD = {spelled: kind for word, kind in (("resolution", "res"), ("decision", "dec"),
                                                     ("recommendation", "rec"), ("opinion", "opinion"))
                    for plural in (word, word + "s") for spelled in (plural, plural.capitalize(), plural.upper())}
# A member of a list of numbered instruments: ITU "71", "1282", "25A"; RA "ITU-R 9-7"; WTDC "ITU-D 19" (its
# Recommendations); UN "70/1", "S-26/2",
# "57/130 B", "2006/46"; the part letters of a GA resolution ("217 A (III)", "48/75 J", "40/257 A to C",
# "57/130 A-B") are read and dropped.
_NUMBER = re.compile(
    r"(?P<sector>ITU-[RD]\s+)?(?P<num>(?:E?S-\d{1,2}/\d{1,4})|\d{1,3}/(?:CP|CMP|CMA|COP)\.\d{1,3}|[IVXL]{1,6}/\d{1,3}"
    r"|\d{1,4}/\d{1,4}|\d{1,4}[A-Z]?(?:-\d{1,2})?)"
    r"(?!\w|[/.]\d)(?P<part>\s?[A-Z]{1,2}(?:\s?[-–]\s?[A-Z]|\s+(?:and|to)\s+[A-Z])?(?=\s*(?:\(|,|;|\.|\band\b|\bof\b|\)|$)))?")
PAREN = re.compile(r"\s*\((?P<inner>[^()\n]{1,70}(?:\n[^()\n]{1,40})?)\)")   # (a page may wrap it once)
EDITION_LIKE = re.compile(r"\d{4}|\b[A-Z]{2,5}(?:\s\w{3})?[-\u2011]\d{2,4}\b|^\s*Rev|^[IVXL]+$|^(?:E?S-)[IVXL]+$"
                           r"|^\s*(?:MOD|Mod\.?)\s*$"
                           r"|^C-?\d\d\b",
                           re.IGNORECASE)
# a UN symbol in the brackets after a number is no edition: "resolution 1325 (S/2015/716)"
SYMBOL_IN_BRACKETS = re.compile(r"\b[A-Z]{1,5}/\d")
_ADOPTION_DATE = re.compile(r"\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}")
# What may stand between the members of a list: a title ("74/270 of 2 April 2020, entitled “...”, and") or a
# pinpoint ("52/214, sect. C, para. 3; 55/222").
# (and a title in italics, which the text gives without quotes: "68/101 entitled Safety and security ..., and
# 68/102"; a relative clause: "35/46 of 3 December 1980, in which it proclaimed ..., 71/189", ", by which it
# established ...")
_NEXT_LISTED = r"(?=[,;]?\s*(?:and\s+)?\d{1,4}(?:\s?\((?:19|20)\d\d\)|/\d))"
# (an aside names no resolution: "1674 (2006) and 1894 (2009) on the protection of civilians and its resolutions 1612
# (2005)" is two lists, not one whose aside ends before 1612)
_NO_KEYWORD = r"(?![Rr]esolution|[Dd]ecision)"
_MEMBER_ASIDE = re.compile(r",?\s*(?:entitled\s+[“\"][^”\"]{1,300}[”\"]"
                           r"|(?:on|concerning|relating\s+to|regarding)\s+(?:" + _NO_KEYWORD + r"[^,;()“”]){1,150}?" + _NEXT_LISTED +
                           r"|entitled\s+(?:" + _NO_KEYWORD + r"[^;“”\"\n]){1,300}?" + _NEXT_LISTED +
                           r"|(?:in|by|through|under|with)\s+which\s+(?:" + _NO_KEYWORD + r"[^;\n]){1,250}?" + _NEXT_LISTED +
                           r"|(?:,\s*)?(?:sect\.|section|annex|paras?\.|paragraphs?)\s*[\w.–-]{1,9}"
                           r"(?:,\s*(?:sect\.|paras?\.)\s*[\w.–-]{1,9})*)")
# "52/214, sect. C, para. 3; 55/222", "2143 (2014) on children and armed conflict; and 1502 (2003)"
# (and a comma left out: "1998 (2011) 2068 (2012)")
_SEMICOLON = re.compile(r"(?:;\s*(?:and\s+)?(?=\d{1,4}(?:/\d|\s?\((?:19|20)\d\d\)))"
                        r"|\s+(?=\d{1,4}\s?\((?:19|20)\d\d\)))")
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*(?P<range>-|–|to)\s*)")
# a UN paragraph's number and its verb: "1. Authorizes", "2. Decides" (after a list's comma, not a member of the list;
# "Resolutions 70, 71. The ..." ends with one)
PARAGRAPH_NUMBER = re.compile(r"\d{1,3}\.\s+[A-Z][a-z]+s\b")
# A member of a list with the edition in brackets after it ("71 (Rev. Guadalajara, 2010)"; whether the bracket
# holds an edition is for EDITION_LIKE), and what leads from one member to the next: an adoption date, an aside,
# a separator, each taken as matched first (no backtracking into them, as if matched one after the other). The
# semicolon joins members that have a "/" or an edition ("52/214, sect. C, para. 3; 55/222").
MEMBER = re.compile(rf"(?P<member>{_NUMBER.pattern})(?:{PAREN.pattern})?")
NEXT_MEMBER = re.compile(rf"(?:{_ADOPTION_DATE.pattern})?+(?:{_MEMBER_ASIDE.pattern})?+(?>{_SEPARATOR.pattern})")
NEXT_MEMBER_OR_SEMICOLON = re.compile(
    rf"(?:{_ADOPTION_DATE.pattern})?+(?:{_MEMBER_ASIDE.pattern})?+"
    rf"(?>{_SEPARATOR.pattern}|{_SEMICOLON.pattern})")
# a month's name after a number: the number is a date's day, not a member ("1379 (2001) or 20 November 2001", "or"
# printed for "of")
MONTH_AFTER = re.compile(r"\s+(?:January|February|March|April|May|June|July|August|September|October|November"
                         r"|December)\b")
# A list of session/number resolutions each with its adoption date and its subject, where a subject is longer than
# an aside's ("62/214 of 21 December 2007 on the United Nations Comprehensive Strategy on Assistance and Support to
# Victims of ... Personnel, 70/286 of 17 June 2016 on ..."): the list goes on only to another session/number member
# with its date, and the subject names no other resolution ("... on this issue, and its resolutions 61/149 of")
SESSION_NUMBER = re.compile(r"\d{1,4}/\d{1,4}")
NEXT_DATED_MEMBER = re.compile(
    rf"{_ADOPTION_DATE.pattern}\s+on\s+(?:(?![Rr]esolution|[Dd]ecision)[^;()“”\"\n]){{1,300}}?"
    rf"(?=,?\s*(?:and\s+)?\d{{1,4}}/\d{{1,4}}{_ADOPTION_DATE.pattern}\b)(?>{_SEPARATOR.pattern})")
ITU_REC = re.compile(
    r"\b(?:(?P<pre>ITU[-\s][TRD])\s+)?(?P<kw>Recommendations?|RECOMMENDATIONS?)\s+(?:(?P<post>ITU[-\s][TRD])\s+)?"
    r"(?=[A-Z]{1,3}\.\d)")
REC_ID = re.compile(r"(?P<id>[A-Z]{1,3}\.\d{1,4}(?:\.\d{1,3})*)(?P<rev>-\d{1,2})?(?!\w|\.\d)")
PINPOINT_ANCHOR = re.compile(r"\b(?P<kind>Articles?|Nos?\.?|Appendix|Appendices|APPENDIX|ARTICLE|Sections?)\s*(?=\d)"
                              r"|\b(?P<chapter>Chapters?|CHAPTER)\s+(?=[IVX]{1,6}\b)")   # "Chapter VII of the Charter"
PINPOINT_ID = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,2}[A-Z]{0,2}(?!\w|[/.]\d)")   # ("No. 5.2.1")
CHAPTER_ID = re.compile(r"[IVX]{1,6}\b")
PARAGRAPH_ANCHOR = re.compile(r"(?P<kind>§§?|\b[Pp]aragraphs?|\bparas?\.)\s*(?=\d)")
# "35 a)-e)", "3 (a) to (d)", "8 (a) (iii)"
PARAGRAPH_ID = re.compile(r"\d{1,3}(?:\s?\(?[a-z]\)(?:\s?\([ivx]{1,4}\))?(?:\s?(?:[-–]|to)\s?\(?[a-z]\))?)?(?![\d/])")
SELF = re.compile(r"^\s*,?\s*(?:of|by|adopted\s+by)\s+(?:this|the\s+present)\s+(?:[Cc]onference|[Aa]ssembly|"
                   r"[Ff]orum|[Cc]ouncil)\b")
# "adopted by the Council at its 2009 session", ", adopted at its 2009 session" (after "Council Resolution 1305"),
# "as last modified by the Council at its 2019 session" (the year of the last change is the edition)
ADOPTED_BY_COUNCIL = re.compile(r"^\s*,?\s*\(?(?:as\s+)?(?:last\s+)?(?P<verb>adopted|approved|modified|amended|revised)\s+"
                                r"(?P<council>by\s+the\s+(?:ITU\s+)?Council\s+)?(?:at|during|in)\s+its\s+"
                                r"(?P<year>(?:19|20)\d\d)\s+session")
PREFIX_BODIES = [
    (r"United\s+Nations\s+General\s+Assembly(?:\s+\(UNGA\))?|UNGA|UN\s+General\s+Assembly|General\s+Assembly", "unga"),
    (r"(?:United\s+Nations\s+)?Security\s+Council", "unsc"),
    (r"Human\s+Rights\s+Council", "hrc"),
    (r"Economic\s+and\s+Social\s+Council|ECOSOC", "ecosoc"),
    (r"Commission\s+on\s+Human\s+Rights", "chr"),
    # ("ITU Council" is the ITU's in a UN text too, where "Council resolution" alone is a UN council's)
    (r"ITU\s+Council", "itu-council"), (r"Council", "council"),
    # the organ's noun alone ("Assembly resolution 60/251"): the General Assembly in a UN text (resolve decides)
    (r"Assembly", "assembly"),
    (r"WTSA|World\s+Telecommunication\s+Standardization\s+Assembly", "wtsa"),
    (r"WTDC|World\s+Telecommunication\s+Development\s+Conference", "wtdc"),
    (r"PP|Plenipotentiary(?:\s+Conference)?", "pp"),
    (r"WRC|World\s+Radiocommunication\s+Conference", "wrc"),
    (r"RA|Radiocommunication\s+Assembly", "ra"),
    (r"ITU-D", "wtdc"), (r"ITU-T", "wtsa"), (r"ITU-R", "ra"),
    (r"its|their", "its"),
]
# The word each phrase of PREFIX_BODIES ends with (or a bracketed acronym after it, "(UNGA)"): before most
# keywords stands another word ("the resolution"), and then PREFIX need not be searched for
PREFIX_LAST_WORDS = frozenset({"Assembly", "UNGA", "Council", "ECOSOC", "Rights", "WTSA", "WTDC", "PP",
                                "Plenipotentiary", "Conference", "WRC", "RA", "ITU-D", "ITU-T", "ITU-R",
                                "its", "their"})
PREFIX_MOST_WORDS = 6   # "United Nations General Assembly (UNGA) (A)"
NAMED_BODIES = [(pattern, body) for pattern, body in PREFIX_BODIES if body not in ("its", "assembly")]   # (the bodies named)
_ANY_NAMED_BODY = "|".join(f"(?:{pattern})" for pattern, _ in NAMED_BODIES)
# "the Human Rights Council, in its resolution 42/23": "its" is the organ just named
# (and "the United Nations Environment Assembly at its second session, in paragraph 6 of its resolution 2/10": the
# organ's session and a paragraph may stand between)
LEAD_TO_ITS = re.compile(r"(?:\s+at\s+its\s+[\w-]+\s+session)?(?:\s*,?\s+which)?\s*,?\s+(?:in|at|through|by|under|with)\s+"
                          r"(?:(?:operative\s+)?paragraphs?\s+\d{1,3}(?:\s?\(?[a-z]\))?"
                          r"(?:\s*(?:,|and|to|-|–)\s*\d{1,3}(?:\s?\(?[a-z]\))?)*\s+of\s+)?$")
BODY_BEFORE_ITS = re.compile(r"\b(?P<body>" + _ANY_NAMED_BODY + r")" + LEAD_TO_ITS.pattern)
# "Human Rights Council resolutions on the subject, including resolution 42/9": the body of the list it is one of
# (and "resolutions adopted by the Human Rights Council, including resolutions 33/9")
BODY_OF_LIST_BEFORE = re.compile(r"(?:\b(?P<body>" + _ANY_NAMED_BODY + r")\s+(?:resolutions|decisions)\b"
                                 r"|\b(?:resolutions|decisions)\s+(?:adopted\s+by|of)\s+the\s+"
                                 r"(?P<adopter>" + _ANY_NAMED_BODY + r"))[^.;\d]{0,100}?,?\s+(?:in\s+particular|including|notably|especially)\s+$")
# "instructs the Council to revise its Resolution 1372": "its" is the body told to act
BODY_TOLD_TO = re.compile(r"\b(?P<body>" + _ANY_NAMED_BODY + r")\s+to\s+[a-z]+\s+$")
# what may stand between the document that prints a resolution and the resolution, in a reference: its symbol,
# corrigenda, chapter, section and annex ("... (A/69/53/Add.1 and A/69/53/Add.1/Corr.1), chap. IV, sect. A, ")
REFERENCE_TAIL = re.compile(r"(?:[\s.,()/–-]|\b(?:chap|sect|annex|annexes|part|vol|paras?|and|corrigenda?|Corr|Add|Rev"
                            r"|[IVXL]+|[A-Z]|\d{1,4}[A-Z]?)\b)*")
# a resolution printed in a chapter of a report: "..., chap. I, resolution 1, annex"
CHAPTER_OF_REPORT = re.compile(r"\bchap\.\s+[IVXL]+(?:,\s+sect\.\s+[A-Z])?,\s+$")
ROMAN_NUMERAL = re.compile(r"[IVXL]+")
ACRONYM_IN_BRACKETS = re.compile(r"\((?P<acronym>[A-Z]{2,6})\)")
LIST_PICKS = (" particular", " including", " notably", " especially")
JOINERS_BEFORE_ITS = frozenset({"in", "at", "through", "by", "under", "with", "of"})
# An organ named before a keyword ("Commission on Crime Prevention and Criminal Justice resolution 25/1"): the
# words that join the capitalised ones, the nouns one of which an organ's name holds, and the words that only
# qualify a known body's name ("UN Security Council")
NAME_JOINERS = frozenset({"and", "for", "on", "of", "the", "to", "in", "against"})
ORGAN_NOUNS = frozenset({"Commission", "Committee", "Board", "Assembly", "Council", "Conference", "Forum",
                          "Meeting", "Parties", "Organization", "Programme", "League"})   # ("Arab League")
# words that open a reference or a phrase, never an organ's name ("See World Meteorological Organization resolution")
OPENING_WORDS = frozenset({"See", "Also", "Cf.", "In", "By", "Under", "Through", "With", "At", "As", "And", "Recalling"})
QUALIFIERS = frozenset({"UN", "United", "Nations", "ITU", "The"})
WORD = re.compile(r"\S+")
# "the Council adopted at its 2015 session Decision 584", "the Council, at its 2019 session, adopted Resolution 1305"
COUNCIL_ADOPTED = re.compile(r"\b(?:ITU\s+)?Council(?:,?\s+at\s+its\s+(?P<before>(?:19|20)\d\d)\s+session,?)?\s+"
                             r"(?:adopted|approved)(?:\s+at\s+its\s+(?P<year>\d{4})\s+session)?\s+$")
# (a conference's acronym may carry its year: "WTDC-17 Resolution 37", "Resolutions 1 and 2 of WTSA-20")
PREFIX = re.compile(r"(?:\b(?P<body>" + "|".join(f"(?:{p})" for p, _ in PREFIX_BODIES) + r")(?P<year>-\d{2,4})?"
                     r"(?:\s+\(\w+\))?)\s+$")
ACRONYM_AND_YEAR = re.compile(r"(?P<acronym>[A-Z]{2,5})-\d{2,4}")
TRAILING_BODIES = [
    (r"(?:ITU\s+)?Plenipotentiary\s+Conference|PP", "pp"),
    (r"World\s+Telecommunication\s+Standardization\s+Assembly|WTSA", "wtsa"),
    (r"World\s+Telecommunication\s+Standardization\s+Conference|WTSC", "wtsa"),
    (r"World\s+Telecommunication\s+Development\s+Conference|WTDC", "wtdc"),
    (r"World\s+(?:Administrative\s+)?Radio(?:communication)?\s+Conference|WRC|WARC", "wrc"),
    (r"Radiocommunication\s+Assembly|RA", "ra"),
    (r"World\s+Conference\s+on\s+International\s+Telecommunications|WCIT(?:-12)?", "wcit"),
    ((r"World\s+Telecommunication/(?:ICT|[Ii]nformation\s+and\s+[Cc]ommunication\s+[Tt]echnology)\s+Policy\s+Forum"
      r"|World\s+Telecommunication\s+Policy\s+Forum|WTPF"), "wtpf"),
    (r"(?:ITU\s+)?Council", "council"),
    (r"(?:United\s+Nations\s+)?General\s+Assembly(?:\s+of\s+the\s+United\s+Nations)?|UNGA", "unga"),
    (r"(?:United\s+Nations\s+)?Security\s+Council", "unsc"),
    (r"Human\s+Rights\s+Council", "hrc"),
    (r"Economic\s+and\s+Social\s+Council|ECOSOC", "ecosoc"),
]
# (an edition may be printed apart: "as revised by the Plenipotentiary Conference (Busan, 2014)", "adopted at
# WTDC-17", "of the 2014 Plenipotentiary Conference")
_REVISED = r"(?:as\s+)?(?:last\s+)?(?:revised|amended|modified|adopted)\s+(?:by|at|in)"
TRAILING = re.compile(r"^\s*,?\s*(?:of|by|adopted\s+by|from|" + _REVISED + r")\s+(?:the\s+)?"
                      r"(?:(?:last|latest|most\s+recent)\s+)?(?:(?P<pre>(?:19|20)\d\d)\s+)?"
                      r"(?P<body>" + "|".join(f"(?:{p})" for p, _ in TRAILING_BODIES) + r")\b(?P<year>-\d{2,4}\b)?"
                       r"(?:\s*\((?P<edition>[^()\n]{1,70}(?:\n[^()\n]{1,40})?)\))?")
# "resolution 8/10 of the Conference of the States Parties to ...": an organ this project has no series for
# (and "... of the United Nations Environment Assembly": capitalised words may stand before the organ's noun)
_ORGAN_NAME = (r"(?:[A-Z][\w-]*\s+(?:(?:and|of|for|on|the)\s+)?){0,4}(?:Conference|Meeting|Assembly|Board|Commission|Committee|Governing|Executive"
               r"|Council)\b(?:\s+(?:(?:of|on|for|to|against|and|in|the)\s+)*(?:[A-Z][\w-]*|\d{4}))*"
               r"(?:\s+\([A-Z]{2,6}\))?")   # (its acronym in brackets: "World Telecommunication Conference (WTDC)")
# "the adoption, by the Economic and Social Commission for Asia and the Pacific at its seventy-second session, of
# resolution 72/7"
ADOPTION_BY_ORGAN = re.compile(r"\bby\s+the\s+(?P<organ>" + _ORGAN_NAME + r")(?:\s+at\s+its\s+[\w-]+\s+session)?"
                               r"\s*,\s+of\s+$")
OTHER_ORGAN = re.compile(r"^\s*,?\s*(?:of|adopted\s+by)\s+the\s+(?P<organ>" + _ORGAN_NAME + ")")
# The literal triggers of the pinpoint and year finders, and the patterns the finders use between the big ones
PINPOINT_TRIGGERS = ("article", "no.", "nos", "appendi", "section", "Chapter", "CHAPTER")
YEAR_TRIGGERS = ("(19", "(20")
# A statement by the President of the Human Rights Council, numbered session/number as its resolutions are
# ("President's statement 9/2", "presidential statement PRST 9/2", "PRST OS/13/1" of an organizational session);
# the Security Council's are cited by their symbols ("S/PRST/2014/9") and found as symbols
HRC_PRESIDENT_STATEMENT = re.compile(
    r"(?:\b(?:[Pp]resident(?:['’]s)?|[Pp]residential)\s+[Ss]tatements?\s+(?:PRST[\s/]*)?|(?<![\w/])PRST[\s/]*)"
    r"(?P<num>(?:OS/)?\d{1,2}/\d{1,3})(?![\w/]|\.\d)")
PRESIDENT_STATEMENT_TRIGGERS = ("statement", "PRST")
GAP = re.compile(r"[ \t\u00a0]+(?:No\.\s*)?")
REC_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)(?:(?:ITU[-\s][TRD])\s+)?")
PIN_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+|(?P<range>[-–]|\s+to\s+))")
# the provision number printed in brackets after an article: "Article 44 (No. 196) of the Constitution"
PROVISION_OF_ARTICLE = re.compile(r"\s*\((?P<no>Nos?\.\s*\d{1,3}[A-Z]{0,2})\)")
PIN_EDITION = re.compile(r"WRC|WARC|Rev")
NO_AFTER_ARTICLE = re.compile(r",?\s+Nos?\.\s*\d")
ARTICLE_PARAGRAPH = re.compile(r",\s*paragraph\s+(?P<paragraph>\d{1,3}),?(?=\s+(?:of|in)\s)")
# "Article 6 of Appendix 30B", "Section II of Article 9" is not one: the article (or section) of an appendix of the Radio
# Regulations, with the appendix's revision where printed ("Article 7 of Appendix 30 (Rev.WRC-19)")
OF_APPENDIX = re.compile(r"\s+(?:of|to|in)\s+(?P<appendix>Appendix\s+\d{1,2}[A-Z]?)(?![\w.])"
                         r"(?:\s*\((?P<edition>(?:Rev\.\s?)?WA?RC-\d{2,4})\))?")
WITHIN_ARTICLE = re.compile(r"\s+(?:in|of)\s+Article\s+\d{1,3}[A-Z]?(?=\s+of\b)")
OF_THE = re.compile(r"\s*,?\s*(?:of|in|to)\s+(?:the\s+)?")
NUMBER_AND_YEAR = re.compile(r"(\d+)\s?\((\d{4})\)")
PARAGRAPH_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*(?P<range>-|–|to)\s*)")
# what follows a paragraph number that leads to the next mention: "2 (a) and (b) of the resolution", "4 of its decision"
PARAGRAPH_OF_NEXT = re.compile(r"(?:\s*\([a-z]\)(?:\s*(?:and|to|-|–)\s*\([a-z]\))?)?\s+(?:of|in)\s+(?:the\s+|its\s+)?"
                                r"(?:[Rr]esolution|[Dd]ecision)")
# the paragraph of a second mention after "paragraph N of <mention>": "... and 4 of resolution 2035 (2012)"
ELLIPTIC_PARAGRAPH = re.compile(r"(?:,|\s+and)\s+(?P<id>\d{1,3}(?:\s?\(?[a-z]\))?)\s+(?:of|in)\s+(?:the\s+)?$")
PARAGRAPH_JOINER = re.compile(r"\s*(?:of|in|to)\s+(?:the\s+|its\s+|their\s+)?(?:WSIS\s+)?(?:[A-Z][\w-]*\s+){0,4}?")
DIGIT = re.compile(r"\d")
NON_SPACE = re.compile(r"\S*")
LAST_WORD = re.compile(r"\S+$")   # (searched with an end position: the word that ends there)
LIST_OPENERS = frozenset("0123456789IESVXL")   # what a list of numbers can open with (see patterns._NUMBER)
# how every body phrase after a list opens ("of the Plenipotentiary Conference"), after its adoption date if any
# (and after the subject it is on: "resolution 4/6 on marine plastic litter, adopted by the ... Assembly")
BODY_PHRASE_AFTER = re.compile(rf"(?:{_ADOPTION_DATE.pattern})?+(?:\s+on\s+[^,;()“”\n]{{1,120}}?(?=,\s*adopted\s+by\b))?+"
                               r"(?=\s*,?\s*\(?(?:of|by|adopted|approved|from|as|last|revised|amended|modified)\b)")
# the short names that, with a year, name a conference of the gazetteer ("WRC" and 2023: "WRC-2023", wrc-23)
CONFERENCE_ACRONYMS = {"pp": "PP", "wtsa": "WTSA", "wtdc": "WTDC", "wrc": "WRC", "ra": "RA", "wcit": "WCIT",
                       "wtpf": "WTPF"}
# an edition printed after a named instrument: "the Radio Regulations as revised by the 2023 World
# Radiocommunication Conference", "as amended by WRC-19", "as revised by the Plenipotentiary Conference (Busan, 2014)"
NAMED_REVISED = re.compile(r"(?:\s*\([A-Z]{2,6}\))?\s*,?\s*\(?" + _REVISED + r"\s+(?:the\s+)?"
                           r"(?:(?P<pre>(?:19|20)\d\d)\s+)?(?P<body>"
                           + "|".join(f"(?:{pattern})" for pattern, body in TRAILING_BODIES
                                      if body in CONFERENCE_ACRONYMS)
                           + r")\b(?P<year>-\d{2,4}\b)?(?:\s*\((?P<edition>[^()\n]{1,70})\))?")
# the next member of a list of conferences after an edition: ", the Plenipotentiary Conference (Minneapolis, 1998)"
NEXT_CONFERENCE = re.compile(r"\s*[,;]?\s*(?:and\s+)?(?:(?:as\s+)?(?:amended|revised)\s+)?(?:by\s+|at\s+)?(?:the\s+)?"
                             r"(?P<body>" + "|".join(f"(?:{pattern})" for pattern, _ in TRAILING_BODIES) + r")\b"
                             r"\s*\((?P<edition>[^()\n]{1,70})\)")


@dataclass(frozen=True, slots=True)
class NamedInstrument:
    key: str
    families: tuple[str, ...]
    pattern: re.Pattern[str]
    triggers: tuple[str, ...]
    # what may not stand right before the name: another instrument's own name ("the Tampere Convention")
    not_after: re.Pattern[str] | None = None
    title: str = ""   # (its title, for the graph: "Charter of the United Nations")

    def named_at(self, text: str, start: int) -> bool:
        """Whether a match of the pattern at ``start`` is this instrument (and not the end of another's name)."""
        return self.not_after is None or self.not_after.search(text, max(0, start - 40), start) is None


class _InstrumentRow(TypedDict):
    """One ``[[instrument]]`` table of ``data/instruments.toml``."""
    key: str
    families: list[str]
    pattern: str
    triggers: list[str]
    not_after: NotRequired[str]
    title: NotRequired[str]


@cache
def named_instruments() -> tuple[NamedInstrument, ...]:
    """The instruments cited by name (``data/instruments.toml``): key, the families that cite them, a pattern,
    and the words one of which every match contains."""
    rows = cast(list[_InstrumentRow], read_toml("instruments.toml")["instrument"])
    return tuple(NamedInstrument(str(row["key"]), tuple(row["families"]), re.compile(rf"\b(?:{row['pattern']})"),
                                 tuple(row["triggers"]),
                                 re.compile(rf"(?:{row['not_after']})$") if row.get("not_after") else None,
                                 str(row.get("title", "")))
                 for row in rows)


def near_triggers(pattern: re.Pattern[str], text: str, positions: Iterable[int], *, back: int,
                   ahead: int = 200, opening: frozenset[str] | None = None) -> list[re.Match[str]]:
    """The matches of ``pattern`` that contain one of the trigger ``positions`` (sorted), in text order, not
    overlapping. The pattern is only tried from ``back`` characters before each trigger to ``ahead`` after it;
    with ``opening`` (the characters a match can open with) only where one of those stands."""
    matches: list[re.Match[str]] = []
    last_end, size = 0, len(text)
    for position in positions:
        if position < last_end:
            continue
        start, end = max(0, position - back, last_end), min(size, position + ahead)
        if opening is None:
            match = pattern.search(text, start, end)
            while match is not None and match.end() <= position:
                match = pattern.search(text, match.end() + (match.end() == match.start()), end)
        else:   # the same leftmost match, tried at the few places it can open instead of at every character
            match, at = None, start
            while at <= position:
                found = pattern.match(text, at, end) if text[at] in opening else None
                if found is not None and found.end() > position:
                    match = found
                    break
                at = found.end() + (found.end() == at) if found is not None else at + 1
        if match is not None and match.start() <= position:
            matches.append(match)
            last_end = match.end()
    return matches


@cache
def un_symbol_openings() -> frozenset[str]:
    """The characters a UN symbol can open with: the first letters of the series."""
    return frozenset(row["series"][0] for row in read_csv_rows("un_symbols.csv"))


@cache
def un_symbol_pattern() -> re.Pattern[str]:
    """A UN document symbol: a series of ``data/un_symbols.csv``, then parts after "/", each a run of letters and
    digits that may go on after "." or "-" ("OzL.Pro.28", "COP-MOP", "CONF.VIII", "PV.8421", "SR.1-25",
    "ES-11"), with a section in brackets ("A/76/6 (Sect. 29A)/Add.2"); the year of a Security Council resolution
    after it. A page may leave a space after a "/" before a digit ("S/PRST/ 2015/11"). A joint symbol
    ("A/74/959-S/2020/724") is two symbols: a "-" before a series ends the first."""
    series = sorted((row["series"] for row in read_csv_rows("un_symbols.csv")), key=len, reverse=True)
    any_series = "|".join(map(re.escape, series))
    # a part that opens with a letter may go on after "." or "-" (not before another series: a joint symbol)
    lettered = rf"[A-Z][A-Za-z]{{0,7}}(?:(?:\.|-(?!(?:{any_series})/))[A-Za-z0-9]{{1,8}})*"
    part = rf"(?:E?S-\d{{1,2}}|{lettered}(?:\(\d{{1,2}}\))?|\d{{1,5}}[A-Za-z]?)(?:\s?\(Sect\.\s?\d{{1,3}}[A-Z]?\))?"
    return re.compile(rf"(?<![\w/.])(?P<sym>(?:{any_series})(?:/(?: (?=\d))?{part})+)(?P<year>\s?\((?:19|20)\d{{2}}\))?")


def which(patterns: list[tuple[str, str]], printed: str) -> str:
    return _which_cached(tuple(patterns), printed)


@cache
def _which_cached(patterns: tuple[tuple[str, str], ...], printed: str) -> str:
    for pattern, body in patterns:
        if re.fullmatch(pattern, printed):
            return body
    raise ValueError(printed)  # unreachable: ``printed`` was matched by one of ``patterns``


def clean(text: str) -> str:
    """``text`` with each run of white space made one space, and none at either end."""
    return " ".join(text.split())

LABEL_AT_LINE_START = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]?[ \t]*(?:$|[A-Za-z])", re.MULTILINE)
LIST_SEPARATOR = re.compile(r"\s*(?:,|;)?\s*(?:and\s+|as\s+well\s+as\s+)?")   # between two members of a list
YEAR_NUMBER = re.compile(r"(?<![\w/.(-])\d{3,4}\s?\((?:19[4-9]\d|20\d\d)\)")
