"""Terminal columns of text: the one measure of the app, the plain printers and the transcript's layout.

A character count is not a width: a CJK character or an emoji takes two columns; a combining
mark, a direction mark (U+200E/U+200F) or a zero-width joiner none; a family of emoji joined by
U+200D is one picture.  Shapes: ``str`` in, columns (``int``) or ``str`` out; code-point offsets.

The measure is rich's ``cell_len``, called here and nowhere else.  Why rich in the core (design.md
keeps rich out of it): Textual draws every row of the app with ``cell_len``, so a row measured any
other way can be wider than the pane or put a click on the wrong character, i.e. a coding on the
wrong text.  A table of our own drifts from it: the CLI's own (unicodedata and a joiner rule of its
own) counted a woman running, 🏃‍♀️, or a health worker, 👩‍⚕️, four columns where rich counts two;
rich's releases differ (14.2 counts a family of emoji by its members, 15 as one picture); and
Python's Unicode tables follow Python's version, rich's its own.
So the core asks the rich that is installed, only ``rich.cells`` (no console, no markup), and only
when it meets text outside ``NARROW`` (Latin text, punctuation, box drawing: one column a character
without asking it), so a command printing a Latin table or a codebook's tree pays nothing.

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
from typing import Iterator

from .controls import CONTROLS, one_of

__all__ = ["NARROW", "cell_width", "clusters", "first_cells", "last_cells", "shorten", "elide", "shorten_words", "pad_left",
           "visible", "is_narrow", "cluster_starts", "snap"]

# One column a character for rich (14.2 and 15; tests/test_cells.py checks the installed one), so
# measured without it: ASCII, Latin-1, Latin Extended, IPA, spacing modifiers (below the first
# combining mark, U+0300; control characters counted as the space they are drawn as), dashes,
# quotation marks, bullets and ellipsis, arrows, box drawing and geometric shapes (a codebook's
# guides and colour swatch).
NARROW_RANGES = [("\x00", "\u02ff"), ("\u2010", "\u2027"), ("\u2030", "\u205e"), ("\u2190", "\u21ff"),
                 ("\u2500", "\u25fc")]
NARROW = re.compile("[" + "".join(f"{low}-{high}" for low, high in NARROW_RANGES) + "]*")
JOINER = "\u200d"
DRAWN_AS_SPACE = one_of(CONTROLS - {"\n"})  # every control character but the line break, which ends a row
SPACES = {ord(char): " " for char in CONTROLS if DRAWN_AS_SPACE.match(char)}  # for str.translate
JOINED = re.compile("[\u200d\ufe0f]")  # a joiner or an emoji selector: rich measures the run, not each character


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


class _CharWidths(dict):
    """Columns of each character, asked of rich the first time it is met (a control character one)."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 1 if DRAWN_AS_SPACE.match(char) else _rich_char_width(char)
        return width


CHAR_WIDTHS = _CharWidths()


def is_narrow(text: str) -> bool:
    """True when every character of ``text`` takes one column (then columns are code points)."""
    return text.isascii() or NARROW.fullmatch(text) is not None


def cell_width(text: str) -> int:
    """Terminal columns of ``text``: rich's ``cell_len`` of it as drawn (``visible``); plain Latin
    text is counted without calling rich."""
    if text.isascii() or NARROW.fullmatch(text):
        return len(text)
    if not JOINED.search(text):  # rich's width is then its characters' (rich/cells.py, _cell_len)
        return sum(map(CHAR_WIDTHS.__getitem__, text))
    return _rich_cell_len(visible(text))


def visible(text: str) -> str:
    """``text`` as it is drawn: each control character but the line break one space (same length,
    so offsets still point at the same characters); a terminal given a tab or an escape would move
    or restyle what follows."""
    return text.translate(SPACES) if DRAWN_AS_SPACE.search(text) else text


