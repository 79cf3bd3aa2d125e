"""How a cell's text breaks into the lines of a column: at spaces, as textwrap and rich break it."""

from __future__ import annotations

import re
from ..cells import cell_width, clusters, is_narrow

def cell_lines(text: str, width: int, printable: bool = False) -> list[str]:
    """A cell as the lines it takes in a column ``width`` wide: its own line breaks kept, long lines folded.
    ``printable``: the caller knows that every character but the line break is printable."""
    if cell_width(text) <= width and "\n" not in text:
        return [text]
    lines: list[str] = []
    for line in text.split("\n"):
        lines += (fold(line, width, printable) if is_narrow(line) else wrap_cells(line, width)) or [""]
    return lines


WORDS = re.compile(r"\s*\S+\s*")


def wrap_cells(line: str, width: int) -> list[str]:
    """``line`` in lines of at most ``width`` terminal columns (see ``wrap_spans``)."""
    return [line[start:end] for start, end in wrap_spans(line, width)]


def wrap_spans(line: str, width: int) -> list[tuple[int, int]]:
    """Where ``line`` breaks into lines of at most ``width`` terminal columns, as (start, end) offsets,
    as rich wraps text (rich/_wrap.py, ``divide_line``): at spaces, which are dropped at the end of a
    line; a word wider than a line cut where it fills one (a wide character never halved), its last
    piece starting the next line."""
    spans: list[tuple[int, int]] = []
    start = used = 0  # the line being filled: where it starts, the columns it takes

    def close(end: int) -> None:
        spans.append((start, start + len(line[start:end].rstrip())))

    for match in WORDS.finditer(line):
        begin, end = match.span()
        size = cell_width(match.group().rstrip())
        if size <= width - used:
            used += cell_width(match.group())
            continue
        if size > width:  # a word longer than a line: cut into lines between clusters, the last piece carried on
            if begin > start:
                close(begin)
                start = begin
            used = 0
            for piece, _, columns in clusters(line, begin, end):  # never a mark or an emoji family's member cut off
                if used + columns > width and piece > start:
                    close(piece)
                    start, used = piece, 0
                used += columns
        elif used:
            close(begin)
            start, used = begin, cell_width(match.group())
    if line[start:].strip() or not spans:
        close(len(line))
    return spans


def fold(line: str, width: int, printable: bool = False) -> list[str]:
    """``textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False)``: the same lines.

    Prose (words of at most ``width`` characters between single spaces, nothing else that is
    blank) is cut where textwrap cuts it, a line at a time by ``str.rfind``, several times faster
    than textwrap's chunk by chunk; anything else goes to textwrap itself.  ``printable``: the caller
    knows that every character of ``line`` is printable (``printable_ascii``), which is then not asked."""
    if not (printable or line.isprintable()) or "  " in line or line[:1] == " " or line[-1:] == " ":
        return _textwrap(line, width)
    lines: list[str] = []
    start, end = 0, len(line)
    while end - start > width:
        limit = start + width
        if line[limit] == " ":  # the line ends at a word's end; the space after it is dropped
            lines.append(line[start:limit])
            start = limit + 1
            continue
        space = line.rfind(" ", start, limit)
        if space < 0:  # a word longer than the line: textwrap breaks it
            return _textwrap(line, width)
        lines.append(line[start:space])
        start = space + 1
    if start < end:
        lines.append(line[start:])
    return lines


def _textwrap(line: str, width: int) -> list[str]:
    import textwrap  # here: prose folds without it

    return textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False)


PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def printable_ascii(cells: list[str]) -> bool:
    """Whether every character of ``cells`` is printable ASCII or a line break: asked of a column at once
    (bytes.translate), instead of ``str.isprintable`` a line (0.2 s for the lines of 100,000 quotes)."""
    joined = "".join(cells)
    return joined.isascii() and not joined.encode("ascii").translate(None, PRINTABLE_ASCII)


def printable_narrow(cells: list[str]) -> bool:
    """Whether every character of ``cells`` is printable and one column wide (Latin with its accents,
    « » ¿ ¡), or a line break: then a line's width is its length and it folds as prose does (``fold``),
    asked of a column at once."""
    joined = "".join(cells)
    if joined.isascii():
        return not joined.encode("ascii").translate(None, PRINTABLE_ASCII)
    joined = joined.replace("\n", " ")
    return joined.isprintable() and is_narrow(joined)

