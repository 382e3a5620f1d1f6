"""Readers: every format gives the same Document for the same resolution; bad input names the file."""

from __future__ import annotations

import re

import pytest
from documents import AKN_STATEMENT, EXPECTED_OUTLINE, ITU_TEXT, write_docx, write_html, write_pdf
from support import assert_covers_exactly_once

from kg.cli import main
from kg.errors import EXIT_BAD_INPUT, InputError
from kg.parse import parse_document
from kg.rdf import document_quads
from kg.rdf.quads import DCTERMS
from kg.readers import read
from kg.readers.html import read as read_html
from kg.resolve import extract_citations


def outline(document):
    return [(s.verb, s.kind, s.addressees, [c.label for c in s.clauses]) for s in document.sections]


def write_text(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def write_akn(path, _text):
    path.write_text(AKN_STATEMENT, encoding="utf-8")
    return path


WRITERS = {"txt": write_text, "docx": write_docx, "pdf": write_pdf, "html": write_html, "xml": write_akn}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_every_format_gives_the_same_outline(tmp_path, suffix):
    path = WRITERS[suffix](tmp_path / f"res-12.{suffix}", ITU_TEXT)
    (source,) = read(path)
    document = parse_document(source)
    assert outline(document) == EXPECTED_OUTLINE
    assert (document.header.kind, document.header.number, document.header.body) == ("resolution", "12", "pp")
    assert document.header.edition == "pp-14"
    assert_covers_exactly_once(document)


def _paged(text: str, head: str, numbers: list[str]) -> str:
    """``text`` over three pages, cut mid-list and before a label's text, with a running head on the pages after
    the first (``{page}``: its number) and a page number at the foot of each."""
    lines = text.splitlines()
    cuts = [lines[:7], lines[7:13], lines[13:]]
    return "\f".join("\n".join(([head.format(page=index + 1)] if index else []) + part + [numbers[index]])
                      for index, part in enumerate(cuts))


@pytest.mark.parametrize(("head", "numbers"), [("Res. 12", ["63", "64", "65"]),
                                               ("PP-14 - Resolution 12 - page {page}", ["- 1 -", "- 2 -", "- 3 -"])])
def test_pdf_page_furniture_is_left_out(tmp_path, head, numbers):
    text = _paged(ITU_TEXT, head, numbers)
    assert text.split("\f")[1].splitlines()[-2] == "2", "a label ends the second page, its text on the third"
    (source,) = read(write_pdf(tmp_path / "paged.pdf", text))
    document = parse_document(source)
    assert outline(document) == EXPECTED_OUTLINE
    assert [c.text for c in document.clauses] == ["that tests need a document;", "that the document has two parts,",
                                                   "to parse it;", "to check it,", "to report on it."]
    assert head.split()[0] not in source.text and numbers[1] not in source.text


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_format_is_sniffed_when_the_suffix_lies(tmp_path, suffix):
    path = WRITERS[suffix](tmp_path / f"res-12.{suffix}", ITU_TEXT)
    disguised = path.rename(tmp_path / "res-12.dat")
    assert outline(parse_document(read(disguised)[0])) == EXPECTED_OUTLINE


def test_plain_text_header_reads_revision_history(tmp_path):
    document = parse_document(read(write_text(tmp_path / "r.txt", ITU_TEXT))[0])
    assert document.header.revisions == ("pp-94", "pp-14")
    assert document.header.title == "Further development of a test resolution"


def test_cp1252_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(ITU_TEXT.replace("tests need", "tests need “quoted” café").encode("cp1252"))
    (source,) = read(path)
    assert "“quoted” café" in source.text
    assert source.warnings == (f"{path}: not UTF-8; decoded as cp1252",)
    assert outline(parse_document(source)) == EXPECTED_OUTLINE


def test_markdown_front_matter_gives_hints(tmp_path):
    path = tmp_path / "A_RES_99_1.md"
    path.write_text('---\nsymbol: A/RES/99/1\ntitle: "A test :"\ndate: "2030-01-02"\n---\n\nUnited Nations\n\n'
                    "99/1. A test\n\nThe General Assembly,\n\nRecalling its resolution 70/1,[^1]\n\n"
                    "1. Decides to test;\n\n2. Requests the Secretary-General to report.\n\n---\n\n"
                    "[^1]: Resolution 70/1.\n", encoding="utf-8")
    document = parse_document(read(path)[0])
    assert document.header.symbol == "A/RES/99/1"
    assert (document.header.body, document.header.number, document.header.edition) == ("unga", "99/1", "2030-01-02")
    assert [(s.verb, s.kind, [c.id for c in s.clauses]) for s in document.sections] == [
        ("recalling", "preambular", ["recalling"]), ("decides", "operative", ["decides.1"]),
        ("requests", "operative", ["requests.2"])]
    assert document.sections[2].addressees == ("Secretary-General of the United Nations",)   # (not the ITU's)
    (footnote,) = document.footnotes
    assert (footnote.marker, footnote.text, footnote.clause) == ("1", "Resolution 70/1.", "recalling")
    assert_covers_exactly_once(document)


# a General Assembly resolution as a Markdown file sets it: its number line a heading, its verbs in italics
MARKED_UP = [
    ("asterisks", "# 99/1. A test", "*Recalling*", "*Decides*", "*Requests*"),
    ("underscores", "## 99/1. A test", "_Recalling_", "_Decides_", "_Requests_"),
    ("strong", "99/1. A test", "**Recalling**", "__Decides__", "**Requests**"),
]


@pytest.mark.parametrize(("heading", "recalling", "decides", "requests"), [case[1:] for case in MARKED_UP],
                         ids=[case[0] for case in MARKED_UP])
def test_markdown_headings_and_emphasis_are_read_as_text(tmp_path, heading, recalling, decides, requests):
    """Markdown's marks do not hide the number line nor the verbs: the same outline and citations as the plain
    text of test_markdown_front_matter_gives_hints; a symbol's underscores (A_RES_70_1) stay."""
    path = tmp_path / "A_RES_99_1.md"
    path.write_text(f"---\nsymbol: A/RES/99/1\n---\n\n{heading}\n\n*The General Assembly*,\n\n{recalling} its "
                    f"resolution 70/1 (file A_RES_70_1),\n\n1. {decides} to test;\n\n2. {requests} the "
                    "Secretary-General to report.\n", encoding="utf-8")
    document = parse_document(read(path)[0])
    assert (document.header.number, document.header.title) == ("99/1", "A test")
    assert [(s.verb, s.kind, [c.id for c in s.clauses]) for s in document.sections] == [
        ("recalling", "preambular", ["recalling"]), ("decides", "operative", ["decides.1"]),
        ("requests", "operative", ["requests.2"])]
    assert "A_RES_70_1" in document.sections[0].clauses[0].text
    assert document.sections[2].addressees == ("Secretary-General of the United Nations",)
    assert [(c.clause, c.work) for c in extract_citations(document)] == [("recalling", "un/A/RES/70/1")]
    assert_covers_exactly_once(document)


def test_markdown_converted_from_word_reads_its_labels_and_long_emphasis(tmp_path):
    """An ITU resolution as a converter from Word (pandoc) writes it in Markdown: its labels escaped so that they
    are no list ("a\\)", "1\\."), its title a line in bold, an operative heading with its addressees a line in
    italics, both longer than an emphasis round words."""
    path = tmp_path / "res75.md"
    path.write_text("**RESOLUTION 75 (Rev. Dubai, 2018)**\n\n**The contribution of the Union to implementing the "
                    "outcomes of the World Summit on the Information Society**\n\nThe Plenipotentiary Conference of "
                    "the International Telecommunication Union (Dubai, 2018),\n\n*considering*\n\na\\) Resolution "
                    "140 (Rev. Dubai, 2018) of this conference;\n\nb\\) §§ 35 a)-e) of the Tunis Agenda,\n\n"
                    "*resolves*\n\n1\\. to continue the work;\n\n2\\. to report annually, at a cost of 2\\*3 "
                    "units,\n\n*instructs the Secretary-General, in close collaboration with the Directors of the "
                    "three Bureaux*\n\nto report to the Council.\n", encoding="utf-8")
    document = parse_document(read(path)[0])
    assert (document.header.number, document.header.edition, document.header.title) == (
        "75", "pp-18", ("The contribution of the Union to implementing the outcomes of the World Summit on the "
                        "Information Society"))
    assert [(s.verb, s.addressees, [(c.id, c.text) for c in s.clauses]) for s in document.sections] == [
        ("considering", (), [("considering.a", "Resolution 140 (Rev. Dubai, 2018) of this conference;"),
                             ("considering.b", "§§ 35 a)-e) of the Tunis Agenda,")]),
        ("resolves", (), [("resolves.1", "to continue the work;"),
                          ("resolves.2", "to report annually, at a cost of 2*3 units,")]),
        ("instructs", ("Secretary-General",), [("instructs", "to report to the Council.")])]
    assert [(c.clause, c.work) for c in extract_citations(document)] == [
        ("considering.a", "itu/pp/res/140"), ("considering.b", "wsis/tunis-agenda")]
    assert_covers_exactly_once(document)


def test_html_page_chrome_is_no_text_of_the_resolution(tmp_path):
    """A resolution copied onto a web page: the site's menu (a <nav>) and its bar of links under the text ("Home ||
    Treaties || Search") are left out (the bar read as the last paragraph's text); a paragraph with links in its
    text stays whole."""
    path = tmp_path / "1257.html"
    path.write_text(
        "<html><head><title>Security Council resolution 1257 (1999)</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/docs'>Documents</a></nav>"
        "<p>Security Council resolution 1257 (1999) on the situation in Timor, U.N. Doc. S/RES/1257 (1999).</p>"
        "<p>Adopted by the Security Council at its 4031st meeting,</p><p>on 3 August 1999</p>"
        "<p>The Security Council,</p><p><i>Recalling</i> its resolutions <a href='/1236'>1236 (1999)</a> and "
        "<a href='/1246'>1246 (1999)</a>,</p><p>1. <i>Decides</i> to remain seized of the matter.</p><hr>"
        "<p><a href='/'>Home</a> || <a href='/treaties'>Treaties</a> || <a href='/search'>Search</a></p>"
        "</body></html>", encoding="utf-8")
    document = parse_document(read(path)[0])
    assert (document.header.number, document.header.date) == ("1257", "1999-08-03")
    assert [(c.id, c.text) for c in document.clauses] == [
        ("recalling", "its resolutions 1236 (1999) and 1246 (1999),"), ("decides.1", "to remain seized of the matter.")]
    assert "Home" not in document.source.text and "Documents" not in document.source.text
    assert_covers_exactly_once(document)


def test_akn_footnote_is_attached_to_its_clause(tmp_path):
    document = parse_document(read(write_akn(tmp_path / "r.xml", ""))[0])
    (footnote,) = document.footnotes
    assert (footnote.marker, footnote.text, footnote.clause) == ("1", "See Resolution 9.", "considering.a")
    assert "See Resolution 9." not in document.clauses[0].text


def test_akn_annex_keeps_its_footnotes(tmp_path):
    # a declaration annexed to a resolution cites in its footnotes (as GA resolution 75/284 does)
    annex = ('<attachments><attachment><doc name="annex"><mainBody><paragraph><num>1.</num><content><p>Reaffirm the '
             'Universal Declaration of Human Rights<authorialNote marker="2"><p>Resolution 217 A (III).</p>'
             '</authorialNote> and the 2030 Agenda,<authorialNote marker="3"><p>Resolution 70/1.</p></authorialNote>'
             '</p></content></paragraph></mainBody></doc></attachment></attachments>')
    path = tmp_path / "r.xml"
    path.write_text(AKN_STATEMENT.replace("</mainBody>", "</mainBody>" + annex), encoding="utf-8")
    document = parse_document(read(path)[0])
    # its numbered paragraph is a clause of the annex, and its footnotes are attached to it
    assert [(f.marker, f.text, f.clause) for f in document.footnotes] == [
        ("1", "See Resolution 9.", "considering.a"), ("2", "Resolution 217 A (III).", "annex.1"),
        ("3", "Resolution 70/1.", "annex.1")]
    (section,) = [s for s in document.sections if s.part == "annex"]
    assert [c.text for c in section.clauses] == [
        "Reaffirm the Universal Declaration of Human Rights and the 2030 Agenda,"]
    assert {c.work for c in extract_citations(document)} >= {"un/A/RES/217(III)", "un/A/RES/70/1"}
    assert_covers_exactly_once(document)


# an enacting formula as the PP's Final Acts mark it, in its own element after the title's: with its comma, and
# without one (as PP-18's Resolution 160 prints it), with or without the year
FORMULAS = {
    "comma": "The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),",
    "no comma": "The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014)",
    "no comma, no year": "The Plenipotentiary Conference of the International Telecommunication Union",
}


@pytest.mark.parametrize("case", sorted(FORMULAS), ids=sorted(FORMULAS))
def test_akn_formula_is_no_part_of_the_title(tmp_path, case):
    (printed,) = re.findall(r'<formula name="enactingFormula"><p>([^<]*)</p>', AKN_STATEMENT)
    path = tmp_path / "r.xml"
    path.write_text(AKN_STATEMENT.replace(printed, FORMULAS[case]), encoding="utf-8")
    document = parse_document(read(path)[0])
    header = document.header
    assert (header.title, header.formula) == ("Further development of a test resolution", FORMULAS[case])
    assert (header.number, header.body, header.edition) == ("12", "pp", "pp-14")
    assert [s.verb for s in document.sections] == ["considering", "resolves", "instructs"]
    titles = [line for line in document_quads(document, [], source_name="r.xml") if f"{DCTERMS}title>" in line]
    assert titles and all("Plenipotentiary" not in line for line in titles)
    assert_covers_exactly_once(document)


def test_akn_collection_gives_one_source_per_statement(tmp_path):
    statement = AKN_STATEMENT.split("<statement", 1)[1].rsplit("</statement>", 1)[0]
    collection = ('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><documentCollection>'
                  "<components>"
                  f'<component><statement{statement}</statement></component>'
                  f'<component><statement{statement.replace("res-12", "res-13")}</statement></component>'
                  "</components></documentCollection></akomaNtoso>")
    path = tmp_path / "final-acts.xml"
    path.write_text(collection, encoding="utf-8")
    sources = read(path)
    assert [s.origin for s in sources] == [f"{path}#res-12", f"{path}#res-13"]


def test_akn_parts_beside_their_collection_are_documents_of_their_own(tmp_path):
    """The UN's resolutions adopted in parts ("75/101 A-B") put ``<components>`` beside the collection."""
    statement = AKN_STATEMENT.split("<statement", 1)[1].rsplit("</statement>", 1)[0]
    parts = "".join(f'<component><statement{statement.replace("res-12", f"75-101{letter}")}</statement></component>'
                    for letter in "AB")
    path = tmp_path / "75_101A-B_E.xml"
    path.write_text('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
                    '<documentCollection name="publication"><preface><p><docNumber>75/101.</docNumber> '
                    "<docTitle>Questions relating to information</docTitle></p></preface></documentCollection>"
                    f"<components>{parts}</components></akomaNtoso>", encoding="utf-8")
    sources = read(path)
    assert [s.origin for s in sources] == [f"{path}#75-101A", f"{path}#75-101B"]
    assert all(s.text.startswith("75/101. Questions relating to information\n") for s in sources)


def test_the_real_multipart_resolutions_are_read_part_by_part():
    from conftest import corpus_files
    from lxml import etree

    files = corpus_files("un-ga-multipart")
    assert len(files) == 4
    for path in files:
        root = etree.parse(str(path)).getroot()
        parts = root.xpath("./*[local-name()='components']/*[local-name()='component']/*")
        documents = [parse_document(source) for source in read(path)]
        assert len(documents) == len(parts) >= 2, path.name
        symbol = root.xpath("string(.//*[local-name()='coverPage']//*[local-name()='docNumber'])").split()[0]
        letters = [part.xpath("string(./*[local-name()='preface']//*[local-name()='docNumber'])") for part in parts]
        assert [d.header.symbol for d in documents] == [f"{symbol} {letter}" for letter in letters]
        assert len({d.header.edition for d in documents}) == len(documents)   # each part an edition of its own
        for part, document in zip(parts, documents, strict=True):
            assert document.sections, (path.name, document.source.origin)
            # nothing of a part's text is lost: each paragraph of its body is in the text read
            text = " ".join(document.source.text.split())
            for paragraph in part.xpath(".//*[local-name()='mainBody']//*[local-name()='p']"):
                words = " ".join("".join(t for t in paragraph.xpath(".//text()[not(ancestor::*[local-name()="
                                                                      "'authorialNote'])]")).split())
                assert words in text, (path.name, words[:80])


BAD_INPUTS = {
    "empty": (b"", "empty file", None),
    "blank": (b"  \n\n \n", "empty file", None),
    "binary": (b"RESOLUTION 1\n\x00\x01\x02\x03\xff\xfe" * 50, "binary file", 2),  # first NUL on line 2
    # the parser stops where the data ends: on the truncated file's last line
    "truncated xml": (AKN_STATEMENT[:700].encode(), "malformed XML", AKN_STATEMENT[:700].count("\n") + 1),
    "xml not akn": (b'<?xml version="1.0"?>\n<catalog>\n<book id="1"/>\n</catalog>\n', "not Akoma Ntoso", 2),
    "akn without document": (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>',
                             "no document", 1),
    "bad front matter": (b"---\nsymbol: [unclosed\n---\ntext\n", "front matter", None),
    "broken docx": (b"PK\x03\x04not really a zip", "not a readable .docx", None),
    "broken pdf": (b"%PDF-1.4\nnot really a pdf", "not a readable PDF", None),
    # formats no reader takes are named (and not read as text: the suffix may be anything)
    "word 97-2003": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "format not read here", None),
    "rtf": (b"{\\rtf1\\ansi RESOLUTION 1}", "format not read here", None),
    "odt": (b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text", "format not read here",
            None),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_the_file(tmp_path, case):
    data, message, line = BAD_INPUTS[case]
    suffix = {"truncated xml": ".xml", "xml not akn": ".xml", "akn without document": ".xml",
              "bad front matter": ".md"}.get(case, ".txt")
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(data)
    with pytest.raises(InputError) as raised:
        read(path)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)
    if line is not None:
        assert raised.value.line == line
        assert f"{path}:{line}:" in str(raised.value)


