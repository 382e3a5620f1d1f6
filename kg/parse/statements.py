"""A statement by the President of a UN council, as the text of its document prints it: no number line and no
enacting formula, but its symbol at the top of the first page ("United Nations    S/PRST/2021/13"), its title
("Statement by the President of the Security Council") and the meeting it was made at ("At the 8815th meeting of
the Security Council, held on 7 July 2021, ...").

>>> text = ("United Nations       S/PRST/2021/13\\n\\nSecurity Council     Distr.: General\\n     8 July 2021\\n\\n"
...         "Statement by the President of the Security Council\\n\\n     At the 8815th meeting of the Security "
...         "Council, held on 7 July\\n2021, the President made the following statement:\\n")
>>> statement_hints(text, Hints())
Hints(kind='statement', number='2021/13', symbol='S/PRST/2021/13', title='Statement by the President of the \
Security Council', body=None, date='2021-07-07', work_title=None)
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.model import Hints
from kg.parse.header import iso_date

_HEAD_REACH = 3000   # (the symbol, the title and the meeting stand on the first page's first lines)
# the symbol of a presidential statement, alone on its line or after "United Nations": "S/PRST/2021/13",
# "A/HRC/PRST/OS/17/1", "A/HRC/PRST/52/1"
_SYMBOL_LINE = re.compile(r"^[ \t]*(?:United[ \t]+Nations[ \t]+)?(?P<symbol>(?:S|A/HRC)/PRST/(?:OS/)?\d{1,4}/\d{1,3})"
                          r"[ \t]*$", re.MULTILINE)
_TITLE_LINE = re.compile(r"^[ \t]*(?P<title>Statement[ \t]+by[ \t]+the[ \t]+President[ \t]+of[ \t]+the[ \t]+"
                         r"(?:Security|Human[ \t]+Rights)[ \t]+Council|President['’]s[ \t]+statement\b[^\n]{0,150}?)"
                         r"[ \t]*$", re.MULTILINE)
# "At the 8815th meeting of the Security Council, held on 7 July 2021, ...", "At the 42nd meeting of its fifty-second
# session, on 4 April 2023, ..." (a line may break anywhere in it)
_MEETING = re.compile(r"\bmeeting\b[^.;]{0,200}?\bon\s+(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)\s+(?P<year>(?:19|20)\d\d)")


def statement_hints(text: str, hints: Hints) -> Hints:
    """``hints`` with what the first page of a presidential statement ``text`` says of it (its symbol, number,
    title, kind and the date of its meeting) where the hints lack it; ``hints`` unchanged where ``text`` prints no
    statement's symbol at its top."""
    head = text[:_HEAD_REACH]
    symbol = _SYMBOL_LINE.search(head)
    if hints.symbol and "/PRST/" not in hints.symbol:   # (its front matter or markup names it another document)
        return hints
    if symbol is None and not hints.symbol:
        return hints
    printed = hints.symbol or symbol.group("symbol")  # type: ignore[union-attr]
    title = _TITLE_LINE.search(head)
    meeting = _MEETING.search(head, title.end() if title else 0)
    date = iso_date(f"{meeting['day']} {meeting['month']} {meeting['year']}") if meeting is not None else None
    return replace(hints, kind=hints.kind or "statement", number=hints.number or printed.split("/PRST/", 1)[1],
                   symbol=printed, title=hints.title or (" ".join(title.group("title").split()) if title else None),
                   date=hints.date or date)
