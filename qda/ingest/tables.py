"""CSV files as spreadsheets save them: attributes, codings and codebooks read by qda.

Excel saves "CSV" with the list separator of its region: ``;`` in most of
Europe and Latin America (where ``,`` is the decimal mark), ``,`` elsewhere;
"Unicode text" is tab-separated UTF-16.  Some tools put ``sep=;`` on the first
line.  So the delimiter is found, not assumed: a ``sep=`` line wins; otherwise,
of ``,``, ``;`` and tab, the one that splits the header into the most columns
and the first rows into as many.  Encodings and BOMs are handled by
``qda.ingest.encoding.decode``.

A row with fewer cells than the header is refused by its line (a short row
would otherwise leave attributes blank); so is one with more, unless the extra
cells are empty (as spreadsheets write for stray formatting).  Rows with every
cell empty are skipped.  A cell written by qda's safe CSV (``'=…``) reads back
as it was.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import IngestError
from ..files import read_whole, refuse_database_in_use
from ..spreadsheet import restore
from ..text import canonical
from .encoding import decode

DELIMITERS = (",", ";", "\t")
NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
SEP_LINE = re.compile(r"\ufeff?\"?sep=(.)\"?[ \t]*\n", re.IGNORECASE)


@dataclass
class Table:
    """A CSV file's header (stripped names) and rows, each ``(line, {column: cell})``."""

    path: Path
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    delimiter: str

    @property
    def separated_by(self) -> str:
        return NAMES.get(self.delimiter, repr(self.delimiter))

    def missing(self, names, what: str) -> IngestError:
        """The error for a header lacking ``names``, saying how the file was split."""
        found = ", ".join(repr(c) for c in self.columns) or "no column"
        return IngestError(self.path, f"{what}; the header, read as separated by {self.separated_by}, "
                                      f"has {found} (missing: {', '.join(names)})")


def read_table(path: str | Path) -> Table:
    """Read a CSV file a spreadsheet or qda saved; IngestError names the file and line of any fault."""
    path = Path(path)
    refuse_database_in_use(path, "a .csv table", IngestError)
    try:
        raw = read_whole(path)
    except OSError as error:
        raise IngestError(path, f"cannot read the file ({error.strerror})") from error
    text, _ = decode(raw, path, wanted="a .csv table saved as text")
    text = canonical(text).lstrip("\ufeff")
    first_line = 1
    declared = SEP_LINE.match(text)
    if declared:
        delimiter = declared.group(1)
        text = text[declared.end():]
        first_line = 2
    else:
        delimiter = _sniff(text)
    records = _records(text, delimiter, path, first_line)
    try:
        header_line, header = next(records)
    except StopIteration:
        raise IngestError(path, "the file holds no rows") from None
    columns = [restore(c.strip()) for c in header]
    while columns and not columns[-1]:
        columns.pop()
    if not columns:
        raise IngestError(path, f"line {header_line}: the first row must name the columns")
    named = [c for c in columns if c]
    duplicates = sorted({c for c in named if named.count(c) > 1})
    if duplicates:
        raise IngestError(path, f"line {header_line}: column {', '.join(map(repr, duplicates))} appears twice")
    rows: list[tuple[int, dict[str, str]]] = []
    for line, cells in records:
        cells = [restore(c.strip()) for c in cells]
        if not any(cells):
            continue
        if len(cells) > len(columns) and not any(cells[len(columns):]):
            cells = cells[:len(columns)]
        if len(cells) != len(columns):
            raise IngestError(path, f"line {line}: {len(cells)} cell(s) where the header has {len(columns)} "
                                    f"(separated by {NAMES.get(delimiter, repr(delimiter))}); nothing was read")
        rows.append((line, {c: v for c, v in zip(columns, cells) if c}))
    return Table(path, named, rows, delimiter)


def _sniff(text: str) -> str:
    """The delimiter that splits the header into most columns and the next rows into as many."""
    sample = text[:65536]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [row for _, row in zip(range(20), csv.reader(io.StringIO(sample), delimiter=delimiter))]
        except csv.Error:
            continue
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if not rows:
            continue
        width = len(rows[0])
        agreeing = sum(1 for row in rows[1:] if len(row) == width)
        score = (width if width > 1 else 0, agreeing)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _records(text: str, delimiter: str, path: Path, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    start = first_line
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise IngestError(path, f"line {first_line - 1 + reader.line_num}: not valid CSV ({error})") from error
        yield start, cells
        start = first_line + reader.line_num
