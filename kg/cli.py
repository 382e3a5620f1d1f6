"""The ``kg`` command line: each subcommand wraps one library function; exit codes come from ``kg.errors``.

Exit codes: 0 success; 1 done, but something does not conform; 2 bad input (named on stderr, one line per
file; the other files are still processed); 3 a store or endpoint could not be reached.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg import __version__
from kg.errors import EXIT_BAD_INPUT, EXIT_OK, InputError
from kg.model import Document
from kg.parse import parse_document
from kg.parse.render import document_outline, write_document_json
from kg.readers import read


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
