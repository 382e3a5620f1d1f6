"""The project's errors and the exit codes the command line maps them to, in one place.

Exit codes: 0 success; 1 the work was done but something does not conform (evaluation below target,
validation failure); 2 bad input (a file could not be read or parsed; the other files were still done);
3 a store, endpoint or dask scheduler could not be reached, or another command (a build, ``kg analyze``...) is
writing the same output folder.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_BAD_INPUT = 2
EXIT_UNREACHABLE = 3


class KgError(Exception):
    """Base class of the errors this project raises on purpose."""

    exit_code = EXIT_BAD_INPUT


class InputError(KgError):
    """A file that cannot be read as a resolution; the message names the file (and line)."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")

    @classmethod
    def from_bug(cls, path: str, error: BaseException) -> InputError:
        """What a bug met while reading ``path`` is, on one line: ``PATH: internal error (KeyError): ...``."""
        return cls(path, f"internal error ({type(error).__name__}): {' '.join(str(error).split())[:300]}")

    @classmethod
    def of_document(cls, path: str, error: BaseException) -> InputError:
        """What reading the document ``path`` raised, as its error: an ``InputError`` as it is, a bug by
        ``from_bug``."""
        return error if isinstance(error, InputError) else cls.from_bug(path, error)


class UnreachableError(KgError):
    """A store, endpoint or dask scheduler that cannot be reached."""

    exit_code = EXIT_UNREACHABLE


class BusyError(UnreachableError):
    """An output folder another command is writing (``OUT/.lock`` is held: ``kg.job.lock``)."""
