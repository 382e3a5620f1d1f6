"""``kg build``, the main job: inputs (``inputs``), the per-file work in worker processes (``worker``) and its
cache (``cache``), ``graph.nq`` (``graphfile``), the store (``store_update``), the network's scores and views
beside (``scoring``, ``process``), the manifest and the report; ``run`` puts them in order.

The names load with their modules on first use (PEP 562): the command line imports ``kg.job.inputs`` without the
store and the process pool.
"""

from __future__ import annotations

from kg.lazy import lazy_names

_EXPORTS = {
    "run": ["build_graph"],
    "result": ["BuildResult"],
    "inputs": ["input_files"],
    "worker": ["process_file"],
    "report": ["build_report"],
}
__all__, __getattr__ = lazy_names("kg.job", _EXPORTS)
