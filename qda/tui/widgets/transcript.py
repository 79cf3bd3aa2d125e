"""The transcript: a virtualised view of one document with its codings.

A ``ScrollView`` over a precomputed ``Layout`` of wrapped rows (qda.navigation).
``render_line`` draws only the rows on screen; each drawn row is a ``Strip``
kept in a cache until something on that row changes (a coding, the cursor,
the selection, a search hit).  Adding or removing a coding drops only the rows
it covers, so one coding never re-renders the document.

Each row is drawn as: a margin of code bars (one lane per coding, in the
code's colour), a gutter with the speaker of a turn, then the text with coded
spans tinted in their code's colour (underlined where codings overlap).
"""

from __future__ import annotations

from typing import Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Coding
from ...navigation import Layout, Words, label_end, next_unit, previous_unit, unit_at

LANES = 4  # code bars drawn beside a row; more codings show a "+"
MARGIN = LANES + 1
GUTTER = 13  # columns of the speaker gutter, widened to the document's longest label up to MAX_GUTTER
MAX_GUTTER = 24  # a longer label is shortened with "…" (never cut silently)
NARROW = 36  # below this many text columns the speaker label stays inline
PALETTE = ["#E07A5F", "#3D85C6", "#81B29A", "#F2CC8F", "#B084CC", "#5FB3B3", "#D4A373", "#E5989B", "#9C89B8"]
SPEAKER_COLOURS = ["#5FAFD7", "#D7AF5F", "#AFD75F", "#D787AF", "#87D7D7", "#D7875F"]


