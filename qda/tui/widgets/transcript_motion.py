"""The cursor and the selection in the transcript: moving by word, line, page, sentence, turn or
paragraph, selecting with the keys or the mouse, and keeping the cursor in view."""

from __future__ import annotations

from textual import events

from ...navigation import next_unit, previous_unit, unit_at
from .transcript_drawing import MARGIN


class CursorAndSelection:
    """Part of ``Transcript``: ``cursor`` (an offset) and ``anchor`` (the other end of the selection, or None)."""

    @property
    def selection(self) -> tuple[int, int] | None:
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return (min(self.anchor, self.cursor), max(self.anchor, self.cursor))

    def _selection_rows(self) -> set[int]:
        rows = {self.wrap.row_of(self.cursor)}
        selection = self.selection
        if selection:
            rows.update(self.wrap.rows_of(*selection))
        return rows

    def move_to(self, offset: int, extend: bool = False, center: bool = False) -> None:
        """Put the cursor at ``offset``; with ``extend`` the selection runs from the anchor to it."""
        before = self._selection_rows()
        offset = min(max(offset, 0), len(self.text))
        if extend:
            if self.anchor is None:
                self.anchor = self.cursor
        else:
            self.anchor = None
        self.cursor = offset
        self._invalidate(before | self._selection_rows())
        self.scroll_to_cursor(center=center)
        self.post_message(self.CursorMoved(self, offset))

    def select(self, start: int, end: int, center: bool = False) -> None:
        """Select ``[start, end)``, the cursor at its end."""
        before = self._selection_rows()
        self.anchor, self.cursor = start, end
        self._invalidate(before | self._selection_rows())
        self.scroll_to_cursor(center=center, start=start)
        self.post_message(self.CursorMoved(self, start))

    def clear_selection(self) -> None:
        if self.anchor is not None:
            before = self._selection_rows()
            self.anchor = None
            self._invalidate(before)
            self.post_message(self.CursorMoved(self, self.cursor))

    def scroll_to_cursor(self, center: bool = False, start: int | None = None) -> None:
        height = self.scrollable_content_region.height or self.size.height
        if not height:
            return
        row = self.wrap.row_of(self.cursor)
        top_row = self.wrap.row_of(start) if start is not None else row
        y = round(self.scroll_offset.y)
        if center and not (y <= top_row and row < y + height):
            self.scroll_to(y=max(top_row - height // 3, 0), animate=False, immediate=True)
        elif top_row < y:
            self.scroll_to(y=top_row, animate=False, immediate=True)
        elif row >= y + height:
            self.scroll_to(y=min(row - height + 1, top_row) if row - top_row < height else top_row,
                           animate=False, immediate=True)

    def unit_spans(self, kind: str) -> list[tuple[int, int]]:
        return self.units.get(kind, [])

    # movement used by the app's actions
    def word_right(self, extend: bool = False) -> None:
        self.move_to(self.words.end_after(self.cursor) if extend else self.words.next_start(self.cursor), extend)

    def word_left(self, extend: bool = False) -> None:
        self.move_to(self.words.previous_start(self.cursor), extend)

    _goal: tuple[int, int] | None = None  # (screen column wanted, the offset it was wanted from)

    def _goal_column(self) -> int:
        """The screen column up and down keep: the cursor's, or the one wanted before a shorter row
        (a blank line between turns) took the cursor to its start; columns, not characters."""
        if self._goal is not None and self._goal[1] == self.cursor:
            return self._goal[0]
        return self.wrap.column_of(self.cursor)

    def _move_to_column(self, row: int, column: int, extend: bool) -> None:
        self.move_to(self.wrap.offset_at(row, column), extend)
        self._goal = (column, self.cursor)

    def row_move(self, delta: int, extend: bool = False) -> None:
        self._move_to_column(self.wrap.row_of(self.cursor) + delta, self._goal_column(), extend)

    def page(self, direction: int, extend: bool = False) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        row = self.wrap.row_of(self.cursor)
        column = self._goal_column()
        target = min(max(row + direction * height, 0), len(self.wrap) - 1)
        self.scroll_to(y=max(round(self.scroll_offset.y) + direction * height, 0), animate=False, immediate=True)
        self._move_to_column(target, column, extend)

    def line_edge(self, end: bool, extend: bool = False) -> None:
        row = self.wrap.rows[self.wrap.row_of(self.cursor)]
        self.move_to(row.end if end else row.start, extend)

    def select_unit(self, kind: str, direction: int = 1) -> tuple[int, int] | None:
        """Select the unit at the cursor; if it is already selected, the next (or previous) one."""
        spans = self.unit_spans(kind)
        if not spans:
            return None
        current = unit_at(spans, self.cursor if self.selection is None else self.selection[0])
        if current and self.selection != current and direction > 0:
            target = current
        elif direction > 0:
            target = next_unit(spans, self.selection[0] if self.selection else self.cursor) or current
        else:
            target = previous_unit(spans, self.selection[0] if self.selection else self.cursor) or current
        if target:
            self.select(*target)
        return target

    def extend_unit(self, kind: str, direction: int = 1) -> None:
        """Grow (or, backwards, shrink) the selection by one unit."""
        spans = self.unit_spans(kind)
        selection = self.selection
        if not spans:
            return
        if selection is None:
            self.select_unit(kind)
            return
        start, end = selection
        if direction > 0:
            following = next_unit(spans, end - 1)
            if following:
                self.select(start, following[1])
        else:
            last = unit_at(spans, end - 1)
            if last and last[0] > start:
                self.select(start, last[0] if self.text[last[0] - 1:last[0]] != " " else last[0] - 1)

    # -- actions bound to keys --------------------------------------------------------------

    _last_unit = "sentence"
    _pressed = 0  # the offset the mouse was pressed at

    def action_word(self, direction: int, extend: bool = False) -> None:
        if direction > 0:
            self.word_right(extend)
        else:
            self.word_left(extend)

    def action_row(self, delta: int, extend: bool = False) -> None:
        self.row_move(delta, extend)

    def action_page(self, direction: int) -> None:
        self.page(direction)

    def action_edge(self, end: bool) -> None:
        self.line_edge(end)

    def action_document_edge(self, end: bool) -> None:
        self.move_to(len(self.text) if end else 0)

    def action_unit(self, kind: str, direction: int) -> None:
        self._last_unit = kind
        self.select_unit(kind, direction)

    def action_extend(self, direction: int) -> None:
        self.extend_unit(self._last_unit, direction)

    # -- mouse --------------------------------------------------------------------------

    def _offset_at(self, x: int, y: int) -> int:
        row = min(max(round(self.scroll_offset.y) + y, 0), max(len(self.wrap) - 1, 0))
        return self.wrap.offset_at(row, x - MARGIN - self.label_gutter)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if not self.text:
            return
        self.focus()
        self._dragging = True
        self.capture_mouse()
        self.move_to(self._offset_at(event.x, event.y))
        self._pressed = self.cursor

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """A drag selects the characters under the pointer and under the press, both included (in
        Chinese or Japanese a character is a word: leaving out the last one would lose it)."""
        if not self._dragging:
            return
        pointer, pressed = self._offset_at(event.x, event.y), self._pressed
        before = self._selection_rows()
        if pointer == pressed:
            self.move_to(pressed)
        elif pointer > pressed:
            self.anchor = pressed
            self.move_to(self.wrap.after(pointer), extend=True)
        else:
            self.anchor = self.wrap.after(pressed)
            self.move_to(pointer, extend=True)
        self._invalidate(before)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            selection = self.selection
            if selection:
                self.select(*self.words.snap(*selection))
