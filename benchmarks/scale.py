"""How the whole pipeline grows with the corpus: synthetic corpora of several sizes (benchmarks/synth.py).

For each size: the time of each stage (read, parse, extract, rdf) and of the full build (store, analysis and the
overview included) with 1 and 2 workers, throughput, peak memory, and an incremental rebuild after changing 1% of
the files. Prints figures; asserts nothing.

Usage: python benchmarks/scale.py [SIZE ...]     (default 1000; `KG_BENCH_SIZES="1000 10000"` for make bench)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from synth import generate

from kg.cite import find_mentions
from kg.parse import parse_document
from kg.rdf import document_quads
from kg.readers import read
from kg.resolve import extract_citations, resolve_citations


def _build(inputs: Path, out: Path, workers: int) -> tuple[float, int, str]:
    """Run ``kg build`` in its own process: seconds, peak resident memory (KiB, the process and its workers)."""
    program = ("import re, resource, sys\nfrom kg.cli import main\ncode = main(sys.argv[1:])\n"
               "own = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
               "print('peak', max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), file=sys.stderr)\n"
               "sys.exit(code)")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", program, "build", str(inputs), "--out", str(out), "--quiet",
                             "--workers", str(workers)], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak = int(re.search(r"peak (\d+)", result.stderr).group(1)) if "peak" in result.stderr else -1
    return seconds, peak, result.stdout


def parse_and_extract(path: str) -> int:
    """Read, parse and extract one file (the per-document work that parallelises); returns its citations."""
    return sum(len(extract_citations(parse_document(source))) for source in read(path))


def parallel_parse_extract(files: list[Path], workers: int) -> float:
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        sum(pool.map(parse_and_extract, [str(f) for f in files], chunksize=32))
    return time.perf_counter() - start


def stage_times(files: list[Path]) -> dict[str, float]:
    times = dict.fromkeys(("read", "parse", "cite", "resolve", "rdf", "regex"), 0.0)
    pattern = re.compile(r"[Rr]esolution\s+\d+")
    for path in files:
        start = time.perf_counter()
        sources = read(path)
        times["read"] += time.perf_counter() - start
        for source in sources:
            start = time.perf_counter()
            document = parse_document(source)
            times["parse"] += time.perf_counter() - start
            start = time.perf_counter()
            mentions = find_mentions(document)
            times["cite"] += time.perf_counter() - start
            start = time.perf_counter()
            citations = resolve_citations(document, mentions)
            times["resolve"] += time.perf_counter() - start
            start = time.perf_counter()
            document_quads(document, citations, source_name=path.name)
            times["rdf"] += time.perf_counter() - start
            start = time.perf_counter()
            sum(1 for _ in pattern.finditer(source.text))
            times["regex"] += time.perf_counter() - start
    return times


def _changed(text: str, what: str) -> str:
    """``text`` reworded (a word after the first clause's opening, which no citation pattern reads) or with a
    new citation (before the last " the ", in a clause)."""
    if what == "reworded":
        opening = "\nthat " if "\nthat " in text else "</span> "
        return text.replace(opening, opening + "indeed ", 1)
    at = text.rindex(" the ")
    return text[:at] + " the Resolution 64 (Rev. Busan, 2014) of the Plenipotentiary Conference and" + text[at:]


def _print_build_stages(size: int, out: Path) -> None:
    """The stages of the build that wrote ``out``, as its manifest recorded them (the process start not included)."""
    seconds = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["seconds"]
    for stage, spent in seconds.items():
        print(f"{size:>10}{'  ' + stage:>24}{spent:>10.2f}")


def main() -> None:
    sizes = [int(s) for s in (sys.argv[1:] or os.environ.get("KG_BENCH_SIZES", "1000").split())]
    work = Path(tempfile.mkdtemp(prefix="kg-scale-"))
    print(f"{'documents':>10}{'stage':>24}{'seconds':>10}{'docs/s':>10}{'peak MB':>10}")
    try:
        for size in sizes:
            inputs = work / f"corpus-{size}"
            files = generate(size, inputs)
            sample = files[: min(len(files), 1000)]
            times = stage_times(sample)
            scale = len(files) / len(sample)
            for stage in ("read", "parse", "cite", "resolve", "rdf", "regex"):
                seconds = times[stage] * scale
                print(f"{size:>10}{stage + (' (plain regex pass)' if stage == 'regex' else ''):>24}"
                      f"{seconds:>10.2f}{size / seconds:>10.0f}{'':>10}")
            extract = times["cite"] + times["resolve"]
            print(f"{size:>10}{'extract (cite+resolve)':>24}{extract * scale:>10.2f}{size / (extract * scale):>10.0f}"
                  f"{'':>10}   ({extract / times['regex']:.1f}x the plain regex pass)")
            one, two = parallel_parse_extract(files, 1), parallel_parse_extract(files, 2)
            print(f"{size:>10}{'parse+extract, 1 worker':>24}{one:>10.2f}{size / one:>10.0f}")
            print(f"{size:>10}{'parse+extract, 2 workers':>24}{two:>10.2f}{size / two:>10.0f}   ({one / two:.2f}x)")
            full = {}
            for workers in (1, 2):
                seconds, peak, _ = _build(inputs, work / f"out-{size}-{workers}", workers)
                full[workers] = seconds
                print(f"{size:>10}{f'full build, {workers} worker(s)':>24}{seconds:>10.2f}{size / seconds:>10.0f}"
                      f"{peak / 1024:>10.0f}")
                _print_build_stages(size, work / f"out-{size}-{workers}")
            # 1% of the files changed, twice: a word added at the start of a clause (no citation changes, so the
            # network's scores are kept), then a new citation in each (the whole network is analysed again)
            for offset, what in enumerate(("reworded", "new citation")):
                changed = files[offset:: 100]
                for path in changed:
                    path.write_text(_changed(path.read_text(encoding="utf-8"), what), encoding="utf-8")
                seconds, peak, _ = _build(inputs, work / f"out-{size}-2", 2)
                print(f"{size:>10}{f'rebuild, 1% {what}':>24}{seconds:>10.2f}{size / seconds:>10.0f}"
                      f"{peak / 1024:>10.0f}   ({100 * seconds / full[2]:.0f}% of the full build)")
                _print_build_stages(size, work / f"out-{size}-2")
            shutil.rmtree(inputs, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
