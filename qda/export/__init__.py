"""Files out (and REFI-QDA files in): quotes, graphs, codebooks, projects.

``write_codebook_file`` and ``read_codebook_file`` choose the format by the
file's suffix, so `qda codebook --export/--import` serves every format."""

from __future__ import annotations

from pathlib import Path

from ..codebook import load_codebook, write_codebook
from ..errors import CodebookError
from ..model import Codebook


def write_codebook_file(codebook: Codebook, path: str | Path) -> None:
    """.yaml/.yml and .csv (``qda.codebook``), .qdc (REFI-QDA) or .docx (the appendix papers print)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".csv"):
        write_codebook(codebook, path)
    elif suffix == ".qdc":
        from .refi import write_qdc
        write_qdc(codebook, path)
    elif suffix == ".docx":
        from .codebook_docx import write_codebook_docx
        write_codebook_docx(codebook, path)
    else:
        raise CodebookError(f"cannot write a codebook as {suffix or 'a file without suffix'}; use .yaml, .csv, .qdc or .docx", path)


def read_codebook_file(path: str | Path) -> Codebook:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return load_codebook(path)
    if suffix == ".qdc":
        from .refi import read_qdc
        return read_qdc(path)[0]
    raise CodebookError(f"cannot read a codebook from {suffix or 'a file without suffix'}; use .yaml or .qdc", path)
