"""``OUT/report.md``: the build's figures, most-cited instruments and every unresolved mention."""

from __future__ import annotations

from collections import Counter

from kg.job.result import BuildResult


def build_report(result: BuildResult, *, top: int = 20) -> str:
    """The Markdown report of a build."""
    documents = [d for f in result.files for d in f.documents]
    cited_by = Counter(work for d in documents for work in set(d.cited))
    mentions = Counter(work for d in documents for work in d.cited)
    lines = ["# resolution-kg build report", "",
             f"- documents: {len(documents)} (from {sum(1 for f in result.files if not f.error)} files)",
             f"- sections: {sum(d.sections for d in documents)}",
             f"- clauses: {sum(d.clauses for d in documents)}",
             (f"- citations: {sum(d.citations for d in documents)} "
             f"({sum(len(d.unresolved) for d in documents)} unresolved)"),
             f"- distinct instruments cited: {len(cited_by)}",
             f"- quads: {result.quads}"]
    un_documents = sum(1 for d in documents if d.work.startswith("un/"))
    if un_documents:   # the UN's terms of use ask that the United Nations be acknowledged as the source
        lines.append(f"- sources: United Nations ({un_documents} of the documents; unofficial copies)")
    lines.append("")
    if result.errors:
        lines += ["## Files skipped", ""] + [f"- {error}" for error in result.errors] + [""]
    lines += ["## Most-cited instruments", "", "| instrument | citing documents | citations |", "|---|---:|---:|"]
    lines += [f"| `{work}` | {count} | {mentions[work]} |" for work, count in
              sorted(cited_by.items(), key=lambda item: (-item[1], -mentions[item[0]], item[0]))[:top]]
    reasons = Counter(reason.split(": ", 1)[-1] for d in documents for _, reason in d.unresolved)
    lines += ["", "## Unresolved mentions", "", "| reason | mentions |", "|---|---:|"]
    lines += [f"| {reason} | {count} |" for reason, count in reasons.most_common()]
    lines += ["", "| document | mention | reason |", "|---|---|---|"]
    lines += [f"| {d.doc} | {text.replace('|', '/')} | {reason.replace('|', '/')} |"
              for d in documents for text, reason in d.unresolved]
    return "\n".join(lines) + "\n"
