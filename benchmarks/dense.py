"""A resolution dense with citations on one line (no newline at all), as a hostile or badly extracted file is:
the figures of ``kg build`` over it (wall, CPU, peak resident memory), in plain text and in Markdown.

The prose is the ITU's and the UN's ("recalling Resolution 71 (Rev. Dubai, 2018) of the Plenipotentiary
Conference, Security Council resolutions 1325 (2000), 1820 (2008) and 2242 (2015), General Assembly resolution 70/1
of 25 September 2015, paragraphs 35 and 68-71 of the Tunis Agenda, ..."), one sentence after another with other
numbers, deterministic from a seed. Not benchmark data shipped: written to a temporary folder.

Usage: python benchmarks/dense.py [--size MB] [--keep DIR] [--profile]   (20 MB by default; --profile: cProfile of
       parse + extract of the text file, in-process, the 25 costliest functions)
       python benchmarks/dense.py --write FILE [--size MB] [--markdown]   (write one file, measure nothing)
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_ITU_HEADER = ("RESOLUTION 2001 (Rev. Bucharest, 2022) Dense citations in one line The Plenipotentiary Conference of "
               "the International Telecommunication Union (Bucharest, 2022), ")
_UN_FRONT_MATTER = "---\nsymbol: A/RES/79/901\ntitle: Dense citations in one line\ndate: 2024-12-04\n---\n"
_UN_HEADER = "Resolution adopted by the General Assembly on 4 December 2024 79/901. Dense citations in one line The General Assembly, "
_PLACES = [("Antalya", 2006), ("Busan", 2014), ("Dubai", 2018), ("Guadalajara", 2010), ("Marrakesh", 2002)]
_WTSA = [("Hammamet", 2016), ("Johannesburg", 2008), ("Geneva", 2022)]
_MONTHS = ["January", "March", "June", "September", "October", "December"]


def _sentence(rng: random.Random) -> str:
    """One clause of prose, ITU or UN, with a dozen citations in the printed styles."""
    n = rng.randrange
    place, year = rng.choice(_PLACES)
    wplace, wyear = rng.choice(_WTSA)
    session = n(50, 79)
    sc = [n(1000, 2700) for _ in range(3)]
    parts = [
        f"recalling Resolution {n(1, 220)} (Rev. {place}, {year}) of the Plenipotentiary Conference",
        (f"Security Council resolutions {sc[0]} ({2000 + n(0, 24)}), {sc[1]} ({2000 + n(0, 24)}) and {sc[2]} "
         f"({2000 + n(0, 24)})"),
        f"General Assembly resolution {session}/{n(1, 300)} of {n(1, 29)} {rng.choice(_MONTHS)} {1945 + session}",
        f"paragraphs {n(1, 40)} and {n(41, 90)}-{n(91, 120)} of the Tunis Agenda for the Information Society",
        (f"Resolutions {n(1, 50)}, {n(51, 100)} and {n(101, 150)} (Rev. {wplace}, {wyear}) of the World "
         f"Telecommunication Standardization Assembly"),
        f"Article {n(1, 58)} of the ITU Constitution and No. {n(1, 30)}.{n(1, 99)} of the Radio Regulations",
        f"Recommendation ITU-T E.{n(100, 999)} and Recommendation ITU-R M.{n(1000, 2200)}-{n(1, 9)}",
        f"the Human Rights Council, in its resolution {n(30, 55)}/{n(1, 40)}, and its resolution {n(1, 40)}/{n(1, 30)}",
        f"Council Resolution {n(1000, 1400)} (modified {2000 + n(10, 24)})",
        f"A/RES/{session}/{n(1, 300)} and S/RES/{sc[0]} ({2000 + n(0, 24)})",
        f"Article {n(1, 111)} of the Charter of the United Nations",
        (f"{rng.choice(['noting', 'bearing in mind', 'reaffirming', 'welcoming'])} also its resolution "
         f"{session}/{n(1, 300)} of {n(1, 29)} {rng.choice(_MONTHS)} {1945 + session}"),
    ]
    rng.shuffle(parts)
    return ", ".join(parts) + ", "


def dense_text(size: int, *, markdown: bool = False, seed: int = 18) -> str:
    """About ``size`` characters of citation-dense prose on one line, as a .txt (ITU header) or .md (UN front
    matter) file holds them; the same ``size`` and ``seed`` give the same text.

    >>> text = dense_text(5000)
    >>> "\\n" in text, 4000 < len(text) <= 6000, text.count("Resolution") > 10
    (False, True, True)
    """
    rng = random.Random(seed)
    chunks = [_UN_FRONT_MATTER + _UN_HEADER if markdown else _ITU_HEADER]
    length = len(chunks[0])
    while length < size:
        chunks.append(_sentence(rng))
        length += len(chunks[-1])
    return "".join(chunks).rstrip(", ") + "."


def measure_build(path: Path, out: Path) -> dict[str, str]:
    """``kg build PATH --out OUT --workers 1`` under ``/usr/bin/time -v`` (an archive's members read in the build's
    own process): its exit, wall time, CPU, peak resident memory (MB) and the last line it said."""
    command = ["/usr/bin/time", "-v", sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())",
               "build", str(path), "--out", str(out), "--workers", "1"]
    done = subprocess.run(command, check=False, capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    figures = dict(re.findall(r"^\t([^\t\n]+): (.*)$", done.stderr, re.MULTILINE))
    cpu = float(figures.get("User time (seconds)", 0)) + float(figures.get("System time (seconds)", 0))
    wall = figures.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "?")
    rss = int(figures.get("Maximum resident set size (kbytes)", 0)) / 1024
    last = [line for line in done.stdout.splitlines() + done.stderr.splitlines() if line.startswith(("kg", "built"))]
    return {"exit": str(done.returncode), "wall": wall, "cpu": f"{cpu:.1f}", "rss": f"{rss:.0f}",
            "said": last[-1] if last else ""}


def _profile(path: Path) -> None:
    import cProfile
    import pstats

    sys.path.insert(0, str(REPO))
    from kg.cite import find_mentions
    from kg.parse import parse_document
    from kg.readers import read
    from kg.resolve import resolve_citations

    def work() -> None:
        for source in read(path):
            document = parse_document(source)
            resolve_citations(document, find_mentions(document))

    profiler = cProfile.Profile()
    profiler.runcall(work)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=float, default=20.0, help="megabytes of text (default 20)")
    parser.add_argument("--write", type=Path, help="only write one file here")
    parser.add_argument("--markdown", action="store_true", help="with --write: the Markdown (UN) variant")
    parser.add_argument("--keep", type=Path, help="write the files and builds here (kept)")
    parser.add_argument("--profile", action="store_true", help="cProfile parse + extract of the text file")
    args = parser.parse_args()
    size = int(args.size * 1_000_000)
    if args.write:
        args.write.write_text(dense_text(size, markdown=args.markdown), encoding="utf-8")
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-dense-"))
    work.mkdir(parents=True, exist_ok=True)
    files = [work / "dense.txt", work / "dense.md"]
    for path in files:
        path.write_text(dense_text(size, markdown=path.suffix == ".md"), encoding="utf-8")
    if args.profile:
        _profile(files[0])
        return
    print(f"kg build of {args.size:g} MB on one line (1 worker; /usr/bin/time -v)")
    print(f"{'file':<12}{'wall':>10}{'CPU s':>8}{'peak MB':>9}  exit  summary")
    for path in files:
        out = work / f"out-{path.suffix[1:]}"
        figures = measure_build(path, out)
        if not args.keep:   # (each build's outputs are 3 GB: gone before the next)
            shutil.rmtree(out, ignore_errors=True)
        print(f"{path.name:<12}{figures['wall']:>10}{figures['cpu']:>8}{figures['rss']:>9}  {figures['exit']:>4}  "
              f"{figures['said'][:80]}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
