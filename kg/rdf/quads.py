"""Documents and citations as RDF: one named graph per source document, written as N-Quads lines.

What many documents point to (a cited work, a conference, a body, an addressee) is described once, in the shared
graph ``{base}graph/shared``; a document's graph holds its own edition, sections, clauses and citations.

The IRIs come from ``kg.rdf.iris``, the one module that mints them. They are deterministic (the same input gives byte-identical sorted N-Quads):
works are ``{base}{work key}``, editions ``{work}/{edition}``, sections and clauses hang under their edition
(``.../wtsa-08/considering/b/iii``), citations under their clause (``.../considering/b/iii/cite/1``). The
quads are built as text, not as rdflib objects: the store takes them in bulk, which is many times faster
than adding triples one Python call at a time.

>>> from kg.model import Source
>>> from kg.parse import parse_document
>>> from kg.resolve import extract_citations
>>> document = parse_document(Source("x.txt", "RESOLUTION 9\\nT\\nThe Plenipotentiary Conference (Busan, 2014),\\n"
...                                  "resolves\\nto apply Resolution 71 (Rev. Antalya, 2006);\\n", "text"))
>>> quads = document_quads(document, extract_citations(document), source_name="x.txt")
>>> any("<https://w3id.org/resolution-kg/id/itu/pp/res/9/pp-14/resolves/clause-1/cite/1>" in q for q in quads)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from kg import __version__
from kg.cite import named_instruments
from kg.model import Citation, Document
from kg.ns import KG
from kg.rdf.functions import citation_functions
from kg.rdf.iris import (
    SHARED_GRAPH,
    agent_iri,
    bodies,
    body_iri,
    citation_iri,
    clause_paths,
    conference_iri,
    content_hash,
    document_graph_iri,
    edition_iri,
    graph_iri,
    own_work_key,
    part_iri,
    work_iri,
)
from kg.reference.gazetteer import load_gazetteer
from kg.reference.keys import WorkKey
from kg.resolve import citing_context

__all__ = ["SHARED_GRAPH", "content_hash", "document_quad_batches", "document_quads", "edition_iri", "graph_iri",
           "work_iri"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
ELI = "http://data.europa.eu/eli/ontology#"
CITO = "http://purl.org/spar/cito/"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
_SHARED = f"<{SHARED_GRAPH}>"

def _iri(value: str) -> str:
    return f"<{value}>"


@cache
def _term(local: str) -> str:
    """An ontology term, through ``kg.ns`` (a term ``ontology/kg.ttl`` does not declare raises)."""
    return f"<{KG[local]}>"


def _literal(value: str | int, datatype: str | None = None) -> str:
    if isinstance(value, int):
        return f'"{value}"^^<{XSD}integer>'
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"' + (f"^^<{XSD}{datatype}>" if datatype else "")


@dataclass
class _Quads:
    """Collects the quads of one document's named graph, and of the shared graph: the descriptions of nodes
    that many documents point to (works, editions, conferences, bodies, addressees), kept once so that the
    union of all graphs holds each of their triples once."""

    graph: str
    lines: set[str]

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.add(f"{subject} {predicate} {obj} {self.graph} .")

    def share(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.add(f"{subject} {predicate} {obj} <{SHARED_GRAPH}> .")

    def take(self) -> set[str]:
        """The lines collected so far, which are then forgotten (``lines`` is a new set)."""
        taken, self.lines = self.lines, set()
        return taken


def work_family(work_key: str) -> str:
    """The family a work belongs to, by the first part of its key: ``"ITU"``, ``"United Nations"``, ``"WSIS"``."""
    return WorkKey.parse(work_key).family_name


def work_facts(work_key: str) -> dict[str, str]:
    """What a work key says of its work: its class, the name of its body (or its family), its number; the title
    of an instrument cited by name (as the shared graph gives it).

    >>> work_facts("itu/pp/res/71"), work_facts("un/charter")["title"]
    ({'kind': 'Resolution', 'body': 'Plenipotentiary Conference', 'number': '71'}, 'Charter of the United Nations')
    """
    key = WorkKey.parse(work_key)
    body = _known_body(key)
    facts = {"kind": key.ontology_class, "body": bodies()[body][1] if body else key.family_name}
    if key.number is not None:
        facts["number"] = key.number
    if title := _named_titles().get(work_key):
        facts["title"] = title
    return facts


def _known_body(key: WorkKey) -> str | None:
    """The work's body where ``data/bodies.csv`` describes it."""
    return key.body if key.body in bodies() else None


def _describe_work(out: _Quads, work_key: str) -> str:
    """A work node (so a work no document in the corpus defines is still in the graph), and its IRI."""
    subject, lines = _work_description(work_key)
    out.lines.update(lines)
    return subject


def _describe_edition(out: _Quads, work_key: str, edition: str) -> str:
    """An edition node realising its work, with its conference where the gazetteer knows it."""
    subject, lines = _edition_description(work_key, edition)
    out.lines.update(lines)
    return subject


