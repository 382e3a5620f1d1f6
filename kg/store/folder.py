"""A built folder (``kg build --out DIR``), as every command that reads one checks it before it starts: a folder
holding the build's ``manifest.json`` (written when a build ends) and its store, or, for the commands that read
only ``graph.nq``, that file. Any other folder is refused (exit 3): Oxigraph would make a new, empty store in it, and the command
would go on as over an empty build, writing its outputs into a folder of texts.

>>> import tempfile
>>> try:
...     built_folder(tempfile.mkdtemp())
... except StoreUnavailableError as error:
...     print(str(error).split(": ", 1)[1])
not a build (no manifest.json: kg build --out DIR builds one)
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from kg.buildfiles import damage_at
from kg.store.local import StoreUnavailableError

Needs = Literal["store", "graph.nq", "manifest"]


def built_folder(folder: str | Path, *, needs: Needs = "store") -> Path:
    """``folder`` as a ``Path`` if it is a build holding what ``needs`` names (its Oxigraph store, its ``graph.nq``,
    or only its manifest); else ``StoreUnavailableError``, one line naming the folder and what it lacks."""
    path = Path(folder)
    if not path.exists():
        raise StoreUnavailableError(f"{path}: no such folder (kg build --out {path} builds one)")
    if not path.is_dir():
        raise StoreUnavailableError(f"{path}: not a folder, so not a build (kg build --out DIR builds one)")
    # (what reads only graph.nq, kg push and kg validate, takes a folder that holds one, as a build's copy)
    mark = "graph.nq" if needs == "graph.nq" else "manifest.json"
    if (damage := damage_at(path / mark)) is not None:   # (a link to /dev/zero, a FIFO: never read)
        raise StoreUnavailableError(f"{path / mark}: {damage} (kg build --out {path} writes it again)")
    if not (path / mark).is_file():
        raise StoreUnavailableError(f"{path}: not a build (no {mark}: kg build --out DIR builds one)")
    if needs == "store" and not (path / "store" / "CURRENT").is_file():
        raise StoreUnavailableError(f"{path}: a build without its store ({path / 'store'} is no Oxigraph store: "
                                    f"kg build --out {path} loads it again)")
    return path