class Transcript(ScrollView, can_focus=True):
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
        self._gutter = min(max([GUTTER, *(len(speaker) + 2 for speaker in speakers)]), MAX_GUTTER)
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

    # -- codings ------------------------------------------------------------------------

    def _index_all(self) -> None:
        self.row_codings = {}
        for coding in sorted(self.codings.values(), key=lambda c: (c.start, -c.end)):
            for row in self.wrap.rows_of(coding.start, coding.end):
                self.row_codings.setdefault(row, []).append(coding.id)

    def _assign_lanes(self) -> None:
        """Lanes for all codings at once: a sweep over their rows, smallest free lane first."""
        import heapq

        spans = sorted((self.wrap.row_of(c.start), self.wrap.row_of(max(c.end - 1, c.start)), c.id)
                       for c in self.codings.values())
        busy: list[tuple[int, int]] = []  # (last row, lane)
        free: list[int] = []
        next_lane = 0
        for first, last, coding_id in spans:
            while busy and busy[0][0] < first:
                heapq.heappush(free, heapq.heappop(busy)[1])
            if free:
                lane = heapq.heappop(free)
            else:
                lane, next_lane = next_lane, next_lane + 1
            self.lanes[coding_id] = lane
            heapq.heappush(busy, (last, lane))

    def _assign_lane(self, coding: Coding) -> None:
        used = {self.lanes.get(i) for row in self.wrap.rows_of(coding.start, coding.end)
                for i in self.row_codings.get(row, ()) if i != coding.id}
        lane = 0
        while lane in used:
            lane += 1
        self.lanes[coding.id] = lane

    def set_codings(self, codings: Iterable[Coding], relayout: bool = False) -> set[str]:
        """Show exactly ``codings``; redraw only rows whose codings changed. Returns changed ids."""
        wanted = {c.id: c for c in codings}
        if relayout:
            self.codings = wanted
            self.lanes = {}
            if self._layout_width:  # else on_resize indexes them once the width is known
                self._index_all()
                self._assign_lanes()
            self._cache.clear()
            self.refresh()
            return set(wanted)
        changed = {i for i in self.codings if i not in wanted or self.codings[i] != wanted[i]}
        changed |= {i for i in wanted if i not in self.codings}
        for coding_id in changed:
            if coding_id in self.codings:
                self.remove_coding(coding_id)
            if coding_id in wanted:
                self.add_coding(wanted[coding_id])
        return changed

    def add_coding(self, coding: Coding) -> None:
        self.codings[coding.id] = coding
        rows = self.wrap.rows_of(coding.start, coding.end)
        for row in rows:
            self.row_codings.setdefault(row, []).append(coding.id)
        self._assign_lane(coding)
        self._invalidate(rows)

    def remove_coding(self, coding_id: str) -> None:
        coding = self.codings.pop(coding_id, None)
        if coding is None:
            return
        rows = self.wrap.rows_of(coding.start, coding.end)
        for row in rows:
            ids = self.row_codings.get(row)
            if ids and coding_id in ids:
                ids.remove(coding_id)
        self.lanes.pop(coding_id, None)
        self._invalidate(rows)

    def set_colours(self, colours: dict[str, str]) -> None:
        if colours != self.colours:
            self.colours = dict(colours)
            self._bg.clear()
            self._cache.clear()
            self.refresh()

    def codings_at(self, start: int, end: int | None = None) -> list[Coding]:
        """Codings in view that cover ``start`` (or overlap ``[start, end)``), innermost first."""
        end = start + 1 if end is None or end <= start else end
        row_ids: set[str] = set()
        for row in self.wrap.rows_of(start, end):
            row_ids.update(self.row_codings.get(row, ()))
        found = [self.codings[i] for i in row_ids if self.codings[i].start < end and self.codings[i].end > start]
        return sorted(found, key=lambda c: (c.end - c.start, c.start, c.created))

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

    # -- cursor and selection ---------------------------------------------------------------

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

    def row_move(self, delta: int, extend: bool = False) -> None:
        row = self.wrap.row_of(self.cursor)
        column = self.cursor - self.wrap.rows[row].start
        self.move_to(self.wrap.offset_at(row + delta, column), extend)

    def page(self, direction: int, extend: bool = False) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        row = self.wrap.row_of(self.cursor)
        column = self.cursor - self.wrap.rows[row].start
        target = min(max(row + direction * height, 0), len(self.wrap) - 1)
        self.scroll_to(y=max(round(self.scroll_offset.y) + direction * height, 0), animate=False, immediate=True)
        self.move_to(self.wrap.offset_at(target, column), extend)

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

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.move_to(self._offset_at(event.x, event.y), extend=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            selection = self.selection
            if selection:
                self.select(*self.words.snap(*selection))

    # -- drawing ------------------------------------------------------------------------

    def _invalidate(self, rows: Iterable[int]) -> None:
        """Forget the rows' strips and repaint those on screen, in one refresh (each call of
        Textual's ``refresh`` costs as much as drawing a row)."""
        top = round(self.scroll_offset.y)
        width, height = self.size
        shown = []
        for row in rows:
            self._cache.pop(row, None)
            if top <= row < top + height:
                shown.append(Region(0, row - top, width, 1))
        if shown:
            self.refresh(*shown)

    def _style(self, key: tuple) -> Style:
        style = self._styles.get(key)
        if style is None:
            kind, code_id, overlap, hit, selected, cursor = key
            bgcolor = None
            if code_id:
                bgcolor = self._tint(code_id).hex
            if hit:
                bgcolor = "#7A6300"
            style = Style(
                bgcolor=bgcolor,
                dim=kind == "meta",
                italic=kind == "meta",
                underline=overlap,
                bold=hit,
                reverse=selected or cursor,
            )
            self._styles[key] = style
        return style

    def colour(self, code_id: str) -> str:
        colour = self.colours.get(code_id) or ""
        if not colour:
            colour = PALETTE[sum(map(ord, code_id)) % len(PALETTE)]
        return colour

    def _tint(self, code_id: str) -> Color:
        tint = self._bg.get(code_id)
        if tint is None:
            base = self.background_colors[1] if self.is_attached else Color.parse("#1E1E1E")
            tint = base.blend(Color.parse(self.colour(code_id)), 0.42)
            self._bg[code_id] = tint
            self._styles.clear()
        return tint

    def render_line(self, y: int) -> Strip:
        row_index = round(self.scroll_offset.y) + y
        width = self.size.width
        if row_index >= len(self.wrap) or not self.text:
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(row_index)
        if strip is None or strip.cell_length != width:
            strip = self._render_row(row_index, width)
            self._cache[row_index] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None

    def _render_row(self, index: int, width: int) -> Strip:
        self.renders += 1
        row = self.wrap.rows[index]
        # Textual computes ``rich_style`` from the ancestors again after every refresh: once per
        # style change is enough (focus changes the rows through the cursor, not the style).
        base = self._base = self._base or self.rich_style
        segments: list[Segment] = []
        ids = self.row_codings.get(index, ())
        row_codings = [self.codings[i] for i in ids]
        # margin: one bar per lane
        lanes = [" "] * LANES
        lane_styles: list[Style | None] = [None] * LANES
        for coding in row_codings:
            lane = self.lanes.get(coding.id, 0)
            if lane >= LANES:
                lanes[-1], lane_styles[-1] = "+", Style(bold=True)
                continue
            first = self.wrap.row_of(coding.start) == index
            last = self.wrap.row_of(max(coding.end - 1, coding.start)) == index
            lanes[lane] = "┃" if not (first or last) else ("▐" if first and last else ("╻" if first else "╹"))
            lane_styles[lane] = Style(color=self.colour(coding.code_id), bold=True)
        for glyph, style in zip(lanes, lane_styles):
            segments.append(Segment(glyph, style))
        segments.append(Segment(" "))
        # gutter
        gutter = self.label_gutter
        if gutter:
            label = row.label if len(row.label) <= gutter - 2 else row.label[: gutter - 3] + "…"
            colour = self._speaker_colour.get(row.label, "#5FAFD7")
            segments.append(Segment(label.rjust(gutter - 2) + "  ", Style(color=colour, bold=True) if label else None))
        # text
        start, end = row.start, row.end
        display = self.wrap.display
        points = {start, end}
        for coding in row_codings:
            points.add(min(max(coding.start, start), end))
            points.add(min(max(coding.end, start), end))
        selection = self.selection
        if selection:
            points.update(min(max(p, start), end) for p in selection)
        hits = self.hit_rows.get(index, ())
        for hit in hits:
            points.update(min(max(p, start), end) for p in hit)
        cursor = self.cursor if selection is None and self.has_focus else -1
        if start <= cursor < end:
            points.update((cursor, cursor + 1))
        if row.label_end > start:
            points.add(min(row.label_end, end))
        ordered = sorted(points)
        for a, b in zip(ordered, ordered[1:]):
            if a >= b:
                continue
            covering = [c for c in row_codings if c.start <= a < c.end]
            code_id = ""
            if covering:
                code_id = min(covering, key=lambda c: (c.end - c.start, c.created)).code_id
            kind = row.kind
            if a < row.label_end:
                segments.append(Segment(display[a:b], Style(color=self._speaker_colour.get(row.label, "#5FAFD7"), bold=True)))
                continue
            key = (kind, code_id, len(covering) > 1, any(h[0] <= a < h[1] for h in hits),
                   bool(selection and selection[0] <= a < selection[1]), a == cursor)
            segments.append(Segment(display[a:b], self._style(key)))
        if start == end and cursor == start and start <= len(self.text):
            segments.append(Segment(" ", Style(reverse=True)))
        strip = Strip(segments).crop_extend(0, width, None)
        return strip.apply_style(base)

    def on_focus(self) -> None:
        self._invalidate({self.wrap.row_of(self.cursor)})

    def on_blur(self) -> None:
        self._invalidate({self.wrap.row_of(self.cursor)})