def _describe_body(out: _Quads, body: str) -> None:
    out.lines.update(_body_description(body))


# (A shared node's description depends on its key and the reference data alone, which a process loads once: made
# once a process, not again for each document that cites it.)

@cache
def _named_titles() -> dict[str, str]:
    return {instrument.key: instrument.title for instrument in named_instruments() if instrument.title}


@cache
def _work_description(work_key: str) -> tuple[str, frozenset[str]]:
    out = _Quads(_SHARED, set())
    subject = _iri(work_iri(work_key))
    key = WorkKey.parse(work_key)
    out.share(subject, _iri(RDF_TYPE), _term(key.ontology_class))
    out.share(subject, _term("workKey"), _literal(work_key))
    if title := _named_titles().get(work_key):   # (an instrument cited by name: its title, for views and exports)
        out.share(subject, _iri(f"{DCTERMS}title"), _literal(title))
    if key.number is not None:
        out.share(subject, _term("number"), _literal(key.number))
    if (body := _known_body(key)) is not None:
        out.share(subject, _iri(f"{ELI}passed_by"), _iri(body_iri(body)))
        _describe_body(out, body)
    return subject, frozenset(out.lines)


@cache
def _body_description(body: str) -> frozenset[str]:
    out = _Quads(_SHARED, set())
    subject = _iri(body_iri(body))
    out.share(subject, _iri(RDF_TYPE), _term("Body"))
    out.share(subject, _iri(f"{SKOS}prefLabel"), _literal(bodies().get(body, ("", body))[1]))
    return frozenset(out.lines)


@cache
def _edition_description(work_key: str, edition: str) -> tuple[str, frozenset[str]]:
    out = _Quads(_SHARED, set())
    subject = _iri(edition_iri(work_key, edition))
    out.share(subject, _iri(RDF_TYPE), _term("Edition"))
    out.share(subject, _iri(f"{ELI}realizes"), _iri(work_iri(work_key)))
    out.share(subject, _term("editionId"), _literal(edition))
    conference = load_gazetteer().by_id(edition)
    if conference is not None:
        node = _iri(conference_iri(conference.id))
        out.share(subject, _term("adoptedAt"), node)
        out.share(node, _iri(RDF_TYPE), _term("Conference"))
        out.share(node, _iri(f"{SKOS}prefLabel"), _literal(f"{conference.id.upper()} ({conference.place}, "
                                                             f"{conference.year})"))
        out.share(node, _term("place"), _literal(conference.place))
        out.share(node, _term("startDate"), _literal(conference.start_date, "date"))
        out.share(node, _term("endDate"), _literal(conference.end_date, "date"))
        if conference.body in bodies():
            out.share(node, _term("body"), _iri(body_iri(conference.body)))
            _describe_body(out, conference.body)
    return subject, frozenset(out.lines)


def document_quads(document: Document, citations: Iterable[Citation], *, source_name: str) -> list[str]:
    """The N-Quads lines of one document's named graph and of what it adds to the shared graph, sorted and
    distinct."""
    lines: set[str] = set()
    for batch in document_quad_batches(document, citations, source_name=source_name):
        lines |= batch
    return sorted(lines)


BATCH_LINES = 16384