def clusters(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """The clusters of ``text[start:end]`` as ``(start, end, columns)``, covering it without gaps.

    A cluster is a character with every zero-width character after it (marks, variation
    selectors, direction marks) and, after a zero-width joiner, the character it joins; its
    columns are rich's for it alone, and add up to rich's width of any run of whole clusters."""
    return list(_clusters(text, start, len(text) if end is None else end))


def _clusters(text: str, i: int, end: int) -> Iterator[tuple[int, int, int]]:
    width_of = CHAR_WIDTHS.__getitem__
    while i < end:
        j = i + (2 if text[i] == JOINER else 1)
        while j < end:
            char = text[j]
            if char == JOINER:
                j += 2
            elif width_of(char) == 0:
                j += 1
            else:
                break
        j = min(j, end)
        first = text[i]
        if j == i + 1 or not JOINED.search(text, i, j):  # the first character's width: the rest add none
            size = width_of(first)
        else:
            size = cell_width(text[i:j])
        yield i, j, size
        i = j


def first_cells(text: str, width: int) -> str:
    """The longest start of ``text`` in at most ``width`` columns, made of whole clusters (never
    half a wide character nor an emoji family cut into another picture)."""
    if text.isascii() or NARROW.fullmatch(text):
        return text[:max(width, 0)]
    used = 0
    for start, _, size in _clusters(text, 0, len(text)):  # only as far as the columns go
        if used + size > width:
            return text[:start]
        used += size
    return text


def last_cells(text: str, width: int) -> str:
    """The shortest end of ``text`` in at most ``width`` columns, made of whole clusters (no mark
    or joiner left over from a character cut away)."""
    if text.isascii() or NARROW.fullmatch(text):
        return text[len(text) - max(min(width, len(text)), 0):]
    # Clusters of a window at the end, from a character that starts one (not joined, not a mark);
    # the whole text when the window is narrower than the columns asked for.
    window = max(len(text) - 2 * max(width, 0) - 16, 0)
    while window > 0 and (text[window - 1] == JOINER or CHAR_WIDTHS[text[window]] == 0):
        window -= 1
    pieces = clusters(text, window)
    if window and sum(size for _, _, size in pieces) <= width:
        pieces = clusters(text)
    used = 0
    for index in range(len(pieces) - 1, -1, -1):
        if used + pieces[index][2] > width:
            rest = pieces[index + 1:]
            while rest and rest[0][2] == 0:  # a zero-width cluster at the cut: a leftover mark
                rest = rest[1:]
            return text[rest[0][0]:] if rest else ""
        used += pieces[index][2]
    return text


def shorten(text: str, width: int, placeholder: str = "…") -> str:
    """``text`` if it fits ``width`` columns, else its start and ``placeholder`` in at most as many
    (``text[:width - 1] + "…"`` for Latin text)."""
    if cell_width(text) <= width:
        return text
    return first_cells(text, max(width - cell_width(placeholder), 0)) + placeholder


def elide(text: str, width: int, tail: int = 15) -> str:
    """``text`` if it fits ``width`` columns, else its start, " … " and its last ``tail`` columns,
    in at most ``width`` (a long passage shown in a list: the transcript has the rest)."""
    if cell_width(text) <= width:
        return text
    return first_cells(text, max(width - tail - 5, 0)) + " … " + last_cells(text, tail)


def shorten_words(text: str, width: int, placeholder: str = " …") -> str:
    """``textwrap.shorten(text, width, placeholder=placeholder)`` in terminal columns: whitespace
    collapsed, whole words kept while they fit with the placeholder; a word wider than a line (a
    CJK sentence has no spaces: textwrap showed "…" alone) is cut by columns where the room ends.
    Text of one column a character gets textwrap's own answer."""
    import textwrap

    flat = " ".join(text.split())
    if is_narrow(flat) or len(flat) == cell_width(flat) and len(clusters(flat)) == len(flat):
        return textwrap.shorten(flat, width, placeholder=placeholder)
    if cell_width(flat) <= width:
        return flat
    room = max(width - cell_width(placeholder), 0)
    words, used = [], 0
    for word in flat.split(" "):
        size = cell_width(word) + (1 if words else 0)
        if used + size > room:
            if cell_width(word) > room:  # it would fit on no line (a sentence without spaces): cut it
                words.append(first_cells(word, room - used - (1 if words else 0)))
            break
        words.append(word)
        used += size
    return " ".join(words).rstrip() + placeholder


def pad_left(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` columns (``str.rjust`` counts characters)."""
    return " " * max(width - cell_width(text), 0) + text


def cluster_starts(text: str, start: int, end: int) -> list[int]:
    """Where the clusters of ``text[start:end]`` start, then ``end``: the places a row may be cut."""
    return [begin for begin, _, _ in clusters(text, start, end)] + [end]


def snap(starts: list[int], offset: int) -> int:
    """The start of the cluster holding ``offset``, among ``cluster_starts``."""
    return starts[max(bisect_right(starts, offset) - 1, 0)]
