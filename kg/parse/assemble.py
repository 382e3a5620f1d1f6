"""Building the ``Document`` from header and blocks, whether the blocks came from markup or from layout.

Here the label path of each clause is worked out, section and clause ids are made unique, addressees are
named, footnotes are attached to the clause that refers to them, and every character that is not header,
heading, clause, footnote or annex becomes remainder.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from kg.model import Annex, Block, Clause, Document, Footnote, Header, Section, Source, Span
from kg.parse.addressees import addressees_of, addressees_opening, addressees_printed, plain_hyphens
from kg.parse.addressing import addresses_someone, infinitive_to, names_addressee, names_opening
from kg.parse.labels import LabelStack, label_inline
from kg.reference.vocabulary import Vocabulary, load_vocabulary

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1024)   # (the same few verbs name most sections)
def slug(text: str) -> str:
    """A lower-case, hyphenated id for a heading or verb: ``"Takes note"`` -> ``"takes-note"``."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "section"


class _UniqueNames:
    """Names given out once each: a name, or the first of ``name-2``, ``name-3``... not given yet (a second
    "decides" section is "decides-2", and its first unlabelled clause, "decides-2" too by its base, becomes
    "decides-2-2" rather than the id of the first section's second clause)."""

    def __init__(self) -> None:
        self._given: set[str] = set()
        self._suffix: dict[str, int] = {}   # each name asked for twice -> the last suffix tried for it

    def unique(self, name: str) -> str:
        candidate, suffix = name, self._suffix.get(name, 1)
        while candidate in self._given:
            suffix += 1
            candidate = f"{name}-{suffix}"
        self._suffix[name] = suffix
        self._given.add(candidate)
        return candidate


def assemble_document(source: Source, header: Header, blocks: list[Block]) -> Document:
    """Group ``blocks`` (in text order) into sections and clauses, attach footnotes, compute the remainder."""
    vocabulary = load_vocabulary()
    text = source.text
    sections: list[Section] = []
    section_ids, clause_ids = _UniqueNames(), _UniqueNames()
    footnote_blocks: list[Block] = []
    annexes: list[Annex] = []
    current: dict[str, object] | None = None
    clauses: list[Clause] = []
    stack = LabelStack()
    depth = 0   # the markup's depth of the clause before, in the same section
    # the part of an omnibus resolution ("II") or the annex that the sections stand in, and their ids' prefix
    part, prefix = "", ""
    held: int | None = None

    def finish() -> None:
        if current is not None:
            sections.append(_section(current, clauses, text, vocabulary))

    for block in blocks:
        if block.role != "footnote":
            held = held if block.role == "clause" else None
        if block.role == "heading" and part == "annex" and not vocabulary.match_verb(_clean(text[block.start:
                                                                                                  block.end])):
            held = block.start   # the italic words of an annexed list ("Description:", "A.k.a.:") open no section:
            continue             # they are the words the clause after them opens with
        if block.role == "heading":
            finish()
            heading = _clean(text[block.start:block.end])
            verb, kind = _verb_and_kind(heading, block.part, vocabulary)
            name = slug(verb or heading.split(" ")[0] if heading else block.part)
            section_id = section_ids.unique(f"{prefix}-{name}" if prefix else name)
            current = {"id": section_id, "heading": heading, "verb": verb, "kind": kind, "part": part,
                       "start": block.start, "end": block.end, "heading_span": Span(block.start, block.end)}
            clauses = []
            stack = LabelStack()
        elif block.role == "part":
            finish()
            current, clauses, stack = None, [], LabelStack()
            part = block.label or _clean(text[block.start:block.end]).split(" ")[0]
            prefix = slug(part)
        elif block.role == "clause":
            if current is None or (block.part and block.part != current["kind"]):
                # a clause with no heading of its own, or the first operative paragraph after the preamble; in a
                # part or an annex, the section is named for it ("ii", "annex")
                finish()
                kind = block.part or "operative"
                current = {"id": section_ids.unique(prefix or kind), "heading": "", "verb": "", "kind": kind,
                           "part": part, "start": block.start, "end": block.start}
                clauses = []
                stack = LabelStack()
            start, printed = (held if held is not None else block.start), block.label
            held = None
            if not printed and block.marker != "continued" and (inline := label_inline(text[block.start:block.end])) \
                    is not None:
                printed, offset = inline
                start += offset
            if block.marker == "continued" and clauses:
                label = clauses[-1].label   # the rest of a clause after page furniture (which is remainder)
            else:
                label = stack.push(printed, nested=bool(clauses) and block.depth > depth) if printed else ""
            depth = block.depth
            base = f"{current['id']}.{label}" if label else str(current["id"])
            clause_id = clause_ids.unique(base)
            clauses.append(Clause(clause_id, label, text[start:block.end], start, block.end))
        elif block.role == "footnote":
            footnote_blocks.append(block)
        elif block.role == "annex":
            first_line = text[block.start:block.end].split("\n", 1)[0].strip()
            annexes.append(Annex(first_line, block.start, block.end))
            # clauses after an annex's heading are the annex's own (a declaration's "3. Reaffirm ...")
            finish()
            current, clauses, stack = None, [], LabelStack()
            part = prefix = "annex"
    finish()
    footnotes = _attach_footnotes(footnote_blocks, sections, text)
    covered = [header.span] if header.span else []
    covered += [s.heading_span for s in sections if s.heading_span]
    covered += [Span(c.start, c.end) for s in sections for c in s.clauses]
    covered += [Span(f.start, f.end) for f in footnotes] + [Span(a.start, a.end) for a in annexes]
    return Document(source=source, header=header, sections=tuple(sections), footnotes=tuple(footnotes),
                    annexes=tuple(annexes), remainder=tuple(remainder_spans(covered, len(text))))


