"""Terminal columns of text: the one measure of the app, the plain printers and the transcript's layout.

A character count is not a width: a CJK character or an emoji takes two columns; a combining
mark, a direction mark (U+200E/U+200F) or a zero-width joiner none; a family of emoji joined by
U+200D is one picture.  Shapes: ``str`` in, columns (``int``) or ``str`` out; code-point offsets.

The measure is rich's ``cell_len``, called here and nowhere else.  Why rich in the core (design.md
keeps rich out of it): Textual draws every row of the app with ``cell_len``, so a row measured any
other way can be wider than the pane or put a click on the wrong character, i.e. a coding on the
wrong text.  A table of our own drifts from it twice over: with Python's Unicode version (3.11
knows Unicode 14: an emoji of 15 is unassigned there, one column, where rich and the terminal show
two) and with rich's releases (14.2 counts a family of emoji by its members, 15 as one picture).
So the core asks the rich that is installed, only ``rich.cells`` (no console, no markup), and only
when it meets text past U+02FF: plain Latin text (``NARROW``) is one column a character without
importing it, so a command printing an ASCII table pays nothing.

Control characters (tab, escape, C1 controls; not the line break) count one column, where rich
counts none: the app draws each as a space (``visible``), so ``cell_width(t) == cell_len(visible(t))``
for every ``t``; and one column is what a table of 2 M ASCII rows can be measured at without
looking at each character.

A *cluster* is what is never split: a character with the marks, joiners and variation selectors
after it (what rich measures together); cutting text between clusters keeps its width the sum of
its pieces', which is how Textual measures a row drawn in several segments.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["NARROW", "cell_width", "clusters", "first_cells", "last_cells", "shorten", "pad_left",
           "visible", "is_narrow", "cluster_starts", "snap"]

# One column a character for rich and the terminal: ASCII and Latin-1 (C1 controls left out),
# Latin Extended, IPA, spacing modifiers; below the first combining mark (U+0300).
NARROW = re.compile("[\x00-\x7e\xa0-\u02ff]*")
JOINER = "\u200d"
CONTROLS = {code: " " for code in [*range(0x20), *range(0x7f, 0xa0)] if code != 10}
CONTROL_CHARS = frozenset(map(chr, CONTROLS))


def _rich_cell_len(text: str) -> int:
    global _rich_cell_len
    from rich.cells import cell_len

    _rich_cell_len = cell_len
    return cell_len(text)


def _rich_char_width(char: str) -> int:
    global _rich_char_width
    from rich.cells import get_character_cell_size

    _rich_char_width = get_character_cell_size
    return get_character_cell_size(char)


def is_narrow(text: str) -> bool:
    """True when every character of ``text`` takes one column (then columns are code points)."""
    return text.isascii() or NARROW.fullmatch(text) is not None


def cell_width(text: str) -> int:
    """Terminal columns of ``text``: rich's ``cell_len`` of it as drawn (``visible``); plain Latin
    text is counted without calling rich."""
    if text.isascii() or NARROW.fullmatch(text):
        return len(text)
    return _rich_cell_len(text.translate(CONTROLS))


def visible(text: str) -> str:
    """``text`` as it is drawn: each control character but the line break one space (same length,
    so offsets still point at the same characters); a terminal given a tab or an escape would move
    or restyle what follows."""
    return text.translate(CONTROLS)


def clusters(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """The clusters of ``text[start:end]`` as ``(start, end, columns)``, covering it without gaps.

    A cluster is a character with every zero-width character after it (marks, variation
    selectors, direction marks) and, after a zero-width joiner, the character it joins; its
    columns are rich's for it alone, and add up to rich's width of any run of whole clusters."""
    end = len(text) if end is None else end
    width_of = _rich_char_width
    found: list[tuple[int, int, int]] = []
    i = start
    while i < end:
        j = i + (2 if text[i] == JOINER else 1)
        while j < end:
            char = text[j]
            if char == JOINER:
                j += 2
            elif width_of(char) == 0 and char not in CONTROL_CHARS:
                j += 1
            else:
                break
        j = min(j, end)
        found.append((i, j, cell_width(text[i:j])))
        i = j
    return found


def first_cells(text: str, width: int) -> str:
    """The longest start of ``text`` in at most ``width`` columns, made of whole clusters (never
    half a wide character nor an emoji family cut into another picture)."""
    if text.isascii() or NARROW.fullmatch(text):
        return text[:max(width, 0)]
    if cell_width(text) <= width:
        return text
    used = 0
    for start, _, size in clusters(text):
        if used + size > width:
            return text[:start]
        used += size
    return text


def last_cells(text: str, width: int) -> str:
    """The shortest end of ``text`` in at most ``width`` columns, made of whole clusters (no mark
    or joiner left over from a character cut away)."""
    if text.isascii() or NARROW.fullmatch(text):
        return text[len(text) - max(min(width, len(text)), 0):]
    if cell_width(text) <= width:
        return text
    pieces = clusters(text)
    used = 0
    for index in range(len(pieces) - 1, -1, -1):
        start, _, size = pieces[index]
        if used + size > width:
            rest = pieces[index + 1:]
            while rest and rest[0][2] == 0:  # a zero-width cluster at the cut: a leftover mark
                rest = rest[1:]
            return text[rest[0][0]:] if rest else ""
        used += size
    return text


def shorten(text: str, width: int) -> str:
    """``text`` if it fits ``width`` columns, else its start and "…" in at most as many."""
    if cell_width(text) <= width:
        return text
    return first_cells(text, max(width - 1, 0)) + "…"


def pad_left(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` columns (``str.rjust`` counts characters)."""
    return " " * max(width - cell_width(text), 0) + text


def cluster_starts(text: str, start: int, end: int) -> list[int]:
    """Where the clusters of ``text[start:end]`` start, then ``end``: the places a row may be cut."""
    return [begin for begin, _, _ in clusters(text, start, end)] + [end]


def snap(starts: list[int], offset: int) -> int:
    """The start of the cluster holding ``offset``, among ``cluster_starts``."""
    return starts[max(bisect_right(starts, offset) - 1, 0)]
