"""The memory of reading a large archive: N members of SIZE bytes (ITU texts with long clauses), as a .tar.gz and
a .zip, each read through ``kg.readers.read_sources`` in a process of its own. Prints the peak resident memory
and the seconds; asserts nothing.

Usage: python benchmarks/archive.py [MEMBERS [SIZE]] [--build]   (default 300 members of 2 MB: 600 MB of documents;
       --build: also ``kg build`` of the .tar.gz with one worker, under ``/usr/bin/time -v``: its wall time, CPU and
       peak resident memory; its outputs, a few GB, go to a temporary folder: set TMPDIR where there is room)

Measured 2026-12 on this machine: 1,166 MB at the peak for either archive when all the members were read
before the first was worked on; 28 MB (tar.gz) and 31 MB (zip) read member by member.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_WORDS = ["that", "the", "telecommunication", "development", "sector", "should", "continue", "its", "work", "on",
          "the", "standardization", "of", "networks", "and", "services", "in", "line", "with"]


def member_text(number: int, size: int, paragraphs: list[str]) -> bytes:
    """A resolution numbered ``number`` of about ``size`` bytes: lettered clauses, a citation in every tenth."""
    head = (f"RESOLUTION {number} (Rev. Busan, 2014)\nTest resolution {number}\n(Kyoto, 1994; Rev. Busan, 2014)\n"
            "The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),\n"
            "considering\n")
    parts = [head]
    total, label = len(parts[0]), 0
    while total < size:
        label += 1
        cites = " taking into account Resolution 71 (Rev. Antalya, 2006) of the Plenipotentiary Conference"
        paragraph = f"{label})\n{paragraphs[label % len(paragraphs)]}{cites if label % 10 == 0 else ''};\n"
        parts.append(paragraph)
        total += len(paragraph)
    parts.append("resolves\n1\nto parse it.\n")
    return "".join(parts).encode()


def write_archives(folder: Path, members: int, size: int) -> list[Path]:
    rng = random.Random(1)
    paragraphs = [" ".join(rng.choice(_WORDS) for _ in range(200)) for _ in range(7)]
    tar_path, zip_path = folder / "members.tar.gz", folder / "members.zip"
    with tarfile.open(tar_path, "w:gz") as tarred, zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for number in range(1, members + 1):
            data = member_text(number, size, paragraphs)
            info = tarfile.TarInfo(f"res/res-{number:04d}.txt")
            info.size = len(data)
            tarred.addfile(info, io.BytesIO(data))
            zipped.writestr(info.name, data)
    return [tar_path, zip_path]


_READ = """
import resource, sys, time
from kg.readers import read_sources
start = time.perf_counter()
errors = []
count = chars = 0
for source in read_sources(sys.argv[1], errors=errors):
    count += 1
    chars += len(source.text)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{count} documents, {chars / 1e6:,.0f} M characters, {len(errors)} errors, "
      f"{time.perf_counter() - start:.1f} s, peak resident {peak:,.0f} MB")
"""


def measure_build(path: Path, out: Path) -> str:
    """``kg build PATH --out OUT --workers 1`` (the archive's members read in the build's own process) under
    ``/usr/bin/time -v``: its exit, wall time, CPU and peak resident memory."""
    from dense import measure_build as measured
    figures = measured(path, out)
    return (f"kg build, 1 worker: exit {figures['exit']}, {figures['wall']} wall, {figures['cpu']} s of CPU, "
            f"peak resident {int(figures['rss']):,} MB")


def main() -> None:
    arguments = [argument for argument in sys.argv[1:] if argument != "--build"]
    members = int(arguments[0]) if arguments else 300
    size = int(arguments[1]) if len(arguments) > 1 else 2_000_000
    with tempfile.TemporaryDirectory() as folder:
        for path in write_archives(Path(folder), members, size):
            figures = subprocess.run([sys.executable, "-c", _READ, str(path)], cwd=REPO, check=True,
                                     capture_output=True, text=True).stdout.strip()
            print(f"{path.name} ({path.stat().st_size / 1e6:.1f} MB, {members} members of {size:,} bytes): "
                  f"{figures}")
            if "--build" in sys.argv and path.name.endswith(".tar.gz"):
                print(f"{path.name}: {measure_build(path, Path(folder) / 'out')}", flush=True)


if __name__ == "__main__":
    main()
