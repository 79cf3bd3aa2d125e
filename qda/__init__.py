"""qda: code interview transcripts, analyse the codings, export quotes, measure agreement.

The library is the whole of qda; the ``qda`` command and the Textual app are
thin layers over it::

    import qda
    project = qda.open_project("study.qda")
    project.codings_table()          # a pandas DataFrame of every coding
"""

from __future__ import annotations

from pathlib import Path

from .codebook import dump_codebook, load_codebook, write_codebook
from .errors import QdaError
from .ingest import import_files
from .model import Code, Codebook, Coder, Coding, Document
from .store import Project

__version__ = "0.1.0"


def open_project(path: str | Path) -> Project:
    """Open an existing project file."""
    return Project.open(path)


def create_project(path: str | Path, codebook: str | Path | Codebook | None = None, name: str = "") -> Project:
    """Create a project file (owner-only permissions), optionally starting from a YAML codebook."""
    if codebook is not None and not isinstance(codebook, Codebook):
        codebook = load_codebook(codebook)  # validate before anything is written
    with Project.build(path, name=name) as project:  # whole or not at all, codebook included
        if codebook is not None:
            project.import_codebook(codebook)
    return Project.open(path)


__all__ = [
    "Code", "Codebook", "Coder", "Coding", "Document", "Project", "QdaError", "create_project", "dump_codebook",
    "import_files", "load_codebook", "open_project", "write_codebook",
]
