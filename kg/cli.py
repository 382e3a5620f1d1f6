"""The ``kg`` command line: each subcommand wraps one library function; exit codes come from ``kg.errors``.

Exit codes: 0 success; 1 done, but something does not conform; 2 bad input (named on stderr, one line per
file; the other files are still processed); 3 a store or endpoint could not be reached, or another command is
writing the folder (``kg.job.lock``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kg import __version__
from kg.errors import EXIT_BAD_INPUT, EXIT_NONCONFORMING, EXIT_OK, BusyError, InputError, KgError, UnreachableError
from kg.wording import counted, did_you_mean, printable

if TYPE_CHECKING:
    from kg.model import Citation, Document
    from kg.store.folder import Needs

# Each command imports what it needs when it runs (the readers, the parser, rdflib, the store, networkx, pandas,
# pyvis): `kg --help` and the commands that only ask the store do not pay for the others' imports.
# (kg.readers.MAX_FILE_SIZE, which a test holds equal; argparse passes a string default through its type)
_MAX_FILE_SIZE = "64M"
_MAX_FILE_SECONDS = 300.0   # (kg.job.worker.MAX_FILE_SECONDS, not imported: the CLI starts without kg.job)


def parse_paths(paths: Sequence[str], errors: list[InputError], *,
                extract: bool = False) -> Iterator[tuple[Document, list[Citation]]]:
    """Read and parse every file (and with ``extract``, find its citations); a bad file is added to ``errors``
    and the rest go on: whatever one file raises is its error (a bug says so, with the exception's type), and
    one document of several (an archive's member, one of a collection's) that fails is its own error, as in a
    build. The documents of a file come one by one (a file of thousands is never held whole)."""
    from kg.job.inputs import input_files
    from kg.parse import parse_document, split_documents_of
    from kg.readers import read_sources
    from kg.resolve import extract_citations
    skipped: list[str] = []   # (what was passed over: the links in folders, an archive inside an archive)
    for path in (str(p) for p in input_files(paths, skipped=skipped)):
        _say_all("warning", skipped)
        try:
            # (an archive's members one at a time; one that cannot be read is an error, the others go on)
            for read_source in read_sources(path, errors=errors, warnings=skipped):
                _say_all("warning", skipped)
                for source in split_documents_of(read_source, whole=path, failed=errors):
                    for warning in source.warnings:
                        _say("warning", warning)
                    try:
                        document = parse_document(source)
                        citations = extract_citations(document) if extract else []
                    except Exception as error:
                        if source.origin == path:   # (the file's only document: the file's error)
                            raise
                        errors.append(InputError.of_document(source.origin, error))
                        continue
                    yield document, citations
        except InputError as error:
            errors.append(error)
        except Exception as error:   # noqa: BLE001 (a bug: said so, with its type, and the other files go on)
            errors.append(InputError.from_bug(path, error))
    _say_all("warning", skipped)


def _say_all(kind: str, messages: list[str]) -> None:
    for message in messages:
        _say(kind, message)
    messages.clear()


def _report(errors: list[InputError]) -> int:
    for error in errors:
        _say("error", error)
    return EXIT_BAD_INPUT if errors else EXIT_OK


def command_parse(args: argparse.Namespace) -> int:
    from kg.parse.render import outline_text, write_document_json
    errors: list[InputError] = []
    out = sys.stdout
    with _until_the_reader_stops():
        for document, _ in parse_paths(args.paths, errors):
            if args.format == "json":
                write_document_json(document, out)
            else:
                out.write("\n".join(map(printable, outline_text(document).split("\n"))) + "\n\n")
            out.flush()
    return _report(errors)


def command_extract(args: argparse.Namespace) -> int:
    from kg.resolve import citation_record
    errors: list[InputError] = []
    out = sys.stdout
    with _until_the_reader_stops():
        if args.format == "table":
            out.write("clause\twork\tedition\tpinpoint\ttext\n")
        for _, found in parse_paths(args.paths, errors, extract=True):
            for citation in found:
                if args.format == "jsonl":
                    out.write(json.dumps(citation_record(citation), ensure_ascii=False) + "\n")
                else:
                    work = citation.work or f"(unresolved: {citation.reason})"
                    out.write(printable(f"{citation.clause or '-'}\t{work}\t{citation.edition or '-'}\t"
                                        f"{citation.pinpoint or '-'}\t{' '.join(citation.text.split())}") + "\n")
            out.flush()
    return _report(errors)


def command_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import read_gold, score_citations, score_report
    errors: list[InputError] = []
    try:
        gold = read_gold(args.gold)
    except InputError as error:
        _say("error", error)
        return EXIT_BAD_INPUT
    except OSError as error:
        _say("error", InputError(args.gold, f"cannot read the gold file of --gold ({error.strerror or error})"))
        return EXIT_BAD_INPUT
    citations, documents = [], []
    for document, found in parse_paths(args.paths, errors, extract=True):
        documents.append(document.source.origin)
        citations += found
    score = score_citations(gold, citations, documents=documents)
    print(score_report(score))
    code = _report(errors)
    if code == EXIT_OK and args.min_f1 is not None and score.f1 < args.min_f1:
        return EXIT_NONCONFORMING
    return code


def command_build(args: argparse.Namespace) -> int:
    from kg.job import build_graph
    client = _dask_client(args.scheduler) if args.scheduler else None
    try:
        result = build_graph(args.inputs or ["data"], args.out, workers=args.workers, progress=not args.quiet,
                             doc_views=args.doc_views, executor=client.get_executor() if client else None,
                             max_file_size=args.max_file_size, max_worker_memory=args.max_worker_memory,
                             max_file_seconds=args.max_file_seconds or None)
    finally:
        if client is not None:
            client.close()
    for warning in (*result.warnings, *(warning for f in result.files for warning in f.warnings)):
        _say("warning", warning)
    for error in result.errors:
        _say("error", error)
    if args.optimize:
        _optimize(result.out, quiet=args.quiet)
    print(build_summary(result, doc_views=args.doc_views))
    for line in result.editions_with_two_texts:   # (last: what the user must act on; the graph will not conform)
        _say("warning", line)
    return EXIT_BAD_INPUT if result.errors else EXIT_NONCONFORMING if result.editions_with_two_texts else EXIT_OK


def build_summary(result, *, doc_views: bool = False) -> str:
    """What ``kg build`` says it did: documents (a file may hold several) from files, the citations, and where the
    outputs are; with ``doc_views``, how many resolution views were drawn and why that is not one per document."""
    files = [f for f in result.files if f.error is None]
    summaries = [d for f in files for d in f.documents]
    cached = sum(1 for f in files if not f.reparsed)
    mentions = sum(d.citations for d in summaries)
    unresolved = sum(len(d.unresolved) for d in summaries)
    # (an error is a file skipped, or one document of a file of several not built: an archive's member, say)
    unbuilt = sum(len(f.member_errors) for f in files)
    skipped = "".join(f", {counted(number, what)} {said}" for number, what, said in (
        (len(result.errors) - unbuilt, "file", "skipped"), (unbuilt, "document", "not built")) if number)
    lines = [(f"built {counted(len(summaries), 'document')} from {counted(len(files), 'file')} "
             f"({len(files) - cached} parsed, {cached} from the cache{skipped}): "
             f"{counted(mentions - unresolved, 'citation')} of "
             f"{counted(len({w for d in summaries for w in d.cited}), 'instrument')}, "
             f"{counted(unresolved, 'mention')} unresolved; into {result.out}:")]
    lines += [f"  {result.out / name}" for name in ("graph.nq", "store/", "report.md", "metrics.csv",
                                                    "views/overview.html", "manifest.json")]
    if doc_views:
        from kg.job.scoring import document_views
        views = document_views(result.files)
        shared = len(summaries) - len(views)
        lines.append(f"  {result.out / 'views' / 'doc'}/ ({counted(len(views), 'view')}, one per edition of each "
                     "document's work" + (f"; {counted(shared, 'document')} the same work and edition as another, "
                                          "drawn once" if shared else "") + ")")
    return "\n".join(lines)


def _dask_client(address: str):
    """A client of the dask.distributed scheduler at ``address``: its executor runs the per-file work on the
    cluster's workers (which must see the inputs and the output folder at the same paths)."""
    try:
        from distributed import Client
    except ImportError:
        raise KgError("--scheduler needs dask.distributed: pip install 'resolution-kg[dask]'") from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise UnreachableError(f"{address}: cannot reach the dask scheduler ({error})") from None


def command_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_path
    try:
        conforms, report = validate_path(args.target, progress=not args.quiet)
    except InputError as error:
        _say("error", error)
        return EXIT_BAD_INPUT
    with _until_the_reader_stops():
        print(report)
    return EXIT_OK if conforms else EXIT_NONCONFORMING


def _open_store(args: argparse.Namespace):
    if args.endpoint:
        from kg.store.remote import Credentials, RemoteStore
        return RemoteStore(args.endpoint, timeout=args.timeout, credentials=Credentials.from_environment())
    from kg.store import OxigraphStore
    return OxigraphStore(Path(args.store) / "store", read_only=True)


def command_query(args: argparse.Namespace) -> int:
    from kg.queries import format_rows, load_query, parse_parameters, values_not_held
    from kg.store import StoreError
    try:
        query = load_query(args.query)
        values = parse_parameters(args.param)
        bindings = query.bind(values)
    except InputError as error:
        _say("error", error)
        return EXIT_BAD_INPUT
    store = _open_store(args)
    try:
        variables, rows = store.select(query.text, bindings=bindings)
    except StoreError as error:   # (a syntax error in a query file of the user's: that file's error)
        if not Path(args.query).is_file() or not str(error).startswith("SPARQL syntax error"):
            raise
        raise InputError(args.query, str(error)) from None
    sys.stdout.write(format_rows(rows, variables, args.format))
    if not rows:   # (no answer, or a value the graph does not hold: said apart)
        for line in values_not_held(store.select, query, values, bindings):
            _say("note", line)
    return EXIT_OK


def command_push(args: argparse.Namespace) -> int:
    from kg.store.remote import Credentials, graph_store_url, push_graphs
    graph_store = args.graph_store or graph_store_url(args.endpoint)
    with _writing(args.dir, "kg push"):   # (it reads graph.nq all along the push: a build rewrites it)
        result = push_graphs(Path(args.dir), graph_store, timeout=args.timeout, retries=args.retries,
                             credentials=Credentials.from_environment(), progress=not args.quiet, force=args.force,
                             verify=args.verify, endpoint=args.endpoint)
    print(f"pushed {counted(len(result.sent), 'graph')} to {graph_store} ({len(result.unchanged)} already there"
          f"{f', {len(result.edited)} edited there since sent again' if result.edited else ''}"
          f"{f', {len(result.removed)} no longer built removed' if result.removed else ''})")
    return EXIT_OK


def _optimize(out: Path, *, quiet: bool = False) -> float | None:
    from kg.job.optimize import optimize_build
    seconds = optimize_build(out, say=None if quiet else lambda line: print(line, file=sys.stderr, flush=True))
    if seconds is not None and not quiet:
        print(f"optimized in {seconds:.1f} s", file=sys.stderr, flush=True)
    return seconds


def command_optimize(args: argparse.Namespace) -> int:
    seconds = _optimize(Path(args.dir), quiet=True)
    print(f"{Path(args.dir) / 'store'} optimized in {seconds:.1f} s" if seconds is not None
          else f"{Path(args.dir) / 'store'} was optimized already")
    return EXIT_OK


def command_serve(args: argparse.Namespace) -> int:
    from kg.store.serve import serve

    def prepare() -> None:   # (once the port is taken: a server answers many queries; once per store)
        try:
            _optimize(Path(args.dir))
        except BusyError as error:   # (a store half written, or made anew under the server: not served)
            raise BusyError(f"{error}; kg serve serves a store once its build is done") from None
        except (KgError, OSError) as error:   # (a folder not ours to write, a store a notebook holds: as it is)
            _say("warning", f"the store is served as it is, not optimized ({error})")

    return serve(Path(args.dir), args.port, timeout=args.timeout, allow_service=args.allow_service, prepare=prepare)


def command_export(args: argparse.Namespace) -> int:
    from kg.export import export_build

    # with no --store, a built DIR is its own source ("kg export mybuild" exports mybuild, not out/)
    from kg.job.lock import make_folder
    store, _ = _build_folder_read(args) or ("out", "store")
    target = Path(args.dir)
    if args.store is None and store != args.dir and target.is_dir() and any(target.iterdir()):
        # (kg export data wrote out/'s network into data/, where its CSV files became reference data)
        _say("error", f"{args.dir}: a folder that is no build and holds files: kg export writes into it the network "
                      f"of the build --store names; name it (--store {store}) to write there")
        return EXIT_BAD_INPUT
    make_folder(target)
    written = export_build(Path(store), Path(args.dir), format=args.format, grain=args.grain)
    print(f"wrote {counted(len(written), 'file')} into {args.dir}" + "".join(f"\n  {path}" for path in written[:10]) +
          (f"\n  ... and {len(written) - 10} more" if len(written) > 10 else ""))
    return EXIT_OK


def command_analyze(args: argparse.Namespace) -> int:
    from kg.analyze import analyze_build, top
    with _writing(args.dir, "kg analyze"):
        G, metrics = analyze_build(Path(args.dir))
    print(f"{counted(G.number_of_nodes(), 'instrument')} (the documents' and those they cite), "
          f"{counted(G.number_of_edges(), 'citation link')}; "
          f"wrote {Path(args.dir) / 'metrics.csv'} and {Path(args.dir) / 'metrics.json'}")
    ranked = top(metrics, "pagerank", 10)
    if ranked:
        print(f"the {counted(len(ranked), 'instrument')} of highest PageRank:")
    for key, score in ranked:
        print(f"  {score:.5f}  {key}")
    return EXIT_OK


def _instrument_graph(args: argparse.Namespace):
    from kg.analyze import instrument_graph
    from kg.store import OxigraphStore
    return instrument_graph(OxigraphStore(Path(args.store) / "store", read_only=True))


def command_path(args: argparse.Namespace) -> int:
    from kg.analyze import citation_paths, steps
    G = _instrument_graph(args)
    for key in (args.source, args.target):
        if key not in G:
            raise InputError(key, f"not in the citation network of {args.store}{did_you_mean(key, G)}")
    found = citation_paths(G, args.source, args.target, cutoff=args.cutoff, limit=args.limit)
    if not found["shortest"]:   # (an answer, as a query's 0 rows: exit 0; 1 is for what does not conform)
        print(f"no citation path between {args.source} and {args.target}")
        return EXIT_OK
    # (each step with its own direction: a path "linked" ignoring direction is no chain of citations)
    meaning = {"cites": "a chain of citations", "cited by": "a chain of citations, the other way",
               "linked": "linked through what cites or is cited, not a chain of citations"}[found["direction"]]
    print(f"shortest ({meaning}; X -> Y: X cites Y, X <- Y: Y cites X):")
    print("  " + steps(G, found["shortest"]))  # type: ignore[arg-type]
    paths, total = found["paths"], found["found"]
    listed = f"the first {len(paths)} of {total:,} paths" if len(paths) < total else counted(total, "path")  # type: ignore[arg-type]
    print(f"{listed} of at most {counted(args.cutoff, 'step')}"
          + (" (--limit lists more):" if len(paths) < total else ":"))  # type: ignore[arg-type]
    for path in paths:  # type: ignore[union-attr]
        print("  " + steps(G, path))
    return EXIT_OK


def command_deps(args: argparse.Namespace) -> int:
    from kg.analyze import depends_on, rests_on
    G = _instrument_graph(args)
    if args.key not in G:
        _say("error", f"{args.key}: not in the citation network of {args.store}{did_you_mean(args.key, G)}")
        return EXIT_BAD_INPUT
    found = rests_on(G, args.key) if args.reverse else depends_on(G, args.key)
    print(f"{args.key} {'is rested on by' if args.reverse else 'rests on'} {counted(len(found), 'instrument')}:")
    for key in sorted(found):
        print(f"  {key}")
    return EXIT_OK


def command_view(args: argparse.Namespace) -> int:
    if args.output is not None and (refused := _refused_output(Path(args.output))) is not None:
        _say("error", f"{args.output}: {refused}")
        return EXIT_BAD_INPUT
    # (written under the folder, a view takes its lock: it reads what a build there would be changing)
    with _writing(args.store, "kg view") if args.output is None else contextlib.nullcontext():
        return _write_view(args)


def _refused_output(path: Path) -> str | None:
    """Why ``kg view --output`` may not write its page at ``path`` (a folder; a file that is no HTML page, such as
    the build's own graph.nq or an input text; a folder that does not exist), or None."""
    if path.is_dir():
        return "a folder (--output names the page's file)"
    if not path.parent.is_dir():
        return "its folder does not exist"
    if path.exists() or path.is_symlink():
        try:
            with path.open("rb") as handle:
                head = handle.read(512).lstrip().lower() if path.is_file() else b""
        except OSError:
            head = b""
        if not head.startswith((b"<!doctype html", b"<html")):
            return "there is a file there that is no HTML page: not overwritten (remove it, or name another)"
    return None


def _write_view(args: argparse.Namespace) -> int:
    from kg.analyze import compute_metrics, document_outline, instrument_graph
    from kg.store import OxigraphStore
    from kg.view import document_view, ego, overview, view_file_name
    store = OxigraphStore(Path(args.store) / "store", read_only=True)
    outline = None
    try:
        if args.kind == "doc":
            outline = document_outline(store, args.key, edition=args.edition)
            view = document_view(outline)
            if outline.others and args.edition is None:
                _say("note", f"{args.key}: drew its edition {outline.edition}; the graph holds its "
                     f"{', '.join(outline.others)} too (--edition ID draws one)")
        else:
            G = instrument_graph(store)
            metrics = compute_metrics(G)
            view = overview(G, metrics, top=args.top, by=args.by) if args.kind == "overview" else \
                ego(G, args.key, depth=args.depth, metrics=metrics, top=args.top)
    except KeyError as error:
        _say("error", _not_drawn(store, args, error.args[0]))
        return EXIT_BAD_INPUT
    # (named by what it draws: the build's own views/overview.html, and one view of other settings, are kept)
    drawn = outline.edition if outline is not None and (args.edition or outline.others) else None
    key = f"{args.key}-{drawn}" if drawn else args.key   # (a work of several parts: the part drawn, as named)
    name = args.output or str(Path(args.store) / "views" / view_file_name(args.kind, key, top=args.top, by=args.by,
                                                                          depth=args.depth))
    path = view.write(name)
    print(f"{path}: {counted(view.nodes, 'node')}, {counted(view.edges, 'edge')}"
          + (f", {view.left_out} left out" if view.left_out else ""))
    return EXIT_OK


def _not_drawn(store, args: argparse.Namespace, missing: str) -> str:
    """Why ``kg view`` has nothing to draw for ``missing``: not in the graph, or (for ``doc``) an instrument the
    documents cite whose own text is not among them (the UN Charter)."""
    if args.kind == "doc" and args.edition is None:
        from kg.analyze import instrument_graph
        G = instrument_graph(store)
        if args.key in G and G.in_degree(args.key):
            return (f"{args.key}: cited by {counted(G.in_degree(args.key), 'instrument')} of {args.store}, but its "
                    f"own text is not in the graph (no document of the build is it): kg view ego {args.key} draws "
                    "what cites it")
    if args.kind != "doc" or args.edition is None:
        from kg.analyze import instrument_graph
        return f"{missing}: not in the graph of {args.store}{did_you_mean(args.key, instrument_graph(store))}"
    from kg.analyze import work_editions
    return f"{missing}: not in the graph of {args.store}{did_you_mean(args.edition, work_editions(store, args.key))}"


def command_site(args: argparse.Namespace) -> int:
    from kg.site import write_site
    with _writing(args.dir, "kg site"):
        result = write_site(args.dir)
    print(f"{result.path}/index.html: {counted(result.pages, 'page')} (one for each of "
          f"{counted(result.documents, 'document')}, one for each of {counted(result.instruments, 'instrument')} cited "
          f"that no document of the build is, the index and the network), {result.size / 1e6:.1f} MB in "
          f"{result.seconds:.1f} s")
    return EXIT_OK


def _build_folder_read(args: argparse.Namespace) -> tuple[str, Needs] | None:
    """The built folder ``args`` name for the command to read, and what it reads there (None: it reads none)."""
    command = args.command
    if command in ("site", "optimize", "analyze", "serve"):
        return args.dir, "store"
    if command in ("view", "path", "deps") or command == "query" and not args.endpoint:
        return args.store, "store"
    if command == "export":   # (DIR is where it writes; it reads --store, or DIR where DIR is a build)
        store = args.store or (args.dir if (Path(args.dir) / "manifest.json").is_file() else "out")
        return store, "manifest" if args.format == "akn" else "store"
    if command == "push":
        return args.dir, "graph.nq"
    if command == "validate" and Path(args.target).is_dir():
        return args.target, "graph.nq"
    if command == "stats" and len(args.paths) == 1 and (Path(args.paths[0]) / "manifest.json").is_file():
        return args.paths[0], "store"
    if command == "stats" and len(args.paths) == 1:
        from kg.job.inputs import is_build_folder
        if is_build_folder(args.paths[0]):   # (a first build still writing it: no manifest yet)
            return args.paths[0], "store"
    return None


def _check_build_folder(args: argparse.Namespace) -> None:
    """Every command that reads a build refuses any other folder, one line and exit 3, before it starts (a folder
    of texts, an empty one: Oxigraph would make a new, empty store there, and the command go on over nothing)."""
    read = _build_folder_read(args)
    if read is not None:
        from kg.job.lock import writer_of
        from kg.store.folder import built_folder
        if not (Path(read[0]) / "manifest.json").exists() and (writer := writer_of(Path(read[0]))) is not None:
            raise BusyError(f"{read[0]}: a build is being written there ({writer}): wait for it to end")
        built_folder(read[0], needs=read[1])


def _writing(folder: str, command: str) -> contextlib.AbstractContextManager[None]:
    """Hold the lock of a built folder while ``command`` writes into it (``BusyError`` while a build or another
    writer holds it, exit 3); the commands that only read a folder take none."""
    from kg.job.lock import holding_folder
    return holding_folder(Path(folder), command=command, create=False)


# what each count of a built folder counts, where another output counts something else by a like name
_STATISTICS = {
    "documents": "the documents read, one named graph each; a file may hold several",
    "editions": "the documents' own editions and every edition they cite by name (a UN citation names none)",
    "citations": "mentions resolved to an instrument; report.md counts the unresolved ones with them as mentions",
    "quads": "the store's, the network's scores among them; report.md counts graph.nq's without the scores",
}


def command_stats(args: argparse.Namespace) -> int:
    if _build_folder_read(args) is not None:
        from kg.validate import graph_statistics
        for name, value in graph_statistics(Path(args.paths[0])).items():
            print(f"{name}: {value}" + (f"  ({_STATISTICS[name]})" if name in _STATISTICS else ""))
        return EXIT_OK
    errors: list[InputError] = []
    documents = sections = clauses = footnotes = 0
    for document, _ in parse_paths(args.paths, errors):
        documents += 1
        sections += len(document.sections)
        clauses += len(document.clauses)
        footnotes += len(document.footnotes)
    if documents or not errors:   # (nothing read at all: the errors alone say so)
        print(f"{counted(documents, 'document')}, {counted(sections, 'section')}, {counted(clauses, 'clause')}, "
              f"{counted(footnotes, 'footnote')}" + (f", {counted(len(errors), 'file')} skipped" if errors else ""))
    return _report(errors)


def _seconds(text: str) -> float:
    """ "300" -> 300.0; 0 (no limit) or more, a finite number."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):   # (NaN too)
        raise argparse.ArgumentTypeError(f"not a number of seconds (0 or more): {text!r}")
    return seconds


def _whole_number(least: int, most: int | None = None) -> Callable[[str], int]:
    """An option's type: a whole number from ``least`` (to ``most``); anything else a usage error (exit 2).

    >>> _whole_number(1)("3"), _whole_number(1, 65535)("65535")
    (3, 65535)
    """
    def whole_number(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if number < least or most is not None and number > most:
            raise argparse.ArgumentTypeError(f"{number} is out of range: {least} to {most} ({text!r})" if most else
                                             f"{number} is below {least}, the least it can be")
        return number
    return whole_number


def _positive_seconds(text: str) -> float:
    """ "30" -> 30.0; a time limit above 0 and finite."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds above 0: {text!r}")
    return seconds


