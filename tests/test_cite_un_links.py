"""Citation extraction measured against the UN's own links in ../shared/corpus/un-sc and un-ga."""

from __future__ import annotations

import pytest
from conftest import corpus_files
from un_links import linked_works, scoped

from kg.parse import parse_document
from kg.readers import read
from kg.resolve import extract_citations


@pytest.fixture(scope="module")
def measured():
    true_positive = false_positive = false_negative = 0
    misses, false_hits = [], []
    for path in corpus_files("un-sc") + corpus_files("un-ga"):
        gold = linked_works(path)
        if not gold:
            continue   # a file with no links has no answer key
        (source,) = read(path)
        found = scoped({c.work for c in extract_citations(parse_document(source)) if c.work}, gold)
        true_positive += len(found & gold)
        false_positive += len(found - gold)
        false_negative += len(gold - found)
        misses += [(path.name, work) for work in sorted(gold - found)]
        false_hits += [(path.name, work) for work in sorted(found - gold)]
    return true_positive, false_positive, false_negative, misses, false_hits


def test_recall_against_un_links(measured):
    tp, _, fn, misses, _ = measured
    assert tp > 3000, "too few linked citations compared"
    recall = tp / (tp + fn)
    assert recall >= 0.985, f"recall {recall:.3f}; first misses: {misses[:20]}"


def test_precision_against_un_links(measured):
    tp, fp, _, _, false_hits = measured
    precision = tp / (tp + fp)
    assert precision >= 0.98, f"precision {precision:.3f}; first false hits: {false_hits[:20]}"
