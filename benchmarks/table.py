"""`make bench`'s summary: one table of figures measured in one run, so that their ratios hold.

For the shared corpus (and, with KG_BENCH_COPIES=N, a stand-in of N renumbered copies of it: benchmarks/standin.py)
and for synthetic corpora of the sizes in KG_BENCH_SIZES (benchmarks/synth.py): a full `kg build` with 2 workers
in a process of its own, its seconds per 1,000 documents for each stage (wall, and CPU: the build's threads and its
workers), quads/s end to end, peak memory; the store load against pyoxigraph's own bulk_load of the same graph.nq
(the floor) and against rdflib (the baseline); `kg validate` (these two on the shared corpus only). Wall times on a shared machine
vary; CPU seconds much less. Asserts nothing.

Usage: python benchmarks/table.py [CORPUS_DIR]     (KG_BENCH_SIZES="10000 100000", KG_BENCH_COPIES=7)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

# run in the build's process: each stage's wall and CPU seconds (its threads, and its children once reaped)
_BUILD = """
import json, re, resource, sys, time
try:
    import kg.job.run as run
except ImportError:   # (the code before kg/build/ became kg/job/)
    import kg.build.run as run
def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
class Stages:
    def __init__(self):
        self.seconds, self.cpu, self._since, self._cpu = {}, {}, time.perf_counter(), cpu()
    def done(self, stage):
        now, spent = time.perf_counter(), cpu()
        self.seconds[stage], self.cpu[stage] = round(now - self._since, 3), round(spent - self._cpu, 3)
        self._since, self._cpu = now, spent
        Stages.last = self
run._Stages = Stages
start, spent = time.perf_counter(), cpu()
result = run.build_graph([sys.argv[1]], sys.argv[2], workers=2, progress=False)
wall, spent = time.perf_counter() - start, cpu() - spent
own = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"wall": wall, "cpu": spent, "peak_mb": peak / 1024, "quads": result.quads,
                  "documents": sum(len(f.documents) for f in result.files),
                  "stages": Stages.last.seconds, "stages_cpu": Stages.last.cpu}))
"""

_LOAD = """
import json, resource, sys, time, pyoxigraph as ox
def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime
store = ox.Store(sys.argv[2])
start, spent = time.perf_counter(), cpu()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS, lenient=True)
loaded, loaded_cpu = time.perf_counter(), cpu()
store.optimize()
print(json.dumps({"load": loaded - start, "load_cpu": loaded_cpu - spent, "optimize": time.perf_counter() - loaded,
                  "optimize_cpu": cpu() - loaded_cpu}))
"""

_RDFLIB = """
import json, resource, sys, time, rdflib
start = time.process_time()
dataset = rdflib.Dataset()
dataset.parse(sys.argv[1], format="nquads")
print(json.dumps({"cpu": time.process_time() - start}))
"""

_VALIDATE = """
import json, re, resource, sys, time
from kg.validate import validate_path
start, cpu = time.perf_counter(), time.process_time()
conforms, _ = validate_path(sys.argv[1])
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
print(json.dumps({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu, "peak_mb": peak / 1024,
                  "conforms": conforms}))
"""


def _python(program: str, *args: str, code: Path = REPO) -> dict:
    environment = {**os.environ, "PYTHONPATH": str(code)}
    # (run from ``code``: ``python -c`` puts the working directory before PYTHONPATH)
    done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, env=environment,
                          cwd=code, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(name: str, inputs: Path, work: Path, *, code: Path = REPO, baseline: bool = False) -> list[tuple]:
    """The rows of one corpus: its build's stages, the store against its floor, and validation."""
    out = work / f"out-{name}"
    build = _python(_BUILD, str(inputs), str(out), code=code)
    per = 1000 / build["documents"]
    rows = [(name, f"full build ({build['documents']} documents, {build['quads']} quads)", build["wall"] * per,
             build["cpu"] * per, f"{build['quads'] / build['wall']:,.0f} quads/s; peak {build['peak_mb']:,.0f} MB")]
    for stage, seconds in build["stages"].items():
        rows.append((name, f"  {stage}", seconds * per, build["stages_cpu"][stage] * per, ""))
    floor = _python(_LOAD, str(out / "graph.nq"), str(work / f"floor-{name}"), code=code)
    quads = sum(1 for _ in (out / "graph.nq").open("rb"))
    rows.append((name, "  floor: bulk_load of graph.nq", floor["load"] * per, floor["load_cpu"] * per,
                 (f"{quads / floor['load']:,.0f} quads/s; the build end to end: "
                 f"{build['quads'] / build['wall'] / (quads / floor['load']):.2f}x the floor's speed")))
    rows.append((name, "  floor: optimize() after it", floor["optimize"] * per, floor["optimize_cpu"] * per, ""))
    if baseline:
        rdflib = _python(_RDFLIB, str(out / "graph.nq"), code=code)
        rows.append((name, "  baseline: rdflib Dataset parse", rdflib["cpu"] * per, rdflib["cpu"] * per,
                     (f"{quads / rdflib['cpu']:,.0f} quads/s (CPU); floor {rdflib['cpu'] / floor['load_cpu']:.1f}x "
                     "less CPU")))
        validation = _python(_VALIDATE, str(out), code=code)
        rows.append((name, "kg validate", validation["wall"] * per, validation["cpu"] * per,
                     (f"{validation['wall']:.1f} s, {validation['cpu']:.1f} s CPU, peak {validation['peak_mb']:,.0f} "
                     f"MB, {'conforms' if validation['conforms'] else 'DOES NOT CONFORM'}")))
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work / f"floor-{name}", ignore_errors=True)
    return rows


def main() -> None:
    from standin import make_standin
    from synth import generate

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpus"
    code = Path(os.environ.get("KG_BENCH_CODE", REPO))   # another checkout of the project, to compare
    sizes = [int(s) for s in os.environ.get("KG_BENCH_SIZES", "1000").split()]
    copies = int(os.environ.get("KG_BENCH_COPIES", "0"))
    work = Path(tempfile.mkdtemp(prefix="kg-table-"))
    rows: list[tuple] = []
    try:
        if corpus.is_dir():
            rows += measure("shared corpus", corpus, work, code=code, baseline=True)
            if copies:
                make_standin(corpus, work / "standin", copies)
                rows += measure(f"stand-in x{copies}", work / "standin", work, code=code)
                shutil.rmtree(work / "standin", ignore_errors=True)
        for size in sizes:
            generate(size, work / f"synth-{size}")
            rows += measure(f"synthetic {size:,}", work / f"synth-{size}", work, code=code)
            shutil.rmtree(work / f"synth-{size}", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (2 cores: wall times above 2 mean others' work)")
    print(f"{'corpus':<18}{'what':<52}{'s/1k docs':>10}{'CPU s/1k':>10}  figures")
    for name, what, wall, cpu, note in rows:
        print(f"{name:<18}{what:<52}{wall:>10.2f}{cpu:>10.2f}  {note}")


if __name__ == "__main__":
    main()