def _size(text: str) -> int:
    """ "64M" -> 67108864 (K, M, G: powers of 1024; plain digits: bytes)."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("B")
    try:
        size = int(float(text[:-1]) * units[text[-1]]) if text[-1:] in units else int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (say 64M, 500K or 1000000)") from None
    if size <= 0:
        raise argparse.ArgumentTypeError("the size must be above 0")
    return size


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kg", description="A knowledge graph of what resolutions cite.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print each document's structure")
    parse.add_argument("paths", nargs="+", metavar="PATH")
    parse.add_argument("--format", choices=("json", "text"), default="json",
                       help="JSON lines, one per document (default), or an outline to read")
    parse.set_defaults(run=command_parse)
    extract = commands.add_parser("extract", help="print every citation, resolved to work keys")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument("--format", choices=("jsonl", "table"), default="jsonl",
                         help="JSON lines, one per citation (default), or a table to read")
    extract.set_defaults(run=command_extract)
    evaluate = commands.add_parser("eval", help="score extraction against a gold file")
    evaluate.add_argument("--gold", required=True, metavar="GOLD.jsonl")
    evaluate.add_argument("--min-f1", type=float, default=None, help="exit 1 when F1 is below this")
    evaluate.add_argument("paths", nargs="+", metavar="PATH")
    evaluate.set_defaults(run=command_eval)
    build = commands.add_parser("build", help="the main job: build the graph, the store and the report")
    build.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders (default: data/)")
    build.add_argument("--out", default="out", metavar="DIR", help="the folder built (default: out)")
    build.add_argument("--workers", type=_whole_number(1), default=None, help="processes for per-file work (default: all cores)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument("--doc-views", action="store_true", help="also one HTML view per resolution, in DIR/views/doc/")
    build.add_argument("--max-file-size", type=_size, default=_MAX_FILE_SIZE, metavar="BYTES",
                       help="a larger input file (or part of a .docx, unpacked) is an input error (default: 64M; "
                            "K, M, G suffixes)")
    build.add_argument("--max-worker-memory", type=_size, default=None, metavar="BYTES",
                       help="a file that needs more memory than this in its worker process (beyond what the worker "
                            "starts with) is an input error, and the build goes on (Linux; default: no limit; "
                            "K, M, G suffixes)")
    build.add_argument("--max-file-seconds", type=_seconds, default=_MAX_FILE_SECONDS, metavar="SECONDS",
                       help="a file that takes its worker process longer than this is an input error: the worker is "
                            "killed and the build goes on (default: 300; 0: no limit)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="run the per-file work on a dask.distributed cluster (tcp://host:8786); its workers "
                            "must see the inputs and DIR at the same paths")
    build.add_argument("--optimize", action="store_true",
                       help="compact the store for queries once it is built (as kg optimize DIR does)")
    build.set_defaults(run=command_build)
    optimize = commands.add_parser("optimize", help="compact a built store for queries (once; kg serve does it too)")
    optimize.add_argument("dir", metavar="DIR")
    optimize.set_defaults(run=command_optimize)
    validate = commands.add_parser("validate", help="check a built graph against the SHACL shapes")
    validate.add_argument("target", metavar="DIR|FILE")
    validate.add_argument("--quiet", action="store_true", help="no progress bar")
    validate.set_defaults(run=command_validate)
    query = commands.add_parser("query", help="run a query of queries/ (or a .rq file) with bound parameters")
    query.add_argument("query", metavar="NAME|FILE")
    query.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                       help="a value for one of the query's parameters (its file lists them); once each")
    where = query.add_mutually_exclusive_group()
    where.add_argument("--store", default="out", metavar="DIR", help="a built folder (default: out)")
    where.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help="a table to read (default), CSV, or SPARQL JSON results")
    query.add_argument("--timeout", type=_positive_seconds, default=30.0, help="seconds per request to an endpoint")
    query.set_defaults(run=command_query)
    push = commands.add_parser("push", help="load a built graph into a SPARQL endpoint (Graph Store Protocol)")
    push.add_argument("dir", metavar="DIR")
    push.add_argument("--endpoint", required=True, metavar="URL",
                      help="the server's base URL or query endpoint (http://127.0.0.1:7878, .../query, .../sparql)")
    push.add_argument("--graph-store", metavar="URL",
                      help="the Graph Store endpoint (default: derived from --endpoint: Oxigraph's /store, Fuseki's "
                           "/DATASET/data, Virtuoso's /sparql-graph-crud-auth)")
    push.add_argument("--timeout", type=_positive_seconds, default=30.0, help="seconds per request")
    push.add_argument("--retries", type=_whole_number(0), default=2, help="retries of a failed request, with back-off")
    push.add_argument("--force", action="store_true", help="send every graph, even those already pushed")
    push.add_argument("--verify", action="store_true",
                      help="fetch every graph the endpoint holds and compare it whole with the build's, sending "
                           "those that differ (by default only the number of triples of each is compared)")
    push.add_argument("--quiet", action="store_true", help="no progress bar")
    push.set_defaults(run=command_push)
    serve = commands.add_parser("serve", help="a local SPARQL endpoint and query page over a built store")
    serve.add_argument("dir", metavar="DIR")
    serve.add_argument("--port", type=_whole_number(0, 65535), default=7878,
                       help="the port on 127.0.0.1 (default 7878; 0: a free one, named when serving)")
    serve.add_argument("--timeout", type=_positive_seconds, default=60.0, help="seconds a query may run (default: 60)")
    serve.add_argument("--allow-service", action="store_true",
                       help="let queries call other endpoints with SERVICE (off: the server would call any address)")
    serve.set_defaults(run=command_serve)
    export = commands.add_parser("export", help="the citation network for Gephi, Cytoscape ... or the documents as "
                                                "Akoma Ntoso, written into DIR")
    export.add_argument("dir", metavar="DIR")
    export.add_argument("--format", required=True, choices=("graphml", "gexf", "csv", "jsonld", "cytoscape", "akn"))
    export.add_argument("--grain", default=None, choices=("instrument", "edition", "clause"),
                        help="the network's nodes (default: instrument; not for akn, which writes whole documents)")
    export.add_argument("--store", default=None, metavar="DIR",
                        help="a built folder (default: DIR where it is one, else out)")
    export.set_defaults(run=command_export)
    analyze = commands.add_parser("analyze", help="metrics of the citation network, written back to the store")
    analyze.add_argument("dir", metavar="DIR")
    analyze.set_defaults(run=command_analyze)
    path = commands.add_parser("path", help="citation paths between two instruments")
    path.add_argument("source", metavar="A")
    path.add_argument("target", metavar="B")
    path.add_argument("--store", default="out", metavar="DIR", help="a built folder (default: out)")
    path.add_argument("--cutoff", type=_whole_number(1), default=4, help="longest path to list, in steps (default: 4)")
    path.add_argument("--limit", type=_whole_number(1), default=50,
                      help="paths listed at most, the shortest first (default: 50)")
    path.set_defaults(run=command_path)
    deps = commands.add_parser("deps", help="what an instrument rests on (or, with --reverse, what rests on it)")
    deps.add_argument("key", metavar="KEY")
    deps.add_argument("--store", default="out", metavar="DIR", help="a built folder (default: out)")
    deps.add_argument("--reverse", action="store_true", help="what rests on KEY rather than what it rests on")
    deps.set_defaults(run=command_deps)
    view = commands.add_parser("view", help="an interactive HTML view: overview, ego KEY, doc KEY")
    view.add_argument("kind", choices=("overview", "ego", "doc"))
    view.add_argument("key", nargs="?", metavar="KEY")
    view.add_argument("--store", default="out", metavar="DIR", help="a built folder (default: out)")
    view.add_argument("--top", type=_whole_number(1), default=None,
                      help="overview: the top N drawn (and beside one linked to no other of them, its best-ranked "
                           "neighbour); ego: instruments drawn at most (default: 300)")
    view.add_argument("--by", default=None, choices=("pagerank", "in_degree", "weighted_in_degree",
                                                       "betweenness", "authority", "hub"),
                      help="overview: the score that picks them (default: pagerank)")
    view.add_argument("--depth", type=_whole_number(1), default=None, help="ego: citation steps around KEY (default: 1)")
    view.add_argument("--edition", metavar="ID", help="kg view doc: this edition of the work (2020-12-10-B, wtsa-08; "
                                                      "default: its latest)")
    view.add_argument("--output", metavar="FILE",
                      help="the HTML file written (default: a file under DIR/views/ named by what it draws)")
    view.set_defaults(run=command_view)
    site = commands.add_parser("site", help="an offline explorer of a built DIR, written to DIR/site/")
    site.add_argument("dir", metavar="DIR")
    site.set_defaults(run=command_site)
    stats = commands.add_parser("stats", help="count documents, sections, clauses and footnotes (of files, "
                                              "or of a built DIR)")
    stats.add_argument("paths", nargs="+", metavar="PATH")
    stats.set_defaults(run=command_stats)
    return parser


# the options of kg view each kind draws with, and their defaults; another kind's option is a usage error
_VIEW_OPTIONS = {"top": ({"overview", "ego"}, 300), "by": ({"overview"}, "pagerank"), "depth": ({"ego"}, 1),
                 "edition": ({"doc"}, None)}


def _command_parser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The parser of a subcommand, whose usage errors point to its own help (``kg view --help``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices[command]
    return parser


def _refuse_unused_options(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """An option the command would not use is a usage error, not silently ignored (``kg view overview --edition
    x``, ``kg export --format akn --grain clause``); the others get their defaults."""
    if args.command == "view":
        if args.kind != "overview" and not args.key:
            parser.error(f"kg view {args.kind} needs a KEY")
        if args.kind == "overview" and args.key:
            parser.error(f"kg view overview takes no KEY ({args.key!r})")
        for name, (kinds, default) in _VIEW_OPTIONS.items():
            if getattr(args, name) is None:
                setattr(args, name, default)
            elif args.kind not in kinds:
                parser.error(f"--{name} is not an option of kg view {args.kind} (it is of kg view "
                             f"{' and '.join(sorted(kinds))})")
    if args.command == "export":
        if args.format == "akn" and args.grain is not None:
            parser.error("--grain is not an option of kg export --format akn (it writes whole documents)")
        args.grain = args.grain or "instrument"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every error of the package ends here as one line, ``kg: error: ...``, and its exit code
    (``kg.errors``); a wrong command line too (exit 2)."""
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:
            _command_parser(parser, args.command).error(f"unrecognized arguments: {' '.join(unknown)}")
        _refuse_unused_options(args, _command_parser(parser, args.command))
    except SystemExit as stop:   # (--help, --version, or a usage error already printed)
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    try:
        _check_build_folder(args)
        with _rdflib_said_as_warnings():
            return int(args.run(args))
    except KgError as error:
        _say("error", error)
        return error.exit_code
    except BrokenPipeError:   # (a reader that stopped reading, `kg stats | head -1`: see _until_the_reader_stops)
        _stdout_to_null()
        return EXIT_OK
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


