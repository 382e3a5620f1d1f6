"""How a resolution uses what it cites: the CiTO citation function of each citation, from the verb of the section
(or UN paragraph) it stands in and the words just before it, as ``data/verbs.toml`` maps them.

"Recalling resolution 70/1" cites for information, "Reaffirming" confirms, "Welcoming" agrees with, "Acting under
Chapter VII" and "pursuant to resolution 2093 (2013)" cite as authority; a verb the table does not list gives no
function (None) rather than a guess.

>>> from kg.model import Source
>>> from kg.parse import parse_document
>>> from kg.resolve import extract_citations
>>> text = ("RESOLUTION 9\\nT\\nThe Plenipotentiary Conference (Busan, 2014),\\nrecalling\\na) Resolution 71 "
...         "(Rev. Antalya, 2006);\\nresolves\\n1 to apply Resolution 2 (Rev. Antalya, 2006);\\n"
...         "2 to act in accordance with Resolution 3 (Rev. Antalya, 2006);\\n")
>>> document = parse_document(Source("x.txt", text, "text"))
>>> citation_functions(document, extract_citations(document))
['citesForInformation', None, 'citesAsAuthority']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kg.model import Citation, Document
from kg.reference.datafiles import read_toml
from kg.reference.vocabulary import word_prefixes

CITO = "http://purl.org/spar/cito/"
FUNCTIONS = ("citesForInformation", "confirms", "citesAsAuthority", "agreesWith", "disagreesWith")
# what may stand between a phrase and the mention: a pinpoint, an article, a possessive ("pursuant to paragraph 5
# of its", "in accordance with Article 41 of the")
_BETWEEN = r"(?:(?:the|its|their|this|that|and|of|paragraphs?|articles?|sections?|chapters?|annex(?:es)?|parts?|" \
           r"nos?\.|§+|[0-9ivxlc]+(?:\s?\(?[a-z0-9]{1,3}\))*[.,;]?)\s+){0,8}"


@dataclass(frozen=True, slots=True)
class FunctionTable:
    """Verbs (longest first) and phrases, each with its CiTO function's local name."""

    verbs: tuple[tuple[str, str], ...]
    phrases: re.Pattern[str] | None
    phrase_functions: dict[str, str]
    # the verbs as one pattern (alternatives longest first) and each verb's function: one match, not a loop
    _verb_at: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _verb_functions: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_verb_at", word_prefixes(entry for entry, _ in self.verbs))
        functions: dict[str, str] = {}
        for entry, function in self.verbs:
            functions.setdefault(entry, function)
        object.__setattr__(self, "_verb_functions", functions)

    def of_verb(self, verb: str) -> str | None:
        found = self._verb_at.match(" ".join(verb.lower().split()))
        return self._verb_functions[found.group()] if found else None

    def of_words_before(self, text: str) -> str | None:
        if self.phrases is None:
            return None
        match = self.phrases.search(" ".join(text[-160:].lower().split()) + " ")
        return self.phrase_functions[match.group("phrase")] if match else None


@cache
def load_functions() -> FunctionTable:
    """The tables of ``verbs.toml`` (``[citation-functions]`` and ``[citation-phrases]``)."""
    data = read_toml("verbs.toml")
    verbs: list[tuple[str, str]] = []
    for function, entries in dict(data.get("citation-functions", {})).items():   # type: ignore[call-overload]
        _check(function)
        verbs += [(" ".join(str(entry).lower().split()), function) for entry in entries]
    phrase_functions: dict[str, str] = {}
    for function, entries in dict(data.get("citation-phrases", {})).items():     # type: ignore[call-overload]
        _check(function)
        phrase_functions.update({" ".join(str(entry).lower().split()): function for entry in entries})
    alternatives = "|".join(re.escape(p) for p in sorted(phrase_functions, key=len, reverse=True))
    phrases = re.compile(rf"(?<![\w-])(?P<phrase>{alternatives})\s+{_BETWEEN}$") if alternatives else None
    return FunctionTable(tuple(sorted(verbs, key=lambda item: -len(item[0]))), phrases, phrase_functions)


def _check(function: str) -> None:
    if function not in FUNCTIONS:
        raise ValueError(f"verbs.toml: {function} is not one of the CiTO functions used here: {', '.join(FUNCTIONS)}")


def citation_functions(document: Document, citations: Iterable[Citation]) -> list[str | None]:
    """The CiTO function (local name) of each citation, or None where neither its clause's verb nor the words
    before it tell."""
    table = load_functions()
    where = {clause.id: (section.verb, clause.start, clause.end) for section in document.sections
             for clause in section.clauses}
    text = document.source.text
    functions: list[str | None] = []
    for citation in citations:
        verb, start, end = where.get(citation.clause or "", ("", -1, -1))
        if start < 0:
            functions.append(None)
            continue
        # (a mention in a footnote stands outside its clause: the clause's verb alone tells)
        before = text[start:citation.start] if start <= citation.start <= end else ""
        functions.append(table.of_words_before(before) or table.of_verb(verb))
    return functions
