"""CSV files written for spreadsheets: every CSV qda writes to a file goes through ``write_csv``.

Excel and LibreOffice read a cell that begins with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return as a formula, so a quote like ``=SUM(A1:A3) es lo
que…`` or an attribute ``=cmd|' /C calc'!A0`` would run when the file is
opened (CSV injection).  By default qda follows OWASP's advice (CSV Injection,
https://owasp.org/www-community/attacks/CSV_Injection): such a cell gets a
leading apostrophe, which spreadsheets take as "this is text" and do not show,
and every cell is quoted (a ``"`` inside doubled).  The same is done for a NUL
first character (OWASP ASVS 5.0, 1.2.10) and for the full-width ``＝ ＋ － ＠``
that some spreadsheets read as their ASCII forms.  A cell that is a number as a
whole (``-0.25``, ``1e-3``) cannot be a formula and is left as it is, so
negative kappas stay numbers.  The file starts with a UTF-8 byte-order mark,
without which Excel reads UTF-8 as a legacy code page (``PostergaciÃ³n``), and
ends lines with CRLF as RFC 4180 says.

``raw=True`` writes cells exactly, without BOM, apostrophes or quoting beyond
what CSV needs, with ``\\n`` line ends: for scripts.  The readers of qda
(``qda.ingest.tables``) accept both forms.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .files import PRIVATE, write_private

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_FIRST = frozenset(FORMULA_START)  # every one a single character
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
APOSTROPHE = "'"


def neutralise(cell: str) -> str:
    """``cell`` with an apostrophe in front if a spreadsheet would read it as a formula."""
    if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell):
        return APOSTROPHE + cell
    return cell


def restore(cell: str) -> str:
    """The inverse of ``neutralise``, for reading a CSV qda (or a careful spreadsheet user) wrote."""
    if cell.startswith(APOSTROPHE) and cell[1:].startswith(FORMULA_START) and not NUMBER.fullmatch(cell[1:]):
        return cell[1:]
    return cell


def _text(value) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return ""
    return str(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence], raw: bool = False) -> bytes:
    """The CSV file's bytes: safe for spreadsheets (see the module's doc) unless ``raw``."""
    buffer = io.StringIO()
    if raw:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([_text(c) for c in header])
        writer.writerows([_text(c) for c in row] for row in rows)
        return buffer.getvalue().encode("utf-8")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(_text(c)) for c in header])
    writer.writerows([neutralise(_text(c)) for c in row] for row in rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def frame_csv_bytes(frame: pd.DataFrame, raw: bool = False) -> bytes:
    """``csv_bytes`` of a DataFrame (without its index), column by column, which is quicker."""
    if raw:
        return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    columns = [[APOSTROPHE + cell if cell[:1] in _FIRST and not NUMBER.fullmatch(cell) else cell
                for cell in map(_text, frame.iloc[:, position].tolist())] for position in range(frame.shape[1])]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(_text(c)) for c in frame.columns])
    writer.writerows(zip(*columns))
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def write_csv(frame: pd.DataFrame, path: str | Path, raw: bool = False, mode: int = PRIVATE) -> Path:
    """Write ``frame`` (without its index) to ``path`` whole, with permissions ``mode``."""
    return write_private(path, frame_csv_bytes(frame, raw), mode)


def write_rows(header: Sequence[str], rows: Iterable[Sequence], path: str | Path, raw: bool = False,
               mode: int = PRIVATE) -> Path:
    return write_private(path, csv_bytes(header, rows, raw), mode)
