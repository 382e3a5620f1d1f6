"""``OUT/manifest.json``: what was built from what, and where each file's graphs lie in ``graph.nq``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kg import __version__
from kg.buildfiles import load_build_json, read_build_file
from kg.job.graphfile import FileEntry, GraphFile, graph_file_record
from kg.job.result import BuildResult
from kg.store.local import is_optimized


def read_manifest(out: Path) -> dict[str, object] | None:
    """The previous build's manifest, or None where there is none, or only damage (no regular file, no JSON,
    JSON of another shape: ``kg.buildfiles``): the build then starts afresh."""
    try:
        manifest = load_build_json(out / "manifest.json")
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and _as_written(manifest) else None


# the types of a file entry's fields that a rebuild reads (a manifest of another version may lack some)
_ENTRY_FIELDS: dict[str, type | tuple[type, ...]] = {"path": str, "sha256": str, "size": int, "mtime_ns": int, "ctime_ns": int, "documents": int,
                 "graphs": list, "span": (list, type(None)), "error": (str, type(None))}


def _as_written(manifest: object) -> bool:
    """Whether ``manifest`` has the shape ``write_manifest`` gives it where a rebuild relies on it: valid JSON of
    another shape (an edit, another program's file) is no manifest, and the build starts afresh."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("graph_file") or {}, dict):
        return False
    files = manifest.get("files", [])
    return isinstance(files, list) and all(
        isinstance(entry, dict) and "path" in entry and "sha256" in entry
        and all(isinstance(entry[key], kind) for key, kind in _ENTRY_FIELDS.items() if key in entry)
        and all(isinstance(graph, str) for graph in entry.get("graphs", ()))
        for entry in files)


def write_manifest(result: BuildResult, *, store_complete: bool, status: dict[str, tuple[int, int, int]],
                    graph_file: GraphFile, seconds: dict[str, float], analysis: str,
                    store_token: str | None = None, store_quads: int | None = None) -> None:
    spans = graph_file.spans
    entries: list[FileEntry] = [
        {"path": f.path, "sha256": f.sha256, "size": status[f.path][0], "mtime_ns": status[f.path][1],
         "ctime_ns": status[f.path][2],
         "documents": len(f.documents), "reparsed": f.reparsed, "error": f.error,
         "graphs": list(f.graphs),
         "span": spans[f.path].record() if f.path in spans else None} for f in result.files]
    manifest = {
        "tool": f"resolution-kg {__version__}",
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "quads": result.quads,
        "store_complete": store_complete,
        "store_token": store_token,   # (written inside the store's folder too: see store_update.seal_store)
        "store_quads": store_quads,   # what the store held when it was sealed: checked before it is changed in place
        "store_optimized": is_optimized(result.out / "store"),   # (kg optimize, kg serve: see record_optimized)
        "network": result.network,
        "analysis": analysis,   # the sha256 of the analysis graph in the store (and in analysis.nq)
        "seconds": seconds,
        "graph_file": graph_file_record(result.out, graph_file),
        "errors": list(result.errors),
    }
    # "files" last, one line per file (json's indented writer is ten times slower than its plain one, which counts
    # at 100k files)
    files = ",\n    ".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
    text = json.dumps(manifest, indent=2, ensure_ascii=False)
    (result.out / "manifest.json").write_text(f'{text[:-2]},\n  "files": [\n    {files}\n  ]\n}}\n', encoding="utf-8")


def record_optimized(out: Path) -> None:
    """Say in ``out/manifest.json`` that the store is optimized (the field changed in place, the rest as written)."""
    path = out / "manifest.json"
    try:
        text = read_build_file(path).decode("utf-8")
    except (OSError, ValueError):
        return
    changed = text.replace('"store_optimized": false', '"store_optimized": true', 1)
    if changed != text:
        temporary = path.with_suffix(".tmp")
        temporary.write_text(changed, encoding="utf-8")
        temporary.replace(path)
