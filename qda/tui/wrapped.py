"""Text cut in rows as the transcript cuts it, for every pane that wraps: details, memos, quotes.

rich wraps at spaces and, in Chinese or Japanese (no spaces between words), where a row is full, so a
memo or a quote could start a row with "。" or "、" that the transcript would never show so.
``qda.navigation.Layout`` cuts rows at spaces, between clusters (``qda.cells``) and by the rules of
``qda.line_breaks`` (kinsoku); ``wrapped_rows`` hands its rows to rich with their styles."""

from __future__ import annotations

from rich.measure import Measurement
from rich.text import Text

from ..navigation import Layout


def wrapped_rows(text: Text, width: int) -> list[Text]:
    """``text`` in rows of at most ``width`` columns (8 at least, as the transcript), its styles kept,
    a row's trailing spaces dropped; control characters drawn as spaces (``qda.cells.visible``)."""
    layout = Layout(text.plain, width)
    shown = text.copy()
    shown.plain = layout.display  # the same length: the spans stay where they were
    rows = list(shown.divide([row.start for row in layout.rows[1:]]))
    for row in rows:
        row.rstrip()
    return rows


class Wrapped:
    """``text`` as a rich renderable drawn in ``wrapped_rows`` at the width it is given."""

    def __init__(self, text: Text | str) -> None:
        self.text = text if isinstance(text, Text) else Text(text)

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console, options):
        rows = Text("\n", no_wrap=True, overflow="crop").join(wrapped_rows(self.text, options.max_width))
        rows.no_wrap, rows.overflow = True, "crop"
        yield rows

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement.get(console, options, self.text)
