"""Past one machine: the per-file work of ``kg build`` on a dask.distributed cluster, through its executor (a real
scheduler and two worker processes on the loopback interface), gives the same graph as the local process pool."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from conftest import SEED
from distributed import Client, LocalCluster, get_task_stream

from kg.cli import main
from kg.errors import EXIT_OK, EXIT_UNREACHABLE
from kg.job import build_graph


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as running:
        yield running


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    for number in (76, 77, 78):
        (folder / f"r{number}.txt").write_text(
            SEED.read_text(encoding="utf-8").replace("RESOLUTION 75", f"RESOLUTION {number}"), encoding="utf-8")
    return folder


def test_the_cluster_runs_every_file_and_the_graph_is_the_local_one(cluster, inputs, tmp_path):
    with Client(cluster) as client, get_task_stream(client) as tasks:
        result = build_graph([inputs], tmp_path / "dask", executor=client.get_executor(), progress=False)
    assert result.errors == () and len(result.reparsed) == 4
    ran = [task for task in tasks.data if task["key"].startswith("process_file")]
    assert len(ran) == 4, [task["key"] for task in tasks.data]
    assert {task["worker"] for task in ran} <= set(cluster.scheduler_info["workers"])
    build_graph([inputs], tmp_path / "local", workers=2, progress=False)
    assert (tmp_path / "dask" / "graph.nq").read_bytes() == (tmp_path / "local" / "graph.nq").read_bytes()


def test_kg_build_with_a_scheduler_address(cluster, inputs, tmp_path, capsys):
    code = main(["build", str(inputs), "--out", str(tmp_path / "out"), "--quiet",
                 "--scheduler", cluster.scheduler_address])
    assert code == EXIT_OK, capsys.readouterr().err
    assert "built 4 documents from 4 files (4 parsed" in capsys.readouterr().out


def test_an_unreachable_scheduler_is_one_line_and_exit_3(inputs, tmp_path, capsys):
    start = time.monotonic()
    code = main(["build", str(inputs), "--out", str(tmp_path / "out"), "--quiet", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == EXIT_UNREACHABLE
    assert err.count("\n") == 1 and "cannot reach the dask scheduler" in err and "127.0.0.1:9" in err
    assert not (tmp_path / "out" / "graph.nq").exists()
    assert time.monotonic() - start < 60    # not a hang (the client gives up after 10 s)


def _other_reference_data(folder: str) -> None:
    os.environ["KG_DATA_DIR"] = folder


def test_workers_write_their_entries_under_the_build_s_cache_version(inputs, tmp_path):
    # a worker whose own code or reference data hash otherwise (another machine's install, a $KG_DATA_DIR of its
    # own) still writes each entry where the build looks for it
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.reference.datafiles import data_path

    data = tmp_path / "data"
    data.mkdir()
    bodies = data_path("bodies.csv").read_text(encoding="utf-8")
    (data / "bodies.csv").write_text(bodies + "\n", encoding="utf-8")   # (the same facts in other bytes)
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_other_reference_data, initargs=(str(data),)) as executor:
        result = build_graph([inputs], tmp_path / "out", executor=executor, progress=False)
    assert result.errors == () and len(result.reparsed) == 4
    build_graph([inputs], tmp_path / "local", progress=False, workers=1)
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (tmp_path / "local" / "graph.nq").read_bytes()
