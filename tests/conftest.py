"""Shared fixtures: where the seed and the shared corpus are, and skipping with a reason where it is absent."""

from __future__ import annotations

import atexit
import functools
import shutil
import tarfile
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "resolutions" / "wtsa-res-75-johannesburg-2008.txt"
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_FOLDERS = ("itu-pp18", "un-sc", "un-ga", "un-ga-80-pdftext")
DEMO = REPO / "data" / "un"   # the demo corpus: the UN's un-sc/, un-ga/ and un-ga-multipart/ files, in archives


def corpus_files(folder: str) -> list[Path]:
    """The files of one corpus folder of ../shared/corpus, or, where that is absent, of the demo corpus in data/
    (the UN's folders only); skips the test (with the reason) where neither holds them."""
    if (CORPUS / folder).is_dir():
        root = CORPUS
    elif (_demo_corpus() / folder).is_dir():
        root = _demo_corpus()
    else:
        pytest.skip(f"{folder} not found in the shared corpus at {CORPUS} nor in the demo corpus in {DEMO} (which "
                    "holds the UN's AKN files only: the ITU's texts may not be redistributed); place it there to run "
                    "this test")
    files = sorted(p for p in (root / folder).iterdir() if p.suffix in (".xml", ".md"))
    assert files, f"no files found in {root / folder}"
    return files


@functools.cache
def _demo_corpus() -> Path:
    """The demo corpus's archives unpacked once into a temporary folder (its members keep their folders)."""
    folder = Path(tempfile.mkdtemp(prefix="kg-demo-corpus-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for archive in sorted(DEMO.glob("*.tar.xz")):
        with tarfile.open(archive) as opened:
            opened.extractall(folder, filter="data")
    return folder


@pytest.fixture(scope="session")
def pp18_path() -> Path:
    return corpus_files("itu-pp18")[0]
