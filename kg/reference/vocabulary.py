"""Words the parser recognises: section verbs, adopting bodies and addressees, loaded from ``data/``.

>>> vocabulary = load_vocabulary()
>>> vocabulary.match_verb("considering further")
('considering further', 'preambular')
>>> vocabulary.body_of_formula("The World Telecommunication Standardization Assembly (Johannesburg, 2008),")
'wtsa'
>>> vocabulary.normalise_addressee("the Director of TSB")
'Director of the Telecommunication Standardization Bureau'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import cast

from kg.reference.datafiles import read_csv_rows, read_toml, split_aliases
from kg.reference.gazetteer import fold


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Verbs by part, body names by id, and addressee aliases by canonical name."""

    verbs: tuple[tuple[str, str], ...]          # (verb, part), longest first
    body_names: tuple[tuple[str, str], ...]     # (folded name, body id), longest first
    addressees: tuple[tuple[str, str], ...]     # (folded alias, canonical name), longest first

    def match_verb(self, heading: str) -> tuple[str, str] | None:
        """The longest verb ``heading`` starts with (as a whole word), and its part (its first 200 characters are
        enough: a line of 20 MB was folded whole, and folding is a Python loop)."""
        folded = fold(heading[:200])
        for verb, part in self.verbs:
            if folded == verb or (folded.startswith(verb) and not folded[len(verb)].isalnum()):
                return verb, part
        return None

    def body_of_formula(self, formula: str) -> str | None:
        """The body id named in an enacting formula ("The Plenipotentiary Conference ... ,")."""
        folded = fold(formula)
        for name, body in self.body_names:
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", folded):
                return body
        return None

    def normalise_addressee(self, name: str) -> str:
        """The canonical name of an addressee, or the name as printed without its article."""
        stripped = re.sub(r"^(?:the|all|its)\s+", "", name.strip(" ,;:."), flags=re.IGNORECASE)
        folded = fold(stripped)
        for alias, canonical in self.addressees:
            if folded == alias:
                return canonical
        return stripped

    def known_addressee_at(self, text: str) -> str | None:
        """The canonical addressee that ``text`` begins with ("the Secretary-General to ..."), if any."""
        stripped = re.sub(r"^(?:the|all)\s+", "", text.lstrip(), flags=re.IGNORECASE)
        folded = fold(stripped[:120])
        for alias, canonical in self.addressees:
            if folded.startswith(alias) and (len(folded) == len(alias) or not folded[len(alias)].isalnum()):
                return canonical
        return None


def _longest_first(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(set(pairs), key=lambda pair: (-len(pair[0]), pair)))


@cache
def load_vocabulary() -> Vocabulary:
    """Load ``verbs.toml``, ``bodies.csv`` and ``addressees.csv`` once per process."""
    verbs_file = read_toml("verbs.toml")
    verbs = [(fold(str(verb)), part) for part in ("preambular", "operative")
             for verb in cast(list[str], verbs_file.get(part, []))]   # (verbs.toml: a list of verbs per part)
    bodies = []
    for row in read_csv_rows("bodies.csv"):
        for name in (row["name"], *split_aliases(row["aliases"])):
            if len(name) > 3:  # abbreviations such as "RA" are for citations, not formulas
                bodies.append((fold(name), row["id"]))
    addressees = []
    for row in read_csv_rows("addressees.csv"):
        for alias in (row["name"], *split_aliases(row["aliases"])):
            addressees.append((fold(alias), row["name"]))
    return Vocabulary(_longest_first(verbs), _longest_first(bodies), _longest_first(addressees))
