"""What the instrument network is made from: for each citing work, the works it cites, each with the clauses (or,
for a citation outside any clause, the editions) that cite it, distinct and in the order met. Both the build
(from its documents' summaries) and ``kg.analyze`` (from the store's citation rows) make it here; networkx is not
needed for it.

>>> cites = cites_of([("a", "b", "a/1/c1"), ("a", "b", "a/1/c1"), ("a", "c", "a/1/c2")])
>>> cites, sorted(works_of(cites))
({'a': {'b': {'a/1/c1': None}, 'c': {'a/1/c2': None}}}, ['a', 'b', 'c'])
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

Cites = dict[str, dict[str, dict[str, None]]]   # citing work -> cited work -> citing clauses (a dict: distinct, ordered)


def cites_of(links: Iterable[tuple[str, str, str]]) -> Cites:
    """The links (citing work, cited work, citing clause or edition) gathered by citing and cited work."""
    cites: Cites = {}
    for citing, cited, where in links:
        by_cited = cites.get(citing)
        if by_cited is None:
            cites[citing] = {cited: {where: None}}
        elif (clauses := by_cited.get(cited)) is None:
            by_cited[cited] = {where: None}
        else:
            clauses[where] = None
    return cites


def works_of(cites: Mapping[str, Mapping[str, Collection[str]]]) -> set[str]:
    """Every work that cites or is cited."""
    return {*cites, *(cited for targets in cites.values() for cited in targets)}