def test_a_word_97_file_in_a_folder_is_named_and_the_rest_is_read(tmp_path, capsys):
    from conftest import SEED

    from kg.cli import main
    from kg.errors import EXIT_BAD_INPUT

    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    (tmp_path / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert captured.err.strip() == (f"kg: error: {tmp_path / 'old.doc'}: a Word 97-2003 document (.doc): save it as "
                                    ".docx, PDF or text to read it")
    assert len(captured.out.splitlines()) == 16   # the seed's citations


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(InputError, match="cannot open"):
        read(tmp_path / "nowhere.txt")


def test_pdf_labels_at_page_edges_are_kept():
    from kg.readers.pdf import without_furniture
    pages = ["RESOLUTION 1\nresolves", "1\nto act;", "2\nto report;\n3", "4\nto review."]
    # "1", "2", "4" open pages 2-4 but do not run with the pages; "3" ends one page only
    assert without_furniture(pages) == pages
    numbered = [page + f"\n{index + 10}" for index, page in enumerate(pages)]
    assert without_furniture(numbered) == pages


def test_docx_footnotes_and_tables_are_read(tmp_path):
    from documents import write_docx_with_notes
    text = ITU_TEXT.replace("that tests need a document;", "that tests need a document;[^1]")
    path = write_docx_with_notes(tmp_path / "notes.docx", text, {"1": "See Resolution 71 (Rev. Dubai, 2018)."},
                                 [["Resolution", "Subject"], ["71", "Strategic plan"]])
    (source,) = read(path)
    assert "Resolution\tSubject\n71\tStrategic plan\n" in source.text
    document = parse_document(source)
    assert outline(document) == EXPECTED_OUTLINE
    (footnote,) = document.footnotes
    assert (footnote.marker, footnote.clause, footnote.text) == ("1", "considering.a",
                                                                 "See Resolution 71 (Rev. Dubai, 2018).")
    cited = [(c.work, c.clause) for c in extract_citations(document)]
    assert ("itu/pp/res/71", "considering.a") in cited


def test_docx_automatic_numbering_gives_the_labels(tmp_path):
    # Word's list numbering is not in a paragraph's text: the reader makes the label from the numbering part
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{0}"/><w:lvlText w:val="{1}"/></w:lvl>'
              '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2)"/></w:lvl>')
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for number, (kind, pattern) in enumerate((("lowerLetter", "%1)"), ("decimal", "%1"), ("bullet", "-")), 90):
        numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="{number}">'
                                      f'{levels.format(kind, pattern)}</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {w} w:numId="{number}"><w:abstractNumId w:val="{number}"/></w:num>'))

    def add(text: str, number: int | None = None, level: int = 0) -> None:
        paragraph = document.add_paragraph(text)
        if number is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{number}"/></w:numPr>'))

    for line in ("RESOLUTION 9 (Dubai, 2018)", "A test",
                 "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),",
                 "considering"):
        add(line)
    add("that tests need a document;", 90)
    add("that it has two parts:", 90)
    add("one;", 90, 1)
    add("two,", 90, 1)
    add("resolves")
    add("to parse it;", 91)
    add("to check it against Resolution 71 (Rev. Dubai, 2018):", 91)
    add("a bullet, not a clause of its own", 92)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    (source,) = read(path)
    assert "a)\tthat tests need a document;\nb)\tthat it has two parts:\ni)\tone;\nii)\ttwo,\n" in source.text
    parsed = parse_document(source)
    assert [c.id for c in parsed.clauses] == ["considering.a", "considering.b", "considering.b.i",
                                              "considering.b.ii", "resolves.1", "resolves.2"]
    assert [(c.work, c.clause) for c in extract_citations(parsed)] == [("itu/pp/res/71", "resolves.2")]


