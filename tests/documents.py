"""Small documents of every input format, written by the tests themselves (no corpus text is copied)."""

from __future__ import annotations

from pathlib import Path

import docx

# A short ITU resolution in the seed's layout, written for the tests.
ITU_TEXT = """RESOLUTION 12 (Rev. Busan, 2014)
Further development of a test resolution
(Kyoto, 1994; Rev. Busan, 2014)
The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),
considering
a)
that tests need a document;
b)
that the document has two parts,
resolves
1
to parse it;
2
to check it,
instructs the Secretary-General
to report on it.
"""

EXPECTED_OUTLINE = [
    ("considering", "preambular", (), ["a", "b"]),
    ("resolves", "operative", (), ["1", "2"]),
    ("instructs", "operative", ("Secretary-General",), [""]),
]


def write_docx(path: Path, text: str) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf(path: Path, text: str) -> Path:
    """A PDF with each line of ``text`` drawn in Helvetica (enough for pypdf's text extraction); a form feed
    ("\\f") starts a new page."""
    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    pages = text.split("\f")
    font = 3 + 2 * len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               (f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(len(pages)))}] "
               f"/Count {len(pages)} >>")]
    for index, page in enumerate(pages):
        content = ("BT /F1 10 Tf 40 800 Td 12 TL " + " ".join(f"({escape(line)}) Tj T*" for line in page.splitlines())
                   + " ET")
        objects += [(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents {4 + 2 * index} 0 R "
                    f"/Resources << /Font << /F1 {font} 0 R >> >> >>"),
                    f"<< /Length {len(content)} >>\nstream\n{content}\nendstream"]
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def write_html(path: Path, text: str) -> Path:
    from html import escape
    body = "".join(f"<p>{escape(line)}</p>\n" for line in text.splitlines())
    path.write_text(f"<!DOCTYPE html><html><head><title>Test</title><script>var x = 1;</script></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    return path


AKN_STATEMENT = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta><identification source="#t"><FRBRWork><FRBRthis value="/akn/un/statement/x/res-12/!main"/>
      <FRBRdate date="2014-11-07" name="adoption"/><FRBRauthor href="#itu-pp"/>
      <FRBRnumber value="res-12"/></FRBRWork></identification></meta>
    <preface><longTitle><p><docType>RESOLUTION</docType> <docNumber>12 (REV. BUSAN, 2014)</docNumber></p></longTitle>
      <container name="title"><p>Further development of a test resolution</p></container></preface>
    <preamble>
      <formula name="enactingFormula"><p>The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),</p></formula>
      <recitals><intro><p><i>considering</i></p></intro>
        <recital><num>a)</num><p>that tests need a document;<authorialNote marker="1"><p>See Resolution 9.</p></authorialNote></p></recital>
        <recital><num>b)</num><p>that the document has two parts,</p></recital>
      </recitals>
    </preamble>
    <mainBody>
      <hcontainer name="resolves"><heading><i>resolves</i></heading>
        <paragraph><num>1</num><content><p>to parse it;</p></content></paragraph>
        <paragraph><num>2</num><content><p>to check it,</p></content></paragraph>
      </hcontainer>
      <hcontainer name="instructs"><heading><i>instructs the Secretary-General</i></heading>
        <paragraph><content><p>to report on it.</p></content></paragraph>
      </hcontainer>
    </mainBody>
  </statement>
</akomaNtoso>
"""


FOOTNOTES_PART = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
{notes}
</w:footnotes>"""


def write_docx_with_notes(path: Path, text: str, notes: dict[str, str], table: list[list[str]]) -> Path:
    """A .docx of ``text`` where each line ending with "[^N]" ends with a real footnote reference (the notes in a
    footnotes part, as Word writes them), and ``table`` as a real table after the text."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    for line in text.splitlines():
        marker = line[line.rindex("[^") + 2:-1] if line.endswith("]") and "[^" in line else None
        paragraph = document.add_paragraph(line[:line.rindex("[^")] if marker else line)
        if marker:
            reference = paragraph.add_run()._r
            element = reference.makeelement(qn("w:footnoteReference"), {qn("w:id"): marker})
            reference.append(element)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for row, cells in zip(grid.rows, table):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    body = "".join(f'<w:footnote w:id="{marker}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
                   f'{note}</w:t></w:r></w:p></w:footnote>' for marker, note in notes.items())
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                FOOTNOTES_PART.format(notes=body).encode("utf-8"), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    assert parse_xml(part.blob) is not None
    document.save(str(path))
    return path


# text no page may run as markup: in a title, a clause, a citation's neighbourhood (the views' and the site's tests)
HOSTILE = "<script>alert(1)</script> and <img src=x onerror=alert(1)>"
HOSTILE_DOC = f"""RESOLUTION 901 (DUBAI, 2018)
A title with {HOSTILE}
The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),
considering
a)
that {HOSTILE} is text, and Resolution 71 (Rev. Antalya, 2006) of the Plenipotentiary Conference applies;
resolves
to cite Resolution 102 (Rev. Antalya, 2006) of the Plenipotentiary Conference.
"""
