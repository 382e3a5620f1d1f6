"""Over the whole shared corpus: each mention names the clause (or the footnote's clause) that holds its start."""

from __future__ import annotations

import pytest
from conftest import CORPUS_FOLDERS, corpus_files

from kg.cite import find_mentions
from kg.parse import parse_document
from kg.readers import read


def _holder(document, offset):
    """The clause id at ``offset``, found by looking at every clause and footnote in turn."""
    for section in document.sections:
        for clause in section.clauses:
            if clause.start <= offset < clause.end:
                return clause.id
    return next((footnote.clause for footnote in document.footnotes if footnote.start <= offset < footnote.end), None)


@pytest.mark.parametrize("folder", CORPUS_FOLDERS)
def test_each_mention_is_in_the_clause_that_holds_it(folder):
    in_clauses = in_footnotes = 0
    for path in corpus_files(folder):
        for source in read(path):
            document = parse_document(source)
            for mention in find_mentions(document):
                assert mention.clause == _holder(document, mention.start), (source.origin, mention)
                in_clauses += mention.clause is not None
                in_footnotes += any(f.start <= mention.start < f.end for f in document.footnotes)
    assert in_clauses > 50
    if folder != "un-ga-80-pdftext":
        assert in_footnotes > 0, "no mention in a footnote: the footnote look-up went untested"
