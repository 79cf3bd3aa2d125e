"""The transcript: a virtualised view of one document with its codings.

A ``ScrollView`` over a precomputed ``Layout`` of wrapped rows (qda.navigation).
``render_line`` draws only the rows on screen; each drawn row is a ``Strip``
kept in a cache until something on that row changes (a coding, the cursor,
the selection, a search hit).  Adding or removing a coding drops only the rows
it covers, so one coding never re-renders the document.

The widget is this module (loading a document, laying it out for the width, search hits)
with three parts: ``transcript_codings`` (the codings in view and their lanes),
``transcript_motion`` (cursor and selection) and ``transcript_drawing`` (the rows drawn).
"""

from __future__ import annotations

from typing import Iterable, Sequence

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Coding
from ...navigation import Layout, Words, label_end
from ...cells import cell_width
from .transcript_codings import CodingsInView
from .transcript_drawing import MARGIN, RowDrawing
from .transcript_motion import CursorAndSelection

GUTTER = 13  # columns of the speaker gutter, widened to the document's longest label up to MAX_GUTTER
MAX_GUTTER = 24  # a longer label is shortened with "…" (never cut silently)
NARROW = 36  # below this many text columns the speaker label stays inline
SPEAKER_COLOURS = ["#5FAFD7", "#D7AF5F", "#AFD75F", "#D787AF", "#87D7D7", "#D7875F"]


