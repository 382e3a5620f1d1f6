"""The IRIs of the graph, minted here and nowhere else: readable, stable, deterministic.

Works are ``{base}{work key}``, editions ``{work}/{edition}``, sections and clauses hang under their edition
(``.../wtsa-08/considering/b/iii``), citations under their clause (``.../considering/b/iii/cite/1``); one named
graph per source document (``{base}graph/{hash}``), the shared graph and the ontology's graph.

>>> work_iri("itu/pp/res/71"), edition_iri("itu/wtsa/res/75", "wtsa-08")
('https://w3id.org/resolution-kg/id/itu/pp/res/71', 'https://w3id.org/resolution-kg/id/itu/wtsa/res/75/wtsa-08')
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import cache, lru_cache
from urllib.parse import quote

from kg.model import Document, Hints, Section, Source
from kg.ns import BASE
from kg.reference.datafiles import read_csv_rows, split_aliases

ONTOLOGY_GRAPH = "https://w3id.org/resolution-kg/ontology"


SAFE = "/()-._~:,!$&'*+;=@"


def work_iri(work_key: str) -> str:
    """The IRI of a work: ``https://w3id.org/resolution-kg/id/`` followed by its key."""
    return BASE + quote(work_key, safe=SAFE)


def edition_iri(work_key: str, edition: str) -> str:
    """The IRI of one edition of a work: ``{work}/{edition}``."""
    return f"{work_iri(work_key)}/{quote(edition, safe=SAFE)}"


def graph_iri(content_hash: str) -> str:
    """The named graph of one source document, named by the hash of its text."""
    return f"{BASE}graph/{content_hash[:32]}"


def document_graph_iri(source: Source) -> str:
    """The named graph of one source document: named by the hash of its text, and of the metadata its reader found
    beside the text where there is any (two Markdown files of one text under other front matter are two
    documents: one graph for both lost one of them).

    >>> from kg.model import Hints
    >>> document_graph_iri(Source("a.txt", "text", "text")) == graph_iri(content_hash("text"))
    True
    >>> one, two = (Source("a.md", "text", "markdown", hints=Hints(symbol=s)) for s in ("A/RES/70/1", "A/RES/70/2"))
    >>> document_graph_iri(one) != document_graph_iri(two)
    True
    """
    if source.hints == Hints():
        return graph_iri(content_hash(source.text))
    metadata = json.dumps(dataclasses.asdict(source.hints), sort_keys=True, ensure_ascii=False)
    return graph_iri(content_hash(f"{source.text}\0{metadata}"))


def conference_iri(conference_id: str) -> str:
    return f"{BASE}itu/conference/{conference_id}"


@cache
def bodies() -> dict[str, tuple[str, str]]:
    """body id -> (family, name)."""
    return {row["id"]: (row["family"], row["name"]) for row in read_csv_rows("bodies.csv")}


@cache
def _addressee_ids() -> dict[str, str]:
    ids: dict[str, str] = {}
    for row in read_csv_rows("addressees.csv"):
        for name in (row["name"], *split_aliases(row["aliases"])):
            ids.setdefault(name, row["id"])
    return ids


def body_iri(body: str) -> str:
    family = bodies().get(body, ("itu", body))[0]
    return f"{BASE}{family}/body/{body}"


def agent_iri(family: str, name: str) -> str:
    from kg.parse.assemble import slug  # (here: the parser is not imported where only a work's IRI is minted)
    return f"{BASE}{family}/agent/{_addressee_ids().get(name) or slug(name)}"


SHARED_GRAPH = f"{BASE}graph/shared"


def own_work_key(document: Document) -> str:
    """The work key of ``document`` itself; a text whose number or body is not found is ``local/{hash}``."""
    from kg.resolve import citing_context
    return citing_context(document).work or f"local/{content_hash(document.source.text)[:16]}"


def part_iri(parent: str, path: str) -> str:
    """A section under its edition (``.../wtsa-08/considering``) or a clause under its section (``.../b/iii``)."""
    return f"{parent}/{_quoted_path(path)}"


@lru_cache(maxsize=4096)
def _quoted_path(path: str) -> str:
    """(The same few section ids and clause labels come again in every document: quoted once a process.)"""
    return quote(path, safe=SAFE)


def citation_iri(citing: str, number: int) -> str:
    """The ``number``-th citation of a clause (or of an edition, outside any clause): ``{citing}/cite/{number}``."""
    return f"{citing}/cite/{number}"


def clause_iris(document: Document) -> dict[str, str]:
    """The IRI of each clause of ``document``, by clause id (``.../wtsa-08/considering/b/iii``)."""
    own_edition = edition_iri(own_work_key(document), document.header.edition or "unknown")
    iris = {}
    for section in document.sections:
        section_node = part_iri(own_edition, section.id)
        for clause, path in zip(section.clauses, clause_paths(section), strict=True):
            iris[clause.id] = part_iri(section_node, path)
    return iris


def clause_paths(section: Section) -> list[str]:
    """Each clause's path under its section: its label path ("b/iii"), or "clause-N" when unlabelled."""
    paths, seen, unlabelled = [], set(), 0
    for clause in section.clauses:
        if clause.label:
            path = clause.label.replace(".", "/")
        else:
            unlabelled += 1
            path = f"clause-{unlabelled}"
        candidate, suffix = path, 1
        while candidate in seen:
            suffix += 1
            candidate = f"{path}-{suffix}"
        seen.add(candidate)
        paths.append(candidate)
    return paths


def content_hash(text: str) -> str:
    """sha256 of a document's text, the name of its graph and the key of the build cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
