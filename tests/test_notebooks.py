"""The notebooks run top to bottom on a fresh kernel; they are committed without outputs; the inline view needs
no network (the README's Python snippets: tests/test_readme.py)."""

from __future__ import annotations

import html
import re
import time

import nbformat
import pytest
from browser import Browser, require_browser
from conftest import REPO
from nbclient import NotebookClient

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_the_notebooks_were_found():
    assert [p.name for p in NOTEBOOKS] == ["explore.ipynb", "mandates.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} carries outputs"


@pytest.fixture(scope="module")
def executed():
    done = {}
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=900, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        done[path.name] = notebook
    return done


@pytest.mark.parametrize("name", ["explore.ipynb", "mandates.ipynb"])
def test_notebook_runs_without_error(executed, name):
    notebook = executed[name]
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert all(c.execution_count for c in notebook.cells if c.cell_type == "code")


def test_explore_answers(executed):
    cells = [c for c in executed["explore.ipynb"].cells if c.cell_type == "code"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("data", {}).get("text/html", ""))
                     for c in cells for o in c.outputs)
    assert "itu/pp/res/102" in text                       # what cites it, and the view of its neighbourhood
    assert "<i>considering</i>" in text and 'href="https://w3id.org/resolution-kg/id/itu/pp/res/71"' in text
    assert any("image/png" in o.get("data", {}) for c in cells for o in c.outputs), "no plot"


def test_inline_view_renders_without_network(executed, tmp_path):
    require_browser()
    outputs = [o for c in executed["explore.ipynb"].cells if c.cell_type == "code" for o in c.outputs
               if "<iframe srcdoc=" in str(o.get("data", {}).get("text/html", ""))]
    assert len(outputs) == 1
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', outputs[0]["data"]["text/html"]).group(1))
    (tmp_path / "inline.html").write_text(page, encoding="utf-8")
    browser = Browser()
    try:
        browser.open(tmp_path / "inline.html")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not browser.driver.execute_script("return window.kgSettled === true"):
            time.sleep(0.2)
        assert browser.driver.execute_script("return window.kgNodes.length") > 1
        assert [u for u in browser.requested_urls() if re.match(r"(?:https?|wss?)://", u)] == []
        assert browser.console_errors() == []
    finally:
        browser.close()

