"""``OUT/report.md``: the build's figures, most-cited instruments and every unresolved mention."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kg.job.cache import DocumentSummary
from kg.job.result import BuildResult
from kg.wording import counted


def build_report(result: BuildResult, *, top: int = 20) -> str:
    """The Markdown report of a build."""
    documents = [d for f in result.files for d in f.documents]
    cited_by = Counter(work for d in documents for work in set(d.cited))
    mentions = Counter(work for d in documents for work in d.cited)
    files = sum(1 for f in result.files if not f.error)
    unresolved = sum(len(d.unresolved) for d in documents)
    all_mentions = sum(d.citations for d in documents)
    lines = ["# resolution-kg build report", "",
             (f"- documents: {len(documents)}, read from {counted(files, 'file')} (a file may hold several: a "
             "collection, an archive, the parts of a resolution adopted in parts)"),
             f"- sections: {sum(d.sections for d in documents)}",
             f"- clauses: {sum(d.clauses for d in documents)}",
             (f"- mentions of instruments: {all_mentions}: {counted(all_mentions - unresolved, 'citation')} resolved to an "
             f"instrument (`kg stats`: citations), {unresolved} unresolved (`kg stats`: unresolved mentions)"),
             (f"- instruments cited: {len(cited_by)} (works: an instrument counts once, whichever of its editions "
             "are cited)"),
             (f"- quads: {result.quads} (the documents' graphs, the shared graph and the ontology; `graph.nq` and the "
             "store also hold the network's scores, which `kg stats` counts)")]
    un_documents = sum(1 for d in documents if d.work.startswith("un/"))
    if un_documents:   # the UN's terms of use ask that the United Nations be acknowledged as the source
        lines.append(f"- sources: United Nations ({un_documents} of the documents; unofficial copies)")
    lines.append("")
    if result.errors:
        lines += ["## Files skipped", ""] + [f"- {error}" for error in result.errors] + [""]
    lines += ["## Most-cited instruments", "", "| instrument | citing documents | citations |", "|---|---:|---:|"]
    lines += [f"| `{work}` | {count} | {mentions[work]} |" for work, count in
              sorted(cited_by.items(), key=lambda item: (-item[1], -mentions[item[0]], item[0]))[:top]]
    lines += ["", "## Unresolved mentions", ""]
    if not unresolved:   # (two empty tables read as a report cut short)
        lines.append("None: every mention was resolved to an instrument.")
    else:
        lines += [*unresolved_table(documents), "", "| document | mention | reason |", "|---|---|---|"]
        lines += [f"| {d.doc} | {_cell(text)} | {_cell(reason)} |"
                  for d in documents for text, reason, *_ in d.unresolved]
    return "\n".join(lines) + "\n"


def unresolved_table(documents: Sequence[DocumentSummary]) -> list[str]:
    """The unresolved mentions counted by the code of their reason (``kg.resolve.Unresolved``), the most frequent
    first, each with its first mention as an example: one row per code, whatever the messages name (an organ, an
    edition), so the table stays short and its rows the same from one corpus to another.

    >>> from kg.job.cache import DocumentSummary
    >>> document = DocumentSummary("a.xml", "un/A/RES/1", 0, 0, 3, (), (
    ...     ("resolution 51/2", "resolution 51/2: a resolution of the Commission on the Status of Women, an organ "
    ...      "with no known series", "organ-without-series"),
    ...     ("resolution 8/10", "resolution 8/10: a resolution of the Conference of the States Parties, an organ "
    ...      "with no known series", "organ-without-series"),
    ...     ("resolution 1112", "resolution 1112: Security Council resolution cited without its year", "without-year")))
    >>> print("\\n".join(unresolved_table([document])))
    | reason | mentions | for example |
    |---|---:|---|
    | `organ-without-series` | 2 | resolution 51/2: a resolution of the Commission on the Status of Women, an organ with no known series (a.xml) |
    | `without-year` | 1 | resolution 1112: Security Council resolution cited without its year (a.xml) |
    """
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for document in documents:
        for _, reason, *code in document.unresolved:
            key = (code[0] if code else "") or "other"
            counts[key] += 1
            examples.setdefault(key, f"{reason} ({document.doc})")
    return ["| reason | mentions | for example |", "|---|---:|---|",
            *(f"| `{code}` | {count} | {_cell(examples[code])} |"
              for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))]


def _cell(text: str) -> str:
    """``text`` as one cell of a Markdown table (a ``|`` would end it, a line break the row)."""
    return " ".join(text.split()).replace("|", "/")
