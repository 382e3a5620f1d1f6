"""The parsed Document as JSON (the ``kg parse --format json`` contract) or as an outline a person reads."""

from __future__ import annotations

import json
from typing import Any, TextIO

from kg.model import Document, Section


def write_document_json(document: Document, out: TextIO) -> None:
    """Write the JSON object of one document (stable field names, spans into ``Source.text``) as one line, a
    section at a time (a 50 MB text stays lean)."""
    record = _record_without_sections(document)
    out.write("{")
    for index, key in enumerate(_FIELD_ORDER):
        out.write(", " if index else "")
        out.write(json.dumps(key) + ": ")
        if key == "sections":
            out.write("[")
            out.writelines((", " if number else "") + json.dumps(_section_record(section), ensure_ascii=False) for number, section in enumerate(document.sections))
            out.write("]")
        else:
            out.write(json.dumps(record[key], ensure_ascii=False))
    out.write("}\n")


_FIELD_ORDER = ("doc", "format", "header", "sections", "footnotes", "annexes", "remainder")


def _section_record(section: Section) -> dict[str, Any]:
    return {"id": section.id, "heading": section.heading, "verb": section.verb, "kind": section.kind,
            "part": section.part, "addressees": list(section.addressees), "start": section.start, "end": section.end,
            "clauses": [{"id": clause.id, "label": clause.label, "text": clause.text,
                         "start": clause.start, "end": clause.end} for clause in section.clauses]}


def _record_without_sections(document: Document) -> dict[str, Any]:
    header = document.header
    return {
        "doc": document.source.origin,
        "format": document.source.format,
        "header": {
            "kind": header.kind, "number": header.number, "symbol": header.symbol, "title": header.title,
            "body": header.body, "edition": header.edition, "place": header.place, "year": header.year,
            "date": header.date, "revisions": list(header.revisions), "formula": header.formula, "work_title": header.work_title,
            "start": header.span.start if header.span else None, "end": header.span.end if header.span else None,
        },
        "footnotes": [{"marker": f.marker, "clause": f.clause, "text": f.text, "start": f.start, "end": f.end}
                      for f in document.footnotes],
        "annexes": [{"heading": a.heading, "start": a.start, "end": a.end} for a in document.annexes],
        "remainder": [{"start": span.start, "end": span.end} for span in document.remainder],
    }


def outline_text(document: Document, *, width: int = 72) -> str:
    """An indented outline: header facts, then each section with its clauses' labels and opening words.

    >>> from kg.model import Source
    >>> from kg.parse import parse_document
    >>> print(outline_text(parse_document(Source("x.txt", "considering\\na)\\nthat X;\\n", "text"))))
    x.txt
      considering  [preambular]
        a  that X;
    """
    header = document.header
    lines = [document.source.origin]
    facts = [f"{name} {value}" for name, value in (
        ("kind", header.kind), ("number", header.number), ("body", header.body), ("edition", header.edition),
        ("place", header.place), ("year", header.year)) if value is not None]
    if facts:
        lines.append("  " + ", ".join(facts))
    if header.title:
        lines.append(f"  title: {header.title}")
    for section in document.sections:
        addressees = f" -> {'; '.join(section.addressees)}" if section.addressees else ""
        part = f", {'annex' if section.part == 'annex' else 'part ' + section.part}" if section.part else ""
        lines.append(f"  {section.heading or '(no heading)'}  [{section.kind}{part}]{addressees}")
        for clause in section.clauses:
            depth = clause.label.count(".") if clause.label else 0
            words = " ".join(clause.text.split())
            if len(words) > width:
                words = words[: width - 3] + "..."
            lines.append(f"    {'  ' * depth}{clause.label or '-'}  {words}")
    for footnote in document.footnotes:
        lines.append(f"  footnote {footnote.marker} (at {footnote.clause}): {' '.join(footnote.text.split())[:width]}")
    for annex in document.annexes:
        lines.append(f"  annex: {annex.heading}")
    return "\n".join(lines)
