"""The build's inputs: the files below the paths given, each named once, hashed, and found in the cache
where it was built before."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from kg.buildfiles import open_build_file
from kg.errors import InputError
from kg.job.cache import FileResult, load_cached
from kg.job.graphfile import recorded_files
from kg.readers import MAX_FILE_SIZE, is_document_name, open_input, passed_over_reason


def input_files(inputs: Sequence[str | Path], *, skipped: list[str] | None = None) -> Iterator[Path]:
    """Each file input as given; a directory stands for the documents below it, sorted (files with a document
    suffix and archives of documents; hidden ones, READMEs and licences skipped, and the CSV and TOML reference data
    beside them: they are not resolutions). A symbolic link named as an input is followed; one found in a
    directory is not (as ``find`` and ``rsync`` do not): it is added to ``skipped`` as a warning,
    ``skipped symlink DIR/x -> target``, and so is a file that may be a document but has no suffix to say so
    (``passed_over_reason``)."""
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found, links, builds, unsure = _documents_below(path)
            if skipped is not None:
                skipped += _passed_over(str(path), links, builds, unsure)
            yield from (path / relative for relative in found)
        else:
            yield path


def _documents_below(folder: Path) -> tuple[list[str], list[tuple[str, str]], list[str], list[tuple[str, str]]]:
    """The paths, relative to ``folder``, of the documents below it, in the order paths sort (part by part); the
    symbolic links below it that would have been taken (a link to a folder, or with a document's name), with
    their targets, which are not followed: a link may lead out of the folder (to ``/etc``, to a tree of any size)
    or round in a loop; and the folders below it that a build wrote (``is_build_folder``: ``--out`` inside the
    input folder), which are not read: their views, report and exports would come back as documents; and the
    files not taken that may be documents all the same, with the reason (``passed_over_reason``: no suffix)."""
    found: list[str] = []
    unsure: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    builds: list[str] = []
    if is_build_folder(str(folder)):
        return found, links, ["."], unsure
    for current, subfolders, names in os.walk(folder):
        relative = os.path.relpath(current, folder)
        linked = [name for name in subfolders if os.path.islink(os.path.join(current, name))]
        built = [name for name in subfolders if name not in linked and not name.startswith(".")
                 and is_build_folder(os.path.join(current, name))]
        builds += [name if relative == "." else os.path.join(relative, name) for name in built]
        subfolders[:] = [name for name in subfolders
                         if not name.startswith(".") and name not in linked and name not in built]
        for name in names:
            if name.startswith("."):
                continue
            if os.path.islink(os.path.join(current, name)):   # (a link to a file, a broken link, a loop)
                if is_document_name(name) or passed_over_reason(name) is not None:
                    linked.append(name)   # (said as the link it is, with or without a suffix)
                continue
            if not is_document_name(name):
                if (reason := passed_over_reason(name)) is not None:
                    unsure.append((name if relative == "." else os.path.join(relative, name), reason))
                continue
            found.append(name if relative == "." else os.path.join(relative, name))
        links += [(name if relative == "." else os.path.join(relative, name), _link_target(os.path.join(current, name)))
                  for name in linked if not name.startswith(".")]
    return (sorted(found, key=_parts), sorted(links, key=lambda link: _parts(link[0])), sorted(builds, key=_parts),
            sorted(unsure, key=lambda file: _parts(file[0])))


def is_build_folder(path: str) -> bool:
    """Whether ``path`` is a folder that ``kg build`` wrote: its manifest names the tool and it holds the build's
    cache, or it holds the lock and the cache of a build that has not written its manifest yet (the first build
    into a folder inside its own input). (A manifest alone, another tool's or a copy, does not make one: its
    folder's documents are read.)"""
    if not os.path.isdir(os.path.join(path, "cache")):
        return False
    try:
        with open_build_file(os.path.join(path, "manifest.json")) as handle:
            if b'"tool": "resolution-kg ' in handle.read(64):
                return True
    except OSError:
        pass
    return os.path.isfile(os.path.join(path, ".lock"))


def _parts(path: str) -> list[str]:
    return path.split(os.sep)


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError as error:   # (gone meanwhile)
        return f"? ({error.strerror or error})"


def _passed_over(folder_name: str, links: list[tuple[str, str]], builds: list[str],
                 unsure: list[tuple[str, str]]) -> list[str]:
    """The warning lines for what ``_documents_below`` passed over in the folder named ``folder_name``."""
    return ([_skipped_link(folder_name, relative, target) for relative, target in links]
            + [_skipped_build(folder_name, relative) for relative in builds]
            + [f"skipped {os.path.join(folder_name, relative)}: {reason}" for relative, reason in unsure])


def _skipped_link(folder_name: str, relative: str, target: str) -> str:
    return f"skipped symlink {os.path.join(folder_name, relative)} -> {target} (links in a folder are not followed)"


def _skipped_build(folder_name: str, relative: str) -> str:
    return (f"skipped {os.path.normpath(os.path.join(folder_name, relative))}: a kg build's output folder (its views, "
            "report and exports are no inputs)")


def _display_name(path: Path) -> str:
    """The file's path relative to the working directory where it lies below it (stable across machines). Its
    folders are resolved, not the file itself: a symbolic link named as an input keeps its own name."""
    try:
        real = path.resolve() if path.name in ("", ".", "..") else path.parent.resolve() / path.name
        return str(real.relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):   # (not below it; or a symlink loop, named as given)
        return str(path)


def look_up_inputs(inputs: Sequence[str | Path], out: Path, previous: Mapping[str, object] | None, *,
                   max_size: int = MAX_FILE_SIZE, skipped: list[str] | None = None):
    """The cached results of the unchanged input files, the jobs for the others (path, name, sha256), the files
    that cannot be read (not a regular file, larger than ``max_size``: checked before reading), and each file's
    (size, modification time, change time); the symbolic links found in folders and not followed are added to
    ``skipped`` (see ``input_files``)."""
    hashed = recorded_files(previous)
    results: dict[str, FileResult] = {}
    jobs: list[tuple[str, str, str]] = []
    errors: list[str] = []
    status: dict[str, tuple[int, int, int]] = {}
    for path, name in _named_inputs(inputs, skipped if skipped is not None else []):
        try:
            descriptor, stat = open_input(path, max_size=max_size)
        except InputError as error:
            errors.append(str(error).replace(path, name, 1))
            continue
        with os.fdopen(descriptor, "rb") as handle:
            status[name] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            entry = hashed.get(name)
            if entry is not None and [entry.get("size"), entry.get("mtime_ns"), entry.get("ctime_ns")] == \
                    list(status[name]) and entry.get("sha256"):
                digest = entry["sha256"]   # as git does: a file of the same size and times is not read again
            else:
                try:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
                except OSError as error:
                    errors.append(f"{name}: cannot read: {error.strerror or error}")
                    continue
        cached = load_cached(out, digest, name)
        if cached is not None:
            results[name] = cached
        else:
            jobs.append((path, name, digest))
    return results, jobs, errors, status


def _named_inputs(inputs: Sequence[str | Path], skipped: list[str]) -> Iterator[tuple[str, str]]:
    """Each input file once (its path as a string), with the name the build knows it by (``_display_name``); the
    files found in a directory are named below the directory's own name, which is worked out once."""
    seen: set[str] = set()
    for given in inputs:
        root = Path(given)
        if root.is_dir():
            root_name = _display_name(root)
            found, links, builds, unsure = _documents_below(root)
            skipped += _passed_over(root_name, links, builds, unsure)
            named = [(os.path.join(root, relative), os.path.join(root_name, relative)) for relative in found]
        else:
            named = [(str(root), _display_name(root))]
        for path, name in named:
            if name not in seen:
                seen.add(name)
                yield path, name
