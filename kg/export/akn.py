"""Akoma Ntoso 3.0 out, references tagged: each document as an AKN ``statement`` with the AKN4UN conventions (FRBR
work, expression and manifestation IRIs such as ``/akn/un/statement/deliberation/unga/2020-12-10/75-100/!main``;
a part of a resolution adopted in parts a work of its own, ``.../75-101A/!main``, as the UN's files name it; an
annex the component ``!main/annex``),
``eId``s by the naming convention: ``preamble__recitals_1__recital_2``, ``mainBody__para_3__list_1__point_a``), the
elements in the schema's order (meta, coverPage, preface, preamble, mainBody, attachments), and each citation a
``<ref href="...">`` to the cited work's IRI in the graph.

A section whose heading stands on a line of its own (ITU: "considering", then a), b) ...) is a ``recitals`` with an
``intro`` or an ``hcontainer`` with a ``heading``; one whose heading opens its first paragraph (UN: "Recalling its
resolution ...", "3. Welcomes ...") keeps the heading there, in italics. Footnotes are ``authorialNote``s at the
end of the clause they belong to. Read back by ``kg.readers.akn``, a document gives the same sections, clauses and
citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from lxml import etree

from kg.model import Citation, Clause, Document, Section
from kg.rdf import edition_iri, own_work_key, work_iri
from kg.reference.gazetteer import load_gazetteer
from kg.reference.keys import un_part

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = f"{{{AKN}}}"
# body id -> the FRBRauthor (and TLCOrganization eId) the UN's and akn4itu's files use, as kg.readers.akn reads them
AUTHORS = {"pp": "itu-pp", "unga": "ga", "unsc": "sc", "hrc": "hrc", "ecosoc": "ecosoc", "council": "itu-council",
           "wtsa": "itu-wtsa", "wtdc": "itu-wtdc", "wrc": "itu-wrc", "ra": "itu-ra"}
_ROMAN = re.compile(r"^(?=[ivxlc]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    child = etree.SubElement(parent, _A + tag, {k.rstrip("_"): v for k, v in attributes.items()})
    if text is not None:
        child.text = text
    return child


def _work_number(work_key: str) -> str:
    """The number part of an AKN4UN IRI: ``un/A/RES/75/100`` -> ``75-100``, ``itu/pp/dec/5`` -> ``dec-5``."""
    parts = work_key.split("/")
    if parts[0] == "itu" and len(parts) >= 4:
        return f"{parts[2]}-{parts[3]}"
    for marker in ("/RES/", "/DEC/", "/PRST/"):
        if marker in work_key:
            return re.sub(r"[^\w.-]+", "-", work_key.split(marker, 1)[1]).strip("-")
    return re.sub(r"[^\w.-]+", "-", work_key).strip("-")


def _date(document: Document) -> str:
    header = document.header
    conference = load_gazetteer().by_id(header.edition or "")
    return header.date or (conference.end_date if conference else None) or \
        (f"{header.year}-01-01" if header.year else "0001-01-01")


def _meta(statement: etree._Element, document: Document, *, component: str = "main") -> None:
    """The FRBR identification of ``document``, of its ``component`` ("main", or "main/annex" for its annex: the
    component's name follows the "!" in each ``FRBRthis``, as the naming convention has it).

    A part of a resolution adopted in parts ("75/101 A") is a work of its own, its letter after the number
    ("75-101A"), as the UN's own files name each part of "75-101A-B"; its alias is the part's node in the graph
    (the edition "2020-12-10-A" of 75/101), not the whole's."""
    key = own_work_key(document)
    part = un_part(key, document.header.edition)
    author = AUTHORS.get(document.header.body or "", document.header.body or "unknown")
    date = _date(document)
    work = f"/akn/un/statement/deliberation/{author}/{date}/{_work_number(key)}{part or ''}"
    meta = _element(statement, "meta")
    identification = _element(meta, "identification", source="#resolution-kg")
    levels = (("FRBRWork", work, f"{work}/!{component}", "adoption", "#author"),
              ("FRBRExpression", f"{work}/eng@", f"{work}/eng@/!{component}", "adoption", "#author"),
              ("FRBRManifestation", f"{work}/eng@.xml", f"{work}/eng@/!{component}.xml", "markup", "#editor"))
    for level, uri, this, date_name, role in levels:
        frbr = _element(identification, level)
        _element(frbr, "FRBRthis", value=this)
        _element(frbr, "FRBRuri", value=uri)
        if level == "FRBRWork":
            alias = edition_iri(key, document.header.edition or "") if part else work_iri(key)
            _element(frbr, "FRBRalias", value=alias, name="resolution-kg")
        _element(frbr, "FRBRdate", date=date, name=date_name)
        _element(frbr, "FRBRauthor", href="#resolution-kg" if level == "FRBRManifestation" else f"#{author}",
                 as_=role)
        if level == "FRBRWork":
            _element(frbr, "FRBRcountry", value="un")
            if document.header.number:
                _element(frbr, "FRBRnumber", value=document.header.number)
        if level == "FRBRExpression":
            _element(frbr, "FRBRlanguage", language="eng")
    references = _element(meta, "references", source="#resolution-kg")
    _element(references, "TLCOrganization", eId=author, href=f"/ontology/organization/un/{author}", showAs=author)
    _element(references, "TLCOrganization", eId="resolution-kg", href="https://w3id.org/resolution-kg",
             showAs="resolution-kg")
    _element(references, "TLCRole", eId="author", href="/ontology/role/author", showAs="Author")
    _element(references, "TLCRole", eId="editor", href="/ontology/role/editor", showAs="Editor")


def _printed_label(last: str, *, inline: bool) -> str:
    """The label as printed: "a)", "iii)", "1" in ITU texts; "(a)", "(iii)", "1." in UN texts."""
    if not last:
        return ""
    if last.isdigit() or re.fullmatch(r"\d+(?:bis|ter|quater)?", last):
        return f"{last}." if inline else last
    return f"({last})" if inline else f"{last})"


class _Text:
    """Writes a span of the source into an element: citations as ``<ref>``, the rest as text."""

    def __init__(self, source: str, citations: Sequence[Citation]) -> None:
        self.source = source
        self.citations = sorted((c for c in citations if c.work), key=lambda c: (c.start, -c.end))

    def write(self, element: etree._Element, start: int, end: int, *, prefix: str = "") -> None:
        last: etree._Element | None = None
        position = start
        if prefix:
            element.text = (element.text or "") + prefix
        for citation in self.citations:
            if citation.start < position or citation.end > end:
                continue
            self._append(element, last, self.source[position:citation.start])
            last = _element(element, "ref", self.source[citation.start:citation.end], href=work_iri(citation.work or ""))
            position = citation.end
        self._append(element, last, self.source[position:end])

    @staticmethod
    def _append(element: etree._Element, last: etree._Element | None, text: str) -> None:
        if last is None:
            element.text = (element.text or "") + text
        else:
            last.tail = (last.tail or "") + text


def _tree(clauses: Sequence[Clause]) -> list[tuple[Clause, list]]:
    """The clauses as a tree by label path (``b`` holds ``b.i``, ``b.ii``)."""
    roots: list[tuple[Clause, list]] = []
    stack: list[tuple[str, list]] = []
    for clause in clauses:
        node: tuple[Clause, list] = (clause, [])
        while stack and not (clause.label and clause.label.startswith(stack[-1][0] + ".")):
            stack.pop()
        (stack[-1][1] if stack else roots).append(node)
        if clause.label:
            stack.append((clause.label, node[1]))
    return roots


def _is_inline(document: Document, section: Section) -> bool:
    """The heading opens the first clause's line ("Recalling its resolution ...", "3. Welcomes ...")."""
    if section.heading_span is None or not section.clauses:
        return False
    return "\n" not in document.source.text[section.heading_span.end:section.clauses[0].start]


def _clause_element(parent: etree._Element, name: str, eid: str, node: tuple[Clause, list], *, inline: bool,
                    heading: str | None, text: _Text, notes: dict[str, list]) -> None:
    clause, children = node
    element = _element(parent, name, eId=eid)
    label = _printed_label(clause.label.rsplit(".", 1)[-1], inline=inline)
    if label:
        _element(element, "num", label)
    if children:
        holder = _element(element, "list", eId=f"{eid}__list_1")
        paragraph = _element(_element(holder, "intro"), "p")
    else:
        holder = element
        paragraph = _element(_element(element, "content"), "p") if name in ("paragraph", "point") else \
            _element(element, "p")
    if heading:
        emphasis = _element(paragraph, "i", heading)
        emphasis.tail = " "
        paragraph = emphasis   # (the clause's text follows the heading, as its tail)
        _write_tail(paragraph, clause, text)
    else:
        text.write(paragraph, clause.start, clause.end)
    for marker, start, end in notes.get(clause.id, []):
        target = paragraph if paragraph.tag == _A + "p" else paragraph.getparent()
        note = _element(target, "authorialNote", marker=marker, placement="bottom", eId=f"{eid}__authorialNote_{marker}")
        text.write(_element(note, "p"), start, end)
    for index, child in enumerate(children, 1):
        last = child[0].label.rsplit(".", 1)[-1] or str(index)
        _clause_element(holder, "point", f"{eid}__point_{last}", child, inline=inline, heading=None, text=text,
                        notes=notes)


def _write_tail(emphasis: etree._Element, clause: Clause, text: _Text) -> None:
    """The clause's text after an italic heading: written into a scratch element, then moved after it."""
    scratch = etree.Element(_A + "p")
    text.write(scratch, clause.start, clause.end)
    emphasis.tail = (emphasis.tail or "") + (scratch.text or "")
    parent = emphasis.getparent()
    for child in list(scratch):
        parent.append(child)


def document_akn(document: Document, citations: Iterable[Citation]) -> bytes:
    """One document as an Akoma Ntoso 3.0 file (UTF-8, with its XML declaration)."""
    source = document.source.text
    text = _Text(source, list(citations))
    root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN})
    statement = _element(root, "statement", name=document.header.kind or "resolution", contains="originalVersion")
    _meta(statement, document)
    header = document.header
    lines = [line.strip() for line in source[header.span.start:header.span.end].split("\n")] if header.span else []
    formula = (header.formula or "").strip()
    preface_lines = [line for line in lines if line and line != formula]
    # the cover page names the document (number, symbol, title) as AKN marks them; the preface prints its header
    cover = _element(statement, "coverPage", eId="coverPage")
    for value, tag, attributes in ((header.number, "docNumber", {}), (header.symbol, "docNumber", {}),
                                   (header.title, "docTitle", {"refersTo": "#resolutionTitle"})):
        if value:
            _element(_element(cover, "p"), tag, value, **attributes)
    if preface_lines:
        preface = _element(statement, "preface", eId="preface")
        for line in preface_lines:
            _element(preface, "p", line)
    notes: dict[str, list] = {}
    for footnote in document.footnotes:
        if footnote.clause:
            notes.setdefault(footnote.clause, []).append((footnote.marker or "*", footnote.start, footnote.end))
    # the sections after an annex's heading are the annex's own (a declaration annexed to the resolution)
    annex_starts = [annex.start for annex in document.annexes]
    own = [s for s in document.sections if not annex_starts or s.start < annex_starts[0]]
    preambular = [s for s in own if s.kind == "preambular"]
    operative = [s for s in own if s.kind != "preambular"]
    if formula or preambular:
        preamble = _element(statement, "preamble", eId="preamble")
        if formula:
            _element(_element(preamble, "formula", name="enactingFormula", eId="preamble__formula_1"), "p", formula)
        for number, section in enumerate(preambular, 1):
            _section(preamble, "preamble", number, section, document, text, notes, operative=False)
    body = _element(statement, "mainBody", eId="mainBody")
    for number, section in enumerate(operative, 1):
        _section(body, "mainBody", number, section, document, text, notes, operative=True)
    if not operative:
        _element(body, "p")
    if document.annexes:
        attachments = _element(statement, "attachments")
        for number, annex in enumerate(document.annexes, 1):
            attachment = _element(attachments, "attachment", eId=f"att_{number}")
            doc = _element(attachment, "doc", name="annex")
            # (the UN's files name an annex "!main/annex"; where there are several, each has its number)
            _meta(doc, document, component="main/annex" if len(document.annexes) == 1 else f"main/annex_{number}")
            until = annex_starts[number] if number < len(annex_starts) else len(source) + 1
            sections = [s for s in document.sections if annex.start <= s.start < until]
            lines = [line.strip() for line in source[annex.start:annex.end].split("\n") if line.strip()]
            if sections:   # the annex's title, then its paragraphs, read as the body is
                preface = _element(doc, "preface")
                for line in lines:
                    _element(preface, "p", line)
                annex_body = _element(doc, "mainBody")
                for index, section in enumerate(sections, 1):
                    _section(annex_body, f"att_{number}__mainBody", index, section, document, text, notes,
                             operative=section.kind != "preambular")
            else:
                annex_body = _element(doc, "mainBody")
                for line in lines:
                    _element(annex_body, "p", line)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _section(parent: etree._Element, prefix: str, number: int, section: Section, document: Document, text: _Text,
             notes: dict[str, list], *, operative: bool) -> None:
    inline = _is_inline(document, section)
    clause_name = "paragraph" if operative else "recital"
    if inline:
        group = parent
        eid = prefix
    elif operative:
        group = _element(parent, "hcontainer", name=re.sub(r"\W+", "_", section.verb) or "section",
                         eId=f"{prefix}__hcontainer_{number}")
        _element(group, "heading", section.heading)
        eid = f"{prefix}__hcontainer_{number}"
    else:
        group = _element(parent, "recitals", eId=f"{prefix}__recitals_{number}")
        _element(_element(group, "intro"), "p", section.heading)
        eid = f"{prefix}__recitals_{number}"
    for index, node in enumerate(_tree(section.clauses), 1):
        last = node[0].label.rsplit(".", 1)[-1] or f"{number}-{index}"
        name = "para" if operative else "recital"
        _clause_element(group, clause_name, f"{eid}__{name}_{last}", node, inline=inline,
                        heading=section.heading if inline and index == 1 else None, text=text, notes=notes)


