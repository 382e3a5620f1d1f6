"""The shapes of the UN's AKN4UN files, each read right: written for the tests in the UN's own markup.

Every case: the file reads (never rejected), no word of it is lost, the clauses stand in the sections and parts
the markup gives them, footnotes are attached to the clause they are anchored in, and header, headings, clauses,
footnotes, annexes and remainder tile the text exactly once.
"""

from __future__ import annotations

import pytest
from lxml import etree
from support import assert_covers_exactly_once

from kg.parse import parse_document
from kg.readers import read

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def _meta(name: str, date: str = "2021-04-16") -> str:
    return (f'<meta><identification source="#DGACM"><FRBRWork><FRBRthis value="/akn/un/statement/deliberation/unga/'
            f'{date}/{name}/!main/"/><FRBRdate date="{date}" name="adoption"/><FRBRauthor href="ga" as="author"/>'
            "</FRBRWork></identification></meta>")


def _statement(body: str, *, number: str = "75/253.", title: str = "Special subjects relating to the budget",
               preamble: str | None = '<p><span class="italic">Recalling</span> its resolution 74/263,</p>',
               attachments: str = "", conclusions: str = "", name: str = "resolution") -> str:
    preface = (f"<preface><p><docNumber>{number}</docNumber> <docTitle refersTo=\"#resolutionTitle\">{title}"
               "</docTitle></p></preface>") if number else ""
    recitals = ("<preamble><formula name=\"enactingFormula\"><p><span class=\"italic\">The General Assembly</span>,"
                f"</p></formula><container name=\"preambularParagraph\">{preamble}</container></preamble>"
                if preamble is not None else "")
    return (f'<akomaNtoso xmlns="{NS}"><statement name="{name}">{_meta("75-253")}{preface}{recitals}'
            f"<mainBody>{body}</mainBody>{conclusions}{attachments}</statement></akomaNtoso>")


def _paragraph(num: str, verb: str, rest: str, note: str = "") -> str:
    number = f"<num>{num}</num>" if num else ""
    return (f'<paragraph class="SingleTxt">{number}<content><p><span class="italic">{verb}</span> {rest}{note}</p>'
            "</content></paragraph>")


def _note(marker: str, text: str) -> str:
    return f'<authorialNote marker="{marker}" placement="bottom"><p>{text}</p></authorialNote>'


def _annex(body: str) -> str:
    return (f'<attachments><attachment><doc name="annex">{_meta("75-284/!main/annex")}<mainBody>{body}</mainBody>'
            "</doc></attachment></attachments>")


OMNIBUS = _statement(
    '<section><num>I</num><subheading>Revised estimates resulting from the Human Rights Council</subheading>'
    '<crossHeading refersTo="#preamble"><span class="italic">Having considered</span> the report of the '
    f'Secretary-General{_note("1", "A/75/588/Add.2.")} and the related report of the Advisory Committee,'
    "</crossHeading>"
    + _paragraph("1.", "Takes note", "of the report of the Secretary-General;")
    + _paragraph("2.", "Endorses", "the conclusions of the Advisory Committee;")
    + "</section>"
    '<section><num>II</num><subheading>Conditions of service of the members of the Court</subheading>'
    '<crossHeading refersTo="#preamble"><span class="italic">Recalling</span> its resolutions 37/240 and 40/257 A '
    "to C,</crossHeading>"
    '<crossHeading refersTo="#preamble"><span class="italic">Recalling also</span> Article 32 of the Statute of the '
    "International Court of Justice,</crossHeading>"
    + _paragraph("1.", "Takes note", "of the report;", _note("2", "A/74/354."))
    + _paragraph("2.", "Requests", "the Secretary-General to report thereon;")
    + "</section>",
    preamble=None)

# the same parts as the real collection also marks them: an hcontainer with its num and heading
HCONTAINER_PARTS = _statement(
    '<hcontainer name="part"><num>III.</num><heading>Financial performance report for 2019/20</heading>'
    '<crossHeading refersTo="#preamble"><span class="italic">Recalling</span> its resolutions 72/266 A and 73/307,'
    "</crossHeading>"
    + _paragraph("1.", "Decides", "to maintain the cycle;")
    + "</hcontainer>"
    '<hcontainer name="part"><num>IV.</num><heading>Special Tribunal for Lebanon</heading>'
    + _paragraph("1.", "Appropriates", "an amount of 15,503,355 dollars;")
    + "</hcontainer>")

