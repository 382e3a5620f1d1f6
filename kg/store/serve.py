"""``kg serve``: a local SPARQL endpoint over a built store, the Oxigraph server bound to 127.0.0.1.

The server holds the store while it runs (an on-disk Oxigraph store has one process at a time), so it serves
read-only and is stopped before the next build. Its web page at ``/`` lets a person type queries.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from kg.errors import KgError


def oxigraph_command() -> str:
    """The ``oxigraph`` program of the PyPI package ``oxigraph`` (in this environment's ``bin``, or on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise KgError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def server_command(location: Path | None, port: int, *, read_only: bool) -> list[str]:
    """The command line that serves ``location`` (in memory when None) on 127.0.0.1:port."""
    command = [oxigraph_command(), "serve-read-only" if read_only else "serve"]
    if location is not None:
        command += ["--location", str(location)]
    return command + ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]


def serve(out: Path, port: int) -> int:
    """Serve ``out/store`` until interrupted; returns the server's exit status."""
    store = out / "store"
    if not store.is_dir():
        raise KgError(f"{out}: no store (run kg build first)")
    print(f"SPARQL endpoint: http://127.0.0.1:{port}/query  (web page: http://127.0.0.1:{port}/ ; Ctrl-C stops)",
          flush=True)
    process = subprocess.Popen(server_command(store, port, read_only=True))
    # stopped by a signal (Ctrl-C, or SIGTERM from a service manager or a test), the server stops with us: it would
    # otherwise go on holding the port and the store
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if on_main_thread else None
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
    finally:
        if on_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt
