"""Several documents in one text: the Final Acts of a conference, or a Council session's resolutions and
decisions, read from one PDF, Word or text file. Each document opens with its number line and, a few lines on,
its enacting formula ("RESOLUTION 76 (REV.WRC-15)" / title / "The World Radiocommunication Conference (Geneva,
2015),"; "75/169. Title" / "The General Assembly,"); a number line alone is not enough, since a citation may
stand alone on a line where the page wrapped it.

>>> from kg.model import Source
>>> text = ("RESOLUTION 1 (DUBAI, 2018)\\nA\\nThe Plenipotentiary Conference (Dubai, 2018),\\nresolves\\nto act.\\n"
...         "RESOLUTION 2 (DUBAI, 2018)\\nB\\nThe Plenipotentiary Conference (Dubai, 2018),\\nresolves\\nto act.\\n")
>>> [(part.origin, part.text.split("\\n")[0]) for part in split_documents(Source("fa.txt", text, "text"))]
[('fa.txt#res-1', 'RESOLUTION 1 (DUBAI, 2018)'), ('fa.txt#res-2', 'RESOLUTION 2 (DUBAI, 2018)')]
"""

from __future__ import annotations

import re

from kg.errors import InputError
from kg.model import Source
from kg.parse.header import (
    ADOPTION_LINE,
    ADOPTION_LINES_ABOVE,
    CHANGE_MARK,
    NUMBER_LINE,
    SUPPRESSED_LINE,
    UN_NUMBER_LINE,
    formula_lines,
)
from kg.reference.vocabulary import load_vocabulary

_FORMULA_OPENING = re.compile(r"\n[ \t]*The[ \t]")   # (a literal to search from: fast over a long text)
_FORMULA_WITHIN = 8   # lines above the formula (title, edition, history) where the number line must stand
_TITLE_LINES = 6   # lines of title (and edition) between a heading and its first section verb
_CAPITAL_HEADING = re.compile(rf"^[ \t]*(?:{CHANGE_MARK}[ \t]+)?(?:RESOLUTION|DECISION|RECOMMENDATION|OPINION)[ \t]",
                              re.MULTILINE)
_KIND_IDS = {"resolution": "res", "decision": "dec", "recommendation": "rec", "opinion": "opinion"}


def split_documents_of(source: Source, *, whole: str, failed: list[InputError]) -> tuple[Source, ...]:
    """``split_documents``, where one document of several may fail alone: a bug in splitting ``source`` (a member
    of the archive ``whole``, one of its documents) is added to ``failed`` as that source's error and it gives no
    document; a bug in splitting the file itself (``source.origin == whole``) is raised, the file's error."""
    try:
        return split_documents(source)
    except MemoryError:
        raise
    except Exception as error:
        if source.origin == whole:
            raise
        failed.append(InputError.from_bug(source.origin, error))
        return ()


def split_documents(source: Source) -> tuple[Source, ...]:
    """The documents of ``source``, one ``Source`` each (``PATH#res-76``), where its text holds more than one;
    else ``source`` itself. Every character stays in one of them: what stands before the second document's
    number line is the first's (a cover page is remainder there). A reader's own structure (Akoma Ntoso) is
    not split, nor a text whose reader found its number or symbol (one document: Markdown's front matter); a
    page's title (HTML) is no part's."""
    if source.blocks or source.hints.number or source.hints.symbol:
        return (source,)
    starts = document_starts(source.text)
    if len(starts) < 2:
        return (source,)
    offsets = [0] + [start for start, _ in starts[1:]] + [len(source.text)]
    names: dict[str, int] = {}
    parts = []
    for index, (_, name) in enumerate(starts):
        names[name] = names.get(name, 0) + 1
        unique = name if names[name] == 1 else f"{name}-{names[name]}"
        parts.append(Source(f"{source.origin}#{unique}", source.text[offsets[index]:offsets[index + 1]],
                            source.format, warnings=source.warnings if index == 0 else ()))
    return tuple(parts)


def document_starts(text: str) -> list[tuple[int, str]]:
    """Where each document of ``text`` opens (the start of its number line, or of the UN adoption line above it)
    and its id ("res-76", "dec-482", "res-75-169"), in text order; [] for a text of one document.

    The lines that open with "The" are looked at (few are), those with a number line a few lines above kept,
    and only where two or more are left are they read as formulas (a text of one document costs no more)."""
    numbered = [(opening.start() + 1, found) for opening in _FORMULA_OPENING.finditer(text)
                if (found := _number_line_above(text, opening.start() + 1)) is not None]
    headed = _heading_only_starts(text)
    if len(numbered) + len(headed) < 2:
        return []
    formulas = [found for formula_start, found in numbered
                if formula_lines(text[formula_start:formula_start + 600].split("\n", 3)[:3], 0)
                and _no_heading_between(text, found[0], formula_start)]
    starts: list[tuple[int, str]] = []
    heading_only = set(headed)
    for start, name in sorted(dict(formulas + headed).items()):
        if starts and name == starts[-1][1] and (start, name) in heading_only:
            continue   # the heading printed again as a running head at the top of a page of the same document
        starts.append((start, name))
    return starts if len(starts) > 1 else []


def _heading_only_starts(text: str) -> list[tuple[int, str]]:
    """Where documents open that print no formula: a heading in capitals with its edition ("RESOLUTION 917
    (REV.WRC-19)", "RECOMMENDATION ITU-R 34"), a title of one to ``_TITLE_LINES`` lines that end in no clause's
    punctuation, then a section verb ("considering") on a line of its own (the Radio Regulations, Vol. 3). A
    citation that a page left alone on its line ("Resolution 71 (Rev. Dubai, 2018)") is printed in lower case; an
    "ANNEX TO RESOLUTION 917 (REV.WRC-19)" opens with "ANNEX"; a running head has no title under it."""
    vocabulary = load_vocabulary()
    starts = []
    for heading in _CAPITAL_HEADING.finditer(text):
        lines = text[heading.start():heading.start() + 1500].split("\n")
        match = NUMBER_LINE.match(lines[0])
        if match is None or not (match.group("edition") or match.group("sector")):
            continue
        name = f"{_KIND_IDS[match.group('kind').lower()]}-{match.group('number')}"
        titles = 0
        for line in (line.strip() for line in lines[1:_TITLE_LINES + 2]):
            if not line:
                continue
            if SUPPRESSED_LINE.match(line):   # "RESOLUTION 5 (WRC-03)" / "(Suppressed by WRC-07)": a heading alone
                starts.append((heading.start(), name))
                break
            if vocabulary.match_verb(line) is not None and line[:1].islower():
                if titles:
                    starts.append((heading.start(), name))
                break
            if line.endswith((";", ",", ":")) or NUMBER_LINE.match(line):
                break
            titles += 1
    return starts


def _number_line_above(text: str, formula_start: int) -> tuple[int, str] | None:
    """The start and id of the number line at most ``_FORMULA_WITHIN`` lines above ``formula_start``."""
    end = formula_start - 1   # (the newline that ends the line above)
    for _ in range(_FORMULA_WITHIN):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if (match := NUMBER_LINE.match(line) or UN_NUMBER_LINE.match(line)) is not None:
            kind = (match.groupdict().get("kind") or "resolution").lower()
            number = re.sub(r"[^0-9A-Za-z]+", "-", match.group("number")).strip("-")   # ("2625 (XXV)": "2625-XXV")
            return _adoption_line_above(text, start), f"{_KIND_IDS[kind]}-{number}"
        end = start - 1
    return None


def _no_heading_between(text: str, start: int, end: int) -> bool:
    """Whether no line between a number line and a formula is a section heading (a citation alone on a line,
    then its clause's section, is no header)."""
    vocabulary = load_vocabulary()
    return all(vocabulary.match_verb(line.strip()) is None for line in text[start:end].split("\n")[1:])


def _adoption_line_above(text: str, start: int) -> int:
    """``start``, or the start of a UN adoption line up to ``ADOPTION_LINES_ABOVE`` lines above it ("Resolution
    adopted by the General Assembly on 16 December 2020" / "[on the report of the Third Committee (A/75/478)]" /
    "75/169. ..."), as ``find_header`` reads it."""
    position = start
    seen = 0
    while seen < ADOPTION_LINES_ABOVE and position > 0:
        position = text.rfind("\n", 0, position - 1) + 1
        line = text[position:text.index("\n", position)]
        if not line.strip():
            continue   # (a blank line of a PDF's text is not counted)
        if ADOPTION_LINE.match(line):   # (the pattern opens with "^")
            return position
        seen += 1
    return start
