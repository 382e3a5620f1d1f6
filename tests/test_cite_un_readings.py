"""Citation readings of real UN text, one family a row: which organ a resolution is, organ names read whole, lists
that go on past their tails, the symbol series of conferences and treaty bodies, symbol forms, Security Council
resolutions printed without their year, decisions numbered with their organ's suffix, named instruments.

Each row is written for the test in the layout the UN prints (a preambular paragraph of a General Assembly or
Security Council resolution, or a footnote of one; an ITU considering for the ITU rows) and lists every citation
expected: (surface text, work key) where it resolves, (surface text, None, part of the reason) where it cannot.
"""

from __future__ import annotations

import pytest

from kg.model import Source
from kg.parse import parse_document
from kg.resolve import extract_citations

HEADS = {
    "unga": "75/999. Test\n\nThe General Assembly,\n\n",
    "unsc": "Resolution 2999 (2019)\n\nAdopted by the Security Council at its 9999th meeting, on 1 May 2019\n\n"
            "The Security Council,\n\n",
    "itu": "RESOLUTION 900 (DUBAI, 2018)\nTest\nThe Plenipotentiary Conference of the International Telecommunication "
           "Union (Dubai, 2018),\nconsidering\na)\n",
}


def _document(body: str, paragraph: str, footnote: str | None):
    if body == "itu":
        return parse_document(Source("itu.txt", f"{HEADS[body]}{paragraph};\nresolves\n1 to act.\n", "text"))
    marker = "[^1]" if footnote else ""
    text = f"{HEADS[body]}{paragraph},{marker}\n\n1. Decides to remain seized of the matter.\n"
    if footnote:
        text += f"\n---\n\n[^1]: {footnote}\n"
    return parse_document(Source(f"{body}.md", text, "markdown"))


def _read(citation):
    if citation.work is not None:
        return (citation.text, citation.work)
    return (citation.text, None, citation.reason)


_SOMALIA = [(733, 1992), (751, 1992), (1356, 2001), (1425, 2002), (1725, 2006), (1744, 2007), (1772, 2007),
            (1801, 2008), (1811, 2008), (1814, 2008), (1816, 2008), (1831, 2008), (1844, 2008), (1846, 2008),
            (1851, 2008), (1853, 2008), (1863, 2009), (1872, 2009), (1897, 2009), (1907, 2009), (1910, 2010),
            (1916, 2010), (1950, 2010), (1964, 2010), (1972, 2011), (1976, 2011), (2002, 2011), (2010, 2011),
            (2015, 2011), (2020, 2011), (2023, 2011), (2036, 2012), (2060, 2012), (2067, 2012), (2073, 2012),
            (2077, 2012), (2093, 2013)]
