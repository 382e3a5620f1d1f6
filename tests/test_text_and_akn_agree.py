"""The same resolution rendered as text and as AKN gives the same sections and clause labels.

The test renders each PP-18 statement to text itself, in the seed's layout (labels alone on their lines),
from the XML with lxml: it does not use the project's AKN reader.
"""

from __future__ import annotations

from conftest import corpus_files
from lxml import etree

from kg.parse import parse_document
from kg.readers import read

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def _text(element) -> str:
    parts = []
    for node in element.iter():
        if node.tag == f"{AKN}authorialNote":
            continue
        if node is element:
            parts.append(node.text or "")
        else:
            if not any(a.tag == f"{AKN}authorialNote" for a in node.iterancestors()):
                parts.append(node.text or "")
            parts.append(node.tail or "")
    return " ".join("".join(parts).split())


def render_as_text(statement) -> str:
    lines = [_text(statement.find(f".//{AKN}longTitle")), "",
             _text(statement.find(f"{AKN}preface/{AKN}container")), ""]
    preamble = statement.find(f"{AKN}preamble")
    lines += [_text(preamble.find(f"{AKN}formula")), ""]
    groups = list(preamble.iter(f"{AKN}recitals")) + list(statement.find(f"{AKN}mainBody").iter(f"{AKN}hcontainer"))
    for group in groups:
        heading = group.find(f"{AKN}intro") if group.tag == f"{AKN}recitals" else group.find(f"{AKN}heading")
        lines += [_text(heading), ""]
        for item in group:
            if item.tag not in (f"{AKN}recital", f"{AKN}paragraph"):
                continue
            num = item.find(f"{AKN}num")
            if num is not None:
                lines.append(_text(num))
            body = [_text(p) for p in item.iter(f"{AKN}p")]
            lines += [" ".join(body), ""]
    return "\n".join(lines) + "\n"


def outline(document):
    return [(s.verb, s.kind, s.addressees, [c.label for c in s.clauses]) for s in document.sections]


def test_pp18_text_and_akn_give_the_same_outline(tmp_path):
    (path,) = corpus_files("itu-pp18")
    root = etree.parse(str(path)).getroot()
    statements = list(root.iter(f"{AKN}statement"))
    compared = 0
    for source, statement in zip(read(path), statements, strict=True):
        if statement.find(f"{AKN}mainBody").find(f".//{AKN}list") is not None:
            continue  # sub-points: the text rendering above writes paragraphs only
        text_file = tmp_path / (source.origin.rsplit("#", 1)[1] + ".txt")
        text_file.write_text(render_as_text(statement), encoding="utf-8")
        from_text = parse_document(read(text_file)[0])
        from_akn = parse_document(source)
        assert outline(from_text) == outline(from_akn), source.origin
        assert (from_text.header.number, from_text.header.edition) == (from_akn.header.number,
                                                                         from_akn.header.edition)
        compared += 1
    assert compared >= 40, f"only {compared} PP-18 statements compared"
