"""Where the package's own files are: the reference data, the ontology, the query library, the page templates.

The repository keeps ``data/``, ``ontology/`` and ``queries/`` at its top (beside ``kg/``); a wheel or an sdist
carries them inside the package as ``kg/_resources/`` (the mapping is in ``pyproject.toml``). Both are found here,
through ``importlib.resources``, so an installed wheel, an editable install and a checkout on ``PYTHONPATH`` read
the same files.

>>> (resource_dir("queries") / "most-cited.rq").is_file(), (resource_dir("ontology") / "kg.ttl").is_file()
(True, True)
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path
from typing import Literal

Resource = Literal["data", "ontology", "queries", "templates"]


@functools.cache
def resource_dir(name: Resource) -> Path:
    """The folder of one kind of resource: ``kg/_resources/NAME`` in an installed wheel, else ``NAME/`` at the top
    of the checkout (``templates`` always lies in the package itself)."""
    package = files("kg")
    if not isinstance(package, Path):   # only a zipped install gives another Traversable: the readers need files
        raise TypeError(f"the kg package is not installed as files ({package}); install it unzipped")
    if name == "templates":
        return package / "templates"
    installed = package / "_resources" / name
    return installed if installed.is_dir() else package.parent / name
