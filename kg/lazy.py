"""A package face whose names load with their modules on first use (PEP 562): ``kg.analyze`` and ``kg.job`` re-export
their verbs without importing networkx, scipy or the store when a light module of theirs is imported."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def lazy_names(package: str, exports: Mapping[str, Sequence[str]]) -> tuple[list[str], Callable[[str], Any]]:
    """``__all__`` and the module ``__getattr__`` of ``package``, whose modules (by name) export ``exports``.

    >>> names, getattr_ = lazy_names("kg.reference", {"keys": ["WorkKey"]})
    >>> names, getattr_("WorkKey").__name__
    (['WorkKey'], 'WorkKey')
    """
    module_of = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module_of[name]}"), name)

    return sorted(module_of), __getattr__
