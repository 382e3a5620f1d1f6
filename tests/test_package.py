"""The package as a user installs it: the sdist and the wheel carry the reference data, the ontology, the query
library and the page template; the wheel, installed (not editable) into a fresh virtualenv that sees only its
declared dependencies, runs from a folder that is not the checkout."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from conftest import REPO, SEED
from packaging.requirements import Requirement

SHIPPED = {  # folder in the repository -> its files in the wheel (the reference data only: no demo corpus)
    "data": ("kg/_resources/data", ("*.csv", "*.toml")),
    "ontology": ("kg/_resources/ontology", ("*.ttl",)),
    "queries": ("kg/_resources/queries", ("*.rq",)),
    "kg/templates": ("kg/templates", ("*.html", "*.css")),
    "kg/site/templates": ("kg/site/templates", ("*.html", "*.css")),
}


def _build(backend_call: str, source: Path, target: Path) -> Path:
    """Build with the installed setuptools (no isolation: no download), in a process of its own."""
    call = f"from setuptools import build_meta as b; print(b.{backend_call}({str(target)!r}))"
    done = subprocess.run([sys.executable, "-c", call], check=False, cwd=source, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return target / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built as pip and `python -m build` build it: from the unpacked sdist, so the sdist is checked too."""
    dist = tmp_path_factory.mktemp("dist")
    sdist = _build("build_sdist", REPO, dist)
    with tarfile.open(sdist) as archive:
        archive.extractall(dist / "src", filter="data")
    (unpacked,) = (dist / "src").iterdir()
    return _build("build_wheel", unpacked, dist)


def test_the_setuptools_package_list_names_every_package_of_kg():
    # the list is explicit (the resource folders are mapped into kg/_resources/): a new package must join it
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "kg").rglob("__init__.py")}
    assert on_disk, "no package found under kg/"
    assert on_disk - listed == set()


def test_the_wheel_carries_the_resources_and_no_demo_corpus(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        requires = [line.split(":", 1)[1].strip() for line in archive.read(next(
            n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8").splitlines()
            if line.startswith("Requires-Dist:")]
    for folder, (inside, patterns) in SHIPPED.items():
        expected = sorted(f"{inside}/{p.name}" for pattern in patterns for p in (REPO / folder).glob(pattern))
        assert expected, f"nothing to ship in {folder}"
        assert sorted(n for n in names if n.startswith(inside + "/")) == expected, folder
    assert [n for n in names if n.startswith("kg/") and re.search(r"\.(xml|xz|gz|zip|txt|md)$|/resolutions/|/un/", n)] == []
    # the Python API answers in DataFrames: pandas is a dependency of every install, not of an extra
    assert any(Requirement(r).name == "pandas" and Requirement(r).marker is None for r in requires)


def _core_distributions(requirements: list[str]) -> set[str]:
    """The distributions the requirements need (markers evaluated, extras followed), found in this environment."""
    found: set[str] = set()
    pending = [(Requirement(r), "") for r in requirements]
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        key = f"{name}[{','.join(sorted(requirement.extras))}]"
        if key in found:
            continue
        found.add(key)
        requires = metadata.distribution(name).requires or []
        pending += [(Requirement(r), e) for r in requires for e in ("", *requirement.extras)]
    return {key.split("[")[0] for key in found}


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel installed (not editable) and, through a .pth file, only the distributions
    its metadata asks for, taken from this environment (no download; a missing dependency fails the test)."""
    root = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True, timeout=120)
    python = root / "bin" / "python"
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                           "--no-index", str(wheel)], check=False, env=_clean_environment(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    requires = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Requires-Dist:")]
    farm = root / "dependencies"
    farm.mkdir()
    for name in sorted(_core_distributions(requires)):
        dist = metadata.distribution(name)
        for top in sorted({Path(str(f)).parts[0] for f in dist.files or () if not str(f).startswith("..")}):
            if not (farm / top).exists() and top != "__pycache__":
                (farm / top).symlink_to(Path(str(dist.locate_file(top))))
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(f"{farm}\n", encoding="utf-8")
    return root


def _clean_environment() -> dict[str, str]:
    """This environment without what would show the checkout to the installed package (PYTHONPATH: the checkout's
    own egg-info would make pip take the project for installed) or replace its data."""
    return {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "KG_DATA_DIR")}


def test_the_installed_wheel_runs_from_another_folder(venv, tmp_path):
    env = _clean_environment()
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "seed.txt").write_bytes(SEED.read_bytes())

    def run(*argv: str) -> str:
        done = subprocess.run(argv, check=False, cwd=work, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{argv}: {done.stderr[-3000:]}"
        return done.stdout

    kg, python = str(venv / "bin" / "kg"), str(venv / "bin" / "python")
    where = run(python, "-c", "import kg, kg.resources as r; print(kg.__file__); print(r.resource_dir('data'))")
    assert all(line.startswith(str(venv)) for line in where.split()), where   # not the checkout
    run(kg, "build", "seed.txt", "--out", "out", "--quiet")
    assert "documents: 1" in (work / "out" / "report.md").read_text(encoding="utf-8")
    records = [json.loads(line) for line in run(kg, "extract", "seed.txt", "--format", "jsonl").splitlines()]
    assert records[0]["work"] == "itu/pp/res/71" and records[0]["edition"] == "pp-06"
    assert "itu/pp/res/" in run(kg, "query", "most-cited", "--store", "out", "--format", "csv")
    run(kg, "view", "overview", "--store", "out")
    assert (work / "out" / "views" / "overview.html").stat().st_size > 10_000
    cites = run(python, "-c", "import kg; print(len(kg.open('out').cites('itu/wtsa/res/75')))")
    assert int(cites) == 16