DECLARATION = _statement(
    _paragraph("1.", "Adopts", "the political declaration annexed to the present resolution."),
    attachments=_annex(
        '<paragraph class="H1"><content><p><span class="bold">Political Declaration on HIV and AIDS</span></p>'
        "</content></paragraph>"
        '<paragraph class="SingleTxt"><num>1.</num><content><p>To end AIDS by 2030, we:</p></content></paragraph>'
        '<paragraph class="SingleTxt"><content><p>(a)\tRegret that the targets were not met;</p></content>'
        "</paragraph>"
        '<paragraph class="H23"><content><p><span class="bold">The end of AIDS is within reach</span></p></content>'
        "</paragraph>"
        f'<paragraph class="SingleTxt"><num>2.</num><content><p>Reaffirm the 2030 Agenda,{_note("3", "Resolution 70/1.")}'
        "</p></content></paragraph>"
        '<paragraph class="SingleTxt"><num>3.</num><content><p>Reaffirm the Universal Declaration of Human Rights'
        f'{_note("4", "Resolution 217 A (III).")};</p></content></paragraph>'))

# an attachment holding a whole document: its own preface, preamble, body and conclusions
ANNEXED_DOCUMENT = _statement(
    _paragraph("1.", "Decides", "to adopt the rules of procedure contained in the annex;"),
    attachments=('<attachments><attachment><doc name="annex">' + _meta("75-1/!main/annex")
                 + "<preface><p>Annex</p><p>Rules of procedure of the Committee</p></preface>"
                 "<preamble><container name=\"preambularParagraph\"><p><span class=\"italic\">Bearing in mind"
                 "</span> the Charter,</p></container></preamble>"
                 "<mainBody><paragraph><num>1.</num><content><p>The Committee shall meet once a year.</p></content>"
                 "</paragraph><paragraph><num>2.</num><content><p>It shall report to the Assembly.</p></content>"
                 "</paragraph></mainBody>"
                 "<conclusions><p>Done at New York</p></conclusions></doc></attachment></attachments>"))

# an annex that is a table or a list of names: no numbered paragraph, one annex block
TABLE_ANNEX = _statement(
    _paragraph("1.", "Approves", "the scale of assessments in the annex;"),
    attachments=_annex('<paragraph class="H1"><content><p>Scale of assessments</p></content></paragraph>'
                       '<container name="table"><table><tr><th><p>Member State</p></th><th><p>Rate</p></th></tr>'
                       "<tr><td><p>Afghanistan</p></td><td><p>0.007</p></td></tr><tr><td>Albania</td>"
                       "<td>0.008</td></tr></table></container>"))

LISTS = _statement(
    # an intro, points, and the words that close the list (wrapUp)
    '<paragraph><num>1.</num><list><intro><p><span class="italic">Requests</span> the Secretary-General:</p></intro>'
    "<point><num>(a)</num><content><p>to consult Member States;</p></content></point>"
    "<point><num>(b)</num><content><p>to prepare a report;</p></content></point>"
    "<wrapUp><p>and to submit it at the seventy-sixth session;</p></wrapUp></list></paragraph>"
    # a blockList inside the paragraph's content, with its own introduction and wrap-up
    '<paragraph><num>2.</num><content><p><span class="italic">Decides</span> that:</p>'
    "<blockList><listIntroduction>the Committee shall</listIntroduction>"
    "<item><num>(a)</num><p>meet twice;</p></item><item><num>(b)</num><p>report once,</p></item>"
    "<listWrapUp>as the Assembly may decide;</listWrapUp></blockList></content></paragraph>"
    # lists nested in lists nested in lists (Security Council resolution 2231, annex B)
    '<paragraph><num>3.</num><list><intro><p><span class="italic">Decides</span> that States shall:</p></intro>'
    "<point><num>(a)</num><content><p>prevent the supply of:</p></content></point>"
    "<sublist><point><num>(i)</num><content><p>arms;</p></content></point>"
    "<sublist><point><num>1.</num><content><p>spare parts;</p></content></point></sublist></sublist>"
    "</list></paragraph>")