@contextlib.contextmanager
def _until_the_reader_stops() -> Iterator[None]:
    """Writing to stdout, which a reader may stop reading (``kg validate DIR | head -1``): the pipe that breaks
    ends the writing quietly, and the command goes on to its exit code as it stands (``kg validate``'s 1 for a graph
    that does not conform; ``kg parse``'s 2, with their lines, for the files that could not be read before)."""
    try:
        yield
    except BrokenPipeError:
        _stdout_to_null()


def _stdout_to_null() -> None:
    """stdout, whose reader has gone, sent to /dev/null: Python's own flush of it at exit would say so otherwise."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
        os.close(descriptor)
    except (OSError, ValueError, AttributeError):   # (no descriptor: a stream in memory)
        pass


class _OneLineWarning(logging.Handler):
    """A log record (rdflib's: a literal of a store's or an endpoint's answer it cannot convert, an IRI it finds
    invalid) as one ``kg: warning:`` line by ``_say``, control characters escaped, its traceback left out but for the
    exception's own line."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        _say("warning", f"{record.name}: {message}")


@contextlib.contextmanager
def _rdflib_said_as_warnings() -> Iterator[None]:
    """rdflib's log, which would print what an answer held raw (a terminal's escape codes) with a traceback, said
    by ``_OneLineWarning`` while a command runs (and as it was afterwards: ``main`` may run again in one process)."""
    log = logging.getLogger("rdflib")
    handler, propagate = _OneLineWarning(logging.WARNING), log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.propagate = propagate




def _say(kind: str, message: object) -> None:
    """One line on stderr, ``kg: error: ...``; control characters of a file's or a member's name, or of what a
    server answered (a terminal's escape codes, a line break), are shown escaped, not sent to the terminal.

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     _say("error", "e" + chr(27) + "[2J.txt: empty file")
    >>> print(err.getvalue().strip())
    kg: error: e\\x1b[2J.txt: empty file
    """
    text = printable(str(message))
    print(f"kg: {kind}: {text}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors on one line, as every other error (``kg: error: ...``, exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"kg: error: {message} (see: {self.prog} --help)\n")


if __name__ == "__main__":
    sys.exit(main())
