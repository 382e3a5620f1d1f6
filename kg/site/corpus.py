"""What the site shows, read from a built store in a few bulk queries (never one query per document).

Six queries read every edition a document defines, its sections (and their addressees), its clauses and every
citation, and what the graph knows of each work; the instrument network is made from the same citation rows
(``kg.analyze.network_of_citations``), and the metrics are the build's own (``metrics.json``), computed afresh only
where the build left none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.analyze import Metrics, compute_metrics, network_of_citations
from kg.analyze.network import SPARQL_PREFIXES
from kg.buildfiles import load_build_json
from kg.rdf import work_family
from kg.site.footnotes import read_footnotes
from kg.store import OxigraphStore

_PREFIXES_ALL = SPARQL_PREFIXES + "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
_KG = "https://w3id.org/resolution-kg/ontology#"

_EDITIONS = """SELECT ?edition ?key ?id ?title ?date ?body ?source ?hash WHERE {
  ?edition a kg:Edition ; eli:realizes/kg:workKey ?key ; kg:editionId ?id ; prov:wasDerivedFrom ?graph .
  ?graph dcterms:source ?source ; kg:contentHash ?hash .
  OPTIONAL { ?edition dcterms:title ?title } OPTIONAL { ?edition eli:date_document ?date }
  OPTIONAL { ?edition eli:passed_by/skos:prefLabel ?body } }"""
_SECTIONS = """SELECT ?section ?edition ?heading ?verb ?order ?type WHERE {
  ?section kg:heading ?heading ; eli:is_part_of ?edition ; kg:verb ?verb ; kg:order ?order ; a ?type }"""
_ADDRESSEES = """SELECT ?section ?name WHERE { ?section kg:addressee/skos:prefLabel ?name }"""
_CLAUSES = """SELECT ?clause ?section ?label ?text ?start WHERE {
  ?clause a kg:Clause ; eli:is_part_of ?section ; kg:label ?label ; kg:text ?text ;
          kg:start ?start }"""
_CITATIONS = """SELECT ?citing ?cited ?start ?end ?surface ?pinpoint ?citedEdition WHERE {
  ?citation a kg:Citation ; cito:hasCitingEntity ?citing ; cito:hasCitedEntity ?work ; kg:start ?start ;
            kg:end ?end ; kg:surfaceText ?surface .
  ?work kg:workKey ?cited .
  OPTIONAL { ?citation kg:pinpoint ?pinpoint } OPTIONAL { ?citation kg:citedEdition/kg:editionId ?citedEdition } }"""
_WORKS = """SELECT ?key ?type ?body ?title WHERE {
  ?work kg:workKey ?key ; a ?type .
  OPTIONAL { ?work eli:passed_by/skos:prefLabel ?body } OPTIONAL { ?work dcterms:title ?title } }"""


@dataclass(frozen=True, slots=True)
class Cite:
    """One citation as printed: where it stands in its clause's text (``start``/``end`` relative to the clause,
    or -1 where the text does not hold it as printed), the cited work, its edition and pinpoint."""

    work: str
    surface: str
    start: int
    end: int
    edition: str = ""
    pinpoint: str = ""


@dataclass(slots=True)
class Clause:
    iri: str
    anchor: str
    label: str
    text: str
    cites: list[Cite] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    anchor: str
    heading: str
    verb: str
    operative: bool
    addressees: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """One edition a document of the corpus defines, as its reading page shows it."""

    key: str
    edition: str
    title: str
    body: str
    date: str
    source: str
    digest: str = ""
    sections: list[Section] = field(default_factory=list)
    footnotes: list[tuple[str, str, str]] = field(default_factory=list)   # (marker, text, clause anchor or "")
    outside: list[Cite] = field(default_factory=list)     # citations in the header, outside any clause

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    def citations(self) -> int:
        return len(self.outside) + sum(len(c.cites) for s in self.sections for c in s.clauses)


@dataclass(frozen=True, slots=True)
class CitedIn:
    """A clause (or header) of a document that cites a work."""

    doc: str            # the citing document's work key
    edition: str
    anchor: str         # the clause's anchor in its page ("" for the header)
    label: str
    text: str


@dataclass(slots=True)
class Corpus:
    documents: list[Document]
    works: dict[str, dict[str, str]]            # key -> kind, body, title
    G: nx.DiGraph
    metrics: Metrics
    cited_in: dict[str, list[CitedIn]]          # cited work key -> where it is cited


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text).strip("-") or "x"


def _place(text: str, surface: str, start: int) -> tuple[int, int]:
    """Where a citation's printed text stands in its clause's text: at its offset when the clause text is the
    source's, else the first occurrence at or after the offset's neighbourhood, else nowhere (-1)."""
    if 0 <= start and text[start:start + len(surface)] == surface:
        return start, start + len(surface)
    found = text.find(surface, max(0, start - 40))
    if found < 0:
        found = text.find(surface)
    return (found, found + len(surface)) if found >= 0 else (-1, -1)


def read_corpus(out: Path, store: OxigraphStore, *, footnotes: bool = True) -> Corpus:
    """Every document of the build in ``out`` and its network, from ``store`` in six queries; with ``footnotes``
    the documents' footnotes too, from their source files where those are unchanged (``kg.site.footnotes``)."""
    def rows(query: str) -> list[tuple[str | None, ...]]:
        return store.values(_PREFIXES_ALL + query)

    documents: dict[str, Document] = {}
    for edition, key, edition_id, title, date, body, source, digest in rows(_EDITIONS):
        assert edition and key and edition_id
        documents[edition] = Document(key, edition_id, title or "", body or work_family(key), date or "",
                                      source or "", digest or "")
    sections: dict[str, tuple[str, int, Section]] = {}
    for section, edition, heading, verb, order, kind in rows(_SECTIONS):
        if edition not in documents or kind not in (_KG + "PreambularSection", _KG + "OperativeSection"):
            continue
        assert section and heading is not None
        sections[section] = (edition, int(order or 0), Section(_anchor(section.rsplit("/", 1)[-1]), heading,
                                                               verb or "", kind.endswith("OperativeSection")))
    for section, name in rows(_ADDRESSEES):
        if section in sections and name:
            sections[section][2].addressees.append(name)
    clauses: dict[str, tuple[str, int, Clause]] = {}   # (a section's clauses follow the text: ordered by start)
    for clause, section, label, text, start in rows(_CLAUSES):
        if section not in sections or clause is None:
            continue
        anchor = _anchor(sections[section][2].anchor + "." + clause[len(section) + 1:].replace("/", "."))
        clauses[clause] = (section, int(start or 0), Clause(clause, anchor, label or "", text or ""))
    citation_rows: list[dict[str, str]] = []
    cited_in: dict[str, list[CitedIn]] = defaultdict(list)
    for citing, cited, start, end, surface, pinpoint, cited_edition in sorted(
            rows(_CITATIONS), key=lambda r: (r[0] or "", int(r[2] or 0))):
        assert citing and cited
        if citing in clauses:
            section_iri, clause_start, citing_clause = clauses[citing]
            edition = sections[section_iri][0]
            where, stop = _place(citing_clause.text, surface or "", int(start or 0) - clause_start)
            citing_clause.cites.append(Cite(cited, surface or "", where, stop, cited_edition or "", pinpoint or ""))
            document = documents[edition]
            cited_in[cited].append(CitedIn(document.key, document.edition, citing_clause.anchor,
                                           citing_clause.label, citing_clause.text))
            citation_rows.append({"citing": document.key, "edition": document.edition, "clause": citing,
                                  "cited": cited})
        elif citing in documents:
            document = documents[citing]
            document.outside.append(Cite(cited, surface or "", -1, -1, cited_edition or "", pinpoint or ""))
            cited_in[cited].append(CitedIn(document.key, document.edition, "", "", surface or ""))
            citation_rows.append({"citing": document.key, "edition": document.edition, "cited": cited})
    for in_section, _, each_clause in sorted(clauses.values(), key=lambda item: item[1]):
        sections[in_section][2].clauses.append(each_clause)
    for in_edition, _, each_section in sorted(sections.values(), key=lambda item: item[1]):
        documents[in_edition].sections.append(each_section)
    works: dict[str, dict[str, str]] = {}
    for key, kind, body, title in rows(_WORKS):
        assert key
        record = works.setdefault(key, {"kind": "Instrument", "body": work_family(key), "title": ""})
        if kind and kind.startswith(_KG):
            record["kind"] = kind[len(_KG):]
        if body:
            record["body"] = body
        if title:
            record["title"] = title
    if footnotes:
        notes = read_footnotes((d.source, d.digest) for d in documents.values() if d.source and d.digest)
        for document in documents.values():
            anchors = {c.anchor for s in document.sections for c in s.clauses}
            document.footnotes = [(marker, text, _anchor(clause) if clause and _anchor(clause) in anchors else "")
                                  for marker, text, clause in notes.get(document.digest, [])]
    years: dict[str, list[int]] = defaultdict(list)
    for document in documents.values():
        if document.year and document.year not in years[document.key]:
            years[document.key].append(document.year)
    facts: dict[str, dict[str, object]] = {key: {**value, "years": years.get(key, [])} for key, value in works.items()}
    G = network_of_citations(citation_rows, facts)
    return Corpus(sorted(documents.values(), key=lambda d: (d.key, d.edition)), works, G, _metrics(out, G),
                  {key: list(dict.fromkeys(places)) for key, places in cited_in.items()})   # a clause once


def _metrics(out: Path, G: nx.DiGraph) -> Metrics:
    """The build's metrics (``metrics.json``) where they cover the network, else computed now."""
    try:
        data = load_build_json(out / "metrics.json")   # (damage there is no metrics: computed now)
        metrics = Metrics(data["scores"], data["communities"])  # type: ignore[index]
    except (OSError, ValueError, KeyError, TypeError):
        return compute_metrics(G)
    return metrics if set(metrics.scores) >= set(G) else compute_metrics(G)
