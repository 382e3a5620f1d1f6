"""A stand-in for a real corpus of some thousands of documents: the shared corpus written several times over, each
copy's documents renumbered so that every document is a resolution of its own (not benchmark data shipped).

Copy k (from 1) of each folder of the shared corpus goes to ``OUT/{folder}-{k}/`` with each document's own number
raised by ``k * 10000``: in an AKN file the number in each ``<docNumber>`` (``S/RES/2086 (2013)`` becomes
``S/RES/12086 (2013)``, ``75/100.`` becomes ``75/10100.``, ``5 (REV. DUBAI, 2018)`` becomes ``10005 (REV. ...``),
in a Markdown file the ``symbol:`` of its front matter. Copy 0 is the corpus as it is. The per-document work is a
pure function of the bytes, so the copies cost what the originals cost; they name other works and give other
IRIs, so the store holds as many distinct nodes as a corpus of that size would.

Usage: python benchmarks/standin.py CORPUS_DIR OUT_DIR [--copies N]    (7 copies: about 3,450 documents, 140 MB)
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

_DOC_NUMBER = re.compile(r"(<docNumber\b[^>]*>)([^<]*)")
_LAST_NUMBER = re.compile(r"^((?:.*/)?)(\d+)")   # the first digits after the last "/" (or at the start)
_SYMBOL = re.compile(r"^(symbol:\s*\S*/)(\d+)", re.MULTILINE)


def renumbered(text: str, shift: int) -> str:
    """``text`` (an AKN file or a Markdown text) with its documents' own numbers raised by ``shift``.

    >>> renumbered('<docNumber refersTo="#symbol">S/RES/2086 (2013)</docNumber><docNumber>75/100.</docNumber>', 10000)
    '<docNumber refersTo="#symbol">S/RES/12086 (2013)</docNumber><docNumber>75/10100.</docNumber>'
    >>> renumbered("---\\nsymbol: A/RES/80/1\\n---\\n", 20000)
    '---\\nsymbol: A/RES/80/20001\\n---\\n'
    """
    def number(match: re.Match[str]) -> str:
        head, value = match.group(1), match.group(2)
        before, _, rest = value.partition(" (")   # "2086 (2013)": the year stays
        shifted = _LAST_NUMBER.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + shift}", before, count=1)
        return head + shifted + (f" ({rest}" if _ else "")

    text = _DOC_NUMBER.sub(number, text)
    return _SYMBOL.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + shift}", text)


def make_standin(corpus: Path, out: Path, copies: int) -> list[Path]:
    """Write ``copies`` copies of ``corpus`` (the first as it is) into ``out``; return the folders written."""
    folders = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for copy in range(copies):
            target = out / f"{folder.name}-{copy}"
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix in (".xml", ".md", ".txt"):
                    text = path.read_text(encoding="utf-8")
                    (target / path.name).write_text(renumbered(text, copy * 10000) if copy else text,
                                                    encoding="utf-8")
            folders.append(target)
    return folders


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=7)
    args = parser.parse_args()
    written = make_standin(args.corpus, args.out, args.copies)
    size = sum(p.stat().st_size for folder in written for p in folder.iterdir())
    print(f"wrote {len(written)} folders ({size / 1e6:.0f} MB) to {args.out}")