def document_quad_batches(document: Document, citations: Iterable[Citation], *, source_name: str,
                          batch: int = BATCH_LINES, functions: Sequence[str | None] | None = None) -> Iterator[set[str]]:
    """The same lines as ``document_quads``, unsorted, in sets of about ``batch`` lines: a line stands once in a
    set but may stand in several (a caller that sorts them removes the repeats), so that a long document's quads
    need not all be held at once: the build sorts them in runs on disk (``kg.job.runs``). A caller that has them
    already passes the citations' ``citation_functions`` as ``functions`` (the build's worker needs them for its
    summary too: they are not worked out twice)."""
    header = document.header
    digest = content_hash(document.source.text)
    family = citing_context(document).family
    own_key = own_work_key(document)
    own_edition = header.edition or "unknown"
    out = _Quads(_iri(document_graph_iri(document.source)), set())

    graph = out.graph
    out.add(graph, _iri(RDF_TYPE), _term("SourceDocument"))
    out.add(graph, _iri(f"{DCTERMS}source"), _literal(source_name))
    out.add(graph, _term("contentHash"), _literal(f"sha256:{digest}"))
    out.add(graph, _term("toolVersion"), _literal(f"resolution-kg {__version__}"))

    work = _describe_work(out, own_key)
    edition = _describe_edition(out, own_key, own_edition)
    out.add(edition, _iri(f"{PROV}wasDerivedFrom"), graph)
    if work_title := header.work_title or header.title:
        out.add(work, _iri(f"{DCTERMS}title"), _literal(work_title))
    if header.title:
        out.add(edition, _iri(f"{DCTERMS}title"), _literal(header.title))
    if header.body:
        out.add(edition, _iri(f"{ELI}passed_by"), _iri(body_iri(header.body)))
        _describe_body(out, header.body)
    date = header.date or _conference_end(own_edition)
    if date:
        out.add(edition, _iri(f"{ELI}date_document"), _literal(date, "date"))
    previous = None
    for revision in header.revisions:
        node = _describe_edition(out, own_key, revision)
        if previous is not None:
            out.add(node, _term("revisionOf"), previous)
        previous = node
    if previous is not None and previous != edition:
        out.add(edition, _term("revisionOf"), previous)

    clause_iris: dict[str, str] = {}
    add, graph_term = out.lines.add, out.graph   # (the loop below makes most of a graph's quads: spelt out)
    rdf_type, part_of, clause_class = _iri(RDF_TYPE), _iri(f"{ELI}is_part_of"), _term("Clause")
    label_term, text_term, start_term = _term("label"), _term("text"), _term("start")
    for number, section in enumerate(document.sections, 1):
        section_node = _iri(part_iri(edition[1:-1], section.id))
        kind = "PreambularSection" if section.kind == "preambular" else "OperativeSection"
        out.add(section_node, rdf_type, _term(kind))
        out.add(section_node, part_of, edition)
        out.add(section_node, _term("heading"), _literal(section.heading))
        out.add(section_node, _term("verb"), _literal(section.verb))
        out.add(section_node, _term("order"), _literal(number))
        for addressee in section.addressees:
            agent = _iri(agent_iri(family, addressee))
            out.add(section_node, _term("addressee"), agent)
            out.share(agent, rdf_type, _term("Addressee"))
            out.share(agent, _iri(f"{SKOS}prefLabel"), _literal(addressee))
        # (a clause's place in its section is its kg:start: the clauses of a section follow the text, so a
        # kg:order of each would say nothing new; nor would its kg:end, which is its kg:start plus the length of
        # its kg:text: each would be one more quad a clause, 6% of the graph, for the store to load)
        for clause, path in zip(section.clauses, clause_paths(section), strict=True):
            clause_node = _iri(part_iri(section_node[1:-1], path))
            clause_iris[clause.id] = clause_node
            add(f"{clause_node} {rdf_type} {clause_class} {graph_term} .")
            add(f"{clause_node} {part_of} {section_node} {graph_term} .")
            add(f"{clause_node} {label_term} {_literal(clause.label)} {graph_term} .")
            add(f"{clause_node} {text_term} {_literal(clause.text)} {graph_term} .")
            add(f"{clause_node} {start_term} {_literal(clause.start)} {graph_term} .")
            if len(out.lines) >= batch:
                yield out.take()
                add = out.lines.add

    counters: dict[str, int] = {}
    works: dict[str, str] = {}
    editions: dict[tuple[str, str], str] = {}
    citations = list(citations)
    surface_term, end_term, citing_term = _term("surfaceText"), _term("end"), _iri(f"{CITO}hasCitingEntity")
    citation_class, cited_term, cites_term = _term("Citation"), _iri(f"{CITO}hasCitedEntity"), _iri(f"{ELI}cites")
    if functions is None:
        functions = citation_functions(document, citations)
    for citation, function in zip(citations, functions, strict=True):
        if len(out.lines) >= batch:
            yield out.take()
            add = out.lines.add
        citing = clause_iris.get(citation.clause or "", edition)
        counters[citing] = counters.get(citing, 0) + 1
        node = _iri(citation_iri(citing[1:-1], counters[citing]))
        add(f"{node} {surface_term} {_literal(citation.text)} {graph_term} .")
        add(f"{node} {start_term} {_literal(citation.start)} {graph_term} .")
        add(f"{node} {end_term} {_literal(citation.end)} {graph_term} .")
        if citation.work is None:
            out.add(node, rdf_type, _term("UnresolvedMention"))
            out.add(node, _term("mentionedIn"), citing)
            out.add(node, _term("reason"), _literal(citation.reason or "not resolved"))
            continue
        add(f"{node} {rdf_type} {citation_class} {graph_term} .")
        add(f"{node} {citing_term} {citing} {graph_term} .")
        if (cited := works.get(citation.work)) is None:   # (each work and edition described once a document)
            cited = works[citation.work] = _describe_work(out, citation.work)
        add(f"{node} {cited_term} {cited} {graph_term} .")
        add(f"{edition} {cites_term} {cited} {graph_term} .")
        if citation.edition:
            if (cited_edition := editions.get((citation.work, citation.edition))) is None:
                cited_edition = editions[citation.work, citation.edition] = _describe_edition(
                    out, citation.work, citation.edition)
            out.add(node, _term("citedEdition"), cited_edition)
        if citation.pinpoint:
            out.add(node, _term("pinpoint"), _literal(citation.pinpoint))
        if function is not None:
            out.add(node, _iri(f"{CITO}hasCitationCharacterization"), _iri(f"{CITO}{function}"))
    yield out.take()


def _conference_end(edition: str) -> str | None:
    conference = load_gazetteer().by_id(edition)
    return conference.end_date if conference else None