def _clean(heading: str) -> str:
    return " ".join(heading.split()).strip(" ,:")


def _verb_and_kind(heading: str, part: str, vocabulary: Vocabulary) -> tuple[str, str]:
    found = vocabulary.match_verb(heading) or _verb_after_adverbs(heading, vocabulary)
    if found is None:
        return (heading.split(" ")[0].lower() if heading else ""), part or "preambular"
    verb, lexicon_part = found
    return verb, part or lexicon_part


def _section(fields: dict[str, object], clauses: list[Clause], text: str, vocabulary: Vocabulary) -> Section:
    heading, verb, kind = str(fields["heading"]), str(fields["verb"]), str(fields["kind"])
    addressees: list[str] = []
    part = str(fields.get("part", ""))
    if kind == "operative" and part != "annex":   # (an annexed declaration's "we" mandates no one)
        # ITU prints the addressees in a heading of its own ("instructs the Director of ..."); a UN paragraph
        # opens with its verb and names them at the start of the clause ("Requests the Secretary-General to").
        standalone = heading[:1].islower()
        if clauses and not standalone:
            verb = _verb_continued(verb, clauses[0].text, vocabulary)   # ("Calls | upon States to")
        rest = " ".join(heading.split()[len(verb.split()):]) if verb and standalone else ""
        # (only a request-type verb addresses someone; "Reiterates | its request to ...")
        if addresses_someone(verb, " ".join([heading, *(clause.text[:40] for clause in clauses[:1])])):
            addressees += _run_on(addressees_of(rest, vocabulary), rest, clauses, vocabulary)
            if not addressees and clauses:
                addressees += _names_after_verb(names_opening(clauses[0].text), vocabulary)
    start = int(fields["start"])  # type: ignore[call-overload]
    end = max([int(fields["end"])] + [c.end for c in clauses])  # type: ignore[call-overload]
    heading_span = fields.get("heading_span")
    return Section(str(fields["id"]), heading, verb, kind, tuple(dict.fromkeys(map(plain_hyphens, addressees))),
                   tuple(clauses),
                   start, end, heading_span if isinstance(heading_span, Span) else None, part)


def _verb_after_adverbs(heading: str, vocabulary: Vocabulary) -> tuple[str, str] | None:
    """The verb of a heading that opens with adverbs, the first verb after them ("Once again calls upon": "calls
    upon"), and its part; None where there is none.

    >>> _verb_after_adverbs("Once again calls upon", load_vocabulary())
    ('calls upon', 'operative')
    """
    found = vocabulary.match_verb_after_adverbs(heading)
    return (found[1], found[2]) if found else None


# the words that finish a verb in the clause after its heading ("Calls | upon", "Looks forward | to")
_VERB_PARTICLES = frozenset({"upon", "on", "for", "to"})