class Transcript(RowDrawing, CodingsInView, CursorAndSelection, ScrollView, can_focus=True):
    """One document's text; the cursor, the selection and the codings in view."""

    BINDINGS = [
        Binding("right", "word(1)", "Next word", show=False, id="move.word_right"),
        Binding("left", "word(-1)", "Previous word", show=False, id="move.word_left"),
        Binding("shift+right", "word(1, True)", "Extend by a word", show=False, id="select.word_right"),
        Binding("shift+left", "word(-1, True)", "Shrink/extend back by a word", show=False, id="select.word_left"),
        Binding("down", "row(1)", "Next line", show=False, id="move.down"),
        Binding("up", "row(-1)", "Previous line", show=False, id="move.up"),
        Binding("shift+down", "row(1, True)", "Extend by a line", show=False, id="select.down"),
        Binding("shift+up", "row(-1, True)", "Extend up by a line", show=False, id="select.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="move.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="move.page_up"),
        Binding("home", "edge(False)", "Start of line", show=False, id="move.home"),
        Binding("end", "edge(True)", "End of line", show=False, id="move.end"),
        Binding("ctrl+home", "document_edge(False)", "Start of document", show=False, id="move.top"),
        Binding("ctrl+end", "document_edge(True)", "End of document", show=False, id="move.bottom"),
        Binding("s", "unit('sentence', 1)", "Sentence", id="select.sentence", tooltip="Select the sentence; again: the next one"),
        Binding("S", "unit('sentence', -1)", "Previous sentence", show=False, id="select.sentence_back"),
        Binding("t", "unit('turn', 1)", "Turn", id="select.turn", tooltip="Select the speaker turn; again: the next one"),
        Binding("T", "unit('turn', -1)", "Previous turn", show=False, id="select.turn_back"),
        Binding("p", "unit('paragraph', 1)", "Paragraph", show=False, id="select.paragraph"),
        Binding("P", "unit('paragraph', -1)", "Previous paragraph", show=False, id="select.paragraph_back"),
        Binding("plus,equals_sign", "extend(1)", "Grow selection by a unit", show=False, id="select.grow", key_display="+"),
        Binding("minus", "extend(-1)", "Shrink selection by a unit", show=False, id="select.shrink", key_display="-"),
        Binding("escape", "app.clear", "Clear selection and search", show=False, id="select.clear"),
    ]

    DEFAULT_CSS = """
    Transcript { background: $surface; }
    """

    class CursorMoved(Message):
        """The cursor or the selection changed."""

        def __init__(self, transcript: "Transcript", offset: int) -> None:
            super().__init__()
            self.transcript = transcript
            self.offset = offset

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self.document_id = ""
        self.turns: list[tuple[int, int, str]] = []
        self.units: dict[str, list[tuple[int, int]]] = {}
        self.wrap = Layout("", 80)
        self._words: Words | None = Words("")
        self.codings: dict[str, Coding] = {}
        self.row_codings: dict[int, list[str]] = {}
        self.lanes: dict[str, int] = {}
        self.colours: dict[str, str] = {}  # code id -> "#RRGGBB"
        self.cursor = 0
        self.anchor: int | None = None
        self.hits: list[tuple[int, int]] = []
        self.hit_rows: dict[int, list[tuple[int, int]]] = {}
        self._cache: dict[int, Strip] = {}
        self._styles: dict[tuple, Style] = {}
        self._bg: dict[str, Color] = {}
        self._speaker_colour: dict[str, str] = {}
        self._layout_width = 0
        self._gutter = GUTTER
        self._dragging = False
        self._base: Style | None = None  # the widget's own style, kept until its styles change
        self.renders = 0  # rows drawn (not served from the cache): for tests and the benchmark

    # -- loading --------------------------------------------------------------------

    def load(self, document_id: str, text: str, turns: Sequence[tuple[int, int, str]],
             units: dict[str, list[tuple[int, int]]], codings: Iterable[Coding], colours: dict[str, str],
             cursor: int = 0) -> None:
        """Show a document: its text, turns, units (sentence/paragraph/turn spans) and codings."""
        self.document_id = document_id
        self.text = text
        self.turns = list(turns)
        self.units = units
        self.colours = dict(colours)
        self._bg.clear()
        self.hits, self.hit_rows = [], {}
        self.anchor = None
        speakers = sorted({t[2] for t in self.turns})
        self._gutter = min(max([GUTTER, *(cell_width(speaker) + 2 for speaker in speakers)]), MAX_GUTTER)
        self._speaker_colour = {s: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)] for i, s in enumerate(speakers)}
        self._relayout(force=True)
        self.set_codings(codings, relayout=True)
        self.move_to(min(max(cursor, 0), max(len(text) - 1, 0)), center=True)
        # The scroll range follows the new virtual size only after a refresh: scroll again then,
        # or a document reopened deep in its text would show its top.
        self.call_after_refresh(self._scroll_to_selection)

    def _scroll_to_selection(self) -> None:
        self.scroll_to_cursor(center=True, start=self.selection[0] if self.selection else None)

    @property
    def words(self) -> Words:
        if self._words is None:
            skip = [(t[0], label_end(self.text, t[0], t[2])) for t in self.turns] if self.label_gutter else []
            self._words = Words(self.text, skip=skip)
        return self._words

    @property
    def text_width(self) -> int:
        return max(self.size.width - MARGIN - self.label_gutter - 2, 8)

    @property
    def label_gutter(self) -> int:
        gutter = self._gutter
        return gutter if self.size.width - MARGIN - gutter >= NARROW else 0

    def _relayout(self, force: bool = False) -> None:
        width = self.size.width
        if not width:  # not laid out yet: on_resize does it once the width is known
            self._layout_width = 0
            self.wrap = Layout("", 8)
            return
        if not force and width == self._layout_width:
            return
        self._layout_width = width
        gutter = self.label_gutter
        self.wrap = Layout(self.text, self.text_width, self.turns, gutter=gutter)
        self._words = None  # built on first use, or just after the first frame
        self.call_after_refresh(lambda: self.words)
        self.virtual_size = Size(width, len(self.wrap))
        self._cache.clear()
        self._index_all()
        self._index_hits()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.size.width != self._layout_width and self.text:
            cursor, anchor = self.cursor, self.anchor
            self._relayout()
            self.set_codings(list(self.codings.values()), relayout=True)
            self.cursor, self.anchor = cursor, anchor
            # The whole selection in view, from its start (not only the cursor at its end), once
            # the scroll range follows the new number of rows.
            self._scroll_to_selection()
            self.call_after_refresh(self._scroll_to_selection)


    # -- search hits --------------------------------------------------------------------

    def set_hits(self, hits: list[tuple[int, int]]) -> None:
        old = set(self.hit_rows)
        self.hits = hits
        self._index_hits()
        self._invalidate(old | set(self.hit_rows))

    def _index_hits(self) -> None:
        self.hit_rows = {}
        for hit in self.hits:
            for row in self.wrap.rows_of(*hit):
                self.hit_rows.setdefault(row, []).append(hit)
