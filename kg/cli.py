"""The ``kg`` command line: each subcommand wraps one library function; exit codes come from ``kg.errors``.

Exit codes: 0 success; 1 done, but something does not conform; 2 bad input (named on stderr, one line per
file; the other files are still processed); 3 a store or endpoint could not be reached.
"""

from __future__ import annotations

import argparse
import sys
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg import __version__
from kg.errors import EXIT_BAD_INPUT, EXIT_NONCONFORMING, EXIT_OK, InputError
from kg.evaluate import read_gold, score_citations, score_report
from kg.model import Document
from kg.parse import parse_document
from kg.parse.render import document_outline, write_document_json
from kg.readers import read
from kg.resolve import citation_record, extract_citations


def _input_files(paths: Sequence[str]) -> Iterator[str]:
    """Each path as given; a directory stands for the files below it, in sorted order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("."))
        else:
            yield given


def parse_paths(paths: Sequence[str], errors: list[InputError]) -> Iterator[Document]:
    """Read and parse every file; a bad file is added to ``errors`` and the rest go on."""
    for path in _input_files(paths):
        try:
            sources = read(path)
        except InputError as error:
            errors.append(error)
            continue
        for source in sources:
            for warning in source.warnings:
                print(f"kg: warning: {warning}", file=sys.stderr)
            yield parse_document(source)


def _report(errors: list[InputError]) -> int:
    for error in errors:
        print(f"kg: error: {error}", file=sys.stderr)
    return EXIT_BAD_INPUT if errors else EXIT_OK


def command_parse(args: argparse.Namespace) -> int:
    errors: list[InputError] = []
    out = sys.stdout
    for document in parse_paths(args.paths, errors):
        if args.format == "json":
            write_document_json(document, out)
        else:
            out.write(document_outline(document) + "\n\n")
        out.flush()
    return _report(errors)


def command_extract(args: argparse.Namespace) -> int:
    errors: list[InputError] = []
    out = sys.stdout
    if args.format == "table":
        out.write("clause\twork\tedition\tpinpoint\ttext\n")
    for document in parse_paths(args.paths, errors):
        for citation in extract_citations(document):
            if args.format == "jsonl":
                out.write(json.dumps(citation_record(citation), ensure_ascii=False) + "\n")
            else:
                work = citation.work or f"(unresolved: {citation.reason})"
                out.write(f"{citation.clause or '-'}\t{work}\t{citation.edition or '-'}\t{citation.pinpoint or '-'}"
                          f"\t{' '.join(citation.text.split())}\n")
        out.flush()
    return _report(errors)


def command_eval(args: argparse.Namespace) -> int:
    errors: list[InputError] = []
    try:
        gold = read_gold(args.gold)
    except (InputError, OSError) as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    citations, documents = [], []
    for document in parse_paths(args.paths, errors):
        documents.append(document.source.origin)
        citations += extract_citations(document)
    score = score_citations(gold, citations, documents=documents)
    print(score_report(score))
    code = _report(errors)
    if code == EXIT_OK and args.min_f1 is not None and score.f1 < args.min_f1:
        return EXIT_NONCONFORMING
    return code


def command_stats(args: argparse.Namespace) -> int:
    errors: list[InputError] = []
    documents = sections = clauses = footnotes = 0
    for document in parse_paths(args.paths, errors):
        documents += 1
        sections += len(document.sections)
        clauses += len(document.clauses)
        footnotes += len(document.footnotes)
    print(f"{documents} documents, {sections} sections, {clauses} clauses, {footnotes} footnotes"
          f"{f', {len(errors)} files skipped' if errors else ''}")
    return _report(errors)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="A knowledge graph of what resolutions cite.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print each document's structure")
    parse.add_argument("paths", nargs="+", metavar="PATH")
    parse.add_argument("--format", choices=("json", "text"), default="json")
    parse.set_defaults(run=command_parse)
    extract = commands.add_parser("extract", help="print every citation, resolved to work keys")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    extract.set_defaults(run=command_extract)
    evaluate = commands.add_parser("eval", help="score extraction against a gold file")
    evaluate.add_argument("--gold", required=True, metavar="GOLD.jsonl")
    evaluate.add_argument("--min-f1", type=float, default=None, help="exit 1 when F1 is below this")
    evaluate.add_argument("paths", nargs="+", metavar="PATH")
    evaluate.set_defaults(run=command_eval)
    stats = commands.add_parser("stats", help="count documents, sections, clauses and footnotes")
    stats.add_argument("paths", nargs="+", metavar="PATH")
    stats.set_defaults(run=command_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
