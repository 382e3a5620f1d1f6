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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import cast

from kg.reference.datafiles import read_csv_rows, read_toml, split_aliases
from kg.reference.gazetteer import fold

# the adverbs before a verb ("once again calls upon", "strongly supports"), folded; "continues to" before a verb's
# plain form ("continues to urge")
_LEADING_ADVERBS = re.compile(r"(?:(?:once|again|also|further|still|[a-z]+ly) )+")
_CONTINUES_TO = re.compile(r"continues to (?P<verb>[a-z]+)\b")
# the white space and the article that ``known_addressee_at`` passes over ("  the Secretary-General")
_OPENING = re.compile(r"\s*(?:(?:the|all)\s+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Verbs by part, body names by id, and addressee aliases by canonical name."""

    verbs: tuple[tuple[str, str], ...]          # (verb, part), longest first
    body_names: tuple[tuple[str, str], ...]     # (folded name, body id), longest first
    addressees: tuple[tuple[str, str], ...]     # (folded alias, canonical name), longest first
    # each table as one regular expression (its entries as alternatives, longest first) and a dict from the entry
    # matched to what the first pair of that entry gives: one match in C instead of a loop over the entries
    _verb_at: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _verb_parts: dict[str, str] = field(init=False, repr=False, compare=False)
    _addressee_at: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _addressee_names: dict[str, str] = field(init=False, repr=False, compare=False)
    _body_patterns: tuple[tuple[re.Pattern[str], str], ...] = field(init=False, repr=False, compare=False)
    first_words: frozenset[str] = field(init=False, repr=False, compare=False)   # "having" of "having noted"

    def __post_init__(self) -> None:
        object.__setattr__(self, "_verb_at", word_prefixes(verb for verb, _ in self.verbs))
        object.__setattr__(self, "_verb_parts", _first_of(self.verbs))
        object.__setattr__(self, "_addressee_at", word_prefixes(alias for alias, _ in self.addressees))
        object.__setattr__(self, "_addressee_names", _first_of(self.addressees))
        object.__setattr__(self, "_body_patterns", tuple(
            (re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), body) for name, body in self.body_names))
        object.__setattr__(self, "first_words", frozenset(verb.split()[0] for verb, _ in self.verbs if verb))

    def match_verb(self, heading: str) -> tuple[str, str] | None:
        """The longest verb ``heading`` starts with (as a whole word), and its part (its first 200 characters are
        enough: a line of 20 MB was folded whole, and folding is a Python loop)."""
        found = self._verb_at.match(fold(heading[:200]))
        return (found.group(), self._verb_parts[found.group()]) if found else None

    def match_verb_after_adverbs(self, heading: str) -> tuple[str, str, str] | None:
        """Where ``heading`` opens with adverbs before its verb ("Once again calls upon", "Fully supports", "Continues
        to urge"): the words up to the verb's end as printed (folded), the verb, the first verb after the adverbs
        ("continues to urge" whole, where "urges" is a verb), and its part; None otherwise.

        >>> load_vocabulary().match_verb_after_adverbs("Once again calls upon the administering Powers")
        ('once again calls upon', 'calls upon', 'operative')
        >>> load_vocabulary().match_verb_after_adverbs("Continues to urge Member States")
        ('continues to urge', 'continues to urge', 'operative')
        """
        folded = fold(heading[:200])
        adverbs = _LEADING_ADVERBS.match(folded)
        rest = folded[adverbs.end():] if adverbs else folded
        if (continues := _CONTINUES_TO.match(rest)) is not None:
            verb = continues.group("verb")
            found = self.match_verb(f"{verb}s") or self.match_verb(f"{verb}es")
            if found is None:
                return None
            return folded[:len(folded) - len(rest) + continues.end()], continues.group(), found[1]
        found = self.match_verb(rest) if adverbs else None
        return (folded[:adverbs.end() + len(found[0])], found[0], found[1]) if adverbs and found else None

    def body_of_formula(self, formula: str) -> str | None:
        """The body id named in an enacting formula ("The Plenipotentiary Conference ... ,")."""
        folded = fold(formula)
        for pattern, body in self._body_patterns:
            if pattern.search(folded):
                return body
        return None

    def normalise_addressee(self, name: str) -> str:
        """The canonical name of an addressee, or the name as printed without its article."""
        stripped = re.sub(r"^(?:the|all|its)\s+", "", name.strip(" ,;:."), flags=re.IGNORECASE)
        return self._addressee_names.get(fold(stripped), stripped)

    def known_addressee_at(self, text: str) -> str | None:
        """The canonical addressee that ``text`` begins with ("the Secretary-General to ..."), if any."""
        opening = _OPENING.match(text)   # (it matches every text, maybe empty: only the first words are copied)
        start = opening.end() if opening else 0
        found = self._addressee_at.match(fold(text[start:start + 120]))
        return self._addressee_names[found.group()] if found else None


def word_prefixes(entries: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching, at the start of a text, the first of ``entries`` that the text begins with as whole
    words (the entry not followed by a letter or digit: ``[^\\W_]`` is ``str.isalnum``); alternatives are tried
    in order, so the entries' order (longest first) decides as a loop over them would.

    >>> word_prefixes(["noting with concern", "noting"]).match("noting with concern that").group()
    'noting with concern'
    >>> word_prefixes(["noting with concern", "noting"]).match("noting with concerns").group()
    'noting'
    >>> word_prefixes(["noting"]).match("notings") is None
    True
    """
    alternatives = "|".join(re.escape(entry) for entry in entries)
    return re.compile(rf"(?:{alternatives})(?![^\W_])" if alternatives else r"(?!)")


def _first_of(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each key of ``pairs`` with the value of its first pair."""
    first: dict[str, str] = {}
    for key, value in pairs:
        first.setdefault(key, value)
    return first


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