def _verb_continued(verb: str, text: str, vocabulary: Vocabulary) -> str:
    """``verb`` with the words of the clause after its heading that finish it ("calls" and "upon States to": "calls
    upon"; "looks forward" and "to the convening": "looks forward to").

    >>> _verb_continued("calls", "upon States to ensure", load_vocabulary())
    'calls upon'
    >>> _verb_continued("requests", "the Secretary-General to", load_vocabulary())
    'requests'
    """
    words = text.split()[:2]
    for count in (2, 1):
        particles = [word.lower() for word in words[:count]]
        if len(particles) == count and all(word in _VERB_PARTICLES for word in particles):
            found = vocabulary.match_verb(" ".join([verb, *particles]))
            if found is not None and found[0] == " ".join([verb, *particles]):
                return found[0]
    return verb


def _names_after_verb(opening: str, vocabulary: Vocabulary) -> list[str]:
    """The addressees a UN paragraph whose verb addresses someone names first (``opening``: its words after the
    verb): those ``addressees_opening`` finds (not a possessive's: "the Secretary-General's report"), or, where the
    names printed before its infinitive's "to" begin with the same and say more, those ("States and all parties to
    armed conflict to": both; "competent international organizations and bodies": one name, not "bodies")."""
    known = addressees_opening(opening, vocabulary, addressing=True) if names_addressee(opening) else []
    printed = addressees_printed(opening, vocabulary)
    if known and printed and (printed[0] == known[0] or printed[0].startswith(known[0] + " ")) \
            and len("".join(printed)) > len("".join(known)):
        return printed   # (also "the States Parties to the Convention", which opens with the known "States")
    return known or printed


def _run_on(names: list[str], rest: str, clauses: list[Clause], vocabulary: Vocabulary) -> list[str]:
    """``names`` (of a heading's ``rest``) with the last one run on into the first clause where the heading ends
    within it ("urges Member States Parties" and "to the Tampere Convention to take": "Member States Parties to the
    Tampere Convention"): a party's "to" is a preposition, not the infinitive's."""
    if not names or not clauses or not re.search(r"\b(?:[Pp]arties|[Pp]arty)$", rest):
        return names
    text = " " + clauses[0].text
    to = infinitive_to(text)
    run_on = " ".join(text[:to].split()) if to > 0 else ""
    if not run_on.startswith("to ") or re.search(r"[,;:()]", run_on):
        return names
    last = re.split(r",\s*|\s+and\s+", rest)[-1]
    return [*names[:-1], vocabulary.normalise_addressee(f"{last} {run_on}")]


def _attach_footnotes(blocks: list[Block], sections: list[Section], text: str) -> list[Footnote]:
    """Attach each footnote to the clause holding its anchor (or, in plain text, its marker)."""
    clauses = [clause for section in sections for clause in section.clauses]
    footnotes = []
    search_from = 0
    for block in blocks:
        anchor = block.anchor if block.anchor >= 0 else _find_marker(text, block.marker, search_from, clauses)
        owner = None
        if anchor is not None and anchor >= 0:
            search_from = anchor
            owner = next((c.id for c in reversed(clauses) if c.start <= anchor <= c.end + 1), None)
        footnotes.append(Footnote(block.marker, text[block.start:block.end], block.start, block.end, owner))
    return footnotes


def _find_marker(text: str, marker: str, after: int, clauses: list[Clause]) -> int | None:
    """Where a plain-text footnote marker stands: ``[^4]``, or the bare number after a word ("Women,5")."""
    if not marker or not clauses:
        return None
    escaped = re.escape(marker)
    pattern = re.compile(rf"\[\^{escaped}\]|(?:(?<=[A-Za-z,;.)\]”’])|(?<=[A-Za-z,;.)\]”’] )){escaped}(?![\d/])")
    for clause in clauses:
        if clause.end < after:
            continue
        match = pattern.search(text, max(clause.start, after), clause.end + 1)
        if match:
            return match.start()
    return None


def remainder_spans(covered: list[Span], length: int) -> list[Span]:
    """The spans of ``[0, length)`` that no span in ``covered`` covers.

    >>> remainder_spans([Span(2, 4), Span(6, 8)], 10)
    [Span(start=0, end=2), Span(start=4, end=6), Span(start=8, end=10)]
    """
    gaps = []
    position = 0
    for span in sorted(covered, key=attrgetter("start", "end")):
        if span.start > position:
            gaps.append(Span(position, span.start))
        position = max(position, span.end)
    if position < length:
        gaps.append(Span(position, length))
    return gaps