def test_docx_numbering_of_a_paragraph_style(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("The General Assembly,")
    document.add_paragraph("Decides to act;", style="List Number")   # (the style numbers it: "1.", "2.")
    document.add_paragraph("Requests a report.", style="List Number")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    assert read(path)[0].text == "The General Assembly,\n1.\tDecides to act;\n2.\tRequests a report.\n"


def test_docx_text_in_capitals_is_read_in_capitals(tmp_path):
    """The ITU's templates print a resolution's heading in capitals through its style ("ResNo", typed
    "resolution 69 (Rev. Dubai, 2012)", or in mixed case): the heading is read as printed, and found; a run's own
    capitals (or their absence) win over its paragraph style's; a style based on a style in capitals is one."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    heading = document.styles.add_style("ResNo", WD_STYLE_TYPE.PARAGRAPH)
    heading.font.all_caps = True
    document.styles.add_style("ResNoBis", WD_STYLE_TYPE.PARAGRAPH).base_style = heading
    document.add_paragraph("resolution 69 (Rev. Dubai, 2012)", style="ResNo")
    document.add_paragraph("Access to Internet resources")
    document.add_paragraph("The World Telecommunication Standardization Assembly (Dubai, 2012),")
    document.add_paragraph("considering")
    mixed = document.add_paragraph("that Resolution 64 ", style="ResNoBis")
    mixed.add_run("(Rev. Dubai, 2012)").font.all_caps = False
    mixed.add_run(" applies;").font.small_caps = True
    path = tmp_path / "caps.docx"
    document.save(str(path))
    source = read(path)[0]
    assert source.text.splitlines()[0] == "RESOLUTION 69 (REV. DUBAI, 2012)"
    assert source.text.splitlines()[4] == "THAT RESOLUTION 64 (Rev. Dubai, 2012) APPLIES;"
    header = parse_document(source).header
    assert (header.kind, header.number, header.edition, header.title) == (
        "resolution", "69", "wtsa-12", "Access to Internet resources")


def test_html_ordered_lists_give_the_labels(tmp_path):
    path = tmp_path / "ol.html"
    path.write_text(
        "<html><body><p>RESOLUTION 9 (Dubai, 2018)</p><p>A test</p><p>The Plenipotentiary Conference of the "
        "International Telecommunication Union (Dubai, 2018),</p><p><i>considering</i></p><ol type='a'><li>that "
        "tests need a document;</li><li>that it has parts:<ol type='i'><li>one;</li><li>two,</li></ol></li></ol>"
        "<p><i>resolves</i></p><ol><li>to parse it;</li><li value='5'>to check Resolution 71 (Rev. Dubai, 2018);"
        "</li><li>to end.</li></ol><ul><li>a bullet</li></ul></body></html>", encoding="utf-8")
    document = parse_document(read(path)[0])
    assert [c.id for c in document.clauses] == ["considering.a", "considering.b", "considering.b.i",
                                                "considering.b.ii", "resolves.1", "resolves.5", "resolves.6"]
    assert [(c.work, c.clause) for c in extract_citations(document)] == [("itu/pp/res/71", "resolves.5")]


def test_the_demo_corpus_holds_the_un_folders_of_the_shared_corpus():
    # data/un/ is the demo corpus: the UN's un-sc, un-ga and un-ga-multipart files, whole
    from conftest import CORPUS, _demo_corpus
    counts = {"un-sc": 251, "un-ga": 113, "un-ga-multipart": 4}
    for folder, count in counts.items():
        names = sorted(p.name for p in (_demo_corpus() / folder).iterdir())
        assert len(names) == count, folder
        if (CORPUS / folder).is_dir():
            assert names == sorted(p.name for p in (CORPUS / folder).iterdir())
            for name in names[::25]:
                assert (_demo_corpus() / folder / name).read_bytes() == (CORPUS / folder / name).read_bytes()


def _nested_divs(depth: int) -> bytes:
    text = "<p>RESOLUTION 75 (Rev. Dubai, 2012)</p><p>The World Telecommunication Standardization Assembly,</p>"
    return f"<html><body>{'<div>' * depth}{text}{'</div>' * depth}<p>after them</p></body></html>".encode()


@pytest.mark.parametrize("depth", [300, 2000])
def test_html_nested_deeper_than_lxmls_default_is_read(depth):
    # (lxml's HTML parser stops at 256 levels unless told huge_tree, keeping what it had: "holds no text")
    (source,) = read_html(_nested_divs(depth), origin="deep.html")
    assert source.text == ("RESOLUTION 75 (Rev. Dubai, 2012)\nThe World Telecommunication Standardization Assembly,\n"
                           "after them\n")


def test_html_nested_past_what_lxml_reads_says_so(tmp_path, capsys):
    with pytest.raises(InputError, match="nest deeper than lxml's HTML parser reads") as raised:
        read_html(_nested_divs(50_000), origin="deep.html")
    assert "\n" not in str(raised.value)
    (tmp_path / "deep.html").write_bytes(_nested_divs(50_000))
    assert main(["extract", str(tmp_path / "deep.html")]) == EXIT_BAD_INPUT
    lines = capsys.readouterr().err.splitlines()   # (one line naming the file, no RecursionError)
    assert len(lines) == 1 and str(tmp_path / "deep.html") in lines[0] and "nest deeper" in lines[0], lines
