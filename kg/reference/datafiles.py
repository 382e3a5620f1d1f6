"""Where the project's reference data lives: ``data/`` (in a wheel, ``kg/_resources/data/``), or ``$KG_DATA_DIR``.

Facts that are not code (the conference gazetteer, verbs, bodies, addressees, citation patterns) are kept in
that folder as CSV or TOML so that a user can extend them without touching code.
"""

from __future__ import annotations

import csv
import os
import tomllib
from pathlib import Path

from kg.resources import resource_dir

# what a reference file is (data/ holds the demo corpus too, in folders of its own, and a README)
REFERENCE_SUFFIXES = (".csv", ".toml")


def data_path(name: str) -> Path:
    """Return the path of reference file ``name``, preferring ``$KG_DATA_DIR`` when it holds one."""
    override = os.environ.get("KG_DATA_DIR")
    if override and (Path(override) / name).exists():
        return Path(override) / name
    return resource_dir("data") / name


def reference_files() -> list[Path]:
    """Every reference file in use, by name: the packaged ones, each replaced by ``$KG_DATA_DIR``'s of that name,
    and those only ``$KG_DATA_DIR`` holds."""
    override = os.environ.get("KG_DATA_DIR")
    folders = [resource_dir("data")] + ([Path(override)] if override and Path(override).is_dir() else [])
    names = {path.name for folder in folders for path in folder.iterdir()
             if path.is_file() and path.suffix in REFERENCE_SUFFIXES}
    return [data_path(name) for name in sorted(names)]


def read_csv_rows(name: str) -> list[dict[str, str]]:
    """Read a reference CSV file as a list of row dicts (header row gives the keys)."""
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def read_toml(name: str) -> dict[str, object]:
    """Read a reference TOML file."""
    with data_path(name).open("rb") as handle:
        return tomllib.load(handle)


def split_aliases(cell: str | None) -> tuple[str, ...]:
    """Split a ``;``-separated alias cell into its stripped, non-empty parts."""
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())
