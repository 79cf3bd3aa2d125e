"""A table too wide for its terminal, shown a row at a time: a rule naming the row, then one line a
column, its name and its value, as psql's expanded display (``\\x auto``) shows such a table.

Why: at 80 columns the documents with their attributes took twice the screen's width even with every
text column at its floor, and the terminal wrapped each line into halves of rows.  A pipe or a file
keeps the table (``qda.cli.table``): it is read in an editor, not on a screen.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from ..cells import cell_width
from .folding import cell_lines

APART = "  "  # between a column's name and its value
ROOM_FLOOR = 12  # a value is never folded narrower than this, however long the columns' names


def record_lines(header: Sequence[str], rows: Iterable[Sequence[str]], width: int) -> Iterator[str]:
    """Each row as a rule ("-[ 3 ]-----", ``width`` wide) and one line a column: the column's name
    padded to the longest name, then the value folded to the rest of ``width`` (its other lines
    indented under it); a blank value leaves the name alone on its line."""
    label = max(map(cell_width, header), default=0)
    room = max(width - label - len(APART), ROOM_FLOOR)
    names = [name + " " * (label - cell_width(name)) + APART for name in header]
    indent = " " * (label + len(APART))
    for number, row in enumerate(rows, start=1):
        rule = f"-[ {number} ]"
        yield rule + "-" * max(width - len(rule), 0)
        for name, cell in zip(names, row):
            lines = cell_lines(cell, room) if cell else [""]
            yield (name + lines[0]).rstrip()
            yield from [(indent + more).rstrip() for more in lines[1:]]
