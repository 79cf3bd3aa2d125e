"""Tables for people: plain aligned columns, printed in time proportional to their rows.

rich's Table lays out and measures a whole table before its first line and costs a
minute for a few thousand rows; here each cell is measured once and each row is
written as soon as it is formatted.  In a terminal a table longer than the screen
goes to a pager, as git's output does (``QDA_PAGER``, else ``PAGER``, else
``less -FRX``; an empty value or ``cat`` turns paging off); written to a pipe or a
file it streams, never paged.

CSV and JSON for scripts are written elsewhere (``qda.cli.common.emit``): this
module only draws the table.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from typing import IO, Iterable, Iterator, Sequence

from ..cells import DRAWN_AS_SPACE, cell_width, is_narrow, visible  # terminal columns: one measure for the CLI and the app
from ..rows import IndexedColumn
from .folding import cell_lines, fold, printable_ascii, printable_narrow

GAP = "  "
PIPED_WIDTH = 160   # columns of a table written to a pipe or a file, unless the terminal is wider
TEXT_FLOOR = 12     # a text column is never narrowed below this (or its longest cell, if shorter)
WRITE_LINES = 1000  # lines written at once to a pipe or a file (it still streams)
PIECE = 64          # lines of one item of a table laid out as bytes (``_indexed_lines``)
FIGURE = re.compile(r"[-+]?[\d.,]+(?:e[-+]?\d+)?%?|nan"  # a number, a share, a p value, a date or time, blank
                    r"|(?:\d{4}-\d\d-\d\d|\d\d?[/.]\d\d?[/.]\d{2,4})"  # ISO 8601, or day/month/year as spreadsheets write
                    r"(?:[T ]\d\d?:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?)?|")


def is_figure_column(values: Sequence[str], numeric_dtype: bool) -> bool:
    """Figures are right-aligned and never broken: a numeric column, or one whose every cell reads as a
    number or a date or time, ISO 8601 or as a spreadsheet writes it in Peru ("14/03/2025 10:30"): an
    interview's date, an import's time ("2026-12-02T01" and ":57" on two lines read as neither)."""
    return numeric_dtype or all(FIGURE.fullmatch(value) for value in set(values))  # each distinct value once


def fit_widths(natural: list[int], floors: list[int], available: int) -> list[int]:
    """Column widths that fit ``available`` columns where they can: every column is capped at a
    common width, but never below its floor (a figure's widest value, so figures never break;
    ``TEXT_FLOOR`` for text), so long text and long headers fold first."""
    def total(widths: list[int]) -> int:
        return sum(widths) + len(GAP) * (len(widths) - 1)

    if total(natural) <= available:
        return natural

    def capped(cap: int) -> list[int]:
        return [max(floor, min(width, cap)) for width, floor in zip(natural, floors)]

    low, high = 1, max(natural)
    while low < high:  # the widest cap that fits
        middle = (low + high + 1) // 2
        if total(capped(middle)) <= available:
            low = middle
        else:
            high = middle - 1
    return capped(low)


def format_rows(header: list[str], rows: Iterator[Sequence[str]], widths: list[int], figures: list[bool],
                bold: bool = False) -> Iterator[str]:
    """Lines of the table: the header, a rule, then each row (a cell that folds makes the row several lines)."""
    for line in _lines_of(header, widths, figures):
        yield f"\x1b[1m{line}\x1b[0m" if bold else line
    yield GAP.join("-" * width for width in widths)
    for row in rows:
        yield from _lines_of(row, widths, figures)


def _pad(cell: str, width: int, figure: bool) -> str:
    pad = " " * max(width - cell_width(cell), 0)
    return pad + cell if figure else cell + pad


def _lines_of(cells: Sequence[str], widths: list[int], figures: list[bool]) -> Iterator[str]:
    """The lines one row takes: one, or more when a cell folds."""
    if all(cell_width(c) <= w and "\n" not in c for c, w in zip(cells, widths)):
        yield GAP.join([_pad(c, w, f) for c, w, f in zip(cells, widths, figures)]).rstrip()
        return
    folded = [cell_lines(c, w) for c, w in zip(cells, widths)]
    for index in range(max(len(f) for f in folded)):
        yield GAP.join([_pad(f[index] if index < len(f) else "", w, g)
                        for f, w, g in zip(folded, widths, figures)]).rstrip()


def _plain(values: Iterable[str]) -> bool:
    """Whether every cell of a column is on one line and of one column a character (``qda.cells.is_narrow``:
    Latin, IPA, common punctuation): its width is then its length, with no test a character."""
    joined = "\x00".join(values)
    return is_narrow(joined) and "\n" not in joined


def body_lines(columns: list[list], widths: list[int], figures: list[bool],
               distinct: list[set[str]] | None = None, texts: list[dict | None] | None = None,
               longest: list[int | None] | None = None) -> Iterator[str]:
    """The lines of the rows, from the cells column by column: the same lines as ``format_rows``
    (an item may hold several lines joined by line breaks: see ``_indexed_lines``).

    A column of plain cells (``_plain``) that all fit is padded in one pass of str methods, so
    a row of such columns costs one join (and a table of them is joined without a loop in
    Python); only the other columns are measured cell by cell, and a row folds only when one
    of their cells does not fit.  ``distinct``: each column's distinct cells, if known;
    ``texts``: for a column given as plain values (integers), the text of each distinct value,
    so that each value is made into its padded text in one step (None for a column of texts).
    A column given as the numbers of its values (a numpy array, ``qda.rows.IndexedColumn``)
    has the text of each number in ``texts``.  ``longest``: each column's longest cell when its cells are
    all plain (``_plain``), None when not, if known (``print_table`` measured them)."""
    texts = texts or [None] * len(columns)
    if distinct is None:
        distinct = [set(column) if text is None else set(text.values()) for column, text in zip(columns, texts)]
    padded: list[list[str] | None] = []
    pads: list[dict | None] = []
    stripped = True  # whether no line ends in a space, which the last column decides
    if longest is None:
        longest = [max(map(len, different), default=0) if _plain(different) else None for different in distinct]
    for values, width, figure, different, text, size in zip(columns, widths, figures, distinct, texts, longest):
        fits = size is not None and size <= width
        if fits:  # each distinct value padded once: most columns repeat a few values (codes, shares, counts)
            pad = {v: v.rjust(width) if figure else v.ljust(width) for v in different}
            stripped = all(cell and not cell[-1].isspace() for cell in pad.values())
            if text is not None:
                pad = {value: pad[cell] for value, cell in text.items()}
        pads.append(pad if fits else None)
    numbered = [type(column) is not list for column in columns]  # numpy arrays of value numbers
    if (columns and all(numbered) and all(pad is not None and "".join(pad.values()).isascii() for pad in pads)
            and stripped and min(widths) > 0):
        return _indexed_lines(columns, pads, widths)
    columns = [column.tolist() if number else column for column, number in zip(columns, numbered)]
    padded = [list(map(pad.__getitem__, values)) if pad is not None else None for values, pad in zip(columns, pads)]
    if all(column is not None for column in padded):
        lines = map(GAP.join, zip(*padded))
        return lines if stripped else map(str.rstrip, lines)
    return _measured_lines(_cell_texts(columns, texts), padded, widths, figures)


def _cell_texts(columns: list, texts: list[dict | None]) -> list[list[str]]:
    """Each column as its cells' texts: a column of values (or of value numbers, a numpy array) through
    the text of each value (``texts``), a column of texts as it is."""
    columns = [column if type(column) is list else column.tolist() for column in columns]
    return [column if text is None else list(map(text.__getitem__, column)) for column, text in zip(columns, texts)]


def _indexed_lines(columns: list, pads: list[dict], widths: list[int]) -> Iterator[str]:
    """``body_lines`` of columns given as numpy arrays of value numbers, each value's padded text
    in ``pads`` (ASCII, every cell fitting, no line ending in a space): each line is as wide as
    the next, so a block of rows is laid out as bytes, a column at a time, by numpy (a table by
    document of 2,000,000 rows in a fraction of a second), and handed on as items of ``PIECE``
    lines joined by line breaks, which are written as lines are."""
    import numpy as np

    line = sum(widths) + len(GAP) * (len(widths) - 1) + 1  # bytes a line, its line break included
    places = list(itertools.accumulate([0] + [width + len(GAP) for width in widths[:-1]]))
    tables = []  # each column's padded texts as an array of ``width`` bytes a value number
    for pad, width in zip(pads, widths):
        text = [" " * width] * (max(pad, default=-1) + 1)
        for number, cell in pad.items():
            text[number] = cell
        tables.append(np.frombuffer("".join(text).encode("ascii"), dtype=f"V{width}"))
    rows = len(columns[0])
    block = PIECE * WRITE_LINES
    for first in range(0, rows, block):
        count = min(block, rows - first)
        laid = np.full((count, line), ord(" "), dtype=np.uint8)
        laid[:, -1] = ord("\n")
        for column, table, place, width in zip(columns, tables, places, widths):
            laid[:, place:place + width] = table[column[first:first + count]].view(np.uint8).reshape(count, width)
        text = str(laid.data, "ascii")
        step = PIECE * line
        for start in range(0, len(text), step):
            yield text[start:min(start + step, len(text)) - 1]


def _measured_lines(columns: list[list[str]], padded: list[list[str] | None], widths: list[int],
                    figures: list[bool]) -> Iterator[str]:
    """``body_lines`` where some columns (None in ``padded``) must be measured cell by cell.

    Each of their cells is measured once (``_first_lines``) and the rows are joined as plain ones,
    a cell that folds standing there by its first line: a row where one cell folds then only adds
    its other lines, indented to its column; a row where several fold is drawn whole."""
    if padded.count(None) == 1:
        return _one_measured_column(columns, padded, widths, figures)
    return _lines_cell_by_cell(columns, padded, widths, figures)


def _one_measured_column(columns: list[list[str]], padded: list[list[str] | None], widths: list[int],
                         figures: list[bool]) -> Iterator[str]:
    """``_measured_lines`` where one column alone is measured (a listing's text): each row made whole in
    one step, an item of its lines (the cell's first line between the padded cells around it, then its
    other lines indented to its column), so that 100,000 quotes cost no more than a pass over them."""
    at = padded.index(None)
    cells, width, figure = columns[at], widths[at], figures[at]
    plain = printable_narrow(cells)
    indent = " " * (sum(widths[:at]) + len(GAP) * at)
    heads = [GAP.join(row) + GAP for row in zip(*padded[:at])] if at else itertools.repeat("")
    last = at == len(padded) - 1
    tails = itertools.repeat("") if last else [GAP + GAP.join(row) for row in zip(*padded[at + 1:])]
    for head, cell, tail in zip(heads, cells, tails):
        if "\n" not in cell and (len(cell) if plain or cell.isascii() else cell_width(cell)) <= width:
            first, rest = cell, None
        else:
            lines = [piece for line in cell.split("\n") for piece in fold(line, width, True) or [""]] if plain \
                else cell_lines(cell, width)  # printable and narrow: ``cell_lines`` without measuring again
            first, rest = lines[0], lines[1:]
        if last and not figure:
            line = head + first if first and not first[-1].isspace() else (head + first).rstrip()
        else:
            line = (head + (first.ljust(width) if (plain or first.isascii()) and not figure else _pad(first, width, figure))
                    + tail).rstrip()
        if rest:
            line += "\n" + "\n".join([(indent + (_pad(more, width, True) if figure else more)).rstrip() for more in rest])
        yield line


def _lines_cell_by_cell(columns: list[list[str]], padded: list[list[str] | None], widths: list[int],
                        figures: list[bool]) -> Iterator[str]:
    """``_measured_lines`` a cell at a time, for columns that are not prose, or several that fold."""
    filled = list(padded)
    folds: dict[int, tuple[str, int, bool, list[str]]] = {}  # row: (indent, width, figure, lines) of its cell that folds
    several = set()  # rows where cells of several columns fold
    indent = 0
    for j, (column, width, figure) in enumerate(zip(padded, widths, figures)):
        if column is None:
            filled[j], folding = _first_lines(columns[j], width, figure)
            several.update(folding.keys() & folds.keys())
            folds.update((index, (" " * indent, width, figure, lines)) for index, lines in folding.items())
        indent += width + len(GAP)
    joined = list(map(str.rstrip, map(GAP.join, zip(*filled))))
    done = 0
    for index in sorted(folds) if padded.count(None) > 1 else folds:
        yield from joined[done:index]
        done = index + 1
        if index in several:
            yield from _lines_of([column[index] for column in columns], widths, figures)
            continue
        yield joined[index]  # its first line
        indent, width, figure, lines = folds[index]
        yield from [(indent + (_pad(line, width, True) if figure else line)).rstrip() for line in lines[1:]]
    yield from joined[done:]


def _first_lines(cells: list[str], width: int, figure: bool) -> tuple[list[str], dict[int, list[str]]]:
    """Each cell padded to ``width`` as the first line of its row (a cell that folds, being wider or
    holding a line break, by its first line), and the lines of the cells that fold, {row: lines}."""
    first: list[str] = []
    folding: dict[int, list[str]] = {}
    printable = printable_ascii(cells)
    for index, cell in enumerate(cells):
        if "\n" not in cell and (len(cell) if cell.isascii() else cell_width(cell)) <= width:
            first.append(cell)
        else:
            folding[index] = lines = cell_lines(cell, width, printable)
            first.append(lines[0])
    return [line.ljust(width) if line.isascii() and not figure else _pad(line, width, figure) for line in first], folding


def pager_command() -> list[str] | None:
    """The pager to run, as git chooses one: ``QDA_PAGER``, ``PAGER``, else ``less -FRX`` when installed."""
    import shlex
    import shutil

    for variable in ("QDA_PAGER", "PAGER"):
        value = os.environ.get(variable)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else shlex.split(value)
    return ["less", "-FRX"] if shutil.which("less") else None


def print_table(frame, title: str | None = None, out: IO[str] | None = None, width: int | None = None,
                terminal: bool | None = None, height: int | None = None) -> None:
    """Print a DataFrame, or ``qda.rows.Rows``, as aligned columns.

    ``out`` defaults to stdout; ``terminal`` (default: whether ``out`` is one) chooses the width
    (the terminal's, else at least ``PIPED_WIDTH``), bold headers and the pager for a table
    taller than ``height`` lines.  A reader who quits the pager early, or a pipe that closes
    (``| head``), ends the printing quietly."""
    out = out or sys.stdout
    if terminal is None:
        terminal = out.isatty()
    size = terminal_size()
    width = width or (size.columns if terminal else max(size.columns, PIPED_WIDTH))
    header = [str(column) for column in frame.columns]
    columns, texts, distinct, numeric = _cells(frame)  # each distinct cell is measured once
    if terminal:  # a terminal obeys control characters: a stored escape code would clear or retitle it
        header, title = [visible(name) for name in header], title and visible(title)
        _made_visible(columns, texts, distinct)
    figures = [number or is_figure_column(different, False) for different, number in zip(distinct, numeric)]
    plain_longest = [max(map(len, different), default=0) if _plain(different) else None for different in distinct]
    longest = [size if size is not None else _longest(different, sys.maxsize if figure else max(width, TEXT_FLOOR))
               for different, figure, size in zip(distinct, figures, plain_longest)]
    natural = [max(cell_width(name), size) for name, size in zip(header, longest)]
    floors = [max(cells, 1) if figure else min(width, TEXT_FLOOR) for cells, width, figure in zip(longest, natural, figures)]
    widths = fit_widths(natural, floors, width)
    head = [title] if title else []
    rows = len(columns[0]) if columns else 0
    if terminal and sum(widths) + len(GAP) * (len(widths) - 1) > width:  # even at its floors: a row at a time
        from .expanded import record_lines

        head.append(f"({len(header)} columns do not fit in {width}: one block a row)")
        show_lines(record_lines(header, zip(*_cell_texts(columns, texts)), width), rows * (len(header) + 1), head,
                   out, terminal,
                   height or size.lines)
        return
    head_lines = format_rows(header, iter(()), widths, figures, bold=terminal and "NO_COLOR" not in os.environ)
    lines = itertools.chain(head_lines, body_lines(columns, widths, figures, distinct, texts, plain_longest))
    show_lines(lines, rows + 2, head, out, terminal, height or size.lines)


def _longest(different: set[str], enough: int) -> int:
    """The widest line of a column's distinct cells, in terminal columns, or the first width found of at
    least ``enough``: a text column as wide as the table folds to whatever width it is given (``fit_widths``),
    so 100,000 quotes need not all be measured.  Cells of one column a character (``_plain``) are
    measured by ``print_table`` by their lengths."""
    longest = 0
    for value in different:
        size = max(map(cell_width, value.split("\n"))) if "\n" in value else cell_width(value)
        if size > longest:
            longest = size
            if longest >= enough:
                break
    return longest


def _made_visible(columns: list, texts: list[dict | None], distinct: list[set[str]]) -> None:
    """Each cell holding a control character (tab, escape, C1) made as the app draws it, each such
    character a space (``qda.cells.visible``), in place.  Only for a terminal: the scan over every
    distinct cell costs ~0.1 s a 100,000 quotes, and a pipe or a file gets the text as it is stored."""
    for index, different in enumerate(distinct):
        if not DRAWN_AS_SPACE.search("\n".join(different)):
            continue
        if texts[index] is None:
            columns[index] = list(map(visible, columns[index]))
        else:
            texts[index] = {value: visible(text) for value, text in texts[index].items()}
        distinct[index] = set(map(visible, different))


def show_lines(lines: Iterator[str], count: int, head: Sequence[str] = (), out: IO[str] | None = None,
               terminal: bool | None = None, height: int | None = None) -> None:
    """Write ``lines`` (at least ``count`` of them, after the ``head`` lines) to ``out`` (stdout), through
    the pager when ``out`` is a terminal (``terminal``) that they overflow (``height`` lines: its own).
    An item of ``lines`` may hold several lines (a row whose cells fold): when ``count`` alone does not
    overflow the terminal, the first screenful is made and its lines counted before choosing."""
    out = out or sys.stdout
    if terminal is None:
        terminal = out.isatty()
    height = height or (terminal_size().lines if terminal else 0)
    taller = terminal and count + len(head) + 1 > height
    if terminal and not taller:  # a few rows may still fold into more lines than the screen holds
        first = list(itertools.islice(lines, height))
        taller = sum(item.count("\n") + 1 for item in first) + len(head) + 1 > height
        lines = itertools.chain(first, lines)
    pager = pager_command() if taller else None
    if pager:
        _page(pager, list(head), lines)
    else:
        _write(out, list(head), lines)


def terminal_size() -> os.terminal_size:
    """``shutil.get_terminal_size()`` (COLUMNS and LINES first, then stdout's terminal, else 80 x 24),
    without importing shutil and the compression modules it brings."""
    try:
        columns, lines = int(os.environ.get("COLUMNS", 0)), int(os.environ.get("LINES", 0))
    except ValueError:
        columns = lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((80, 24))
        columns, lines = columns if columns > 0 else size.columns or 80, lines if lines > 0 else size.lines or 24
    return os.terminal_size((columns, lines))


def _cells(frame) -> tuple[list[list], list[dict | None], list[set[str]], list[bool]]:
    """The values of each column, the text of each distinct value of a column kept as values (None:
    the column is its cells' texts), each column's distinct cells, and whether each column holds
    numbers (not booleans)."""
    if not hasattr(frame, "iloc"):  # qda.rows.Rows: plain values, no pandas
        made = [_text_cells(column) for column in frame.given()]  # (values, texts, distinct, number) a column
        values, texts, distinct, numeric = (list(part) for part in (list(zip(*made)) or [(), (), (), ()]))
        return values, texts, distinct, numeric
    import pandas as pd

    series = [frame.iloc[:, index] for index in range(frame.shape[1])]
    texts = [values.dtype == object or isinstance(values.dtype, pd.StringDtype) for values in series]
    columns = [[_text(value, pd.NA) for value in values.tolist()] if text else list(map(str, values.tolist()))
               for values, text in zip(series, texts)]
    return (columns, [None] * len(columns), [set(cells) for cells in columns],
            [pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values) for values in series])


def _text(value, na) -> str:
    """A text cell: a missing value blank, as pandas 2 holds it in a column of objects (None) and pandas 3
    in its column of strings (NaN, or ``na``, pd.NA, in the "string" dtype), which would print "nan"."""
    if value is None or value is na or (type(value) is float and value != value):
        return ""
    return str(value)


def _text_cells(column: "list | IndexedColumn") -> tuple[list, dict | None, set[str], bool]:
    """A column of plain values as (its values, the text of each distinct value or None when the
    values are texts already, its distinct cells, whether it holds numbers).  A column of integers
    alone (counts, which repeat a few values) is kept as it is, its distinct values written once;
    floats are not (0.0 and -0.0 are one key of a dict but two texts).  An ``IndexedColumn`` is
    kept as its numbers (a numpy array), the text of each number that a row holds written once."""
    if type(column) is IndexedColumn:
        held = {number: column.values[number] for number in column.held()}
        types = set(map(type, held.values()))
        text = {number: "" if value is None else str(value) for number, value in held.items()}
        return column.index, text, set(text.values()), types == {int} or (types != {str} and types <= {int, float})
    types = set(map(type, column))
    if types == {str}:
        return column, None, set(column), False
    if types == {int}:
        text = {value: str(value) for value in set(column)}
        return column, text, set(text.values()), True
    cells = list(map(str, column)) if type(None) not in types else ["" if v is None else str(v) for v in column]
    return cells, None, set(cells), types <= {int, float}  # a bool's type is bool, not int


def _write(out: IO[str], head: list[str], lines: Iterator[str]) -> None:
    """The head lines, then the lines ``WRITE_LINES`` at a time (``qda.cli.common.write_pieces``)."""
    from .common import write_pieces

    def pieces() -> Iterator[str]:
        yield from (line + "\n" for line in head)
        while chunk := list(itertools.islice(lines, WRITE_LINES)):
            yield "\n".join(chunk) + "\n"

    write_pieces(out, pieces())


def _page(command: list[str], head: list[str], lines: Iterator[str]) -> None:
    """Feed the lines to the pager as they are made; the pager owns the terminal until it quits."""
    import subprocess

    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")  # as git: quit if one screen, keep colours, leave the screen as it was
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=environment, encoding="utf-8", errors="replace")
    except OSError:  # a pager that cannot run: print as if there were none
        _write(sys.stdout, head, lines)
        return
    try:
        for line in head:
            pager.stdin.write(line + "\n")
        for line in lines:
            pager.stdin.write(line + "\n")
    except (BrokenPipeError, KeyboardInterrupt):  # the reader quit before the end
        pass
    try:
        pager.stdin.close()
    except BrokenPipeError:
        pass
    while True:
        try:
            pager.wait()
            return
        except KeyboardInterrupt:  # ctrl+c belongs to the pager while it runs
            continue
