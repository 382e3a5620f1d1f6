"""What a user reads: names that tell bodies apart, clauses in document order, counts in the right number and
saying what they count, a view for every document, unresolved mentions by reason, and commands that start
without importing what they do not use. One small build: the seed (ITU), a Security Council text and a General
Assembly resolution adopted in two parts (two documents of one work)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest
from conftest import DEMO, REPO, SEED

from kg.cli import build_summary, main
from kg.errors import EXIT_OK
from kg.job import build_graph
from kg.job.report import build_report
from kg.wording import counted

# twelve operative paragraphs: a label sort puts "10", "11" and "12" before "2"; the third asks "the Council"
PARAGRAPHS = [f"{n}. Requests the Council to review the mandate by 31 March 2017;" if n == 3 else
              f"{n}. Requests the Secretary-General to report on the matter in {2016 + n};" for n in range(1, 13)]
SECURITY_COUNCIL_TEXT = (
    "United Nations S/RES/2275 (2016)\nSecurity Council\nResolution 2275 (2016)\n"
    "Adopted by the Security Council at its 7652nd meeting, on 24 March 2016\nThe Security Council,\n"
    "Recalling Commission on the Status of Women resolution 51/2 and resolution 8/10 of the Conference of the "
    "States Parties to the United Nations Convention against Corruption,\n" + "\n".join(PARAGRAPHS) + "\n")
MULTIPART = "un-ga-multipart/75_101A-B_E.xml"   # General Assembly 75/101 A and B: one work, two editions


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("output")
    security_council = folder / "sc-2275.txt"
    security_council.write_text(SECURITY_COUNCIL_TEXT, encoding="utf-8")
    with tarfile.open(DEMO / "un-ga-75-2.tar.xz") as archive:
        archive.extract(MULTIPART, folder, filter="data")
    out = folder / "out"
    result = build_graph([SEED, security_council, folder / MULTIPART], out, workers=1, progress=False,
                         doc_views=True)
    assert result.errors == ()
    assert sum(len(f.documents) for f in result.files) == 4   # (the seed, the Council's text, 75/101 A and B)
    return out, result


def _query(out: Path, capsys, *arguments: str) -> list[dict[str, str]]:
    assert main(["query", *arguments, "--store", str(out), "--format", "csv"]) == EXIT_OK
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


# 1. bodies and addressees


def test_the_itu_council_and_the_security_council_are_told_apart(built, capsys):
    out, _ = built
    rows = _query(out, capsys, "mandates")
    addressees = {row["addressee"]: {r["resolution"] for r in rows if r["addressee"] == row["addressee"]}
                  for row in rows}
    assert addressees["ITU Council"] == {"itu/wtsa/res/75"}          # "resolves to request the Council" (seed)
    assert addressees["UN Security Council"] == {"un/S/RES/2275(2016)"}   # "Requests the Council" in its own text
    assert "Council" not in addressees


def test_every_body_has_a_name_of_its_own_and_its_colour(built):
    from kg.palette import colour_of
    from kg.store import OxigraphStore
    rows = OxigraphStore(built[0] / "store", read_only=True).query(
        "PREFIX kg: <https://w3id.org/resolution-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?body ?name WHERE { ?body a kg:Body ; skos:prefLabel ?name }")
    names = {str(row["body"]).rsplit("/", 1)[-1]: str(row["name"]) for row in rows}
    assert names["council"] == "ITU Council" and names["unsc"] == "UN Security Council", names
    with (REPO / "data" / "bodies.csv").open(encoding="utf-8") as handle:
        listed = [row["name"] for row in csv.DictReader(handle)]
    assert len(set(listed)) == len(listed) and "Council" not in listed
    assert all(colour_of(name) != colour_of("other") for name in listed if name != "World Summit on the Information "
                                                                              "Society")


# 2. clauses in document order


@pytest.mark.parametrize(("query", "parameters"), [
    ("mandates", []), ("mandates-of", ["--param", "addressee=Secretary-General of the United Nations"])],
    ids=["mandates", "mandates-of"])
def test_mandates_come_in_document_order(built, capsys, query, parameters):
    rows = [row for row in _query(built[0], capsys, query, *parameters) if row["resolution"] == "un/S/RES/2275(2016)"
            and row.get("addressee", "Secretary-General of the United Nations") ==
            "Secretary-General of the United Nations"]
    assert [row["label"] for row in rows] == [str(n) for n in range(1, 13) if n != 3]
    starts = [int(row["start"]) for row in rows]
    assert starts == sorted(starts)


# 3. counts and their nouns


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (0, "instrument", "0 instruments"), (1, "instrument", "1 instrument"), (2, "instrument", "2 instruments"),
    (1, "citation step", "1 citation step"), (3, "match", "3 matches"), (2, "body", "2 bodies"),
    (1, "entry", "1 entry")], ids=["zero", "one", "two", "phrase", "ch", "y", "one-y"])
def test_counted(count, noun, expected):
    assert counted(count, noun) == expected


def test_one_instrument_is_rested_on_by_one_instrument(built, capsys):
    assert main(["deps", "itu/pp/res/71", "--reverse", "--store", str(built[0])]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[0] == "itu/pp/res/71 is rested on by 1 instrument:"


# a count written into a message, then a noun in the plural: "{len(found)} instruments", "{{ n }} citations"
_HAND_PLURAL = re.compile(r"\{\{?[^{}]*(?:len\(|count|\| ?length|number_of|\.nodes\b|\.edges\b|pages|rows)[^{}]*\}\}? "
                          r"[a-z]+s\b|(?<=\s)(?!http)[a-z]+\(s\)")
SOURCES = sorted([*(REPO / "kg").rglob("*.py"), *(REPO / "kg").rglob("*.html")])


def test_no_message_pluralises_a_count_by_hand():
    assert len(SOURCES) > 50
    found = [f"{path.relative_to(REPO)}:{number}: {line.strip()}" for path in SOURCES
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if _HAND_PLURAL.search(line) and "counted(" not in line]
    assert found == [], "\n".join(found)


# 5. counts that say what they count


def test_the_build_report_and_stats_count_alike_and_say_what(built, capsys):
    out, result = built
    summary = build_summary(result, doc_views=True)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert main(["stats", str(out)]) == EXIT_OK
    stats = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    # 4 documents from 3 files: 75/101 A and B are one file
    assert summary.startswith("built 4 documents from 3 files (3 parsed, 0 from the cache): ")
    assert stats["documents"].startswith("4  (") and "a file may hold several" in stats["documents"]
    assert "- documents: 4, read from 3 files (a file may hold several" in report
    mentions = re.search(r"- mentions of instruments: (\d+): (\d+) citations resolved to an instrument "
                         r"\(`kg stats`: citations\), (\d+) unresolved", report)
    assert mentions is not None, report
    total, citations, unresolved = map(int, mentions.groups())
    assert total == citations + unresolved and unresolved == 2
    assert stats["citations"].split()[0] == str(citations) and stats["unresolved mentions"] == str(unresolved)
    assert f"{citations} citations of " in summary and f", {unresolved} mentions unresolved; into" in summary
    # the report counts graph.nq's quads before the scores, stats the store's with them: each says so
    assert "without the scores" in stats["quads"] and "also hold the network's scores" in report


# 6. a view for every document


def test_each_part_of_a_resolution_adopted_in_parts_has_its_view(built):
    out, result = built
    views = sorted(p.name for p in (out / "views" / "doc").glob("*.html"))
    assert views == ["itu_wtsa_res_75.html", "un_A_RES_75_101-2020-12-10-A.html", "un_A_RES_75_101-2020-12-10-B.html",
                     "un_S_RES_2275(2016).html"]
    assert len(views) == sum(len(f.documents) for f in result.files)
    titles = [re.search(r"<title>(.*?)</title>", (out / "views" / "doc" / name).read_text(encoding="utf-8")).group(1)
              for name in views[1:3]]
    assert titles == ["A/RES/75/101 A: Information in the service of humanity",
                      "A/RES/75/101 B: United Nations global communications policies and activities"]
    assert "(4 views, one per edition of each document's work)" in build_summary(result, doc_views=True)


def test_documents_of_one_edition_share_a_view_and_the_summary_says_so(built):
    result = built[1]   # (the seed's file counted twice: one text read twice)
    twice = result.__class__(result.out, result.files + result.files[:1], result.quads, result.errors)
    assert "(4 views, one per edition of each document's work; 1 document the same work and edition as another, " \
           "drawn once)" in build_summary(twice, doc_views=True)


def test_kg_view_draws_the_edition_asked_for(built, capsys):
    out = built[0]
    assert main(["view", "doc", "un/A/RES/75/101", "--edition", "2020-12-10-B", "--store", str(out)]) == EXIT_OK
    page = (out / "views" / "doc-un_A_RES_75_101-2020-12-10-B.html").read_text(encoding="utf-8")
    assert "<title>A/RES/75/101 B: United Nations global communications policies and activities</title>" in page
    assert "Information in the service of humanity" not in page   # (part A's title: not drawn)
    # the page says which part it draws and names the other, without --edition the command does too
    assert "Edition 2020-12-10-B of A/RES/75/101; the graph holds its 2020-12-10-A too" in page
    assert main(["view", "doc", "un/A/RES/75/101", "--store", str(out)]) == EXIT_OK
    said = capsys.readouterr()
    assert "drew its edition 2020-12-10-B; the graph holds its 2020-12-10-A too" in said.err
    assert "doc-un_A_RES_75_101-2020-12-10-B.html: " in said.out   # (named by the part drawn, as part A's is)
    assert main(["view", "doc", "itu/wtsa/res/75", "--store", str(out)]) == EXIT_OK
    assert "the graph holds" not in capsys.readouterr().err   # (one edition: nothing to say)
    assert main(["view", "doc", "un/A/RES/75/101", "--edition", "1999-01-01", "--store", str(out)]) == 2
    assert "un/A/RES/75/101, edition 1999-01-01: not in the graph" in capsys.readouterr().err


# 7. unresolved mentions by reason code


def test_unresolved_mentions_are_counted_by_reason_code(built):
    report = build_report(built[1])
    table = report.split("## Unresolved mentions", 1)[1].split("\n\n")[1].splitlines()
    # two organs of no known series, two messages, one reason
    assert table[:2] == ["| reason | mentions | for example |", "|---|---:|---|"]
    assert len(table) == 3 and table[2].startswith("| `organ-without-series` | 2 | Commission on the Status of Women "
                                                   "resolution 51/2: "), table


# 4. the commands import what they use


HEAVY = ("pandas", "networkx", "rdflib", "pyvis", "pyshacl", "tqdm", "scipy", "pyoxigraph", "lxml", "jinja2",
         "kg.parse", "kg.cite", "kg.resolve", "kg.readers")
ALLOWED = {"--help": (), "query": ("rdflib", "pyoxigraph"), "stats": ("rdflib", "pyoxigraph")}


@pytest.mark.parametrize("command", list(ALLOWED), ids=list(ALLOWED))
def test_a_small_command_imports_only_what_it_uses(built, command):
    arguments = {"--help": ["--help"], "query": ["query", "most-cited", "--store", str(built[0])],
                 "stats": ["stats", str(built[0])]}[command]
    script = ("import contextlib, io, json, sys\nfrom kg.cli import main\n"
              f"with contextlib.redirect_stdout(io.StringIO()):\n    code = main({arguments!r})\n"
              f"print(json.dumps([code, sorted(m for m in {HEAVY!r} if m in sys.modules)]))")
    answer = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    code, imported = json.loads(answer.stdout.strip().splitlines()[-1])
    assert code == EXIT_OK
    assert imported == sorted(ALLOWED[command]), imported


def test_max_file_size_default_is_the_readers():
    from kg.cli import build_parser
    from kg.readers import MAX_FILE_SIZE
    assert build_parser().parse_args(["build"]).max_file_size == MAX_FILE_SIZE


# 8. SPARQLWrapper is not a dependency of the package


# how each run-time dependency is used: a module imported by kg/, or else what it is for
NOT_IMPORTED = {"oxigraph": "the `oxigraph serve` executable behind kg serve",
                "oxrdflib": "rdflib's Oxigraph store plugin, for users of rdflib"}


def test_every_dependency_is_used():
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = [re.match(r"[A-Za-z0-9_.-]+", d).group().lower() for d in dependencies]
    assert "rdflib" in names and "sparqlwrapper" not in names
    modules = {"python-docx": "docx", "pyyaml": "yaml", "pyshacl": "pyshacl"}
    code = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "kg").rglob("*.py"))
    unused = [name for name in names if name not in NOT_IMPORTED and
              not re.search(rf"^\s*(?:import|from) {re.escape(modules.get(name, name))}\b", code, re.MULTILINE)]
    assert unused == []
