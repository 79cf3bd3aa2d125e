"""Files out (and REFI-QDA files in): quotes, graphs, codebooks, projects.

``write_codebook_file`` and ``read_codebook_file`` choose the format by the
file's suffix, so `qda codebook --export/--import` serves every format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CodebookError
from ..files import PRIVATE

if TYPE_CHECKING:  # imported where used: a listing of quotes needs neither YAML nor pandas
    from ..model import Codebook

CSV_STYLES = ("qda", "taguette")


def write_codebook_file(codebook: Codebook, path: str | Path, csv_style: str = "qda", raw_csv: bool = False,
                        mode: int = PRIVATE) -> None:
    """.yaml/.yml and .csv (``qda.codebook``; ``csv_style="taguette"``: the columns Taguette imports),
    .qdc (REFI-QDA) or .docx (the appendix papers print).  CSVs are safe for spreadsheets unless ``raw_csv``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv" and csv_style == "taguette":
        from .codebook_csv import write_codebook_csv
        write_codebook_csv(codebook, path, style="taguette", raw=raw_csv, mode=mode)
    elif suffix in (".yaml", ".yml", ".csv"):
        from ..codebook import write_codebook
        write_codebook(codebook, path, raw_csv=raw_csv, mode=mode)
    elif suffix == ".qdc":
        from .refi import write_qdc
        write_qdc(codebook, path)
    elif suffix == ".docx":
        from .codebook_docx import write_codebook_docx
        write_codebook_docx(codebook, path, mode=mode)
    else:
        raise CodebookError(f"cannot write a codebook as {suffix or 'a file without suffix'}; use .yaml, .csv, .qdc or .docx", path)


def read_codebook_file(path: str | Path, notes: list[str] | None = None, said: list[str] | None = None) -> Codebook:
    """A codebook from .yaml/.yml, .qdc or .csv (qda's, Taguette's or any with a name column).

    Codes of a flat file named like "Police › Distrust" are put back in their tree
    (``codebook_csv.unflatten``); a line for each goes to ``notes``.  What reading a .qdc changed
    (a sibling's name taken, a colour not #RRGGBB) and left out (code sets) goes to ``said``, each
    line starting ``Adjusted:`` or ``Left out:`` as ``qda init --from`` prints them."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        from ..codebook import load_codebook
        return load_codebook(path)
    from .codebook_csv import read_codebook_csv, unflatten
    if suffix == ".qdc":
        from .refi import read_qdc
        read, report = read_qdc(path)
        if said is not None:
            said += [f"Adjusted: {line}" for line in report.adjusted] + [f"Left out: {line}" for line in report.skipped]
        book, found = unflatten(read)
    elif suffix == ".csv":
        book, found = read_codebook_csv(path)
    else:
        raise CodebookError(f"cannot read a codebook from {suffix or 'a file without suffix'}; use .yaml, .qdc or .csv", path)
    if notes is not None:
        notes.extend(found)
    return book
