"""Scoring extraction against a gold file: per document, the set of cited work keys.

Precision, recall and F1 are micro-averaged over the documents the gold file covers; edition accuracy is
measured on the matched works whose gold entry states an edition. A gold document matches an extracted one when
the extracted ``doc`` ends with the gold ``doc`` (gold files name documents by file name, or ``FILE#ID`` in a
collection). A gold line with ``"work": null`` says that its document cites nothing; documents the gold file
does not name are not scored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.model import Citation
from kg.wording import counted


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates of one evaluation, with every miss and false hit listed as (doc, work)."""

    true_positives: int
    false_positives: int
    false_negatives: int
    editions_right: int
    editions_checked: int
    misses: tuple[tuple[str, str], ...] = field(default=())
    false_hits: tuple[tuple[str, str], ...] = field(default=())
    edition_errors: tuple[tuple[str, str, str, str], ...] = field(default=())
    not_read: tuple[str, ...] = field(default=())   # gold documents that were not among those read: not scored

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def edition_accuracy(self) -> float:
        return self.editions_right / self.editions_checked if self.editions_checked else 1.0


def read_gold(path: str | Path) -> list[dict[str, object]]:
    """Gold citations, one JSON object per line with at least ``doc`` and ``work`` (``edition`` optional)."""
    rows = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(str(path), f"not JSON: {error.msg}", line=number) from None
            except RecursionError:   # (Python's JSON parser recurses: "[" a hundred thousand deep)
                raise InputError(str(path), "JSON nested too deeply", line=number) from None
            if not isinstance(row, dict) or not isinstance(row.get("doc"), str) or "work" not in row:
                raise InputError(str(path), "a gold line needs 'doc' and 'work'", line=number)
            rows.append(row)
    return rows


def score_citations(gold: Iterable[dict[str, object]], citations: Iterable[Citation], *,
                    documents: Iterable[str] | None = None) -> Score:
    """Compare the works cited per gold document; ``documents`` names every extracted doc (some cite nothing)."""
    expected: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in gold:
        works = expected[str(row["doc"])]
        if row["work"] is None:
            continue
        editions = works[str(row["work"])]
        if row.get("edition"):
            editions.add(str(row["edition"]))
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for citation in citations:
        if citation.work is not None:
            editions = found[citation.doc][citation.work]
            if citation.edition:
                editions.add(citation.edition)
    extracted_docs = sorted(set(documents or ()) | set(found))
    pairs: list[tuple[str, dict[str, set[str]], dict[str, set[str]]]] = []
    not_read = []
    for gold_doc, gold_works in expected.items():
        matches = [doc for doc in extracted_docs if doc == gold_doc or doc.endswith("/" + gold_doc)]
        if not matches and documents is not None:
            not_read.append(gold_doc)   # (the gold of a file not given is no miss of the files given)
            continue
        pairs.append((gold_doc, gold_works, found.get(matches[0], {}) if matches else {}))
    tp = fp = fn = right = checked = 0
    misses, false_hits, edition_errors = [], [], []
    for name, gold_works, found_works in sorted(pairs, key=lambda pair: pair[0]):
        for work in sorted(gold_works):
            if work in found_works:
                tp += 1
                if gold_works[work]:
                    checked += 1
                    if found_works[work] == gold_works[work]:
                        right += 1
                    else:
                        edition_errors.append((name, work, ",".join(sorted(gold_works[work])),
                                               ",".join(sorted(found_works[work])) or "-"))
            else:
                fn += 1
                misses.append((name, work))
        for work in sorted(set(found_works) - set(gold_works)):
            fp += 1
            false_hits.append((name, work))
    return Score(tp, fp, fn, right, checked, tuple(misses), tuple(false_hits), tuple(edition_errors),
                 tuple(sorted(not_read)))


def score_report(score: Score) -> str:
    """The figures and every miss, false hit and wrong edition, for a person to read."""
    lines = [(f"precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}  "
             f"edition accuracy {score.edition_accuracy:.3f} ({score.editions_right}/{score.editions_checked})"),
             (f"true positives {score.true_positives}, false positives {score.false_positives}, "
             f"false negatives {score.false_negatives}")]
    if score.not_read:
        lines.append(f"{counted(len(score.not_read), 'gold document')} not among those read, not scored "
                     f"(give their files too): {', '.join(score.not_read[:5])}{' ...' if len(score.not_read) > 5 else ''}")
    lines += [f"miss       {doc}  {work}" for doc, work in score.misses]
    lines += [f"false hit  {doc}  {work}" for doc, work in score.false_hits]
    lines += [f"edition    {doc}  {work}  expected {want}, found {got}" for doc, work, want, got in score.edition_errors]
    return "\n".join(lines)
