"""Errors a researcher can act on.

Every error the library raises on purpose is a ``QdaError``: its message names
the file, line or item at fault and, where it can, what to do.  The CLI prints
the message on one line and exits with code 2; anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path


class QdaError(Exception):
    """Base of every expected error: bad input, unknown names, conflicts."""


class ProjectError(QdaError):
    """The project file is missing, not a qda project, or from a newer qda."""


class CodebookError(QdaError):
    """A codebook file or codebook operation is invalid."""

    def __init__(self, problem: str, file: str | Path | None = None, line: int | None = None):
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.line = line
        where = ""
        if self.file:
            where = f"{self.file}:{line}: " if line else f"{self.file}: "
        super().__init__(f"{where}{problem}")


class FileError(QdaError):
    """A file qda cannot use: the message is the file, then the problem."""

    def __init__(self, file: str | Path, problem: str):
        self.file = str(file)
        self.problem = problem
        super().__init__(f"{self.file}: {problem}")

    def __reduce__(self):  # raised in a worker process, it crosses back whole
        return type(self), (self.file, self.problem)


class IngestError(FileError):
    """A transcript or attribute file cannot be imported."""


class CodingError(QdaError):
    """A coding is invalid: its span, its code or its document."""


class NotFoundError(QdaError):
    """A named document, code, coder or coding does not exist."""


class ConflictError(QdaError):
    """An action cannot be applied because the project changed underneath it."""