TABLES = _statement(
    # a table inside a numbered paragraph: the paragraph's words a clause, the table's rows lines after it
    '<paragraph><num>1.</num><content><p><span class="italic">Approves</span> the appropriations below:</p>'
    "<table><tr><td><p>Section 1</p></td><td><p>100</p></td></tr><tr><td><p>Section 2</p></td><td><p>200</p></td>"
    "</tr></table></content></paragraph>"
    # a container that is only a table: no clause, each row a line
    '<container name="table"><table><tr><td><p>Total</p></td><td><p>300</p></td></tr></table></container>'
    + _paragraph("2.", "Decides", "to keep the matter under review."))

EMPTY_PARAGRAPHS = _statement(
    '<paragraph><content><p/></content></paragraph>'
    + _paragraph("1.", "Decides", "to include the item in the agenda;")
    + '<paragraph><num>2.</num><content><p></p></content></paragraph>',
    preamble='<p><span class="italic">Recalling</span> its decision 74/540,</p><p/>',
    conclusions=('<conclusions><p><inline name="adoptionMeeting">74th plenary meeting</inline><eol/>'
                 '<docDate date="2021-06-08" refersTo="#adoptionDate">8 June 2021</docDate></p></conclusions>'))

# a presidential statement: no preamble, no numbers
STATEMENT = _statement(
    '<paragraph><content><p>The Security Council reaffirms its commitment to the sovereignty of Mali.</p>'
    "</content></paragraph>"
    '<paragraph><content><p>The Security Council recalls its resolution 2100 (2013).</p></content></paragraph>',
    number="", preamble=None, name="presidentialStatement")

# a mainBody of hcontainers only, headed but not numbered (as the ITU's converter marks its sections)
HEADED_HCONTAINERS = _statement(
    '<hcontainer name="decides"><heading><i>decides</i></heading><paragraph><num>1</num><content><p>to do this;</p>'
    "</content></paragraph></hcontainer>", preamble=None)


# an hcontainer that is itself a numbered paragraph (its num and content), and a section numbered "1" that is no part
NUMBERED_HCONTAINERS = _statement(
    '<hcontainer name="paragraph"><num>1.</num><content><p><span class="italic">Decides</span> to act;</p></content>'
    "</hcontainer>"
    '<section><num>2.</num><paragraph><content><p><span class="italic">Requests</span> a report;</p></content>'
    "</paragraph></section>")

# a sanctions list annexed to a Security Council resolution (2270): italic labels that are no verbs open no section
SANCTIONS_LIST = _statement(
    _paragraph("1.", "Decides", "that the measures shall apply to the individuals in annex I;"),
    attachments=_annex('<paragraph class="H1"><content><p><span class="bold">Annex I</span></p></content></paragraph>'
                       '<paragraph><num>1.</num><content><p>CHOE CHUN-SIK</p></content></paragraph>'
                       '<paragraph><content><p><span class="italic">Description:</span> Choe Chun-sik was the director '
                       "of the Second Academy of Natural Sciences.</p></content></paragraph>"
                       '<paragraph><content><p><span class="italic">A.k.a.:</span> Choe Chun Sik</p></content>'
                       "</paragraph>"))


