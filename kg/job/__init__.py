"""``kg build``, the main job: inputs (``inputs``), the per-file work in worker processes (``worker``) and its
cache (``cache``), ``graph.nq`` (``graphfile``), the store (``store_update``), the network's scores and views
beside (``scoring``, ``process``), the manifest and the report; ``run`` puts them in order.

The names load with their modules on first use (PEP 562): the command line imports ``kg.job.inputs`` without the
store and the process pool.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "run": ["build_graph"],
    "result": ["BuildResult"],
    "inputs": ["input_files"],
    "worker": ["process_file"],
    "report": ["build_report"],
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:  # noqa: ANN401 (whatever the module holds)
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'kg.job' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kg.job.{_MODULE_OF[name]}"), name)
