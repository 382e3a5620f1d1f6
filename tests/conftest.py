"""Shared fixtures: where the seed and the shared corpus are, and skipping with a reason where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "resolutions" / "wtsa-res-75-johannesburg-2008.txt"
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_FOLDERS = ("itu-pp18", "un-sc", "un-ga", "un-ga-80-pdftext")


def corpus_files(folder: str) -> list[Path]:
    """The files of one corpus folder; skips the test (with the reason) where ../shared/corpus is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}: real ITU/UN texts are not redistributed with "
                    "the project; place them there to run this test")
    files = sorted(p for p in (CORPUS / folder).iterdir() if p.suffix in (".xml", ".md"))
    assert files, f"no files found in {CORPUS / folder}"
    return files


@pytest.fixture(scope="session")
def pp18_path() -> Path:
    return corpus_files("itu-pp18")[0]