CASES = {
    "annexed list with italic labels": (SANCTIONS_LIST, [
        ("recalling", "preambular", "", [""]),
        ("decides", "operative", "", ["1"]),
        ("annex", "operative", "annex", ["1", "", ""])], {}),
    "hcontainer as a numbered paragraph": (NUMBERED_HCONTAINERS, [
        ("recalling", "preambular", "", [""]),
        ("decides", "operative", "", ["1"]),
        ("requests", "operative", "", [""])], {}),
    "omnibus parts (section, num)": (OMNIBUS, [
        ("i-having-considered", "preambular", "I", [""]),
        ("i-takes-note", "operative", "I", ["1"]),
        ("i-endorses", "operative", "I", ["2"]),
        ("ii-recalling", "preambular", "II", [""]),
        ("ii-recalling-also", "preambular", "II", [""]),
        ("ii-takes-note", "operative", "II", ["1"]),
        ("ii-requests", "operative", "II", ["2"])],
        {"1": "i-having-considered", "2": "ii-takes-note.1"}),
    "omnibus parts (hcontainer, num)": (HCONTAINER_PARTS, [
        ("recalling", "preambular", "", [""]),
        ("iii-recalling", "preambular", "III", [""]),
        ("iii-decides", "operative", "III", ["1"]),
        ("iv-appropriates", "operative", "IV", ["1"])], {}),
    "annexed declaration": (DECLARATION, [
        ("recalling", "preambular", "", [""]),
        ("adopts", "operative", "", ["1"]),
        ("annex", "operative", "annex", ["1", "1.a", "2", "3"])],
        {"3": "annex.2", "4": "annex.3"}),
    "attachment holding a whole doc": (ANNEXED_DOCUMENT, [
        ("recalling", "preambular", "", [""]),
        ("decides", "operative", "", ["1"]),
        ("annex-bearing-in-mind", "preambular", "annex", [""]),
        ("annex", "operative", "annex", ["1", "2"])], {}),
    "table annex": (TABLE_ANNEX, [
        ("recalling", "preambular", "", [""]),
        ("approves", "operative", "", ["1"])], {}),
    "intro, points, wrapUp, blockList, nested sublists": (LISTS, [
        ("recalling", "preambular", "", [""]),
        ("requests", "operative", "", ["1", "1.a", "1.b", ""]),
        ("decides", "operative", "", ["2", "2.a", "2.b", ""]),
        ("decides-2", "operative", "", ["3", "3.a", "3.a.i", "3.a.i.1"])], {}),
    "tables in paragraphs": (TABLES, [
        ("recalling", "preambular", "", [""]),
        ("approves", "operative", "", ["1"]),
        ("decides", "operative", "", ["2"])], {}),
    "empty p, conclusions with a date": (EMPTY_PARAGRAPHS, [
        ("recalling", "preambular", "", [""]),
        ("decides", "operative", "", ["1"])], {}),
    "statement with no preamble": (STATEMENT, [
        ("operative", "operative", "", ["", ""])], {}),
    "mainBody of hcontainers only": (HEADED_HCONTAINERS, [
        ("decides", "operative", "", ["1"])], {}),
}


def _words_of(xml: str) -> list[str]:
    """Every run of text in the file outside its metadata, white space collapsed."""
    root = etree.fromstring(xml.encode())
    runs = []
    for element in root.iter():
        if any(etree.QName(a).localname == "meta" for a in [element, *element.iterancestors()]):
            continue
        for text in (element.text, element.tail):
            if text and text.split():
                runs.append(" ".join(text.split()))
    return runs


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_akn_shape_is_read_right(tmp_path, case):
    xml, expected_sections, expected_notes = CASES[case]
    path = tmp_path / "r.xml"
    path.write_text(xml, encoding="utf-8")
    (source,) = read(path)
    document = parse_document(source)
    assert [(s.id, s.kind, s.part, [c.label for c in s.clauses]) for s in document.sections] == expected_sections
    assert {f.marker: f.clause for f in document.footnotes} == expected_notes
    text = " ".join(source.text.split())
    for words in _words_of(xml):
        assert words in text, f"lost: {words!r}"
    assert_covers_exactly_once(document)


def test_the_cases_were_found():
    assert len(CASES) >= 12


def test_a_part_clause_holds_its_own_words(tmp_path):
    path = tmp_path / "r.xml"
    path.write_text(OMNIBUS, encoding="utf-8")
    document = parse_document(read(path)[0])
    clauses = {c.id: c.text for c in document.clauses}
    assert clauses["i-having-considered"] == ("the report of the Secretary-General and the related report of the "
                                              "Advisory Committee,")
    assert clauses["ii-requests.2"] == "the Secretary-General to report thereon;"
    (requests,) = [s for s in document.sections if s.id == "ii-requests"]
    assert requests.addressees == ("Secretary-General of the United Nations",)   # (the UN's, not the ITU's)
    # the part's number and title are not clause text
    assert not any("Conditions of service" in text or text == "II" for text in clauses.values())


