"""A named graph's content in a form two servers agree on, so that a graph fetched from an endpoint can be compared
with the one a build holds (``kg push --verify``).

Servers write back what they were sent in their own way: Virtuoso separates the terms with tabs and writes an
``xsd:double`` with 6 significant digits (``"0.39204251669"`` comes back ``"0.392043"``), Oxigraph writes
``"9.00753252128e-05"`` as ``"0.0000900753252128"``. Each triple is parsed (pyoxigraph) and its literal written
again in one lexical form per value: doubles and floats to 6 significant digits (the most Virtuoso keeps, so a
change past the sixth digit is not seen), integers and decimals without padding, booleans as ``true``/``false``,
language tags in lower case. The graphs of a build hold no blank nodes, so no renaming is needed.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation

import pyoxigraph

_XSD = "http://www.w3.org/2001/XMLSchema#"
_FLOATS = {f"{_XSD}double", f"{_XSD}float"}
_INTEGERS = {f"{_XSD}{name}" for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def _lexical(value: str, datatype: str) -> str:
    """One lexical form per value of the datatypes servers rewrite; any other (or an ill-typed value) as it is.

    >>> _lexical("9.00753252128e-05", f"{_XSD}double"), _lexical("0.0000900753", f"{_XSD}double")
    ('9.00753e-05', '9.00753e-05')
    >>> _lexical("-0", f"{_XSD}double"), _lexical("007", f"{_XSD}integer"), _lexical("1.50", f"{_XSD}decimal")
    ('0', '7', '1.5')
    """
    try:
        if datatype in _FLOATS:
            return format(float(value) + 0.0, ".6g")   # (+ 0.0: -0 is 0)
        if datatype in _INTEGERS:
            return str(int(value))
        if datatype == f"{_XSD}decimal":
            return format(Decimal(value).normalize() + 0, "f")
    except (ValueError, InvalidOperation):
        return value
    if datatype == f"{_XSD}boolean":
        return {"1": "true", "0": "false"}.get(value.strip(), value.strip())
    return value


def _term(term: object) -> str:
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return str(pyoxigraph.Literal(term.value, language=term.language.lower()))
        datatype = term.datatype.value
        return str(pyoxigraph.Literal(_lexical(term.value, datatype), datatype=term.datatype))
    return str(term)


def canonical_digest(ntriples: bytes) -> str:
    """The sha256 of a graph's triples (N-Triples, as sent or as fetched), each written in canonical form, sorted,
    each once.

    >>> a = b'<urn:s> <urn:p> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .\\n<urn:s> <urn:q> "x"@EN .\\n'
    >>> b = b'<urn:s>\\t<urn:q>\\t"x"@en .\\n<urn:s>\\t<urn:p>\\t"1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .\\n'
    >>> canonical_digest(a) == canonical_digest(b), canonical_digest(a) == canonical_digest(a.replace(b"x", b"y"))
    (True, False)
    """
    lines = {f"{_term(triple.subject)} {_term(triple.predicate)} {_term(triple.object)} .\n"
             for triple in pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)}
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()
