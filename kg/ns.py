"""The project's ontology terms as an rdflib namespace; ``ontology/kg.ttl`` is the truth and a test keeps
these equal. A misspelt term raises (``_fail = True``).

>>> KG.Resolution
rdflib.term.URIRef('https://w3id.org/resolution-kg/ontology#Resolution')
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/resolution-kg/id/"
ELI = Namespace("http://data.europa.eu/eli/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")


class KG(DefinedNamespace):
    """resolution-kg ontology terms."""

    _fail = True
    _NS = Namespace("https://w3id.org/resolution-kg/ontology#")

    # classes
    Instrument: URIRef
    Resolution: URIRef
    Decision: URIRef
    Recommendation: URIRef
    Opinion: URIRef
    Treaty: URIRef
    OutcomeDocument: URIRef
    Document: URIRef
    Edition: URIRef
    Conference: URIRef
    Body: URIRef
    Addressee: URIRef
    Section: URIRef
    PreambularSection: URIRef
    OperativeSection: URIRef
    Clause: URIRef
    Citation: URIRef
    UnresolvedMention: URIRef
    SourceDocument: URIRef
    Link: URIRef
    # properties
    adoptedAt: URIRef
    revisionOf: URIRef
    editionId: URIRef
    number: URIRef
    workKey: URIRef
    body: URIRef
    place: URIRef
    startDate: URIRef
    endDate: URIRef
    heading: URIRef
    verb: URIRef
    addressee: URIRef
    label: URIRef
    text: URIRef
    order: URIRef
    start: URIRef
    end: URIRef
    citedEdition: URIRef
    pinpoint: URIRef
    surfaceText: URIRef
    mentionedIn: URIRef
    reason: URIRef
    contentHash: URIRef
    pushedHash: URIRef
    toolVersion: URIRef
    pagerank: URIRef
    inDegree: URIRef
    outDegree: URIRef
    betweenness: URIRef
    hubScore: URIRef
    authorityScore: URIRef
    community: URIRef
    weightedInDegree: URIRef
    bodyName: URIRef
    year: URIRef
    weight: URIRef
    citingClause: URIRef
