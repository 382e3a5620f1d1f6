"""What a build did: the files, the errors, and where the outputs are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.job.cache import FileResult


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``build_graph`` did: the files, the errors, and where the outputs are."""

    out: Path
    files: tuple[FileResult, ...]
    quads: int
    errors: tuple[str, ...] = field(default=())
    network: str = ""
    warnings: tuple[str, ...] = ()   # what was passed over, not in error (a symbolic link in a folder)
    # two different texts of one edition, a line each (kg.job.editions): the graph will not conform
    editions_with_two_texts: tuple[str, ...] = ()

    @property
    def reparsed(self) -> list[str]:
        return [f.path for f in self.files if f.reparsed and f.error is None]
