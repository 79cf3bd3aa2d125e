"""Text cut and aligned by terminal columns, as Textual draws it.

A character count is not a width: a CJK character or an emoji takes two columns, a
combining mark, a direction mark (U+200E/U+200F) or a zero-width joiner none.  The app
cuts and pads with rich's ``cell_len``, the measure Textual itself draws with, so that a
cut text fills exactly the columns it was given.  (The plain printers measure with
``qda.cli.table.cell_width``, the same widths for one process; the app never imports the CLI.)
"""

from __future__ import annotations

from rich.cells import cell_len

__all__ = ["cell_len", "first_cells", "last_cells", "shorten", "pad_left"]


def first_cells(text: str, width: int) -> str:
    """The longest start of ``text`` that fits ``width`` columns, marks after its last
    character kept with it (never half a wide character)."""
    if cell_len(text) <= width:
        return text
    low, high = 0, len(text)  # cell_len of a prefix grows with its length: the longest that fits
    while low < high:
        middle = (low + high + 1) // 2
        if cell_len(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def last_cells(text: str, width: int) -> str:
    """The shortest end of ``text`` that fills at most ``width`` columns, without a mark or
    joiner left over from a character cut away."""
    if cell_len(text) <= width:
        return text
    low, high = 0, len(text)  # cell_len of a suffix shrinks as it starts later: the earliest that fits
    while low < high:
        middle = (low + high) // 2
        if cell_len(text[middle:]) <= width:
            high = middle
        else:
            low = middle + 1
    # A joiner left in front is measured oddly (rich skips the character after it): drop it
    # and any mark of a cut character, and measure again.
    while low < len(text) and (cell_len(text[low]) == 0 or cell_len(text[low:]) > width):
        low += 1
    return text[low:]


def shorten(text: str, width: int) -> str:
    """``text`` if it fits ``width`` columns, else its start and "…" in exactly as many or fewer."""
    if cell_len(text) <= width:
        return text
    return first_cells(text, max(width - 1, 0)) + "…"


def pad_left(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` columns (``str.rjust`` counts characters)."""
    return " " * max(width - cell_len(text), 0) + text
