"""One resolution's structure as the store holds it: its sections, clauses and what each clause cites."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.analyze.network import SPARQL_PREFIXES
from kg.rdf import work_family, work_iri
from kg.store import GraphStore


@dataclass(frozen=True, slots=True)
class DocumentOutline:
    """One resolution as the doc view draws it: sections, clauses and what each clause cites; ``body`` the adopting
    body's name, ``works`` the body and title (where known) of each work it cites."""

    key: str
    title: str
    sections: list[tuple[str, str, list[tuple[str, str, str, list[str]]]]]  # (id, heading, [(iri, label, text, cited)])
    body: str = ""
    edition: str = ""
    works: dict[str, tuple[str, str]] = field(default_factory=dict)          # cited key -> (body, title)
    others: tuple[str, ...] = ()   # the work's other editions that the graph holds the text of (its other parts)


def work_editions(store: GraphStore, key: str) -> list[str]:
    """The ids of the editions of the work ``key`` that the graph holds (defined or cited), sorted."""
    rows = store.query(SPARQL_PREFIXES + "SELECT DISTINCT ?edition WHERE { ?node eli:realizes ?work ; "
                       "kg:editionId ?edition }", bindings={"work": URIRef(work_iri(key))})
    return sorted(str(row["edition"]) for row in rows)


def document_outline(store: GraphStore, key: str, *, edition: str | None = None) -> DocumentOutline:
    """The outline of the resolution whose work key is ``key``: its ``edition`` ("2020-12-10-B", a part of a
    resolution adopted in parts), or its latest edition in the graph. Three queries (the edition, its clauses, its
    citations): one query with the citations as an ``OPTIONAL`` took seconds."""
    editions = store.query(SPARQL_PREFIXES + """
        SELECT ?editionNode ?edition ?title ?body WHERE {
          ?editionNode eli:realizes ?work ; kg:editionId ?edition .
          OPTIONAL { ?editionNode dcterms:title ?title } OPTIONAL { ?editionNode eli:passed_by/skos:prefLabel ?body }
        } ORDER BY DESC(?title) DESC(?edition)""", bindings={"work": URIRef(work_iri(key))})
    defining = [row for row in editions if "title" in row or "body" in row]   # (editions the graph has the text of)
    asked = [row for row in editions if edition is None or str(row["edition"]) == edition]
    chosen_from = [row for row in asked if row in defining] or asked
    if not chosen_from:
        raise KeyError(key if edition is None else f"{key}, edition {edition}")
    chosen = max(chosen_from, key=lambda row: str(row["edition"]))
    edition_node = chosen["editionNode"]
    rows = store.query(SPARQL_PREFIXES + """
        SELECT ?sectionNode ?sectionOrder ?heading ?clause ?clauseStart ?label ?text WHERE {
          ?sectionNode eli:is_part_of ?edition ; kg:order ?sectionOrder ; kg:heading ?heading .
          ?clause eli:is_part_of ?sectionNode ; kg:start ?clauseStart ; kg:label ?label ; kg:text ?text .
        } ORDER BY ?sectionOrder ?clauseStart""", bindings={"edition": edition_node})
    cited_rows = store.query(SPARQL_PREFIXES + """
        SELECT DISTINCT ?clause ?cited ?citedBody ?citedTitle WHERE {
          ?clause eli:is_part_of/eli:is_part_of ?edition .
          ?citation cito:hasCitingEntity ?clause ; cito:hasCitedEntity ?work .
          ?work kg:workKey ?cited .
          OPTIONAL { ?work eli:passed_by/skos:prefLabel ?citedBody } OPTIONAL { ?work dcterms:title ?citedTitle }
        } ORDER BY ?cited""", bindings={"edition": edition_node})
    cited_by_clause: dict[str, list[str]] = defaultdict(list)
    works: dict[str, tuple[str, str]] = {}
    for row in cited_rows:
        cited = str(row["cited"])
        if cited not in cited_by_clause[str(row["clause"])]:
            cited_by_clause[str(row["clause"])].append(cited)
        works[cited] = (str(row.get("citedBody", "")) or work_family(cited), str(row.get("citedTitle", "")))
    sections: dict[str, tuple[str, list[tuple[str, str, str, list[str]]]]] = {}
    for row in rows:
        section = sections.setdefault(str(row["sectionNode"]), (str(row["heading"]), []))
        clause = str(row["clause"])
        section[1].append((clause, str(row["label"]), str(row["text"]), cited_by_clause.get(clause, [])))
    return DocumentOutline(key, str(chosen.get("title", "")),
                           [(section_id.rsplit("/", 1)[-1], heading, clauses)
                            for section_id, (heading, clauses) in sections.items()],
                           body=str(chosen.get("body", "")) or work_family(key), edition=str(chosen["edition"]),
                           works=works, others=tuple(sorted({str(row["edition"]) for row in defining}
                                                            - {str(chosen["edition"])})))
