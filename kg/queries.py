"""The query library (``queries/*.rq``) and running a query with its parameters bound as RDF terms.

Each file begins with comments: what it answers, ``# Parameters: name (iri|string|integer) - ...`` and an
example call. A parameter's value is turned into an RDF term of that type; an ``iri`` parameter also takes a
work key (``itu/pp/res/71``), expanded to the work's IRI. Values are never pasted into the query text: the store
binds them (a ``VALUES`` block written by rdflib's serialiser, or rdflib's ``initBindings``).

>>> query = load_query("cited-by")
>>> query.parameters
{'work': 'iri'}
>>> query.bind({"work": "itu/pp/res/102"})["work"]
rdflib.term.URIRef('https://w3id.org/resolution-kg/id/itu/pp/res/102')
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import shlex
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.errors import InputError
from kg.rdf import work_iri
from kg.resources import resource_dir
from kg.wording import counted, did_you_mean, printable

QUERY_DIR = resource_dir("queries")
_PARAMETER = re.compile(r"^#\s*Parameters?:\s*(?P<rest>.*)$", re.MULTILINE)
_ONE_PARAMETER = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*\((?P<type>iri|string|integer)\)")
_IRI = re.compile(r"^[a-z][a-z0-9+.-]*://[^\s<>\"{}|\\^`]+$", re.IGNORECASE)
_XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
_INTEGER = re.compile(r"\s*(?P<sign>[+-]?)0*(?P<digits>[0-9]+)\s*")   # (xsd:integer's lexical space, any length)


@dataclass(frozen=True, slots=True)
class Query:
    """A SPARQL query of the library (or a user's file), with its declared parameters."""

    name: str
    text: str
    description: str
    parameters: dict[str, str]

    def bind(self, values: Mapping[str, str]) -> dict[str, Identifier]:
        """The RDF term of each parameter value; unknown or missing parameters are an ``InputError``."""
        unknown = sorted(set(values) - set(self.parameters))
        if unknown:
            raise InputError(self.name, f"{counted(len(unknown), 'unknown parameter')}: {', '.join(unknown)}; this query takes: "
                                        f"{', '.join(self.parameters) or 'none'}")
        missing = sorted(set(self.parameters) - set(values))
        if missing:
            raise InputError(self.name, f"{counted(len(missing), 'missing parameter')}: {', '.join(missing)}")
        return {name: _term(self.name, name, self.parameters[name], value) for name, value in values.items()}

    def example(self) -> dict[str, str]:
        """The parameter values of the ``# Example:`` line (``{"work": "itu/pp/res/102"}``)."""
        match = re.search(r"^#\s*Example:\s*(?P<call>.*)$", self.text, re.MULTILINE)
        words = shlex.split(match.group("call")) if match else []
        return parse_parameters([words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"])

    def plain_text(self, bindings: Mapping[str, Identifier]) -> str:
        """The query as a plain SPARQL client sends it: each parameter's placeholder, in the query's own
        ``VALUES`` block, replaced by the term (written by rdflib's ``n3()``, so it stays one term).

        >>> query = load_query("cited-by")
        >>> "VALUES ?work { <https://w3id.org/resolution-kg/id/itu/pp/res/102> }" in query.plain_text(
        ...     query.bind({"work": "itu/pp/res/102"}))
        True
        """
        def replace(match: re.Match[str]) -> str:
            term = bindings.get(match.group("name"))
            return match.group(0) if term is None else f"VALUES ?{match.group('name')} {{ {term.n3()} }}"
        return re.sub(r"\bVALUES\s+\?(?P<name>[A-Za-z_]\w*)\s*\{[^{}]*\}", replace, self.text)


def _term(query: str, name: str, kind: str, value: str) -> Identifier:
    if kind == "integer":
        if not (match := _INTEGER.fullmatch(value)):
            raise InputError(query, f"parameter {name} must be an integer, not {value!r}")
        return _integer_literal(("-" if match["sign"] == "-" and match["digits"] != "0" else "") + match["digits"])
    if kind == "string":
        return Literal(value)
    if _IRI.match(value):
        return URIRef(value)
    # Anything else is a work key; whatever it holds is percent-encoded into one IRI, so it stays data.
    return URIRef(work_iri(value.strip().strip("<>")) if value.strip() else work_iri(quote(value)))


def _integer_literal(lexical: str) -> Literal:
    """The xsd:integer of the canonical ``lexical`` form, of any length (xsd:integer has no bound). rdflib turns
    the digits into a Python int, which refuses past ``sys.get_int_max_str_digits()`` digits (a guard against
    quadratic conversions) and logs the refusal with a traceback: the literal is then kept as its lexical form,
    all that a binding needs, and rdflib's log is kept quiet meanwhile.

    >>> _integer_literal("123456789012345678901234567890").n3()
    '"123456789012345678901234567890"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    limit = sys.get_int_max_str_digits()
    if not limit or len(lexical.lstrip("-")) <= limit:
        return Literal(lexical, datatype=_XSD_INTEGER)
    log = logging.getLogger("rdflib.term")
    disabled, log.disabled = log.disabled, True
    try:
        return Literal(lexical, datatype=_XSD_INTEGER)
    finally:
        log.disabled = disabled


def _describe(path: Path, text: str) -> Query:
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    parameters: dict[str, str] = {}
    match = _PARAMETER.search(text)
    if match:
        for found in _ONE_PARAMETER.finditer(match.group("rest")):
            parameters[found.group("name")] = found.group("type")
    return Query(path.stem, text, comments[0] if comments else "", parameters)


def load_query(name_or_file: str) -> Query:
    """A query of ``queries/`` by name (``cited-by``), or a ``.rq`` file of the user's."""
    path = Path(name_or_file)
    if not path.is_file():
        path = QUERY_DIR / f"{name_or_file.removesuffix('.rq')}.rq"
    if not path.is_file():
        if "/" in name_or_file or name_or_file.endswith(".rq"):   # (a path: no query of the library is named so)
            raise InputError(name_or_file, "no such file (a query of your own is a .rq file; kg query NAME "
                                           "runs one of the library)")
        known = ", ".join(q.name for q in list_queries())
        raise InputError(name_or_file, f"no such query (the library has: {known})")
    return _describe(path, path.read_text(encoding="utf-8"))


def list_queries() -> list[Query]:
    """Every query of the library, by name."""
    return [_describe(path, path.read_text(encoding="utf-8")) for path in sorted(QUERY_DIR.glob("*.rq"))]


def parse_parameters(pairs: Sequence[str]) -> dict[str, str]:
    """``["work=itu/pp/res/71"]`` -> ``{"work": "itu/pp/res/71"}`` (``--param key=value``, repeatable, one
    value a name: a name given twice is an error, not a silent choice of one of its values)."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise InputError("--param", f"expected key=value, got {pair!r}")
        try:
            pair.encode("utf-8")
        except UnicodeEncodeError:   # (bytes that are no UTF-8 on the command line: Python keeps them as surrogates)
            raise InputError("--param", f"{pair.encode('utf-8', 'surrogateescape')!r} is not UTF-8 text") from None
        if name.strip() in values:
            raise InputError("--param", f"{name.strip()} given twice ({values[name.strip()]!r} and {value!r}): a "
                                        "parameter takes one value")
        values[name.strip()] = value
    return values


Select = Callable[..., tuple[list[str], list[dict[str, Identifier]]]]   # (a store's ``select``)

# (in the default graph, or in any named one: an endpoint whose default graph is not the union of its graphs too)
_HELD = ("ASK WHERE { { ?value ?p ?x } UNION { ?x ?p ?value } UNION { GRAPH ?g { { ?value ?p ?x } UNION "
         "{ ?x ?p ?value } } } }")
_KNOWN = {  # what a value of each kind is told against: the work keys, the names (addressees, bodies, conferences)
    "iri": "SELECT DISTINCT ?known WHERE { { ?w <https://w3id.org/resolution-kg/ontology#workKey> ?known } UNION "
           "{ GRAPH ?g { ?w <https://w3id.org/resolution-kg/ontology#workKey> ?known } } }",
    "string": "SELECT DISTINCT ?known WHERE { { ?x <http://www.w3.org/2004/02/skos/core#prefLabel> ?known } UNION "
              "{ GRAPH ?g { ?x <http://www.w3.org/2004/02/skos/core#prefLabel> ?known } } }",
}


def values_not_held(select: Select, query: Query, values: Mapping[str, str],
                    bindings: Mapping[str, Identifier]) -> list[str]:
    """For a query that gave no rows: a line for each parameter whose value no quad of the graph holds (an IRI or a
    string found nowhere), with the nearest ones the graph holds (work keys, or names), so that a typo is told
    apart from an answer of none. ``select`` is the store's (local or an endpoint)."""
    lines = []
    for name, term in bindings.items():
        if query.parameters.get(name) not in _KNOWN:
            continue
        _, rows = select(_HELD, bindings={"value": term})
        if rows and rows[0].get("ask") == Literal(True):
            continue
        known = [str(row["known"]) for row in select(_KNOWN[query.parameters[name]])[1] if "known" in row]
        lines.append(f"{name}={values[name]}: not in the graph{did_you_mean(values[name], known)}")
    return lines




def _cell(term: Identifier | None) -> str:
    return "" if term is None else str(term)


def format_rows(rows: list[dict[str, Identifier]], variables: Sequence[str], fmt: str) -> str:
    """Rows as an aligned ``table``, ``csv`` or ``json`` (a list of objects of strings)."""
    if fmt == "json":
        return json.dumps([{v: _cell(row.get(v)) for v in variables if v in row} for row in rows],
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(variables)
        writer.writerows([[_cell(row.get(v)) for v in variables] for row in rows])
        return buffer.getvalue()
    # (a table is for a terminal, which obeys the escape codes a value may hold: they are shown escaped)
    cells = [[printable(_cell(row.get(v)).replace("\n", " ").replace("\t", " ")) for v in variables] for row in rows]
    widths = [min(60, max([len(v)] + [len(c[i]) for c in cells])) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True))]
    lines += ["  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(row, widths, strict=True))
              for row in cells]
    return "\n".join(lines) + f"\n({counted(len(rows), 'row')})\n"