def test_an_annexed_declaration_has_its_heading_and_no_mandates(tmp_path):
    path = tmp_path / "r.xml"
    path.write_text(DECLARATION, encoding="utf-8")
    document = parse_document(read(path)[0])
    (annex,) = document.annexes
    assert annex.heading == "Political Declaration on HIV and AIDS"
    (section,) = [s for s in document.sections if s.part == "annex"]
    assert section.addressees == ()
    assert [c.text for c in section.clauses] == [
        "To end AIDS by 2030, we:", "Regret that the targets were not met;", "Reaffirm the 2030 Agenda,",
        "Reaffirm the Universal Declaration of Human Rights;"]


def test_table_rows_are_lines_of_their_own(tmp_path):
    path = tmp_path / "r.xml"
    path.write_text(TABLE_ANNEX, encoding="utf-8")
    assert "Member State\tRate\nAfghanistan\t0.007\nAlbania\t0.008" in read(path)[0].text
    path.write_text(TABLES, encoding="utf-8")
    (source,) = read(path)
    assert "Section 1\t100\nSection 2\t200\nTotal\t300\n" in source.text
    document = parse_document(source)
    assert [c.text for c in document.clauses if c.label == "1"] == ["the appropriations below:"]


def _part(number: str | None, frbr: str, body: str = "", attachments: str = "") -> str:
    doc_number = f"<docNumber>{number}</docNumber> " if number else ""
    meta = (f'<meta><identification source="#DGACM"><FRBRWork><FRBRthis value="/akn/un/statement/deliberation/unga/'
            f'2021-12-24/{frbr}/!main/"/><FRBRdate date="2021-12-24" name="adoption"/><FRBRauthor href="ga"/>'
            "</FRBRWork></identification></meta>") if frbr else ""
    return (f'<component><statement name="resolution">{meta}<preface><p>{doc_number}<docTitle refersTo='
            f'"#resolutionTitle">A part</docTitle></p></preface><preamble><formula name="enactingFormula"><p>The '
            f"General Assembly,</p></formula></preamble><mainBody>"
            f"{body or _paragraph('1.', 'Decides', 'to approve it.')}</mainBody>{attachments}</statement>"
            "</component>")


def _collection(symbol: str, number: str, inside: str = "", beside: str = "", body: str = "") -> str:
    return (f'<akomaNtoso xmlns="{NS}"><documentCollection name="publication">{_meta("76-245", "2021-12-24")}'
            f'<coverPage><p><docNumber refersTo="#symbol">{symbol}</docNumber></p></coverPage>'
            f"<preface><p><docNumber>{number}</docNumber> <docTitle>Questions relating to the budget</docTitle></p>"
            f"</preface><collectionBody>{body}</collectionBody>"
            + (f"<components>{inside}</components>" if inside else "") + "</documentCollection>"
            + (f"<components>{beside}</components>" if beside else "") + "</akomaNtoso>")


