"""qda: code interview transcripts, analyse the codings, export quotes, measure agreement.

The library is the whole of qda; the ``qda`` command and the Textual app are
thin layers over it::

    import qda
    project = qda.open_project("study.qda")
    project.codings_table()          # a pandas DataFrame of every coding

The names below are imported on first use (PEP 562 ``__getattr__``), so that
``import qda`` and ``qda --version`` do not pay for pandas, which the project
store and the importer need.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .codebook import dump_codebook, load_codebook, write_codebook
    from .errors import QdaError
    from .ingest import import_files
    from .model import Code, Codebook, Coder, Coding, Document
    from .store import Project

__version__ = "0.1.0"

# public name -> the module that defines it
_LAZY = {
    "dump_codebook": ".codebook", "load_codebook": ".codebook", "write_codebook": ".codebook",
    "QdaError": ".errors",
    "import_files": ".ingest",
    "Code": ".model", "Codebook": ".model", "Coder": ".model", "Coding": ".model", "Document": ".model",
    "Project": ".store",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'qda' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def open_project(path: str | Path) -> "Project":
    """Open an existing project file."""
    from .store import Project

    return Project.open(path)


def create_project(path: str | Path, codebook: "str | Path | Codebook | None" = None, name: str = "") -> "Project":
    """Create a project file (owner-only permissions), optionally starting from a YAML codebook."""
    from .codebook import load_codebook
    from .model import Codebook
    from .store import Project

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