ROWS = [
    # which organ: the organ an "its" follows, the list an organ adopted, the organ that adopted it
    ("hrc-list-adopted-by", "unga", ("Recalling all resolutions adopted by the Human Rights Council, including "
     "resolutions 33/9 of 29 September 2016 and 36/8 of 28 September 2017"), None,
     [("resolutions 33/9", "un/A/HRC/RES/33/9"), ("36/8", "un/A/HRC/RES/36/8")]),
    ("environment-assembly-which-its", "unga", ("Noting the work of the Environment Assembly, which, in its "
     "resolution 4/14, requested the Executive Director to act"), None,
     [("resolution 4/14", "un/UNEP/EA.4/Res.14")]),
    ("environment-assembly-adopted-by-after-subject", "unga", ("Calling upon States to implement resolution 4/6 on "
     "marine plastic litter and microplastics, adopted by the United Nations Environment Assembly of the United "
     "Nations Environment Programme"), None, [("resolution 4/6", "un/UNEP/EA.4/Res.6")]),
    ("cosp-its-against", "unga", ("Recalling that the Conference of the States Parties to the United Nations "
     "Convention against Corruption, in its resolution 9/1, decided to act"), None,
     [("resolution 9/1", None, ("Conference of the States Parties to the United Nations Convention against "
                               "Corruption, an organ with no known series"))]),
    ("escap-adoption-by", "unga", ("Noting the adoption, by the Economic and Social Commission for Asia and the "
     "Pacific at its seventy-second session, of resolution 72/7 of 19 May 2016 on regional cooperation"), None,
     [("resolution 72/7", "un/E/ESCAP/RES/72/7")]),
    ("ecosoc-roman-session", "unga", "Recalling Economic and Social Council resolution 163 B (VIII) of 3 March 1949",
     None, [("Economic and Social Council resolution 163 B (VIII)", "un/E/RES/163(VIII)")]),
    ("itu-council-told-to-revise-its", "itu", "that PP-14 instructed the Council to revise its Resolution 1372",
     None, [("Resolution 1372", "itu/council/res/1372")]),
    ("itu-its-is-the-citing-body", "itu", "its Resolution 71 (Rev. Dubai, 2018)", None,
     [("Resolution 71 (Rev. Dubai, 2018)", "itu/pp/res/71")]),
    ("ga-session-before-31", "unga", "Recalling General Assembly resolution 14/221 and its resolution 27/12", None,
     [("General Assembly resolution 14/221", None, "resolution 14/221: not the General Assembly's"),
      ("resolution 27/12", None, "resolution 27/12: not the General Assembly's")]),
    ("hrc-report-supplement-53", "unga", "Recalling the relevant resolutions of the Human Rights Council",
     ("See Official Records of the General Assembly, Seventy-fourth Session, Supplement No. 53A (A/74/53/Add.1), "
     "chap. III, resolution 42/12."),
     [("A/74/53/Add.1", "un/A/74/53/Add.1"), ("resolution 42/12", "un/A/HRC/RES/42/12")]),
    ("conference-report-chapter", "unga", "Reaffirming the Programme of Action",
     ("Report of the International Conference on Population and Development, Cairo, 5-13 September 1994 (United "
     "Nations publication, Sales No. E.95.XIII.18), chap. I, resolution 1, annex."),
     [("resolution 1", None, "the conference whose report the text cites")]),
    # ("Assembly", the organ's noun alone, is the body phrase, as "General Assembly" is: the mention opens with it)
    ("section-of-assembly-resolution", "unga", "Recalling section XX of Assembly resolution 75/253", None,
     [("Assembly resolution 75/253", "un/A/RES/75/253")]),
    # an organ's name read whole in the reason
    ("organ-name-after-see", "unga", "Noting the work of the World Meteorological Organization",
     "See World Meteorological Organization resolution 9 (Cg-17).",
     [("World Meteorological Organization resolution 9 (Cg-17)", None,
       "a resolution of the World Meteorological Organization, an organ")]),
    ("organ-name-stops-at-lower-case", "unga", ("Recalling resolution 3/4 of the Conference of the Parties to the "
     "Convention to develop practical guidelines"), None,
     [("resolution 3/4", None, "a resolution of the Conference of the Parties to the Convention, an organ")]),
    # lists that go on past their tails
    ("list-past-in-which-it", "unga", ("Recalling its resolutions 35/46 of 3 December 1980, in which it proclaimed "
     "the 1980s as the Second Disarmament Decade, 71/189 of 19 December 2016 on the follow-up, and 73/167 of 17 "
     "December 2018"), None,
     [("resolutions 35/46", "un/A/RES/35/46"), ("71/189", "un/A/RES/71/189"), ("73/167", "un/A/RES/73/167")]),
    ("list-past-by-which-it", "unga", ("Recalling its resolutions 60/251 of 15 March 2006, by which it established "
     "the Human Rights Council, and 65/281 of 17 June 2011"), None,
     [("resolutions 60/251", "un/A/RES/60/251"), ("65/281", "un/A/RES/65/281")]),
    ("list-past-entitled-quoted", "unga", ("Recalling its resolutions 74/270 of 2 April 2020, entitled \u201cGlobal "
     "solidarity to fight the coronavirus disease 2019 (COVID-19)\u201d, and 74/274 of 20 April 2020"), None,
     [("resolutions 74/270", "un/A/RES/74/270"), ("74/274", "un/A/RES/74/274")]),
    ("list-past-entitled-italics", "unsc", ("Recalling all relevant General Assembly resolutions, including "
     "resolutions 68/101 entitled Safety and security of humanitarian personnel, and 68/102 entitled "
     "Strengthening the coordination of emergency humanitarian assistance"), None,
     [("resolutions 68/101", "un/A/RES/68/101"), ("68/102", "un/A/RES/68/102")]),
    # (A/RES/75/101 B, paragraph 79: a subject of 157 characters)
    ("list-past-long-subjects", "unga", ("Recalls its resolutions 62/214 of 21 December 2007 on the United Nations "
     "Comprehensive Strategy on Assistance and Support to Victims of Sexual Exploitation and Abuse by United Nations "
     "Staff and Related Personnel, 70/286 of 17 June 2016 on cross-cutting issues, 74/181 of 18 December 2019 on "
     "criminal accountability of United Nations officials and experts on mission and 74/277 of 18 June 2020 on the "
     "comprehensive review of the whole question of peacekeeping operations in all their aspects"), None,
     [("resolutions 62/214", "un/A/RES/62/214"), ("70/286", "un/A/RES/70/286"), ("74/181", "un/A/RES/74/181"),
      ("74/277", "un/A/RES/74/277")]),
    # (A/RES/75/169: the subject of one list does not swallow the next list's keyword and first member)
    ("list-long-subject-ends-at-next-keyword", "unga", ("Recalling its resolutions 73/157 of 17 December 2018 and "
     "74/136 of 18 December 2019 on this issue, and its resolutions 61/149 of 19 December 2006, 62/220 of 22 "
     "December 2007 and 74/137 of 18 December 2019"), None,
     [("resolutions 73/157", "un/A/RES/73/157"), ("74/136", "un/A/RES/74/136"), ("resolutions 61/149",
      "un/A/RES/61/149"), ("62/220", "un/A/RES/62/220"), ("74/137", "un/A/RES/74/137")]),
    # (S/RES/2090: an aside names no resolution; the second list was read twice, from its keyword and as the first
    # list's members)
    ("list-aside-ends-at-next-keyword", "unsc", ("Recalling its resolutions 1674 (2006) and 1894 (2009) on the "
     "protection of civilians in armed conflicts and its resolutions 1612 (2005), 1882 (2009) and 2068 (2012) on "
     "children and armed conflict"), None,
     [("resolutions 1674 (2006)", "un/S/RES/1674(2006)"), ("1894 (2009)", "un/S/RES/1894(2009)"),
      ("resolutions 1612 (2005)", "un/S/RES/1612(2005)"), ("1882 (2009)", "un/S/RES/1882(2009)"),
      ("2068 (2012)", "un/S/RES/2068(2012)")]),
    ("two-letter-part", "unga", ("Recalling its resolutions 51/45 AA of 10 December 1996 and 52/38 B of 9 December "
     "1997"), None, [("resolutions 51/45 AA", "un/A/RES/51/45"), ("52/38 B", "un/A/RES/52/38")]),
    ("special-sessions", "unga", ("Recalling its resolutions ES-11/1 of 2 March 2022, ES-11/2 of 24 March 2022 and "
     "S-34/1 of 1 September 2023"), None,
     [("resolutions ES-11/1", "un/A/RES/ES-11/1"), ("ES-11/2", "un/A/RES/ES-11/2"), ("S-34/1", "un/A/RES/S-34/1")]),
    ("supplemented-by", "unsc", "Recalling its resolution 2231 (2015), supplemented by 2379 (2017)", None,
     [("resolution 2231 (2015)", "un/S/RES/2231(2015)"), ("2379 (2017)", "un/S/RES/2379(2017)")]),
    ("long-list-in-particular", "unsc", ("Recalling its previous resolutions on Somalia, in particular resolutions "
     "733 (1992), 751 (1992), 1356 (2001), 1425 (2002), 1725 (2006), 1744 (2007), 1772 (2007), 1816 (2008), "
     "1844 (2008), 1846 (2008), 1851 (2008), 1872 (2009), 1897 (2009), 1907 (2009), 1916 (2010) and 2111 (2013)"),
     None,
     [("resolutions 733 (1992)", "un/S/RES/733(1992)")]
     + [(f"{n} ({y})", f"un/S/RES/{n}({y})") for n, y in [
         (751, 1992), (1356, 2001), (1425, 2002), (1725, 2006), (1744, 2007), (1772, 2007), (1816, 2008),
         (1844, 2008), (1846, 2008), (1851, 2008), (1872, 2009), (1897, 2009), (1907, 2009), (1916, 2010),
         (2111, 2013)]]),
    # a list with no keyword before it, longer than the look-back from each member to "resolutions"
    ("long-list-without-keyword", "unsc", "Recalling its previous resolutions and the statements of its President "
     "on the situation in Somalia, in particular " + ", ".join(f"{n} ({y})" for n, y in _SOMALIA[:-1])
     + f" and {_SOMALIA[-1][0]} ({_SOMALIA[-1][1]})", None,
     [(f"{n} ({y})", f"un/S/RES/{n}({y})") for n, y in _SOMALIA]),
    # the symbol series of conferences and treaty bodies (data/un_symbols.csv)
    ("conference-series", "unga", ("Taking note of the final documents NPT/CONF.2000/28 (Parts I and IV), "
     "TPNW/MSP/2023/14, CAC/COSP/2017/14 and CTOC/COP/2018/13"), None,
     [("NPT/CONF.2000/28", "un/NPT/CONF.2000/28"), ("TPNW/MSP/2023/14", "un/TPNW/MSP/2023/14"),
      ("CAC/COSP/2017/14", "un/CAC/COSP/2017/14"), ("CTOC/COP/2018/13", "un/CTOC/COP/2018/13")]),
    ("treaty-body-series", "unga", "Taking note of the reports", ("UNEP/CBD/BS/COP-MOP/4/18, BWC/CONF.VIII/4, "
     "UNODC/CCPCJ/EG.4/2015/4 and JIU/REP/2016/8."),
     [("UNEP/CBD/BS/COP-MOP/4/18", "un/UNEP/CBD/BS/COP-MOP/4/18"), ("BWC/CONF.VIII/4", "un/BWC/CONF.VIII/4"),
      ("UNODC/CCPCJ/EG.4/2015/4", "un/UNODC/CCPCJ/EG.4/2015/4"), ("JIU/REP/2016/8", "un/JIU/REP/2016/8")]),
    # symbol forms
    ("meeting-four-digits", "unsc", "Taking note of the statements made at its meeting", "See S/PV.8421.",
     [("S/PV.8421", "un/S/PV.8421")]),
    ("space-after-slash", "unsc", "Recalling the statement of its President S/PRST/ 2015/11", None,
     [("S/PRST/ 2015/11", "un/S/PRST/2015/11")]),
    ("budget-section-addendum", "unga", "Having considered the proposed programme budget",
     "A/76/6 (Sect. 29A)/Add.2 and A/C.2/75/SR.1-25.",
     [("A/76/6 (Sect. 29A)/Add.2", "un/A/76/6(Sect.29A)/Add.2"), ("A/C.2/75/SR.1-25", "un/A/C.2/75/SR.1-25")]),
    ("symbol-in-supplement", "unga", "Taking note of the report of the Council",
     "Official Records of the General Assembly, Seventy-third Session, Supplement No. 53 (A/73/53/Add.1).",
     [("A/73/53/Add.1", "un/A/73/53/Add.1")]),
    ("ozone-series-dots", "unga", "Welcoming the Kigali Amendment", "UNEP/OzL.Pro.28/12, annex I.",
     [("UNEP/OzL.Pro.28/12", "un/UNEP/OzL.Pro.28/12")]),
    ("joint-symbol", "unga", "Having considered the letter", "A/74/959-S/2020/724, enclosure.",
     [("A/74/959", "un/A/74/959"), ("S/2020/724", "un/S/2020/724")]),
    # a Security Council resolution printed without its year: its year from its number, or from the text
    ("sc-year-from-number", "unsc", "Recalling its resolutions 2139 and 1540", None,
     [("resolutions 2139", "un/S/RES/2139(2014)"), ("1540", "un/S/RES/1540(2004)")]),
    ("sc-year-from-number-in-ga", "unga", "Recalling Security Council resolution 2250", None,
     [("Security Council resolution 2250", "un/S/RES/2250(2015)")]),
    ("sc-year-before-2000-from-the-text", "unsc", ("Recalling its resolution 1111 (1997) and reaffirming resolution "
     "1111"), None, [("resolution 1111 (1997)", "un/S/RES/1111(1997)"), ("resolution 1111", "un/S/RES/1111(1997)")]),
    ("sc-year-unknown-before-2000", "unsc", "Recalling its resolution 1112", None,
     [("resolution 1112", None, "Security Council resolution cited without its year")]),
    ("agency-resolution-is-no-council-resolution", "unga", ("Taking note of section VII of resolution 1 adopted on "
     "20 November 2013 by the General Conference of the United Nations Educational, Scientific and Cultural "
     "Organization"), None, [("resolution 1", None, "no organ named before the number, and no year: another organ's")]),
    ("sc-year-unknown-in-ga", "unga", "Recalling Security Council resolution 1112", None,
     [("Security Council resolution 1112", None, "Security Council resolution cited without its year")]),
    ("sc-symbol-in-brackets-is-no-year", "unsc", ("Taking note of the report on the implementation of resolution 1325 "
     "(S/2015/716)"), None, [("resolution 1325", "un/S/RES/1325(2000)"), ("S/2015/716", "un/S/2015/716")]),
    ("sc-symbol-without-year", "unsc", "Recalling S/RES/2286", None, [("S/RES/2286", "un/S/RES/2286(2016)")]),
    # (S/RES/2199, S/RES/2225) another organ's resolution in a Security Council text, "decision" for "resolution",
    # a date's day after a misprint of "of"
    ("sc-arab-league-resolution", "unsc", ("Expressing, in this regard, its deep appreciation for Arab League "
     "Resolution 7804 (7 September 2014), the Paris Statement (15 September 2014)"), None,
     [("Arab League Resolution 7804 (7 September 2014)", None, "a resolution of the Arab League")]),
    ("sc-number-above-its-own", "unsc", "Welcoming Resolution 7804 (7 September 2014)", None,
     [("Resolution 7804 (7 September 2014)", None, "numbered above the citing Security Council resolution (2999)")]),
    ("sc-decision-with-a-resolution-year", "unsc", ("Reaffirming its decision 2133 (2014) and noting again that "
     "ransom payments"), None, [("decision 2133 (2014)", "un/S/RES/2133(2014)")]),
    ("sc-list-date-misprinted", "unsc", ("Reaffirming its resolutions 1261 (1999) of 25 August 1999, 1379 (2001) or "
     "20 November 2001, 1460 (2003) of 30 January 2003"), None,
     [("resolutions 1261 (1999)", "un/S/RES/1261(1999)"), ("1379 (2001)", "un/S/RES/1379(2001)"),
      ("1460 (2003)", "un/S/RES/1460(2003)")]),
    # decisions of other bodies printed with their own numbering
    ("unfccc-decision-suffix", "unga", "Recalling the Paris Agreement",
     "Adopted under the UNFCCC in FCCC/CP/2015/10/Add.1, decision 1/CP.21.",
     [("FCCC/CP/2015/10/Add.1", "un/FCCC/CP/2015/10/Add.1"),
      ("decision 1/CP.21", None, ("Conference of the Parties to the United Nations Framework Convention on Climate "
                                 "Change, which has no document symbol of its own"))]),
    ("unccd-decision-suffix", "unga", ("Welcoming the outcome of the fourteenth session, including decision 25/COP.14 "
     "of 12 September 2019"), None,
     [("decision 25/COP.14", None, "United Nations Convention to Combat Desertification, which has no document")]),
    ("cbd-decision-after-document", "unga", "Recalling the Aichi Biodiversity Targets",
     "See document CBD/COP/14/14, decision 14/8.",
     [("CBD/COP/14/14", "un/CBD/COP/14/14"), ("decision 14/8", "un/CBD/COP/DEC/14/8")]),
    ("cbd-decision-roman-session", "unga", ("Recalling decision X/2 of the Conference of the Parties to the Convention "
     "on Biological Diversity"), None, [("decision X/2", "un/UNEP/CBD/COP/DEC/X/2")]),
    ("roman-session-elsewhere", "unga", "Recalling the Convention", "See A/51/312, annex II, decision II/10.",
     [("A/51/312", "un/A/51/312"), ("decision II/10", None, "numbered with a roman session is another organ's")]),
    # the reasons name the kind and the organ in words, as a reader of the report would (not "a unsc dec")
    ("reason-words-un-recommendation", "unga", ("Noting that recommendation No. 204 of the International Labour "
     "Organization guides the transition"), None,
     [("recommendation No. 204", None, "a UN recommendation is not a resolution or decision")]),
    ("reason-words-council-decision", "unsc", "Reaffirming its decision 2133 and noting again", None,
     [("decision 2133", None, "the Security Council numbers no decisions")]),
    ("reason-words-roman-session", "unga", "Recalling also decision VII/11 and other relevant decisions", None,
     [("decision VII/11", None, "a decision numbered with a roman session is another organ's")]),
    # named instruments by their own names only
    ("itu-tampere-convention", "itu", "that the Tampere Convention, and Article 5 of the Convention", None,
     [("Article 5 of the Convention", "itu/convention")]),
    ("itu-another-constitution", "itu", ("the Constitution of the Republic, the Ukrainian Constitution and the ITU "
     "Constitution"), None, [("ITU Constitution", "itu/constitution")]),
]


@pytest.mark.parametrize(("body", "paragraph", "footnote", "expected"), [row[1:] for row in ROWS],
                         ids=[row[0] for row in ROWS])
def test_un_reading(body, paragraph, footnote, expected):
    found = [_read(citation) for citation in extract_citations(_document(body, paragraph, footnote))]
    assert len(found) == len(expected), found
    for got, want in zip(found, expected, strict=True):
        assert got[:2] == want[:2], found
        if len(want) == 3:
            assert want[2] in got[2], got


def test_every_family_has_rows():
    assert len(ROWS) >= 40
    assert len({row[0] for row in ROWS}) == len(ROWS)
