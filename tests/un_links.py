"""The UN's own links as an answer key: what each AKN4UN resolution links to with <a href="undocs.org/...">.

The gold is built at run time from ../shared/corpus (no corpus text is copied into the repository). The links
cover UN document symbols only, so the UN Charter and ITU instruments are outside what they can say. A file
links some series and not others (many Security Council files link document symbols such as S/2015/409 but
not one of the resolutions they cite), so a file's links are taken as its answer key for the series it links
at least once: A/RES, S/RES, S/PRST, A/HRC/RES, E/RES, or other document symbols.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from kg.resolve import un_work_key

_LINK = re.compile(r"https?://undocs\.org/(?:[a-z]{2}/)?(?P<symbol>.+)$")


def linked_works(path: Path) -> set[str]:
    works = set()
    for anchor in etree.parse(str(path)).getroot().iter("{*}a"):
        match = _LINK.match(anchor.get("href") or "")
        if match:
            symbol = re.sub(r"^(?:/*en/+)+", "", match.group("symbol").lstrip("/"))
            symbol = re.sub(r"^([a-z])/(res)/", lambda m: f"{m.group(1).upper()}/RES/", symbol)
            works.add(un_work_key(symbol))
    return works


def series(work: str) -> str:
    """ "un/S/RES/2286(2016)" -> "S/RES"; "un/A/75/836" -> "documents"."""
    match = re.match(r"un/((?:A/HRC|A|S|E)/(?:RES|PRST|DEC))/", work)
    return match.group(1) if match else "documents"


def scoped(works: set[str], linked: set[str]) -> set[str]:
    """The UN document works among ``works`` whose series the file's own links use."""
    kept_series = {series(work) for work in linked}
    return {work for work in works if work.startswith("un/") and work != "un/charter" and series(work) in kept_series}
