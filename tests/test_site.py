"""The offline site (``kg site``): every page escaped, every local link found, nothing requested from the network,
and a reader's way through it in a real headless Chromium: index -> search -> the Charter -> a citing
resolution -> one of its citation links."""

from __future__ import annotations

import re
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import Browser, require_browser
from conftest import CORPUS, REPO, SEED
from documents import HOSTILE, HOSTILE_DOC

from kg.cli import main
from kg.job import build_graph
from kg.site import write_site

ARTIFACTS = REPO / "test-artifacts"
# a General Assembly text in the layout of the UN's PDF extracts (front matter, then the text as printed)
GA_DOC = f"""---
symbol: A/RES/99/7
title: "A title with {HOSTILE}"
date: "2024-12-04"
---

Resolution adopted by the General Assembly on 4 December 2024

99/7. A title with {HOSTILE}

The General Assembly,

Guided by the purposes and principles of the Charter of the United Nations,

Recalling its resolution 70/1 of 25 September 2015, and {HOSTILE},

1. Requests the Secretary-General to report on the implementation of resolution 70/1 and of Article 55 of
the Charter of the United Nations;

2. Decides to remain seized of the matter.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("inputs")
    (inputs / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "hostile.txt").write_text(HOSTILE_DOC, encoding="utf-8")
    (inputs / "A_RES_99_7.md").write_text(GA_DOC, encoding="utf-8")
    out = tmp_path_factory.mktemp("site") / "out"
    build_graph([inputs], out, progress=False, workers=1)
    result = write_site(out)
    return out, result


def _pages(root: Path) -> list[Path]:
    pages = sorted(root.rglob("*.html"))
    assert pages, f"no pages under {root}"
    return pages


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_site_has_a_page_for_each_document_and_cited_instrument(site):
    out, result = site
    root = out / "site"
    assert (root / "index.html").is_file() and (root / "overview.html").is_file()
    assert result.documents == 3 == len(list((root / "doc").glob("*.html")))
    assert result.instruments == len(list((root / "work").glob("*.html"))) > 0
    charter = [p for p in (root / "work").glob("*.html") if "charter" in p.name]
    assert len(charter) == 1
    page = charter[0].read_text(encoding="utf-8")
    assert "What cites it" in page and "A/RES/99/7" in page


def test_index_counts_the_instruments_cited_as_the_report_does(site):
    """(the index counted every node of the network, the citing documents no one cites among them: "citations of
    2643 instruments" beside the report's 2471)"""
    out, _ = site
    reported = re.search(r"- instruments cited: (\d+)", (out / "report.md").read_text(encoding="utf-8"))
    index = re.search(r"citations? of (\d+) instruments?", (out / "site" / "index.html").read_text(encoding="utf-8"))
    assert reported and index and index.group(1) == reported.group(1)


def test_every_local_link_leads_somewhere(site):
    out, _ = site
    pages = _pages(out / "site")
    parsed = {page.resolve(): _parse(page) for page in pages}
    checked = 0
    broken = []
    for page, parser in parsed.items():
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                assert parts.netloc == "undocs.org", (page, link)     # a link to the UN's own copy, never a load
                continue
            if parts.scheme == "file":
                target = Path(unquote(parts.path))
            elif parts.scheme == "" and parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
            elif parts.scheme == "" and parts.fragment:
                target = page
            else:
                broken.append((page, link))
                continue
            checked += 1
            if not target.exists() or parts.fragment and target.suffix == ".html" and parts.fragment not in parsed[target.resolve()].ids:
                broken.append((page, link))
    assert checked > 50
    assert broken == []


def test_pages_link_both_ways(site):
    out, _ = site
    root = out / "site"
    ga = next((root / "doc").glob("un_A_RES_99_7*.html"))
    charter = next((root / "work").glob("un_charter*.html"))
    assert f"../work/{charter.name}" in _parse(ga).links
    assert any(link.startswith(f"../doc/{ga.name}#") for link in _parse(charter).links)


def test_every_text_is_escaped_and_nothing_loads_from_the_network(site):
    out, _ = site
    root = out / "site"
    for page in [*_pages(root), root / "assets" / "search-index.js"]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text and "<img src=x" not in text, page
        assert not re.search(r"""\bsrc\s*=\s*["']?(?:https?:)?//""", text), page
        if page.suffix == ".html":
            assert "Content-Security-Policy" in text and "default-src 'none'" in text, page


def test_reading_page_marks_mandates_and_links_undocs(site):
    out, _ = site
    page = next((out / "site" / "doc").glob("un_A_RES_99_7*.html")).read_text(encoding="utf-8")
    assert 'href="https://undocs.org/en/A/RES/70/1"' in page
    assert re.search(r'class="mandate">Mandate: <b>requests</b> → <span class="addressee">Secretary-General', page)


def test_kg_site_command(site, capsys):
    out, _ = site
    assert main(["site", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "index.html" in printed and "pages" in printed and "MB" in printed
    assert main(["site", str(out / "nothing-here")]) == 3   # (a store that cannot be opened, as for every command)


def _wait(browser: Browser, condition: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if browser.driver.execute_script(f"return !!({condition})"):
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {condition}")


def _no_request_left_file(browser: Browser) -> None:
    urls = browser.requested_urls()      # (Chromium's own chrome:// pages are not the site's)
    assert any(url.startswith("file://") for url in urls)
    leaving = [url for url in urls if not url.startswith(("file://", "chrome://", "data:", "about:"))]
    assert leaving == []


def test_reader_goes_from_search_to_a_citation(site):
    require_browser()
    out, _ = site
    root = out / "site"
    browser = Browser()
    try:
        browser.open(root / "index.html")
        driver = browser.driver
        search = driver.find_element("id", "search")
        search.send_keys("Charter")
        _wait(browser, "document.querySelectorAll('#results a.result').length > 0")
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "site-search.png"))
        results = driver.find_elements("css selector", "#results a.result")
        charter = next(link for link in results if link.text == "UN Charter")
        charter.click()
        _wait(browser, "document.title === 'UN Charter' && window.kgSettled === true")
        driver.save_screenshot(str(ARTIFACTS / "site-charter.png"))
        citing = driver.find_elements("css selector", "ul.cited-by a")
        assert citing, "the Charter's page lists nothing that cites it"
        next(link for link in citing if link.text.startswith("A/RES/99/7")).click()
        _wait(browser, "document.title.indexOf('A/RES/99/7') === 0 && window.kgSettled === true")
        assert HOSTILE in driver.execute_script("return document.body.innerText")     # shown as text
        driver.save_screenshot(str(ARTIFACTS / "site-document.png"))
        cite = next(link for link in driver.find_elements("css selector", "a.cite") if "70/1" in link.text)
        cite.click()
        _wait(browser, "document.title.indexOf('A/RES/70/1') === 0")
        assert driver.execute_script("return window.__alerts.length") == 0
        assert browser.console_errors() == []
        _no_request_left_file(browser)
    finally:
        browser.close()


def test_every_page_opens_in_chromium_without_a_request_or_an_error(site):
    require_browser()
    out, _ = site
    browser = Browser()
    try:
        pages = _pages(out / "site")
        for page in pages:
            browser.open(page)
            if browser.driver.execute_script("return !!document.getElementById('network')"):
                _wait(browser, "window.kgSettled === true")
            assert browser.driver.execute_script("return window.__alerts.length") == 0, page
            assert browser.console_errors() == [], page
        _no_request_left_file(browser)
    finally:
        browser.close()


def test_graph_site_writes_the_same_site(site):
    from kg.api import KnowledgeGraph
    out, result = site
    index = KnowledgeGraph(out).site()
    assert index == out / "site" / "index.html" and index.is_file()
    assert len(list((out / "site").rglob("*.html"))) == result.pages


def test_a_document_read_from_an_archive_shows_its_footnotes_and_links_its_archive(tmp_path):
    text = ("---\nsymbol: A/RES/99/8\ndate: \"2024-12-05\"\n---\n\n99/8. Archived\n\nThe General Assembly,\n\n"
            "Reaffirming the 2030 Agenda for Sustainable Development,[^1]\n\n1. Decides to act.\n\n---\n\n"
            "[^1]: Resolution 70/1, a note read back from the archive.\n")
    archive = tmp_path / "ga.zip"
    with zipfile.ZipFile(archive, "w") as members:
        members.writestr("A_RES_99_8.md", text)
    out = tmp_path / "out"
    build_graph([archive], out, progress=False, workers=1)
    write_site(out)
    pages = [page.read_text(encoding="utf-8") for page in _pages(out / "site")]
    with_note = [page for page in pages if "a note read back from the archive" in page]
    assert len(with_note) == 1
    assert archive.resolve().as_uri() in with_note[0]


def test_each_part_of_a_resolution_adopted_in_parts_is_named_by_its_part(tmp_path):
    """(both parts of A/RES/75/101 were headed "A/RES/75/101", their pages told apart only by their titles)"""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "75_101A-B_E.xml").write_bytes((CORPUS / "un-ga-multipart" / "75_101A-B_E.xml").read_bytes())
    build_graph([inputs], tmp_path / "out", progress=False, workers=1)
    write_site(tmp_path / "out")
    pages = sorted((tmp_path / "out" / "site" / "doc").glob("*.html"))
    assert len(pages) == 2, pages
    headings = [re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8")).group(1) for page in pages]
    assert headings == ["A/RES/75/101 A", "A/RES/75/101 B"]
    search = (tmp_path / "out" / "site" / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert '"n": "A/RES/75/101 A"' in search and '"n": "A/RES/75/101 B"' in search
