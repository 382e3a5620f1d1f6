"""One resolution's structure as the store holds it: its sections, clauses and what each clause cites."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.analyze.network import SPARQL_PREFIXES
from kg.rdf import work_iri
from kg.store import GraphStore


@dataclass(frozen=True, slots=True)
class DocumentOutline:
    """One resolution as the doc view draws it: sections, clauses and what each clause cites."""

    key: str
    title: str
    sections: list[tuple[str, str, list[tuple[str, str, str, list[str]]]]]  # (id, heading, [(iri, label, text, cited)])


def document_outline(store: GraphStore, key: str) -> DocumentOutline:
    """The outline of the resolution whose work key is ``key`` (its latest edition in the graph)."""
    rows = store.query(SPARQL_PREFIXES + """
        SELECT DISTINCT ?edition ?title ?section ?sectionOrder ?heading ?clause ?clauseOrder ?label ?text ?cited WHERE {
          ?editionNode eli:realizes ?work ; kg:editionId ?edition .
          ?sectionNode eli:is_part_of ?editionNode ; kg:order ?sectionOrder ; kg:heading ?heading .
          BIND (STR(?sectionNode) AS ?section)
          ?clause eli:is_part_of ?sectionNode ; kg:order ?clauseOrder ; kg:label ?label ; kg:text ?text .
          OPTIONAL { ?work dcterms:title ?title }
          OPTIONAL { ?citation cito:hasCitingEntity ?clause ; cito:hasCitedEntity/kg:workKey ?cited }
        } ORDER BY DESC(?edition) ?sectionOrder ?clauseOrder ?cited""", bindings={"work": URIRef(work_iri(key))})
    if not rows:
        raise KeyError(key)
    latest = str(rows[0]["edition"])
    sections: dict[str, tuple[str, dict[str, tuple[str, str, str, list[str]]]]] = {}
    for row in rows:
        if str(row["edition"]) != latest:
            continue
        section = sections.setdefault(str(row["section"]), (str(row["heading"]), {}))
        clause = section[1].setdefault(str(row["clause"]), (str(row["clause"]), str(row["label"]), str(row["text"]), []))
        if "cited" in row and str(row["cited"]) not in clause[3]:
            clause[3].append(str(row["cited"]))
    title = str(rows[0].get("title", ""))
    return DocumentOutline(key, title, [(section_id.rsplit("/", 1)[-1], heading, list(clauses.values()))
                                        for section_id, (heading, clauses) in sections.items()])