COLLECTIONS = {
    "parts lettered, beside the collection": (
        _collection("A/RES/76/84 A-B", "76/84.", beside=_part("A", "76-84A") + _part("B", "76-84B")),
        [("76-84A", "76/84 A", "A/RES/76/84 A", "2021-12-24-A"), ("76-84B", "76/84 B", "A/RES/76/84 B", "2021-12-24-B")]),
    "parts numbered I to III": (
        _collection("A/RES/76/245 I-III", "76/245.",
                    beside=_part("I", "76-245I") + _part("II", "76-245II") + _part("III", "76-245III")),
        [("76-245I", "76/245 I", "A/RES/76/245 I", "2021-12-24-I"),
         ("76-245II", "76/245 II", "A/RES/76/245 II", "2021-12-24-II"),
         ("76-245III", "76/245 III", "A/RES/76/245 III", "2021-12-24-III")]),
    "a part with no docNumber, named by its FRBR": (
        _collection("A/RES/76/84 A-B", "76/84.", beside=_part("A", "76-84A") + _part(None, "76-84B")),
        [("76-84A", "76/84 A", "A/RES/76/84 A", "2021-12-24-A"), ("76-84B", "76/84 B", "A/RES/76/84 B", "2021-12-24-B")]),
    "parts with no number and no FRBR, numbered by their place in the range": (
        _collection("A/RES/76/247 A-C", "76/247.", beside=_part("A", "76-247A") + _part(None, "") + _part(None, "")),
        [("76-247A", "76/247 A", "A/RES/76/247 A", "2021-12-24-A"),
         ("doc-2", "76/247 B", "A/RES/76/247 B", "2021-12-24-B"),
         ("doc-3", "76/247 C", "A/RES/76/247 C", "2021-12-24-C")]),
    "parts inside the collection and beside it": (
        _collection("A/RES/76/84 A-B", "76/84.", inside=_part("A", "76-84A"), beside=_part("B", "76-84B")),
        [("76-84A", "76/84 A", "A/RES/76/84 A", "2021-12-24-A"), ("76-84B", "76/84 B", "A/RES/76/84 B", "2021-12-24-B")]),
    "parts inline in the collection's body": (
        _collection("A/RES/76/84 A-B", "76/84.", body=_part("A", "76-84A") + _part("B", "76-84B")),
        [("76-84A", "76/84 A", "A/RES/76/84 A", "2021-12-24-A"), ("76-84B", "76/84 B", "A/RES/76/84 B", "2021-12-24-B")]),
    "a part's own annex stays the part's": (
        _collection("A/RES/76/84 A-B", "76/84.", beside=_part("A", "76-84A") + _part(
            "B", "76-84B", attachments=_annex('<paragraph><num>1.</num><content><p>We commit.</p></content>'
                                              "</paragraph>"))),
        [("76-84A", "76/84 A", "A/RES/76/84 A", "2021-12-24-A"), ("76-84B", "76/84 B", "A/RES/76/84 B", "2021-12-24-B")]),
}


@pytest.mark.parametrize("case", sorted(COLLECTIONS), ids=sorted(COLLECTIONS))
def test_a_resolution_in_parts_gives_a_document_per_part(tmp_path, case):
    xml, expected = COLLECTIONS[case]
    path = tmp_path / "parts.xml"
    path.write_text(xml, encoding="utf-8")
    documents = [parse_document(source) for source in read(path)]
    assert [(d.source.origin.rsplit("#", 1)[1], d.header.number, d.header.symbol, d.header.edition)
            for d in documents] == expected
    for document in documents:
        assert document.header.body == "unga"
        assert any(s.kind == "operative" and s.part == "" for s in document.sections)
        assert_covers_exactly_once(document)
    annexed = [d for d in documents if any(s.part == "annex" for s in d.sections)]
    assert len(annexed) == ("annex" in case)


def test_the_collection_cases_were_found():
    assert len(COLLECTIONS) >= 7



@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_akn_shape_clause_counts_equal_the_xml(tmp_path, case):
    """The count the corpus test makes of the UN's files, on each shape: the XML's own (preambular, operative,
    annex) clauses are the ones found."""
    from test_parse_corpus import _xml_clause_counts

    path = tmp_path / "r.xml"
    path.write_text(CASES[case][0], encoding="utf-8")
    document = parse_document(read(path)[0])
    found = (sum(len(s.clauses) for s in document.sections if s.kind == "preambular" and s.part != "annex"),
             sum(len(s.clauses) for s in document.sections if s.kind == "operative" and s.part != "annex"),
             sum(len(s.clauses) for s in document.sections if s.part == "annex"))
    statement = etree.fromstring(CASES[case][0].encode()).find(f"{{{NS}}}statement")
    assert found == _xml_clause_counts(statement)


def test_an_annexed_lists_italic_labels_stay_in_their_clause(tmp_path):
    path = tmp_path / "r.xml"
    path.write_text(SANCTIONS_LIST, encoding="utf-8")
    document = parse_document(read(path)[0])
    assert [c.text for s in document.sections if s.part == "annex" for c in s.clauses] == [
        "CHOE CHUN-SIK", "Description: Choe Chun-sik was the director of the Second Academy of Natural Sciences.",
        "A.k.a.: Choe Chun Sik"]
