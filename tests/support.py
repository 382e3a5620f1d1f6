"""Checks shared by several test modules."""

from __future__ import annotations

from kg.model import Document


def assert_ids_unique(document: Document) -> None:
    """No two sections and no two clauses of ``document`` share an id (a citation names its clause by id)."""
    for kind, ids in (("section", [s.id for s in document.sections]), ("clause", [c.id for c in document.clauses])):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert not repeated, f"{document.source.origin}: {kind} ids given twice: {repeated}"


def assert_covers_exactly_once(document: Document) -> None:
    """Header, headings, clauses, footnotes, annexes and remainder tile ``Source.text``: no gap, no overlap."""
    spans = []
    if document.header.span is not None:
        spans.append(("header", document.header.span.start, document.header.span.end))
    for section in document.sections:
        if section.heading_span is not None:
            spans.append((f"heading {section.id}", section.heading_span.start, section.heading_span.end))
        spans += [(f"clause {c.id}", c.start, c.end) for c in section.clauses]
    spans += [(f"footnote {f.marker}", f.start, f.end) for f in document.footnotes]
    spans += [(f"annex {a.heading}", a.start, a.end) for a in document.annexes]
    spans += [("remainder", r.start, r.end) for r in document.remainder]
    position = 0
    for name, start, end in sorted(spans, key=lambda item: (item[1], item[2])):
        assert start == position, f"{document.source.origin}: {name} starts at {start}, expected {position}"
        assert end > start, f"{document.source.origin}: {name} is empty ({start}-{end})"
        position = end
    assert position == len(document.source.text), f"{document.source.origin}: text not covered to its end"
    for clause in document.clauses:
        assert clause.text == document.source.text[clause.start:clause.end]
    for section in document.sections:   # (the graph orders a section's clauses by kg:start: it writes no kg:order)
        starts = [clause.start for clause in section.clauses]
        assert starts == sorted(starts), f"{document.source.origin}: the clauses of {section.id} do not follow the text"
