"""Citation extraction against the hand-made gold: the seed and 17 PP-18 statements, written by reading them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, corpus_files

from kg.evaluate import read_gold, score_citations, score_report
from kg.parse import parse_document
from kg.readers import read
from kg.resolve import extract_citations

GOLD = Path(__file__).parent / "golden" / "citations" / "itu.jsonl"


def test_seed_gives_exactly_the_expected_citations():
    (source,) = read(SEED)
    found = [(c.work, c.edition, c.pinpoint) for c in extract_citations(parse_document(source))]
    expected_works = {"itu/pp/res/71", "itu/pp/res/101", "itu/pp/res/102", "itu/pp/res/130", "itu/pp/res/133",
                      "itu/pp/res/140", "itu/pp/dec/9", "itu/council/res/1282", "wsis/tunis-agenda"}
    assert {work for work, _, _ in found} == expected_works
    assert {(w, e) for w, e, _ in found if w.startswith("itu/pp/")} == {(w, "pp-06") for w in expected_works
                                                                           if w.startswith("itu/pp/")}
    assert [p for w, _, p in found if w == "wsis/tunis-agenda"] == ["§ 35 a)-e)", "§ 68", "§ 69", "§ 70", "§ 71"]
    assert [p for w, _, p in found if w == "itu/council/res/1282"] == [None, "Annex", None, None]   # ("the Annex to")
    texts = [c.text for c in extract_citations(parse_document(source))]
    assert not any("Plenipotentiary Conference (Antalya, 2006)" == t or "WSIS outcomes" in t or "this resolution" in t
                   for t in texts)


def test_itu_gold_f1_and_edition_accuracy():
    gold = read_gold(GOLD)
    assert len({row["doc"] for row in gold}) == 18
    documents, citations = [], []
    for path in [SEED, *corpus_files("itu-pp18")]:
        for source in read(path):
            documents.append(source.origin)
            citations += extract_citations(parse_document(source))
    score = score_citations(gold, citations, documents=documents)
    assert score.true_positives + score.false_negatives == sum(1 for _ in {(r["doc"], r["work"]) for r in gold
                                                                           if r["work"]})
    assert score.f1 >= 0.97, score_report(score)
    assert score.edition_accuracy >= 0.95, score_report(score)


@pytest.mark.parametrize("bad_line", ['{"work": "x"}', "not json", '{"doc": "a.txt"}'])
def test_bad_gold_line_names_the_line(tmp_path, bad_line):
    from kg.errors import InputError
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc": "a.txt", "work": null}\n' + bad_line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"{path}:2:"):
        read_gold(path)


def test_the_gold_of_files_not_given_is_not_scored(capsys):
    """kg eval of the seed alone against the whole gold file: the PP-18 statements' gold is said, not missed."""
    from kg.cli import main

    assert main(["eval", "--gold", str(GOLD), str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("precision 1.000  recall 1.000  F1 1.000"), out
    assert "gold documents not among those read, not scored" in out
