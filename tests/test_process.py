"""A process of its own for one call (kg.job.process): its result, its errors, the modules it loads beforehand, and
being stopped unused."""

from __future__ import annotations

import multiprocessing
import os
import sys

import pytest

from kg.job.process import Beside, ProcessFailed


def _fails(message: str) -> None:
    raise ValueError(message)


def _dies() -> None:
    os._exit(7)


def _loaded(name: str) -> bool:
    return name in sys.modules


def test_the_result_comes_back():
    assert Beside().call(divmod, 17, 5)() == (3, 2)


def test_the_modules_named_are_loaded_before_the_call():
    # a module not loaded here, so that the process cannot have it from us
    unloaded = [name for name in ("colorsys", "tabnanny", "wave", "netrc") if name not in sys.modules]
    assert unloaded, "every candidate module is loaded already"
    assert Beside(preload=[unloaded[0]]).call(_loaded, unloaded[0])() is True
    assert Beside().call(_loaded, unloaded[0])() is False


def test_an_error_in_the_process_is_raised_with_its_traceback():
    with pytest.raises(ProcessFailed, match=r"(?s)_fails failed in its process.*Traceback.*ValueError: no network"):
        Beside().call(_fails, "no network")()


def test_a_module_that_does_not_load_is_told_when_the_call_comes():
    with pytest.raises(ProcessFailed, match="ModuleNotFoundError.*no_such_module"):
        Beside(preload=["no_such_module"]).call(divmod, 1, 1)()


def test_a_process_that_ends_without_an_answer_is_an_error():
    with pytest.raises(ProcessFailed, match=r"ended without an answer \(exit code 7\)"):
        Beside().call(_dies)()


def test_a_process_stopped_unused_ends():
    before = set(multiprocessing.active_children())
    beside = Beside(preload=["json"])
    assert len(set(multiprocessing.active_children()) - before) == 1
    beside.stop()
    assert set(multiprocessing.active_children()) - before == set()
    beside.stop()   # (twice is harmless)