def documents_of_build(out: Path) -> Iterable[tuple[Document, list[Citation]]]:
    """The documents of a build (the files its manifest lists, read and parsed again) with their citations."""
    from kg.buildfiles import load_build_json
    from kg.errors import InputError, KgError
    from kg.parse import parse_document, split_documents
    from kg.readers import read_sources
    from kg.resolve import extract_citations

    manifest = out / "manifest.json"
    if not manifest.exists():
        raise KgError(f"{out}: no manifest.json (run kg build first)")
    try:
        files = load_build_json(manifest)
    except OSError as error:
        raise InputError(str(manifest), f"cannot be read ({error.strerror or error})") from None
    except ValueError as error:
        raise InputError(str(manifest), f"not JSON ({error})") from None
    files = files.get("files") if isinstance(files, dict) else None
    if not isinstance(files, list) or not all(isinstance(entry, dict) and isinstance(entry.get("path"), str)
                                              for entry in files):
        raise InputError(str(manifest), "not a manifest kg build wrote (no list of files with their paths)")
    for entry in files:
        if entry.get("error"):
            continue
        path = Path(entry["path"])
        if not path.exists():
            raise InputError(str(path), f"listed in {manifest} but not found (kg export reads the build's inputs "
                                        "again, from where kg build read them)")
        # (an archive's member the build could not read is passed over again: the build named it)
        for source in (part for whole in read_sources(str(path), errors=[]) for part in split_documents(whole)):
            document = parse_document(source)
            yield document, extract_citations(document)


def write_akn_documents(documents: Iterable[tuple[Document, list[Citation]]], folder: Path) -> list[Path]:
    """Each document as ``folder/{work number}_{edition}.xml`` (a second document of the same name gets a
    suffix); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = set()
    for document, citations in documents:
        key = own_work_key(document)
        stem = re.sub(r"[^\w.-]+", "_", f"{key}_{document.header.edition or 'unknown'}").strip("_")
        name, suffix = stem, 1
        while name in taken:
            suffix += 1
            name = f"{stem}-{suffix}"
        taken.add(name)
        path = folder / f"{name}.xml"
        path.write_bytes(document_akn(document, citations))
        written.append(path)
    return written
