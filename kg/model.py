"""Plain data passed between the pipeline's stages.

Every object is frozen: a stage returns new data and never edits what an earlier stage made.
Offsets (``start``/``end``) always index ``Source.text`` of the document they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Source.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of structure a reader found in the markup itself (Akoma Ntoso), with its span.

    Readers of plain layouts (text, PDF, Word) give no blocks: the parser reads their layout instead.
    ``role`` is one of ``header``, ``formula`` (the enacting formula, a line inside the header), ``heading``,
    ``clause``, ``footnote``, ``annex``, ``part`` (the number and title that open a part of an omnibus resolution,
    "II" / "Conditions of service ...": ``label`` holds "II").
    An ``annex`` block followed by clause blocks is the annex's heading, and those clauses are the annex's.
    ``part`` is ``preambular`` or ``operative`` for headings and clauses.
    ``label`` is the printed label of a clause (``"b)"``, ``"1"``, ``"(a)"``) when the markup gives one.
    ``depth`` is the clause's nesting in the markup (0 for a top-level paragraph or recital).
    ``marker`` is the footnote's printed marker and ``anchor`` the offset where the note is referred to.
    """

    role: str
    start: int
    end: int
    part: str = ""
    label: str = ""
    depth: int = 0
    marker: str = ""
    anchor: int = -1


@dataclass(frozen=True, slots=True)
class Hints:
    """Metadata a reader found outside the running text (YAML front matter, AKN FRBR metadata)."""

    kind: str | None = None
    number: str | None = None
    symbol: str | None = None
    title: str | None = None
    body: str | None = None
    date: str | None = None
    work_title: str | None = None   # a part's: the title of the whole it is part of


@dataclass(frozen=True, slots=True)
class Source:
    """The text of one document as a reader produced it.

    ``origin`` is the path as given, or ``PATH#ID`` for one document of a collection.
    """

    origin: str
    text: str
    format: str
    hints: Hints = field(default_factory=Hints)
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Header:
    """What a resolution says about itself before its first section."""

    kind: str | None = None
    number: str | None = None
    symbol: str | None = None
    title: str | None = None
    body: str | None = None
    edition: str | None = None
    place: str | None = None
    year: int | None = None
    date: str | None = None
    revisions: tuple[str, ...] = ()
    formula: str | None = None
    span: Span | None = None
    # the title of the whole work where the document is one part of it ("Questions relating to information", of
    # which "75/101 A" is "Information in the service of humanity"); None where the work's title is ``title``
    work_title: str | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    """One labelled (or unlabelled) paragraph of a section.

    ``label`` is the printed labels of its path without punctuation, joined by dots (``b.iii``);
    ``id`` prefixes it with its section's id (``considering.b.iii``) and is unique in the document.
    """

    id: str
    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Section:
    """A run of clauses under one heading (``considering``, ``instructs the Director of ...``).

    ``part`` names where the section stands when that is not the resolution's own body: the printed number of a
    part of an omnibus resolution (``"II"``; the section's id then opens with it, ``ii-takes-note``), or
    ``"annex"`` for the paragraphs of an annex (``annex``, ``annex-2`` for the second annex).
    """

    id: str
    heading: str
    verb: str
    kind: str
    addressees: tuple[str, ...]
    clauses: tuple[Clause, ...]
    start: int
    end: int
    heading_span: Span | None = None
    part: str = ""


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote's text, its marker, and the clause it is attached to (``None`` in the header or an annex)."""

    marker: str
    text: str
    start: int
    end: int
    clause: str | None = None


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex or appendix printed after the operative part."""

    heading: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed resolution: header, sections, footnotes, annexes, and every other character as remainder."""

    source: Source
    header: Header
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...] = ()
    annexes: tuple[Annex, ...] = ()
    remainder: tuple[Span, ...] = ()

    @property
    def clauses(self) -> tuple[Clause, ...]:
        """Every clause of every section, in document order."""
        return tuple(clause for section in self.sections for clause in section.clauses)


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to an instrument as printed, before it is resolved to a work key.

    ``family`` says which pattern found it: ``instrument`` (a numbered resolution, decision, recommendation or
    opinion of a conference, council or UN organ), ``itu-rec`` (an ITU-T/R/D Recommendation), ``named`` (the
    Constitution, the Tunis Agenda, the UN Charter ...; ``kind`` holds the instrument's key) or ``symbol`` (a
    UN document symbol written out). ``body`` is the body marker printed with it (``"pp"``, ``"council"``,
    ``"self"`` for "this Conference", ``"its"``), ``edition`` the printed parenthetical ("Rev. Antalya, 2006") or the
    conference the body phrase names with its year ("WTSA-20" of "Resolutions 1 and 2 of WTSA-20").
    """

    start: int
    end: int
    text: str
    family: str
    kind: str | None = None
    number: str | None = None
    body: str | None = None
    edition: str | None = None
    pinpoint: str | None = None
    clause: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A resolved mention: the cited work's key, the edition and pinpoint where stated, or why it is unresolved."""

    doc: str
    clause: str | None
    text: str
    start: int
    end: int
    work: str | None
    edition: str | None = None
    pinpoint: str | None = None
    reason: str | None = None
    reason_code: str | None = None   # the reason's code (kg.resolve.Unresolved), for grouping without parsing it
